//! The view model through the real loop: a `:` view command replaces the top-level view, `q`
//! quits from it in one press, Esc goes back within a drill-down, the jump list (`-`, `C-o`,
//! Tab) brings views back as they were left, and a view out of sight posts nothing.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::run::Exit;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{
    FakeContexts, FakeEc2, FakeLambda, FakeS3, FakeSts, adapters, adapters_with,
};
use awsterm::aws::{AwsError, ErrorKind};

fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/s")
}

fn web() -> FakeEc2 {
    FakeEc2::with(vec![Instance {
        id: "i-0web".into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        tags: vec![("Name".into(), "web-01".into())],
        ..Instance::default()
    }])
}

fn bucket() -> FakeS3 {
    FakeS3::default().bucket(
        "acme-logs",
        &[
            ("2026/11/a.log", 7),
            ("2026/12/b.log", 7),
            ("README.txt", 3),
        ],
    )
}

fn app() -> Harness {
    let fake = adapters_with(sts(), bucket())
        .with_ec2(web())
        .with_lambda(FakeLambda::default().function("checkout-api", "python3.12", &[]));
    Harness::sized(options(two_profiles(), "dev"), fake, 100, 24)
}

#[tokio::test]
async fn after_s3_enter_ec2_lambda_q_quits_in_one_press() {
    let mut h = app();
    h.keys(":s3<Enter><Enter>:ec2<Enter>:lambda<Enter>").await;
    assert!(h.screen().contains("checkout-api"), "{}", h.screen());
    assert_eq!(h.keys("q").await, Exit::Quit(0));
}

#[tokio::test]
async fn q_in_a_drill_down_goes_back_then_quits_from_the_top_level_view() {
    let mut h = app();
    h.keys(":s3<Enter><Enter>").await;
    assert!(h.screen().contains("s3://acme-logs/"), "{}", h.screen());
    assert_eq!(h.keys("q").await, Exit::InputEnded, "back to the buckets");
    assert!(h.screen().contains("S3 buckets"), "{}", h.screen());
    assert_eq!(h.keys("q").await, Exit::Quit(0));
}

#[tokio::test]
async fn dash_returns_to_the_s3_prefix_you_were_at_and_again_comes_back() {
    let mut h = app();
    // Buckets → acme-logs → 2026/ → 11/.
    h.keys(":s3<Enter><Enter><Enter><Enter>").await;
    assert!(
        h.screen().contains("s3://acme-logs/2026/11/"),
        "{}",
        h.screen()
    );
    h.keys(":ec2<Enter>").await;
    assert!(h.screen().contains("web-01"), "{}", h.screen());
    assert!(
        !h.header().contains('›'),
        "a new view, not stacked: {}",
        h.header()
    );
    h.keys("-").await;
    let screen = h.screen();
    assert!(screen.contains("s3://acme-logs/2026/11/"), "{screen}");
    assert!(screen.contains("a.log"), "{screen}");
    assert!(h.header().contains("2026/11/"), "{}", h.header());
    h.keys("-").await;
    assert!(h.screen().contains("web-01"), "{}", h.screen());
}

#[tokio::test]
async fn esc_goes_back_within_the_drill_down_never_into_the_previous_view() {
    let mut h = app();
    h.keys(":s3<Enter><Enter>:ec2<Enter>").await;
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(!screen.contains("acme-logs"), "not back in S3: {screen}");
    assert!(
        screen.contains("demo") || screen.contains("dev"),
        "{screen}"
    );
    assert!(!screen.contains("web-01"), "{screen}");
}

#[tokio::test]
async fn ctrl_o_and_tab_step_back_and_forward_through_the_views() {
    let mut h = app();
    h.keys(":s3<Enter>:ec2<Enter>:lambda<Enter>").await;
    h.keys("<C-o>").await;
    assert!(h.screen().contains("web-01"), "{}", h.screen());
    h.keys("<C-o>").await;
    assert!(h.screen().contains("acme-logs"), "{}", h.screen());
    h.keys("<Tab>").await;
    assert!(h.screen().contains("web-01"), "{}", h.screen());
    h.keys("<Tab>").await;
    assert!(h.screen().contains("checkout-api"), "{}", h.screen());
    h.keys("<Tab>").await;
    assert!(h.screen().contains("no view ahead"), "{}", h.screen());
}

