//! Cross-account and cross-region views of the kinds not yet on the resource-view engine
//! (`panes/resource/`, where `:ec2`, `:sg` and `:volumes` are): `:rds @profiles prod-*`,
//! `:lambda @profiles * @regions eu-*`, `:s3 @profiles *`. One table for every context, with
//! PROFILE, ACCOUNT and REGION before the kind's own columns. Contexts are listed side by side
//! (at most `[aws] fan_out` at once) and each one's rows appear as soon as it answers; a context
//! that fails becomes one row saying why, and the rest load regardless.
//!
//! Every action runs in the row's context, never the active one. Lifecycle actions (RDS
//! start/stop/reboot) act on one context at a time: marked
//! rows in several contexts are refused. The contexts are fixed when the view opens, except that
//! `@all-regions` or `@regions` without `@profiles` means "the active profile", and follows a
//! profile switch.

pub mod rows;
use crate::panes::resource::scope;

use crate::aws::ContextKey;
use crate::aws::rds;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::fleet::{self, Poller, Target};
use crate::protocol::across::{AcrossKind, AcrossOp, AcrossOutcome};
use crate::protocol::lambda::LambdaOp;
use crate::protocol::rds::{RdsOp, RdsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::format;
use crate::ui::table::{Column, ListInput, ResourceTable};
use ratatui::Frame;
use ratatui::layout::Rect;
use rows::{Item, Row};
use scope::Spec;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Pending,
    Answered,
    Failed,
}

pub struct AcrossPane {
    id: PaneId,
    kind: AcrossKind,
    spec: Spec,
    /// The argument as typed, for the title.
    arg: String,
    contexts: Vec<(ContextKey, State)>,
    /// Contexts whose listing stopped at its cap.
    capped: usize,
    table: ResourceTable<Row>,
    columns: Vec<Column>,
    fan_out: usize,
    /// Where the lifecycle action waiting for its dry run or confirmation runs.
    acting: Option<ContextKey>,
    poller: Poller,
    last_invoked: crate::panes::lambda::LastInvoked,
    /// Why the last listing ended without an answer (the contexts it left waiting failed).
    failure: Option<String>,
}

