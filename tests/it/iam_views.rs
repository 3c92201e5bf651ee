//! IAM roles, users and policies on fakes through the real app loop: rows at 80×24 with what
//! the follow-ups filled in (last use, keys, groups, MFA, descriptions), the details documents
//! (trust policy and statements tables, keys flagged past 90 days, what a policy is attached
//! to), each account once across profiles and regions at 160 columns, and a failing follow-up.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeIam, FakeSts, IamData, adapters};
use awsterm::aws::iam::{
    AccessKey, AttachedPolicy, Entities, Filled, InlinePolicy, KeyUse, LastUsed, MfaDevice,
    Permissions, Policy, Role, User, UserExtras,
};
use awsterm::aws::{AwsError, ErrorKind};

const DAY: i64 = 86_400;
/// 2025-03-14 12:00 UTC: creation dates, the same day in any time zone within ±11 h.
const CREATED: i64 = 1_741_953_600;

fn now() -> i64 {
    awsterm::clock::now_secs()
}

fn encoded(doc: &serde_json::Value) -> String {
    percent_encoding::utf8_percent_encode(&doc.to_string(), percent_encoding::NON_ALPHANUMERIC)
        .to_string()
}

fn role(name: &str, trust: serde_json::Value, max_session: i32) -> Role {
    Role {
        name: name.into(),
        id: format!("AROA{}", name.len()),
        arn: format!("arn:aws:iam::111111111111:role/{name}"),
        path: "/".into(),
        description: Some(format!("{name} role")),
        created: Some(CREATED),
        max_session: Some(max_session),
        trust_policy: Some(encoded(&trust)),
        last_used: Filled::Pending,
    }
}

fn service(s: &str) -> serde_json::Value {
    serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": s}, "Action": "sts:AssumeRole"}
    ]})
}

fn key(id: &str, active: bool, age_days: i64, used_days_ago: Option<i64>) -> AccessKey {
    AccessKey {
        id: id.into(),
        status: if active { "Active" } else { "Inactive" }.into(),
        created: Some(now() - age_days * DAY - 3600),
        last_used: Some(KeyUse {
            at: used_days_ago.map(|d| now() - d * DAY - 3600),
            service: used_days_ago.map(|_| "s3".into()),
            region: used_days_ago.map(|_| "eu-west-1".into()),
        }),
    }
}

fn user(name: &str) -> User {
    User {
        name: name.into(),
        id: format!("AIDA{}", name.len()),
        arn: format!("arn:aws:iam::111111111111:user/{name}"),
        path: "/".into(),
        created: Some(CREATED),
        password_last_used: None,
        extras: Filled::Pending,
    }
}

fn policy(name: &str, aws: bool, attachments: i32) -> Policy {
    Policy {
        name: name.into(),
        id: format!("ANPA{}", name.len()),
        arn: if aws {
            format!("arn:aws:iam::aws:policy/{name}")
        } else {
            format!("arn:aws:iam::111111111111:policy/{name}")
        },
        path: "/".into(),
        aws_managed: aws,
        attachments,
        default_version: "v2".into(),
        created: Some(CREATED),
        updated: Some(CREATED + 30 * DAY),
        description: Filled::Pending,
    }
}

