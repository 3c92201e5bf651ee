//! Alarms, their history and the metric catalog in memory, paged as CloudWatch pages them;
//! different answers per context (`profile` or `profile@region` keys) for views of many.

use crate::aws::PageFuture;
use crate::aws::alarms::{Alarm, AlarmState, AlarmsApi, HistoryItem, Metric};
use crate::aws::error::AwsError;
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What one context holds.
#[derive(Clone, Default)]
pub struct AlarmsData {
    pub alarms: Vec<Alarm>,
    /// By alarm name, newest first.
    pub history: HashMap<String, Vec<HistoryItem>>,
    pub metrics: Vec<Metric>,
}

#[derive(Default)]
pub struct FakeAlarms {
    /// Contexts without an entry of their own.
    pub data: AlarmsData,
    pub by_context: HashMap<String, AlarmsData>,
    /// Every call in these contexts fails with this error.
    pub failing: HashMap<String, AwsError>,
    /// Items per page (0: all in one).
    pub page_size: usize,
    /// `metrics_page` calls, as `namespace|metric|token` (what the browser asked for).
    pub metric_calls: Arc<Mutex<Vec<String>>>,
    pub crashes: super::Crashes,
}

impl FakeAlarms {
    pub fn with(data: AlarmsData) -> FakeAlarms {
        FakeAlarms {
            data,
            ..FakeAlarms::default()
        }
    }

    /// `key`: `profile` (every region) or `profile@region`.
    pub fn context(mut self, key: &str, data: AlarmsData) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn keys(ctx: &ContextKey) -> [String; 2] {
        let profile = ctx.profile.as_deref().unwrap_or("default");
        [format!("{profile}@{}", ctx.region), profile.to_string()]
    }

    fn at(&self, ctx: &ContextKey) -> Result<&AlarmsData, AwsError> {
        let keys = Self::keys(ctx);
        if let Some(e) = keys.iter().find_map(|k| self.failing.get(k)) {
            return Err(e.clone());
        }
        Ok(keys
            .iter()
            .find_map(|k| self.by_context.get(k))
            .unwrap_or(&self.data))
    }

    fn page<T: Clone + Send + 'static>(
        &self,
        all: Result<Vec<T>, AwsError>,
        token: Option<String>,
    ) -> PageFuture<T> {
        let size = self.page_size;
        Box::pin(async move {
            let all = all?;
            let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
            let size = if size == 0 { all.len().max(1) } else { size };
            let end = (start + size).min(all.len());
            Ok(Page::new(
                all[start.min(end)..end].to_vec(),
                (end < all.len()).then(|| end.to_string()),
            ))
        })
    }
}

impl AlarmsApi for FakeAlarms {
    fn alarms_page(
        &self,
        ctx: ContextKey,
        state: Option<AlarmState>,
        token: Option<String>,
    ) -> PageFuture<Alarm> {
        self.crashes.check("alarms_page");
        let all = self.at(&ctx).map(|d| {
            d.alarms
                .iter()
                .filter(|a| state.is_none() || a.state == state)
                .cloned()
                .collect()
        });
        self.page(all, token)
    }

    fn history_page(
        &self,
        ctx: ContextKey,
        alarm: String,
        token: Option<String>,
    ) -> PageFuture<HistoryItem> {
        self.crashes.check("history_page");
        let all = self
            .at(&ctx)
            .map(|d| d.history.get(&alarm).cloned().unwrap_or_default());
        self.page(all, token)
    }

    fn metrics_page(
        &self,
        ctx: ContextKey,
        namespace: Option<String>,
        metric: Option<String>,
        token: Option<String>,
    ) -> PageFuture<Metric> {
        self.crashes.check("metrics_page");
        self.metric_calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!(
                "{}|{}|{}",
                namespace.as_deref().unwrap_or_default(),
                metric.as_deref().unwrap_or_default(),
                token.as_deref().unwrap_or_default()
            ));
        let all = self.at(&ctx).map(|d| {
            d.metrics
                .iter()
                .filter(|m| namespace.as_ref().is_none_or(|n| &m.namespace == n))
                .filter(|m| metric.as_ref().is_none_or(|n| &m.name == n))
                .cloned()
                .collect()
        });
        self.page(all, token)
    }
}
