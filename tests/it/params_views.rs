//! `:params [PATH]` through the real app loop on in-memory adapters at 80×24: the tree by path
//! (folders first, Enter one level down), String values shown and SecureString masked, `x`
//! decrypting only then (the fake counts decrypting reads), a parameter's details and history;
//! `E` putting a new SecureString version through the prompt and the confirmation, the guard
//! refusing it under read-only, typed in a protected context; the secret value absent from
//! every screen before `x` and from the messages and the audit log after.

use crate::app_harness::{Harness, options, policies, two_profiles};
use awsterm::aws::fake::{FakeParam, FakeParams, FakeSts, adapters};
use awsterm::aws::ssm::ParamType;

/// 2025-11-23 08:00 UTC.
const AT: i64 = 1_763_884_800;
const DB_PASSWORD: &str = "pg-S3cure-pw-4411";
const OLD_DB_PASSWORD: &str = "pg-old-pw-2024";
const NEW_DB_PASSWORD: &str = "pg-n3w-pw-7788";

fn params() -> Vec<FakeParam> {
    vec![
        FakeParam::new("/app/prod/log-level", ParamType::String, "info", AT - 7200)
            .then("debug", AT - 3600)
            .then("warn", AT),
        FakeParam::new(
            "/app/prod/db/password",
            ParamType::SecureString,
            OLD_DB_PASSWORD,
            AT - 86_400,
        )
        .then(DB_PASSWORD, AT - 600),
        FakeParam::new(
            "/app/prod/db/host",
            ParamType::String,
            "orders.prod.internal",
            AT,
        ),
        FakeParam::new(
            "/app/prod/allowed-origins",
            ParamType::StringList,
            "https://shop.example,https://admin.shop.example",
            AT,
        ),
        FakeParam::new("/app/dev/log-level", ParamType::String, "debug", AT),
    ]
}

fn fake(ssm: FakeParams) -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_ssm(ssm)
}

fn no_secret_on(screen: &str) {
    for value in [DB_PASSWORD, OLD_DB_PASSWORD, NEW_DB_PASSWORD] {
        assert!(!screen.contains(value), "{value} on screen:\n{screen}");
    }
}

async fn each_key_without_secrets(h: &mut Harness, script: &[&str]) {
    for key in script {
        h.keys(key).await;
        no_secret_on(&h.screen());
    }
}

#[tokio::test]
async fn a_tree_by_path_with_securestrings_masked_until_x() {
    let ssm = FakeParams::with(params());
    let decrypts = ssm.decrypts.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(ssm), 80, 24);

    each_key_without_secrets(&mut h, &[":params /app<Enter>"]).await;
    let screen = h.screen();
    assert!(
        screen.contains("dev/") && screen.contains("prod/"),
        "{screen}"
    );

    each_key_without_secrets(&mut h, &[":params /app/prod<Enter>"]).await;
    let screen = h.screen();
    let folder = screen.find("db/").expect("the db folder");
    assert!(
        screen.find("log-level").expect("listed") > folder,
        "folders first: {screen}"
    );
    assert!(
        screen.contains("warn") && screen.contains("StringList"),
        "{screen}"
    );
    insta::assert_snapshot!("params_tree_80x24", screen);

    // One level down: the SecureString is masked; `x` decrypts it, `x` again hides it.
    each_key_without_secrets(&mut h, &["<Enter>"]).await;
    let screen = h.screen();
    assert!(screen.contains("/app/prod/db"), "{screen}");
    assert!(
        screen.contains("SecureString") && screen.contains("••••••••"),
        "{screen}"
    );
    assert!(screen.contains("orders.prod.internal"), "{screen}");
    insta::assert_snapshot!("params_folder_masked_80x24", screen);
    assert!(decrypts.lock().unwrap().is_empty());
    h.keys("/password<Enter>x").await;
    assert_eq!(*decrypts.lock().unwrap(), ["/app/prod/db/password"]);
    assert!(h.screen().contains(DB_PASSWORD), "{}", h.screen());
    h.keys("x").await;
    no_secret_on(&h.screen());

    // Details and history: each version masked, decrypted one at a time.
    each_key_without_secrets(&mut h, &["<Enter>"]).await;
    let screen = h.screen();
    assert!(screen.contains("v2") && screen.contains("v1"), "{screen}");
    // BY: the user's name from the ARN SSM gives.
    assert!(screen.contains(" deploy "), "{screen}");
    assert!(!screen.contains("user/deploy"), "{screen}");
    insta::assert_snapshot!("param_history_masked_80x24", screen);
    h.keys("/v1<Enter>x").await;
    assert_eq!(
        decrypts.lock().unwrap().last().unwrap(),
        "/app/prod/db/password:1"
    );
    h.keys("y<Esc>").await;
    let screen = h.screen();
    assert!(
        screen.contains(OLD_DB_PASSWORD) && !screen.contains(DB_PASSWORD),
        "{screen}"
    );
    assert!(
        screen.contains("copied the value of /app/prod/db/password"),
        "{screen}"
    );
    h.keys(":messages<Enter>").await;
    no_secret_on(&h.screen());
}

