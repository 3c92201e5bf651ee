//! RDS requests and their answers.

use crate::aws::once::Sent;
use crate::aws::rds::{Action, Database, Kind, Snapshot};
use crate::aws::tree::Tree;
use crate::aws::{AwsError, ContextKey};

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
        /// The database it belongs to: its snapshots are re-read after a lost answer.
        db_id: String,
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
    SnapshotCreated(Result<Sent<Snapshot>, AwsError>),
    SnapshotDeleted {
        id: String,
        result: Result<Sent<()>, AwsError>,
    },
}
