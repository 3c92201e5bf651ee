//! CloudWatch Logs Insights: StartQuery, GetQueryResults and StopQuery, with our own types out
//! (the SDK's stop here). The calls are made by `SdkLogs` (logs.rs) through these functions.

use super::error::AwsError;

/// One query as the user asked it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InsightsQuery {
    /// Log group names, in the request's context.
    pub groups: Vec<String>,
    /// Seconds since the epoch (StartQuery's unit).
    pub start_s: i64,
    pub end_s: i64,
    pub query: String,
}

/// Where a query stands, as GetQueryResults says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryStatus {
    #[default]
    Scheduled,
    Running,
    Complete,
    Failed,
    Cancelled,
    Timeout,
    Unknown,
}

impl QueryStatus {
    /// Nothing more will come: stop polling.
    pub fn is_final(self) -> bool {
        !matches!(self, QueryStatus::Scheduled | QueryStatus::Running)
    }

    pub fn word(self) -> &'static str {
        match self {
            QueryStatus::Scheduled => "scheduled",
            QueryStatus::Running => "running",
            QueryStatus::Complete => "complete",
            QueryStatus::Failed => "failed",
            QueryStatus::Cancelled => "cancelled",
            QueryStatus::Timeout => "timed out",
            QueryStatus::Unknown => "unknown",
        }
    }
}

/// What the query has read so far (floats in the API: counts can be estimates).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueryStats {
    pub records_matched: f64,
    pub records_scanned: f64,
    pub bytes_scanned: f64,
}

/// One result row: (field, value) in the order the query's fields came.
pub type ResultRow = Vec<(String, String)>;

/// One GetQueryResults answer: every row found so far (not only the new ones).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResults {
    pub status: QueryStatus,
    pub stats: QueryStats,
    pub rows: Vec<ResultRow>,
}

async fn client(
    configs: &super::sdk::SdkConfigs,
    ctx: &super::sdk::ContextKey,
) -> aws_sdk_cloudwatchlogs::Client {
    aws_sdk_cloudwatchlogs::Client::new(&configs.get(ctx).await)
}

pub(super) async fn start(
    configs: &super::sdk::SdkConfigs,
    ctx: &super::sdk::ContextKey,
    query: InsightsQuery,
) -> Result<String, AwsError> {
    let out = client(configs, ctx)
        .await
        .start_query()
        .set_log_group_names(Some(query.groups))
        .start_time(query.start_s)
        .end_time(query.end_s)
        .query_string(query.query)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out.query_id().unwrap_or_default().to_string())
}

pub(super) async fn results(
    configs: &super::sdk::SdkConfigs,
    ctx: &super::sdk::ContextKey,
    id: String,
) -> Result<QueryResults, AwsError> {
    results_with(&client(configs, ctx).await, id).await
}

async fn results_with(
    client: &aws_sdk_cloudwatchlogs::Client,
    id: String,
) -> Result<QueryResults, AwsError> {
    use aws_sdk_cloudwatchlogs::types::QueryStatus as Sdk;
    let out = client
        .get_query_results()
        .query_id(id)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let status = match out.status() {
        Some(Sdk::Scheduled) => QueryStatus::Scheduled,
        Some(Sdk::Running) => QueryStatus::Running,
        Some(Sdk::Complete) => QueryStatus::Complete,
        Some(Sdk::Failed) => QueryStatus::Failed,
        Some(Sdk::Cancelled) => QueryStatus::Cancelled,
        Some(Sdk::Timeout) => QueryStatus::Timeout,
        _ => QueryStatus::Unknown,
    };
    let stats = out
        .statistics()
        .map(|s| QueryStats {
            records_matched: s.records_matched(),
            records_scanned: s.records_scanned(),
            bytes_scanned: s.bytes_scanned(),
        })
        .unwrap_or_default();
    let rows = out
        .results()
        .iter()
        .map(|row| {
            row.iter()
                .map(|f| {
                    (
                        f.field().unwrap_or_default().to_string(),
                        f.value().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .collect();
    Ok(QueryResults {
        status,
        stats,
        rows,
    })
}

pub(super) async fn stop(
    configs: &super::sdk::SdkConfigs,
    ctx: &super::sdk::ContextKey,
    id: String,
) -> Result<bool, AwsError> {
    stop_with(&client(configs, ctx).await, id).await
}

async fn stop_with(client: &aws_sdk_cloudwatchlogs::Client, id: String) -> Result<bool, AwsError> {
    let out = client
        .stop_query()
        .query_id(id)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out.success())
}

/// What the emulator does not do: a query still running with partial results and figures
/// (moto's end at once), and StopQuery (moto 5.2.5 has none).
#[cfg(test)]
mod against_sdk_mocks {
    use super::*;
    use aws_sdk_cloudwatchlogs::operation::get_query_results::GetQueryResultsOutput;
    use aws_sdk_cloudwatchlogs::operation::stop_query::StopQueryOutput;
    use aws_sdk_cloudwatchlogs::types::{QueryStatistics, QueryStatus as Sdk, ResultField};
    use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};

    fn client() -> aws_sdk_cloudwatchlogs::Client {
        let field = |f: &str, v: &str| ResultField::builder().field(f).value(v).build();
        let running = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
            .match_requests(|r| r.query_id() == Some("q-1"))
            .then_output(move || {
                GetQueryResultsOutput::builder()
                    .status(Sdk::Running)
                    .statistics(
                        QueryStatistics::builder()
                            .records_matched(1.0)
                            .records_scanned(5_000.0)
                            .bytes_scanned(1_048_576.0)
                            .build(),
                    )
                    .results(vec![
                        field("@ptr", "p1"),
                        field("@timestamp", "2026-12-02 09:00:00.000"),
                        field("@message", "ERROR boom"),
                    ])
                    .build()
            });
        let stop = mock!(aws_sdk_cloudwatchlogs::Client::stop_query)
            .match_requests(|r| r.query_id() == Some("q-1"))
            .then_output(|| StopQueryOutput::builder().success(true).build());
        let config = aws_sdk_cloudwatchlogs::Config::builder()
            .behavior_version(aws_sdk_cloudwatchlogs::config::BehaviorVersion::latest())
            .region(aws_sdk_cloudwatchlogs::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_cloudwatchlogs::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .interceptor(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::Sequential)
                    .with_rule(&running)
                    .with_rule(&stop),
            )
            .build();
        aws_sdk_cloudwatchlogs::Client::from_conf(config)
    }

    #[tokio::test]
    async fn a_running_query_reports_its_figures_and_is_stopped() {
        let client = client();
        let answer = results_with(&client, "q-1".into()).await.expect("answered");
        assert_eq!(answer.status, QueryStatus::Running);
        assert!(!answer.status.is_final());
        assert_eq!(answer.stats.records_scanned, 5_000.0);
        assert_eq!(answer.stats.bytes_scanned, 1_048_576.0);
        assert_eq!(
            answer.rows,
            vec![vec![
                ("@ptr".to_string(), "p1".to_string()),
                ("@timestamp".into(), "2026-12-02 09:00:00.000".into()),
                ("@message".into(), "ERROR boom".into()),
            ]]
        );
        assert_eq!(stop_with(&client, "q-1".into()).await, Ok(true));
    }
}
