//! EC2 requests and their answers.

use crate::aws::ec2::{Action, ActionResult, Filter, Instance, InstanceDetails};
use crate::aws::ec2_inventory::GroupDetails;
use crate::aws::{AwsError, ContextKey};

/// DescribeInstances page size: the largest EC2 allows, so 2,000 instances take two calls.
pub const PAGE_SIZE: i32 = 1000;

#[derive(Debug)]
pub enum Ec2Op {
    /// Every page, each answered as it arrives.
    List {
        ctx: ContextKey,
        filters: Vec<Filter>,
        page_size: i32,
    },
    /// The current state of these instances (live-state polling).
    Poll {
        ctx: ContextKey,
        ids: Vec<String>,
    },
    Details {
        ctx: ContextKey,
        id: String,
    },
    DryRun {
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    },
    Act {
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    },
    Console {
        ctx: ContextKey,
        id: String,
    },
    /// A security group's rules and the instances using it.
    GroupDetails {
        ctx: ContextKey,
        id: String,
    },
}

#[derive(Debug)]
pub enum Ec2Outcome {
    Page(Vec<Instance>),
    Listed(Result<(), AwsError>),
    Polled(Result<Vec<Instance>, AwsError>),
    Details(Box<Result<InstanceDetails, AwsError>>),
    DryRan {
        action: Action,
        ids: Vec<String>,
        result: Result<(), AwsError>,
    },
    Acted {
        action: Action,
        results: Vec<ActionResult>,
    },
    Console(Result<Option<String>, AwsError>),
    GroupDetails(Box<Result<GroupDetails, AwsError>>),
}
