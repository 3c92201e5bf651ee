//! SSM Parameter Store requests beyond the listing: a parameter's history, one value decrypted
//! on the user's request, and a new version put (the one write: sent once, guarded, audited
//! by name only).

use crate::aws::once::Sent;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::{NewVersion, ParamVersion};
use crate::aws::{AwsError, ContextKey};

/// A parameter keeps at most 100 versions; the history is read up to this many.
pub const HISTORY_CAP: usize = 100;

#[derive(Debug)]
pub enum SsmOp {
    /// GetParameterHistory, every page up to `HISTORY_CAP`.
    History { ctx: ContextKey, name: String },
    /// GetParameter WithDecryption, on the user's explicit reveal.
    Decrypt {
        ctx: ContextKey,
        name: String,
        version: Option<i64>,
    },
    /// PutParameter Overwrite=true, same type (a write).
    Put { ctx: ContextKey, new: NewVersion },
}

#[derive(Debug)]
pub enum SsmOutcome {
    /// Newest first, and whether more were left unread.
    History(Result<(Vec<ParamVersion>, bool), AwsError>),
    Decrypted {
        ctx: ContextKey,
        name: String,
        version: Option<i64>,
        result: Result<SecretText, AwsError>,
    },
    /// The version written.
    Put {
        ctx: ContextKey,
        name: String,
        result: Result<Sent<i64>, AwsError>,
    },
}

/// The put is the one write; the audit line names the parameter, never its value.
pub(super) fn mutation(op: &SsmOp) -> Option<crate::audit::Mutation> {
    match op {
        SsmOp::Put { ctx, new } => Some(crate::audit::Mutation::new(
            ctx,
            "ssm",
            "PutParameter",
            [new.name.clone()],
        )),
        SsmOp::History { .. } | SsmOp::Decrypt { .. } => None,
    }
}
