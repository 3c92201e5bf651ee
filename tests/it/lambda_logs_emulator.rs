//! Lambda and Logs through the real app loop and SDK adapters against the emulator, each test
//! in its own fake account: invocation round trips, canned responses, Event invocations,
//! masked environments, payload files across restarts; tailing events written during the test,
//! two groups interleaved, a filter pattern.

use crate::support::{AwsFiles, app_on};
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use awsterm::saved_payloads::PayloadFiles;
use awsterm_testkit::seed::{Scale, Target};
use std::time::Duration;

/// The demo's four functions (python, node, java; `DB_PASSWORD` in their environment).
pub(crate) async fn seed_functions(files: &AwsFiles) {
    let sdk = files.sdk_config("acct").await;
    let target = Target {
        sdk: &sdk,
        endpoint: &files.endpoint,
        account: &files.account_id,
        env: "test",
        scale: Scale::Small,
        big_bucket: false,
    };
    awsterm_testkit::seed::lambda::seed(&target)
        .await
        .expect("functions");
}

fn payload_files(dir: &std::path::Path) -> PayloadFiles {
    PayloadFiles {
        saved: Some(dir.join("payloads")),
        history: Some(dir.join("history")),
        scope: None,
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn invoking_echoes_the_payload_then_event_is_accepted_and_canned_answers_show() {
    let files = AwsFiles::for_test("invoking_echoes_the_payload_then_event_is_accepted");
    seed_functions(&files).await;
    let mut h = app_on(&files);
    let dir = tempfile::tempdir().unwrap();
    h.app.set_payload_files(payload_files(dir.path()));
    h.keys(":lambda<Enter>").await;
    let screen = h.screen();
    for name in [
        "checkout-api",
        "image-resizer",
        "nightly-report",
        "orders-stream",
    ] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    assert!(
        screen.contains("python3.12") && screen.contains("512 MB"),
        "{screen}"
    );
    h.keys(":filter checkout<Enter>ie<End><backspace><backspace>{\"order\":42}<Esc>i")
        .await;
    let screen = h.screen();
    assert!(screen.contains("Status  200"), "{screen}");
    assert!(
        screen.contains("\"order\": 42"),
        "the emulator echoes: {screen}"
    );

    // Event: accepted, runs on its own.
    h.keys("ti").await;
    assert!(h.screen().contains("202 (accepted"), "{}", h.screen());

    // A canned answer queued in the emulator is what the next call returns.
    let body = serde_json::json!({
        "account_id": files.account_id,
        "region": "us-east-1",
        "results": ["{\"canned\": true, \"items\": [1, 2]}"],
    })
    .to_string();
    let queued = awsterm_testkit::http::request(
        &files.endpoint,
        "POST",
        "/moto-api/static/lambda-simple/response",
        &[("Content-Type", "application/json")],
        &body,
    )
    .expect("queue a response");
    assert_eq!(queued.status, 201, "{}", queued.body);
    h.keys("tti").await;
    let screen = h.screen();
    assert!(screen.contains("\"canned\": true"), "{screen}");
    assert!(screen.contains("RequestResponse"), "{screen}");

    // Every sent payload (not the dry runs) is in the history of this account and region.
    let history = std::fs::read_to_string(dir.path().join(format!(
        "history/{}/us-east-1/checkout-api.json",
        files.account_id
    )))
    .unwrap();
    assert!(history.contains("\\\"order\\\": 42"), "{history}");
}

#[tokio::test]
async fn environment_values_stay_masked_until_one_is_revealed() {
    let files = AwsFiles::for_test("environment_values_stay_masked_until_one_is_revealed");
    seed_functions(&files).await;
    let mut h = app_on(&files);
    h.keys(":lambda<Enter>v").await;
    let screen = h.screen();
    assert!(
        screen.contains("DB_PASSWORD") && screen.contains("TABLE_NAME"),
        "{screen}"
    );
    assert!(!screen.contains("s3cr3t-demo-only"), "{screen}");
    h.keys("x").await;
    assert!(h.screen().contains("s3cr3t-demo-only"), "{}", h.screen());
    h.keys("<Esc><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Configuration") && screen.contains("checkout-api"),
        "{screen}"
    );
    assert!(!screen.contains("s3cr3t-demo-only"), "{screen}");
}

#[tokio::test]
async fn saved_payloads_survive_a_restart() {
    let files = AwsFiles::for_test("saved_payloads_survive_a_restart");
    seed_functions(&files).await;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut h = app_on(&files);
        h.app.set_payload_files(payload_files(dir.path()));
        h.keys(":lambda<Enter>ie<End><backspace><backspace>{\"refund\": 7}<Esc>wrefund<Enter>")
            .await;
        assert!(h.screen().contains("saved 'refund'"), "{}", h.screen());
    }
    let mut h = app_on(&files);
    h.app.set_payload_files(payload_files(dir.path()));
    h.keys(":lambda<Enter>io").await;
    assert!(h.screen().contains("refund"), "{}", h.screen());
    h.keys("<Enter>i").await;
    assert!(h.screen().contains("\"refund\": 7"), "{}", h.screen());
}

