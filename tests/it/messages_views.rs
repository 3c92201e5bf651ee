//! Messages read in full at 80×24: a long error cut in the status line (with the key that
//! shows it) and read whole in the messages view, then copied; the ✗ page of a failed context
//! wrapped; the problems box scrolled; help opened from EC2 and from S3 objects — the view's
//! commands first, scrolled, filtered, and Enter running the command in that view.

use crate::app_harness::{Harness, options, profile, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeLambda, FakeS3, FakeSts, adapters};
use awsterm::aws::profiles::CredentialKind;
use awsterm::aws::{AwsError, ErrorKind};

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/awsterm")
}

/// `hh:mm:ss` for every clock time on screen: the messages view shows when each was said.
fn without_times(screen: &str) -> String {
    let chars: Vec<char> = screen.chars().collect();
    let mut out = String::with_capacity(screen.len());
    let mut i = 0;
    while i < chars.len() {
        let clock = chars.len() >= i + 8
            && chars[i..i + 8].iter().enumerate().all(|(n, c)| {
                if n % 3 == 2 {
                    *c == ':'
                } else {
                    c.is_ascii_digit()
                }
            });
        if clock {
            out.push_str("hh:mm:ss");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The status line: the row above the key hints.
fn status_line(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2]
        .trim_matches('"')
        .trim_end()
        .to_string()
}

const LONG_PROFILE: &str = "payments-production-eu-west-1-readonly-operators-break-glass";

#[tokio::test]
async fn a_long_error_is_cut_in_the_status_line_and_read_in_full() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters(sts()), 80, 24);
    h.keys(&format!(":profile {LONG_PROFILE}<Enter>")).await;
    let status = status_line(&h.screen());
    assert!(status.ends_with("… ! shows all"), "{status}");
    assert!(!status.contains("known: dev"), "cut: {status}");
    insta::assert_snapshot!("long_error_cut_in_the_status_line", h.screen());

    h.keys("!").await;
    let screen = h.screen();
    assert!(screen.contains("Messages · 1, newest first"), "{screen}");
    // The whole text, wrapped over two rows: the end that was cut is there.
    assert!(screen.contains("known: dev, prod, sso-admin"), "{screen}");
    assert!(
        screen.contains("dev · us-east-1 · Profiles"),
        "where: {screen}"
    );
    insta::assert_snapshot!("messages_view_reads_it_in_full", without_times(&screen));

    h.keys("y").await;
    let copied = h.host.actions.iter().find_map(|a| match a {
        HostAction::Copy(text) => Some(text.clone()),
        _ => None,
    });
    let copied = copied.expect("y copies the message");
    assert!(
        copied.starts_with(&format!("no profile '{LONG_PROFILE}'")),
        "{copied}"
    );
    assert!(copied.ends_with("known: dev, prod, sso-admin"), "{copied}");
}

#[tokio::test]
async fn the_messages_view_lists_newest_first_and_scrolls() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters(sts()), 80, 24);
    for i in 0..12 {
        h.keys(&format!(":region nowhere-{i}<Enter>")).await;
    }
    h.keys("!").await;
    let screen = h.screen();
    assert!(screen.contains("Messages · 12, newest first"), "{screen}");
    let newest = screen.find("nowhere-11").expect("the newest on screen");
    let older = screen.find("nowhere-10").expect("the one before");
    assert!(newest < older, "newest first: {screen}");
    assert!(
        !screen.contains("nowhere-0'"),
        "the oldest is below: {screen}"
    );
    h.keys("G").await;
    let screen = h.screen();
    assert!(
        screen.contains("'nowhere-0'"),
        "G reaches the oldest: {screen}"
    );
    let body: Vec<&str> = screen.lines().take(22).collect();
    assert!(!body.concat().contains("nowhere-11"), "scrolled: {screen}");
    insta::assert_snapshot!(
        "messages_view_scrolled_to_the_oldest",
        without_times(&screen)
    );
}

#[tokio::test]
async fn the_failed_context_page_wraps_the_whole_error() {
    let profiles = vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("staging", Some("eu-central-1"), CredentialKind::StaticKeys),
    ];
    let why = "User: arn:aws:iam::333333333333:user/ci is not authorized to perform: \
               lambda:ListFunctions on resource: * because no identity-based policy allows \
               the lambda:ListFunctions action (account dispatch failure, request id \
               0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0)";
    let fakes = FakeContexts::default()
        .lambda(
            "dev",
            FakeLambda::default().function("checkout-api", "python3.12", &[]),
        )
        .failing(
            "staging",
            AwsError {
                kind: ErrorKind::AccessDenied,
                code: Some("AccessDeniedException".into()),
                message: why.into(),
            },
        );
    let sts = sts().with("staging", "333333333333", "user/ci");
    let mut h = Harness::sized(
        options(profiles, "dev"),
        adapters(sts).with_contexts(fakes),
        80,
        24,
    );
    h.keys(":lambda @profiles *<Enter>/staging<Enter><Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("failed"), "{screen}");
    // Every part of the error is on screen, the end included.
    for part in ["is not", "identity-based policy", "a5b4c3d2e1f0)"] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    insta::assert_snapshot!("failed_context_page_wraps", screen);
}