#[tokio::test]
async fn the_profiles_view_is_in_the_jump_list_too() {
    let mut h = app();
    h.keys(":s3<Enter><Enter>P").await;
    assert!(!h.screen().contains("s3://acme-logs/"), "{}", h.screen());
    h.keys("-").await;
    assert!(h.screen().contains("s3://acme-logs/"), "{}", h.screen());
}

#[tokio::test]
async fn a_view_out_of_sight_lists_nothing_and_posts_nothing_after_a_region_switch() {
    let broken = AwsError {
        kind: ErrorKind::AccessDenied,
        code: Some("AuthFailure".into()),
        message: "region eu-west-3 is not enabled for this account".into(),
    };
    let contexts = FakeContexts::default()
        .ec2("dev@us-east-1", web())
        .failing("dev@eu-west-3", broken);
    let listed = contexts.listed.clone();
    let fake = adapters(sts()).with_contexts(contexts);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 100, 24);
    h.keys(":ec2<Enter>").await;
    assert!(h.screen().contains("web-01"), "{}", h.screen());
    // The EC2 view goes out of sight; the profiles view lists nothing from AWS.
    h.keys("P:region eu-west-3<Enter>").await;
    let in_new_region = |listed: &[String]| {
        listed
            .iter()
            .filter(|ctx| ctx.as_str() == "dev@eu-west-3")
            .count()
    };
    assert_eq!(
        in_new_region(&listed.lock().unwrap()),
        0,
        "the hidden view did not list"
    );
    let screen = h.screen();
    assert!(screen.contains("switched to dev · eu-west-3"), "{screen}");
    assert!(!screen.contains("not enabled"), "{screen}");
    // Shown again, it reloads in the new context and says why it failed, on its own screen.
    h.keys("-").await;
    assert_eq!(in_new_region(&listed.lock().unwrap()), 1);
    assert!(h.screen().contains("not enabled"), "{}", h.screen());
}

#[tokio::test]
async fn an_unknown_region_is_refused_and_region_bang_switches_anyway() {
    let mut h = app();
    let before = h.app.active_context().region.clone();
    h.keys(":region us-east-9<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("no region 'us-east-9' — did you mean us-east-1"),
        "{screen}"
    );
    assert_eq!(h.app.active_context().region, before, "nothing switched");
    h.keys(":region! us-east-9<Enter>").await;
    assert_eq!(h.app.active_context().region, "us-east-9");
}

#[tokio::test]
async fn a_new_dialog_clears_the_flash_and_the_permission_check_line_behind_it() {
    let mut h = app();
    h.keys(":ec2<Enter>y").await;
    assert!(h.screen().contains("copied: i-0web"), "{}", h.screen());
    h.keys("_").await;
    let screen = h.screen();
    assert!(screen.contains("Stop instance i-0web?"), "{screen}");
    let status = screen.lines().rev().nth(1).unwrap_or_default();
    assert!(!status.contains("copied"), "{screen}");
    assert!(!status.contains("checking permission"), "{screen}");
}

