//! IAM for the demo: roles trusted by a service, another account, a federated CI and a person
//! with MFA; users with groups, an MFA device and access keys (one inactive); customer managed
//! policies (one attached nowhere, one with NotAction and a Condition, one whose description
//! carries a bidi override) and AWS managed ones attached when the emulator has them. IAM
//! belongs to the account, not a region: a second region of the same account finds it seeded
//! and adds nothing.

use super::hostile::{RLO, ZWSP};
use super::{SeedResult, Target};
use aws_sdk_iam::Client;
use serde_json::json;

/// The description of `legacy-reporting-read` (what AWS holds; the screen shows it escaped).
/// Only characters IAM's XML can carry: an ESC would make the answer unreadable, not hostile.
pub fn hostile_description() -> String {
    format!("Reporting read access{ZWSP} (old{RLO}gpj.exe)")
}

fn err(what: &str, e: impl std::fmt::Display) -> String {
    format!("{what}: {e}")
}

async fn role(
    iam: &Client,
    name: &str,
    description: &str,
    trust: serde_json::Value,
    max_session: i32,
) -> SeedResult<()> {
    iam.create_role()
        .role_name(name)
        .path(if name.contains("instance") {
            "/service-role/"
        } else {
            "/"
        })
        .description(description)
        .assume_role_policy_document(trust.to_string())
        .max_session_duration(max_session)
        .send()
        .await
        .map_err(|e| err(&format!("create role {name}"), e.into_service_error()))?;
    Ok(())
}

