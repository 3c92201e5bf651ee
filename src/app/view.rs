//! The screen composed from the app's state: the header and status models built here, the
//! focused pane, and the app's own boxes (dialog, notices, report). Widgets in `ui` draw what
//! they are handed and never see the app.

use super::App;
use super::dialog::Dialog;
use crate::command::{CommandId, Scope};
use crate::pane::IdentityState;
use crate::sanitize::sanitize;
use crate::ui::header::{self, Account, HeaderModel, Writes};
use crate::ui::status::{self, StatusLine};
use crate::ui::{MIN_HEIGHT, MIN_WIDTH, centered_box};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

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
    header::draw(frame, header_area, &header_model(app), &app.theme);
    app.shared.body = body;
    if let Some(pane) = app.panes.last_mut() {
        pane.render(frame, body, &app.theme, &app.shared.pane_cx());
    }
    status::draw_status(frame, status_area, &status_line(app), &app.theme);
    status::draw_hints(frame, hints_area, hint_pairs(app), &app.theme);
    if let Some(prompt) = &app.prompt {
        status::draw_suggestions(
            frame,
            body,
            &prompt.suggestions,
            prompt.selected,
            &app.theme,
        );
    }
    if !app.notices.is_empty() {
        super::notices::draw_notices(frame, body, app);
    }
    if let Some(report) = &app.report {
        draw_report(frame, body, app, report);
    }
    if let Some(dialog) = &app.dialog {
        draw_dialog(frame, body, app, dialog);
    }
}

/// A confirmation or a question, centred over the view.
fn draw_dialog(frame: &mut Frame, body: Rect, app: &App, dialog: &Dialog) {
    let theme = &app.theme;
    let mut masked = false;
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
        Dialog::Secret { ask, input, shown } => {
            masked = !shown;
            let hint = if *shown {
                "Enter: ok · Tab: hide · Esc: cancel"
            } else {
                "Enter: ok · Tab: show · Esc: cancel"
            };
            (
                ask.title.as_str(),
                vec![Line::styled(hint, theme.style("text.dim"))],
                Some(input),
                false,
            )
        }
    };
    if let Some(input) = input {
        let text = if masked {
            // One `•` per character, like a password prompt.
            "•".repeat(input.text().chars().count())
        } else {
            sanitize(input.text()).into_owned()
        };
        lines.push(Line::from(vec![
            Span::styled("> ", theme.style("prompt")),
            Span::styled(text, theme.style("prompt.input")),
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
                    format!(
                        " {} ",
                        crate::ui::title::fit(
                            &sanitize(title),
                            crate::ui::title::room(area.width, 0)
                        )
                    ),
                    theme.style(role),
                )),
        ),
        area,
    );
}

/// Per-row results of a bulk action; any key dismisses them.
fn draw_report(frame: &mut Frame, body: Rect, app: &App, report: &crate::pane::Report) {
    use crate::pane::Level;
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
            Line::styled(format!("{mark} {}", sanitize(text)), theme.style(role))
        })
        .collect();
    if report.lines.len() > room.max(1) {
        lines.push(Line::styled(
            format!("… and {} more", report.lines.len() - room.max(1)),
            theme.style("text.dim"),
        ));
    }
    let title = format!(" {} ", sanitize(&report.title));
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

