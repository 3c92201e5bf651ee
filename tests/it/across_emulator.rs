//! Cross-account and cross-region views through the real app loop and SDK adapters against the
//! emulator: three profiles assuming roles into three fresh accounts, one profile whose
//! credentials cannot load, and every default region of one account.

use crate::app_harness::{Harness, options};
use crate::support::{AwsFiles, run_instances};
use awsterm::aws::profiles::load_profiles;
use awsterm_testkit::account::{account_id_for, explicit_sdk_config};

/// The test's files plus `team-a`, `team-b`, `team-c` (each a role in its own fresh account)
/// and `team-broken` (a credential process that exits 1). Returns the three account ids.
pub(crate) fn three_accounts(name: &str) -> (AwsFiles, Vec<String>) {
    let mut files = AwsFiles::for_test(name);
    let mut accounts = Vec::new();
    for team in ["a", "b", "c"] {
        let account = account_id_for(&format!("{}/team-{team}", files.account_id));
        let body = format!(
            "role_arn = arn:aws:iam::{account}:role/awsterm-test\nsource_profile = base\n\
             region = us-east-1\nendpoint_url = {}",
            files.endpoint
        );
        files = files.with_profile(&format!("team-{team}"), &body);
        accounts.push(account);
    }
    let broken = format!(
        "credential_process = false\nregion = us-east-1\nendpoint_url = {}",
        files.endpoint
    );
    files = files.with_profile("team-broken", &broken);
    (files, accounts)
}

/// The app on the SDK adapters with every profile of `files`, in `initial`, 160×40.
pub(crate) async fn app_with_profiles(files: &AwsFiles, initial: &str) -> Harness {
    let aws_files = awsterm::aws::AwsFiles::Explicit {
        config: files.config_path(),
        credentials: files.credentials_path(),
    };
    let profiles = load_profiles(&aws_files).await.expect("profiles");
    let mut o = options(profiles, initial);
    o.files = aws_files.clone();
    let adapters = awsterm::aws::Adapters::sdk(awsterm::aws::AwsSetup {
        files: aws_files,
        endpoint_url: None,
        settings: Default::default(),
    });
    Harness::sized(o, adapters, 160, 40)
}

/// The screen line showing `needle`.
pub(crate) fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{screen}"))
}

#[tokio::test]
async fn three_accounts_and_a_broken_profile_in_one_view() {
    let (files, accounts) = three_accounts("three_accounts_and_a_broken_profile_in_one_view");
    let mut ids = Vec::new();
    for team in ["a", "b", "c"] {
        let profile = format!("team-{team}");
        let ec2 = files.ec2(&profile).await;
        ids.push(
            run_instances(&ec2, &[(&format!("web-{team}"), "prod", "t3.micro")]).await[0].clone(),
        );
        files
            .s3(&profile)
            .await
            .create_bucket()
            .bucket(format!("logs-{team}-{}", files.account_id))
            .send()
            .await
            .expect("create bucket");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    let state_dir = tempfile::tempdir().unwrap();
    let audit = state_dir.path().join("audit.jsonl");
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));

    h.keys(":ec2 @profiles team-*<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("EC2 instances · @profiles team-* · 4 contexts · 3 answered · 1 failed"),
        "{screen}"
    );
    for (i, team) in ["a", "b", "c"].iter().enumerate() {
        let line = line_with(&screen, &format!("web-{team}"));
        assert!(line.contains(&format!("team-{team}")), "{line}");
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
        assert!(
            line.contains("us-east-1") && line.contains(&ids[i]),
            "{line}"
        );
    }
    let broken = line_with(&screen, "team-broken");
    assert!(broken.contains('✗'), "{broken}");
    assert!(
        !screen.contains(&files.account_id),
        "no row comes from the test's own account"
    );

    // An action on team-b's row runs in team-b's account: its instance stops.
    h.keys(&format!("/{}<Enter>_", ids[1])).await;
    let screen = h.screen();
    assert!(
        screen.contains(&format!("Stop instance {}?", ids[1])),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("team-b · {} · us-east-1", accounts[1])),
        "the confirmation names the context: {screen}"
    );
    h.keys("y").await;
    let state = |profile: &'static str, id: String| {
        let files = &files;
        async move {
            files
                .ec2(profile)
                .await
                .describe_instances()
                .instance_ids(id)
                .send()
                .await
                .expect("describe")
                .reservations()[0]
                .instances()[0]
                .state()
                .and_then(|s| s.name())
                .map(|n| n.as_str().to_string())
                .unwrap_or_default()
        }
    };
    assert!(
        matches!(
            state("team-b", ids[1].clone()).await.as_str(),
            "stopping" | "stopped"
        ),
        "team-b's instance stopped"
    );
    assert_eq!(state("team-a", ids[0].clone()).await, "running");
    assert_eq!(state("team-c", ids[2].clone()).await, "running");
    // The audit line names the row's account, not the header's (nor none).
    let (entries, _) = awsterm::audit::read_recent(&audit, 10).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].profile, "team-b");
    assert_eq!(entries[0].account.as_deref(), Some(accounts[1].as_str()));

    // Buckets the same way: each account's own, the broken profile reported.
    h.keys("<Esc><Esc>:s3 @profiles team-*<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("S3 buckets · @profiles team-* · 4 contexts · 3 answered · 1 failed"),
        "{screen}"
    );
    for (i, team) in ["a", "b", "c"].iter().enumerate() {
        let line = line_with(&screen, &format!("logs-{team}-"));
        assert!(line.contains(&accounts[i]), "{line}");
    }
    assert!(line_with(&screen, "team-broken").contains('✗'));
}

#[tokio::test]
async fn all_regions_lists_every_default_region_of_the_profile() {
    let files = AwsFiles::for_test("all_regions_lists_every_default_region_of_the_profile");
    for (region, name) in [("eu-west-1", "dublin-01"), ("ap-northeast-3", "osaka-01")] {
        let sdk =
            explicit_sdk_config(files.env_config_files(), "acct", region, &files.endpoint).await;
        run_instances(
            &aws_sdk_ec2::Client::new(&sdk),
            &[(name, "prod", "t3.micro")],
        )
        .await;
    }
    let mut h = app_with_profiles(&files, "acct").await;
    h.keys(":ec2 @all-regions<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("EC2 instances · @all-regions · 17 contexts · 17 answered"),
        "{screen}"
    );
    assert!(!screen.contains("failed"), "{screen}");
    let dublin = line_with(&screen, "dublin-01");
    assert!(
        dublin.contains("eu-west-1") && dublin.contains(&files.account_id),
        "{dublin}"
    );
    assert!(line_with(&screen, "osaka-01").contains("ap-northeast-3"));
    assert!(
        screen.contains("[2]"),
        "two instances in 17 regions: {screen}"
    );
}
