//! Log groups: a server-side name prefix, the fuzzy filter, and tailing one or several.

use super::TailSource;
use crate::aws::logs::LogGroup;
use crate::command::{CommandId, Scope};
use crate::pane::{Ask, Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::logs::{LogsOp, LogsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("RETENTION", Constraint::Length(10)).priority(6),
    Column::new("STORED", Constraint::Length(10)).priority(5),
    Column::new("CREATED", Constraint::Length(16)).priority(4),
];

impl TableRow for LogGroup {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(
                self.retention_days
                    .map(|d| format!("{d} days"))
                    .unwrap_or_else(|| "never expire".into()),
            ),
            CellText::plain(
                self.stored_bytes
                    .map(format::size)
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                self.created_ms
                    .map(|ms| crate::clock::local_time(ms / 1000))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Number(self.retention_days.map_or(i64::MAX, i64::from)),
            2 => SortKey::Number(self.stored_bytes.unwrap_or(0)),
            3 => SortKey::Number(self.created_ms.unwrap_or(0)),
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

pub struct GroupsPane {
    id: PaneId,
    prefix: Option<String>,
    table: ResourceTable<LogGroup>,
    listing: crate::panes::listing::Listing,
}

impl GroupsPane {
    pub fn new(id: PaneId, prefix: Option<String>) -> GroupsPane {
        GroupsPane {
            id,
            prefix: prefix.filter(|p| !p.trim().is_empty()),
            table: ResourceTable::default(),
            listing: Default::default(),
        }
    }

    fn list(&mut self, cx: &PaneCx, start: Option<String>) -> Vec<Effect> {
        if start.is_none() {
            self.table.set_rows(Vec::new());
        }
        self.listing.start();
        let op = Op::Logs(LogsOp::Groups {
            ctx: cx.active.clone(),
            prefix: self.prefix.clone(),
            start,
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    fn tail(&self, cx: &PaneCx) -> Vec<Effect> {
        let sources: Vec<TailSource> = self
            .table
            .targets()
            .into_iter()
            .map(|g| TailSource {
                group: g.name.clone(),
                streams: Vec::new(),
                arn: Some(g.arn.clone()).filter(|a| !a.is_empty()),
            })
            .collect();
        if sources.is_empty() {
            return vec![Effect::Flash(Level::Warn, "no log group selected".into())];
        }
        let ctx = cx.active.clone();
        vec![Effect::Push(Box::new(move |id| {
            Box::new(super::TailPane::new(id, ctx, sources, None))
        }))]
    }
}

impl GroupsPane {
    /// `I`: Logs Insights on the marked groups or the selected one, in this view's context.
    fn insights(&self, cx: &PaneCx) -> Vec<Effect> {
        let groups: Vec<String> = self
            .table
            .targets()
            .into_iter()
            .map(|g| g.name.clone())
            .collect();
        if groups.is_empty() {
            return vec![Effect::Flash(Level::Warn, "no log group selected".into())];
        }
        let ctx = cx.active.clone();
        let since = cx.logs.since.clone();
        vec![Effect::Push(Box::new(move |id| {
            Box::new(crate::panes::insights::InsightsPane::new(
                id, ctx, groups, &since,
            ))
        }))]
    }
}

impl Pane for GroupsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        Some(match &self.prefix {
            Some(prefix) => format!(":logs {prefix}"),
            None => ":logs".into(),
        })
    }

    fn title(&self) -> String {
        "Log groups".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Logs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::TailSelected,
            CommandId::Insights,
            CommandId::Mark,
            CommandId::Prefix,
            CommandId::Filter,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.listing.failed(failure);
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.list(cx, None)
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.list(cx, None)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Refresh => self.list(cx, None),
            CommandId::LoadMore => match self.listing.resume() {
                Some(start) => self.list(cx, Some(start)),
                None => vec![Effect::Flash(Level::Info, "every group is listed".into())],
            },
            CommandId::Open => {
                let Some(group) = self.table.selected_row().cloned() else {
                    return Some(Vec::new());
                };
                let ctx = cx.active.clone();
                vec![Effect::Push(Box::new(move |id| {
                    Box::new(super::StreamsPane::new(id, ctx, group))
                }))]
            }
            CommandId::TailSelected => self.tail(cx),
            CommandId::Insights => self.insights(cx),
            CommandId::Prefix => vec![Effect::Ask(Ask {
                title: "Log group name prefix (empty: every group)".into(),
                initial: self.prefix.clone().unwrap_or_default(),
                complete_paths: false,
                on_answer: Box::new(|answer| vec![Effect::Run(CommandId::Prefix, Some(answer))]),
            })],
            CommandId::Copy => match self.table.selected_row() {
                Some(g) => vec![Effect::Copy(g.name.clone())],
                None => Vec::new(),
            },
            CommandId::CopyArn => match self.table.selected_row() {
                Some(g) => vec![Effect::Copy(g.arn.clone())],
                None => Vec::new(),
            },
            _ => return None,
        })
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Prefix => {
                let prefix = arg.trim();
                self.prefix = (!prefix.is_empty()).then(|| prefix.to_string());
                Some(self.list(cx, None))
            }
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Logs(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            LogsOutcome::GroupsPage(groups) => self.table.append_rows(groups),
            LogsOutcome::GroupsListed { result, resume } => {
                return self.listing.finished(result, resume, "log groups");
            }
            _ => {}
        }
        Vec::new()
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        let mut title = format!("log groups · {}", cx.active.region);
        if let Some(prefix) = &self.prefix {
            title.push_str(&format!(" · prefix {prefix}"));
        }
        title.push_str(&self.listing.title_suffix());
        self.table.set_loading(self.listing.is_loading());
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
