//! A scrollable read-only text view (object previews, details, later console output and
//! payloads). Lines arrive already styled and sanitized; only the visible ones are drawn.

use super::table::ListInput;
use crate::command::CommandId;
use crate::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

#[derive(Default)]
pub struct Pager {
    /// The lines as given.
    lines: Vec<Line<'static>>,
    /// The lines as drawn: as given, or wrapped to `wrapped_at` columns.
    drawn: Vec<Line<'static>>,
    offset: usize,
    /// Lines that fit, learned at the last draw.
    height: usize,
    /// Long lines continue on the next rows instead of being cut at the edge.
    wrap: bool,
    wrapped_at: usize,
}

impl Pager {
    /// A pager that wraps long lines to its width (prose: an error, a message).
    pub fn wrapping() -> Pager {
        Pager {
            wrap: true,
            ..Pager::default()
        }
    }

    /// Wraps long lines, or cuts them at the edge again.
    pub fn toggle_wrap(&mut self) {
        self.wrap = !self.wrap;
        self.drawn = self.lines.clone();
        self.wrapped_at = 0;
    }

    pub fn is_wrapping(&self) -> bool {
        self.wrap
    }

    /// Some line is wider than `width` cells: cut at the edge unless wrapped.
    pub fn cuts_at(&self, width: usize) -> bool {
        !self.wrap && self.lines.iter().any(|l| l.width() > width)
    }

    pub fn set_lines(&mut self, lines: Vec<Line<'static>>) {
        self.lines = lines;
        self.drawn = self.lines.clone();
        self.wrapped_at = 0;
        self.offset = self.offset.min(self.max_offset());
    }

    pub fn lines(&self) -> &[Line<'static>] {
        &self.lines
    }

    /// Wraps the source anew when the width changed.
    fn fit(&mut self, width: usize) {
        if !self.wrap || width == self.wrapped_at {
            return;
        }
        self.drawn = self
            .lines
            .iter()
            .flat_map(|line| super::wrap::wrap_line(line, width, 0))
            .collect();
        self.wrapped_at = width;
    }

    fn max_offset(&self) -> usize {
        self.drawn.len().saturating_sub(self.height.max(1))
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, title: &str) {
        let title = crate::sanitize::sanitize(title);
        let title = super::title::fit(&title, super::title::room(area.width, 0));
        let block = super::item_scroll::focused_block(&title, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.fit(inner.width as usize);
        self.height = inner.height as usize;
        self.offset = self.offset.min(self.max_offset());
        let visible: Vec<Line> = self
            .drawn
            .iter()
            .skip(self.offset)
            .take(self.height)
            .cloned()
            .collect();
        frame.render_widget(Paragraph::new(visible).style(theme.style("text")), inner);
    }
}

impl ListInput for Pager {
    fn handle(&mut self, command: CommandId) -> bool {
        let page = self.height.max(1);
        let max = self.max_offset();
        self.offset = match command {
            CommandId::Up => self.offset.saturating_sub(1),
            CommandId::Down => (self.offset + 1).min(max),
            CommandId::Top => 0,
            CommandId::Bottom => max,
            CommandId::PageUp => self.offset.saturating_sub(page),
            CommandId::PageDown => (self.offset + page).min(max),
            _ => return false,
        };
        true
    }

    fn handle_filter_key(&mut self, _key: &KeyEvent) {}

    fn paste_into_filter(&mut self, _text: &str) {}

    fn is_editing_filter(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_is_clamped_to_the_content() {
        let mut p = Pager {
            height: 10,
            ..Pager::default()
        };
        p.set_lines((0..25).map(|i| Line::raw(i.to_string())).collect());
        p.handle(CommandId::Bottom);
        assert_eq!(p.offset, 15);
        p.handle(CommandId::PageDown);
        assert_eq!(p.offset, 15);
        p.handle(CommandId::PageUp);
        assert_eq!(p.offset, 5);
        p.handle(CommandId::Top);
        p.handle(CommandId::Up);
        assert_eq!(p.offset, 0);
        assert!(!p.handle(CommandId::Filter));
    }
}
