//! CloudWatch alarms and the metric catalog: DescribeAlarms, DescribeAlarmHistory and
//! ListMetrics, one page at a time. SDK types stop here; what leaves is `Alarm`,
//! `HistoryItem` and `Metric`. (Charts and GetMetricData are `cloudwatch.rs`'s.)

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_cloudwatch::types;
use std::sync::Arc;

/// The three states an alarm can be in, in the order a person wants to read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlarmState {
    Alarm,
    InsufficientData,
    Ok,
}

impl AlarmState {
    pub const ALL: [AlarmState; 3] = [
        AlarmState::Alarm,
        AlarmState::InsufficientData,
        AlarmState::Ok,
    ];

    /// As CloudWatch spells it: `ALARM`, `INSUFFICIENT_DATA`, `OK`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
            AlarmState::Ok => "OK",
        }
    }

    /// `ALARM`, `alarm`, `insufficient`, `insufficient_data`, `ok` (what `:alarms STATE` takes).
    pub fn parse(text: &str) -> Option<AlarmState> {
        match text.to_ascii_uppercase().replace('-', "_").as_str() {
            "ALARM" => Some(AlarmState::Alarm),
            "INSUFFICIENT_DATA" | "INSUFFICIENT" => Some(AlarmState::InsufficientData),
            "OK" => Some(AlarmState::Ok),
            _ => None,
        }
    }
}

/// One metric with its dimensions, as ListMetrics and metric alarms name it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metric {
    pub namespace: String,
    pub name: String,
    /// `(name, value)` in the order CloudWatch gave them.
    pub dimensions: Vec<(String, String)>,
}

/// What a metric alarm watches and when it fires.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Watch {
    /// The metric; for a metric-math alarm, `None` (its queries are in `queries`).
    pub metric: Option<Metric>,
    /// `Average`, `Maximum`… or an extended statistic (`p99`).
    pub statistic: Option<String>,
    pub period: Option<i32>,
    pub unit: Option<String>,
    pub evaluation_periods: Option<i32>,
    pub datapoints_to_alarm: Option<i32>,
    pub threshold: Option<f64>,
    /// `GreaterThanThreshold`, …, or an anomaly band's operator.
    pub comparison: Option<String>,
    /// The anomaly-detection band's id when the threshold is a band, not a number.
    pub threshold_metric_id: Option<String>,
    pub treat_missing_data: Option<String>,
    /// Metric math: each query of the alarm (`m1 = AWS/EC2 CPUUtilization …`, `e1 = m1*100`).
    pub queries: Vec<Query>,
}

/// One query of a metric-math alarm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub id: String,
    pub expression: Option<String>,
    pub metric: Option<Metric>,
    pub statistic: Option<String>,
    pub period: Option<i32>,
    /// The query whose values the alarm compares with the threshold.
    pub returned: bool,
}

