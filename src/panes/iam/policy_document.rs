//! A policy document (identity, managed or trust policy) → its statements, for reading: IAM
//! sends documents URL-encoded, a statement's Action, Resource and Principal may each be a
//! string or a list (or `NotAction`, `NotResource`, `NotPrincipal`), a Principal may be `"*"`
//! or a map by kind, and Conditions are maps of operator → key → value(s). Pure: no I/O.

use crate::ui::document::Block;
use serde_json::Value;

/// IAM's documents are URL-encoded (RFC 3986: `%XX`, never `+` for a space); a document that
/// already reads as JSON (some emulators and ListRoles in them send it plain) is kept as it is,
/// since decoding it again would turn a literal `%41` inside it into `A`.
pub fn decode(text: &str) -> String {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return text.to_string();
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// One statement, each part as lines of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    /// `Allow` or `Deny`.
    pub effect: String,
    /// `Service:ec2.amazonaws.com`, `AWS:arn:…`, `*`; empty when the statement has none.
    pub principals: Vec<String>,
    /// The principals are `NotPrincipal`'s.
    pub not_principal: bool,
    pub actions: Vec<String>,
    pub not_action: bool,
    pub resources: Vec<String>,
    pub not_resource: bool,
    /// `StringEquals aws:SourceAccount = 123456789012`, one line per key.
    pub conditions: Vec<String>,
}

/// A decoded document: its pretty-printed text and statements, or why it does not parse
/// (then the text is shown as it came).
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyDocument {
    pub pretty: String,
    pub statements: Result<Vec<Statement>, String>,
}

/// Reads a document as IAM sent it.
pub fn read(raw: &str) -> PolicyDocument {
    let text = decode(raw);
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => PolicyDocument {
            pretty: serde_json::to_string_pretty(&value).unwrap_or(text),
            statements: statements(&value),
        },
        Err(e) => PolicyDocument {
            pretty: text,
            statements: Err(format!("not JSON: {e}")),
        },
    }
}

/// The statements of a parsed document (`Statement` is one object or a list of them).
pub fn statements(doc: &Value) -> Result<Vec<Statement>, String> {
    let list = match doc.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => return Err("Statement is neither an object nor a list".into()),
        None => return Err("no Statement".into()),
    };
    Ok(list.into_iter().map(statement).collect())
}

fn statement(s: &Value) -> Statement {
    let (principals, not_principal) = either(s, "Principal", "NotPrincipal", principal_lines);
    let (actions, not_action) = either(s, "Action", "NotAction", strings);
    let (resources, not_resource) = either(s, "Resource", "NotResource", strings);
    Statement {
        sid: s.get("Sid").and_then(Value::as_str).map(str::to_owned),
        effect: s
            .get("Effect")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string(),
        principals,
        not_principal,
        actions,
        not_action,
        resources,
        not_resource,
        conditions: s.get("Condition").map(condition_lines).unwrap_or_default(),
    }
}

/// The element or its `Not…` form, read by `lines`; `true` when it was the `Not…` one.
fn either(
    s: &Value,
    key: &str,
    not_key: &str,
    lines: fn(&Value) -> Vec<String>,
) -> (Vec<String>, bool) {
    match (s.get(key), s.get(not_key)) {
        (Some(v), _) => (lines(v), false),
        (None, Some(v)) => (lines(v), true),
        (None, None) => (Vec::new(), false),
    }
}

/// A string or a list of them (anything else as its JSON text).
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::String(s) => vec![s.clone()],
        other => vec![other.to_string()],
    }
}

/// `"*"`, or `{"Service": "ec2.amazonaws.com", "AWS": ["arn…", …]}` as `Kind:value` lines.
fn principal_lines(v: &Value) -> Vec<String> {
    match v {
        Value::Object(kinds) => kinds
            .iter()
            .flat_map(|(kind, values)| {
                strings(values)
                    .into_iter()
                    .map(move |value| format!("{kind}:{value}"))
            })
            .collect(),
        other => strings(other),
    }
}

/// `{"StringEquals": {"aws:SourceAccount": "1234"}}` → `StringEquals aws:SourceAccount = 1234`.
fn condition_lines(v: &Value) -> Vec<String> {
    let Value::Object(operators) = v else {
        return strings(v);
    };
    operators
        .iter()
        .flat_map(|(op, keys)| match keys {
            Value::Object(keys) => keys
                .iter()
                .map(|(key, values)| format!("{op} {key} = {}", strings(values).join(" | ")))
                .collect::<Vec<_>>(),
            other => vec![format!("{op} {other}")],
        })
        .collect()
}

