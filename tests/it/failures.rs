//! A request that crashes reaches the view that asked for it: each kind of view shows the
//! error where its answer would have gone, and none is left saying "loading…".

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::Adapters;
use awsterm::aws::fake::{
    Crashes, FakeContexts, FakeDynamo, FakeEc2, FakeLambda, FakeLogs, FakeRds, FakeS3, FakeSts,
    adapters_with,
};

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/s")
}

/// `call` of the fake made to panic.
fn crashing(call: &'static str) -> Crashes {
    let crashes = Crashes::default();
    crashes.add(call);
    crashes
}

/// Types `script` and checks that the view it opened shows `call`'s crash and stopped waiting.
async fn shows_the_crash(adapters: Adapters, script: &str, call: &str) {
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 160, 24);
    h.keys(script).await;
    let screen = h.screen();
    // The status line only says "internal error …"; the panic's own words come from the view
    // (its title, or the rows of the contexts it left waiting).
    assert!(
        screen.contains(&format!("internal error: fake adapter crashed in {call}")),
        "{screen}"
    );
    assert!(!screen.contains("loading"), "{screen}");
}

fn plain() -> Adapters {
    adapters_with(sts(), FakeS3::default())
}

#[tokio::test]
async fn ec2_instances_show_a_crashed_listing() {
    let ec2 = FakeEc2 {
        crashes: crashing("list_page"),
        ..FakeEc2::default()
    };
    shows_the_crash(plain().with_ec2(ec2), ":ec2<Enter>", "list_page").await;
}

#[tokio::test]
async fn a_cross_context_view_shows_a_crashed_listing() {
    let ec2 = FakeEc2 {
        crashes: crashing("list_page"),
        ..FakeEc2::default()
    };
    let adapters = plain().with_contexts(FakeContexts::default().ec2("prod", ec2));
    shows_the_crash(adapters, ":ec2 @profiles *<Enter>", "list_page").await;
}

#[tokio::test]
async fn rds_databases_show_a_crashed_listing() {
    let rds = FakeRds {
        crashes: crashing("list"),
        ..FakeRds::default()
    };
    shows_the_crash(plain().with_rds(rds), ":rds<Enter>", "list").await;
}

#[tokio::test]
async fn dynamodb_tables_show_a_crashed_listing() {
    let ddb = FakeDynamo {
        crashes: crashing("list_tables"),
        ..FakeDynamo::default()
    };
    shows_the_crash(plain().with_dynamodb(ddb), ":ddb<Enter>", "list_tables").await;
}

#[tokio::test]
async fn lambda_functions_show_a_crashed_listing() {
    let lambda = FakeLambda {
        crashes: crashing("list_page"),
        ..FakeLambda::default()
    };
    shows_the_crash(plain().with_lambda(lambda), ":lambda<Enter>", "list_page").await;
}

#[tokio::test]
async fn log_groups_show_a_crashed_listing() {
    let logs = FakeLogs {
        crashes: crashing("groups_page"),
        ..FakeLogs::default()
    };
    shows_the_crash(plain().with_logs(logs), ":logs<Enter>", "groups_page").await;
}

#[tokio::test]
async fn a_log_tail_shows_a_crashed_poll() {
    let logs = FakeLogs {
        crashes: crashing("events_page"),
        ..FakeLogs::default().group("/app/api")
    };
    shows_the_crash(
        plain().with_logs(logs),
        ":tail /app/api<Enter>",
        "events_page",
    )
    .await;
}

#[tokio::test]
async fn s3_buckets_show_a_crashed_listing() {
    let s3 = FakeS3 {
        crashes: crashing("list_buckets"),
        ..FakeS3::default()
    };
    shows_the_crash(adapters_with(sts(), s3), ":s3<Enter>", "list_buckets").await;
}

#[tokio::test]
async fn s3_objects_show_a_crashed_listing() {
    let s3 = FakeS3 {
        crashes: crashing("list_page"),
        ..FakeS3::default().bucket("assets", &[("logo.png", 10)])
    };
    shows_the_crash(adapters_with(sts(), s3), ":s3<Enter><Enter>", "list_page").await;
}

#[tokio::test]
async fn cross_context_databases_functions_and_buckets_show_a_crashed_listing() {
    let rds = FakeRds {
        crashes: crashing("list"),
        ..FakeRds::default()
    };
    let adapters = plain().with_contexts(FakeContexts::default().rds("prod", rds));
    shows_the_crash(adapters, ":rds @profiles *<Enter>", "list").await;

    let lambda = FakeLambda {
        crashes: crashing("list_page"),
        ..FakeLambda::default()
    };
    let adapters = plain().with_contexts(FakeContexts::default().lambda("prod", lambda));
    shows_the_crash(adapters, ":lambda @profiles *<Enter>", "list_page").await;

    let s3 = FakeS3 {
        crashes: crashing("list_buckets"),
        ..FakeS3::default()
    };
    let adapters = plain().with_contexts(FakeContexts::default().s3("prod", s3));
    shows_the_crash(adapters, ":s3 @profiles *<Enter>", "list_buckets").await;
}
