//! IAM through the real app loop and the SDK adapter against the emulator, in fresh accounts:
//! roles with trust policies (a service, an account, a federated provider with a condition),
//! attached and inline policies; users with access keys, an MFA device and groups; customer
//! managed policies with their documents and entities (moto holds no AWS managed ones; their
//! listing is tested with aws-smithy-mocks). Then across two
//! profiles and every region: each account listed once; and a context in eu-west-1 still lists
//! (the client signs for IAM's own region).

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on};
use serde_json::json;

async fn iam(files: &AwsFiles, profile: &str) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(&files.sdk_config(profile).await)
}

async fn create_role(iam: &aws_sdk_iam::Client, name: &str, trust: serde_json::Value) {
    iam.create_role()
        .role_name(name)
        .assume_role_policy_document(trust.to_string())
        .max_session_duration(43_200)
        .send()
        .await
        .expect("create role");
}

#[tokio::test]
async fn roles_users_and_policies_in_a_fresh_account() {
    let files = AwsFiles::for_test("iam_roles_users_and_policies_in_a_fresh_account");
    let account = files.account_id.clone();
    let raw = iam(&files, "acct").await;
    create_role(
        &raw,
        "ci-deployer",
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow",
             "Principal": {"Federated": format!("arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com")},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root", "Service": "ec2.amazonaws.com"},
             "Action": "sts:AssumeRole"}
        ]}),
    )
    .await;
    // A `%`, a `+`, spaces and non-ASCII: the document comes back URL-encoded and decodes.
    let inline = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents",
        "Resource": "arn:aws:logs:*:*:log-group:/app/a+b 100% Zürich"
    }]});
    raw.put_role_policy()
        .role_name("ci-deployer")
        .policy_name("write-logs")
        .policy_document(inline.to_string())
        .send()
        .await
        .expect("put role policy");
    let customer = raw
        .create_policy()
        .policy_name("stay-in-eu")
        .description("Deny outside the EU")
        .policy_document(
            json!({"Version": "2012-10-17", "Statement": {
                "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}
            }})
            .to_string(),
        )
        .send()
        .await
        .expect("create policy")
        .policy()
        .and_then(|p| p.arn())
        .expect("policy arn")
        .to_string();
    raw.create_policy()
        .policy_name("unused-draft")
        .policy_document(
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})
                .to_string(),
        )
        .send()
        .await
        .expect("create policy");
    // moto 5.2.5 loads no AWS managed policies (MOTO_IAM_LOAD_MANAGED_POLICIES is off):
    // the AWS managed part of :policies is tested with aws-smithy-mocks (`aws::iam`).
    raw.attach_role_policy()
        .role_name("ci-deployer")
        .policy_arn(&customer)
        .send()
        .await
        .expect("attach");
    raw.create_user()
        .user_name("alice")
        .send()
        .await
        .expect("user");
    raw.create_user()
        .user_name("bot")
        .send()
        .await
        .expect("user");
    raw.create_group()
        .group_name("developers")
        .send()
        .await
        .expect("group");
    raw.add_user_to_group()
        .group_name("developers")
        .user_name("alice")
        .send()
        .await
        .expect("add to group");
    let serial = raw
        .create_virtual_mfa_device()
        .virtual_mfa_device_name("alice")
        .send()
        .await
        .expect("mfa device")
        .virtual_mfa_device()
        .map(|d| d.serial_number().to_string())
        .expect("serial");
    raw.enable_mfa_device()
        .user_name("alice")
        .serial_number(&serial)
        .authentication_code1("123456")
        .authentication_code2("654321")
        .send()
        .await
        .expect("enable mfa");
    let key = raw
        .create_access_key()
        .user_name("alice")
        .send()
        .await
        .expect("key")
        .access_key()
        .map(|k| k.access_key_id().to_string())
        .expect("key id");
    for _ in 0..2 {
        raw.create_access_key()
            .user_name("bot")
            .send()
            .await
            .expect("key");
    }
    raw.attach_user_policy()
        .user_name("bot")
        .policy_arn(&customer)
        .send()
        .await
        .expect("attach user policy");

    let mut h = app_on(&files);
    // Wide enough for every trusted principal, tall enough for a whole document.
    h.terminal.backend_mut().resize(200, 150);
    h.keys(":roles<Enter>").await;
    let screen = h.screen();
    assert!(!screen.contains("loading"), "{screen}");
    let line = line_with(&screen, "ci-deployer");
    for expected in [
        "Federated:token.actions.githubusercontent.com",
        "210987654321",
        "ec2",
        "12h",
    ] {
        assert!(line.contains(expected), "{expected} in {line}");
    }
    assert!(line.contains("never"), "GetRole filled LAST USED: {line}");

    h.keys("/ci-deployer<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Trust policy"), "{screen}");
    assert!(
        line_with(&screen, "Federated:token.actions.githubusercontent.com")
            .contains("sts:AssumeRoleWithWebIdentity"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "210987654321").contains("sts:AssumeRole"),
        "{screen}"
    );
    assert!(
        screen.contains(r#""token.actions.githubusercontent.com:sub": "repo:acme/*""#),
        "the condition in the JSON: {screen}"
    );
    assert!(
        line_with(&screen, "stay-in-eu").contains(&customer),
        "attached, by name and ARN: {screen}"
    );
    assert!(screen.contains("Inline policy write-logs"), "{screen}");
    assert!(
        screen.contains("arn:aws:logs:*:*:log-group:/app/a+b 100% Zürich"),
        "decoded: {screen}"
    );

    h.keys("<Esc><Esc>:users<Enter>").await;
    let screen = h.screen();
    let alice = line_with(&screen, "alice");
    for expected in ["developers", "yes", "1/1", "never"] {
        assert!(alice.contains(expected), "{expected} in {alice}");
    }
    let bot = line_with(&screen, "bot");
    assert!(bot.contains("no") && bot.contains("2/2"), "{bot}");
    h.keys("/alice<Enter><Enter>").await;
    let screen = h.screen();
    assert!(line_with(&screen, &key).contains("Active"), "{screen}");
    assert!(screen.contains(&serial), "{screen}");

    h.keys("<Esc><Esc>:policies<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("IAM policies [2]"), "{screen}");
    assert!(
        line_with(&screen, "unused-draft").contains(" 0 "),
        "an unattached customer policy is listed: {screen}"
    );
    let line = line_with(&screen, "stay-in-eu");
    assert!(
        line.contains("customer") && line.contains(" 2 ") && line.contains("Deny outside"),
        "{line}"
    );
    h.keys("/stay-in-eu<Enter><Enter>").await;
    let screen = h.screen();
    assert!(line_with(&screen, "NOT iam:*").contains("Deny"), "{screen}");
    assert!(
        screen.contains("StringNotEquals aws:RequestedRegion = eu-west-1"),
        "{screen}"
    );
    h.keys("G").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "ci-deployer").contains("role"),
        "{screen}"
    );
    assert!(line_with(&screen, "bot").contains("user"), "{screen}");
}

