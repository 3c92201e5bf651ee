//! Widgets: the header, the status and hint lines, tables, pagers, documents and inputs. Each
//! draws plain data it is handed; the app composes the screen (`app::view`).

pub mod chart;
pub mod document;
pub mod format;
pub mod header;
pub mod item_scroll;
pub mod json_text;
pub mod line_input;
pub mod pager;
pub mod preview;
pub mod status;
pub mod table;
pub mod title;
pub mod wrap;

use ratatui::layout::Rect;
use ratatui::text::Line;

pub const MIN_WIDTH: u16 = 80;
/// 80×20: a list keeps 13 rows, and every field of the query builder (the tallest form) shows.
/// A 24-row terminal under a tmux status bar (80×23) is well above it.
pub const MIN_HEIGHT: u16 = 20;

/// A bordered box of `width` centred in `body`, tall enough for `lines` once wrapped.
pub fn centered_box(body: Rect, lines: &[Line], width: u16) -> Rect {
    let width = width.min(body.width);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let wrapped: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = (wrapped as u16 + 2).min(body.height);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}
