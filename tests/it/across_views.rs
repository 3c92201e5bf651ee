//! Cross-context views on in-memory adapters through the real app loop: every default region
//! of a profile with one failing, what the prompt refuses, read-only mode, and switching
//! context under an open view.

use crate::app_harness::{Harness, options, profile};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeRds, FakeSts, adapters};
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::rds::Database;
use awsterm::aws::{AwsError, ErrorKind};
use std::time::Duration;

fn instance(id: &str, name: &str, state: &str) -> Instance {
    Instance {
        id: id.into(),
        state: state.into(),
        instance_type: "t3.micro".into(),
        az: "eu-west-1a".into(),
        tags: vec![("Name".into(), name.into())],
        ..Instance::default()
    }
}

fn profiles() -> Vec<awsterm::aws::profiles::ProfileInfo> {
    vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("prod", Some("eu-west-1"), CredentialKind::AssumeRole),
    ]
}

fn everywhere() -> FakeContexts {
    FakeContexts::default()
        .ec2(
            "dev@eu-west-1",
            FakeEc2::with(vec![instance("i-0eu1", "dublin-01", "running")]),
        )
        .ec2(
            "dev@ap-northeast-3",
            FakeEc2::with(vec![instance("i-0ap3", "osaka-01", "stopped")]),
        )
        .ec2(
            "prod",
            FakeEc2::with(vec![instance("i-0prod", "prod-01", "running")]),
        )
        .failing(
            "dev@sa-east-1",
            AwsError {
                kind: ErrorKind::AccessDenied,
                code: Some("UnauthorizedOperation".into()),
                message: "You are not authorized to perform this operation.".into(),
            },
        )
        // The slowest region answers last; the others are on screen before it.
        .latency("ap-northeast-3", Duration::from_millis(150))
}

fn app(fakes: FakeContexts) -> Harness {
    let sts = FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/s");
    Harness::sized(
        options(profiles(), "dev"),
        adapters(sts).with_contexts(fakes),
        160,
        30,
    )
}

#[tokio::test]
async fn all_regions_shows_each_regions_rows_and_the_one_that_failed() {
    let mut h = app(everywhere());
    h.keys(":ec2 @all-regions<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("EC2 instances · @all-regions · 17 contexts · 16 answered · 1 failed"),
        "{screen}"
    );
    let line = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {screen}"))
            .to_string()
    };
    let dublin = line("dublin-01");
    assert!(
        dublin.contains("dev") && dublin.contains("111111111111") && dublin.contains("eu-west-1"),
        "{dublin}"
    );
    assert!(line("osaka-01").contains("ap-northeast-3"));
    let failed = line("sa-east-1");
    assert!(
        failed.contains("✗ UnauthorizedOperation: You are not authorized"),
        "{failed}\n{screen}"
    );
    assert!(!screen.contains("prod-01"), "only the active profile");
    assert!(screen.contains("PROFILE"), "{screen}");

    // The fuzzy filter sees the context too.
    h.keys("/ap-northeast-3<Enter>").await;
    assert!(h.screen().contains("[1/3]"), "{}", h.screen());
}

#[tokio::test]
async fn scopes_the_prompt_refuses_open_nothing() {
    let mut h = app(everywhere());
    h.keys(":ec2 @everywhere<Enter>").await;
    assert!(
        h.screen().contains("ec2: unknown scope '@everywhere'"),
        "{}",
        h.screen()
    );
    assert!(
        h.screen().contains("Profiles"),
        "still on the profiles view"
    );
    h.keys(":rds @profiles qa-*<Enter>").await;
    assert!(
        h.screen()
            .contains("rds: no profile matches 'qa-*' — known: dev, prod"),
        "{}",
        h.screen()
    );
    h.keys(":ec2<Enter>").await;
    assert!(
        h.screen().contains("EC2 instances [0]"),
        "no argument: the single-context view, {}",
        h.screen()
    );
}

#[tokio::test]
async fn read_only_removes_actions_and_a_switch_keeps_explicit_profiles() {
    let fakes = everywhere().rds(
        "prod",
        FakeRds::with(vec![Database {
            id: "orders".into(),
            status: "available".into(),
            engine: "postgres".into(),
            ..Database::default()
        }]),
    );
    let mut h = app(fakes);
    h.app.set_read_only(true);
    h.keys(":ec2 @profiles *<Enter>_").await;
    let screen = h.screen();
    assert!(
        screen.contains("read-only mode: 'stop' is disabled"),
        "{screen}"
    );
    assert!(screen.contains("prod-01") && screen.contains("222222222222"));

    // Switching profile leaves an explicit list of profiles alone.
    h.keys(":profile prod<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("@profiles * · 2 contexts · 2 answered"),
        "{screen}"
    );
    assert!(screen.contains("prod-01"), "{screen}");

    h.keys("<Esc>:rds @profiles prod<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("RDS databases · @profiles prod · 1 context · 1 answered"),
        "{screen}"
    );
    assert!(screen.contains("orders") && screen.contains("postgres"));
}
