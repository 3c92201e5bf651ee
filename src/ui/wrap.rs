//! Word wrapping by display width, styles kept: a message, a help description or an error
//! page shown whole in a narrow terminal. Long words with no space (ARNs, URLs) are broken
//! where the edge falls; continuation lines can be indented under a first column.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `line` as rows of at most `width` columns; rows after the first start with `indent` spaces.
pub fn wrap_line(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width.saturating_sub(1));
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut row: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    // Where the row may be broken: just after its last space.
    let mut breakable: Option<usize> = None;
    for (c, style) in chars {
        let w = c.width().unwrap_or(0);
        let room = if rows.is_empty() {
            width
        } else {
            width - indent
        };
        if used + w > room && !row.is_empty() {
            // A space at the edge is the break itself; else back to the row's last space.
            let rest = match breakable {
                Some(at) if at < row.len() && c != ' ' => row.split_off(at),
                _ => Vec::new(),
            };
            rows.push(std::mem::take(&mut row));
            row = rest.into_iter().skip_while(|(c, _)| *c == ' ').collect();
            used = row.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
            breakable = None;
            if row.is_empty() && c == ' ' {
                continue;
            }
        }
        row.push((c, style));
        used += w;
        if c == ' ' {
            breakable = Some(row.len());
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            let kept = row.len() - row.iter().rev().take_while(|(c, _)| *c == ' ').count();
            row.truncate(kept);
            let mut spans: Vec<Span<'static>> = Vec::new();
            if i > 0 && indent > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            let own = spans.len();
            for (c, style) in row {
                let mergeable = spans.len() > own;
                match spans.last_mut() {
                    Some(last) if mergeable && last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// Plain text (its own newlines kept) wrapped to `width`, in one style.
pub fn wrap_text(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    text.split('\n')
        .flat_map(|part| wrap_line(&Line::styled(part.to_string(), style), width, indent))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Stylize};

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn words_move_to_the_next_row_whole() {
        let l = Line::raw("account dispatch failure: the role cannot be assumed");
        assert_eq!(
            rows(&wrap_line(&l, 20, 0)),
            ["account dispatch", "failure: the role", "cannot be assumed"]
        );
    }

    #[test]
    fn continuation_rows_are_indented_and_long_words_broken() {
        let l = Line::raw("arn: arn:aws:lambda:eu-west-1:123456789012:function:x");
        let out = rows(&wrap_line(&l, 20, 4));
        assert_eq!(out[0], "arn:");
        assert!(out[1..].iter().all(|r| r.starts_with("    ")), "{out:?}");
        assert!(out.iter().all(|r| r.chars().count() <= 20), "{out:?}");
        let joined: String = out[1..].iter().map(|r| r.trim_start()).collect();
        assert_eq!(joined, "arn:aws:lambda:eu-west-1:123456789012:function:x");
    }

    #[test]
    fn styles_survive_the_cut_and_wide_characters_count_twice() {
        let l = Line::from(vec!["red ".red(), "blue blue".fg(Color::Blue)]);
        let out = wrap_line(&l, 8, 0);
        assert_eq!(rows(&out), ["red blue", "blue"]);
        assert_eq!(out[0].spans[0].style.fg, Some(Color::Red));
        assert_eq!(out[1].spans[0].style.fg, Some(Color::Blue));
        let wide = wrap_line(&Line::raw("日本語日本語"), 5, 0);
        assert_eq!(rows(&wide), ["日本", "語日", "本語"]);
    }

    #[test]
    fn text_keeps_its_own_lines_and_empty_lines() {
        let out = wrap_text("one\n\ntwo", 10, 0, Style::default());
        assert_eq!(rows(&out), ["one", "", "two"]);
    }
}
