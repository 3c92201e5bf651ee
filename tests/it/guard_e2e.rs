//! Shells on instances in the real binary, in a PTY against the emulator: refused under
//! `--read-only`, typed out under an account policy, and recorded in the audit log when they
//! start and when they end. Stand-in `ssh`/`aws` programs on PATH record that they ran.

use crate::support::{AwsFiles, SCREEN_TIMEOUT, awsterm};
use std::path::{Path, PathBuf};

/// Executable stand-ins in `<files>/bin` that write their arguments to `record`; the PATH to
/// run awsterm with.
fn stand_ins(files: &AwsFiles, names: &[&str], record: &Path) -> String {
    let bin = files.dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!("#!/bin/sh\necho \"$0 $*\" >> '{}'\n", record.display());
    for name in names {
        let path = bin.join(name);
        std::fs::write(&path, &script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn one_instance(files: &AwsFiles) -> String {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        crate::support::run_instances(&files.ec2("acct").await, &[("web-01", "prod", "t3.micro")])
            .await
    })[0]
        .clone()
}

fn audit_path(files: &AwsFiles) -> PathBuf {
    files.dir.path().join("xdg-state/awsterm/audit.jsonl")
}

#[test]
fn ssh_and_ssm_under_read_only_are_refused_and_never_run() {
    let files = AwsFiles::for_test("guard_e2e_shell_read_only");
    one_instance(&files);
    let record = files.dir.path().join("ran.txt");
    let path = stand_ins(&files, &["ssh", "aws", "session-manager-plugin"], &record);
    let mut term = awsterm(
        &files,
        &["--profile", "acct", "--read-only"],
        &[("PATH", &path)],
    );
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ec2<Enter>");
    term.wait_for("● running", SCREEN_TIMEOUT).unwrap();
    term.send_keys("C");
    term.wait_for("read-only mode: 'ssh' is disabled", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("c");
    term.wait_for("read-only mode: 'connect' is disabled", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ssh<Enter>");
    term.wait_for("read-only mode: 'ssh' is disabled", SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys("q");
    term.send_keys("q");
    assert_eq!(term.wait_exit(SCREEN_TIMEOUT), Some(0));
    assert!(!record.exists(), "{:?}", std::fs::read_to_string(&record));
    assert!(!audit_path(&files).exists());
}

#[test]
fn a_typed_account_policy_guards_an_ssm_session_and_the_audit_log_has_start_and_end() {
    let files = AwsFiles::for_test("guard_e2e_ssm_typed");
    let id = one_instance(&files);
    let config_dir = files.dir.path().join("xdg-config/awsterm");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        format!(
            "[[policy]]\naccounts = \"{}\"\nconfirm = \"typed\"\n",
            files.account_id
        ),
    )
    .unwrap();
    let record = files.dir.path().join("ran.txt");
    let path = stand_ins(&files, &["aws", "session-manager-plugin"], &record);
    let mut term = awsterm(&files, &["--profile", "acct"], &[("PATH", &path)]);
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
    term.send_keys(":ec2<Enter>");
    term.wait_for("● running", SCREEN_TIMEOUT).unwrap();
    term.send_keys("c");
    term.wait_for("ssm start-session in acct · us-east-1", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("type acct and press Enter", SCREEN_TIMEOUT)
        .unwrap();
    assert!(!record.exists(), "nothing runs before the name is typed");
    term.send_keys("acct<Enter>");

    // The session ran, and its two audit lines are written: sent before the program ran,
    // then how it ended.
    let raw_lines = || {
        std::fs::read_to_string(audit_path(&files))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("audit line"))
            .collect::<Vec<_>>()
    };
    term.wait_until(SCREEN_TIMEOUT, |_| raw_lines().len() >= 2)
        .unwrap();
    let ran = std::fs::read_to_string(&record).unwrap();
    assert!(
        ran.ends_with(&format!(
            "/aws ssm start-session --target {id} --region us-east-1 --profile acct\n"
        )),
        "{ran}"
    );
    let events: Vec<String> = raw_lines()
        .iter()
        .map(|l| l["event"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(events, ["sent", "ended"]);
    let (entries, _) = awsterm::audit::read_recent(&audit_path(&files), 10).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].outcome, awsterm::audit::Outcome::Ok);
    for e in &entries {
        assert_eq!(
            (e.service.as_str(), e.operation.as_str()),
            ("ssm", "start-session")
        );
        assert_eq!(e.profile, "acct");
        assert_eq!(e.account.as_deref(), Some(files.account_id.as_str()));
        assert_eq!(e.region, "us-east-1");
        assert_eq!(e.resources, std::slice::from_ref(&id));
    }
    term.send_keys(":audit<Enter>");
    term.wait_for("ssm start-session", SCREEN_TIMEOUT).unwrap();
}
