//! The one guard, through the real app loop on in-memory adapters: account rules while an
//! account is not known (a cross-account row, the header resolving, GetCallerIdentity failed),
//! accounts learned by a cross-account view, dry runs refused like the action they rehearse,
//! and shells on instances (SSM `c`, SSH `C`) guarded like writes.

use crate::app_harness::{Harness, options, policies, profile};
use awsterm::app::App;
use awsterm::app::host::HostAction;
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeSts, adapters};
use awsterm::aws::profiles::{CredentialKind, ProfileInfo};
use awsterm::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Calls = Arc<Mutex<Vec<String>>>;

fn instance(id: &str, name: &str) -> Instance {
    Instance {
        id: id.into(),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        az: "us-east-1a".into(),
        private_ip: Some("192.0.2.10".into()),
        tags: vec![("Name".into(), name.into())],
        ..Instance::default()
    }
}

/// `dev` (active), `prod` and `qa`: static keys, so only STS can tell their accounts.
fn profiles() -> Vec<ProfileInfo> {
    vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("prod", Some("eu-west-1"), CredentialKind::StaticKeys),
        profile("qa", Some("us-west-2"), CredentialKind::StaticKeys),
    ]
}

/// STS knows `dev` and `prod`; `qa`'s who-am-I fails.
fn sts() -> FakeSts {
    FakeSts::default()
        .with("dev", "111111111111", "user/alice")
        .with("prod", "222222222222", "assumed-role/ops/alice")
}

fn calls(list: &Calls) -> Vec<String> {
    list.lock().unwrap().clone()
}

/// One instance per profile, each in its own fake; their recorded calls by profile.
fn three_fleets() -> (FakeContexts, [Calls; 3]) {
    let fakes = [
        ("dev", "i-0dev", "dev-01"),
        ("prod", "i-0prod", "prod-01"),
        ("qa", "i-0qa", "qa-01"),
    ]
    .map(|(p, id, name)| (p, FakeEc2::with(vec![instance(id, name)])));
    let logs = [0, 1, 2].map(|i| fakes[i].1.calls.clone());
    let mut contexts = FakeContexts::default();
    for (p, fake) in fakes {
        contexts = contexts.ec2(p, fake);
    }
    (contexts, logs)
}

fn across(rules: &str) -> (Harness, [Calls; 3]) {
    let (contexts, logs) = three_fleets();
    let mut o = options(profiles(), "dev");
    o.policies = policies(rules);
    let h = Harness::sized(o, adapters(sts()).with_contexts(contexts), 160, 30);
    (h, logs)
}

fn ran(h: &Harness) -> Vec<String> {
    h.host
        .actions
        .iter()
        .filter_map(|a| match a {
            HostAction::Exec(c) => Some(c.display()),
            _ => None,
        })
        .collect()
}

const PROD_TYPED: &str = "[[policy]]\naccounts = \"222222222222\"\nconfirm = \"typed\"\n";

