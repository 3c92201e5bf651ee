//! Follow-ups of listed pages for the kinds whose list call leaves out what their columns
//! show (SQS and SNS attributes, a target group's health, a cluster's state): a request per
//! row (or per batch of rows, where the call takes many), sent when a page arrives so the
//! rows show first (`Kind::follow_up`), each row's answer on its own. IAM's follow-ups
//! (`protocol::iam`) are the same shape. All of them read.
//!
//! The engine sends each follow-up as a `FollowUp`: the kind's op tagged with the listing
//! whose rows asked, which the answer carries back, so an answer older than the rows it
//! would fill is dropped.

use super::{Op, Outcome};
use crate::aws::ContextKey;
use crate::aws::attributes::Attributes;
use crate::aws::ecs::ClusterState;
use crate::aws::elb::TargetHealth;

/// Per row: its key (name, URL or ARN) and what was read, or why not.
pub type PerRow<T> = Vec<(String, Result<T, String>)>;

/// At most this many per-row requests of one follow-up in flight at once: the page is on
/// screen already, so this only bounds how hard one listing leans on the service (IAM
/// throttles an account's control-plane calls early; SQS, SNS and ELB allow more but share
/// the account's rate with everything else running in it).
pub const CONCURRENCY: usize = 4;

#[derive(Debug)]
pub enum FillOp {
    /// GetQueueAttributes (All) for each queue URL.
    QueueAttributes { ctx: ContextKey, urls: Vec<String> },
    /// GetTopicAttributes for each topic ARN.
    TopicAttributes { ctx: ContextKey, arns: Vec<String> },
    /// DescribeTargetHealth for each target group ARN.
    TargetHealth { ctx: ContextKey, arns: Vec<String> },
    /// DescribeClusters for the cluster ARNs, `ecs::IDS_PER_DESCRIBE` a call.
    ClusterStates { ctx: ContextKey, arns: Vec<String> },
}

#[derive(Debug)]
pub enum FillOutcome {
    QueueAttributes {
        ctx: ContextKey,
        found: PerRow<Attributes>,
    },
    TopicAttributes {
        ctx: ContextKey,
        found: PerRow<Attributes>,
    },
    TargetHealth {
        ctx: ContextKey,
        found: PerRow<Vec<TargetHealth>>,
    },
    ClusterStates {
        ctx: ContextKey,
        found: PerRow<ClusterState>,
    },
}

/// A kind's follow-up op and the listing whose rows it is for: a number the view gave that
/// listing, increasing with every listing it starts (`Op::FollowUp`).
#[derive(Debug)]
pub struct FollowUp {
    pub listing: u64,
    pub op: Box<Op>,
}

/// A follow-up's answer with the listing it was asked for (`Outcome::FollowUp`).
#[derive(Debug)]
pub struct Answered {
    pub listing: u64,
    pub outcome: Box<Outcome>,
}
