//! awsterm's SDK adapters against the real emulator, each test in its own fake account.

use crate::support::{AwsFiles, DEFAULT_ACCOUNT};
use awsterm::aws::profiles::{CredentialKind, load_profiles};
use awsterm::aws::s3::{Entry, S3Api, SdkS3};
use awsterm::aws::sts::{SdkSts, StsApi};
use awsterm::aws::{AwsSetup, ContextKey, ErrorKind, SdkConfigs};
use awsterm::protocol::s3::{S3Op, S3Outcome};
use std::sync::Arc;

fn configs(files: &AwsFiles) -> Arc<SdkConfigs> {
    Arc::new(SdkConfigs::new(AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings: Default::default(),
    }))
}

fn ctx(profile: &str) -> ContextKey {
    ContextKey {
        profile: Some(profile.into()),
        region: "us-east-1".into(),
    }
}

#[tokio::test]
async fn static_and_assumed_profiles_reach_their_own_accounts() {
    let files = AwsFiles::for_test("static_and_assumed_profiles_reach_their_own_accounts");
    let sts = SdkSts::new(configs(&files));
    let base = sts
        .caller_identity(ctx("base"))
        .await
        .expect("base identity");
    assert_eq!(base.account, DEFAULT_ACCOUNT);
    let acct = sts
        .caller_identity(ctx("acct"))
        .await
        .expect("assumed identity");
    assert_eq!(acct.account, files.account_id);
    assert!(
        acct.principal().starts_with("assumed-role/awsterm-test/"),
        "{acct:?}"
    );
}

#[tokio::test]
async fn profiles_are_listed_with_their_kinds() {
    let files = AwsFiles::for_test("profiles_are_listed_with_their_kinds")
        .with_profile("tool", "credential_process = /bin/true\nregion = eu-west-1");
    let list = awsterm::aws::AwsFiles::Explicit {
        config: files.config_path(),
        credentials: files.credentials_path(),
    };
    let profiles = load_profiles(&list).await.expect("profiles");
    let kinds: Vec<(&str, CredentialKind)> =
        profiles.iter().map(|p| (p.name.as_str(), p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("acct", CredentialKind::AssumeRole),
            ("base", CredentialKind::StaticKeys),
            ("tool", CredentialKind::Process)
        ]
    );
}

#[tokio::test]
async fn accounts_are_isolated_between_tests() {
    let a = AwsFiles::for_test("accounts_are_isolated_a");
    let b = AwsFiles::for_test("accounts_are_isolated_b");
    assert_ne!(a.account_id, b.account_id);
    let s3a = a.s3("acct").await;
    s3a.create_bucket()
        .bucket(format!("only-in-{}", a.account_id))
        .send()
        .await
        .expect("create bucket");
    let seen_by_b = SdkS3::new(configs(&b))
        .list_buckets(ctx("acct"))
        .await
        .expect("list buckets");
    assert!(
        seen_by_b
            .iter()
            .all(|bucket| !bucket.name.contains(&a.account_id))
    );
    let seen_by_a = SdkS3::new(configs(&a))
        .list_buckets(ctx("acct"))
        .await
        .unwrap();
    assert!(
        seen_by_a
            .iter()
            .any(|bucket| bucket.name.contains(&a.account_id))
    );
}