async fn policy(
    iam: &Client,
    account: &str,
    name: &str,
    description: &str,
    document: serde_json::Value,
) -> SeedResult<String> {
    iam.create_policy()
        .policy_name(name)
        .description(description)
        .policy_document(document.to_string())
        .send()
        .await
        .map_err(|e| err(&format!("create policy {name}"), e.into_service_error()))?;
    Ok(format!("arn:aws:iam::{account}:policy/{name}"))
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let iam = Client::new(t.sdk);
    let first = format!("{}-web-instance", t.env);
    if iam.get_role().role_name(&first).send().await.is_ok() {
        return Ok(0);
    }
    let account = t.account;
    let env = t.env;
    let assume = "sts:AssumeRole";

    let read_config = policy(
        &iam,
        account,
        &format!("{env}-app-read-config"),
        "Read the app's parameters and its config bucket",
        json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Parameters", "Effect": "Allow",
             "Action": ["ssm:GetParameter", "ssm:GetParametersByPath"],
             "Resource": format!("arn:aws:ssm:*:{account}:parameter/app/{env}/*")},
            {"Sid": "ConfigBucket", "Effect": "Allow", "Action": "s3:GetObject",
             "Resource": format!("arn:aws:s3:::acme-{env}-config/*")}
        ]}),
    )
    .await?;
    let stay_in_eu = policy(
        &iam,
        account,
        &format!("{env}-deny-outside-eu"),
        "Deny everything but global services outside the EU regions",
        json!({"Version": "2012-10-17", "Statement": {
            "Effect": "Deny",
            "NotAction": ["iam:*", "sts:*", "route53:*", "support:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}
        }}),
    )
    .await?;
    policy(
        &iam,
        account,
        "legacy-reporting-read",
        &hostile_description(),
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["athena:*", "glue:Get*"], "Resource": "*"}
        ]}),
    )
    .await?;

    role(
        &iam,
        &first,
        "Web servers: SSM and the app's config",
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": assume}
        ]}),
        3600,
    )
    .await?;
    role(
        &iam,
        "ci-deployer",
        "Deploys from GitHub Actions and the tooling account",
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow",
             "Principal": {"Federated": format!("arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com")},
             "Action": "sts:AssumeRoleWithWebIdentity",
             "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/shop:ref:refs/heads/main"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": assume}
        ]}),
        43_200,
    )
    .await?;
    role(
        &iam,
        "break-glass-admin",
        "Emergency access: people with MFA only",
        json!({"Version": "2012-10-17", "Statement": {
            "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
            "Action": assume,
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        }}),
        3600,
    )
    .await?;

    let attach_role = |role: &str, arn: &str| {
        iam.attach_role_policy()
            .role_name(role.to_string())
            .policy_arn(arn.to_string())
            .send()
    };
    for (role, arn) in [
        (first.as_str(), read_config.as_str()),
        ("ci-deployer", stay_in_eu.as_str()),
    ] {
        attach_role(role, arn)
            .await
            .map_err(|e| err(&format!("attach {arn} to {role}"), e.into_service_error()))?;
    }
    // AWS managed policies exist in the emulator only when it loads them
    // (MOTO_IAM_LOAD_MANAGED_POLICIES); without them these attachments are skipped.
    for (role, arn) in [
        (
            first.as_str(),
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ),
        (
            "break-glass-admin",
            "arn:aws:iam::aws:policy/AdministratorAccess",
        ),
        ("ci-deployer", "arn:aws:iam::aws:policy/PowerUserAccess"),
    ] {
        let _ = attach_role(role, arn).await;
    }
    iam.put_role_policy()
        .role_name(&first)
        .policy_name("write-own-logs")
        .policy_document(
            json!({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": format!("arn:aws:logs:*:{account}:log-group:/app/*"),
                "Condition": {"StringEquals": {"aws:ResourceAccount": account}}
            }]})
            .to_string(),
        )
        .send()
        .await
        .map_err(|e| err("put role policy", e.into_service_error()))?;

    iam.create_group()
        .group_name("developers")
        .send()
        .await
        .map_err(|e| err("create group", e.into_service_error()))?;
    iam.attach_group_policy()
        .group_name("developers")
        .policy_arn(&read_config)
        .send()
        .await
        .map_err(|e| err("attach group policy", e.into_service_error()))?;
    let users = ["alice", "deploy-bot", "legacy-reporting"];
    for user in users {
        iam.create_user()
            .user_name(user)
            .send()
            .await
            .map_err(|e| err(&format!("create user {user}"), e.into_service_error()))?;
    }
    iam.add_user_to_group()
        .group_name("developers")
        .user_name("alice")
        .send()
        .await
        .map_err(|e| err("add to group", e.into_service_error()))?;
    let device = iam
        .create_virtual_mfa_device()
        .virtual_mfa_device_name("alice")
        .send()
        .await
        .map_err(|e| err("create mfa device", e.into_service_error()))?;
    let serial = device
        .virtual_mfa_device()
        .map(|d| d.serial_number().to_string())
        .unwrap_or_default();
    iam.enable_mfa_device()
        .user_name("alice")
        .serial_number(serial)
        .authentication_code1("123456")
        .authentication_code2("654321")
        .send()
        .await
        .map_err(|e| err("enable mfa device", e.into_service_error()))?;
    for user in ["alice", "deploy-bot", "deploy-bot", "legacy-reporting"] {
        iam.create_access_key()
            .user_name(user)
            .send()
            .await
            .map_err(|e| err("create access key", e.into_service_error()))?;
    }
    // deploy-bot's first key is the one being rotated out.
    let keys = iam
        .list_access_keys()
        .user_name("deploy-bot")
        .send()
        .await
        .map_err(|e| err("list access keys", e.into_service_error()))?;
    if let Some(id) = keys
        .access_key_metadata()
        .first()
        .and_then(|k| k.access_key_id())
    {
        iam.update_access_key()
            .user_name("deploy-bot")
            .access_key_id(id)
            .status(aws_sdk_iam::types::StatusType::Inactive)
            .send()
            .await
            .map_err(|e| err("deactivate key", e.into_service_error()))?;
    }
    iam.attach_user_policy()
        .user_name("deploy-bot")
        .policy_arn(read_config)
        .send()
        .await
        .map_err(|e| err("attach user policy", e.into_service_error()))?;
    Ok(3 + users.len())
}
