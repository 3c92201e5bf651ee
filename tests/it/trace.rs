//! Never losing the trace: a write is on record from the moment it is sent; quitting, signals
//! and a closed terminal interrupt what is in flight cleanly (audit line ended, multipart
//! upload aborted, the conventional exit code); a transfer survives a context switch.

use crate::support::{AwsFiles, SCREEN_TIMEOUT, awsterm, run_instances};
use awsterm::audit::{self, Outcome};
use awsterm::aws::{AwsSetup, ContextKey};
use awsterm::protocol::ec2::Ec2Op;
use awsterm::protocol::{Op, Owner, Request};
use awsterm::runtime::Runtime;
use awsterm_testkit::moto::Moto;
use awsterm_testkit::proxy::{Fault, Proxy, Recorded, Rule};
use awsterm_testkit::pty::PtySession;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn behind_proxy(name: &str) -> (Proxy, AwsFiles) {
    let proxy = Proxy::start(&Moto::shared().endpoint);
    let files = AwsFiles::with_endpoint(name, &proxy.endpoint());
    (proxy, files)
}

/// Polls `done` until it holds; the error names what never happened.
fn wait_until(what: &str, limit: Duration, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < limit,
            "{what} did not happen within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn audit_path(files: &AwsFiles) -> PathBuf {
    files.dir.path().join("xdg-state/awsterm/audit.jsonl")
}

fn calls(path: &Path) -> Vec<audit::Entry> {
    audit::read_recent_as(path, 100, "a later run").unwrap().0
}

fn is_abort(r: &Recorded) -> bool {
    r.method == "DELETE" && r.query.as_deref().is_some_and(|q| q.contains("uploadId"))
}

fn is_part(r: &Recorded) -> bool {
    r.query
        .as_deref()
        .is_some_and(|q| q.contains("partNumber="))
}

