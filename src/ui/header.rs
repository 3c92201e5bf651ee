//! The top bar: which profile, region and account every action goes to — the cheapest safety
//! net for people who hop between many accounts — and where in the views you are.

use crate::sanitize::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the header shows, built by the app from its state.
pub struct HeaderModel {
    pub profile: String,
    pub region: String,
    pub account: Account,
    /// The active policy's label.
    pub label: Option<String>,
    pub writes: Writes,
    /// The default chain would use `AWS_ACCESS_KEY_ID`.
    pub env_credentials: bool,
    /// Titles of the views from the outermost to the focused one (empty: nothing to show).
    pub breadcrumb: Vec<String>,
    /// The profile and region are the focused view's own, not the active context's.
    pub view_own: bool,
}

pub enum Account {
    Resolving,
    Resolved {
        account: String,
        principal: String,
    },
    /// What to tell the user (an SSO hint, or the error's summary).
    Failed(String),
}

/// Whether writes go out, and how: one badge at most.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Writes {
    Allowed,
    TypedConfirmation,
    ReadOnly,
    /// Read-only because a safety setting in config.toml could not be read.
    ConfigError,
}

/// Cells the breadcrumb may take at most; the context segments come first.
const BREADCRUMB_WIDTH: usize = 48;
/// Between breadcrumb parts.
const CRUMB_SEP: &str = " › ";

pub fn draw(frame: &mut Frame, area: Rect, model: &HeaderModel, theme: &Theme) {
    let badges = badges(model, theme);
    // Badges sit at the right edge, and win over a long error message.
    let badge_width: usize = badges.iter().map(|b| b.width() + 1).sum();
    let available = (area.width as usize).saturating_sub(badge_width);
    // Narrow (80 columns with a READ-ONLY badge): the words "profile", "region", "account" go
    // before any of the values does — an account id cut to `123456789…` names no account.
    // An identity error counts for a few cells only: it is cut with `…` anyway (`!` shows it
    // whole), and a long one must not strip the labels.
    let error_overflow = match &model.account {
        Account::Failed(text) => sanitize(text).chars().count().saturating_sub(ERROR_ROOM),
        _ => 0,
    };
    let (mut spans, principal) = [Labels::All, Labels::Values, Labels::Bare]
        .into_iter()
        .map(|labels| context_spans(model, theme, labels))
        .find(|(spans, _)| {
            Line::from(spans.clone())
                .width()
                .saturating_sub(error_overflow)
                <= available
        })
        .unwrap_or_else(|| context_spans(model, theme, Labels::Bare));
    // The breadcrumb takes what the context segments leave (the principal gives way to it).
    let context_width = Line::from(spans.clone()).width();
    let crumb_room = available
        .saturating_sub(context_width + 2)
        .min(BREADCRUMB_WIDTH);
    let crumbs = breadcrumb(&model.breadcrumb, crumb_room);
    let crumb_width = crumbs.as_deref().map_or(0, |c| Line::raw(c).width() + 2);
    // A principal cut to a few cells says nothing: it goes whole.
    let principal_room = available.saturating_sub(context_width + crumb_width);
    spans.extend(principal.filter(|p| p.width() <= principal_room || principal_room >= 12));
    let line = truncate(Line::from(spans), available.saturating_sub(crumb_width));
    frame.render_widget(Paragraph::new(line).style(theme.style("header")), area);
    if let Some(crumbs) = crumbs {
        let width = Line::raw(crumbs.as_str()).width() as u16;
        let right = Rect {
            x: area.x + (available as u16).saturating_sub(width + 1),
            width: width.min(area.width),
            ..area
        };
        frame.render_widget(
            Paragraph::new(Line::styled(crumbs, theme.style("header"))),
            right,
        );
    }
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

/// Cells an identity error is counted for when choosing the header's wording.
const ERROR_ROOM: usize = 24;

/// How much of the context segment's wording fits.
#[derive(Clone, Copy, PartialEq)]
enum Labels {
    /// ` awsterm │ profile dev │ region us-east-1 │ account 1111…`
    All,
    /// ` awsterm │ dev │ us-east-1 │ 1111…`
    Values,
    /// `dev │ us-east-1 │ 1111…`
    Bare,
}

/// The profile, region and account segment, and the principal to add if it fits.
fn context_spans(
    model: &HeaderModel,
    theme: &Theme,
    labels: Labels,
) -> (Vec<Span<'static>>, Option<Span<'static>>) {
    let sep = Span::styled(" │ ", theme.style("header"));
    let label = |text: &'static str| {
        (labels == Labels::All).then(|| Span::styled(text, theme.style("header")))
    };
    let mut spans = Vec::new();
    if labels == Labels::Bare {
        spans.push(Span::raw(" "));
    } else {
        spans.push(Span::styled(" awsterm ", theme.style("title")));
        spans.push(sep.clone());
    }
    if model.view_own {
        // Whatever else goes, a view in another context says so.
        spans.push(Span::styled("view's profile ", theme.style("header")));
    } else {
        spans.extend(label("profile "));
    }
    spans.push(Span::styled(
        sanitize(&model.profile).into_owned(),
        theme.style("header.profile"),
    ));
    spans.push(sep.clone());
    spans.extend(label("region "));
    spans.push(Span::styled(
        model.region.clone(),
        theme.style("header.region"),
    ));
    spans.push(sep);
    spans.extend(label("account "));
    let mut principal = None;
    match &model.account {
        Account::Resolved {
            account,
            principal: who,
        } => {
            spans.push(Span::styled(
                sanitize(account).into_owned(),
                theme.style("header.account"),
            ));
            principal = Some(Span::styled(
                format!(" {}", sanitize(who)),
                theme.style("header"),
            ));
        }
        Account::Failed(text) => {
            spans.push(Span::styled(
                sanitize(text).into_owned(),
                theme.style("header.error"),
            ));
        }
        Account::Resolving => {
            spans.push(Span::styled("resolving…", theme.style("header.pending")));
        }
    }
    (spans, principal)
}

