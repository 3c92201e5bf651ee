//! CloudWatch Logs in memory: groups, streams and events that a test can keep appending to,
//! read back the way FilterLogEvents pages them.

use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::logs::{
    EventQuery, InsightsQuery, LiveSink, LogEvent, LogGroup, LogStream, LogsApi, QueryResults,
};
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Events by group name, shared so a test can write while the app tails.
pub type EventStore = Arc<Mutex<BTreeMap<String, Vec<LogEvent>>>>;

#[derive(Default)]
pub struct FakeLogs {
    pub groups: Vec<LogGroup>,
    pub streams: Vec<(String, LogStream)>,
    pub events: EventStore,
    /// Events per FilterLogEvents page (0: all).
    pub page_size: usize,
    /// How many FilterLogEvents calls were made.
    pub event_calls: Arc<AtomicUsize>,
    /// Calls made to panic (see `Crashes`).
    pub crashes: super::Crashes,
    /// Logs Insights, scripted by the test.
    pub insights: FakeInsights,
}

/// Logs Insights answers a test scripts: each GetQueryResults takes the next answer (the last
/// one is repeated), and every StartQuery and StopQuery is recorded.
#[derive(Clone, Default)]
pub struct FakeInsights {
    pub answers: Arc<Mutex<std::collections::VecDeque<QueryResults>>>,
    /// The queries started, in order.
    pub started: Arc<Mutex<Vec<InsightsQuery>>>,
    /// Ids of the queries stopped, in order.
    pub stopped: Arc<Mutex<Vec<String>>>,
}

impl FakeInsights {
    /// Queues the answers of the next GetQueryResults calls.
    pub fn answer(&self, answers: impl IntoIterator<Item = QueryResults>) {
        lock(&self.answers).extend(answers);
    }

    pub fn started(&self) -> Vec<InsightsQuery> {
        lock(&self.started).clone()
    }

    pub fn stopped(&self) -> Vec<String> {
        lock(&self.stopped).clone()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl FakeLogs {
    pub fn group(mut self, name: &str) -> Self {
        self.groups.push(LogGroup {
            name: name.into(),
            arn: format!("arn:aws:logs:us-east-1:111111111111:log-group:{name}"),
            retention_days: Some(14),
            stored_bytes: Some(2048),
            created_ms: Some(1_763_856_000_000),
        });
        self.events
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(name.into())
            .or_default();
        self
    }

    pub fn stream(mut self, group: &str, name: &str, last_event_ms: i64) -> Self {
        self.streams.push((
            group.into(),
            LogStream {
                name: name.into(),
                created_ms: Some(last_event_ms - 60_000),
                last_event_ms: Some(last_event_ms),
            },
        ));
        self
    }

    /// Appends an event; ids are unique per group.
    pub fn write(store: &EventStore, group: &str, stream: &str, timestamp_ms: i64, message: &str) {
        let mut all = store.lock().unwrap_or_else(|p| p.into_inner());
        let events = all.entry(group.into()).or_default();
        let id = format!("{group}#{}", events.len());
        events.push(LogEvent {
            stream: stream.into(),
            timestamp_ms,
            id: Some(id),
            message: message.into(),
        });
    }
}

fn page<T: Clone>(items: &[T], token: Option<String>, size: usize) -> Page<T> {
    let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
    let size = if size == 0 { usize::MAX } else { size };
    let page: Vec<T> = items.iter().skip(start).take(size).cloned().collect();
    let end = start.saturating_add(page.len());
    Page::new(page, (end < items.len()).then(|| end.to_string()))
}

impl LogsApi for FakeLogs {
    fn groups_page(
        &self,
        _ctx: ContextKey,
        prefix: Option<String>,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogGroup> {
        self.crashes.check("groups_page");
        let prefix = prefix.unwrap_or_default();
        let matching: Vec<LogGroup> = self
            .groups
            .iter()
            .filter(|g| g.name.starts_with(&prefix))
            .cloned()
            .collect();
        let answer = page(&matching, token, 50);
        Box::pin(async move { Ok(answer) })
    }

    fn streams_page(
        &self,
        _ctx: ContextKey,
        group: String,
        token: Option<String>,
    ) -> crate::aws::PageFuture<LogStream> {
        self.crashes.check("streams_page");
        let mut streams: Vec<LogStream> = self
            .streams
            .iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, s)| s.clone())
            .collect();
        streams.sort_by_key(|s| std::cmp::Reverse(s.last_event_ms));
        let answer = page(&streams, token, 50);
        Box::pin(async move { Ok(answer) })
    }

    fn events_page(&self, _ctx: ContextKey, query: EventQuery) -> crate::aws::PageFuture<LogEvent> {
        self.crashes.check("events_page");
        self.event_calls.fetch_add(1, Ordering::SeqCst);
        let all = self.events.lock().unwrap_or_else(|p| p.into_inner());
        let Some(events) = all.get(&query.group) else {
            let e = AwsError::new(
                ErrorKind::NotFound,
                "The specified log group does not exist.",
            );
            return Box::pin(async move { Err(e) });
        };
        // References first: only the page's events are copied (benches page through 300,000).
        let mut matching: Vec<&LogEvent> = events
            .iter()
            .filter(|e| e.timestamp_ms >= query.start_ms)
            .filter(|e| query.streams.is_empty() || query.streams.contains(&e.stream))
            .filter(|e| {
                query
                    .pattern
                    .as_deref()
                    .is_none_or(|p| p.trim().is_empty() || e.message.contains(p.trim()))
            })
            .collect();
        matching.sort_by_key(|e| e.timestamp_ms);
        let answer = page(&matching, query.token, self.page_size).map(LogEvent::clone);
        Box::pin(async move { Ok(answer) })
    }

    fn live_tail(
        &self,
        _ctx: ContextKey,
        _group_arns: Vec<String>,
        _pattern: Option<String>,
        _sink: LiveSink,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("live_tail");
        Box::pin(async {
            Err(AwsError::new(
                ErrorKind::Config,
                "Live Tail is not available on a custom endpoint",
            ))
        })
    }

    fn start_query(
        &self,
        _ctx: ContextKey,
        query: InsightsQuery,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.crashes.check("start_query");
        let mut started = lock(&self.insights.started);
        started.push(query);
        let id = format!("query-{}", started.len());
        Box::pin(async move { Ok(id) })
    }

    fn query_results(
        &self,
        _ctx: ContextKey,
        _id: String,
    ) -> BoxFuture<'static, Result<QueryResults, AwsError>> {
        self.crashes.check("query_results");
        let mut answers = lock(&self.insights.answers);
        let answer = if answers.len() > 1 {
            answers.pop_front()
        } else {
            answers.front().cloned()
        };
        let answer = answer.ok_or_else(|| {
            AwsError::new(ErrorKind::Service, "no query results scripted in the fake")
        });
        Box::pin(async move { answer })
    }

    fn stop_query(
        &self,
        _ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<bool, AwsError>> {
        lock(&self.insights.stopped).push(id);
        Box::pin(async { Ok(true) })
    }
}
