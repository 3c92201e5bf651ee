//! The contract between the app and its views: the `Pane` trait, what a view may read
//! (`PaneCx`) and what it may ask for (`Effect`). Panes never spawn tasks or touch the
//! terminal themselves: they return effects, and the app loop carries them out. One module,
//! because each side names the other (a pushed view is a factory of panes).

use crate::aws::AwsError;
use crate::aws::model::Identity;
use crate::aws::profiles::ProfileInfo;
use crate::command::{CommandId, Scope};
use crate::context::ContextKey;
use crate::keymap::Keymap;
use crate::protocol::{Outcome, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::ListInput;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;

pub type PaneFactory = Box<dyn FnOnce(PaneId) -> Box<dyn Pane> + Send>;

pub use crate::level::Level;

pub enum Effect {
    /// Run an AWS request in the background.
    Request(Request),
    /// Copy text to the clipboard (OSC 52). Must already be sanitized.
    Copy(String),
    /// Copy a revealed secret value exactly as it is (OSC 52 base64-encodes it); the flash
    /// says `what` was copied, never the value.
    CopySecret {
        what: String,
        value: crate::aws::secrets::SecretText,
    },
    Flash(Level, String),
    /// Switch the active context (profile and/or region).
    SwitchContext(ContextKey),
    /// Open a view on top of the current one; the app supplies its fresh id.
    Push(PaneFactory),
    /// Open a top-level view: it replaces the current one and its drill-down, which wait in
    /// the jump list (what `:` view commands do; `App::open_view`).
    OpenView(PaneFactory),
    /// Open a resource of an engine kind (a secret, a queue…) in its kind's list, which then
    /// opens its row (`panes::resource::listed`); the app builds it, so `open` and the views
    /// that name targets need not know the kinds.
    OpenListed(crate::target::Listed, ContextKey),
    /// The same pushed over the current view, which Esc comes back to (Enter on a tagged
    /// resource): the kind's list opens the row, then goes with the row's view when it closes.
    PushListed(crate::target::Listed, ContextKey),
    /// Close the current view.
    Pop,
    /// Run a command by name, as if typed at the prompt (`arg` is its argument).
    Run(CommandId, Option<String>),
    /// Ask before doing something: `on_yes` is applied only if the user agrees.
    Confirm(Confirm),
    /// Ask for a line of text (a directory, a name); `on_answer` turns it into effects.
    Ask(Ask),
    /// Cancel the owner's request in this slot (a transfer the user stopped).
    Cancel(crate::protocol::Owner, &'static str),
    /// Call this pane's `wake` after this long (polling while something is changing). A newer
    /// wake replaces an older one; nothing fires while another view covers the pane.
    Wake(crate::protocol::PaneId, std::time::Duration),
    /// Hand the terminal to another program (an editor, `aws sso login`) and take it back
    /// when it exits.
    Exec(ExternalCommand),
    /// A shell on an instance (`aws ssm start-session`, `ssh`): run like `Exec`, but only
    /// after the write guard, and audited when it starts and when it ends.
    Session(Session),
    /// The same, then apply what `then` makes of how it ended (an editor: read the file back).
    ExecThen(ExternalCommand, AfterExec),
    /// A profile's credentials changed outside the app (an SSO login): drop what is cached
    /// for it and, if it is the active one, start over.
    CredentialsRenewed(Option<String>),
    /// Results worth reading line by line (one per instance of a bulk action), in a box that
    /// any key dismisses.
    Report(Report),
    /// Quit now (the user agreed to interrupt what was in flight).
    Quit,
    /// A write succeeded in this context: the other views of the stack (the lists below the
    /// one that wrote) show what they list there again, so no list stays stale after it.
    Written(ContextKey),
    /// `Ask`, for a secret: what is typed shows as `•` until the user asks to see it, and it
    /// goes to no history, log or flash.
    AskSecret(Ask),
}

/// What to do once a program run on the terminal has ended (`Err`: it failed or did not run).
pub type AfterExec = Box<dyn FnOnce(Result<(), String>) -> Vec<Effect> + Send>;

/// A shell on an instance: more than a write, so it is refused where writes are, typed out
/// where the policy wants writes typed, and recorded in the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub command: ExternalCommand,
    /// Where it runs and on what, as the guard and the audit log read it.
    pub access: crate::audit::Mutation,
    /// Already typed out in a policy's confirmation.
    pub confirmed: bool,
}

/// A program to run on the real terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalCommand {
    pub program: String,
    pub args: Vec<String>,
    /// Other programs it needs on `PATH` (the Session Manager plugin for `aws ssm`).
    pub requires: Vec<String>,
}

