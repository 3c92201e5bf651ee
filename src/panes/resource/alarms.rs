//! `:alarms [STATE]` — CloudWatch alarms, metric and composite: name, state (ALARM first, then
//! INSUFFICIENT_DATA, then OK), what each watches, its threshold, when its state last changed
//! and why. `:alarms ALARM` (or `:filter ALARM` in the view) asks CloudWatch for one state.
//! Enter: the alarm's settings and history; `o`: the resource it watches, in its context.

use super::{At, Kind};
use crate::aws::alarms::{Alarm, AlarmState};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, PaneCx};
use crate::panes::alarms::{AlarmPane, describe, jump};
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::format;
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// The STATE column (the view's default sort).
const STATE: usize = 1;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(2)).name().priority(9),
    Column::new("STATE", Constraint::Length(14)).priority(8),
    Column::new("METRIC", Constraint::Fill(2)).priority(6),
    // Only as wide as the widest threshold shown (`> 80 for 3×5m`), leaving METRIC the rest.
    Column::new("THRESHOLD", Constraint::Length(22))
        .fit()
        .priority(5),
    Column::new("CHANGED", Constraint::Length(7))
        .fit()
        .priority(7),
    // Long and free-form: last, and the first to go.
    Column::new("REASON", Constraint::Fill(3)).priority(2),
];

pub struct AlarmRow {
    pub alarm: Alarm,
    /// When the row was listed (the age in CHANGED).
    now: i64,
}

impl AlarmRow {
    pub fn new(alarm: Alarm, now: i64) -> AlarmRow {
        AlarmRow { alarm, now }
    }
}

/// ALARM, then INSUFFICIENT_DATA, then OK, then anything this build does not know.
fn state_rank(alarm: &Alarm) -> i64 {
    match alarm.state {
        Some(state) => AlarmState::ALL
            .iter()
            .position(|s| *s == state)
            .unwrap_or(3) as i64,
        None => 3,
    }
}

