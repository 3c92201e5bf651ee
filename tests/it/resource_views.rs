//! The resource-view engine through the real app loop on in-memory adapters: security groups
//! and EBS volumes in one context (80×24) and across profiles (160 columns), and a listing
//! whose task panics showing its error in the view (EC2 instances too).

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::ec2::{Rule, SecurityGroup};
use awsterm::aws::ec2_inventory::{Attachment, EbsVolume};
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeSts, adapters};
use awsterm::aws::{AwsError, ErrorKind};

fn rule(protocol: &str, ports: &str, peer: &str) -> Rule {
    Rule {
        protocol: protocol.into(),
        ports: ports.into(),
        peer: peer.into(),
        description: None,
    }
}

fn groups() -> Vec<SecurityGroup> {
    vec![
        SecurityGroup {
            id: "sg-0a1b2c3d4e5f60718".into(),
            name: "web-frontend-public".into(),
            description: "HTTPS from anywhere, SSH from the bastion".into(),
            vpc_id: Some("vpc-0123456789abcdef0".into()),
            inbound: vec![
                rule("tcp", "443", "0.0.0.0/0"),
                rule("tcp", "22", "sg-0bastion000000001"),
            ],
            outbound: vec![rule("all", "all", "0.0.0.0/0")],
            tags: vec![("Env".into(), "prod".into())],
        },
        SecurityGroup {
            id: "sg-0f9e8d7c6b5a40312".into(),
            name: "default".into(),
            description: "default VPC security group".into(),
            vpc_id: Some("vpc-0123456789abcdef0".into()),
            inbound: vec![rule("all", "all", "sg-0f9e8d7c6b5a40312")],
            outbound: vec![rule("all", "all", "0.0.0.0/0")],
            tags: Vec::new(),
        },
    ]
}

fn volumes() -> Vec<EbsVolume> {
    vec![
        EbsVolume {
            id: "vol-0a1b2c3d4e5f60718".into(),
            size_gib: Some(100),
            volume_type: "gp3".into(),
            iops: Some(3000),
            throughput: Some(125),
            state: "in-use".into(),
            az: "us-east-1a".into(),
            created: Some(1_767_225_600),
            encrypted: true,
            attachments: vec![Attachment {
                instance: "i-0abc123def4567890".into(),
                device: "/dev/xvdf".into(),
                state: "attached".into(),
                delete_on_termination: Some(false),
            }],
            tags: vec![("Name".into(), "orders-db-data".into())],
            ..EbsVolume::default()
        },
        EbsVolume {
            id: "vol-0f9e8d7c6b5a40312".into(),
            size_gib: Some(8),
            volume_type: "standard".into(),
            state: "available".into(),
            az: "us-east-1b".into(),
            created: Some(1_767_312_000),
            ..EbsVolume::default()
        },
    ]
}

fn inventory() -> FakeEc2 {
    FakeEc2 {
        groups: groups(),
        volumes: std::sync::Arc::new(std::sync::Mutex::new(volumes())),
        ..FakeEc2::default()
    }
}

fn with_ec2(ec2: FakeEc2) -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_ec2(ec2)
}

#[tokio::test]
async fn security_groups_at_80_columns_and_their_details() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_ec2(inventory()),
        80,
        24,
    );
    h.keys(":sg<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Security groups [2]"), "{screen}");
    assert!(
        screen.contains("web-frontend-public"),
        "the name is whole: {screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Inbound rules"), "{screen}");
    assert!(screen.contains("sg-0bastion000000001"), "{screen}");
    insta::assert_snapshot!("security_groups_details", screen);
}

#[tokio::test]
async fn volumes_at_80_columns_and_their_details() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_ec2(inventory()),
        80,
        24,
    );
    h.keys(":volumes<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("EBS volumes [2]"), "{screen}");
    assert!(
        screen.contains("orders-db-data"),
        "the name is whole: {screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("i-0abc123def4567890"), "{screen}");
    assert!(screen.contains("125 MiB/s"), "{screen}");
    insta::assert_snapshot!("volumes_details", screen);
}

/// `dev` and `prod` each with their own inventory; `sso-admin` cannot sign in.
fn two_contexts() -> awsterm::aws::Adapters {
    let mut prod = inventory();
    prod.groups.truncate(1);
    prod.groups[0].id = "sg-0prod000000000001".into();
    let fakes = FakeContexts::default()
        .ec2("dev", inventory())
        .ec2("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_contexts(fakes)
}

#[tokio::test]
async fn both_kinds_across_profiles_at_160_columns() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), two_contexts(), 160, 24);
    h.keys(":sg @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Security groups · @profiles * · 3 contexts · 2 answered · 1 failed"),
        "{screen}"
    );
    assert!(
        screen.contains("PROFILE") && screen.contains("ACCOUNT"),
        "{screen}"
    );
    assert!(screen.contains("✗ the SSO session has expired"), "{screen}");
    assert_eq!(
        screen.matches("web-frontend-public").count(),
        2,
        "names whole at 160 columns while DESCRIPTION is shown: {screen}"
    );
    insta::assert_snapshot!(screen);
    h.keys("<Esc>:volumes @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("EBS volumes · @profiles * · 3 contexts · 2 answered · 1 failed"),
        "{screen}"
    );
    insta::assert_snapshot!("volumes_across_profiles_at_160_columns", screen);
}

#[tokio::test]
async fn a_listing_that_panics_shows_its_error_in_the_view() {
    for (command, title) in [
        (":ec2", "EC2 instances"),
        (":sg", "Security groups"),
        (":volumes", "EBS volumes"),
    ] {
        let crashing = inventory();
        for call in ["list_page", "groups_page", "volumes_page"] {
            crashing.crashes.add(call);
        }
        let mut h = Harness::sized(options(two_profiles(), "dev"), with_ec2(crashing), 100, 24);
        h.keys(&format!("{command}<Enter>")).await;
        let screen = h.screen();
        assert!(
            screen.contains(&format!(
                "{title} · error: internal error: fake adapter crashed in"
            )),
            "{screen}"
        );
        assert!(!screen.contains("loading"), "{screen}");
        assert!(
            screen.contains("fake adapter crashed in"),
            "the row says why: {screen}"
        );
    }
}
