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
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = edit_dir()?;
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

/// This process's directory for files handed to an editor, removed when the process exits.
static EDIT_DIR: EditDir = EditDir::new();

fn edit_dir() -> Result<PathBuf, String> {
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        extern "C" fn remove() {
            EDIT_DIR.remove();
        }
        // SAFETY: registers a plain function to run at normal process exit.
        unsafe { libc::atexit(remove) };
    });
    EDIT_DIR.get()
}

/// A fresh directory with a random name, created exclusively and 0700: a predictable name in
/// /tmp could be created first by someone else, and would then be theirs.
struct EditDir(std::sync::Mutex<Option<PathBuf>>);

impl EditDir {
    const fn new() -> EditDir {
        EditDir(std::sync::Mutex::new(None))
    }

    fn get(&self) -> Result<PathBuf, String> {
        let mut current = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = current.as_ref().filter(|d| d.is_dir()) {
            return Ok(dir.clone());
        }
        let dir = tempfile::Builder::new()
            .prefix("awsterm-")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .tempdir()
            .map_err(|e| format!("{}: {e}", std::env::temp_dir().display()))?
            // Kept past this call: `remove` deletes it at exit.
            .keep();
        *current = Some(dir.clone());
        Ok(dir)
    }

    fn remove(&self) {
        let dir = self.0.lock().ok().and_then(|mut d| d.take());
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The line printed on the restored terminal before a program runs. Its words can come from
/// AWS (an instance's address, a function name), so it is sanitized like any other text shown.
pub fn running_line(command: &crate::effect::ExternalCommand) -> String {
    format!(
        "awsterm: running {}",
        crate::sanitize::sanitize(&command.display())
    )
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
    fn the_editor_directory_is_fresh_private_and_unpredictable() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // What the old fixed name would be: someone else may have made it first, open to all.
        let squatted = std::env::temp_dir().join(format!("awsterm-{}", std::process::id()));
        let _ = std::fs::create_dir(&squatted);
        let path = super::edit_file("orders", "{}").unwrap();
        let dir = path.parent().unwrap();
        assert_ne!(dir, squatted.as_path(), "a predictable directory");
        let meta = std::fs::metadata(dir).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o700);
        assert_eq!(meta.uid(), unsafe { libc::getuid() });
        let file_mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(file_mode, 0o600);
        let _ = std::fs::remove_dir(&squatted);
    }

    #[test]
    fn an_edit_directory_is_removed_with_its_files_and_never_reused() {
        let dirs = super::EditDir::new();
        let first = dirs.get().unwrap();
        std::fs::write(first.join("item.json"), "{}").unwrap();
        assert_eq!(dirs.get().unwrap(), first);
        dirs.remove();
        assert!(!first.exists());
        let second = dirs.get().unwrap();
        assert_ne!(second, first);
        dirs.remove();
        assert!(!second.exists());
    }

    #[test]
    fn the_running_line_shows_hidden_characters() {
        let command = crate::effect::ExternalCommand {
            program: "ssh".into(),
            args: vec![
                "ec2-user@127.0.0.1\x1b]52;c;aGk=\x07".into(),
                "i-\u{202e}1\u{ad}".into(),
            ],
            requires: Vec::new(),
        };
        let line = super::running_line(&command);
        assert!(line.starts_with("awsterm: running ssh "), "{line}");
        assert!(!line.chars().any(crate::sanitize::is_hidden), "{line:?}");
        assert!(
            line.contains("␛]52") && line.contains("\\u{202e}"),
            "{line}"
        );
    }

    #[test]
    fn programs_are_found_on_the_path() {
        assert!(super::on_path("sh"));
        assert!(super::on_path("/bin/sh"));
        assert!(!super::on_path("awsterm-no-such-program"));
        assert!(!super::on_path("/nonexistent/sh"));
    }
}
