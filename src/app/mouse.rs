//! The mouse, when captured (`mouse = true`, `:mouse`): the wheel moves the selection, a click
//! selects the row under it, a second click on the same row opens it. Capturing the mouse
//! takes the terminal's own select-to-copy away (most terminals give it back with Shift held;
//! tmux with its own mouse mode off), which is why capture is off unless asked for.

use super::App;
use crate::command::CommandId;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use std::time::{Duration, Instant};

/// Rows one notch of the wheel moves.
const WHEEL_ROWS: usize = 3;
/// Two clicks on one row closer together than this open it.
const DOUBLE_CLICK: Duration = Duration::from_millis(500);

/// The last click that selected a row, to recognise a second one.
#[derive(Default)]
pub(crate) struct Clicks {
    last: Option<(u16, Instant)>,
}

impl App {
    pub(crate) fn handle_mouse(&mut self, mouse: MouseEvent) {
        // Boxes and prompts over the view take keys only: the view under them stays as it is.
        if !self.notices.is_empty()
            || self.report.is_some()
            || self.dialog.is_some()
            || self.prompt.is_some()
        {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.wheel(CommandId::Down),
            MouseEventKind::ScrollUp => self.wheel(CommandId::Up),
            MouseEventKind::Down(MouseButton::Left) => self.click(mouse.column, mouse.row),
            _ => {}
        }
    }

    fn wheel(&mut self, command: CommandId) {
        self.clicks.last = None;
        for _ in 0..WHEEL_ROWS {
            self.run_command(command, None);
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let now = Instant::now();
        let selected = self
            .panes
            .last_mut()
            .and_then(|pane| pane.list_mut())
            .is_some_and(|list| list.select_at(x, y));
        if !selected {
            self.clicks.last = None;
            return;
        }
        self.mark_dirty();
        let again = self
            .clicks
            .last
            .is_some_and(|(row, at)| row == y && now.duration_since(at) < DOUBLE_CLICK);
        if again {
            self.clicks.last = None;
            self.run_command(CommandId::Open, None);
        } else {
            self.clicks.last = Some((y, now));
        }
    }
}
