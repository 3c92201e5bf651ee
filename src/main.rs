use awsterm::app::App;
use awsterm::app::run::{Exit, run};
use awsterm::aws::Adapters;
use awsterm::cli::{Action, Cli};
use awsterm::msg::{Msg, Signal};
use awsterm::paths::process_env;
use awsterm::{startup, terminal};
use clap::Parser;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// How long an exiting awsterm waits for what it interrupted to be cleaned up (multipart
/// uploads aborted, audit lines written).
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(3);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.action {
        Some(Action::Man) => return print(&awsterm::cli::man_page()),
        Some(Action::Completions { shell }) => {
            return print(&awsterm::cli::completions(*shell));
        }
        None => {}
    }
    if cli.list_regions {
        return print(
            &awsterm::aws::regions::names()
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            say(&format!("cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async_main(cli))
}

async fn async_main(cli: Cli) -> ExitCode {
    if cli.list_profiles {
        // For completion scripts: nothing but names, and nothing at all if the files are bad.
        let files = awsterm::aws::AwsFiles::Default;
        let names: Vec<String> = awsterm::aws::profiles::load_profiles(&files)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.name)
            .collect();
        return print(&names.join("\n"));
    }
    let prepared = match startup::prepare(&cli, &process_env).await {
        Ok(p) => p,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let (_log_guard, log_path) = init_logging(prepared.log_file.as_deref());
    install_panic_hook(log_path.clone());
    // We resolve NO_COLOR ourselves (the `mono` theme); left to itself crossterm 0.29 answers
    // colour commands under NO_COLOR with a bare reset that also wipes bold/reverse, which would
    // make the selection invisible.
    crossterm::style::force_color_output(true);

    let adapters = Adapters::sdk(prepared.aws);
    let (mut app, mut rx) = App::new(prepared.options, adapters);
    app.set_bookmark_file(prepared.bookmarks);
    app.start(prepared.start);
    forward_signals(app.sender());

    let mut guard = match terminal::TerminalGuard::enter(prepared.mouse) {
        Ok(g) => g,
        Err(e) => {
            terminal::restore();
            say(&format!("cannot set up the terminal: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let mut term = match Terminal::new(CrosstermBackend::new(std::io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            drop(guard);
            say(&format!("cannot set up the terminal: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let events = CrashDrill::new(terminal::TerminalInput::new());
    let result = run(&mut app, &mut rx, &mut term, events, &mut guard).await;
    // Never dropped: ratatui's `Terminal` shows the cursor from its `Drop` and reports a failure
    // with `eprintln!`, which panics once the terminal is gone (a hangup). The guard below
    // shows the cursor itself, ignoring errors.
    std::mem::forget(term);
    // The terminal goes back first: the clean-up below may take a few seconds.
    drop(guard);
    let code = match result {
        Ok(Exit::Quit(code)) => code,
        // The terminal's input ended: it is gone, as after a hangup.
        Ok(Exit::InputEnded) => Signal::Hangup.exit_code(),
        Err(e) => {
            tracing::error!("terminal error: {e}");
            // A hangup breaks the terminal a moment before its signal arrives.
            match signal_soon(&mut rx).await {
                Some(signal) => signal.exit_code(),
                None => {
                    say(&format!("terminal error: {e}"));
                    1
                }
            }
        }
    };
    let shutdown = app.shutdown(SHUTDOWN_LIMIT).await;
    if shutdown.interrupted > 0 {
        tracing::warn!(?shutdown, "writes or transfers interrupted by the exit");
        say(&format!(
            "interrupted {} write(s) or transfer(s); see :audit",
            shutdown.interrupted
        ));
    }
    if shutdown.abandoned > 0 {
        tracing::warn!(?shutdown, "clean-up still running at exit");
    }
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Text for standard output (a script, a page, a list), ending in a newline.
fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", text.trim_end_matches('\n')) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// A message for the user's shell. Never panics: after a hangup there is no one to read it,
/// and `eprintln!` would panic on the dead terminal.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "awsterm: {message}");
}

/// A signal that arrives within a moment, if any.
async fn signal_soon(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> Option<Signal> {
    let wait = async {
        while let Some(msg) = rx.recv().await {
            if let Msg::Signal(signal) = msg {
                return Some(signal);
            }
        }
        None
    };
    tokio::time::timeout(Duration::from_millis(250), wait)
        .await
        .ok()
        .flatten()
}

/// Logs go to a file only: nothing may be printed while the UI owns the terminal.
fn init_logging(
    path: Option<&Path>,
) -> (
    Option<tracing_appender::non_blocking::WorkerGuard>,
    Option<PathBuf>,
) {
    let Some(path) = path else {
        return (None, None);
    };
    // Private (0600 in a 0700 directory): log lines name accounts and resources.
    let file = match awsterm::private_file::open_append(path) {
        Ok(f) => f,
        Err(_) => return (None, None),
    };
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = tracing_subscriber::EnvFilter::try_from_env("AWSTERM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,awsterm=info"));
    let _ = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "awsterm starting");
    (Some(guard), Some(path.to_path_buf()))
}

/// A panic on the UI thread restores the terminal first, so the message lands in a usable
/// shell. A panic in a background request is caught by the runtime and shown as an error flash;
/// here it is only logged, since printing would scribble over the UI.
fn install_panic_hook(log_path: Option<PathBuf>) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_ui_thread = std::thread::current().name() == Some("main");
        tracing::error!(ui_thread = on_ui_thread, "panic: {info}");
        if !on_ui_thread {
            return;
        }
        terminal::restore();
        default(info);
        // Not `eprintln!`: with the terminal gone it would panic inside the panic hook.
        let mut err = std::io::stderr();
        let _ = match &log_path {
            Some(p) => writeln!(err, "awsterm crashed; details in the log: {}", p.display()),
            None => writeln!(err, "awsterm crashed"),
        };
    }));
}

/// SIGTERM, SIGHUP (an SSH connection dropping) and SIGINT end the app through the normal
/// path: the terminal is restored, what is in flight interrupted, and the exit code says which
/// signal it was. SIGINT while a program such as `aws ssm start-session` runs on the terminal
/// is that program's Ctrl-C and must not end us. (A handler rather than SIG_IGN: an ignored
/// signal would stay ignored in that program too.)
fn forward_signals(tx: tokio::sync::mpsc::UnboundedSender<Msg>) {
    use tokio::signal::unix::{SignalKind, signal};
    for (kind, sent) in [
        (SignalKind::terminate(), Signal::Terminate),
        (SignalKind::hangup(), Signal::Hangup),
        (SignalKind::interrupt(), Signal::Interrupt),
    ] {
        let tx = tx.clone();
        if let Ok(mut stream) = signal(kind) {
            tokio::spawn(async move {
                while stream.recv().await.is_some() {
                    if sent == Signal::Interrupt && terminal::program_running() {
                        continue;
                    }
                    let _ = tx.send(Msg::Signal(sent));
                }
            });
        }
    }
}

/// Debug builds only: with `AWSTERM_DEBUG_PANIC_KEY` set, F12 panics on the UI thread, so the
/// crash path (terminal restored, log path printed) is tested against the real binary. Release
/// builds never arm it.
struct CrashDrill<S> {
    inner: S,
    armed: bool,
}

impl<S> CrashDrill<S> {
    fn new(inner: S) -> Self {
        let armed = cfg!(debug_assertions) && process_env("AWSTERM_DEBUG_PANIC_KEY").is_some();
        CrashDrill { inner, armed }
    }
}

impl<S: awsterm::app::run::InputSource> futures::Stream for CrashDrill<S> {
    type Item = std::io::Result<crossterm::event::Event>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let next = std::pin::Pin::new(&mut self.inner).poll_next(cx);
        if self.armed
            && let std::task::Poll::Ready(Some(Ok(crossterm::event::Event::Key(key)))) = &next
            && key.code == crossterm::event::KeyCode::F(12)
        {
            panic!("crash drill: F12 pressed with AWSTERM_DEBUG_PANIC_KEY set");
        }
        next
    }
}

impl<S: awsterm::app::run::InputSource> awsterm::app::run::InputSource for CrashDrill<S> {
    fn pause(&mut self) {
        self.inner.pause();
    }

    fn resume(&mut self) {
        self.inner.resume();
    }
}
