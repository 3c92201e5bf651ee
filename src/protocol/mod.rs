//! The messages between the app and the runtime: a request (an op, who owns it, its slot) and
//! the reply it gets. Every service's ops and outcomes live here as plain data, so panes, the
//! app and the runtime share one vocabulary; executing them is the runtime's job.

pub mod alarms;
pub mod cloudformation;
pub mod dynamodb;
pub mod ec2;
pub mod ecs;
pub mod editor;
pub mod elb;
pub mod fill;
pub mod iam;
pub mod lambda;
pub mod list;
pub mod logs;
pub mod metrics;
mod mutation;
pub mod rds;
pub mod s3;
pub mod secrets;
pub mod sns;
pub mod sqs;
mod sqs_mutation;
pub mod ssm;

pub use mutation::{partiql_refusal, result_of};

use crate::aws::model::Identity;
use crate::aws::profiles::ProfileInfo;
use crate::aws::{AwsError, AwsFiles, ContextKey};

pub type ReqId = u64;

/// Who receives the answer: the app itself (header, profile list) or one open pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    App,
    Pane(PaneId),
}

/// Identity of one open pane instance: closing and reopening a pane gives a new id, so replies
/// meant for the old one can never reach the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaneId(pub u64);

#[derive(Debug)]
pub struct Request {
    pub owner: Owner,
    /// Requests with the same owner and slot supersede each other: only the newest may answer.
    pub slot: Option<&'static str>,
    pub op: Op,
    /// The user already confirmed this write by typing (a policy asking for typed
    /// confirmation does not ask again).
    pub confirmed: bool,
    /// Keeps running, and answering, across a context switch: its owner works in a context of
    /// its own (a transfer of an S3 view), not in the active one.
    pub outlives_switch: bool,
}

impl Request {
    pub fn new(owner: Owner, op: Op) -> Request {
        Request {
            owner,
            slot: None,
            op,
            confirmed: false,
            outlives_switch: false,
        }
    }

    pub fn outliving_switch(mut self) -> Request {
        self.outlives_switch = true;
        self
    }

    pub fn confirmed(mut self) -> Request {
        self.confirmed = true;
        self
    }

    pub fn in_slot(mut self, slot: &'static str) -> Request {
        self.slot = Some(slot);
        self
    }
}

#[derive(Debug)]
pub struct Reply {
    pub id: ReqId,
    pub generation: u64,
    pub owner: Owner,
    /// What AWS answered, or why no answer comes: the app hands a failure to the owner before
    /// anything else looks at the reply, so no view is left waiting.
    pub result: Result<Outcome, Failure>,
    /// False for intermediate answers (a page of a listing, transfer progress); the request
    /// stays in flight until its last answer.
    pub last: bool,
}

/// A request that ends without an answer from AWS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The slot it was made in: tells its view which of its requests failed.
    pub slot: Option<&'static str>,
    pub kind: FailureKind,
    /// For the user: one sanitized line.
    pub why: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Its task panicked.
    Crashed,
    /// It never left: the guard refused it, its confirmation was cancelled, or its audit line
    /// could not be written (a write not on record does not go).
    NotSent,
}

impl Failure {
    pub fn crashed(slot: Option<&'static str>, message: &str) -> Failure {
        Failure::new(slot, FailureKind::Crashed, message)
    }

    pub fn not_sent(slot: Option<&'static str>, why: &str) -> Failure {
        Failure::new(slot, FailureKind::NotSent, why)
    }

    fn new(slot: Option<&'static str>, kind: FailureKind, why: &str) -> Failure {
        Failure {
            slot,
            kind,
            why: crate::sanitize::sanitize(why).into_owned(),
        }
    }

    /// Whether it was the request made in `slot`.
    pub fn is_in(&self, slot: &str) -> bool {
        self.slot == Some(slot)
    }

    /// What a view shows where its answer would have been.
    pub fn summary(&self) -> String {
        match self.kind {
            FailureKind::Crashed => format!("internal error: {}", self.why),
            FailureKind::NotSent => format!("not sent: {}", self.why),
        }
    }
}

