//! Tables in memory, listed in pages the way ListTables pages them.

use crate::aws::dynamodb::{DynamoApi, ItemPage, Table, TablePage, Write};
use crate::aws::dynamodb_value::Item;
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;

#[derive(Default)]
pub struct FakeDynamo {
    pub tables: Vec<Table>,
    /// Names per ListTables page (0: all at once).
    pub page_size: usize,
    pub ttl: Vec<(String, String)>,
    /// Items by table, in scan order.
    pub items: Vec<(String, Vec<Item>)>,
    /// Calls made to panic (see `Crashes`).
    pub crashes: super::Crashes,
}

impl DynamoApi for FakeDynamo {
    fn list_tables(
        &self,
        _ctx: ContextKey,
        start: Option<String>,
    ) -> BoxFuture<'static, Result<TablePage, AwsError>> {
        self.crashes.check("list_tables");
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
        self.crashes.check("describe");
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
        self.crashes.check("ttl");
        let found = self
            .ttl
            .iter()
            .find(|(t, _)| *t == name)
            .map(|(_, a)| a.clone());
        Box::pin(async move { Ok(found) })
    }

    /// Plain scans only, paged by `limit` with the last item as the paging key. Queries and
    /// filters are the emulator's to answer: an expression engine here would only test itself.
    fn page(
        &self,
        _ctx: ContextKey,
        request: crate::aws::dynamodb_query::Request,
        start: Option<Item>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>> {
        self.crashes.check("page");
        let all = self
            .items
            .iter()
            .find(|(t, _)| *t == request.table)
            .map(|(_, items)| items.clone())
            .unwrap_or_default();
        Box::pin(async move {
            if !request.scan || request.filter.is_some() {
                return Err(AwsError::new(
                    ErrorKind::Config,
                    "the in-memory DynamoDB fake answers plain scans only",
                ));
            }
            let from = start
                .and_then(|s| all.iter().position(|i| *i == s).map(|p| p + 1))
                .unwrap_or(0);
            let limit = request.limit.unwrap_or(i32::MAX).max(1) as usize;
            let items: Vec<Item> = all.iter().skip(from).take(limit).cloned().collect();
            let next = (from + items.len() < all.len())
                .then(|| items.last().cloned())
                .flatten();
            Ok(ItemPage {
                next_token: None,
                count: items.len() as i32,
                scanned: items.len() as i32,
                consumed: Some(items.len() as f64 * 0.5),
                items,
                next,
            })
        })
    }

    /// The first item of the table holding every attribute of `key`.
    fn item(
        &self,
        _ctx: ContextKey,
        table: String,
        key: Item,
    ) -> BoxFuture<'static, Result<Option<Item>, AwsError>> {
        self.crashes.check("item");
        let found = self
            .items
            .iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, items)| items)
            .find(|item| key.iter().all(|(k, v)| item.get(k) == Some(v)))
            .cloned();
        Box::pin(async move { Ok(found) })
    }

    fn statement(
        &self,
        _ctx: ContextKey,
        _statement: String,
        _token: Option<String>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>> {
        self.crashes.check("statement");
        Box::pin(async {
            Err(AwsError::new(
                ErrorKind::Config,
                "the in-memory DynamoDB fake does not run PartiQL",
            ))
        })
    }

    fn write(
        &self,
        _ctx: ContextKey,
        _table: String,
        _write: Write,
    ) -> BoxFuture<'static, Result<crate::aws::dynamodb::Written, AwsError>> {
        self.crashes.check("write");
        Box::pin(async {
            Err(AwsError::new(
                ErrorKind::Config,
                "the in-memory DynamoDB fake does not write; writes are tested against the emulator",
            ))
        })
    }
}
