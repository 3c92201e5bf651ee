//! The DynamoDB adapter against the emulator: table descriptions and lossless item values.

use crate::support::AwsFiles;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
    LocalSecondaryIndex, Projection, ProjectionType, ScalarAttributeType, StreamSpecification,
    StreamViewType, TimeToLiveSpecification,
};
use awsterm::aws::dynamodb::{DynamoApi, SdkDynamo, Value, item_from_sdk, item_to_sdk};
use awsterm::aws::{AwsSetup, ContextKey, SdkConfigs};
use std::collections::BTreeMap;
use std::sync::Arc;

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn adapter(files: &AwsFiles) -> SdkDynamo {
    SdkDynamo::new(Arc::new(SdkConfigs::new(AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings: Default::default(),
    })))
}

fn key(name: &str, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(kind)
        .build()
        .unwrap()
}

fn attr(name: &str, kind: ScalarAttributeType) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(kind)
        .build()
        .unwrap()
}

#[tokio::test]
async fn tables_are_described_with_key_types_indexes_stream_and_ttl() {
    let files = AwsFiles::for_test("tables_are_described_with_key_types_indexes_stream_and_ttl");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    ddb.create_table()
        .table_name("orders")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("customer_id", KeyType::Hash))
        .key_schema(key("created", KeyType::Range))
        .attribute_definitions(attr("customer_id", ScalarAttributeType::S))
        .attribute_definitions(attr("created", ScalarAttributeType::N))
        .attribute_definitions(attr("status", ScalarAttributeType::S))
        .attribute_definitions(attr("total", ScalarAttributeType::N))
        .global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name("by-status")
                .key_schema(key("status", KeyType::Hash))
                .key_schema(key("created", KeyType::Range))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::Include)
                        .non_key_attributes("total")
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .local_secondary_indexes(
            LocalSecondaryIndex::builder()
                .index_name("by-total")
                .key_schema(key("customer_id", KeyType::Hash))
                .key_schema(key("total", KeyType::Range))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::KeysOnly)
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::NewAndOldImages)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("create table");
    ddb.update_time_to_live()
        .table_name("orders")
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name("expires")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("ttl");

    let dynamo = adapter(&files);
    let page = dynamo.list_tables(acct(), None).await.expect("list");
    assert_eq!(page.names, ["orders"]);
    assert_eq!(page.next, None);
    let t = dynamo
        .describe(acct(), "orders".into())
        .await
        .expect("describe");
    assert_eq!(t.billing, "PAY_PER_REQUEST");
    assert_eq!(
        (t.partition.name.as_str(), t.partition.kind.as_str()),
        ("customer_id", "S")
    );
    let sort = t.sort.expect("sort key");
    assert_eq!((sort.name.as_str(), sort.kind.as_str()), ("created", "N"));
    let gsi = t
        .indexes
        .iter()
        .find(|i| i.name == "by-status")
        .expect("gsi");
    assert!(gsi.global);
    assert_eq!(gsi.partition.name, "status");
    assert_eq!(gsi.projection, "INCLUDE");
    assert_eq!(gsi.included, ["total"]);
    let lsi = t
        .indexes
        .iter()
        .find(|i| i.name == "by-total")
        .expect("lsi");
    assert!(!lsi.global);
    assert_eq!(lsi.sort.as_ref().map(|k| k.kind.as_str()), Some("N"));
    assert_eq!(t.stream.as_deref(), Some("NEW_AND_OLD_IMAGES"));
    assert!(t.arn.contains(":table/orders"), "{}", t.arn);
    assert_eq!(
        dynamo
            .ttl(acct(), "orders".into())
            .await
            .expect("ttl")
            .as_deref(),
        Some("expires")
    );
    let missing = dynamo.describe(acct(), "nope".into()).await.unwrap_err();
    assert_eq!(missing.kind, awsterm::aws::ErrorKind::NotFound);
}

#[tokio::test]
async fn item_values_round_trip_without_losing_precision_or_sets() {
    let files = AwsFiles::for_test("item_values_round_trip_without_losing_precision_or_sets");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    ddb.create_table()
        .table_name("t")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("id", KeyType::Hash))
        .attribute_definitions(attr("id", ScalarAttributeType::S))
        .send()
        .await
        .expect("create table");
    let item = BTreeMap::from([
        ("id".to_string(), Value::S("a".into())),
        (
            "big".to_string(),
            Value::N("12345678901234567890123456789012345678".into()),
        ),
        ("tags".to_string(), Value::Ss(vec!["x".into(), "y".into()])),
        (
            "scores".to_string(),
            Value::Ns(vec!["1.5".into(), "2".into()]),
        ),
        ("raw".to_string(), Value::B(vec![0, 159, 255])),
        (
            "nested".to_string(),
            Value::M(BTreeMap::from([(
                "list".to_string(),
                Value::L(vec![Value::Null, Value::Bool(false)]),
            )])),
        ),
    ]);
    ddb.put_item()
        .table_name("t")
        .set_item(Some(item_to_sdk(&item)))
        .send()
        .await
        .expect("put");
    let out = ddb
        .get_item()
        .table_name("t")
        .key("id", aws_sdk_dynamodb::types::AttributeValue::S("a".into()))
        .send()
        .await
        .expect("get");
    let mut back = item_from_sdk(out.item().expect("found"));
    // Sets come back in the service's order; a set has none.
    for v in back.values_mut() {
        if let Value::Ss(s) | Value::Ns(s) = v {
            s.sort();
        }
    }
    let mut expected = item.clone();
    if let Some(Value::Ns(s)) = expected.get_mut("scores") {
        s.sort();
    }
    assert_eq!(back, expected);
}
