//! SQS requests and their answers. The writes go out once (the adapter turns SDK retries
//! off): a message sent twice is two messages, and a lost answer is reported as unknown.

use crate::aws::Adapters;
use crate::protocol::sqs::{SqsOp, SqsOutcome};

pub(super) async fn execute(op: SqsOp, adapters: &Adapters) -> SqsOutcome {
    let sqs = &adapters.sqs;
    match op {
        SqsOp::Details { ctx, url } => SqsOutcome::Details(sqs.details(ctx, url).await),
        SqsOp::Peek { ctx, url } => SqsOutcome::Peeked(sqs.peek(ctx, url).await),
        SqsOp::Send { ctx, url, message } => SqsOutcome::Sent {
            result: sqs.send(ctx, url.clone(), message).await,
            url,
        },
        SqsOp::Purge { ctx, url } => SqsOutcome::Purged {
            result: sqs.purge(ctx, url.clone()).await,
            url,
        },
        SqsOp::StartMove {
            ctx,
            source_arn,
            destination,
        } => SqsOutcome::MoveStarted {
            result: sqs.start_move(ctx, source_arn.clone(), destination).await,
            source_arn,
        },
        SqsOp::MoveTasks { ctx, source_arn } => {
            SqsOutcome::MoveTasks(sqs.move_tasks(ctx, source_arn).await)
        }
        SqsOp::CancelMove { ctx, handle } => {
            SqsOutcome::MoveCancelled(sqs.cancel_move(ctx, handle).await)
        }
    }
}
