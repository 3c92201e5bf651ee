//! A message to publish as written in $EDITOR: optional header lines (`Subject: …`,
//! `Attribute: name=value`, as many as wanted), a blank line, then the body. A text that
//! does not start with a header line is all body. The template's comment lines (`#~`) are
//! dropped, and one trailing newline (the one an editor adds), as for an SQS message.

use crate::panes::sqs::send::{COMMENT, body_of};
use std::collections::BTreeMap;

/// What the editor opens with to publish to topic `name`.
pub fn template(name: &str) -> String {
    format!(
        "{COMMENT} The message to publish to topic {name}, sent once after a confirmation.\n\
         {COMMENT} Header lines first (Subject: …, and Attribute: name=value as often as wanted),\n\
         {COMMENT} then a blank line, then the body; a text without header lines is all body.\n\
         {COMMENT} Lines starting with {COMMENT} are dropped, and so is one trailing newline (the one\n\
         {COMMENT} an editor adds). Left without a body, nothing is published.\n\
         Subject: \n\n"
    )
}

#[derive(Debug, PartialEq, Eq)]
pub struct Draft {
    pub subject: Option<String>,
    pub attributes: BTreeMap<String, String>,
    pub body: String,
}

/// The draft, or what is wrong with the header.
pub fn parse(edited: &str) -> Result<Draft, String> {
    let text = &body_of(edited);
    let mut subject = None;
    let mut attributes = BTreeMap::new();
    let mut lines = text.split_inclusive('\n');
    let mut consumed = 0;
    let starts_with_header = text.starts_with("Subject:") || text.starts_with("Attribute:");
    if starts_with_header {
        for line in lines.by_ref() {
            consumed += line.len();
            let bare = line.trim_end_matches(['\n', '\r']);
            if bare.trim().is_empty() {
                break;
            }
            if let Some(s) = bare.strip_prefix("Subject:") {
                let s = s.trim();
                subject = (!s.is_empty()).then(|| s.to_string());
            } else if let Some(a) = bare.strip_prefix("Attribute:") {
                let a = a.trim();
                if a.is_empty() {
                    continue;
                }
                let Some((name, value)) = a.split_once('=') else {
                    return Err(format!("attribute '{a}' is not name=value"));
                };
                attributes.insert(name.trim().to_string(), value.trim().to_string());
            } else {
                return Err(format!(
                    "'{bare}' is no header line (Subject: or Attribute: name=value); leave a blank line before the body"
                ));
            }
        }
    }
    Ok(Draft {
        subject,
        attributes,
        body: text[consumed..].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_then_the_body() {
        let d = parse("Subject: deploy done\nAttribute: env=prod\nAttribute: team = payments\n\n{\"ok\":true}\nsecond line\n").unwrap();
        assert_eq!(d.subject.as_deref(), Some("deploy done"));
        assert_eq!(d.attributes.get("env").map(String::as_str), Some("prod"));
        assert_eq!(
            d.attributes.get("team").map(String::as_str),
            Some("payments")
        );
        assert_eq!(d.body, "{\"ok\":true}\nsecond line");
    }

    #[test]
    fn the_template_left_empty_is_an_empty_body_without_subject() {
        let d = parse(&template("deploys")).unwrap();
        assert_eq!((d.subject, d.body.as_str()), (None, ""));
    }

    #[test]
    fn the_template_s_comments_and_one_trailing_newline_are_dropped() {
        let template = template("deploys");
        assert!(
            template.contains("Lines starting with #~ are dropped"),
            "{template}"
        );
        let edited = template.replace("Subject: \n\n", "Subject: v42\n\nbody\n\n");
        let d = parse(&edited).unwrap();
        assert_eq!(d.subject.as_deref(), Some("v42"));
        assert_eq!(d.body, "body\n", "one newline dropped, the body's own kept");
    }

    #[test]
    fn text_without_a_header_is_all_body() {
        let d = parse("hello\nSubject: not a header here").unwrap();
        assert_eq!(d.body, "hello\nSubject: not a header here");
        assert_eq!(d.subject, None);
    }

    #[test]
    fn a_stray_line_in_the_header_is_named() {
        let e = parse("Subject: x\nbody without a blank line").unwrap_err();
        assert!(e.contains("'body without a blank line'"), "{e}");
        assert!(
            parse("Attribute: novalue\n\nb")
                .unwrap_err()
                .contains("name=value")
        );
    }
}
