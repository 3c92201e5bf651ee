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
