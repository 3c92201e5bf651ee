//! The two bottom lines: status (prompt, filter, flash) and key hints from the keymap.

use super::header::truncate;
use crate::app::App;
use crate::command::{CommandId, Scope};
use crate::effect::Level;
use crate::panes::IdentityState;
use crate::sanitize::sanitize;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, Paragraph};

pub fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    if let Some(prompt) = &app.prompt {
        let text = prompt.input.text();
        let line = Line::from(vec![
            Span::styled(":", theme.style("prompt")),
            Span::styled(sanitize(text).into_owned(), theme.style("prompt.input")),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        let before: String = text.chars().take(prompt.input.cursor()).collect();
        let x = area.x + 1 + Span::raw(before).width() as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    // Only a filter being typed: other editors (a payload, a form) leave the line to flashes.
    if let Some(pane) = app.panes.last()
        && pane.list().is_some_and(|l| l.is_editing_filter())
    {
        let line = Line::from(vec![
            Span::styled("filter: ", theme.style("prompt")),
            Span::styled(
                "type to narrow · Enter keeps · Esc clears",
                theme.style("text.dim"),
            ),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    if let Some(flash) = &app.flash {
        let role = match flash.level {
            Level::Info => "flash.info",
            Level::Success => "flash.success",
            Level::Warn => "flash.warn",
            Level::Error => "flash.error",
        };
        let line = Line::from(Span::styled(
            sanitize(&flash.text).into_owned(),
            theme.style(role),
        ));
        frame.render_widget(Paragraph::new(truncate(line, area.width as usize)), area);
        return;
    }
    // With nothing else to say, a failed identity stays in view: the header may be too narrow
    // for the whole message, and "run aws sso login" must not vanish with a flash.
    if let Some(IdentityState::Failed(e)) = app.identities.get(&app.active.profile) {
        let text = if e.kind == crate::aws::ErrorKind::SsoLogin {
            crate::app::sso_hint(&app.active)
        } else {
            format!("{}: {}", app.active.profile_label(), e.summary())
        };
        let line = Line::from(Span::styled(
            sanitize(&text).into_owned(),
            theme.style("flash.error"),
        ));
        frame.render_widget(Paragraph::new(truncate(line, area.width as usize)), area);
    }
}

/// `<key> name` pairs for the focused pane's hint commands, from the keymap in force; dangerous
/// commands are left out in read-only mode.
pub fn hint_pairs(app: &App) -> Vec<(String, &'static str)> {
    let Some(pane) = app.panes.last() else {
        return Vec::new();
    };
    let scopes: Vec<Scope> = app.scopes();
    pane.hints()
        .iter()
        .filter(|c| !(app.is_read_only() && c.spec().dangerous))
        .filter_map(|&c| {
            app.keymap
                .first_key(&scopes, c)
                .map(|k| (k.to_string(), hint_label(c)))
        })
        .collect()
}

fn hint_label(command: CommandId) -> &'static str {
    command.spec().name
}

pub fn draw_hints(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let mut pairs = hint_pairs(app);
    // Whatever does not fit goes, but the way to `?` help always stays (it lists the rest).
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
pub fn draw_suggestions(frame: &mut Frame, body: Rect, app: &App) {
    let Some(prompt) = &app.prompt else {
        return;
    };
    if prompt.suggestions.is_empty() {
        return;
    }
    let theme = &app.theme;
    let height = (prompt.suggestions.len() as u16 + 2).min(body.height);
    let width = prompt
        .suggestions
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
    let items: Vec<ListItem> = prompt
        .suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let role = if Some(i) == prompt.selected {
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
