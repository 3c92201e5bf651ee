//! SNS requests and their answers (the topic list itself goes through the engine's
//! `Op::List`). Publish is the one write (`Op::mutation`).

use crate::aws::sns::{Publication, Subscription};
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum SnsOp {
    /// ListSubscriptionsByTopic, every page up to the cap, each with its attributes.
    Subscriptions { ctx: ContextKey, topic: String },
    /// Publish (sent once).
    Publish {
        ctx: ContextKey,
        topic: String,
        message: Publication,
    },
}

#[derive(Debug)]
pub enum SnsOutcome {
    /// The subscriptions, and whether there were more than the cap.
    Subscriptions(Result<(Vec<Subscription>, bool), AwsError>),
    Published {
        topic: String,
        result: Result<String, AwsError>,
    },
}
