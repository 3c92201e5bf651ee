//! Whole-app snapshots (header, pane, hints) of the Lambda views, the log tail, a cross-context
//! view and `:audit`, on in-memory adapters with fixed times; and a real table with long names
//! at 80×24 and 160 columns, where the names stay whole and lower-ranked columns give way.

use crate::app_harness::{Harness, options, profile, two_profiles};
use awsterm::aws::fake::{FakeContexts, FakeLambda, FakeLogs, FakeSts, adapters};
use awsterm::aws::lambda::InvokeResult;
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::{AwsError, ErrorKind};
use awsterm::config::LogsSettings;
use std::time::Duration;

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/awsterm")
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

/// Forty characters each: longer than a `Fill` column's share at 80 or 160 columns.
const LONG_NAMES: [&str; 3] = [
    "orders-checkout-api-eu-west-1-production",
    "image-resizer-thumbnails-eu-west-1-stage",
    "payments-webhook-dispatcher-blue-green-1",
];

/// Fifty-six characters: more than NAME's even share of the spare width at 160 columns.
const LONGER_NAMES: [&str; 2] = [
    "orders-checkout-api-eu-west-1-production-blue-green-0001",
    "image-resizer-thumbnails-eu-west-1-stage-canary-20261123",
];

fn named(names: &[&str]) -> FakeLambda {
    names.iter().fold(FakeLambda::default(), |fake, name| {
        fake.function(name, "python3.12", &[])
    })
}

fn lambda_app(lambda: FakeLambda, width: u16, height: u16) -> Harness {
    Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_lambda(lambda),
        width,
        height,
    )
}

