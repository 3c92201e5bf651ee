//! Runs a program in a pseudo-terminal, as a user would: type keys, read the screen.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct PtySession {
    /// `None` once the terminal was hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    reader: Option<(JoinHandle<()>, Arc<AtomicBool>)>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    started: Instant,
    first_output: Arc<Mutex<Option<Instant>>>,
}

impl PtySession {
    pub fn spawn(
        program: &str,
        args: &[&str],
        env_set: &[(String, String)],
        env_remove: &[&str],
        cols: u16,
        rows: u16,
    ) -> std::io::Result<PtySession> {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(std::io::Error::other)?;
        let mut command = CommandBuilder::new(program);
        command.args(args);
        for name in env_remove {
            command.env_remove(name);
        }
        command.env("TERM", "xterm-256color");
        for (k, v) in env_set {
            command.env(k, v);
        }
        let started = Instant::now();
        let child = pty
            .slave
            .spawn_command(command)
            .map_err(std::io::Error::other)?;
        drop(pty.slave);
        let mut reader = pty
            .master
            .try_clone_reader()
            .map_err(std::io::Error::other)?;
        let writer = pty.master.take_writer().map_err(std::io::Error::other)?;
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let first_output = Arc::new(Mutex::new(None));
        let fd = pty
            .master
            .as_raw_fd()
            .ok_or_else(|| std::io::Error::other("the pty has no file descriptor"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let reading = {
            let (screen, raw, first_output) = (screen.clone(), raw.clone(), first_output.clone());
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Polled rather than blocked on, so `hang_up` can stop the thread: the terminal
                // only hangs up once every descriptor of its master side is closed.
                while !stop.load(Ordering::SeqCst) {
                    let mut ready = libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd; `fd` stays open until this thread is joined.
                    match unsafe { libc::poll(&mut ready, 1, 50) } {
                        0 => continue,
                        n if n < 0
                            && std::io::Error::last_os_error().kind()
                                == std::io::ErrorKind::Interrupted =>
                        {
                            continue;
                        }
                        n if n < 0 => break,
                        _ => {}
                    }
                    let n = match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    first_output
                        .lock()
                        .unwrap()
                        .get_or_insert_with(Instant::now);
                    screen.lock().unwrap().process(&buf[..n]);
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            })
        };
        Ok(PtySession {
            master: Some(pty.master),
            writer: Some(writer),
            reader: Some((reading, stop)),
            child,
            screen,
            raw,
            started,
            first_output,
        })
    }

    /// Raw bytes, exactly as given.
    pub fn send(&mut self, bytes: &str) {
        if let Some(writer) = &mut self.writer {
            let _ = writer.write_all(bytes.as_bytes());
            let _ = writer.flush();
        }
    }

    /// Closes the terminal under the program, as a dropped SSH connection or a closed window
    /// does: the kernel sends it SIGHUP, and its terminal reads and writes fail from then on.
    /// (Closing the writer first types a newline and an end-of-file, as portable-pty does.)
    pub fn hang_up(&mut self) {
        if let Some((reading, stop)) = self.reader.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = reading.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Text with `<Enter>`, `<Esc>`, `<Tab>`, `<BS>`, `<Up>`, `<Down>`, `<PgDn>`, `<PgUp>`,
    /// `<C-x>` for Ctrl-x.
    pub fn send_keys(&mut self, keys: &str) {
        let mut out = String::new();
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
            {
                let name = &rest[1..end];
                let seq = match name {
                    "Enter" => Some("\r".to_string()),
                    "Esc" => Some("\x1b".to_string()),
                    "Tab" => Some("\t".to_string()),
                    "BS" => Some("\x7f".to_string()),
                    "Up" => Some("\x1b[A".to_string()),
                    "Down" => Some("\x1b[B".to_string()),
                    "PgUp" => Some("\x1b[5~".to_string()),
                    "PgDn" => Some("\x1b[6~".to_string()),
                    n if n.len() == 3 && n.starts_with("C-") => {
                        let letter = n.as_bytes()[2].to_ascii_lowercase();
                        Some(((letter - b'a' + 1) as char).to_string())
                    }
                    _ => None,
                };
                if let Some(seq) = seq {
                    out.push_str(&seq);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        self.send(&out);
    }

    pub fn screen_text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Time from spawn to the first byte the program wrote.
    pub fn time_to_first_output(&self) -> Option<Duration> {
        self.first_output.lock().unwrap().map(|t| t - self.started)
    }

    /// Polls the screen until it contains `text`; the error carries the screen as it was.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(timeout, |screen| screen.contains(text))
            .map_err(|screen| {
                format!("'{text}' did not appear within {timeout:?}; screen:\n{screen}")
            })
    }

    pub fn wait_until(&self, timeout: Duration, done: impl Fn(&str) -> bool) -> Result<(), String> {
        let start = Instant::now();
        loop {
            let screen = self.screen_text();
            if done(&screen) {
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(screen);
            }
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }

    /// Everything the program wrote, once `done` holds for it or `timeout` has passed: after
    /// the program exits, the reader thread may still be draining its last bytes.
    pub fn raw_output_when(&self, timeout: Duration, done: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let raw = self.raw_output();
            if done(&raw) || start.elapsed() > timeout {
                return raw;
            }
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The parser first: whatever the program draws after its SIGWINCH must be read at the
        // new size.
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        let Some(master) = &self.master else {
            return;
        };
        let _ = master.resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        });
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The exit code, if the program ended within `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            if start.elapsed() > timeout {
                return None;
            }
            std::thread::park_timeout(Duration::from_millis(20));
        }
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((reading, stop)) = self.reader.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = reading.join();
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}
