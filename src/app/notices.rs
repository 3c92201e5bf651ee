//! The start problems in a box over the view (`:problems` shows it again): each problem keeps
//! its own lines (a TOML error's quoted line and caret) and wraps to the box. When they do not
//! fit, the list keys scroll it; Esc dismisses it; any other key dismisses it and acts (a key
//! typed at once after start is not lost to a box not yet seen).

use super::App;
use crate::command::{CommandId, Scope};
use crate::keymap::keys::Key;
use crate::sanitize::sanitize;
use crate::ui::wrap::wrap_line;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use std::cell::Cell;

#[derive(Default)]
pub(crate) struct Notices {
    problems: Vec<String>,
    offset: usize,
    /// Learned at the last draw: rows of problems that fit, and how many there are.
    room: Cell<usize>,
    total: Cell<usize>,
}

impl Notices {
    pub(crate) fn show(&mut self, problems: Vec<String>) {
        self.problems = problems;
        self.offset = 0;
    }

    pub(crate) fn clear(&mut self) {
        self.problems.clear();
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    fn max_offset(&self) -> usize {
        self.total.get().saturating_sub(self.room.get().max(1))
    }

    /// True when the key scrolled the box (it has more rows than fit).
    fn scroll(&mut self, command: CommandId) -> bool {
        let (max, page) = (self.max_offset(), self.room.get().max(1));
        if max == 0 {
            return false;
        }
        self.offset = match command {
            CommandId::Up => self.offset.saturating_sub(1),
            CommandId::Down => (self.offset + 1).min(max),
            CommandId::PageUp => self.offset.saturating_sub(page),
            CommandId::PageDown => (self.offset + page).min(max),
            CommandId::Top => 0,
            CommandId::Bottom => max,
            _ => return false,
        };
        true
    }
}

impl App {
    /// A key while the problems are shown: it scrolls them, or dismisses them. True when the
    /// key is used up (a scroll, or Esc, which was pressed to close the box and nothing else).
    pub(super) fn notices_key(&mut self, key: &KeyEvent) -> bool {
        let command = self
            .shared
            .keymap
            .command_for(&[Scope::List], Key::from_event(key));
        if command.is_some_and(|c| self.notices.scroll(c)) {
            return true;
        }
        self.notices.clear();
        if key.code == crossterm::event::KeyCode::Esc {
            self.problems_unread = false;
            return true;
        }
        false
    }
}

pub(super) fn draw_notices(frame: &mut Frame, body: Rect, app: &App) {
    let theme = &app.theme;
    let notices = &app.notices;
    let width = body.width.saturating_sub(8).max(20).min(body.width);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let mut rows: Vec<Line> = Vec::new();
    for notice in &notices.problems {
        for (i, line) in notice.lines().enumerate() {
            let line = sanitize(line);
            let line = if i == 0 {
                Line::styled(format!("• {line}"), theme.style("flash.warn"))
            } else {
                Line::styled(format!("  {line}"), theme.style("text"))
            };
            rows.extend(wrap_line(&line, inner_width, 2));
        }
    }
    // Two rows of footer, two of border.
    let room = (body.height as usize).saturating_sub(4).max(1);
    notices.room.set(room);
    notices.total.set(rows.len());
    let offset = notices.offset.min(notices.max_offset());
    let footer = if rows.len() > room {
        let last = (offset + room).min(rows.len());
        format!(
            "{}–{last} of {} · j/k PgUp/PgDn scroll · Esc closes",
            offset + 1,
            rows.len()
        )
    } else {
        "Esc closes · any other key closes and acts".to_string()
    };
    let mut lines: Vec<Line> = rows.into_iter().skip(offset).take(room).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(footer, theme.style("text.dim")));
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(theme.style("dialog")).title(
            Line::styled(" Problems with your settings ", theme.style("flash.warn")),
        )),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_box_taller_than_its_room_scrolls() {
        let mut n = Notices::default();
        n.show(vec!["one".into()]);
        n.room.set(5);
        n.total.set(3);
        assert!(!n.scroll(CommandId::Down), "fits: the key dismisses");
        n.total.set(12);
        assert!(n.scroll(CommandId::PageDown));
        assert_eq!(n.offset, 5);
        assert!(n.scroll(CommandId::Bottom));
        assert_eq!(n.offset, 7);
        assert!(!n.scroll(CommandId::Open), "not a scrolling key");
        n.show(vec!["again".into()]);
        assert_eq!(n.offset, 0, "shown again from the top");
    }
}