fn data() -> IamData {
    let mut d = IamData {
        roles: vec![
            role("web-instance", service("ec2.amazonaws.com"), 3600),
            role(
                "ci-deployer",
                serde_json::json!({"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow",
                     "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
                     "Action": "sts:AssumeRoleWithWebIdentity",
                     "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/shop:*"}}},
                    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"}
                ]}),
                43_200,
            ),
            role("orders-fn", service("lambda.amazonaws.com"), 3600),
        ],
        ..IamData::default()
    };
    d.last_used.insert(
        "web-instance".into(),
        LastUsed {
            at: now() - 3 * DAY - 3600,
            region: Some("eu-west-1".into()),
        },
    );
    d.last_used.insert(
        "ci-deployer".into(),
        LastUsed {
            at: now() - 2 * 3600 - 60,
            region: Some("us-east-1".into()),
        },
    );
    d.permissions.insert(
        "web-instance".into(),
        Permissions {
            attached: vec![AttachedPolicy {
                name: "AmazonSSMManagedInstanceCore".into(),
                arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore".into(),
            }],
            inline: vec![InlinePolicy {
                name: "write-own-logs".into(),
                document: encoded(&serde_json::json!({"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": "arn:aws:logs:*:111111111111:log-group:/app/*"
                }]})),
            }],
        },
    );
    d.users = vec![user("alice"), user("deploy-bot"), user("legacy-reporting")];
    d.users[0].password_last_used = Some(now() - 5 * DAY - 3600);
    d.extras.insert(
        "alice".into(),
        UserExtras {
            groups: vec!["developers".into()],
            mfa_devices: vec![MfaDevice {
                serial: "arn:aws:iam::111111111111:mfa/alice".into(),
                enabled: Some(CREATED),
            }],
            keys: vec![key("AKIAALICE0000000001", true, 20, Some(1))],
        },
    );
    d.extras.insert(
        "deploy-bot".into(),
        UserExtras {
            groups: vec![],
            mfa_devices: vec![],
            keys: vec![
                key("AKIADEPLOY000000001", false, 400, Some(200)),
                key("AKIADEPLOY000000002", true, 30, Some(0)),
            ],
        },
    );
    d.extras.insert(
        "legacy-reporting".into(),
        UserExtras {
            groups: vec!["reporting".into(), "developers".into()],
            mfa_devices: vec![],
            keys: vec![key("AKIALEGACY000000001", true, 200, None)],
        },
    );
    d.policies = vec![
        policy("app-read-config", false, 2),
        policy("unused-legacy", false, 0),
        policy("AdministratorAccess", true, 1),
        policy("NotAttachedHere", true, 0),
    ];
    d.descriptions.insert(
        d.policies[0].arn.clone(),
        "Read the app's parameters".into(),
    );
    d.documents.insert(
        d.policies[0].arn.clone(),
        encoded(&serde_json::json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Parameters", "Effect": "Allow", "Action": "ssm:GetParameter",
             "Resource": "arn:aws:ssm:*:111111111111:parameter/app/*"},
            {"Sid": "OutsideEu", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:aws:s3:::keep",
             "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}
        ]})),
    );
    d.entities.insert(
        d.policies[0].arn.clone(),
        Entities {
            groups: vec!["developers".into()],
            users: vec!["deploy-bot".into()],
            roles: vec!["web-instance".into()],
        },
    );
    d
}

fn fake(iam: FakeIam) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/ops")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_iam(iam)
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{screen}"))
}

