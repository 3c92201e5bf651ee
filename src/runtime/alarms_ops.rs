//! CloudWatch alarm reads: an alarm's history and one metric's dimension sets, each read page
//! after page up to its cap.

use crate::aws::Adapters;
use crate::aws::page::pages_up_to;
use crate::protocol::alarms::{AlarmsOp, AlarmsOutcome, DIMENSION_SETS_CAP, HISTORY_CAP};

pub(super) async fn execute(op: AlarmsOp, adapters: &Adapters) -> AlarmsOutcome {
    let alarms = &adapters.alarms;
    match op {
        AlarmsOp::History { ctx, alarm } => {
            let read = pages_up_to(None, HISTORY_CAP, |token| {
                alarms.history_page(ctx.clone(), alarm.clone(), token)
            })
            .await;
            AlarmsOutcome::History(read.map(|(items, more)| (items, more.is_some())))
        }
        AlarmsOp::DimensionSets {
            ctx,
            namespace,
            metric,
        } => {
            let read = pages_up_to(None, DIMENSION_SETS_CAP, |token| {
                alarms.metrics_page(
                    ctx.clone(),
                    Some(namespace.clone()),
                    Some(metric.clone()),
                    token,
                )
            })
            .await;
            AlarmsOutcome::DimensionSets(read.map(|(items, more)| (items, more.is_some())))
        }
    }
}
