//! CloudWatch metrics: many series in one `GetMetricData` call. The SDK's types stop here: a
//! query goes in as `MetricQuery`, each answer comes out as a `Series` sorted by time.

use super::error::AwsError;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat, ScanBy};
use aws_smithy_types::DateTime;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;

/// The most queries one `GetMetricData` call may carry.
pub const QUERIES_PER_CALL: usize = 500;

/// One metric statistic to read: `id` names its answer (CloudWatch wants it to start with a
/// lower-case letter and hold only letters, digits and `_`).
#[derive(Clone, Debug, PartialEq)]
pub struct MetricQuery {
    pub id: String,
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    /// `Average`, `Sum`, `Maximum`, `Minimum`, `SampleCount` or a percentile (`p99`).
    pub stat: String,
}

/// The answer to one query: points sorted by time (milliseconds since the epoch). A period with
/// no data has no point, so a gap stays a gap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub id: String,
    pub label: String,
    pub points: Vec<(i64, f64)>,
    /// `Complete`, or `PartialData` when CloudWatch stopped early (too many points).
    pub status: String,
}

impl Series {
    /// Puts the points in time order (CloudWatch may answer newest first, or across pages).
    pub fn sort(&mut self) {
        self.points.sort_by_key(|(t, _)| *t);
        self.points.dedup_by_key(|(t, _)| *t);
    }
}

pub trait MetricsApi: Send + Sync {
    /// Every query's points between `start_ms` and `end_ms` at `period_s` granularity, in as
    /// few calls as the API allows (`QUERIES_PER_CALL` a call, every `NextToken` followed).
    fn metric_data(
        &self,
        ctx: ContextKey,
        queries: Vec<MetricQuery>,
        start_ms: i64,
        end_ms: i64,
        period_s: i32,
    ) -> BoxFuture<'static, Result<Vec<Series>, AwsError>>;

    /// The instant a chart's window ends at (milliseconds): the wall clock, except in fakes,
    /// where a fixed instant keeps what is drawn the same from run to run.
    fn now_ms(&self) -> i64 {
        crate::clock::now_ms()
    }
}

pub struct SdkMetrics {
    configs: Arc<SdkConfigs>,
}

impl SdkMetrics {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkMetrics { configs }
    }
}

impl MetricsApi for SdkMetrics {
    fn metric_data(
        &self,
        ctx: ContextKey,
        queries: Vec<MetricQuery>,
        start_ms: i64,
        end_ms: i64,
        period_s: i32,
    ) -> BoxFuture<'static, Result<Vec<Series>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let client = aws_sdk_cloudwatch::Client::new(&configs.get(&ctx).await);
            let mut all = Vec::with_capacity(queries.len());
            for chunk in queries.chunks(QUERIES_PER_CALL) {
                let request = chunk
                    .iter()
                    .fold(client.get_metric_data(), |r, q| {
                        r.metric_data_queries(sdk_query(q, period_s))
                    })
                    .start_time(DateTime::from_millis(start_ms))
                    .end_time(DateTime::from_millis(end_ms))
                    .scan_by(ScanBy::TimestampAscending);
                all.extend(read_all_pages(request, chunk).await?);
            }
            Ok(all)
        })
    }
}