#[tokio::test]
async fn a_string_parameter_history_shows_its_values() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeParams::with(params())),
        80,
        24,
    );
    h.keys(":params /app/prod<Enter>/log-level<Enter><Enter>")
        .await;
    let screen = h.screen();
    for value in ["info", "debug", "warn"] {
        assert!(screen.contains(value), "{value}: {screen}");
    }
    let v3 = screen.find("v3").expect("v3");
    assert!(
        screen.find("v1").expect("v1") > v3,
        "newest first: {screen}"
    );
}

#[tokio::test]
async fn a_securestring_put_goes_through_the_prompt_and_the_confirmation_and_never_shows() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(ssm), 80, 24);
    let state = tempfile::tempdir().unwrap();
    let audit = state.path().join("audit.jsonl");
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));
    each_key_without_secrets(
        &mut h,
        &[
            ":params /app/prod/db<Enter>",
            "/password<Enter>",
            "<Enter>",
            "E",
        ],
    )
    .await;
    assert!(
        h.screen()
            .contains("New SecureString value · /app/prod/db/password"),
        "{}",
        h.screen()
    );
    // Masked while typed: one `•` per character, the value never on screen.
    for c in NEW_DB_PASSWORD.chars() {
        h.keys(&c.to_string()).await;
        no_secret_on(&h.screen());
    }
    assert!(
        h.screen().contains(&"•".repeat(NEW_DB_PASSWORD.len())),
        "{}",
        h.screen()
    );
    insta::assert_snapshot!("param_put_masked_prompt_80x24", h.screen());
    // Tab shows it (asked for), Tab hides it again.
    h.keys("<Tab>").await;
    assert!(h.screen().contains(NEW_DB_PASSWORD), "{}", h.screen());
    h.keys("<Tab>").await;
    no_secret_on(&h.screen());
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Put version 3 of /app/prod/db/password?"),
        "{screen}"
    );
    assert!(screen.contains("14 characters (not shown)"), "{screen}");
    no_secret_on(&screen);
    insta::assert_snapshot!("param_put_confirm_80x24", screen);
    h.keys("y").await;
    assert_eq!(*puts.lock().unwrap(), ["/app/prod/db/password"]);
    let screen = h.screen();
    assert!(
        screen.contains("put version 3 of /app/prod/db/password"),
        "{screen}"
    );
    assert!(screen.contains("v3"), "the history read again: {screen}");
    no_secret_on(&screen);
    let log = std::fs::read_to_string(&audit).expect("audit log");
    assert!(
        log.contains("PutParameter") && log.contains("/app/prod/db/password"),
        "{log}"
    );
    assert!(!log.contains(NEW_DB_PASSWORD), "{log}");
    h.keys(":messages<Enter>").await;
    no_secret_on(&h.screen());
}

#[tokio::test]
async fn a_put_in_a_protected_context_is_typed() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut o = options(two_profiles(), "prod");
    o.policies = policies("[[policy]]\nprofiles = \"prod\"\nconfirm = \"typed\"\n");
    let mut h = Harness::sized(o, fake(ssm), 80, 24);
    h.keys(":params /app/prod/db<Enter>/password<Enter><Enter>E")
        .await;
    h.keys(&format!("{NEW_DB_PASSWORD}<Enter>")).await;
    let screen = h.screen();
    assert!(screen.contains("type prod and press Enter"), "{screen}");
    no_secret_on(&screen);
    // A plain yes is not enough.
    h.keys("y<Enter>").await;
    assert!(puts.lock().unwrap().is_empty());
    h.keys("<Esc>E").await;
    h.keys(&format!("{NEW_DB_PASSWORD}<Enter>prod<Enter>"))
        .await;
    assert_eq!(*puts.lock().unwrap(), ["/app/prod/db/password"]);
}

