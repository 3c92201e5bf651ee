//! The saved and recent queries of one table; Enter reopens the builder with one of them.

use crate::aws::ContextKey;
use crate::aws::dynamodb::Table;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::dynamodb::{DdbOp, DdbOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::saved_queries::{FormState, QueryFiles, SavedQuery};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("KIND", Constraint::Length(6)).priority(6),
    Column::new("NAME / RUN", Constraint::Length(20))
        .name()
        .priority(9),
    Column::new("QUERY", Constraint::Fill(1)).priority(5),
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
    loading: bool,
    /// Why the last load ended without an answer.
    failure: Option<String>,
}

impl SavedQueriesPane {
    pub fn new(id: PaneId, ctx: ContextKey, table: Table, files: QueryFiles) -> SavedQueriesPane {
        SavedQueriesPane {
            id,
            ctx,
            table,
            files,
            rows: ResourceTable::default(),
            loading: false,
            failure: None,
        }
    }

    /// The files are read by the runtime, off the UI task.
    fn load(&mut self) -> Vec<Effect> {
        self.loading = true;
        self.failure = None;
        let op = Op::Ddb(DdbOp::SavedQueries {
            files: self.files.clone(),
            table: self.table.name.clone(),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    fn show(&mut self, saved: Vec<SavedQuery>, recent: Vec<SavedQuery>) -> Vec<Effect> {
        let rows: Vec<Entry> = saved
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
        let empty = rows.is_empty();
        self.rows.set_rows(rows);
        if empty {
            return vec![Effect::Flash(
                Level::Info,
                "no saved or recent queries for this table yet (w saves one)".into(),
            )];
        }
        Vec::new()
    }
}

impl Pane for SavedQueriesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "saved queries".into()
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

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("list") {
            self.loading = false;
            self.failure = Some(failure.summary());
        }
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
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
        self.load()
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Ddb(DdbOutcome::SavedQueries(result)) = outcome else {
            return Vec::new();
        };
        self.loading = false;
        match result {
            Ok((saved, recent)) => self.show(saved, recent),
            Err(e) => vec![Effect::Flash(Level::Error, e)],
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.rows)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.rows)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut title = format!("saved and recent queries · {}", self.table.name);
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        } else if self.loading {
            title.push_str(" · loading…");
        }
        self.rows.render(frame, area, theme, &title, COLUMNS);
    }
}
