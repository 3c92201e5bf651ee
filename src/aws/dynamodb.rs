//! DynamoDB: tables and their descriptions, and item values kept exactly as DynamoDB sent
//! them (numbers as their decimal text, sets as sets), so nothing is lost between reading an
//! item and writing it back.

use super::dynamodb_value::{Item, Value, item_from_sdk, item_to_sdk};
use super::error::AwsError;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A key attribute: its name and scalar type (`S`, `N` or `B`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyAttr {
    pub name: String,
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    /// A global index has its own partition key; a local one shares the table's.
    pub global: bool,
    pub partition: KeyAttr,
    pub sort: Option<KeyAttr>,
    /// `ALL`, `KEYS_ONLY` or `INCLUDE`, with the included attributes.
    pub projection: String,
    pub included: Vec<String>,
    pub status: Option<String>,
    pub item_count: Option<i64>,
}

/// Everything DescribeTable (and DescribeTimeToLive) says about a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub status: String,
    pub item_count: Option<i64>,
    pub size_bytes: Option<i64>,
    /// `PAY_PER_REQUEST` or `PROVISIONED`.
    pub billing: String,
    pub read_capacity: Option<i64>,
    pub write_capacity: Option<i64>,
    pub partition: KeyAttr,
    pub sort: Option<KeyAttr>,
    pub indexes: Vec<Index>,
    /// The stream's view type when a stream is enabled.
    pub stream: Option<String>,
    pub arn: String,
    /// Seconds since the epoch.
    pub created: Option<i64>,
}

/// One page of a query or scan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemPage {
    pub items: Vec<Item>,
    /// LastEvaluatedKey: where the next page starts; `None` when there is no more.
    pub next: Option<Item>,
    /// PartiQL pages continue by token instead.
    pub next_token: Option<String>,
    /// Items returned (after the filter) and items read (before it).
    pub count: i32,
    pub scanned: i32,
    pub consumed: Option<f64>,
}

/// A change to one item.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    Update(super::dynamodb_edit::Update),
    /// A new item; unless `replace`, only if no item has its key.
    Put {
        item: Item,
        keys: Vec<String>,
        replace: bool,
    },
    /// Delete the item, only if it is still exactly `original`.
    Delete {
        key: Item,
        original: Item,
    },
}

impl Write {
    /// The key of the item the write is about.
    pub fn key(&self) -> Item {
        match self {
            Write::Update(u) => u.key.clone(),
            Write::Put { item, keys, .. } => item
                .iter()
                .filter(|(name, _)| keys.contains(name))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            Write::Delete { key, .. } => key.clone(),
        }
    }

    /// The item as the write leaves it (`None`: deleted).
    fn intended(&self) -> Option<&Item> {
        match self {
            Write::Update(u) => Some(&u.edited),
            Write::Put { item, .. } => Some(item),
            Write::Delete { .. } => None,
        }
    }
}

/// How a write ended when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Done,
    /// The condition failed, but a consistent read shows the item exactly as the write
    /// intended: an earlier attempt was applied and its answer lost (a timeout, a reset), so
    /// the retry found its own change. Reported as such, never as a conflict.
    FoundApplied,
}

/// DynamoDB's answer when a condition failed: the item changed (or exists) meanwhile.
pub fn is_condition_failure(e: &AwsError) -> bool {
    e.code.as_deref() == Some("ConditionalCheckFailedException")
}

/// One ListTables page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TablePage {
    pub names: Vec<String>,
    /// Where the next page starts; `None` on the last.
    pub next: Option<String>,
}

