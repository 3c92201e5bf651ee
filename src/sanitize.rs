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
        // C1 controls (CSI, OSC, ST in their 8-bit forms), line separators, interlinear
        // annotations, and every default-ignorable code point: the characters a terminal draws
        // as nothing (soft hyphen, joiners, bidi marks and overrides, fillers that look like
        // blanks, variation selectors, tags) — so `a\u{ad}b` cannot pass for `ab`.
        '\u{80}'..='\u{9f}' | '\u{2028}'..='\u{2029}' | '\u{fff9}'..='\u{fffb}' => Visible::Escape,
        c if is_default_ignorable(c) => Visible::Escape,
        _ => Visible::Keep,
    }
}

/// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt), reserved code
/// points of those blocks included, since a future font may draw them as nothing too.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{ad}'
        | '\u{34f}'
        | '\u{61c}'
        | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff0}'..='\u{fff8}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// Whether the character would not show as itself (a control, bidi or invisible character).
pub fn is_hidden(c: char) -> bool {
    !matches!(classify(c), Visible::Keep)
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

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Text with the characters this module is about mixed in often.
    fn hostile() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            any::<char>(),
            proptest::char::range('\u{0}', '\u{1f}'),
            proptest::char::range('\u{7f}', '\u{9f}'),
            prop::sample::select(vec![
                '\t',
                '\n',
                '\r',
                '\u{61c}',
                '\u{200b}',
                '\u{200e}',
                '\u{202e}',
                '\u{2028}',
                '\u{2066}',
                '\u{2069}',
                '\u{feff}',
                '\u{fffa}',
                '␛',
                '\\',
                'a',
                ' ',
                '\u{ad}',
                '\u{34f}',
                '\u{115f}',
                '\u{3164}',
                '\u{fe0f}',
                '\u{ffa0}',
                '\u{180b}',
                '\u{e0100}',
            ]),
        ];
        prop::collection::vec(c, 0..48).prop_map(|cs| cs.into_iter().collect())
    }

    fn dangerous(c: char) -> bool {
        c.is_control() || !matches!(classify(c), Visible::Keep)
    }

    proptest! {
        #[test]
        fn flagged_exactly_when_sanitizing_changes_something(s in hostile()) {
            let out = sanitize(&s);
            prop_assert_eq!(has_hidden_characters(&s), out != s);
            prop_assert_eq!(matches!(out, Cow::Borrowed(_)), !has_hidden_characters(&s));
            let raw_controls = ['\n', '\r', '\t', '\x1b'];
            prop_assert!(!out.contains(raw_controls));
            prop_assert!(!has_hidden_characters(&out));
        }

        #[test]
        fn multiline_is_idempotent_and_keeps_the_lines(s in hostile()) {
            let once = sanitize_multiline(&s).into_owned();
            prop_assert_eq!(sanitize_multiline(&once), once.as_str());
            prop_assert_eq!(once.matches('\n').count(), s.matches('\n').count());
            prop_assert!(!once.contains(['\r', '\t']));
            prop_assert!(once.chars().all(|c| c == '\n' || !dangerous(c)), "{:?}", once);
        }

        /// Tabs stop at multiples of four, counted in characters from the start of the line.
        #[test]
        fn tabs_expand_to_the_next_stop(line in "[a-zé東\\t]{0,20}") {
            let out = sanitize_multiline(&line);
            let mut column = 0;
            let mut expected = String::new();
            for c in line.chars() {
                if c == '\t' {
                    let pad = 4 - column % 4;
                    expected.push_str(&" ".repeat(pad));
                    column += pad;
                } else {
                    expected.push(c);
                    column += 1;
                }
            }
            prop_assert_eq!(out, expected.as_str());
        }

        /// Visible text passes through untouched, in both forms.
        #[test]
        fn visible_text_is_untouched(
            s in "[^\\p{Cc}\\p{Cf}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Default_Ignorable_Code_Point}]{0,40}"
        ) {
            prop_assert_eq!(sanitize(&s), s.as_str());
            prop_assert_eq!(sanitize_multiline(&s), s.as_str());
        }

        #[test]
        fn log_values_are_bounded_and_clean(
            s in prop_oneof![
                hostile(),
                (2040usize..2060, any::<char>()).prop_map(|(n, c)| format!("{}{c}", "a\x1b".repeat(n / 2))),
            ]
        ) {
            let logged = for_log(&s);
            let clean = sanitize(&s);
            prop_assert!(!has_hidden_characters(&logged));
            if clean.chars().count() <= 2048 {
                prop_assert_eq!(logged, clean.into_owned());
            } else {
                let kept = logged.split_once('…').map(|(k, _)| k).unwrap_or("");
                prop_assert_eq!(kept.chars().count(), 2048);
                prop_assert!(clean.starts_with(kept));
                let suffix = format!("… ({} bytes)", s.len());
                prop_assert!(logged.ends_with(&suffix));
            }
        }
    }

    /// Invisible format characters (Unicode category Cf, default-ignorable) that `classify`
    /// keeps as they are. Each displays as nothing, so `report.pdf` followed by one of them
    /// looks exactly like `report.pdf`, which is what this module exists to prevent.
    const INVISIBLE_BUT_KEPT: &[char] = &[
        '\u{180e}',  // MONGOLIAN VOWEL SEPARATOR
        '\u{206a}',  // INHIBIT SYMMETRIC SWAPPING (206A-206F: deprecated format controls)
        '\u{206f}',  // NOMINAL DIGIT SHAPES
        '\u{1bca0}', // SHORTHAND FORMAT LETTER OVERLAP
        '\u{1d173}', // MUSICAL SYMBOL BEGIN BEAM
        '\u{e0001}', // LANGUAGE TAG
        '\u{e0041}', // TAG LATIN CAPITAL LETTER A (E0020-E007F: "ASCII smuggling")
        '\u{e007f}', // CANCEL TAG
        '\u{ad}',    // SOFT HYPHEN
        '\u{34f}',   // COMBINING GRAPHEME JOINER
        '\u{115f}',  // HANGUL CHOSEONG FILLER
        '\u{1160}',  // HANGUL JUNGSEONG FILLER
        '\u{17b4}',  // KHMER VOWEL INHERENT AQ
        '\u{180b}',  // MONGOLIAN FREE VARIATION SELECTOR ONE
        '\u{180d}',  // MONGOLIAN FREE VARIATION SELECTOR THREE
        '\u{180f}',  // MONGOLIAN FREE VARIATION SELECTOR FOUR
        '\u{3164}',  // HANGUL FILLER
        '\u{fe00}',  // VARIATION SELECTOR-1
        '\u{fe0f}',  // VARIATION SELECTOR-16
        '\u{ffa0}',  // HALFWIDTH HANGUL FILLER
        '\u{fff0}',  // reserved, default-ignorable
        '\u{e0100}', // VARIATION SELECTOR-17
        '\u{e01ef}', // VARIATION SELECTOR-256
        '\u{e0fff}', // reserved, default-ignorable
    ];

    #[test]
    fn every_invisible_format_character_is_made_visible() {
        let kept: Vec<String> = INVISIBLE_BUT_KEPT
            .iter()
            .filter(|c| !has_hidden_characters(&c.to_string()))
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        assert!(kept.is_empty(), "kept invisible: {kept:?}");
        assert_ne!(sanitize("report.pdf\u{e0041}"), "report.pdf\u{e0041}");
        // Shown escaped, like the zero-width characters: the code point can be read back.
        assert_eq!(sanitize("pay\u{ad}roll"), "pay\\u{00ad}roll");
        assert_eq!(sanitize("\u{3164}admin"), "\\u{3164}admin");
        assert_eq!(sanitize_multiline("a\u{e0100}\nb"), "a\\u{e0100}\nb");
    }

    proptest! {
        /// Checked against the Unicode tables the regex engine ships, not against our own
        /// list: every default-ignorable code point is made visible, alone or mid-word.
        #[test]
        fn every_default_ignorable_code_point_is_escaped(
            c in "\\p{Default_Ignorable_Code_Point}",
            word in "[a-z]{0,4}",
        ) {
            let c = c.chars().next().unwrap();
            let text = format!("{word}{c}{word}");
            prop_assert!(has_hidden_characters(&text), "U+{:04X}", c as u32);
            let escaped = format!("\\u{{{:04x}}}", c as u32);
            prop_assert_eq!(sanitize(&text), format!("{word}{escaped}{word}"));
            prop_assert!(!sanitize_multiline(&text).contains(c));
        }
    }
}
