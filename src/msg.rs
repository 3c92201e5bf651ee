//! Everything that reaches the app loop: terminal input, AWS replies, OS signals.

use crate::runtime::Reply;

#[derive(Debug)]
pub enum Msg {
    Term(crossterm::event::Event),
    Aws(Reply),
    /// SIGTERM / SIGHUP (an SSH connection dropped): leave cleanly.
    Terminate,
}
