//! An edited item turned into a safe write: an UpdateItem that sets what changed and removes
//! what was deleted, on condition that every attribute still holds the value that was read —
//! so a change made by someone else in between is reported, never overwritten, and attributes
//! added by others meanwhile are kept (an update touches only what it names).

use super::dynamodb_query::Placeholders;
use super::dynamodb_value::{Item, Value};
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

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::aws::dynamodb_query::proptests::{attr_name, value};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[derive(Clone, Debug)]
    enum Edit {
        Keep,
        Change(Value),
        Remove,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            2 => Just(Edit::Keep),
            1 => value().prop_map(Edit::Change),
            1 => Just(Edit::Remove),
        ]
    }

    /// An item read from DynamoDB (with its key `id`) and the user's edit of it.
    fn read_and_edited() -> impl Strategy<Value = (Item, Item)> {
        (
            "[^\\x00]{1,6}",
            prop::collection::btree_map(attr_name(), (value(), edit()), 0..5),
            prop::collection::btree_map(attr_name(), value(), 0..3),
        )
            .prop_map(|(id, attrs, added)| {
                let mut original = Item::new();
                let mut edited = Item::new();
                original.insert("id".into(), Value::S(id.clone()));
                edited.insert("id".into(), Value::S(id));
                for (name, (v, e)) in attrs {
                    if name == "id" {
                        continue;
                    }
                    original.insert(name.clone(), v.clone());
                    match e {
                        Edit::Keep => {
                            edited.insert(name, v);
                        }
                        Edit::Change(new) => {
                            edited.insert(name, new);
                        }
                        Edit::Remove => {}
                    }
                }
                for (name, v) in added {
                    if !original.contains_key(&name) {
                        edited.insert(name, v);
                    }
                }
                (original, edited)
            })
    }

    fn tokens(expr: &str, sigil: char) -> BTreeSet<String> {
        expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == sigil))
            .filter(|w| w.starts_with(sigil) && w.len() > 1)
            .map(str::to_string)
            .collect()
    }

    /// What DynamoDB would store after the update expression.
    fn apply(u: &Update, item: &Item) -> Item {
        let mut out = item.clone();
        let (set, remove) = match u.update.split_once(" REMOVE ") {
            Some((set, remove)) => (set, Some(remove)),
            None if u.update.starts_with("REMOVE ") => ("", u.update.strip_prefix("REMOVE ")),
            None => (u.update.as_str(), None),
        };
        if let Some(set) = set.strip_prefix("SET ") {
            for assignment in set.split(", ") {
                let (n, v) = assignment.split_once(" = ").unwrap();
                out.insert(u.names[n].clone(), u.values[v].clone());
            }
        }
        for n in remove.into_iter().flat_map(|r| r.split(", ")) {
            out.remove(&u.names[n]);
        }
        out
    }

    /// Whether DynamoDB would let a write with this condition through, on `item`.
    fn holds(
        condition: &str,
        names: &BTreeMap<String, String>,
        values: &BTreeMap<String, Value>,
        item: &Item,
    ) -> bool {
        condition.split(" AND ").all(|part| {
            match part
                .strip_prefix("attribute_not_exists(")
                .and_then(|p| p.strip_suffix(')'))
            {
                Some(n) => !item.contains_key(&names[n]),
                None => {
                    let (n, v) = part.split_once(" = ").unwrap();
                    item.get(&names[n]) == Some(&values[v])
                }
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_update_turns_what_was_read_into_the_edit((original, edited) in read_and_edited()) {
            let keys = vec!["id".to_string()];
            let u = match update_for_edit(&original, &edited, &keys) {
                Ok(Some(u)) => u,
                Ok(None) => {
                    prop_assert_eq!(&original, &edited);
                    return Ok(());
                }
                Err(e) => return Err(TestCaseError::fail(e)),
            };
            prop_assert_ne!(&original, &edited);
            prop_assert_eq!(apply(&u, &original), edited.clone());
            prop_assert_eq!(&u.edited, &edited);
            prop_assert_eq!(u.key.keys().collect::<Vec<_>>(), vec!["id"]);
            // Every placeholder defined is used, every one used is defined.
            let both = format!("{} {}", u.update, u.condition);
            prop_assert_eq!(tokens(&both, '#'), u.names.keys().cloned().collect::<BTreeSet<_>>());
            prop_assert_eq!(tokens(&both, ':'), u.values.keys().cloned().collect::<BTreeSet<_>>());
            let distinct: BTreeSet<&String> = u.names.values().collect();
            prop_assert_eq!(distinct.len(), u.names.len());
            // The condition holds on the item as read...
            prop_assert!(holds(&u.condition, &u.names, &u.values, &original), "{}", u.condition);
            prop_assert!(u.condition.len() <= EXPRESSION_LIMIT);
        }

        /// ...and fails if anyone changed, removed or added an attribute meanwhile.
        #[test]
        fn a_concurrent_change_fails_the_condition(
            (original, edited) in read_and_edited(),
            pick in any::<prop::sample::Index>(),
            other in value(),
        ) {
            let Ok(Some(u)) = update_for_edit(&original, &edited, &["id".to_string()]) else {
                return Ok(());
            };
            let names: Vec<&String> = original.keys().collect();
            let name = names[pick.index(names.len())].clone();
            let mut changed = original.clone();
            if changed[&name] == other {
                changed.remove(&name);
            } else {
                changed.insert(name, other.clone());
            }
            prop_assert!(!holds(&u.condition, &u.names, &u.values, &changed));
            let added: Vec<&String> = edited.keys().filter(|k| !original.contains_key(*k)).collect();
            if let Some(new) = added.first() {
                let mut raced = original.clone();
                raced.insert((*new).clone(), other);
                prop_assert!(!holds(&u.condition, &u.names, &u.values, &raced));
            }
        }

        #[test]
        fn the_key_cannot_change(
            (original, edited) in read_and_edited(),
            new_id in prop::option::of(value()),
        ) {
            let mut edited = edited;
            match &new_id {
                Some(v) => edited.insert("id".into(), v.clone()),
                None => edited.remove("id"),
            };
            prop_assume!(original.get("id") != edited.get("id"));
            prop_assert!(update_for_edit(&original, &edited, &["id".to_string()]).is_err());
        }

        #[test]
        fn changes_list_exactly_the_difference((original, edited) in read_and_edited()) {
            let mut rebuilt = original.clone();
            for c in changes(&original, &edited) {
                match c {
                    Change::Added(n, v) => {
                        prop_assert!(!original.contains_key(&n));
                        rebuilt.insert(n, v);
                    }
                    Change::Changed(n, old, new) => {
                        prop_assert_eq!(Some(&old), original.get(&n));
                        prop_assert_ne!(&old, &new);
                        rebuilt.insert(n, new);
                    }
                    Change::Removed(n, old) => {
                        prop_assert_eq!(Some(&old), original.get(&n));
                        rebuilt.remove(&n);
                    }
                }
            }
            prop_assert_eq!(rebuilt, edited);
            prop_assert!(changes(&original, &original).is_empty());
        }

        #[test]
        fn the_delete_condition_holds_only_on_the_item_as_read(
            (original, _) in read_and_edited(),
            other in value(),
        ) {
            let (condition, names, values) = unchanged(&original);
            prop_assert!(holds(&condition, &names, &values, &original));
            let mut changed = original.clone();
            if changed["id"] == other {
                changed.remove("id");
            } else {
                changed.insert("id".into(), other);
            }
            prop_assert!(!holds(&condition, &names, &values, &changed));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// However many attributes, the condition never exceeds DynamoDB's limit: too large is
        /// refused with a reason.
        #[test]
        fn large_items_are_refused_rather_than_sent(n in 150usize..400) {
            let original: Item = (0..n).map(|i| (format!("a{i}"), Value::N(i.to_string()))).collect();
            let mut edited = original.clone();
            edited.insert("a0".into(), Value::S("changed".into()));
            match update_for_edit(&original, &edited, &[]) {
                Ok(Some(u)) => prop_assert!(u.condition.len() <= EXPRESSION_LIMIT),
                Ok(None) => prop_assert!(false, "a change was made"),
                Err(e) => prop_assert!(e.contains("too large"), "{}", e),
            }
        }
    }
}
