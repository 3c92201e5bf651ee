//! Faults between awsterm and AWS: the recording proxy (`awsterm_testkit::proxy`) sits
//! between the SDK and the emulator and injects 5xx, throttling, resets, stalls and cut
//! bodies. Each test prints its figures (`resilience:` lines) for docs/reliability.md.

use crate::app_harness::{Harness, options};
use crate::support::{AwsFiles, put_empty_objects, run_instances};
use awsterm::aws::dynamodb::{DynamoApi, SdkDynamo, Write, Written};
use awsterm::aws::dynamodb_value::Value;
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::s3::{S3Api, SdkS3};
use awsterm::aws::{AwsSetup, ContextKey, SdkConfigs};
use awsterm::config::AwsSettings;
use awsterm_testkit::moto::Moto;
use awsterm_testkit::proxy::{Fault, Proxy, Rule};
use std::sync::Arc;
use std::time::Duration;

/// Per-test files whose profiles reach the emulator through a fresh proxy.
fn behind_proxy(name: &str) -> (Proxy, AwsFiles) {
    let proxy = Proxy::start(&Moto::shared().endpoint);
    let files = AwsFiles::with_endpoint(name, &proxy.endpoint());
    (proxy, files)
}

fn setup(files: &AwsFiles, settings: AwsSettings) -> AwsSetup {
    AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings,
    }
}

/// A table keyed by `pk` (string) with `count` small items.
async fn create_table(ddb: &aws_sdk_dynamodb::Client, name: &str, count: usize) {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
        ScalarAttributeType,
    };
    ddb.create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    for i in 0..count {
        ddb.put_item()
            .table_name(name)
            .item("pk", AttributeValue::S(format!("item-{i:04}")))
            .item("n", AttributeValue::N(i.to_string()))
            .send()
            .await
            .unwrap();
    }
}

fn ctx() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn app(files: &AwsFiles, settings: AwsSettings) -> Harness {
    let mut o = options(
        vec![crate::app_harness::profile(
            "acct",
            Some("us-east-1"),
            CredentialKind::AssumeRole,
        )],
        "acct",
    );
    let setup = setup(files, settings);
    o.files = setup.files.clone();
    Harness::sized(o, awsterm::aws::Adapters::sdk(setup), 160, 40)
}

/// Refreshes a view until `done` holds (errors that outlived the retries are recoverable by
/// refresh); returns how many refreshes it took.
async fn until_complete(h: &mut Harness, retry: &str, done: impl Fn(&str) -> bool) -> usize {
    for refreshes in 0..6 {
        if done(&h.screen()) {
            return refreshes;
        }
        h.keys(retry).await;
    }
    panic!("never completed: {}", h.screen());
}