#[tokio::test]
async fn listing_decodes_hostile_keys_and_pages() {
    let files = AwsFiles::for_test("listing_decodes_hostile_keys_and_pages");
    let s3 = files.s3("acct").await;
    let bucket = format!("keys-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let odd = [
        "dir/with space.txt",
        "dir/plus+sign.txt",
        "dir/percent%41.txt",
        "dir/東京.txt",
        "dir/esc\u{1b}[31mred.txt",
        "dir/../escape.txt",
    ];
    for key in odd {
        s3.put_object()
            .bucket(&bucket)
            .key(key)
            .body(b"x".to_vec().into())
            .send()
            .await
            .unwrap();
    }
    crate::support::put_empty_objects(&s3, &bucket, (0..1100).map(|i| format!("many/{i:04}")))
        .await;
    let adapter = SdkS3::new(configs(&files));
    let root = adapter
        .list_page(ctx("acct"), bucket.clone(), String::new(), true, None)
        .await
        .unwrap();
    assert_eq!(
        root.items,
        [Entry::Prefix("dir/".into()), Entry::Prefix("many/".into())]
    );
    let dir = adapter
        .list_page(ctx("acct"), bucket.clone(), "dir/".into(), true, None)
        .await
        .unwrap();
    let mut keys: Vec<String> = dir
        .items
        .iter()
        .map(|e| match e {
            Entry::Object(o) => o.key.clone(),
            Entry::Prefix(p) => p.clone(),
        })
        .collect();
    keys.sort();
    // `dir/../escape.txt` is grouped under the common prefix `dir/../`, as S3 does.
    let mut expected: Vec<String> = odd
        .iter()
        .map(|k| k.replace("../escape.txt", "../"))
        .collect();
    expected.sort();
    assert_eq!(keys, expected);
    let first = adapter
        .list_page(ctx("acct"), bucket.clone(), "many/".into(), true, None)
        .await
        .unwrap();
    assert_eq!(first.items.len(), 1000);
    let second = adapter
        .list_page(ctx("acct"), bucket, "many/".into(), true, first.next)
        .await
        .unwrap();
    assert_eq!(second.items.len(), 100);
    assert_eq!(second.next, None);
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_network_error() {
    let files = AwsFiles::with_endpoint(
        "an_unreachable_endpoint_is_a_network_error",
        // Nothing listens on the discard port of loopback.
        "http://127.0.0.1:9",
    );
    let err = SdkSts::new(configs(&files))
        .caller_identity(ctx("base"))
        .await
        .expect_err("nothing listens there");
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
}

#[tokio::test]
async fn seeding_at_small_scale_fills_every_service() {
    let name = "seeding_at_small_scale_fills_every_service";
    let files = AwsFiles::for_test(name);
    let sdk = files.sdk_config("acct").await;
    let target = awsterm_testkit::seed::Target {
        sdk: &sdk,
        endpoint: &files.endpoint,
        account: &files.account_id,
        // Bucket names are global (in moto as in AWS): make this run's unique.
        env: &format!("t{}", &files.account_id[6..]),
        scale: awsterm_testkit::seed::Scale::Small,
        big_bucket: true,
    };
    let report = awsterm_testkit::seed::seed_all(&target)
        .await
        .expect("seed");
    assert_eq!(report.lines.len(), 15, "{report:?}");
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&sdk)
            .force_path_style(true)
            .build(),
    );
    let buckets = s3.list_buckets().send().await.unwrap();
    // Three of the demo's own and the one holding the nested stack's template.
    assert_eq!(buckets.buckets().len(), 4);
    // The big bucket is there at once, and filled afterwards (the demo does it behind the UI).
    let lake = format!("acme-{}-datalake", target.env);
    let listed = |s3: aws_sdk_s3::Client, lake: String| async move {
        s3.list_objects_v2()
            .bucket(lake)
            .send()
            .await
            .unwrap()
            .key_count()
            .unwrap_or(0)
    };
    assert_eq!(listed(s3.clone(), lake.clone()).await, 0);
    let told = std::sync::Mutex::new(Vec::new());
    let filled = awsterm_testkit::seed::fill_big_bucket(&target, |n, total| {
        told.lock().unwrap().push((n, total))
    })
    .await
    .expect("fill");
    assert_eq!(filled, 300);
    assert_eq!(told.into_inner().unwrap(), [(300, 300)]);
    assert_eq!(listed(s3.clone(), lake).await, 300);
    let tables = aws_sdk_dynamodb::Client::new(&sdk)
        .list_tables()
        .send()
        .await
        .unwrap();
    assert_eq!(tables.table_names(), ["orders", "sessions"]);
    let functions = aws_sdk_lambda::Client::new(&sdk)
        .list_functions()
        .send()
        .await
        .unwrap();
    assert_eq!(functions.functions().len(), 4);
    let groups = aws_sdk_cloudwatchlogs::Client::new(&sdk)
        .describe_log_groups()
        .send()
        .await
        .unwrap();
    // Five from the logs seed, one the ECS seed's task definition logs to.
    assert_eq!(groups.log_groups().len(), 6);
    let instances = aws_sdk_rds::Client::new(&sdk)
        .describe_db_instances()
        .send()
        .await
        .unwrap();
    assert_eq!(instances.db_instances().len(), 2);
    let reservations = aws_sdk_ec2::Client::new(&sdk)
        .describe_instances()
        .send()
        .await
        .unwrap();
    assert_eq!(reservations.reservations().len(), 4);
    let stacks = aws_sdk_cloudformation::Client::new(&sdk)
        .list_stacks()
        .send()
        .await
        .unwrap();
    let mut names: Vec<&str> = stacks
        .stack_summaries()
        .iter()
        .filter_map(|s| s.stack_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "the stack and its nested one: {names:?}");
    assert_eq!(names[0], format!("{}-orders", target.env));
}