impl TableRow for AlarmRow {
    fn cells(&self) -> Vec<CellText> {
        let a = &self.alarm;
        vec![
            CellText::plain(a.name.clone()),
            describe::state_cell(a),
            CellText::plain(describe::watched(a)),
            CellText::plain(describe::threshold_cell(a)),
            CellText::plain(
                a.state_updated
                    .map(|t| format::age(t, self.now))
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                a.state_reason
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            STATE => SortKey::Number(state_rank(&self.alarm)),
            // Most recent change first, like the CHANGED column read top to bottom.
            4 => SortKey::Number(self.alarm.state_updated.map_or(i64::MAX, |t| -t)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.alarm.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let a = &self.alarm;
        Cow::Owned(format!(
            "{} {} {} {}",
            a.name,
            a.state_text,
            describe::watched(a),
            a.state_reason
        ))
    }
}

#[derive(Default)]
pub struct Alarms {
    /// Only alarms in this state (asked of CloudWatch).
    state: Option<AlarmState>,
}

impl Alarms {
    /// The kind for `:alarms`'s own words (before any `@` scope): a state, or nothing.
    pub fn from_words(words: &[&str]) -> Result<Alarms, String> {
        match words {
            [] => Ok(Alarms::default()),
            [state] => AlarmState::parse(state)
                .map(|s| Alarms { state: Some(s) })
                .ok_or_else(|| state_usage(state)),
            _ => Err(
                "usage: :alarms [ALARM|INSUFFICIENT_DATA|OK] [@all-regions|@profiles GLOB…]".into(),
            ),
        }
    }
}

fn state_usage(word: &str) -> String {
    format!(
        "'{}' is not an alarm state: ALARM, INSUFFICIENT_DATA or OK",
        crate::sanitize::sanitize(word)
    )
}

impl Kind for Alarms {
    type Row = AlarmRow;

    fn label(&self) -> &'static str {
        "Alarms"
    }

    fn noun(&self) -> &'static str {
        "alarm"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Alarms, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Charts,
            CommandId::AlarmResource,
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

    fn default_sort(&self) -> Option<usize> {
        Some(STATE)
    }

    fn page(&self) -> PageFn {
        let state = self.state;
        page_fn(move |adapters, ctx, token| {
            let page = adapters.alarms.alarms_page(ctx, state, token);
            Box::pin(async move {
                let now = crate::clock::now_secs();
                Ok(page.await?.map(|alarm| AlarmRow { alarm, now }))
            })
        })
    }

    fn copy(&self, row: &AlarmRow) -> String {
        row.alarm.name.clone()
    }

    /// The alarm's metric with its threshold (empty for a composite alarm: the engine says
    /// there is nothing to chart).
    fn metrics(&self, row: &AlarmRow) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        Some(crate::panes::alarms::chart_spec::for_alarm(&row.alarm))
    }

    fn details(&self, at: &At, row: &AlarmRow) -> Effect {
        AlarmPane::open(at.ctx.clone(), row.alarm.clone(), at.suffix())
    }

    fn arn(&self, _at: &At, row: &AlarmRow) -> Result<String, String> {
        if row.alarm.arn.is_empty() {
            return Err(format!("CloudWatch gave no ARN for {}", row.alarm.name));
        }
        Ok(row.alarm.arn.clone())
    }

    fn argument(&self) -> Option<String> {
        self.state.map(|s| s.as_str().to_string())
    }

    fn title_note(&self) -> Option<String> {
        self.state.map(|s| format!("state {}", s.as_str()))
    }

    /// `:filter ALARM` asks CloudWatch for that state; `:filter all` (or Esc) asks for every
    /// state again; any other text filters the rows shown.
    fn reconfigure(&mut self, command: CommandId, arg: Option<&str>) -> Option<Result<(), String>> {
        match (command, arg.map(str::trim)) {
            (CommandId::Back, None) if self.state.is_some() => {
                self.state = None;
                Some(Ok(()))
            }
            (CommandId::Filter, Some("all" | "none")) if self.state.is_some() => {
                self.state = None;
                Some(Ok(()))
            }
            (CommandId::Filter, Some(text)) => {
                let state = AlarmState::parse(text)?;
                self.state = Some(state);
                Some(Ok(()))
            }
            _ => None,
        }
    }

    fn commands(&self) -> &'static [CommandId] {
        &[CommandId::AlarmResource]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&AlarmRow],
        cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        match command {
            CommandId::AlarmResource => {
                let row = rows.first()?;
                Some(jump::effects(&row.alarm, at.ctx, cx.active))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_sort_alarm_first_and_words_parse() {
        let mut rows: Vec<AlarmRow> = ["OK", "ALARM", "INSUFFICIENT_DATA", "NEW"]
            .iter()
            .map(|s| {
                let mut a = crate::panes::alarms::tests::alarm(s);
                a.state = AlarmState::parse(s);
                a.state_text = s.to_string();
                AlarmRow::new(a, 0)
            })
            .collect();
        rows.sort_by_key(|r| r.sort_key(STATE));
        let order: Vec<&str> = rows.iter().map(|r| r.alarm.name.as_str()).collect();
        assert_eq!(order, ["ALARM", "INSUFFICIENT_DATA", "OK", "NEW"]);

        assert_eq!(
            Alarms::from_words(&["alarm"]).unwrap().state,
            Some(AlarmState::Alarm)
        );
        assert!(Alarms::from_words(&["red"]).is_err());
        let mut kind = Alarms::default();
        assert_eq!(kind.reconfigure(CommandId::Filter, Some("web")), None);
        assert_eq!(
            kind.reconfigure(CommandId::Filter, Some("ok")),
            Some(Ok(()))
        );
        assert_eq!(kind.argument().as_deref(), Some("OK"));
        assert_eq!(kind.reconfigure(CommandId::Back, None), Some(Ok(())));
        assert_eq!(kind.state, None);
    }
}
