//! Drives the real app loop headlessly: scripted keys into `run`, a `TestBackend` out. Keys are
//! released one at a time, only when no request is in flight, so every run is deterministic.

use awsterm::app::host::RecordingHost;
use awsterm::app::run::{Exit, run};
use awsterm::app::{App, AppOptions};
use awsterm::aws::profiles::{CredentialKind, ProfileInfo};
use awsterm::aws::{Adapters, AwsFiles, ContextKey};
use awsterm::keymap::Keymap;
use awsterm::keymap::keys::parse_script;
use awsterm::msg::Msg;
use awsterm::runtime::IdleProbe;
use awsterm::theme::{ColorSupport, Theme};
use crossterm::event::Event;
use futures::Stream;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

pub struct Scripted {
    events: VecDeque<Event>,
    probe: IdleProbe,
}

impl awsterm::app::run::InputSource for Scripted {}

/// No input at all until the sleep ends.
struct Idle(Pin<Box<tokio::time::Sleep>>);

impl awsterm::app::run::InputSource for Idle {}

impl Stream for Idle {
    type Item = io::Result<Event>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll(cx).map(|()| None)
    }
}

impl Stream for Scripted {
    type Item = io::Result<Event>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if !self.probe.is_idle() {
            // A reply will wake the loop, which polls us again; this wake covers the rest.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.events.pop_front().map(Ok))
    }
}

pub fn profile(name: &str, region: Option<&str>, kind: CredentialKind) -> ProfileInfo {
    ProfileInfo {
        name: name.into(),
        region: region.map(Into::into),
        kind,
        endpoint_url: None,
        sso_session: None,
        account_hint: None,
        mfa_serial: None,
    }
}

/// Two accounts' worth of profiles, the shape the demo and the e2e tests use.
/// `[[policy]]` rules from TOML, as config.toml would give them (and free of warnings).
pub fn policies(toml_text: &str) -> awsterm::policy::Policies {
    #[derive(serde::Deserialize)]
    struct File {
        policy: Vec<awsterm::policy::PolicyRule>,
    }
    let file: File = toml::from_str(toml_text).expect("policy toml");
    let (policies, warnings) = awsterm::policy::Policies::new(file.policy);
    assert!(warnings.is_empty(), "{warnings:?}");
    policies
}

pub fn two_profiles() -> Vec<ProfileInfo> {
    vec![
        profile("dev", Some("us-east-1"), CredentialKind::StaticKeys),
        profile("prod", Some("eu-west-1"), CredentialKind::AssumeRole),
        profile("sso-admin", None, CredentialKind::Sso),
    ]
}

pub fn options(profiles: Vec<ProfileInfo>, initial_profile: &str) -> AppOptions {
    let region = profiles
        .iter()
        .find(|p| p.name == initial_profile)
        .and_then(|p| p.region.clone())
        .unwrap_or_else(|| "us-east-1".into());
    AppOptions {
        initial: ContextKey {
            profile: Some(initial_profile.to_string()),
            region,
        },
        files: AwsFiles::Default,
        profiles: Ok(profiles),
        env_credentials: false,
        read_only: false,
        config_error: false,
        theme: Theme::mono(),
        theme_dir: None,
        color_support: ColorSupport::NoColor,
        keymap: Keymap::defaults(),
        mouse: false,
        // Long enough that no flash expires during a test run.
        flash_duration: Duration::from_secs(600),
        warnings: Vec::new(),
        s3: Default::default(),
        ec2: Default::default(),
        editor: String::new(),
        queries: Default::default(),
        logs: Default::default(),
        payloads: Default::default(),
        fan_out: awsterm::config::DEFAULT_FAN_OUT,
        policies: Default::default(),
        audit_log: Default::default(),
    }
}

pub struct Harness {
    pub app: App,
    rx: UnboundedReceiver<Msg>,
    pub terminal: Terminal<TestBackend>,
    pub host: RecordingHost,
}

impl Harness {
    pub fn new(options: AppOptions, adapters: Adapters) -> Harness {
        Harness::sized(options, adapters, 100, 24)
    }

    pub fn sized(options: AppOptions, adapters: Adapters, width: u16, height: u16) -> Harness {
        let (app, rx) = App::new(options, adapters);
        Harness {
            app,
            rx,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test backend"),
            host: RecordingHost::default(),
        }
    }

    /// Types the script, then lets every request it caused finish.
    pub async fn keys(&mut self, script: &str) -> Exit {
        let events = parse_script(script)
            .expect("valid key script")
            .into_iter()
            .map(Event::Key)
            .collect();
        let stream = Scripted {
            events,
            probe: self.app.idle_probe(),
        };
        let run = run(
            &mut self.app,
            &mut self.rx,
            &mut self.terminal,
            stream,
            &mut self.host,
        );
        tokio::time::timeout(Duration::from_secs(20), run)
            .await
            .expect("the app loop settles")
            .expect("no terminal error")
    }

    /// Lets the loop run for `time` with no input: timers (polls) fire, their requests finish.
    pub async fn wait(&mut self, time: Duration) -> Exit {
        let idle = Idle(Box::pin(tokio::time::sleep(time)));
        let run = run(
            &mut self.app,
            &mut self.rx,
            &mut self.terminal,
            idle,
            &mut self.host,
        );
        tokio::time::timeout(time + Duration::from_secs(20), run)
            .await
            .expect("the app loop settles")
            .expect("no terminal error")
    }

    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }

    /// The first screen line (the header), trimmed.
    pub fn header(&self) -> String {
        self.screen()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_matches('"')
            .trim_end()
            .to_string()
    }
}
