//! `:sns` (`:topics`) — SNS topics on the engine: subscriptions confirmed and pending, FIFO,
//! display name. ListTopics gives only ARNs: the rows show at once and each topic's counts
//! (GetTopicAttributes) fill in after, a few topics at a time (`filled_attributes.rs`); `C-r`
//! reads them again. Enter opens the topic (`panes/sns/`): its subscriptions and publish — and
//! its attributes, read there when the row was still waiting for them.

use super::filled;
use super::filled_attributes::{self, Attributed, count_cell};
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::sns::Topic;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::sns::TopicView;
use crate::protocol::fill::{FillOp, FillOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use futures::FutureExt;
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Topics;

/// A listed topic, and whether its attributes are still on their way
/// (`filled_attributes.rs`).
pub type Row = Attributed<Topic>;

impl Row {
    /// A listed topic whose attributes are yet to be read.
    pub fn new(topic: Topic) -> Row {
        Attributed::waiting(topic)
    }
}

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("SUBS", Constraint::Length(5)).priority(8),
    Column::new("PENDING", Constraint::Length(7)).priority(7),
    Column::new("FIFO", Constraint::Length(4)).priority(5),
    Column::new("DISPLAY NAME", Constraint::Fill(1)).priority(3),
];

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let t = &self.item;
        let name = CellText::plain(t.name().to_string());
        // FIFO is in the name (`.fifo`) before the attributes say so.
        let fifo = CellText::plain(if t.fifo() { "yes" } else { "" });
        if self.is_pending() {
            return vec![
                name,
                filled::pending_cell(),
                filled::pending_cell(),
                fifo,
                filled::pending_cell(),
            ];
        }
        let n = |v| count_cell(v, t.error.as_deref());
        vec![
            name,
            n(t.confirmed()),
            n(t.pending()),
            fifo,
            CellText::plain(t.display_name().to_string()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let t = &self.item;
        match column {
            1 => SortKey::Number(-t.confirmed().unwrap_or(-1)),
            2 => SortKey::Number(-t.pending().unwrap_or(-1)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.item.arn.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{} {}", self.item.name(), self.item.display_name()))
    }
}

impl Kind for Topics {
    type Row = Row;

    fn label(&self) -> &'static str {
        "SNS topics"
    }

    fn noun(&self) -> &'static str {
        "topic"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::CopyArn,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| {
            adapters
                .sns
                .topics_page(ctx, token)
                .map(|page| page.map(|p| p.map(Row::new)))
                .boxed()
        })
    }

    fn follow_up(&self, ctx: &ContextKey, rows: &[Row]) -> Option<Op> {
        filled_attributes::follow_up(ctx, rows, |ctx, arns| FillOp::TopicAttributes { ctx, arns })
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Fill(FillOutcome::TopicAttributes { ctx, found }) = outcome else {
            return None;
        };
        filled_attributes::apply(listed, &ctx, found)
    }

    /// The name (the ARN is `copy-arn`).
    fn copy(&self, row: &Row) -> String {
        row.item.name().to_string()
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        TopicView::open(
            at.ctx.clone(),
            row.item.clone(),
            row.is_pending(),
            at.suffix(),
        )
    }

    fn arn(&self, _at: &At, row: &Row) -> Result<String, String> {
        Ok(row.item.arn.clone())
    }
}
