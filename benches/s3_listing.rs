//! S3 listing figures for docs/performance.md (run: `cargo bench --bench s3_listing`).
//!
//! Against a local emulator holding N objects in one prefix (N from AWSTERM_BENCH_OBJECTS,
//! default 100,000; seeded once per run), measured in one run side by side:
//! - a plain SDK ListObjectsV2 paginator: first page, all pages;
//! - awsterm (real app, runtime and S3 view, drawn to an off-screen terminal): first rows on
//!   screen, complete listing, RSS with every row loaded, one filter keystroke, one frame.

mod common;

use awsterm::panes::s3::objects::ObjectsPane;
use awsterm_testkit::account::AwsFiles;
use awsterm_testkit::moto::Moto;
use common::{acct, ratio, rss_mb};
use futures::StreamExt;
use std::time::Instant;

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

    // The plain SDK paginator, as a baseline. A fresh client, so it pays for assuming the role
    // on its first call just as awsterm does.
    let cold = files.s3("acct").await;
    let start = Instant::now();
    let mut pages = cold
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
    let rss_before = rss_mb();
    let (mut app, mut rx, mut terminal) = common::app(&files);
    let start = Instant::now();
    let b = bucket.clone();
    app.open(Box::new(move |id| {
        Box::new(ObjectsPane::new(id, acct(), b, "events/".into()))
    }));
    let total = format!("[{}]", awsterm::ui::format::count(n));
    let (first_rows, done) = common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains("part-000000"),
        |text| text.contains(&total) && !text.contains("loading…"),
    )
    .await;
    let rss_loaded = rss_mb();
    let frames = 50;
    let (keystroke, frame) = common::keystroke_and_frame(&mut app, &mut terminal, frames);

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
    common::print_view_figures(n, (rss_before, rss_loaded), keystroke, frame, frames);
}