#[tokio::test]
async fn a_problems_box_taller_than_the_screen_scrolls() {
    let mut opts = options(two_profiles(), "dev");
    opts.warnings = (1..=30)
        .map(|i| format!("keymap.toml: [list] unknown command 'explode-{i:02}'"))
        .collect();
    let mut h = Harness::sized(opts, adapters(sts()), 80, 24);
    h.keys("").await;
    let screen = h.screen();
    assert!(screen.contains("explode-01"), "{screen}");
    assert!(!screen.contains("explode-30"), "{screen}");
    assert!(screen.contains("1–17 of 30"), "{screen}");
    h.keys("<PageDown>j").await;
    let screen = h.screen();
    assert!(!screen.contains("explode-01'"), "scrolled: {screen}");
    insta::assert_snapshot!("problems_box_scrolled", screen);
    h.keys("G").await;
    assert!(h.screen().contains("explode-30"), "{}", h.screen());
    h.keys("x").await;
    assert!(!h.screen().contains("explode"), "another key dismisses it");
    assert!(h.screen().contains("●  dev"), "and does nothing else");
    // The problems are in the messages too, each whole.
    h.keys("!").await;
    assert!(h.screen().contains("'explode-30'"), "{}", h.screen());
}

fn fleet() -> FakeEc2 {
    let instance = |id: &str, name: &str| Instance {
        id: id.into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: Some("192.0.2.7".into()),
        public_ip: None,
        launched: None,
        key_name: None,
        tags: vec![("Name".into(), name.into())],
    };
    FakeEc2::with(vec![
        instance("i-0a1", "web-01"),
        instance("i-0a2", "api-01"),
    ])
}

#[tokio::test]
async fn help_from_ec2_starts_with_its_commands_scrolls_and_filters() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        adapters(sts()).with_ec2(fleet()),
        80,
        24,
    );
    h.keys(":ec2<Enter>?").await;
    let screen = h.screen();
    let ec2 = screen
        .find("EC2 instances · ec2")
        .expect("the view's own section");
    let fleet_section = screen.find("· fleet").expect("then fleet");
    let list = screen.find("in any list").unwrap_or(usize::MAX);
    assert!(ec2 < fleet_section && fleet_section < list, "{screen}");
    insta::assert_snapshot!("help_from_ec2", screen);

    h.keys("<PageDown><PageDown>").await;
    let screen = h.screen();
    assert!(
        !screen.contains("EC2 instances · ec2"),
        "scrolled: {screen}"
    );
    insta::assert_snapshot!("help_from_ec2_scrolled", screen);

    h.keys("<Home>/private ip<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains(":copy-private-ip"), "{screen}");
    assert!(!screen.contains(":terminate"), "{screen}");
    insta::assert_snapshot!("help_from_ec2_filtered", screen);

    // Enter closes help and runs the command in the EC2 view.
    h.keys("<Enter>").await;
    assert!(
        h.host
            .actions
            .iter()
            .any(|a| matches!(a, HostAction::Copy(ip) if ip == "192.0.2.7")),
        "{:?}",
        h.host.actions
    );
    assert!(!h.screen().contains("Help —"), "{}", h.screen());
}

#[tokio::test]
async fn help_from_s3_objects_starts_with_the_s3_commands() {
    let s3 = FakeS3::default().bucket("acme-assets", &[("readme.txt", 42), ("logs/a.log", 7)]);
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        awsterm::aws::fake::adapters_with(sts(), s3),
        80,
        24,
    );
    h.keys(":s3<Enter><Enter>?").await;
    let screen = h.screen();
    assert!(screen.contains("· s3 ──"), "{screen}");
    assert!(screen.contains(":parent"), "{screen}");
    let s3 = screen.find("· s3 ──").unwrap();
    assert!(
        screen.find("in any list").is_none_or(|list| s3 < list),
        "{screen}"
    );
    insta::assert_snapshot!("help_from_s3_objects", screen);
}

#[tokio::test]
async fn help_wraps_descriptions_and_keeps_the_keys_column() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters(sts()), 80, 24);
    h.keys("?/filter<Enter>").await;
    let screen = h.screen();
    // The longest description, whole: its end is on the row below, under the description.
    assert!(screen.contains("(:filter none clears)"), "{screen}");
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains(":filter "))
        .expect("the filter row");
    // In characters: the selection marker is wider in bytes.
    let column = |row: &str, at: usize| row[..at].chars().count();
    let description = column(
        rows[at],
        rows[at].find("Filter the rows").expect("description"),
    );
    let below = rows[at + 1];
    let first = below
        .char_indices()
        .skip(2)
        .find(|(_, c)| *c != ' ')
        .map(|(i, _)| column(below, i))
        .expect("continued");
    assert_eq!(
        first, description,
        "continuation under the description:\n{screen}"
    );
}

#[tokio::test]
async fn esc_clears_the_help_filter_then_closes_help() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters(sts()), 80, 24);
    h.keys("?/named<Enter>").await;
    assert!(h.screen().contains(":profile"), "{}", h.screen());
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(
        screen.contains("Help — commands and keys · Profiles ["),
        "{screen}"
    );
    assert!(!screen.contains("/named"), "{screen}");
    h.keys("<Esc>").await;
    assert!(h.screen().contains("┌ Profiles"), "{}", h.screen());
}
