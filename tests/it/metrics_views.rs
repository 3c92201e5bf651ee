//! The charts pane on in-memory adapters through the real app loop, with the metrics' clock
//! fixed: `g` on an EC2 instance (80×24 and 120×40), the range keys changing the period, only
//! the charts on screen fetched (counted at the fake), and `g` from Lambda rows — the list,
//! the details, and a row of another profile, read in that row's context.

use crate::app_harness::{Harness, options, profile, two_profiles};
use awsterm::aws::ContextKey;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeLambda, FakeMetrics, FakeSts, adapters};
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::{AwsError, ErrorKind};

/// 2026-11-23 12:00:00 UTC: where every window ends.
const NOW: i64 = 1_795_435_200_000;
const MINUTE: i64 = 60_000;

fn instance(id: &str, name: &str) -> Instance {
    Instance {
        id: id.into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        tags: vec![("Name".into(), name.into())],
        ..Instance::default()
    }
}

/// CPU of `i-0web` over the last three hours, a minute apart, with half an hour missing
/// (the agent was down); network in and out; no status check data at all.
fn metrics() -> FakeMetrics {
    let minutes = |f: &dyn Fn(i64) -> Option<f64>| -> Vec<(i64, f64)> {
        (1..=180)
            .filter_map(|m| f(m).map(|v| (NOW - m * MINUTE, v)))
            .collect()
    };
    let cpu = minutes(&|m| (!(60..90).contains(&m)).then_some(20.0 + (m % 40) as f64));
    let net_in = minutes(&|m| Some(1_048_576.0 * (1 + m % 7) as f64));
    let net_out = minutes(&|m| Some(262_144.0 * (1 + m % 5) as f64));
    let dims = [("InstanceId", "i-0web")];
    FakeMetrics::at(NOW)
        .series("AWS/EC2", "CPUUtilization", &dims, "Average", cpu)
        .series("AWS/EC2", "NetworkIn", &dims, "Sum", net_in)
        .series("AWS/EC2", "NetworkOut", &dims, "Sum", net_out)
}

fn utc() -> awsterm::app::AppOptions {
    let mut o = options(two_profiles(), "dev");
    o.logs.utc = true;
    o
}

fn ec2_app(fake: FakeMetrics, width: u16, height: u16) -> Harness {
    let sts = FakeSts::default().with("dev", "111111111111", "user/alice");
    let ec2 = FakeEc2::with(vec![instance("i-0web", "web-01")]);
    Harness::sized(
        utc(),
        adapters(sts).with_ec2(ec2).with_metrics(fake),
        width,
        height,
    )
}

#[tokio::test]
async fn g_on_an_instance_charts_its_metrics_at_80_by_24() {
    let fake = metrics();
    let mut h = ec2_app(fake.clone(), 80, 24);
    h.keys(":ec2<Enter>g").await;
    let screen = h.screen();
    assert!(screen.contains("CPU utilization (avg)"), "{screen}");
    assert!(screen.contains("last 3h"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn at_120_by_40_more_charts_share_the_screen_and_one_call_fetches_them() {
    let fake = metrics();
    let mut h = ec2_app(fake.clone(), 120, 40);
    h.keys(":ec2<Enter>g").await;
    let calls = fake.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].ids(), ["m0", "m1", "m2", "m3"]);
    insta::assert_snapshot!(h.screen());
}

#[tokio::test]
async fn only_the_charts_on_screen_are_fetched_and_each_once_per_range() {
    let fake = metrics();
    let mut h = ec2_app(fake.clone(), 80, 24);
    h.keys(":ec2<Enter>g").await;
    let calls = fake.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].ids(), ["m0", "m1"], "two charts fit 80×24");
    let q = &calls[0].queries[0];
    assert_eq!(
        (q.namespace.as_str(), q.metric.as_str(), q.stat.as_str()),
        ("AWS/EC2", "CPUUtilization", "Average")
    );
    assert_eq!(
        q.dimensions,
        [("InstanceId".to_string(), "i-0web".to_string())]
    );

    // One chart further: only the one that came into view.
    h.keys("j").await;
    assert_eq!(fake.calls().len(), 2);
    assert_eq!(fake.calls()[1].ids(), ["m2"]);
    // Back up, and to the last screen: nothing asked twice.
    h.keys("k<Home>").await;
    assert_eq!(fake.calls().len(), 2);
    h.keys("<PageDown><PageDown><PageDown>").await;
    let ids: Vec<Vec<String>> = fake
        .calls()
        .iter()
        .map(|c| c.ids().iter().map(|s| s.to_string()).collect())
        .collect();
    assert_eq!(
        ids,
        [vec!["m0", "m1"], vec!["m2"], vec!["m3"], vec!["m4", "m5"]],
        "six charts, each fetched once"
    );
    assert!(h.screen().contains("charts 5–6 of 6"), "{}", h.screen());
    // C-r asks again for what is on screen.
    h.keys("<C-r>").await;
    assert_eq!(fake.calls().last().expect("call").ids(), ["m4", "m5"]);
}

#[tokio::test]
async fn range_keys_change_the_window_and_the_period() {
    let fake = metrics();
    let mut h = ec2_app(fake.clone(), 80, 24);
    h.keys(":ec2<Enter>g").await;
    h.keys("1").await;
    h.keys("3").await;
    h.keys("4").await;
    h.keys("5").await;
    let windows: Vec<(i64, i32)> = fake
        .calls()
        .iter()
        .map(|c| ((c.end_ms - c.start_ms) / MINUTE, c.period_s))
        .collect();
    assert_eq!(
        windows,
        [
            (180, 60),
            (60, 60),
            (12 * 60, 300),
            (24 * 60, 300),
            (7 * 24 * 60, 3600)
        ]
    );
    assert!(fake.calls().iter().all(|c| c.end_ms == NOW));
    assert!(
        h.screen().contains("last 7d · 1-hour points"),
        "{}",
        h.screen()
    );
    // A range seen before is drawn from what was fetched then.
    h.keys("2").await;
    assert_eq!(fake.calls().len(), 5);
    assert!(h.screen().contains("last 3h · 1-minute points"));
}

