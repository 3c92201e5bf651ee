//! Every list view at 80×24 and at 80×23 (a 24-row terminal under a tmux status bar), on the
//! in-memory fakes with long, realistic names: the column that identifies a row is whole or
//! cut in the middle with its distinguishing end kept, and the row's state is on screen.

use crate::app_harness::{Harness, options, profile, two_profiles};
use crate::app_snapshots::{audited, masked};
use awsterm::aws::dynamodb::{KeyAttr, Table};
use awsterm::aws::dynamodb_value::Value;
use awsterm::aws::ec2::Instance;
use awsterm::aws::ec2::SecurityGroup;
use awsterm::aws::ec2_inventory::EbsVolume;
use awsterm::aws::fake::{
    FakeContexts, FakeDynamo, FakeEc2, FakeLambda, FakeLogs, FakeRds, FakeS3, FakeSts, adapters,
    adapters_with,
};
use awsterm::aws::profiles::{CredentialKind, ProfileInfo};
use awsterm::aws::rds::{Database, Kind, Snapshot};
use awsterm::aws::s3::ObjectVersion;
use std::collections::BTreeMap;

/// The sizes every view is drawn at.
const SIZES: [(u16, u16); 2] = [(80, 24), (80, 23)];

/// Whether `value` tells its row apart on `screen`: whole, cut at the end after the longest
/// start it shares with another of `values`, or cut in the middle as `head…tail` where tail
/// holds every character after that shared start.
fn is_identified(screen: &str, value: &str, values: &[&str]) -> bool {
    if screen.contains(value) {
        return true;
    }
    let shared = values
        .iter()
        .filter(|other| **other != value)
        .map(|other| {
            value
                .chars()
                .zip(other.chars())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    let chars: Vec<char> = value.chars().collect();
    let end_cut = (shared + 1..chars.len()).any(|head| {
        let cut: String = chars[..head].iter().chain(['…'].iter()).collect();
        screen.contains(&format!("{cut} ")) || screen.contains(&format!("{cut}│"))
    });
    end_cut
        || (1..chars.len()).any(|head| {
            (head + 1..=shared.min(chars.len() - 1)).any(|tail| {
                let cut: String = chars[..head]
                    .iter()
                    .chain(['…'].iter())
                    .chain(chars[tail..].iter())
                    .collect();
                screen.contains(&cut)
            })
        })
}

/// Every value of `values` identifies its row on `screen`.
fn assert_identified(screen: &str, values: &[&str]) {
    for value in values {
        assert!(
            is_identified(screen, value, values),
            "{value} is not told apart from the others: {screen}"
        );
    }
}

/// The table's column titles (the line under the title bar).
fn titles(screen: &str) -> Vec<String> {
    let line = screen.lines().nth(2).unwrap_or_default();
    line.trim_matches('"')
        .trim_matches('│')
        .split("  ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

fn assert_columns(screen: &str, wanted: &[&str]) {
    let shown = titles(screen);
    for title in wanted {
        assert!(
            shown.iter().any(|t| t == title),
            "{title} missing from {shown:?}: {screen}"
        );
    }
}

/// Draws the view `keys` opens at each size in `SIZES`, snapshots it as `name@WxH`, and
/// hands each screen to `check`.
async fn at_each_size(
    name: &str,
    setup: impl Fn(u16, u16) -> Harness,
    keys: &str,
    check: impl Fn(&str),
) {
    for (width, height) in SIZES {
        let mut h = setup(width, height);
        h.keys(keys).await;
        let screen = h.screen();
        assert!(!screen.contains("terminal too small"), "{screen}");
        check(&screen);
        insta::assert_snapshot!(format!("{name}@{width}x{height}"), screen);
    }
}

/// The app in profile `dev` on `adapters`, `width`×`height`.
fn on_dev(adapters: awsterm::aws::Adapters, width: u16, height: u16) -> Harness {
    Harness::sized(options(two_profiles(), "dev"), adapters, width, height)
}

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/awsterm")
}

const WORKER_IDS: [&str; 10] = [
    "i-0a7c3e91d2b4f6081",
    "i-02c3f8a9b1d4e5f62",
    "i-0b2c9d3e4f5a6b7c3",
    "i-0c8e7f02a3c4b5d63",
    "i-0d1e2f3a4b5c6d7e8",
    "i-02c39e8d7c6b5a4f3",
    "i-0e9f8a7b6c5d4e3f2",
    "i-0f0e1d2c3b4a59687",
    "i-012c3a4b5c6d7e8f9",
    "i-0123456789abcdef0",
];

fn worker_names() -> Vec<String> {
    workers_named("dev-payments-api-worker-node")
}

fn workers_named(start: &str) -> Vec<String> {
    (1..=10).map(|n| format!("{start}-{n:02}")).collect()
}

/// Ten workers sharing a long name start, one of them stopped.
fn workers() -> FakeEc2 {
    workers_from(worker_names())
}

fn workers_from(names: Vec<String>) -> FakeEc2 {
    FakeEc2::with(
        names
            .into_iter()
            .zip(WORKER_IDS)
            .enumerate()
            .map(|(n, (name, id))| Instance {
                id: id.into(),
                state: if n == 6 { "stopped" } else { "running" }.into(),
                instance_type: "m6i.2xlarge".into(),
                az: "us-east-1a".into(),
                private_ip: Some(format!("10.0.{n}.17")),
                public_ip: None,
                launched: None,
                key_name: Some("ops".into()),
                tags: vec![("Name".into(), name)],
            })
            .collect(),
    )
}

fn ec2_app(width: u16, height: u16) -> Harness {
    on_dev(adapters(sts()).with_ec2(workers()), width, height)
}

#[tokio::test]
async fn ec2_instances_sharing_a_long_name_start_are_told_apart() {
    at_each_size("ec2", ec2_app, ":ec2<Enter>", |screen| {
        let names = worker_names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_identified(screen, &names);
        assert_identified(screen, &WORKER_IDS);
        assert_columns(screen, &["NAME", "ID", "STATE"]);
        assert!(screen.contains("stopped"), "{screen}");
    })
    .await;
}

const LONG_WORKER_START: &str = "dev-payments-api-worker-node-group-blue-eu-west-1-spot";

#[tokio::test]
async fn ec2_names_too_long_for_80_columns_keep_their_number() {
    let setup = |width, height| {
        let ec2 = workers_from(workers_named(LONG_WORKER_START));
        on_dev(adapters(sts()).with_ec2(ec2), width, height)
    };
    at_each_size("ec2_long_names", setup, ":ec2<Enter>", |screen| {
        let names = workers_named(LONG_WORKER_START);
        assert!(!screen.contains(&names[0]), "cut at 80 columns: {screen}");
        assert_identified(screen, &strs(&names));
        assert!(
            screen.contains("…") && screen.contains("-spot-07 "),
            "{screen}"
        );
        assert_columns(screen, &["NAME", "ID", "STATE"]);
    })
    .await;
}

/// Two profiles, each with its own workers.
fn across_app(width: u16, height: u16) -> Harness {
    let fakes = FakeContexts::default()
        .ec2("dev", workers())
        .ec2("prod", workers());
    on_dev(adapters(sts()).with_contexts(fakes), width, height)
}

#[tokio::test]
async fn ec2_across_profiles_shows_where_id_and_state() {
    at_each_size(
        "ec2_across_profiles",
        across_app,
        ":ec2 @profiles dev prod<Enter>",
        |screen| {
            assert_columns(screen, &["NAME", "ID", "STATE"]);
            assert!(screen.contains("running"), "{screen}");
            let shown = titles(screen);
            assert!(
                shown.iter().any(|t| t == "PROFILE"),
                "where each row comes from: {shown:?}"
            );
        },
    )
    .await;
}

const DATABASE_IDS: [&str; 4] = [
    "payments-ledger-primary-eu-west-1-prod",
    "payments-ledger-replica-eu-west-1-prod",
    "orders-reporting-warehouse-aurora-cluster",
    "customer-profiles-postgres-analytics-01",
];

fn rds() -> FakeRds {
    let databases = DATABASE_IDS
        .iter()
        .enumerate()
        .map(|(n, id)| Database {
            kind: if n == 2 {
                Kind::Cluster
            } else {
                Kind::Instance
            },
            id: id.to_string(),
            engine: "aurora-postgresql".into(),
            engine_version: "16.4".into(),
            class: "db.r6g.2xlarge".into(),
            status: if n == 1 { "stopped" } else { "available" }.into(),
            host: Some(format!("{id}.abc123xyz.eu-west-1.rds.amazonaws.com")),
            port: Some(5432),
            storage_gib: Some(500),
            ..Database::default()
        })
        .collect();
    let rds = FakeRds::with(databases);
    *rds.snapshots.lock().unwrap() = (1..=6)
        .map(|n| Snapshot {
            kind: Kind::Instance,
            id: format!("rds:payments-ledger-primary-eu-west-1-prod-2026-11-2{n}-03-05"),
            db_id: DATABASE_IDS[0].into(),
            status: if n == 6 { "creating" } else { "available" }.into(),
            snapshot_type: "automated".into(),
            storage_gib: Some(500),
            created: Some(1_763_856_000 + i64::from(n) * 86_400),
            engine: "aurora-postgresql".into(),
            progress: Some(if n == 6 { 40 } else { 100 }),
            arn: String::new(),
        })
        .collect();
    rds
}

fn rds_app(width: u16, height: u16) -> Harness {
    on_dev(adapters(sts()).with_rds(rds()), width, height)
}

#[tokio::test]
async fn rds_identifiers_are_whole_with_their_status() {
    at_each_size("rds", rds_app, ":rds<Enter>", |screen| {
        assert_identified(screen, &DATABASE_IDS);
        assert_columns(screen, &["IDENTIFIER", "STATUS"]);
        assert!(screen.contains("stopped"), "{screen}");
    })
    .await;
}

#[tokio::test]
async fn rds_snapshot_names_keep_their_dates() {
    at_each_size("rds_snapshots", rds_app, ":rds<Enter>jjN", |screen| {
        let names: Vec<String> = (1..=6)
            .map(|n| format!("rds:payments-ledger-primary-eu-west-1-prod-2026-11-2{n}-03-05"))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_identified(screen, &names);
        assert_columns(screen, &["SNAPSHOT", "STATUS"]);
        assert!(screen.contains("● available"), "{screen}");
    })
    .await;
}

/// Six functions (or groups, tables…) whose names share a long start and end in a shard.
fn sharded(start: &str) -> Vec<String> {
    (1..=6).map(|n| format!("{start}-shard-{n:02}")).collect()
}

fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

const FUNCTION_START: &str = "payments-settlement-batch-processor-eu-west-1-production";

fn lambda_app(width: u16, height: u16) -> Harness {
    let lambda = sharded(FUNCTION_START)
        .iter()
        .fold(FakeLambda::default(), |l, name| {
            l.function(name, "python3.12", &[])
        });
    on_dev(adapters(sts()).with_lambda(lambda), width, height)
}

#[tokio::test]
async fn lambda_names_keep_their_shard() {
    at_each_size("lambda", lambda_app, ":lambda<Enter>", |screen| {
        assert_identified(screen, &strs(&sharded(FUNCTION_START)));
        assert_columns(screen, &["NAME", "RUNTIME"]);
        assert!(screen.contains('…'), "cut names say so: {screen}");
    })
    .await;
}

const BUCKET_START: &str = "acme-corp-payments-data-lake-raw-eu-west-1-production";
const OBJECT_KEYS: [&str; 4] = [
    "2026/11/23/payments-settlement-export-part-00001-of-00012.csv.gz",
    "2026/11/23/payments-settlement-export-part-00002-of-00012.csv.gz",
    "2026/11/23/payments-settlement-export-part-00003-of-00012.csv.gz",
    "2026/11/23/payments-settlement-export-manifest.json",
];
const VERSION_IDS: [&str; 3] = [
    "3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
    "RnEbRPLc0hXpmGLMqYy.7rBPCEGKRAOe0lBO0XYL.OiK1YfIfdp0qsG5t4cvWxYV",
    "null",
];

fn s3_app(width: u16, height: u16) -> Harness {
    let objects: Vec<(&str, i64)> = OBJECT_KEYS.iter().map(|k| (*k, 52_428_800)).collect();
    let mut s3 = sharded(BUCKET_START)
        .iter()
        .fold(FakeS3::default(), |s3, name| s3.bucket(name, &objects));
    s3.versions.insert(
        OBJECT_KEYS[0].into(),
        VERSION_IDS
            .iter()
            .enumerate()
            .map(|(n, id)| ObjectVersion {
                key: OBJECT_KEYS[0].into(),
                version_id: id.to_string(),
                latest: n == 0,
                delete_marker: n == 1,
                size: 52_428_800,
                last_modified: Some(1_763_856_000 - n as i64 * 3600),
            })
            .collect(),
    );
    on_dev(adapters_with(sts(), s3), width, height)
}

#[tokio::test]
async fn s3_bucket_names_keep_their_shard() {
    at_each_size("s3_buckets", s3_app, ":s3<Enter>", |screen| {
        assert_identified(screen, &strs(&sharded(BUCKET_START)));
        assert_columns(screen, &["BUCKET", "REGION"]);
    })
    .await;
}

#[tokio::test]
async fn s3_object_keys_keep_their_part_numbers() {
    at_each_size(
        "s3_objects",
        s3_app,
        ":s3<Enter><Enter><Enter><Enter><Enter>",
        |screen| {
            let names: Vec<&str> = OBJECT_KEYS
                .iter()
                .map(|k| k.trim_start_matches("2026/11/23/"))
                .collect();
            assert_identified(screen, &names);
            assert_columns(screen, &["NAME", "SIZE"]);
        },
    )
    .await;
}

#[tokio::test]
async fn s3_version_ids_are_whole_with_latest_and_delete_marker() {
    at_each_size(
        "s3_versions",
        s3_app,
        ":s3<Enter><Enter><Enter><Enter><Enter>jv",
        |screen| {
            assert_identified(screen, &VERSION_IDS);
            assert!(screen.contains("latest"), "{screen}");
            assert!(screen.contains("delete marker"), "{screen}");
        },
    )
    .await;
}

const TABLE_START: &str = "payments-ledger-transactions-eu-west-1-production-v2";

fn dynamodb_app(width: u16, height: u16) -> Harness {
    let tables = sharded(TABLE_START)
        .into_iter()
        .enumerate()
        .map(|(n, name)| Table {
            arn: format!("arn:aws:dynamodb:us-east-1:111111111111:table/{name}"),
            name,
            status: if n == 2 { "UPDATING" } else { "ACTIVE" }.into(),
            item_count: Some(1_250_000),
            size_bytes: Some(812_000_000),
            billing: "PAY_PER_REQUEST".into(),
            partition: KeyAttr {
                name: "account_id".into(),
                kind: "S".into(),
            },
            sort: Some(KeyAttr {
                name: "transaction_ts".into(),
                kind: "S".into(),
            }),
            ..Table::default()
        })
        .collect::<Vec<_>>();
    let items = (0..30)
        .map(|i| {
            BTreeMap::from([
                (
                    "account_id".to_string(),
                    Value::S(format!("acct-7f3e9c2a-4b1d-4e8f-9a6c-{i:012}")),
                ),
                (
                    "transaction_ts".to_string(),
                    Value::S(format!("2026-11-23T10:{:02}:00.000Z", i % 60)),
                ),
                ("status".to_string(), Value::S("SETTLED".into())),
            ])
        })
        .collect();
    let first = tables[0].name.clone();
    let dynamodb = FakeDynamo {
        tables,
        items: vec![(first, items)],
        ..FakeDynamo::default()
    };
    on_dev(adapters(sts()).with_dynamodb(dynamodb), width, height)
}

#[tokio::test]
async fn dynamodb_table_names_keep_their_shard_and_status() {
    at_each_size("dynamodb_tables", dynamodb_app, ":ddb<Enter>", |screen| {
        assert_identified(screen, &strs(&sharded(TABLE_START)));
        assert_columns(screen, &["TABLE", "STATUS"]);
        assert!(screen.contains("updating"), "{screen}");
    })
    .await;
}

#[tokio::test]
async fn dynamodb_items_show_their_whole_keys() {
    at_each_size(
        "dynamodb_items",
        dynamodb_app,
        ":ddb<Enter><Enter>",
        |screen| {
            let keys: Vec<String> = (0..5)
                .map(|i| format!("acct-7f3e9c2a-4b1d-4e8f-9a6c-{i:012}"))
                .collect();
            assert_identified(screen, &strs(&keys));
            assert_columns(screen, &["account_id", "transaction_ts"]);
            assert!(
                screen.contains("2026-11-23T10:04:00.000Z"),
                "the sort key whole: {screen}"
            );
        },
    )
    .await;
}

const GROUP_START: &str = "/aws/lambda/payments-settlement-batch-processor-eu-west-1";

fn logs_app(width: u16, height: u16) -> Harness {
    let groups = sharded(GROUP_START);
    let logs = groups
        .iter()
        .fold(FakeLogs::default(), |logs, group| logs.group(group));
    let logs = (0..8).fold(logs, |logs, n| {
        logs.stream(
            &groups[0],
            &format!("2026/11/23/[$LATEST]0f3c9a1e7b2d4c6f8a0e1b3d5c7f9a{n:02}"),
            1_763_856_000_000 + n * 60_000,
        )
    });
    on_dev(adapters(sts()).with_logs(logs), width, height)
}

#[tokio::test]
async fn log_group_names_keep_their_shard() {
    at_each_size("logs_groups", logs_app, ":logs<Enter>", |screen| {
        assert_identified(screen, &strs(&sharded(GROUP_START)));
        assert_columns(screen, &["NAME", "RETENTION"]);
    })
    .await;
}

#[tokio::test]
async fn log_stream_names_keep_their_distinct_end() {
    at_each_size("logs_streams", logs_app, ":logs<Enter><Enter>", |screen| {
        let streams: Vec<String> = (0..8)
            .map(|n| format!("2026/11/23/[$LATEST]0f3c9a1e7b2d4c6f8a0e1b3d5c7f9a{n:02}"))
            .collect();
        assert_identified(screen, &strs(&streams));
        assert_columns(screen, &["STREAM", "LAST EVENT"]);
    })
    .await;
}

fn groups() -> Vec<SecurityGroup> {
    sharded("eks-cluster-sg-payments-platform-prod-eu-west-1")
        .into_iter()
        .enumerate()
        .map(|(n, name)| SecurityGroup {
            id: format!("sg-0a1b2c3d4e5f6071{n}"),
            name,
            description: "EKS created security group applied to ENI attached to nodes".into(),
            vpc_id: Some("vpc-0123456789abcdef0".into()),
            inbound: Vec::new(),
            outbound: Vec::new(),
            tags: Vec::new(),
        })
        .collect()
}

fn volumes() -> Vec<EbsVolume> {
    sharded("payments-ledger-postgres-data-eu-west-1-prod")
        .into_iter()
        .enumerate()
        .map(|(n, name)| EbsVolume {
            id: format!("vol-0a1b2c3d4e5f6071{n}"),
            size_gib: Some(500),
            volume_type: "gp3".into(),
            state: if n == 3 { "available" } else { "in-use" }.into(),
            az: "eu-west-1a".into(),
            tags: vec![("Name".into(), name)],
            ..EbsVolume::default()
        })
        .collect()
}

fn inventory_app(width: u16, height: u16) -> Harness {
    let ec2 = FakeEc2 {
        groups: groups(),
        volumes: std::sync::Arc::new(std::sync::Mutex::new(volumes())),
        ..FakeEc2::default()
    };
    on_dev(adapters(sts()).with_ec2(ec2), width, height)
}

#[tokio::test]
async fn security_groups_show_id_and_name() {
    at_each_size("security_groups", inventory_app, ":sg<Enter>", |screen| {
        let ids: Vec<String> = (0..6).map(|n| format!("sg-0a1b2c3d4e5f6071{n}")).collect();
        assert_identified(screen, &strs(&ids));
        assert_identified(
            screen,
            &strs(&sharded("eks-cluster-sg-payments-platform-prod-eu-west-1")),
        );
        assert_columns(screen, &["GROUP ID", "NAME"]);
    })
    .await;
}

#[tokio::test]
async fn volumes_show_id_name_and_state() {
    at_each_size("volumes", inventory_app, ":volumes<Enter>", |screen| {
        let ids: Vec<String> = (0..6).map(|n| format!("vol-0a1b2c3d4e5f6071{n}")).collect();
        assert_identified(screen, &strs(&ids));
        assert_identified(
            screen,
            &strs(&sharded("payments-ledger-postgres-data-eu-west-1-prod")),
        );
        assert_columns(screen, &["VOLUME ID", "STATE"]);
        assert!(screen.contains("available"), "{screen}");
    })
    .await;
}

/// Profiles named the way organisations name them: long, sharing a start.
fn long_profiles() -> Vec<ProfileInfo> {
    let mut profiles = two_profiles();
    for n in 1..=4 {
        profiles.push(profile(
            &format!("acme-payments-platform-production-admin-{n:02}"),
            Some("eu-west-1"),
            CredentialKind::Sso,
        ));
    }
    profiles
}

fn contexts_app(width: u16, height: u16) -> Harness {
    Harness::sized(
        options(long_profiles(), "dev"),
        adapters(sts()),
        width,
        height,
    )
}

#[tokio::test]
async fn profiles_keep_their_distinct_end() {
    at_each_size("contexts", contexts_app, "", |screen| {
        let names: Vec<String> = (1..=4)
            .map(|n| format!("acme-payments-platform-production-admin-{n:02}"))
            .collect();
        assert_identified(screen, &strs(&names));
        assert_columns(screen, &["PROFILE", "REGION"]);
    })
    .await;
}

#[tokio::test]
async fn regions_show_code_and_location() {
    at_each_size("regions", contexts_app, ":regions<Enter>", |screen| {
        assert!(screen.contains("ap-southeast-2"), "{screen}");
        assert_columns(screen, &["REGION", "LOCATION"]);
    })
    .await;
}

#[tokio::test]
async fn audit_shows_operation_and_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let log = [
        audited(
            "1.a-1",
            "2026-11-23T09:58:01.120Z",
            "acme-payments-platform-production-admin-01",
            ("ec2", "TerminateInstances"),
            "i-0a7c3e91d2b4f6081",
            "ok",
        ),
        audited(
            "1.a-2",
            "2026-11-23T09:59:30.000Z",
            "acme-payments-platform-production-admin-02",
            ("dynamodb", "UpdateItem"),
            "payments-ledger-transactions-eu-west-1-production-v2-shard-01",
            "failed",
        ),
    ]
    .concat();
    std::fs::write(&path, log).unwrap();
    let setup = |width, height| {
        let mut o = options(long_profiles(), "dev");
        o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
        Harness::sized(o, adapters(sts()), width, height)
    };
    for (width, height) in SIZES {
        let mut h = setup(width, height);
        h.keys(":audit<Enter>").await;
        let screen = masked(
            &h.screen(),
            &path.display().to_string(),
            "<state>/audit.jsonl",
        );
        assert_columns(&screen, &["TIME (UTC)", "OUTCOME", "OPERATION"]);
        assert!(screen.contains("ec2 TerminateInstances"), "{screen}");
        assert!(screen.contains("dynamodb UpdateItem"), "{screen}");
        assert!(screen.contains("failed"), "{screen}");
        insta::assert_snapshot!(format!("audit@{width}x{height}"), screen);
    }
}

/// 80×20 is the least awsterm draws in: a list keeps its rows and the query builder every
/// field; one row less says the terminal is too small.
#[tokio::test]
async fn eighty_by_twenty_is_the_least() {
    let mut h = dynamodb_app(80, 20);
    h.keys(":ddb<Enter>f").await;
    let screen = h.screen();
    assert!(!screen.contains("terminal too small"), "{screen}");
    for field in [
        "mode",
        "account_id =",
        "add a filter",
        "page size",
        "consistent read",
        "expressions",
        "▶ run",
    ] {
        assert!(screen.contains(field), "{field}: {screen}");
    }
    insta::assert_snapshot!("query_builder@80x20", screen);
    let mut h = dynamodb_app(80, 19);
    h.keys(":ddb<Enter>").await;
    assert!(h.screen().contains("terminal too small"), "{}", h.screen());
}
