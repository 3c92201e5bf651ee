//! `E` on a parameter: a new version with the same type. The text comes from $EDITOR for a
//! String or StringList (the file starts with the current value), from a masked one-line
//! prompt for a SecureString (`•` per character, Tab shows it; neither the old nor the new
//! value is ever written to a file, a history or a log). The change
//! is shown and confirmed — the guard makes it typed where the context's policy asks and
//! refuses it where writes are off — and `SsmOp::Put` is sent once.

use super::ParamPane;
use crate::aws::once::Sent;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::{NewVersion, ParamType};
use crate::aws::{AwsError, ContextKey};
use crate::pane::{Ask, Confirm, Effect, Level, PaneCx};
use crate::panes::editing;
use crate::protocol::editor::EditOutcome;
use crate::protocol::ssm::SsmOp;
use crate::protocol::{Op, Owner, PaneId, Request};

const UNCHANGED: &str = "nothing written";
/// How much of an old or new plain value the confirmation shows.
const SHOWN: usize = 60;

#[derive(Default)]
pub(super) struct PutState {
    editing: bool,
}

impl PutState {
    pub(super) fn note(&self) -> Option<&'static str> {
        self.editing.then_some("editing the new value")
    }
}

/// What the confirmation needs to know about the parameter.
#[derive(Clone)]
struct Target {
    owner: PaneId,
    ctx: ContextKey,
    name: String,
    kind: ParamType,
    version: i64,
    /// The current value when it is shown (never a SecureString's).
    old: Option<String>,
}

impl ParamPane {
    fn target(&self) -> Target {
        Target {
            owner: self.id,
            ctx: self.ctx.clone(),
            name: self.param.name.clone(),
            kind: self.param.kind.clone(),
            version: self.param.version,
            old: self.param.value.clone(),
        }
    }

    pub(super) fn start_put(&mut self, cx: &PaneCx) -> Vec<Effect> {
        // Said before anything is typed; the guard would refuse the write anyway.
        if cx.read_only || cx.policy_for(&self.ctx).read_only {
            return vec![Effect::Flash(
                Level::Warn,
                "read-only here: no new version can be put".into(),
            )];
        }
        let target = self.target();
        if self.param.kind.is_secure() {
            return vec![Effect::AskSecret(Ask {
                title: secret_title("New SecureString value", &target.name),
                initial: String::new(),
                complete_paths: false,
                on_answer: Box::new(move |text| confirm(&target, text)),
            })];
        }
        self.put.editing = true;
        let file = target.name.rsplit('/').next().unwrap_or("parameter");
        vec![editing::start(
            self.id,
            file,
            target.old.clone().unwrap_or_default(),
        )]
    }

    pub(super) fn edited(&mut self, edit: EditOutcome, cx: &PaneCx) -> Vec<Effect> {
        match editing::advance(self.id, cx.editor, edit, UNCHANGED) {
            editing::Step::Running(effects) => effects,
            editing::Step::Over(effects) => {
                self.put.editing = false;
                effects
            }
            editing::Step::Edited { path, text } => {
                self.put.editing = false;
                let mut effects = vec![editing::discard(self.id, path)];
                effects.extend(confirm(&self.target(), text));
                effects
            }
        }
    }

    pub(super) fn put_answered(&mut self, result: Result<Sent<i64>, AwsError>) -> Vec<Effect> {
        match result {
            Ok(sent) => vec![Effect::Flash(
                Level::Success,
                format!(
                    "put version {} of {}{}",
                    sent.value(),
                    self.param.name,
                    sent.note()
                ),
            )],
            Err(e) => vec![Effect::Flash(
                Level::Error,
                format!("{}: not put: {}", self.param.name, e.summary()),
            )],
        }
    }
}