impl ExternalCommand {
    /// The command as a user would type it (for "run this yourself" messages).
    pub fn display(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .map(shell_quote)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

pub struct Report {
    pub title: String,
    pub lines: Vec<(Level, String)>,
}

pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// For irreversible actions: the text the user must type (a count, an id).
    pub typed: Option<String>,
    pub on_yes: Vec<Effect>,
}

pub struct Ask {
    pub title: String,
    pub initial: String,
    /// Tab completes local paths.
    pub complete_paths: bool,
    pub on_answer: Box<dyn FnOnce(String) -> Vec<Effect> + Send>,
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Request(r) => write!(f, "Request({:?})", r.op),
            Effect::Copy(t) => write!(f, "Copy({t:?})"),
            Effect::CopySecret { what, value } => write!(f, "CopySecret({what:?}, {value:?})"),
            Effect::Flash(l, t) => write!(f, "Flash({l:?}, {t:?})"),
            Effect::SwitchContext(k) => write!(f, "SwitchContext({k:?})"),
            Effect::Push(_) => f.write_str("Push"),
            Effect::OpenView(_) => f.write_str("OpenView"),
            Effect::OpenListed(l, k) => write!(f, "OpenListed({l:?}, {k:?})"),
            Effect::PushListed(l, k) => write!(f, "PushListed({l:?}, {k:?})"),
            Effect::Pop => f.write_str("Pop"),
            Effect::Run(c, a) => write!(f, "Run({c}, {a:?})"),
            Effect::Confirm(c) => write!(f, "Confirm({:?})", c.title),
            Effect::Ask(a) => write!(f, "Ask({:?})", a.title),
            Effect::Cancel(o, s) => write!(f, "Cancel({o:?}, {s})"),
            Effect::Wake(p, d) => write!(f, "Wake({p:?}, {d:?})"),
            Effect::Exec(c) => write!(f, "Exec({})", c.display()),
            Effect::Session(s) => write!(f, "Session({})", s.command.display()),
            Effect::ExecThen(c, _) => write!(f, "ExecThen({})", c.display()),
            Effect::Report(r) => write!(f, "Report({:?})", r.title),
            Effect::CredentialsRenewed(p) => write!(f, "CredentialsRenewed({p:?})"),
            Effect::Quit => f.write_str("Quit"),
            Effect::Written(k) => write!(f, "Written({k:?})"),
            Effect::AskSecret(a) => write!(f, "AskSecret({:?})", a.title),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityState {
    Resolving,
    Resolved(Identity),
    Failed(AwsError),
}

/// What every pane may read about the app: the active context and what is known about profiles.
pub struct PaneCx<'a> {
    pub active: &'a ContextKey,
    pub profiles: &'a [ProfileInfo],
    /// By profile name; `None` is the default chain.
    pub identities: &'a HashMap<Option<String>, IdentityState>,
    /// Credentials come from `AWS_ACCESS_KEY_ID` in the environment.
    pub env_credentials: bool,
    pub read_only: bool,
    pub keymap: &'a Keymap,
    pub s3: &'a crate::config::S3Settings,
    pub ec2: &'a crate::config::Ec2Settings,
    pub logs: &'a crate::config::LogsSettings,
    pub payloads: &'a crate::saved_payloads::PayloadFiles,
    /// The configured editor (empty: the environment's).
    pub editor: &'a str,
    pub queries: &'a crate::saved_queries::QueryFiles,
    /// Contexts a cross-context view lists at once.
    pub fan_out: usize,
    pub policies: &'a crate::policy::Policies,
    /// Where the focused view was last drawn: a view that fetches only what is on screen
    /// (the charts) knows how much that is before its first draw.
    pub body: Rect,
}

impl PaneCx<'_> {
    /// The account `ctx` is in, once STS has said (never guessed from the profile).
    pub fn account_of(&self, ctx: &ContextKey) -> Option<&str> {
        resolved_account(self.identities, ctx)
    }

    /// The payload files with the history of `ctx`'s account and region.
    pub fn payloads_for(&self, ctx: &ContextKey) -> crate::saved_payloads::PayloadFiles {
        self.payloads.for_account(self.account_of(ctx), &ctx.region)
    }

    /// The policy of a context: by profile name, and by account once known (or as the
    /// profile's `role_arn`/`sso_account_id` tells before STS answers).
    pub fn policy_for(&self, ctx: &ContextKey) -> crate::policy::Policy {
        policy_of(self.policies, self.profiles, self.identities, ctx)
    }
}

