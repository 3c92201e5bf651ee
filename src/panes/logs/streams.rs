//! A group's streams, the most recently written first; Enter or `t` tails the selected or
//! marked streams.

use super::TailSource;
use crate::aws::ContextKey;
use crate::aws::logs::{LogGroup, LogStream};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::logs::{LogsOp, LogsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("STREAM", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("LAST EVENT", Constraint::Length(16)).priority(6),
    Column::new("CREATED", Constraint::Length(16)).priority(4),
];

impl TableRow for LogStream {
    fn cells(&self) -> Vec<CellText> {
        let time = |ms: Option<i64>| {
            ms.map(|ms| crate::clock::local_time(ms / 1000))
                .unwrap_or_else(|| "—".into())
        };
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(time(self.last_event_ms)),
            CellText::plain(time(self.created_ms)),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Number(self.last_event_ms.unwrap_or(0)),
            2 => SortKey::Number(self.created_ms.unwrap_or(0)),
            _ => SortKey::Text(self.name.to_lowercase()),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
}

pub struct StreamsPane {
    id: PaneId,
    ctx: ContextKey,
    group: LogGroup,
    table: ResourceTable<LogStream>,
    loading: bool,
    /// Why the last load ended without an answer.
    failure: Option<String>,
    resume: Option<String>,
}

impl StreamsPane {
    pub fn new(id: PaneId, ctx: ContextKey, group: LogGroup) -> StreamsPane {
        StreamsPane {
            id,
            ctx,
            group,
            table: ResourceTable::default(),
            loading: false,
            failure: None,
            resume: None,
        }
    }

    fn list(&mut self, start: Option<String>) -> Vec<Effect> {
        if start.is_none() {
            self.table.set_rows(Vec::new());
        }
        self.loading = true;
        self.failure = None;
        let op = Op::Logs(LogsOp::Streams {
            ctx: self.ctx.clone(),
            group: self.group.name.clone(),
            start,
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    fn tail(&self) -> Vec<Effect> {
        let streams: Vec<String> = self
            .table
            .targets()
            .into_iter()
            .map(|s| s.name.clone())
            .collect();
        if streams.is_empty() {
            return vec![Effect::Flash(Level::Warn, "no stream selected".into())];
        }
        let source = TailSource {
            group: self.group.name.clone(),
            streams,
            arn: Some(self.group.arn.clone()).filter(|a| !a.is_empty()),
        };
        let ctx = self.ctx.clone();
        vec![Effect::Push(Box::new(move |id| {
            Box::new(super::TailPane::new(id, ctx, vec![source], None))
        }))]
    }
}

impl Pane for StreamsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        self.group.name.clone()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Logs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Mark,
            CommandId::TailSelected,
            CommandId::Filter,
            CommandId::LoadMore,
            CommandId::Back,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("list") {
            self.loading = false;
            self.failure = Some(failure.summary());
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.list(None)
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Refresh => self.list(None),
            CommandId::LoadMore => match self.resume.clone() {
                Some(start) => self.list(Some(start)),
                None => vec![Effect::Flash(Level::Info, "every stream is listed".into())],
            },
            CommandId::Open | CommandId::TailSelected => self.tail(),
            CommandId::Copy => match self.table.selected_row() {
                Some(s) => vec![Effect::Copy(s.name.clone())],
                None => Vec::new(),
            },
            _ => return None,
        })
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Logs(LogsOutcome::Streams { result, resume }) = outcome else {
            return Vec::new();
        };
        self.loading = false;
        self.resume = resume;
        match result {
            Ok(streams) => {
                self.table.append_rows(streams);
                Vec::new()
            }
            Err(e) => vec![Effect::Flash(
                Level::Error,
                format!("streams: {}", e.summary()),
            )],
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut title = format!("streams of {} · newest first", self.group.name);
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        } else if self.loading {
            title.push_str(" · loading…");
        } else if self.resume.is_some() {
            title.push_str(" · more: m");
        }
        self.table
            .set_loading(self.failure.is_none() && self.loading);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
