//! Editing items in the user's editor (`panes::editing`'s round trip): the item goes into a
//! private temporary file as typed JSON (lossless: sets stay sets, numbers keep every digit),
//! comes back validated, and the change is shown before anything is written. A refused or
//! failed edit keeps the file.

use crate::aws::ContextKey;
use crate::aws::dynamodb::Write;
use crate::aws::dynamodb_edit::{Change, update_for_edit};
use crate::aws::dynamodb_json as text;
use crate::aws::dynamodb_query::from_typed_json;
use crate::aws::dynamodb_value::{Item, Value};
use crate::pane::{Confirm, Effect, Level};
use crate::panes::editing::{self, Step};
use crate::protocol::dynamodb::DdbOp;
use crate::protocol::editor::EditOutcome;
use crate::protocol::{Op, Owner, PaneId, Request};
use std::path::PathBuf;

/// Said when an edit is not taken.
const UNCHANGED: &str = "nothing written";

/// The edited text as an item (an object of typed values).
pub fn parse_item(raw: &str) -> Result<Item, String> {
    let json: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = json
        .as_object()
        .ok_or("an item is a JSON object of typed values, like {\"id\": {\"S\": \"a\"}}")?;
    object
        .iter()
        .map(|(k, v)| {
            Ok((
                k.clone(),
                from_typed_json(v).map_err(|e| format!("{k}: {e}"))?,
            ))
        })
        .collect()
}

pub fn change_lines(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| match c {
            Change::Added(n, v) => format!("+ {n}: {}", text::cell(v)),
            Change::Removed(n, v) => format!("- {n}: {}", text::cell(v)),
            Change::Changed(n, old, new) => {
                format!("~ {n}: {} → {}", text::cell(old), text::cell(new))
            }
        })
        .collect()
}

/// Where a write goes.
#[derive(Clone)]
pub struct Target {
    pub owner: PaneId,
    pub ctx: ContextKey,
    pub table: String,
    pub keys: Vec<String>,
    /// The configured editor (empty: the environment's).
    pub editor: String,
}

impl Target {
    pub fn request(&self, write: Write) -> Effect {
        let op = Op::Ddb(DdbOp::Write {
            ctx: self.ctx.clone(),
            table: self.table.clone(),
            write: Box::new(write),
        });
        Effect::Request(Request::new(Owner::Pane(self.owner), op).in_slot("write"))
    }

    /// The key attributes of `item`: what identifies it in the table.
    pub fn key_of(&self, item: &Item) -> Item {
        self.keys
            .iter()
            .filter_map(|k| Some((k.clone(), item.get(k)?.clone())))
            .collect()
    }

    /// Reads the item with `key` as it is now (consistent): after a write, and on `C-r`.
    pub fn reread(&self, key: Item) -> Effect {
        let op = Op::Ddb(DdbOp::Item {
            ctx: self.ctx.clone(),
            table: self.table.clone(),
            key,
        });
        Effect::Request(Request::new(Owner::Pane(self.owner), op).in_slot("read"))
    }

    /// Opens `original` in the editor; afterwards shows the change and asks before the
    /// conditional update.
    pub fn edit(&self, original: &Item) -> (Pending, Vec<Effect>) {
        self.start(Kind::Update(original.clone()), original)
    }

    /// A new item: a template with the key attributes, then a put that refuses to replace.
    pub fn create(&self, key_types: &[(String, String)]) -> (Pending, Vec<Effect>) {
        let template: Item = key_types
            .iter()
            .map(|(name, kind)| {
                let empty = match kind.as_str() {
                    "N" => Value::N("0".into()),
                    "B" => Value::B(Vec::new()),
                    _ => Value::S(String::new()),
                };
                (name.clone(), empty)
            })
            .collect();
        self.start(Kind::Create(template.clone()), &template)
    }

    fn start(&self, kind: Kind, shown: &Item) -> (Pending, Vec<Effect>) {
        let effect = editing::start(self.owner, &self.table, text::typed_json_text(shown));
        let pending = Pending {
            target: self.clone(),
            kind,
        };
        (pending, vec![effect])
    }

    /// Delete, typed: the partition key value; only if the item is still as it was read.
    pub fn delete(&self, original: &Item) -> Vec<Effect> {
        let key = self.key_of(original);
        let Some(first) = self.keys.first().and_then(|k| original.get(k)) else {
            return vec![Effect::Flash(
                Level::Warn,
                "this item has no key to delete by".into(),
            )];
        };
        let typed = text::cell(first);
        vec![Effect::Confirm(Confirm {
            title: format!("Delete this item from {}?", self.table),
            lines: key
                .iter()
                .map(|(k, v)| format!("  {k}: {}", text::cell(v)))
                .chain([
                    "Deleted only if it is still as it was read; this cannot be undone.".into(),
                ])
                .collect(),
            typed: Some(typed),
            on_yes: vec![self.request(Write::Delete {
                key,
                original: original.clone(),
            })],
        })]
    }
}

/// An item edit under way: what it started from, until the editor's text comes back.
pub struct Pending {
    target: Target,
    kind: Kind,
}

