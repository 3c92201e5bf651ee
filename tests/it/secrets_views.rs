//! `:secrets` through the real app loop on in-memory adapters at 80×24: the list and a secret's
//! metadata and versions with no value read (the fake counts GetSecretValue), `x` reading
//! AWSCURRENT as masked keys, one key shown, all shown, another version read, `y` copying a
//! shown value with a flash that names it without it, binary never shown; the secret strings
//! absent from every screen before the reveal and from the messages after. Also: two profiles
//! in one view, and the values forgotten on leaving.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::fake::{FakeSecret, FakeSecrets, FakeSts, adapters};
use awsterm::aws::secrets::{Secret, SecretText, SecretValue, SecretVersion};
use std::collections::HashMap;

/// 2025-11-23 08:00 UTC.
const AT: i64 = 1_763_884_800;
const PASSWORD: &str = "Sup3r-S3cret-pw-91";
const OLD_PASSWORD: &str = "0ld-pw-from-october";
const TOKEN: &str = "tok_live_9f8e7d6c5b4a";

fn secret(name: &str, description: &str) -> Secret {
    Secret {
        name: name.into(),
        arn: format!("arn:aws:secretsmanager:us-east-1:111111111111:secret:{name}-AbCdEf"),
        description: Some(description.into()),
        created: Some(AT - 86_400 * 90),
        last_changed: Some(AT - 86_400 * 2),
        last_accessed: Some(AT),
        ..Secret::default()
    }
}

fn db() -> FakeSecret {
    let mut s = secret("prod/orders/db", "Orders database: master user");
    s.kms_key = Some("alias/orders".into());
    s.tags = vec![
        ("Env".into(), "prod".into()),
        ("Team".into(), "orders".into()),
    ];
    s.replicas = vec![("eu-west-1".into(), "InSync".into())];
    let json = |pw: &str| {
        SecretValue::Text(SecretText::new(format!(
            r#"{{"username":"orders_admin","password":"{pw}","port":5432}}"#
        )))
    };
    FakeSecret {
        secret: s,
        versions: vec![
            SecretVersion {
                id: "7e3f19a2-5b8c-4d0e-9a61-2c4b8d7f0e13".into(),
                stages: vec!["AWSPREVIOUS".into()],
                created: Some(AT - 86_400 * 40),
                last_accessed: None,
            },
            SecretVersion {
                id: "c41d8b07-2e9a-4f35-b6d2-91e0a3c5f784".into(),
                stages: vec!["AWSCURRENT".into()],
                created: Some(AT - 86_400 * 2),
                last_accessed: Some(AT),
            },
        ],
        values: HashMap::from([
            (
                "7e3f19a2-5b8c-4d0e-9a61-2c4b8d7f0e13".into(),
                json(OLD_PASSWORD),
            ),
            (
                "c41d8b07-2e9a-4f35-b6d2-91e0a3c5f784".into(),
                json(PASSWORD),
            ),
        ]),
    }
}

fn token() -> FakeSecret {
    let mut s = secret(
        "prod/payments/token",
        "Payments API token (rotated monthly)",
    );
    s.rotation_enabled = true;
    s.rotation_days = Some(30);
    s.next_rotation = Some(AT + 86_400 * 28);
    s.rotation_lambda =
        Some("arn:aws:lambda:us-east-1:111111111111:function:rotate-payments".into());
    FakeSecret::text(s, TOKEN)
}

fn keystore() -> FakeSecret {
    let mut f = FakeSecret::text(secret("prod/edge/keystore", "TLS keystore"), "");
    let id = f.versions[0].id.clone();
    f.values.insert(id, SecretValue::Binary(2_468));
    f
}

fn fake(secrets: FakeSecrets) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_secrets(secrets)
}

fn no_secret_on(screen: &str) {
    for value in [PASSWORD, OLD_PASSWORD, TOKEN, "orders_admin"] {
        assert!(!screen.contains(value), "{value} on screen:\n{screen}");
    }
}

/// Types `script` a key at a time, checking every screen in between.
async fn each_key_without_secrets(h: &mut Harness, script: &[&str]) {
    for key in script {
        h.keys(key).await;
        no_secret_on(&h.screen());
    }
}

