//! Alarms, their history and the metric catalog in memory, paged as CloudWatch pages them;
//! different answers per context (`profile` or `profile@region` keys, `per_context.rs`) for
//! views of many.

use super::per_context::{lookup, paged};
use crate::aws::PageFuture;
use crate::aws::alarms::{Alarm, AlarmState, AlarmsApi, HistoryItem, Metric};
use crate::aws::error::AwsError;
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

    fn at(&self, ctx: &ContextKey) -> Result<&AlarmsData, AwsError> {
        lookup(ctx, &self.data, &self.by_context, &self.failing)
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
        paged(all, self.page_size, token)
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
        paged(all, self.page_size, token)
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
        paged(all, self.page_size, token)
    }
}
