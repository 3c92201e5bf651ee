//! Tables in memory, listed in pages the way ListTables pages them.

use crate::aws::dynamodb::{DynamoApi, Item, ItemPage, Table, TablePage};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;

#[derive(Default)]
pub struct FakeDynamo {
    pub tables: Vec<Table>,
    /// Names per ListTables page (0: all at once).
    pub page_size: usize,
    pub ttl: Vec<(String, String)>,
}

impl DynamoApi for FakeDynamo {
    fn list_tables(
        &self,
        _ctx: ContextKey,
        start: Option<String>,
    ) -> BoxFuture<'static, Result<TablePage, AwsError>> {
        let mut names: Vec<String> = self.tables.iter().map(|t| t.name.clone()).collect();
        names.sort();
        let from = start
            .map(|s| names.iter().position(|n| *n > s).unwrap_or(names.len()))
            .unwrap_or(0);
        let size = if self.page_size == 0 {
            names.len()
        } else {
            self.page_size
        };
        let page: Vec<String> = names.iter().skip(from).take(size).cloned().collect();
        let next = (from + page.len() < names.len())
            .then(|| page.last().cloned())
            .flatten();
        Box::pin(async move { Ok(TablePage { names: page, next }) })
    }

    fn describe(
        &self,
        _ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Table, AwsError>> {
        let found = self.tables.iter().find(|t| t.name == name).cloned();
        Box::pin(async move {
            found.ok_or_else(|| {
                AwsError::new(
                    ErrorKind::NotFound,
                    format!("Requested resource not found: Table: {name} not found"),
                )
            })
        })
    }

    fn ttl(
        &self,
        _ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        let found = self
            .ttl
            .iter()
            .find(|(t, _)| *t == name)
            .map(|(_, a)| a.clone());
        Box::pin(async move { Ok(found) })
    }

    /// Items are the emulator's to serve: the fake has no query engine, and a fake one would
    /// only test itself.
    fn page(
        &self,
        _ctx: ContextKey,
        _request: crate::aws::dynamodb_query::Request,
        _start: Option<Item>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>> {
        Box::pin(async {
            Err(AwsError::new(
                ErrorKind::Config,
                "the in-memory DynamoDB fake has no items",
            ))
        })
    }
}
