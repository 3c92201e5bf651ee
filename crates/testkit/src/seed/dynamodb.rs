use super::{Lcg, Scale, SeedResult, Target};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, GlobalSecondaryIndex, KeySchemaElement,
    KeyType, Projection, ProjectionType, PutRequest, ScalarAttributeType, WriteRequest,
};
use std::collections::HashMap;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let ddb = aws_sdk_dynamodb::Client::new(t.sdk);
    let key = |name: &str, kind: KeyType| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(kind)
            .build()
            .map_err(|e| e.to_string())
    };
    let attr = |name: &str| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(ScalarAttributeType::S)
            .build()
            .map_err(|e| e.to_string())
    };
    let by_status = GlobalSecondaryIndex::builder()
        .index_name("by-status")
        .key_schema(key("status", KeyType::Hash)?)
        .key_schema(key("created_at", KeyType::Range)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()
        .map_err(|e| e.to_string())?;
    ddb.create_table()
        .table_name("orders")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("customer_id", KeyType::Hash)?)
        .key_schema(key("order_id", KeyType::Range)?)
        .attribute_definitions(attr("customer_id")?)
        .attribute_definitions(attr("order_id")?)
        .attribute_definitions(attr("status")?)
        .attribute_definitions(attr("created_at")?)
        .global_secondary_indexes(by_status)
        .send()
        .await
        .map_err(|e| format!("create orders: {e}"))?;
    ddb.create_table()
        .table_name("sessions")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("session_id", KeyType::Hash)?)
        .attribute_definitions(attr("session_id")?)
        .send()
        .await
        .map_err(|e| format!("create sessions: {e}"))?;

    let total = if t.scale == Scale::Demo { 3000 } else { 60 };
    let statuses = ["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"];
    let skus = ["SKU-1001", "SKU-2040", "SKU-3310", "SKU-0042", "SKU-7777"];
    let mut rng = Lcg::new(11);
    let mut orders = Vec::with_capacity(total);
    for i in 0..total {
        let mut item = HashMap::new();
        let s = |v: String| AttributeValue::S(v);
        item.insert("customer_id".into(), s(format!("cust-{:04}", i % 250)));
        item.insert("order_id".into(), s(format!("ord-{:06}", i)));
        item.insert("status".into(), s(rng.pick(&statuses).to_string()));
        item.insert(
            "created_at".into(),
            s(format!(
                "2026-11-{:02}T{:02}:{:02}:00Z",
                rng.below(22) + 1,
                rng.below(24),
                rng.below(60)
            )),
        );
        item.insert(
            "total".into(),
            AttributeValue::N(format!("{}.{:02}", rng.below(900) + 5, rng.below(100))),
        );
        item.insert(
            "items".into(),
            AttributeValue::L(
                (0..rng.below(3) + 1)
                    .map(|_| {
                        AttributeValue::M(HashMap::from([
                            ("sku".to_string(), s(rng.pick(&skus).to_string())),
                            (
                                "qty".to_string(),
                                AttributeValue::N((rng.below(4) + 1).to_string()),
                            ),
                        ]))
                    })
                    .collect(),
            ),
        );
        item.insert(
            "tags".into(),
            AttributeValue::Ss(vec![
                "web".into(),
                rng.pick(&["gift", "prime", "promo"]).into(),
            ]),
        );
        orders.push(item);
    }
    let mut written = write_all(&ddb, "orders", orders).await?;
    let sessions: Vec<HashMap<String, AttributeValue>> = (0..total / 10)
        .map(|i| {
            HashMap::from([
                (
                    "session_id".to_string(),
                    AttributeValue::S(format!("sess-{i:05}")),
                ),
                (
                    "user".to_string(),
                    AttributeValue::S(format!("cust-{:04}", i % 250)),
                ),
                (
                    "ttl".to_string(),
                    AttributeValue::N((1_790_000_000 + i).to_string()),
                ),
            ])
        })
        .collect();
    written += write_all(&ddb, "sessions", sessions).await?;
    Ok(written)
}

/// BatchWriteItem in chunks of 25, re-sending unprocessed items.
async fn write_all(
    ddb: &aws_sdk_dynamodb::Client,
    table: &str,
    items: Vec<HashMap<String, AttributeValue>>,
) -> SeedResult<usize> {
    let count = items.len();
    for chunk in items.chunks(25) {
        let mut requests: Vec<WriteRequest> = chunk
            .iter()
            .map(|item| {
                PutRequest::builder()
                    .set_item(Some(item.clone()))
                    .build()
                    .map(|p| WriteRequest::builder().put_request(p).build())
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;
        for _attempt in 0..10 {
            let out = ddb
                .batch_write_item()
                .request_items(table, requests)
                .send()
                .await
                .map_err(|e| format!("batch write {table}: {e}"))?;
            requests = out
                .unprocessed_items()
                .and_then(|u| u.get(table))
                .cloned()
                .unwrap_or_default();
            if requests.is_empty() {
                break;
            }
        }
    }
    Ok(count)
}