/// The policy of `ctx` from the rules and what is known about its account (any hint the
/// profile gives counts here: it can only add restrictions).
pub fn policy_of(
    policies: &crate::policy::Policies,
    profiles: &[ProfileInfo],
    identities: &HashMap<Option<String>, IdentityState>,
    ctx: &ContextKey,
) -> crate::policy::Policy {
    let account = resolved_account(identities, ctx)
        .map(str::to_owned)
        .or_else(|| profile_of(profiles, ctx).and_then(|p| p.account_hint.clone()));
    policies.for_context(ctx.profile.as_deref(), account.as_deref())
}

/// The account `ctx` surely acts in: as STS answered for its profile (the header, or a
/// cross-account view), else as the profile's role or SSO account fixes it — credentials from
/// those can only be that account's. `None`: not known (yet), so an account rule may apply.
pub fn known_account(
    profiles: &[ProfileInfo],
    identities: &HashMap<Option<String>, IdentityState>,
    ctx: &ContextKey,
) -> Option<String> {
    use crate::aws::profiles::CredentialKind as K;
    resolved_account(identities, ctx)
        .map(str::to_owned)
        .or_else(|| {
            profile_of(profiles, ctx)
                .filter(|p| matches!(p.kind, K::AssumeRole | K::WebIdentity | K::Sso))
                .and_then(|p| p.account_hint.clone())
        })
}

/// The account STS gave for `ctx`'s profile (the header, or a cross-account view).
fn resolved_account<'a>(
    identities: &'a HashMap<Option<String>, IdentityState>,
    ctx: &ContextKey,
) -> Option<&'a str> {
    match identities.get(&ctx.profile) {
        Some(IdentityState::Resolved(who)) => Some(&who.account),
        _ => None,
    }
}

fn profile_of<'a>(profiles: &'a [ProfileInfo], ctx: &ContextKey) -> Option<&'a ProfileInfo> {
    let name = ctx.profile.as_deref()?;
    profiles.iter().find(|p| p.name == name)
}

