//! Sending a message (SQS) and what SNS publish shares with it: after the body comes back
//! from $EDITOR, a FIFO queue or topic asks the message group id, then the deduplication id
//! unless content-based deduplication is on; then one confirmation whose yes sends the
//! request once. Nothing of the body goes into the confirmation beyond its size and first
//! line, and nothing of it into a log.

use crate::aws::ContextKey;
use crate::aws::sqs::Outgoing;
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::protocol::sqs::SqsOp;
use crate::protocol::{Op, Owner, Request};

/// Why a write in `ctx` would be refused, said before $EDITOR opens (the guard refuses it
/// again when it is sent; this only spares writing a message that cannot go).
pub fn refused_before_editing(cx: &crate::pane::PaneCx, ctx: &ContextKey) -> Option<Effect> {
    let why = if cx.read_only {
        "read-only mode".to_string()
    } else if cx.policy_for(ctx).read_only {
        format!("{} is read-only (policy)", ctx.profile_label())
    } else {
        return None;
    };
    Some(Effect::Flash(
        Level::Error,
        format!("{why}: nothing can be sent from here"),
    ))
}

/// Asks what a FIFO destination needs, then hands the group and dedup ids to `finish`;
/// a standard one goes to `finish` at once.
pub fn fifo_then(
    fifo: bool,
    content_dedup: bool,
    finish: impl FnOnce(Option<String>, Option<String>) -> Vec<Effect> + Send + 'static,
) -> Vec<Effect> {
    if !fifo {
        return finish(None, None);
    }
    vec![Effect::Ask(Ask {
        title: "Message group id (FIFO: messages of one group are delivered in order)".into(),
        initial: "default".into(),
        complete_paths: false,
        on_answer: Box::new(move |group: String| {
            let group = group.trim().to_string();
            if group.is_empty() {
                return vec![Effect::Flash(
                    Level::Warn,
                    "a FIFO message needs a group id: nothing sent".into(),
                )];
            }
            if content_dedup {
                return finish(Some(group), None);
            }
            vec![Effect::Ask(Ask {
                title: "Deduplication id (the same id within 5 minutes is dropped)".into(),
                initial: format!("awsterm-{}", crate::clock::now_ms()),
                complete_paths: false,
                on_answer: Box::new(move |dedup: String| {
                    let dedup = dedup.trim().to_string();
                    if dedup.is_empty() {
                        return vec![Effect::Flash(
                            Level::Warn,
                            "no deduplication id and no content-based deduplication: nothing sent"
                                .into(),
                        )];
                    }
                    finish(Some(group), Some(dedup))
                }),
            })]
        }),
    })]
}

/// `1,204 bytes · first line…`: what the confirmation says of a body.
pub fn body_line(body: &str) -> String {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first: String = first.chars().take(50).collect();
    format!("{} bytes · {first}…", body.len())
}

/// Where a send goes and what it carries.
pub struct SendTo {
    pub owner: Owner,
    pub ctx: ContextKey,
    pub url: String,
    pub name: String,
    pub fifo: bool,
    pub content_dedup: bool,
    /// `profile · account · region`.
    pub place: String,
}

/// The body as edited → the FIFO questions → the confirmation → `SqsOp::Send`.
pub fn begin(to: SendTo, body: String) -> Vec<Effect> {
    if body.trim().is_empty() {
        return vec![Effect::Flash(
            Level::Warn,
            "the message is empty: nothing sent".into(),
        )];
    }
    let SendTo {
        owner,
        ctx,
        url,
        name,
        fifo,
        content_dedup,
        place,
    } = to;
    fifo_then(fifo, content_dedup, move |group_id, dedup_id| {
        let mut lines = vec![place, body_line(&body)];
        if let Some(g) = &group_id {
            lines.push(format!("group {g}"));
        }
        lines.push("SendMessage goes out once: a lost answer is not sent again.".into());
        let op = Op::Sqs(SqsOp::Send {
            ctx,
            url,
            message: Outgoing {
                body,
                group_id,
                dedup_id,
            },
        });
        vec![Effect::Confirm(Confirm {
            title: format!("Send this message to {name}?"),
            lines,
            typed: None,
            on_yes: vec![Effect::Request(Request::new(owner, op).in_slot("send"))],
        })]
    })
}
