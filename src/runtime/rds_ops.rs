//! RDS requests and their answers.

use crate::aws::Adapters;
use crate::aws::once::or_reread;
use crate::protocol::rds::{RdsOp, RdsOutcome};

pub(super) async fn execute(op: RdsOp, adapters: &Adapters) -> RdsOutcome {
    let rds = &adapters.rds;
    match op {
        RdsOp::List(ctx) => RdsOutcome::Listed(rds.list(ctx).await),
        RdsOp::Details { ctx, kind, id } => RdsOutcome::Details(rds.details(ctx, kind, id).await),
        RdsOp::Act {
            ctx,
            action,
            targets,
        } => {
            let mut results = Vec::new();
            for (kind, id) in targets {
                let result = rds.act(ctx.clone(), kind, id.clone(), action).await;
                results.push((id, result));
            }
            RdsOutcome::Acted { action, results }
        }
        RdsOp::Snapshots { ctx, kind, db_id } => {
            RdsOutcome::Snapshots(rds.snapshots(ctx, kind, db_id).await)
        }
        RdsOp::CreateSnapshot {
            ctx,
            kind,
            db_id,
            name,
        } => {
            let sent = rds
                .create_snapshot(ctx.clone(), kind, db_id.clone(), name.clone())
                .await;
            // Sent once: after a lost answer the snapshot is looked for, not asked for again.
            let reread = || async move {
                let all = rds.snapshots(ctx, kind, db_id).await?;
                Ok(all.into_iter().find(|s| s.id == name))
            };
            RdsOutcome::SnapshotCreated(or_reread(sent, reread).await)
        }
        RdsOp::DeleteSnapshot {
            ctx,
            kind,
            db_id,
            id,
        } => {
            let sent = rds.delete_snapshot(ctx.clone(), kind, id.clone()).await;
            let wanted = id.clone();
            // Gone, or on its way: the delete took effect.
            let reread = || async move {
                let all = rds.snapshots(ctx, kind, db_id).await?;
                let left = all.iter().find(|s| s.id == wanted);
                Ok(left.is_none_or(|s| s.status == "deleting").then_some(()))
            };
            RdsOutcome::SnapshotDeleted {
                result: or_reread(sent, reread).await,
                id,
            }
        }
    }
}