/// A metric alarm (it watches a metric) or a composite alarm (a rule over other alarms).
#[derive(Clone, Debug, PartialEq)]
pub enum AlarmKind {
    Metric(Box<Watch>),
    Composite { rule: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alarm {
    pub name: String,
    pub arn: String,
    pub description: Option<String>,
    pub kind: AlarmKind,
    /// `None`: a state this build does not know (shown as CloudWatch says it).
    pub state: Option<AlarmState>,
    pub state_text: String,
    pub state_reason: String,
    /// JSON CloudWatch attaches to the reason (the datapoints that crossed the threshold).
    pub state_reason_data: Option<String>,
    /// When the state last changed, seconds since the epoch.
    pub state_updated: Option<i64>,
    pub actions_enabled: bool,
    pub alarm_actions: Vec<String>,
    pub ok_actions: Vec<String>,
    pub insufficient_data_actions: Vec<String>,
}

impl Alarm {
    pub fn is_composite(&self) -> bool {
        matches!(self.kind, AlarmKind::Composite { .. })
    }

    pub fn watch(&self) -> Option<&Watch> {
        match &self.kind {
            AlarmKind::Metric(w) => Some(w.as_ref()),
            AlarmKind::Composite { .. } => None,
        }
    }
}

/// One entry of an alarm's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryItem {
    /// Milliseconds since the epoch.
    pub at: Option<i64>,
    /// `StateUpdate`, `ConfigurationUpdate`, `Action`.
    pub kind: String,
    pub summary: String,
    /// The item's JSON (old and new state, the datapoints), as CloudWatch sent it.
    pub data: Option<String>,
}

pub trait AlarmsApi: Send + Sync {
    /// One page of DescribeAlarms (metric and composite alarms), only those in `state` if given.
    fn alarms_page(
        &self,
        ctx: ContextKey,
        state: Option<AlarmState>,
        token: Option<String>,
    ) -> PageFuture<Alarm>;
    /// One page of an alarm's history, newest first (CloudWatch's own order).
    fn history_page(
        &self,
        ctx: ContextKey,
        alarm: String,
        token: Option<String>,
    ) -> PageFuture<HistoryItem>;
    /// One page of ListMetrics, in `namespace` and of `metric` when given.
    fn metrics_page(
        &self,
        ctx: ContextKey,
        namespace: Option<String>,
        metric: Option<String>,
        token: Option<String>,
    ) -> PageFuture<Metric>;
}

pub struct SdkAlarms {
    configs: Arc<SdkConfigs>,
}

impl SdkAlarms {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkAlarms { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_cloudwatch::Client {
    aws_sdk_cloudwatch::Client::new(&configs.get(ctx).await)
}

impl AlarmsApi for SdkAlarms {
    fn alarms_page(
        &self,
        ctx: ContextKey,
        state: Option<AlarmState>,
        token: Option<String>,
    ) -> PageFuture<Alarm> {
        let configs = self.configs.clone();
        Box::pin(async move { alarms_page(&client(&configs, &ctx).await, state, token).await })
    }

    fn history_page(
        &self,
        ctx: ContextKey,
        alarm: String,
        token: Option<String>,
    ) -> PageFuture<HistoryItem> {
        let configs = self.configs.clone();
        Box::pin(async move { history_page(&client(&configs, &ctx).await, &alarm, token).await })
    }

