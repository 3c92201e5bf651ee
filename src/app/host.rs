//! What the app asks of the terminal it runs in. The real host is the restore guard in
//! `terminal`; tests use `RecordingHost`.

use std::io;
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostAction {
    /// OSC 52 copy; the text is already sanitized.
    Copy(String),
    /// Ctrl-Z: give the terminal back to the shell until resumed.
    Suspend,
    SetMouse(bool),
    /// Leave the UI, run a program on the real terminal, come back when it exits.
    Exec(crate::effect::ExternalCommand),
}

/// Writes `contents` to a new file only this user can read, in a directory only they can
/// enter (items and payloads may hold secrets).
pub fn edit_file(name: &str, contents: &str) -> Result<PathBuf, String> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!("awsterm-{}", std::process::id()));
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    }
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!(
        "{safe}-{}.json",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, contents.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The editor on `file`: the configured one, else `$VISUAL`, then `$EDITOR`, else `vi`.
pub fn editor_command(configured: &str, file: &std::path::Path) -> crate::effect::ExternalCommand {
    let configured = std::iter::once(configured.to_string())
        .chain(
            ["VISUAL", "EDITOR"]
                .iter()
                .filter_map(|v| std::env::var(v).ok()),
        )
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = configured.split_whitespace().map(str::to_owned);
    let program = words.next().unwrap_or_else(|| "vi".into());
    let mut args: Vec<String> = words.collect();
    args.push(file.display().to_string());
    crate::effect::ExternalCommand {
        program,
        args,
        requires: Vec::new(),
    }
}

/// Whether `program` can be started: a path that exists, or a name found on `PATH`.
pub fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let executable = |p: &std::path::Path| {
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if program.contains('/') {
        return executable(std::path::Path::new(program));
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| executable(&dir.join(program))))
}

pub trait Host {
    fn perform(&mut self, action: &HostAction) -> io::Result<()>;
}

/// Remembers what was asked, for tests.
#[derive(Default)]
pub struct RecordingHost {
    pub actions: Vec<HostAction>,
    /// Really run programs (`Exec`), without a terminal: for editor round trips in tests.
    pub run_programs: bool,
}

impl Host for RecordingHost {
    fn perform(&mut self, action: &HostAction) -> io::Result<()> {
        self.actions.push(action.clone());
        match action {
            HostAction::Exec(command) if self.run_programs => {
                let status = std::process::Command::new(&command.program)
                    .args(&command.args)
                    .stdin(std::process::Stdio::null())
                    .status()?;
                if status.success() {
                    Ok(())
                } else {
                    Err(io::Error::other(format!(
                        "{} exited with {status}",
                        command.program
                    )))
                }
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn programs_are_found_on_the_path() {
        assert!(super::on_path("sh"));
        assert!(super::on_path("/bin/sh"));
        assert!(!super::on_path("awsterm-no-such-program"));
        assert!(!super::on_path("/nonexistent/sh"));
    }
}
