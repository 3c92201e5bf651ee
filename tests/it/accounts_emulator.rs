//! Many accounts against the emulator: an MFA role assumed through a recording proxy (the
//! request must carry SerialNumber and TokenCode; the emulator would accept any), the session
//! reused across switches; the audit log of real writes, free of secrets.

use crate::app_harness::{Harness, options};
use crate::support::{AwsFiles, app_on, run_instances};
use awsterm::aws::profiles::load_profiles;
use awsterm_testkit::proxy::Proxy;

const SERIAL: &str = "arn:aws:iam::123456789012:mfa/tester";

#[tokio::test]
async fn an_mfa_role_is_assumed_with_serial_and_code_and_the_session_reused() {
    let proxy = Proxy::start(&awsterm_testkit::moto::Moto::shared().endpoint);
    let target = awsterm_testkit::account::account_id_for("mfa_role_through_proxy/target");
    let files = AwsFiles::with_endpoint("mfa_role_through_proxy", &proxy.endpoint()).with_profile(
        "mfa",
        &format!(
            "role_arn = arn:aws:iam::{target}:role/admin\nsource_profile = base\n\
             mfa_serial = {SERIAL}\nduration_seconds = 900\nregion = us-east-1\n\
             endpoint_url = {}",
            proxy.endpoint()
        ),
    );
    let aws_files = awsterm::aws::AwsFiles::Explicit {
        config: files.config_path(),
        credentials: files.credentials_path(),
    };
    let profiles = load_profiles(&aws_files).await.expect("profiles");
    let mfa = profiles
        .iter()
        .find(|p| p.name == "mfa")
        .expect("mfa profile");
    assert_eq!(mfa.mfa_serial.as_deref(), Some(SERIAL));
    let mut o = options(profiles, "acct");
    o.files = aws_files.clone();
    let adapters = awsterm::aws::Adapters::sdk(awsterm::aws::AwsSetup {
        files: aws_files,
        endpoint_url: None,
        settings: Default::default(),
    });
    let mut h = Harness::sized(o, adapters, 120, 40);
    h.keys("").await;
    assert!(h.header().contains(&files.account_id), "{}", h.header());

    h.keys(":profile mfa<Enter>").await;
    assert!(h.screen().contains("MFA code for mfa"), "{}", h.screen());
    let role_calls = |proxy: &Proxy| {
        proxy
            .requests()
            .into_iter()
            .filter(|r| r.operation.as_deref() == Some("AssumeRole"))
            .filter(|r| r.form_param("RoleArn").is_some_and(|a| a.contains(&target)))
            .collect::<Vec<_>>()
    };
    assert!(
        role_calls(&proxy).is_empty(),
        "nothing assumed without a code"
    );
    h.keys("123456<Enter>").await;
    assert!(h.header().contains(&target), "{}", h.header());
    let calls = role_calls(&proxy);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].form_param("SerialNumber").as_deref(), Some(SERIAL));
    assert_eq!(calls[0].form_param("TokenCode").as_deref(), Some("123456"));
    assert_eq!(
        calls[0].form_param("DurationSeconds").as_deref(),
        Some("900")
    );

    // Switching away and back (and to another region) reuses the session.
    h.keys(":profile acct<Enter>:profile mfa<Enter>:region eu-west-1<Enter>")
        .await;
    assert!(h.header().contains(&target), "{}", h.header());
    assert!(!h.screen().contains("MFA code for"), "{}", h.screen());
    assert_eq!(role_calls(&proxy).len(), 1, "asked once");
}

#[tokio::test]
async fn every_write_is_audited_with_its_account_and_no_secret() {
    let files = AwsFiles::for_test("every_write_is_audited");
    crate::lambda_logs_emulator::seed_functions(&files).await;
    let ids = run_instances(
        &files.ec2("acct").await,
        &[("audit-web", "test", "t3.micro")],
    )
    .await;
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let mut h = app_on(&files);
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(path.clone()));
    let payloads = tempfile::tempdir().unwrap();
    h.app
        .set_payload_files(awsterm::saved_payloads::PayloadFiles {
            saved: Some(payloads.path().join("saved")),
            history: Some(payloads.path().join("history")),
            scope: None,
        });

    let bucket = format!("audited-{}", files.account_id);
    h.keys(&format!(":s3<Enter>c{bucket}<Enter>")).await;
    assert!(h.screen().contains(&bucket), "{}", h.screen());
    h.keys("<Esc>:ec2<Enter>_y").await;
    assert!(h.screen().contains("stopping"), "{}", h.screen());
    h.keys("<Esc>:lambda<Enter>:filter checkout<Enter>ie<End><backspace><backspace>{\"password\":\"s3cr3t-value\"}<Esc>i")
        .await;
    assert!(h.screen().contains("Status  200"), "{}", h.screen());

    let text = std::fs::read_to_string(&path).expect("audit file");
    assert!(
        !text.contains("s3cr3t"),
        "no payload in the audit log: {text}"
    );
    let (entries, unreadable) = awsterm::audit::read_recent(&path, 100).unwrap();
    assert_eq!(unreadable, 0);
    let ops: Vec<String> = entries
        .iter()
        .rev()
        .map(|e| format!("{} {}", e.service, e.operation))
        .collect();
    assert_eq!(
        ops,
        ["s3 CreateBucket", "ec2 StopInstances", "lambda Invoke"]
    );
    for e in &entries {
        assert_eq!(
            e.account.as_deref(),
            Some(files.account_id.as_str()),
            "{e:?}"
        );
        assert_eq!(e.profile, "acct");
        assert_eq!(e.region, "us-east-1");
        assert_eq!(e.outcome, awsterm::audit::Outcome::Ok, "{e:?}");
    }
    assert_eq!(entries[1].resources, ids);
    assert_eq!(entries[2].resources, [bucket]);
    assert_eq!(entries[0].resources[1], "type RequestResponse");
    assert!(
        entries[0].resources[2].starts_with("payload "),
        "{:?}",
        entries[0]
    );

    h.keys("<Esc>:audit<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("ec2 StopInstances"), "{screen}");
    assert!(screen.contains("lambda Invoke"), "{screen}");
    assert!(screen.contains(&ids[0]), "{screen}");
}