#[tokio::test]
async fn the_guard_refuses_a_put_under_read_only() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(ssm), 80, 24);
    h.keys(":params /app/prod/db<Enter>/password<Enter><Enter>E")
        .await;
    h.keys(&format!("{NEW_DB_PASSWORD}<Enter>")).await;
    assert!(h.screen().contains("Put version 3"), "{}", h.screen());
    // Read-only from here on: the confirmed put is refused, not sent.
    h.app.set_read_only(true);
    h.keys("y").await;
    let screen = h.screen();
    assert!(screen.contains("read-only"), "{screen}");
    assert!(puts.lock().unwrap().is_empty());
    no_secret_on(&screen);
    // And `E` asks for nothing.
    h.keys("E").await;
    assert!(h.screen().contains("read-only"), "{}", h.screen());
    assert!(!h.screen().contains("New SecureString"), "{}", h.screen());
}

#[tokio::test]
async fn a_put_in_a_read_only_context_is_refused_before_anything_is_typed() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut o = options(two_profiles(), "prod");
    o.policies = policies("[[policy]]\nprofiles = \"prod\"\nread_only = true\n");
    let mut h = Harness::sized(o, fake(ssm), 80, 24);
    h.keys(":params /app/prod/db<Enter>/password<Enter><Enter>E")
        .await;
    let screen = h.screen();
    assert!(screen.contains("prod is read-only (policy)"), "{screen}");
    assert!(!screen.contains("New SecureString"), "{screen}");
    assert!(puts.lock().unwrap().is_empty());
}

/// The line of the listed SecureString `name` (not the filter's line).
fn row_of(screen: &str, name: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(name) && l.contains("SecureString"))
        .unwrap_or_else(|| panic!("no {name} row:\n{screen}"))
        .to_string()
}

#[tokio::test]
async fn a_value_is_shown_only_while_asked_for_in_its_view_and_titles_say_so() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeParams::with(params())),
        80,
        24,
    );
    // Revealed in the list, then a view opened over it: the list masks it again. The list's
    // title says so as the details' does.
    h.keys(":params /app/prod/db<Enter>").await;
    assert!(
        h.screen()
            .contains("Parameters · /app/prod/db · masked (x shows)"),
        "{}",
        h.screen()
    );
    h.keys("/password<Enter>x").await;
    let screen = h.screen();
    assert!(screen.contains(DB_PASSWORD), "{screen}");
    let title = screen.lines().nth(1).unwrap_or_default();
    assert!(
        title.contains("Parameters · /app/prod") && title.contains(" · 1 shown (x hides)"),
        "{screen}"
    );
    each_key_without_secrets(&mut h, &["<Enter>"]).await;
    assert!(
        h.screen().contains("masked (x shows)"),
        "the details start masked: {}",
        h.screen()
    );
    h.keys("x").await;
    let screen = h.screen();
    assert!(screen.contains(DB_PASSWORD), "{screen}");
    assert!(screen.contains("1 shown (x hides)"), "{screen}");
    assert!(
        !screen.contains("masked"),
        "the title says the truth: {screen}"
    );
    h.keys("x").await;
    assert!(h.screen().contains("masked (x shows)"), "{}", h.screen());
    h.keys("x").await;
    // Leaving the details: nothing stays shown, neither there nor in the list.
    each_key_without_secrets(&mut h, &["<Esc>"]).await;
    assert!(h.screen().contains("••••••••"), "{}", h.screen());
    assert!(
        h.screen()
            .lines()
            .nth(1)
            .unwrap_or_default()
            .contains(" · masked (x shows)"),
        "{}",
        h.screen()
    );
    // Revealed in the list, then the view left for another: masked when back.
    h.keys("x").await;
    assert!(h.screen().contains(DB_PASSWORD), "{}", h.screen());
    each_key_without_secrets(&mut h, &[":secrets<Enter>", "-"]).await;
    assert!(h.screen().contains("password"), "{}", h.screen());
}

#[tokio::test]
async fn after_a_put_every_value_is_masked_and_the_list_below_shows_the_new_version() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeParams::with(params())),
        80,
        24,
    );
    h.keys(":params /app/prod/db<Enter>").await;
    assert!(
        row_of(&h.screen(), "password").contains(" 2 "),
        "{}",
        h.screen()
    );
    // The current value shown, then a new version put: nothing of the old one stays shown.
    h.keys("/password<Enter><Enter>x").await;
    assert!(h.screen().contains(DB_PASSWORD), "{}", h.screen());
    h.keys("E").await;
    h.keys(&format!("{NEW_DB_PASSWORD}<Enter>y")).await;
    let screen = h.screen();
    assert!(screen.contains("put version 3"), "{screen}");
    no_secret_on(&screen);
    assert!(screen.contains("masked (x shows)"), "{screen}");
    // Back in the list, without C-r: the new version is listed.
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(row_of(&screen, "password").contains(" 3 "), "{screen}");
    no_secret_on(&screen);
}

