//! `:alarms` and `:metrics` through the real app loop on in-memory adapters: alarms sorted by
//! state at 80×24, an alarm's settings and history, the jump to the resource it watches,
//! alarms across profiles at 160 columns, and the metric catalog from namespaces down to one
//! metric's dimension sets.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::alarms::{Alarm, AlarmKind, AlarmState, HistoryItem, Metric, Watch};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{AlarmsData, FakeAlarms, FakeEc2, FakeSts, adapters};
use awsterm::aws::{AwsError, ErrorKind};
use std::collections::HashMap;

fn metric(namespace: &str, name: &str, dims: &[(&str, &str)]) -> Metric {
    Metric {
        namespace: namespace.into(),
        name: name.into(),
        dimensions: dims
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// A metric alarm on `m`, `> threshold for 3×5m`, in `state`, changed `ago` seconds ago.
fn alarm(
    name: &str,
    state: AlarmState,
    m: Metric,
    threshold: f64,
    ago: i64,
    reason: &str,
) -> Alarm {
    Alarm {
        name: name.into(),
        arn: format!("arn:aws:cloudwatch:us-east-1:111111111111:alarm:{name}"),
        description: None,
        kind: AlarmKind::Metric(Box::new(Watch {
            metric: Some(m),
            statistic: Some("Average".into()),
            period: Some(300),
            evaluation_periods: Some(3),
            threshold: Some(threshold),
            comparison: Some("GreaterThanThreshold".into()),
            ..Watch::default()
        })),
        state: Some(state),
        state_text: state.as_str().into(),
        state_reason: reason.into(),
        state_reason_data: None,
        state_updated: Some(awsterm::clock::now_secs() - ago),
        actions_enabled: true,
        alarm_actions: vec!["arn:aws:sns:us-east-1:111111111111:ops-pager".into()],
        ok_actions: vec![],
        insufficient_data_actions: vec![],
    }
}

/// Listed OK first, so the view's own order (ALARM first) shows.
fn alarms() -> Vec<Alarm> {
    let mut cpu = alarm(
        "web-cpu-high",
        AlarmState::Alarm,
        metric(
            "AWS/EC2",
            "CPUUtilization",
            &[("InstanceId", "i-0abc123def4567890")],
        ),
        80.0,
        7200,
        "Threshold Crossed: 3 datapoints [93.1, 95.4, 97.0] were greater than the threshold (80.0).",
    );
    cpu.state_reason_data = Some(
        r#"{"version":"1.0","queryDate":"2026-12-02T07:00:00.000+0000","recentDatapoints":[93.1,95.4,97.0],"threshold":80.0}"#
            .into(),
    );
    vec![
        alarm(
            "orders-throttles",
            AlarmState::Ok,
            metric(
                "AWS/DynamoDB",
                "ThrottledRequests",
                &[("TableName", "orders"), ("Operation", "PutItem")],
            ),
            0.0,
            86400 * 3,
            "Threshold Crossed: no datapoints were greater than the threshold (0.0).",
        ),
        cpu,
        alarm(
            "checkout-errors",
            AlarmState::InsufficientData,
            metric("AWS/Lambda", "Errors", &[("FunctionName", "checkout")]),
            5.0,
            600,
            "Insufficient Data: 1 datapoint was unknown.",
        ),
        Alarm {
            name: "checkout-down".into(),
            kind: AlarmKind::Composite {
                rule: "ALARM(checkout-errors) OR ALARM(web-cpu-high)".into(),
            },
            ..alarm(
                "x",
                AlarmState::Alarm,
                Metric::default(),
                0.0,
                60,
                "web-cpu-high is in ALARM",
            )
        },
    ]
}

fn history() -> HashMap<String, Vec<HistoryItem>> {
    // 2025-12-01 08:00:00 UTC (history shows times, not ages).
    let at = 1_764_576_000_000;
    HashMap::from([(
        "web-cpu-high".to_string(),
        vec![
            HistoryItem {
                at: Some(at),
                kind: "StateUpdate".into(),
                summary: "Alarm updated from OK to ALARM".into(),
                data: Some(
                    r#"{"version":"1.0","oldState":{"stateValue":"OK"},"newState":{"stateValue":"ALARM","stateReason":"Threshold Crossed"}}"#
                        .into(),
                ),
            },
            HistoryItem {
                at: Some(at - 3_600_000),
                kind: "ConfigurationUpdate".into(),
                summary: "Alarm \"web-cpu-high\" created".into(),
                data: None,
            },
        ],
    )])
}

fn data() -> AlarmsData {
    AlarmsData {
        alarms: alarms(),
        history: history(),
        metrics: vec![
            metric(
                "AWS/EC2",
                "CPUUtilization",
                &[("InstanceId", "i-0abc123def4567890")],
            ),
            metric(
                "AWS/EC2",
                "CPUUtilization",
                &[("InstanceId", "i-0f00f00f00f00f00f")],
            ),
            metric(
                "AWS/EC2",
                "NetworkIn",
                &[("InstanceId", "i-0abc123def4567890")],
            ),
            metric(
                "AWS/DynamoDB",
                "ThrottledRequests",
                &[("TableName", "orders")],
            ),
            metric("AWS/EC2", "StatusCheckFailed", &[]),
            metric("Shop/Checkout", "Orders", &[("Shop", "eu")]),
        ],
    }
}

fn instance() -> Instance {
    Instance {
        id: "i-0abc123def4567890".into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        tags: vec![("Name".into(), "web-01".into())],
        ..Instance::default()
    }
}

fn fake(alarms: FakeAlarms) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_alarms(alarms)
    .with_ec2(FakeEc2::with(vec![instance()]))
}

#[tokio::test]
async fn alarms_sorted_by_state_at_80_columns_then_one_alarm_and_its_history() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeAlarms::with(data())),
        80,
        24,
    );
    h.keys(":alarms<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Alarms [4]"), "{screen}");
    let order: Vec<usize> = [
        "web-cpu-high",
        "checkout-down",
        "checkout-errors",
        "orders-throttles",
    ]
    .iter()
    .map(|name| {
        screen
            .find(name)
            .unwrap_or_else(|| panic!("{name}: {screen}"))
    })
    .collect();
    assert!(
        order.is_sorted(),
        "ALARM, then INSUFFICIENT_DATA, then OK: {screen}"
    );
    assert!(
        screen.contains("✗ ALARM") && screen.contains("● OK"),
        "{screen}"
    );
    assert!(screen.contains("> 80 for 3×5m"), "{screen}");
    insta::assert_snapshot!(screen);

    h.keys("<Enter>").await;
    // When the state changed is relative to now in the fake: the one moving part, fixed here.
    // Read from the screen itself: a second fake built now may already be a second later.
    let screen = h.screen();
    let since = screen
        .lines()
        .find_map(|l| l.split("│Since").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("a Since line: {screen}"))
        .to_string();
    let screen = screen.replace(&since, "2026-12-01T08:00:00.000Z");
    assert!(screen.contains("alarm web-cpu-high"), "{screen}");
    assert!(
        screen.contains("Alarm updated from OK to ALARM"),
        "{screen}"
    );
    assert!(screen.contains("history [2]"), "{screen}");
    insta::assert_snapshot!("alarm_details_with_history", screen);

    // The newest history entry's JSON, pretty-printed.
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("\"oldState\": {"), "{screen}");
    // Every setting, in the pager: the reason data pretty-printed too.
    h.keys("<Esc>d").await;
    let screen = h.screen();
    assert!(screen.contains("alarm web-cpu-high · settings"), "{screen}");
    assert!(screen.contains("Datapoints to alarm  3"), "{screen}");
    h.keys("G").await;
    let screen = h.screen();
    assert!(screen.contains("ops-pager"), "{screen}");
    assert!(screen.contains("\"recentDatapoints\": ["), "{screen}");
}

