//! S3 listing figures for docs/performance.md (run: `cargo bench --bench s3_listing`).
//!
//! Against a local emulator holding N objects in one prefix (N from AWSTERM_BENCH_OBJECTS,
//! default 100,000; seeded once per run), measured in one run side by side:
//! - a plain SDK ListObjectsV2 paginator: first page, all pages;
//! - awsterm (real app, runtime and S3 view, drawn to an off-screen terminal): first rows on
//!   screen, complete listing, RSS with every row loaded, one filter keystroke, one frame.

use awsterm::app::{App, AppOptions};
use awsterm::aws::{Adapters, AwsSetup, ContextKey};
use awsterm::keymap::Keymap;
use awsterm::panes::s3::objects::ObjectsPane;
use awsterm::theme::{ColorSupport, Theme};
use awsterm_testkit::account::AwsFiles;
use awsterm_testkit::moto::Moto;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("AWSTERM_BENCH_OBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 100_000 } else { 1_500 });
    let moto = Moto::start().expect("emulator");
    let files = AwsFiles::with_endpoint("bench_s3_listing", &moto.endpoint);
    let sdk = files.sdk_config("acct").await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&sdk)
            .force_path_style(true)
            .build(),
    );
    let bucket = format!("bench-{}", files.account_id);
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    let seeded = Instant::now();
    futures::stream::iter(0..n)
        .map(|i| {
            s3.put_object()
                .bucket(&bucket)
                .key(format!("events/part-{i:06}.json"))
                .body(b"{}".to_vec().into())
                .send()
        })
        .buffer_unordered(32)
        .for_each(|r| async move {
            r.expect("seed");
        })
        .await;
    println!(
        "seeded {n} objects in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // The plain SDK paginator, as a baseline.
    let start = Instant::now();
    let mut pages = s3
        .list_objects_v2()
        .bucket(&bucket)
        .prefix("events/")
        .delimiter("/")
        .encoding_type(aws_sdk_s3::types::EncodingType::Url)
        .into_paginator()
        .send();
    let mut first_page = None;
    let mut count = 0;
    while let Some(page) = pages.next().await {
        count += page.expect("page").contents().len();
        first_page.get_or_insert_with(|| start.elapsed());
    }
    let sdk_total = start.elapsed();
    let sdk_first = first_page.unwrap_or_default();
    assert_eq!(count, n);

    // awsterm: the real app with the SDK adapters and the S3 objects view.
    let options = AppOptions {
        initial: ContextKey {
            profile: Some("acct".into()),
            region: "us-east-1".into(),
        },
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        profiles: Ok(Vec::new()),
        env_credentials: false,
        read_only: false,
        theme: Theme::mono(),
        theme_dir: None,
        color_support: ColorSupport::NoColor,
        keymap: Keymap::defaults(),
        mouse: false,
        flash_duration: Duration::from_secs(60),
        warnings: Vec::new(),
        s3: Default::default(),
    };
    let adapters = Adapters::sdk(AwsSetup {
        files: options.files.clone(),
        endpoint_url: None,
        settings: Default::default(),
    });
    let rss_before = rss_mb();
    let (mut app, mut rx) = App::new(options, adapters);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let ctx = ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    };
    let start = Instant::now();
    let b = bucket.clone();
    app.open(Box::new(move |id| {
        Box::new(ObjectsPane::new(id, ctx, b, "events/".into()))
    }));
    let mut first_rows = None;
    let done = loop {
        let msg = rx.recv().await.expect("reply");
        app.handle_msg(msg);
        terminal.draw(|f| awsterm::ui::draw(f, &mut app)).unwrap();
        let text = screen(&terminal);
        if first_rows.is_none() && text.contains("part-000000") {
            first_rows = Some(start.elapsed());
        }
        if text.contains(&format!("[{}]", awsterm::ui::format::count(n)))
            && !text.contains("loading…")
        {
            break start.elapsed();
        }
    };
    let first_rows = first_rows.unwrap_or_default();
    let rss_loaded = rss_mb();

    // One filter keystroke over every row, drawn.
    app.handle_event(key('/'));
    let t = Instant::now();
    app.handle_event(key('9'));
    terminal.draw(|f| awsterm::ui::draw(f, &mut app)).unwrap();
    let keystroke = t.elapsed();
    app.handle_event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));

    // Frames at every row count: force a full redraw each time.
    let frames = 50;
    let t = Instant::now();
    for i in 0..frames {
        app.handle_event(key(if i % 2 == 0 { 'j' } else { 'k' }));
        terminal.draw(|f| awsterm::ui::draw(f, &mut app)).unwrap();
    }
    let frame = t.elapsed() / frames;

    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    println!("prefix with {n} objects, 1,000 keys a page");
    println!(
        "first page: SDK paginator {:.0} ms · awsterm first rows on screen {:.0} ms ({:.2}×, target ≤ 1.2×)",
        sdk_first.as_secs_f64() * 1e3,
        first_rows.as_secs_f64() * 1e3,
        ratio(first_rows, sdk_first)
    );
    println!(
        "all pages: SDK paginator {:.2} s · awsterm complete listing {:.2} s ({:.2}×, target ≤ 1.1×)",
        sdk_total.as_secs_f64(),
        done.as_secs_f64(),
        ratio(done, sdk_total)
    );
    println!(
        "RSS of the bench process with all rows loaded: {rss_loaded:.1} MB (before the app: {rss_before:.1} MB; target < 80 MB)"
    );
    println!(
        "one filter keystroke over {n} rows, drawn: {:.2} ms (target < 16 ms)",
        keystroke.as_secs_f64() * 1e3
    );
    println!(
        "one frame at {n} rows: {:.3} ms (mean of {frames}; target < 4 ms)",
        frame.as_secs_f64() * 1e3
    );
}