#[tokio::test]
async fn a_failed_read_is_shown_in_the_charts() {
    let fake = FakeMetrics::at(NOW).failing(AwsError {
        kind: ErrorKind::AccessDenied,
        code: Some("AccessDenied".into()),
        message: "not authorized to perform: cloudwatch:GetMetricData".into(),
    });
    let mut h = ec2_app(fake, 80, 24);
    h.keys(":ec2<Enter>g").await;
    let screen = h.screen();
    assert!(screen.contains("error: "), "{screen}");
    assert!(screen.contains("cloudwatch:GetMetricData"), "{screen}");
}

#[tokio::test]
async fn g_on_a_lambda_function_and_in_its_details() {
    let fake = FakeMetrics::at(NOW);
    let sts = FakeSts::default().with("dev", "111111111111", "user/alice");
    let lambda = FakeLambda::default().function("checkout-api", "python3.12", &[]);
    let mut h = Harness::sized(
        utc(),
        adapters(sts).with_lambda(lambda).with_metrics(fake.clone()),
        80,
        24,
    );
    h.keys(":lambda<Enter>g").await;
    let screen = h.screen();
    assert!(screen.contains("function checkout-api"), "{screen}");
    assert!(screen.contains("Invocations (sum)"), "{screen}");
    let q = &fake.calls()[0].queries;
    assert_eq!(q[0].namespace, "AWS/Lambda");
    assert_eq!(q[0].dimensions[0].1, "checkout-api");
    // Scrolled to the percentiles: p50 and p99 of Duration.
    h.keys("jj").await;
    let stats: Vec<String> = fake.calls()[1..]
        .iter()
        .flat_map(|c| c.queries.iter().map(|q| format!("{} {}", q.metric, q.stat)))
        .collect();
    assert_eq!(stats, ["Duration p50", "Duration p99"]);

    h.keys("<Esc><Enter>").await;
    assert!(
        h.screen().contains("Configuration"),
        "the details: {}",
        h.screen()
    );
    h.keys("g").await;
    let screen = h.screen();
    assert!(
        screen.contains("function checkout-api · last 3h") && screen.contains("· dev · us-e"),
        "{screen}"
    );
    let calls = fake.calls();
    assert_eq!(
        calls.len(),
        4,
        "the details' charts are a new view: {calls:?}"
    );
    assert_eq!(calls[3].ids(), ["m0", "m1"]);
}

#[tokio::test]
async fn g_on_another_profiles_row_reads_in_that_rows_context() {
    let fake = FakeMetrics::at(NOW);
    let fakes = FakeContexts::default()
        .ec2("dev", FakeEc2::with(vec![instance("i-0dev", "dev-01")]))
        .ec2("prod", FakeEc2::with(vec![instance("i-0prod", "prod-01")]));
    let sts = FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/s");
    let profiles = vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("prod", Some("eu-west-1"), CredentialKind::AssumeRole),
    ];
    let mut h = Harness::sized(
        options(profiles, "dev"),
        adapters(sts)
            .with_contexts(fakes)
            .with_metrics(fake.clone()),
        160,
        30,
    );
    h.keys(":ec2 @profiles *<Enter>/prod-01<Enter>g").await;
    let calls = fake.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(
        calls[0].ctx,
        ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        }
    );
    assert_eq!(calls[0].queries[0].dimensions[0].1, "i-0prod");
    let screen = h.screen();
    assert!(
        screen.contains("instance i-0prod · last 3h") && screen.contains("· prod · eu-west-1"),
        "{screen}"
    );
}

#[tokio::test]
async fn g_on_a_database_and_on_a_table_reads_their_namespaces() {
    use awsterm::aws::dynamodb::Table;
    use awsterm::aws::fake::{FakeDynamo, FakeRds};
    use awsterm::aws::rds::Database;
    let fake = FakeMetrics::at(NOW);
    let sts = FakeSts::default().with("dev", "111111111111", "user/alice");
    let rds = FakeRds::with(vec![Database {
        id: "orders-db".into(),
        engine: "postgres".into(),
        status: "available".into(),
        ..Database::default()
    }]);
    let dynamo = FakeDynamo {
        tables: vec![Table {
            name: "orders".into(),
            status: "ACTIVE".into(),
            billing: "PAY_PER_REQUEST".into(),
            ..Table::default()
        }],
        ..FakeDynamo::default()
    };
    let mut h = Harness::sized(
        utc(),
        adapters(sts)
            .with_rds(rds)
            .with_dynamodb(dynamo)
            .with_metrics(fake.clone()),
        80,
        24,
    );
    h.keys(":rds<Enter>g").await;
    assert!(
        h.screen().contains("database orders-db · last 3h"),
        "{}",
        h.screen()
    );
    h.keys(":ddb<Enter>g").await;
    assert!(
        h.screen().contains("table orders · last 3h"),
        "{}",
        h.screen()
    );
    let asked: Vec<(String, String)> = fake
        .calls()
        .iter()
        .map(|c| {
            let q = &c.queries[0];
            (q.namespace.clone(), q.dimensions[0].0.clone())
        })
        .collect();
    assert_eq!(
        asked,
        [
            ("AWS/RDS".into(), "DBInstanceIdentifier".into()),
            ("AWS/DynamoDB".into(), "TableName".into())
        ]
    );
}
