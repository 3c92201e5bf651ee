//! Everything that reaches the app loop: terminal input, AWS replies, OS signals.

use crate::protocol::Reply;

#[derive(Debug)]
pub enum Msg {
    Term(crossterm::event::Event),
    /// Boxed: outcomes can be large, and every message moves through the channel.
    Aws(Box<Reply>),
    /// A signal that ends the app: leave cleanly, interrupting what is in flight.
    Signal(Signal),
}

/// The signals awsterm exits on. In raw mode Ctrl-C is a key, so `Interrupt` only comes from
/// `kill -INT` (or a terminal no longer in raw mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGHUP: the terminal went away (an SSH connection dropped, the window closed).
    Hangup,
    Interrupt,
    Terminate,
}

impl Signal {
    /// The shell's convention: 128 + the signal's number (129, 130, 143).
    pub fn exit_code(self) -> i32 {
        128 + match self {
            Signal::Hangup => libc::SIGHUP,
            Signal::Interrupt => libc::SIGINT,
            Signal::Terminate => libc::SIGTERM,
        }
    }
}