impl AcrossPane {
    /// The view for `:KIND ARG`, or why the argument names no contexts (no view opens).
    pub fn new(id: PaneId, kind: AcrossKind, arg: &str, cx: &PaneCx) -> Result<AcrossPane, String> {
        let spec = scope::parse(arg)?;
        let contexts = contexts_for(kind, &spec, cx)?;
        Ok(AcrossPane {
            id,
            kind,
            arg: arg.split_whitespace().collect::<Vec<_>>().join(" "),
            spec,
            contexts: contexts.into_iter().map(|c| (c, State::Pending)).collect(),
            capped: 0,
            table: ResourceTable::default(),
            columns: rows::columns(kind),
            fan_out: cx.fan_out,
            acting: None,
            poller: Poller::default(),
            last_invoked: Default::default(),
            failure: None,
        })
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    /// Lists `which` contexts again (all of them on open and refresh).
    fn list_contexts(
        &self,
        which: Vec<ContextKey>,
        slot: &'static str,
        cx: &PaneCx,
    ) -> Vec<Effect> {
        if which.is_empty() {
            return Vec::new();
        }
        let accounts: HashMap<Option<String>, String> = cx
            .identities
            .iter()
            .filter_map(|(profile, state)| match state {
                IdentityState::Resolved(who) => Some((profile.clone(), who.account.clone())),
                _ => None,
            })
            .collect();
        let op = Op::Across(AcrossOp {
            kind: self.kind,
            contexts: which,
            accounts,
            fan_out: self.fan_out,
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot(slot),
        )]
    }

    fn load_all(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.failure = None;
        for (_, state) in &mut self.contexts {
            *state = State::Pending;
        }
        self.capped = 0;
        self.poller.restart();
        let all = self.contexts.iter().map(|(c, _)| c.clone()).collect();
        let mut effects = vec![Effect::Cancel(self.owner(), "poll")];
        effects.extend(self.list_contexts(all, "list", cx));
        effects
    }

    fn state_of(&mut self, ctx: &ContextKey) -> Option<&mut State> {
        self.contexts
            .iter_mut()
            .find(|(c, _)| c == ctx)
            .map(|(_, s)| s)
    }

    /// One context answered: its rows replace whatever it showed before.
    fn answered(
        &mut self,
        ctx: ContextKey,
        account: Option<String>,
        result: Result<crate::protocol::across::Listed, crate::aws::AwsError>,
        capped: bool,
    ) -> Vec<Effect> {
        let Some(state) = self.state_of(&ctx) else {
            return Vec::new();
        };
        let first = *state == State::Pending;
        let mut effects = Vec::new();
        let result = match result {
            Ok(listed) => {
                *state = State::Answered;
                Ok(listed)
            }
            // A poll that failed leaves the rows as they were.
            Err(e) if *state == State::Answered => {
                effects.push(Effect::Flash(
                    Level::Warn,
                    format!(
                        "state refresh in {}: {}",
                        rows::place(&ctx, account.as_deref()),
                        e.summary()
                    ),
                ));
                return effects;
            }
            Err(e) => {
                *state = State::Failed;
                Err(e.summary())
            }
        };
        if first && capped {
            self.capped += 1;
        }
        let fresh = Row::from_answer(&ctx, &account, result);
        self.table.replace_rows(|r| r.ctx == ctx, fresh);
        effects
    }

    /// Contexts with rows between states: they are listed again, with backoff, until settled.
    fn changing_contexts(&self) -> Vec<ContextKey> {
        let mut out: Vec<ContextKey> = Vec::new();
        for row in self.table.rows() {
            if row.is_transitional() && !out.contains(&row.ctx) {
                out.push(row.ctx.clone());
            }
        }
        out
    }

    fn schedule_poll(&mut self) -> Vec<Effect> {
        let changing = !self.changing_contexts().is_empty();
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    fn selected(&self) -> Option<&Row> {
        self.table.selected_row()
    }

    /// The marked rows (else the selection) that are resources, and their one context.
    fn targets(&self) -> Result<(ContextKey, Vec<&Row>), Vec<Effect>> {
        let targets: Vec<&Row> = self
            .table
            .targets()
            .into_iter()
            .filter(|r| !r.is_failed())
            .collect();
        let Some(first) = targets.first() else {
            return Err(vec![Effect::Flash(
                Level::Warn,
                format!("no {} selected", self.kind.noun()),
            )]);
        };
        let mut places: Vec<&ContextKey> = Vec::new();
        for row in &targets {
            if !places.contains(&&row.ctx) {
                places.push(&row.ctx);
            }
        }
        if places.len() > 1 {
            return Err(vec![Effect::Flash(
                Level::Warn,
                format!(
                    "marked rows are in {} contexts; act on one context at a time",
                    places.len()
                ),
            )]);
        }
        Ok((first.ctx.clone(), targets))
    }

    /// RDS: a confirmation listing the databases, then the action in their context.
    fn act_rds(&mut self, action: rds::Action) -> Vec<Effect> {
        let (ctx, targets) = match self.targets() {
            Ok(t) => t,
            Err(effects) => return effects,
        };
        let databases: Vec<&rds::Database> = targets
            .iter()
            .filter_map(|r| match &r.item {
                Item::Rds(d) => Some(d),
                _ => None,
            })
            .collect();
        let listed: Vec<Target> = databases
            .iter()
            .map(|d| Target {
                id: d.id.clone(),
                label: format!("{} · {} ({})", d.kind().label(), d.engine, d.status),
            })
            .collect();
        let note = format!("In {}.", targets[0].place());
        let op = Op::Rds(RdsOp::Act {
            ctx: ctx.clone(),
            action,
            targets: databases.iter().map(|d| (d.kind(), d.id.clone())).collect(),
        });
        self.acting = Some(ctx);
        vec![fleet::confirm(
            action.verb(),
            "database",
            &listed,
            false,
            Some(note),
            vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("action"),
            )],
        )]
    }

