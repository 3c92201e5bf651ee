//! `:r53` through the real app loop on in-memory adapters: hosted zones at 80×24, a zone's
//! record sets (alias, weighted, long names shortened) streamed page by page, filtered and
//! sorted, and zones across two profiles at 160 columns, each account listed once.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeRoute53, FakeSts, Route53Data, adapters};
use awsterm::aws::route53::{Alias, HostedZone, RecordSet};
use awsterm::aws::{AwsError, ErrorKind};
use std::collections::HashMap;

fn zone(id: &str, name: &str, private: bool, records: i64, comment: Option<&str>) -> HostedZone {
    HostedZone {
        id: id.into(),
        name: name.into(),
        private,
        records: Some(records),
        comment: comment.map(str::to_owned),
    }
}

fn rec(name: &str, kind: &str, ttl: Option<i64>, values: &[&str]) -> RecordSet {
    RecordSet {
        name: name.into(),
        kind: kind.into(),
        ttl,
        values: values.iter().map(|v| v.to_string()).collect(),
        ..RecordSet::default()
    }
}

fn records() -> Vec<RecordSet> {
    let mut blue = rec("checkout.example.com.", "A", Some(60), &["203.0.113.20"]);
    blue.weight = Some(90);
    blue.set_id = Some("blue".into());
    let mut green = rec("checkout.example.com.", "A", Some(60), &["203.0.113.21"]);
    green.weight = Some(10);
    green.set_id = Some("green".into());
    let mut shop = rec("shop.example.com.", "A", None, &[]);
    shop.alias = Some(Alias {
        dns_name: "web-1234567890.us-east-1.elb.amazonaws.com.".into(),
        zone_id: "Z35SXDOTRQ7X7K".into(),
        evaluate_health: true,
    });
    vec![
        rec("example.com.", "MX", Some(3600), &["10 mail.example.com."]),
        rec(
            "example.com.",
            "NS",
            Some(172800),
            &["ns-1.awsdns-01.org.", "ns-2.awsdns-02.co.uk."],
        ),
        rec(
            "api.example.com.",
            "A",
            Some(60),
            &["203.0.113.10", "203.0.113.11"],
        ),
        blue,
        green,
        rec(
            "payments-callback.eu-west-1.example.com.",
            "CNAME",
            Some(300),
            &["payments.eu-west-1.internal."],
        ),
        shop,
        rec(
            "www.example.com.",
            "CNAME",
            Some(300),
            &["shop.example.com."],
        ),
    ]
}

fn data() -> Route53Data {
    Route53Data {
        zones: vec![
            zone(
                "Z0123456789ABCDEFGHIJ",
                "example.com.",
                false,
                8,
                Some("public names of the shop"),
            ),
            zone("Z9876543210ZYXWVUTSRQ", "internal.", true, 4, None),
        ],
        records: HashMap::from([
            ("Z0123456789ABCDEFGHIJ".to_string(), records()),
            ("Z9876543210ZYXWVUTSRQ".to_string(), vec![]),
        ]),
    }
}

fn fake(r53: FakeRoute53) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_route53(r53)
}

#[tokio::test]
async fn zones_at_80_columns_then_records_streamed_filtered_and_sorted() {
    let mut r53 = FakeRoute53::with(data());
    // Three records a page: the zone's records come in three pages.
    r53.page_size = 3;
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(r53), 80, 24);
    h.keys(":r53<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Hosted zones [2]"), "{screen}");
    assert!(
        screen.contains("public") && screen.contains("private"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Records"), "{screen}");
    assert!(screen.contains("example.com."), "{screen}");
    assert!(screen.contains("[8]"), "every page listed: {screen}");
    assert!(
        screen.contains("payments-callback.eu-west-1 "),
        "a long name relative to the zone: {screen}"
    );
    assert!(
        screen.contains("alias web-1234567890"),
        "the alias target: {screen}"
    );
    insta::assert_snapshot!("r53_records", screen);

    h.keys("/CNAME<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("www.example.com."), "{screen}");
    assert!(!screen.contains("api.example.com."), "{screen}");

    // The routing column is the first to go at 80 columns; a weighted record's details say it.
    h.keys("<Esc>/blue<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("weight 90 · blue"), "{screen}");

    // Enter on a record: every field, the alias's zone and health included.
    h.keys("<Esc><Esc>/shop<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Evaluate health"), "{screen}");
    assert!(screen.contains("Z35SXDOTRQ7X7K"), "{screen}");
}

#[tokio::test]
async fn zones_across_profiles_list_each_account_once() {
    let mut prod = data();
    prod.zones.truncate(1);
    prod.zones[0].name = "prod.example.com.".into();
    let fakes = FakeRoute53::default()
        .context("dev", data())
        .context("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(fakes), 160, 24);
    h.keys(":r53 @profiles * @all-regions<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("3 contexts · 2 answered · 1 failed"),
        "one listing per profile, whatever the regions: {screen}"
    );
    assert!(screen.contains("prod.example.com."), "{screen}");
    assert!(screen.contains("global"), "{screen}");
    insta::assert_snapshot!(screen);
}
