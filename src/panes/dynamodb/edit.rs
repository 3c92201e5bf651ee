//! Editing items in the user's editor: the item goes into a private temporary file as typed
//! JSON (lossless: sets stay sets, numbers keep every digit), comes back validated, and the
//! change is shown before anything is written. A refused or failed edit keeps the file.

use crate::aws::ContextKey;
use crate::aws::dynamodb::Write;
use crate::aws::dynamodb_edit::{Change, update_for_edit};
use crate::aws::dynamodb_json as text;
use crate::aws::dynamodb_query::from_typed_json;
use crate::aws::dynamodb_value::{Item, Value};
use crate::pane::{Confirm, Effect, Level};
use crate::protocol::dynamodb::DdbOp;
use crate::protocol::{Op, Owner, PaneId, Request};
use std::path::Path;

/// The edited file as an item (an object of typed values).
pub fn read_item(path: &Path) -> Result<Item, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&raw).map_err(|e| format!("not valid JSON: {e}"))?;
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

    /// Opens `original` in the editor; afterwards shows the change and asks before the
    /// conditional update.
    pub fn edit(&self, original: &Item) -> Vec<Effect> {
        let path = match crate::editor::edit_file(&self.table, &text::typed_json_text(original)) {
            Ok(p) => p,
            Err(e) => return vec![Effect::Flash(Level::Error, format!("cannot edit: {e}"))],
        };
        let (target, original) = (self.clone(), original.clone());
        let command = crate::editor::editor_command(&self.editor, &path);
        vec![Effect::ExecThen(
            command,
            Box::new(move |ended| {
                if let Err(e) = ended {
                    return vec![Effect::Flash(
                        Level::Error,
                        format!(
                            "editor: {e}; nothing written (your text: {})",
                            path.display()
                        ),
                    )];
                }
                let kept = |e: String| {
                    vec![Effect::Flash(
                        Level::Error,
                        format!("{e}; nothing written (your text: {})", path.display()),
                    )]
                };
                let edited = match read_item(&path) {
                    Ok(item) => item,
                    Err(e) => return kept(e),
                };
                match update_for_edit(&original, &edited, &target.keys) {
                    Ok(None) => {
                        let _ = std::fs::remove_file(&path);
                        vec![Effect::Flash(Level::Info, "no changes".into())]
                    }
                    Err(e) => kept(e),
                    Ok(Some(update)) => {
                        let changes = crate::aws::dynamodb_edit::changes(&original, &edited);
                        let mut lines = change_lines(&changes);
                        lines.push(String::new());
                        lines.push("Written only if the item is still as it was read.".into());
                        let _ = std::fs::remove_file(&path);
                        vec![Effect::Confirm(Confirm {
                            title: format!(
                                "Write {} change{} to {}?",
                                changes.len(),
                                if changes.len() == 1 { "" } else { "s" },
                                target.table
                            ),
                            lines,
                            typed: None,
                            on_yes: vec![target.request(Write::Update(update))],
                        })]
                    }
                }
            }),
        )]
    }

    /// A new item: a template with the key attributes, then a put that refuses to replace.
    pub fn create(&self, key_types: &[(String, String)]) -> Vec<Effect> {
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
        let path = match crate::editor::edit_file(&self.table, &text::typed_json_text(&template)) {
            Ok(p) => p,
            Err(e) => return vec![Effect::Flash(Level::Error, format!("cannot edit: {e}"))],
        };
        let target = self.clone();
        vec![Effect::ExecThen(
            crate::editor::editor_command(&self.editor, &path),
            Box::new(move |ended| {
                let kept = |e: String| {
                    vec![Effect::Flash(
                        Level::Error,
                        format!("{e}; nothing written (your text: {})", path.display()),
                    )]
                };
                if let Err(e) = ended {
                    return kept(format!("editor: {e}"));
                }
                let item = match read_item(&path) {
                    Ok(item) => item,
                    Err(e) => return kept(e),
                };
                if let Some(k) = target.keys.iter().find(|k| {
                    item.get(*k)
                        .is_none_or(|v| matches!(v, Value::S(s) if s.is_empty()))
                }) {
                    return kept(format!("the key attribute {k} needs a value"));
                }
                if item == template {
                    let _ = std::fs::remove_file(&path);
                    return vec![Effect::Flash(Level::Info, "nothing added".into())];
                }
                let _ = std::fs::remove_file(&path);
                let lines = item
                    .iter()
                    .map(|(k, v)| format!("+ {k}: {}", text::cell(v)))
                    .collect();
                vec![Effect::Confirm(Confirm {
                    title: format!("Add this item to {}?", target.table),
                    lines,
                    typed: None,
                    on_yes: vec![target.request(Write::Put {
                        item,
                        keys: target.keys.clone(),
                        replace: false,
                    })],
                })]
            }),
        )]
    }

    /// Delete, typed: the partition key value; only if the item is still as it was read.
    pub fn delete(&self, original: &Item) -> Vec<Effect> {
        let key: Item = self
            .keys
            .iter()
            .filter_map(|k| Some((k.clone(), original.get(k)?.clone())))
            .collect();
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
        assert_eq!(read_item(&path).unwrap(), item);
        std::fs::write(&path, "{\"id\": {\"N\": \"1x\"}}").unwrap();
        assert!(
            read_item(&path)
                .unwrap_err()
                .contains("id: '1x' is not a number")
        );
        std::fs::write(&path, "[1]").unwrap();
        assert!(read_item(&path).unwrap_err().contains("JSON object"));
        let _ = std::fs::remove_file(path);
    }
}
