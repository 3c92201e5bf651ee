//! The Lambda and Logs views on in-memory adapters: the invocation workbench (checks before
//! sending, results, function errors), masked environments, payload files, and the tail —
//! dedupe across polls, interleaving, the bounded buffer, pause, search, saving, escapes.

use crate::app_harness::{Harness, options, policies, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::fake::{EventStore, FakeLambda, FakeLogs, FakeSts, adapters};
use awsterm::aws::lambda::InvokeResult;
use awsterm::config::LogsSettings;
use awsterm::saved_payloads::PayloadFiles;
use std::sync::atomic::Ordering;
use std::time::Duration;

fn with(lambda: FakeLambda, logs: FakeLogs) -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice"))
        .with_lambda(lambda)
        .with_logs(logs)
}

fn functions() -> FakeLambda {
    FakeLambda::default()
        .function(
            "checkout-api",
            "python3.12",
            &[("DB_PASSWORD", "hunter2"), ("STAGE", "dev")],
        )
        .function("image-resizer", "nodejs20.x", &[])
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn harness(lambda: FakeLambda, logs: FakeLogs) -> Harness {
    Harness::sized(options(two_profiles(), "dev"), with(lambda, logs), 120, 30)
}

#[tokio::test]
async fn the_workbench_refuses_invalid_json_and_points_at_it() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut h = harness(lambda, FakeLogs::default());
    h.keys(":lambda<Enter>").await;
    assert!(h.screen().contains("checkout-api"), "{}", h.screen());
    h.keys("ie<End><backspace><backspace>{\"order\": <Enter>}<Esc>i")
        .await;
    let screen = h.screen();
    assert!(screen.contains("payload is not JSON"), "{screen}");
    assert!(screen.contains("line 2, column 1"), "{screen}");
    assert!(invoked.lock().unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_payload_is_formatted_sent_and_its_echo_shown() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut h = harness(lambda, FakeLogs::default());
    h.keys(":lambda<Enter>ie<End><backspace><backspace>{\"order\":42,\"big\":12345678901234567890123}<Esc>i")
        .await;
    let screen = h.screen();
    let sent = invoked.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        String::from_utf8(sent[0].payload.clone()).unwrap(),
        "{\n  \"order\": 42,\n  \"big\": 12345678901234567890123\n}",
        "formatted before sending, every digit kept"
    );
    assert!(screen.contains("Status"), "{screen}");
    assert!(
        screen.contains("\"big\": 12345678901234567890123"),
        "{screen}"
    );
}

#[tokio::test]
async fn a_function_error_is_shown_with_the_report_figures() {
    let log = "START RequestId: r1\nTraceback: boom\nREPORT RequestId: r1\tDuration: 3.5 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n";
    let lambda = functions().answer(Ok(InvokeResult {
        status: 200,
        function_error: Some("Unhandled".into()),
        executed_version: Some("$LATEST".into()),
        payload: br#"{"errorMessage":"boom"}"#.to_vec(),
        log_tail: Some(log.into()),
    }));
    let mut h = harness(lambda, FakeLogs::default());
    h.keys(":lambda<Enter>ii").await;
    let screen = h.screen();
    assert!(screen.contains("FunctionError: Unhandled"), "{screen}");
    assert!(screen.contains("Billed duration   4 ms"), "{screen}");
    assert!(screen.contains("40 MB used of 128 MB"), "{screen}");
    assert!(screen.contains("function error: Unhandled"), "{screen}");
    h.keys("G").await;
    assert!(h.screen().contains("Traceback: boom"), "{}", h.screen());
}

#[tokio::test]
async fn environment_values_are_masked_until_revealed_one_at_a_time() {
    let mut h = harness(functions(), FakeLogs::default());
    h.keys(":lambda<Enter>v").await;
    let screen = h.screen();
    assert!(screen.contains("DB_PASSWORD"), "{screen}");
    assert!(!screen.contains("hunter2"), "{screen}");
    h.keys("x").await;
    assert!(h.screen().contains("hunter2"), "{}", h.screen());
    h.keys("jx").await;
    let screen = h.screen();
    assert!(
        !screen.contains("hunter2"),
        "revealing another masks the first: {screen}"
    );
    assert!(screen.contains("dev"), "{screen}");
    h.keys("ky").await;
    assert_eq!(
        h.host.actions.last(),
        Some(&HostAction::Copy("DB_PASSWORD".into())),
        "copy gives the name, never the value"
    );
    // The details document masks them too.
    h.keys("<Esc><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("DB_PASSWORD") && screen.contains("••••••"),
        "{screen}"
    );
    assert!(!screen.contains("hunter2"), "{screen}");
}