pub trait DynamoApi: Send + Sync {
    /// One ListTables page: names, and where the next page starts.
    fn list_tables(
        &self,
        ctx: ContextKey,
        start: Option<String>,
    ) -> BoxFuture<'static, Result<TablePage, AwsError>>;
    fn describe(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Table, AwsError>>;
    /// The TTL attribute, when time to live is enabled.
    fn ttl(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>>;
    /// One write: an edit (conditional update), a new item, or a delete — each conditional
    /// on what was read, so a concurrent change fails with `ConditionalCheckFailedException`.
    fn write(
        &self,
        ctx: ContextKey,
        table: String,
        write: Write,
    ) -> BoxFuture<'static, Result<Written, AwsError>>;
    /// The item with this key as it is now (a consistent GetItem); `None`: there is none.
    fn item(
        &self,
        ctx: ContextKey,
        table: String,
        key: Item,
    ) -> BoxFuture<'static, Result<Option<Item>, AwsError>>;
    /// One page of a PartiQL statement (ExecuteStatement), from `token` or the beginning.
    fn statement(
        &self,
        ctx: ContextKey,
        statement: String,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>>;
    /// One page of the query or scan, from `start` (a LastEvaluatedKey) or the beginning.
    fn page(
        &self,
        ctx: ContextKey,
        request: super::dynamodb_query::Request,
        start: Option<Item>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>>;
}

pub struct SdkDynamo {
    configs: Arc<SdkConfigs>,
}

impl SdkDynamo {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkDynamo { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(&configs.get(ctx).await)
}

/// One conditional write, as asked.
async fn send_write(
    ddb: &aws_sdk_dynamodb::Client,
    table: &str,
    write: Write,
) -> Result<(), AwsError> {
    let table = table.to_string();
    let sdk_values = |values: BTreeMap<String, Value>| {
        (!values.is_empty()).then(|| {
            values
                .iter()
                .map(|(k, v)| (k.clone(), v.to_sdk()))
                .collect()
        })
    };
    let sdk_names =
        |names: BTreeMap<String, String>| (!names.is_empty()).then(|| names.into_iter().collect());
    match write {
        Write::Update(u) => ddb
            .update_item()
            .table_name(table)
            .set_key(Some(item_to_sdk(&u.key)))
            .update_expression(u.update)
            .condition_expression(u.condition)
            .set_expression_attribute_names(sdk_names(u.names))
            .set_expression_attribute_values(sdk_values(u.values))
            .send()
            .await
            .map(drop)
            .map_err(AwsError::from_sdk),
        Write::Put {
            item,
            keys,
            replace,
        } => {
            let mut put = ddb
                .put_item()
                .table_name(table)
                .set_item(Some(item_to_sdk(&item)));
            if !replace && let Some(first) = keys.first() {
                put = put
                    .condition_expression("attribute_not_exists(#k)")
                    .expression_attribute_names("#k", first);
            }
            put.send().await.map(drop).map_err(AwsError::from_sdk)
        }
        Write::Delete { key, original } => {
            let (condition, names, values) = super::dynamodb_edit::unchanged(&original);
            ddb.delete_item()
                .table_name(table)
                .set_key(Some(item_to_sdk(&key)))
                .condition_expression(condition)
                .set_expression_attribute_names(sdk_names(names))
                .set_expression_attribute_values(sdk_values(values))
                .send()
                .await
                .map(drop)
                .map_err(AwsError::from_sdk)
        }
    }
}

/// The condition failed: is the item now exactly what this write wanted? Then an earlier
/// attempt of the same write was applied (SDK retries resend after a lost answer) — say so
/// instead of reporting a conflict. Otherwise the conflict stands.
async fn reconcile(
    ddb: &aws_sdk_dynamodb::Client,
    table: &str,
    write: &Write,
    conflict: AwsError,
) -> Result<Written, AwsError> {
    let Ok(current) = read_now(ddb, table, &write.key()).await else {
        return Err(conflict);
    };
    if current.as_ref() == write.intended() {
        Ok(Written::FoundApplied)
    } else {
        Err(conflict)
    }
}

/// The item as it is now: a consistent read, so a write just made is always seen.
async fn read_now(
    ddb: &aws_sdk_dynamodb::Client,
    table: &str,
    key: &Item,
) -> Result<Option<Item>, AwsError> {
    let out = ddb
        .get_item()
        .table_name(table)
        .set_key(Some(item_to_sdk(key)))
        .consistent_read(true)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out.item().map(item_from_sdk))
}

impl DynamoApi for SdkDynamo {
    fn item(
        &self,
        ctx: ContextKey,
        table: String,
        key: Item,
    ) -> BoxFuture<'static, Result<Option<Item>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { read_now(&client(&configs, &ctx).await, &table, &key).await })
    }

    fn write(
        &self,
        ctx: ContextKey,
        table: String,
        write: Write,
    ) -> BoxFuture<'static, Result<Written, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ddb = client(&configs, &ctx).await;
            match send_write(&ddb, &table, write.clone()).await {
                Ok(()) => Ok(Written::Done),
                Err(e) if is_condition_failure(&e) => reconcile(&ddb, &table, &write, e).await,
                Err(e) => Err(e),
            }
        })
    }