#[tokio::test]
async fn a_cross_account_row_is_refused_until_its_account_is_known_then_follows_the_rule() {
    let (mut h, [dev, prod, qa]) = across(PROD_TYPED);
    h.keys(":ec2 @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("3 contexts · 3 answered"), "{screen}");

    // qa's account could not be told: the rule for 222222222222 might be its rule.
    h.keys("/qa-01<Enter>_").await;
    let screen = h.screen();
    assert!(
        screen.contains(
            "qa: account not known yet (a policy names accounts): ec2 StopInstances refused"
        ),
        "{screen}"
    );
    assert!(calls(&qa).is_empty(), "not even the dry run went out");

    // prod's account was learned by the view itself: the account rule applies to its row.
    h.keys("<Esc>/prod-01<Enter>_").await;
    let screen = h.screen();
    assert!(screen.contains("type prod and press Enter"), "{screen}");
    h.keys("y<Enter>").await;
    assert_eq!(calls(&prod), ["dry-run stop i-0prod"], "`y` is not enough");
    h.keys("<C-u>prod<Enter>").await;
    assert_eq!(calls(&prod), ["dry-run stop i-0prod", "stop i-0prod"]);

    // dev (no rule for its known account) asks the usual way.
    h.keys("<Esc>/dev-01<Enter>_").await;
    let screen = h.screen();
    assert!(screen.contains("Stop instance i-0dev?"), "{screen}");
    assert!(!screen.contains("type dev"), "{screen}");
    h.keys("y").await;
    assert_eq!(calls(&dev), ["dry-run stop i-0dev", "stop i-0dev"]);
}

#[tokio::test]
async fn a_row_in_a_read_only_context_sends_no_dry_run() {
    let (mut h, [_, prod, _]) = across("[[policy]]\nprofiles = \"prod\"\nread_only = true\n");
    h.keys(":ec2 @profiles *<Enter>/prod-01<Enter>_").await;
    let screen = h.screen();
    assert!(
        screen.contains("prod is read-only (policy): ec2 StopInstances refused"),
        "{screen}"
    );
    assert!(!screen.contains("Stop instance"), "{screen}");
    assert!(calls(&prod).is_empty(), "{:?}", calls(&prod));
}

#[tokio::test]
async fn accounts_learned_by_a_cross_account_view_are_the_headers_and_the_audit_logs() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let (contexts, [_, prod, _]) = three_fleets();
    let mut o = options(profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    let mut h = Harness::sized(o, adapters(sts()).with_contexts(contexts), 160, 30);
    h.keys(":ec2 @profiles *<Enter>/prod-01<Enter>_y").await;
    assert_eq!(calls(&prod), ["dry-run stop i-0prod", "stop i-0prod"]);
    let (entries, _) = awsterm::audit::read_recent(&path, 10).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].profile, "prod");
    assert_eq!(entries[0].operation, "StopInstances");
    assert_eq!(entries[0].account.as_deref(), Some("222222222222"));

    // The profiles view knows it too, without asking STS again.
    h.keys(":contexts<Enter>").await;
    let screen = h.screen();
    let prod_row = screen
        .lines()
        .find(|l| l.contains("prod "))
        .unwrap_or_default();
    assert!(prod_row.contains("222222222222"), "{screen}");
}

#[tokio::test]
async fn a_failed_caller_identity_refuses_writes_until_the_account_is_known() {
    let (contexts, [_, _, qa]) = three_fleets();
    let mut o = options(profiles(), "qa");
    o.policies = policies(PROD_TYPED);
    let mut h = Harness::sized(o, adapters(sts()).with_contexts(contexts), 160, 30);
    h.keys(":ec2<Enter>").await;
    assert!(h.screen().contains("qa-01"), "{}", h.screen());
    h.keys("_").await;
    assert!(
        h.screen().contains(
            "qa: account not known yet (a policy names accounts): ec2 StopInstances refused"
        ),
        "{}",
        h.screen()
    );
    assert!(calls(&qa).is_empty(), "{:?}", calls(&qa));
    // A shell is refused the same way.
    h.keys("C").await;
    assert!(
        h.screen().contains("qa: account not known yet"),
        "{}",
        h.screen()
    );
    assert!(ran(&h).is_empty(), "{:?}", ran(&h));
}

/// The app driven without the scripted loop, which waits for every request to end: here the
/// header's request never does.
struct Direct {
    app: App,
    rx: tokio::sync::mpsc::UnboundedReceiver<Msg>,
    terminal: Terminal<TestBackend>,
}

impl Direct {
    fn screen(&mut self) -> String {
        let app = &mut self.app;
        self.terminal
            .draw(|frame| awsterm::app::draw(frame, app))
            .unwrap();
        self.terminal.backend().to_string()
    }

    /// Handles answers until the screen shows `text`.
    async fn until(&mut self, text: &str) {
        while !self.screen().contains(text) {
            let msg = tokio::time::timeout(Duration::from_secs(20), self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("no answer while waiting for {text}"))
                .expect("the app's channel is open");
            self.app.handle_msg(msg);
        }
    }

    fn line(&mut self, line: &str) {
        self.app.run_line(line);
    }
}

