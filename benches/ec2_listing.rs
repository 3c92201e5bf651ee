//! EC2 listing figures for docs/performance.md (run: `cargo bench --bench ec2_listing`).
//!
//! Against a local emulator holding N instances (AWSTERM_BENCH_INSTANCES, default 2,000, in
//! reservations of 10), measured in one run side by side:
//! - a plain SDK DescribeInstances paginator (1,000 a page): all pages;
//! - awsterm (real app, runtime and EC2 view, drawn to an off-screen terminal): the table
//!   complete on screen, RSS, one filter keystroke, one frame.
//!
//! Then IAM roles (AWSTERM_BENCH_ROLES, default 1,200: two ListRoles pages of 1,000) in an
//! account of their own: the SDK's first page beside awsterm's first rows on screen (the
//! GetRole follow-ups that fill LAST USED run after the rows show).
//!
//! Then SQS in the EC2 account (AWSTERM_BENCH_QUEUES, default 300): the first ListQueues page
//! of a plain SDK client beside `:sqs`'s first rows, whose attributes (GetQueueAttributes, ten
//! at a time) come with them.

mod common;

use awsterm_testkit::account::AwsFiles;
use awsterm_testkit::moto::Moto;
use common::{ratio, rss_mb};
use futures::StreamExt;
use std::time::Instant;

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("AWSTERM_BENCH_INSTANCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 2_000 } else { 100 });
    let moto = Moto::start().expect("emulator");
    let files = AwsFiles::with_endpoint("bench_ec2_listing", &moto.endpoint);
    let ec2 = files.ec2("acct").await;
    let seeded = Instant::now();
    futures::stream::iter(0..n.div_ceil(10))
        .map(|_| {
            ec2.run_instances()
                .image_id("ami-12c6146b")
                .min_count(10)
                .max_count(10)
                .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
                .send()
        })
        .buffer_unordered(8)
        .for_each(|r| async move {
            r.expect("seed");
        })
        .await;
    let n = n.div_ceil(10) * 10;
    println!(
        "seeded {n} instances in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // The plain SDK paginator, as a baseline. A fresh client, so it pays for assuming the role
    // on its first call just as awsterm does.
    let cold = files.ec2("acct").await;
    let start = Instant::now();
    let mut pages = cold
        .describe_instances()
        .max_results(1000)
        .into_paginator()
        .send();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        count += page
            .expect("page")
            .reservations()
            .iter()
            .map(|r| r.instances().len())
            .sum::<usize>();
    }
    let sdk_total = start.elapsed();
    assert_eq!(count, n);

    let rss_before = rss_mb();
    let (mut app, mut rx, mut terminal) = common::app(&files);
    let start = Instant::now();
    app.run_line("ec2");
    let total = format!("[{}]", awsterm::ui::format::count(n));
    let (first_rows, done) = common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains("● running"),
        |text| text.contains(&total) && !text.contains("loading…"),
    )
    .await;
    let rss_loaded = rss_mb();
    let frames = 50;
    let (keystroke, frame) = common::keystroke_and_frame(&mut app, &mut terminal, frames);

    println!("{n} instances, DescribeInstances 1,000 a page");
    println!(
        "all pages: SDK paginator {:.0} ms · awsterm table complete {:.0} ms ({:.2}×, target ≤ 1.1×); first rows {:.0} ms",
        sdk_total.as_secs_f64() * 1e3,
        done.as_secs_f64() * 1e3,
        ratio(done, sdk_total),
        first_rows.as_secs_f64() * 1e3
    );
    common::print_view_figures(n, (rss_before, rss_loaded), keystroke, frame, frames);

    drop(app);
    sqs_first_rows(&files, full).await;
    iam_roles(&moto, full).await;
}

async fn iam_roles(moto: &Moto, full: bool) {
    let n: usize = std::env::var("AWSTERM_BENCH_ROLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 1_200 } else { 120 });
    let files = AwsFiles::with_endpoint("bench_iam_roles", &moto.endpoint);
    let iam = aws_sdk_iam::Client::new(&files.sdk_config("acct").await);
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let seeded = Instant::now();
    futures::stream::iter(0..n)
        .map(|i| {
            iam.create_role()
                .role_name(format!("bench-role-{i:05}"))
                .assume_role_policy_document(trust)
                .send()
        })
        .buffer_unordered(8)
        .for_each(|r| async move {
            r.expect("seed role");
        })
        .await;
    println!(
        "seeded {n} roles in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    let cold = aws_sdk_iam::Client::new(&files.sdk_config("acct").await);
    let start = Instant::now();
    let first = cold
        .list_roles()
        .max_items(1000)
        .send()
        .await
        .expect("first page");
    let sdk_first = start.elapsed();
    assert!(!first.roles().is_empty());

    let (mut app, mut rx, mut terminal) = common::app(&files);
    let start = Instant::now();
    app.run_line("roles");
    let total = format!("[{}]", awsterm::ui::format::count(n));
    let (first_rows, done) = common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains("bench-role-"),
        |text| text.contains(&total) && !text.contains("loading…"),
    )
    .await;
    println!("{n} IAM roles, ListRoles 1,000 a page");
    println!(
        "first page: SDK {:.0} ms · awsterm first rows on screen {:.0} ms ({:.2}×, target ≤ 1.2×); all rows {:.0} ms",
        sdk_first.as_secs_f64() * 1e3,
        first_rows.as_secs_f64() * 1e3,
        ratio(first_rows, sdk_first),
        done.as_secs_f64() * 1e3
    );
}

/// `:sqs`'s first rows (names with their counts) beside the SDK's first ListQueues page.
async fn sqs_first_rows(files: &AwsFiles, full: bool) {
    let q: usize = std::env::var("AWSTERM_BENCH_QUEUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 300 } else { 30 });
    let sqs = aws_sdk_sqs::Client::new(&files.sdk_config("acct").await);
    futures::stream::iter(0..q)
        .map(|i| {
            sqs.create_queue()
                .queue_name(format!("bench-q-{i:04}"))
                .send()
        })
        .buffer_unordered(8)
        .for_each(|r| async move {
            r.expect("seed queue");
        })
        .await;
    let cold = aws_sdk_sqs::Client::new(&files.sdk_config("acct").await);
    let start = Instant::now();
    let page = cold
        .list_queues()
        .max_results(1000)
        .send()
        .await
        .expect("ListQueues");
    let sdk_first = start.elapsed();
    assert_eq!(page.queue_urls().len(), q);
    let (mut app, mut rx, mut terminal) = common::app(files);
    let start = Instant::now();
    app.run_line("sqs");
    let total = format!("[{}]", awsterm::ui::format::count(q));
    let (first_rows, done) = common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains("bench-q-"),
        |text| text.contains(&total) && !text.contains("loading…"),
    )
    .await;
    println!("{q} queues, ListQueues 1,000 a page, GetQueueAttributes 10 at a time");
    println!(
        "first rows: SDK ListQueues first page {:.0} ms · awsterm first rows with counts {:.0} ms ({:.2}×, target ≤ 1.2×); every row with counts {:.0} ms",
        sdk_first.as_secs_f64() * 1e3,
        first_rows.as_secs_f64() * 1e3,
        ratio(first_rows, sdk_first),
        done.as_secs_f64() * 1e3
    );
}
