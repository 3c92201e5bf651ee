//! The DynamoDB adapter against the emulator: table descriptions and lossless item values.

use crate::support::{AwsFiles, app_on};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
    LocalSecondaryIndex, Projection, ProjectionType, ScalarAttributeType, StreamSpecification,
    StreamViewType, TimeToLiveSpecification,
};
use awsterm::app::host::HostAction;
use awsterm::aws::dynamodb::{DynamoApi, SdkDynamo};
use awsterm::aws::dynamodb_query::{Cmp, Filter, IndexTarget, Join, Mode, SortCondition, Spec};
use awsterm::aws::dynamodb_value::{Value, item_from_sdk, item_to_sdk};
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

/// An on-demand table keyed by string attributes `pk` (and `sk`).
pub(crate) async fn simple_table(
    ddb: &aws_sdk_dynamodb::Client,
    name: &str,
    pk: &str,
    sk: Option<&str>,
) {
    let mut create = ddb
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(pk, KeyType::Hash))
        .attribute_definitions(attr(pk, ScalarAttributeType::S));
    if let Some(sk) = sk {
        create = create
            .key_schema(key(sk, KeyType::Range))
            .attribute_definitions(attr(sk, ScalarAttributeType::S));
    }
    create.send().await.expect("create table");
}

/// Writes `items` 25 at a time (BatchWriteItem's limit).
async fn batch_put(
    ddb: &aws_sdk_dynamodb::Client,
    table: &str,
    items: Vec<std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>>,
) {
    use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
    for chunk in items.chunks(25) {
        let writes = chunk
            .iter()
            .map(|item| {
                WriteRequest::builder()
                    .put_request(
                        PutRequest::builder()
                            .set_item(Some(item.clone()))
                            .build()
                            .unwrap(),
                    )
                    .build()
            })
            .collect();
        ddb.batch_write_item()
            .request_items(table, writes)
            .send()
            .await
            .expect("batch write");
    }
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
    simple_table(&ddb, "t", "id", None).await;
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

/// `events`: partition `user` (S), sort `at` (S, a date); GSI `by-kind` on `kind` + `at`.
/// u1 has 20 events, 2026-11-01 … 2026-11-20, with attributes named like reserved words.
async fn events_table(files: &AwsFiles) -> aws_sdk_dynamodb::Client {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    ddb.create_table()
        .table_name("events")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("user", KeyType::Hash))
        .key_schema(key("at", KeyType::Range))
        .attribute_definitions(attr("user", ScalarAttributeType::S))
        .attribute_definitions(attr("at", ScalarAttributeType::S))
        .attribute_definitions(attr("kind", ScalarAttributeType::S))
        .global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name("by-kind")
                .key_schema(key("kind", KeyType::Hash))
                .key_schema(key("at", KeyType::Range))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::All)
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("create table");
    for i in 1..=20 {
        let mut item = std::collections::HashMap::from([
            ("user".to_string(), Av::S("u1".into())),
            ("at".to_string(), Av::S(format!("2026-11-{i:02}"))),
            (
                "kind".to_string(),
                Av::S(if i % 2 == 0 { "click" } else { "view" }.into()),
            ),
            (
                "status".to_string(),
                Av::S(if i <= 5 { "new" } else { "done" }.into()),
            ),
            (
                "name".to_string(),
                Av::S(format!(
                    "{}-event",
                    if i % 3 == 0 { "alpha" } else { "beta" }
                )),
            ),
            ("size".to_string(), Av::N(i.to_string())),
        ]);
        if i % 4 == 0 {
            item.insert("tags".into(), Av::Ss(vec!["red".into(), "blue".into()]));
        } else {
            item.insert("tags".into(), Av::Ss(vec!["blue".into()]));
        }
        if i > 18 {
            item.insert("deleted".into(), Av::Bool(true));
        }
        ddb.put_item()
            .table_name("events")
            .set_item(Some(item))
            .send()
            .await
            .expect("put");
    }
    ddb
}

