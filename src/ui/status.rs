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
    },
    /// A lasting problem (a failed identity) when nothing else is to be said.
    Problem(String),
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
        StatusLine::Flash { level, text } => {
            let role = match level {
                Level::Info => "flash.info",
                Level::Success => "flash.success",
                Level::Warn => "flash.warn",
                Level::Error => "flash.error",
            };
            let line = Line::from(Span::styled(sanitize(text).into_owned(), theme.style(role)));
            frame.render_widget(Paragraph::new(truncate(line, area.width as usize)), area);
        }
        StatusLine::Problem(text) => {
            let line = Line::from(Span::styled(
                sanitize(text).into_owned(),
                theme.style("flash.error"),
            ));
            frame.render_widget(Paragraph::new(truncate(line, area.width as usize)), area);
        }
        StatusLine::Empty => {}
    }
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