    /// The action's answers: new states on the rows of its context, a report.
    fn acted(&mut self, verb: &str, results: Vec<(String, Result<String, String>)>) -> Vec<Effect> {
        if let Some(ctx) = self.acting.take() {
            self.table.update_rows(|row| {
                if row.ctx != ctx {
                    return;
                }
                let fresh = |id: &str| {
                    results
                        .iter()
                        .find(|(done, _)| done == id)
                        .and_then(|(_, r)| r.as_ref().ok())
                        .filter(|s| !s.is_empty())
                        .cloned()
                };
                if let Item::Rds(d) = &mut row.item
                    && let Some(status) = fresh(&d.id)
                {
                    d.status = status;
                }
            });
        }
        self.table.clear_marks();
        self.poller.restart();
        let mut effects = fleet::report(verb, results);
        // Some answers come back already settled (RDS); look once more soon either way.
        effects.push(Effect::Wake(self.id, std::time::Duration::from_secs(2)));
        effects
    }

    fn open(&self) -> Option<Vec<Effect>> {
        let row = self.selected()?;
        let ctx = row.ctx.clone();
        let title_place = row.place();
        Some(vec![match &row.item {
            Item::Rds(d) => {
                let (kind, id) = (d.kind(), d.id.clone());
                DocumentView::open(
                    format!("{} {id} · {title_place}", kind.label()),
                    id.clone(),
                    move || {
                        Op::Rds(RdsOp::Details {
                            ctx: ctx.clone(),
                            kind,
                            id: id.clone(),
                        })
                    },
                    crate::panes::rds::databases::read_details,
                )
            }
            Item::Lambda(f) => {
                let name = f.name.clone();
                DocumentView::open(
                    format!("function {name} · {title_place}"),
                    name.clone(),
                    move || {
                        Op::Lambda(LambdaOp::Details {
                            ctx: ctx.clone(),
                            name: name.clone(),
                        })
                    },
                    crate::panes::lambda::functions::read_details,
                )
            }
            Item::S3(b) => {
                // Listing a bucket must go to its own region, or S3 answers with a redirect.
                let ctx = ContextKey {
                    profile: ctx.profile,
                    region: b.region.clone().unwrap_or(ctx.region),
                };
                let name = b.name.clone();
                Effect::Push(Box::new(move |id| {
                    Box::new(crate::panes::s3::objects::ObjectsPane::new(
                        id,
                        ctx,
                        name,
                        String::new(),
                    ))
                }))
            }
            Item::Failed(e) => {
                let mut doc = Document::default();
                doc.push(Block::Fields(vec![
                    ("profile".into(), ctx.profile_label().to_string()),
                    (
                        "account".into(),
                        row.account.clone().unwrap_or_else(|| "unknown".into()),
                    ),
                    ("region".into(), ctx.region.clone()),
                ]));
                doc.push(Block::Heading("Error".into()));
                doc.push(Block::Text(e.clone()));
                let (title, copy) = (format!("{} failed", title_place), e.clone());
                Effect::Push(Box::new(move |id| {
                    Box::new(DocumentView::fixed(id, title, copy, doc))
                }))
            }
        }])
    }

    fn copy_arn(&self) -> Option<Vec<Effect>> {
        let row = self.selected()?;
        let arn = match &row.item {
            Item::Rds(d) => d.arn.clone(),
            Item::Lambda(f) => f.arn.clone(),
            Item::S3(b) => format!(
                "arn:{}:s3:::{}",
                crate::aws::partition(&row.ctx.region),
                b.name
            ),
            Item::Failed(_) => return Some(self.nothing_here(row)),
        };
        Some(vec![Effect::Copy(arn)])
    }

    fn nothing_here(&self, row: &Row) -> Vec<Effect> {
        vec![Effect::Flash(
            Level::Warn,
            format!(
                "no {} here: {} failed (Enter shows why)",
                self.kind.noun(),
                row.place()
            ),
        )]
    }

