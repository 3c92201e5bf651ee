//! Many accounts on in-memory adapters: per-profile policy (read-only, typed writes, accent,
//! label), the MFA prompt with a wrong code and a reused session, the SSO login offer.

use crate::app_harness::{Harness, options, policies, profile, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeEc2, FakeSts, adapters};
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::{AwsError, ErrorKind};
use ratatui::style::Color;

pub(crate) fn instance(id: &str, name: &str) -> Instance {
    Instance {
        id: id.into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: None,
        public_ip: None,
        launched: None,
        key_name: None,
        tags: vec![("Name".into(), name.into())],
    }
}

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/admin/alice")
}

/// Where `text` starts in the first screen line (the header), in cells.
fn header_column(h: &Harness, text: &str) -> u16 {
    let header = h.header();
    let byte = header.find(text).expect("in the header");
    unicode_width::UnicodeWidthStr::width(&header[..byte]) as u16
}

#[tokio::test]
async fn a_glob_policy_makes_prod_read_only_in_red_with_its_label() {
    let ec2 = FakeEc2::with(vec![instance("i-0p1", "web-prod")]);
    let log = ec2.calls.clone();
    let mut o = options(two_profiles(), "prod");
    o.theme = awsterm::theme::Theme::default();
    o.color_support = awsterm::theme::ColorSupport::Ansi16;
    o.policies = policies(
        "[[policy]]\nprofiles = \"prod*\"\nread_only = true\naccent = \"red\"\nlabel = \"PROD\"\n",
    );
    let mut h = Harness::new(o, adapters(sts()).with_ec2(ec2));
    h.keys(":ec2<Enter>").await;
    let header = h.header();
    assert!(
        header.contains(" PROD ") && header.contains("READ-ONLY"),
        "{header}"
    );
    let buffer = h.terminal.backend().buffer().clone();
    let profile_at = header_column(&h, "prod");
    assert_eq!(
        buffer[(profile_at, 0)].fg,
        Color::Red,
        "profile name in the accent"
    );
    assert_eq!(
        buffer[(0, 1)].fg,
        Color::Red,
        "the view's border in the accent"
    );
    let label_at = header_column(&h, " PROD ");
    assert_eq!(
        buffer[(label_at + 1, 0)].bg,
        Color::Red,
        "label badge in the accent"
    );

    // Stop is gone from the hints and refused by key.
    assert!(!h.screen().contains("stop"), "{}", h.screen());
    h.keys("_").await;
    assert!(
        h.screen()
            .contains("prod is read-only (policy): 'stop' is disabled"),
        "{}",
        h.screen()
    );
    assert!(log.lock().unwrap().is_empty(), "nothing was sent");

    // Another profile: no policy, no accent.
    h.keys(":profile dev<Enter>").await;
    let header = h.header();
    assert!(
        !header.contains("PROD") && !header.contains("READ-ONLY"),
        "{header}"
    );
    let buffer = h.terminal.backend().buffer().clone();
    assert_ne!(buffer[(0, 1)].fg, Color::Red);
    // The profiles view says which profiles a policy restricts.
    h.keys(":contexts<Enter>").await;
    let prod_row = h
        .screen()
        .lines()
        .find(|l| l.contains("prod "))
        .unwrap_or_default()
        .to_string();
    assert!(prod_row.contains("PROD · read-only"), "{}", h.screen());
}

#[tokio::test]
async fn an_account_policy_makes_every_write_typed_with_the_profile_name() {
    let ec2 = FakeEc2::with(vec![instance("i-0d1", "web-dev")]);
    let log = ec2.calls.clone();
    let mut o = options(two_profiles(), "dev");
    o.policies = policies("[[policy]]\naccounts = \"111111111111\"\nconfirm = \"typed\"\n");
    let mut h = Harness::new(o, adapters(sts()).with_ec2(ec2));
    h.keys(":ec2<Enter>").await;
    assert!(h.header().contains("TYPED WRITES"), "{}", h.header());
    h.keys("_").await;
    let screen = h.screen();
    assert!(screen.contains("type dev and press Enter"), "{screen}");
    assert!(
        screen.contains("every write is confirmed by typing (policy)"),
        "{screen}"
    );
    // `y` is not enough here.
    h.keys("y<Enter>").await;
    assert_eq!(*log.lock().unwrap(), ["dry-run stop i-0d1"]);
    assert!(h.screen().contains("type dev exactly"), "{}", h.screen());
    h.keys("<C-u>dev<Enter>").await;
    assert_eq!(*log.lock().unwrap(), ["dry-run stop i-0d1", "stop i-0d1"]);
}

fn mfa_profiles() -> Vec<awsterm::aws::profiles::ProfileInfo> {
    let mut admin = profile("admin", Some("us-east-1"), CredentialKind::AssumeRole);
    admin.mfa_serial = Some("arn:aws:iam::111111111111:mfa/alice".into());
    vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        admin,
    ]
}

#[tokio::test]
async fn an_mfa_role_asks_for_the_code_in_the_ui_and_asks_again_after_a_wrong_one() {
    let fake = sts()
        .with("admin", "333333333333", "assumed-role/admin/alice")
        .with_mfa("admin", "123456");
    let mfa = fake.mfa_state();
    let mut h = Harness::new(options(mfa_profiles(), "dev"), adapters(fake));
    h.keys("").await;
    assert!(h.screen().contains("assume-role + MFA"), "{}", h.screen());
    h.keys(":profile admin<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("MFA code for admin (arn:aws:iam::111111111111:mfa/alice)"),
        "{screen}"
    );
    // Not six digits: refused here, asked again.
    h.keys("12<Enter>").await;
    assert!(
        h.screen().contains("an MFA code is 6 digits"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("MFA code for admin"), "{}", h.screen());
    // A wrong code: STS's error, asked again.
    h.keys("000000<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("invalid MFA one time pass code"),
        "{screen}"
    );
    assert!(screen.contains("MFA code for admin"), "{screen}");
    h.keys("123456<Enter>").await;
    assert!(h.header().contains("333333333333"), "{}", h.header());

    // Back and forth: the session is kept, no question.
    h.keys(":profile dev<Enter>:profile admin<Enter>").await;
    assert!(h.header().contains("333333333333"), "{}", h.header());
    assert!(!h.screen().contains("MFA code for"), "{}", h.screen());
    let attempts: Vec<String> = mfa
        .lock()
        .unwrap()
        .attempts
        .iter()
        .map(|(_, code)| code.clone())
        .collect();
    assert_eq!(attempts, ["000000", "123456"]);
}

#[tokio::test]
async fn an_expired_sso_token_offers_aws_sso_login_then_retries() {
    let fake = sts().failing(
        "sso-admin",
        AwsError::new(ErrorKind::SsoLogin, "the SSO token has expired"),
    );
    let mut h = Harness::new(options(two_profiles(), "dev"), adapters(fake));
    h.keys(":profile sso-admin<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("SSO login needed"), "{screen}");
    assert!(
        screen.contains("Run `aws sso login --profile sso-admin` now?"),
        "{screen}"
    );
    h.keys("y").await;
    if awsterm::app::host::on_path("aws") {
        let exec = h.host.actions.iter().find_map(|a| match a {
            HostAction::Exec(c) => Some(c.display()),
            _ => None,
        });
        assert_eq!(exec.as_deref(), Some("aws sso login --profile sso-admin"));
    } else {
        // Without the AWS CLI: the command to run elsewhere.
        let screen = h.screen();
        assert!(screen.contains("not found on PATH: aws"), "{screen}");
        assert!(
            screen.contains("aws sso login --profile sso-admin"),
            "{screen}"
        );
    }
}