/// One call's pages, merged by query id, in the order the queries were given.
async fn read_all_pages(
    request: aws_sdk_cloudwatch::operation::get_metric_data::builders::GetMetricDataFluentBuilder,
    chunk: &[MetricQuery],
) -> Result<Vec<Series>, AwsError> {
    let mut by_id: HashMap<String, Series> = HashMap::new();
    let mut token: Option<String> = None;
    loop {
        let out = request
            .clone()
            .set_next_token(token.take())
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        for result in out.metric_data_results() {
            let id = result.id().unwrap_or_default().to_string();
            let series = by_id.entry(id.clone()).or_insert_with(|| Series {
                id,
                ..Series::default()
            });
            if let Some(label) = result.label() {
                series.label = label.to_string();
            }
            if let Some(status) = result.status_code() {
                series.status = status.as_str().to_string();
            }
            series.points.extend(
                result
                    .timestamps()
                    .iter()
                    .zip(result.values())
                    .filter_map(|(t, v)| Some((t.to_millis().ok()?, *v))),
            );
        }
        token = out.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    Ok(chunk
        .iter()
        .map(|q| {
            let mut series = by_id.remove(&q.id).unwrap_or_else(|| Series {
                id: q.id.clone(),
                ..Series::default()
            });
            series.sort();
            series
        })
        .collect())
}

fn sdk_query(q: &MetricQuery, period_s: i32) -> MetricDataQuery {
    let metric = q.dimensions.iter().fold(
        Metric::builder()
            .namespace(&q.namespace)
            .metric_name(&q.metric),
        |m, (name, value)| m.dimensions(Dimension::builder().name(name).value(value).build()),
    );
    MetricDataQuery::builder()
        .id(&q.id)
        .metric_stat(
            MetricStat::builder()
                .metric(metric.build())
                .period(period_s)
                .stat(&q.stat)
                .build(),
        )
        .return_data(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataOutput;
    use aws_sdk_cloudwatch::types::{MetricDataResult, StatusCode};
    use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, mock};

    fn client(rules: &[&Rule]) -> aws_sdk_cloudwatch::Client {
        let interceptor = rules.iter().fold(
            MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny),
            |i, rule| i.with_rule(rule),
        );
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

    fn query(id: &str) -> MetricQuery {
        MetricQuery {
            id: id.into(),
            namespace: "AWS/EC2".into(),
            metric: "CPUUtilization".into(),
            dimensions: vec![("InstanceId".into(), "i-1".into())],
            stat: "Average".into(),
        }
    }

    fn result(id: &str, points: &[(i64, f64)]) -> MetricDataResult {
        points
            .iter()
            .fold(MetricDataResult::builder().id(id).label(id), |r, (t, v)| {
                r.timestamps(DateTime::from_millis(*t)).values(*v)
            })
            .status_code(StatusCode::Complete)
            .build()
    }

    /// What the emulator never does: answer a query over two pages, newest first. The pages
    /// are merged under the query's id and put in time order.
    #[tokio::test]
    async fn pages_are_followed_and_merged_in_time_order() {
        let first = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
            .match_requests(|r| r.next_token().is_none() && r.metric_data_queries().len() == 2)
            .then_output(|| {
                GetMetricDataOutput::builder()
                    .metric_data_results(result("a", &[(180_000, 3.0), (120_000, 2.0)]))
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
            .match_requests(|r| r.next_token() == Some("page-2"))
            .then_output(|| {
                GetMetricDataOutput::builder()
                    .metric_data_results(result("a", &[(60_000, 1.0)]))
                    .metric_data_results(result("b", &[(60_000, 9.0)]))
                    .build()
            });
        let client = client(&[&first, &second]);
        let queries = [query("a"), query("b")];
        let request = queries.iter().fold(client.get_metric_data(), |r, q| {
            r.metric_data_queries(sdk_query(q, 60))
        });
        let series = read_all_pages(request, &queries).await.expect("answer");
        assert_eq!(series.len(), 2);
        assert_eq!(
            series[0].points,
            vec![(60_000, 1.0), (120_000, 2.0), (180_000, 3.0)]
        );
        assert_eq!(series[0].status, "Complete");
        assert_eq!(series[1].points, vec![(60_000, 9.0)]);
        assert_eq!(first.num_calls(), 1);
        assert_eq!(second.num_calls(), 1);
    }

    #[test]
    fn a_query_carries_its_metric_dimensions_period_and_statistic() {
        let q = sdk_query(&query("cpu"), 300);
        let stat = q.metric_stat().expect("stat");
        assert_eq!(q.id(), Some("cpu"));
        assert_eq!(stat.period(), Some(300));
        assert_eq!(stat.stat(), Some("Average"));
        let metric = stat.metric().expect("metric");
        assert_eq!(metric.metric_name(), Some("CPUUtilization"));
        assert_eq!(metric.dimensions()[0].value(), Some("i-1"));
    }
}
