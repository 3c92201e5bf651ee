//! The saved Insights queries and the last runs, shown over the Insights view's results
//! (`o`): picking one fills the editor, groups and time range of the same view, so a query
//! running there is stopped and replaced as `r` would, with no second view to return through.

use crate::saved_queries::InsightsSaved;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("KIND", Constraint::Length(6)).priority(6),
    Column::new("NAME / RUN", Constraint::Length(16))
        .name()
        .priority(9),
    Column::new("GROUPS", Constraint::Length(18)).priority(7),
    Column::new("SINCE", Constraint::Length(8)).priority(4),
    Column::new("QUERY", Constraint::Fill(1)).priority(8),
];

#[derive(Clone)]
pub struct Entry {
    pub saved: bool,
    pub query: InsightsSaved,
    n: usize,
}

impl TableRow for Entry {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(if self.saved { "saved" } else { "recent" }),
            CellText::plain(self.query.name.clone()),
            CellText::plain(self.query.groups.join(" ")),
            CellText::plain(self.query.since.clone()),
            CellText::plain(self.query.summary()),
        ]
    }

    fn id(&self) -> String {
        format!("{}{}", if self.saved { "s" } else { "r" }, self.n)
    }
}

/// The picker: loading until the runtime has read the files.
#[derive(Default)]
pub struct Picker {
    pub rows: ResourceTable<Entry>,
    pub loading: bool,
}

impl Picker {
    pub fn loading() -> Picker {
        Picker {
            rows: ResourceTable::default(),
            loading: true,
        }
    }

    /// Saved first (as listed in the file), then the runs newest first; the ones of
    /// `groups` (the view's) lead each part, as they are the likeliest pick.
    pub fn show(
        &mut self,
        saved: Vec<InsightsSaved>,
        recent: Vec<InsightsSaved>,
        groups: &[String],
    ) {
        let mine = |q: &InsightsSaved| q.groups.as_slice() != groups;
        let mut saved = saved;
        let mut recent = recent;
        saved.sort_by_key(mine);
        recent.sort_by_key(mine);
        let rows = saved
            .into_iter()
            .map(|q| (true, q))
            .chain(recent.into_iter().map(|q| (false, q)))
            .enumerate()
            .map(|(n, (saved, query))| Entry { saved, query, n })
            .collect();
        self.loading = false;
        self.rows.set_rows(rows);
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let mut title = "saved and recent queries · Enter runs · e fills · D deletes".to_string();
        if self.loading {
            title.push_str(" · loading…");
        } else if self.rows.is_empty() {
            title.push_str(" · none yet (w saves one; runs are kept)");
        }
        self.rows.set_loading(self.loading);
        self.rows.render(frame, area, theme, &title, COLUMNS);
    }
}
