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

/// Lines of a template that say what is sent; they are dropped from what comes back.
pub const COMMENT: &str = "#~";

/// What the editor opens with to send to queue `name`: comment lines only, the body is
/// written below them.
pub fn sqs_template(name: &str) -> String {
    format!(
        "{COMMENT} The message body for queue {name}: every line below is sent as it is,\n\
         {COMMENT} once, after a confirmation. Lines starting with {COMMENT} are dropped, and so is\n\
         {COMMENT} one trailing newline (the one an editor adds). Left empty, nothing is sent.\n"
    )
}

/// The text as the editor left it, without the template's comment lines and without one
/// trailing newline: what `aws sqs send-message --message-body file://…` users expect of a
/// file their editor ended with a newline, while a body that means to end in blank lines
/// keeps the rest of them.
pub fn body_of(edited: &str) -> String {
    let kept: String = edited
        .split_inclusive('\n')
        .filter(|line| !line.starts_with(COMMENT))
        .collect();
    match kept
        .strip_suffix("\r\n")
        .or_else(|| kept.strip_suffix('\n'))
    {
        Some(body) => body.to_string(),
        None => kept,
    }
}

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
        // Whole in the dialog's border at 80 columns (66 cells).
        title: "Message group id (FIFO: a group's messages arrive in order)".into(),
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

/// Characters of the body's first line a confirmation shows.
const PREVIEW_CHARS: usize = 50;

/// `1,204 bytes · first line…`: what the confirmation says of a body, ending in `…` only
/// when more of it is not shown (a longer line, other lines).
pub fn body_line(body: &str) -> String {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let shown: String = first.chars().take(PREVIEW_CHARS).collect();
    let cut = shown.trim() != body.trim();
    format!(
        "{} bytes · {shown}{}",
        body.len(),
        if cut { "…" } else { "" }
    )
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

/// The text as edited → the FIFO questions → the confirmation → `SqsOp::Send`.
pub fn begin(to: SendTo, edited: String) -> Vec<Effect> {
    let body = body_of(&edited);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_and_one_trailing_newline_are_dropped() {
        let edited = format!("{}{{\"order\":1}}\n", sqs_template("orders"));
        assert_eq!(body_of(&edited), "{\"order\":1}");
        // Only one: a body that ends in a blank line keeps it.
        assert_eq!(body_of("a\n\n"), "a\n");
        assert_eq!(body_of("a\r\n"), "a");
        assert_eq!(body_of("no newline"), "no newline");
        // A `#` line of the body is the body's.
        assert_eq!(body_of("# title\ntext\n"), "# title\ntext");
        assert_eq!(body_of(&sqs_template("orders")), "");
    }

    #[test]
    fn the_preview_ends_in_an_ellipsis_only_when_something_is_not_shown() {
        assert_eq!(body_line("entry 7"), "7 bytes · entry 7");
        assert_eq!(body_line("\nentry 7\n"), "9 bytes · entry 7");
        assert_eq!(body_line("line one\nline two"), "17 bytes · line one…");
        let long = "x".repeat(PREVIEW_CHARS + 1);
        assert_eq!(
            body_line(&long),
            format!("{} bytes · {}…", long.len(), "x".repeat(PREVIEW_CHARS))
        );
        let exact = "y".repeat(PREVIEW_CHARS);
        assert_eq!(body_line(&exact), format!("50 bytes · {exact}"));
    }
}