fn spec(
    index: Option<&str>,
    partition: (&str, &str),
    sort: Option<SortCondition>,
    filters: Vec<Filter>,
) -> Spec {
    Spec {
        table: "events".into(),
        index: index.map(|name| IndexTarget {
            name: name.into(),
            global: true,
        }),
        mode: Mode::Query {
            partition: (partition.0.into(), Value::S(partition.1.into())),
            sort: sort.map(|c| ("at".to_string(), c)),
        },
        filters,
        join: Join::And,
        projection: Vec::new(),
        page_size: None,
        forward: true,
        consistent: false,
    }
}

async fn count(dynamo: &SdkDynamo, spec: Spec) -> usize {
    let request = spec.build().expect("valid");
    let mut total = 0;
    let mut start = None;
    loop {
        let page = dynamo
            .page(acct(), request.clone(), start)
            .await
            .unwrap_or_else(|e| panic!("{request:?}: {e}"));
        total += page.items.len();
        start = page.next;
        if start.is_none() {
            return total;
        }
    }
}

fn s(v: &str) -> Value {
    Value::S(v.into())
}

#[tokio::test]
async fn queries_on_the_table_and_an_index_with_every_sort_key_operator() {
    let files =
        AwsFiles::for_test("queries_on_the_table_and_an_index_with_every_sort_key_operator");
    events_table(&files).await;
    let dynamo = adapter(&files);
    let day = |d: u32| s(&format!("2026-11-{d:02}"));
    for (condition, expected) in [
        (SortCondition::Compare(Cmp::Eq, day(5)), 1),
        (SortCondition::Compare(Cmp::Lt, day(5)), 4),
        (SortCondition::Compare(Cmp::Le, day(5)), 5),
        (SortCondition::Compare(Cmp::Gt, day(15)), 5),
        (SortCondition::Compare(Cmp::Ge, day(15)), 6),
        (SortCondition::Between(day(3), day(7)), 5),
        (SortCondition::BeginsWith(s("2026-11-1")), 10),
    ] {
        let label = format!("{condition:?}");
        assert_eq!(
            count(
                &dynamo,
                spec(None, ("user", "u1"), Some(condition.clone()), vec![])
            )
            .await,
            expected,
            "table: {label}"
        );
    }
    assert_eq!(
        count(
            &dynamo,
            spec(Some("by-kind"), ("kind", "click"), None, vec![])
        )
        .await,
        10
    );
    assert_eq!(
        count(
            &dynamo,
            spec(
                Some("by-kind"),
                ("kind", "view"),
                Some(SortCondition::Compare(Cmp::Le, day(9))),
                vec![]
            )
        )
        .await,
        5,
        "index with a sort-key condition"
    );
    // Newest first, one at a time: the first page holds the last day.
    let mut newest = spec(None, ("user", "u1"), None, vec![]);
    newest.forward = false;
    newest.page_size = Some(1);
    let page = dynamo
        .page(acct(), newest.build().unwrap(), None)
        .await
        .expect("page");
    assert_eq!(page.items[0]["at"], day(20));
    assert!(page.next.is_some());
}