#[tokio::test]
async fn a_write_is_on_record_while_it_stalls_and_ended_when_it_returns() {
    let (proxy, files) = behind_proxy("trace_stalled_write");
    let ids = run_instances(&files.ec2("acct").await, &[("held", "t", "t3.micro")]).await;
    // Before forwarding: while the proxy holds it, the call has not reached the emulator.
    proxy.add_rule(Rule::new(Fault::Stall(Duration::from_secs(4))).operation("StopInstances"));
    let state = tempfile::tempdir().unwrap();
    let log = audit::AuditLog::to_file(state.path().join("audit.jsonl"));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(
        awsterm::aws::Adapters::sdk(AwsSetup {
            files: awsterm::aws::AwsFiles::Explicit {
                config: files.config_path(),
                credentials: files.credentials_path(),
            },
            endpoint_url: None,
            settings: Default::default(),
        }),
        tx,
    );
    runtime.set_audit_log(log.clone());
    let ctx = ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    };
    let stop = Op::Ec2(Ec2Op::Act {
        ctx,
        action: awsterm::aws::ec2::Action::Stop,
        ids: ids.clone(),
    });
    runtime.spawn(Request::new(Owner::App, stop), 0);
    let arrived = Instant::now();
    while proxy.count("StopInstances") == 0 {
        assert!(
            arrived.elapsed() < SCREEN_TIMEOUT,
            "StopInstances never sent"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The call is out (and held): it must already be on record, as in flight.
    let path = log.path().unwrap();
    let (during, _) = audit::read_recent(path, 10).unwrap();
    assert_eq!(during.len(), 1, "{during:?}");
    assert_eq!(during[0].operation, "StopInstances");
    assert_eq!(during[0].resources, ids);
    assert_eq!(during[0].outcome, Outcome::InFlight, "{during:?}");

    let reply = tokio::time::timeout(SCREEN_TIMEOUT, rx.recv())
        .await
        .expect("an answer")
        .expect("a message");
    assert!(matches!(reply, awsterm::msg::Msg::Aws(_)));
    let (after, _) = audit::read_recent(path, 10).unwrap();
    assert_eq!(after.len(), 1, "one row per call: {after:?}");
    assert_eq!(after[0].outcome, Outcome::Ok, "{after:?}");
    assert!(after[0].ended.is_some());
    let lines = std::fs::read_to_string(path).unwrap();
    assert_eq!(lines.lines().count(), 2, "sent, then ended: {lines}");
}

/// The real binary, in an S3 bucket's view, with a 20 MiB upload whose parts the proxy
/// holds: the multipart upload is created, and stays open until something aborts it.
struct StalledUpload {
    proxy: Proxy,
    files: AwsFiles,
    term: PtySession,
    _local: tempfile::TempDir,
}

fn start_stalled_upload(name: &str) -> StalledUpload {
    let (proxy, files) = behind_proxy(name);
    let bucket = format!("up-{}", files.account_id);
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let s3 = files.s3("acct").await;
        s3.create_bucket().bucket(&bucket).send().await.unwrap();
    });
    let local = tempfile::tempdir().unwrap();
    let path = local.path().join("big.bin");
    std::fs::write(&path, vec![7u8; 20 * 1024 * 1024]).unwrap();
    proxy.add_rule(Rule::new(Fault::Stall(Duration::from_secs(120))).path_contains("partNumber="));
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":s3<Enter>");
    term.wait_for(&bucket, SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for(&format!("s3://{bucket}/"), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("u");
    term.wait_for("Upload a file or directory", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(&format!("<C-u>{}<Enter>", path.display()));
    term.wait_for("Upload?", SCREEN_TIMEOUT).unwrap();
    term.send_keys("y");
    wait_until("the first part reaching the proxy", SCREEN_TIMEOUT, || {
        proxy.requests().iter().any(is_part)
    });
    StalledUpload {
        proxy,
        files,
        term,
        _local: local,
    }
}

impl StalledUpload {
    /// The upload's audit row ended as `outcome`, and its multipart upload was aborted.
    fn assert_ended(&self, outcome: Outcome) {
        let calls = calls(&audit_path(&self.files));
        let upload = calls
            .iter()
            .find(|e| e.operation == "PutObject")
            .unwrap_or_else(|| panic!("no upload in the audit log: {calls:?}"));
        assert_eq!(upload.outcome, outcome, "{upload:?}");
        assert!(upload.resources[0].ends_with("/big.bin"), "{upload:?}");
        let aborts = self.proxy.requests().iter().filter(|r| is_abort(r)).count();
        assert_eq!(aborts, 1, "AbortMultipartUpload sent once before the exit");
    }
}

#[test]
fn q_and_ctrl_c_ask_before_interrupting_an_upload_and_yes_aborts_it() {
    let mut up = start_stalled_upload("trace_quit_asks");
    up.term.send_keys("q");
    up.term
        .wait_for(
            "Leave this view? 1 write or transfer is still running",
            SCREEN_TIMEOUT,
        )
        .unwrap();
    up.term.wait_for("s3 PutObject", SCREEN_TIMEOUT).unwrap();
    up.term.send_keys("n");
    // Declining interrupts nothing, and says so (not "cancelled").
    up.term
        .wait_for(
            "nothing stopped: the write or transfer goes on",
            SCREEN_TIMEOUT,
        )
        .unwrap();
    up.term.send_keys("<C-c>");
    up.term
        .wait_for("Quit? 1 write or transfer is still running", SCREEN_TIMEOUT)
        .unwrap();
    assert!(
        !up.proxy.requests().iter().any(is_abort),
        "nothing interrupted before the answer"
    );
    up.term.send_keys("y");
    assert_eq!(up.term.wait_exit(SCREEN_TIMEOUT), Some(0));
    up.assert_ended(Outcome::Interrupted);
}

#[test]
fn going_home_or_starting_another_transfer_never_silently_stops_an_upload() {
    let mut up = start_stalled_upload("trace_home_asks");
    // A second transfer in the same view would supersede the first: refused, the first runs on.
    up.term.send_keys("u");
    up.term
        .wait_for("Upload a file or directory", SCREEN_TIMEOUT)
        .unwrap();
    up.term.send_keys("<C-u>/etc/hostname<Enter>");
    up.term.wait_for("Upload?", SCREEN_TIMEOUT).unwrap();
    up.term.send_keys("y");
    up.term
        .wait_for("still running: s3 PutObject", SCREEN_TIMEOUT)
        .unwrap();
    // `P` shows the profiles: the bucket's view waits in the jump list, its upload running on.
    up.term.send_keys("P");
    up.term.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    // `-` brings the bucket's view back as it was; leaving it asks, since that stops the upload.
    up.term.send_keys("-");
    up.term.wait_for("s3://up-", SCREEN_TIMEOUT).unwrap();
    assert!(
        !up.proxy.requests().iter().any(is_abort),
        "nothing interrupted by going home and back"
    );
    up.term.send_keys("<Esc>");
    up.term
        .wait_for(
            "Leave this view? 1 write or transfer is still running",
            SCREEN_TIMEOUT,
        )
        .unwrap();
    up.term.send_keys("y");
    wait_until("the multipart upload aborted", SCREEN_TIMEOUT, || {
        up.proxy.requests().iter().any(is_abort)
    });
    // The buckets view is a top-level one: `q` quits from it at once.
    up.term.send_keys("q");
    assert_eq!(up.term.wait_exit(SCREEN_TIMEOUT), Some(0));
    let calls = calls(&audit_path(&up.files));
    let uploads: Vec<_> = calls
        .iter()
        .filter(|e| e.operation == "PutObject")
        .collect();
    assert_eq!(uploads.len(), 1, "the second upload never left: {calls:?}");
    assert_eq!(uploads[0].outcome, Outcome::Cancelled, "{calls:?}");
}

#[test]
fn sigterm_during_a_stalled_upload_aborts_it_records_it_interrupted_and_exits_143() {
    let mut up = start_stalled_upload("trace_sigterm_upload");
    let pid = up.term.pid().expect("pid");
    let start = Instant::now();
    // SAFETY: a signal to the child we spawned.
    unsafe {
        libc::kill(pid as i32, libc::SIGTERM);
    }
    assert_eq!(up.term.wait_exit(SCREEN_TIMEOUT), Some(143));
    let took = start.elapsed();
    up.assert_ended(Outcome::Interrupted);
    let raw = up.term.raw_output_when(Duration::from_secs(5), |raw| {
        String::from_utf8_lossy(raw).contains("\x1b[?1049l")
    });
    assert!(
        String::from_utf8_lossy(&raw).contains("\x1b[?1049l"),
        "terminal restored"
    );
    eprintln!(
        "trace: SIGTERM during a stalled multipart upload: exit 143 after {} ms, upload aborted",
        took.as_millis()
    );
}

#[test]
fn a_closed_terminal_exits_129_without_a_panic() {
    let files = AwsFiles::for_test("trace_hangup");
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.hang_up();
    let code = term.wait_exit(SCREEN_TIMEOUT);
    let log = files.dir.path().join("xdg-state/awsterm/awsterm.log");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(!logged.contains("panic"), "{logged}");
    assert_eq!(code, Some(129), "128 + SIGHUP; the log:\n{logged}");
}

#[test]
fn a_download_carries_on_across_a_region_switch() {
    let (proxy, files) = behind_proxy("trace_switch_download");
    let bucket = format!("dl-{}", files.account_id);
    let body: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let s3 = files.s3("acct").await;
        s3.create_bucket().bucket(&bucket).send().await.unwrap();
        s3.put_object()
            .bucket(&bucket)
            .key("blob.bin")
            .body(body.clone().into())
            .send()
            .await
            .unwrap();
    });
    let object = format!("/{bucket}/blob.bin");
    // The GET is held long enough for the switch to happen while it is in flight.
    proxy.add_rule(Rule::new(Fault::Stall(Duration::from_secs(4))).path_contains(&object));
    let dest = tempfile::tempdir().unwrap();
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":s3<Enter>");
    term.wait_for(&bucket, SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("blob.bin", SCREEN_TIMEOUT).unwrap();
    term.send_keys("d");
    term.wait_for("Download 1 object", SCREEN_TIMEOUT).unwrap();
    term.send_keys(&format!("<C-u>{}<Enter>", dest.path().display()));
    wait_until("the download reaching the proxy", SCREEN_TIMEOUT, || {
        proxy
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path == object)
    });
    term.send_keys(":region eu-west-1<Enter>");
    // The objects view keeps the bucket's own context, so the header names its region, not
    // the one switched to: the switch is told by its flash.
    term.wait_for("switched to acct · eu-west-1", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("downloaded 1 file", SCREEN_TIMEOUT).unwrap();
    assert!(std::fs::read(dest.path().join("blob.bin")).unwrap() == body);
}
