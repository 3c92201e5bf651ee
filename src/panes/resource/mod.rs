//! The one resource-view engine: `ResourceView<K>` is the pane of every kind of resource, in
//! the active context (`:sg`) or in many (`:sg @profiles prod-* @all-regions`). It owns what
//! every list of resources needs — the table, the load state of each context, rows streamed
//! page by page, polling with backoff while rows are changing, the title and its counts,
//! refresh, reloading on a context switch, marks, details, failed requests — and asks its
//! `Kind` only for what differs: columns, the page call, and what a row can do.
//!
//! With several contexts PROFILE, ACCOUNT and REGION lead the row, a context that fails is one
//! row saying why (the others load regardless), and actions run in the row's context, one
//! context at a time. The contexts of a scoped view are fixed when it opens, except that
//! `@all-regions` or `@regions` without `@profiles` follow a profile switch; a view without a
//! scope follows the active context.

pub mod alarms;
pub mod buckets;
pub mod clusters;
pub mod databases;
pub mod entry;
pub mod filled;
pub mod filled_attributes;
pub mod functions;
pub mod hosted_zones;
pub mod instances;
pub mod kind;
pub mod listed;
mod listings;
pub mod load_balancers;
pub mod metric_catalog;
pub mod parameters;
pub mod policies;
pub mod queues;
pub mod registry;
pub mod reveal;
pub mod roles;
pub mod scope;
pub mod secrets;
pub mod security_groups;
pub mod stacks;
pub mod tagged;
pub mod target_groups;
pub mod topics;
pub mod users;
pub mod volumes;

use crate::aws::ContextKey;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::fleet::Poller;
use crate::protocol::fill::{Answered, FollowUp};
use crate::protocol::list::{ListOp, ListOutcome, Rows};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{Column, ListInput, ResourceTable};
use entry::Entry;
pub use kind::{At, Kind, Listed};
use listings::Listings;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;

/// Where one context's listing stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Load {
    /// Listing; its rows appear page by page.
    Pending,
    /// Listed again (polling): the rows shown stay until every page is in.
    Refreshing,
    Answered,
    Failed(String),
}

pub struct ResourceView<K: Kind> {
    id: PaneId,
    kind: K,
    /// The scope as typed (`@profiles prod-*`) and what it means; `None`: the active context.
    scope: Option<(String, scope::Spec)>,
    contexts: Vec<(ContextKey, Load)>,
    /// Rows of contexts being listed again, swapped in when their listing ends.
    fresh: HashMap<ContextKey, Vec<K::Row>>,
    /// Which listing each context's rows (shown and buffered) came from.
    listings: Listings,
    table: ResourceTable<Entry<K::Row>>,
    columns: Vec<Column>,
    fan_out: usize,
    poller: Poller,
    /// Why the last listing request ended without an answer (it crashed or never left).
    failure: Option<String>,
    /// The `:` command that opened it (a bookmark reopens it with the same scope).
    command: Option<CommandId>,
    /// A drill-down listing one given context (a row's): it stays there across a switch.
    pinned: bool,
    /// A row to open once it is listed (a resource opened by its ARN).
    reveal: Option<reveal::Reveal>,
    /// Pushed only to open `reveal`'s row (`listed::pushed`): once it has, going back from
    /// the row's view goes past this list too. A row not found leaves the list as the view.
    through: bool,
}

impl<K: Kind> ResourceView<K> {
    /// The view of `kind` in the active context (`arg` empty) or in the contexts `arg` names;
    /// `Err` says why the argument names none (no view opens).
    pub fn new(id: PaneId, kind: K, arg: &str, cx: &PaneCx) -> Result<Self, String> {
        let arg = arg.split_whitespace().collect::<Vec<_>>().join(" ");
        let (scope, contexts) = if arg.is_empty() {
            (None, vec![cx.active.clone()])
        } else {
            let spec = scope::parse(&arg)?;
            let contexts = contexts_of(&kind, &spec, cx)?;
            (Some((arg, spec)), contexts)
        };
        let columns = entry::columns(
            kind.columns(),
            scope.as_ref().map(|_| spread(&kind, &contexts)),
        );
        let mut table = ResourceTable::default();
        // The where-columns lead the row in a scoped view.
        default_sort(
            &kind,
            &mut table,
            &columns,
            if scope.is_some() { 3 } else { 0 },
        );
        Ok(ResourceView {
            id,
            kind,
            scope,
            contexts: contexts.into_iter().map(|c| (c, Load::Pending)).collect(),
            fresh: HashMap::new(),
            listings: Listings::default(),
            table,
            columns,
            fan_out: cx.fan_out,
            poller: Poller::default(),
            failure: None,
            command: None,
            pinned: false,
            reveal: None,
            through: false,
        })
    }

