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

/// What differs between the rows of a view over several contexts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spread {
    /// More than one profile (so, as far as anyone knows yet, more than one account).
    pub profiles: bool,
    /// More than one region, or rows that carry their own (buckets).
    pub regions: bool,
}

impl Spread {
    pub fn of(contexts: &[ContextKey], rows_carry_region: bool) -> Spread {
        let first = contexts.first();
        Spread {
            profiles: contexts
                .iter()
                .any(|c| Some(&c.profile) != first.map(|f| &f.profile)),
            regions: rows_carry_region
                || contexts
                    .iter()
                    .any(|c| Some(&c.region) != first.map(|f| &f.region)),
        }
    }
}

/// The where-columns (when `spread` is given: a view of several contexts), then the kind's
/// own. A where-column whose value differs from row to row matters more than most of the
/// kind's columns — but less than what identifies a row and its state (the kinds rank those
/// 7 and up), so at 80 columns `dev · NAME · ID · STATE` beats `dev · us-east-1 · NAME`; one
/// that is the same on every row (the profile of `@all-regions`) is the first to go on a
/// narrow terminal — the title already says it. Each is only as wide as its values.
pub fn columns(own: Vec<Column>, spread: Option<Spread>) -> Vec<Column> {
    let Some(spread) = spread else {
        return own;
    };
    let rank = |varies: bool, high: u8| if varies { high } else { 1 };
    let mut columns = vec![
        Column::new("PROFILE", Constraint::Length(16))
            .fit()
            .priority(rank(spread.profiles, 6)),
        Column::new("ACCOUNT", Constraint::Length(12))
            .fit()
            .priority(rank(spread.profiles, 4)),
        Column::new("REGION", Constraint::Length(14))
            .fit()
            .priority(rank(spread.regions, 6)),
    ];
    columns.extend(own);
    columns
}

/// REGION (of `columns`' where-columns) ranks as a region that differs between rows, or as
/// one that is the same on every row (IAM's `global`; buckets all in one region): the first
/// to go when narrow.
pub fn rank_region(columns: &mut [Column], varies: bool) {
    if let Some(region) = columns.get_mut(2).filter(|c| c.title == "REGION") {
        region.priority = if varies { 6 } else { 1 };
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(profile: &str, region: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: region.into(),
        }
    }

    fn shown(spread: Spread, width: u16) -> Vec<String> {
        let own = vec![
            Column::new("NAME", Constraint::Fill(1)).name().priority(9),
            Column::new("ID", Constraint::Length(19)).priority(8),
            Column::new("STATE", Constraint::Length(15)).priority(7),
            Column::new("TYPE", Constraint::Length(10)).priority(5),
        ];
        let columns = columns(own, Some(spread));
        let names = vec!["web-01".to_string(); columns.len()];
        crate::ui::table::layout(&columns, width, |i| names[i].len())
            .into_iter()
            .map(|(i, _)| columns[i].title.to_string())
            .collect()
    }

    #[test]
    fn the_where_column_that_differs_stays_and_one_that_does_not_goes_first() {
        let regions = Spread::of(&[ctx("p", "us-east-1"), ctx("p", "eu-west-1")], false);
        assert_eq!(
            regions,
            Spread {
                profiles: false,
                regions: true
            }
        );
        let at_80 = shown(regions, 78);
        assert!(at_80.contains(&"REGION".to_string()), "{at_80:?}");
        assert!(!at_80.contains(&"PROFILE".to_string()), "{at_80:?}");

        let profiles = Spread::of(&[ctx("a", "us-east-1"), ctx("b", "us-east-1")], false);
        let at_80 = shown(profiles, 78);
        assert!(at_80.contains(&"PROFILE".to_string()), "{at_80:?}");
        assert!(!at_80.contains(&"REGION".to_string()), "{at_80:?}");

        // Buckets: one listing per profile, each row in its own region.
        assert!(Spread::of(&[ctx("a", "us-east-1")], true).regions);
        // Wide enough, everything shows.
        assert_eq!(shown(regions, 200).len(), 7);
    }
}
