//! DynamoDB: the tables, each table's description, its items page by page, one item.

pub mod edit;
mod item;
mod items;
mod query_form;
mod saved_list;
mod tables;

pub use item::ItemView;
pub use items::ItemsPane;
pub use query_form::QueryForm;
pub use tables::TablesPane;

use crate::aws::ContextKey;
use crate::aws::dynamodb::Table;
use crate::aws::dynamodb_value::Item;
use crate::pane::Effect;
use std::sync::{Arc, Mutex};

/// Items as an item view last wrote or re-read them, for the list it was opened from: an answer
/// goes only to the view that asked, and the list must not keep (or edit) the stale copy.
#[derive(Clone, Default)]
pub struct Fresh(Arc<Mutex<Vec<News>>>);

/// An item's key and the item as it is now (`None`: gone).
pub type News = (Item, Option<Item>);

impl Fresh {
    /// The item with `key` is now `now` (`None`: it is gone).
    pub fn put(&self, key: Item, now: Option<Item>) {
        if let Ok(mut news) = self.0.lock() {
            news.push((key, now));
        }
    }

    /// What came in since the last call, oldest first.
    pub fn take(&self) -> Vec<News> {
        self.0
            .lock()
            .map(|mut news| std::mem::take(&mut *news))
            .unwrap_or_default()
    }
}

/// Opens the query builder on `table` (with saved fields, when given).
pub fn open_query_form(
    ctx: &ContextKey,
    table: &Table,
    files: &crate::saved_queries::QueryFiles,
    state: Option<crate::saved_queries::FormState>,
) -> Effect {
    let (ctx, table, files) = (ctx.clone(), table.clone(), files.clone());
    Effect::Push(Box::new(move |id| {
        let form = QueryForm::new(id, ctx, table, files);
        Box::new(match state {
            Some(state) => form.with_state(&state),
            None => form,
        })
    }))
}
