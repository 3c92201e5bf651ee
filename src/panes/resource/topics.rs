//! `:sns` (`:topics`) — SNS topics on the engine: subscriptions confirmed and pending, FIFO,
//! display name. The counts come with the rows, a batch of ten at a time
//! (`aws/batched.rs`); `C-r` reads them again. Enter opens the topic (`panes/sns/`): its
//! subscriptions and publish.

use super::{At, Kind};
use crate::aws::sns::Topic;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::sns::TopicView;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Topics;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("SUBS", Constraint::Length(5)).priority(8),
    Column::new("PENDING", Constraint::Length(7)).priority(7),
    Column::new("FIFO", Constraint::Length(4)).priority(5),
    Column::new("DISPLAY NAME", Constraint::Fill(1)).priority(3),
];

impl TableRow for Topic {
    fn cells(&self) -> Vec<CellText> {
        let n = |v: Option<i64>| match (v, &self.error) {
            (Some(n), _) => CellText::plain(n.to_string()),
            (None, Some(_)) => CellText::styled("?", "state.error"),
            (None, None) => CellText::plain("—"),
        };
        vec![
            CellText::plain(self.name().to_string()),
            n(self.confirmed()),
            n(self.pending()),
            CellText::plain(if self.fifo() { "yes" } else { "" }),
            CellText::plain(self.display_name().to_string()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Number(-self.confirmed().unwrap_or(-1)),
            2 => SortKey::Number(-self.pending().unwrap_or(-1)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.arn.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{} {}", self.name(), self.display_name()))
    }
}

impl Kind for Topics {
    type Row = Topic;

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
        page_fn(|adapters, ctx, token| adapters.sns.topics_page(ctx, token))
    }

    /// The name (the ARN is `copy-arn`).
    fn copy(&self, row: &Topic) -> String {
        row.name().to_string()
    }

    fn details(&self, at: &At, row: &Topic) -> Effect {
        TopicView::open(at.ctx.clone(), row.clone(), at.suffix())
    }

    fn arn(&self, _at: &At, row: &Topic) -> Result<String, String> {
        Ok(row.arn.clone())
    }
}
