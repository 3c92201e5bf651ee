//! EC2 requests and their answers.

use super::Progress;
use crate::aws::Adapters;
use crate::aws::page::each_page_up_to;
use crate::protocol::ec2::{Ec2Op, Ec2Outcome};

pub(super) async fn execute(op: Ec2Op, adapters: &Adapters, progress: &Progress) -> Ec2Outcome {
    let ec2 = &adapters.ec2;
    match op {
        Ec2Op::List {
            ctx,
            filters,
            page_size,
        } => {
            let each = |page| progress.send(Ec2Outcome::Page(page));
            let fetch = |token| ec2.list_page(ctx.clone(), filters.clone(), token, page_size);
            Ec2Outcome::Listed(
                each_page_up_to(None, usize::MAX, fetch, each)
                    .await
                    .map(drop),
            )
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
