//! An edited item turned into a safe write: an UpdateItem that sets what changed and removes
//! what was deleted, on condition that every attribute still holds the value that was read —
//! so a change made by someone else in between is reported, never overwritten, and attributes
//! added by others meanwhile are kept (an update touches only what it names).

use super::dynamodb::{Item, Value};
use super::dynamodb_query::Placeholders;
use std::collections::BTreeMap;

/// DynamoDB's limit for one expression, in bytes.
const EXPRESSION_LIMIT: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub key: Item,
    /// The item as it will be after the write (for the views).
    pub edited: Item,
    pub update: String,
    pub condition: String,
    pub names: BTreeMap<String, String>,
    pub values: BTreeMap<String, Value>,
}

/// What changed, attribute by attribute, for the confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added(String, Value),
    Removed(String, Value),
    Changed(String, Value, Value),
}

pub fn changes(original: &Item, edited: &Item) -> Vec<Change> {
    let mut out = Vec::new();
    for (name, old) in original {
        match edited.get(name) {
            None => out.push(Change::Removed(name.clone(), old.clone())),
            Some(new) if new != old => {
                out.push(Change::Changed(name.clone(), old.clone(), new.clone()))
            }
            Some(_) => {}
        }
    }
    for (name, new) in edited {
        if !original.contains_key(name) {
            out.push(Change::Added(name.clone(), new.clone()));
        }
    }
    out
}

/// The conditional update that turns `original` into `edited`; `None` when nothing changed.
/// The key attributes cannot change (that would be another item).
pub fn update_for_edit(
    original: &Item,
    edited: &Item,
    keys: &[String],
) -> Result<Option<Update>, String> {
    for k in keys {
        if original.get(k) != edited.get(k) {
            return Err(format!(
                "the key attribute {k} cannot change: that would be another item (add a new one instead)"
            ));
        }
    }
    let changes = changes(original, edited);
    if changes.is_empty() {
        return Ok(None);
    }
    let mut p = Placeholders::with_prefix("a");
    let (mut set, mut remove) = (Vec::new(), Vec::new());
    for c in &changes {
        match c {
            Change::Added(n, v) | Change::Changed(n, _, v) => {
                let (n, v) = (p.name(n), p.checked_value(v));
                set.push(format!("{n} = {v}"));
            }
            Change::Removed(n, _) => remove.push(p.name(n)),
        }
    }
    let mut update = String::new();
    if !set.is_empty() {
        update.push_str(&format!("SET {}", set.join(", ")));
    }
    if !remove.is_empty() {
        if !update.is_empty() {
            update.push(' ');
        }
        update.push_str(&format!("REMOVE {}", remove.join(", ")));
    }
    // Unchanged since it was read: every attribute as it was, and nothing where we add one.
    let mut condition = vec![equal_to_read(&mut p, original)];
    for c in &changes {
        if let Change::Added(n, _) = c {
            condition.push(format!("attribute_not_exists({})", p.name(n)));
        }
    }
    let condition = condition.join(" AND ");
    if condition.len() > EXPRESSION_LIMIT {
        return Err(format!(
            "this item is too large to check for concurrent changes in one condition ({} bytes; DynamoDB allows {EXPRESSION_LIMIT})",
            condition.len()
        ));
    }
    let key = keys
        .iter()
        .filter_map(|k| Some((k.clone(), original.get(k)?.clone())))
        .collect();
    Ok(Some(Update {
        key,
        edited: edited.clone(),
        update,
        condition,
        names: p.names,
        values: p.values,
    }))
}

/// `#a = :v AND …` for every attribute as it was read.
fn equal_to_read(p: &mut Placeholders, original: &Item) -> String {
    original
        .iter()
        .map(|(n, v)| format!("{} = {}", p.name(n), p.checked_value(v)))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The condition for deleting (or replacing) an item exactly as it was read.
pub fn unchanged(original: &Item) -> (String, BTreeMap<String, String>, BTreeMap<String, Value>) {
    let mut p = Placeholders::with_prefix("a");
    let condition = equal_to_read(&mut p, original);
    (condition, p.names, p.values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pairs: &[(&str, &str)]) -> Item {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::S(v.to_string())))
            .collect()
    }

    #[test]
    fn an_edit_sets_what_changed_removes_what_went_and_checks_every_attribute() {
        let before = item(&[("id", "1"), ("status", "PAID"), ("note", "x")]);
        let after = item(&[("id", "1"), ("status", "SHIPPED"), ("carrier", "ups")]);
        let u = update_for_edit(&before, &after, &["id".into()])
            .unwrap()
            .unwrap();
        assert_eq!(u.update, "SET #a1 = :v0, #a2 = :v1 REMOVE #a0");
        assert_eq!(u.names["#a0"], "note");
        assert_eq!(u.names["#a1"], "status");
        assert_eq!(u.names["#a2"], "carrier");
        assert_eq!(
            u.condition,
            "#a3 = :v2 AND #a0 = :v3 AND #a1 = :v4 AND attribute_not_exists(#a2)"
        );
        assert_eq!(u.names["#a3"], "id");
        assert_eq!(u.values[":v4"], Value::S("PAID".into()), "the value read");
        assert_eq!(u.key, item(&[("id", "1")]));
    }

    #[test]
    fn no_change_is_no_write_and_keys_cannot_change() {
        let a = item(&[("id", "1"), ("x", "y")]);
        assert_eq!(update_for_edit(&a, &a.clone(), &["id".into()]), Ok(None));
        let moved = item(&[("id", "2"), ("x", "y")]);
        assert!(
            update_for_edit(&a, &moved, &["id".into()])
                .unwrap_err()
                .contains("cannot change")
        );
    }

    #[test]
    fn changes_are_listed_for_the_confirmation() {
        let before = item(&[("a", "1"), ("b", "2")]);
        let after = item(&[("a", "1"), ("b", "3"), ("c", "4")]);
        assert_eq!(
            changes(&before, &after),
            [
                Change::Changed("b".into(), Value::S("2".into()), Value::S("3".into())),
                Change::Added("c".into(), Value::S("4".into())),
            ]
        );
    }
}
