//! Parameter Store: a parameter's history (newest first), a decrypted read, a put.

use crate::aws::Adapters;
use crate::aws::page::pages_up_to;
use crate::protocol::ssm::{HISTORY_CAP, SsmOp, SsmOutcome};

pub(super) async fn execute(op: SsmOp, adapters: &Adapters) -> SsmOutcome {
    let ssm = &adapters.ssm;
    match op {
        SsmOp::History { ctx, name } => {
            let read = pages_up_to(None, HISTORY_CAP, |token| {
                ssm.history_page(ctx.clone(), name.clone(), token)
            })
            .await;
            SsmOutcome::History(read.map(|(mut versions, more)| {
                // SSM gives the oldest first; people read the newest first.
                versions.sort_by_key(|v| std::cmp::Reverse(v.version));
                (versions, more.is_some())
            }))
        }
        SsmOp::Decrypt { ctx, name, version } => {
            let result = ssm.decrypted(ctx.clone(), name.clone(), version).await;
            SsmOutcome::Decrypted {
                ctx,
                name,
                version,
                result,
            }
        }
        SsmOp::Put { ctx, new } => {
            let name = new.name.clone();
            let result = ssm.put(ctx.clone(), new).await;
            SsmOutcome::Put { ctx, name, result }
        }
    }
}