    /// Commands of the kind's own view that need only the selected row and its context.
    fn row_command(&self, command: CommandId) -> Option<Vec<Effect>> {
        use CommandId as C;
        const ROW_COMMANDS: &[CommandId] = &[
            C::CopyEndpoint,
            C::CopyConnection,
            C::Snapshots,
            C::Snapshot,
            C::Invoke,
            C::Environment,
            C::FunctionLogs,
        ];
        if !ROW_COMMANDS.contains(&command) {
            return None;
        }
        let row = self.selected()?;
        let ctx = row.ctx.clone();
        match (&row.item, command) {
            (Item::Failed(_), _) => Some(self.nothing_here(row)),
            (Item::Rds(d), CommandId::CopyEndpoint) => Some(match d.endpoint() {
                Some(e) => vec![Effect::Copy(e)],
                None => vec![Effect::Flash(
                    Level::Warn,
                    format!("{} has no endpoint yet ({})", d.id, d.status),
                )],
            }),
            (Item::Rds(d), CommandId::CopyConnection) => Some(match d.connection_string() {
                Some(c) => vec![Effect::Copy(c)],
                None => vec![Effect::Flash(
                    Level::Warn,
                    format!("no connection string for {} ({})", d.id, d.status),
                )],
            }),
            (Item::Rds(d), CommandId::Snapshots) => {
                let (kind, id) = (d.kind(), d.id.clone());
                Some(vec![Effect::Push(Box::new(move |pane| {
                    Box::new(crate::panes::rds::SnapshotsPane::new(pane, ctx, kind, id))
                }))])
            }
            (Item::Rds(d), CommandId::Snapshot) => Some(vec![crate::panes::rds::ask_snapshot(
                self.id,
                &ctx,
                d.kind(),
                &d.id,
            )]),
            (Item::Lambda(f), CommandId::Invoke) => {
                let (name, last) = (f.name.clone(), self.last_invoked.clone());
                Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(crate::panes::lambda::WorkbenchPane::new(
                        id, ctx, name, None, last,
                    ))
                }))])
            }
            (Item::Lambda(f), CommandId::Environment) => {
                let name = f.name.clone();
                Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(crate::panes::lambda::EnvironmentPane::new(id, ctx, name))
                }))])
            }
            (Item::Lambda(f), CommandId::FunctionLogs) => {
                let since = self
                    .last_invoked
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&f.name)
                    .copied();
                Some(vec![crate::panes::lambda::open_logs(&ctx, &f.name, since)])
            }
            _ => None,
        }
    }

    /// `EC2 instances · @profiles prod-* · 3 contexts · 2 answered · 1 failed · loading…`
    fn heading(&self) -> String {
        let total = self.contexts.len();
        let answered = self
            .contexts
            .iter()
            .filter(|(_, s)| *s != State::Pending)
            .count();
        let failed = self
            .contexts
            .iter()
            .filter(|(_, s)| *s == State::Failed)
            .count();
        let mut title = format!(
            "{} · {} · {} · {answered} answered",
            self.kind.label(),
            self.arg,
            plural(total, "context")
        );
        if failed > 0 {
            title.push_str(&format!(" · {failed} failed"));
        }
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        }
        if self.capped > 0 {
            title.push_str(&format!(
                " · {} capped at {}",
                plural(self.capped, "context"),
                format::count(crate::protocol::lambda::FUNCTION_CAP)
            ));
        }
        if answered < total {
            title.push_str(" · loading…");
        } else {
            let changing = self
                .table
                .rows()
                .iter()
                .filter(|r| r.is_transitional())
                .count();
            if changing > 0 {
                title.push_str(&format!(" · {changing} changing, watching"));
            }
        }
        title
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The contexts of a spec for this kind. Buckets belong to an account, not a region
/// (ListBuckets answers the same everywhere), so S3 lists once per profile.
fn contexts_for(kind: AcrossKind, spec: &Spec, cx: &PaneCx) -> Result<Vec<ContextKey>, String> {
    let mut contexts = scope::contexts(spec, cx.active, cx.profiles)?;
    if kind == AcrossKind::S3 {
        let mut seen = std::collections::HashSet::new();
        contexts.retain(|c| seen.insert(c.profile.clone()));
    }
    Ok(contexts)
}

