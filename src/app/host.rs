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
}

pub trait Host {
    fn perform(&mut self, action: &HostAction) -> io::Result<()>;
}

/// Remembers what was asked, for tests.
#[derive(Default)]
pub struct RecordingHost {
    pub actions: Vec<HostAction>,
}

impl Host for RecordingHost {
    fn perform(&mut self, action: &HostAction) -> io::Result<()> {
        self.actions.push(action.clone());
        Ok(())
    }
}
