//! `:bm` — the bookmarks: Enter opens one (its context, view and filter), X removes one.

use crate::bookmarks::{Bookmark, BookmarkOp, Change};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use std::path::PathBuf;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Length(16))
        .name()
        .priority(9),
    Column::new("OPENS", Constraint::Fill(1)).priority(8),
    Column::new("PROFILE", Constraint::Length(12)).priority(7),
    Column::new("REGION", Constraint::Length(14)).priority(6),
];

impl TableRow for Bookmark {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.summary()),
            CellText::plain(
                self.profile
                    .clone()
                    .unwrap_or_else(|| "(default chain)".into()),
            ),
            CellText::plain(self.region.clone()),
        ]
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.name,
            self.summary(),
            self.profile.as_deref().unwrap_or_default(),
            self.region
        ))
    }
}

pub struct BookmarksPane {
    id: PaneId,
    file: PathBuf,
    table: ResourceTable<Bookmark>,
    status: String,
}

impl BookmarksPane {
    pub fn new(id: PaneId, file: PathBuf) -> BookmarksPane {
        BookmarksPane {
            id,
            file,
            table: ResourceTable::default(),
            status: "loading…".into(),
        }
    }

    fn request(&mut self, change: Change) -> Vec<Effect> {
        let op = Op::Bookmarks(BookmarkOp {
            file: self.file.clone(),
            change,
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("file"),
        )]
    }
}

impl Pane for BookmarksPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "Bookmarks".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Bookmarks, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::RemoveBookmark,
            CommandId::Filter,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.status = format!("error: {}", failure.summary());
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.request(Change::Read)
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.request(Change::Read)),
            CommandId::Open => {
                let name = self.table.selected_row()?.name.clone();
                Some(vec![Effect::Run(
                    CommandId::Bookmark,
                    Some(format!("open {name}")),
                )])
            }
            CommandId::RemoveBookmark => {
                let name = self.table.selected_row()?.name.clone();
                let mut effects = self.request(Change::Remove(name.clone()));
                effects.push(Effect::Flash(
                    Level::Info,
                    format!("bookmark {name} removed"),
                ));
                Some(effects)
            }
            CommandId::Copy => Some(vec![Effect::Copy(format!(
                "awsterm @{}",
                self.table.selected_row()?.name
            ))]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Bookmarks(result) = outcome else {
            return Vec::new();
        };
        match result {
            Ok(list) => {
                self.status = match list.len() {
                    0 => format!(
                        "none yet: :bm add NAME saves the current view · {}",
                        self.file.display()
                    ),
                    n => format!("{n} · {}", self.file.display()),
                };
                self.table.set_rows(list);
                Vec::new()
            }
            Err(e) => {
                self.status = format!("error: {e}");
                vec![Effect::Flash(Level::Error, format!("bookmarks: {e}"))]
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = format!("Bookmarks · {}", self.status);
        // The status is this view's load state: "loading…" until the file is read.
        self.table.set_loading(self.status == "loading…");
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
