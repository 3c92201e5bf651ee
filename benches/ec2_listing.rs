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
//! of a plain SDK client beside `:sqs`'s first rows (names at once; the GetQueueAttributes
//! follow-ups fill the counts after).
//!
//! Then the other kinds of issue 18 in an account of their own, one line each (kind, rows, the
//! SDK's first page, awsterm's first rows, the ratio; target ≤ 1.2×): `:users`, `:policies`
//! (ListUsers/ListPolicies 1,000 a page), `:secrets` (100), `:params` (GetParametersByPath,
//! 10), `:sns` (ListTopics, 100), `:tagged` (GetResources, 100), `:ecs` (ListClusters, 100),
//! `:r53` (ListHostedZones, 100), `:tg` and `:elb` (400). Each count can be set with
//! AWSTERM_BENCH_<KIND> (USERS, POLICIES, SECRETS, PARAMS, TOPICS, CLUSTERS, ZONES,
//! TARGET_GROUPS, LOAD_BALANCERS). Without `--bench` (as `cargo test --all-targets` runs it)
//! every kind is seeded with a handful of rows: a smoke run, no figures.

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
    new_kinds(&moto, full).await;
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
    println!("{q} queues, ListQueues 1,000 a page, then GetQueueAttributes per queue");
    println!(
        "first rows: SDK ListQueues first page {:.0} ms · awsterm first rows {:.0} ms ({:.2}×, target ≤ 1.2×); every row listed {:.0} ms",
        sdk_first.as_secs_f64() * 1e3,
        first_rows.as_secs_f64() * 1e3,
        ratio(first_rows, sdk_first),
        done.as_secs_f64() * 1e3
    );
}

