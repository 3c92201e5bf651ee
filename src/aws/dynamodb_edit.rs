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

/// One step into an item: an attribute or map key, or a list position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    At(usize),
}

/// Where a change is, from the top-level attribute down (`shipping.address.city`, `items[2].qty`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// A top-level attribute.
    pub fn top_level(&self) -> bool {
        self.0.len() == 1
    }
}

impl From<&str> for Path {
    fn from(attribute: &str) -> Path {
        Path(vec![Step::Key(attribute.to_string())])
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::At(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// What changed, down to the innermost map key or list element that differs, for the
/// confirmation and the update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added(Path, Value),
    Removed(Path, Value),
    Changed(Path, Value, Value),
}

pub fn changes(original: &Item, edited: &Item) -> Vec<Change> {
    let mut out = Vec::new();
    diff_maps(&mut Vec::new(), original, edited, &mut out);
    out
}

/// Keys removed or changed (in `old`'s order), then keys added.
fn diff_maps(
    at: &mut Vec<Step>,
    old: &BTreeMap<String, Value>,
    new: &BTreeMap<String, Value>,
    out: &mut Vec<Change>,
) {
    for (name, was) in old {
        at.push(Step::Key(name.clone()));
        match new.get(name) {
            None => out.push(Change::Removed(Path(at.clone()), was.clone())),
            Some(now) => diff_values(at, was, now, out),
        }
        at.pop();
    }
    for (name, now) in new {
        if !old.contains_key(name) {
            at.push(Step::Key(name.clone()));
            out.push(Change::Added(Path(at.clone()), now.clone()));
            at.pop();
        }
    }
}

/// Maps are followed key by key and lists of the same length element by element; anything
/// else that differs changes as a whole (a list that grew or shrank, a set, a new type) — so
/// no two changed paths overlap, and list positions never shift under the update.
fn diff_values(at: &mut Vec<Step>, was: &Value, now: &Value, out: &mut Vec<Change>) {
    if was == now {
        return;
    }
    match (was, now) {
        // A map key that cannot be a placeholder's name: the map changes whole.
        (Value::M(old), Value::M(new)) if !old.keys().chain(new.keys()).any(String::is_empty) => {
            diff_maps(at, old, new, out)
        }
        (Value::L(old), Value::L(new)) if old.len() == new.len() => {
            for (i, (was, now)) in old.iter().zip(new).enumerate() {
                at.push(Step::At(i));
                diff_values(at, was, now, out);
                at.pop();
            }
        }
        _ => out.push(Change::Changed(Path(at.clone()), was.clone(), now.clone())),
    }
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
            Change::Added(at, v) | Change::Changed(at, _, v) => {
                let (at, v) = (placeholder_path(&mut p, at), p.checked_value(v));
                set.push(format!("{at} = {v}"));
            }
            Change::Removed(at, _) => remove.push(placeholder_path(&mut p, at)),
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
    // Unchanged since it was read: every attribute as it was (so every map and list a nested
    // path goes through is there, as read), and nothing where we add an attribute.
    let mut condition = vec![equal_to_read(&mut p, original)];
    for c in &changes {
        if let Change::Added(at, _) = c
            && at.top_level()
        {
            condition.push(format!(
                "attribute_not_exists({})",
                placeholder_path(&mut p, at)
            ));
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

/// `#a0.#a1[2]`: every name a placeholder, list positions as they are.
fn placeholder_path(p: &mut Placeholders, path: &Path) -> String {
    let mut out = String::new();
    for step in &path.0 {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&p.name(k));
            }
            Step::At(n) => out.push_str(&format!("[{n}]")),
        }
    }
    out
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

    fn map(pairs: &[(&str, Value)]) -> Value {
        Value::M(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn line(qty: &str) -> Value {
        map(&[("sku", Value::S("x".into())), ("qty", Value::N(qty.into()))])
    }

    #[test]
    fn nested_changes_name_their_paths_and_set_only_them() {
        let address = |city: &str| {
            map(&[
                ("city", Value::S(city.into())),
                ("zip", Value::S("49007".into())),
            ])
        };
        let before: Item = [
            ("id".to_string(), Value::S("1".into())),
            (
                "shipping".to_string(),
                map(&[("address", address("Springfield"))]),
            ),
            (
                "items".to_string(),
                Value::L(vec![line("1"), line("1"), line("2")]),
            ),
            ("notes".to_string(), Value::L(vec![Value::S("a".into())])),
        ]
        .into();
        let mut after = before.clone();
        after.insert(
            "shipping".into(),
            map(&[
                ("address", address("Shelbyville")),
                ("gift", Value::Bool(true)),
            ]),
        );
        after.insert(
            "items".into(),
            Value::L(vec![line("1"), line("1"), line("5")]),
        );
        after.insert(
            "notes".into(),
            Value::L(vec![Value::S("a".into()), Value::S("b".into())]),
        );
        let shown: Vec<String> = changes(&before, &after)
            .iter()
            .map(|c| match c {
                Change::Added(at, _) => format!("+ {at}"),
                Change::Removed(at, _) => format!("- {at}"),
                Change::Changed(at, _, _) => format!("~ {at}"),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "~ items[2].qty",
                "~ notes",
                "~ shipping.address.city",
                "+ shipping.gift",
            ],
            "a list that grew changes whole"
        );
        let u = update_for_edit(&before, &after, &["id".into()])
            .unwrap()
            .unwrap();
        assert_eq!(
            u.update,
            "SET #a0[2].#a1 = :v0, #a2 = :v1, #a3.#a4.#a5 = :v2, #a3.#a6 = :v3"
        );
        assert_eq!(
            [
                &u.names["#a3"],
                &u.names["#a4"],
                &u.names["#a5"],
                &u.names["#a6"]
            ],
            ["shipping", "address", "city", "gift"]
        );
        assert!(
            !u.condition.contains("attribute_not_exists"),
            "shipping is checked whole, as read: {}",
            u.condition
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
        /// Something deep inside a map or list: replaced, or (a map key) removed or added.
        Inside(prop::sample::Index, Value, bool),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            2 => Just(Edit::Keep),
            1 => value().prop_map(Edit::Change),
            1 => Just(Edit::Remove),
            2 => (any::<prop::sample::Index>(), value(), any::<bool>())
                .prop_map(|(at, new, remove)| Edit::Inside(at, new, remove)),
        ]
    }

    /// `value` with one thing deep inside changed: the innermost map or list reached by
    /// `at` gets `new` at one key or position (or loses the key, when `remove`).
    fn tweak(value: &Value, at: &prop::sample::Index, new: Value, remove: bool) -> Value {
        let mut out = value.clone();
        match &mut out {
            Value::M(m) if m.is_empty() => {
                m.insert("added".into(), new);
            }
            Value::M(m) => {
                let key = m.keys().nth(at.index(m.len())).cloned().unwrap_or_default();
                match &m[&key] {
                    inner @ (Value::M(_) | Value::L(_)) => {
                        let deeper = tweak(inner, at, new, remove);
                        m.insert(key, deeper);
                    }
                    _ if remove => {
                        m.remove(&key);
                    }
                    _ => {
                        m.insert(key, new);
                    }
                }
            }
            Value::L(l) if !l.is_empty() => {
                let i = at.index(l.len());
                l[i] = match &l[i] {
                    inner @ (Value::M(_) | Value::L(_)) => tweak(inner, at, new, remove),
                    _ => new,
                };
            }
            _ => out = new,
        }
        out
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
                        Edit::Inside(at, new, remove) => {
                            edited.insert(name, tweak(&v, &at, new, remove));
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

    /// `#a0.#a1[2]` back into steps, by the placeholders' names.
    fn parse_path(expr: &str, names: &BTreeMap<String, String>) -> Vec<Step> {
        let mut steps = Vec::new();
        for part in expr.split('.') {
            let (name, indexes) = part.split_at(part.find('[').unwrap_or(part.len()));
            steps.push(Step::Key(names[name].clone()));
            for n in indexes.split(['[', ']']).filter(|n| !n.is_empty()) {
                steps.push(Step::At(n.parse().unwrap()));
            }
        }
        steps
    }

    /// The value at `steps` inside `item`, as DynamoDB resolves a document path.
    fn get<'a>(item: &'a Item, steps: &[Step]) -> Option<&'a Value> {
        let (Step::Key(first), rest) = steps.split_first()? else {
            return None;
        };
        rest.iter()
            .try_fold(item.get(first)?, |value, step| match (value, step) {
                (Value::M(m), Step::Key(k)) => m.get(k),
                (Value::L(l), Step::At(n)) => l.get(*n),
                _ => None,
            })
    }

    /// Sets (`Some`) or removes (`None`) the value at `steps`; its parent must exist.
    fn put(item: &mut Item, steps: &[Step], value: Option<Value>) {
        let Some((Step::Key(first), rest)) = steps.split_first() else {
            panic!("a path starts at an attribute: {steps:?}");
        };
        let Some((last, between)) = rest.split_last() else {
            match value {
                Some(v) => item.insert(first.clone(), v),
                None => item.remove(first),
            };
            return;
        };
        let mut parent = item.get_mut(first).expect("the attribute exists");
        for step in between {
            parent = match (parent, step) {
                (Value::M(m), Step::Key(k)) => m.get_mut(k).expect("the key exists"),
                (Value::L(l), Step::At(n)) => l.get_mut(*n).expect("the position exists"),
                (other, _) => panic!("cannot step into {other:?}"),
            };
        }
        match (parent, last, value) {
            (Value::M(m), Step::Key(k), Some(v)) => {
                m.insert(k.clone(), v);
            }
            (Value::M(m), Step::Key(k), None) => {
                m.remove(k);
            }
            (Value::L(l), Step::At(n), Some(v)) => l[*n] = v,
            (other, step, _) => panic!("cannot change {step:?} of {other:?}"),
        }
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
                let (at, v) = assignment.split_once(" = ").unwrap();
                put(
                    &mut out,
                    &parse_path(at, &u.names),
                    Some(u.values[v].clone()),
                );
            }
        }
        for at in remove.into_iter().flat_map(|r| r.split(", ")) {
            put(&mut out, &parse_path(at, &u.names), None);
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
                    Change::Added(at, v) => {
                        prop_assert!(get(&original, &at.0).is_none());
                        put(&mut rebuilt, &at.0, Some(v));
                    }
                    Change::Changed(at, old, new) => {
                        prop_assert_eq!(Some(&old), get(&original, &at.0));
                        prop_assert_ne!(&old, &new);
                        put(&mut rebuilt, &at.0, Some(new));
                    }
                    Change::Removed(at, old) => {
                        prop_assert_eq!(Some(&old), get(&original, &at.0));
                        put(&mut rebuilt, &at.0, None);
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
