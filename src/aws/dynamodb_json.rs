//! Item values as text: one-line cells (tables, CSV), and whole items as plain JSON (numbers
//! exactly as stored, never through a float) or as DynamoDB-typed JSON.

use super::dynamodb::{Item, Value};
use super::dynamodb_query::typed_json;

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