    /// The view `command` opens in `ctx` (the active context, or the one a switch is about
    /// to make active), which then opens `reveal`'s row as soon as it is listed.
    pub fn revealing(
        id: PaneId,
        kind: K,
        ctx: ContextKey,
        command: CommandId,
        reveal: reveal::Reveal,
    ) -> Self {
        ResourceView {
            pinned: false,
            reveal: Some(reveal),
            ..Self::in_context(id, kind, ctx)
        }
        .reopened_by(command)
    }

    /// A drill-down of `kind` in `ctx` alone (where the row it was opened from was listed):
    /// unlike a view of the active context it stays in `ctx` across a context switch.
    pub fn in_context(id: PaneId, kind: K, ctx: ContextKey) -> Self {
        let mut table = ResourceTable::default();
        let columns = kind.columns();
        default_sort(&kind, &mut table, &columns, 0);
        ResourceView {
            id,
            columns,
            kind,
            scope: None,
            contexts: vec![(ctx, Load::Pending)],
            fresh: HashMap::new(),
            listings: Listings::default(),
            table,
            fan_out: 1,
            poller: Poller::default(),
            failure: None,
            command: None,
            pinned: true,
            reveal: None,
            through: false,
        }
    }

    /// Opened by `command` (with the scope as its argument): how a bookmark reopens it.
    pub fn reopened_by(mut self, command: CommandId) -> Self {
        self.command = Some(command);
        self
    }

