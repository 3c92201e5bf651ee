//! Descriptions shown as trees (an instance, a database): built by the adapters from SDK
//! types as plain JSON values, so the views never see the SDK.

pub type Tree = serde_json::Value;

/// Drops what carries no information — nulls, empty strings, arrays and objects — so the tree
/// shows only what is set.
pub fn prune(value: Tree) -> Tree {
    match value {
        Tree::Object(map) => Tree::Object(
            map.into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Tree::Array(items) => Tree::Array(
            items
                .into_iter()
                .map(prune)
                .filter(|v| !is_empty(v))
                .collect(),
        ),
        other => other,
    }
}

fn is_empty(v: &Tree) -> bool {
    match v {
        Tree::Null => true,
        Tree::String(s) => s.is_empty(),
        Tree::Array(a) => a.is_empty(),
        Tree::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_values_are_dropped_at_every_depth() {
        let t = prune(json!({
            "a": null, "b": "", "c": [], "d": {"e": null}, "f": [{"g": null}, {"h": 1}], "i": false
        }));
        assert_eq!(t, json!({"f": [{"h": 1}], "i": false}));
    }
}
