//! `c` (`:new-parameter`) in `:params` against the emulator, in a fresh account: a String and
//! a SecureString created through the view's prompts (the SecureString's value typed in the
//! masked prompt and never on screen), each confirmed, audited by name only, and read back
//! from the emulator with the SDK; an existing name refused by the service and left as it
//! was (PutParameter without overwrite); read-only taking the command away.

use crate::across_emulator::line_with;
use crate::support::{AwsFiles, app_on};
use aws_sdk_ssm::types::ParameterType;

const TOKEN: &str = "emu-api-t0ken-5150";
const REPLICA: &str = "replica-7.db.internal";

async fn client(files: &AwsFiles) -> aws_sdk_ssm::Client {
    aws_sdk_ssm::Client::new(&files.sdk_config("acct").await)
}

/// The parameter as the emulator has it: type, version and (decrypted) value.
async fn stored(ssm: &aws_sdk_ssm::Client, name: &str) -> (ParameterType, i64, String) {
    let out = ssm
        .get_parameter()
        .name(name)
        .with_decryption(true)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{name} in the emulator: {e:?}"));
    let p = out.parameter().expect("a parameter");
    (
        p.r#type().cloned().expect("a type"),
        p.version(),
        p.value().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn new_parameters_are_created_confirmed_audited_and_never_overwrite() {
    let files = AwsFiles::for_test("params_new_parameters_created_and_never_overwrite");
    let ssm = client(&files).await;
    ssm.put_parameter()
        .name("/app/prod/db/host")
        .value("db.internal")
        .r#type(ParameterType::String)
        .send()
        .await
        .expect("seed parameter");
    let state = tempfile::tempdir().unwrap();
    let audit = state.path().join("audit.jsonl");
    let mut h = app_on(&files);
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));
    h.keys(":params /app/prod/db<Enter>").await;
    assert!(line_with(&h.screen(), "host").contains("String"));

    // A String: name under the listed path, the default type, the value shown as typed.
    h.keys("c").await;
    assert!(
        h.screen()
            .contains("New parameter under /app/prod/db: name"),
        "{}",
        h.screen()
    );
    h.keys(&format!("replica<Enter><Enter>{REPLICA}<Enter>"))
        .await;
    let screen = h.screen();
    assert!(
        screen.contains("Create parameter /app/prod/db/replica?"),
        "{screen}"
    );
    assert!(screen.contains(&format!("value: {REPLICA}")), "{screen}");
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("created /app/prod/db/replica (version 1)"),
        "{screen}"
    );
    assert!(line_with(&screen, "replica").contains(REPLICA), "{screen}");
    assert_eq!(
        stored(&ssm, "/app/prod/db/replica").await,
        (ParameterType::String, 1, REPLICA.to_string())
    );

    // A SecureString: its value typed in the masked prompt, never on screen.
    h.keys("capi-token<Enter><C-u>SecureString<Enter>").await;
    for c in TOKEN.chars() {
        h.keys(&c.to_string()).await;
        let screen = h.screen();
        assert!(
            !screen.contains("t0ken"),
            "typed value on screen:\n{screen}"
        );
    }
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Create parameter /app/prod/db/api-token?"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{} characters (not shown)", TOKEN.len())),
        "{screen}"
    );
    assert!(!screen.contains(TOKEN), "{screen}");
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("created /app/prod/db/api-token (version 1)"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "api-token").contains("SecureString"),
        "{screen}"
    );
    assert!(!screen.contains(TOKEN), "listed masked: {screen}");
    assert_eq!(
        stored(&ssm, "/app/prod/db/api-token").await,
        (ParameterType::SecureString, 1, TOKEN.to_string())
    );

    // The audit log names both puts, and holds no value.
    let log = std::fs::read_to_string(&audit).expect("audit log");
    for name in ["/app/prod/db/replica", "/app/prod/db/api-token"] {
        let line = log
            .lines()
            .find(|l| l.contains("PutParameter") && l.contains(name))
            .unwrap_or_else(|| panic!("PutParameter of {name} in the audit log: {log}"));
        assert!(line.contains("\"ssm\""), "{line}");
    }
    assert!(!log.contains(TOKEN) && !log.contains(REPLICA), "{log}");

    // An existing name: the service refuses, the parameter keeps its value and version.
    h.keys("chost<Enter><Enter>other.internal<Enter>").await;
    assert!(
        h.screen().contains("Create parameter /app/prod/db/host?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    let screen = h.screen();
    assert!(screen.contains("host: not created"), "{screen}");
    assert!(screen.contains("ParameterAlreadyExists"), "{screen}");
    assert_eq!(
        stored(&ssm, "/app/prod/db/host").await,
        (ParameterType::String, 1, "db.internal".to_string())
    );

    // Read-only: the command is gone before anything is asked.
    h.app.set_read_only(true);
    h.keys("c").await;
    let screen = h.screen();
    assert!(screen.contains("'new-parameter' is disabled"), "{screen}");
    assert!(!screen.contains("New parameter under"), "{screen}");
}