/// The confirmation of `text` as the next version of `t`, or why nothing is asked.
fn confirm(t: &Target, text: String) -> Vec<Effect> {
    // Editors end the file with a newline the user did not mean as part of the value.
    let text = text
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s).to_string())
        .unwrap_or(text);
    if text.is_empty() {
        return vec![Effect::Flash(
            Level::Warn,
            format!("an empty value: {UNCHANGED} (SSM takes no empty value)"),
        )];
    }
    if t.old.as_deref() == Some(text.as_str()) {
        return vec![Effect::Flash(
            Level::Info,
            format!("the value is unchanged: {UNCHANGED}"),
        )];
    }
    let mut lines = vec![format!(
        "{} stays a {} · Overwrite, sent once",
        t.name,
        t.kind.as_str()
    )];
    if t.kind.is_secure() {
        lines.push(format!(
            "new value: {} characters (not shown)",
            text.chars().count()
        ));
    } else {
        lines.push(format!(
            "was: {}",
            cut(t.old.as_deref().unwrap_or_default())
        ));
        lines.push(format!("now: {}", cut(&text)));
    }
    let op = Op::Ssm(SsmOp::Put {
        ctx: t.ctx.clone(),
        new: NewVersion {
            name: t.name.clone(),
            kind: t.kind.clone(),
            value: SecretText::new(text),
            base_version: t.version,
        },
    });
    vec![Effect::Confirm(Confirm {
        title: format!("Put version {} of {}?", t.version + 1, t.name),
        lines,
        typed: None,
        on_yes: vec![Effect::Request(
            Request::new(Owner::Pane(t.owner), op).in_slot("put"),
        )],
    })]
}

/// How long a masked prompt's title may be: it fits the dialog at 80 columns.
const TITLE_ROOM: usize = 64;

/// `what · name`, the name cut from the left (`…/db/password`) so what is asked stays first
/// and the title fits at 80 columns.
pub(super) fn secret_title(what: &str, name: &str) -> String {
    let room = TITLE_ROOM.saturating_sub(what.chars().count() + 3);
    let count = name.chars().count();
    if count <= room {
        return format!("{what} · {name}");
    }
    let tail: String = name.chars().skip(count + 1 - room).collect();
    format!("{what} · …{tail}")
}

/// One line, at most `SHOWN` characters.
pub(super) fn cut(text: &str) -> String {
    let line = crate::panes::masked::one_line(text);
    if line.chars().count() <= SHOWN {
        return line;
    }
    let mut short: String = line.chars().take(SHOWN - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: ParamType, old: Option<&str>) -> Target {
        Target {
            owner: PaneId(1),
            ctx: ContextKey {
                profile: Some("dev".into()),
                region: "eu-west-1".into(),
            },
            name: "/app/prod/db/password".into(),
            kind,
            version: 3,
            old: old.map(str::to_owned),
        }
    }

    fn confirm_of(effects: &[Effect]) -> &Confirm {
        match effects {
            [Effect::Confirm(c)] => c,
            other => panic!("not a confirmation: {other:?}"),
        }
    }

    #[test]
    fn a_secure_value_is_confirmed_by_its_length_only() {
        let effects = confirm(
            &target(ParamType::SecureString, None),
            "n3w-s3cret\n".into(),
        );
        let c = confirm_of(&effects);
        assert_eq!(c.title, "Put version 4 of /app/prod/db/password?");
        let all = c.lines.join("\n");
        assert!(!all.contains("n3w-s3cret"), "{all}");
        assert!(all.contains("10 characters"), "{all}");
        let Effect::Request(r) = &c.on_yes[0] else {
            panic!("no request")
        };
        let shown = format!("{:?}", r.op);
        assert!(!shown.contains("n3w-s3cret"), "{shown}");
        assert!(r.op.mutation().is_some());
    }

    #[test]
    fn a_masked_prompts_title_keeps_what_is_asked_first_and_fits_80_columns() {
        assert_eq!(
            secret_title("New SecureString value", "/app/db/password"),
            "New SecureString value · /app/db/password"
        );
        let long = secret_title(
            "New SecureString value",
            "/app/production/eu-west-1/payments/database/primary/password",
        );
        assert!(long.starts_with("New SecureString value · …"), "{long}");
        assert!(long.ends_with("/primary/password"), "{long}");
        assert_eq!(long.chars().count(), TITLE_ROOM);
    }

    #[test]
    fn a_plain_change_is_shown_and_nothing_is_asked_when_unchanged_or_empty() {
        let t = target(ParamType::String, Some("info"));
        let effects = confirm(&t, "debug\n".into());
        assert_eq!(confirm_of(&effects).lines[1..], ["was: info", "now: debug"]);
        assert!(matches!(
            &confirm(&t, "info\n".into())[..],
            [Effect::Flash(Level::Info, _)]
        ));
        assert!(matches!(
            &confirm(&t, "\n".into())[..],
            [Effect::Flash(Level::Warn, _)]
        ));
    }
}
