//! The home view: every profile from the AWS files with its region, credential kind and — once
//! resolved — account. Enter switches the whole app to that profile.

use crate::aws::ContextKey;
use crate::aws::profiles::CredentialKind;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::protocol::{Op, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const MARK: Column = Column::new("", Constraint::Length(1)).priority(8);
const PROFILE: Column = Column::new("PROFILE", Constraint::Fill(2))
    .name()
    .priority(9);
const REGION: Column = Column::new("REGION", Constraint::Length(16))
    .fit()
    .priority(6);
const CREDENTIALS: Column = Column::new("CREDENTIALS", Constraint::Length(18))
    .fit()
    .priority(5);
const ACCOUNT: Column = Column::new("ACCOUNT", Constraint::Length(14)).priority(7);
const PRINCIPAL: Column = Column::new("PRINCIPAL", Constraint::Fill(3)).priority(3);
/// Only with `[[policy]]` rules: which profiles they restrict, before the principal.
const POLICY: Column = Column::new("POLICY", Constraint::Length(18)).priority(4);

const COLUMNS: &[Column] = &[MARK, PROFILE, REGION, CREDENTIALS, ACCOUNT, PRINCIPAL];
const COLUMNS_WITH_POLICY: &[Column] = &[
    MARK,
    PROFILE,
    REGION,
    CREDENTIALS,
    ACCOUNT,
    POLICY,
    PRINCIPAL,
];

pub struct ProfileRow {
    /// `None`: the default credential chain with keys from the environment.
    profile: Option<String>,
    region: Option<String>,
    kind: CredentialKind,
    mfa: bool,
    /// The profile's policy in words; `None` when no rules are configured (no column).
    policy: Option<String>,
    active: bool,
    identity: Option<IdentityState>,
}

impl TableRow for ProfileRow {
    fn cells(&self) -> Vec<CellText> {
        let (account, principal) = match &self.identity {
            Some(IdentityState::Resolved(id)) => (
                CellText::styled(id.account.clone(), "header.account"),
                CellText::plain(id.principal().to_string()),
            ),
            Some(IdentityState::Resolving) => (
                CellText::styled("resolving…", "header.pending"),
                CellText::plain(""),
            ),
            Some(IdentityState::Failed(e)) => (
                CellText::styled("error", "state.error"),
                CellText::styled(e.summary(), "state.error"),
            ),
            None => (CellText::plain("—"), CellText::plain("")),
        };
        let mut cells = vec![
            CellText::styled(if self.active { "●" } else { " " }, "state.ok"),
            CellText::plain(self.profile.as_deref().unwrap_or("(environment)")),
            CellText::plain(self.region.as_deref().unwrap_or("—")),
            CellText::plain(if self.mfa {
                format!("{} + MFA", self.kind.label())
            } else {
                self.kind.label().to_string()
            }),
            account,
            principal,
        ];
        if let Some(policy) = &self.policy {
            cells.insert(5, CellText::styled(policy.clone(), "header.badge.policy"));
        }
        cells
    }

    fn id(&self) -> String {
        self.profile.clone().unwrap_or_default()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.profile.as_deref().unwrap_or("environment"),
            self.region.as_deref().unwrap_or(""),
            self.kind.label(),
            self.policy.as_deref().unwrap_or_default()
        ))
    }
}

fn policy_text(cx: &PaneCx, profile: Option<&str>) -> Option<String> {
    if cx.policies.is_empty() {
        return None;
    }
    let ctx = ContextKey {
        profile: profile.map(str::to_owned),
        region: cx.active.region.clone(),
    };
    Some(cx.policy_for(&ctx).summary())
}

pub struct ContextsPane {
    id: PaneId,
    table: ResourceTable<ProfileRow>,
}

impl ContextsPane {
    pub fn new(id: PaneId, cx: &PaneCx) -> ContextsPane {
        let mut pane = ContextsPane {
            id,
            table: ResourceTable::default(),
        };
        pane.shared_changed(cx);
        if let Some(profile) = &cx.active.profile {
            pane.table.select_id(profile);
        }
        pane
    }

    fn switch_effect(&self, cx: &PaneCx) -> Vec<Effect> {
        let Some(row) = self.table.selected_row() else {
            return vec![Effect::Flash(Level::Warn, "no profile selected".into())];
        };
        // A profile without its own region keeps the region in use, as the CLI falls back too.
        let region = row
            .region
            .clone()
            .unwrap_or_else(|| cx.active.region.clone());
        vec![Effect::SwitchContext(ContextKey {
            profile: row.profile.clone(),
            region,
        })]
    }
}

impl Pane for ContextsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "Profiles".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Contexts, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Identify,
            CommandId::Filter,
            CommandId::Regions,
            CommandId::Prompt,
            CommandId::Help,
            CommandId::Quit,
        ]
    }

    /// Its only requests (who-am-I of a context) belong to the app.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn is_top_level(&self) -> bool {
        true
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Open => Some(self.switch_effect(cx)),
            CommandId::Identify => {
                let row = self.table.selected_row()?;
                let ctx = ContextKey {
                    profile: row.profile.clone(),
                    region: row
                        .region
                        .clone()
                        .unwrap_or_else(|| cx.active.region.clone()),
                };
                Some(vec![Effect::Request(
                    Request::new(Owner::App, Op::CallerIdentity(ctx)).in_slot("identify"),
                )])
            }
            CommandId::Copy => {
                let row = self.table.selected_row()?;
                Some(vec![Effect::Copy(row.id())])
            }
            // For this view, "reload" means the AWS files; the app re-reads them.
            CommandId::Refresh => Some(vec![Effect::Run(CommandId::ReloadProfiles, None)]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn shared_changed(&mut self, cx: &PaneCx) {
        let mut rows: Vec<ProfileRow> = Vec::with_capacity(cx.profiles.len() + 1);
        if cx.env_credentials {
            rows.push(ProfileRow {
                profile: None,
                region: None,
                kind: CredentialKind::Environment,
                mfa: false,
                policy: policy_text(cx, None),
                active: cx.active.profile.is_none(),
                identity: cx.identities.get(&None).cloned(),
            });
        }
        rows.extend(cx.profiles.iter().map(|p| ProfileRow {
            profile: Some(p.name.clone()),
            region: p.region.clone(),
            kind: p.kind,
            mfa: p.mfa_serial.is_some(),
            policy: policy_text(cx, Some(&p.name)),
            active: cx.active.profile.as_deref() == Some(p.name.as_str()),
            identity: cx.identities.get(&Some(p.name.clone())).cloned(),
        }));
        self.table.set_rows(rows);
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        let columns = if cx.policies.is_empty() {
            COLUMNS
        } else {
            COLUMNS_WITH_POLICY
        };
        let [table, services] =
            ratatui::layout::Layout::vertical([Constraint::Fill(1), Constraint::Length(1)])
                .areas(area);
        self.table.render(frame, table, theme, "Profiles", columns);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(services_line()).style(theme.style("text.dim")),
            services,
        );
    }
}

/// The first screen leads on to the services: the most used view commands, and how to list
/// every one.
fn services_line() -> String {
    let views: Vec<String> = crate::command::VIEW_COMMANDS
        .iter()
        .take(6)
        .map(|c| format!(":{c}"))
        .collect();
    format!(
        " open a service: {}  · : then Tab lists every view",
        views.join(" ")
    )
}
