//! What panes and `update` ask the outside world to do. Panes never spawn tasks or touch the
//! terminal themselves: they return effects, and the app loop carries them out.

use crate::command::CommandId;
use crate::context::ContextKey;
use crate::panes::Pane;
use crate::protocol::{PaneId, Request};

pub type PaneFactory = Box<dyn FnOnce(PaneId) -> Box<dyn Pane> + Send>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Success,
    Warn,
    Error,
}

pub enum Effect {
    /// Run an AWS request in the background.
    Request(Request),
    /// Copy text to the clipboard (OSC 52). Must already be sanitized.
    Copy(String),
    Flash(Level, String),
    /// Switch the active context (profile and/or region).
    SwitchContext(ContextKey),
    /// Open a view on top of the current one; the app supplies its fresh id.
    Push(PaneFactory),
    /// Close the current view.
    Pop,
    /// Run a command by name, as if typed at the prompt (`arg` is its argument).
    Run(CommandId, Option<String>),
    /// Ask before doing something: `on_yes` is applied only if the user agrees.
    Confirm(Confirm),
    /// Ask for a line of text (a directory, a name); `on_answer` turns it into effects.
    Ask(Ask),
    /// Cancel the owner's request in this slot (a transfer the user stopped).
    Cancel(crate::protocol::Owner, &'static str),
    /// Call this pane's `wake` after this long (polling while something is changing). A newer
    /// wake replaces an older one; nothing fires while another view covers the pane.
    Wake(crate::protocol::PaneId, std::time::Duration),
    /// Hand the terminal to another program (an editor, `aws sso login`) and take it back
    /// when it exits.
    Exec(ExternalCommand),
    /// A shell on an instance (`aws ssm start-session`, `ssh`): run like `Exec`, but only
    /// after the write guard, and audited when it starts and when it ends.
    Session(Session),
    /// The same, then apply what `then` makes of how it ended (an editor: read the file back).
    ExecThen(ExternalCommand, AfterExec),
    /// A profile's credentials changed outside the app (an SSO login): drop what is cached
    /// for it and, if it is the active one, start over.
    CredentialsRenewed(Option<String>),
    /// Results worth reading line by line (one per instance of a bulk action), in a box that
    /// any key dismisses.
    Report(Report),
    /// Quit now (the user agreed to interrupt what was in flight).
    Quit,
}

/// What to do once a program run on the terminal has ended (`Err`: it failed or did not run).
pub type AfterExec = Box<dyn FnOnce(Result<(), String>) -> Vec<Effect> + Send>;

/// A shell on an instance: more than a write, so it is refused where writes are, typed out
/// where the policy wants writes typed, and recorded in the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub command: ExternalCommand,
    /// Where it runs and on what, as the guard and the audit log read it.
    pub access: crate::audit::Mutation,
    /// Already typed out in a policy's confirmation.
    pub confirmed: bool,
}

/// A program to run on the real terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalCommand {
    pub program: String,
    pub args: Vec<String>,
    /// Other programs it needs on `PATH` (the Session Manager plugin for `aws ssm`).
    pub requires: Vec<String>,
}

impl ExternalCommand {
    /// The command as a user would type it (for "run this yourself" messages).
    pub fn display(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .map(shell_quote)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

pub struct Report {
    pub title: String,
    pub lines: Vec<(Level, String)>,
}

pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// For irreversible actions: the text the user must type (a count, an id).
    pub typed: Option<String>,
    pub on_yes: Vec<Effect>,
}

pub struct Ask {
    pub title: String,
    pub initial: String,
    /// Tab completes local paths.
    pub complete_paths: bool,
    pub on_answer: Box<dyn FnOnce(String) -> Vec<Effect> + Send>,
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Request(r) => write!(f, "Request({:?})", r.op),
            Effect::Copy(t) => write!(f, "Copy({t:?})"),
            Effect::Flash(l, t) => write!(f, "Flash({l:?}, {t:?})"),
            Effect::SwitchContext(k) => write!(f, "SwitchContext({k:?})"),
            Effect::Push(_) => f.write_str("Push"),
            Effect::Pop => f.write_str("Pop"),
            Effect::Run(c, a) => write!(f, "Run({c}, {a:?})"),
            Effect::Confirm(c) => write!(f, "Confirm({:?})", c.title),
            Effect::Ask(a) => write!(f, "Ask({:?})", a.title),
            Effect::Cancel(o, s) => write!(f, "Cancel({o:?}, {s})"),
            Effect::Wake(p, d) => write!(f, "Wake({p:?}, {d:?})"),
            Effect::Exec(c) => write!(f, "Exec({})", c.display()),
            Effect::Session(s) => write!(f, "Session({})", s.command.display()),
            Effect::ExecThen(c, _) => write!(f, "ExecThen({})", c.display()),
            Effect::Report(r) => write!(f, "Report({:?})", r.title),
            Effect::CredentialsRenewed(p) => write!(f, "CredentialsRenewed({p:?})"),
            Effect::Quit => f.write_str("Quit"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_display_as_a_user_would_type_them() {
        let c = ExternalCommand {
            program: "ssh".into(),
            args: vec![
                "-i".into(),
                "/home/me/my key.pem".into(),
                "ec2-user@192.0.2.1".into(),
                "it's".into(),
            ],
            requires: Vec::new(),
        };
        assert_eq!(
            c.display(),
            "ssh -i '/home/me/my key.pem' ec2-user@192.0.2.1 'it'\\''s'"
        );
    }
}
