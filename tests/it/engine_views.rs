//! What the resource engine does for every kind, through the real app loop on in-memory
//! adapters: details opened from another profile's row put that profile's account in the
//! header (an IAM role's and a load balancer's, two kinds that do nothing for it themselves),
//! the default sort's arrow says the real order, and REGION gives way when every row says
//! `global`.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::elb::{LoadBalancer, TargetGroup, TargetHealth};
use awsterm::aws::fake::{ElbData, FakeElb, FakeIam, FakeSts, IamData, adapters};
use awsterm::aws::iam::{Filled, Role};

fn role(account: &str, name: &str) -> Role {
    Role {
        name: name.into(),
        id: format!("AROA{name}"),
        arn: format!("arn:aws:iam::{account}:role/{name}"),
        path: "/".into(),
        description: None,
        created: None,
        max_session: Some(3600),
        trust_policy: None,
        last_used: Filled::Got(None),
    }
}

fn lb(account: &str, name: &str) -> LoadBalancer {
    LoadBalancer {
        name: name.into(),
        arn: format!(
            "arn:aws:elasticloadbalancing:eu-west-1:{account}:loadbalancer/app/{name}/50dc6c495c0c9188"
        ),
        kind: "application".into(),
        scheme: "internal".into(),
        state: "active".into(),
        dns_name: format!("{name}.eu-west-1.elb.amazonaws.com"),
        ..LoadBalancer::default()
    }
}

fn app() -> Harness {
    let iam = FakeIam::default()
        .context(
            "dev",
            IamData {
                roles: vec![role("111111111111", "dev-deployer")],
                ..IamData::default()
            },
        )
        .context(
            "prod",
            IamData {
                roles: vec![role("222222222222", "prod-deployer")],
                ..IamData::default()
            },
        );
    let elb = FakeElb::default()
        .context(
            "dev",
            ElbData {
                load_balancers: vec![lb("111111111111", "dev-web")],
                ..ElbData::default()
            },
        )
        .context(
            "prod",
            ElbData {
                load_balancers: vec![lb("222222222222", "prod-web")],
                ..ElbData::default()
            },
        );
    let fake = adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/ops")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_iam(iam)
    .with_elb(elb);
    Harness::sized(options(two_profiles(), "dev"), fake, 80, 24)
}

fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

#[tokio::test]
async fn details_from_another_profiles_row_name_its_account_in_the_header() {
    let mut h = app();
    h.keys(":roles @profiles dev,prod<Enter>").await;
    assert!(
        header(&h.screen()).contains("111111111111"),
        "{}",
        h.screen()
    );
    h.keys("/prod-deployer<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("role prod-deployer"), "{screen}");
    assert!(header(&screen).contains("222222222222"), "{screen}");
    assert!(header(&screen).contains("prod"), "{screen}");
    // Back on the list: the active profile again.
    h.keys("<Esc>").await;
    assert!(
        header(&h.screen()).contains("111111111111"),
        "{}",
        h.screen()
    );

    h.keys(":elb @profiles dev,prod<Enter>/prod-web<Enter><Enter>")
        .await;
    let screen = h.screen();
    // The title's name gives way in its middle to the place, whole.
    assert!(
        screen.contains("-web (ALB) · prod · 222222222222 · eu-west-1 · long lines"),
        "{screen}"
    );
    assert!(screen.contains("Name             prod-web"), "{screen}");
    assert!(header(&screen).contains("222222222222"), "{screen}");
    // A row of the active profile: the header stays as it is.
    h.keys(":elb @profiles dev,prod<Enter>/dev-web<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("Name             dev-web"), "{screen}");
    assert!(header(&screen).contains("111111111111"), "{screen}");
}

#[tokio::test]
async fn global_region_gives_way_at_80_columns_across_profiles() {
    let mut h = app();
    h.keys(":roles @profiles dev,prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("prod-deployer"), "{screen}");
    assert!(
        !screen.contains("global"),
        "REGION says global on every row: {screen}"
    );
    assert!(screen.contains("PROFILE"), "{screen}");
}

fn health(id: &str, state: &str) -> TargetHealth {
    TargetHealth {
        id: id.into(),
        port: Some(80),
        zone: None,
        state: state.into(),
        reason: None,
        description: None,
    }
}

fn group(name: &str, unhealthy: usize) -> TargetGroup {
    let mut targets = vec![health("i-0aaaaaaaaaaaaaaa1", "healthy")];
    targets.extend((0..unhealthy).map(|i| health(&format!("i-0bbbbbbbbbbbbbbb{i}"), "unhealthy")));
    TargetGroup {
        name: name.into(),
        arn: format!("arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/{name}/1"),
        protocol: Some("HTTP".into()),
        port: Some(80),
        target_type: "instance".into(),
        vpc_id: None,
        load_balancers: vec![],
        health_check: None,
        targets: Filled::Got(targets),
    }
}

#[tokio::test]
async fn the_default_sort_says_its_real_direction() {
    let elb = FakeElb::with(ElbData {
        target_groups: vec![group("calm", 0), group("worst", 3), group("bad", 1)],
        ..ElbData::default()
    });
    let fake = adapters(FakeSts::default().with("dev", "111111111111", "user/ops")).with_elb(elb);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 80, 24);
    h.keys(":tg<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("sorted by UNHEALTHY ↓"), "{screen}");
    let order: Vec<usize> = ["worst", "bad", "calm"]
        .iter()
        .map(|n| screen.find(n).unwrap_or(usize::MAX))
        .collect();
    assert!(
        order[0] < order[1] && order[1] < order[2],
        "most unhealthy first: {screen}"
    );
}
