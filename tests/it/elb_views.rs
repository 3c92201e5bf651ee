//! `:elb` and `:tg` through the real app loop on in-memory adapters: load balancers at 80×24,
//! one load balancer's listeners, rules and target health (unhealthy first), target groups
//! sorted by unhealthy targets, the DNS name copied, and load balancers across two profiles at
//! 160 columns with one profile failing.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::elb::{
    Action, Condition, Listener, LoadBalancer, Rule, TargetGroup, TargetHealth,
};
use awsterm::aws::fake::{ElbData, FakeElb, FakeSts, adapters};
use awsterm::aws::filled::Filled;
use awsterm::aws::{AwsError, ErrorKind};
use std::collections::HashMap;

const ARN: &str = "arn:aws:elasticloadbalancing:us-east-1:111111111111";

fn lb(name: &str, kind: &str, scheme: &str, state: &str) -> LoadBalancer {
    let short = if kind == "application" { "app" } else { "net" };
    LoadBalancer {
        name: name.into(),
        arn: format!("{ARN}:loadbalancer/{short}/{name}/50dc6c495c0c9188"),
        kind: kind.into(),
        scheme: scheme.into(),
        state: state.into(),
        state_reason: None,
        dns_name: format!("{name}-1234567890.us-east-1.elb.amazonaws.com"),
        vpc_id: Some("vpc-0a1b2c3d4e5f67890".into()),
        zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        created: Some(1_764_000_000),
        security_groups: vec!["sg-0123456789abcdef0".into()],
        ip_type: Some("ipv4".into()),
    }
}

fn tg_arn(name: &str) -> String {
    format!("{ARN}:targetgroup/{name}/73e2d6bc24d8a067")
}

fn target(id: &str, state: &str, reason: Option<&str>, description: Option<&str>) -> TargetHealth {
    TargetHealth {
        id: id.into(),
        port: Some(80),
        zone: Some("us-east-1a".into()),
        state: state.into(),
        reason: reason.map(str::to_owned),
        description: description.map(str::to_owned),
    }
}

fn group(name: &str, lb: &LoadBalancer, targets: Vec<TargetHealth>) -> TargetGroup {
    TargetGroup {
        name: name.into(),
        arn: tg_arn(name),
        protocol: Some("HTTP".into()),
        port: Some(80),
        target_type: "instance".into(),
        vpc_id: lb.vpc_id.clone(),
        load_balancers: vec![lb.arn.clone()],
        health_check: Some("HTTP:traffic-port/health".into()),
        targets: Filled::Got(targets),
    }
}

fn data() -> ElbData {
    let web = lb("web", "application", "internet-facing", "active");
    let ingest = lb("ingest", "network", "internal", "provisioning");
    let listeners = vec![
        Listener {
            arn: format!("{ARN}:listener/app/web/1/80"),
            protocol: "HTTP".into(),
            port: Some(80),
            default_actions: vec![Action::Forward(vec![(tg_arn("web-tg"), None)])],
            rules: Ok(vec![
                Rule {
                    priority: "10".into(),
                    is_default: false,
                    conditions: vec![
                        Condition {
                            field: "host-header".into(),
                            header: None,
                            values: vec!["api.example.com".into()],
                        },
                        Condition {
                            field: "path-pattern".into(),
                            header: None,
                            values: vec!["/v1/*".into()],
                        },
                    ],
                    actions: vec![Action::Forward(vec![(tg_arn("api-tg"), None)])],
                },
                Rule {
                    priority: "default".into(),
                    is_default: true,
                    conditions: vec![],
                    actions: vec![Action::Forward(vec![(tg_arn("web-tg"), None)])],
                },
            ]),
        },
        Listener {
            arn: format!("{ARN}:listener/app/web/1/8000"),
            protocol: "HTTP".into(),
            port: Some(8000),
            default_actions: vec![Action::FixedResponse {
                status: "503".into(),
                content_type: Some("text/plain".into()),
            }],
            rules: Ok(vec![]),
        },
    ];
    let web_targets = vec![
        target("i-0aaa1111bbbb2222c", "healthy", None, None),
        target(
            "i-0ddd3333eeee4444f",
            "unhealthy",
            Some("Target.ResponseCodeMismatch"),
            Some("Health checks failed with these codes: [502]"),
        ),
        target(
            "i-0fff5555aaaa6666b",
            "draining",
            Some("Target.DeregistrationInProgress"),
            None,
        ),
    ];
    ElbData {
        load_balancers: vec![web.clone(), ingest.clone()],
        listeners: HashMap::from([(web.arn.clone(), listeners)]),
        target_groups: vec![
            group("web-tg", &web, web_targets),
            group(
                "api-tg",
                &web,
                vec![target("i-0aaa1111bbbb2222c", "healthy", None, None)],
            ),
            TargetGroup {
                protocol: Some("TCP".into()),
                port: Some(443),
                ..group("ingest-tg", &ingest, vec![])
            },
        ],
    }
}

