//! `:sqs` (`:queues`) — SQS queues on the engine: messages visible, in flight and delayed,
//! type, the DLQ the redrive policy names (with its maxReceiveCount), retention, age. The
//! attributes come with the rows, a batch of ten at a time (`aws/batched.rs`), so the first
//! rows are on screen after one round of GetQueueAttributes; `C-r` reads the counts again.
//! Enter opens the queue (`panes/sqs/`): peek, send, purge, redrive.

use super::{At, Kind};
use crate::aws::sqs::Queue;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::sqs::QueueView;
use crate::panes::sqs::cells::{arn_from_url, dlq_cell, duration};
use crate::protocol::list::{PageFn, page_fn};
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

/// A queue with the time it was listed (for its age).
pub struct Row {
    pub queue: Queue,
    now: i64,
}

impl Row {
    pub fn new(queue: Queue, now: i64) -> Row {
        Row { queue, now }
    }
}

/// A count, `?` when the attributes could not be read.
fn count(queue: &Queue, n: Option<i64>) -> CellText {
    match (n, &queue.error) {
        (Some(n), _) => CellText::plain(n.to_string()),
        (None, Some(_)) => CellText::styled("?", "state.error"),
        (None, None) => CellText::plain("—"),
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let q = &self.queue;
        vec![
            CellText::plain(q.name.clone()),
            count(q, q.visible()),
            count(q, q.in_flight()),
            count(q, q.delayed()),
            CellText::plain(if q.fifo() { "FIFO" } else { "std" }),
            CellText::plain(dlq_cell(q)),
            CellText::plain(
                q.retention_secs()
                    .map(duration)
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                q.created()
                    .map(|t| format::age(t, self.now))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let q = &self.queue;
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
        self.queue.url.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.queue.name)
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
                Ok(page.map(|queue| Row { queue, now }))
            })
        })
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        QueueView::open(at.ctx.clone(), row.queue.clone(), at.suffix())
    }

    fn arn(&self, at: &At, row: &Row) -> Result<String, String> {
        if let Some(arn) = row.queue.arn() {
            return Ok(arn.to_string());
        }
        arn_from_url(&row.queue.url, &at.ctx.region).ok_or_else(|| super::kind::unknown_account(at))
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
