//! Turns the first bytes of an object (or any payload) into display lines: JSON pretty-printed
//! and highlighted, text with line numbers, anything else as a hex dump. Everything passes the
//! sanitizer; the caller says whether the bytes were cut short.

use crate::sanitize::{sanitize, sanitize_multiline};
use crate::theme::Theme;
use ratatui::text::{Line, Span};

/// How the preview chose to show the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Json,
    Text,
    Binary,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Json => "JSON",
            Kind::Text => "text",
            Kind::Binary => "binary, hex",
        }
    }
}

pub fn classify(bytes: &[u8], truncated: bool) -> Kind {
    if !truncated && serde_json::from_slice::<serde_json::Value>(bytes).is_ok() {
        return Kind::Json;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !looks_binary(text) => Kind::Text,
        // A multi-byte character cut at the end of a truncated read is still text.
        Err(e) if truncated && e.valid_up_to() + 4 > bytes.len() => {
            match std::str::from_utf8(&bytes[..e.valid_up_to()]) {
                Ok(text) if !looks_binary(text) => Kind::Text,
                _ => Kind::Binary,
            }
        }
        _ => Kind::Binary,
    }
}

fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    // A few escape sequences in a log are still text; data with more than one control
    // character in ten is not.
    controls * 10 > text.chars().count().max(1)
}

pub fn render(bytes: &[u8], truncated: bool, theme: &Theme) -> (Kind, Vec<Line<'static>>) {
    let kind = classify(bytes, truncated);
    let lines = match kind {
        Kind::Json => json_lines(bytes, theme),
        Kind::Text => text_lines(bytes, theme),
        Kind::Binary => hex_lines(bytes, theme),
    };
    (kind, lines)
}

pub fn text_lines(bytes: &[u8], theme: &Theme) -> Vec<Line<'static>> {
    let text = String::from_utf8_lossy(bytes);
    let clean = sanitize_multiline(&text);
    let count = clean.lines().count().max(1);
    let width = count.to_string().len();
    clean
        .lines()
        .enumerate()
        .map(|(i, line)| {
            Line::from(vec![
                Span::styled(format!("{:>width$} │ ", i + 1), theme.style("text.dim")),
                Span::raw(line.to_string()),
            ])
        })
        .collect()
}

fn hex_lines(bytes: &[u8], theme: &Theme) -> Vec<Line<'static>> {
    bytes
        .chunks(16)
        .enumerate()
        .map(|(row, chunk)| {
            let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
            let ascii: String = chunk
                .iter()
                .map(|&b| {
                    if (0x20..0x7f).contains(&b) {
                        b as char
                    } else {
                        '.'
                    }
                })
                .collect();
            Line::from(vec![
                Span::styled(format!("{:08x}  ", row * 16), theme.style("text.dim")),
                Span::raw(format!("{:<48} ", hex.join(" "))),
                Span::styled(ascii, theme.style("text.dim")),
            ])
        })
        .collect()
}

/// Pretty-printed JSON, coloured by token. Strings are sanitized, so an escape sequence in a
/// value is shown, never sent.
fn json_lines(bytes: &[u8], theme: &Theme) -> Vec<Line<'static>> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return text_lines(bytes, theme);
    };
    value_lines(&value, theme)
}

/// A JSON value pretty-printed and coloured (descriptions from the adapters).
pub fn value_lines(value: &serde_json::Value, theme: &Theme) -> Vec<Line<'static>> {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    pretty.lines().map(|l| json_line(l, theme)).collect()
}

/// Already pretty-printed JSON text, coloured line by line without parsing it again (a parse
/// would round numbers longer than a float holds).
pub fn highlighted_json(pretty: &str, theme: &Theme) -> Vec<Line<'static>> {
    pretty.lines().map(|l| json_line(l, theme)).collect()
}

fn json_line(line: &str, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let indent = line.len() - line.trim_start().len();
    spans.push(Span::raw(" ".repeat(indent)));
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        if rest.starts_with('"') {
            let end = string_end(rest);
            let token = &rest[..end];
            let after = rest[end..].trim_start();
            let role = if after.starts_with(':') {
                "json.key"
            } else {
                "json.string"
            };
            spans.push(Span::styled(
                sanitize(token).into_owned(),
                theme.style(role),
            ));
            rest = &rest[end..];
        } else {
            let end = rest.find('"').unwrap_or(rest.len());
            let token = &rest[..end];
            let trimmed = token.trim_matches(|c: char| c == ',' || c == ':' || c.is_whitespace());
            let role = if trimmed.parse::<f64>().is_ok() {
                "json.number"
            } else if matches!(trimmed, "true" | "false" | "null") {
                "json.literal"
            } else {
                "text"
            };
            spans.push(Span::styled(token.to_string(), theme.style(role)));
            rest = &rest[end..];
        }
    }
    Line::from(spans)
}

/// Byte index just past the closing quote of the JSON string at the start of `s`.
fn string_end(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i + 1,
            _ => escaped = false,
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn json_is_pretty_printed() {
        let (kind, lines) = render(br#"{"a":1,"b":["x\u001b[31m"]}"#, false, &Theme::mono());
        assert_eq!(kind, Kind::Json);
        let out = text(&lines);
        assert!(out.contains("\"a\": 1"), "{out}");
        // serde re-escapes the ESC as \u001b, so nothing raw reaches the screen either way.
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn text_has_line_numbers_and_escapes() {
        let (kind, lines) = render(b"one\ntwo \x1b[2J\n", false, &Theme::mono());
        assert_eq!(kind, Kind::Text);
        let out = text(&lines);
        assert!(out.starts_with("1 │ one"), "{out}");
        assert!(out.contains("two ␛[2J"), "{out}");
    }

    #[test]
    fn binary_is_a_hex_dump() {
        let bytes: Vec<u8> = (0u8..=255).collect();
        let (kind, lines) = render(&bytes, false, &Theme::mono());
        assert_eq!(kind, Kind::Binary);
        assert_eq!(lines.len(), 16);
        assert!(text(&lines).starts_with("00000000  00 01 02"));
    }

    #[test]
    fn truncated_json_is_shown_as_text_and_cut_utf8_is_still_text() {
        assert_eq!(classify(br#"{"a": [1, 2"#, true), Kind::Text);
        let cut = &"ünï".as_bytes()[..4];
        assert_eq!(classify(cut, true), Kind::Text);
    }
}
