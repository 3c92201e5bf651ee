//! Drawing: header, the focused pane, the status line (flash, prompt) and the key hints.

pub mod document;
pub mod format;
pub mod header;
pub mod json_text;
pub mod line_input;
pub mod pager;
pub mod preview;
pub mod status;
pub mod table;

use crate::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    // Themes with a background colour set it on `text`: paint it under everything.
    frame.render_widget(Block::default().style(app.theme.style("text")), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app);
        return;
    }
    let [header_area, body, status_area, hints_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::draw(frame, header_area, app);
    let mut panes = std::mem::take(&mut app.panes);
    if let Some(pane) = panes.last_mut() {
        pane.render(frame, body, &app.theme, &app.pane_cx());
    }
    app.panes = panes;
    status::draw_status(frame, status_area, app);
    status::draw_hints(frame, hints_area, app);
    if app.prompt.is_some() {
        status::draw_suggestions(frame, body, app);
    }
    if !app.notices.is_empty() {
        draw_notices(frame, body, app);
    }
    if let Some(report) = &app.report {
        draw_report(frame, body, app, report);
    }
    if let Some(dialog) = &app.dialog {
        draw_dialog(frame, body, app, dialog);
    }
}

/// A confirmation or a question, centred over the view.
fn draw_dialog(frame: &mut Frame, body: Rect, app: &App, dialog: &crate::app::dialog::Dialog) {
    use crate::app::dialog::Dialog;
    use crate::sanitize::sanitize;
    let theme = &app.theme;
    let (title, mut lines, input, danger) = match dialog {
        Dialog::Confirm(c, input) => {
            let mut lines: Vec<Line> = c
                .lines
                .iter()
                .map(|l| Line::raw(sanitize(l).into_owned()))
                .collect();
            lines.push(Line::raw(""));
            let (prompt, input) = match &c.typed {
                Some(expected) => (
                    format!("type {} and press Enter (Esc cancels)", sanitize(expected)),
                    Some(input),
                ),
                None => ("y/Enter: yes · n/Esc: no".to_string(), None),
            };
            lines.push(Line::styled(prompt, theme.style("text.dim")));
            (c.title.as_str(), lines, input, c.typed.is_some())
        }
        Dialog::Ask(a, input) => {
            let hint = if a.complete_paths {
                "Enter: ok · Tab: complete · Esc: cancel"
            } else {
                "Enter: ok · Esc: cancel"
            };
            (
                a.title.as_str(),
                vec![Line::styled(hint, theme.style("text.dim"))],
                Some(input),
                false,
            )
        }
    };
    if let Some(input) = input {
        lines.push(Line::from(vec![
            Span::styled("> ", theme.style("prompt")),
            Span::styled(
                sanitize(input.text()).into_owned(),
                theme.style("prompt.input"),
            ),
        ]));
    }
    let area = centered_box(body, &lines, body.width.saturating_sub(10).clamp(20, 90));
    let role = if danger { "dialog.danger" } else { "dialog" };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(theme.style(role))
                .title(Line::styled(
                    format!(" {} ", sanitize(title)),
                    theme.style(role),
                )),
        ),
        area,
    );
}

/// Start-up problems in a box over the view; any key dismisses it. A problem keeps its own
/// lines (a TOML error's quoted line and caret), each sanitized on its own.
fn draw_notices(frame: &mut Frame, body: Rect, app: &App) {
    let theme = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    for notice in &app.notices {
        for (i, line) in notice.lines().enumerate() {
            let line = crate::sanitize::sanitize(line);
            lines.push(if i == 0 {
                Line::styled(format!("• {line}"), theme.style("flash.warn"))
            } else {
                Line::styled(format!("  {line}"), theme.style("text"))
            });
        }
    }
    draw_dismissable(
        frame,
        body,
        app,
        lines,
        Line::styled(" Problems with your settings ", theme.style("flash.warn")),
    );
}

/// Per-row results of a bulk action; any key dismisses them.
fn draw_report(frame: &mut Frame, body: Rect, app: &App, report: &crate::effect::Report) {
    use crate::effect::Level;
    let theme = &app.theme;
    // Long reports keep their first lines: the status flash already has the totals.
    let room = body.height.saturating_sub(5) as usize;
    let mut lines: Vec<Line> = report
        .lines
        .iter()
        .take(room.max(1))
        .map(|(level, text)| {
            let (mark, role) = match level {
                Level::Success => ("✓", "flash.success"),
                Level::Info => ("•", "text"),
                Level::Warn => ("!", "flash.warn"),
                Level::Error => ("✗", "flash.error"),
            };
            Line::styled(
                format!("{mark} {}", crate::sanitize::sanitize(text)),
                theme.style(role),
            )
        })
        .collect();
    if report.lines.len() > room.max(1) {
        lines.push(Line::styled(
            format!("… and {} more", report.lines.len() - room.max(1)),
            theme.style("text.dim"),
        ));
    }
    let title = format!(" {} ", crate::sanitize::sanitize(&report.title));
    draw_dismissable(
        frame,
        body,
        app,
        lines,
        Line::styled(title, theme.style("dialog")),
    );
}

fn draw_dismissable(frame: &mut Frame, body: Rect, app: &App, mut lines: Vec<Line>, title: Line) {
    let theme = &app.theme;
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "press any key to continue",
        theme.style("text.dim"),
    ));
    let area = centered_box(body, &lines, body.width.saturating_sub(8).max(20));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_style(theme.style("dialog"))
                .title(title),
        ),
        area,
    );
}

fn draw_too_small(frame: &mut Frame, area: Rect, app: &App) {
    frame.render_widget(Clear, area);
    let text = vec![
        Line::styled("terminal too small", app.theme.style("flash.warn")),
        Line::from(format!(
            "{}x{} — awsterm needs at least {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::styled("(Ctrl-C quits)", app.theme.style("text.dim")),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// A bordered box of `width` centred in `body`, tall enough for `lines` once wrapped.
fn centered_box(body: Rect, lines: &[Line], width: u16) -> Rect {
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
