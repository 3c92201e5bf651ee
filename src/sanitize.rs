//! The one gate every AWS-sourced string passes before it reaches the screen, the clipboard or a
//! log. S3 keys, tags, log lines and error messages can carry terminal escape sequences (an OSC 52
//! clipboard write, a colour change) or invisible characters that make one key look like another.
//! ratatui silently drops control characters, which changes the text without telling the user, so
//! we turn every such character into a visible marker instead.

use std::borrow::Cow;

/// How a character must be shown instead of itself.
enum Visible {
    Keep,
    Picture(char),
    Escape,
}

fn classify(c: char) -> Visible {
    match c {
        // C0 controls have a dedicated "control picture" glyph: ␛ for ESC, ␊ for LF, …
        '\u{0}'..='\u{1f}' => Visible::Picture(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => Visible::Picture('␡'),
        // C1 controls (CSI, OSC, ST in their 8-bit forms) and the characters that reorder or hide
        // text: bidi embeddings/overrides/isolates, zero-width joiners, BOM, line separators.
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => Visible::Escape,
        _ => Visible::Keep,
    }
}

fn is_clean(s: &str, keep_newlines: bool) -> bool {
    s.chars()
        .all(|c| matches!(classify(c), Visible::Keep) || (keep_newlines && c == '\n'))
}

fn push_visible(out: &mut String, c: char) {
    match classify(c) {
        Visible::Keep => out.push(c),
        Visible::Picture(p) => out.push(p),
        Visible::Escape => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
    }
}

/// A single line for display: every control, bidi and invisible character becomes visible
/// (`␛`, `␊`, `\u{202e}` …). Clean input is returned borrowed, so the common case costs nothing.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_clean(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Multi-line text for display (object previews, payloads, log messages): newlines are kept,
/// tabs become spaces up to the next multiple of four, everything else as in [`sanitize`].
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    if is_clean(s, true) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = 0usize;
    for c in s.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' => continue,
            '\t' => {
                let pad = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
                continue;
            }
            _ => push_visible(&mut out, c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

/// True when [`sanitize`] would change the string, so views can flag "contains hidden characters".
pub fn has_hidden_characters(s: &str) -> bool {
    !is_clean(s, false)
}

/// A value on its way to a log file: sanitized and cut to a bounded length, so one hostile
/// 10 MB log line cannot flood our own log.
pub fn for_log(s: &str) -> String {
    const MAX: usize = 2048;
    let clean = sanitize(s);
    match clean.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}… ({} bytes)", &clean[..cut], s.len()),
        None => clean.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dangerous(c: char) -> bool {
        c.is_control() || !matches!(classify(c), Visible::Keep)
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b[31mred"), "a␛[31mred");
        assert_eq!(sanitize("x\x1b]52;c;aGk=\x07"), "x␛]52;c;aGk=␇");
        assert_eq!(sanitize("tab\there"), "tab␉here");
        assert_eq!(sanitize("del\x7f"), "del␡");
        assert_eq!(sanitize("csi\u{9b}2J"), "csi\\u{009b}2J");
    }

    #[test]
    fn bidi_and_zero_width_are_escaped() {
        assert_eq!(
            sanitize("invoice\u{202e}fdp.exe"),
            "invoice\\u{202e}fdp.exe"
        );
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("\u{feff}bom"), "\\u{feff}bom");
        assert!(has_hidden_characters("x\u{2066}y"));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("logs/2026/ünïcode 東京 🚀"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(sanitize_multiline("a\nb"), Cow::Borrowed(_)));
        assert!(!has_hidden_characters("plain key.txt"));
    }

    #[test]
    fn multiline_keeps_lines_and_expands_tabs() {
        assert_eq!(sanitize_multiline("a\tb\r\n\x1bc"), "a   b\n␛c");
        assert_eq!(sanitize_multiline("abcd\te"), "abcd    e");
    }

    #[test]
    fn log_values_are_bounded() {
        let long = "x".repeat(10_000);
        let logged = for_log(&long);
        assert!(logged.chars().count() < 2100);
        assert!(logged.ends_with("(10000 bytes)"));
    }

    proptest! {
        #[test]
        fn single_line_output_has_no_dangerous_characters(s in any::<String>()) {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| !dangerous(c)), "{:?}", out);
        }

        #[test]
        fn multiline_output_has_only_newlines_as_controls(s in any::<String>()) {
            let out = sanitize_multiline(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || !dangerous(c)), "{:?}", out);
        }

        #[test]
        fn printable_text_is_unchanged(s in "[a-zA-Z0-9 /._\\-+%=ü東🚀]{0,64}") {
            prop_assert_eq!(sanitize(&s), s.as_str());
        }

        #[test]
        fn sanitizing_is_idempotent(s in any::<String>()) {
            let once = sanitize(&s).into_owned();
            prop_assert_eq!(sanitize(&once), once.as_str());
        }
    }
}
