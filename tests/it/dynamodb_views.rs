//! The DynamoDB tables view on the in-memory adapter.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::dynamodb::{Index, KeyAttr, Table};
use awsterm::aws::dynamodb_value::Value;
use awsterm::aws::fake::{FakeDynamo, FakeSts, adapters};
use std::collections::BTreeMap;

fn key(name: &str, kind: &str) -> KeyAttr {
    KeyAttr {
        name: name.into(),
        kind: kind.into(),
    }
}

fn tables() -> FakeDynamo {
    let orders = Table {
        name: "orders".into(),
        status: "ACTIVE".into(),
        item_count: Some(3000),
        size_bytes: Some(412_000),
        billing: "PAY_PER_REQUEST".into(),
        partition: key("customer_id", "S"),
        sort: Some(key("order_id", "S")),
        indexes: vec![Index {
            name: "by-status".into(),
            global: true,
            partition: key("status", "S"),
            sort: Some(key("created_at", "S")),
            projection: "INCLUDE".into(),
            included: vec!["total".into()],
            status: Some("ACTIVE".into()),
            item_count: Some(3000),
        }],
        stream: Some("NEW_AND_OLD_IMAGES".into()),
        arn: "arn:aws:dynamodb:us-east-1:111111111111:table/orders".into(),
        ..Table::default()
    };
    let sessions = Table {
        name: "sessions".into(),
        status: "UPDATING".into(),
        item_count: Some(300),
        size_bytes: Some(9_000),
        billing: "PROVISIONED".into(),
        read_capacity: Some(5),
        write_capacity: Some(5),
        partition: key("session_id", "S"),
        ..Table::default()
    };
    let orders_items = (0..250)
        .map(|i| {
            let mut item = BTreeMap::from([
                (
                    "customer_id".to_string(),
                    Value::S(format!("cust-{:03}", i / 10)),
                ),
                ("order_id".to_string(), Value::S(format!("ord-{i:04}"))),
                ("status".to_string(), Value::S("PAID".into())),
                (
                    "total".to_string(),
                    Value::N("12345678901234567890123456789012345678".into()),
                ),
            ]);
            if i % 2 == 0 {
                item.insert("tags".into(), Value::Ss(vec!["gift".into(), "web".into()]));
            }
            item
        })
        .collect();
    FakeDynamo {
        tables: vec![sessions, orders],
        page_size: 1,
        ttl: vec![("sessions".into(), "ttl".into())],
        items: vec![("orders".into(), orders_items)],
        ..FakeDynamo::default()
    }
}

fn fake() -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_dynamodb(tables())
}

#[tokio::test]
async fn tables_list_page_by_page_with_keys_and_billing() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":dynamodb<Enter>").await;
    insta::assert_snapshot!(h.screen());
    h.keys("/sessions<Enter>").await;
    assert!(h.screen().contains("[1/2]"), "{}", h.screen());
    h.keys("Y").await;
    assert!(
        h.host.actions.is_empty(),
        "no ARN known for sessions: nothing copied"
    );
}

#[tokio::test]
async fn a_table_description_shows_keys_indexes_stream_and_ttl() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":ddb<Enter>d").await;
    let screen = h.screen();
    assert!(screen.contains("table orders"), "{screen}");
    assert!(screen.contains("NEW_AND_OLD_IMAGES"), "{screen}");
    h.keys("G").await;
    let screen = h.screen();
    assert!(screen.contains("by-status"), "{screen}");
    assert!(screen.contains("INCLUDE (total)"), "{screen}");
    assert!(screen.contains("partition  customer_id"), "{screen}");
    h.keys("<Esc>jd").await;
    let screen = h.screen();
    assert!(screen.contains("on, attribute ttl"), "{screen}");
    assert!(screen.contains("5 read / 5 write units"), "{screen}");
    h.keys("<Esc>kY").await;
    assert!(h.host.actions.contains(&HostAction::Copy(
        "arn:aws:dynamodb:us-east-1:111111111111:table/orders".into()
    )));
}

#[tokio::test]
async fn items_come_a_page_at_a_time_and_one_item_shows_exactly() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":ddb<Enter><Enter>").await;
    insta::assert_snapshot!(h.screen());
    assert!(h.screen().contains("[100]"), "{}", h.screen());
    h.keys("m").await;
    assert!(h.screen().contains("[200]"), "{}", h.screen());
    h.keys("M").await;
    let screen = h.screen();
    assert!(
        screen.contains("[250]") && screen.contains("all loaded"),
        "{screen}"
    );
    h.keys("m").await;
    assert!(
        h.screen().contains("every item is loaded"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    assert!(h.host.actions.contains(&HostAction::Copy(
        r#"{"customer_id":{"S":"cust-000"},"order_id":{"S":"ord-0000"}}"#.into()
    )));
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("orders · cust-000 / ord-0000 · JSON"),
        "{screen}"
    );
    assert!(
        screen.contains("\"total\": 12345678901234567890123456789012345678"),
        "all 38 digits: {screen}"
    );
    h.keys("t").await;
    let screen = h.screen();
    assert!(screen.contains("typed JSON"), "{screen}");
    assert!(screen.contains("\"SS\": ["), "{screen}");
    h.keys("<Esc><Esc>d").await;
    assert!(h.screen().contains("── Keys ──"), "{}", h.screen());
}