/// The column titles on the table's header line.
fn header_titles(screen: &str) -> Vec<String> {
    let line = screen
        .lines()
        .find(|l| l.contains("NAME"))
        .unwrap_or_else(|| panic!("no header line: {screen}"));
    line.trim_matches('"')
        .trim_matches('│')
        .split("  ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// The functions view of `names` at `width`×24: every name whole; the column titles shown.
async fn functions_at(names: &[&str], width: u16) -> (String, Vec<String>) {
    let mut h = lambda_app(named(names), width, 24);
    h.keys(":lambda<Enter>").await;
    let screen = h.screen();
    for name in names {
        assert!(screen.contains(name), "{name} cut: {screen}");
    }
    let titles = header_titles(&screen);
    (screen, titles)
}

#[tokio::test]
async fn long_names_stay_whole_at_80_by_24() {
    let (screen, titles) = functions_at(&LONG_NAMES, 80).await;
    assert_eq!(
        titles,
        ["NAME", "RUNTIME", "MODIFIED"],
        "memory, timeout, code size and description give way first: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn long_names_stay_whole_at_160_columns() {
    let (screen, titles) = functions_at(&LONGER_NAMES, 160).await;
    let all = [
        "NAME",
        "RUNTIME",
        "MEMORY",
        "TIMEOUT",
        "MODIFIED",
        "CODE",
        "DESCRIPTION",
    ];
    assert_eq!(
        titles, all,
        "every column fits; the spare width is not taken from the names: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn lambda_functions_details_and_masked_environment() {
    let mut h = lambda_app(functions(), 120, 30);
    h.keys(":lambda<Enter>").await;
    insta::assert_snapshot!("lambda_functions", h.screen());
    h.keys("<Enter>").await;
    let details = h.screen();
    assert!(!details.contains("hunter2"), "{details}");
    insta::assert_snapshot!("lambda_details", details);
    h.keys("<Esc>v").await;
    let environment = h.screen();
    assert!(environment.contains("DB_PASSWORD"), "{environment}");
    assert!(!environment.contains("hunter2"), "{environment}");
    insta::assert_snapshot!("lambda_environment_masked", environment);
}

#[tokio::test]
async fn lambda_workbench_with_a_result() {
    let log = "START RequestId: r1\nREPORT RequestId: r1\tDuration: 3.5 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n";
    let lambda = functions().answer(Ok(InvokeResult {
        status: 200,
        function_error: None,
        executed_version: Some("$LATEST".into()),
        payload: br#"{"statusCode":200,"body":"order 42 accepted"}"#.to_vec(),
        log_tail: Some(log.into()),
    }));
    let mut h = lambda_app(lambda, 120, 30);
    h.keys(":lambda<Enter>ii").await;
    let screen = h.screen();
    assert!(screen.contains("order 42 accepted"), "{screen}");
    // When it was sent is the clock's (local time, `HH:MM:SS.mmm`), not the snapshot's.
    let at = screen.find("last sent ").expect("the send time is shown") + "last sent ".len();
    let sent = &screen[at..at + "HH:MM:SS.mmm".len()];
    let screen = screen.replacen(sent, "HH:MM:SS.mmm", 1);
    insta::assert_snapshot!(screen);
}

/// 2026-11-23 10:00:00 UTC, where every tail below starts.
const T0: i64 = 1_795_428_000_000;

#[tokio::test]
async fn log_tail_interleaved_then_paused_with_arrivals() {
    let mut logs = FakeLogs::default();
    for group in ["/app/api", "/app/worker", "/aws/lambda/checkout-api"] {
        logs = logs.group(group);
    }
    let store = logs.events.clone();
    let lines = [
        ("/app/api", "web-1", 1_000, "GET /orders/42 200 12ms"),
        (
            "/app/worker",
            "w-1",
            1_500,
            "picked job 7f0c (charge order 42)",
        ),
        (
            "/aws/lambda/checkout-api",
            "2026/11/23/[$LATEST]a1",
            2_000,
            "START RequestId: r1",
        ),
        ("/app/api", "web-2", 2_500, "POST /checkout 201 48ms"),
        (
            "/app/worker",
            "w-1",
            3_000,
            "ERROR payment declined for order 42",
        ),
        (
            "/aws/lambda/checkout-api",
            "2026/11/23/[$LATEST]a1",
            3_500,
            "REPORT RequestId: r1 Duration: 3.5 ms",
        ),
    ];
    for (group, stream, at, message) in lines {
        FakeLogs::write(&store, group, stream, T0 + at, message);
    }
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_logs(logs),
        120,
        24,
    );
    h.app.set_logs_settings(LogsSettings {
        since: "2026-11-23T10:00:00Z".into(),
        utc: true,
        ..LogsSettings::default()
    });
    h.keys(":tail /app/api /app/worker /aws/lambda/checkout-api<Enter>p")
        .await;
    for i in 0..3 {
        FakeLogs::write(
            &store,
            "/app/api",
            "web-1",
            T0 + 10_000 + i,
            &format!("GET /health 200 (arrived while paused {i})"),
        );
    }
    // The next poll (2 s on) brings them; the paused view counts them.
    h.wait(Duration::from_millis(2500)).await;
    let screen = h.screen();
    assert!(screen.contains("paused · 3 new lines"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn lambda_across_profiles_with_one_failing() {
    let profiles = vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("prod", Some("eu-west-1"), CredentialKind::AssumeRole),
        profile("staging", Some("eu-central-1"), CredentialKind::StaticKeys),
    ];
    let fakes = FakeContexts::default()
        .lambda(
            "dev",
            FakeLambda::default().function("checkout-api", "python3.12", &[]),
        )
        .lambda(
            "prod",
            FakeLambda::default()
                .function("checkout-api", "python3.12", &[])
                .function("image-resizer", "nodejs20.x", &[]),
        )
        .failing(
            "staging",
            AwsError {
                kind: ErrorKind::AccessDenied,
                code: Some("AccessDeniedException".into()),
                message: "not authorized to perform: lambda:ListFunctions".into(),
            },
        );
    let sts = sts().with("staging", "333333333333", "user/ci");
    let mut h = Harness::sized(
        options(profiles, "dev"),
        adapters(sts).with_contexts(fakes),
        160,
        24,
    );
    h.keys(":lambda @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("1 failed"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A call's two lines, as the audit log writes them.
pub(crate) fn audited(
    id: &str,
    time: &str,
    profile: &str,
    operation: (&str, &str),
    resource: &str,
    outcome: &str,
) -> String {
    let (service, operation) = operation;
    format!(
        "{{\"event\":\"sent\",\"id\":\"{id}\",\"time\":\"{time}\",\"profile\":\"{profile}\",\"account\":\"111111111111\",\"region\":\"eu-west-1\",\"service\":\"{service}\",\"operation\":\"{operation}\",\"resources\":[\"{resource}\"]}}\n\
         {{\"event\":\"ended\",\"id\":\"{id}\",\"time\":\"{time}\",\"outcome\":\"{outcome}\"}}\n"
    )
}

/// Replaces `needle` (a temporary path) on every line with `with`, keeping each line as wide
/// as the screen by lengthening or shortening the border run after it.
pub(crate) fn masked(screen: &str, needle: &str, with: &str) -> String {
    let longer = needle.chars().count() as isize - with.chars().count() as isize;
    screen
        .lines()
        .map(|line| {
            let Some(at) = line.find(needle) else {
                return line.to_string();
            };
            let rest = &line[at + needle.len()..];
            let rest = if longer >= 0 {
                let pad = "─".repeat(longer as usize);
                match rest.find('─') {
                    Some(dash) => format!("{}{pad}{}", &rest[..dash], &rest[dash..]),
                    None => rest.to_string(),
                }
            } else {
                rest.replacen(&"─".repeat((-longer) as usize), "", 1)
            };
            format!("{}{with}{rest}", &line[..at])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn audit_lists_calls_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let log = [
        audited(
            "1.a-1",
            "2026-11-23T09:58:01.120Z",
            "dev",
            ("ec2", "StopInstances"),
            "i-0abc1234def567890",
            "ok",
        ),
        audited(
            "1.a-2",
            "2026-11-23T09:59:30.000Z",
            "prod",
            ("lambda", "Invoke"),
            "checkout-api",
            "failed",
        ),
        audited(
            "1.a-3",
            "2026-11-23T10:01:12.500Z",
            "dev",
            ("s3", "DeleteObject"),
            "s3://demo-bucket/reports/2026-11.csv",
            "cancelled",
        ),
        audited(
            "1.a-4",
            "2026-11-23T10:02:45.000Z",
            "prod",
            ("rds", "RebootDBInstance"),
            "orders-db",
            "interrupted",
        ),
    ]
    .concat();
    std::fs::write(&path, log).unwrap();
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    let mut h = Harness::sized(o, adapters(sts()), 120, 24);
    h.keys(":audit<Enter>").await;
    let screen = masked(
        &h.screen(),
        &path.display().to_string(),
        "<state>/audit.jsonl",
    );
    assert!(screen.contains("Audit log · 4"), "{screen}");
    insta::assert_snapshot!(screen);
}
