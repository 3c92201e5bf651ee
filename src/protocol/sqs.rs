//! SQS requests and their answers (the queue list itself goes through the engine's
//! `Op::List`). Send, purge, starting and cancelling a message move are writes
//! (`Op::mutation`); the peek is a read that counts a receive on each message it returns,
//! which the view says before and after.

use crate::aws::sqs::{Message, MoveTask, Outgoing, QueueDetails};
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum SqsOp {
    /// Attributes, tags and DLQ sources of one queue.
    Details { ctx: ContextKey, url: String },
    /// ReceiveMessage, visibility 0, up to 10.
    Peek { ctx: ContextKey, url: String },
    /// SendMessage (sent once).
    Send {
        ctx: ContextKey,
        url: String,
        message: Outgoing,
    },
    /// PurgeQueue (sent once).
    Purge { ctx: ContextKey, url: String },
    /// StartMessageMoveTask from a DLQ (sent once); `destination`: `None` back to the
    /// queues the messages came from.
    StartMove {
        ctx: ContextKey,
        source_arn: String,
        destination: Option<String>,
    },
    /// ListMessageMoveTasks of a DLQ: the progress of a redrive.
    MoveTasks { ctx: ContextKey, source_arn: String },
    /// CancelMessageMoveTask.
    CancelMove { ctx: ContextKey, handle: String },
}

#[derive(Debug)]
pub enum SqsOutcome {
    Details(Result<QueueDetails, AwsError>),
    Peeked(Result<Vec<Message>, AwsError>),
    Sent {
        url: String,
        result: Result<String, AwsError>,
    },
    Purged {
        url: String,
        result: Result<(), AwsError>,
    },
    MoveStarted {
        source_arn: String,
        result: Result<String, AwsError>,
    },
    MoveTasks(Result<Vec<MoveTask>, AwsError>),
    MoveCancelled(Result<i64, AwsError>),
}