#[tokio::test]
async fn while_the_header_is_resolving_writes_and_dry_runs_are_refused() {
    let (contexts, [dev, _, _]) = three_fleets();
    let mut o = options(profiles(), "dev");
    o.policies = policies(PROD_TYPED);
    let sts = FakeSts::default().stalled("dev");
    let (app, rx) = App::new(o, adapters(sts).with_contexts(contexts));
    let mut d = Direct {
        app,
        rx,
        terminal: Terminal::new(TestBackend::new(140, 24)).unwrap(),
    };
    d.line("ec2");
    d.until("dev-01").await;
    assert!(d.screen().contains("resolving…"), "{}", d.screen());
    d.line("stop");
    let screen = d.screen();
    assert!(
        screen.contains(
            "dev: account not known yet (a policy names accounts): ec2 StopInstances refused"
        ),
        "{screen}"
    );
    assert!(calls(&dev).is_empty(), "{:?}", calls(&dev));
    assert!(!screen.contains("Stop instance"), "{screen}");
}

#[tokio::test]
async fn ssm_and_ssh_are_refused_in_read_only_mode_and_not_offered() {
    let (contexts, _) = three_fleets();
    let mut h = Harness::sized(
        options(profiles(), "dev"),
        adapters(sts()).with_contexts(contexts),
        160,
        30,
    );
    h.app.set_read_only(true);
    h.keys(":ec2<Enter>c").await;
    assert!(
        h.screen().contains("read-only mode: 'connect' is disabled"),
        "{}",
        h.screen()
    );
    h.keys("C").await;
    assert!(
        h.screen().contains("read-only mode: 'ssh' is disabled"),
        "{}",
        h.screen()
    );
    assert!(!h.screen().contains("Command to run"), "{}", h.screen());
    assert!(ran(&h).is_empty(), "{:?}", ran(&h));
    // Neither in the hints, nor in help, nor completed at the prompt.
    assert!(!h.screen().contains("connect"), "{}", h.screen());
    h.keys("?").await;
    let help = h.screen();
    assert!(
        !help.contains(":connect") && !help.contains(":ssh"),
        "{help}"
    );
    h.keys("<Esc>:ss<Tab>").await;
    assert!(!h.screen().contains(":ssh"), "{}", h.screen());
}

#[tokio::test]
async fn a_shell_on_a_row_in_a_read_only_context_is_refused() {
    let (mut h, _) = across("[[policy]]\nprofiles = \"prod\"\nread_only = true\n");
    h.keys(":ec2 @profiles *<Enter>/prod-01<Enter>C").await;
    let screen = h.screen();
    assert!(
        screen.contains("prod is read-only (policy): ssh connect refused"),
        "{screen}"
    );
    h.keys("c").await;
    assert!(
        h.screen()
            .contains("prod is read-only (policy): ssm start-session refused"),
        "{}",
        h.screen()
    );
    assert!(!h.screen().contains("Command to run"), "{}", h.screen());
    assert!(ran(&h).is_empty(), "{:?}", ran(&h));
}

#[tokio::test]
async fn a_typed_policy_asks_for_the_profile_name_before_a_shell() {
    let (mut h, _) = across(PROD_TYPED);
    h.keys(":ec2 @profiles *<Enter>/prod-01<Enter>C").await;
    let screen = h.screen();
    assert!(
        screen.contains("ssh connect in prod · eu-west-1"),
        "{screen}"
    );
    assert!(screen.contains("i-0prod"), "{screen}");
    assert!(screen.contains("type prod and press Enter"), "{screen}");
    h.keys("y<Enter>").await;
    assert!(ran(&h).is_empty(), "`y` is not enough: {:?}", ran(&h));
    assert!(!h.screen().contains("Command to run"), "{}", h.screen());
    h.keys("<C-u>prod<Enter>").await;
    // Typed: the session starts (or, without ssh here, the command to run is shown).
    let started = ran(&h) == ["ssh ec2-user@192.0.2.10"];
    let shown = h.screen().contains("not found on PATH: ssh");
    assert!(started || shown, "{:?}\n{}", ran(&h), h.screen());
}
