//! What a kind of resource gives the engine: its name, columns, the call that lists one page,
//! and what a row can do — always as functions of where the row was listed (`At`) and the
//! row, so the same kind serves one context or many.

use super::entry::Entry;
use super::listings::{Listings, Reach};
use crate::aws::ContextKey;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::PaneCx;
use crate::protocol::list::PageFn;
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::table::{Column, ResourceTable, TableRow};
use std::collections::HashMap;

/// Where a row was listed: its context, its account when known, and the view that owns
/// requests made for it.
pub struct At<'a> {
    pub ctx: &'a ContextKey,
    pub account: Option<&'a str>,
    pub owner: Owner,
    /// The view spans several contexts (titles say where).
    pub wide: bool,
}

impl At<'_> {
    /// `profile · account · region`, for titles, confirmations and messages.
    pub fn place(&self) -> String {
        super::entry::place(self.ctx, self.account)
    }

    /// ` · profile · account · region` in a view of several contexts, else nothing.
    pub fn suffix(&self) -> String {
        if self.wide {
            format!(" · {}", self.place())
        } else {
            String::new()
        }
    }
}

/// What a kind's answers may do to the view's rows.
pub struct Listed<'a, R> {
    pub(super) table: &'a mut ResourceTable<Entry<R>>,
    /// Rows of contexts being listed again, on screen when their listing ends.
    pub(super) fresh: &'a mut HashMap<ContextKey, Vec<R>>,
    pub(super) listings: &'a Listings,
    /// The listing the answer being applied was asked for (a follow-up's); `None`: an
    /// answer about the rows on screen (an action's, a poll's).
    pub(super) answer_to: Option<u64>,
    /// Set by the kind: look at the rows again (restarting the backoff when `true`).
    pub(super) poll: Option<bool>,
    /// Set by the kind: contexts to list again now (`None` in the list: every one).
    pub(super) relist: Vec<Option<ContextKey>>,
}

impl<'a, R> Listed<'a, R> {
    pub(super) fn new(
        table: &'a mut ResourceTable<Entry<R>>,
        fresh: &'a mut HashMap<ContextKey, Vec<R>>,
        listings: &'a Listings,
        answer_to: Option<u64>,
    ) -> Self {
        Listed {
            table,
            fresh,
            listings,
            answer_to,
            poll: None,
            relist: Vec::new(),
        }
    }

    /// Which rows of `ctx` the answer being applied may change.
    fn reach(&self, ctx: &ContextKey) -> Reach {
        match self.answer_to {
            Some(listing) => self.listings.reach(ctx, listing),
            None => Reach::SHOWN,
        }
    }
}

impl<R: TableRow> Listed<'_, R> {
    /// Every listed resource with its context.
    pub fn rows(&self) -> impl Iterator<Item = (&ContextKey, &R)> {
        self.table
            .rows()
            .iter()
            .filter_map(|e| Some((&e.ctx, e.row()?)))
    }

    /// Changes the resources of `ctx` in place: those on screen and, for a follow-up's
    /// answer, those a relist is buffering — each only where the answer is not older than
    /// the listing they came from (`listings.rs`).
    pub fn update(&mut self, ctx: &ContextKey, mut change: impl FnMut(&mut R)) {
        let reach = self.reach(ctx);
        if reach.shown {
            self.table.update_rows(|e| {
                if &e.ctx == ctx
                    && let Ok(row) = &mut e.item
                {
                    change(row);
                }
            });
        }
        if reach.buffered
            && let Some(rows) = self.fresh.get_mut(ctx)
        {
            rows.iter_mut().for_each(change);
        }
    }

    /// Changes every listed resource in place, whatever its context (as `update` does in
    /// each).
    pub fn update_all(&mut self, mut change: impl FnMut(&mut R)) {
        let reaches: HashMap<ContextKey, Reach> = self
            .table
            .rows()
            .iter()
            .map(|e| &e.ctx)
            .chain(self.fresh.keys())
            .map(|c| (c.clone(), self.reach(c)))
            .collect();
        self.table.update_rows(|e| {
            if reaches.get(&e.ctx).is_some_and(|r| r.shown)
                && let Ok(row) = &mut e.item
            {
                change(row);
            }
        });
        for (ctx, rows) in self.fresh.iter_mut() {
            if reaches.get(ctx).is_some_and(|r| r.buffered) {
                rows.iter_mut().for_each(&mut change);
            }
        }
    }

    /// The account the rows of `ctx` were listed in, when known.
    pub fn account_of(&self, ctx: &ContextKey) -> Option<String> {
        self.table
            .rows()
            .iter()
            .find(|e| &e.ctx == ctx)
            .and_then(|e| e.account.clone())
    }

    pub fn clear_marks(&mut self) {
        self.table.clear_marks();
    }

    /// Polls again when rows are changing; `restart`: from the shortest delay (an action
    /// was just taken).
    pub fn poll(&mut self, restart: bool) {
        self.poll = Some(restart || self.poll == Some(true));
    }

    /// Lists `ctx` again now (its rows stay until the answer is in): what an action did
    /// when its answer was lost.
    pub fn relist(&mut self, ctx: &ContextKey) {
        self.relist.push(Some(ctx.clone()));
    }

    /// Lists every context again now (a resource was created or deleted).
    pub fn relist_all(&mut self) {
        self.relist.push(None);
    }
}

