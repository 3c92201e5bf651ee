//! Owning the terminal: raw mode, alternate screen, bracketed paste and (optionally) mouse
//! capture are turned on in one place and undone in one place — on normal exit, on panic, on
//! SIGTERM/SIGHUP, around Ctrl-Z and shell-outs. ratatui's own restore only leaves raw mode and
//! the alternate screen, which would leave paste and mouse modes on in the user's shell.

use crate::app::host::{Host, HostAction};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::{self, Write};

pub struct TerminalGuard {
    mouse: bool,
    entered: bool,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        let mut guard = TerminalGuard {
            mouse,
            entered: false,
        };
        guard.resume()?;
        Ok(guard)
    }

    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        self.entered = true;
        let mut out = io::stdout();
        execute!(
            out,
            EnterAlternateScreen,
            // The alternate screen may still hold what was there before a suspend.
            Clear(ClearType::All),
            EnableBracketedPaste,
            cursor::Hide
        )?;
        if self.mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(())
    }

    /// Gives the terminal back exactly as we found it. Safe to call twice.
    pub fn leave(&mut self) {
        if std::mem::take(&mut self.entered) {
            restore();
        }
    }

    fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        self.mouse = on;
        if on {
            execute!(io::stdout(), EnableMouseCapture)
        } else {
            execute!(io::stdout(), DisableMouseCapture)
        }
    }

    /// Ctrl-Z: restore the terminal, stop ourselves like any job, and take the terminal back
    /// when the shell resumes us with `fg`.
    fn suspend(&mut self) -> io::Result<()> {
        self.leave();
        // SAFETY: raise() only delivers a signal to this process; SIGTSTP's default action stops
        // it, and execution continues here after SIGCONT.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        self.resume()
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        self.leave();
    }
}

/// Undoes every mode awsterm may have turned on, ignoring errors: called from the panic hook
/// too, where the guard cannot be reached.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Copies through the terminal (OSC 52), which works over SSH because the local terminal does
/// the copying; the text is base64-encoded by crossterm, so it cannot inject sequences.
fn copy_osc52(text: &str) -> io::Result<()> {
    use crossterm::clipboard::CopyToClipboard;
    execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))
}

impl Host for TerminalGuard {
    fn perform(&mut self, action: &HostAction) -> io::Result<()> {
        match action {
            HostAction::Copy(text) => copy_osc52(text),
            HostAction::Suspend => self.suspend(),
            HostAction::SetMouse(on) => self.set_mouse(*on),
        }
    }
}
