//! Panes are the views: each owns its state, turns commands into state changes and effects,
//! applies AWS outcomes and draws itself. They never spawn tasks or touch the terminal.

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
pub mod resource;
pub mod s3;
pub mod value;

use crate::aws::model::Identity;
use crate::aws::profiles::ProfileInfo;
use crate::aws::{AwsError, ContextKey};
use crate::command::{CommandId, Scope};
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::protocol::{Outcome, PaneId};
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
    /// A request this pane asked for never left: the guard refused it, or the user cancelled
    /// its confirmation. No answer will come, so a view waiting for one must stop waiting.
    fn not_sent(&mut self, _op: &crate::protocol::Op, _why: &str) {}
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
}
