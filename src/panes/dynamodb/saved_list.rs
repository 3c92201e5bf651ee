//! The saved and recent queries of one table; Enter reopens the builder with one of them.

use super::saved::{self, FormState, QueryFiles};
use crate::aws::ContextKey;
use crate::aws::dynamodb::Table;
use crate::command::{CommandId, Scope};
use crate::effect::{Effect, Level};
use crate::panes::{Pane, PaneCx};
use crate::runtime::PaneId;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column {
        title: Cow::Borrowed("KIND"),
        width: Constraint::Length(6),
    },
    Column {
        title: Cow::Borrowed("NAME / RUN"),
        width: Constraint::Length(20),
    },
    Column {
        title: Cow::Borrowed("QUERY"),
        width: Constraint::Fill(1),
    },
];

pub struct Entry {
    saved: bool,
    name: String,
    form: FormState,
    n: usize,
}

impl TableRow for Entry {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(if self.saved { "saved" } else { "recent" }),
            CellText::plain(self.name.clone()),
            CellText::plain(self.form.summary()),
        ]
    }

    fn id(&self) -> String {
        format!("{}{}", if self.saved { "s" } else { "r" }, self.n)
    }
}

pub struct SavedQueriesPane {
    id: PaneId,
    ctx: ContextKey,
    table: Table,
    files: QueryFiles,
    rows: ResourceTable<Entry>,
    error: Option<String>,
}

impl SavedQueriesPane {
    pub fn new(id: PaneId, ctx: ContextKey, table: Table, files: QueryFiles) -> SavedQueriesPane {
        let mut pane = SavedQueriesPane {
            id,
            ctx,
            table,
            files,
            rows: ResourceTable::default(),
            error: None,
        };
        pane.load();
        pane
    }

    /// Small local files, read when the view opens.
    fn load(&mut self) {
        match saved::for_table(&self.files, &self.table.name) {
            Ok((saved, recent)) => {
                let rows = saved
                    .into_iter()
                    .map(|q| (true, q))
                    .chain(recent.into_iter().map(|q| (false, q)))
                    .enumerate()
                    .map(|(n, (saved, q))| Entry {
                        saved,
                        name: q.name,
                        form: q.form,
                        n,
                    })
                    .collect();
                self.rows.set_rows(rows);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

impl Pane for SavedQueriesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("queries of {}", self.table.name)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ddb, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => {
                self.load();
                Some(Vec::new())
            }
            CommandId::Open => {
                let form = self.rows.selected_row()?.form.clone();
                // Back past this list and the builder it came from, then the builder anew.
                Some(vec![
                    Effect::Pop,
                    Effect::Pop,
                    super::open_query_form(&self.ctx, &self.table, cx.queries, Some(form)),
                ])
            }
            _ => None,
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        match &self.error {
            Some(e) => vec![Effect::Flash(Level::Error, e.clone())],
            None if self.rows.is_empty() => vec![Effect::Flash(
                Level::Info,
                "no saved or recent queries for this table yet (w saves one)".into(),
            )],
            None => Vec::new(),
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.rows)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.rows)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = format!("saved and recent queries · {}", self.table.name);
        self.rows.render(frame, area, theme, &title, COLUMNS);
    }
}
