//! An identity's attached managed policies (name and ARN: `:policies` shows their documents)
//! and its inline policies, each document with its statements table.

use super::policy_document;
use crate::aws::iam::Permissions;
use crate::ui::document::{Block, Document};

pub fn push(doc: &mut Document, permissions: &Permissions) {
    doc.push(Block::Heading("Attached policies".into()));
    if permissions.attached.is_empty() {
        doc.push(Block::Note("no managed policies attached".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["NAME".into(), "ARN".into()],
            rows: permissions
                .attached
                .iter()
                .map(|p| vec![p.name.clone(), p.arn.clone()])
                .collect(),
        });
        doc.push(Block::Note(
            "their documents: :policies, then / and the name".into(),
        ));
    }
    if permissions.inline.is_empty() {
        doc.push(Block::Heading("Inline policies".into()));
        doc.push(Block::Note("no inline policies".into()));
    }
    for p in &permissions.inline {
        doc.push(Block::Heading(format!("Inline policy {}", p.name)));
        for block in policy_document::blocks(&p.document) {
            doc.push(block);
        }
    }
}
