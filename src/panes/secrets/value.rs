//! A secret value read on request, as rows: a JSON object's keys one by one, a plain string
//! as one row, binary as its size. Each row starts masked.

use crate::aws::secrets::{SecretText, SecretValue, SecretVersion};

/// One row of the secret's view.
#[derive(Clone)]
pub enum Line {
    Field {
        name: String,
        value: String,
    },
    Version(SecretVersion),
    /// One key of a JSON object (or `value` for a plain string).
    Value {
        key: String,
        value: SecretText,
        revealed: bool,
    },
    Binary {
        size: usize,
    },
}

/// What was read, and of which version.
pub struct Fetched {
    /// `AWSCURRENT`, `AWSPREVIOUS`, or a version id.
    pub version: String,
    pub lines: Vec<Line>,
    /// The value was a JSON object (its keys are the rows).
    json: bool,
}

impl Fetched {
    pub fn from_value(version: String, value: SecretValue) -> Fetched {
        let (lines, json) = match value {
            SecretValue::Binary(size) => (vec![Line::Binary { size }], false),
            SecretValue::Text(text) => match keys(&text) {
                Some(lines) => (lines, true),
                None => (
                    vec![Line::Value {
                        key: "value".into(),
                        value: text,
                        revealed: false,
                    }],
                    false,
                ),
            },
        };
        Fetched {
            version,
            lines,
            json,
        }
    }

    fn values(&self) -> impl Iterator<Item = bool> + '_ {
        self.lines.iter().filter_map(|l| match l {
            Line::Value { revealed, .. } => Some(*revealed),
            _ => None,
        })
    }

    pub fn all_revealed(&self) -> bool {
        self.values().all(|r| r)
    }

    pub fn set_all(&mut self, show: bool) {
        for line in &mut self.lines {
            if let Line::Value { revealed, .. } = line {
                *revealed = show;
            }
        }
    }

    /// Shows the value of `key` if it is masked, masks it if it is shown. The rows are made
    /// from these lines, so the title's summary and the rows cannot disagree.
    pub fn toggle(&mut self, key: &str) {
        for line in &mut self.lines {
            if let Line::Value {
                key: k, revealed, ..
            } = line
                && k == key
            {
                *revealed = !*revealed;
            }
        }
    }

    /// `AWSCURRENT: 3 keys, 1 shown`.
    pub fn summary(&self) -> String {
        let shown = self.values().filter(|r| *r).count();
        let what = match (&self.lines[..], self.json) {
            ([Line::Binary { .. }], _) => return format!("{}: binary", self.version),
            (lines, true) => format!(
                "{} {}",
                lines.len(),
                if lines.len() == 1 { "key" } else { "keys" }
            ),
            (_, false) => "a string".into(),
        };
        let shown = match shown {
            0 => "masked (x shows, X all)".to_string(),
            n if n == self.values().count() => "shown".to_string(),
            n => format!("{n} shown"),
        };
        format!("{}: {what}, {shown}", self.version)
    }
}

/// A JSON object's keys as value rows (strings as they are, anything else as its JSON);
/// `None` for anything that is not a JSON object.
fn keys(text: &SecretText) -> Option<Vec<Line>> {
    let serde_json::Value::Object(map) = serde_json::from_str(text.expose()).ok()? else {
        return None;
    };
    Some(
        map.into_iter()
            .map(|(key, value)| Line::Value {
                key,
                value: SecretText::new(match value {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                }),
                revealed: false,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SecretValue {
        SecretValue::Text(SecretText::new(s))
    }

    #[test]
    fn a_json_object_becomes_masked_keys_and_anything_else_one_row() {
        let f = Fetched::from_value(
            "AWSCURRENT".into(),
            text(r#"{"username":"app","password":"pw","port":5432}"#),
        );
        let keys: Vec<(String, String, bool)> = f
            .lines
            .iter()
            .map(|l| match l {
                Line::Value {
                    key,
                    value,
                    revealed,
                } => (key.clone(), value.expose().to_string(), *revealed),
                _ => panic!("not a value row"),
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("username".into(), "app".into(), false),
                ("password".into(), "pw".into(), false),
                ("port".into(), "5432".into(), false),
            ]
        );
        assert_eq!(f.summary(), "AWSCURRENT: 3 keys, masked (x shows, X all)");

        for plain in ["just-a-token", "[1,2]", "\"quoted\"", "{not json"] {
            let f = Fetched::from_value("v".into(), text(plain));
            assert!(matches!(&f.lines[..], [Line::Value { key, .. }] if key == "value"));
        }
        let mut f = Fetched::from_value("v".into(), text("x"));
        assert!(!f.all_revealed());
        f.set_all(true);
        assert!(f.all_revealed());
        assert_eq!(f.summary(), "v: a string, shown");
        let f = Fetched::from_value("v".into(), SecretValue::Binary(2048));
        assert_eq!(f.summary(), "v: binary");
    }
}