pub trait Pane: Send {
    fn id(&self) -> PaneId;
    /// This view as one part of the header's breadcrumb (`EC2 instances › console output ·
    /// i-0abc`): short, and not repeating what the views below it already name.
    fn title(&self) -> String;
    /// Keymap scopes from the innermost outwards, without `Global` (always last).
    fn scopes(&self) -> &'static [Scope];
    /// Commands worth a place in the hint bar, most useful first.
    fn hints(&self) -> &'static [CommandId];
    /// `quit` leaves the app from here; elsewhere it goes back.
    fn is_top_level(&self) -> bool {
        false
    }
    /// Requests to make when the pane opens.
    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        Vec::new()
    }
    /// `None`: not this pane's command; the app handles it (or says it does not apply here).
    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>>;
    /// A command typed with an argument at the prompt (`:presign 15m`); `None`: not this pane's.
    fn handle_arg(&mut self, _command: CommandId, _arg: &str, _cx: &PaneCx) -> Option<Vec<Effect>> {
        None
    }
    /// The pane's table, if it shows one: the app routes navigation, filter commands and
    /// filter typing to it, so panes only handle what is their own.
    fn list(&self) -> Option<&dyn ListInput> {
        None
    }
    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        None
    }
    /// The first rows have not arrived yet: keys that act on rows (j, Enter…) are kept by the
    /// app and replayed once this turns false, instead of acting on an empty table.
    fn awaiting_rows(&self) -> bool {
        false
    }
    /// While true, key presses go to `handle_key` raw instead of through the keymap (a filter
    /// or form field is being edited).
    fn is_editing(&self) -> bool {
        self.list().is_some_and(|l| l.is_editing_filter())
    }
    fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if let Some(list) = self.list_mut() {
            list.handle_filter_key(key);
        }
        Vec::new()
    }
    fn handle_paste(&mut self, text: &str) {
        if let Some(list) = self.list_mut() {
            list.paste_into_filter(text);
        }
    }
    /// A `Wake` this pane asked for is due (it is the focused view).
    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        Vec::new()
    }
    fn apply(&mut self, _outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        Vec::new()
    }
    /// A request this pane asked for ended without an answer: it crashed, or it never left
    /// (the guard refused it, the user cancelled its confirmation, the audit log could not
    /// record it). No answer will come, so the view must stop waiting for it and show
    /// `failure.summary()` where the answer would have gone. Every pane says what it does.
    fn failed(&mut self, failure: &crate::protocol::Failure);
    /// A request this pane asked for in `slot` has left for the runtime: past the guard and
    /// every confirmation (its own and a policy's). A view that says it is waiting for an
    /// answer says so from here, not while the user is still being asked.
    fn sent(&mut self, _slot: Option<&'static str>) {}
    /// The shared state in `PaneCx` changed (profiles reloaded, an identity resolved).
    fn shared_changed(&mut self, _cx: &PaneCx) {}
    /// The active profile or region changed: whatever the pane shows from AWS is now from the
    /// wrong context and must be reloaded.
    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.shared_changed(cx);
        Vec::new()
    }
    /// A write succeeded in `ctx` (`Effect::Written`) while this view was below the focused
    /// one: a view that lists `ctx` lists it again.
    fn written(&mut self, _ctx: &ContextKey, _cx: &PaneCx) -> Vec<Effect> {
        Vec::new()
    }
    /// Another view covers this one (one was opened over it, or it left for the jump list):
    /// values the user revealed here are masked again, so none outlives the look asked for.
    fn covered(&mut self) {}
    /// Pushed only to open one of its rows in a view of its own (a tagged resource's list),
    /// and it has: going back from that view goes past this one too.
    fn passes_through(&self) -> bool {
        false
    }
    /// The one context this view's rows live in, when the view keeps its own (a bucket opened
    /// from another profile's row): the header names it when it is not the active one.
    fn context(&self) -> Option<&ContextKey> {
        None
    }
    /// Opened from a row of a view over several contexts (the resource engine says so for
    /// every view its rows open): the row's context, which `context` then names. Views that
    /// keep their own context already leave this as it is.
    fn opened_from(&mut self, _ctx: &ContextKey) {}
    /// The `:` command line that reopens this view where it is (`:open s3://b/logs/`,
    /// `:ec2 @profiles prod-*`), for bookmarks; the filter is kept apart, from `list()`.
    /// `None`: this view cannot be bookmarked.
    fn location(&self) -> Option<String> {
        None
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::profiles::CredentialKind;

    fn profile(name: &str, kind: CredentialKind, hint: Option<&str>) -> ProfileInfo {
        ProfileInfo {
            name: name.into(),
            region: None,
            kind,
            endpoint_url: None,
            sso_session: None,
            account_hint: hint.map(Into::into),
            mfa_serial: None,
        }
    }

    fn ctx(profile: Option<&str>) -> ContextKey {
        ContextKey {
            profile: profile.map(Into::into),
            region: "us-east-1".into(),
        }
    }

    #[test]
    fn an_account_is_known_from_sts_or_from_a_role_or_sso_profile_only() {
        let profiles = vec![
            profile("keys", CredentialKind::StaticKeys, None),
            profile("role", CredentialKind::AssumeRole, Some("222222222222")),
            profile("sso", CredentialKind::Sso, Some("333333333333")),
            // A hint beside credentials that do not come from it proves nothing.
            profile("process", CredentialKind::Process, Some("444444444444")),
        ];
        let mut identities = HashMap::new();
        let known = |ids: &HashMap<Option<String>, IdentityState>, p| {
            known_account(&profiles, ids, &ctx(p))
        };
        assert_eq!(known(&identities, Some("keys")), None);
        assert_eq!(known(&identities, None), None);
        assert_eq!(
            known(&identities, Some("role")).as_deref(),
            Some("222222222222")
        );
        assert_eq!(
            known(&identities, Some("sso")).as_deref(),
            Some("333333333333")
        );
        assert_eq!(known(&identities, Some("process")), None);
        assert_eq!(known(&identities, Some("missing")), None);

        identities.insert(Some("keys".into()), IdentityState::Resolving);
        assert_eq!(known(&identities, Some("keys")), None, "resolving");
        identities.insert(
            Some("keys".into()),
            IdentityState::Failed(crate::aws::AwsError::new(
                crate::aws::ErrorKind::Credentials,
                "no",
            )),
        );
        assert_eq!(known(&identities, Some("keys")), None, "failed");
        for p in [Some("keys"), Some("process"), None] {
            identities.insert(
                p.map(Into::into),
                IdentityState::Resolved(Identity {
                    account: "111111111111".into(),
                    arn: String::new(),
                    user_id: String::new(),
                }),
            );
            assert_eq!(known(&identities, p).as_deref(), Some("111111111111"));
        }
    }

    #[test]
    fn commands_display_as_a_user_would_type_them() {
        let c = ExternalCommand {
            program: "ssh".into(),
            args: vec![
                "-i".into(),
                "/home/me/my key.pem".into(),
                "ec2-user@192.0.2.1".into(),
                "it's".into(),
            ],
            requires: Vec::new(),
        };
        assert_eq!(
            c.display(),
            "ssh -i '/home/me/my key.pem' ec2-user@192.0.2.1 'it'\\''s'"
        );
    }
}
