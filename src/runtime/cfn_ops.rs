//! CloudFormation requests and their answers.

use crate::aws::Adapters;
use crate::aws::ErrorKind;
use crate::aws::once::or_reread;
use crate::protocol::cloudformation::{CfnOp, CfnOutcome};

pub(super) async fn execute(op: CfnOp, adapters: &Adapters) -> CfnOutcome {
    let cfn = &adapters.cloudformation;
    match op {
        CfnOp::Describe { ctx, stack } => CfnOutcome::Described(cfn.describe(ctx, stack).await),
        CfnOp::Events { ctx, stack } => CfnOutcome::Events(cfn.events(ctx, stack).await),
        CfnOp::Resources { ctx, stack } => CfnOutcome::Resources(cfn.resources(ctx, stack).await),
        CfnOp::Template { ctx, stack } => CfnOutcome::Template(cfn.template(ctx, stack).await),
        CfnOp::Act { ctx, stack, action } => {
            let sent = cfn.act(ctx.clone(), stack.clone(), action).await;
            // Sent once: after a lost answer the stack's status tells whether it took effect.
            let (c, s) = (ctx.clone(), stack.clone());
            let reread = || async move {
                let status = match cfn.describe(c, s).await {
                    Ok(d) => Some(d.status),
                    Err(e) if e.kind == ErrorKind::NotFound => None,
                    Err(e) => return Err(e),
                };
                Ok(action.shows_done(status.as_deref()).then_some(()))
            };
            CfnOutcome::Acted {
                result: or_reread(sent, reread).await,
                ctx,
                stack,
                action,
            }
        }
    }
}
