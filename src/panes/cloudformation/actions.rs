//! The stack writes, shared by the stacks list and the stack view: each checks the state
//! first (a clear refusal instead of a ValidationError from AWS), then asks — delete by
//! typing the stack's name — then sends one typed `CfnOp::Act`, which the guard and the
//! audit log see through `Op::mutation`.

use crate::aws::ContextKey;
use crate::aws::cloudformation::StackAction;
use crate::command::CommandId;
use crate::pane::{Confirm, Effect, Level};
use crate::protocol::cloudformation::{CfnOp, CfnOutcome};
use crate::protocol::{Op, Owner, Request};

/// The action a command names, if it is one of these.
pub fn of(command: CommandId) -> Option<StackAction> {
    Some(match command {
        CommandId::DeleteStack => StackAction::Delete,
        CommandId::ContinueRollback => StackAction::ContinueRollback,
        CommandId::CancelUpdate => StackAction::CancelUpdate,
        _ => return None,
    })
}

/// Refused in the wrong state; otherwise the confirmation whose yes sends the action.
pub fn begin(
    action: StackAction,
    owner: Owner,
    ctx: &ContextKey,
    name: &str,
    status: &str,
    place: &str,
) -> Vec<Effect> {
    if let Some(why) = action.refusal(name, status) {
        return vec![Effect::Flash(Level::Warn, why)];
    }
    let op = Op::Cfn(CfnOp::Act {
        ctx: ctx.clone(),
        stack: name.to_string(),
        action,
    });
    let (title, lines, typed) = match action {
        StackAction::Delete => (
            format!("Delete stack {name}?"),
            vec![
                format!("{status} · {place}"),
                "Every resource the stack made is deleted with it (unless retained).".into(),
                format!("Type the stack name ({name}) to confirm."),
            ],
            Some(name.to_string()),
        ),
        StackAction::ContinueRollback => (
            format!("Continue the update rollback of {name}?"),
            vec![
                format!("{status} · {place}"),
                "CloudFormation retries rolling back the resources that failed to.".into(),
            ],
            None,
        ),
        StackAction::CancelUpdate => (
            format!("Cancel the update of {name}?"),
            vec![
                format!("{status} · {place}"),
                "The update stops and the stack rolls back to its last good state.".into(),
            ],
            None,
        ),
    };
    vec![Effect::Confirm(Confirm {
        title,
        lines,
        typed,
        on_yes: vec![Effect::Request(Request::new(owner, op))],
    })]
}

/// What an action's answer says, for the status line; `None`: not an action's answer.
pub fn report(outcome: &CfnOutcome) -> Option<Vec<Effect>> {
    let CfnOutcome::Acted {
        stack,
        action,
        result,
        ..
    } = outcome
    else {
        return None;
    };
    Some(vec![match result {
        Ok(sent) => Effect::Flash(
            Level::Success,
            match action {
                StackAction::Delete => format!("deleting stack {stack}{}", sent.note()),
                StackAction::ContinueRollback => {
                    format!("rolling back stack {stack} again{}", sent.note())
                }
                StackAction::CancelUpdate => {
                    format!("cancelling the update of {stack}{}", sent.note())
                }
            },
        ),
        Err(e) => Effect::Flash(
            Level::Error,
            format!("{} {stack}: {}", action.operation(), e.summary()),
        ),
    }])
}
