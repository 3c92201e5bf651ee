//! A broken config.toml through the real app loop and the real binary: a bad key costs only
//! itself, a broken safety setting makes every context read-only and the header says why.

use crate::app_harness::{Harness, options, two_profiles};
use crate::support::{AwsFiles, ENV_TO_REMOVE, PtySession, SCREEN_TIMEOUT};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeEc2, FakeSts, adapters};
use awsterm::config::Config;

fn running(id: &str) -> Instance {
    Instance {
        id: id.into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: Some("192.0.2.1".into()),
        public_ip: None,
        launched: None,
        key_name: None,
        tags: vec![("Name".into(), "web-01".into())],
    }
}

/// The app as `startup` builds it from this config.toml, at 80 columns, in the EC2 view.
async fn ec2_view_with_config(
    text: &str,
) -> (Harness, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let (config, problems) = Config::parse(text, "config.toml");
    let mut o = options(two_profiles(), "dev");
    o.read_only = config.read_only;
    o.config_error = problems.iter().any(|p| p.fails_closed);
    o.warnings = problems.into_iter().map(|p| p.text).collect();
    o.policies = awsterm::policy::Policies::new(config.policy).0;
    let ec2 = FakeEc2::with(vec![running("i-0a1")]);
    let calls = ec2.calls.clone();
    let sts = FakeSts::default().with("dev", "111111111111", "user/alice");
    let mut h = Harness::sized(o, adapters(sts).with_ec2(ec2), 80, 24);
    // The first key dismisses the start-up problems.
    h.keys(" :ec2<Enter>").await;
    assert!(h.screen().contains("i-0a1"), "{}", h.screen());
    (h, calls)
}

/// `confirm = "Typed"` used to throw the whole file away, policies included, and stop went
/// through. Now the rule is broken, so nothing may write — and the header says why.
#[tokio::test]
async fn a_broken_policy_refuses_stop_and_terminate_and_says_why() {
    let text = "[[policy]]\nprofiles = \"prod-*\"\nconfirm = \"Typed\"\n";
    let (mut h, calls) = ec2_view_with_config(text).await;
    assert!(
        h.screen()
            .contains("config error: every context is read-only · :problems shows why"),
        "the status line says it too: {}",
        h.screen()
    );
    let header = h.header();
    assert!(header.ends_with("READ-ONLY · config error"), "{header}");
    insta::assert_snapshot!(header);
    for key in ["_", "X", ":stop<Enter>", ":terminate<Enter>"] {
        h.keys(key).await;
        assert!(
            h.screen()
                .contains("read-only (config error, see :problems): '"),
            "{key}: {}",
            h.screen()
        );
    }
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
    // `:problems` shows the error again, its quoted line on a line of its own.
    h.keys(":problems<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("config.toml:3:11: policy #1: confirm:"),
        "{screen}"
    );
    assert!(screen.contains(" 3 | confirm = \"Typed\""), "{screen}");
    assert!(!screen.contains('␊'), "{screen}");
}

/// `mouse = "yes"` used to cost `read_only = true` too. Now it costs only `mouse`.
#[tokio::test]
async fn a_bad_mouse_keeps_read_only() {
    let (mut h, calls) = ec2_view_with_config("read_only = true\nmouse = \"yes\"\n").await;
    let header = h.header();
    assert!(header.ends_with("READ-ONLY"), "{header}");
    assert!(!header.contains("config error"), "{header}");
    h.keys("_").await;
    assert!(
        h.screen().contains("read-only mode: 'stop' is disabled"),
        "{}",
        h.screen()
    );
    assert!(calls.lock().unwrap().is_empty());
}

/// The real binary, 80 columns: a config.toml that is not TOML at all still starts, shows
/// the error as the lines it is, and runs read-only with the reason in the header.
#[test]
fn the_binary_starts_read_only_on_a_config_that_is_not_toml() {
    let files = AwsFiles::for_test("e2e_config_not_toml");
    let config_dir = files.dir.path().join("xdg-config/awsterm");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "theme = \"mono\"\nread_only = fals\n",
    )
    .unwrap();
    let mut term = PtySession::spawn(
        env!("CARGO_BIN_EXE_awsterm"),
        &["--profile", "base"],
        &files.env(),
        ENV_TO_REMOVE,
        80,
        24,
    )
    .expect("spawn awsterm in a pty");
    term.wait_for("READ-ONLY · config error", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("config.toml:2:13: not valid TOML", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for(" 2 | read_only = fals", SCREEN_TIMEOUT)
        .unwrap();
    let screen = term.screen_text();
    let header = screen.lines().next().unwrap_or_default();
    assert!(
        header.trim_end().ends_with("READ-ONLY · config error"),
        "{screen}"
    );
    assert!(!screen.contains('␊'), "{screen}");
    term.send_keys(" :stop<Enter>");
    term.wait_for(
        "read-only (config error, see :problems): 'stop' is disabled",
        SCREEN_TIMEOUT,
    )
    .unwrap();
}
