//! Bounded memory under hostile data: a preview from a server that ignores Range stops at the
//! limit, and prefixes are downloaded and deleted a listing page at a time.

use crate::emulator::last_outcome;
use crate::support::{AwsFiles, put_empty_objects};
use awsterm::aws::s3::{S3Api, SdkS3};
use awsterm::aws::{ContextKey, SdkConfigs};
use awsterm::protocol::s3::DownloadJob;
use awsterm::protocol::s3::{S3Op, S3Outcome};
use awsterm::protocol::{Op, Outcome};
use awsterm::runtime::Runtime;
use awsterm_testkit::moto::Moto;
use awsterm_testkit::proxy::{Proxy, Recorded};
use std::io::{Read, Write};
use std::sync::Arc;

fn ctx(profile: &str) -> ContextKey {
    ContextKey {
        profile: Some(profile.into()),
        region: "us-east-1".into(),
    }
}

/// What the stand-in server saw and did for one GET.
struct Served {
    range: Option<String>,
    /// Body bytes written before the client hung up.
    sent: u64,
}

/// An S3 stand-in on 127.0.0.1 that ignores Range, as some S3-compatible stores and proxies
/// do: the one GET it answers gets the whole `body_len`-byte object.
fn range_ignoring_server(body_len: u64) -> (String, std::sync::mpsc::Receiver<Served>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
        let range = head
            .lines()
            .find_map(|l| l.strip_prefix("range:").map(|v| v.trim().to_string()));
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\
             Content-Length: {body_len}\r\nLast-Modified: Mon, 01 Dec 2025 00:00:00 GMT\r\n\r\n"
        );
        let mut sent = 0u64;
        if stream.write_all(answer.as_bytes()).is_ok() {
            let chunk = vec![b'x'; 64 * 1024];
            while sent < body_len {
                let n = chunk.len().min((body_len - sent) as usize);
                if stream.write_all(&chunk[..n]).is_err() {
                    break;
                }
                sent += n as u64;
            }
        }
        let _ = tx.send(Served { range, sent });
    });
    (endpoint, rx)
}

#[tokio::test]
async fn a_preview_stops_reading_at_its_limit_when_the_server_ignores_range() {
    const OBJECT: u64 = 64 << 20;
    const LIMIT: u64 = 64 << 10;
    let (endpoint, served) = range_ignoring_server(OBJECT);
    let files = AwsFiles::with_endpoint("preview_ignoring_range", &endpoint);
    let s3 = SdkS3::new(Arc::new(SdkConfigs::new(crate::support::sdk_setup(&files))));
    let head = s3
        .object_head(ctx("base"), "b".into(), "big.bin".into(), None, LIMIT)
        .await
        .expect("preview");
    assert_eq!(head.bytes.len() as u64, LIMIT);
    assert_eq!(head.total, Some(OBJECT as i64));
    assert!(head.truncated());
    let served = tokio::task::spawn_blocking(move || {
        served
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the server finished")
    })
    .await
    .unwrap();
    assert_eq!(served.range.as_deref(), Some("bytes=0-65535"));
    // The client hung up after the limit: what the server got out is the limit plus what the
    // loopback socket buffers took (a few MiB), not the 64 MiB object.
    println!(
        "bounds: preview of a 64 MiB object from a Range-ignoring server: {} KiB sent before the hang-up",
        served.sent >> 10
    );
    assert!(
        served.sent < 16 << 20,
        "{} bytes sent: the whole body was read",
        served.sent
    );
}

/// The S3 calls a test made, as `(kind, how many in a row)`: `list` (ListObjectsV2), `get`
/// (GetObject), `delete` (DeleteObjects).
fn runs(requests: &[Recorded], bucket: &str) -> Vec<(&'static str, usize)> {
    let mut runs: Vec<(&'static str, usize)> = Vec::new();
    for r in requests {
        if !r.path.starts_with(&format!("/{bucket}")) {
            continue;
        }
        let query = r.query.as_deref().unwrap_or("");
        let kind = match r.method.as_str() {
            "GET" if query.contains("list-type=2") => "list",
            "GET" => "get",
            "POST" if query.contains("delete") => "delete",
            _ => "other",
        };
        match runs.last_mut() {
            Some((last, n)) if *last == kind => *n += 1,
            _ => runs.push((kind, 1)),
        }
    }
    runs
}

#[tokio::test]
async fn prefixes_are_downloaded_and_deleted_a_listing_page_at_a_time() {
    let proxy = Proxy::start(&Moto::shared().endpoint);
    let files = AwsFiles::with_endpoint("prefix_pages", &proxy.endpoint());
    let s3 = files.s3("acct").await;
    let bucket = format!("pages-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    put_empty_objects(&s3, &bucket, (0..1001).map(|i| format!("many/{i:04}"))).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(
        awsterm::aws::Adapters::sdk(crate::support::sdk_setup(&files)),
        tx,
    );

    proxy.clear();
    let dest = tempfile::tempdir().unwrap();
    let job = DownloadJob {
        ctx: ctx("acct"),
        bucket: bucket.clone(),
        base_prefix: String::new(),
        objects: Vec::new(),
        version: None,
        expand: vec!["many/".into()],
        dest: dest.path().to_path_buf(),
    };
    let op = Op::S3(S3Op::Download {
        job,
        overwrite: false,
    });
    match last_outcome(&mut runtime, &mut rx, op).await {
        Outcome::S3(S3Outcome::Downloaded(report)) => {
            assert_eq!((report.files, report.failures), (1001, 0), "{report:?}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Counted first (two pages), then listed again and fetched page by page: the second page
    // is only listed once the first page's objects are down.
    assert_eq!(
        runs(&proxy.requests(), &bucket),
        [("list", 3), ("get", 1000), ("list", 1), ("get", 1)]
    );

    proxy.clear();
    let plan = Op::S3(S3Op::DeletePlan {
        ctx: ctx("acct"),
        bucket: bucket.clone(),
        keys: Vec::new(),
        prefixes: vec!["many/".into()],
    });
    let plan = match last_outcome(&mut runtime, &mut rx, plan).await {
        Outcome::S3(S3Outcome::DeletePlanned(Ok(plan))) => plan,
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(plan.total(), 1001);
    let delete = Op::S3(S3Op::Delete {
        ctx: ctx("acct"),
        bucket: bucket.clone(),
        plan,
    });
    match last_outcome(&mut runtime, &mut rx, delete).await {
        Outcome::S3(S3Outcome::Deleted(tally)) => {
            assert_eq!((tally.deleted, tally.failures), (1001, 0))
        }
        other => panic!("unexpected {other:?}"),
    }
    let requests = proxy.requests();
    assert_eq!(
        runs(&requests, &bucket),
        [("list", 3), ("delete", 1), ("list", 1), ("delete", 1)]
    );
    for r in requests.iter().filter(|r| r.method == "POST") {
        assert!(r.body_text().matches("<Key>").count() <= 1000);
    }
}