/// A principal as short as a person reads it in a list: `ec2` for a service, the account id
/// for an account's root, `123456789012:role/ci` for another principal, `Federated:Okta`.
pub fn short_principal(principal: &str) -> String {
    let Some((kind, value)) = principal.split_once(':') else {
        return principal.to_string();
    };
    match kind {
        "Service" => value
            .strip_suffix(".amazonaws.com")
            .or_else(|| value.strip_suffix(".amazonaws.com.cn"))
            .unwrap_or(value)
            .to_string(),
        "AWS" => {
            if value == "*" {
                return "*".into();
            }
            // arn:aws:iam::123456789012:root → 123456789012; a bare account id stays.
            let tail = value
                .splitn(5, ':')
                .nth(4)
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string());
            tail.strip_suffix(":root").unwrap_or(&tail).to_string()
        }
        "Federated" => {
            let provider = value.rsplit('/').next().unwrap_or(value);
            let provider = provider.strip_suffix(".amazonaws.com").unwrap_or(provider);
            format!("Federated:{provider}")
        }
        _ => principal.to_string(),
    }
}

/// The trusted principals of a trust policy, short, each once, in the order they appear
/// (Allow statements only: a Deny trusts nobody). Empty when the document does not parse.
pub fn trusted(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Ok(statements) = read(raw).statements {
        for s in statements.iter().filter(|s| s.effect == "Allow") {
            for p in &s.principals {
                let short = short_principal(p);
                if !out.contains(&short) {
                    out.push(short);
                }
            }
        }
    }
    out
}

/// The statements as a table: EFFECT, PRINCIPAL (when any statement names one, short:
/// `ec2`, `123456789012`), ACTIONS, RESOURCES, CONDITIONS. A statement takes as many lines as
/// its longest list, one value a line, so each column is only as wide as its widest value and
/// the table reads at 80 columns; `Not…` values read `NOT iam:*`. With any Sid, a first
/// column names each statement.
pub fn table(statements: &[Statement]) -> Block {
    let with_principal = statements.iter().any(|s| !s.principals.is_empty());
    let with_sid = statements.iter().any(|s| s.sid.is_some());
    let mut header = Vec::new();
    if with_sid {
        header.push("SID".to_string());
    }
    header.push("EFFECT".into());
    if with_principal {
        header.push("PRINCIPAL".into());
    }
    header.extend(["ACTIONS", "RESOURCES", "CONDITIONS"].map(String::from));
    let mut rows = Vec::new();
    for s in statements {
        let principals: Vec<String> = s.principals.iter().map(|p| short_principal(p)).collect();
        let mut columns = Vec::new();
        if with_sid {
            columns.push(s.sid.iter().cloned().collect::<Vec<_>>());
        }
        columns.push(vec![s.effect.clone()]);
        if with_principal {
            columns.push(values(&principals, s.not_principal));
        }
        columns.push(values(&s.actions, s.not_action));
        columns.push(values(&s.resources, s.not_resource));
        columns.push(if s.conditions.is_empty() {
            vec!["—".into()]
        } else {
            s.conditions.clone()
        });
        let height = columns.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            rows.push(
                columns
                    .iter()
                    .map(|c| c.get(line).cloned().unwrap_or_default())
                    .collect(),
            );
        }
    }
    Block::Table { header, rows }
}

fn values(values: &[String], not: bool) -> Vec<String> {
    if values.is_empty() {
        return vec!["—".into()];
    }
    values
        .iter()
        .map(|v| if not { format!("NOT {v}") } else { v.clone() })
        .collect()
}

