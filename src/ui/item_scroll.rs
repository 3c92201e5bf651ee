//! A selection of items of different heights (a message, a command with its wrapped
//! description) and a scroll position by row, kept apart because one item may be taller
//! than the screen: j/k move between items and bring the whole item into view, PgUp/PgDn
//! scroll by rows (and select what is on top). The owner draws the rows; this only counts.

use super::table::ListInput;
use crate::command::CommandId;
use crate::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::ops::Range;

/// The focused view's border with its title, as the pager and the item views draw it.
pub fn focused_block(title: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style("border.focused"))
        .title(Span::styled(
            format!(" {} ", crate::sanitize::sanitize(title)),
            theme.style("title"),
        ))
}

#[derive(Default)]
pub struct ItemScroll {
    count: usize,
    selected: usize,
    offset: usize,
    /// Learned at the last draw: rows that fit, and where each item starts.
    height: usize,
    starts: Vec<usize>,
    total: usize,
    /// The selection moved: scroll it into view at the next draw.
    reveal: bool,
}

impl ItemScroll {
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Selects item `index` (clamped at draw time) and scrolls it into view.
    pub fn select(&mut self, index: usize) {
        self.selected = index;
        self.reveal = true;
    }

    /// The rows to draw, given where each item starts, how many rows there are and how many
    /// fit; remembers them for the next key.
    pub fn layout(&mut self, starts: Vec<usize>, total: usize, height: usize) -> Range<usize> {
        self.count = starts.len();
        self.selected = self.selected.min(self.count.saturating_sub(1));
        self.starts = starts;
        self.total = total;
        self.height = height;
        if std::mem::take(&mut self.reveal) {
            self.reveal_selected();
        }
        self.offset = self.offset.min(self.max_offset());
        self.offset..(self.offset + height).min(total)
    }

    /// Draws `items` (each its rows) in `area`, scrolled so the selection shows; `empty` when
    /// there are none.
    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        items: Vec<Vec<Line<'static>>>,
        empty: Line<'static>,
    ) {
        if items.is_empty() {
            frame.render_widget(Paragraph::new(empty), area);
            return;
        }
        let mut starts = Vec::with_capacity(items.len());
        let mut lines = Vec::new();
        for item in items {
            starts.push(lines.len());
            lines.extend(item);
        }
        let rows = self.layout(starts, lines.len(), area.height as usize);
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(rows.start)
            .take(rows.len())
            .collect();
        frame.render_widget(Paragraph::new(visible), area);
    }

    fn max_offset(&self) -> usize {
        self.total.saturating_sub(self.height.max(1))
    }

    /// The item shown on row `row`.
    fn item_at(&self, row: usize) -> usize {
        self.starts
            .iter()
            .rposition(|&start| start <= row)
            .unwrap_or(0)
    }

    fn reveal_selected(&mut self) {
        let Some(&start) = self.starts.get(self.selected) else {
            return;
        };
        let end = self
            .starts
            .get(self.selected + 1)
            .copied()
            .unwrap_or(self.total);
        if start < self.offset || end - start > self.height {
            self.offset = start;
        } else if end > self.offset + self.height {
            self.offset = end - self.height;
        }
        self.offset = self.offset.min(self.max_offset());
    }
}

impl ListInput for ItemScroll {
    fn handle(&mut self, command: CommandId) -> bool {
        let last = self.count.saturating_sub(1);
        let page = self.height.max(1);
        match command {
            CommandId::Up => self.selected = self.selected.saturating_sub(1),
            CommandId::Down => self.selected = (self.selected + 1).min(last),
            CommandId::Top => self.selected = 0,
            CommandId::Bottom => self.selected = last,
            CommandId::PageUp | CommandId::PageDown => {
                self.offset = if command == CommandId::PageUp {
                    self.offset.saturating_sub(page)
                } else {
                    (self.offset + page).min(self.max_offset())
                };
                self.selected = self.item_at(self.offset).min(last);
                return true;
            }
            _ => return false,
        }
        self.reveal = true;
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

    fn list(heights: &[usize], height: usize) -> ItemScroll {
        let mut starts = Vec::new();
        let mut total = 0;
        for h in heights {
            starts.push(total);
            total += h;
        }
        ItemScroll {
            count: heights.len(),
            starts,
            total,
            height,
            ..ItemScroll::default()
        }
    }

    #[test]
    fn moving_down_scrolls_the_whole_message_into_view() {
        let mut l = list(&[3, 3, 3, 3], 7);
        for _ in 0..2 {
            l.handle(CommandId::Down);
        }
        l.reveal_selected();
        assert_eq!(l.selected, 2);
        assert_eq!(l.offset, 2, "item 2 (rows 6–8) ends on the last row");
        l.handle(CommandId::Top);
        l.reveal_selected();
        assert_eq!(l.offset, 0);
    }

    #[test]
    fn a_message_taller_than_the_screen_is_read_page_by_page() {
        let mut l = list(&[2, 30, 2], 10);
        l.handle(CommandId::Down);
        l.reveal_selected();
        assert_eq!(l.offset, 2, "its first row on top");
        l.handle(CommandId::PageDown);
        assert_eq!((l.offset, l.selected), (12, 1), "still inside it");
        l.handle(CommandId::PageDown);
        l.handle(CommandId::PageDown);
        assert_eq!(l.offset, l.max_offset());
        assert_eq!(
            l.selected, 1,
            "the last item starts on row 32 and row 24 is item 1"
        );
        l.handle(CommandId::PageUp);
        assert_eq!(l.offset, 14);
    }
}
