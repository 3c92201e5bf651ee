//! Faults between awsterm and AWS: the recording proxy (`awsterm_testkit::proxy`) sits
//! between the SDK and the emulator and injects 5xx, throttling, resets, stalls and cut
//! bodies. Each test prints its figures (`resilience:` lines) for docs/reliability.md.

use crate::app_harness::{Harness, options};
use crate::support::{AwsFiles, put_empty_objects, run_instances};
use awsterm::aws::dynamodb::{DynamoApi, SdkDynamo, Value, Write, Written};
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
    Harness::sized(o, awsterm::aws::Adapters::sdk(setup), 120, 40)
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
    let mut pending = usize::MAX;
    for _ in 0..100 {
        pending = s3
            .list_multipart_uploads()
            .bucket(&bucket)
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
    assert_eq!(pending, 0, "the multipart upload was aborted");
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
    let original: awsterm::aws::dynamodb::Item = [
        ("pk".to_string(), Value::S("acct-1".into())),
        ("balance".to_string(), Value::N("100".into())),
    ]
    .into_iter()
    .collect();
    ddb.put_item()
        .table_name("accounts")
        .set_item(Some(awsterm::aws::dynamodb::item_to_sdk(&original)))
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
        awsterm::effect::Effect::Flash(_, text) => text,
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
        ("<Esc>", "Profiles"),
        (":s3<Enter>", "S3 buckets"),
        ("<Esc>", "Profiles"),
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