#[tokio::test]
async fn payloads_are_saved_renamed_loaded_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let files = PayloadFiles {
        saved: Some(dir.path().join("payloads")),
        history: Some(dir.path().join("history")),
        scope: None,
    };
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut h = harness(lambda, FakeLogs::default());
    h.app.set_payload_files(files.clone());
    h.keys(":lambda<Enter>ie<End><backspace><backspace>{\"n\": 1}<Esc>wpaid order<Enter>")
        .await;
    let path = dir.path().join("payloads/checkout-api/paid order.json");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"n\": 1}");
    // The same name again asks before replacing.
    h.keys("wpaid order<Enter>").await;
    assert!(
        h.screen()
            .contains("Replace the saved payload 'paid order'?"),
        "{}",
        h.screen()
    );
    h.keys("n").await;
    h.keys("i").await;
    h.keys("or<C-u>paid-2<Enter>").await;
    assert!(
        dir.path()
            .join("payloads/checkout-api/paid-2.json")
            .exists()
    );
    let screen = h.screen();
    assert!(screen.contains("saved   paid-2"), "{screen}");
    assert!(
        screen.contains("recent"),
        "the sent payload is in the history: {screen}"
    );
    // Loading opens a workbench with it; sending sends it.
    h.keys("<Enter>i").await;
    assert_eq!(invoked.lock().unwrap().len(), 2);
    assert_eq!(invoked.lock().unwrap()[1].payload, b"{\n  \"n\": 1\n}");
    h.keys("oD").await;
    assert!(h.screen().contains("Delete the saved payload 'paid-2'?"));
    h.keys("y").await;
    assert!(
        !dir.path()
            .join("payloads/checkout-api/paid-2.json")
            .exists()
    );
}

#[tokio::test]
async fn read_only_mode_removes_invoke() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut h = harness(lambda, FakeLogs::default());
    h.app.set_read_only(true);
    h.keys(":lambda<Enter>i").await;
    assert!(
        h.screen().contains("read-only mode: 'invoke' is disabled"),
        "{}",
        h.screen()
    );
    assert!(invoked.lock().unwrap().is_empty());
}

#[tokio::test]
async fn an_invoke_that_never_leaves_does_not_leave_the_workbench_waiting() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut o = options(two_profiles(), "dev");
    o.policies = policies("[[policy]]\nprofiles = \"dev\"\nconfirm = \"typed\"\n");
    let mut h = Harness::sized(o, with(lambda, FakeLogs::default()), 120, 30);
    h.keys(":lambda<Enter>ii").await;
    assert!(
        h.screen().contains("type dev and press Enter"),
        "{}",
        h.screen()
    );
    // The typed confirmation cancelled: nothing is sent, and the view says so instead of
    // "invoking…" forever.
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(invoked.lock().unwrap().is_empty());
    assert!(!screen.contains("invoking…"), "{screen}");
    assert!(screen.contains("not sent: cancelled"), "{screen}");
    // …and it can be sent after all.
    h.keys("idev<Enter>").await;
    assert_eq!(invoked.lock().unwrap().len(), 1);
    assert!(h.screen().contains("Status"), "{}", h.screen());
}

#[tokio::test]
async fn a_write_whose_audit_line_cannot_be_written_is_not_sent() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let state = tempfile::tempdir().unwrap();
    // The audit file's directory is a plain file: no line can be written.
    let blocker = state.path().join("not-a-directory");
    std::fs::write(&blocker, "").unwrap();
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(blocker.join("audit.jsonl"));
    let mut h = Harness::sized(o, with(lambda, FakeLogs::default()), 120, 30);
    h.keys(":lambda<Enter>ii").await;
    let screen = h.screen();
    assert!(
        invoked.lock().unwrap().is_empty(),
        "a write off the record went out"
    );
    assert!(screen.contains("audit log unwritable"), "{screen}");
    assert!(!screen.contains("invoking…"), "{screen}");
}

fn logs_with(groups: &[&str]) -> (FakeLogs, EventStore) {
    let mut logs = FakeLogs::default();
    for g in groups {
        logs = logs.group(g);
    }
    let store = logs.events.clone();
    (logs, store)
}