    fn wide(&self) -> bool {
        self.scope.is_some()
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    /// Lists `which` contexts (all of them on open and refresh; the changing ones to poll).
    fn list(&mut self, which: Vec<ContextKey>, slot: &'static str, cx: &PaneCx) -> Vec<Effect> {
        if which.is_empty() {
            return Vec::new();
        }
        for ctx in &which {
            self.listings.start(ctx);
        }
        // Rows of a scoped view say their account: what is known is passed on, STS is asked
        // for the rest.
        let accounts = self.wide().then(|| {
            cx.identities
                .iter()
                .filter_map(|(profile, state)| match state {
                    IdentityState::Resolved(who) => Some((profile.clone(), who.account.clone())),
                    _ => None,
                })
                .collect()
        });
        let op = Op::List(ListOp {
            what: self.kind.label(),
            contexts: which,
            accounts,
            fan_out: self.fan_out,
            page: self.kind.page(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot(slot),
        )]
    }

    fn load_all(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.failure = None;
        for (_, load) in &mut self.contexts {
            *load = Load::Pending;
        }
        self.fresh.clear();
        self.poller.restart();
        let all = self.contexts.iter().map(|(c, _)| c.clone()).collect();
        let mut effects = vec![Effect::Cancel(self.owner(), "poll")];
        effects.extend(self.list(all, "list", cx));
        effects
    }

    fn load_of(&mut self, ctx: &ContextKey) -> Option<&mut Load> {
        self.contexts
            .iter_mut()
            .find(|(c, _)| c == ctx)
            .map(|(_, l)| l)
    }

    fn entries(
        &self,
        ctx: &ContextKey,
        account: &Option<String>,
        rows: Vec<K::Row>,
    ) -> Vec<Entry<K::Row>> {
        rows.into_iter()
            .map(|row| Entry {
                ctx: ctx.clone(),
                account: account.clone(),
                region: self.kind.region(&row),
                item: Ok(row),
                wide: self.wide(),
            })
            .collect()
    }

    fn page(
        &mut self,
        ctx: ContextKey,
        account: Option<String>,
        rows: Rows,
        first: bool,
        cx: &PaneCx,
    ) -> Vec<Effect> {
        let Some(rows) = rows.downcast::<K::Row>() else {
            return Vec::new();
        };
        let load = self.load_of(&ctx).cloned();
        // Rows the view still takes (not a stale page): ask for what they lack, saying for
        // which listing's rows.
        let follow_up = matches!(load, Some(Load::Pending | Load::Refreshing))
            .then(|| self.kind.follow_up(&ctx, &rows))
            .flatten()
            .map(|op| {
                let op = Op::FollowUp(FollowUp {
                    listing: self.listings.newest(&ctx),
                    op: Box::new(op),
                });
                Effect::Request(Request::new(self.owner(), op))
            });
        match load {
            Some(Load::Pending) => {
                let entries = self.entries(&ctx, &account, rows);
                if first {
                    self.table.replace_rows(|e| e.ctx == ctx, entries);
                    self.listings.shown(&ctx);
                } else {
                    self.table.append_rows(entries);
                }
            }
            Some(Load::Refreshing) => {
                let buffer = self.fresh.entry(ctx).or_default();
                if first {
                    buffer.clear();
                }
                buffer.extend(rows);
            }
            _ => {}
        }
        let mut effects: Vec<Effect> = follow_up.into_iter().collect();
        effects.extend(self.reveal_listed(cx));
        effects
    }

    /// Opens the row `reveal` waits for, once it is among the rows (selecting it).
    fn reveal_listed(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let Some(reveal) = &self.reveal else {
            return Vec::new();
        };
        let found = self.table.rows().iter().find_map(|e| {
            let row = e.row()?;
            reveal
                .matches(&self.kind, &self.at(e, cx), row)
                .then(|| crate::ui::table::TableRow::id(e))
        });
        let Some(id) = found else {
            return Vec::new();
        };
        let Some(reveal) = self.reveal.take() else {
            return Vec::new();
        };
        self.table.select_id(&id);
        let (owner, wide) = (self.owner(), self.wide());
        let Some(e) = self.table.selected_row() else {
            return Vec::new();
        };
        let Some(row) = e.row() else {
            return Vec::new();
        };
        let at = At {
            ctx: &e.ctx,
            account: e.account.as_deref().or_else(|| cx.account_of(&e.ctx)),
            owner,
            wide,
        };
        let mut effects = match reveal.then {
            Some(command) => self.kind.act(command, &at, &[row], cx).unwrap_or_default(),
            None => self.kind.open(&at, row, cx.active),
        };
        if let Some(filter) = reveal.filter {
            effects.push(Effect::Run(CommandId::Filter, Some(filter)));
        }
        effects
    }

    /// Every context is listed and the row `reveal` waited for was not among them.
    fn reveal_missing(&mut self) -> Vec<Effect> {
        if self.contexts.iter().any(|(_, l)| *l == Load::Pending) {
            return Vec::new();
        }
        let Some(reveal) = self.reveal.take() else {
            return Vec::new();
        };
        self.through = false;
        let place = self
            .contexts
            .first()
            .map(|(c, _)| entry::place(c, None))
            .unwrap_or_default();
        vec![Effect::Flash(
            Level::Warn,
            crate::sanitize::sanitize(&format!(
                "{} is not among the {} of {place}",
                reveal.wanted.describe(),
                self.kind.label().to_lowercase()
            ))
            .into_owned(),
        )]
    }

    /// One context's listing ended: its rows stand, or it is one row saying why.
    fn ended(
        &mut self,
        ctx: ContextKey,
        account: Option<String>,
        result: Result<(), crate::aws::AwsError>,
    ) -> Vec<Effect> {
        let Some(load) = self.load_of(&ctx).cloned() else {
            return Vec::new();
        };
        let fresh = self.fresh.remove(&ctx);
        match (result, load) {
            (Ok(()), Load::Refreshing) => {
                let entries = self.entries(&ctx, &account, fresh.unwrap_or_default());
                self.table.replace_rows(|e| e.ctx == ctx, entries);
                self.listings.shown(&ctx);
                self.set_load(&ctx, Load::Answered);
                Vec::new()
            }
            (Ok(()), _) => {
                self.set_load(&ctx, Load::Answered);
                Vec::new()
            }
            // A poll that failed leaves the rows as they were.
            (Err(e), Load::Refreshing) => {
                self.set_load(&ctx, Load::Answered);
                vec![Effect::Flash(
                    Level::Warn,
                    format!(
                        "refresh in {}: {}",
                        entry::place(&ctx, account.as_deref()),
                        e.summary()
                    ),
                )]
            }
            (Err(e), _) => self.failed(&ctx, account, e.summary()),
        }
    }

    /// `ctx` could not be listed: its rows give way to one saying why.
    fn failed(&mut self, ctx: &ContextKey, account: Option<String>, why: String) -> Vec<Effect> {
        let row = Entry::failed(ctx, account, &why, self.wide());
        self.table.replace_rows(|e| &e.ctx == ctx, vec![row]);
        self.set_load(ctx, Load::Failed(why.clone()));
        if self.wide() {
            Vec::new()
        } else {
            vec![Effect::Flash(
                Level::Error,
                format!("{}: {}", self.kind.label(), crate::sanitize::sanitize(&why)),
            )]
        }
    }

    fn set_load(&mut self, ctx: &ContextKey, to: Load) {
        if let Some(load) = self.load_of(ctx) {
            *load = to;
        }
    }

    /// The listing's task died or never left: every context still waiting shows it, so none
    /// waits forever (the app has already said it in a flash).
    fn listing_failed(&mut self, why: String) -> Vec<Effect> {
        self.failure = Some(why.clone());
        let waiting: Vec<ContextKey> = self
            .contexts
            .iter()
            .filter(|(_, l)| matches!(l, Load::Pending | Load::Refreshing))
            .map(|(c, _)| c.clone())
            .collect();
        let mut effects = Vec::new();
        for ctx in waiting {
            let account = self
                .table
                .rows()
                .iter()
                .find(|e| e.ctx == ctx)
                .and_then(|e| e.account.clone());
            effects.extend(self.failed(&ctx, account, why.clone()));
        }
        effects
    }

    /// A follow-up's answer for the rows of listing `listing`. Rows whose being transitional
    /// waited on it may now be: once none waits and no listing runs (its end would decide),
    /// the view decides whether to poll.
    fn follow_up_answered(&mut self, listing: u64, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        let waited = self.awaiting_follow_up();
        let mut effects = self.kind_apply(outcome, Some(listing), cx);
        let listing_runs = self
            .contexts
            .iter()
            .any(|(_, l)| matches!(l, Load::Pending | Load::Refreshing));
        if waited && !listing_runs && !self.awaiting_follow_up() {
            effects.extend(self.schedule_poll());
        }
        effects
    }

    /// Some row on screen cannot say whether it is transitional until its follow-up answers.
    fn awaiting_follow_up(&self) -> bool {
        self.table
            .rows()
            .iter()
            .any(|e| e.row().is_some_and(|r| self.kind.awaits_follow_up(r)))
    }

    /// An answer to a request of the kind's (`answer_to`: a follow-up's, for that listing's
    /// rows): it may change rows, and ask for polling.
    fn kind_apply(&mut self, outcome: Outcome, answer_to: Option<u64>, cx: &PaneCx) -> Vec<Effect> {
        let owner = self.owner();
        let mut listed = Listed::new(&mut self.table, &mut self.fresh, &self.listings, answer_to);
        let mut effects = self
            .kind
            .apply(outcome, &mut listed, owner)
            .unwrap_or_default();
        let Listed { relist, poll, .. } = listed;
        if !relist.is_empty() {
            let again: Vec<ContextKey> = self
                .contexts
                .iter()
                .map(|(c, _)| c.clone())
                .filter(|c| relist.iter().any(|r| r.as_ref().is_none_or(|r| r == c)))
                .collect();
            for ctx in &again {
                self.set_load(ctx, Load::Refreshing);
            }
            effects.extend(self.list(again, "poll", cx));
        }
        if let Some(restart) = poll {
            if restart {
                self.poller.restart();
            }
            effects.extend(self.schedule_poll());
        }
        effects
    }

    /// The kind changed what it lists: everything is listed again.
    fn reconfigured(&mut self, done: Result<(), String>, cx: &PaneCx) -> Vec<Effect> {
        match done {
            Ok(()) => {
                // A kind's columns may follow what it lists (stopped tasks: why they stopped).
                let contexts: Vec<ContextKey> =
                    self.contexts.iter().map(|(c, _)| c.clone()).collect();
                self.columns = entry::columns(
                    self.kind.columns(),
                    self.scope.as_ref().map(|_| spread(&self.kind, &contexts)),
                );
                self.table.replace_rows(|_| true, Vec::new());
                self.load_all(cx)
            }
            Err(why) => vec![Effect::Flash(Level::Error, why)],
        }
    }

    /// Contexts with rows between states.
    fn changing_contexts(&self) -> Vec<ContextKey> {
        let mut out: Vec<ContextKey> = Vec::new();
        for e in self.table.rows() {
            if e.row().is_some_and(|r| self.kind.is_transitional(r)) && !out.contains(&e.ctx) {
                out.push(e.ctx.clone());
            }
        }
        out
    }

    fn schedule_poll(&mut self) -> Vec<Effect> {
        // Whether to poll is decided when the rows that would say have their follow-up in.
        if self.awaiting_follow_up() {
            return Vec::new();
        }
        let changing = !self.changing_contexts().is_empty();
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    /// Where `e` was listed; in a view of the active context the account is the header's.
    fn at<'a>(&self, e: &'a Entry<K::Row>, cx: &'a PaneCx) -> At<'a> {
        At {
            ctx: &e.ctx,
            account: e.account.as_deref().or_else(|| cx.account_of(&e.ctx)),
            owner: self.owner(),
            wide: self.wide(),
        }
    }

    fn nothing_here(&self, e: &Entry<K::Row>) -> Vec<Effect> {
        vec![Effect::Flash(
            Level::Warn,
            format!(
                "no {} here: {} failed (Enter shows why)",
                self.kind.noun(),
                entry::place(&e.ctx, e.account.as_deref())
            ),
        )]
    }

    fn open(&self, cx: &PaneCx) -> Option<Vec<Effect>> {
        let e = self.table.selected_row()?;
        let at = self.at(e, cx);
        Some(match &e.item {
            Ok(row) if self.wide() => opened_from(self.kind.open(&at, row, cx.active), &e.ctx),
            Ok(row) => self.kind.open(&at, row, cx.active),
            Err(why) => vec![failed_document(&at, why)],
        })
    }

    /// The selected row's metrics as charts, in the row's context; `None` for kinds
    /// without metrics (the app says the command is not for here).
    fn charts(&self) -> Option<Vec<Effect>> {
        let Some(e) = self.table.selected_row() else {
            let noun = self.kind.noun();
            return Some(vec![Effect::Flash(
                Level::Warn,
                format!("no {noun} selected"),
            )]);
        };
        let Some(row) = e.row() else {
            return Some(self.nothing_here(e));
        };
        let specs = self.kind.metrics(row)?;
        if specs.is_empty() {
            let noun = self.kind.noun();
            return Some(vec![Effect::Flash(
                Level::Info,
                format!("this {noun} has no metric to chart"),
            )]);
        }
        // The charts pane names the row's context itself; the row by what `copy` gives (its
        // name or id, never a compound key).
        let title = format!("{} {}", self.kind.noun(), self.kind.copy(row));
        Some(vec![crate::panes::metrics::open_charts(
            title,
            e.ctx.clone(),
            specs,
        )])
    }

    /// A command that needs no row, in the selected row's context (else the view's first).
    fn act_on_nothing(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        let (ctx, account) = match self.table.selected_row() {
            Some(e) => (e.ctx.clone(), e.account.clone()),
            None => (self.contexts.first()?.0.clone(), None),
        };
        let at = At {
            ctx: &ctx,
            account: account.as_deref().or_else(|| cx.account_of(&ctx)),
            owner: Owner::Pane(self.id),
            wide: self.wide(),
        };
        self.kind.act_on_nothing(command, &at)
    }

    /// The kind's command on the marked rows (else the selection), all in one context.
    fn act(&mut self, command: CommandId, cx: &PaneCx) -> Vec<Effect> {
        let targets: Vec<&Entry<K::Row>> = self
            .table
            .targets()
            .into_iter()
            .filter(|e| e.row().is_some())
            .collect();
        let Some(first) = targets.first() else {
            if let Some(effects) = self.act_on_nothing(command, cx) {
                return effects;
            }
            return match self.table.selected_row() {
                Some(failed) => self.nothing_here(failed),
                None => vec![Effect::Flash(
                    Level::Warn,
                    format!("no {} selected", self.kind.noun()),
                )],
            };
        };
        let mut places: Vec<&ContextKey> = Vec::new();
        for e in &targets {
            if !places.contains(&&e.ctx) {
                places.push(&e.ctx);
            }
        }
        if places.len() > 1 {
            return vec![Effect::Flash(
                Level::Warn,
                format!(
                    "marked rows are in {} contexts; act on one context at a time",
                    places.len()
                ),
            )];
        }
        let (ctx, account) = (first.ctx.clone(), first.account.clone());
        let rows: Vec<&K::Row> = targets.iter().filter_map(|e| e.row()).collect();
        let at = At {
            ctx: &ctx,
            account: account.as_deref().or_else(|| cx.account_of(&ctx)),
            owner: Owner::Pane(self.id),
            wide: self.scope.is_some(),
        };
        self.kind.act(command, &at, &rows, cx).unwrap_or_default()
    }

    /// `Security groups · loading…`, or with a scope
    /// `Security groups · @profiles prod-* · 3 contexts · 2 answered · 1 failed · loading…`.
    fn heading(&self) -> String {
        let mut title = self.kind.label().to_string();
        if let Some(note) = self.kind.title_note() {
            title.push_str(&format!(" · {note}"));
        }
        let total = self.contexts.len();
        let waiting = self
            .contexts
            .iter()
            .filter(|(_, l)| *l == Load::Pending)
            .count();
        match &self.scope {
            None => {
                if let Some((_, Load::Failed(e))) = self.contexts.first() {
                    title.push_str(&format!(" · error: {e}"));
                    return title;
                }
            }
            Some((arg, _)) => {
                let failed = self
                    .contexts
                    .iter()
                    .filter(|(_, l)| matches!(l, Load::Failed(_)))
                    .count();
                title.push_str(&format!(
                    " · {arg} · {} · {} answered",
                    plural(total, "context"),
                    total - waiting - failed
                ));
                if failed > 0 {
                    title.push_str(&format!(" · {failed} failed"));
                }
                if let Some(e) = &self.failure {
                    title.push_str(&format!(" · error: {e}"));
                }
            }
        }
        if let Some(note) = self
            .kind
            .rows_note(&mut self.table.rows().iter().filter_map(Entry::row))
        {
            title.push_str(&format!(" · {note}"));
        }
        if waiting > 0 {
            title.push_str(" · loading…");
        } else {
            let changing = self
                .table
                .rows()
                .iter()
                .filter(|e| e.row().is_some_and(|r| self.kind.is_transitional(r)))
                .count();
            if changing > 0 {
                title.push_str(&format!(" · {changing} changing, watching"));
            }
        }
        title
    }
}

/// The contexts `spec` names for `kind`: each profile once when its resources belong to the
/// account (ListBuckets answers the same in every region).
fn contexts_of<K: Kind>(
    kind: &K,
    spec: &scope::Spec,
    cx: &PaneCx,
) -> Result<Vec<ContextKey>, String> {
    let mut contexts = scope::contexts(spec, cx.active, cx.profiles)?;
    if kind.per_account() {
        let mut seen = std::collections::HashSet::new();
        contexts.retain(|c| seen.insert(c.profile.clone()));
    }
    Ok(contexts)
}

/// The views `effects` push say they show `ctx` (a row's, in a view over several contexts), so
/// the header names that context rather than the active one, whichever kind opened them.
fn opened_from(effects: Vec<Effect>, ctx: &ContextKey) -> Vec<Effect> {
    effects
        .into_iter()
        .map(|effect| match effect {
            Effect::Push(make) => {
                let ctx = ctx.clone();
                Effect::Push(Box::new(move |id| {
                    let mut pane = make(id);
                    pane.opened_from(&ctx);
                    pane
                }))
            }
            other => other,
        })
        .collect()
}

/// Sorts by the kind's default column (after `lead` where-columns), in the direction the
/// column asks for, so the title's arrow says the order the rows are in.
fn default_sort<K: Kind>(
    kind: &K,
    table: &mut ResourceTable<Entry<K::Row>>,
    columns: &[Column],
    lead: usize,
) {
    if let Some(column) = kind.default_sort() {
        let descending = columns.get(lead + column).is_some_and(|c| c.descending);
        table.sort_by(lead + column, !descending);
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What Enter shows on a failed context's row: where, and the whole error.
fn failed_document(at: &At, why: &str) -> Effect {
    let mut doc = Document::default();
    doc.push(Block::Fields(vec![
        ("profile".into(), at.ctx.profile_label().to_string()),
        (
            "account".into(),
            at.account.unwrap_or("unknown").to_string(),
        ),
        ("region".into(), at.ctx.region.clone()),
    ]));
    doc.push(Block::Heading("Error".into()));
    doc.push(Block::Error(why.to_string()));
    let (title, copy) = (format!("{} failed", at.place()), why.to_string());
    Effect::Push(Box::new(move |id| {
        Box::new(DocumentView::fixed(id, title, copy, doc).wrapped())
    }))
}

/// What differs between the rows of a view over `contexts`.
fn spread<K: Kind>(kind: &K, contexts: &[ContextKey]) -> entry::Spread {
    // A kind listed once per profile gives each row its own region (buckets).
    entry::Spread::of(contexts, kind.per_account())
}

impl<K: Kind> Pane for ResourceView<K> {
    /// A listing or poll that crashed or was never sent leaves no context waiting; an action
    /// that did not go changes nothing shown (the app has flashed why).
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if matches!(failure.slot, Some("list" | "poll")) {
            // The flashes a failed context may ask for are the app's to give here.
            let _ = self.listing_failed(failure.summary());
        }
    }

    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        let command = self.command?;
        let own = self
            .kind
            .argument()
            .map(|a| format!(" {a}"))
            .unwrap_or_default();
        Some(match &self.scope {
            Some((arg, _)) => format!(":{command}{own} {arg}"),
            None => format!(":{command}{own}"),
        })
    }

    fn title(&self) -> String {
        match &self.scope {
            Some((arg, _)) => format!("{} · {arg}", self.kind.label()),
            None => self.kind.label().into(),
        }
    }

    fn scopes(&self) -> &'static [Scope] {
        self.kind.scopes()
    }

    /// A drill-down stays in the context of the row it was opened from.
    fn context(&self) -> Option<&ContextKey> {
        match self.contexts.as_slice() {
            [(ctx, _)] if self.pinned => Some(ctx),
            _ => None,
        }
    }

    fn hints(&self) -> &'static [CommandId] {
        self.kind.hints()
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load_all(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load_all(cx)),
            _ if let Some(done) = self.kind.reconfigure(command, None) => {
                Some(self.reconfigured(done, cx))
            }
            CommandId::Open => self.open(cx),
            CommandId::Charts => self.charts(),
            CommandId::Copy => {
                let e = self.table.selected_row()?;
                Some(match e.row() {
                    Some(row) => vec![Effect::Copy(self.kind.copy(row))],
                    None => self.nothing_here(e),
                })
            }
            CommandId::CopyArn => {
                let e = self.table.selected_row()?;
                let Some(row) = e.row() else {
                    return Some(self.nothing_here(e));
                };
                Some(match self.kind.arn(&self.at(e, cx), row) {
                    Ok(arn) => vec![Effect::Copy(arn)],
                    Err(why) => vec![Effect::Flash(Level::Warn, why)],
                })
            }
            _ if self.kind.commands().contains(&command) => Some(self.act(command, cx)),
            _ => None,
        }
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, cx: &PaneCx) -> Option<Vec<Effect>> {
        let done = self.kind.reconfigure(command, Some(arg))?;
        Some(self.reconfigured(done, cx))
    }

