//! Logs Insights saved queries, the last runs and group-name completion, on the in-memory
//! adapter through the app loop: `w` saves (groups, text, range) under a name, every run is
//! remembered (a rerun once), `o` lists them at 80×24, `e` fills the editor and Enter runs,
//! `D` deletes; Tab in `G` completes a group name from the context's groups.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeLogs, FakeSts, adapters};
use awsterm::aws::logs::{QueryResults, QueryStatus};
use awsterm::saved_queries::QueryFiles;

fn logs() -> FakeLogs {
    let logs = FakeLogs::default()
        .group("/app/api")
        .group("/app/worker")
        .group("/aws/lambda/orders");
    logs.insights.answer([QueryResults {
        status: QueryStatus::Complete,
        ..QueryResults::default()
    }]);
    logs
}

/// The harness with query files in `dir` (as the app keeps them: config and state dirs).
fn harness(logs: FakeLogs, dir: &std::path::Path) -> Harness {
    let adapters =
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_logs(logs);
    let mut options = options(two_profiles(), "dev");
    options.queries = QueryFiles {
        saved: Some(dir.join("config/queries.toml")),
        history: Some(dir.join("state/query-history.toml")),
    };
    Harness::sized(options, adapters, 80, 24)
}

#[tokio::test]
async fn a_saved_query_is_listed_and_picking_it_fills_the_editor_or_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let logs = logs();
    let insights = logs.insights.clone();
    let mut h = harness(logs, dir.path());
    h.keys(":insights /app/api<Enter>fields @message<Enter>| limit 5<Esc>")
        .await;
    h.keys("T<C-u>2h<Enter>wfive<Enter>").await;
    assert!(h.screen().contains("saved 'five'"), "{}", h.screen());
    let text = std::fs::read_to_string(dir.path().join("config/insights-queries.toml")).unwrap();
    assert!(text.contains("name = \"five\""), "{text}");
    assert!(text.contains("since = \"2h\""), "{text}");
    assert!(
        std::fs::read_to_string(dir.path().join("config/queries.toml")).is_err(),
        "the DynamoDB file is not touched"
    );

    // Another view, other groups: the list brings the saved one back (and the first view's
    // "saved" flash went with it). The directory is replaced in case a line names the file:
    // it differs from run to run.
    h.keys(":insights /app/worker<Enter><Esc>o").await;
    let screen = h
        .screen()
        .replace(&dir.path().display().to_string(), "<dir>");
    insta::assert_snapshot!("insights_saved_list", screen);
    h.keys("e").await;
    let screen = h.screen();
    assert!(screen.contains("groups /app/api · since 2h"), "{screen}");
    assert!(screen.contains("| limit 5"), "{screen}");
    assert!(insights.started().is_empty(), "e only fills");

    h.keys(":insights /app/worker<Enter><Esc>o<Enter>").await;
    let started = insights.started();
    assert_eq!(started.len(), 1, "Enter runs");
    assert_eq!(started[0].groups, ["/app/api"]);
    assert_eq!(started[0].query, "fields @message\n| limit 5");
    assert!((started[0].end_s - started[0].start_s - 7200).abs() <= 2);
}

#[tokio::test]
async fn runs_are_remembered_once_each_and_deleted_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let logs = logs();
    let insights = logs.insights.clone();
    let mut h = harness(logs, dir.path());
    h.keys(":insights /app/api -- fields @message | limit 1<Enter>")
        .await;
    h.keys("r").await;
    h.keys(":insights /app/worker -- limit 2<Enter>").await;
    assert_eq!(insights.started().len(), 3);
    h.keys("o").await;
    let screen = h.screen();
    assert_eq!(
        screen.matches("│recent ").count(),
        2,
        "a rerun once: {screen}"
    );
    let worker = screen.find("limit 2").unwrap();
    let api = screen.find("fields @message").unwrap();
    assert!(worker < api, "the view's groups first: {screen}");
    h.keys("D").await;
    assert!(h.screen().contains("Delete the run of"), "{}", h.screen());
    h.keys("y").await;
    let screen = h.screen();
    assert_eq!(screen.matches("│recent ").count(), 1, "{screen}");
    let list = &screen[screen.find("saved and recent").unwrap()..];
    assert!(!list.contains("limit 2"), "{screen}");
    let history = std::fs::read_to_string(dir.path().join("state/insights-history.toml")).unwrap();
    assert!(!history.contains("limit 2"), "{history}");
    assert!(history.contains("limit 1"), "{history}");
}

#[tokio::test]
async fn tab_completes_log_group_names_of_the_context() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(logs(), dir.path());
    h.keys(":insights /app/api<Enter><Esc>L/aws<Tab>").await;
    let screen = h.screen();
    assert!(
        screen.contains("groups › /app/api /aws/lambda/orders ▏"),
        "one match completes whole: {screen}"
    );
    h.keys("/app/<Tab>").await;
    let screen = h.screen();
    assert!(
        screen.contains("/aws/lambda/orders /app/▏  /app/api /app/worker"),
        "two matches: the common part and the choices: {screen}"
    );
    h.keys("w<Tab><Enter><Esc>").await;
    let screen = h.screen();
    assert!(
        screen.contains("groups /app/api /aws/lambda/orders /app/worker · since"),
        "{screen}"
    );
}
