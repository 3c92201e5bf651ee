//! IAM reads beyond the engine's listings: what a page of rows needs filled in (a role's last
//! use, a user's groups, MFA devices and keys, a policy's description — one request per row,
//! which ListRoles, ListUsers and ListPolicies leave out) and each kind's details. None of
//! them writes: IAM is read-only in awsterm.

use crate::aws::iam::{
    LastUsed, Policy, PolicyDetails, RoleDetails, User, UserDetails, UserExtras,
};
use crate::aws::{AwsError, ContextKey};

/// At most this many per-row requests of one follow-up in flight at once: enough to fill a
/// page of 1,000 rows in seconds, few enough to stay under IAM's request rate (it throttles
/// an account's control-plane calls early) while the listing goes on beside it.
pub const FOLLOW_UP_CONCURRENCY: usize = 4;

#[derive(Debug)]
pub enum IamOp {
    /// GetRole for each role of a page: when each was last used.
    RolesLastUsed {
        ctx: ContextKey,
        names: Vec<String>,
    },
    /// Groups, MFA devices and access keys (with their last use) of each user of a page.
    UsersExtras {
        ctx: ContextKey,
        names: Vec<String>,
    },
    /// GetPolicy for each policy of a page: its description.
    PolicyDescriptions {
        ctx: ContextKey,
        arns: Vec<String>,
    },
    RoleDetails {
        ctx: ContextKey,
        name: String,
    },
    UserDetails {
        ctx: ContextKey,
        user: Box<User>,
    },
    PolicyDetails {
        ctx: ContextKey,
        policy: Box<Policy>,
    },
}

/// Per row: its key (name or ARN) and what was read, or why not.
pub use super::fill::PerRow;

#[derive(Debug)]
pub enum IamOutcome {
    RolesLastUsed {
        ctx: ContextKey,
        found: PerRow<Option<LastUsed>>,
    },
    UsersExtras {
        ctx: ContextKey,
        found: PerRow<UserExtras>,
    },
    PolicyDescriptions {
        ctx: ContextKey,
        found: PerRow<Option<String>>,
    },
    RoleDetails(Box<Result<RoleDetails, AwsError>>),
    UserDetails(Box<Result<UserDetails, AwsError>>),
    PolicyDetails(Box<Result<PolicyDetails, AwsError>>),
}

/// Every IAM op reads: nothing for the guard or the audit log.
pub(super) fn mutation(op: &IamOp) -> Option<crate::audit::Mutation> {
    match op {
        IamOp::RolesLastUsed { .. }
        | IamOp::UsersExtras { .. }
        | IamOp::PolicyDescriptions { .. }
        | IamOp::RoleDetails { .. }
        | IamOp::UserDetails { .. }
        | IamOp::PolicyDetails { .. } => None,
    }
}
