//! What the app asks of the terminal it runs in. The real host is the restore guard in
//! `terminal`; tests use `RecordingHost`.

use std::io;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostAction {
    /// OSC 52 copy; the text is already sanitized.
    Copy(String),
    /// Ctrl-Z: give the terminal back to the shell until resumed.
    Suspend,
    SetMouse(bool),
    /// Leave the UI, run a program on the real terminal, come back when it exits.
    Exec(crate::pane::ExternalCommand),
}

/// The line printed on the restored terminal before a program runs. Its words can come from
/// AWS (an instance's address, a function name), so it is sanitized like any other text shown.
pub fn running_line(command: &crate::pane::ExternalCommand) -> String {
    format!(
        "awsterm: running {}",
        crate::sanitize::sanitize(&command.display())
    )
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
    fn the_running_line_shows_hidden_characters() {
        let command = crate::pane::ExternalCommand {
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
