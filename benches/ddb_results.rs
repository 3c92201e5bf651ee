//! DynamoDB result figures for docs/performance.md (run: `cargo bench --bench ddb_results`).
//!
//! A table of N items (AWSTERM_BENCH_ITEMS, default 50,000) in the local emulator; in one run:
//! a plain SDK Scan paginator (1,000 a page) on a fresh client, beside the real app's items
//! view scanning 1,000 a page with `load-all` until every item is in the table; then RSS, one
//! filter keystroke and one frame over all the rows.

mod common;

use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue as Av, BillingMode, KeySchemaElement, KeyType, PutRequest,
    ScalarAttributeType, WriteRequest,
};
use awsterm::aws::dynamodb::{KeyAttr, Table};
use awsterm::aws::dynamodb_query::{Join, Mode, Spec};
use awsterm::panes::dynamodb::ItemsPane;
use awsterm_testkit::account::AwsFiles;
use awsterm_testkit::moto::Moto;
use common::{acct, key, ratio, rss_mb};
use futures::StreamExt;
use std::time::Instant;

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("AWSTERM_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 50_000 } else { 2_000 });
    let moto = Moto::start().expect("emulator");
    let files = AwsFiles::with_endpoint("bench_ddb_results", &moto.endpoint);
    let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    ddb.create_table()
        .table_name("events")
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("id")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("id")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("create table");
    let seeded = Instant::now();
    let chunks: Vec<Vec<usize>> = (0..n)
        .collect::<Vec<_>>()
        .chunks(25)
        .map(<[usize]>::to_vec)
        .collect();
    futures::stream::iter(chunks)
        .map(|chunk| {
            let writes = chunk
                .iter()
                .map(|i| {
                    WriteRequest::builder()
                        .put_request(
                            PutRequest::builder()
                                .item("id", Av::S(format!("evt-{i:06}")))
                                .item("kind", Av::S(["click", "view", "buy"][i % 3].into()))
                                .item("total", Av::N(format!("{}.{:02}", i % 977, i % 100)))
                                .item("note", Av::S(format!("event number {i} from the bench")))
                                .build()
                                .unwrap(),
                        )
                        .build()
                })
                .collect();
            ddb.batch_write_item()
                .request_items("events", writes)
                .send()
        })
        .buffer_unordered(8)
        .for_each(|r| async move {
            r.expect("batch write");
        })
        .await;
    println!(
        "seeded {n} items in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // The plain SDK paginator on a fresh client (it assumes the role, as awsterm must).
    let cold = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
    let start = Instant::now();
    let mut pages = cold
        .scan()
        .table_name("events")
        .limit(1000)
        .into_paginator()
        .send();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        count += page.expect("page").items().len();
    }
    let sdk_total = start.elapsed();
    assert_eq!(count, n);
    println!(
        "SDK paginator: {count} items in {:.2} s",
        sdk_total.as_secs_f64()
    );

    let rss_before = rss_mb();
    let (mut app, mut rx, mut terminal) = common::app(&files);
    let table = Table {
        name: "events".into(),
        partition: KeyAttr {
            name: "id".into(),
            kind: "S".into(),
        },
        ..Table::default()
    };
    let request = Spec {
        table: "events".into(),
        index: None,
        mode: Mode::Scan,
        filters: Vec::new(),
        join: Join::And,
        projection: Vec::new(),
        page_size: Some(1000),
        forward: true,
        consistent: false,
    }
    .build()
    .expect("a scan");
    let start = Instant::now();
    app.open(Box::new(move |id| {
        Box::new(ItemsPane::new(id, acct(), table, request))
    }));
    // load-all: every page, one after the other.
    app.handle_event(key('M'));
    let total = format!("[{}]", awsterm::ui::format::count(n));
    let (first_rows, done) = common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains("evt-"),
        |text| text.contains(&total) && text.contains("all loaded"),
    )
    .await;
    let rss_loaded = rss_mb();
    let frames = 50;
    let (keystroke, frame) = common::keystroke_and_frame(&mut app, &mut terminal, frames);

    println!("{n} items, Scan 1,000 a page");
    println!(
        "all pages: SDK paginator {:.2} s · awsterm every row in the table {:.2} s ({:.2}×, target ≤ 1.1×); first rows {:.0} ms",
        sdk_total.as_secs_f64(),
        done.as_secs_f64(),
        ratio(done, sdk_total),
        first_rows.as_secs_f64() * 1e3
    );
    common::print_view_figures(n, (rss_before, rss_loaded), keystroke, frame, frames);
}
