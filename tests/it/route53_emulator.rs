//! Route 53 through the SDK adapter against the emulator, each test in its own fresh account:
//! a public zone with A, CNAME, MX, an alias and weighted records, and a private zone, read
//! back zone by zone and page by page; then the views through the app, in one account and
//! across accounts (zones are global: one listing per profile).

use crate::across_emulator::{app_with_profiles, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_route53::types::{
    AliasTarget, Change, ChangeAction, ChangeBatch, HostedZoneConfig, ResourceRecord,
    ResourceRecordSet, RrType, Vpc, VpcRegion,
};
use awsterm::aws::ContextKey;
use awsterm::aws::page::pages_up_to;
use awsterm::aws::route53::{Route53Api, SdkRoute53};
use std::sync::Arc;

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn adapter(files: &AwsFiles) -> SdkRoute53 {
    SdkRoute53::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn record(name: &str, kind: RrType, values: &[&str]) -> ResourceRecordSet {
    ResourceRecordSet::builder()
        .name(name)
        .r#type(kind)
        .ttl(300)
        .set_resource_records(Some(
            values
                .iter()
                .map(|v| ResourceRecord::builder().value(*v).build().unwrap())
                .collect(),
        ))
        .build()
        .unwrap()
}

async fn create(r53: &aws_sdk_route53::Client, zone: &str, records: Vec<ResourceRecordSet>) {
    let changes = records
        .into_iter()
        .map(|r| {
            Change::builder()
                .action(ChangeAction::Create)
                .resource_record_set(r)
                .build()
                .unwrap()
        })
        .collect();
    r53.change_resource_record_sets()
        .hosted_zone_id(zone)
        .change_batch(
            ChangeBatch::builder()
                .set_changes(Some(changes))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("change records");
}

/// `example.com.` (public, with `extra` more A records) and `internal.` (private); returns
/// the public zone's id.
async fn seed(files: &AwsFiles, profile: &str, extra: usize) -> String {
    let r53 = aws_sdk_route53::Client::new(&files.sdk_config(profile).await);
    let public = r53
        .create_hosted_zone()
        .name("example.com")
        .caller_reference("public")
        .hosted_zone_config(HostedZoneConfig::builder().comment("the shop").build())
        .send()
        .await
        .expect("public zone");
    let id = public
        .hosted_zone()
        .unwrap()
        .id()
        .trim_start_matches("/hostedzone/")
        .to_string();
    let mut blue = record("checkout.example.com.", RrType::A, &["203.0.113.20"]);
    blue.set_identifier = Some("blue".into());
    blue.weight = Some(90);
    let mut green = record("checkout.example.com.", RrType::A, &["203.0.113.21"]);
    green.set_identifier = Some("green".into());
    green.weight = Some(10);
    let alias = ResourceRecordSet::builder()
        .name("shop.example.com.")
        .r#type(RrType::A)
        .alias_target(
            AliasTarget::builder()
                .hosted_zone_id("Z35SXDOTRQ7X7K")
                .dns_name("web-1234567890.us-east-1.elb.amazonaws.com.")
                .evaluate_target_health(true)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let mut records = vec![
        record(
            "api.example.com.",
            RrType::A,
            &["203.0.113.10", "203.0.113.11"],
        ),
        record("www.example.com.", RrType::Cname, &["shop.example.com"]),
        record("example.com.", RrType::Mx, &["10 mail.example.com."]),
        blue,
        green,
        alias,
    ];
    records.extend((0..extra).map(|i| {
        record(
            &format!("host-{i:03}.example.com."),
            RrType::A,
            &["198.51.100.1"],
        )
    }));
    create(&r53, &id, records).await;

    let ec2 = files.ec2(profile).await;
    let vpc = ec2.describe_vpcs().send().await.expect("vpcs").vpcs()[0]
        .vpc_id()
        .unwrap()
        .to_string();
    r53.create_hosted_zone()
        .name("internal")
        .caller_reference("private")
        .hosted_zone_config(HostedZoneConfig::builder().private_zone(true).build())
        .vpc(
            Vpc::builder()
                .vpc_id(vpc)
                .vpc_region(VpcRegion::UsEast1)
                .build(),
        )
        .send()
        .await
        .expect("private zone");
    id
}

#[tokio::test]
async fn zones_and_their_records_read_back_page_by_page() {
    let files = AwsFiles::for_test("zones_and_their_records_read_back_page_by_page");
    // 310 more records: ListResourceRecordSets pages at 300.
    let id = seed(&files, "acct", 310).await;
    let r53 = adapter(&files);

    let zones = r53.zones_page(acct(), None).await.expect("zones");
    let mut seen: Vec<(&str, bool)> = zones
        .items
        .iter()
        .map(|z| (z.name.as_str(), z.private))
        .collect();
    seen.sort();
    assert_eq!(seen, [("example.com.", false), ("internal.", true)]);
    let public = zones.items.iter().find(|z| z.id == id).expect("by its id");
    assert_eq!(public.comment.as_deref(), Some("the shop"));

    let first = r53
        .records_page(acct(), id.clone(), None)
        .await
        .expect("first page");
    assert!(
        first.next.is_some(),
        "a second page: {:?}",
        first.items.len()
    );
    let (all, _) = pages_up_to(None, 10_000, |token| {
        r53.records_page(acct(), id.clone(), token)
    })
    .await
    .expect("every page");
    // NS and SOA come with the zone.
    assert_eq!(all.len(), 310 + 6 + 2, "each record once");
    let mut names: Vec<(&str, &str, Option<&str>)> = all
        .iter()
        .map(|r| (r.name.as_str(), r.kind.as_str(), r.set_id.as_deref()))
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "no record twice across pages");

    let blue = all
        .iter()
        .find(|r| r.set_id.as_deref() == Some("blue"))
        .expect("weighted");
    assert_eq!(blue.weight, Some(90));
    let shop = all
        .iter()
        .find(|r| r.name == "shop.example.com.")
        .expect("alias");
    let alias = shop.alias.as_ref().expect("an alias target");
    assert_eq!(
        alias.dns_name,
        "web-1234567890.us-east-1.elb.amazonaws.com."
    );
    assert!(alias.evaluate_health);
    let api = all.iter().find(|r| r.name == "api.example.com.").unwrap();
    assert_eq!(api.values, ["203.0.113.10", "203.0.113.11"]);
    assert_eq!(api.ttl, Some(300));
}

#[tokio::test]
async fn the_views_through_the_app() {
    let files = AwsFiles::for_test("route53_views_through_the_app");
    seed(&files, "acct", 0).await;
    let mut h = app_on(&files);
    h.keys(":r53<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Hosted zones [2]"), "{screen}");
    h.keys("/example<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Records"), "{screen}");
    assert!(screen.contains("weight 90"), "{screen}");
    assert!(screen.contains("alias web-1234567890"), "{screen}");
    h.keys("/CNAME<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("www.example.com."), "{screen}");
    assert!(!screen.contains("api.example.com."), "{screen}");
}

#[tokio::test]
async fn zones_across_accounts_once_per_profile() {
    let (files, accounts) = three_accounts("zones_across_accounts_once_per_profile");
    seed(&files, "team-a", 0).await;
    seed(&files, "team-b", 0).await;
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":r53 @profiles team-a,team-b @all-regions<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("2 contexts · 2 answered"),
        "one listing per profile: {screen}"
    );
    assert_eq!(screen.matches("example.com.").count(), 2, "{screen}");
    for account in &accounts[..2] {
        assert!(screen.contains(account.as_str()), "{account}: {screen}");
    }
}
