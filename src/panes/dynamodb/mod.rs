//! DynamoDB: the tables, and each table's description.

mod tables;

pub use tables::TablesPane;
