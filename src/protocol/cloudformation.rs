//! CloudFormation requests and their answers (the stack list itself goes through the
//! engine's `Op::List`).

use crate::aws::cloudformation::{StackAction, StackDetails, StackEvent, StackResource};
use crate::aws::once::Sent;
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum CfnOp {
    /// DescribeStacks for one stack: status, outputs, parameters.
    Describe {
        ctx: ContextKey,
        stack: String,
    },
    /// The newest events first.
    Events {
        ctx: ContextKey,
        stack: String,
    },
    Resources {
        ctx: ContextKey,
        stack: String,
    },
    Template {
        ctx: ContextKey,
        stack: String,
    },
    /// A write: delete, continue-update-rollback, cancel-update (sent once).
    Act {
        ctx: ContextKey,
        stack: String,
        action: StackAction,
    },
}

#[derive(Debug)]
pub enum CfnOutcome {
    Described(Result<StackDetails, AwsError>),
    Events(Result<Vec<StackEvent>, AwsError>),
    Resources(Result<Vec<StackResource>, AwsError>),
    Template(Result<String, AwsError>),
    Acted {
        ctx: ContextKey,
        stack: String,
        action: StackAction,
        result: Result<Sent<()>, AwsError>,
    },
}