#[tokio::test]
async fn each_account_once_across_two_profiles_and_every_region() {
    let (files, accounts) = three_accounts("iam_each_account_once_across_two_profiles");
    for team in ["a", "b"] {
        let raw = iam(&files, &format!("team-{team}")).await;
        create_role(
            &raw,
            &format!("app-{team}"),
            json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ]}),
        )
        .await;
        raw.create_user()
            .user_name(format!("user-{team}"))
            .send()
            .await
            .expect("user");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":roles @profiles team-a,team-b @all-regions<Enter>")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("2 contexts · 2 answered"),
        "one context per account: {screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("app-{team}"));
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
        assert!(line.contains("lambda") && line.contains("global"), "{line}");
        assert_eq!(
            screen.matches(&format!("app-{team}")).count(),
            1,
            "listed once: {screen}"
        );
    }
    h.keys("<Esc>:users @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "user-a").contains(&accounts[0]),
        "{screen}"
    );
    assert!(
        line_with(&screen, "user-b").contains(&accounts[1]),
        "{screen}"
    );

    // A context in eu-west-1 still lists: the client signs for IAM's region itself.
    h.keys("<Esc>:roles @regions eu-west-1<Enter>").await;
    let screen = h.screen();
    assert!(!screen.contains("failed"), "{screen}");
    assert!(line_with(&screen, "app-a").contains("lambda"), "{screen}");
}
