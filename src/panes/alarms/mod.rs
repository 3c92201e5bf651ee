//! One alarm, opened from `:alarms`: its settings on top (from the listed alarm, no request),
//! its history below (DescribeAlarmHistory, newest first; Enter shows an entry's JSON), `d`
//! the settings whole in the pager, and `o` the resource it watches, in the alarm's context.

pub mod chart_spec;
pub mod describe;
pub mod jump;

use crate::aws::ContextKey;
use crate::aws::alarms::{Alarm, HistoryItem};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::alarms::{AlarmsOp, AlarmsOutcome, HISTORY_CAP};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph};

const HISTORY_COLUMNS: &[Column] = &[
    Column::new("TIME (UTC)", Constraint::Length(19)).priority(8),
    Column::new("TYPE", Constraint::Length(19)).priority(5),
    Column::new("SUMMARY", Constraint::Fill(1))
        .name()
        .priority(9),
];

/// The settings take at most this share of the height; the history has the rest.
const SETTINGS_SHARE: u16 = 50;

/// One history entry as a row: it keeps its place in CloudWatch's newest-first order.
pub struct HistoryRow {
    pub item: HistoryItem,
    /// Position in the answer (newest is 0): ids stay unique when two entries share a time.
    at: usize,
}

impl TableRow for HistoryRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(
                self.item
                    .at
                    .map(|ms| crate::clock::iso_utc(ms).replace('T', " ")[..19].to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(self.item.kind.clone()),
            CellText::plain(self.item.summary.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            0 => SortKey::Number(self.item.at.map_or(i64::MAX, |t| -t)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.at.to_string()
    }
}

enum History {
    Loading,
    /// `true`: more entries than the cap.
    Loaded(bool),
    Failed(String),
}

pub struct AlarmPane {
    id: PaneId,
    ctx: ContextKey,
    alarm: Alarm,
    /// ` · profile · account · region` when opened from a view of several contexts.
    suffix: String,
    history: ResourceTable<HistoryRow>,
    state: History,
}

impl AlarmPane {
    /// The effect that opens `alarm`'s details, listed in `ctx`.
    pub fn open(ctx: ContextKey, alarm: Alarm, suffix: String) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(AlarmPane::new(id, ctx, alarm, suffix))
        }))
    }

    pub fn new(id: PaneId, ctx: ContextKey, alarm: Alarm, suffix: String) -> AlarmPane {
        AlarmPane {
            id,
            ctx,
            alarm,
            suffix,
            history: ResourceTable::default(),
            state: History::Loading,
        }
    }

    fn load(&mut self) -> Vec<Effect> {
        self.state = History::Loading;
        let op = Op::Alarms(AlarmsOp::History {
            ctx: self.ctx.clone(),
            alarm: self.alarm.name.clone(),
        });
        // The alarm lives in its own context: a switch of the active one leaves it be.
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op)
                .in_slot("history")
                .outliving_switch(),
        )]
    }

    /// Enter on a history entry: its summary and JSON data.
    fn expand(&self) -> Option<Vec<Effect>> {
        let row = self.history.selected_row()?;
        let title = format!("{} · {}", self.alarm.name, row.item.kind);
        let doc = describe::history_data(&row.item.summary, row.item.data.as_deref());
        let copy = row
            .item
            .data
            .clone()
            .unwrap_or_else(|| row.item.summary.clone());
        Some(vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))])
    }

    /// The alarm's metric with its threshold, in the alarm's context.
    fn charts(&self) -> Vec<Effect> {
        let specs = chart_spec::for_alarm(&self.alarm);
        if specs.is_empty() {
            return vec![Effect::Flash(
                Level::Info,
                "a composite alarm watches other alarms: it has no metric to chart".into(),
            )];
        }
        // The charts pane names the alarm's context itself.
        let title = format!("alarm {}", self.alarm.name);
        vec![crate::panes::metrics::open_charts(
            title,
            self.ctx.clone(),
            specs,
        )]
    }

    fn whole_settings(&self) -> Vec<Effect> {
        let title = format!("alarm {} · settings{}", self.alarm.name, self.suffix);
        let (copy, doc) = (self.alarm.name.clone(), describe::settings(&self.alarm));
        vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))]
    }

    fn history_title(&self) -> String {
        let mut title = "history".to_string();
        match &self.state {
            History::Loading => title.push_str(" · loading…"),
            History::Loaded(true) => title.push_str(&format!(" · the newest {HISTORY_CAP}")),
            History::Loaded(false) => {}
            History::Failed(e) => title.push_str(&format!(" · error: {e}")),
        }
        title
    }
}

impl Pane for AlarmPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("alarm {}{}", self.alarm.name, self.suffix)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Alarms, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Charts,
            CommandId::AlarmResource,
            CommandId::AlarmSettings,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.state = History::Failed(failure.summary());
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Open => self.expand(),
            CommandId::AlarmSettings => Some(self.whole_settings()),
            CommandId::Charts => Some(self.charts()),
            CommandId::AlarmResource => Some(jump::effects(&self.alarm, &self.ctx, cx.active)),
            CommandId::Copy => Some(vec![Effect::Copy(self.alarm.name.clone())]),
            CommandId::CopyArn if !self.alarm.arn.is_empty() => {
                Some(vec![Effect::Copy(self.alarm.arn.clone())])
            }
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.history)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.history)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Alarms(AlarmsOutcome::History(result)) = outcome else {
            return Vec::new();
        };
        match result {
            Ok((items, more)) => {
                self.state = History::Loaded(more);
                self.history.set_rows(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(at, item)| HistoryRow { item, at })
                        .collect(),
                );
                Vec::new()
            }
            Err(e) => {
                let why = e.summary();
                self.state = History::Failed(why.clone());
                vec![Effect::Flash(
                    Level::Error,
                    format!("history of {}: {why}", self.alarm.name),
                )]
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let lines = self.settings_lines(theme);
        let most = area.height * SETTINGS_SHARE / 100;
        let top = (lines.len() as u16 + 2).min(most.max(3));
        let [settings, history] =
            Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border"))
            .title(format!(
                " alarm {}{} · d: all settings ",
                crate::sanitize::sanitize(&self.alarm.name),
                crate::sanitize::sanitize(&self.suffix)
            ));
        frame.render_widget(Paragraph::new(lines).block(block), settings);
        let title = self.history_title();
        self.history
            .set_loading(matches!(self.state, History::Loading));
        self.history
            .render(frame, history, theme, &title, HISTORY_COLUMNS);
    }
}

impl AlarmPane {
    /// The settings as drawn (the document sanitizes every string).
    fn settings_lines(&self, theme: &Theme) -> Vec<ratatui::text::Line<'static>> {
        describe::settings(&self.alarm).lines(theme)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::aws::alarms::{Alarm, AlarmKind};

    /// A metric alarm named `name`, in no particular state.
    pub fn alarm(name: &str) -> Alarm {
        Alarm {
            name: name.into(),
            arn: String::new(),
            description: None,
            kind: AlarmKind::Metric(Box::default()),
            state: None,
            state_text: String::new(),
            state_reason: String::new(),
            state_reason_data: None,
            state_updated: None,
            actions_enabled: true,
            alarm_actions: vec![],
            ok_actions: vec![],
            insufficient_data_actions: vec![],
        }
    }
}
