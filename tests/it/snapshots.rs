//! Whole-screen snapshots of the real app loop with in-memory adapters and the `mono` theme.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::run::Exit;
use awsterm::aws::fake::{FakeSts, adapters};
use awsterm::aws::{AwsError, ErrorKind};

fn fake() -> awsterm::aws::Adapters {
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
}

#[tokio::test]
async fn home_shows_profiles_and_the_resolved_account() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys("").await;
    insta::assert_snapshot!(h.screen());
}

#[tokio::test]
async fn profile_switch_from_the_prompt_changes_account_and_region() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":profile prod<Enter>").await;
    assert!(h.header().contains("profile prod"), "{}", h.header());
    assert!(h.header().contains("222222222222"), "{}", h.header());
    assert!(h.header().contains("eu-west-1"), "{}", h.header());
    insta::assert_snapshot!(h.screen());
}

#[tokio::test]
async fn enter_on_a_profile_switches_to_it() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys("j<Enter>").await;
    assert!(h.header().contains("profile prod"), "{}", h.header());
}

#[tokio::test]
async fn prompt_suggests_and_completes() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":reg").await;
    insta::assert_snapshot!(h.screen());
    h.keys("ion euw<Tab>").await;
    insta::assert_snapshot!("prompt_region_completed", h.screen());
    h.keys("<Enter>").await;
    assert!(h.header().contains("region eu-west-1"), "{}", h.header());
}

#[tokio::test]
async fn region_picker_filters_and_switches() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys("R/frankfurt").await;
    insta::assert_snapshot!(h.screen());
    h.keys("<Enter><Enter>").await;
    assert!(h.header().contains("region eu-central-1"), "{}", h.header());
    assert!(
        h.screen().contains("Profiles"),
        "picker closed after choosing"
    );
}

#[tokio::test]
async fn help_lists_every_command_with_its_keys() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(), 100, 40);
    h.keys("?").await;
    insta::assert_snapshot!(h.screen());
    h.keys("<Esc>").await;
    assert!(!h.screen().contains("Help"), "Esc closes help");
}

#[tokio::test]
async fn filter_narrows_profiles_and_esc_clears() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys("/sso").await;
    insta::assert_snapshot!(h.screen());
    h.keys("<Esc>").await;
    assert!(h.screen().contains("prod"));
}

#[tokio::test]
async fn read_only_badge_and_sso_hint_in_the_header() {
    let mut opts = options(two_profiles(), "sso-admin");
    opts.read_only = true;
    let sts = FakeSts::default().failing(
        "sso-admin",
        AwsError::new(
            ErrorKind::SsoLogin,
            "the SSO token has expired and cannot be refreshed",
        ),
    );
    let mut h = Harness::new(opts, adapters(sts));
    h.keys("").await;
    assert!(h.header().contains("READ-ONLY"), "{}", h.header());
    assert!(
        h.screen().contains("aws sso login --profile sso-admin"),
        "{}",
        h.screen()
    );
    insta::assert_snapshot!(h.screen());
}

#[tokio::test]
async fn too_small_terminal_says_so() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake(), 60, 20);
    h.keys("").await;
    insta::assert_snapshot!(h.screen());
}

#[tokio::test]
async fn warnings_from_config_files_are_shown() {
    let mut opts = options(two_profiles(), "dev");
    opts.warnings = vec!["keymap.toml: [list] unknown command 'explode'".into()];
    let mut h = Harness::new(opts, fake());
    h.keys("").await;
    assert!(
        h.screen().contains("unknown command 'explode'"),
        "{}",
        h.screen()
    );
    insta::assert_snapshot!(h.screen());
    h.keys("j").await;
    assert!(
        !h.screen().contains("explode"),
        "any key dismisses the notices"
    );
    assert!(h.screen().contains("●  dev"), "and does nothing else");
}

#[tokio::test]
async fn unknown_command_and_profile_are_explained() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys(":profle prod<Enter>").await;
    assert!(
        h.screen().contains("unknown command 'profle'"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("did you mean"), "{}", h.screen());
    h.keys(":profile nope<Enter>").await;
    assert!(h.screen().contains("no profile 'nope'"), "{}", h.screen());
    h.keys(":region Mars<Enter>").await;
    assert!(
        h.screen().contains("'Mars' is not a region name"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn q_quits_from_home_but_goes_back_elsewhere() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    assert_eq!(h.keys("R").await, Exit::InputEnded);
    assert_eq!(h.keys("q").await, Exit::InputEnded, "q closed the picker");
    assert_eq!(h.keys("q").await, Exit::Quit(0));
}

#[tokio::test]
async fn copy_sends_the_sanitized_identifier_to_the_host() {
    let mut h = Harness::new(options(two_profiles(), "dev"), fake());
    h.keys("jy").await;
    assert_eq!(
        h.host.actions,
        [awsterm::app::host::HostAction::Copy("prod".into())]
    );
    assert!(h.screen().contains("copied: prod"));
}

#[tokio::test]
async fn theme_switches_live_and_unknown_themes_are_explained() {
    let mut opts = options(two_profiles(), "dev");
    opts.color_support = awsterm::theme::ColorSupport::TrueColor;
    opts.theme = awsterm::theme::Theme::default();
    let mut h = Harness::new(opts, fake());
    h.keys(":theme paper<Enter>").await;
    assert_eq!(h.app.theme_name(), "paper");
    h.keys(":theme nope<Enter>").await;
    assert!(
        h.screen().contains("unknown theme 'nope'"),
        "{}",
        h.screen()
    );
    assert_eq!(h.app.theme_name(), "paper");
}

#[tokio::test]
async fn a_truecolour_theme_on_a_16_colour_terminal_falls_back_with_a_notice() {
    let mut opts = options(two_profiles(), "dev");
    opts.color_support = awsterm::theme::ColorSupport::Ansi16;
    opts.theme = awsterm::theme::Theme::default();
    let mut h = Harness::new(opts, fake());
    h.keys(":theme midnight<Enter>").await;
    assert_eq!(h.app.theme_name(), "default");
    assert!(h.screen().contains("truecolour"), "{}", h.screen());
}
