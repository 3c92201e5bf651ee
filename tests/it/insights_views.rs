//! Logs Insights on the in-memory adapter: the editor at 80×24, `:insights G -- Q` running at
//! once with its progress, results as a table of the query's fields, a JSON message expanded,
//! StopQuery when a running query's view is left, `I` from a tail and from the groups view
//! carrying their groups and range, and results exported to a private file.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeLogs, FakeSts, adapters};
use awsterm::aws::logs::{QueryResults, QueryStats, QueryStatus};
use std::time::Duration;

fn row(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn event(n: usize, message: &str) -> Vec<(String, String)> {
    row(&[
        ("@timestamp", &format!("2026-12-02 09:0{n}:00.000")),
        ("@message", message),
        ("@logStream", "web-1"),
        ("@ptr", "CmAKJwojMTExMTExMTExMTExOi9hcHAvYXBp"),
    ])
}

fn answer(status: QueryStatus, rows: Vec<Vec<(String, String)>>, scanned: f64) -> QueryResults {
    QueryResults {
        status,
        stats: QueryStats {
            records_matched: rows.len() as f64,
            records_scanned: scanned,
            bytes_scanned: scanned * 180.0,
        },
        rows,
    }
}

fn logs(answers: Vec<QueryResults>) -> FakeLogs {
    let logs = FakeLogs::default()
        .group("/app/api")
        .group("/app/worker")
        .stream("/app/api", "web-1", 1_764_666_000_000);
    logs.insights.answer(answers);
    logs
}

fn harness(logs: FakeLogs) -> Harness {
    let adapters =
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_logs(logs);
    Harness::sized(options(two_profiles(), "dev"), adapters, 80, 24)
}

fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn the_editor_at_80x24_sends_the_query_as_written() {
    let logs = logs(vec![answer(QueryStatus::Complete, vec![], 0.0)]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":insights /app/api<Enter>fields @message<Enter>| filter @message like /ERROR/<Esc>")
        .await;
    insta::assert_snapshot!("insights_editor", h.screen());
    assert!(insights.started().is_empty(), "nothing runs until asked");
    h.keys("r").await;
    let started = insights.started();
    assert_eq!(started.len(), 1);
    assert_eq!(started[0].groups, vec!["/app/api".to_string()]);
    assert_eq!(
        started[0].query,
        "fields @message\n| filter @message like /ERROR/"
    );
    assert!(
        (started[0].end_s - started[0].start_s - 3600).abs() <= 2,
        "1h by default"
    );
}

#[tokio::test]
async fn a_query_on_the_command_line_runs_at_once_and_streams_its_results() {
    let partial = answer(
        QueryStatus::Running,
        vec![event(1, "GET /orders 200"), event(2, "GET /health 200")],
        1_200.0,
    );
    let done = answer(
        QueryStatus::Complete,
        vec![
            event(1, "GET /orders 200"),
            event(2, "GET /health 200"),
            event(
                3,
                "ERROR timeout calling payments after 3000 ms, retrying with a longer budget",
            ),
        ],
        48_213.0,
    );
    let logs = logs(vec![partial, done]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":insights /app/api /app/worker -- fields @timestamp, @message, @logStream | limit 20<Enter>")
        .await;
    let started = insights.started();
    assert_eq!(started.len(), 1, "ran at once");
    assert_eq!(started[0].groups, vec!["/app/api", "/app/worker"]);
    assert_eq!(
        started[0].query,
        "fields @timestamp, @message, @logStream | limit 20"
    );
    let screen = h.screen();
    assert!(screen.contains("running…"), "{screen}");
    insta::assert_snapshot!("insights_running", screen);
    // The next poll comes after the backoff's first wait.
    h.wait(Duration::from_millis(1_200)).await;
    let screen = h.screen();
    assert!(screen.contains("complete · 3 rows"), "{screen}");
    assert!(
        !screen.contains("@ptr"),
        "the pointer field is hidden: {screen}"
    );
    insta::assert_snapshot!("insights_results", screen);
    assert!(
        insights.stopped().is_empty(),
        "a finished query is not stopped"
    );
}

#[tokio::test]
async fn enter_expands_a_row_and_pretty_prints_its_json() {
    let json = r#"{"level":"error","order":{"id":"o-17","total":12.50},"msg":"card declined"}"#;
    let logs = logs(vec![answer(
        QueryStatus::Complete,
        vec![event(1, json)],
        10.0,
    )]);
    let mut h = harness(logs);
    h.keys(":insights /app/api -- fields @timestamp, @message<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("@message (JSON)"), "{screen}");
    assert!(screen.contains("\"id\": \"o-17\","), "{screen}");
    assert!(
        screen.contains("\"total\": 12.50"),
        "exact numbers: {screen}"
    );
    assert!(screen.contains("web-1"), "the other fields too: {screen}");
}

#[tokio::test]
async fn leaving_a_running_query_stops_it() {
    let logs = logs(vec![answer(QueryStatus::Running, vec![], 10.0)]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":logs<Enter>:insights /app/api -- fields @message<Enter>")
        .await;
    assert!(h.screen().contains("running…"), "{}", h.screen());
    assert!(insights.stopped().is_empty());
    h.keys("<Esc>").await;
    assert_eq!(insights.stopped(), vec!["query-1".to_string()]);
    assert!(!h.screen().contains("Logs Insights"), "{}", h.screen());
}

#[tokio::test]
async fn running_again_stops_the_running_query_first() {
    let logs = logs(vec![answer(QueryStatus::Running, vec![], 10.0)]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":insights /app/api -- fields @message<Enter>r")
        .await;
    assert_eq!(insights.started().len(), 2);
    assert_eq!(insights.stopped(), vec!["query-1".to_string()]);
    h.keys("x").await;
    assert_eq!(insights.stopped(), vec!["query-1", "query-2"]);
    assert!(h.screen().contains("stopped (by you)"), "{}", h.screen());
}

#[tokio::test]
async fn i_from_a_tail_carries_its_groups_and_range() {
    let logs = logs(vec![answer(QueryStatus::Complete, vec![], 0.0)]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":tail /app/api /app/worker<Enter>:since 2h<Enter>I")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("groups /app/api /app/worker · since 2h"),
        "{screen}"
    );
    h.keys("<Esc>r").await;
    let started = insights.started();
    assert_eq!(started[0].groups, vec!["/app/api", "/app/worker"]);
    assert!(
        (now_s() - 7_200 - started[0].start_s).abs() <= 5,
        "{started:?}"
    );
}

#[tokio::test]
async fn i_from_the_groups_view_takes_the_marked_groups() {
    let logs = logs(vec![answer(QueryStatus::Complete, vec![], 0.0)]);
    let insights = logs.insights.clone();
    let mut h = harness(logs);
    h.keys(":logs<Enter><Space><Space>I<Esc>r").await;
    assert_eq!(
        insights.started()[0].groups,
        vec!["/app/api", "/app/worker"]
    );
}

#[tokio::test]
async fn results_export_to_a_private_file() {
    let logs = logs(vec![answer(
        QueryStatus::Complete,
        vec![event(1, "GET /orders 200"), event(2, "say \"hi\", twice")],
        2.0,
    )]);
    let mut h = harness(logs);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    h.keys(":insights /app/api -- fields @timestamp, @message<Enter>")
        .await;
    h.keys(&format!("W<C-u>{}<Enter>", path.display())).await;
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "@timestamp,@message,@logStream\n\
         2026-12-02 09:01:00.000,GET /orders 200,web-1\n\
         2026-12-02 09:02:00.000,\"say \"\"hi\"\", twice\",web-1\n"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "exports are private");
    assert!(h.screen().contains("exported 2 rows"), "{}", h.screen());
}
