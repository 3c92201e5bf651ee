//! What the listing benches share: the app on an off-screen terminal with the SDK adapters,
//! memory readings and key events.

// Each bench binary compiles this module and uses only part of it.
#![allow(dead_code)]

pub mod first_rows;

use awsterm::app::{App, AppOptions};
use awsterm::aws::{Adapters, AwsSetup, ContextKey};
use awsterm::keymap::Keymap;
use awsterm::theme::{ColorSupport, Theme};
use awsterm_testkit::account::AwsFiles;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

/// Resident memory of this process, in MB.
pub fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

pub fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

/// The context the benches work in: the per-run account's assume-role profile.
pub fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

/// What every bench starts the app with: no profiles, the mono theme, defaults elsewhere.
pub fn options(initial: ContextKey) -> AppOptions {
    AppOptions {
        initial,
        files: Default::default(),
        profiles: Ok(Vec::new()),
        env_credentials: false,
        read_only: false,
        config_error: false,
        theme: Theme::mono(),
        theme_dir: None,
        color_support: ColorSupport::NoColor,
        keymap: Keymap::defaults(),
        mouse: false,
        flash_duration: Duration::from_secs(60),
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

/// The real app on `files`, with the SDK adapters, drawing to a 120x40 off-screen terminal.
pub fn app(
    files: &AwsFiles,
) -> (
    App,
    tokio::sync::mpsc::UnboundedReceiver<awsterm::msg::Msg>,
    Terminal<TestBackend>,
) {
    let files = awsterm::aws::AwsFiles::Explicit {
        config: files.config_path(),
        credentials: files.credentials_path(),
    };
    let options = AppOptions {
        files,
        ..options(acct())
    };
    let adapters = Adapters::sdk(AwsSetup {
        files: options.files.clone(),
        endpoint_url: None,
        settings: Default::default(),
    });
    let (app, rx) = App::new(options, adapters);
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    (app, rx, terminal)
}

/// Feeds replies into the app, drawing after each, until `done(screen)`; returns when the
/// screen first satisfied `first` and when it satisfied `done`.
pub async fn run_until(
    app: &mut App,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<awsterm::msg::Msg>,
    terminal: &mut Terminal<TestBackend>,
    start: Instant,
    first: impl Fn(&str) -> bool,
    done: impl Fn(&str) -> bool,
) -> (Duration, Duration) {
    let mut first_at = None;
    loop {
        let msg = rx.recv().await.expect("reply");
        app.handle_msg(msg);
        terminal.draw(|f| awsterm::app::draw(f, app)).expect("draw");
        let text = terminal.backend().to_string();
        if first_at.is_none() && first(&text) {
            first_at = Some(start.elapsed());
        }
        if done(&text) {
            return (first_at.unwrap_or_default(), start.elapsed());
        }
    }
}

/// One filter keystroke over every row, drawn; then the mean of `frames` redraws after moving
/// the selection.
pub fn keystroke_and_frame(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    frames: u32,
) -> (Duration, Duration) {
    app.handle_event(key('/'));
    let t = Instant::now();
    app.handle_event(key('9'));
    terminal.draw(|f| awsterm::app::draw(f, app)).expect("draw");
    let keystroke = t.elapsed();
    app.handle_event(esc());
    let t = Instant::now();
    for i in 0..frames {
        app.handle_event(key(if i % 2 == 0 { 'j' } else { 'k' }));
        terminal.draw(|f| awsterm::app::draw(f, app)).expect("draw");
    }
    (keystroke, t.elapsed() / frames)
}

pub fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// The figures both listing benches print after their comparison line.
pub fn print_view_figures(
    n: usize,
    rss: (f64, f64),
    keystroke: Duration,
    frame: Duration,
    frames: u32,
) {
    println!(
        "RSS of the bench process with all rows loaded: {:.1} MB (before the app: {:.1} MB)",
        rss.1, rss.0
    );
    println!(
        "one filter keystroke over {n} rows, drawn: {:.2} ms (target < 16 ms)",
        keystroke.as_secs_f64() * 1e3
    );
    println!(
        "one frame at {n} rows: {:.3} ms (mean of {frames}; target < 4 ms)",
        frame.as_secs_f64() * 1e3
    );
}