#[tokio::test]
async fn one_state_from_the_command_or_the_filter() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeAlarms::with(data())),
        80,
        24,
    );
    h.keys(":alarms alarm<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Alarms · state ALARM"), "{screen}");
    assert!(screen.contains("[2]"), "{screen}");
    assert!(!screen.contains("orders-throttles"), "{screen}");
    h.keys(":filter ok<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Alarms · state OK"), "{screen}");
    assert!(
        screen.contains("orders-throttles") && !screen.contains("web-cpu-high"),
        "{screen}"
    );
    h.keys(":filter all<Enter>").await;
    assert!(h.screen().contains("Alarms [4]"), "{}", h.screen());
    h.keys(":alarms red<Enter>").await;
    assert!(
        h.screen().contains("'red' is not an alarm state"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn the_resource_an_alarm_watches_opens_from_the_list_and_the_details() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeAlarms::with(data())),
        100,
        24,
    );
    h.keys(":alarms<Enter>o").await;
    let screen = h.screen();
    assert!(
        screen.contains("› i-0abc123def4567890") && screen.contains("web-01"),
        "the instance's details: {screen}"
    );
    // Back to the alarms (they wait in the jump list), then from an alarm's details.
    h.keys("-jj<Enter>o").await;
    let screen = h.screen();
    assert!(screen.contains("function checkout"), "{screen}");
    // A composite alarm watches alarms, not a resource.
    h.keys("-k<Esc>ko").await;
    let screen = h.screen();
    assert!(
        screen.contains("checkout-down is a composite alarm"),
        "{screen}"
    );
}

#[tokio::test]
async fn alarms_across_profiles_at_160_columns() {
    let mut prod = data();
    prod.alarms.truncate(2);
    prod.alarms[1].name = "prod-web-cpu-high".into();
    let fakes = FakeAlarms::default()
        .context("dev", data())
        .context("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(fakes), 160, 24);
    h.keys(":alarms @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Alarms · @profiles * · 3 contexts · 2 answered · 1 failed"),
        "{screen}"
    );
    assert!(
        screen.contains("PROFILE") && screen.contains("222222222222"),
        "{screen}"
    );
    assert!(screen.contains("✗ the SSO session has expired"), "{screen}");
    let first_ok = screen.find("● OK").expect("an OK alarm");
    assert!(
        screen.find("prod-web-cpu-high").unwrap() < first_ok,
        "ALARM rows of every profile come first: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn a_listing_that_panics_shows_its_error_in_the_view() {
    let crashing = FakeAlarms::with(data());
    crashing.crashes.add("alarms_page");
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(crashing), 100, 24);
    h.keys(":alarms<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Alarms · error: internal error: fake adapter crashed in alarms_page"),
        "{screen}"
    );
    assert!(!screen.contains("loading"), "{screen}");
}

