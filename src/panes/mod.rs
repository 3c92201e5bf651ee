//! Panes are the views: each owns its state, turns commands into state changes and effects,
//! applies AWS outcomes and draws itself. They never spawn tasks or touch the terminal.

pub mod across;
pub mod audit;
pub mod contexts;
pub mod document;
pub mod dynamodb;
pub mod ec2;
pub mod fleet;
pub mod help;
pub mod lambda;
pub mod listing;
pub mod logs;
pub mod rds;
pub mod regions;
pub mod s3;
pub mod value;

use crate::aws::model::Identity;
use crate::aws::profiles::ProfileInfo;
use crate::aws::{AwsError, ContextKey};
use crate::command::{CommandId, Scope};
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::runtime::{Outcome, PaneId};
use crate::theme::Theme;
use crate::ui::table::ListInput;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;

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
}

impl PaneCx<'_> {
    /// The account `ctx` is in, once STS has said (never guessed from the profile).
    pub fn account_of(&self, ctx: &ContextKey) -> Option<&str> {
        match self.identities.get(&ctx.profile) {
            Some(IdentityState::Resolved(who)) => Some(&who.account),
            _ => None,
        }
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

/// The policy of `ctx` from the rules and what is known about its account.
pub fn policy_of(
    policies: &crate::policy::Policies,
    profiles: &[ProfileInfo],
    identities: &HashMap<Option<String>, IdentityState>,
    ctx: &ContextKey,
) -> crate::policy::Policy {
    let resolved = match identities.get(&ctx.profile) {
        Some(IdentityState::Resolved(who)) => Some(who.account.clone()),
        _ => None,
    };
    let hinted = || {
        let name = ctx.profile.as_deref()?;
        profiles
            .iter()
            .find(|p| p.name == name)?
            .account_hint
            .clone()
    };
    let account = resolved.or_else(hinted);
    policies.for_context(ctx.profile.as_deref(), account.as_deref())
}

pub trait Pane: Send {
    fn id(&self) -> PaneId;
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
    /// The shared state in `PaneCx` changed (profiles reloaded, an identity resolved).
    fn shared_changed(&mut self, _cx: &PaneCx) {}
    /// The active profile or region changed: whatever the pane shows from AWS is now from the
    /// wrong context and must be reloaded.
    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.shared_changed(cx);
        Vec::new()
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx);
}

/// Hands out pane ids; ids are never reused within a run.
#[derive(Default)]
pub struct PaneIds(u64);

impl PaneIds {
    pub fn allocate(&mut self) -> PaneId {
        self.0 += 1;
        PaneId(self.0)
    }
}
