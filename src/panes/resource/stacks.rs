//! `:cfn` (`:stacks`) — CloudFormation stacks on the engine: status (symbol + word, as EC2
//! states), last change, drift, description; nested stacks indented under their parent;
//! deleted stacks hidden unless asked for (`:cfn deleted`, or `show-deleted`). Stacks
//! `*_IN_PROGRESS` are between states, so the engine lists again with its backoff. Enter
//! opens the stack (events, resources, outputs, parameters); the writes are the stack
//! view's actions, offered here on the selected row too.

use super::kind::unknown_account;
use super::{At, Kind, Listed};
use crate::aws::cloudformation::Stack;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, PaneCx};
use crate::panes::cloudformation::{StackView, actions, status_cell};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Outcome, Owner};
use crate::ui::format;
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("STATUS", Constraint::Length(26)).priority(8),
    Column::new("CHANGED", Constraint::Length(7)).priority(6),
    Column::new("DRIFT", Constraint::Length(11)).priority(4),
    Column::new("DESCRIPTION", Constraint::Fill(2)).priority(3),
];

/// A stack with the time it was listed (for its age).
pub struct Row {
    pub stack: Stack,
    now: i64,
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let s = &self.stack;
        let name = match &s.parent {
            Some(_) => format!("└ {}", s.name),
            None => s.name.clone(),
        };
        vec![
            CellText::plain(name),
            status_cell(&s.status),
            CellText::plain(
                s.changed
                    .map(|t| format::age(t, self.now))
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(s.drift.clone()),
            CellText::plain(s.description.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let s = &self.stack;
        match column {
            // Nested stacks sort with their root: the root's name, then their own.
            0 => SortKey::Text(match &s.root {
                Some(root) if *root != s.name => {
                    format!("{}\u{1}{}", root.to_lowercase(), s.name.to_lowercase())
                }
                _ => s.name.to_lowercase(),
            }),
            // Most recently changed first, as the AGE column reads top to bottom.
            2 => SortKey::Number(-s.changed.unwrap_or(0)),
            _ => super::entry::cell_key(self, column),
        }
    }

    /// The ARN: two stacks of one name exist when one of them was deleted.
    fn id(&self) -> String {
        self.stack.id.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let s = &self.stack;
        Cow::Owned(format!(
            "{} {} {} {}",
            s.name, s.status, s.drift, s.description
        ))
    }
}

#[derive(Default)]
pub struct Stacks {
    /// `DELETE_COMPLETE` stacks are listed too.
    pub deleted: bool,
}

impl Stacks {
    /// The kind for the command's argument, and the argument left for the scopes: `deleted`
    /// is this kind's own word.
    pub fn from_arg(arg: &str) -> (Stacks, String) {
        let mut deleted = false;
        let rest: Vec<&str> = arg
            .split_whitespace()
            .filter(|w| {
                let own = *w == "deleted";
                deleted |= own;
                !own
            })
            .collect();
        (Stacks { deleted }, rest.join(" "))
    }
}

impl Kind for Stacks {
    type Row = Row;

    fn label(&self) -> &'static str {
        "CloudFormation stacks"
    }

    fn noun(&self) -> &'static str {
        "stack"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Cfn, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::ShowDeleted,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        let deleted = self.deleted;
        page_fn(move |adapters, ctx, token| {
            let listing = adapters.cloudformation.stacks_page(ctx, token, deleted);
            Box::pin(async move {
                let page = listing.await?;
                let now = crate::clock::now_secs();
                Ok(page.map(|stack| Row { stack, now }))
            })
        })
    }

    fn copy(&self, row: &Row) -> String {
        row.stack.name.clone()
    }

    fn is_transitional(&self, row: &Row) -> bool {
        row.stack.is_transitional()
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        StackView::open(
            at.ctx.clone(),
            row.stack.id.clone(),
            at.account.map(str::to_owned),
        )
    }

    fn arn(&self, at: &At, row: &Row) -> Result<String, String> {
        if row.stack.id.starts_with("arn:") {
            return Ok(row.stack.id.clone());
        }
        Err(unknown_account(at))
    }

    fn title_note(&self) -> Option<String> {
        self.deleted.then(|| "with deleted".into())
    }

    fn reconfigure(
        &mut self,
        command: CommandId,
        _arg: Option<&str>,
    ) -> Option<Result<(), String>> {
        (command == CommandId::ShowDeleted).then(|| {
            self.deleted = !self.deleted;
            Ok(())
        })
    }

    fn commands(&self) -> &'static [CommandId] {
        &[
            CommandId::DeleteStack,
            CommandId::ContinueRollback,
            CommandId::CancelUpdate,
        ]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Row],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        let action = actions::of(command)?;
        let [row] = rows else {
            return Some(vec![Effect::Flash(
                crate::pane::Level::Warn,
                "one stack at a time: unmark the others".into(),
            )]);
        };
        let s = &row.stack;
        Some(actions::begin(
            action,
            at.owner,
            at.ctx,
            &s.name,
            &s.status,
            &at.place(),
        ))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Cfn(outcome) = outcome else {
            return None;
        };
        let effects = actions::report(&outcome)?;
        if let crate::protocol::cloudformation::CfnOutcome::Acted { ctx, .. } = &outcome {
            // The stack is changing now: list its context again, backing off from the start.
            listed.relist(ctx);
            listed.poll(true);
        }
        Some(effects)
    }
}
