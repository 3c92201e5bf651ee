//! Load balancers through the SDK adapter against the emulator, each test in its own fresh
//! account: an ALB and an NLB with listeners, a rule and target groups with registered EC2
//! targets (the emulator reports a running instance healthy and a stopped one `unused` with
//! `Target.InvalidState`), read back as the views show them; then both views through the app,
//! in one context and across accounts.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, run_instances, sdk_setup};
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, LoadBalancerSchemeEnum, LoadBalancerTypeEnum, ProtocolEnum,
    RuleCondition, TargetDescription,
};
use awsterm::aws::ContextKey;
use awsterm::aws::elb::{ElbApi, SdkElb};
use awsterm::panes::elb::summary;
use std::sync::Arc;

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn adapter(files: &AwsFiles) -> SdkElb {
    SdkElb::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn forward(group: &str) -> Action {
    Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .target_group_arn(group)
        .build()
}

/// What `seed` made: the ALB's ARN, the instances (the last one stopped).
struct Made {
    alb: String,
    instances: Vec<String>,
}

/// `web` (ALB, HTTP:80 → web-tg, rule 10: host + path → api-tg) and `ingest` (internal NLB,
/// TCP:443 → ingest-tg) in `profile`'s account; three instances in web-tg, one stopped.
async fn seed(files: &AwsFiles, profile: &str) -> Made {
    let ec2 = files.ec2(profile).await;
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(&files.sdk_config(profile).await);
    let subnets = ec2.describe_subnets().send().await.expect("subnets");
    let mut subnets: Vec<(String, String, String)> = subnets
        .subnets()
        .iter()
        .map(|s| {
            (
                s.availability_zone().unwrap().to_string(),
                s.subnet_id().unwrap().to_string(),
                s.vpc_id().unwrap().to_string(),
            )
        })
        .collect();
    subnets.sort();
    let vpc = subnets[0].2.clone();
    let two: Vec<String> = subnets
        .iter()
        .filter(|s| s.2 == vpc)
        .take(2)
        .map(|s| s.1.clone())
        .collect();
    let mut lbs = Vec::new();
    for (name, kind, scheme) in [
        (
            "web",
            LoadBalancerTypeEnum::Application,
            LoadBalancerSchemeEnum::InternetFacing,
        ),
        (
            "ingest",
            LoadBalancerTypeEnum::Network,
            LoadBalancerSchemeEnum::Internal,
        ),
    ] {
        let out = elb
            .create_load_balancer()
            .name(name)
            .r#type(kind)
            .scheme(scheme)
            .set_subnets(Some(two.clone()))
            .send()
            .await
            .expect("create load balancer");
        lbs.push(
            out.load_balancers()[0]
                .load_balancer_arn()
                .unwrap()
                .to_string(),
        );
    }
    let mut groups = Vec::new();
    for (name, protocol, port) in [
        ("web-tg", ProtocolEnum::Http, 80),
        ("api-tg", ProtocolEnum::Http, 8080),
        ("ingest-tg", ProtocolEnum::Tcp, 443),
    ] {
        let out = elb
            .create_target_group()
            .name(name)
            .protocol(protocol)
            .port(port)
            .vpc_id(&vpc)
            .send()
            .await
            .expect("create target group");
        groups.push(
            out.target_groups()[0]
                .target_group_arn()
                .unwrap()
                .to_string(),
        );
    }
    let instances = run_instances(
        &ec2,
        &[
            ("web-1", "prod", "t3.micro"),
            ("web-2", "prod", "t3.micro"),
            ("web-3", "prod", "t3.micro"),
        ],
    )
    .await;
    elb.register_targets()
        .target_group_arn(&groups[0])
        .set_targets(Some(
            instances
                .iter()
                .map(|id| TargetDescription::builder().id(id).build())
                .collect(),
        ))
        .send()
        .await
        .expect("register targets");
    ec2.stop_instances()
        .instance_ids(&instances[2])
        .send()
        .await
        .expect("stop one");
    let http = elb
        .create_listener()
        .load_balancer_arn(&lbs[0])
        .protocol(ProtocolEnum::Http)
        .port(80)
        .default_actions(forward(&groups[0]))
        .send()
        .await
        .expect("listener");
    let http = http.listeners()[0].listener_arn().unwrap().to_string();
    elb.create_rule()
        .listener_arn(&http)
        .priority(10)
        .conditions(
            RuleCondition::builder()
                .field("host-header")
                .values("api.example.com")
                .build(),
        )
        .conditions(
            RuleCondition::builder()
                .field("path-pattern")
                .values("/v1/*")
                .build(),
        )
        .actions(forward(&groups[1]))
        .send()
        .await
        .expect("rule");
    elb.create_listener()
        .load_balancer_arn(&lbs[1])
        .protocol(ProtocolEnum::Tcp)
        .port(443)
        .default_actions(forward(&groups[2]))
        .send()
        .await
        .expect("nlb listener");
    Made {
        alb: lbs[0].clone(),
        instances,
    }
}

#[tokio::test]
async fn load_balancers_listeners_rules_and_target_health_read_back() {
    let files = AwsFiles::for_test("load_balancers_listeners_rules_and_target_health_read_back");
    let made = seed(&files, "acct").await;
    let elb = adapter(&files);

    let lbs = elb.load_balancers_page(acct(), None).await.expect("lbs");
    let mut seen: Vec<(&str, &str, &str)> = lbs
        .items
        .iter()
        .map(|lb| (lb.name.as_str(), lb.kind.as_str(), lb.scheme.as_str()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("ingest", "network", "internal"),
            ("web", "application", "internet-facing")
        ]
    );
    let web = lbs.items.iter().find(|lb| lb.name == "web").unwrap();
    assert!(!web.dns_name.is_empty(), "{web:?}");
    assert_eq!(web.zones.len(), 2, "{web:?}");
    assert!(web.vpc_id.is_some() && web.created.is_some(), "{web:?}");

    let listeners = elb
        .listeners(acct(), made.alb.clone())
        .await
        .expect("listeners");
    assert_eq!(listeners.len(), 1, "{listeners:?}");
    let l = &listeners[0];
    assert_eq!(summary::listener_label(l), "HTTP:80");
    assert_eq!(summary::actions(&l.default_actions), "forward → web-tg");
    let rules = l.rules.as_ref().expect("rules");
    let ten = rules.iter().find(|r| r.priority == "10").expect("rule 10");
    assert_eq!(
        summary::conditions(ten),
        "host=api.example.com and path=/v1/*"
    );
    assert_eq!(summary::actions(&ten.actions), "forward → api-tg");
    assert!(
        rules.last().is_some_and(|r| r.is_default),
        "the default rule last: {rules:?}"
    );

    let groups = elb
        .target_groups_page(acct(), None, None)
        .await
        .expect("groups");
    assert_eq!(groups.items.len(), 3, "{groups:?}");
    let web_tg = groups.items.iter().find(|g| g.name == "web-tg").unwrap();
    assert!(
        web_tg.targets.is_pending(),
        "the listing leaves the health to its own call: {web_tg:?}"
    );
    let targets = elb
        .target_health(acct(), web_tg.arn.clone())
        .await
        .expect("the group's health");
    let healthy = targets.iter().filter(|t| t.state == "healthy").count();
    assert_eq!((healthy, targets.len() - healthy), (2, 1), "{targets:?}");
    assert_eq!(targets[0].id, made.instances[2], "the stopped one first");
    assert_eq!(targets[0].state, "unused");
    assert_eq!(targets[0].reason.as_deref(), Some("Target.InvalidState"));
    assert!(
        targets[1..].iter().all(|t| t.state == "healthy"),
        "{targets:?}"
    );
    assert_eq!(web_tg.load_balancers, std::slice::from_ref(&made.alb));

    // One load balancer's groups only.
    let of_alb = elb
        .target_groups_page(acct(), Some(made.alb.clone()), None)
        .await
        .expect("the ALB's groups");
    let mut names: Vec<&str> = of_alb.items.iter().map(|g| g.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["api-tg", "web-tg"]);
}

#[tokio::test]
async fn both_views_through_the_app() {
    let files = AwsFiles::for_test("elb_views_through_the_app");
    let made = seed(&files, "acct").await;
    let mut h = app_on(&files);
    h.keys(":elb<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Load balancers [2]"), "{screen}");
    assert!(line_with(&screen, "ingest").contains("NLB"), "{screen}");
    h.keys("/web<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("load balancer web (ALB)"), "{screen}");
    assert!(screen.contains("forward → web-tg"), "{screen}");
    h.keys("G").await;
    let screen = h.screen();
    assert!(screen.contains(&made.instances[2]), "{screen}");
    assert!(screen.contains("InvalidState"), "{screen}");

    h.keys(":tg<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Target groups [3]"), "{screen}");
    let first = screen.find("web-tg").expect("web-tg");
    assert!(
        first < screen.find("api-tg").expect("api-tg"),
        "the group with a target down first: {screen}"
    );
}

#[tokio::test]
async fn load_balancers_across_accounts() {
    let (files, accounts) = three_accounts("load_balancers_across_accounts");
    seed(&files, "team-a").await;
    seed(&files, "team-b").await;
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":elb @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Load balancers · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    assert_eq!(
        screen.lines().filter(|l| l.contains("NLB")).count(),
        2,
        "{screen}"
    );
    for account in &accounts[..2] {
        assert!(screen.contains(account.as_str()), "{account}: {screen}");
    }
    // Enter in the other account's row reads its listeners there.
    h.keys("/team-b<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("forward → web-tg") || screen.contains("forward → ingest-tg"),
        "{screen}"
    );
    assert!(screen.contains(accounts[1].as_str()), "{screen}");
}
