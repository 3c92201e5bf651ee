//! One row of a cross-context view: where it came from (profile, account, region), then the
//! resource in the cells its own view uses — or, for a context that failed, the error.

use crate::aws::ContextKey;
use crate::aws::lambda::Function;
use crate::aws::rds::Database;
use crate::aws::s3::Bucket;
use crate::protocol::across::{AcrossKind, Listed};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// The columns that say where a row came from.
const WHERE: usize = 3;

pub enum Item {
    Rds(Database),
    Lambda(Function),
    S3(Bucket),
    /// The context could not be listed: the error's summary (sanitized).
    Failed(String),
}

pub struct Row {
    pub ctx: ContextKey,
    pub account: Option<String>,
    pub item: Item,
}

impl Row {
    /// The rows of one context's answer: its resources, or one row saying why there are none.
    pub fn from_answer(
        ctx: &ContextKey,
        account: &Option<String>,
        result: Result<Listed, String>,
    ) -> Vec<Row> {
        let row = |item| Row {
            ctx: ctx.clone(),
            account: account.clone(),
            item,
        };
        match result {
            Ok(Listed::Rds(mut list)) => {
                list.sort_by(|a, b| a.id.cmp(&b.id));
                list.into_iter().map(|d| row(Item::Rds(d))).collect()
            }
            Ok(Listed::Lambda(list)) => list.into_iter().map(|f| row(Item::Lambda(f))).collect(),
            Ok(Listed::S3(mut list)) => {
                list.sort_by(|a, b| a.name.cmp(&b.name));
                list.into_iter().map(|b| row(Item::S3(b))).collect()
            }
            Err(e) => vec![row(Item::Failed(
                crate::sanitize::sanitize(&e).into_owned(),
            ))],
        }
    }

    pub fn is_failed(&self) -> bool {
        matches!(self.item, Item::Failed(_))
    }

    /// Whether the resource is between states (polling continues while any row is).
    pub fn is_transitional(&self) -> bool {
        match &self.item {
            Item::Rds(d) => d.is_transitional(),
            _ => false,
        }
    }

    /// The resource's own id: what `copy` copies and what actions name.
    pub fn resource_id(&self) -> Option<&str> {
        match &self.item {
            Item::Rds(d) => Some(&d.id),
            Item::Lambda(f) => Some(&f.name),
            Item::S3(b) => Some(&b.name),
            Item::Failed(_) => None,
        }
    }

    /// `profile · account · region`, for confirmations and messages.
    pub fn place(&self) -> String {
        place(&self.ctx, self.account.as_deref())
    }

    fn where_cells(&self) -> [CellText; WHERE] {
        let region = match &self.item {
            // Buckets are listed once per account: their own region says where they are.
            Item::S3(b) => b.region.clone().unwrap_or_else(|| "—".into()),
            _ => self.ctx.region.clone(),
        };
        [
            CellText::plain(self.ctx.profile_label()),
            CellText::plain(self.account.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(region),
        ]
    }

    fn own_cells(&self) -> Vec<CellText> {
        match &self.item {
            Item::Rds(d) => d.cells(),
            Item::Lambda(f) => f.cells(),
            Item::S3(b) => {
                // The bucket's REGION is the view's REGION column.
                let mut cells = b.cells();
                cells.remove(1);
                cells
            }
            Item::Failed(e) => vec![CellText::spanning(format!("✗ {e}"), "state.error")],
        }
    }
}

pub use crate::panes::resource::entry::place;

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let mut cells: Vec<CellText> = self.where_cells().into_iter().collect();
        cells.extend(self.own_cells());
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let text = |cells: Vec<CellText>, at: usize| {
            SortKey::Text(
                cells
                    .into_iter()
                    .nth(at)
                    .map(|c| c.text.to_lowercase())
                    .unwrap_or_default(),
            )
        };
        if column < WHERE {
            return text(self.where_cells().into_iter().collect(), column);
        }
        let own = column - WHERE;
        match &self.item {
            Item::Rds(d) => d.sort_key(own),
            Item::Lambda(f) => f.sort_key(own),
            Item::S3(b) if own == 1 => SortKey::Number(b.created.unwrap_or(0)),
            Item::S3(_) | Item::Failed(_) => text(self.own_cells(), own),
        }
    }

    /// Unique across contexts: the same id may exist in two accounts or regions.
    fn id(&self) -> String {
        let own = match &self.item {
            Item::Rds(d) => TableRow::id(d),
            _ => self.resource_id().unwrap_or("✗").to_string(),
        };
        format!(
            "{}\u{1f}{}\u{1f}{own}",
            self.ctx.profile_label(),
            self.ctx.region
        )
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let own = match &self.item {
            Item::Rds(d) => d.filter_text().into_owned(),
            Item::Lambda(f) => f.filter_text().into_owned(),
            Item::S3(b) => b.filter_text().into_owned(),
            Item::Failed(e) => e.clone(),
        };
        Cow::Owned(format!(
            "{} {} {} {own}",
            self.ctx.profile_label(),
            self.account.as_deref().unwrap_or_default(),
            self.ctx.region
        ))
    }
}

/// PROFILE, ACCOUNT, REGION, then the kind's own columns.
pub fn columns(kind: AcrossKind) -> Vec<Column> {
    let column = Column::new;
    let mut columns = vec![
        column("PROFILE", Constraint::Length(16)),
        column("ACCOUNT", Constraint::Length(12)),
        column("REGION", Constraint::Length(14)),
    ];
    match kind {
        AcrossKind::Rds => columns.extend(crate::panes::rds::databases::COLUMNS.iter().cloned()),
        AcrossKind::Lambda => {
            columns.extend(crate::panes::lambda::functions::COLUMNS.iter().cloned())
        }
        AcrossKind::S3 => columns.extend(
            crate::panes::s3::buckets::COLUMNS
                .iter()
                .filter(|c| c.title != "REGION")
                .cloned(),
        ),
    }
    columns
}
