//! DynamoDB: the tables, each table's description, its items page by page, one item.

mod item;
mod items;
mod tables;
pub mod values;

pub use item::ItemView;
pub use items::ItemsPane;
pub use tables::TablesPane;
