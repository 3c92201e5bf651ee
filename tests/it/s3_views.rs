//! The S3 views against the in-memory adapter: navigation, streaming, caps.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeS3, FakeSts, adapters_with};

fn fake(page_size: usize) -> awsterm::aws::Adapters {
    let mut keys: Vec<(String, i64)> = vec![
        ("logs/2026/11/a.log".into(), 1200),
        ("logs/2026/12/b.log".into(), 3_500_000),
        ("readme.txt".into(), 42),
        ("evil/\u{1b}[31mred.txt".into(), 7),
    ];
    keys.extend((0..2500).map(|i| (format!("bulk/{i:05}"), 1)));
    let keys: Vec<(&str, i64)> = keys.iter().map(|(k, s)| (k.as_str(), *s)).collect();
    let mut s3 = FakeS3::default()
        .bucket("acme-assets", &keys)
        .bucket("empty", &[]);
    s3.page_size = page_size;
    adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    )
}

#[tokio::test]
async fn buckets_then_prefixes_then_up_again() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake(1000));
    h.keys(":s3<Enter>").await;
    insta::assert_snapshot!(h.screen());
    h.keys("<Enter>").await;
    assert!(h.screen().contains("s3://acme-assets/"), "{}", h.screen());
    h.keys("jj<Enter>").await;
    assert!(
        h.screen().contains("s3://acme-assets/logs/"),
        "{}",
        h.screen()
    );
    h.keys("<Enter>").await;
    insta::assert_snapshot!("s3_nested_prefix", h.screen());
    h.keys("<backspace><backspace>").await;
    assert!(h.screen().contains("s3://acme-assets/ "), "{}", h.screen());
    h.keys("<Esc>").await;
    assert!(
        h.screen().contains("S3 buckets"),
        "Esc at the root closes the bucket"
    );
}

#[tokio::test]
async fn control_characters_in_keys_are_shown_escaped() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake(1000));
    h.keys(":s3<Enter><Enter>j<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("␛[31mred.txt"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

#[tokio::test]
async fn pages_stream_into_one_list_with_a_count() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake(300));
    h.keys(":s3<Enter><Enter>/bulk<Enter><Enter>").await;
    assert!(
        h.screen().contains("s3://acme-assets/bulk/ [2,500]"),
        "{}",
        h.screen()
    );
    h.keys("G").await;
    assert!(h.screen().contains("02499"), "{}", h.screen());
}

