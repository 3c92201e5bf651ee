//! Query results as a table: columns are the query's fields in the order they came (`@ptr`,
//! Insights' own pointer, hidden), and one row expanded into a document (JSON values
//! pretty-printed).

use crate::aws::logs::ResultRow;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// A field Insights adds to every row to find the event again; nothing to read.
const POINTER: &str = "@ptr";

/// One result row, its values aligned with the fields of the whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Position in the answer (rows have no id of their own).
    pub index: usize,
    pub values: Vec<String>,
    pub fields: std::sync::Arc<[String]>,
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        self.values
            .iter()
            .map(|v| CellText::plain(one_line(v)))
            .collect()
    }

    fn id(&self) -> String {
        self.index.to_string()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.values.join(" "))
    }
}

/// Multi-line values (stack traces) on one table line.
fn one_line(value: &str) -> String {
    value.trim_end().replace(['\n', '\r'], " ")
}

/// The fields of an answer, in the order they first appear, without `@ptr`.
pub fn fields(rows: &[ResultRow]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for (field, _) in rows.iter().flatten() {
        if field != POINTER && !fields.contains(field) {
            fields.push(field.clone());
        }
    }
    fields
}

/// The answer's rows aligned with `fields` (a row without a field has it empty).
pub fn rows(answer: &[ResultRow], fields: &std::sync::Arc<[String]>) -> Vec<Row> {
    answer
        .iter()
        .enumerate()
        .map(|(index, row)| Row {
            index,
            values: fields
                .iter()
                .map(|f| {
                    row.iter()
                        .find(|(k, _)| k == f)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect(),
            fields: fields.clone(),
        })
        .collect()
}

/// Columns for the fields: the first ones stay longest on a narrow screen, except `@message`,
/// which takes the room left and is cut rather than dropped.
pub fn columns(fields: &[String]) -> Vec<Column> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if f == "@message" {
                Column::titled(f.clone(), Constraint::Fill(1)).priority(8)
            } else {
                let width = if f == "@timestamp" { 23 } else { 24 };
                Column::titled(f.clone(), Constraint::Length(width))
                    .fit()
                    .priority(9u8.saturating_sub(i as u8).max(1))
            }
        })
        .collect()
}

/// The JSON a value holds: the whole value, or an object after a prefix (Lambda's
/// `time id level {...}` lines).
fn json_in(value: &str) -> Option<&str> {
    std::iter::once(value)
        .chain(value.find('{').map(|i| &value[i..]))
        .find(|text| {
            crate::ui::json_text::check(text).is_ok() && text.trim_start().starts_with(['{', '['])
        })
}

/// One row whole: short fields together, long or JSON values each under its own heading.
pub fn expand(row: &Row) -> Document {
    let mut doc = Document::default();
    let mut short = Vec::new();
    let mut long = Vec::new();
    for (field, value) in row.fields.iter().zip(&row.values) {
        if json_in(value).is_some() || value.contains('\n') || value.chars().count() > 60 {
            long.push((field, value));
        } else {
            short.push((field.clone(), value.clone()));
        }
    }
    if !short.is_empty() {
        doc.push(Block::Fields(short));
    }
    for (field, value) in long {
        match json_in(value) {
            Some(json) => {
                doc.push(Block::Heading(format!("{field} (JSON)")));
                if json.len() < value.len() {
                    doc.push(Block::Text(
                        value[..value.len() - json.len()].trim_end().into(),
                    ));
                }
                doc.push(Block::JsonText(crate::ui::json_text::reindent(json)));
            }
            None => {
                doc.push(Block::Heading(field.clone()));
                doc.push(Block::Text(value.clone()));
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> ResultRow {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fields_keep_their_order_without_the_pointer() {
        let answer = vec![
            pairs(&[("@timestamp", "t1"), ("@message", "m1"), ("@ptr", "x")]),
            pairs(&[("@timestamp", "t2"), ("level", "ERROR"), ("@ptr", "y")]),
        ];
        let f = fields(&answer);
        assert_eq!(f, vec!["@timestamp", "@message", "level"]);
        let aligned = rows(&answer, &std::sync::Arc::from(f));
        assert_eq!(aligned[1].values, vec!["t2", "", "ERROR"]);
    }

    #[test]
    fn a_json_message_is_pretty_printed_and_a_prefix_kept() {
        let answer = vec![pairs(&[
            ("@timestamp", "t1"),
            ("@message", "2026-12-02 INFO {\"user\":\"ann\",\"n\":1.50}"),
        ])];
        let f: std::sync::Arc<[String]> = std::sync::Arc::from(fields(&answer));
        let doc = expand(&rows(&answer, &f)[0]);
        assert_eq!(
            doc.blocks[0],
            Block::Fields(vec![("@timestamp".into(), "t1".into())])
        );
        assert_eq!(doc.blocks[1], Block::Heading("@message (JSON)".into()));
        assert_eq!(doc.blocks[2], Block::Text("2026-12-02 INFO".into()));
        assert_eq!(
            doc.blocks[3],
            Block::JsonText("{\n  \"user\": \"ann\",\n  \"n\": 1.50\n}".into())
        );
    }
}
