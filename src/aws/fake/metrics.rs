//! Metrics in memory: points stored per metric and statistic, answered for any window, with
//! every call recorded (its context and how many queries it carried) so tests can count them.

use crate::aws::cloudwatch::{MetricQuery, MetricsApi, Series};
use crate::aws::error::AwsError;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A stored series' key: namespace, metric, dimensions (sorted) and statistic.
type Key = (String, String, Vec<(String, String)>, String);

/// One call as the fake saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricCall {
    pub ctx: ContextKey,
    pub queries: Vec<MetricQuery>,
    pub start_ms: i64,
    pub end_ms: i64,
    pub period_s: i32,
}

impl MetricCall {
    /// The query ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.queries.iter().map(|q| q.id.as_str()).collect()
    }
}

/// Each series' points (milliseconds, value), by what identifies it.
type Points = HashMap<Key, Vec<(i64, f64)>>;

#[derive(Clone, Default)]
pub struct FakeMetrics {
    points: Arc<Mutex<Points>>,
    /// Every `metric_data` call, in order (shared with the test).
    pub calls: Arc<Mutex<Vec<MetricCall>>>,
    /// The instant windows end at; the wall clock when unset.
    now_ms: Option<i64>,
    /// Answer every call with this error.
    failure: Option<AwsError>,
}

fn key(namespace: &str, metric: &str, dimensions: &[(&str, &str)], stat: &str) -> Key {
    let mut dims: Vec<(String, String)> = dimensions
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    dims.sort();
    (namespace.into(), metric.into(), dims, stat.into())
}

impl FakeMetrics {
    /// Windows end at `now_ms`, so charts drawn from the fake are the same on every run.
    pub fn at(now_ms: i64) -> FakeMetrics {
        FakeMetrics {
            now_ms: Some(now_ms),
            ..FakeMetrics::default()
        }
    }

    /// Points of one statistic (`(milliseconds, value)`; any order).
    pub fn series(
        self,
        namespace: &str,
        metric: &str,
        dimensions: &[(&str, &str)],
        stat: &str,
        points: Vec<(i64, f64)>,
    ) -> FakeMetrics {
        self.points
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key(namespace, metric, dimensions, stat), points);
        self
    }

    pub fn failing(mut self, error: AwsError) -> FakeMetrics {
        self.failure = Some(error);
        self
    }

    /// The calls made so far.
    pub fn calls(&self) -> Vec<MetricCall> {
        self.calls.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn answer(&self, q: &MetricQuery, start_ms: i64, end_ms: i64) -> Series {
        let dims: Vec<(&str, &str)> = q
            .dimensions
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let points = self.points.lock().unwrap_or_else(|p| p.into_inner());
        let mut series = Series {
            id: q.id.clone(),
            label: q.metric.clone(),
            points: points
                .get(&key(&q.namespace, &q.metric, &dims, &q.stat))
                .map(|all| {
                    all.iter()
                        .filter(|(t, _)| (start_ms..end_ms).contains(t))
                        .copied()
                        .collect()
                })
                .unwrap_or_default(),
            status: "Complete".into(),
        };
        series.sort();
        series
    }
}

impl MetricsApi for FakeMetrics {
    fn metric_data(
        &self,
        ctx: ContextKey,
        queries: Vec<MetricQuery>,
        start_ms: i64,
        end_ms: i64,
        period_s: i32,
    ) -> BoxFuture<'static, Result<Vec<Series>, AwsError>> {
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(MetricCall {
                ctx,
                queries: queries.clone(),
                start_ms,
                end_ms,
                period_s,
            });
        let answer = match &self.failure {
            Some(e) => Err(e.clone()),
            None => Ok(queries
                .iter()
                .map(|q| self.answer(q, start_ms, end_ms))
                .collect()),
        };
        Box::pin(async move { answer })
    }

    fn now_ms(&self) -> i64 {
        self.now_ms.unwrap_or_else(crate::clock::now_ms)
    }
}
