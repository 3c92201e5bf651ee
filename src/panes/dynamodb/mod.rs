//! DynamoDB: the tables, each table's description, its items page by page, one item.

pub mod edit;
mod item;
mod items;
mod query_form;
mod tables;

pub use item::ItemView;
pub use items::ItemsPane;
pub use query_form::QueryForm;
pub use tables::TablesPane;

use crate::aws::ContextKey;
use crate::aws::dynamodb::Table;
use crate::effect::Effect;

/// Opens the query builder on `table`.
pub fn open_query_form(ctx: &ContextKey, table: &Table) -> Effect {
    let (ctx, table) = (ctx.clone(), table.clone());
    Effect::Push(Box::new(move |id| Box::new(QueryForm::new(id, ctx, table))))
}
