//! Load balancer reads beyond the engine's listings: one load balancer's listeners (with
//! their rules) and target groups (with their targets' health). None of them writes.

use crate::aws::elb::{LoadBalancer, LoadBalancerDetails};
use crate::aws::{AwsError, ContextKey};

/// A load balancer's target groups are read up to this many.
pub const TARGET_GROUP_CAP: usize = 400;

#[derive(Debug)]
pub enum ElbOp {
    /// DescribeListeners and DescribeRules, DescribeTargetGroups and DescribeTargetHealth of
    /// one load balancer.
    LoadBalancer {
        ctx: ContextKey,
        load_balancer: Box<LoadBalancer>,
    },
}

#[derive(Debug)]
pub enum ElbOutcome {
    LoadBalancer(Box<Result<LoadBalancerDetails, AwsError>>),
}

/// Reads: nothing for the guard or the audit log.
pub(super) fn mutation(op: &ElbOp) -> Option<crate::audit::Mutation> {
    match op {
        ElbOp::LoadBalancer { .. } => None,
    }
}
