//! SNS requests and their answers. Publish goes out once (the adapter turns SDK retries
//! off): a lost answer is reported as unknown, never published again.

use crate::aws::Adapters;
use crate::protocol::sns::{SnsOp, SnsOutcome};

pub(super) async fn execute(op: SnsOp, adapters: &Adapters) -> SnsOutcome {
    let sns = &adapters.sns;
    match op {
        SnsOp::Subscriptions { ctx, topic } => {
            SnsOutcome::Subscriptions(sns.subscriptions(ctx, topic).await)
        }
        SnsOp::Publish {
            ctx,
            topic,
            message,
        } => SnsOutcome::Published {
            result: sns.publish(ctx, topic.clone(), message).await,
            topic,
        },
    }
}