    fn metrics_page(
        &self,
        ctx: ContextKey,
        namespace: Option<String>,
        metric: Option<String>,
        token: Option<String>,
    ) -> PageFuture<Metric> {
        let configs = self.configs.clone();
        Box::pin(async move {
            metrics_page(&client(&configs, &ctx).await, namespace, metric, token).await
        })
    }
}

/// DescribeAlarms returns at most 100 a page (its maximum).
const ALARMS_PER_PAGE: i32 = 100;

pub async fn alarms_page(
    cw: &aws_sdk_cloudwatch::Client,
    state: Option<AlarmState>,
    token: Option<String>,
) -> Result<Page<Alarm>, AwsError> {
    let out = cw
        .describe_alarms()
        // Without this CloudWatch leaves composite alarms out.
        .alarm_types(types::AlarmType::CompositeAlarm)
        .alarm_types(types::AlarmType::MetricAlarm)
        .set_state_value(state.map(|s| types::StateValue::from(s.as_str())))
        .max_records(ALARMS_PER_PAGE)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let mut alarms: Vec<Alarm> = out.metric_alarms().iter().map(metric_alarm).collect();
    alarms.extend(out.composite_alarms().iter().map(composite_alarm));
    Ok(Page::new(alarms, out.next_token().map(str::to_owned)))
}

pub async fn history_page(
    cw: &aws_sdk_cloudwatch::Client,
    alarm: &str,
    token: Option<String>,
) -> Result<Page<HistoryItem>, AwsError> {
    let out = cw
        .describe_alarm_history()
        .alarm_name(alarm)
        .alarm_types(types::AlarmType::CompositeAlarm)
        .alarm_types(types::AlarmType::MetricAlarm)
        .scan_by(types::ScanBy::TimestampDescending)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let items = out
        .alarm_history_items()
        .iter()
        .map(|h| HistoryItem {
            at: h.timestamp().and_then(|t| t.to_millis().ok()),
            kind: h
                .history_item_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            summary: h.history_summary().unwrap_or_default().to_string(),
            data: h.history_data().map(str::to_owned),
        })
        .collect();
    Ok(Page::new(items, out.next_token().map(str::to_owned)))
}

pub async fn metrics_page(
    cw: &aws_sdk_cloudwatch::Client,
    namespace: Option<String>,
    metric: Option<String>,
    token: Option<String>,
) -> Result<Page<Metric>, AwsError> {
    let out = cw
        .list_metrics()
        .set_namespace(namespace)
        .set_metric_name(metric)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let metrics = out.metrics().iter().map(listed_metric).collect();
    Ok(Page::new(metrics, out.next_token().map(str::to_owned)))
}

fn dimensions(d: &[types::Dimension]) -> Vec<(String, String)> {
    d.iter()
        .map(|d| {
            (
                d.name().unwrap_or_default().to_string(),
                d.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn listed_metric(m: &types::Metric) -> Metric {
    Metric {
        namespace: m.namespace().unwrap_or_default().to_string(),
        name: m.metric_name().unwrap_or_default().to_string(),
        dimensions: dimensions(m.dimensions()),
    }
}

fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(|t| t.secs())
}

fn query(q: &types::MetricDataQuery) -> Query {
    let stat = q.metric_stat();
    Query {
        id: q.id().unwrap_or_default().to_string(),
        expression: q.expression().map(str::to_owned),
        metric: stat.and_then(|s| s.metric()).map(listed_metric),
        statistic: stat.and_then(|s| s.stat()).map(str::to_owned),
        period: stat.and_then(|s| s.period()).or(q.period()),
        returned: q.return_data().unwrap_or(true),
    }
}

fn metric_alarm(a: &types::MetricAlarm) -> Alarm {
    let metric = a.metric_name().map(|name| Metric {
        namespace: a.namespace().unwrap_or_default().to_string(),
        name: name.to_string(),
        dimensions: dimensions(a.dimensions()),
    });
    let watch = Watch {
        metric,
        statistic: a
            .statistic()
            .map(|s| s.as_str().to_string())
            .or_else(|| a.extended_statistic().map(str::to_owned)),
        period: a.period(),
        unit: a.unit().map(|u| u.as_str().to_string()),
        evaluation_periods: a.evaluation_periods(),
        datapoints_to_alarm: a.datapoints_to_alarm(),
        threshold: a.threshold(),
        comparison: a.comparison_operator().map(|c| c.as_str().to_string()),
        threshold_metric_id: a.threshold_metric_id().map(str::to_owned),
        treat_missing_data: a.treat_missing_data().map(str::to_owned),
        queries: a.metrics().iter().map(query).collect(),
    };
    let state = a.state_value().map(|s| s.as_str().to_string());
    Alarm {
        name: a.alarm_name().unwrap_or_default().to_string(),
        arn: a.alarm_arn().unwrap_or_default().to_string(),
        description: a.alarm_description().map(str::to_owned),
        kind: AlarmKind::Metric(Box::new(watch)),
        state: state.as_deref().and_then(AlarmState::parse),
        state_text: state.unwrap_or_default(),
        state_reason: a.state_reason().unwrap_or_default().to_string(),
        state_reason_data: a.state_reason_data().map(str::to_owned),
        state_updated: secs(a.state_updated_timestamp()),
        actions_enabled: a.actions_enabled().unwrap_or(true),
        alarm_actions: a.alarm_actions().to_vec(),
        ok_actions: a.ok_actions().to_vec(),
        insufficient_data_actions: a.insufficient_data_actions().to_vec(),
    }
}

fn composite_alarm(a: &types::CompositeAlarm) -> Alarm {
    let state = a.state_value().map(|s| s.as_str().to_string());
    Alarm {
        name: a.alarm_name().unwrap_or_default().to_string(),
        arn: a.alarm_arn().unwrap_or_default().to_string(),
        description: a.alarm_description().map(str::to_owned),
        kind: AlarmKind::Composite {
            rule: a.alarm_rule().unwrap_or_default().to_string(),
        },
        state: state.as_deref().and_then(AlarmState::parse),
        state_text: state.unwrap_or_default(),
        state_reason: a.state_reason().unwrap_or_default().to_string(),
        state_reason_data: a.state_reason_data().map(str::to_owned),
        state_updated: secs(a.state_updated_timestamp()),
        actions_enabled: a.actions_enabled().unwrap_or(true),
        alarm_actions: a.alarm_actions().to_vec(),
        ok_actions: a.ok_actions().to_vec(),
        insufficient_data_actions: a.insufficient_data_actions().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_as_typed_and_as_cloudwatch_spells_them() {
        assert_eq!(AlarmState::parse("alarm"), Some(AlarmState::Alarm));
        assert_eq!(
            AlarmState::parse("insufficient-data"),
            Some(AlarmState::InsufficientData)
        );
        assert_eq!(
            AlarmState::parse("INSUFFICIENT"),
            Some(AlarmState::InsufficientData)
        );
        assert_eq!(AlarmState::parse("Ok"), Some(AlarmState::Ok));
        assert_eq!(AlarmState::parse("red"), None);
        assert!(AlarmState::Alarm < AlarmState::InsufficientData);
        assert!(AlarmState::InsufficientData < AlarmState::Ok);
    }

    /// What the emulator cannot answer: DescribeAlarmHistory (moto 5.2.5 has no handler) and a
    /// composite alarm's shape, through recorded answers.
    mod against_sdk_mocks {
        use super::super::*;
        use aws_sdk_cloudwatch::operation::describe_alarm_history::DescribeAlarmHistoryOutput;
        use aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsOutput;
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};

        fn client(interceptor: MockResponseInterceptor) -> aws_sdk_cloudwatch::Client {
            let config = aws_sdk_cloudwatch::Config::builder()
                .behavior_version(aws_sdk_cloudwatch::config::BehaviorVersion::latest())
                .region(aws_sdk_cloudwatch::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_cloudwatch::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(interceptor)
                .build();
            aws_sdk_cloudwatch::Client::from_conf(config)
        }

        #[tokio::test]
        async fn history_pages_come_newest_first_with_their_json() {
            let first = mock!(aws_sdk_cloudwatch::Client::describe_alarm_history)
                .match_requests(|r| {
                    r.alarm_name() == Some("cpu-high")
                        && r.scan_by() == Some(&types::ScanBy::TimestampDescending)
                        && r.next_token().is_none()
                })
                .then_output(|| {
                    DescribeAlarmHistoryOutput::builder()
                        .alarm_history_items(
                            types::AlarmHistoryItem::builder()
                                .alarm_name("cpu-high")
                                .timestamp(aws_smithy_types::DateTime::from_secs(1_700_000_100))
                                .history_item_type(types::HistoryItemType::StateUpdate)
                                .history_summary("Alarm updated from OK to ALARM")
                                .history_data(r#"{"newState":{"stateValue":"ALARM"}}"#)
                                .build(),
                        )
                        .next_token("t2")
                        .build()
                });
            let second = mock!(aws_sdk_cloudwatch::Client::describe_alarm_history)
                .match_requests(|r| r.next_token() == Some("t2"))
                .then_output(|| {
                    DescribeAlarmHistoryOutput::builder()
                        .alarm_history_items(
                            types::AlarmHistoryItem::builder()
                                .timestamp(aws_smithy_types::DateTime::from_secs(1_700_000_000))
                                .history_item_type(types::HistoryItemType::ConfigurationUpdate)
                                .history_summary("Alarm \"cpu-high\" created")
                                .build(),
                        )
                        .build()
                });
            let cw = client(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::Sequential)
                    .with_rule(&first)
                    .with_rule(&second),
            );
            let page = history_page(&cw, "cpu-high", None).await.unwrap();
            assert_eq!(page.next.as_deref(), Some("t2"));
            assert_eq!(
                page.items,
                vec![HistoryItem {
                    at: Some(1_700_000_100_000),
                    kind: "StateUpdate".into(),
                    summary: "Alarm updated from OK to ALARM".into(),
                    data: Some(r#"{"newState":{"stateValue":"ALARM"}}"#.into()),
                }]
            );
            let page = history_page(&cw, "cpu-high", Some("t2".into()))
                .await
                .unwrap();
            assert_eq!(page.next, None);
            assert_eq!(page.items[0].kind, "ConfigurationUpdate");
            assert_eq!(page.items[0].data, None);
        }

        #[tokio::test]
        async fn composite_and_metric_math_alarms_keep_their_rule_and_queries() {
            let rule = mock!(aws_sdk_cloudwatch::Client::describe_alarms)
                .match_requests(|r| {
                    r.alarm_types().contains(&types::AlarmType::CompositeAlarm)
                        && r.state_value() == Some(&types::StateValue::Alarm)
                })
                .then_output(|| {
                    let math = types::MetricAlarm::builder()
                        .alarm_name("error-rate")
                        .state_value(types::StateValue::Alarm)
                        .threshold(5.0)
                        .comparison_operator(types::ComparisonOperator::GreaterThanThreshold)
                        .evaluation_periods(2)
                        .metrics(
                            types::MetricDataQuery::builder()
                                .id("m1")
                                .return_data(false)
                                .metric_stat(
                                    types::MetricStat::builder()
                                        .metric(
                                            types::Metric::builder()
                                                .namespace("AWS/Lambda")
                                                .metric_name("Errors")
                                                .dimensions(
                                                    types::Dimension::builder()
                                                        .name("FunctionName")
                                                        .value("checkout")
                                                        .build(),
                                                )
                                                .build(),
                                        )
                                        .period(60)
                                        .stat("Sum")
                                        .build(),
                                )
                                .build(),
                        )
                        .metrics(
                            types::MetricDataQuery::builder()
                                .id("e1")
                                .expression("m1 * 100")
                                .build(),
                        )
                        .build();
                    let composite = types::CompositeAlarm::builder()
                        .alarm_name("checkout-down")
                        .alarm_rule("ALARM(error-rate) AND ALARM(latency)")
                        .state_value(types::StateValue::Alarm)
                        .state_reason("error-rate is in ALARM")
                        .build();
                    DescribeAlarmsOutput::builder()
                        .metric_alarms(math)
                        .composite_alarms(composite)
                        .build()
                });
            let cw = client(MockResponseInterceptor::new().with_rule(&rule));
            let page = alarms_page(&cw, Some(AlarmState::Alarm), None)
                .await
                .unwrap();
            assert_eq!(page.items.len(), 2);
            let math = page.items[0].watch().expect("a metric alarm");
            assert_eq!(math.metric, None, "metric math names no single metric");
            assert_eq!(math.queries.len(), 2);
            assert_eq!(math.queries[0].metric.as_ref().unwrap().name, "Errors");
            assert!(!math.queries[0].returned);
            assert_eq!(math.queries[1].expression.as_deref(), Some("m1 * 100"));
            assert!(math.queries[1].returned);
            let composite = &page.items[1];
            assert!(composite.is_composite());
            assert_eq!(composite.state, Some(AlarmState::Alarm));
            assert_eq!(
                composite.kind,
                AlarmKind::Composite {
                    rule: "ALARM(error-rate) AND ALARM(latency)".into()
                }
            );
        }
    }
}
