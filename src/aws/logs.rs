//! CloudWatch Logs: log groups, their streams, and events read by FilterLogEvents (polling) or
//! StartLiveTail (streaming, real AWS only).

use super::error::{AwsError, ErrorKind};
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

pub use super::logs_insights::{InsightsQuery, QueryResults, QueryStats, QueryStatus, ResultRow};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogGroup {
    pub name: String,
    pub arn: String,
    pub retention_days: Option<i32>,
    pub stored_bytes: Option<i64>,
    /// Milliseconds since the epoch.
    pub created_ms: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogStream {
    pub name: String,
    pub created_ms: Option<i64>,
    pub last_event_ms: Option<i64>,
}

/// One event as read; `message` is raw (sanitized when drawn).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogEvent {
    pub stream: String,
    pub timestamp_ms: i64,
    /// None from Live Tail, which has no event ids.
    pub id: Option<String>,
    pub message: String,
}

/// One FilterLogEvents call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventQuery {
    pub group: String,
    /// Empty: every stream of the group.
    pub streams: Vec<String>,
    pub start_ms: i64,
    pub pattern: Option<String>,
    pub token: Option<String>,
}

/// Where Live Tail sends each update's events.
pub type LiveSink = Box<dyn Fn(Vec<(String, LogEvent)>) + Send + Sync>;

pub trait LogsApi: Send + Sync {
    /// One page of log groups whose names start with `prefix`.
    fn groups_page(
        &self,
        ctx: ContextKey,
        prefix: Option<String>,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogGroup>;
    /// One page of a group's streams, the most recently written first.
    fn streams_page(
        &self,
        ctx: ContextKey,
        group: String,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogStream>;
    /// One page of events from `start_ms` on.
    fn events_page(&self, ctx: ContextKey, query: EventQuery) -> crate::aws::PageFuture<LogEvent>;
    /// A Live Tail session over the groups (ARNs): each update goes to `sink` as (group ARN,
    /// event) pairs until the session ends or fails. Unavailable on custom endpoints.
    fn live_tail(
        &self,
        ctx: ContextKey,
        group_arns: Vec<String>,
        pattern: Option<String>,
        sink: LiveSink,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
    /// Starts a Logs Insights query; its id.
    fn start_query(
        &self,
        ctx: ContextKey,
        query: InsightsQuery,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// Where a query stands and every row it found so far.
    fn query_results(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<QueryResults, AwsError>>;
    /// Stops a running query (false: it had already ended).
    fn stop_query(&self, ctx: ContextKey, id: String)
    -> BoxFuture<'static, Result<bool, AwsError>>;
}

pub struct SdkLogs {
    configs: Arc<SdkConfigs>,
}

impl SdkLogs {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkLogs { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_cloudwatchlogs::Client {
    aws_sdk_cloudwatchlogs::Client::new(&configs.get(ctx).await)
}

impl LogsApi for SdkLogs {
    fn groups_page(
        &self,
        ctx: ContextKey,
        prefix: Option<String>,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogGroup> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .describe_log_groups()
                .set_log_group_name_prefix(prefix.filter(|p| !p.is_empty()))
                .set_next_token(token)
                .limit(50)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let groups = out
                .log_groups()
                .iter()
                .map(|g| LogGroup {
                    name: g.log_group_name().unwrap_or_default().to_string(),
                    arn: g
                        .log_group_arn()
                        .or(g.arn())
                        .unwrap_or_default()
                        .trim_end_matches(":*")
                        .to_string(),
                    retention_days: g.retention_in_days(),
                    stored_bytes: g.stored_bytes(),
                    created_ms: g.creation_time(),
                })
                .collect();
            Ok(crate::aws::page::Page::new(
                groups,
                out.next_token().map(str::to_owned),
            ))
        })
    }

    fn streams_page(
        &self,
        ctx: ContextKey,
        group: String,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogStream> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .describe_log_streams()
                .log_group_name(group)
                .order_by(aws_sdk_cloudwatchlogs::types::OrderBy::LastEventTime)
                .descending(true)
                .set_next_token(token)
                .limit(50)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let streams = out
                .log_streams()
                .iter()
                .map(|s| LogStream {
                    name: s.log_stream_name().unwrap_or_default().to_string(),
                    created_ms: s.creation_time(),
                    last_event_ms: s.last_event_timestamp(),
                })
                .collect();
            Ok(crate::aws::page::Page::new(
                streams,
                out.next_token().map(str::to_owned),
            ))
        })
    }

    fn events_page(&self, ctx: ContextKey, query: EventQuery) -> crate::aws::PageFuture<LogEvent> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let streams = (!query.streams.is_empty()).then_some(query.streams);
            let out = client(&configs, &ctx)
                .await
                .filter_log_events()
                .log_group_name(query.group)
                .set_log_stream_names(streams)
                .start_time(query.start_ms)
                .set_filter_pattern(query.pattern.filter(|p| !p.trim().is_empty()))
                .set_next_token(query.token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let events = out
                .events()
                .iter()
                .map(|e| LogEvent {
                    stream: e.log_stream_name().unwrap_or_default().to_string(),
                    timestamp_ms: e.timestamp().unwrap_or_default(),
                    id: e.event_id().map(str::to_owned),
                    message: e.message().unwrap_or_default().to_string(),
                })
                .collect();
            Ok(crate::aws::page::Page::new(
                events,
                out.next_token().map(str::to_owned),
            ))
        })
    }

    fn live_tail(
        &self,
        ctx: ContextKey,
        group_arns: Vec<String>,
        pattern: Option<String>,
        sink: LiveSink,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        use aws_sdk_cloudwatchlogs::types::StartLiveTailResponseStream as Update;
        let configs = self.configs.clone();
        Box::pin(async move {
            // Live Tail's endpoint carries a host prefix (`streaming-…`) that an emulator or a
            // proxy on a custom endpoint does not answer; polling covers those.
            if configs.setup().endpoint_url.is_some()
                || configs.get(&ctx).await.endpoint_url().is_some()
            {
                return Err(AwsError::new(
                    ErrorKind::Config,
                    "Live Tail is not available on a custom endpoint",
                ));
            }
            let out = client(&configs, &ctx)
                .await
                .start_live_tail()
                .set_log_group_identifiers(Some(group_arns))
                .set_log_event_filter_pattern(pattern.filter(|p| !p.trim().is_empty()))
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let mut stream = out.response_stream;
            loop {
                match stream.recv().await {
                    Ok(Some(Update::SessionUpdate(update))) => {
                        let events = update
                            .session_results()
                            .iter()
                            .map(|e| {
                                (
                                    e.log_group_identifier().unwrap_or_default().to_string(),
                                    LogEvent {
                                        stream: e.log_stream_name().unwrap_or_default().to_string(),
                                        timestamp_ms: e.timestamp().unwrap_or_default(),
                                        id: None,
                                        message: e.message().unwrap_or_default().to_string(),
                                    },
                                )
                            })
                            .collect::<Vec<_>>();
                        if !events.is_empty() {
                            sink(events);
                        }
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => return Ok(()),
                    Err(e) => return Err(AwsError::from_sdk(e)),
                }
            }
        })
    }

    fn start_query(
        &self,
        ctx: ContextKey,
        query: InsightsQuery,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { super::logs_insights::start(&configs, &ctx, query).await })
    }

    fn query_results(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<QueryResults, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { super::logs_insights::results(&configs, &ctx, id).await })
    }

    fn stop_query(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<bool, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { super::logs_insights::stop(&configs, &ctx, id).await })
    }
}