#[tokio::test]
async fn a_secret_shows_metadata_and_versions_and_its_value_only_when_asked() {
    let secrets = FakeSecrets::with(vec![db(), token(), keystore()]);
    let reads = secrets.reads.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(secrets), 80, 24);

    each_key_without_secrets(&mut h, &[":secrets<Enter>"]).await;
    let screen = h.screen();
    assert!(screen.contains("Secrets [3]"), "{screen}");
    assert!(screen.contains("on · 30d"), "rotation: {screen}");
    insta::assert_snapshot!("secrets_list_80x24", screen);

    each_key_without_secrets(&mut h, &["<Enter>"]).await;
    let screen = h.screen();
    assert!(screen.contains("alias/orders"), "{screen}");
    assert!(screen.contains("value not read (x)"), "{screen}");
    assert!(screen.contains("AWSCURRENT"), "{screen}");
    assert!(reads.lock().unwrap().is_empty(), "opening reads no value");
    insta::assert_snapshot!("secret_metadata_80x24", screen);

    // `x` reads AWSCURRENT: one masked row per key, still no value on screen.
    each_key_without_secrets(&mut h, &["x"]).await;
    assert_eq!(
        *reads.lock().unwrap(),
        ["arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/orders/db-AbCdEf@AWSCURRENT"]
    );
    let screen = h.screen();
    assert!(screen.contains("AWSCURRENT: 3 keys, masked"), "{screen}");
    assert!(
        screen.contains("› password") && screen.contains("••••••••"),
        "{screen}"
    );
    insta::assert_snapshot!("secret_value_masked_80x24", screen);

    // `y` on a masked key copies nothing.
    h.keys("y").await;
    assert!(
        h.host
            .actions
            .iter()
            .all(|a| !matches!(a, HostAction::Copy(_)))
    );
    assert!(
        h.screen().contains("show the value first (x)"),
        "{}",
        h.screen()
    );

    // `x` on the selected key (username) shows it alone.
    h.keys("x").await;
    let screen = h.screen();
    assert!(screen.contains("orders_admin"), "{screen}");
    assert!(!screen.contains(PASSWORD), "{screen}");
    // `X` shows every key; `y` on the password copies it and says so without it.
    h.keys("X").await;
    assert!(h.screen().contains(PASSWORD), "{}", h.screen());
    h.keys("j").await;
    h.keys("y").await;
    let copied: Vec<&String> = h
        .host
        .actions
        .iter()
        .filter_map(|a| match a {
            HostAction::Copy(text) => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [PASSWORD]);
    let screen = h.screen();
    assert!(
        screen.contains("copied the value of prod/orders/db › password"),
        "{screen}"
    );
    // The previous version, read on its own row.
    h.keys("X").await;
    no_secret_on(&h.screen());
    h.keys("/AWSPREVIOUS<Enter>x").await;
    assert_eq!(reads.lock().unwrap().len(), 2);
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(screen.contains("AWSPREVIOUS: 3 keys, masked"), "{screen}");
    no_secret_on(&screen);

    // Leaving forgets: back in, nothing read until `x` again.
    h.keys("<Esc>").await;
    each_key_without_secrets(&mut h, &["<Enter>"]).await;
    assert!(h.screen().contains("value not read (x)"), "{}", h.screen());
    assert_eq!(reads.lock().unwrap().len(), 2);

    // The messages never held a value.
    h.keys(":messages<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("copied the value"), "{screen}");
    no_secret_on(&screen);
}

#[tokio::test]
async fn a_plain_string_is_one_masked_row_and_binary_only_its_size() {
    let secrets = FakeSecrets::with(vec![token(), keystore()]);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(secrets), 80, 24);
    each_key_without_secrets(&mut h, &[":secrets<Enter>", "<Enter>", "x"]).await;
    let screen = h.screen();
    assert!(screen.contains("AWSCURRENT: a string, masked"), "{screen}");
    assert!(screen.contains("rotation lambda"), "{screen}");
    h.keys("x").await;
    assert!(h.screen().contains(TOKEN), "{}", h.screen());

    h.keys("<Esc>j<Enter>x").await;
    let screen = h.screen();
    assert!(
        screen.contains("2.4 KiB of SecretBinary, not shown"),
        "{screen}"
    );
    h.keys("y").await;
    assert!(
        h.host
            .actions
            .iter()
            .all(|a| !matches!(a, HostAction::Copy(t) if t.contains(TOKEN)))
    );
    assert!(
        h.screen().contains("a binary secret is not copied"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn secrets_of_two_profiles_in_one_view_open_in_their_own_context() {
    let secrets = FakeSecrets::default()
        .context("dev", vec![db()])
        .context("prod", vec![token()]);
    let reads = secrets.reads.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(secrets), 160, 24);
    each_key_without_secrets(&mut h, &[":secrets @profiles dev,prod<Enter>"]).await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    let line = crate::across_emulator::line_with(&screen, "prod/payments/token");
    assert!(line.contains("222222222222"), "{line}");
    h.keys("/payments<Enter><Enter>x").await;
    assert_eq!(reads.lock().unwrap().len(), 1);
    let screen = h.screen();
    assert!(screen.contains("prod · 222222222222"), "{screen}");
    assert!(
        screen.contains("AWSCURRENT: a string"),
        "the prod context answered: {screen}"
    );
}

#[tokio::test]
async fn the_title_says_what_is_shown_and_a_jump_away_masks_every_key_again() {
    let secrets = FakeSecrets::with(vec![db(), token(), keystore()]);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(secrets), 80, 24);
    h.keys(":secrets<Enter><Enter>xX").await;
    let screen = h.screen();
    assert!(screen.contains(PASSWORD), "{screen}");
    assert!(screen.contains("AWSCURRENT: 3 keys, shown"), "{screen}");
    assert!(!screen.contains("masked"), "{screen}");
    // Another view, then back: the value read stays in the view, masked.
    each_key_without_secrets(&mut h, &[":params<Enter>", "-"]).await;
    let screen = h.screen();
    assert!(screen.contains("AWSCURRENT: 3 keys, masked"), "{screen}");
}

/// Enter is pressed for many things: on a masked key it says which key reveals (never shows
/// it), and on a field cut at 80 columns (the ARN) it shows the field whole.
#[tokio::test]
async fn enter_never_reveals_a_key_and_shows_a_cut_field_whole() {
    let secrets = FakeSecrets::with(vec![db(), token(), keystore()]);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(secrets), 80, 24);
    // The details start on `name`; the ARN is the row below.
    h.keys(":secrets<Enter><Enter>").await;
    each_key_without_secrets(&mut h, &["j", "<Enter>"]).await;
    let screen = h.screen();
    assert!(
        screen.contains("y copies it") && screen.contains(":secret:prod/orders/db"),
        "the ARN whole in the value view: {screen}"
    );
    // Back, the value read (masked), then Enter on each key: none is shown.
    each_key_without_secrets(&mut h, &["<Esc>", "x"]).await;
    for _ in 0..3 {
        each_key_without_secrets(&mut h, &["<Enter>", "j"]).await;
    }
    assert!(
        h.screen().contains("x shows or hides a value"),
        "{}",
        h.screen()
    );
}