#[derive(Debug)]
pub enum Op {
    /// Any resource kind's listing, in one context or many (the resource views).
    List(list::ListOp),
    Ec2(ec2::Ec2Op),
    Rds(rds::RdsOp),
    Cfn(cloudformation::CfnOp),
    Ecs(ecs::EcsOp),
    Ddb(dynamodb::DdbOp),
    Lambda(lambda::LambdaOp),
    Logs(logs::LogsOp),
    Alarms(alarms::AlarmsOp),
    /// IAM reads (IAM is read-only here).
    Iam(iam::IamOp),
    /// What listed rows lack, read after they show (SQS/SNS attributes, target health).
    Fill(fill::FillOp),
    /// A kind's follow-up (`Fill`, IAM's), tagged with the listing whose rows asked.
    FollowUp(fill::FollowUp),
    /// Load balancer details (reads).
    Elb(elb::ElbOp),
    Secrets(secrets::SecretsOp),
    Ssm(ssm::SsmOp),
    /// CloudWatch metrics for the charts (reads).
    Metrics(metrics::MetricsOp),
    S3(s3::S3Op),
    Sqs(sqs::SqsOp),
    Sns(sns::SnsOp),
    /// A file for the user's editor, and reading it back.
    Edit(editor::EditOp),
    /// Who are we in this context (STS GetCallerIdentity)?
    CallerIdentity(ContextKey),
    /// Assume the context's MFA role with a code the user typed.
    MfaLogin {
        ctx: ContextKey,
        code: OneTimeCode,
    },
    /// Re-read the AWS shared config and credentials files.
    LoadProfiles(AwsFiles),
    /// The newest lines of the audit log (a local file).
    AuditRead {
        path: std::path::PathBuf,
        max: usize,
    },
    /// Read or change the bookmarks file (a local file).
    Bookmarks(crate::bookmarks::BookmarkOp),
}

#[derive(Debug)]
pub enum Outcome {
    List(list::ListOutcome),
    Ec2(ec2::Ec2Outcome),
    Rds(rds::RdsOutcome),
    Cfn(cloudformation::CfnOutcome),
    Ecs(ecs::EcsOutcome),
    Ddb(dynamodb::DdbOutcome),
    Lambda(lambda::LambdaOutcome),
    Logs(logs::LogsOutcome),
    Alarms(alarms::AlarmsOutcome),
    Iam(iam::IamOutcome),
    Fill(fill::FillOutcome),
    /// A follow-up's answer, with the listing it was asked for.
    FollowUp(fill::Answered),
    Elb(elb::ElbOutcome),
    Secrets(secrets::SecretsOutcome),
    Ssm(ssm::SsmOutcome),
    Metrics(metrics::MetricsOutcome),
    S3(s3::S3Outcome),
    Sqs(sqs::SqsOutcome),
    Sns(sns::SnsOutcome),
    Edit(editor::EditOutcome),
    Identity(ContextKey, Result<Identity, AwsError>),
    /// An MFA login: when the session expires (seconds since the epoch), or why it failed.
    MfaLogin(ContextKey, Result<Option<i64>, AwsError>),
    Profiles(Result<Vec<ProfileInfo>, String>),
    /// Audit entries, newest first, and how many lines could not be read.
    Audit(Result<(Vec<crate::audit::Entry>, usize), String>),
    /// The bookmarks after the change, or why it failed.
    Bookmarks(Result<Vec<crate::bookmarks::Bookmark>, String>),
}

/// An MFA code: short-lived, but still kept out of the request log.
pub struct OneTimeCode(pub String);

impl std::fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OneTimeCode(******)")
    }
}

macro_rules! service_outcome {
    ($($service:ident($outcome:ty)),* $(,)?) => {$(
        impl From<$outcome> for Outcome {
            fn from(outcome: $outcome) -> Outcome {
                Outcome::$service(outcome)
            }
        }
    )*};
}

service_outcome!(
    Ec2(ec2::Ec2Outcome),
    Rds(rds::RdsOutcome),
    Cfn(cloudformation::CfnOutcome),
    Ecs(ecs::EcsOutcome),
    Ddb(dynamodb::DdbOutcome),
    Lambda(lambda::LambdaOutcome),
    Logs(logs::LogsOutcome),
    Alarms(alarms::AlarmsOutcome),
    Iam(iam::IamOutcome),
    Fill(fill::FillOutcome),
    Elb(elb::ElbOutcome),
    Secrets(secrets::SecretsOutcome),
    Ssm(ssm::SsmOutcome),
    Metrics(metrics::MetricsOutcome),
    S3(s3::S3Outcome),
    Sqs(sqs::SqsOutcome),
    Sns(sns::SnsOutcome),
    Edit(editor::EditOutcome),
);