#[tokio::test]
async fn filters_with_every_operator_on_reserved_word_attributes() {
    let files = AwsFiles::for_test("filters_with_every_operator_on_reserved_word_attributes");
    events_table(&files).await;
    let dynamo = adapter(&files);
    let n = |v: &str| Value::N(v.into());
    for (filter, expected) in [
        (Filter::Compare("status".into(), Cmp::Eq, s("new")), 5),
        (Filter::Compare("status".into(), Cmp::Ne, s("new")), 15),
        (Filter::Compare("size".into(), Cmp::Lt, n("3")), 2),
        (Filter::Compare("size".into(), Cmp::Le, n("3")), 3),
        (Filter::Compare("size".into(), Cmp::Gt, n("17")), 3),
        (Filter::Compare("size".into(), Cmp::Ge, n("17")), 4),
        (Filter::Between("size".into(), n("4"), n("6")), 3),
        (Filter::BeginsWith("name".into(), s("alpha")), 6),
        (Filter::Contains("tags".into(), s("red")), 5),
        (Filter::Exists("deleted".into()), 2),
        (Filter::NotExists("deleted".into()), 18),
        (Filter::Type("size".into(), "N".into()), 20),
        (Filter::Type("size".into(), "S".into()), 0),
        (Filter::Size("tags".into(), Cmp::Ge, n("2")), 5),
    ] {
        let label = format!("{filter:?}");
        assert_eq!(
            count(&dynamo, spec(None, ("user", "u1"), None, vec![filter])).await,
            expected,
            "{label}"
        );
    }
    let mut either = spec(
        None,
        ("user", "u1"),
        None,
        vec![
            Filter::Compare("size".into(), Cmp::Eq, n("1")),
            Filter::Compare("size".into(), Cmp::Eq, n("20")),
        ],
    );
    either.join = Join::Or;
    assert_eq!(count(&dynamo, either).await, 2);
    let scan = Spec {
        mode: Mode::Scan,
        ..spec(
            None,
            ("user", "u1"),
            None,
            vec![Filter::Compare("status".into(), Cmp::Eq, s("new"))],
        )
    };
    assert_eq!(count(&dynamo, scan).await, 5);
    let mut projected = spec(None, ("user", "u1"), None, vec![]);
    projected.projection = vec!["name".into(), "size".into()];
    let page = dynamo
        .page(acct(), projected.build().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(
        page.items[0].keys().map(String::as_str).collect::<Vec<_>>(),
        ["name", "size"]
    );
}

#[tokio::test]
async fn paging_follows_last_evaluated_key_across_1200_items() {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let files = AwsFiles::for_test("paging_follows_last_evaluated_key_across_1200_items");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    simple_table(&ddb, "events", "user", Some("at")).await;
    let items = (0..1200)
        .map(|i| {
            std::collections::HashMap::from([
                ("user".to_string(), Av::S("u1".into())),
                ("at".to_string(), Av::S(format!("{i:05}"))),
            ])
        })
        .collect();
    batch_put(&ddb, "events", items).await;
    let dynamo = adapter(&files);
    let mut paged = spec(None, ("user", "u1"), None, vec![]);
    paged.page_size = Some(100);
    let request = paged.build().unwrap();
    let (mut pages, mut seen, mut start) = (0, std::collections::BTreeSet::new(), None);
    loop {
        let page = dynamo
            .page(acct(), request.clone(), start)
            .await
            .expect("page");
        pages += 1;
        assert!(page.items.len() <= 100);
        for item in page.items {
            assert!(seen.insert(format!("{:?}", item["at"])), "no item twice");
        }
        start = page.next;
        if start.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 1200);
    assert!(pages >= 12, "{pages} pages");
}

/// The real app on the SDK adapters against this test's account.
#[tokio::test]
async fn the_builder_queries_an_index_and_shows_the_cli_command() {
    let files = AwsFiles::for_test("the_builder_queries_an_index_and_shows_the_cli_command");
    events_table(&files).await;
    let mut h = app_on(&files);
    h.keys(":ddb<Enter>").await;
    assert!(h.screen().contains("events"), "{}", h.screen());
    h.keys("f").await;
    let screen = h.screen();
    assert!(screen.contains("query events"), "{screen}");
    assert!(
        screen.contains("✗ partition key user: the partition key value is empty"),
        "the problem is named before anything is sent: {screen}"
    );
    // Target: the index; its partition key is `kind`.
    h.keys("j<Enter>").await;
    assert!(
        h.screen().contains("global index by-kind (kind S, at S)"),
        "{}",
        h.screen()
    );
    h.keys("j<Enter>click<Enter>").await;
    // Sort key: begins_with 2026-11-1.
    h.keys("j<Enter><Enter><Enter><Enter><Enter><Enter><Enter>j<Enter>2026-11-1<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("#n0 = :v0 AND begins_with(#n1, :v1)"),
        "{screen}"
    );
    assert!(
        screen.contains("aws dynamodb query --table-name 'events' --index-name 'by-kind'"),
        "{screen}"
    );
    // A filter on a reserved word: status = done.
    h.keys("j<Enter>status<Enter>").await;
    h.keys("jjj<Enter>done<Enter>").await;
    assert!(
        h.screen().contains("filter                  #n2 = :v2"),
        "{}",
        h.screen()
    );
    // Without the header: it holds this run's account id and session name.
    let screen = h.screen();
    let body: Vec<&str> = screen.lines().skip(1).collect();
    insta::assert_snapshot!("builder_form_on_an_index", body.join("\n"));
    h.keys("y").await;
    let copied = h.host.actions.iter().find_map(|a| match a {
        HostAction::Copy(text) => Some(text.clone()),
        _ => None,
    });
    assert!(
        copied
            .as_deref()
            .is_some_and(|c| c.contains("--filter-expression '#n2 = :v2'")),
        "{copied:?}"
    );
    h.keys("r").await;
    let screen = h.screen();
    // click days are even; 10–19 → 10, 12, 14, 16, 18; all are done.
    assert!(screen.contains("events · by-kind · query"), "{screen}");
    assert!(screen.contains("[5]"), "{screen}");
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("\"kind\": \"click\""), "{screen}");
    assert!(screen.contains("\"size\": 10"), "{screen}");
}

