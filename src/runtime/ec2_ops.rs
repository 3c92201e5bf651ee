//! EC2 requests and their answers.

use super::Progress;
use crate::aws::ec2::{Action, ActionResult, Filter, Instance, InstanceDetails};
use crate::aws::ec2_inventory::GroupDetails;
use crate::aws::{Adapters, AwsError, ContextKey};

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

pub(super) async fn execute(op: Ec2Op, adapters: &Adapters, progress: &Progress) -> Ec2Outcome {
    let ec2 = &adapters.ec2;
    match op {
        Ec2Op::List {
            ctx,
            filters,
            page_size,
        } => {
            let mut token = None;
            loop {
                let page = ec2
                    .list_page(ctx.clone(), filters.clone(), token, page_size)
                    .await;
                match page {
                    Ok(page) => {
                        token = page.next;
                        progress.send(super::Outcome::Ec2(Ec2Outcome::Page(page.instances)));
                        if token.is_none() {
                            return Ec2Outcome::Listed(Ok(()));
                        }
                    }
                    Err(e) => return Ec2Outcome::Listed(Err(e)),
                }
            }
        }
        Ec2Op::Poll { ctx, ids } => Ec2Outcome::Polled(ec2.describe(ctx, ids).await),
        Ec2Op::Details { ctx, id } => Ec2Outcome::Details(Box::new(ec2.details(ctx, id).await)),
        Ec2Op::DryRun { ctx, action, ids } => Ec2Outcome::DryRan {
            result: ec2.dry_run(ctx, action, ids.clone()).await,
            action,
            ids,
        },
        Ec2Op::Act { ctx, action, ids } => Ec2Outcome::Acted {
            results: ec2.act(ctx, action, ids).await,
            action,
        },
        Ec2Op::Console { ctx, id } => Ec2Outcome::Console(ec2.console_output(ctx, id).await),
        Ec2Op::GroupDetails { ctx, id } => {
            Ec2Outcome::GroupDetails(Box::new(ec2.group_details(ctx, id).await))
        }
    }
}
