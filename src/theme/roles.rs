//! The semantic roles the UI asks the theme for.
//!
//! This table is the one list that theme validation, the shipped `default`
//! theme and `docs/themes.md` are checked against (see the tests), so adding a
//! role here without documenting and styling it fails the build's tests.

/// Every role the UI draws with, and what it styles.
pub const ROLES: &[(&str, &str)] = &[
    ("text", "ordinary text; the last fallback of every role"),
    (
        "text.dim",
        "secondary text: counts, timestamps, placeholders",
    ),
    (
        "text.escaped",
        "visible markers for escaped control characters in AWS data (␛, \\u{202e}, …)",
    ),
    ("title", "pane and popup titles"),
    ("border", "borders of unfocused panes and popups"),
    ("border.focused", "border of the focused pane"),
    ("header", "the top bar (profile · region · account)"),
    ("header.profile", "the AWS profile name in the top bar"),
    ("header.region", "the region in the top bar"),
    ("header.account", "the account id / alias in the top bar"),
    (
        "header.pending",
        "the in-flight request indicator in the top bar",
    ),
    (
        "header.error",
        "an error indicator in the top bar (e.g. expired credentials)",
    ),
    ("header.badge.readonly", "the read-only badge"),
    (
        "header.badge.env",
        "the badge shown while credentials come from the environment",
    ),
    (
        "header.badge.policy",
        "a per-profile policy's label (PROD) and the typed-confirmation badge",
    ),
    ("table.header", "column titles of resource tables"),
    ("table.row", "ordinary table rows"),
    ("table.row.selected", "the row under the cursor"),
    ("table.row.marked", "rows marked for a bulk action"),
    ("table.match", "characters matched by the fuzzy filter"),
    ("hints", "the key-hint bar at the bottom"),
    ("hints.key", "a key in the hint bar"),
    ("hints.desc", "what a key does, in the hint bar"),
    ("flash.info", "informational flash message"),
    ("flash.success", "success flash message"),
    ("flash.warn", "warning flash message"),
    ("flash.error", "error flash message"),
    ("prompt", "the `:` command / `/` filter prompt line"),
    ("prompt.input", "text typed into the prompt"),
    ("prompt.suggestion", "a completion suggestion"),
    (
        "prompt.suggestion.selected",
        "the highlighted completion suggestion",
    ),
    ("prompt.error", "a prompt validation error"),
    ("help.section", "section headings in the `?` help overlay"),
    ("help.key", "keys in the help overlay"),
    ("help.desc", "descriptions in the help overlay"),
    ("dialog", "confirmation and input popups"),
    ("dialog.danger", "popups confirming a destructive action"),
    ("dialog.button", "a button in a popup"),
    ("dialog.button.selected", "the focused button in a popup"),
    ("detail.key", "field names in a detail view"),
    ("detail.value", "field values in a detail view"),
    ("json.key", "object keys in a JSON view"),
    ("json.string", "string values in a JSON view"),
    ("json.number", "numbers in a JSON view"),
    ("json.literal", "true, false and null in a JSON view"),
    ("log.time", "timestamps of log events"),
    ("log.stream", "log stream / group names of log events"),
    ("log.match", "search matches in log events"),
    (
        "log.label.1",
        "the label of the first tailed group or stream (then again from the first)",
    ),
    (
        "log.label.2",
        "the label of the second tailed group or stream (then again from the first)",
    ),
    (
        "log.label.3",
        "the label of the third tailed group or stream (then again from the first)",
    ),
    (
        "log.label.4",
        "the label of the fourth tailed group or stream (then again from the first)",
    ),
    (
        "log.label.5",
        "the label of the fifth tailed group or stream (then again from the first)",
    ),
    (
        "log.label.6",
        "the label of the sixth tailed group or stream (then again from the first)",
    ),
    ("log.highlight.1", "highlight term 1 in a log tail"),
    ("log.highlight.2", "highlight term 2 in a log tail"),
    ("log.highlight.3", "highlight term 3 in a log tail"),
    ("log.highlight.4", "highlight term 4 in a log tail"),
    ("scrollbar", "scrollbars"),
    ("state.ok", "healthy / running / available resources"),
    (
        "state.pending",
        "resources in transition (pending, stopping, creating)",
    ),
    ("state.stopped", "stopped / disabled resources"),
    ("state.error", "failed / impaired resources"),
];

/// A role a theme may set: a listed role, or a group that listed roles fall
/// back to (`table`, `header.badge`, `state`, …).
pub(crate) fn is_known(role: &str) -> bool {
    ROLES.iter().any(|&(name, _)| {
        name == role
            || name
                .strip_prefix(role)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Groups that are not roles themselves but may be set as shared fallbacks.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&str> = ROLES
        .iter()
        .flat_map(|&(name, _)| name.match_indices('.').map(move |(i, _)| &name[..i]))
        .filter(|group| !ROLES.iter().any(|&(name, _)| name == *group))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_roles_and_groups() {
        assert!(is_known("table.row.selected"));
        assert!(is_known("table"));
        assert!(is_known("header.badge"));
        assert!(!is_known("table.rows"));
        assert!(!is_known("tab"));
        assert!(!is_known(""));
    }

    #[test]
    fn groups_are_prefixes_only() {
        let groups = groups();
        assert!(groups.contains(&"table"));
        assert!(groups.contains(&"header.badge"));
        assert!(!groups.contains(&"header"));
        assert!(!groups.contains(&"table.row"));
    }

    #[test]
    fn roles_are_unique_and_well_formed() {
        for (i, &(name, desc)) in ROLES.iter().enumerate() {
            assert!(!desc.is_empty(), "{name} needs a description");
            assert!(
                name.split('.').all(|part| !part.is_empty()),
                "malformed role {name:?}"
            );
            assert!(
                ROLES[..i].iter().all(|&(other, _)| other != name),
                "duplicate role {name}"
            );
        }
    }
}
