//! The EC2 and RDS views on in-memory adapters: lifecycle actions through their dialogs,
//! permission checks, read-only mode, live state polling, snapshots.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeEc2, FakeRds, FakeSts, adapters};
use awsterm::aws::rds::{Database, Kind};
use awsterm::aws::{AwsError, ErrorKind};
use std::time::Duration;

fn instance(id: &str, name: &str, state: &str, env: &str) -> Instance {
    Instance {
        id: id.into(),
        state: state.into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: Some(format!("192.0.2.{}", id.len())),
        public_ip: (name == "web-01").then(|| "54.0.0.11".to_string()),
        launched: None,
        key_name: Some("ops".into()),
        tags: vec![("Name".into(), name.into()), ("Env".into(), env.into())],
    }
}

fn fleet() -> FakeEc2 {
    FakeEc2::with(vec![
        instance("i-0a1", "web-01", "running", "prod"),
        instance("i-0a2", "api-01", "running", "dev"),
        instance("i-0a3", "batch-01", "stopped", "prod"),
        instance("i-0a4", "old-01", "terminated", "dev"),
    ])
}

fn with_ec2(ec2: FakeEc2) -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_ec2(ec2)
}

fn calls(list: &std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> Vec<String> {
    list.lock().unwrap().clone()
}

#[tokio::test]
async fn instances_show_their_state_in_words_and_symbols_and_filter_server_side() {
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(fleet()));
    h.keys(":ec2<Enter>").await;
    insta::assert_snapshot!(h.screen());
    h.keys(":filter state=running<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("EC2 instances · state=running [2]"),
        "{screen}"
    );
    assert!(!screen.contains("batch-01"));
    h.keys(":filter colour=red<Enter>").await;
    assert!(
        h.screen().contains("unknown filter 'colour'"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    assert!(
        h.screen().contains("EC2 instances [4]"),
        "Esc clears the server filter"
    );
    h.keys("/batch<Enter>").await;
    assert!(h.screen().contains("[1/4]"), "{}", h.screen());
}

#[tokio::test]
async fn stop_checks_asks_reports_and_watches_until_settled() {
    let ec2 = fleet();
    let (log, polls) = (ec2.calls.clone(), ec2.polls.clone());
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>_").await;
    let screen = h.screen();
    assert!(screen.contains("Stop instance i-0a1?"), "{screen}");
    assert!(screen.contains("web-01 (running)"), "{screen}");
    assert_eq!(
        calls(&log),
        ["dry-run stop i-0a1"],
        "asked only after the dry run"
    );
    h.keys("y").await;
    assert_eq!(calls(&log), ["dry-run stop i-0a1", "stop i-0a1"]);
    let screen = h.screen();
    assert!(screen.contains("◐ stopping"), "{screen}");
    assert!(screen.contains("1 changing, watching"), "{screen}");
    assert!(screen.contains("stop: i-0a1 is stopping"), "{screen}");

    // The poll comes two seconds later and finds it stopped; then polling stops.
    h.wait(Duration::from_millis(2600)).await;
    let screen = h.screen();
    assert!(screen.contains("○ stopped"), "{screen}");
    assert!(!screen.contains("watching"), "{screen}");
    assert_eq!(
        *polls.lock().unwrap(),
        [1],
        "one poll, for the one moving instance"
    );
    h.wait(Duration::from_millis(2600)).await;
    assert_eq!(
        polls.lock().unwrap().len(),
        1,
        "nothing moves: no more polls"
    );
}

#[tokio::test]
async fn leaving_the_view_stops_its_polling() {
    let mut ec2 = fleet();
    ec2.sticky = true;
    let polls = ec2.polls.clone();
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>_y<Esc>").await;
    h.wait(Duration::from_millis(2600)).await;
    assert!(
        polls.lock().unwrap().is_empty(),
        "the view was left: no poll"
    );
}

#[tokio::test]
async fn a_denied_dry_run_stops_before_any_confirmation() {
    let mut ec2 = fleet();
    ec2.deny = Some(AwsError {
        kind: ErrorKind::AccessDenied,
        code: Some("UnauthorizedOperation".into()),
        message: "You are not authorized to perform this operation.".into(),
    });
    let log = ec2.calls.clone();
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>_").await;
    let screen = h.screen();
    assert!(
        screen.contains("cannot stop: UnauthorizedOperation: You are not authorized"),
        "{screen}"
    );
    assert!(!screen.contains("Stop instance"), "no dialog: {screen}");
    assert_eq!(calls(&log), ["dry-run stop i-0a1"]);
}

#[tokio::test]
async fn terminate_needs_the_exact_instance_id() {
    let ec2 = fleet();
    let log = ec2.calls.clone();
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>X").await;
    assert!(
        h.screen().contains("type i-0a1 and press Enter"),
        "{}",
        h.screen()
    );
    h.keys("i-0a2<Enter>").await;
    assert!(h.screen().contains("type i-0a1 exactly"), "{}", h.screen());
    h.keys("<Esc>").await;
    assert_eq!(
        calls(&log),
        ["dry-run terminate i-0a1"],
        "nothing terminated"
    );
    h.keys("Xi-0a1<Enter>").await;
    assert_eq!(
        calls(&log),
        [
            "dry-run terminate i-0a1",
            "dry-run terminate i-0a1",
            "terminate i-0a1"
        ]
    );
    assert!(h.screen().contains("◐ shutting-down"), "{}", h.screen());
}

#[tokio::test]
async fn marked_instances_act_together_and_each_gets_its_result() {
    let mut ec2 = fleet();
    ec2.broken = vec!["i-0a2".into()];
    let log = ec2.calls.clone();
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter><Space><Space>_").await;
    assert!(h.screen().contains("Stop 2 instances?"), "{}", h.screen());
    h.keys("y").await;
    assert_eq!(calls(&log)[1], "stop i-0a1 i-0a2");
    let screen = h.screen();
    assert!(screen.contains("✓ i-0a1: stopping"), "{screen}");
    assert!(
        screen.contains("✗ i-0a2: IncorrectInstanceState"),
        "{screen}"
    );
    assert!(screen.contains("stop: 1 done, 1 failed"), "{screen}");
    h.keys("j").await;
    assert!(
        !h.screen().contains("✗ i-0a2"),
        "any key dismisses the report"
    );
}

#[tokio::test]
async fn terminated_instances_are_left_out_of_actions() {
    let ec2 = fleet();
    let log = ec2.calls.clone();
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>G+").await;
    assert!(
        h.screen().contains("nothing to start: i-0a4 terminated"),
        "{}",
        h.screen()
    );
    assert!(calls(&log).is_empty());
}

#[tokio::test]
async fn read_only_refuses_every_lifecycle_action() {
    let ec2 = fleet();
    let log = ec2.calls.clone();
    let mut o = options(two_profiles(), "dev");
    o.read_only = true;
    let mut h = Harness::new(o, with_ec2(ec2));
    h.keys(":ec2<Enter>").await;
    let hints = h.screen().lines().last().unwrap_or_default().to_string();
    assert!(
        !hints.contains("stop") && !hints.contains("terminate"),
        "{hints}"
    );
    for key in ["+", "_", "B", "X", ":stop<Enter>"] {
        h.keys(key).await;
        assert!(
            h.screen().contains("read-only mode"),
            "{key}: {}",
            h.screen()
        );
    }
    assert!(
        calls(&log).is_empty(),
        "nothing reached EC2: {:?}",
        calls(&log)
    );
}

#[tokio::test]
async fn console_output_and_details_open_in_the_pager() {
    let mut ec2 = fleet();
    ec2.console.insert(
        "i-0a1".into(),
        "[    0.0] Linux version 6.1\nboot ok \u{1b}]52;c;aGk=\u{7}\nlogin:".into(),
    );
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(ec2));
    h.keys(":ec2<Enter>o").await;
    let screen = h.screen();
    assert!(screen.contains("console output · i-0a1"), "{screen}");
    assert!(screen.contains("boot ok"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    h.keys("<Esc>jo").await;
    assert!(
        h.screen().contains("No console output yet"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>k<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("web-01 (i-0a1)"), "{screen}");
    assert!(screen.contains("── Instance ──"), "{screen}");
    assert!(screen.contains("54.0.0.11"), "{screen}");
    h.keys("y").await;
    assert!(h.host.actions.contains(&HostAction::Copy("i-0a1".into())));
}

#[tokio::test]
async fn copy_ids_ips_and_arns() {
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(fleet()));
    h.keys(":ec2<Enter>yiIY").await;
    let copied: Vec<&HostAction> = h.host.actions.iter().collect();
    assert_eq!(
        copied,
        [
            &HostAction::Copy("i-0a1".into()),
            &HostAction::Copy("192.0.2.5".into()),
            &HostAction::Copy("54.0.0.11".into()),
            &HostAction::Copy("arn:aws:ec2:us-east-1:111111111111:instance/i-0a1".into()),
        ]
    );
    h.keys("jI").await;
    assert!(
        h.screen().contains("i-0a2 has no public IP"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn connect_runs_the_session_or_says_what_is_missing() {
    let mut h = Harness::new(options(two_profiles(), "dev"), with_ec2(fleet()));
    h.keys(":ec2<Enter>c").await;
    let ran = h.host.actions.iter().any(|a| {
        matches!(a, HostAction::Exec(c) if c.display() == "aws ssm start-session --target i-0a1 --region us-east-1 --profile dev")
    });
    let missing = h.screen().contains("not found on PATH")
        && h.screen().contains("aws ssm start-session --target i-0a1");
    assert!(ran || missing, "{}", h.screen());
    h.keys("<Esc>jjc").await;
    assert!(
        h.screen()
            .contains("i-0a3 is stopped; SSM needs it running"),
        "{}",
        h.screen()
    );
}

fn databases() -> FakeRds {
    FakeRds::with(vec![
        Database {
            kind: Kind::Instance,
            id: "orders-db".into(),
            engine: "postgres".into(),
            engine_version: "16.4".into(),
            class: "db.t3.medium".into(),
            status: "available".into(),
            multi_az: true,
            host: Some("orders-db.abc.us-east-1.rds.amazonaws.com".into()),
            port: Some(5432),
            storage_gib: Some(100),
            master_user: Some("admin".into()),
            db_name: Some("orders".into()),
            arn: "arn:aws:rds:us-east-1:111111111111:db:orders-db".into(),
            cluster: None,
        },
        Database {
            kind: Kind::Instance,
            id: "reports".into(),
            engine: "mysql".into(),
            engine_version: "8.0.39".into(),
            class: "db.r6g.large".into(),
            status: "stopped".into(),
            ..Database::default()
        },
        Database {
            kind: Kind::Cluster,
            id: "ledger".into(),
            engine: "aurora-postgresql".into(),
            engine_version: "16.4".into(),
            status: "available".into(),
            host: Some("ledger.cluster-abc.us-east-1.rds.amazonaws.com".into()),
            port: Some(5432),
            master_user: Some("admin".into()),
            ..Database::default()
        },
    ])
}

#[tokio::test]
async fn databases_act_after_a_confirmation_and_copy_a_connection_string() {
    let rds = databases();
    let log = rds.calls.clone();
    let mut h = Harness::new(
        options(two_profiles(), "dev"),
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_rds(rds),
    );
    h.keys(":rds<Enter>").await;
    insta::assert_snapshot!(h.screen());
    // Sorted by id: ledger, orders-db, reports.
    h.keys("j_").await;
    assert!(
        h.screen().contains("Stop database orders-db?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    assert_eq!(calls(&log), ["stop orders-db"]);
    assert!(h.screen().contains("◐ stopping"), "{}", h.screen());
    h.wait(Duration::from_millis(2600)).await;
    assert!(h.screen().contains("○ stopped"), "{}", h.screen());
    h.keys("E").await;
    assert!(h.host.actions.contains(&HostAction::Copy(
        "postgresql://admin@orders-db.abc.us-east-1.rds.amazonaws.com:5432/orders".into()
    )));
    h.keys("jF").await;
    assert!(
        h.screen().contains("failover needs a Multi-AZ database"),
        "{}",
        h.screen()
    );
    h.keys("kFy").await;
    assert_eq!(
        calls(&log),
        ["stop orders-db", "reboot with failover orders-db"]
    );
}

#[tokio::test]
async fn snapshots_are_named_listed_and_deleted_only_when_typed() {
    let rds = databases();
    let log = rds.calls.clone();
    let mut h = Harness::new(
        options(two_profiles(), "dev"),
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_rds(rds),
    );
    h.keys(":rds<Enter>jn").await;
    assert!(
        h.screen().contains("Snapshot instance orders-db: name"),
        "{}",
        h.screen()
    );
    // Replace the default name with one that breaks the rules, then a good one.
    h.keys("<C-u>bad_name<Enter>").await;
    assert!(
        h.screen().contains("only letters, digits and hyphens"),
        "{}",
        h.screen()
    );
    h.keys("n<C-u>before-upgrade<Enter>").await;
    assert_eq!(calls(&log), ["snapshot orders-db before-upgrade"]);
    h.keys("N").await;
    let screen = h.screen();
    assert!(
        screen.contains("instance orders-db · snapshots"),
        "{screen}"
    );
    assert!(screen.contains("before-upgrade"), "{screen}");
    h.keys("X").await;
    assert!(
        h.screen().contains("Delete snapshot before-upgrade?"),
        "{}",
        h.screen()
    );
    h.keys("before<Enter>").await;
    assert!(
        h.screen().contains("type before-upgrade exactly"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>X").await;
    h.keys("before-upgrade<Enter>").await;
    assert_eq!(
        calls(&log),
        [
            "snapshot orders-db before-upgrade",
            "delete-snapshot before-upgrade"
        ]
    );
    assert!(
        h.screen().contains("snapshot before-upgrade deleted"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("nothing here"), "{}", h.screen());
}

#[tokio::test]
async fn read_only_refuses_database_actions_and_snapshots() {
    let rds = databases();
    let log = rds.calls.clone();
    let mut o = options(two_profiles(), "dev");
    o.read_only = true;
    let mut h = Harness::new(
        o,
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_rds(rds),
    );
    h.keys(":rds<Enter>j").await;
    for key in ["+", "_", "B", "F", "n"] {
        h.keys(key).await;
        assert!(
            h.screen().contains("read-only mode"),
            "{key}: {}",
            h.screen()
        );
    }
    h.keys("N").await;
    assert!(h.screen().contains("snapshots"), "listing stays allowed");
    assert!(calls(&log).is_empty());
}
