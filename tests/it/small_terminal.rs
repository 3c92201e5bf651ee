//! Every list view at 80×24 and at 80×23 (a 24-row terminal under a tmux status bar), on the
//! in-memory fakes with long, realistic names: the column that identifies a row is whole or
//! cut in the middle with its distinguishing end kept, and the row's state is on screen.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeRds, FakeSts, adapters};
use awsterm::aws::rds::{Database, Kind, Snapshot};

/// The sizes every view is drawn at.
const SIZES: [(u16, u16); 2] = [(80, 24), (80, 23)];

/// The start an identifying value shows when its column is too narrow: `head…tail`, where
/// head is a start of the value and tail an end of it holding every character after the
/// longest start it shares with another of `values`.
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
    (1..chars.len()).any(|head| {
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
    (1..=10)
        .map(|n| format!("dev-payments-api-worker-node-{n:02}"))
        .collect()
}

/// Ten workers sharing a long name start, one of them stopped.
fn workers() -> FakeEc2 {
    FakeEc2::with(
        worker_names()
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
    Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_ec2(workers()),
        width,
        height,
    )
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

/// Two profiles, each with its own workers.
fn across_app(width: u16, height: u16) -> Harness {
    let fakes = FakeContexts::default()
        .ec2("dev", workers())
        .ec2("prod", workers());
    Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_contexts(fakes),
        width,
        height,
    )
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
            kind: if n == 2 { Kind::Cluster } else { Kind::Instance },
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
    Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_rds(rds()),
        width,
        height,
    )
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
