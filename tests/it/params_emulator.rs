//! The Parameter Store adapter against the emulator, each test in a fresh account: every type
//! in a path tree listed by path (recursive, paged by 10) with SecureString values never
//! listed, history after puts, a value decrypted only by `decrypted` (current and an older
//! version), a put of a new version with the same type; the tree through the app in one
//! context and across two accounts.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_ssm::types::ParameterType;
use awsterm::aws::ContextKey;
use awsterm::aws::page::all_pages;
use awsterm::aws::secrets::SecretText;
use awsterm::aws::ssm::{NewVersion, ParamType, ParamsApi, SdkParams};
use std::sync::Arc;

const PW1: &str = "emu-db-pw-1111";
const PW2: &str = "emu-db-pw-2222";

async fn client(files: &AwsFiles, profile: &str) -> aws_sdk_ssm::Client {
    aws_sdk_ssm::Client::new(&files.sdk_config(profile).await)
}

fn adapter(files: &AwsFiles) -> SdkParams {
    SdkParams::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

async fn put(ssm: &aws_sdk_ssm::Client, name: &str, kind: ParameterType, value: &str) {
    ssm.put_parameter()
        .name(name)
        .value(value)
        .r#type(kind)
        .overwrite(true)
        .send()
        .await
        .expect("put parameter");
}

/// Every type under `/app/prod`, the password twice, the log level three times, and 12
/// feature flags (more than one GetParametersByPath page).
async fn tree(ssm: &aws_sdk_ssm::Client) {
    put(ssm, "/app/prod/log-level", ParameterType::String, "info").await;
    put(ssm, "/app/prod/log-level", ParameterType::String, "debug").await;
    put(ssm, "/app/prod/log-level", ParameterType::String, "warn").await;
    put(
        ssm,
        "/app/prod/db/password",
        ParameterType::SecureString,
        PW1,
    )
    .await;
    put(
        ssm,
        "/app/prod/db/password",
        ParameterType::SecureString,
        PW2,
    )
    .await;
    put(
        ssm,
        "/app/prod/db/host",
        ParameterType::String,
        "db.internal",
    )
    .await;
    put(
        ssm,
        "/app/prod/origins",
        ParameterType::StringList,
        "a.example,b.example",
    )
    .await;
    for i in 0..12 {
        put(
            ssm,
            &format!("/app/prod/flags/f{i:02}"),
            ParameterType::String,
            "on",
        )
        .await;
    }
    put(ssm, "/other/x", ParameterType::String, "elsewhere").await;
}

#[tokio::test]
async fn every_type_by_path_history_decryption_and_a_put() {
    let files = AwsFiles::for_test("params_every_type_by_path_history_decryption_and_a_put");
    tree(&client(&files, "acct").await).await;
    let ssm = adapter(&files);

    let all = all_pages(|token| ssm.params_page(acct(), "/app/prod".into(), token))
        .await
        .expect("by path");
    assert_eq!(all.len(), 16, "{all:?}");
    assert!(all.iter().all(|p| p.name.starts_with("/app/prod/")));
    let first = ssm
        .params_page(acct(), "/app/prod".into(), None)
        .await
        .expect("first page");
    assert!(first.next.is_some() && first.items.len() <= 10, "paged");
    let by = |name: &str| all.iter().find(|p| p.name == name).unwrap();
    let pw = by("/app/prod/db/password");
    assert_eq!(
        (pw.kind.clone(), pw.version, pw.value.clone()),
        (ParamType::SecureString, 2, None)
    );
    assert_eq!(by("/app/prod/log-level").value.as_deref(), Some("warn"));
    assert_eq!(by("/app/prod/log-level").version, 3);
    assert_eq!(by("/app/prod/origins").kind, ParamType::StringList);
    assert!(
        !format!("{all:?}").contains(PW2),
        "no decrypted value listed"
    );

    let history =
        all_pages(|token| ssm.history_page(acct(), "/app/prod/db/password".into(), token))
            .await
            .expect("history");
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(history.iter().all(|v| v.value.is_none()), "{history:?}");
    // moto says "N/A" as LastModifiedUser: nobody known, shown as "—" (not "N/A").
    assert!(
        history.iter().all(|v| v.modified_by.is_none()),
        "{history:?}"
    );
    let levels = all_pages(|token| ssm.history_page(acct(), "/app/prod/log-level".into(), token))
        .await
        .expect("history");
    let values: Vec<&str> = levels.iter().filter_map(|v| v.value.as_deref()).collect();
    assert_eq!(values, ["info", "debug", "warn"]);

    let now = ssm
        .decrypted(acct(), "/app/prod/db/password".into(), None)
        .await
        .expect("decrypt");
    assert_eq!(now.expose(), PW2);
    let old = ssm
        .decrypted(acct(), "/app/prod/db/password".into(), Some(1))
        .await
        .expect("decrypt v1");
    assert_eq!(old.expose(), PW1);

    let sent = ssm
        .put(
            acct(),
            NewVersion {
                name: "/app/prod/db/password".into(),
                kind: ParamType::SecureString,
                value: SecretText::new("emu-db-pw-3333"),
                base_version: 2,
            },
        )
        .await
        .expect("put");
    assert_eq!(*sent.value(), 3);
    let after = client(&files, "acct")
        .await
        .get_parameter()
        .name("/app/prod/db/password")
        .with_decryption(true)
        .send()
        .await
        .expect("read back");
    let p = after.parameter().unwrap();
    assert_eq!((p.version(), p.value()), (3, Some("emu-db-pw-3333")));
    assert_eq!(p.r#type(), Some(&ParameterType::SecureString));
}

#[tokio::test]
async fn the_tree_through_the_app_with_the_securestring_masked() {
    let files = AwsFiles::for_test("params_tree_through_the_app");
    tree(&client(&files, "acct").await).await;
    let mut h = app_on(&files);
    h.keys(":params /app/prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Parameters · /app/prod"), "{screen}");
    for row in ["db/", "flags/", "log-level", "origins"] {
        assert!(screen.contains(row), "{row}: {screen}");
    }
    assert!(!screen.contains("f03"), "one level only: {screen}");
    h.keys("/db<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "SecureString").contains("••••••••"),
        "{screen}"
    );
    assert!(!screen.contains(PW2), "{screen}");
    h.keys("/password<Enter>x").await;
    assert!(
        line_with(&h.screen(), "SecureString").contains(PW2),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn parameters_of_two_accounts_in_one_view() {
    let (files, accounts) = three_accounts("parameters_of_two_accounts_in_one_view");
    for team in ["a", "b"] {
        let ssm = client(&files, &format!("team-{team}")).await;
        put(
            &ssm,
            &format!("/svc/{team}-only"),
            ParameterType::String,
            team,
        )
        .await;
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":params /svc @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("{team}-only"));
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
    }
}