#[tokio::test]
async fn roles_with_trusted_principals_and_last_use_then_the_trust_policy() {
    let iam = FakeIam::with(data());
    let calls = iam.calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(iam), 80, 24);
    h.keys(":roles<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("IAM roles [3]"), "{screen}");
    let web = line_with(&screen, "web-instance");
    assert!(web.contains("ec2") && web.contains("3d ago"), "{web}");
    assert!(web.contains("1h"), "{web}");
    let ci = line_with(&screen, "ci-deployer");
    assert!(
        ci.contains("Federated:token.actions.githubusercontent.com")
            || ci.contains("Federated:token"),
        "{ci}"
    );
    assert!(ci.contains("2h ago") && ci.contains("12h"), "{ci}");
    assert!(
        line_with(&screen, "orders-fn").contains("never"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    // One GetRole per role, after the page: no role was asked twice.
    let asked: Vec<String> = calls
        .lock()
        .unwrap()
        .iter()
        .filter(|c| c.starts_with("role|"))
        .cloned()
        .collect();
    assert_eq!(asked.len(), 3, "{asked:?}");

    h.keys("/ci-deployer<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("role ci-deployer"), "{screen}");
    assert!(screen.contains("Trust policy"), "{screen}");
    assert!(
        line_with(&screen, "210987654321").contains("sts:AssumeRole"),
        "short principals in the statements table: {screen}"
    );
    assert!(
        line_with(&screen, "Federated:token.actions").contains("sts:AssumeRoleWithWebId"),
        "{screen}"
    );
    // When it was last used is relative to now in the fake: the one moving part, fixed here.
    let used = awsterm::clock::local_time(now() - 2 * 3600 - 60);
    let screen = screen.replace(&used, "2026-12-01 08:00");
    insta::assert_snapshot!("role_details_trust_policy", screen);
    h.keys("<C-f>").await;
    let screen = h.screen();
    assert!(
        screen.contains(r#""token.actions.githubusercontent.com:sub": "repo:acme/shop:*""#),
        "the condition, whole, in the JSON: {screen}"
    );
}

#[tokio::test]
async fn a_roles_attached_and_inline_policies() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeIam::with(data())),
        120,
        60,
    );
    h.keys(":roles<Enter>/web-instance<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Attached policies"), "{screen}");
    assert!(
        line_with(&screen, "AmazonSSMManagedInstanceCore")
            .contains("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
        "{screen}"
    );
    assert!(screen.contains("Inline policy write-own-logs"), "{screen}");
    assert!(
        line_with(&screen, "logs:CreateLogStream").contains("Allow"),
        "the inline document's statements table: {screen}"
    );
    assert!(screen.contains("\"Statement\": ["), "its JSON: {screen}");
    assert!(screen.contains("3d ago"), "{screen}");
    assert!(screen.contains("in eu-west-1"), "{screen}");
}

#[tokio::test]
async fn users_with_keys_groups_and_mfa_old_keys_flagged() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeIam::with(data())),
        80,
        24,
    );
    h.keys(":users<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("IAM users [3]"), "{screen}");
    let alice = line_with(&screen, "alice");
    for expected in ["yes", "1/1", "20d", "1d ago"] {
        assert!(alice.contains(expected), "{expected} in {alice}");
    }
    assert!(!alice.contains('!'), "a 20-day key is not flagged: {alice}");
    let bot = line_with(&screen, "deploy-bot");
    // The inactive 400-day key neither counts as active nor as the oldest to rotate.
    assert!(bot.contains("1/2") && bot.contains("30d"), "{bot}");
    assert!(!bot.contains('!'), "{bot}");
    let legacy = line_with(&screen, "legacy-reporting");
    assert!(legacy.contains("200d !"), "flagged: {legacy}");
    assert!(legacy.contains("never"), "{legacy}");
    insta::assert_snapshot!(screen);

    h.keys("/legacy<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("user legacy-reporting"), "{screen}");
    let key = line_with(&screen, "AKIALEGACY000000001");
    assert!(
        key.contains("Active") && key.contains("200d !") && key.contains("never"),
        "{key}"
    );
    assert!(screen.contains("older than 90 days"), "{screen}");
    assert!(
        screen.contains("Groups") && screen.contains("developers"),
        "{screen}"
    );
    // The key's creation day is relative to now in the fake: fixed here.
    let created = awsterm::clock::local_time(now() - 200 * DAY - 3600)[..10].to_string();
    let screen = screen.replace(&created, "2026-05-16");
    insta::assert_snapshot!("user_details_keys", screen);
    h.keys("G").await;
    let screen = h.screen();
    assert!(screen.contains("no MFA device"), "{screen}");
    assert!(screen.contains("no managed policies attached"), "{screen}");
}

#[tokio::test]
async fn policies_customer_managed_first_then_the_statements_and_entities() {
    let mut iam = FakeIam::with(data());
    // One policy a page: the customer managed pages come before the AWS managed ones.
    iam.page_size = 1;
    let calls = iam.calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(iam), 80, 24);
    h.keys(":policies<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("IAM policies [3]"), "{screen}");
    assert!(
        !screen.contains("NotAttachedHere"),
        "AWS managed policies attached nowhere are left out: {screen}"
    );
    let order: Vec<usize> = ["app-read-config", "unused-legacy", "AdministratorAccess"]
        .iter()
        .map(|n| screen.find(n).unwrap_or_else(|| panic!("{n}: {screen}")))
        .collect();
    assert!(order.is_sorted(), "customer managed first: {screen}");
    let line = line_with(&screen, "app-read-config");
    assert!(
        line.contains("customer") && line.contains("2") && line.contains("Read the app's"),
        "{line}"
    );
    assert!(
        line_with(&screen, "AdministratorAccess").contains("AWS"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    let scopes: Vec<String> = calls
        .lock()
        .unwrap()
        .iter()
        .filter(|c| c.starts_with("policies_page|"))
        .map(|c| c.rsplit('|').next().unwrap().to_string())
        .collect();
    assert_eq!(scopes, ["local", "local", "aws"], "{scopes:?}");

    h.keys("<Enter>").await;
    let screen = h.screen();
    // Whole at 80 columns with the account (IAM has no region to name).
    assert!(
        screen.contains("┌ policy app-read-config · dev · 111111111111 · long lines cut"),
        "{screen}"
    );
    assert!(
        screen.contains("Name             app-read-config"),
        "{screen}"
    );
    assert!(screen.contains("Document (default version v2)"), "{screen}");
    let deny = line_with(&screen, "OutsideEu");
    assert!(
        deny.contains("Deny") && deny.contains("NOT iam:*"),
        "{deny}"
    );
    insta::assert_snapshot!("policy_details_statements", screen);
    h.keys("G").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "web-instance").contains("role"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "deploy-bot").contains("user"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "developers").contains("group"),
        "{screen}"
    );
}

#[tokio::test]
async fn each_account_once_across_profiles_and_regions_at_160_columns() {
    let mut prod = data();
    prod.roles.truncate(1);
    prod.roles[0].name = "prod-web-instance".into();
    prod.roles[0].arn = "arn:aws:iam::222222222222:role/prod-web-instance".into();
    prod.last_used.clear();
    let iam = FakeIam::default()
        .context("dev", data())
        .context("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    let calls = iam.calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(iam), 160, 24);
    h.keys(":roles @profiles * @all-regions<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("3 contexts · 2 answered · 1 failed"),
        "one context per profile, not per region: {screen}"
    );
    assert!(
        line_with(&screen, "prod-web-instance").contains("222222222222"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "prod-web-instance").contains("global"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "ci-deployer").contains("111111111111"),
        "{screen}"
    );
    assert_eq!(screen.matches("web-instance").count(), 2, "{screen}");
    assert!(screen.contains("✗ the SSO session has expired"), "{screen}");
    insta::assert_snapshot!(screen);
    let mut listed: Vec<String> = calls
        .lock()
        .unwrap()
        .iter()
        .filter(|c| c.starts_with("roles_page|"))
        .map(|c| {
            c.split('|')
                .nth(1)
                .unwrap()
                .split('@')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        ["dev", "prod", "sso-admin"],
        "each profile listed once"
    );
}

#[tokio::test]
async fn a_row_whose_follow_up_fails_says_so_and_the_others_fill() {
    let mut d = data();
    // Deleted between ListRoles/ListUsers and the follow-up: GetRole and ListAccessKeys
    // answer NoSuchEntity for these.
    d.roles
        .push(role("ghost-role", service("ec2.amazonaws.com"), 3600));
    d.users.push(user("ghost-user"));
    d.gone = vec!["ghost-role".into(), "ghost-user".into()];
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeIam::with(d)),
        100,
        24,
    );
    h.keys(":roles<Enter>").await;
    let screen = h.screen();
    assert!(line_with(&screen, "ghost-role").contains(" ? "), "{screen}");
    assert!(
        line_with(&screen, "web-instance").contains("3d ago"),
        "{screen}"
    );
    h.keys("<Esc>:users<Enter>").await;
    let screen = h.screen();
    assert!(line_with(&screen, "ghost-user").contains(" ? "), "{screen}");
    assert!(line_with(&screen, "alice").contains("yes"), "{screen}");
}

#[tokio::test]
async fn a_listing_that_panics_shows_its_error_in_the_view() {
    let crashing = FakeIam::with(data());
    crashing.crashes.add("users_page");
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(crashing), 100, 24);
    h.keys(":users<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("IAM users · error: internal error: fake adapter crashed in users_page"),
        "{screen}"
    );
    assert!(!screen.contains("loading"), "{screen}");
}

#[tokio::test]
async fn hostile_text_in_a_description_and_a_document_is_shown_escaped() {
    use awsterm_testkit::seed::hostile::{RLO, RLO_SHOWN, TITLE, TITLE_SHOWN};
    let mut d = data();
    let arn = d.policies[0].arn.clone();
    d.descriptions
        .insert(arn.clone(), format!("read{TITLE} config{RLO}"));
    d.documents.insert(
        arn,
        encoded(&serde_json::json!({"Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::b/{TITLE}")}
        ]})),
    );
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeIam::with(d)),
        120,
        30,
    );
    h.keys(":policies<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!("read{TITLE_SHOWN} config{RLO_SHOWN}")),
        "{screen}"
    );
    assert!(
        !screen.contains('\u{1b}') && !screen.contains(RLO),
        "{screen}"
    );
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!("arn:aws:s3:::b/{TITLE_SHOWN}")),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}'), "{screen}");
}