    fn awaiting_rows(&self) -> bool {
        self.table.rows().is_empty() && self.contexts.iter().any(|(_, l)| *l == Load::Pending)
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn wake(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let changing = self.changing_contexts();
        if !self.wide()
            && let Some(ctx) = changing.first()
        {
            let rows: Vec<&K::Row> = self
                .table
                .rows()
                .iter()
                .filter_map(|e| e.row())
                .filter(|r| self.kind.is_transitional(r))
                .collect();
            if let Some(op) = self.kind.poll(ctx, &rows) {
                return vec![Effect::Request(
                    Request::new(self.owner(), op).in_slot("poll"),
                )];
            }
        }
        for ctx in &changing {
            self.set_load(ctx, Load::Refreshing);
        }
        self.list(changing, "poll", cx)
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::List(ListOutcome::Page {
                ctx,
                account,
                rows,
                first,
            }) => self.page(ctx, account, rows, first, cx),
            Outcome::List(ListOutcome::Ended {
                ctx,
                account,
                result,
                ..
            }) => {
                let mut effects = self.ended(ctx, account, result);
                effects.extend(self.reveal_missing());
                effects
            }
            Outcome::List(ListOutcome::Done) => self.schedule_poll(),
            Outcome::FollowUp(Answered { listing, outcome }) => {
                self.follow_up_answered(listing, *outcome, cx)
            }
            other => self.kind_apply(other, None, cx),
        }
    }