#[tokio::test]
async fn a_listing_stops_at_its_cap_and_continues_on_request() {
    use awsterm::aws::ContextKey;
    use awsterm::panes::s3::objects::ObjectsPane;
    let mut h = Harness::new(options(two_profiles(), "dev"), fake(1000));
    let ctx = ContextKey {
        profile: Some("dev".into()),
        region: "us-east-1".into(),
    };
    h.app.open(Box::new(move |id| {
        Box::new(ObjectsPane::new(id, ctx, "acme-assets".into(), "bulk/".into()).with_cap(1000))
    }));
    h.keys("").await;
    assert!(
        h.screen().contains("stopped at the row cap"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("[1,000]"), "{}", h.screen());
    h.keys("m").await;
    assert!(h.screen().contains("[2,000]"), "{}", h.screen());
    h.keys("mm").await;
    assert!(h.screen().contains("[2,500]"), "{}", h.screen());
    assert!(
        !h.screen().contains("stopped at the row cap"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn a_missing_bucket_is_reported_not_fatal() {
    use awsterm::aws::ContextKey;
    use awsterm::panes::s3::objects::ObjectsPane;
    let mut h = Harness::new(options(two_profiles(), "dev"), fake(1000));
    let ctx = ContextKey {
        profile: Some("dev".into()),
        region: "us-east-1".into(),
    };
    h.app.open(Box::new(move |id| {
        Box::new(ObjectsPane::new(id, ctx, "gone".into(), String::new()))
    }));
    h.keys("").await;
    assert!(h.screen().contains("NoSuchBucket"), "{}", h.screen());
    h.keys("<Esc>:s3<Enter>").await;
    assert!(h.screen().contains("acme-assets"), "the app keeps working");
}

fn with_bodies() -> awsterm::aws::Adapters {
    let keys = [
        ("config/app.json", 40),
        ("notes.txt", 20),
        ("logo.png", 300),
        ("big.log", 200_000),
    ];
    let mut s3 = FakeS3::default()
        .bucket("acme-assets", &keys)
        .body(
            "config/app.json",
            br#"{"service":"web","replicas":3,"on":true}"#,
        )
        .body("notes.txt", b"first line\nsecond \x1b]52;c;aGk=\x07 line\n")
        .body(
            "logo.png",
            &(0u8..=255).cycle().take(300).collect::<Vec<_>>(),
        )
        .body("big.log", "log line\n".repeat(22_000).as_bytes());
    s3.page_size = 1000;
    adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    )
}

#[tokio::test]
async fn object_details_and_json_preview() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/config<Enter><Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("s3://acme-assets/config/app.json"),
        "{screen}"
    );
    assert!(screen.contains("Encryption      AES256"), "{screen}");
    assert!(screen.contains("Tags            Env=dev"), "{screen}");
    assert!(screen.contains("\"replicas\": 3"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn text_preview_escapes_an_osc52_sequence() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/notes<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("1 │ first line"), "{screen}");
    assert!(screen.contains("second ␛]52;c;aGk=␇ line"), "{screen}");
}

#[tokio::test]
async fn binary_preview_is_a_hex_dump_and_big_objects_are_truncated() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/logo<Enter><Enter>").await;
    assert!(
        h.screen().contains("00000000  00 01 02 03"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>/big<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("first 64.0 KiB of 193.4 KiB — truncated"),
        "{screen}"
    );
    h.keys("G").await;
    // 64 KiB of 9-byte lines: 7,281 whole lines and the start of the next, never more.
    assert!(
        h.screen().contains("7282 │ log lin\n") || h.screen().contains("7282 │ log lin "),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn presign_shows_and_copies_the_url_and_arn_copy_uses_the_partition() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/notes<Enter>p").await;
    let screen = h.screen();
    assert!(screen.contains("Presigned URL"), "{screen}");
    assert!(screen.contains("expires in 1 h"), "{screen}");
    assert!(screen.contains("X-Amz-Expires=3600"), "{screen}");
    let copied = h.host.actions.last().cloned();
    assert!(
        matches!(&copied, Some(awsterm::app::host::HostAction::Copy(url)) if url.contains("notes.txt?X-Amz-Expires=3600")),
        "{copied:?}"
    );
    h.keys("<Esc>:presign 15m<Enter>").await;
    assert!(h.screen().contains("X-Amz-Expires=900"), "{}", h.screen());
    h.keys("<Esc>:presign 9d<Enter>").await;
    assert!(h.screen().contains("1 s to 7 days"), "{}", h.screen());
    h.keys("Y").await;
    assert!(
        h.screen()
            .contains("copied: arn:aws:s3:::acme-assets/notes.txt"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn sort_by_size_keeps_prefixes_first_and_cd_jumps() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(1000), 100, 30);
    h.keys(":s3<Enter><Enter>ss").await;
    let screen = h.screen();
    assert!(screen.contains("sorted by SIZE ↑"), "{screen}");
    let rows: Vec<&str> = screen.lines().skip(3).take(6).collect();
    assert!(rows[0].contains("bulk/"), "{rows:?}");
    assert!(rows[2].contains("logs/"), "{rows:?}");
    assert!(rows[3].contains("readme.txt"), "{rows:?}");
    h.keys("S").await;
    assert!(h.screen().contains("sorted by SIZE ↓"), "{}", h.screen());
    h.keys(":cd logs/2026<Enter>").await;
    assert!(
        h.screen().contains("s3://acme-assets/logs/2026/ [2]"),
        "{}",
        h.screen()
    );
    h.keys(":cd s3://elsewhere/x<Enter>").await;
    assert!(h.screen().contains("another bucket"), "{}", h.screen());
}

#[tokio::test]
async fn download_asks_where_never_overwrites_silently_and_reports() {
    let dest = tempfile::tempdir().unwrap();
    let dir = dest.path().display().to_string();
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/notes<Enter>d").await;
    assert!(h.screen().contains("Download 1 object"), "{}", h.screen());
    h.keys(&format!("<C-u>{dir}<Enter>")).await;
    assert!(h.screen().contains("downloaded 1 file"), "{}", h.screen());
    let file = dest.path().join("notes.txt");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"first line\nsecond \x1b]52;c;aGk=\x07 line\n"
    );
    std::fs::write(&file, b"my own edits").unwrap();
    h.keys(&format!("d<C-u>{dir}<Enter>")).await;
    assert!(
        h.screen().contains("Overwrite local files?"),
        "{}",
        h.screen()
    );
    h.keys("n").await;
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"my own edits",
        "kept without consent"
    );
    h.keys(&format!("d<C-u>{dir}<Enter>y")).await;
    assert!(h.screen().contains("downloaded 1 file"), "{}", h.screen());
    assert_ne!(
        std::fs::read(&file).unwrap(),
        b"my own edits",
        "overwritten with consent"
    );
    let names: Vec<_> = std::fs::read_dir(dest.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary files left: {names:?}");
}

#[tokio::test]
async fn delete_needs_the_typed_count_and_read_only_refuses_it() {
    let mut s3 = FakeS3::default().bucket(
        "acme-assets",
        &[
            ("a.txt", 1),
            ("b.txt", 2),
            ("c.txt", 3),
            ("dir/x", 4),
            ("dir/y", 5),
        ],
    );
    s3.page_size = 1000;
    let deleted = s3.deleted.clone();
    let adapters = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    );
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 100, 30);
    // Mark a.txt and the dir/ prefix, then delete: the prefix expands to its objects.
    h.keys(":s3<Enter><Enter> jj D").await;
    let screen = h.screen();
    assert!(screen.contains("Delete from s3://acme-assets"), "{screen}");
    assert!(
        screen.contains("permanently deletes 3 object(s)"),
        "{screen}"
    );
    h.keys("2<Enter>").await;
    assert!(h.screen().contains("type 3 exactly"), "{}", h.screen());
    assert!(
        deleted.lock().unwrap().is_empty(),
        "nothing deleted on a wrong count"
    );
    h.keys("<C-u>3<Enter>").await;
    assert!(h.screen().contains("deleted 3 object(s)"), "{}", h.screen());
    let mut gone = deleted.lock().unwrap().clone();
    gone.sort();
    assert_eq!(
        gone,
        [
            "acme-assets/a.txt",
            "acme-assets/dir/x",
            "acme-assets/dir/y"
        ]
    );

    let mut opts = options(two_profiles(), "dev");
    opts.read_only = true;
    let mut s3 = FakeS3::default().bucket("acme-assets", &[("a.txt", 1)]);
    s3.page_size = 1000;
    let deleted = s3.deleted.clone();
    let adapters = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    );
    let mut h = Harness::sized(opts, adapters, 100, 30);
    h.keys(":s3<Enter><Enter>").await;
    assert!(
        !h.screen().contains("delete"),
        "hidden from hints: {}",
        h.screen()
    );
    h.keys("D").await;
    assert!(
        h.screen().contains("read-only mode: 'delete' is disabled"),
        "{}",
        h.screen()
    );
    h.keys(":delete<Enter>").await;
    assert!(h.screen().contains("read-only mode"), "{}", h.screen());
    assert!(deleted.lock().unwrap().is_empty());
}