#[tokio::test]
async fn tailing_shows_new_events_once_in_order_across_polls() {
    let (logs, store) = logs_with(&["/app/api"]);
    let t = now_ms() - 60_000;
    FakeLogs::write(&store, "/app/api", "web-1", t, "first");
    FakeLogs::write(&store, "/app/api", "web-1", t + 1, "second");
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter>").await;
    // Same millisecond as the newest seen: read again by the next poll, shown once.
    FakeLogs::write(
        &store,
        "/app/api",
        "web-1",
        t + 1,
        "third, same millisecond",
    );
    FakeLogs::write(&store, "/app/api", "web-2", t + 5, "fourth");
    h.wait(Duration::from_millis(2500)).await;
    let screen = h.screen();
    let order: Vec<usize> = ["first", "second", "third, same millisecond", "fourth"]
        .iter()
        .map(|m| {
            screen
                .find(m)
                .unwrap_or_else(|| panic!("{m} missing: {screen}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{screen}");
    assert_eq!(screen.matches(" second ").count(), 1, "{screen}");
    assert!(screen.contains("· 4 lines"), "{screen}");
}

#[tokio::test]
async fn two_groups_interleave_by_time_with_their_labels() {
    let (logs, store) = logs_with(&["/app/api", "/app/worker"]);
    let t = now_ms() - 60_000;
    FakeLogs::write(&store, "/app/api", "s", t, "api one");
    FakeLogs::write(&store, "/app/api", "s", t + 20, "api two");
    FakeLogs::write(&store, "/app/worker", "s", t + 10, "worker one");
    FakeLogs::write(&store, "/app/worker", "s", t + 30, "worker two");
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api /app/worker<Enter>").await;
    let screen = h.screen();
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(" one") || l.contains(" two"))
        .collect();
    assert_eq!(rows.len(), 4, "{screen}");
    for (row, (label, text)) in rows.iter().zip([
        ("api", "api one"),
        ("worker", "worker one"),
        ("api", "api two"),
        ("worker", "worker two"),
    ]) {
        assert!(row.contains(label) && row.contains(text), "{row}");
    }
    assert!(screen.contains("tail 2 groups: api, worker"), "{screen}");
}

/// Twenty 128 KiB lines against a 1 MiB byte cap: the line cap (100,000) is far away, the
/// bytes decide, and the title says what went.
#[tokio::test]
async fn big_lines_are_bounded_by_the_byte_cap() {
    let (logs, store) = logs_with(&["/app/api"]);
    let t = now_ms() - 60_000;
    for i in 0..20 {
        let message = format!("big {i:02} {}", "x".repeat(128 * 1024));
        FakeLogs::write(&store, "/app/api", "s", t + i, &message);
    }
    let mut h = harness(FakeLambda::default(), logs);
    h.app.set_logs_settings(LogsSettings {
        buffer_bytes: 1 << 20,
        ..LogsSettings::default()
    });
    h.keys(":tail /app/api<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("· 7 lines · 13 dropped (buffer 100,000 lines / 1.0 MiB)"),
        "{screen}"
    );
    h.keys("<Home>").await;
    let screen = h.screen();
    assert!(
        screen.contains("big 13") && !screen.contains("big 12"),
        "{screen}"
    );
}

#[tokio::test]
async fn the_buffer_is_bounded_and_counts_what_it_dropped() {
    let (logs, store) = logs_with(&["/app/api"]);
    let t = now_ms() - 60_000;
    for i in 0..250 {
        FakeLogs::write(&store, "/app/api", "s", t + i, &format!("line {i}"));
    }
    let mut h = harness(FakeLambda::default(), logs);
    h.app.set_logs_settings(LogsSettings {
        buffer_lines: 100,
        ..LogsSettings::default()
    });
    h.keys(":tail /app/api<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("· 100 lines · 150 dropped (buffer 100 lines / 256.0 MiB)"),
        "{screen}"
    );
    assert!(screen.contains("line 249"), "{screen}");
    h.keys("<Home>").await;
    let screen = h.screen();
    assert!(
        screen.contains("line 150") && !screen.contains("line 149 "),
        "{screen}"
    );
}

#[tokio::test]
async fn a_quiet_tail_polls_at_most_once_per_interval() {
    let (logs, _store) = logs_with(&["/app/api"]);
    let calls = logs.event_calls.clone();
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter>").await;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    h.wait(Duration::from_millis(5500)).await;
    // Quiet: 2 s, then 3 s between polls (the interval backs off towards 5 s).
    let made = calls.load(Ordering::SeqCst);
    assert!((2..=3).contains(&made), "{made} requests in 5.5 s");
    // Leaving the view stops it.
    h.keys("<Esc>").await;
    let before = calls.load(Ordering::SeqCst);
    h.wait(Duration::from_millis(3500)).await;
    assert_eq!(calls.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn pausing_holds_the_view_and_counts_arrivals() {
    let (logs, store) = logs_with(&["/app/api"]);
    let t = now_ms() - 60_000;
    FakeLogs::write(&store, "/app/api", "s", t, "old line");
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter>p").await;
    for i in 0..3 {
        FakeLogs::write(
            &store,
            "/app/api",
            "s",
            t + 100 + i,
            &format!("new line {i}"),
        );
    }
    h.wait(Duration::from_millis(2500)).await;
    let screen = h.screen();
    assert!(screen.contains("paused · 3 new lines"), "{screen}");
    h.keys("p").await;
    assert!(h.screen().contains("new line 2"), "{}", h.screen());
    assert!(h.screen().contains("following"));
}

#[tokio::test]
async fn search_jumps_between_matches_and_save_writes_the_buffer_escaped() {
    let (logs, store) = logs_with(&["/app/api"]);
    let t = now_ms() - 60_000;
    let lines = [
        "GET /health 200",
        "ERROR timeout calling payments",
        "GET /orders 200",
        "error: \u{1b}]52;c;ZXZpbA==\u{7} stolen clipboard",
        "GET /health 200",
    ];
    for (i, line) in lines.iter().enumerate() {
        FakeLogs::write(&store, "/app/api", "s", t + i as i64, line);
    }
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("error: ␛]52;c;ZXZpbA==␇ stolen clipboard"),
        "{screen}"
    );
    h.keys("/error<Enter>").await;
    assert!(h.screen().contains("paused"), "{}", h.screen());
    h.keys("Ny").await;
    assert_eq!(
        h.host.actions.last(),
        Some(&HostAction::Copy("ERROR timeout calling payments".into()))
    );
    h.keys("Nn").await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tail.log");
    h.keys(&format!("W<C-u>{}<Enter>", path.display())).await;
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved.lines().count(), 5);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a saved tail is private");
    assert!(
        saved.contains("/app/api\ts\tERROR timeout calling payments"),
        "{saved}"
    );
    assert!(
        !saved.contains('\u{1b}'),
        "escapes are saved visible: {saved}"
    );
    // Saving again asks before replacing.
    h.keys(&format!("W<C-u>{}<Enter>", path.display())).await;
    assert!(h.screen().contains("Replace"), "{}", h.screen());
}

#[tokio::test]
async fn a_json_message_expands_pretty_printed() {
    let (logs, store) = logs_with(&["/app/api"]);
    FakeLogs::write(
        &store,
        "/app/api",
        "s",
        now_ms() - 1000,
        r#"2026-11-23T10:00:00Z 7f0c INFO {"order":42,"total":12345678901234567890.10}"#,
    );
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Message (JSON)"), "{screen}");
    assert!(
        screen.contains("\"total\": 12345678901234567890.10"),
        "{screen}"
    );
}

#[tokio::test]
async fn the_logs_of_an_invoked_function_open_from_the_workbench() {
    let (logs, store) = logs_with(&["/aws/lambda/checkout-api"]);
    let calls = logs.event_calls.clone();
    let mut h = harness(functions(), logs);
    h.keys(":lambda<Enter>ii").await;
    FakeLogs::write(
        &store,
        "/aws/lambda/checkout-api",
        "2026/11/23/[$LATEST]abc",
        now_ms(),
        "REPORT RequestId: r1",
    );
    h.keys("L").await;
    let screen = h.screen();
    assert!(screen.contains("tail /aws/lambda/checkout-api"), "{screen}");
    assert!(screen.contains("REPORT RequestId: r1"), "{screen}");
    assert!(calls.load(Ordering::SeqCst) >= 1);
}

#[tokio::test]
async fn log_groups_search_by_prefix_and_tail_marked_groups() {
    let (logs, store) = logs_with(&["/app/api", "/app/worker", "/aws/lambda/checkout-api"]);
    FakeLogs::write(
        &store,
        "/app/worker",
        "s",
        now_ms() - 1000,
        "worker says hi",
    );
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":logs<Enter>").await;
    assert!(h.screen().contains("[3]"), "{}", h.screen());
    h.keys(":prefix /app/<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("prefix /app/ [2]"), "{screen}");
    assert!(!screen.contains("checkout-api"), "{screen}");
    h.keys("<Space><Space>t").await;
    let screen = h.screen();
    assert!(screen.contains("tail 2 groups"), "{screen}");
    assert!(screen.contains("worker says hi"), "{screen}");
}
