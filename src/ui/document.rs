//! A read-only document made of blocks (headings, fields, tables, JSON, text) that views
//! assemble from adapter data and the pager shows. Styled at draw time, so a theme switch
//! restyles it; every string is sanitized here.

use super::preview;
use crate::sanitize::sanitize;
use crate::theme::Theme;
use ratatui::text::{Line, Span};

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    /// Name and value pairs, names aligned.
    Fields(Vec<(String, String)>),
    /// Columns aligned to their widest cell.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Json(serde_json::Value),
    /// Pretty-printed JSON text shown as it is (exact numbers).
    JsonText(String),
    /// Multi-line text with line numbers (console output).
    Text(String),
    /// A dim remark ("no rules", "nothing yet").
    Note(String),
    Error(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    pub fn lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 && matches!(block, Block::Heading(_)) {
                lines.push(Line::raw(""));
            }
            match block {
                Block::Heading(text) => lines.push(Line::styled(
                    format!("── {} ──", sanitize(text)),
                    theme.style("help.section"),
                )),
                Block::Fields(fields) => {
                    let width = fields
                        .iter()
                        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
                        .max()
                        .unwrap_or(0);
                    lines.extend(fields.iter().map(|(k, v)| {
                        Line::from(vec![
                            Span::styled(
                                format!("{:<width$}  ", sanitize(k)),
                                theme.style("detail.key"),
                            ),
                            Span::styled(sanitize(v).into_owned(), theme.style("detail.value")),
                        ])
                    }));
                }
                Block::Table { header, rows } => lines.extend(table_lines(header, rows, theme)),
                Block::Json(value) => lines.extend(preview::value_lines(value, theme)),
                Block::JsonText(text) => lines.extend(preview::highlighted_json(text, theme)),
                Block::Text(text) => lines.extend(preview::text_lines(text.as_bytes(), theme)),
                Block::Note(text) => lines.push(Line::styled(
                    sanitize(text).into_owned(),
                    theme.style("text.dim"),
                )),
                // Its own lines kept (a credential process's stderr), each sanitized.
                Block::Error(text) => lines.extend(text.lines().map(|line| {
                    Line::styled(sanitize(line).into_owned(), theme.style("flash.error"))
                })),
            }
        }
        lines
    }
}

fn table_lines(header: &[String], rows: &[Vec<String>], theme: &Theme) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(c).into_owned()).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            clean
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .chain([header[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.width()))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = vec![Line::styled(line(header), theme.style("table.header"))];
    out.extend(
        clean
            .iter()
            .map(|r| Line::styled(line(r), theme.style("detail.value"))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(doc: &Document) -> Vec<String> {
        doc.lines(&Theme::mono())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn blocks_become_aligned_sanitized_lines() {
        let mut doc = Document::default();
        doc.push(Block::Heading("Instance".into()))
            .push(Block::Fields(vec![
                ("Id".into(), "i-1".into()),
                ("Name".into(), "web\u{1b}[31m".into()),
            ]))
            .push(Block::Heading("Rules".into()))
            .push(Block::Table {
                header: vec!["PROTO".into(), "PORTS".into()],
                rows: vec![
                    vec!["tcp".into(), "22".into()],
                    vec!["all".into(), "all".into()],
                ],
            });
        let lines = text(&doc);
        assert_eq!(lines[0], "── Instance ──");
        assert_eq!(lines[1], "Id    i-1");
        assert!(!lines[2].contains('\u{1b}'), "{:?}", lines[2]);
        assert_eq!(lines[3], "", "a blank line before each later heading");
        assert_eq!(lines[5], "PROTO  PORTS");
        assert_eq!(lines[6], "tcp    22");
    }
}
