//! How much a message to the user matters (a flash, a report line): what the status line and
//! reports colour it by. A leaf, so the widgets that draw it need not know the panes.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Success,
    Warn,
    Error,
}