#[tokio::test]
async fn partiql_selects_show_in_the_results_table_and_writes_are_refused() {
    let files =
        AwsFiles::for_test("partiql_selects_show_in_the_results_table_and_writes_are_refused");
    events_table(&files).await;
    let mut h = app_on(&files);
    // The emulator's PartiQL parser wants spaces around operators.
    h.keys(":partiql SELECT * FROM \"events\" WHERE \"user\" = 'u1'<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("PartiQL · SELECT * FROM \"events\""),
        "{screen}"
    );
    assert!(screen.contains("[20]"), "{screen}");
    assert!(screen.contains("all loaded"), "{screen}");
    h.keys("<Enter>").await;
    assert!(h.screen().contains("\"user\": \"u1\""), "{}", h.screen());
    h.keys("<Esc><Esc>:partiql DELETE FROM \"events\" WHERE \"user\" = 'u1'<Enter>")
        .await;
    assert!(
        h.screen()
            .contains("only SELECT runs from :partiql ('DELETE' changes data)"),
        "{}",
        h.screen()
    );
    let dynamo = adapter(&files);
    let page = dynamo
        .statement(
            acct(),
            "SELECT * FROM \"events\" WHERE \"user\" = 'u1'".into(),
            None,
        )
        .await
        .expect("still there");
    assert_eq!(page.items.len(), 20, "nothing was deleted");
}

#[tokio::test]
async fn exporting_3000_items_writes_every_one_and_never_replaces_a_file_unasked() {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let files = AwsFiles::for_test("exporting_3000_items_writes_every_one");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    simple_table(&ddb, "orders", "id", None).await;
    let items = (0..3000)
        .map(|i| {
            std::collections::HashMap::from([
                ("id".to_string(), Av::S(format!("o-{i:05}"))),
                ("total".to_string(), Av::N(format!("{i}.25"))),
                ("note".to_string(), Av::S(format!("line {i}, \"quoted\""))),
            ])
        })
        .collect();
    batch_put(&ddb, "orders", items).await;
    let out = tempfile::tempdir().unwrap();
    let jsonl = out.path().join("orders.jsonl");
    let mut h = app_on(&files);
    h.keys(":ddb<Enter><Enter>").await;
    assert!(h.screen().contains("[100]"), "{}", h.screen());
    h.keys(&format!("e<C-u>{}<Enter>", jsonl.display())).await;
    assert!(
        h.screen().contains("exported 3,000 items"),
        "{}",
        h.screen()
    );
    let text = std::fs::read_to_string(&jsonl).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&jsonl).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "an export is private");
    let ids: std::collections::BTreeSet<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(text.lines().count(), 3000);
    assert_eq!(ids.len(), 3000, "every item once");

    // The same name again: asked first; "no" leaves the file as it was.
    h.keys(&format!("e<C-u>{}<Enter>", jsonl.display())).await;
    assert!(h.screen().contains("Replace"), "{}", h.screen());
    h.keys("n").await;
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), text);
    let leftovers = std::fs::read_dir(out.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");

    let csv = out.path().join("orders.csv");
    h.keys(&format!("e<C-u>{}<Enter>", csv.display())).await;
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,note,total,_other"));
    assert_eq!(text.lines().count(), 3001);
    assert!(
        text.contains("o-00007,\"line 7, \"\"quoted\"\"\",7.25,"),
        "{}",
        &text[..200]
    );
    h.keys(&format!(
        "e<C-u>{}<Enter>",
        out.path().join("orders.txt").display()
    ))
    .await;
    assert!(
        h.screen().contains("name the file .jsonl"),
        "{}",
        h.screen()
    );
}

