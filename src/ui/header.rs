//! The top bar: which profile, region and account every action goes to — the cheapest safety
//! net for people who hop between many accounts.

use crate::app::App;
use crate::panes::IdentityState;
use crate::sanitize::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let sep = Span::styled(" │ ", theme.style("header"));
    let ctx = &app.active;
    let mut spans = vec![
        Span::styled(" awsterm ", theme.style("title")),
        sep.clone(),
        Span::styled("profile ", theme.style("header")),
        Span::styled(
            sanitize(ctx.profile_label()).into_owned(),
            theme.style("header.profile"),
        ),
        sep.clone(),
        Span::styled("region ", theme.style("header")),
        Span::styled(ctx.region.clone(), theme.style("header.region")),
        sep.clone(),
        Span::styled("account ", theme.style("header")),
    ];
    match app.identities.get(&ctx.profile) {
        Some(IdentityState::Resolved(id)) => {
            spans.push(Span::styled(
                sanitize(&id.account).into_owned(),
                theme.style("header.account"),
            ));
            spans.push(Span::styled(
                format!(" {}", sanitize(id.principal())),
                theme.style("header"),
            ));
        }
        Some(IdentityState::Failed(e)) => {
            let text = if e.kind == crate::aws::ErrorKind::SsoLogin {
                crate::app::sso_hint(ctx)
            } else {
                e.summary()
            };
            spans.push(Span::styled(
                sanitize(&text).into_owned(),
                theme.style("header.error"),
            ));
        }
        Some(IdentityState::Resolving) | None => {
            spans.push(Span::styled("resolving…", theme.style("header.pending")));
        }
    }
    let mut badges = Vec::new();
    let policy = app.active_policy();
    if let Some(label) = &policy.label {
        // Capped, so a long label can never push READ-ONLY off an 80-column header.
        let label = truncate(Line::raw(sanitize(label).into_owned()), LABEL_WIDTH);
        badges.push(Span::styled(
            format!(" {label} "),
            theme.style("header.badge.policy"),
        ));
    }
    if app.config_error {
        badges.push(Span::styled(
            " READ-ONLY · config error ",
            theme.style("header.badge.readonly"),
        ));
    } else if app.is_read_only() {
        badges.push(Span::styled(
            " READ-ONLY ",
            theme.style("header.badge.readonly"),
        ));
    } else if policy.typed_confirm {
        badges.push(Span::styled(
            " TYPED WRITES ",
            theme.style("header.badge.policy"),
        ));
    }
    if ctx.profile.is_none() && app.env_credentials {
        badges.push(Span::styled(
            " ENV CREDENTIALS ",
            theme.style("header.badge.env"),
        ));
    }
    // Badges sit at the right edge, and win over a long error message.
    let badge_width: usize = badges.iter().map(|b| b.width() + 1).sum();
    let available = (area.width as usize).saturating_sub(badge_width);
    let line = truncate(Line::from(spans), available);
    frame.render_widget(Paragraph::new(line).style(theme.style("header")), area);
    if !badges.is_empty() {
        let width = badge_width as u16;
        let right = Rect {
            x: area.x + area.width.saturating_sub(width),
            width: width.min(area.width),
            ..area
        };
        let mut with_gaps = Vec::new();
        for badge in badges {
            with_gaps.push(Span::raw(" "));
            with_gaps.push(badge);
        }
        frame.render_widget(Paragraph::new(Line::from(with_gaps)), right);
    }
}

/// Cells a policy label may take in the header.
const LABEL_WIDTH: usize = 16;

/// Cuts a line to `width` cells, marking the cut with `…`.
pub fn truncate(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.width();
        if used + w < width {
            used += w;
            out.push(span);
            continue;
        }
        let mut text = String::new();
        for c in span.content.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw + 1 > width {
                break;
            }
            used += cw;
            text.push(c);
        }
        text.push('…');
        out.push(Span::styled(text, span.style));
        break;
    }
    Line::from(out)
}