/// A document's blocks: its statements table, then the pretty-printed JSON.
pub fn blocks(raw: &str) -> Vec<Block> {
    let doc = read(raw);
    let mut out = Vec::new();
    match doc.statements {
        Ok(s) if s.is_empty() => out.push(Block::Note("no statements".into())),
        Ok(s) => out.push(table(&s)),
        Err(e) => out.push(Block::Error(format!("statements unreadable: {e}"))),
    }
    out.push(Block::JsonText(doc.pretty));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(v: Value) -> Statement {
        statements(&json!({ "Version": "2012-10-17", "Statement": v }))
            .expect("statements")
            .remove(0)
    }

    #[test]
    fn url_encoded_documents_decode_with_percent_plus_spaces_and_non_ascii() {
        let original = r#"{"Statement":{"Sid":"a+b 100% Zürich ✓","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::my bucket/x+y"}}"#;
        // What IAM sends: RFC 3986, `+` as %2B, a space as %20.
        let encoded: String =
            percent_encoding::utf8_percent_encode(original, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        assert!(encoded.starts_with("%7B"), "{encoded}");
        assert_eq!(decode(&encoded), original);
        let s = read(&encoded).statements.unwrap().remove(0);
        assert_eq!(s.sid.as_deref(), Some("a+b 100% Zürich ✓"));
        assert_eq!(s.resources, ["arn:aws:s3:::my bucket/x+y"]);
        // A `+` IAM left as it is stays a `+`, never a space.
        assert_eq!(decode("%7B%22a%22%3A%22x+y%22%7D"), r#"{"a":"x+y"}"#);
    }

    #[test]
    fn a_plain_json_document_is_not_decoded_again() {
        let plain = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:x/%41"}]}"#;
        assert_eq!(decode(plain), plain);
        assert_eq!(read(plain).statements.unwrap()[0].resources, ["arn:x/%41"]);
    }

    #[test]
    fn action_and_resource_as_a_string_or_a_list() {
        let s = one(json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}));
        assert_eq!(
            (s.actions, s.resources),
            (vec!["s3:GetObject".to_string()], vec!["*".to_string()])
        );
        let s = one(json!([{
            "Effect": "Deny",
            "Action": ["ec2:StopInstances", "ec2:TerminateInstances"],
            "Resource": ["arn:a", "arn:b"]
        }]));
        assert_eq!(s.effect, "Deny");
        assert_eq!(s.actions, ["ec2:StopInstances", "ec2:TerminateInstances"]);
        assert_eq!(s.resources, ["arn:a", "arn:b"]);
        assert!(!s.not_action && !s.not_resource);
    }

    #[test]
    fn not_action_and_not_resource_are_marked() {
        let s = one(
            json!({"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": "arn:keep"}),
        );
        assert!(s.not_action && s.not_resource);
        let Block::Table { header, rows } = table(&[s]) else {
            panic!("a table")
        };
        assert_eq!(header, ["EFFECT", "ACTIONS", "RESOURCES", "CONDITIONS"]);
        assert_eq!(
            rows,
            [
                ["Deny", "NOT iam:*", "NOT arn:keep", "—"],
                ["", "NOT sts:*", "", ""]
            ]
        );
    }

    #[test]
    fn principals_star_a_map_of_strings_or_lists_and_not_principal() {
        let s = one(json!({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}));
        assert_eq!(s.principals, ["*"]);
        let s = one(json!({"Effect": "Allow", "Principal": {
            "Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"],
            "AWS": "arn:aws:iam::123456789012:root",
            "Federated": "arn:aws:iam::123456789012:saml-provider/Okta"
        }, "Action": "sts:AssumeRole"}));
        assert_eq!(
            s.principals,
            [
                "Service:ec2.amazonaws.com",
                "Service:lambda.amazonaws.com",
                "AWS:arn:aws:iam::123456789012:root",
                "Federated:arn:aws:iam::123456789012:saml-provider/Okta"
            ]
        );
        let short: Vec<String> = s.principals.iter().map(|p| short_principal(p)).collect();
        assert_eq!(short, ["ec2", "lambda", "123456789012", "Federated:Okta"]);
        let s = one(
            json!({"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:role/ci"}, "Action": "*"}),
        );
        assert!(s.not_principal);
        assert_eq!(short_principal(&s.principals[0]), "1:role/ci");
    }

    #[test]
    fn the_table_gives_each_value_a_line_and_principals_short() {
        let s = statements(&json!({"Statement": [
            {"Sid": "Trust", "Effect": "Allow",
             "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
             "Action": "sts:AssumeRole"},
            {"Effect": "Deny", "Principal": "*", "Action": ["s3:*"], "Resource": ["arn:a", "arn:b", "arn:c"]}
        ]}))
        .unwrap();
        let Block::Table { header, rows } = table(&s) else {
            panic!("a table")
        };
        assert_eq!(
            header,
            [
                "SID",
                "EFFECT",
                "PRINCIPAL",
                "ACTIONS",
                "RESOURCES",
                "CONDITIONS"
            ]
        );
        assert_eq!(
            rows,
            [
                ["Trust", "Allow", "ec2", "sts:AssumeRole", "—", "—"],
                ["", "", "lambda", "", "", ""],
                ["", "Deny", "*", "s3:*", "arn:a", "—"],
                ["", "", "", "", "arn:b", ""],
                ["", "", "", "", "arn:c", ""]
            ]
        );
    }

    #[test]
    fn conditions_one_line_per_operator_and_key() {
        let s = one(
            json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Condition": {
                "StringEquals": {"aws:SourceAccount": "123456789012", "aws:PrincipalTag/team": ["a", "b"]},
                "Bool": {"aws:MultiFactorAuthPresent": true}
            }}),
        );
        assert_eq!(
            s.conditions,
            [
                "StringEquals aws:SourceAccount = 123456789012",
                "StringEquals aws:PrincipalTag/team = a | b",
                "Bool aws:MultiFactorAuthPresent = true"
            ]
        );
    }

    #[test]
    fn trusted_lists_allowed_principals_once_and_short() {
        let doc = json!({"Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com", "AWS": "111122223333"}, "Action": "sts:AssumeRole"},
            {"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}
        ]})
        .to_string();
        assert_eq!(trusted(&doc), ["ec2", "111122223333"]);
        assert!(trusted("not json").is_empty());
    }

    #[test]
    fn a_document_that_is_not_json_is_shown_as_it_came() {
        let doc = read("%7Bbroken");
        assert_eq!(doc.pretty, "{broken");
        assert!(doc.statements.is_err());
        let blocks = blocks("%7Bbroken");
        assert!(matches!(&blocks[0], Block::Error(e) if e.starts_with("statements unreadable")));
    }

    #[test]
    fn pretty_printing_keeps_the_documents_order() {
        let doc = read(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"z","Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        );
        let version = doc.pretty.find("Version").unwrap();
        assert!(
            version < doc.pretty.find("Statement").unwrap(),
            "{}",
            doc.pretty
        );
        assert!(
            doc.pretty.contains("\n  \"Statement\": ["),
            "{}",
            doc.pretty
        );
    }
}