    /// A view of the active context lists the new one; a scoped view keeps its contexts
    /// unless it follows the active profile, and asks again those the switch cancelled.
    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let fresh = match &self.scope {
            None if self.pinned => None,
            None => Some(vec![cx.active.clone()]),
            Some((_, spec)) if spec.follows_active_profile() => {
                Some(contexts_of(&self.kind, spec, cx).unwrap_or_default())
            }
            Some(_) => None,
        };
        if let Some(fresh) = fresh {
            let current: Vec<&ContextKey> = self.contexts.iter().map(|(c, _)| c).collect();
            if fresh.iter().collect::<Vec<_>>() != current {
                self.columns =
                    entry::columns(self.kind.columns(), Some(spread(&self.kind, &fresh)));
                self.contexts = fresh.into_iter().map(|c| (c, Load::Pending)).collect();
                self.table.replace_rows(|_| true, Vec::new());
                return self.load_all(cx);
            }
        }
        let mut waiting = Vec::new();
        for (ctx, load) in &mut self.contexts {
            match load {
                Load::Pending => waiting.push(ctx.clone()),
                // The switch cancelled the poll; the rows shown stand.
                Load::Refreshing => *load = Load::Answered,
                _ => {}
            }
        }
        self.fresh.clear();
        let mut effects = self.list(waiting, "list", cx);
        self.poller.restart();
        effects.extend(self.schedule_poll());
        effects
    }

    /// A write in one of its contexts: that context is listed again (rows stay meanwhile).
    fn written(&mut self, ctx: &ContextKey, cx: &PaneCx) -> Vec<Effect> {
        if !self
            .contexts
            .iter()
            .any(|(c, l)| c == ctx && *l != Load::Pending)
        {
            return Vec::new();
        }
        self.set_load(ctx, Load::Refreshing);
        self.list(vec![ctx.clone()], "poll", cx)
    }

    fn passes_through(&self) -> bool {
        self.through && self.reveal.is_none()
    }

    fn covered(&mut self) {
        let mut listed = Listed::new(&mut self.table, &mut self.fresh, &self.listings, None);
        self.kind.covered(&mut listed);
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        if self.wide() && self.kind.per_account() {
            // Rows carry their own region: the column matters only when they differ.
            let regions: std::collections::HashSet<&str> = self
                .table
                .rows()
                .iter()
                .map(|e| e.region.as_deref().unwrap_or(&e.ctx.region))
                .collect();
            entry::rank_region(&mut self.columns, regions.len() > 1);
        }
        let title = self.heading();
        self.table
            .set_loading(self.contexts.iter().any(|(_, l)| *l == Load::Pending));
        self.table.render(frame, area, theme, &title, &self.columns);
    }
}

#[cfg(test)]
mod tests;