/// `orders` (key `id`) holding o1: PAID, a 38-digit total, a string set.
async fn orders_with_one_item(files: &AwsFiles) -> aws_sdk_dynamodb::Client {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    simple_table(&ddb, "orders", "id", None).await;
    ddb.put_item()
        .table_name("orders")
        .item("id", Av::S("o1".into()))
        .item("status", Av::S("PAID".into()))
        .item(
            "total",
            Av::N("12345678901234567890123456789012345678".into()),
        )
        .item("tags", Av::Ss(vec!["gift".into(), "web".into()]))
        .send()
        .await
        .expect("put");
    ddb
}

async fn get_o1(ddb: &aws_sdk_dynamodb::Client) -> Option<awsterm::aws::dynamodb_value::Item> {
    ddb.get_item()
        .table_name("orders")
        .key(
            "id",
            aws_sdk_dynamodb::types::AttributeValue::S("o1".into()),
        )
        .consistent_read(true)
        .send()
        .await
        .expect("get")
        .item()
        .map(item_from_sdk)
}

/// An "editor" that runs `script` on the file (no terminal needed), and the app using it.
fn app_with_editor(files: &AwsFiles, script: &str) -> crate::app_harness::Harness {
    let path = files.dir.path().join("editor.sh");
    std::fs::write(&path, script).unwrap();
    let mut h = app_on(files);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", path.display()));
    h
}

#[tokio::test]
async fn an_edit_shows_the_change_and_writes_only_what_changed() {
    let files = AwsFiles::for_test("an_edit_shows_the_change_and_writes_only_what_changed");
    let ddb = orders_with_one_item(&files).await;
    let mut h = app_with_editor(&files, "sed -i 's/\"PAID\"/\"SHIPPED\"/' \"$1\"\n");
    h.keys(":ddb<Enter><Enter><Enter>E").await;
    let screen = h.screen();
    assert!(screen.contains("Write 1 change to orders?"), "{screen}");
    assert!(screen.contains("~ status: PAID → SHIPPED"), "{screen}");
    h.keys("y").await;
    assert!(h.screen().contains("item saved"), "{}", h.screen());
    assert!(
        h.screen().contains("\"status\": \"SHIPPED\""),
        "the view shows the new item"
    );
    let stored = get_o1(&ddb).await.expect("still there");
    assert_eq!(stored["status"], Value::S("SHIPPED".into()));
    assert_eq!(
        stored["total"],
        Value::N("12345678901234567890123456789012345678".into()),
        "every digit kept"
    );
    let Value::Ss(mut tags) = stored["tags"].clone() else {
        panic!("still a set: {stored:?}")
    };
    tags.sort();
    assert_eq!(tags, ["gift", "web"]);
}