    fn statement(
        &self,
        ctx: ContextKey,
        statement: String,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .execute_statement()
                .statement(statement)
                .set_next_token(token)
                .return_consumed_capacity(aws_sdk_dynamodb::types::ReturnConsumedCapacity::Total)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let items: Vec<Item> = out.items().iter().map(item_from_sdk).collect();
            Ok(ItemPage {
                count: items.len() as i32,
                scanned: items.len() as i32,
                items,
                next: out.last_evaluated_key().map(item_from_sdk),
                next_token: out
                    .next_token()
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
                consumed: out.consumed_capacity().and_then(|c| c.capacity_units()),
            })
        })
    }

    fn page(
        &self,
        ctx: ContextKey,
        request: super::dynamodb_query::Request,
        start: Option<Item>,
    ) -> BoxFuture<'static, Result<ItemPage, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { page(&client(&configs, &ctx).await, request, start).await })
    }

    fn list_tables(
        &self,
        ctx: ContextKey,
        start: Option<String>,
    ) -> BoxFuture<'static, Result<TablePage, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .list_tables()
                .set_exclusive_start_table_name(start)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(TablePage {
                names: out.table_names().to_vec(),
                next: out.last_evaluated_table_name().map(str::to_owned),
            })
        })
    }

    fn describe(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Table, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .describe_table()
                .table_name(&name)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out.table().map(table).unwrap_or(Table {
                name,
                ..Table::default()
            }))
        })
    }

    fn ttl(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .describe_time_to_live()
                .table_name(name)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out
                .time_to_live_description()
                .filter(|d| {
                    d.time_to_live_status()
                        .is_some_and(|s| s.as_str() == "ENABLED")
                })
                .and_then(|d| d.attribute_name().map(str::to_owned)))
        })
    }
}

/// Runs one page of a query or scan built by `dynamodb_query`.
async fn page(
    ddb: &aws_sdk_dynamodb::Client,
    r: super::dynamodb_query::Request,
    start: Option<Item>,
) -> Result<ItemPage, AwsError> {
    use aws_sdk_dynamodb::types::ReturnConsumedCapacity;
    let names = (!r.names.is_empty()).then(|| r.names.into_iter().collect());
    let values = (!r.values.is_empty()).then(|| {
        r.values
            .iter()
            .map(|(k, v)| (k.clone(), v.to_sdk()))
            .collect()
    });
    let start = start.as_ref().map(item_to_sdk);
    // ScanOutput and QueryOutput are different types with the same accessors.
    macro_rules! page_of {
        ($out:expr) => {
            ItemPage {
                items: $out.items().iter().map(item_from_sdk).collect(),
                next: $out.last_evaluated_key().map(item_from_sdk),
                next_token: None,
                count: $out.count(),
                scanned: $out.scanned_count(),
                consumed: $out.consumed_capacity().and_then(|c| c.capacity_units()),
            }
        };
    }
    if r.scan {
        let out = ddb
            .scan()
            .table_name(r.table)
            .set_index_name(r.index)
            .set_filter_expression(r.filter)
            .set_projection_expression(r.projection)
            .set_expression_attribute_names(names)
            .set_expression_attribute_values(values)
            .set_limit(r.limit)
            .consistent_read(r.consistent)
            .set_exclusive_start_key(start)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        return Ok(page_of!(out));
    }
    let out = ddb
        .query()
        .table_name(r.table)
        .set_index_name(r.index)
        .set_key_condition_expression(r.key_condition)
        .set_filter_expression(r.filter)
        .set_projection_expression(r.projection)
        .set_expression_attribute_names(names)
        .set_expression_attribute_values(values)
        .set_limit(r.limit)
        .scan_index_forward(r.forward)
        .consistent_read(r.consistent)
        .set_exclusive_start_key(start)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(page_of!(out))
}

