//! CloudWatch metric requests and their answers (reads only).

use crate::aws::cloudwatch::{MetricQuery, Series};
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum MetricsOp {
    /// The queries' points over the last `range_s` seconds at `period_s`, in one
    /// `GetMetricData` call (more only past its limit of queries).
    Data {
        ctx: ContextKey,
        queries: Vec<MetricQuery>,
        range_s: i64,
        period_s: i32,
    },
}

#[derive(Debug)]
pub enum MetricsOutcome {
    Data {
        /// The range asked for: an answer for a range the view has left is kept for later.
        range_s: i64,
        /// The window read (milliseconds): charts draw their x axis over it.
        start_ms: i64,
        end_ms: i64,
        /// The ids asked for (an error belongs to each of them).
        ids: Vec<String>,
        result: Result<Vec<Series>, AwsError>,
    },
}
