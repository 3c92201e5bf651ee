//! The event loop: terminal input, AWS replies and timers in one `select!`, and a draw only when
//! something changed — an idle awsterm does no work at all.

use super::App;
use super::host::{Host, HostAction};
use crate::msg::Msg;
use crossterm::event::Event;
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io;
use tokio::sync::mpsc::UnboundedReceiver;

/// Where key presses come from. Around a program run on the real terminal the source lets go
/// of the terminal: crossterm's reader thread would otherwise swallow keys meant for `ssh`.
pub trait InputSource: Stream<Item = io::Result<Event>> + Unpin {
    fn pause(&mut self) {}
    fn resume(&mut self) {}
}

impl InputSource for futures::stream::BoxStream<'_, io::Result<Event>> {}

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (or a signal asked us to); the code to exit with.
    Quit(i32),
    /// The input stream ended and nothing was in flight (scripted tests; a closed terminal).
    InputEnded,
}

pub async fn run<B, S>(
    app: &mut App,
    rx: &mut UnboundedReceiver<Msg>,
    terminal: &mut Terminal<B>,
    mut events: S,
    host: &mut dyn Host,
) -> io::Result<Exit>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    S: InputSource,
{
    let mut input_open = true;
    loop {
        for action in app.take_host_actions() {
            let external = matches!(action, HostAction::Exec(_));
            if external {
                events.pause();
            }
            let result = host.perform(&action);
            if external {
                events.resume();
            }
            if let Err(e) = &result {
                app.flash(crate::pane::Level::Error, format!("terminal: {e}"));
            }
            if external {
                app.exec_finished(result.map_err(|e| e.to_string()));
            }
            if action == HostAction::Suspend || external {
                // The guard re-entered a cleared screen; forget both buffers so the next draw
                // paints everything. (`Terminal::clear` would ask the terminal for the cursor
                // position, a reply the input stream swallows.)
                terminal.swap_buffers();
                terminal.swap_buffers();
                app.mark_dirty();
            }
        }
        // Before drawing: after a hangup there is no terminal to draw on.
        if let Some(code) = app.exit_code() {
            return Ok(Exit::Quit(code));
        }
        if app.needs_redraw() {
            terminal
                .draw(|frame| super::draw(frame, app))
                .map_err(io::Error::other)?;
            app.mark_drawn();
        }
        if !input_open && app.idle_probe().is_idle() {
            return Ok(Exit::InputEnded);
        }
        let deadline = app.next_deadline();
        tokio::select! {
            event = events.next(), if input_open => match event {
                Some(Ok(event)) => app.handle_event(event),
                Some(Err(e)) => return Err(e),
                None => input_open = false,
            },
            Some(msg) = rx.recv() => app.handle_msg(msg),
            _ = sleep_until(deadline), if deadline.is_some() => app.tick(),
        }
    }
}

async fn sleep_until(deadline: Option<std::time::Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(tokio::time::Instant::from_std(deadline)).await;
    }
}
