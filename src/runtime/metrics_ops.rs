//! CloudWatch metric requests: the window ends at the adapter's now, on a period boundary, so
//! every chart of a screen shares one window and CloudWatch's buckets line up with it.

use crate::aws::Adapters;
use crate::protocol::metrics::{MetricsOp, MetricsOutcome};

pub(super) async fn execute(op: MetricsOp, adapters: &Adapters) -> MetricsOutcome {
    match op {
        MetricsOp::Data {
            ctx,
            queries,
            range_s,
            period_s,
        } => {
            let (start_ms, end_ms) = window(adapters.metrics.now_ms(), range_s, period_s);
            let ids = queries.iter().map(|q| q.id.clone()).collect();
            let result = adapters
                .metrics
                .metric_data(ctx, queries, start_ms, end_ms, period_s)
                .await;
            MetricsOutcome::Data {
                range_s,
                start_ms,
                end_ms,
                ids,
                result,
            }
        }
    }
}

/// `[start, end)` of the last `range_s` seconds, the end rounded up to a whole period (the
/// period still under way is drawn as far as it has come).
pub fn window(now_ms: i64, range_s: i64, period_s: i32) -> (i64, i64) {
    let period_ms = i64::from(period_s.max(1)) * 1000;
    let end = (now_ms + period_ms - 1).div_euclid(period_ms) * period_ms;
    (end - range_s * 1000, end)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_ends_on_the_next_period_boundary() {
        assert_eq!(window(3_600_000, 3600, 60), (0, 3_600_000));
        assert_eq!(window(3_600_001, 3600, 60), (60_000, 3_660_000));
        assert_eq!(window(3_599_999, 3600, 300), (0, 3_600_000));
    }
}