pub trait Kind: Send + 'static {
    /// One listed resource; its `TableRow::id` is the resource's id (what `copy` copies).
    type Row: TableRow + Send + Sync + 'static;

    /// The view's title: `Security groups`.
    fn label(&self) -> &'static str;
    /// One row, in messages: `security group`.
    fn noun(&self) -> &'static str;
    /// Keymap scopes from the innermost outwards (the engine's views are always lists).
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }
    fn hints(&self) -> &'static [CommandId];
    /// The kind's own columns, most important first (the engine puts PROFILE, ACCOUNT and
    /// REGION before them when the view spans several contexts).
    fn columns(&self) -> Vec<Column>;
    /// One page of the listing in one context.
    fn page(&self) -> PageFn;
    /// The resources belong to an account, not a region (S3 buckets): a view of several
    /// contexts lists each profile once.
    fn per_account(&self) -> bool {
        false
    }
    /// What the REGION column says for `row` when it is not the region it was listed in
    /// (a bucket's own region).
    fn region(&self, _row: &Self::Row) -> Option<String> {
        None
    }
    /// What `copy` copies (`s3://bucket`); the row's id unless the kind says otherwise.
    fn copy(&self, row: &Self::Row) -> String {
        row.id()
    }
    /// Between states: the view lists the row's context again, backing off, until settled.
    fn is_transitional(&self, _row: &Self::Row) -> bool {
        false
    }
    /// The row's standard CloudWatch metrics, which `charts` (`g`) draws in the row's
    /// context (`panes::metrics::sets` holds a table per kind). `None`: the kind has none.
    fn metrics(&self, _row: &Self::Row) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        None
    }
    /// A request that fills in what a page's rows lack (ListRoles leaves out when a role was
    /// last used), sent as the page arrives so the rows show first; its answer comes back
    /// through `apply`, which fills the rows with `Listed::update` (the engine tags it with
    /// the listing that asked, so it fills no rows newer than that). `None`: nothing to fill.
    fn follow_up(&self, _ctx: &ContextKey, _rows: &[Self::Row]) -> Option<Op> {
        None
    }
    /// The row's follow-up has not answered, and what it brings decides whether the row is
    /// transitional (a cluster's status): the view decides about polling once it has.
    fn awaits_follow_up(&self, _row: &Self::Row) -> bool {
        false
    }
    /// What Enter opens: the row's details.
    fn details(&self, at: &At, row: &Self::Row) -> Effect;
    /// What Enter does, from the `active` context: the row's details, unless the kind opens
    /// the resource elsewhere (a tagged resource in its own view, which may first switch to
    /// the row's context).
    fn open(&self, at: &At, row: &Self::Row, _active: &ContextKey) -> Vec<Effect> {
        vec![self.details(at, row)]
    }
    /// The row's ARN, or why it cannot be given.
    fn arn(&self, _at: &At, _row: &Self::Row) -> Result<String, String> {
        Err(format!("no ARN for a {} here", self.noun()))
    }
    /// The kind's own column (an index into its `columns`) the rows are sorted by when the
    /// view opens, ascending (alarms: ALARM first). `None`: the order they came in.
    fn default_sort(&self) -> Option<usize> {
        None
    }
    /// What the kind was opened with before any scope (`:metrics AWS/EC2`, `:alarms ALARM`), so
    /// a bookmark reopens the same listing.
    fn argument(&self) -> Option<String> {
        None
    }
    /// What the title says after the label (a server-side filter).
    fn title_note(&self) -> Option<String> {
        None
    }
    /// What the title says last about the rows on screen: the state of values the user
    /// revealed in them (`1 shown (x hides)`), which only the rows know.
    fn rows_note(&self, _rows: &mut dyn Iterator<Item = &Self::Row>) -> Option<String> {
        None
    }
    /// A command that changes what is listed (`:filter state=running`, or `back` clearing
    /// it): `Some(Ok)` lists again, `Some(Err)` says why not; `None`: not this kind's.
    fn reconfigure(
        &mut self,
        _command: CommandId,
        _arg: Option<&str>,
    ) -> Option<Result<(), String>> {
        None
    }
    /// In a view of one context: the request that reads the changing rows again, instead of
    /// listing everything (`None`: list again).
    fn poll(&self, _ctx: &ContextKey, _changing: &[&Self::Row]) -> Option<Op> {
        None
    }
    /// The commands `act` answers (beside open, copy, copy-arn and refresh, which every
    /// kind has).
    fn commands(&self) -> &'static [CommandId] {
        &[]
    }
    /// The kind's own commands on the targets (marked rows, else the selection), all in one
    /// context. `None`: not a command of this kind.
    fn act(
        &mut self,
        _command: CommandId,
        _at: &At,
        _rows: &[&Self::Row],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        None
    }
    /// A command of the kind's that needs no row (`create bucket` in an empty view), in
    /// the view's first context. `None`: the engine says nothing is selected.
    fn act_on_nothing(&mut self, _command: CommandId, _at: &At) -> Option<Vec<Effect>> {
        None
    }
    /// Another view covers this one: values the user revealed in rows are masked again.
    fn covered(&mut self, _listed: &mut Listed<Self::Row>) {}
    /// Answers to the requests `act` and `poll` made. `None`: not for this kind.
    fn apply(
        &mut self,
        _outcome: Outcome,
        _listed: &mut Listed<Self::Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        None
    }
}

/// Why an ARN cannot be built yet.
pub fn unknown_account(at: &At) -> String {
    format!(
        "the account of {} is not known yet; try again in a moment",
        at.ctx.profile_label()
    )
}
