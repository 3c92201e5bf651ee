//! CloudWatch alarm and metric-catalog reads beyond the engine's listings: an alarm's
//! history, and every dimension set of one metric. None of them writes.

use crate::aws::alarms::{HistoryItem, Metric};
use crate::aws::{AwsError, ContextKey};

/// An alarm's history is read up to this many entries (CloudWatch keeps 30 days of it).
pub const HISTORY_CAP: usize = 500;
/// The dimension sets of one metric are read up to this many.
pub const DIMENSION_SETS_CAP: usize = 1000;

#[derive(Debug)]
pub enum AlarmsOp {
    /// DescribeAlarmHistory of one alarm, newest first.
    History { ctx: ContextKey, alarm: String },
    /// ListMetrics of one metric name in its namespace: the dimension sets it is published with.
    DimensionSets {
        ctx: ContextKey,
        namespace: String,
        metric: String,
    },
}

/// Items read, and whether more were left unread at the cap.
pub type Capped<T> = Result<(Vec<T>, bool), AwsError>;

#[derive(Debug)]
pub enum AlarmsOutcome {
    History(Capped<HistoryItem>),
    DimensionSets(Capped<Metric>),
}

/// Reads: nothing for the guard or the audit log.
pub(super) fn mutation(op: &AlarmsOp) -> Option<crate::audit::Mutation> {
    match op {
        AlarmsOp::History { .. } | AlarmsOp::DimensionSets { .. } => None,
    }
}