/// How many of a kind to seed: `AWSTERM_BENCH_<NAME>`, else `full` or `smoke`.
fn count(name: &str, full: bool, full_n: usize, smoke_n: usize) -> usize {
    std::env::var(format!("AWSTERM_BENCH_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { full_n } else { smoke_n })
}

/// The kinds of issue 18, each in the same account of its own: seeded through the SDK, then a
/// fresh SDK client's first page (the call and page size the kind's adapter uses) beside the
/// app's first rows of `:kind`. Seeds are sized so the list pages where the API pages and
/// moto seeds each kind within about a minute.
async fn new_kinds(moto: &Moto, full: bool) {
    use aws_sdk_iam::types::PolicyScopeType;
    use common::first_rows::{app_first_rows, report, seed, timed};
    let files = AwsFiles::with_endpoint("bench_new_kinds", &moto.endpoint);
    let config = files.sdk_config("acct").await;
    // A fresh client per baseline, so it pays for its credentials as the app does.
    let fresh = || files.sdk_config("acct");

    // :users — ListUsers, 1,000 a page.
    let n = count("USERS", full, 1_100, 12);
    let iam = aws_sdk_iam::Client::new(&config);
    seed("users", n, |i| {
        iam.create_user()
            .user_name(format!("bench-user-{i:05}"))
            .send()
    })
    .await;
    let cold = aws_sdk_iam::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.list_users().max_items(1000).send()).await;
    assert!(!page.expect("ListUsers").users().is_empty());
    report(
        "users",
        n,
        sdk,
        app_first_rows(&files, "users", "bench-user-").await,
    );

    // :policies — customer managed first: ListPolicies Scope=Local, 1,000 a page.
    let n = count("POLICIES", full, 1_100, 12);
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    seed("policies", n, |i| {
        iam.create_policy()
            .policy_name(format!("bench-policy-{i:05}"))
            .policy_document(doc)
            .send()
    })
    .await;
    let cold = aws_sdk_iam::Client::new(&fresh().await);
    let (page, sdk) = timed(
        cold.list_policies()
            .scope(PolicyScopeType::Local)
            .max_items(1000)
            .send(),
    )
    .await;
    assert!(!page.expect("ListPolicies").policies().is_empty());
    report(
        "policies",
        n,
        sdk,
        app_first_rows(&files, "policies", "bench-policy-").await,
    );

    // :secrets — ListSecrets, 100 a page.
    let n = count("SECRETS", full, 250, 12);
    let sm = aws_sdk_secretsmanager::Client::new(&config);
    seed("secrets", n, |i| {
        sm.create_secret()
            .name(format!("bench-secret-{i:04}"))
            .secret_string("s3cr3t")
            .send()
    })
    .await;
    let cold = aws_sdk_secretsmanager::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.list_secrets().max_results(100).send()).await;
    assert!(!page.expect("ListSecrets").secret_list().is_empty());
    report(
        "secrets",
        n,
        sdk,
        app_first_rows(&files, "secrets", "bench-secret-").await,
    );

    // :params — GetParametersByPath `/`, recursive, 10 a page.
    let n = count("PARAMS", full, 250, 12);
    let ssm = aws_sdk_ssm::Client::new(&config);
    seed("parameters", n, |i| {
        ssm.put_parameter()
            .name(format!("/bench/app/param-{i:04}"))
            .value("v")
            .r#type(aws_sdk_ssm::types::ParameterType::String)
            .send()
    })
    .await;
    let cold = aws_sdk_ssm::Client::new(&fresh().await);
    let (page, sdk) = timed(
        cold.get_parameters_by_path()
            .path("/")
            .recursive(true)
            .with_decryption(false)
            .max_results(10)
            .send(),
    )
    .await;
    assert!(!page.expect("GetParametersByPath").parameters().is_empty());
    report(
        "params",
        n,
        sdk,
        app_first_rows(&files, "params", "bench").await,
    );

    // :sns — ListTopics, 100 a page; the topics are tagged for :tagged below.
    let n = count("TOPICS", full, 250, 12);
    let sns = aws_sdk_sns::Client::new(&config);
    seed("topics", n, |i| {
        sns.create_topic()
            .name(format!("bench-topic-{i:04}"))
            .tags(
                aws_sdk_sns::types::Tag::builder()
                    .key("bench")
                    .value("first-rows")
                    .build()
                    .expect("tag"),
            )
            .send()
    })
    .await;
    let cold = aws_sdk_sns::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.list_topics().send()).await;
    assert!(!page.expect("ListTopics").topics().is_empty());
    report(
        "sns",
        n,
        sdk,
        app_first_rows(&files, "sns", "bench-topic-").await,
    );

    // :tagged — GetResources by tag, 100 a page.
    let cold = aws_sdk_resourcegroupstagging::Client::new(&fresh().await);
    let (page, sdk) = timed(
        cold.get_resources()
            .tag_filters(
                aws_sdk_resourcegroupstagging::types::TagFilter::builder()
                    .key("bench")
                    .values("first-rows")
                    .build(),
            )
            .resources_per_page(100)
            .send(),
    )
    .await;
    assert!(
        !page
            .expect("GetResources")
            .resource_tag_mapping_list()
            .is_empty()
    );
    report(
        "tagged",
        n,
        sdk,
        app_first_rows(&files, "tagged bench=first-rows", "bench-topic-").await,
    );

    // :ecs — ListClusters, 100 a page: the names (from the ARNs) are the first rows; the
    // DescribeClusters follow-up fills their state after, as GetQueueAttributes does for :sqs.
    let n = count("CLUSTERS", full, 150, 5);
    let ecs = aws_sdk_ecs::Client::new(&config);
    seed("clusters", n, |i| {
        ecs.create_cluster()
            .cluster_name(format!("bench-cluster-{i:04}"))
            .send()
    })
    .await;
    let cold = aws_sdk_ecs::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.list_clusters().max_results(100).send()).await;
    assert!(!page.expect("ListClusters").cluster_arns().is_empty());
    report(
        "ecs",
        n,
        sdk,
        app_first_rows(&files, "ecs", "bench-cluster-").await,
    );

    // :r53 — ListHostedZones, 100 a page.
    let n = count("ZONES", full, 150, 5);
    let r53 = aws_sdk_route53::Client::new(&config);
    seed("hosted zones", n, |i| {
        r53.create_hosted_zone()
            .name(format!("bench-zone-{i:04}.example.com"))
            .caller_reference(format!("bench-{i}"))
            .send()
    })
    .await;
    let cold = aws_sdk_route53::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.list_hosted_zones().send()).await;
    assert!(!page.expect("ListHostedZones").hosted_zones().is_empty());
    report(
        "r53",
        n,
        sdk,
        app_first_rows(&files, "r53", "bench-zone-").await,
    );

    // :tg and :elb — DescribeTargetGroups and DescribeLoadBalancers, 400 a page, in one VPC.
    let ec2 = files.ec2("acct").await;
    let vpc = ec2
        .create_vpc()
        .cidr_block("10.42.0.0/16")
        .send()
        .await
        .expect("vpc");
    let vpc = vpc
        .vpc()
        .and_then(|v| v.vpc_id())
        .expect("vpc id")
        .to_string();
    let mut subnets = Vec::new();
    for (cidr, zone) in [
        ("10.42.1.0/24", "us-east-1a"),
        ("10.42.2.0/24", "us-east-1b"),
    ] {
        let s = ec2
            .create_subnet()
            .vpc_id(&vpc)
            .cidr_block(cidr)
            .availability_zone(zone)
            .send()
            .await
            .expect("subnet");
        subnets.push(
            s.subnet()
                .and_then(|s| s.subnet_id())
                .expect("id")
                .to_string(),
        );
    }
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(&config);
    let n = count("TARGET_GROUPS", full, 450, 5);
    seed("target groups", n, |i| {
        elb.create_target_group()
            .name(format!("bench-tg-{i:04}"))
            .protocol(aws_sdk_elasticloadbalancingv2::types::ProtocolEnum::Http)
            .port(80)
            .vpc_id(&vpc)
            .send()
    })
    .await;
    let cold = aws_sdk_elasticloadbalancingv2::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.describe_target_groups().page_size(400).send()).await;
    assert!(
        !page
            .expect("DescribeTargetGroups")
            .target_groups()
            .is_empty()
    );
    report(
        "tg",
        n,
        sdk,
        app_first_rows(&files, "tg", "bench-tg-").await,
    );

    let n = count("LOAD_BALANCERS", full, 420, 3);
    seed("load balancers", n, |i| {
        elb.create_load_balancer()
            .name(format!("bench-lb-{i:04}"))
            .set_subnets(Some(subnets.clone()))
            .send()
    })
    .await;
    let cold = aws_sdk_elasticloadbalancingv2::Client::new(&fresh().await);
    let (page, sdk) = timed(cold.describe_load_balancers().page_size(400).send()).await;
    assert!(
        !page
            .expect("DescribeLoadBalancers")
            .load_balancers()
            .is_empty()
    );
    report(
        "elb",
        n,
        sdk,
        app_first_rows(&files, "elb", "bench-lb-").await,
    );
}
