//! Item values as text: one-line cells (tables, CSV), and whole items as plain JSON (numbers
//! exactly as stored, never through a float) or as DynamoDB-typed JSON.

use super::dynamodb_query::typed_json;
use super::dynamodb_value::{Item, Value};

fn b64(bytes: &[u8]) -> String {
    aws_smithy_types::base64::encode(bytes)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A value on one line, for a table cell.
pub fn cell(value: &Value) -> String {
    match value {
        Value::S(s) => s.clone(),
        Value::N(n) => n.clone(),
        Value::B(b) => format!("<{} bytes> {}", b.len(), b64(b)),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Ss(set) | Value::Ns(set) => format!("{{{}}}", set.join(", ")),
        Value::Bs(set) => format!(
            "{{{}}}",
            set.iter().map(|b| b64(b)).collect::<Vec<_>>().join(", ")
        ),
        Value::L(_) | Value::M(_) => {
            let mut out = String::new();
            write_plain(value, None, &mut out);
            out
        }
    }
}

/// The item as plain, pretty JSON.
pub fn plain_json(item: &Item) -> String {
    let mut out = String::new();
    write_plain(&Value::M(item.clone()), Some(0), &mut out);
    out
}

/// The item as plain JSON on one line (JSON Lines exports).
pub fn plain_json_line(item: &Item) -> String {
    let mut out = String::new();
    write_plain(&Value::M(item.clone()), None, &mut out);
    out
}

/// The item as DynamoDB-typed JSON (what the CLI and the API take).
pub fn typed_json_text(item: &Item) -> String {
    let map: serde_json::Map<String, serde_json::Value> = item
        .iter()
        .map(|(k, v)| (k.clone(), typed_json(v)))
        .collect();
    serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default()
}

/// `indent: None` writes on one line.
fn write_plain(value: &Value, indent: Option<usize>, out: &mut String) {
    let list = |items: Vec<String>, open: char, close: char, out: &mut String| match indent {
        _ if items.is_empty() => {
            out.push(open);
            out.push(close);
        }
        None => {
            out.push(open);
            out.push_str(&items.join(", "));
            out.push(close);
        }
        Some(depth) => {
            let pad = "  ".repeat(depth + 1);
            out.push(open);
            out.push('\n');
            let body: Vec<String> = items.iter().map(|i| format!("{pad}{i}")).collect();
            out.push_str(&body.join(",\n"));
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
            out.push(close);
        }
    };
    let inner = |v: &Value| {
        let mut s = String::new();
        write_plain(v, indent.map(|d| d + 1), &mut s);
        s
    };
    match value {
        Value::S(s) => out.push_str(&quoted(s)),
        Value::N(n) => out.push_str(n),
        Value::B(b) => out.push_str(&quoted(&b64(b))),
        Value::Bool(b) => out.push_str(&b.to_string()),
        Value::Null => out.push_str("null"),
        Value::Ss(set) => list(set.iter().map(|s| quoted(s)).collect(), '[', ']', out),
        Value::Ns(set) => list(set.clone(), '[', ']', out),
        Value::Bs(set) => list(set.iter().map(|b| quoted(&b64(b))).collect(), '[', ']', out),
        Value::L(items) => list(items.iter().map(inner).collect(), '[', ']', out),
        Value::M(map) => list(
            map.iter()
                .map(|(k, v)| format!("{}: {}", quoted(k), inner(v)))
                .collect(),
            '{',
            '}',
            out,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn item() -> Item {
        BTreeMap::from([
            ("id".into(), Value::S("a\"b".into())),
            (
                "big".into(),
                Value::N("12345678901234567890123456789012345678".into()),
            ),
            ("tags".into(), Value::Ss(vec!["x".into(), "y".into()])),
            (
                "m".into(),
                Value::M(BTreeMap::from([(
                    "l".into(),
                    Value::L(vec![Value::Null, Value::B(vec![0, 255])]),
                )])),
            ),
        ])
    }

    #[test]
    fn plain_json_keeps_every_digit_and_is_valid_json() {
        let text = plain_json(&item());
        assert!(
            text.contains("\"big\": 12345678901234567890123456789012345678"),
            "{text}"
        );
        assert!(text.contains("\"id\": \"a\\\"b\""), "{text}");
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed["tags"][1], "y");
        assert_eq!(parsed["m"]["l"][1], "AP8=");
    }

    #[test]
    fn typed_json_says_each_type() {
        let text = typed_json_text(&item());
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["big"]["N"], "12345678901234567890123456789012345678");
        assert_eq!(parsed["tags"]["SS"][0], "x");
    }

    #[test]
    fn cells_are_one_line() {
        let it = item();
        assert_eq!(cell(&it["tags"]), "{x, y}");
        assert_eq!(cell(&it["m"]), "{\"l\": [null, \"AP8=\"]}");
        assert!(!cell(&it["m"]).contains('\n'));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::aws::dynamodb_query::from_typed_json;
    use crate::aws::dynamodb_query::proptests::{attr_name, value};
    use proptest::prelude::*;
    use serde_json::Value as J;

    fn item() -> impl Strategy<Value = Item> {
        prop::collection::btree_map(attr_name(), value(), 0..5)
    }

    /// What the plain JSON of `v` must read as (numbers through the same JSON parser).
    fn expected(v: &Value) -> J {
        let number = |n: &str| serde_json::from_str::<J>(n).unwrap();
        match v {
            Value::S(s) => J::String(s.clone()),
            Value::N(n) => number(n),
            Value::B(b) => J::String(b64(b)),
            Value::Bool(b) => J::Bool(*b),
            Value::Null => J::Null,
            Value::Ss(set) => J::Array(set.iter().cloned().map(J::String).collect()),
            Value::Ns(set) => J::Array(set.iter().map(|n| number(n)).collect()),
            Value::Bs(set) => J::Array(set.iter().map(|b| J::String(b64(b))).collect()),
            Value::L(items) => J::Array(items.iter().map(expected).collect()),
            Value::M(map) => J::Object(map.iter().map(|(k, v)| (k.clone(), expected(v))).collect()),
        }
    }

    /// Every number's text, in the order the JSON writes them.
    fn numbers_in_value(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::N(n) => out.push(n.clone()),
            Value::Ns(set) => out.extend(set.iter().cloned()),
            Value::L(items) => items.iter().for_each(|i| numbers_in_value(i, out)),
            Value::M(map) => map.values().for_each(|i| numbers_in_value(i, out)),
            _ => {}
        }
    }

    /// The number tokens of JSON text, as written (outside strings).
    fn numbers_in_text(text: &str) -> Vec<String> {
        let (mut out, mut current) = (Vec::new(), String::new());
        let (mut in_string, mut escaped) = (false, false);
        for c in text.chars() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            let starts = c.is_ascii_digit() || c == '-';
            if starts || (!current.is_empty() && "+.eE".contains(c)) {
                current.push(c);
                continue;
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            in_string = c == '"';
        }
        if !current.is_empty() {
            out.push(current);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn plain_json_is_valid_json_of_the_item(item in item()) {
            let pretty = plain_json(&item);
            let line = plain_json_line(&item);
            let expected = expected(&Value::M(item.clone()));
            prop_assert_eq!(serde_json::from_str::<J>(&pretty).unwrap(), expected.clone(), "{}", pretty);
            prop_assert_eq!(serde_json::from_str::<J>(&line).unwrap(), expected);
            prop_assert!(!line.contains('\n'));
        }

        #[test]
        fn plain_json_keeps_every_digit(item in item()) {
            let mut numbers = Vec::new();
            numbers_in_value(&Value::M(item.clone()), &mut numbers);
            prop_assert_eq!(numbers_in_text(&plain_json(&item)), numbers.clone());
            prop_assert_eq!(numbers_in_text(&plain_json_line(&item)), numbers);
        }

        #[test]
        fn typed_json_text_reads_back_as_the_item(item in item()) {
            let text = typed_json_text(&item);
            let parsed: serde_json::Map<String, J> = serde_json::from_str(&text).unwrap();
            let back: Result<Item, String> = parsed
                .iter()
                .map(|(k, v)| Ok((k.clone(), from_typed_json(v)?)))
                .collect();
            prop_assert_eq!(back, Ok(item));
        }

        /// Scalars show as themselves; documents show as one line of JSON.
        #[test]
        fn cells(v in value()) {
            let text = cell(&v);
            match &v {
                Value::S(s) => prop_assert_eq!(&text, s),
                Value::N(n) => prop_assert_eq!(&text, n),
                Value::L(_) | Value::M(_) => {
                    prop_assert!(!text.contains('\n'));
                    prop_assert_eq!(serde_json::from_str::<J>(&text).unwrap(), expected(&v));
                }
                _ => {}
            }
        }
    }
}