#[tokio::test]
async fn a_new_parameter_is_created_under_the_path_and_an_existing_name_is_refused() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(ssm), 80, 24);
    let state = tempfile::tempdir().unwrap();
    let audit = state.path().join("audit.jsonl");
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));
    h.keys(":params /app/prod/db<Enter>c").await;
    assert!(
        h.screen()
            .contains("New parameter under /app/prod/db: name"),
        "{}",
        h.screen()
    );
    h.keys("api-token<Enter>").await;
    assert!(h.screen().contains("String, StringList or SecureString"));
    h.keys("<C-u>SecureString<Enter>").await;
    for c in NEW_DB_PASSWORD.chars() {
        h.keys(&c.to_string()).await;
        no_secret_on(&h.screen());
    }
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Create parameter /app/prod/db/api-token?"),
        "{screen}"
    );
    assert!(screen.contains("14 characters (not shown)"), "{screen}");
    no_secret_on(&screen);
    insta::assert_snapshot!("param_create_confirm_80x24", screen);
    h.keys("y").await;
    assert_eq!(*puts.lock().unwrap(), ["/app/prod/db/api-token"]);
    let screen = h.screen();
    assert!(
        screen.contains("created /app/prod/db/api-token (version 1)"),
        "{screen}"
    );
    assert!(
        row_of(&screen, "api-token").contains("SecureString"),
        "{screen}"
    );
    no_secret_on(&screen);
    let log = std::fs::read_to_string(&audit).expect("audit log");
    assert!(log.contains("/app/prod/db/api-token"), "{log}");
    assert!(!log.contains(NEW_DB_PASSWORD), "{log}");

    // The same name again: the service refuses, nothing is overwritten.
    h.keys("c/app/prod/db/host<Enter><C-u>String<Enter>other.internal<Enter>y")
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("not created: ParameterAlreadyExists"),
        "{screen}"
    );
    h.keys("<C-r>").await;
    assert!(
        h.screen().contains("orders.prod.internal"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn the_guard_refuses_a_new_parameter_under_read_only_and_the_flash_ends_with_the_view() {
    let ssm = FakeParams::with(params());
    let puts = ssm.puts.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(ssm), 80, 24);
    h.keys(":params /app/prod<Enter>c").await;
    h.keys("flag<Enter><C-u>String<Enter>on<Enter>").await;
    assert!(h.screen().contains("Create parameter /app/prod/flag?"));
    h.app.set_read_only(true);
    h.keys("y").await;
    assert!(h.screen().contains("read-only"), "{}", h.screen());
    assert!(puts.lock().unwrap().is_empty());
    // `c` now asks for nothing.
    h.keys("c").await;
    let screen = h.screen();
    assert!(screen.contains("'new-parameter' is disabled"), "{screen}");
    assert!(!screen.contains("New parameter under"), "{screen}");
    // Another view: the flash about this one does not follow.
    h.keys(":secrets<Enter>").await;
    assert!(!h.screen().contains("is disabled"), "{}", h.screen());
}

/// Enter is pressed for many things; on a SecureString it never reveals (only `x` does), and
/// on a field cut at 80 columns (the ARN) it shows the field whole.
#[tokio::test]
async fn enter_never_reveals_and_shows_a_cut_field_whole() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        fake(FakeParams::with(params())),
        80,
        24,
    );
    h.keys(":params /app/prod/db<Enter>/password<Enter><Esc>")
        .await;
    // The details: name, type, version, last changed, data type, ARN, value, history.
    each_key_without_secrets(&mut h, &["<Enter>", "j", "j", "j", "j", "j", "<Enter>"]).await;
    let screen = h.screen();
    assert!(
        screen.contains("arn:aws:ssm:eu-west-1:")
            && screen.contains("parameter/app/prod/db/password"),
        "the ARN whole: {screen}"
    );
    each_key_without_secrets(&mut h, &["<Esc>", "j", "<Enter>"]).await;
    assert!(
        h.screen().contains("x shows or hides"),
        "Enter on the value says which key reveals: {}",
        h.screen()
    );
}