#[tokio::test]
async fn upload_lists_what_goes_asks_then_sends() {
    let src = tempfile::tempdir().unwrap();
    let dir = src.path().join("photos");
    std::fs::create_dir_all(dir.join("2026")).unwrap();
    std::fs::write(dir.join("a.jpg"), b"jpeg").unwrap();
    std::fs::write(dir.join("2026/b.jpg"), b"jpeg2").unwrap();
    let mut s3 = FakeS3::default().bucket("acme-assets", &[("logs/x", 1)]);
    s3.page_size = 1000;
    let uploaded = s3.uploaded.clone();
    let adapters = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    );
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 100, 30);
    h.keys(":s3<Enter><Enter><Enter>u").await;
    assert!(
        h.screen().contains("into s3://acme-assets/logs/"),
        "{}",
        h.screen()
    );
    h.keys(&format!("<C-u>{}<Enter>", dir.display())).await;
    let screen = h.screen();
    assert!(screen.contains("Upload?"), "{screen}");
    assert!(screen.contains("logs/photos/2026/b.jpg"), "{screen}");
    assert!(
        uploaded.lock().unwrap().is_empty(),
        "nothing sent before yes"
    );
    h.keys("y").await;
    assert!(h.screen().contains("uploaded 2 files"), "{}", h.screen());
    let mut sent: Vec<(String, Vec<u8>)> = uploaded.lock().unwrap().clone();
    sent.sort();
    assert_eq!(
        sent,
        [
            (
                "acme-assets/logs/photos/2026/b.jpg".to_string(),
                b"jpeg2".to_vec()
            ),
            (
                "acme-assets/logs/photos/a.jpg".to_string(),
                b"jpeg".to_vec()
            ),
        ]
    );
}