fn fake(elb: FakeElb) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_elb(elb)
}

#[tokio::test]
async fn load_balancers_at_80_columns_then_listeners_rules_and_target_health() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeElb::with(data())),
        80,
        24,
    );
    h.keys(":elb<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Load balancers · 1 changing, watching [2]"),
        "the provisioning one is watched: {screen}"
    );
    assert!(screen.contains("web") && screen.contains("ALB"), "{screen}");
    assert!(
        screen.contains("NLB") && screen.contains("provisioning"),
        "{screen}"
    );
    assert!(screen.contains("● active"), "{screen}");
    assert!(screen.contains("web-1234567890"), "the DNS name: {screen}");
    insta::assert_snapshot!(screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("load balancer web (ALB)"), "{screen}");
    insta::assert_snapshot!("elb_details_top", screen);
    // Listeners, their rules and the target health further down.
    h.keys("G").await;
    let whole = h.screen();
    assert!(whole.contains("i-0ddd3333eeee4444f"), "{whole}");
    insta::assert_snapshot!("elb_details_bottom", whole);
}

#[tokio::test]
async fn the_details_say_what_each_listener_and_rule_does() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeElb::with(data())),
        140,
        60,
    );
    h.keys(":elb<Enter><Enter>").await;
    let screen = h.screen();
    for line in [
        "HTTP:80",
        "forward → web-tg",
        "HTTP:8000",
        "fixed 503",
        "host=api.example.com and path=/v1/*",
        "forward → api-tg",
        "default (no other rule matched)",
        "Targets of web-tg",
        "ResponseCodeMismatch",
        "Health checks failed with these codes: [502]",
    ] {
        assert!(screen.contains(line), "{line}: {screen}");
    }
    let unhealthy = screen.find("i-0ddd3333eeee4444f").unwrap();
    let draining = screen.find("i-0fff5555aaaa6666b").unwrap();
    let healthy = screen.find("i-0aaa1111bbbb2222c:80  healthy").unwrap();
    assert!(
        unhealthy < draining && draining < healthy,
        "unhealthy first, then draining, then healthy: {screen}"
    );
}

#[tokio::test]
async fn copy_gives_the_dns_name_and_copy_arn_the_arn() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeElb::with(data())),
        160,
        24,
    );
    h.keys(":elb<Enter>").await;
    h.keys(":copy<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("copied: web-1234567890.us-east-1.elb.amazonaws.com"),
        "{screen}"
    );
    h.keys(":copy-arn<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!(
            "copied: {ARN}:loadbalancer/app/web/50dc6c495c0c9188"
        )),
        "{screen}"
    );
}

#[tokio::test]
async fn target_groups_most_unhealthy_first_and_their_targets() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeElb::with(data())),
        80,
        24,
    );
    h.keys(":tg<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Target groups [3]"), "{screen}");
    let web = screen.find("web-tg").expect("web-tg");
    let api = screen.find("api-tg").expect("api-tg");
    assert!(
        web < api,
        "the group with unhealthy targets first: {screen}"
    );
    assert!(
        screen.contains("HTTP:80") && screen.contains("TCP:443"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("target group web-tg"), "{screen}");
    assert!(screen.contains("Targets (unhealthy first)"), "{screen}");
    let unhealthy = screen.find("i-0ddd3333eeee4444f").unwrap();
    let healthy = screen.find("i-0aaa1111bbbb2222c").unwrap();
    assert!(unhealthy < healthy, "{screen}");
    insta::assert_snapshot!("target_group_details", screen);
}

#[tokio::test]
async fn load_balancers_across_profiles_at_160_columns() {
    let mut prod = data();
    prod.load_balancers.truncate(1);
    prod.load_balancers[0].name = "prod-web".into();
    let fakes = FakeElb::default()
        .context("dev", data())
        .context("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(fakes), 160, 24);
    h.keys(":elb @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Load balancers · @profiles * · 3 contexts · 2 answered · 1 failed"),
        "{screen}"
    );
    assert!(
        screen.contains("222222222222") && screen.contains("prod-web"),
        "{screen}"
    );
    assert!(screen.contains("✗ the SSO session has expired"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn a_details_read_that_crashes_says_so_instead_of_loading_forever() {
    let elb = FakeElb::with(data());
    elb.crashes.add("listeners");
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(elb), 100, 24);
    h.keys(":elb<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("load balancer web (ALB)"), "{screen}");
    assert!(
        screen.contains("fake adapter crashed in listeners"),
        "{screen}"
    );
}
