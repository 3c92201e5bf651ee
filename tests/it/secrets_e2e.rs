//! The real binary in a PTY against the emulator, logging at `trace` (every request's Debug
//! text in the log file): a Secrets Manager secret and a SecureString parameter are opened,
//! their values are on no screen and in no byte written to the terminal until revealed, and
//! afterwards they are in neither the log file, the audit log, nor any file of the state or
//! config directory. A parameter put is made too, so the audit log has a line to look in: its
//! new value is typed into a masked prompt (`•` per character) and never reaches the
//! terminal at all.

use crate::support::{AwsFiles, SCREEN_TIMEOUT, awsterm};
use aws_sdk_ssm::types::ParameterType;

const SECRET_PW: &str = "e2e-Secret-Pw-55aa";
const PARAM_PW: &str = "e2e-Param-Pw-66bb";
const NEW_PARAM_PW: &str = "e2e-New-Pw-77cc";

fn seed(files: &AwsFiles) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let sdk = files.sdk_config("acct").await;
        aws_sdk_secretsmanager::Client::new(&sdk)
            .create_secret()
            .name("e2e/db")
            .secret_string(format!(r#"{{"user":"e2e","password":"{SECRET_PW}"}}"#))
            .send()
            .await
            .expect("create secret");
        aws_sdk_ssm::Client::new(&sdk)
            .put_parameter()
            .name("/e2e/db/password")
            .value(PARAM_PW)
            .r#type(ParameterType::SecureString)
            .send()
            .await
            .expect("put parameter");
    });
}

/// Every file under `dir`, as bytes.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            found.push((path, bytes));
        }
    }
    found
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn secret_values_reach_the_screen_only_when_revealed_and_never_a_file() {
    let files = AwsFiles::for_test("e2e_secret_values_never_a_file");
    seed(&files);
    let mut term = awsterm(&files, &["--profile", "acct"], &[("AWSTERM_LOG", "trace")]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();

    term.send_keys(":secrets<Enter>");
    term.wait_for("e2e/db", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("value not read (x)", SCREEN_TIMEOUT).unwrap();
    term.send_keys("x");
    term.wait_for("AWSCURRENT: 2 keys, masked", SCREEN_TIMEOUT)
        .unwrap();
    assert!(!holds(&term.raw_output(), SECRET_PW), "before the reveal");
    term.send_keys("X");
    term.wait_for(SECRET_PW, SCREEN_TIMEOUT).unwrap();
    term.wait_for("AWSCURRENT: 2 keys, shown", SCREEN_TIMEOUT)
        .unwrap();

    term.send_keys(":params /e2e/db<Enter>");
    term.wait_for("SecureString", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    term.wait_for("parameter /e2e/db/password", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("v1", SCREEN_TIMEOUT).unwrap();
    assert!(!holds(&term.raw_output(), PARAM_PW), "before the reveal");
    term.send_keys("x");
    term.wait_for(PARAM_PW, SCREEN_TIMEOUT).unwrap();

    // A new version through the prompt: audited by name.
    term.send_keys("E");
    term.wait_for("New SecureString value · /e2e/db/password", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(NEW_PARAM_PW);
    term.wait_for(&"•".repeat(NEW_PARAM_PW.len()), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("<Enter>");
    term.wait_for("Put version 2", SCREEN_TIMEOUT).unwrap();
    term.send_keys("y");
    term.wait_for("put version 2 of /e2e/db/password", SCREEN_TIMEOUT)
        .unwrap();
    // The new version masks every value again, and the title says so.
    term.wait_for("masked (x shows)", SCREEN_TIMEOUT).unwrap();
    assert!(
        !holds(&term.raw_output(), NEW_PARAM_PW),
        "the typed value never reached the terminal"
    );
    term.send_keys("<C-c>");
    term.wait_exit(SCREEN_TIMEOUT);

    let home = files.config_path();
    let home = home.parent().unwrap();
    let written = files_under(&home.join("xdg-state"));
    let log = written
        .iter()
        .find(|(p, _)| p.ends_with("awsterm.log"))
        .expect("the log file");
    assert!(holds(&log.1, "request"), "the log is at trace level");
    let audit = written
        .iter()
        .find(|(p, _)| p.to_string_lossy().contains("audit"))
        .expect("the audit log");
    assert!(holds(&audit.1, "PutParameter"), "the put is audited");
    for (path, bytes) in written.iter().chain(&files_under(&home.join("xdg-config"))) {
        for value in [SECRET_PW, PARAM_PW, NEW_PARAM_PW] {
            assert!(!holds(bytes, value), "{value} in {}", path.display());
        }
    }
}
