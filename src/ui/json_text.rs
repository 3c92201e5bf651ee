//! JSON as text: checked with the position of the first mistake, and re-indented without ever
//! going through numbers (a payload's `12345678901234567890123` keeps every digit).

/// Where the text stops being JSON, 1-based, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonMistake {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for JsonMistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Text going into a JSON editor with every hidden character (controls but newline and tab,
/// bidi, zero-width) written as a `\uXXXX` escape: inside a JSON string that is the same
/// value, and the user sees what will be sent.
pub fn escape_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && c != '\t' && crate::sanitize::is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", unit));
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub fn check(text: &str) -> Result<(), JsonMistake> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| {
            let full = e.to_string();
            // serde_json appends " at line L column C"; the position is given separately.
            let message = full
                .rsplit_once(" at line ")
                .map(|(m, _)| m.to_string())
                .unwrap_or(full);
            JsonMistake {
                line: e.line(),
                column: e.column(),
                message,
            }
        })
}

/// Two-space indentation of valid JSON, scalars copied as written.
pub fn reindent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // Skip whitespace to see whether the container is empty: `{}` stays on one line.
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    out.push(chars.next().unwrap_or(']'));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_json_escapes_with_the_same_value() {
        let pasted = "{\"file\": \"invoice\u{202e}fdp.exe\u{200b}\", \"bell\": \"\u{7}\"}\n";
        let shown = escape_hidden(pasted);
        assert_eq!(
            shown,
            "{\"file\": \"invoice\\u202efdp.exe\\u200b\", \"bell\": \"\\u0007\"}\n"
        );
        let a: serde_json::Value = serde_json::from_str(pasted).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(b["file"], "invoice\u{202e}fdp.exe\u{200b}");
        assert!(a.is_null() || a == b);
    }

    #[test]
    fn reindenting_keeps_every_digit_and_string() {
        let text = r#"{"big":12345678901234567890123,"f":1.10,"s":"a, b: {c}","e":[],"o":{},"n":[1,{"x":"\"q\""}]}"#;
        assert_eq!(
            reindent(text),
            "{\n  \"big\": 12345678901234567890123,\n  \"f\": 1.10,\n  \"s\": \"a, b: {c}\",\n  \
             \"e\": [],\n  \"o\": {},\n  \"n\": [\n    1,\n    {\n      \"x\": \"\\\"q\\\"\"\n    }\n  ]\n}"
        );
        assert_eq!(reindent(&reindent(text)), reindent(text));
        assert!(check(&reindent(text)).is_ok());
    }

    #[test]
    fn mistakes_say_where() {
        let m = check("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((m.line, m.column), (3, 7));
        assert!(m.message.contains("expected `:`"), "{m}");
        assert!(check("  [1, 2]  ").is_ok());
        assert!(check("").is_err());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Whitespace JSON allows between tokens.
    fn ws() -> impl Strategy<Value = String> {
        "[ \t\r\n]{0,2}"
    }

    /// JSON numbers as people and programs write them, far beyond what a float keeps.
    fn number() -> impl Strategy<Value = String> {
        (
            "-?",
            "0|[1-9][0-9]{0,30}",
            prop::option::of("\\.[0-9]{1,20}"),
            prop::option::of("[eE][+\\-]?[0-9]{1,4}"),
        )
            .prop_map(|(sign, whole, fraction, exponent)| {
                format!(
                    "{sign}{whole}{}{}",
                    fraction.unwrap_or_default(),
                    exponent.unwrap_or_default()
                )
            })
    }

    /// A JSON string literal: escapes, quotes, backslashes, brackets and commas inside.
    fn string() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            prop::collection::vec(
                prop::sample::select(vec![
                    "a",
                    "\\\"",
                    "\\\\",
                    "\\n",
                    "\\u0041",
                    "\\ud83d\\ude80",
                    "{",
                    "}",
                    "[",
                    "]",
                    ",",
                    ":",
                    " ",
                    "é",
                    "\\/",
                ]),
                0..6,
            )
            .prop_map(|parts| format!("\"{}\"", parts.concat())),
        ]
    }

    /// Valid JSON text with arbitrary spacing.
    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            number(),
            string(),
            Just("true".to_string()),
            Just("false".to_string()),
            Just("null".to_string()),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec((ws(), inner.clone(), ws()), 0..5).prop_map(|items| {
                    let body: Vec<String> = items
                        .into_iter()
                        .map(|(a, v, b)| format!("{a}{v}{b}"))
                        .collect();
                    format!("[{}]", body.join(","))
                }),
                prop::collection::vec((ws(), string(), ws(), ws(), inner), 0..5).prop_map(
                    |members| {
                        let body: Vec<String> = members
                            .into_iter()
                            .map(|(a, k, b, c, v)| format!("{a}{k}{b}:{c}{v}"))
                            .collect();
                        format!("{{{}}}", body.join(","))
                    }
                ),
            ]
        })
        .prop_flat_map(|text| (ws(), Just(text), ws()))
        .prop_map(|(a, text, b)| format!("{a}{text}{b}"))
    }

    /// The text with the whitespace between tokens removed (strings kept whole).
    fn tokens_only(text: &str) -> String {
        let mut out = String::new();
        let (mut in_string, mut escaped) = (false, false);
        for c in text.chars() {
            if in_string {
                out.push(c);
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else if !matches!(c, ' ' | '\t' | '\r' | '\n') {
                in_string = c == '"';
                out.push(c);
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn check_and_reindent_take_anything(text in any::<String>()) {
            let reindented = reindent(&text);
            match check(&text) {
                Ok(()) => prop_assert!(check(&reindented).is_ok()),
                Err(m) => {
                    prop_assert!(m.line >= 1);
                    prop_assert!(!m.message.contains(" at line "), "{}", m);
                }
            }
        }

        /// `check` follows the JSON grammar: whatever serde_json reads is accepted, and so is
        /// a number too large for a float (`1e999` is JSON; the payload is sent as text).
        #[test]
        fn check_accepts_all_json(text in prop_oneof![json_text(), any::<String>()]) {
            if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                prop_assert!(check(&text).is_ok());
            }
        }

        /// Re-indenting only moves whitespace: every number keeps every digit, every string
        /// every character, and the result is valid JSON that re-indents to itself.
        #[test]
        fn reindent_changes_only_whitespace(text in json_text()) {
            prop_assert!(check(&text).is_ok(), "generated invalid JSON: {}", text);
            let out = reindent(&text);
            prop_assert_eq!(tokens_only(&out), tokens_only(&text));
            prop_assert!(check(&out).is_ok(), "{}", out);
            prop_assert_eq!(reindent(&out), out.clone());
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), value);
            }
        }

        #[test]
        fn mistakes_point_inside_the_text(text in json_text(), cut in any::<prop::sample::Index>()) {
            let chars: Vec<char> = text.chars().collect();
            let broken: String = chars[..cut.index(chars.len().max(1))].iter().collect();
            if let Err(m) = check(&broken) {
                let lines = broken.split('\n').count().max(1);
                prop_assert!(m.line >= 1 && m.line <= lines, "{} in {:?}", m, broken);
            }
        }
    }
}