#[tokio::test]
async fn listings_complete_under_30_percent_injected_throttling_and_5xx() {
    let (proxy, files) = behind_proxy("listings_under_faults");
    // Seed through the proxy before any rule.
    let s3 = files.s3("acct").await;
    let bucket = format!("faulty-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    put_empty_objects(&s3, &bucket, (0..2_500).map(|i| format!("obj-{i:05}"))).await;
    run_instances(
        &files.ec2("acct").await,
        &[("f-1", "t", "t3.micro"), ("f-2", "t", "t3.micro")],
    )
    .await;
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    create_table(&ddb, "faulty-orders", 300).await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(&files.sdk_config("acct").await);
    logs.create_log_group()
        .log_group_name("/faulty/app")
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name("/faulty/app")
        .log_stream_name("s")
        .send()
        .await
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let events: Vec<_> = (0..40)
        .map(|i| {
            aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                .timestamp(now - 60_000 + i)
                .message(format!("faulty event {i:02}"))
                .build()
                .unwrap()
        })
        .collect();
    logs.put_log_events()
        .log_group_name("/faulty/app")
        .log_stream_name("s")
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
    proxy.clear();

    let seed = 20261123;
    proxy.add_rule(
        Rule::new(Fault::s3_slow_down())
            .path_contains("list-type=2")
            .fraction(0.3, seed),
    );
    proxy.add_rule(
        Rule::new(Fault::throttling_query())
            .operation("DescribeInstances")
            .fraction(0.3, seed + 1),
    );
    proxy.add_rule(
        Rule::new(Fault::throttling_json())
            .operation("Scan")
            .fraction(0.3, seed + 2),
    );
    proxy.add_rule(
        Rule::new(Fault::service_unavailable())
            .operation("DescribeTable")
            .fraction(0.3, seed + 3),
    );
    proxy.add_rule(
        Rule::new(Fault::throttling_json())
            .operation("FilterLogEvents")
            .fraction(0.3, seed + 4),
    );
    proxy.add_rule(
        Rule::new(Fault::internal_error())
            .operation("ListTables")
            .fraction(0.3, seed + 5),
    );

    let mut h = app(&files, AwsSettings::default());
    h.keys(&format!(":s3<Enter>:filter {bucket}<Enter><Enter>"))
        .await;
    let s3_refreshes = until_complete(&mut h, "<C-r>", |s| {
        s.contains("obj-00000") && s.contains("2,500")
    })
    .await;
    h.keys("<Esc><Esc>:ec2<Enter>").await;
    let ec2_refreshes =
        until_complete(&mut h, "<C-r>", |s| s.contains("f-1") && s.contains("f-2")).await;
    h.keys("<Esc>:ddb<Enter>").await;
    let tables_refreshes = until_complete(&mut h, "<C-r>", |s| s.contains("faulty-orders")).await;
    h.keys("<Enter>M").await;
    let items_refreshes = until_complete(&mut h, "<C-r>M", |s| s.contains("[300]")).await;
    h.keys("<Esc><Esc>:tail /faulty/app<Enter>").await;
    h.wait(Duration::from_millis(2500)).await;
    let tail_refreshes = until_complete(&mut h, "<C-r>", |s| {
        s.contains("· 40 lines ·") && s.contains("faulty event 39") && !s.contains("dropped")
    })
    .await;

    let requests = proxy.requests().len();
    let injected = proxy.injected();
    eprintln!(
        "resilience: listings under 30% faults: {requests} requests, {injected} faults injected, \
         refreshes needed s3={s3_refreshes} ec2={ec2_refreshes} tables={tables_refreshes} \
         items={items_refreshes} tail={tail_refreshes}"
    );
    assert!(injected > 0, "the rules fired");
}

#[tokio::test]
async fn a_cut_or_reset_download_leaves_no_file_and_a_retry_gets_every_byte() {
    let (proxy, files) = behind_proxy("download_under_faults");
    let s3 = files.s3("acct").await;
    let bucket = format!("dlf-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let body: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 251) as u8).collect();
    s3.put_object()
        .bucket(&bucket)
        .key("blob.bin")
        .body(body.clone().into())
        .send()
        .await
        .unwrap();
    let adapter = SdkS3::new(Arc::new(SdkConfigs::new(setup(
        &files,
        AwsSettings::default(),
    ))));
    let dest = tempfile::tempdir().unwrap();
    let target = dest.path().join("blob.bin");
    let download = || {
        adapter.download(
            ctx(),
            bucket.clone(),
            "blob.bin".into(),
            None,
            target.clone(),
            false,
            Arc::new(|_| {}),
        )
    };
    let leftovers = || std::fs::read_dir(dest.path()).unwrap().count();
    let object_path = format!("/{bucket}/blob.bin");

    for (name, fault) in [
        ("truncated body", Fault::Truncate { keep: 100_000 }),
        ("connection reset", Fault::Reset),
    ] {
        let rule = proxy.add_rule(Rule::new(fault).path_contains(&object_path).first(10));
        let e = download().await.expect_err(name);
        assert_eq!(leftovers(), 0, "{name}: nothing partial on disk");
        assert!(!e.summary().is_empty());
        eprintln!(
            "resilience: download, {name}: {} faults, error shown: {}",
            proxy.injected_by(rule),
            e.summary()
        );
        proxy.clear_rules();
    }
    let bytes = download().await.expect("clean retry");
    assert_eq!(bytes, body.len() as u64);
    assert!(std::fs::read(&target).unwrap() == body, "every byte, once");
}

/// The bucket's incomplete multipart uploads, once the abort (sent from a spawned task when
/// the upload failed) has had its chance to land: polled a few seconds at most.
async fn incomplete_uploads(s3: &aws_sdk_s3::Client, bucket: &str) -> usize {
    let mut pending = usize::MAX;
    for _ in 0..100 {
        pending = s3
            .list_multipart_uploads()
            .bucket(bucket)
            .send()
            .await
            .unwrap()
            .uploads()
            .len();
        if pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pending
}

#[tokio::test]
async fn an_upload_cut_mid_multipart_leaves_no_incomplete_upload() {
    let (proxy, files) = behind_proxy("upload_under_faults");
    let s3 = files.s3("acct").await;
    let bucket = format!("upf-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let local = tempfile::tempdir().unwrap();
    let path = local.path().join("big.bin");
    std::fs::write(&path, vec![5u8; 20 * 1024 * 1024]).unwrap();
    let rule = proxy.add_rule(Rule::new(Fault::Reset).path_contains("partNumber=2"));
    let adapter = SdkS3::new(Arc::new(SdkConfigs::new(setup(
        &files,
        AwsSettings::default(),
    ))));
    let e = adapter
        .upload(
            ctx(),
            bucket.clone(),
            "big.bin".into(),
            path,
            Arc::new(|_| {}),
        )
        .await
        .expect_err("part 2 never arrives");
    assert_eq!(
        incomplete_uploads(&s3, &bucket).await,
        0,
        "the multipart upload was aborted"
    );
    assert!(
        s3.head_object()
            .bucket(&bucket)
            .key("big.bin")
            .send()
            .await
            .is_err()
    );
    let aborts = proxy
        .requests()
        .iter()
        .filter(|r| {
            r.method == "DELETE" && r.query.as_deref().is_some_and(|q| q.contains("uploadId"))
        })
        .count();
    eprintln!(
        "resilience: upload, part 2 reset: {} faults, {aborts} abort, error: {}",
        proxy.injected_by(rule),
        e.summary()
    );
}

#[tokio::test]
async fn an_edit_applied_but_unanswered_is_reported_applied_once_not_as_a_conflict() {
    let (proxy, files) = behind_proxy("ddb_edit_lost_answer");
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    create_table(&ddb, "accounts", 0).await;
    let original: awsterm::aws::dynamodb_value::Item = [
        ("pk".to_string(), Value::S("acct-1".into())),
        ("balance".to_string(), Value::N("100".into())),
    ]
    .into_iter()
    .collect();
    ddb.put_item()
        .table_name("accounts")
        .set_item(Some(awsterm::aws::dynamodb_value::item_to_sdk(&original)))
        .send()
        .await
        .unwrap();
    let mut edited = original.clone();
    edited.insert("balance".into(), Value::N("250".into()));
    let update = awsterm::aws::dynamodb_edit::update_for_edit(&original, &edited, &["pk".into()])
        .unwrap()
        .unwrap();
    // The first UpdateItem reaches the emulator, then its answer stalls past the attempt
    // timeout: the SDK retries, and the retry's condition fails on the first one's change.
    let settings = AwsSettings {
        attempt_timeout: 1.0,
        ..AwsSettings::default()
    };
    let rule = proxy.add_rule(
        Rule::after_upstream(Fault::Stall(Duration::from_secs(3)))
            .operation("UpdateItem")
            .nth(1),
    );
    let adapter = SdkDynamo::new(Arc::new(SdkConfigs::new(setup(&files, settings))));
    let written = adapter
        .write(ctx(), "accounts".into(), Write::Update(update))
        .await
        .expect("not a conflict");
    assert_eq!(written, Written::FoundApplied);
    assert_eq!(proxy.count("UpdateItem"), 2, "sent, lost, retried once");
    let now = ddb
        .get_item()
        .table_name("accounts")
        .key(
            "pk",
            aws_sdk_dynamodb::types::AttributeValue::S("acct-1".into()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        now.item()
            .and_then(|i| i.get("balance"))
            .and_then(|v| v.as_n().ok())
            .map(String::as_str),
        Some("250")
    );
    let again = awsterm::aws::dynamodb_edit::update_for_edit(&original, &edited, &["pk".into()])
        .unwrap()
        .unwrap();
    let shown = match awsterm::panes::dynamodb::edit::written(&Write::Update(again), &Ok(written)) {
        awsterm::pane::Effect::Flash(_, text) => text,
        other => panic!("a flash, not {other:?}"),
    };
    assert!(shown.contains("a re-read shows it applied"), "{shown}");
    eprintln!(
        "resilience: DynamoDB edit with its answer lost: {} fault, 2 UpdateItem, reported: {shown}",
        proxy.injected_by(rule)
    );
}

#[tokio::test]
async fn a_terminate_whose_answer_is_lost_is_re_read_and_never_sent_again() {
    let (proxy, files) = behind_proxy("terminate_lost_answer");
    let ids = run_instances(&files.ec2("acct").await, &[("doomed", "t", "t3.micro")]).await;
    // The dry run is the first TerminateInstances; the real one reaches the emulator and its
    // connection is then reset.
    proxy.add_rule(
        Rule::after_upstream(Fault::Reset)
            .operation("TerminateInstances")
            .nth(2),
    );
    let mut h = app(&files, AwsSettings::default());
    h.keys(":ec2<Enter>X").await;
    assert!(
        h.screen().contains(&format!("type {}", ids[0])),
        "{}",
        h.screen()
    );
    h.keys(&format!("{}<Enter>", ids[0])).await;
    h.keys("").await;
    let screen = h.screen();
    assert!(
        screen.contains("was lost; re-reading the state"),
        "{screen}"
    );
    assert!(
        screen.contains("terminated") || screen.contains("shutting-down"),
        "{screen}"
    );
    let real_terminates = proxy
        .requests()
        .iter()
        .filter(|r| r.operation.as_deref() == Some("TerminateInstances"))
        .filter(|r| r.form_param("DryRun").as_deref() != Some("true"))
        .count();
    assert_eq!(
        real_terminates, 1,
        "terminate is never sent again on its own"
    );
    let describes = proxy.count("DescribeInstances");
    eprintln!(
        "resilience: terminate with its answer reset: 1 TerminateInstances sent, state re-read \
         ({describes} DescribeInstances in all)"
    );
}

/// Every request hangs for half a minute: keys are still handled at once, and quitting does
/// not wait for the network.
#[test]
fn the_ui_answers_keys_while_every_request_stalls() {
    let proxy = Proxy::start(&Moto::shared().endpoint);
    let files = AwsFiles::with_endpoint("ui_while_stalled", &proxy.endpoint());
    proxy.add_rule(Rule::new(Fault::Stall(Duration::from_secs(30))));
    let mut term = crate::support::awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for("resolving…", crate::support::SCREEN_TIMEOUT)
        .unwrap();
    let mut slowest = Duration::ZERO;
    for (keys, expect) in [
        ("?", "Help — commands and keys"),
        // Help names the view under it: the profiles view's own border says it is back.
        ("<Esc>", "┌ Profiles"),
        (":s3<Enter>", "S3 buckets"),
        ("<Esc>", "┌ Profiles"),
        ("R", "Regions"),
    ] {
        let start = std::time::Instant::now();
        term.send_keys(keys);
        term.wait_for(expect, Duration::from_secs(5)).unwrap();
        slowest = slowest.max(start.elapsed());
    }
    term.send_keys("<Esc>");
    term.wait_for("Profiles", Duration::from_secs(5)).unwrap();
    let start = std::time::Instant::now();
    term.send_keys("q");
    assert_eq!(term.wait_exit(Duration::from_secs(10)), Some(0));
    eprintln!(
        "resilience: every request stalled 30 s: slowest key answered in {} ms, quit in {} ms, \
         {} requests held",
        slowest.as_millis(),
        start.elapsed().as_millis(),
        proxy.requests().len()
    );
}

/// A panic on the UI thread: the terminal is given back (alternate screen left, cursor shown,
/// raw mode off) and the log's path printed; the log has the panic.
#[test]
fn a_panic_on_the_ui_thread_restores_the_terminal_and_names_the_log() {
    let files = AwsFiles::for_test("ui_panic");
    let mut term = crate::support::awsterm(
        &files,
        &["--profile", "acct"],
        &[("AWSTERM_DEBUG_PANIC_KEY", "1")],
    );
    term.wait_for("Profiles", crate::support::SCREEN_TIMEOUT)
        .unwrap();
    term.send("\x1b[24~"); // F12
    let code = term.wait_exit(crate::support::SCREEN_TIMEOUT);
    assert_ne!(code, Some(0), "a crash is not a clean exit");
    let raw = term.raw_output_when(Duration::from_secs(5), |raw| {
        String::from_utf8_lossy(raw).contains("awsterm crashed")
    });
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let entered = raw
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = entered
        + raw[entered..]
            .find("\x1b[?1049l")
            .expect("left the alternate screen");
    assert!(raw[left..].contains("\x1b[?25h"), "cursor shown again");
    let log = files.dir.path().join("xdg-state/awsterm/awsterm.log");
    let message = format!("awsterm crashed; details in the log: {}", log.display());
    let printed = raw.find(&message).expect("the log's path is printed");
    assert!(
        printed > left,
        "printed on the restored terminal, not inside the UI"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("crash drill"), "{logged}");
}

struct PanickingSts;

impl awsterm::aws::sts::StsApi for PanickingSts {
    fn caller_identity(
        &self,
        _: ContextKey,
    ) -> futures::future::BoxFuture<
        'static,
        Result<awsterm::aws::model::Identity, awsterm::aws::AwsError>,
    > {
        Box::pin(async { panic!("adapter bug in a background task") })
    }

    fn mfa_login(
        &self,
        _: ContextKey,
        _: String,
    ) -> futures::future::BoxFuture<'static, Result<Option<i64>, awsterm::aws::AwsError>> {
        Box::pin(async { panic!("adapter bug in a background task") })
    }
}

/// A panic inside a background request: the UI lives on and says so.
#[tokio::test]
async fn a_panic_in_a_background_task_is_an_error_flash_and_the_ui_lives_on() {
    let mut adapters = awsterm::aws::fake::adapters(awsterm::aws::fake::FakeSts::default());
    adapters.sts = Arc::new(PanickingSts);
    let mut h = Harness::new(options(crate::app_harness::two_profiles(), "dev"), adapters);
    h.keys("").await;
    assert!(
        h.screen()
            .contains("internal error in a background request (see the log)"),
        "{}",
        h.screen()
    );
    h.keys("?").await;
    assert!(
        h.screen().contains("Help — commands and keys"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>:profile prod<Enter>").await;
    assert!(h.header().contains("profile prod"), "{}", h.header());
}

/// How many requests reached the proxy for paths containing `fragment` with this method.
fn sent(proxy: &Proxy, method: &str, fragment: &str) -> usize {
    proxy
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.contains(fragment))
        .count()
}

fn audit_to(h: &mut Harness, dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("audit.jsonl");
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(path.clone()));
    path
}

/// The issue's case: a 15 s function behind a shorter attempt timeout. The call waits as long
/// as the function may run and goes out once, where the SDK used to send it three times.
#[tokio::test]
async fn an_invoke_slower_than_the_attempt_timeout_is_sent_once_and_answered() {
    let (proxy, files) = behind_proxy("invoke_slower_than_attempt");
    crate::lambda_logs_emulator::seed_functions(&files).await;
    // checkout-api's own timeout is 15 s; its answer comes 2 s after it ran, the attempt
    // timeout is 1 s.
    let rule = proxy.add_rule(
        Rule::after_upstream(Fault::Stall(Duration::from_secs(2))).path_contains("/invocations"),
    );
    let settings = AwsSettings {
        attempt_timeout: 1.0,
        ..AwsSettings::default()
    };
    let lambda =
        awsterm::aws::lambda::SdkLambda::new(Arc::new(SdkConfigs::new(setup(&files, settings))));
    use awsterm::aws::lambda::{Invocation, InvocationType, LambdaApi};
    let answer = lambda
        .invoke(
            ctx(),
            Invocation {
                function: "checkout-api".into(),
                qualifier: None,
                kind: InvocationType::RequestResponse,
                payload: br#"{"order":7}"#.to_vec(),
            },
        )
        .await
        .expect("answered after 2 s");
    assert_eq!(answer.status, 200);
    assert_eq!(sent(&proxy, "POST", "/invocations"), 1, "sent once");
    eprintln!(
        "resilience: invoke answered 2 s late behind a 1 s attempt timeout: {} stall, 1 Invoke \
         sent, status {}",
        proxy.injected_by(rule),
        answer.status
    );
}

/// The answer of an invocation is lost after the function ran: it is not sent again, the view
/// says the function may have run, and the audit line says "outcome unknown".
#[tokio::test]
async fn an_invoke_whose_answer_is_lost_is_sent_once_and_may_have_run() {
    let (proxy, files) = behind_proxy("invoke_answer_lost");
    crate::lambda_logs_emulator::seed_functions(&files).await;
    let rule = proxy.add_rule(Rule::after_upstream(Fault::Reset).path_contains("/invocations"));
    let mut h = app(&files, AwsSettings::default());
    let state = tempfile::tempdir().unwrap();
    let audit = audit_to(&mut h, &state);
    h.keys(":lambda<Enter>:filter checkout<Enter>ii").await;
    let screen = h.screen();
    assert!(
        screen.contains("the function may have run (not sent again"),
        "{screen}"
    );
    assert_eq!(sent(&proxy, "POST", "/invocations"), 1, "sent once");
    let (entries, _) = awsterm::audit::read_recent(&audit, 10).unwrap();
    let invoke = entries
        .iter()
        .find(|e| e.operation == "Invoke")
        .expect("audited");
    assert_eq!(
        invoke.outcome,
        awsterm::audit::Outcome::Unknown,
        "{invoke:?}"
    );
    let line = std::fs::read_to_string(&audit).unwrap();
    assert!(line.contains(r#""outcome":"outcome unknown""#), "{line}");
    // An Event invocation whose answer is lost is not sent again either.
    h.keys("ti").await;
    assert!(
        h.screen().contains("the event may have been queued"),
        "{}",
        h.screen()
    );
    assert_eq!(sent(&proxy, "POST", "/invocations"), 2, "one each");
    eprintln!(
        "resilience: invoke with its answer reset: {} faults, Invoke sent once per call, audit \
         outcome \"{}\"",
        proxy.injected_by(rule),
        invoke.outcome.label()
    );
}

/// CreateBucket reaches S3, then the connection is reset: it is not sent again (a second one
/// fails, or in us-east-1 silently succeeds), and the bucket list shows it was created.
#[tokio::test]
async fn a_created_bucket_whose_answer_is_lost_is_re_read_and_reported_created() {
    let (proxy, files) = behind_proxy("create_bucket_lost");
    let bucket = format!("lost-answer-{}", files.account_id);
    let rule = proxy.add_rule(
        Rule::after_upstream(Fault::Reset)
            .path_contains(&format!("/{bucket}"))
            .first(1),
    );
    let mut h = app(&files, AwsSettings::default());
    let state = tempfile::tempdir().unwrap();
    let audit = audit_to(&mut h, &state);
    h.keys(&format!(":s3<Enter>c{bucket}<Enter>")).await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!("bucket {bucket} created (its answer was lost")),
        "{screen}"
    );
    assert_eq!(sent(&proxy, "PUT", &format!("/{bucket}")), 1, "sent once");
    let (entries, _) = awsterm::audit::read_recent(&audit, 10).unwrap();
    assert_eq!(entries[0].operation, "CreateBucket");
    assert_eq!(entries[0].outcome, awsterm::audit::Outcome::Ok);
    assert!(
        entries[0]
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("re-read")),
        "{:?}",
        entries[0]
    );
    eprintln!(
        "resilience: CreateBucket with its answer reset: {} fault, sent once, reported created \
         after a ListBuckets re-read",
        proxy.injected_by(rule)
    );
}

/// CreateDBSnapshot and DeleteDBSnapshot are applied, then answered with a 500 or a reset:
/// neither is sent again, and a re-read of the database's snapshots reports each done.
#[tokio::test]
async fn rds_snapshot_create_and_delete_whose_answers_are_lost_are_re_read() {
    let (proxy, files) = behind_proxy("rds_snapshot_lost");
    files
        .rds("acct")
        .await
        .create_db_instance()
        .db_instance_identifier("lost-db")
        .engine("postgres")
        .db_instance_class("db.t3.micro")
        .allocated_storage(20)
        .master_username("admin")
        .master_user_password("not-a-real-password")
        .send()
        .await
        .expect("create instance");
    let create = proxy.add_rule(
        Rule::after_upstream(Fault::internal_error())
            .operation("CreateDBSnapshot")
            .first(1),
    );
    let delete = proxy.add_rule(
        Rule::after_upstream(Fault::Reset)
            .operation("DeleteDBSnapshot")
            .first(1),
    );
    let mut h = app(&files, AwsSettings::default());
    h.keys(":rds<Enter>n<C-u>snap-lost<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("snapshot snap-lost of lost-db is available (its answer was lost"),
        "{screen}"
    );
    assert_eq!(proxy.count("CreateDBSnapshot"), 1, "sent once");
    h.keys("N").await;
    // moto may also list an automated snapshot (sorted first): select ours by name.
    h.keys("/snap-lost<Enter>").await;
    h.keys("Xsnap-lost<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("snapshot snap-lost deleted (its answer was lost"),
        "{screen}"
    );
    assert_eq!(proxy.count("DeleteDBSnapshot"), 1, "sent once");
    eprintln!(
        "resilience: CreateDBSnapshot answered 500 after applying ({} fault), DeleteDBSnapshot \
         reset after applying ({} fault): each sent once, both reported done after a re-read",
        proxy.injected_by(create),
        proxy.injected_by(delete)
    );
}

/// Uploads a file of `size` bytes (two parts above 8 MiB) with the given proxy rule and a 1 s
/// stall limit.
async fn upload_with(
    name: &str,
    size: usize,
    rule: Rule,
) -> (
    Proxy,
    aws_sdk_s3::Client,
    String,
    Result<u64, awsterm::aws::AwsError>,
) {
    let (proxy, files) = behind_proxy(name);
    let s3 = files.s3("acct").await;
    let bucket = format!("slow-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let local = tempfile::tempdir().unwrap();
    let path = local.path().join("big.bin");
    std::fs::write(&path, vec![7u8; size]).unwrap();
    proxy.add_rule(rule);
    let settings = AwsSettings {
        attempt_timeout: 1.0,
        ..AwsSettings::default()
    };
    let adapter = SdkS3::new(Arc::new(SdkConfigs::new(setup(&files, settings))));
    let result = adapter
        .upload(
            ctx(),
            bucket.clone(),
            "big.bin".into(),
            path,
            Arc::new(|_| {}),
        )
        .await;
    (proxy, s3, bucket, result)
}

/// A slow uplink: 2 MiB/s moves an 8 MiB part in 4 s, four times the 1 s attempt timeout
/// that used to fail every part. Bytes keep moving, so it completes, each part sent once.
#[tokio::test]
async fn a_slow_but_moving_upload_completes() {
    let started = std::time::Instant::now();
    let (proxy, s3, bucket, result) = upload_with(
        "slow_upload",
        9 * 1024 * 1024,
        Rule::new(Fault::SlowBody {
            bytes_per_sec: 2 * 1024 * 1024,
        })
        .path_contains("partNumber="),
    )
    .await;
    assert_eq!(result.expect("completes"), 9 * 1024 * 1024);
    let head = s3
        .head_object()
        .bucket(&bucket)
        .key("big.bin")
        .send()
        .await
        .expect("the object exists");
    assert_eq!(head.content_length(), Some(9 * 1024 * 1024));
    assert_eq!(sent(&proxy, "PUT", "/big.bin"), 2, "two parts, no retry");
    eprintln!(
        "resilience: 9 MiB upload at 2 MiB/s with a 1 s stall limit: completed in {:.1} s, \
         {} parts throttled, 0 retries",
        started.elapsed().as_secs_f64(),
        proxy.injected()
    );
}

/// Part 2 (64 KiB) arrives whole and is never answered: after the stall limit plus the time
/// its bytes could still be on their way (1 s at the slowest rate waited for) the upload
/// fails saying so, and the multipart upload is aborted.
#[tokio::test]
async fn a_stalled_upload_fails_clearly_and_is_aborted() {
    let (proxy, s3, bucket, result) = upload_with(
        "stalled_upload",
        8 * 1024 * 1024 + 64 * 1024,
        Rule::new(Fault::Stall(Duration::from_secs(30))).path_contains("partNumber=2"),
    )
    .await;
    let e = result.expect_err("stalled");
    assert!(
        e.summary()
            .contains("part 2: upload stalled: all 65536 bytes handed over, no answer for 2 s"),
        "{e:?}"
    );
    assert_eq!(
        incomplete_uploads(&s3, &bucket).await,
        0,
        "the multipart upload was aborted"
    );
    assert_eq!(
        proxy
            .requests()
            .iter()
            .filter(|r| r
                .query
                .as_deref()
                .is_some_and(|q| q.contains("partNumber=2")))
            .count(),
        1,
        "the stalled part is not retried"
    );
    eprintln!("resilience: upload stalled at part 2: {}", e.summary());
}

/// CompleteMultipartUpload is applied, then its connection is reset: it is not sent again
/// (a repeat fails with `NoSuchUpload`), and the object's ETag shows it is this upload.
#[tokio::test]
async fn a_completed_upload_whose_answer_is_lost_is_re_read_by_its_etag() {
    // Requests naming the upload: part 1, part 2, then the completion.
    let (proxy, s3, bucket, result) = upload_with(
        "complete_lost",
        9 * 1024 * 1024,
        Rule::after_upstream(Fault::Reset)
            .path_contains("uploadId=")
            .nth(3),
    )
    .await;
    assert_eq!(result.expect("reported done"), 9 * 1024 * 1024);
    let posts = sent(&proxy, "POST", "/big.bin");
    // The first POST created the upload (`?uploads`); the second completed it.
    assert_eq!(posts, 2, "completion sent once");
    assert_eq!(sent(&proxy, "DELETE", "/big.bin"), 0, "not aborted");
    let head = s3
        .head_object()
        .bucket(&bucket)
        .key("big.bin")
        .send()
        .await
        .expect("the object exists");
    assert!(
        head.e_tag().is_some_and(|e| e.ends_with("-2\"")),
        "{head:?}"
    );
    eprintln!(
        "resilience: CompleteMultipartUpload reset after applying: {} fault, sent once, \
         reported done after a HeadObject ETag check",
        proxy.injected()
    );
}
