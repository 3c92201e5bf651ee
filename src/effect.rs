//! What panes and `update` ask the outside world to do. Panes never spawn tasks or touch the
//! terminal themselves: they return effects, and the app loop carries them out.

use crate::aws::ContextKey;
use crate::command::CommandId;
use crate::panes::Pane;
use crate::runtime::{PaneId, Request};

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
    Cancel(crate::runtime::Owner, &'static str),
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
        }
    }
}
