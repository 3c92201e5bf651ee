//! RDS requests and their answers.

use crate::aws::rds::{Action, Database, Kind, Snapshot};
use crate::aws::tree::Tree;
use crate::aws::{Adapters, AwsError, ContextKey};

#[derive(Debug)]
pub enum RdsOp {
    List(ContextKey),
    Details {
        ctx: ContextKey,
        kind: Kind,
        id: String,
    },
    /// The action on each database in turn.
    Act {
        ctx: ContextKey,
        action: Action,
        targets: Vec<(Kind, String)>,
    },
    Snapshots {
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
    },
    CreateSnapshot {
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
        name: String,
    },
    DeleteSnapshot {
        ctx: ContextKey,
        kind: Kind,
        id: String,
    },
}

#[derive(Debug)]
pub enum RdsOutcome {
    Listed(Result<Vec<Database>, AwsError>),
    Details(Result<Tree, AwsError>),
    Acted {
        action: Action,
        results: Vec<(String, Result<String, AwsError>)>,
    },
    Snapshots(Result<Vec<Snapshot>, AwsError>),
    SnapshotCreated(Result<Snapshot, AwsError>),
    SnapshotDeleted {
        id: String,
        result: Result<(), AwsError>,
    },
}

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
        } => RdsOutcome::SnapshotCreated(rds.create_snapshot(ctx, kind, db_id, name).await),
        RdsOp::DeleteSnapshot { ctx, kind, id } => RdsOutcome::SnapshotDeleted {
            result: rds.delete_snapshot(ctx, kind, id.clone()).await,
            id,
        },
    }
}
