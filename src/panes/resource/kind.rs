//! What a kind of resource gives the engine: its name, columns, the call that lists one page,
//! and what a row can do — always as functions of where the row was listed (`At`) and the
//! row, so the same kind serves one context or many.

use crate::aws::ContextKey;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::PaneCx;
use crate::protocol::list::PageFn;
use crate::protocol::{Outcome, Owner};
use crate::ui::table::{Column, TableRow};

/// Where a row was listed: its context, its account when known, and the view that owns
/// requests made for it.
pub struct At<'a> {
    pub ctx: &'a ContextKey,
    pub account: Option<&'a str>,
    pub owner: Owner,
}

impl At<'_> {
    /// `profile · account · region`, for titles, confirmations and messages.
    pub fn place(&self) -> String {
        super::entry::place(self.ctx, self.account)
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
    /// Between states: the view lists the row's context again, backing off, until settled.
    fn is_transitional(&self, _row: &Self::Row) -> bool {
        false
    }
    /// What Enter opens: the row's details.
    fn details(&self, at: &At, row: &Self::Row) -> Effect;
    /// The row's ARN, when it has one that can be built from what is known.
    fn arn(&self, _at: &At, _row: &Self::Row) -> Option<String> {
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
    /// Answers to the requests `act` made. `None`: not for this kind.
    fn apply(&mut self, _outcome: Outcome) -> Option<Vec<Effect>> {
        None
    }
}