fn badges(model: &HeaderModel, theme: &Theme) -> Vec<Span<'static>> {
    let mut badges = Vec::new();
    if let Some(label) = &model.label {
        // Capped, so a long label can never push READ-ONLY off an 80-column header.
        let label = truncate(Line::raw(sanitize(label).into_owned()), LABEL_WIDTH);
        badges.push(Span::styled(
            format!(" {label} "),
            theme.style("header.badge.policy"),
        ));
    }
    let mode = match model.writes {
        Writes::ConfigError => Some((" READ-ONLY · config error ", "header.badge.readonly")),
        Writes::ReadOnly => Some((" READ-ONLY ", "header.badge.readonly")),
        Writes::TypedConfirmation => Some((" TYPED WRITES ", "header.badge.policy")),
        Writes::Allowed => None,
    };
    if let Some((text, role)) = mode {
        badges.push(Span::styled(text, theme.style(role)));
    }
    if model.env_credentials {
        badges.push(Span::styled(
            " ENV CREDENTIALS ",
            theme.style("header.badge.env"),
        ));
    }
    badges
}

/// `EC2 › i-0abc › console output` in at most `width` cells: outer parts go first (marked
/// `…`), the focused view's title stays. `None` when even that title does not fit whole (a
/// cut title says less than the principal it would push out) or there is nothing to show.
pub fn breadcrumb(parts: &[String], width: usize) -> Option<String> {
    const MIN: usize = 8;
    if parts.is_empty() || width < MIN {
        return None;
    }
    let parts: Vec<String> = parts
        .iter()
        .map(|p| sanitize(p).replace(['\n', '\r'], " "))
        .collect();
    let cells = |s: &str| Line::raw(s).width();
    for skip in 0..parts.len() {
        let mut text = parts[skip..].join(CRUMB_SEP);
        if skip > 0 {
            text = format!("…{CRUMB_SEP}{text}");
        }
        if cells(&text) <= width {
            return Some(text);
        }
    }
    parts.last().filter(|last| cells(last) <= width).cloned()
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

#[cfg(test)]
mod tests {
    use super::{Account, HeaderModel, Writes, breadcrumb, draw};
    use crate::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn header_at(width: u16, writes: Writes) -> String {
        let model = HeaderModel {
            profile: "demo-dev".into(),
            region: "us-east-1".into(),
            account: Account::Resolved {
                account: "123456789012".into(),
                principal: "user/alice".into(),
            },
            label: None,
            writes,
            env_credentials: false,
            breadcrumb: vec!["EC2 instances".into()],
            view_own: false,
        };
        let mut terminal = Terminal::new(TestBackend::new(width, 1)).unwrap();
        terminal
            .draw(|f| draw(f, f.area(), &model, &Theme::mono()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        buffer.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn a_badge_at_80_columns_takes_the_labels_never_the_account_id() {
        for writes in [Writes::ReadOnly, Writes::ConfigError] {
            let line = header_at(80, writes);
            assert!(line.contains("123456789012"), "{line}");
            assert!(
                line.contains("demo-dev") && line.contains("us-east-1"),
                "{line}"
            );
            assert!(line.contains("READ-ONLY"), "{line}");
        }
        let wide = header_at(160, Writes::ReadOnly);
        assert!(wide.contains("profile demo-dev │ region us-east-1 │ account 123456789012"));
    }

    fn parts(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn outer_parts_go_first_and_the_innermost_stays() {
        let p = parts(&["EC2 instances", "i-0abc", "console output"]);
        assert_eq!(
            breadcrumb(&p, 60).as_deref(),
            Some("EC2 instances › i-0abc › console output")
        );
        assert_eq!(
            breadcrumb(&p, 30).as_deref(),
            Some("… › i-0abc › console output")
        );
        assert_eq!(breadcrumb(&p, 20).as_deref(), Some("… › console output"));
        assert_eq!(breadcrumb(&p, 10), None, "a cut title says nothing");
        assert_eq!(breadcrumb(&p, 14).as_deref(), Some("console output"));
        assert_eq!(breadcrumb(&p, 4), None, "too little room shows nothing");
        assert_eq!(breadcrumb(&[], 60), None);
    }

    #[test]
    fn parts_are_sanitized() {
        let p = parts(&["S3 buckets", "evil\u{1b}[31m\u{202e}"]);
        let text = breadcrumb(&p, 60).unwrap();
        assert!(!text.chars().any(crate::sanitize::is_hidden), "{text:?}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }
}