#[tokio::test]
async fn backspace_puts_the_cursor_on_the_prefix_you_left() {
    let mut h = app();
    // acme-logs → 2026/ → the second prefix, 12/.
    h.keys(":s3<Enter><Enter><Enter>j<Enter>").await;
    assert!(
        h.screen().contains("s3://acme-logs/2026/12/"),
        "{}",
        h.screen()
    );
    h.keys("<Backspace>").await;
    assert!(
        h.screen().contains("s3://acme-logs/2026/ "),
        "{}",
        h.screen()
    );
    // Enter opens the row under the cursor: the prefix just left, not the first one.
    h.keys("<Enter>").await;
    assert!(
        h.screen().contains("s3://acme-logs/2026/12/"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn the_first_screen_names_the_services_and_colon_tab_starts_with_the_views() {
    let mut h = app();
    h.keys("").await;
    assert!(
        h.screen()
            .contains(":s3 :ec2 :rds :ddb :lambda :logs  · : then Tab lists every view"),
        "{}",
        h.screen()
    );
    h.keys(":<Tab>").await;
    let screen = h.screen();
    let status = screen.lines().rev().nth(1).unwrap_or_default();
    assert!(status.contains(":s3 "), "{screen}");
    assert!(!screen.contains("│prompt"), "{screen}");
}

fn press(h: &mut Harness, code: crossterm::event::KeyCode) {
    let key = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
    h.app.handle_event(crossterm::event::Event::Key(key));
}

fn two_buckets() -> Harness {
    let s3 = FakeS3::default()
        .bucket("acme-logs", &[("a.log", 1)])
        .bucket("zeta-data", &[("z.csv", 1)]);
    Harness::sized(
        options(two_profiles(), "dev"),
        adapters_with(sts(), s3),
        100,
        24,
    )
}

#[tokio::test]
async fn j_and_enter_typed_while_the_buckets_load_are_applied_when_they_arrive() {
    use crossterm::event::KeyCode;
    let mut h = two_buckets();
    h.keys("").await;
    // Typed straight after the command, before the loop has delivered a single row.
    h.app.run_line("s3");
    press(&mut h, KeyCode::Char('j'));
    press(&mut h, KeyCode::Enter);
    h.keys("").await;
    let screen = h.screen();
    assert!(screen.contains("s3://zeta-data/"), "{screen}");
    assert!(screen.contains("z.csv"), "{screen}");
}

#[tokio::test]
async fn keys_typed_while_an_opened_s3_uri_finds_its_bucket_are_kept_too() {
    use crossterm::event::KeyCode;
    let mut s3 = FakeS3::default().bucket("multi", &[("a.log", 1), ("b.log", 1), ("c.log", 1)]);
    // One page, as S3's 1,000 keys would be: keys wait for the first rows, not for every row.
    s3.page_size = 1000;
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        adapters_with(sts(), s3),
        100,
        24,
    );
    h.keys("").await;
    // `:open s3://…` first asks where the bucket is: the keys wait for that and for the rows.
    h.app.run_line("open s3://multi/");
    press(&mut h, KeyCode::Char('j'));
    press(&mut h, KeyCode::Char('j'));
    press(&mut h, KeyCode::Enter);
    h.keys("").await;
    let screen = h.screen();
    assert!(screen.contains("c.log"), "{screen}");
    assert!(
        !screen.contains("a.log"),
        "the third object is open: {screen}"
    );
}

#[tokio::test]
async fn keys_that_act_now_are_never_kept_while_a_view_loads() {
    use crossterm::event::KeyCode;
    let mut h = two_buckets();
    h.keys("").await;
    h.app.run_line("s3");
    press(&mut h, KeyCode::Char('j'));
    press(&mut h, KeyCode::Char('q'));
    assert_eq!(h.app.exit_code(), Some(0), "q quit at once");
}

#[tokio::test]
async fn a_bucket_opened_from_another_profiles_row_names_that_profile_in_the_header() {
    let contexts = FakeContexts::default()
        .s3(
            "dev",
            FakeS3::default().bucket("dev-assets", &[("a.txt", 1)]),
        )
        .s3(
            "prod",
            FakeS3::default().bucket("prod-assets", &[("p.txt", 1)]),
        );
    let fake = adapters(sts()).with_contexts(contexts);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 140, 24);
    h.keys(":s3 @profiles *<Enter>").await;
    assert!(h.header().contains("profile dev"), "{}", h.header());
    h.keys("/prod-assets<Enter><Enter>").await;
    assert!(h.screen().contains("p.txt"), "{}", h.screen());
    let header = h.header();
    assert!(header.contains("view's profile prod"), "{header}");
    assert!(header.contains("account 222222222222"), "{header}");
    // Back in the list of every profile's buckets, the header is the active context's again.
    h.keys("<Esc><Esc>").await;
    assert!(h.header().contains("│ profile dev"), "{}", h.header());
}