#[tokio::test]
async fn preview_reads_only_the_range_and_details_carry_metadata_and_tags() {
    let files = AwsFiles::for_test("preview_reads_only_the_range");
    let s3 = files.s3("acct").await;
    let bucket = format!("preview-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let body: Vec<u8> = (0..1_048_576u32).map(|i| (i % 251) as u8).collect();
    s3.put_object()
        .bucket(&bucket)
        .key("big.bin")
        .content_type("application/octet-stream")
        .metadata("owner", "data-team")
        .tagging("Env=dev&Team=data")
        .body(body.clone().into())
        .send()
        .await
        .unwrap();
    let adapter = SdkS3::new(configs(&files));
    let head = adapter
        .object_head(ctx("acct"), bucket.clone(), "big.bin".into(), None, 65_536)
        .await
        .unwrap();
    assert_eq!(head.bytes.len(), 65_536);
    assert_eq!(head.bytes[..], body[..65_536]);
    assert_eq!(head.total, Some(1_048_576));
    assert!(head.truncated());
    let details = adapter
        .object_details(ctx("acct"), bucket, "big.bin".into(), None)
        .await
        .unwrap();
    assert_eq!(details.length, Some(1_048_576));
    assert_eq!(
        details.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(
        details.metadata,
        [("owner".to_string(), "data-team".to_string())]
    );
    assert_eq!(
        details.tags,
        [
            ("Env".to_string(), "dev".to_string()),
            ("Team".to_string(), "data".to_string())
        ]
    );
}

#[tokio::test]
async fn a_presigned_url_has_the_expected_shape_and_serves_the_object() {
    let files = AwsFiles::for_test("a_presigned_url_has_the_expected_shape");
    let s3 = files.s3("acct").await;
    let bucket = format!("presign-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    s3.put_object()
        .bucket(&bucket)
        .key("docs/report 1.txt")
        .body(b"quarterly numbers".to_vec().into())
        .send()
        .await
        .unwrap();
    let url = SdkS3::new(configs(&files))
        .presign_get(
            ctx("acct"),
            bucket.clone(),
            "docs/report 1.txt".into(),
            None,
            std::time::Duration::from_secs(900),
        )
        .await
        .unwrap();
    let prefix = format!("{}/{bucket}/docs/report%201.txt?", files.endpoint);
    assert!(url.starts_with(&prefix), "{url}");
    for part in [
        "X-Amz-Algorithm=AWS4-HMAC-SHA256",
        "X-Amz-Expires=900",
        "X-Amz-Signature=",
        "x-id=GetObject",
    ] {
        assert!(url.contains(part), "{part} missing in {url}");
    }
    // moto serves presigned GETs (it does not check the signature, so this proves the shape).
    let path = &url[files.endpoint.len()..];
    let response = awsterm_testkit::http::request(&files.endpoint, "GET", path, &[], "").unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, "quarterly numbers");
}

#[tokio::test]
async fn a_prefix_downloads_byte_for_byte_and_hostile_keys_stay_inside() {
    use awsterm::protocol::s3::DownloadJob;
    use awsterm::protocol::{Op, Outcome, Owner, Request};
    use awsterm::runtime::Runtime;
    let files = AwsFiles::for_test("a_prefix_downloads_byte_for_byte");
    let s3 = files.s3("acct").await;
    let bucket = format!("dl-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let objects: Vec<(&str, Vec<u8>)> = vec![
        ("data/a.txt", b"alpha".to_vec()),
        (
            "data/sub/b.bin",
            (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect(),
        ),
        ("data/../../escape.txt", b"must stay inside".to_vec()),
        ("data/esc\u{1b}[31m.txt", b"red".to_vec()),
        ("other/not-me.txt", b"outside the prefix".to_vec()),
    ];
    for (key, body) in &objects {
        s3.put_object()
            .bucket(&bucket)
            .key(*key)
            .body(body.clone().into())
            .send()
            .await
            .unwrap();
    }
    let dest = tempfile::tempdir().unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(
        awsterm::aws::Adapters::sdk(awsterm::aws::AwsSetup {
            files: awsterm::aws::AwsFiles::Explicit {
                config: files.config_path(),
                credentials: files.credentials_path(),
            },
            endpoint_url: None,
            settings: Default::default(),
        }),
        tx,
    );
    let job = DownloadJob {
        ctx: ctx("acct"),
        bucket: bucket.clone(),
        base_prefix: String::new(),
        objects: Vec::new(),
        version: None,
        expand: vec!["data/".into()],
        dest: dest.path().to_path_buf(),
    };
    runtime.spawn(
        Request::new(
            Owner::App,
            Op::S3(S3Op::Download {
                job,
                overwrite: false,
            }),
        ),
        0,
    );
    let report = loop {
        match rx.recv().await {
            Some(awsterm::msg::Msg::Aws(reply)) => match reply.result.expect("an answer") {
                Outcome::S3(S3Outcome::Downloaded(report)) => break report,
                Outcome::S3(S3Outcome::Transfer(_)) => continue,
                other => panic!("unexpected {other:?}"),
            },
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.files, 4);
    let read = |p: &str| {
        std::fs::read(dest.path().join(p)).unwrap_or_else(|e| {
            let mut found = Vec::new();
            let mut dirs = vec![dest.path().to_path_buf()];
            while let Some(d) = dirs.pop() {
                for entry in std::fs::read_dir(d).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        dirs.push(path);
                    } else {
                        found.push(path);
                    }
                }
            }
            panic!("{p}: {e}; files: {found:?}")
        })
    };
    assert_eq!(read("data/a.txt"), b"alpha");
    assert_eq!(read("data/sub/b.bin"), objects[1].1);
    assert_eq!(
        read("data/escape.txt"),
        b"must stay inside",
        "`..` segments are dropped"
    );
    assert_eq!(read("data/esc_[31m.txt"), b"red");
    assert!(!dest.path().join("other").exists());
}

#[tokio::test]
async fn a_cancelled_download_leaves_no_partial_file() {
    let files = AwsFiles::for_test("a_cancelled_download_leaves_no_partial_file");
    let s3 = files.s3("acct").await;
    let bucket = format!("cancel-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    s3.put_object()
        .bucket(&bucket)
        .key("big.bin")
        .body(vec![7u8; 8 * 1024 * 1024].into())
        .send()
        .await
        .unwrap();
    let dest = tempfile::tempdir().unwrap();
    let (first_chunk, got_chunk) = tokio::sync::oneshot::channel::<()>();
    let first_chunk = std::sync::Mutex::new(Some(first_chunk));
    let on_bytes: std::sync::Arc<dyn Fn(u64) + Send + Sync> = std::sync::Arc::new(move |_| {
        if let Some(tx) = first_chunk.lock().unwrap().take() {
            let _ = tx.send(());
        }
    });
    let download = SdkS3::new(configs(&files)).download(
        ctx("acct"),
        bucket,
        "big.bin".into(),
        None,
        dest.path().join("big.bin"),
        false,
        on_bytes,
    );
    tokio::select! {
        _ = got_chunk => {}
        result = download => panic!("finished before it could be cancelled: {result:?}"),
    }
    // The download future was dropped mid-body: that is what cancelling a request does.
    let left: Vec<_> = std::fs::read_dir(dest.path()).unwrap().collect();
    assert!(left.is_empty(), "partial files left: {left:?}");
}

/// A prefix is counted, confirmed, then deleted a page at a time — and only what was counted:
/// an object written under it after the count (new, or overwritten) is kept and reported.
#[tokio::test]
async fn deleting_a_1500_key_prefix_goes_by_pages_and_never_beyond_the_count() {
    use awsterm::protocol::{Op, Outcome};
    use awsterm::runtime::Runtime;
    let files = AwsFiles::for_test("deleting_1500_keys");
    let s3 = files.s3("acct").await;
    let bucket = format!("del-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let mut keys: Vec<String> = (0..1500).map(|i| format!("bulk/{i:04}")).collect();
    keys.push("bulk/esc\u{1b}[31m.txt".into());
    crate::support::put_empty_objects(&s3, &bucket, keys.iter().cloned()).await;
    crate::support::put_empty_objects(&s3, &bucket, ["other/keep".to_string()].into_iter()).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(
        awsterm::aws::Adapters::sdk(awsterm::aws::AwsSetup {
            files: awsterm::aws::AwsFiles::Explicit {
                config: files.config_path(),
                credentials: files.credentials_path(),
            },
            endpoint_url: None,
            settings: Default::default(),
        }),
        tx,
    );
    let plan = match last_outcome(
        &mut runtime,
        &mut rx,
        Op::S3(S3Op::DeletePlan {
            ctx: ctx("acct"),
            bucket: bucket.clone(),
            keys: Vec::new(),
            prefixes: vec!["bulk/".into()],
        }),
    )
    .await
    {
        Outcome::S3(S3Outcome::DeletePlanned(Ok(plan))) => plan,
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(plan.total(), 1501);
    assert!(
        plan.keys.is_empty(),
        "the prefix's keys are counted, not held"
    );
    assert_eq!(plan.prefixes[0].sample.len(), 5);
    // Written after the count: S3 times are in seconds, so step past the newest one counted.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    crate::support::put_empty_objects(
        &s3,
        &bucket,
        ["bulk/late".to_string(), "bulk/0001".to_string()].into_iter(),
    )
    .await;
    let tally = match last_outcome(
        &mut runtime,
        &mut rx,
        Op::S3(S3Op::Delete {
            ctx: ctx("acct"),
            bucket: bucket.clone(),
            plan,
        }),
    )
    .await
    {
        Outcome::S3(S3Outcome::Deleted(tally)) => tally,
        other => panic!("unexpected {other:?}"),
    };
    assert!(tally.failed.is_empty(), "{:?}", tally.failed);
    assert_eq!(tally.deleted, 1500);
    assert_eq!(tally.kept, 2);
    let left = s3.list_objects_v2().bucket(&bucket).send().await.unwrap();
    let mut left: Vec<&str> = left.contents().iter().filter_map(|o| o.key()).collect();
    left.sort();
    assert_eq!(left, ["bulk/0001", "bulk/late", "other/keep"]);
}

/// Runs one op through the real runtime and returns its last answer.
pub(crate) async fn last_outcome(
    runtime: &mut awsterm::runtime::Runtime,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<awsterm::msg::Msg>,
    op: awsterm::protocol::Op,
) -> awsterm::protocol::Outcome {
    runtime.spawn(
        awsterm::protocol::Request::new(awsterm::protocol::Owner::App, op),
        0,
    );
    loop {
        if let Some(awsterm::msg::Msg::Aws(reply)) = rx.recv().await
            && reply.last
        {
            return reply.result.expect("an answer");
        }
    }
}

#[tokio::test]
async fn a_20_mib_upload_goes_multipart_and_a_cancelled_one_leaves_nothing_behind() {
    let files = AwsFiles::for_test("a_20_mib_upload_goes_multipart");
    let s3 = files.s3("acct").await;
    let bucket = format!("up-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let local = tempfile::tempdir().unwrap();
    let path = local.path().join("big.bin");
    let body: Vec<u8> = (0..20 * 1024 * 1024u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&path, &body).unwrap();
    let adapter = SdkS3::new(configs(&files));
    let sent = adapter
        .upload(
            ctx("acct"),
            bucket.clone(),
            "big.bin".into(),
            path.clone(),
            std::sync::Arc::new(|_| {}),
        )
        .await
        .unwrap();
    assert_eq!(sent, body.len() as u64);
    let head = s3
        .head_object()
        .bucket(&bucket)
        .key("big.bin")
        .send()
        .await
        .unwrap();
    assert!(
        head.e_tag().unwrap_or_default().contains("-3"),
        "3 parts: {:?}",
        head.e_tag()
    );
    let back = s3
        .get_object()
        .bucket(&bucket)
        .key("big.bin")
        .send()
        .await
        .unwrap();
    assert!(
        back.body.collect().await.unwrap().to_vec() == body,
        "round trip"
    );

    // Cancel after the first part: the multipart upload must be aborted.
    let (first_part, got_part) = tokio::sync::oneshot::channel::<()>();
    let first_part = std::sync::Mutex::new(Some(first_part));
    let upload = adapter.upload(
        ctx("acct"),
        bucket.clone(),
        "cancelled.bin".into(),
        path,
        std::sync::Arc::new(move |_| {
            if let Some(tx) = first_part.lock().unwrap().take() {
                let _ = tx.send(());
            }
        }),
    );
    tokio::select! {
        _ = got_part => {}
        result = upload => panic!("finished before it could be cancelled: {result:?}"),
    }
    // The abort runs in the background after the drop; wait for it, bounded.
    let mut pending = usize::MAX;
    for _ in 0..100 {
        let uploads = s3
            .list_multipart_uploads()
            .bucket(&bucket)
            .send()
            .await
            .unwrap();
        pending = uploads.uploads().len();
        if pending == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(pending, 0, "an incomplete multipart upload was left behind");
    assert!(
        s3.head_object()
            .bucket(&bucket)
            .key("cancelled.bin")
            .send()
            .await
            .is_err()
    );
}

#[tokio::test]
async fn buckets_are_created_in_the_context_region_and_deleted_when_empty() {
    let files = AwsFiles::for_test("buckets_are_created_in_the_context_region");
    let adapter = SdkS3::new(configs(&files));
    let eu = ContextKey {
        profile: Some("acct".into()),
        region: "eu-west-1".into(),
    };
    let name = format!("made-{}", files.account_id);
    adapter
        .create_bucket(eu.clone(), name.clone())
        .await
        .unwrap();
    let s3 = files.s3("acct").await;
    let location = s3.get_bucket_location().bucket(&name).send().await.unwrap();
    assert_eq!(
        location.location_constraint().map(|c| c.as_str()),
        Some("eu-west-1")
    );
    s3.put_object()
        .bucket(&name)
        .key("x")
        .body(Vec::new().into())
        .send()
        .await
        .unwrap();
    let refused = adapter
        .delete_bucket(eu.clone(), name.clone())
        .await
        .unwrap_err();
    assert_eq!(
        refused.code.as_deref(),
        Some("BucketNotEmpty"),
        "{refused:?}"
    );
    s3.delete_object()
        .bucket(&name)
        .key("x")
        .send()
        .await
        .unwrap();
    adapter.delete_bucket(eu, name.clone()).await.unwrap();
    assert!(s3.head_bucket().bucket(&name).send().await.is_err());
}

#[tokio::test]
async fn versions_list_exactly_one_key_and_an_old_version_can_be_previewed_and_downloaded() {
    use aws_sdk_s3::types::{BucketVersioningStatus, VersioningConfiguration};
    let files = AwsFiles::for_test("versions_list_exactly_one_key");
    let s3 = files.s3("acct").await;
    let bucket = format!("ver-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    s3.put_bucket_versioning()
        .bucket(&bucket)
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let mut ids = Vec::new();
    for body in ["v1", "v2", "v3"] {
        let out = s3
            .put_object()
            .bucket(&bucket)
            .key("app/settings.json")
            .body(body.as_bytes().to_vec().into())
            .send()
            .await
            .unwrap();
        ids.push(out.version_id().unwrap().to_string());
    }
    s3.put_object()
        .bucket(&bucket)
        .key("app/settings.json.bak")
        .body(b"other".to_vec().into())
        .send()
        .await
        .unwrap();
    s3.delete_object()
        .bucket(&bucket)
        .key("app/settings.json")
        .send()
        .await
        .unwrap();
    let adapter = SdkS3::new(configs(&files));
    let versions = adapter
        .versions(ctx("acct"), bucket.clone(), "app/settings.json".into())
        .await
        .unwrap();
    assert_eq!(versions.len(), 4, "{versions:?}");
    assert!(versions.iter().all(|v| v.key == "app/settings.json"));
    assert_eq!(versions.iter().filter(|v| v.delete_marker).count(), 1);
    let first = ids[0].clone();
    let head = adapter
        .object_head(
            ctx("acct"),
            bucket.clone(),
            "app/settings.json".into(),
            Some(first.clone()),
            1024,
        )
        .await
        .unwrap();
    assert_eq!(head.bytes, b"v1");
    let dest = tempfile::tempdir().unwrap();
    adapter
        .download(
            ctx("acct"),
            bucket,
            "app/settings.json".into(),
            Some(ids[1].clone()),
            dest.path().join("settings.json"),
            false,
            std::sync::Arc::new(|_| {}),
        )
        .await
        .unwrap();
    assert_eq!(
        std::fs::read(dest.path().join("settings.json")).unwrap(),
        b"v2"
    );
}

#[tokio::test]
async fn a_25000_object_prefix_streams_page_by_page_with_the_right_count() {
    use awsterm::protocol::{Op, Outcome, Owner, Request};
    use awsterm::runtime::Runtime;
    let files = AwsFiles::for_test("a_25000_object_prefix_streams");
    let s3 = files.s3("acct").await;
    let bucket = format!("big-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    crate::support::put_empty_objects(
        &s3,
        &bucket,
        (0..25_000).map(|i| format!("events/{i:05}.json")),
    )
    .await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(
        awsterm::aws::Adapters::sdk(awsterm::aws::AwsSetup {
            files: awsterm::aws::AwsFiles::Explicit {
                config: files.config_path(),
                credentials: files.credentials_path(),
            },
            endpoint_url: None,
            settings: Default::default(),
        }),
        tx,
    );
    let op = Op::S3(S3Op::List {
        ctx: ctx("acct"),
        bucket,
        prefix: "events/".into(),
        start: None,
        cap: 200_000,
    });
    runtime.spawn(Request::new(Owner::App, op), 0);
    let (mut pages, mut rows) = (0, 0);
    loop {
        let Some(awsterm::msg::Msg::Aws(reply)) = rx.recv().await else {
            panic!("channel closed");
        };
        match reply.result.expect("an answer") {
            Outcome::S3(S3Outcome::Page(entries)) => {
                pages += 1;
                rows += entries.len();
                // Each page arrives on its own, before the listing is over.
                assert!(!reply.last);
            }
            Outcome::S3(S3Outcome::Listed { result, resume }) => {
                result.unwrap();
                assert_eq!(resume, None);
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(rows, 25_000);
    assert_eq!(pages, 25);
}

#[tokio::test]
async fn copy_url_uses_the_custom_endpoint_path_style() {
    let files = AwsFiles::for_test("copy_url_uses_the_custom_endpoint");
    let url = SdkS3::new(configs(&files))
        .object_url(ctx("acct"), "b".into(), "dir/a b.txt".into())
        .await
        .unwrap();
    assert_eq!(url, format!("{}/b/dir/a%20b.txt", files.endpoint));
}
