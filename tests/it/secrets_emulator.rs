//! The Secrets Manager adapter against the emulator, each test in a fresh account: secrets with
//! a JSON and a plain value, two versions (AWSCURRENT/AWSPREVIOUS), rotation set up, tags and
//! a KMS key, read back as metadata without any value; a value read only by `value` (of the
//! current and of the previous version); secrets of two accounts in one view, and the view
//! through the app with the value read only on `x`.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_secretsmanager::types::{RotationRulesType, Tag};
use awsterm::aws::ContextKey;
use awsterm::aws::secrets::{SdkSecrets, SecretValue, SecretsApi};
use std::sync::Arc;

const PW1: &str = "emu-pw-first-1111";
const PW2: &str = "emu-pw-second-2222";
const TOKEN: &str = "emu-token-abcdef123456";

async fn client(files: &AwsFiles, profile: &str) -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&files.sdk_config(profile).await)
}

fn adapter(files: &AwsFiles) -> SdkSecrets {
    SdkSecrets::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

/// `app/db` (JSON, two versions, tagged, own KMS key), `app/plain` and `app/token` (rotated
/// by a function the emulator must hold: it checks the ARN).
async fn two_secrets(files: &AwsFiles) {
    let sdk = files.sdk_config("acct").await;
    let target = awsterm_testkit::seed::Target {
        sdk: &sdk,
        endpoint: &files.endpoint,
        account: &files.account_id,
        env: "emu",
        scale: awsterm_testkit::seed::Scale::Small,
        big_bucket: false,
    };
    awsterm_testkit::seed::lambda::seed(&target)
        .await
        .expect("a rotation function");
    let sm = &aws_sdk_secretsmanager::Client::new(&sdk);
    let json = |pw: &str| format!(r#"{{"username":"app","password":"{pw}"}}"#);
    sm.create_secret()
        .name("app/db")
        .description("App database")
        .kms_key_id("alias/app")
        .secret_string(json(PW1))
        .tags(Tag::builder().key("Env").value("test").build())
        .send()
        .await
        .expect("create app/db");
    sm.put_secret_value()
        .secret_id("app/db")
        .secret_string(json(PW2))
        .send()
        .await
        .expect("second version");
    sm.create_secret()
        .name("app/plain")
        .secret_string(TOKEN)
        .send()
        .await
        .expect("create app/plain");
    // Rotated by a stand-in function that writes no new value: the emulator then has no
    // AWSCURRENT value for it, so values are read from the other two.
    sm.create_secret()
        .name("app/token")
        .secret_string("rotated-away")
        .send()
        .await
        .expect("create app/token");
    sm.rotate_secret()
        .secret_id("app/token")
        .rotation_lambda_arn(format!(
            "arn:aws:lambda:us-east-1:{}:function:checkout-api",
            files.account_id
        ))
        .rotation_rules(
            RotationRulesType::builder()
                .automatically_after_days(30)
                .build(),
        )
        .send()
        .await
        .expect("rotate");
}

#[tokio::test]
async fn secrets_list_with_metadata_and_versions_and_values_only_when_read() {
    let files = AwsFiles::for_test("secrets_list_with_metadata_and_versions");
    two_secrets(&files).await;
    let sm = adapter(&files);

    let page = sm.secrets_page(acct(), None).await.expect("list");
    let mut names: Vec<&str> = page.items.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["app/db", "app/plain", "app/token"]);
    let db = page.items.iter().find(|s| s.name == "app/db").unwrap();
    assert_eq!(db.description.as_deref(), Some("App database"));
    assert_eq!(db.tags, [("Env".to_string(), "test".to_string())]);
    assert!(
        db.arn.starts_with("arn:aws:secretsmanager:us-east-1:"),
        "{db:?}"
    );
    assert!(db.last_changed.is_some(), "{db:?}");
    let token = page.items.iter().find(|s| s.name == "app/token").unwrap();
    assert!(token.rotation_enabled, "{token:?}");
    assert_eq!(token.rotation_days, Some(30));
    assert!(
        token
            .rotation_lambda
            .as_deref()
            .unwrap_or_default()
            .ends_with(":checkout-api")
    );
    // Nothing listed carries a value.
    let listed = format!("{:?}", page.items);
    for value in [PW1, PW2, TOKEN] {
        assert!(!listed.contains(value), "{listed}");
    }

    let details = sm.details(acct(), db.arn.clone()).await.expect("details");
    assert_eq!(details.secret.kms_key.as_deref(), Some("alias/app"));
    assert_eq!(details.versions.len(), 2, "{:?}", details.versions);
    assert_eq!(details.versions[0].stages, ["AWSCURRENT"]);
    assert_eq!(details.versions[1].stages, ["AWSPREVIOUS"]);
    // The emulator gives the time of the ListSecretVersionIds call as every version's
    // CreatedDate; a version cannot be newer than the secret's last change, so such a date
    // is none ("—"), never "now". The pause makes "now" later than the change.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let later = sm.details(acct(), db.arn.clone()).await.expect("details");
    let changed = later.secret.last_changed.expect("last changed");
    for v in &later.versions {
        assert!(v.created.is_none_or(|c| c <= changed + 1), "{v:?}");
    }

    let text = |v: SecretValue| match v {
        SecretValue::Text(t) => t.expose().to_string(),
        SecretValue::Binary(n) => panic!("binary of {n}"),
    };
    let current = sm.value(acct(), db.arn.clone(), None).await.expect("value");
    assert!(text(current).contains(PW2));
    let previous = sm
        .value(acct(), db.arn.clone(), Some(details.versions[1].id.clone()))
        .await
        .expect("previous");
    assert!(text(previous).contains(PW1));
    let plain = sm
        .value(acct(), "app/plain".into(), None)
        .await
        .expect("token");
    assert_eq!(text(plain), TOKEN);
}

#[tokio::test]
async fn the_view_reads_a_value_only_on_x() {
    let files = AwsFiles::for_test("secrets_view_reads_a_value_only_on_x");
    two_secrets(&files).await;
    let mut h = app_on(&files);
    h.keys(":secrets<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Secrets [3]"), "{screen}");
    assert!(
        line_with(&screen, "app/token").contains("on · 30d"),
        "{screen}"
    );
    h.keys("/app/db<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("alias/app") && screen.contains("AWSPREVIOUS"),
        "{screen}"
    );
    assert!(!screen.contains(PW2) && !screen.contains(PW1), "{screen}");
    h.keys("x").await;
    let screen = h.screen();
    assert!(screen.contains("AWSCURRENT: 2 keys, masked"), "{screen}");
    assert!(!screen.contains(PW2), "{screen}");
    h.keys("X").await;
    assert!(h.screen().contains(PW2), "{}", h.screen());
}

#[tokio::test]
async fn secrets_of_two_accounts_in_one_view() {
    let (files, accounts) = three_accounts("secrets_of_two_accounts_in_one_view");
    for team in ["a", "b"] {
        client(&files, &format!("team-{team}"))
            .await
            .create_secret()
            .name(format!("team-{team}/api-key"))
            .secret_string("k")
            .send()
            .await
            .expect("create");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":secrets @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Secrets · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("team-{team}/api-key"));
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
    }
    // The other account's secret opens in its own context.
    h.keys("/team-b<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!("arn:aws:secretsmanager:us-east-1:{}", accounts[1])),
        "{screen}"
    );
}
