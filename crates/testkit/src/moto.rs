//! The emulator: `moto_server` from the project's virtualenv, on a free 127.0.0.1 port.

use crate::http;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A running emulator (or one started elsewhere, e.g. by `scripts/test`).
pub struct Moto {
    pub endpoint: String,
    child: Option<Child>,
}

impl Moto {
    /// The emulator every test in this process shares: `AWSTERM_MOTO_ENDPOINT` when the test
    /// script started one for the whole run, else one started here on first use.
    pub fn shared() -> &'static Moto {
        static SHARED: OnceLock<Moto> = OnceLock::new();
        SHARED.get_or_init(|| match std::env::var("AWSTERM_MOTO_ENDPOINT") {
            Ok(endpoint) if !endpoint.is_empty() => Moto {
                endpoint,
                child: None,
            },
            _ => start_on_keeper_thread().unwrap_or_else(|e| panic!("{e}")),
        })
    }

    /// Starts a private emulator; it is killed when dropped, or when this process dies.
    pub fn start() -> Result<Moto, String> {
        let binary = moto_binary()?;
        let port = free_port().map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
        let log = std::env::temp_dir().join(format!("awsterm-moto-{port}.log"));
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let mut command = Command::new(&binary);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file);
        // The emulator must not outlive a test process killed mid-run.
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let moto = Moto {
            endpoint: format!("http://127.0.0.1:{port}"),
            child: Some(child),
        };
        moto.wait_ready(Duration::from_secs(60))
            .map_err(|e| format!("{e} (log: {})", log.display()))?;
        moto.configure()?;
        Ok(moto)
    }

    fn wait_ready(&self, limit: Duration) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Ok(r) = http::request(&self.endpoint, "GET", "/moto-api/", &[], "")
                && r.status < 500
            {
                return Ok(());
            }
            if start.elapsed() > limit {
                return Err(format!(
                    "moto did not answer on {} within {limit:?}",
                    self.endpoint
                ));
            }
            std::thread::park_timeout(Duration::from_millis(50));
        }
    }

    /// Lambda without Docker: functions are created Active and `Invoke` echoes the payload.
    fn configure(&self) -> Result<(), String> {
        let r = http::request(
            &self.endpoint,
            "POST",
            "/moto-api/config",
            &[("Content-Type", "application/json")],
            r#"{"lambda":{"use_docker":false}}"#,
        )
        .map_err(|e| e.to_string())?;
        if !(200..300).contains(&r.status) {
            return Err(format!("moto config answered {}: {}", r.status, r.body));
        }
        Ok(())
    }

    pub fn port(&self) -> &str {
        self.endpoint.rsplit(':').next().unwrap_or_default()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `AWSTERM_MOTO_SERVER`, else `<workspace>/.venv/bin/moto_server`.
pub fn moto_binary() -> Result<PathBuf, String> {
    let path = match std::env::var_os("AWSTERM_MOTO_SERVER") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join(".venv/bin/moto_server"),
    };
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found: run scripts/moto-env first (scripts/test and scripts/demo do)",
            path.display()
        ))
    }
}

/// Starts the shared emulator from a thread that never ends. The kernel's parent-death signal
/// follows the *thread* that spawned the child, so an emulator started from a test's thread
/// would be killed as soon as that test finished, under every other test still using it.
fn start_on_keeper_thread() -> Result<Moto, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("moto-keeper".into())
        .spawn(move || {
            let _ = tx.send(Moto::start());
            loop {
                std::thread::park();
            }
        })
        .map_err(|e| format!("cannot start the emulator's thread: {e}"))?;
    rx.recv()
        .map_err(|_| "the emulator's thread ended early".to_string())?
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

pub fn free_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