async fn put_events(
    logs: &aws_sdk_cloudwatchlogs::Client,
    group: &str,
    stream: &str,
    events: &[(i64, &str)],
) {
    let events: Vec<InputLogEvent> = events
        .iter()
        .map(|(ts, m)| {
            InputLogEvent::builder()
                .timestamp(*ts)
                .message(*m)
                .build()
                .unwrap()
        })
        .collect();
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .expect("put events");
}

async fn group_with_stream(logs: &aws_sdk_cloudwatchlogs::Client, group: &str, stream: &str) {
    logs.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .expect("group");
    logs.create_log_stream()
        .log_group_name(group)
        .log_stream_name(stream)
        .send()
        .await
        .expect("stream");
}

#[tokio::test]
async fn events_written_during_the_tail_appear_once_in_order_and_groups_interleave() {
    let files = AwsFiles::for_test("events_written_during_the_tail_appear_once_in_order");
    let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
    group_with_stream(&logs, "/app/api", "web-1").await;
    group_with_stream(&logs, "/app/worker", "job-1").await;
    let t = now_ms() - 30_000;
    put_events(
        &logs,
        "/app/api",
        "web-1",
        &[(t, "api 1"), (t + 20, "api 3")],
    )
    .await;
    put_events(&logs, "/app/worker", "job-1", &[(t + 10, "worker 2")]).await;

    let mut h = app_on(&files);
    h.keys(":tail /app/api /app/worker<Enter>").await;
    put_events(&logs, "/app/worker", "job-1", &[(t + 30, "worker 4")]).await;
    put_events(&logs, "/app/api", "web-1", &[(t + 40, "api 5")]).await;
    h.wait(Duration::from_millis(2500)).await;
    let screen = h.screen();
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("api ") || l.contains("worker "))
        .filter(|l| !l.contains("tail "))
        .collect();
    let expected = ["api 1", "worker 2", "api 3", "worker 4", "api 5"];
    assert_eq!(
        rows.len(),
        expected.len(),
        "no duplicates across polls: {screen}"
    );
    for (row, text) in rows.iter().zip(expected) {
        assert!(row.contains(text), "{row} should be {text}\n{screen}");
    }
    assert!(screen.contains("· 5 lines"), "{screen}");
}

#[tokio::test]
async fn a_filter_pattern_is_applied_by_the_service() {
    let files = AwsFiles::for_test("a_filter_pattern_is_applied_by_the_service");
    let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
    group_with_stream(&logs, "/app/api", "web-1").await;
    let t = now_ms() - 30_000;
    put_events(
        &logs,
        "/app/api",
        "web-1",
        &[
            (t, "GET /health 200"),
            (t + 1, "ERROR payment declined"),
            (t + 2, "GET /orders 200"),
        ],
    )
    .await;
    let mut h = app_on(&files);
    h.keys(":tail /app/api<Enter>").await;
    assert!(h.screen().contains("· 3 lines"), "{}", h.screen());
    h.keys(":pattern ERROR<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("· 1 lines · since") || screen.contains("· 1 lines"),
        "{screen}"
    );
    assert!(screen.contains("ERROR payment declined"), "{screen}");
    assert!(!screen.contains("GET /health"), "{screen}");
    assert!(screen.contains("pattern ERROR"), "{screen}");
}

#[tokio::test]
async fn log_groups_list_with_retention_and_prefix_search_and_streams_newest_first() {
    let files = AwsFiles::for_test("log_groups_list_with_retention_and_prefix_search");
    let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
    group_with_stream(&logs, "/app/api", "old-stream").await;
    group_with_stream(&logs, "/aws/lambda/checkout-api", "s").await;
    logs.put_retention_policy()
        .log_group_name("/app/api")
        .retention_in_days(30)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name("/app/api")
        .log_stream_name("new-stream")
        .send()
        .await
        .unwrap();
    let t = now_ms() - 60_000;
    put_events(&logs, "/app/api", "old-stream", &[(t, "old")]).await;
    put_events(&logs, "/app/api", "new-stream", &[(t + 30_000, "new")]).await;

    let mut h = app_on(&files);
    h.keys(":logs<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("30 days") && screen.contains("checkout-api"),
        "{screen}"
    );
    h.keys(":prefix /app<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("[1]") && !screen.contains("checkout-api"),
        "{screen}"
    );
    h.keys("<Enter>").await;
    let screen = h.screen();
    let (new, old) = (screen.find("new-stream"), screen.find("old-stream"));
    assert!(
        new.is_some() && old.is_some() && new < old,
        "newest first: {screen}"
    );
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("tail /app/api · new-stre"), "{screen}");
    assert!(
        screen.contains(" new ") && !screen.contains(" old "),
        "{screen}"
    );
}