#[tokio::test]
async fn a_change_made_meanwhile_is_reported_never_overwritten() {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let files = AwsFiles::for_test("a_change_made_meanwhile_is_reported_never_overwritten");
    let ddb = orders_with_one_item(&files).await;
    let mut h = app_with_editor(&files, "sed -i 's/\"PAID\"/\"SHIPPED\"/' \"$1\"\n");
    h.keys(":ddb<Enter><Enter><Enter>").await;
    // Someone else changes the item after awsterm read it.
    ddb.update_item()
        .table_name("orders")
        .key("id", Av::S("o1".into()))
        .update_expression("SET #t = :t")
        .expression_attribute_names("#t", "total")
        .expression_attribute_values(":t", Av::N("1".into()))
        .send()
        .await
        .expect("concurrent update");
    h.keys("Ey").await;
    assert!(
        h.screen()
            .contains("the item changed since it was read: nothing written"),
        "{}",
        h.screen()
    );
    let stored = get_o1(&ddb).await.unwrap();
    assert_eq!(
        stored["status"],
        Value::S("PAID".into()),
        "the edit was not written"
    );
    assert_eq!(
        stored["total"],
        Value::N("1".into()),
        "their change survives"
    );
}

#[tokio::test]
async fn a_new_item_never_replaces_an_existing_key_unasked_and_delete_is_typed() {
    let files = AwsFiles::for_test("a_new_item_never_replaces_an_existing_key_unasked");
    let ddb = orders_with_one_item(&files).await;
    let mut h = app_with_editor(
        &files,
        "printf '%s' '{\"id\": {\"S\": \"o1\"}, \"status\": {\"S\": \"NEW\"}}' > \"$1\"\n",
    );
    h.keys(":ddb<Enter><Enter>a").await;
    assert!(
        h.screen().contains("Add this item to orders?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("an item with this key exists; nothing written"),
        "{screen}"
    );
    assert!(screen.contains("type replace and press Enter"), "{screen}");
    h.keys("<Esc>").await;
    assert_eq!(
        get_o1(&ddb).await.unwrap()["status"],
        Value::S("PAID".into()),
        "not clobbered"
    );

    // Delete from the item view: the key must be typed.
    h.keys("<Enter>D").await;
    assert!(
        h.screen().contains("type o1 and press Enter"),
        "{}",
        h.screen()
    );
    h.keys("o2<Enter>").await;
    assert!(get_o1(&ddb).await.is_some(), "a wrong key deletes nothing");
    h.keys("<C-u>o1<Enter>").await;
    assert!(h.screen().contains("item deleted"), "{}", h.screen());
    assert!(get_o1(&ddb).await.is_none());
}

#[tokio::test]
async fn read_only_refuses_item_changes() {
    let files = AwsFiles::for_test("read_only_refuses_item_changes_ddb");
    let ddb = orders_with_one_item(&files).await;
    let mut h = app_with_editor(&files, "sed -i 's/PAID/X/' \"$1\"\n");
    h.app.set_read_only(true);
    h.keys(":ddb<Enter><Enter>").await;
    for key in ["a", "E", "D", "<Enter>E", "D"] {
        h.keys(key).await;
        assert!(
            h.screen().contains("read-only mode"),
            "{key}: {}",
            h.screen()
        );
    }
    assert_eq!(
        get_o1(&ddb).await.unwrap()["status"],
        Value::S("PAID".into())
    );
    assert!(
        !h.host
            .actions
            .iter()
            .any(|a| matches!(a, HostAction::Exec(_))),
        "no editor was started"
    );
}

#[tokio::test]
async fn hand_written_expressions_run_after_their_placeholders_are_checked() {
    let files =
        AwsFiles::for_test("hand_written_expressions_run_after_their_placeholders_are_checked");
    events_table(&files).await;
    let mut h = app_on(&files);
    h.keys(":ddb<Enter>fGk<Enter>").await;
    assert!(h.screen().contains("‹written by hand›"), "{}", h.screen());
    h.keys("<Home>jj<Enter>#u = :u<Enter>").await;
    h.keys("j<Enter>#s = :a<Enter>").await;
    h.keys("jj<Enter><C-u>{\"#u\": \"user\", \"#s\": \"status\"}<Enter>")
        .await;
    h.keys("j<Enter><C-u>{\":u\": {\"S\": \"u1\"}}<Enter>")
        .await;
    assert!(
        h.screen().contains(":a is used but not defined in values"),
        "{}",
        h.screen()
    );
    h.keys("<Enter><C-u>{\":u\": {\"S\": \"u1\"}, \":a\": {\"S\": \"new\"}}<Enter>")
        .await;
    h.keys("r").await;
    let screen = h.screen();
    assert!(screen.contains("events · query"), "{screen}");
    assert!(screen.contains("[5]"), "the five new events: {screen}");
}

#[tokio::test]
async fn queries_are_saved_remembered_and_reopened_as_they_were() {
    use awsterm::saved_queries::QueryFiles;
    let files = AwsFiles::for_test("queries_are_saved_remembered_and_reopened");
    events_table(&files).await;
    let mut h = app_on(&files);
    let queries = QueryFiles {
        saved: Some(files.dir.path().join("xdg-config/awsterm/queries.toml")),
        history: Some(files.dir.path().join("state/query-history.toml")),
    };
    h.app.set_query_files(queries.clone());
    // Index by-kind, kind = view: 10 items.
    h.keys(":ddb<Enter>fj<Enter>j<Enter>view<Enter>").await;
    h.keys("w").await;
    assert!(
        h.screen().contains("Save this query of events as"),
        "{}",
        h.screen()
    );
    h.keys("views<Enter>").await;
    assert!(h.screen().contains("saved 'views'"), "{}", h.screen());
    h.keys("r").await;
    assert!(h.screen().contains("[10]"), "{}", h.screen());
    // A fresh builder, then the saved query back.
    h.keys("<Esc><Esc>fo").await;
    let screen = h.screen();
    assert!(screen.contains("saved   views"), "{screen}");
    assert!(screen.contains("recent"), "{screen}");
    assert!(screen.contains("query by-kind · = view"), "{screen}");
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("global index by-kind"), "{screen}");
    assert!(screen.contains("view"), "{screen}");
    h.keys("r").await;
    assert!(
        h.screen().contains("events · by-kind · query"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("[10]"), "{}", h.screen());
    let saved = std::fs::read_to_string(queries.saved.unwrap()).unwrap();
    assert!(saved.contains("name = \"views\""), "{saved}");
}

/// An edit saved from the item view is what the item view, the list row and the item reopened
/// from the list show; the next edit starts from it (so it is checked against what is really
/// there), and `C-r` reads the item again.
#[tokio::test]
async fn a_saved_edit_is_shown_everywhere_and_c_r_rereads_the_item() {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    let files = AwsFiles::for_test("a_saved_edit_is_shown_everywhere_and_c_r_rereads");
    let ddb = orders_with_one_item(&files).await;
    // First edit PAID → SHIPPED, the next SHIPPED → DELIVERED.
    let mut h = app_with_editor(
        &files,
        "sed -i -e 's/\"SHIPPED\"/\"DELIVERED\"/' -e 's/\"PAID\"/\"SHIPPED\"/' \"$1\"\n",
    );
    h.keys(":ddb<Enter><Enter><Enter>Ey").await;
    assert!(h.screen().contains("item saved"), "{}", h.screen());
    assert!(
        h.screen().contains("\"status\": \"SHIPPED\""),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    let list = h.screen();
    assert!(
        list.contains("SHIPPED") && !list.contains("PAID"),
        "the row: {list}"
    );
    h.keys("<Enter>").await;
    assert!(
        h.screen().contains("\"status\": \"SHIPPED\""),
        "reopened: {}",
        h.screen()
    );

    h.keys("Ey").await;
    let screen = h.screen();
    assert!(screen.contains("item saved"), "{screen}");
    assert!(!screen.contains("answer was lost"), "{screen}");
    assert!(screen.contains("\"status\": \"DELIVERED\""), "{screen}");
    assert_eq!(
        get_o1(&ddb).await.unwrap()["status"],
        Value::S("DELIVERED".into())
    );

    // Someone else changes the item; C-r shows it, and the list row follows.
    ddb.update_item()
        .table_name("orders")
        .key("id", Av::S("o1".into()))
        .update_expression("SET #s = :s, #n = :n")
        .expression_attribute_names("#s", "status")
        .expression_attribute_names("#n", "note")
        .expression_attribute_values(":s", Av::S("RETURNED".into()))
        .expression_attribute_values(":n", Av::S("by phone".into()))
        .send()
        .await
        .expect("concurrent update");
    h.keys("<C-r>").await;
    let screen = h.screen();
    assert!(screen.contains("\"status\": \"RETURNED\""), "{screen}");
    assert!(screen.contains("\"note\": \"by phone\""), "{screen}");
    assert!(screen.contains("re-read: the item has changed"), "{screen}");
    h.keys("<C-r>").await;
    assert!(h.screen().contains("re-read: unchanged"), "{}", h.screen());
    h.keys("<Esc>").await;
    assert!(h.screen().contains("RETURNED"), "the row: {}", h.screen());
}

/// A change deep inside a map or a list is shown by its path and written to that path only:
/// the rest of the map (and of the list element) stays as it is.
#[tokio::test]
async fn nested_changes_are_shown_by_path_and_written_in_place() {
    use aws_sdk_dynamodb::types::AttributeValue as Av;
    use std::collections::HashMap;
    let files = AwsFiles::for_test("nested_changes_are_shown_by_path_and_written_in_place");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    simple_table(&ddb, "orders", "id", None).await;
    let m = |pairs: &[(&str, Av)]| {
        Av::M(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<HashMap<_, _>>(),
        )
    };
    let line = |sku: &str, qty: &str| m(&[("sku", Av::S(sku.into())), ("qty", Av::N(qty.into()))]);
    let address = m(&[
        ("city", Av::S("Springfield".into())),
        ("zip", Av::S("49007".into())),
    ]);
    ddb.put_item()
        .table_name("orders")
        .item("id", Av::S("o1".into()))
        .item(
            "shipping",
            m(&[("address", address), ("carrier", Av::S("ups".into()))]),
        )
        .item(
            "items",
            Av::L(vec![line("a", "1"), line("b", "3"), line("c", "7")]),
        )
        .send()
        .await
        .expect("put");
    let mut h = app_with_editor(
        &files,
        "sed -i -e 's/\"Springfield\"/\"Shelbyville\"/' -e 's/\"7\"/\"9\"/' \"$1\"\n",
    );
    h.keys(":ddb<Enter><Enter><Enter>E").await;
    let screen = h.screen();
    assert!(screen.contains("Write 2 changes to orders?"), "{screen}");
    assert!(screen.contains("~ items[2].qty: 7 → 9"), "{screen}");
    assert!(
        screen.contains("~ shipping.address.city: Springfield → Shelbyville"),
        "{screen}"
    );
    h.keys("y").await;
    assert!(h.screen().contains("item saved"), "{}", h.screen());
    let stored = get_o1(&ddb).await.expect("still there");
    let Value::M(shipping) = &stored["shipping"] else {
        panic!("{stored:?}")
    };
    let Value::M(address) = &shipping["address"] else {
        panic!("{shipping:?}")
    };
    assert_eq!(address["city"], Value::S("Shelbyville".into()));
    assert_eq!(address["zip"], Value::S("49007".into()), "kept");
    assert_eq!(shipping["carrier"], Value::S("ups".into()), "kept");
    let Value::L(items) = &stored["items"] else {
        panic!("{stored:?}")
    };
    let qty = |i: usize| match &items[i] {
        Value::M(line) => line["qty"].clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        [qty(0), qty(1), qty(2)],
        [
            Value::N("1".into()),
            Value::N("3".into()),
            Value::N("9".into())
        ]
    );
}
