//! One row of a resource view: the kind's row, or the error of a context that could not be
//! listed — with where it came from. PROFILE, ACCOUNT and REGION lead the cells only when the
//! view spans several contexts.

use crate::aws::ContextKey;
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// The columns that say where a row came from.
const WHERE: usize = 3;

pub struct Entry<R> {
    pub ctx: ContextKey,
    pub account: Option<String>,
    /// The resource, or why its context has none (sanitized).
    pub item: Result<R, String>,
    /// The view spans several contexts: the row leads with where it came from.
    pub wide: bool,
    /// The REGION shown when it is not the context's (a bucket's own region).
    pub region: Option<String>,
}

impl<R: TableRow> Entry<R> {
    pub fn failed(ctx: &ContextKey, account: Option<String>, why: &str, wide: bool) -> Self {
        Entry {
            ctx: ctx.clone(),
            account,
            item: Err(crate::sanitize::sanitize(why).into_owned()),
            wide,
            region: None,
        }
    }

    pub fn row(&self) -> Option<&R> {
        self.item.as_ref().ok()
    }

    fn where_cells(&self) -> Vec<CellText> {
        if !self.wide {
            return Vec::new();
        }
        vec![
            CellText::plain(self.ctx.profile_label()),
            CellText::plain(self.account.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(self.region.as_ref().unwrap_or(&self.ctx.region).clone()),
        ]
    }

    fn own_cells(&self) -> Vec<CellText> {
        match &self.item {
            Ok(row) => row.cells(),
            Err(e) => vec![CellText::spanning(format!("✗ {e}"), "state.error")],
        }
    }
}

/// Sorting by a column's text, case-insensitive (what a kind's other columns sort by).
pub fn cell_key(row: &impl TableRow, column: usize) -> SortKey {
    let text = row.cells().into_iter().nth(column).map(|c| c.text);
    SortKey::Text(text.unwrap_or_default().to_lowercase())
}

/// `profile · account · region` (the account when known).
pub fn place(ctx: &ContextKey, account: Option<&str>) -> String {
    match account {
        Some(a) => format!("{} · {a} · {}", ctx.profile_label(), ctx.region),
        None => format!("{} · {}", ctx.profile_label(), ctx.region),
    }
}

/// The where-columns (when `wide`), then the kind's own.
pub fn columns(own: Vec<Column>, wide: bool) -> Vec<Column> {
    if !wide {
        return own;
    }
    // Where a row comes from matters more than most of the kind's columns.
    let mut columns = vec![
        Column::new("PROFILE", Constraint::Length(16)).priority(6),
        Column::new("ACCOUNT", Constraint::Length(12)).priority(4),
        Column::new("REGION", Constraint::Length(14)).priority(5),
    ];
    columns.extend(own);
    columns
}

impl<R: TableRow> TableRow for Entry<R> {
    fn cells(&self) -> Vec<CellText> {
        let mut cells = self.where_cells();
        cells.extend(self.own_cells());
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let lead = if self.wide { WHERE } else { 0 };
        if column < lead {
            let text = self.where_cells().swap_remove(column).text.to_lowercase();
            return SortKey::Text(text);
        }
        match &self.item {
            Ok(row) => row.sort_key(column - lead),
            Err(e) if column == lead => SortKey::Text(e.to_lowercase()),
            Err(_) => SortKey::Text(String::new()),
        }
    }

    /// Unique across contexts: the same id may exist in two accounts or regions.
    fn id(&self) -> String {
        let own = match &self.item {
            Ok(row) => row.id(),
            Err(_) => "✗".into(),
        };
        if self.wide {
            format!(
                "{}\u{1f}{}\u{1f}{own}",
                self.ctx.profile_label(),
                self.ctx.region
            )
        } else {
            own
        }
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let own = match &self.item {
            Ok(row) => row.filter_text(),
            Err(e) => Cow::Borrowed(e.as_str()),
        };
        if !self.wide {
            return own;
        }
        Cow::Owned(format!(
            "{} {} {} {own}",
            self.ctx.profile_label(),
            self.account.as_deref().unwrap_or_default(),
            self.region.as_ref().unwrap_or(&self.ctx.region)
        ))
    }
}
