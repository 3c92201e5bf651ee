//! One kind of resource listed in many contexts at once: the request and its answers.

use crate::aws::lambda::Function;
use crate::aws::model::Identity;
use crate::aws::rds::Database;
use crate::aws::s3::Bucket;
use crate::aws::{AwsError, ContextKey};
use std::collections::HashMap;

/// What a cross-context view lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcrossKind {
    Rds,
    Lambda,
    S3,
}

impl AcrossKind {
    /// The view's title.
    pub fn label(self) -> &'static str {
        match self {
            AcrossKind::Rds => "RDS databases",
            AcrossKind::Lambda => "Lambda functions",
            AcrossKind::S3 => "S3 buckets",
        }
    }

    /// One row, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            AcrossKind::Rds => "database",
            AcrossKind::Lambda => "function",
            AcrossKind::S3 => "bucket",
        }
    }
}

#[derive(Debug)]
pub struct AcrossOp {
    pub kind: AcrossKind,
    pub contexts: Vec<ContextKey>,
    /// Accounts already known, by profile (`None`: the default chain). For any other profile
    /// STS is asked once, beside its listings.
    pub accounts: HashMap<Option<String>, String>,
    /// At most this many contexts in flight (clamped to 1..=64).
    pub fan_out: usize,
}

/// Every page of one context's listing.
#[derive(Debug)]
pub enum Listed {
    Rds(Vec<Database>),
    Lambda(Vec<Function>),
    S3(Vec<Bucket>),
}

impl Listed {
    pub fn len(&self) -> usize {
        match self {
            Listed::Rds(v) => v.len(),
            Listed::Lambda(v) => v.len(),
            Listed::S3(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug)]
pub enum AcrossOutcome {
    /// One context answered (sent as progress, in the order contexts answer).
    Context {
        ctx: ContextKey,
        /// The context's account: known before, or from STS (`None` if that failed too).
        account: Option<String>,
        /// Who STS said the profile is, when this listing asked: the app keeps it with the
        /// header's identities, so policies and audit lines know the account from now on.
        learned: Option<Box<Identity>>,
        result: Result<Listed, AwsError>,
        /// The listing stopped at its cap (Lambda: `FUNCTION_CAP` functions).
        capped: bool,
    },
    /// Every context has answered.
    Done,
}