#[tokio::test]
async fn metrics_from_namespaces_to_one_metrics_dimension_sets() {
    let mut alarms = FakeAlarms::with(data());
    // Two metrics a page: namespaces recur across pages and are listed once.
    alarms.page_size = 2;
    let calls = alarms.metric_calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(alarms), 80, 24);
    h.keys(":metrics<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Metric namespaces"), "{screen}");
    assert!(screen.contains("[3]"), "{screen}");
    assert_eq!(screen.matches("AWS/EC2").count(), 1, "{screen}");
    assert!(
        screen.contains("Shop/Checkout") && screen.contains("custom"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    assert_eq!(calls.lock().unwrap().len(), 3, "three pages of two");

    // Sorted by name: AWS/DynamoDB, AWS/EC2, Shop/Checkout (the selection kept the row it
    // was on while later pages sorted in above it: to the top first).
    h.keys("<Home>j<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Metrics · AWS/EC2"), "{screen}");
    assert!(screen.contains("[4]"), "{screen}");
    assert!(
        screen.contains("InstanceId=i-0f00f00f00f00f00f"),
        "{screen}"
    );
    insta::assert_snapshot!("metrics_in_a_namespace", screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Dimension sets  2"), "{screen}");
    assert!(
        screen.contains("i-0abc123def4567890") && screen.contains("i-0f00f00f00f00f00f"),
        "{screen}"
    );
    assert!(
        calls
            .lock()
            .unwrap()
            .iter()
            .any(|c| c == "AWS/EC2|CPUUtilization|"),
        "{:?}",
        calls.lock().unwrap()
    );

    // A namespace by name, as a bookmark reopens it.
    h.keys("<Esc><Esc>:metrics Shop/Checkout<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Metrics · Shop/Checkout") && screen.contains("Shop=eu"),
        "{screen}"
    );
}

/// `g` charts what an alarm evaluates — its metric with its statistic, the threshold drawn —
/// from the list and from the details, in the alarm's context; a composite alarm says it has
/// none; a browsed metric charts that metric with this dimension set.
#[tokio::test]
async fn an_alarm_and_a_browsed_metric_open_as_charts() {
    use awsterm::aws::fake::FakeMetrics;
    const NOW: i64 = 1_764_576_000_000;
    let cpu: Vec<(i64, f64)> = (1..=60)
        .map(|m| (NOW - m * 60_000, 70.0 + (m % 30) as f64))
        .collect();
    let dims = [("InstanceId", "i-0abc123def4567890")];
    let metrics = FakeMetrics::at(NOW).series("AWS/EC2", "CPUUtilization", &dims, "Average", cpu);
    let mut o = options(two_profiles(), "dev");
    o.logs.utc = true;
    let mut h = Harness::sized(
        o,
        fake(FakeAlarms::with(data())).with_metrics(metrics.clone()),
        80,
        24,
    );
    // ALARM rows first, in the order listed: web-cpu-high, then checkout-down (composite).
    h.keys(":alarms<Enter><Home>jg").await;
    let screen = h.screen();
    assert!(screen.contains("has no metric to chart"), "{screen}");

    h.keys("<Home>g").await;
    let screen = h.screen();
    assert!(screen.contains("alarm web-cpu-high"), "{screen}");
    assert!(screen.contains("CPUUtilization (Average)"), "{screen}");
    let calls = metrics.calls();
    let last = calls.last().expect("the chart asked for its metric");
    assert_eq!(last.ctx.profile.as_deref(), Some("dev"));
    assert_eq!(last.queries.len(), 1);
    assert_eq!(last.queries[0].metric, "CPUUtilization");
    assert_eq!(last.queries[0].stat, "Average");
    assert_eq!(
        last.queries[0].dimensions,
        vec![("InstanceId".to_string(), "i-0abc123def4567890".to_string())]
    );
    insta::assert_snapshot!("alarm_chart_with_threshold", screen);

    // From the details too.
    h.keys("<Esc><Enter>g").await;
    assert!(h.screen().contains("alarm web-cpu-high"), "{}", h.screen());
    assert_eq!(metrics.calls().len(), calls.len() + 1);

    // A metric picked in the browser: this dimension set, averaged.
    h.keys(":metrics AWS/DynamoDB<Enter>g").await;
    let screen = h.screen();
    assert!(
        screen.contains("ThrottledRequests (avg) · TableName=orders"),
        "{screen}"
    );
    let last = metrics.calls().last().cloned().expect("a metric chart");
    assert_eq!(last.queries[0].namespace, "AWS/DynamoDB");
    assert_eq!(
        last.queries[0].dimensions,
        vec![("TableName".to_string(), "orders".to_string())]
    );
}
