//! `:sqs` (`:queues`) — SQS queues on the engine: messages visible, in flight and delayed,
//! type, the DLQ the redrive policy names (with its maxReceiveCount), retention, age.
//! ListQueues gives only URLs: the rows show at once and each queue's attributes
//! (GetQueueAttributes) fill in after, a few queues at a time (`filled_attributes.rs`); `C-r`
//! reads the counts again.
//! Enter opens the queue (`panes/sqs/`): peek, send, purge, redrive.

use super::filled;
use super::filled_attributes::{self, Attributed, count_cell};
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::attributes::{Attributes, HasAttributes};
use crate::aws::sqs::Queue;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::sqs::QueueView;
use crate::panes::sqs::cells::{arn_from_url, dlq_cell, duration};
use crate::protocol::fill::{FillOp, FillOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::format;
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Queues;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("VISIBLE", Constraint::Length(7)).priority(8),
    Column::new("IN FLIGHT", Constraint::Length(9)).priority(7),
    Column::new("DELAYED", Constraint::Length(7)).priority(5),
    Column::new("TYPE", Constraint::Length(4)).priority(6),
    // Where failed messages go is what an on-call engineer looks for: kept at 80 columns.
    Column::new("DLQ", Constraint::Length(24)).fit().priority(7),
    Column::new("RETENTION", Constraint::Length(9)).priority(3),
    Column::new("CREATED", Constraint::Length(7)).priority(2),
];

/// A listed queue, whether its attributes are still on their way (`filled_attributes.rs`),
/// and the time it was listed (for its age).
pub type Row = Attributed<ListedQueue>;

/// A queue with the time it was listed: its age is read from that, so a row does not change
/// while it is shown.
pub struct ListedQueue {
    pub queue: Queue,
    now: i64,
}

impl HasAttributes for ListedQueue {
    fn attributes_key(&self) -> &str {
        self.queue.attributes_key()
    }

    fn attribute_slots(&mut self) -> (&mut Attributes, &mut Option<String>) {
        self.queue.attribute_slots()
    }
}

impl Row {
    /// A listed queue whose attributes are yet to be read.
    pub fn new(queue: Queue, now: i64) -> Row {
        Attributed::waiting(ListedQueue { queue, now })
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let q = &self.item.queue;
        let count = |n| count_cell(n, q.error.as_deref());
        let name = CellText::plain(q.name.clone());
        // The type is in the name (`.fifo`) before the attributes say so.
        let kind = CellText::plain(if q.fifo() { "FIFO" } else { "std" });
        if self.is_pending() {
            let mut cells = vec![name];
            cells.extend((0..3).map(|_| filled::pending_cell()));
            cells.push(kind);
            cells.extend((0..3).map(|_| filled::pending_cell()));
            return cells;
        }
        vec![
            name,
            count(q.visible()),
            count(q.in_flight()),
            count(q.delayed()),
            kind,
            CellText::plain(dlq_cell(q)),
            CellText::plain(
                q.retention_secs()
                    .map(duration)
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                q.created()
                    .map(|t| format::age(t, self.item.now))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let q = &self.item.queue;
        match column {
            // The biggest backlog first.
            1 => SortKey::Number(-q.visible().unwrap_or(-1)),
            2 => SortKey::Number(-q.in_flight().unwrap_or(-1)),
            3 => SortKey::Number(-q.delayed().unwrap_or(-1)),
            6 => SortKey::Number(q.retention_secs().unwrap_or(0)),
            // Newest first, as the age reads.
            7 => SortKey::Number(-q.created().unwrap_or(0)),
            _ => super::entry::cell_key(self, column),
        }
    }

    /// The URL: what every SQS call takes.
    fn id(&self) -> String {
        self.item.queue.url.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.item.queue.name)
    }
}

impl Kind for Queues {
    type Row = Row;

    fn label(&self) -> &'static str {
        "SQS queues"
    }

    fn noun(&self) -> &'static str {
        "queue"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| {
            let listing = adapters.sqs.queues_page(ctx, token);
            Box::pin(async move {
                let page = listing.await?;
                let now = crate::clock::now_secs();
                Ok(page.map(|queue| Row::new(queue, now)))
            })
        })
    }

    fn follow_up(&self, ctx: &ContextKey, rows: &[Row]) -> Option<Op> {
        filled_attributes::follow_up(ctx, rows, |ctx, urls| FillOp::QueueAttributes { ctx, urls })
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Fill(FillOutcome::QueueAttributes { ctx, found }) = outcome else {
            return None;
        };
        filled_attributes::apply(listed, &ctx, found)
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        QueueView::open(at.ctx.clone(), row.item.queue.clone(), at.suffix())
    }

    fn arn(&self, at: &At, row: &Row) -> Result<String, String> {
        if let Some(arn) = row.item.queue.arn() {
            return Ok(arn.to_string());
        }
        arn_from_url(&row.item.queue.url, &at.ctx.region)
            .ok_or_else(|| super::kind::unknown_account(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_their_largest_whole_unit() {
        assert_eq!(duration(345_600), "4d");
        assert_eq!(duration(1_209_600), "14d");
        assert_eq!(duration(7_200), "2h");
        assert_eq!(duration(90), "90s");
        assert_eq!(duration(300), "5m");
    }

    #[test]
    fn an_arn_comes_from_the_url_when_the_attributes_are_not_in() {
        assert_eq!(
            arn_from_url(
                "https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo",
                "eu-west-1"
            )
            .as_deref(),
            Some("arn:aws:sqs:eu-west-1:123456789012:orders.fifo")
        );
        assert_eq!(
            arn_from_url("http://localhost/queue/orders", "eu-west-1"),
            None
        );
    }
}