enum Kind {
    /// An existing item, as read.
    Update(Item),
    /// A new item, from this template.
    Create(Item),
}

/// Carries a view's edit one answer further (`Outcome::Edit`); the slot empties when it is over.
pub fn advance(slot: &mut Option<Pending>, outcome: EditOutcome) -> Vec<Effect> {
    let Some(pending) = slot.take() else {
        return Vec::new();
    };
    let target = &pending.target;
    match editing::advance(target.owner, &target.editor, outcome, UNCHANGED) {
        Step::Running(effects) => {
            *slot = Some(pending);
            effects
        }
        Step::Over(effects) => effects,
        Step::Edited { path, text } => pending.edited(path, &text),
    }
}

impl Pending {
    fn edited(self, path: PathBuf, raw: &str) -> Vec<Effect> {
        let target = self.target;
        let kept = |e: String| vec![editing::kept(&e, UNCHANGED, &path)];
        let edited = match parse_item(raw) {
            Ok(item) => item,
            Err(e) => return kept(e),
        };
        let discard = editing::discard(target.owner, path.clone());
        match self.kind {
            Kind::Update(original) => match update_for_edit(&original, &edited, &target.keys) {
                Ok(None) => vec![discard, Effect::Flash(Level::Info, "no changes".into())],
                Err(e) => kept(e),
                Ok(Some(update)) => {
                    let changes = crate::aws::dynamodb_edit::changes(&original, &edited);
                    let mut lines = change_lines(&changes);
                    lines.push(String::new());
                    lines.push("Written only if the item is still as it was read.".into());
                    vec![
                        discard,
                        Effect::Confirm(Confirm {
                            title: format!(
                                "Write {} change{} to {}?",
                                changes.len(),
                                if changes.len() == 1 { "" } else { "s" },
                                target.table
                            ),
                            lines,
                            typed: None,
                            on_yes: vec![target.request(Write::Update(update))],
                        }),
                    ]
                }
            },
            Kind::Create(template) => {
                if let Some(k) = target.keys.iter().find(|k| {
                    edited
                        .get(*k)
                        .is_none_or(|v| matches!(v, Value::S(s) if s.is_empty()))
                }) {
                    return kept(format!("the key attribute {k} needs a value"));
                }
                if edited == template {
                    return vec![discard, Effect::Flash(Level::Info, "nothing added".into())];
                }
                let lines = edited
                    .iter()
                    .map(|(k, v)| format!("+ {k}: {}", text::cell(v)))
                    .collect();
                vec![
                    discard,
                    Effect::Confirm(Confirm {
                        title: format!("Add this item to {}?", target.table),
                        lines,
                        typed: None,
                        on_yes: vec![target.request(Write::Put {
                            item: edited,
                            keys: target.keys.clone(),
                            replace: false,
                        })],
                    }),
                ]
            }
        }
    }
}

/// What to say after a write; `None` when the put should be offered as a replace.
pub fn written(
    write: &Write,
    result: &Result<crate::aws::dynamodb::Written, crate::aws::AwsError>,
) -> Effect {
    let what = match write {
        Write::Update(_) => "saved",
        Write::Put { .. } => "added",
        Write::Delete { .. } => "deleted",
    };
    match result {
        Ok(crate::aws::dynamodb::Written::Done) => {
            Effect::Flash(Level::Success, format!("item {what}"))
        }
        // Not a conflict: the first attempt went through and only its answer was lost.
        Ok(crate::aws::dynamodb::Written::FoundApplied) => Effect::Flash(
            Level::Success,
            format!(
                "item {what} — the first attempt's answer was lost; a re-read shows it applied (once)"
            ),
        ),
        Err(e) if crate::aws::dynamodb::is_condition_failure(e) => Effect::Flash(
            Level::Error,
            match write {
                Write::Put { .. } => "an item with this key exists; nothing written".into(),
                _ => "the item changed since it was read: nothing written (reload and try again)"
                    .to_string(),
            },
        ),
        Err(e) => Effect::Flash(Level::Error, format!("not {what}: {}", e.summary())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_files_are_private_and_read_back_exactly() {
        use std::os::unix::fs::PermissionsExt;
        let item: Item = [
            ("id".to_string(), Value::S("a".into())),
            (
                "n".to_string(),
                Value::N("12345678901234567890123456789012345678".into()),
            ),
            ("s".to_string(), Value::Ns(vec!["1".into(), "2".into()])),
        ]
        .into();
        let path = crate::editor::edit_file("orders/../x", &text::typed_json_text(&item)).unwrap();
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("orders____x-")
        );
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let read = |p: &std::path::Path| parse_item(&std::fs::read_to_string(p).unwrap());
        assert_eq!(read(&path).unwrap(), item);
        std::fs::write(&path, "{\"id\": {\"N\": \"1x\"}}").unwrap();
        assert!(
            read(&path)
                .unwrap_err()
                .contains("id: '1x' is not a number")
        );
        std::fs::write(&path, "[1]").unwrap();
        assert!(read(&path).unwrap_err().contains("JSON object"));
        let _ = std::fs::remove_file(path);
    }
}
