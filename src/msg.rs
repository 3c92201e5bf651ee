//! Everything that reaches the app loop: terminal input, AWS replies, OS signals.

use crate::runtime::Reply;

#[derive(Debug)]
pub enum Msg {
    Term(crossterm::event::Event),
    /// Boxed: outcomes can be large, and every message moves through the channel.
    Aws(Box<Reply>),
    /// SIGTERM / SIGHUP (an SSH connection dropped): leave cleanly.
    Terminate,
}
