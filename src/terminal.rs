//! Owning the terminal: raw mode, alternate screen, bracketed paste and (optionally) mouse
//! capture are turned on in one place and undone in one place — on normal exit, on panic, on
//! SIGTERM/SIGHUP, around Ctrl-Z and shell-outs. ratatui's own restore only leaves raw mode and
//! the alternate screen, which would leave paste and mouse modes on in the user's shell.

use crate::app::host::{Host, HostAction};
use crate::pane::ExternalCommand;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// A program (ssh, an editor) has the terminal: a Ctrl-C typed there is its own.
static PROGRAM_RUNNING: AtomicBool = AtomicBool::new(false);

/// Whether a program run by awsterm has the terminal right now.
pub fn program_running() -> bool {
    PROGRAM_RUNNING.load(Ordering::SeqCst)
}

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

    /// Lends the terminal to a program: cooked mode, cursor shown, paste and mouse modes off,
    /// but on a cleared alternate screen rather than the shell's. What is written there (the
    /// "running …" line, a shell session's output) goes when awsterm leaves the alternate
    /// screen, so nothing of it is left in the user's shell after exit; an editor that
    /// switches screens itself finds the shell's screen untouched too.
    fn hand_over(&mut self) {
        if !std::mem::take(&mut self.entered) {
            return;
        }
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            DisableBracketedPaste,
            Clear(ClearType::All),
            cursor::MoveTo(0, 0),
            cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
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

impl TerminalGuard {
    /// Runs a program on the restored terminal. A failure is left on screen until Enter, so an
    /// error from `ssh` is not wiped by the UI coming back.
    fn exec(&mut self, command: &ExternalCommand) -> io::Result<()> {
        self.hand_over();
        let mut out = io::stdout();
        let _ = writeln!(out, "{}", crate::app::host::running_line(command));
        let _ = out.flush();
        PROGRAM_RUNNING.store(true, Ordering::SeqCst);
        let status = std::process::Command::new(&command.program)
            .args(&command.args)
            .status();
        let failure = match &status {
            Ok(s) if s.success() => None,
            Ok(s) => Some(match s.code() {
                Some(code) => format!("{} exited with status {code}", command.program),
                None => format!("{} was stopped by a signal", command.program),
            }),
            Err(e) => Some(format!("cannot run {}: {e}", command.program)),
        };
        if let Some(text) = &failure {
            let _ = write!(out, "awsterm: {text} — press Enter to return");
            let _ = out.flush();
            let mut line = String::new();
            let _ = io::stdin().read_line(&mut line);
        }
        // Only now: the terminal was cooked until here, so a Ctrl-C at the prompt above is a
        // SIGINT too, and a late one from the program is still recognised as its own.
        PROGRAM_RUNNING.store(false, Ordering::SeqCst);
        self.resume()?;
        match failure {
            Some(text) => Err(io::Error::other(text)),
            None => Ok(()),
        }
    }
}

/// The real terminal's key presses. Paused, it drops crossterm's event stream (which stops
/// its reader thread), so a program run on the terminal gets every key typed into it.
pub struct TerminalInput {
    stream: Option<crossterm::event::EventStream>,
}

impl TerminalInput {
    pub fn new() -> TerminalInput {
        TerminalInput {
            stream: Some(crossterm::event::EventStream::new()),
        }
    }
}

impl Default for TerminalInput {
    fn default() -> Self {
        TerminalInput::new()
    }
}

impl futures::Stream for TerminalInput {
    type Item = io::Result<crossterm::event::Event>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        match self.stream.as_mut() {
            Some(stream) => std::pin::Pin::new(stream).poll_next(cx),
            // Only while paused, and the loop does not poll then.
            None => std::task::Poll::Pending,
        }
    }
}

impl crate::app::run::InputSource for TerminalInput {
    fn pause(&mut self) {
        self.stream = None;
    }

    fn resume(&mut self) {
        self.stream = Some(crossterm::event::EventStream::new());
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
            HostAction::Exec(command) => self.exec(command),
        }
    }
}
