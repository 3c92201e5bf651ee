//! Which SQS and SNS requests write, for the guard and the audit log (`Op::mutation`), and
//! how each write ended. The peek counts as a write: ReceiveMessage raises each returned
//! message's receive count, and one at maxReceiveCount moves to the DLQ — so read-only (global
//! or by policy) refuses it, and it is audited like the others.

use super::sns::SnsOp;
use super::sqs::{SqsOp, SqsOutcome};
use crate::audit::Mutation;
use crate::aws::AwsError;

pub fn of(op: &SqsOp) -> Option<Mutation> {
    match op {
        SqsOp::Send { ctx, url, .. } => {
            Some(Mutation::new(ctx, "sqs", "SendMessage", [url.clone()]))
        }
        SqsOp::Purge { ctx, url } => Some(Mutation::new(ctx, "sqs", "PurgeQueue", [url.clone()])),
        SqsOp::StartMove {
            ctx,
            source_arn,
            destination,
        } => Some(Mutation::new(
            ctx,
            "sqs",
            "StartMessageMoveTask",
            [
                source_arn.clone(),
                format!(
                    "to {}",
                    destination.as_deref().unwrap_or("the source queues")
                ),
            ],
        )),
        SqsOp::CancelMove { ctx, handle } => Some(Mutation::new(
            ctx,
            "sqs",
            "CancelMessageMoveTask",
            [handle.clone()],
        )),
        SqsOp::Peek { ctx, url } => {
            Some(Mutation::new(ctx, "sqs", "ReceiveMessage", [url.clone()]))
        }
        SqsOp::Details { .. } | SqsOp::MoveTasks { .. } => None,
    }
}

pub fn of_sns(op: &SnsOp) -> Option<Mutation> {
    match op {
        SnsOp::Publish { ctx, topic, .. } => {
            Some(Mutation::new(ctx, "sns", "Publish", [topic.clone()]))
        }
        SnsOp::Subscriptions { .. } => None,
    }
}

/// A write's end: `Ok` with what the audit line adds, or the error. `None`: not a write's
/// answer.
pub fn ended(outcome: &SqsOutcome) -> Option<Result<Option<String>, &AwsError>> {
    Some(match outcome {
        SqsOutcome::Sent { result, .. } => {
            result.as_ref().map(|id| Some(format!("message id {id}")))
        }
        SqsOutcome::Purged { result, .. } => result.as_ref().map(|_| None),
        SqsOutcome::MoveStarted { result, .. } => {
            result.as_ref().map(|h| Some(format!("task {h}")))
        }
        SqsOutcome::MoveCancelled(result) => result
            .as_ref()
            .map(|moved| Some(format!("{moved} moved before the cancel"))),
        SqsOutcome::Peeked(result) => result
            .as_ref()
            .map(|messages| Some(format!("{} received", messages.len()))),
        SqsOutcome::Details(_) | SqsOutcome::MoveTasks(_) => {
            return None;
        }
    })
}
