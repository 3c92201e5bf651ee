//! Secrets Manager requests beyond the listing: one secret's metadata and versions, and its
//! value read only when the user asks to reveal it. Neither writes; the value travels as
//! `SecretText`, which the request log cannot print.

use crate::aws::secrets::{SecretDetails, SecretValue};
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum SecretsOp {
    /// DescribeSecret and ListSecretVersionIds.
    Details { ctx: ContextKey, secret: String },
    /// GetSecretValue of one version (`None`: AWSCURRENT), on the user's explicit reveal.
    Value {
        ctx: ContextKey,
        secret: String,
        version: Option<String>,
    },
}

#[derive(Debug)]
pub enum SecretsOutcome {
    Details(Box<Result<SecretDetails, AwsError>>),
    Value {
        secret: String,
        version: Option<String>,
        result: Result<SecretValue, AwsError>,
    },
}

/// Reads: nothing for the guard or the audit log (and a value must never reach the audit log).
pub(super) fn mutation(op: &SecretsOp) -> Option<crate::audit::Mutation> {
    match op {
        SecretsOp::Details { .. } | SecretsOp::Value { .. } => None,
    }
}