/// What the header shows for the active context, and the breadcrumb of the views above home.
fn header_model(app: &App) -> HeaderModel {
    // Where the rows on screen live: the focused drill-down's own context (a bucket opened from
    // another profile's row) wins over the active one, and the header says it is the view's.
    let own = app
        .panes
        .iter()
        .rev()
        .find_map(|p| p.context())
        .filter(|c| **c != app.shared.active);
    let ctx = own.unwrap_or(&app.shared.active);
    let account = match app.shared.identities.get(&ctx.profile) {
        Some(IdentityState::Resolved(id)) => Account::Resolved {
            account: id.account.clone(),
            principal: id.principal().to_string(),
        },
        Some(IdentityState::Failed(e)) => {
            Account::Failed(if e.kind == crate::aws::ErrorKind::SsoLogin {
                super::sso_hint(ctx)
            } else {
                e.summary()
            })
        }
        Some(IdentityState::Resolving) | None => Account::Resolving,
    };
    let policy = app.policy_for(ctx);
    let writes = if app.config_error {
        Writes::ConfigError
    } else if app.shared.read_only || policy.read_only {
        Writes::ReadOnly
    } else if policy.typed_confirm {
        Writes::TypedConfirmation
    } else {
        Writes::Allowed
    };
    HeaderModel {
        profile: ctx.profile_label().to_string(),
        region: ctx.region.clone(),
        account,
        label: policy.label,
        writes,
        env_credentials: ctx.profile.is_none() && app.shared.env_credentials,
        breadcrumb: breadcrumb(app),
        view_own: own.is_some(),
    }
}

/// Titles of the views above the home view, outermost first; a single view already names
/// itself in its border, so a breadcrumb starts at two.
fn breadcrumb(app: &App) -> Vec<String> {
    let titles: Vec<String> = app.panes.iter().skip(1).map(|p| p.title()).collect();
    if titles.len() < 2 {
        return Vec::new();
    }
    titles
}

/// The status line: the prompt, a filter being typed, a flash, else a failed identity (the
/// header may be too narrow for the whole message, and "run aws sso login" must not vanish
/// with a flash).
fn status_line(app: &App) -> StatusLine<'_> {
    if let Some(prompt) = &app.prompt {
        return StatusLine::Prompt {
            text: prompt.input.text(),
            cursor: prompt.input.cursor(),
        };
    }
    // Only a filter being typed: other editors (a payload, a form) leave the line to flashes.
    if let Some(list) = app
        .panes
        .last()
        .and_then(|pane| pane.list())
        .filter(|l| l.is_editing_filter())
    {
        let (name, keys) = list.filter_prompt();
        return StatusLine::Filtering { name, keys };
    }
    if let Some(flash) = &app.flash {
        return StatusLine::Flash {
            level: flash.level,
            text: &flash.text,
            more: app.messages_key(),
        };
    }
    match app.shared.identities.get(&app.shared.active.profile) {
        Some(IdentityState::Failed(e)) => StatusLine::Problem {
            text: if e.kind == crate::aws::ErrorKind::SsoLogin {
                super::sso_hint(&app.shared.active)
            } else {
                format!("{}: {}", app.shared.active.profile_label(), e.summary())
            },
            more: app.messages_key(),
        },
        // A safety setting that could not be read outlives any flash: every context stays
        // read-only, so the status line keeps saying why once the start-up flash is gone.
        _ if app.config_error && app.notices.is_empty() => StatusLine::Problem {
            text: super::CONFIG_ERROR_LINE.into(),
            more: app.messages_key(),
        },
        _ if app.problems_unread && app.notices.is_empty() => {
            let count = app.start_problems.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            StatusLine::Problem {
                text: format!("{count} {noun} with your settings · :problems shows them"),
                more: app.messages_key(),
            }
        }
        _ => StatusLine::Empty,
    }
}

/// `<key> name` pairs for the focused pane's hint commands, from the keymap in force; dangerous
/// commands are left out in read-only mode.
fn hint_pairs(app: &App) -> Vec<(String, &'static str)> {
    let Some(pane) = app.panes.last() else {
        return Vec::new();
    };
    let scopes: Vec<Scope> = app.scopes();
    pane.hints()
        .iter()
        .filter(|c| !(app.is_read_only() && c.spec().dangerous))
        .filter_map(|&c| {
            app.shared
                .keymap
                .first_key(&scopes, c)
                .map(|k| (k.to_string(), hint_label(c)))
        })
        .collect()
}

fn hint_label(command: CommandId) -> &'static str {
    command.spec().name
}