#[tokio::test]
async fn buckets_are_created_with_valid_names_and_deleted_only_when_typed_and_empty() {
    let mut s3 = FakeS3::default()
        .bucket("acme-assets", &[("a.txt", 1)])
        .bucket("empty", &[]);
    s3.page_size = 1000;
    let (created, deleted) = (s3.created.clone(), s3.deleted.clone());
    let adapters = adapters_with(
        FakeSts::default().with("dev", "111111111111", "user/alice"),
        s3,
    );
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 100, 30);
    h.keys(":s3<Enter>cBad_Name<Enter>").await;
    assert!(
        h.screen().contains("only lowercase letters"),
        "{}",
        h.screen()
    );
    h.keys("cfresh-bucket<Enter>").await;
    assert!(
        h.screen().contains("bucket fresh-bucket created"),
        "{}",
        h.screen()
    );
    assert_eq!(*created.lock().unwrap(), ["fresh-bucket"]);
    h.keys("X").await;
    assert!(
        h.screen().contains("Type the bucket name (acme-assets)"),
        "{}",
        h.screen()
    );
    h.keys("acme-assets<Enter>").await;
    assert!(h.screen().contains("BucketNotEmpty"), "{}", h.screen());
    h.keys("jX").await;
    h.keys("emptx<Enter>").await;
    assert!(
        deleted.lock().unwrap().is_empty(),
        "wrong name: nothing deleted"
    );
    h.keys("<C-u>empty<Enter>").await;
    assert!(
        h.screen().contains("bucket empty deleted"),
        "{}",
        h.screen()
    );
    assert_eq!(*deleted.lock().unwrap(), ["empty"]);
}

#[tokio::test]
async fn versions_open_from_an_object() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/notes<Enter>v").await;
    let screen = h.screen();
    assert!(
        screen.contains("versions of s3://acme-assets/notes.txt"),
        "{screen}"
    );
    assert!(screen.contains("v1-current"), "{screen}");
    assert!(screen.contains("latest"), "{screen}");
    h.keys("<Enter>").await;
    assert!(h.screen().contains("1 │ first line"), "{}", h.screen());
}

#[tokio::test]
async fn marked_rows_download_together_and_copy_url_is_the_https_url() {
    let dest = tempfile::tempdir().unwrap();
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_bodies(), 100, 30);
    h.keys(":s3<Enter><Enter>/notes<Enter>U").await;
    assert!(
        h.screen()
            .contains("copied: https://acme-assets.s3.us-east-1.amazonaws.com/notes.txt"),
        "{}",
        h.screen()
    );
    // Mark logo.png and notes.txt (filter cleared first), then download both.
    h.keys("<Esc>/logo<Enter> <Esc>/notes<Enter> <Esc>d").await;
    assert!(h.screen().contains("Download 2 objects"), "{}", h.screen());
    h.keys(&format!("<C-u>{}<Enter>", dest.path().display()))
        .await;
    assert!(h.screen().contains("downloaded 2 files"), "{}", h.screen());
    assert!(dest.path().join("logo.png").exists());
    assert!(dest.path().join("notes.txt").exists());
}