impl Pane for AcrossPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("{} · {}", self.kind.label(), self.arg)
    }

    fn scopes(&self) -> &'static [Scope] {
        match self.kind {
            AcrossKind::Rds => &[Scope::Rds, Scope::Fleet, Scope::List],
            AcrossKind::Lambda => &[Scope::Lambda, Scope::List],
            AcrossKind::S3 => &[Scope::S3, Scope::List],
        }
    }

    fn hints(&self) -> &'static [CommandId] {
        match self.kind {
            AcrossKind::Rds => &[
                CommandId::Open,
                CommandId::Filter,
                CommandId::Start,
                CommandId::Stop,
                CommandId::Reboot,
                CommandId::Snapshots,
                CommandId::Refresh,
                CommandId::Help,
            ],
            AcrossKind::Lambda => &[
                CommandId::Open,
                CommandId::Invoke,
                CommandId::FunctionLogs,
                CommandId::Filter,
                CommandId::Copy,
                CommandId::Refresh,
                CommandId::Help,
            ],
            AcrossKind::S3 => &[
                CommandId::Open,
                CommandId::Filter,
                CommandId::Sort,
                CommandId::Copy,
                CommandId::Refresh,
                CommandId::Help,
            ],
        }
    }

    /// A listing that failed without an answer fails every context still waiting for it; an
    /// action that was not sent was said in the status line.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("action") {
            return;
        }
        for (_, state) in &mut self.contexts {
            if *state == State::Pending {
                *state = State::Failed;
            }
        }
        self.failure = Some(failure.summary());
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load_all(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        use AcrossKind as K;
        match (self.kind, command) {
            (_, CommandId::Refresh) => Some(self.load_all(cx)),
            (_, CommandId::Open) => self.open(),
            (_, CommandId::Copy) => {
                let row = self.selected()?;
                Some(match (&row.item, row.resource_id()) {
                    (Item::S3(b), _) => vec![Effect::Copy(format!("s3://{}", b.name))],
                    (_, Some(id)) => vec![Effect::Copy(id.to_string())],
                    (_, None) => self.nothing_here(row),
                })
            }
            (_, CommandId::CopyArn) => self.copy_arn(),
            (K::Rds, CommandId::Start) => Some(self.act_rds(rds::Action::Start)),
            (K::Rds, CommandId::Stop) => Some(self.act_rds(rds::Action::Stop)),
            (K::Rds, CommandId::Reboot) => Some(self.act_rds(rds::Action::Reboot)),
            _ => self.row_command(command),
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn wake(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let changing = self.changing_contexts();
        self.list_contexts(changing, "poll", cx)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Across(AcrossOutcome::Context {
                ctx,
                account,
                result,
                capped,
                ..
            }) => self.answered(ctx, account, result, capped),
            Outcome::Across(AcrossOutcome::Done) => self.schedule_poll(),
            Outcome::Rds(RdsOutcome::Acted { action, results }) => self.acted(
                action.verb(),
                results
                    .into_iter()
                    .map(|(id, r)| (id, r.map_err(|e| e.summary())))
                    .collect(),
            ),
            Outcome::Rds(RdsOutcome::SnapshotCreated(Ok(s))) => vec![Effect::Flash(
                Level::Success,
                format!("snapshot {} of {} is {}", s.id, s.db_id, s.status),
            )],
            Outcome::Rds(RdsOutcome::SnapshotCreated(Err(e))) => vec![Effect::Flash(
                Level::Error,
                format!("snapshot: {}", e.summary()),
            )],
            _ => Vec::new(),
        }
    }

    /// Explicit contexts stay; `@all-regions`/`@regions` alone follow the new profile. The
    /// switch cancelled whatever was in flight, so contexts that had not answered are asked
    /// again.
    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.acting = None;
        if self.spec.follows_active_profile() {
            let fresh = contexts_for(self.kind, &self.spec, cx).unwrap_or_default();
            let current: Vec<&ContextKey> = self.contexts.iter().map(|(c, _)| c).collect();
            if fresh.iter().collect::<Vec<_>>() != current {
                self.contexts = fresh.into_iter().map(|c| (c, State::Pending)).collect();
                self.table.replace_rows(|_| true, Vec::new());
                return self.load_all(cx);
            }
        }
        let pending: Vec<ContextKey> = self
            .contexts
            .iter()
            .filter(|(_, s)| *s == State::Pending)
            .map(|(c, _)| c.clone())
            .collect();
        let mut effects = self.list_contexts(pending, "list", cx);
        self.poller.restart();
        effects.extend(self.schedule_poll());
        effects
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = self.heading();
        self.table.render(frame, area, theme, &title, &self.columns);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsError;
    use crate::aws::model::Identity;
    use crate::aws::profiles::{CredentialKind, ProfileInfo};
    use crate::protocol::across::Listed;
    use crate::protocol::s3::S3Op;
    use crate::ui::table::TableRow;

    /// What a `PaneCx` borrows.
    struct Env {
        active: ContextKey,
        profiles: Vec<ProfileInfo>,
        identities: HashMap<Option<String>, IdentityState>,
        keymap: crate::keymap::Keymap,
        s3: crate::config::S3Settings,
        ec2: crate::config::Ec2Settings,
        logs: crate::config::LogsSettings,
        payloads: crate::saved_payloads::PayloadFiles,
        queries: crate::saved_queries::QueryFiles,
        policies: crate::policy::Policies,
    }

    fn profile(name: &str, region: Option<&str>) -> ProfileInfo {
        ProfileInfo {
            name: name.into(),
            region: region.map(Into::into),
            kind: CredentialKind::AssumeRole,
            endpoint_url: None,
            sso_session: None,
            account_hint: None,
            mfa_serial: None,
        }
    }

    impl Env {
        fn new() -> Env {
            let mut identities = HashMap::new();
            identities.insert(
                Some("team-a".to_string()),
                IdentityState::Resolved(Identity {
                    account: "111111111111".into(),
                    arn: "arn:aws:sts::111111111111:assumed-role/ops/s".into(),
                    user_id: "x".into(),
                }),
            );
            Env {
                active: ContextKey {
                    profile: Some("team-a".into()),
                    region: "us-west-2".into(),
                },
                profiles: vec![
                    profile("other", Some("us-east-1")),
                    profile("team-a", Some("us-east-1")),
                    profile("team-b", Some("eu-west-1")),
                    profile("team-c", None),
                ],
                identities,
                keymap: crate::keymap::Keymap::defaults(),
                s3: Default::default(),
                ec2: Default::default(),
                logs: Default::default(),
                payloads: Default::default(),
                queries: Default::default(),
                policies: Default::default(),
            }
        }

        fn cx(&self) -> PaneCx<'_> {
            PaneCx {
                active: &self.active,
                profiles: &self.profiles,
                identities: &self.identities,
                env_credentials: false,
                read_only: false,
                keymap: &self.keymap,
                s3: &self.s3,
                ec2: &self.ec2,
                logs: &self.logs,
                payloads: &self.payloads,
                editor: "",
                queries: &self.queries,
                fan_out: 24,
                policies: &self.policies,
            }
        }
    }

    fn ctx(profile: &str, region: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: region.into(),
        }
    }

    fn answer(
        pane: &mut AcrossPane,
        env: &Env,
        ctx: ContextKey,
        account: Option<&str>,
        result: Result<Listed, AwsError>,
    ) -> Vec<Effect> {
        pane.apply(
            Outcome::Across(AcrossOutcome::Context {
                ctx,
                account: account.map(Into::into),
                learned: None,
                result,
                capped: false,
            }),
            &env.cx(),
        )
    }

    fn ops(effects: &[Effect]) -> Vec<&Op> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Request(r) => Some(&r.op),
                _ => None,
            })
            .collect()
    }

    /// The one view `effects` push, opened: what it asks for.
    fn opened(effects: Vec<Effect>, env: &Env) -> Vec<Effect> {
        let mut effects = effects.into_iter();
        match (effects.next(), effects.next()) {
            (Some(Effect::Push(make)), None) => make(PaneId(99)).on_open(&env.cx()),
            _ => panic!("expected one view to open"),
        }
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells().into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn rds_lambda_and_s3_rows_act_in_their_context() {
        let env = Env::new();
        let b = ctx("team-b", "eu-west-1");
        let mut rds_view =
            AcrossPane::new(PaneId(1), AcrossKind::Rds, "@profiles team-b", &env.cx()).unwrap();
        answer(
            &mut rds_view,
            &env,
            b.clone(),
            Some("222222222222"),
            Ok(Listed::Rds(vec![rds::Database {
                id: "orders".into(),
                status: "available".into(),
                engine: "postgres".into(),
                ..rds::Database::default()
            }])),
        );
        let effects = rds_view.handle(CommandId::Start, &env.cx()).unwrap();
        let [Effect::Confirm(confirm)] = &effects[..] else {
            panic!("a confirmation")
        };
        assert!(matches!(
            ops(&confirm.on_yes)[..],
            [Op::Rds(RdsOp::Act { ctx, targets, .. })] if *ctx == b && targets[0].1 == "orders"
        ));

        let mut functions =
            AcrossPane::new(PaneId(2), AcrossKind::Lambda, "@profiles team-b", &env.cx()).unwrap();
        answer(
            &mut functions,
            &env,
            b.clone(),
            Some("222222222222"),
            Ok(Listed::Lambda(vec![crate::aws::lambda::Function {
                name: "checkout".into(),
                arn: "arn:aws:lambda:eu-west-1:222222222222:function:checkout".into(),
                ..Default::default()
            }])),
        );
        let effects = functions.handle(CommandId::Open, &env.cx()).unwrap();
        let effects = opened(effects, &env);
        assert!(matches!(
            ops(&effects)[..],
            [Op::Lambda(LambdaOp::Details { ctx, name })] if *ctx == b && name == "checkout"
        ));

        // Buckets: one listing per profile, whatever the regions; Enter lists the bucket in
        // its own region with the row's profile.
        let mut buckets = AcrossPane::new(
            PaneId(3),
            AcrossKind::S3,
            "@profiles team-a,team-b @all-regions",
            &env.cx(),
        )
        .unwrap();
        let effects = buckets.on_open(&env.cx());
        let [Op::Across(op)] = ops(&effects)[..] else {
            panic!("one fan-out")
        };
        assert_eq!(
            op.contexts,
            [ctx("team-a", "us-east-1"), ctx("team-b", "us-east-1")]
        );
        answer(
            &mut buckets,
            &env,
            ctx("team-b", "us-east-1"),
            Some("222222222222"),
            Ok(Listed::S3(vec![crate::aws::s3::Bucket {
                name: "b-logs".into(),
                created: None,
                region: Some("ap-south-1".into()),
            }])),
        );
        assert_eq!(
            texts(&buckets.table.rows()[0])[..4],
            ["team-b", "222222222222", "ap-south-1", "b-logs"],
            "the bucket's own region"
        );
        let effects = buckets.handle(CommandId::Open, &env.cx()).unwrap();
        let effects = opened(effects, &env);
        assert!(matches!(
            ops(&effects)[..],
            [Op::S3(S3Op::List { ctx, bucket, .. })] if *ctx == ctx_of("team-b", "ap-south-1") && bucket == "b-logs"
        ));
        let effects = buckets.handle(CommandId::Copy, &env.cx()).unwrap();
        assert!(matches!(&effects[..], [Effect::Copy(t)] if t == "s3://b-logs"));
    }

    fn ctx_of(profile: &str, region: &str) -> ContextKey {
        ctx(profile, region)
    }

    #[test]
    fn bad_scopes_open_nothing() {
        let env = Env::new();
        let err = |arg| {
            AcrossPane::new(PaneId(1), AcrossKind::Rds, arg, &env.cx())
                .err()
                .unwrap()
        };
        assert!(err("@profiles prod-*").contains("no profile matches 'prod-*'"));
        assert!(err("@all").contains("unknown scope '@all'"));
    }
}