fn table(t: &aws_sdk_dynamodb::types::TableDescription) -> Table {
    let types: BTreeMap<&str, &str> = t
        .attribute_definitions()
        .iter()
        .map(|a| (a.attribute_name(), a.attribute_type().as_str()))
        .collect();
    let keys = |schema: &[aws_sdk_dynamodb::types::KeySchemaElement]| {
        let find = |hash: bool| {
            schema
                .iter()
                .find(|k| (k.key_type().as_str() == "HASH") == hash)
                .map(|k| KeyAttr {
                    name: k.attribute_name().to_string(),
                    kind: types
                        .get(k.attribute_name())
                        .copied()
                        .unwrap_or("?")
                        .to_string(),
                })
        };
        (find(true).unwrap_or_default(), find(false))
    };
    let (partition, sort) = keys(t.key_schema());
    let projection = |p: Option<&aws_sdk_dynamodb::types::Projection>| {
        (
            p.and_then(|p| p.projection_type())
                .map(|x| x.as_str().to_string())
                .unwrap_or_default(),
            p.map(|p| p.non_key_attributes().to_vec())
                .unwrap_or_default(),
        )
    };
    let mut indexes: Vec<Index> = t
        .global_secondary_indexes()
        .iter()
        .map(|g| {
            let (partition, sort) = keys(g.key_schema());
            let (projection, included) = projection(g.projection());
            Index {
                name: g.index_name().unwrap_or_default().to_string(),
                global: true,
                partition,
                sort,
                projection,
                included,
                status: g.index_status().map(|s| s.as_str().to_string()),
                item_count: g.item_count(),
            }
        })
        .collect();
    indexes.extend(t.local_secondary_indexes().iter().map(|l| {
        let (partition, sort) = keys(l.key_schema());
        let (projection, included) = projection(l.projection());
        Index {
            name: l.index_name().unwrap_or_default().to_string(),
            global: false,
            partition,
            sort,
            projection,
            included,
            status: None,
            item_count: l.item_count(),
        }
    }));
    let throughput = t.provisioned_throughput();
    Table {
        name: t.table_name().unwrap_or_default().to_string(),
        status: t
            .table_status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        item_count: t.item_count(),
        size_bytes: t.table_size_bytes(),
        billing: t
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map(|b| b.as_str().to_string())
            .unwrap_or_else(|| "PROVISIONED".into()),
        read_capacity: throughput
            .and_then(|p| p.read_capacity_units())
            .filter(|n| *n > 0),
        write_capacity: throughput
            .and_then(|p| p.write_capacity_units())
            .filter(|n| *n > 0),
        partition,
        sort,
        indexes,
        stream: t
            .stream_specification()
            .filter(|s| s.stream_enabled())
            .and_then(|s| s.stream_view_type())
            .map(|v| v.as_str().to_string()),
        arn: t.table_arn().unwrap_or_default().to_string(),
        created: t.creation_date_time().map(|d| d.secs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_survive_the_trip_to_the_sdk_and_back() {
        let item: Item = BTreeMap::from([
            (
                "n".into(),
                Value::N("12345678901234567890123456789012345678".into()),
            ),
            ("tiny".into(), Value::N("-1E-130".into())),
            ("ss".into(), Value::Ss(vec!["a".into(), "b".into()])),
            ("ns".into(), Value::Ns(vec!["1".into(), "2.50".into()])),
            ("bs".into(), Value::Bs(vec![vec![0, 255], vec![7]])),
            ("b".into(), Value::B(vec![0, 1, 2])),
            ("nul".into(), Value::Null),
            (
                "m".into(),
                Value::M(BTreeMap::from([(
                    "l".into(),
                    Value::L(vec![Value::Bool(true), Value::S("x\u{1b}".into())]),
                )])),
            ),
        ]);
        assert_eq!(item_from_sdk(&item_to_sdk(&item)), item);
        assert_eq!(Value::Ns(vec![]).type_name(), "NS");
    }
}
