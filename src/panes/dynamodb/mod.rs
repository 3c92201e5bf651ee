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
use crate::pane::Effect;

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
