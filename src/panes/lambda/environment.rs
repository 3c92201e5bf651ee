//! A function's environment variables with their values masked; one is revealed at a time, on
//! request, and none is ever copied or logged.

use crate::aws::ContextKey;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::lambda::{LambdaOp, LambdaOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Length(32))
        .name()
        .priority(9),
    Column::new("VALUE", Constraint::Fill(1)).priority(8),
];

pub struct Variable {
    name: String,
    value: String,
    revealed: bool,
}

impl TableRow for Variable {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            crate::panes::masked::cell(&self.value, self.revealed),
        ]
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    /// Only names: typing part of a secret must not tell which row holds it.
    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }
}

pub struct EnvironmentPane {
    id: PaneId,
    ctx: ContextKey,
    function: String,
    table: ResourceTable<Variable>,
    loading: bool,
    /// Why the last load ended without an answer.
    failure: Option<String>,
}

impl EnvironmentPane {
    pub fn new(id: PaneId, ctx: ContextKey, function: String) -> EnvironmentPane {
        EnvironmentPane {
            id,
            ctx,
            function,
            table: ResourceTable::default(),
            loading: false,
            failure: None,
        }
    }

    fn load(&mut self) -> Vec<Effect> {
        self.loading = true;
        self.failure = None;
        let op = Op::Lambda(LambdaOp::Details {
            ctx: self.ctx.clone(),
            name: self.function.clone(),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("details"),
        )]
    }

    fn toggle_selected(&mut self) -> Vec<Effect> {
        let Some(name) = self.table.selected_row().map(|v| v.name.clone()) else {
            return vec![Effect::Flash(Level::Warn, "no variable selected".into())];
        };
        // One at a time: revealing a value masks the one shown before.
        self.table.update_rows(|v| {
            v.revealed = v.name == name && !v.revealed;
        });
        Vec::new()
    }
}

impl Pane for EnvironmentPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "environment".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Reveal,
            CommandId::Filter,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("details") {
            self.loading = false;
            self.failure = Some(failure.summary());
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Reveal | CommandId::Open => Some(self.toggle_selected()),
            // The name only: a secret must not pass through the clipboard or the flash line.
            CommandId::Copy => Some(match self.table.selected_row() {
                Some(v) => vec![Effect::Copy(v.name.clone())],
                None => vec![Effect::Flash(Level::Warn, "no variable selected".into())],
            }),
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Lambda(LambdaOutcome::Details(result)) = outcome else {
            return Vec::new();
        };
        self.loading = false;
        match result {
            Ok(details) => {
                self.table.set_rows(
                    details
                        .environment
                        .into_iter()
                        .map(|(name, value)| Variable {
                            name,
                            value,
                            revealed: false,
                        })
                        .collect(),
                );
                Vec::new()
            }
            Err(e) => vec![Effect::Flash(
                Level::Error,
                format!("{}: {}", self.function, e.summary()),
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
        let mut title = format!(
            "environment of {} · values masked (x reveals)",
            self.function
        );
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        } else if self.loading {
            title.push_str(" · loading…");
        }
        self.table
            .set_loading(self.failure.is_none() && self.loading);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
