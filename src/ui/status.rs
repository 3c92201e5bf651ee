//! The two bottom lines: status (prompt, filter, flash) and key hints from the keymap.

use super::header::truncate;
use crate::command::CommandId;
use crate::level::Level;
use crate::sanitize::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, Paragraph};

/// What the status line shows, most urgent first: the app picks one.
pub enum StatusLine<'a> {
    /// The `:` prompt being typed, the cursor as a character index.
    Prompt {
        text: &'a str,
        cursor: usize,
    },
    /// A filter (or a search) being typed in the focused view: what it is, and its keys.
    Filtering {
        name: &'static str,
        keys: &'static str,
    },
    Flash {
        level: Level,
        text: &'a str,
        /// The key that shows messages whole, named when the text is cut.
        more: Option<String>,
    },
    /// A lasting problem (a failed identity) when nothing else is to be said.
    Problem {
        text: String,
        more: Option<String>,
    },
    Empty,
}

pub fn draw_status(frame: &mut Frame, area: Rect, status: &StatusLine, theme: &Theme) {
    match status {
        StatusLine::Prompt { text, cursor } => {
            let line = Line::from(vec![
                Span::styled(":", theme.style("prompt")),
                Span::styled(sanitize(text).into_owned(), theme.style("prompt.input")),
            ]);
            frame.render_widget(Paragraph::new(line), area);
            let before: String = text.chars().take(*cursor).collect();
            let x = area.x + 1 + Span::raw(before).width() as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
        StatusLine::Filtering { name, keys } => {
            let line = Line::from(vec![
                Span::styled(format!("{name}: "), theme.style("prompt")),
                Span::styled(*keys, theme.style("text.dim")),
            ]);
            frame.render_widget(Paragraph::new(line), area);
        }
        StatusLine::Flash { level, text, more } => {
            let role = match level {
                Level::Info => "flash.info",
                Level::Success => "flash.success",
                Level::Warn => "flash.warn",
                Level::Error => "flash.error",
            };
            draw_message(frame, area, text, more.as_deref(), theme.style(role), theme);
        }
        StatusLine::Problem { text, more } => {
            let style = theme.style("flash.error");
            draw_message(frame, area, text, more.as_deref(), style, theme);
        }
        StatusLine::Empty => {}
    }
}

fn draw_message(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    more: Option<&str>,
    style: ratatui::style::Style,
    theme: &Theme,
) {
    let short = short_form(&sanitize_lines(text), area.width as usize, more);
    let mut spans = vec![Span::styled(short.text, style)];
    if let Some(hint) = short.hint {
        spans.push(Span::styled(hint, theme.style("text.dim")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Each line sanitized, the newlines kept (the short form stops at the first).
fn sanitize_lines(text: &str) -> String {
    text.lines().map(sanitize).collect::<Vec<_>>().join("\n")
}

/// A message as one status line: whole when it fits, else cut with `…` and, room permitting,
/// the key that shows it whole.
#[derive(Debug, PartialEq, Eq)]
pub struct ShortForm {
    pub text: String,
    pub hint: Option<String>,
}

pub fn short_form(text: &str, width: usize, more: Option<&str>) -> ShortForm {
    use unicode_width::UnicodeWidthStr;
    let first = text.lines().next().unwrap_or_default();
    let cut = first.len() < text.trim_end().len();
    if !cut && first.width() <= width {
        return ShortForm {
            text: first.to_string(),
            hint: None,
        };
    }
    // The hint only when a useful part of the message still fits beside it.
    let hint = more
        .map(|key| format!(" {key} shows all"))
        .filter(|h| h.width() + 20 <= width);
    let room = width.saturating_sub(hint.as_deref().map_or(0, UnicodeWidthStr::width));
    let mut shown = String::new();
    let mut used = 0;
    for c in first.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        used += w;
        shown.push(c);
    }
    shown.push('…');
    ShortForm { text: shown, hint }
}

/// `<key> name` pairs in the hint bar; whatever does not fit goes, `?` help last.
pub fn draw_hints(
    frame: &mut Frame,
    area: Rect,
    mut pairs: Vec<(String, &'static str)>,
    theme: &Theme,
) {
    // The way to `?` help always stays (it lists the rest).
    let width = |pairs: &[(String, &str)]| -> usize {
        pairs
            .iter()
            .map(|(k, l)| k.chars().count() + l.chars().count() + 5)
            .sum()
    };
    while width(&pairs) > area.width as usize && pairs.len() > 1 {
        let drop_at = pairs
            .iter()
            .rposition(|(_, label)| *label != CommandId::Help.name())
            .unwrap_or(pairs.len() - 1);
        pairs.remove(drop_at);
    }
    let mut spans = Vec::new();
    for (key, label) in pairs {
        spans.push(Span::styled(format!("<{key}>"), theme.style("hints.key")));
        spans.push(Span::styled(
            format!(" {label}  "),
            theme.style("hints.desc"),
        ));
    }
    let line = truncate(Line::from(spans), area.width as usize);
    frame.render_widget(Paragraph::new(line).style(theme.style("hints")), area);
}

/// The prompt's suggestions, in a small box just above the status line.
pub fn draw_suggestions(
    frame: &mut Frame,
    body: Rect,
    suggestions: &[String],
    selected: Option<usize>,
    theme: &Theme,
) {
    if suggestions.is_empty() {
        return;
    }
    let height = (suggestions.len() as u16 + 2).min(body.height);
    let width = suggestions
        .iter()
        .map(|s| Span::raw(s.as_str()).width() as u16 + 4)
        .max()
        .unwrap_or(10)
        .clamp(24, body.width);
    let area = Rect {
        x: body.x,
        y: body.bottom().saturating_sub(height),
        width,
        height,
    };
    let items: Vec<ListItem> = suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let role = if Some(i) == selected {
                "prompt.suggestion.selected"
            } else {
                "prompt.suggestion"
            };
            ListItem::new(Span::styled(sanitize(s).into_owned(), theme.style(role)))
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        List::new(items).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.style("border"))
                .title(Span::styled(" Tab completes ", theme.style("text.dim"))),
        ),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::{ShortForm, short_form};

    #[test]
    fn a_message_that_fits_is_whole_and_names_no_key() {
        assert_eq!(
            short_form("copied: i-0abc", 80, Some("!")),
            ShortForm {
                text: "copied: i-0abc".into(),
                hint: None
            }
        );
    }

    #[test]
    fn a_cut_message_ends_with_an_ellipsis_and_the_key_that_shows_it() {
        let text = "nothing written (your text: /tmp/awsterm-edit/orders-1234.json is kept): \
                    the item changed since it was read";
        let short = short_form(text, 60, Some("!"));
        assert_eq!(short.hint.as_deref(), Some(" ! shows all"));
        assert!(short.text.ends_with('…'), "{short:?}");
        assert!(text.starts_with(short.text.trim_end_matches('…')));
        let width = short.text.chars().count() + short.hint.unwrap().chars().count();
        assert!(width <= 60, "{width}");
    }

    #[test]
    fn only_the_first_line_is_shown_and_the_rest_counts_as_cut() {
        let short = short_form("2 problems\nsecond line", 80, Some("!"));
        assert_eq!(short.text, "2 problems…");
        assert!(short.hint.is_some());
    }

    #[test]
    fn without_room_or_a_key_the_cut_is_plain() {
        let long = "x".repeat(100);
        assert_eq!(short_form(&long, 25, Some("!")).hint, None, "too narrow");
        let plain = short_form(&long, 40, None);
        assert_eq!((plain.text.chars().count(), plain.hint), (40, None));
    }
}
