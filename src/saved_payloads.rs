//! Lambda test payloads: saved ones as plain files, `<config dir>/payloads/<function>/<name>.json`
//! (easy to edit, copy or keep in git), and the recent payloads sent to each function in
//! `<state dir>/payload-history/<account>/<region>/<function>.json` — by account and region, so
//! a payload sent in dev is never offered as "recent" in prod. Histories of older versions,
//! `<state dir>/payload-history/<function>.json`, are never read: nothing says which account
//! they belong to. Every file is private (0600): payloads carry secrets. The runtime reads and
//! writes them, off the UI task.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Payloads kept in the history, per function.
const HISTORY_PER_FUNCTION: usize = 20;

/// Where payloads and the history live (none: not kept, e.g. no home directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PayloadFiles {
    pub saved: Option<PathBuf>,
    pub history: Option<PathBuf>,
    /// Whose history this is; without one no history is read or written.
    pub scope: Option<HistoryScope>,
}

/// The account (as STS reported it) and region a payload history belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryScope {
    account: String,
    region: String,
}

impl PayloadFiles {
    /// These files with the history of `account` in `region`. An account not known (yet) or
    /// not twelve digits, or a region that is not a region name, keeps no history: better none
    /// than another account's.
    pub fn for_account(&self, account: Option<&str>, region: &str) -> PayloadFiles {
        let scope = account
            .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
            .filter(|_| crate::aws::regions::is_valid_name(region))
            .map(|account| HistoryScope {
                account: account.to_string(),
                region: region.to_string(),
            });
        PayloadFiles {
            scope,
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedPayload {
    pub name: String,
    pub text: String,
    /// Seconds since the epoch.
    pub modified: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentPayload {
    /// Seconds since the epoch.
    pub sent: i64,
    pub text: String,
}

/// A payload name becomes a file name: letters, digits, space, `.`, `-`, `_`; not hidden.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .-_".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}': a payload name has 1 to 64 letters, digits, spaces, '.', '-' or '_' and does not start with '.'",
            crate::sanitize::sanitize(name)
        ))
    }
}

fn function_dir(files: &PayloadFiles, function: &str) -> Result<PathBuf, String> {
    if !crate::aws::lambda::is_function_name(function) {
        return Err(format!(
            "'{}' is not a function name",
            crate::sanitize::sanitize(function)
        ));
    }
    let root = files
        .saved
        .clone()
        .ok_or("no configuration directory to keep payloads in")?;
    Ok(root.join(function))
}

fn payload_path(files: &PayloadFiles, function: &str, name: &str) -> Result<PathBuf, String> {
    check_name(name)?;
    Ok(function_dir(files, function)?.join(format!("{name}.json")))
}

fn io_error(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// Writes a whole file privately through a temporary beside it, so a crash never leaves half a
/// payload.
fn write_whole(path: &Path, text: &str) -> Result<(), String> {
    crate::private_file::write_whole(path, text.as_bytes()).map_err(|e| io_error(path, e))
}

/// The saved payloads of `function` by name, and its recent payloads, newest first.
pub fn list(
    files: &PayloadFiles,
    function: &str,
) -> Result<(Vec<SavedPayload>, Vec<RecentPayload>), String> {
    let mut saved = Vec::new();
    if files.saved.is_some() {
        let dir = function_dir(files, function)?;
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.collect::<Result<Vec<_>, _>>(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
        .map_err(|e| io_error(&dir, e))?;
        for entry in entries {
            let path = entry.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            if check_name(name).is_err() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs() as i64)
                .unwrap_or_default();
            saved.push(SavedPayload {
                name: name.to_string(),
                text,
                modified,
            });
        }
    }
    saved.sort_by(|a, b| a.name.cmp(&b.name));
    let mut recent = read_history(files, function)?;
    recent.reverse();
    Ok((saved, recent))
}

/// Saves `text` as `name`; an existing payload of that name is replaced only with `overwrite`
/// (`Ok(None)`: it exists, nothing was written).
pub fn save(
    files: &PayloadFiles,
    function: &str,
    name: &str,
    text: &str,
    overwrite: bool,
) -> Result<Option<PathBuf>, String> {
    let path = payload_path(files, function, name)?;
    if path.exists() && !overwrite {
        return Ok(None);
    }
    write_whole(&path, text)?;
    Ok(Some(path))
}

/// Renames a saved payload; never over another one.
pub fn rename(files: &PayloadFiles, function: &str, from: &str, to: &str) -> Result<(), String> {
    let old = payload_path(files, function, from)?;
    let new = payload_path(files, function, to)?;
    if new.exists() {
        return Err(format!("a payload named '{to}' already exists"));
    }
    std::fs::rename(&old, &new).map_err(|e| io_error(&old, e))
}

pub fn delete(files: &PayloadFiles, function: &str, name: &str) -> Result<(), String> {
    let path = payload_path(files, function, name)?;
    std::fs::remove_file(&path).map_err(|e| io_error(&path, e))
}

fn history_path(files: &PayloadFiles, function: &str) -> Result<Option<PathBuf>, String> {
    if !crate::aws::lambda::is_function_name(function) {
        return Err(format!(
            "'{}' is not a function name",
            crate::sanitize::sanitize(function)
        ));
    }
    Ok(match (&files.history, &files.scope) {
        (Some(root), Some(scope)) => Some(
            root.join(&scope.account)
                .join(&scope.region)
                .join(format!("{function}.json")),
        ),
        _ => None,
    })
}

fn read_history(files: &PayloadFiles, function: &str) -> Result<Vec<RecentPayload>, String> {
    let Some(path) = history_path(files, function)? else {
        return Ok(Vec::new());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(io_error(&path, e)),
    }
}

/// Adds a sent payload to the history (the same payload sent before moves to the end).
pub fn remember(files: &PayloadFiles, function: &str, text: &str, sent: i64) -> Result<(), String> {
    let Some(path) = history_path(files, function)? else {
        return Ok(());
    };
    let mut all = read_history(files, function)?;
    all.retain(|p| p.text != text);
    all.push(RecentPayload {
        sent,
        text: text.to_string(),
    });
    let extra = all.len().saturating_sub(HISTORY_PER_FUNCTION);
    all.drain(..extra);
    let json = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
    if let Some(root) = &files.history {
        // An older version made this directory readable by others; its files hold payloads.
        crate::private_file::own_dir(root).map_err(|e| io_error(root, e))?;
    }
    write_whole(&path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> PayloadFiles {
        PayloadFiles {
            saved: Some(dir.join("payloads")),
            history: Some(dir.join("payload-history")),
            scope: None,
        }
        .for_account(Some("111111111111"), "eu-west-1")
    }

    #[test]
    fn saved_payloads_round_trip_rename_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        save(&f, "checkout", "paid order", "{\"a\":1}", false).unwrap();
        save(&f, "checkout", "refund", "{}", false).unwrap();
        assert_eq!(
            save(&f, "checkout", "refund", "{\"b\":2}", false).unwrap(),
            None,
            "an existing payload is not replaced unasked"
        );
        let (saved, _) = list(&f, "checkout").unwrap();
        let names: Vec<_> = saved.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["paid order", "refund"]);
        assert_eq!(saved[1].text, "{}");
        assert!(rename(&f, "checkout", "refund", "paid order").is_err());
        rename(&f, "checkout", "refund", "refund-2").unwrap();
        delete(&f, "checkout", "paid order").unwrap();
        let (saved, _) = list(&f, "checkout").unwrap();
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].name, "refund-2");
        assert!(list(&f, "other").unwrap().0.is_empty());
    }

    #[test]
    fn names_that_could_escape_the_directory_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        for bad in ["../x", "a/b", ".hidden", "", "tab\there"] {
            assert!(save(&f, "checkout", bad, "{}", false).is_err(), "{bad:?}");
        }
        assert!(save(&f, "../etc", "x", "{}", false).is_err());
    }

    #[test]
    fn history_keeps_the_last_twenty_newest_first_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        for i in 0..25 {
            remember(&f, "checkout", &format!("{{\"n\":{i}}}"), i).unwrap();
        }
        remember(&f, "checkout", "{\"n\":10}", 99).unwrap();
        let (_, recent) = list(&f, "checkout").unwrap();
        assert_eq!(recent.len(), 20);
        assert_eq!(recent[0].text, "{\"n\":10}");
        assert_eq!(recent[0].sent, 99);
        assert_eq!(recent[1].text, "{\"n\":24}");
        assert_eq!(recent.iter().filter(|p| p.text == "{\"n\":10}").count(), 1);
    }

    #[test]
    fn history_belongs_to_one_account_and_region() {
        let dir = tempfile::tempdir().unwrap();
        let dev = files(dir.path());
        remember(&dev, "checkout", "{\"card\":\"4111\"}", 1).unwrap();
        let prod = dev.for_account(Some("222222222222"), "eu-west-1");
        let dev_elsewhere = dev.for_account(Some("111111111111"), "us-east-1");
        assert!(list(&prod, "checkout").unwrap().1.is_empty());
        assert!(list(&dev_elsewhere, "checkout").unwrap().1.is_empty());
        assert_eq!(list(&dev, "checkout").unwrap().1.len(), 1);
        // An account not known yet (or not an account id) keeps nothing and shows nothing.
        for unknown in [None, Some("../../x"), Some("1111")] {
            let f = dev.for_account(unknown, "eu-west-1");
            assert!(list(&f, "checkout").unwrap().1.is_empty());
            remember(&f, "checkout", "{}", 2).unwrap();
        }
        assert_eq!(list(&dev, "checkout").unwrap().1.len(), 1);
    }

    #[test]
    fn a_history_from_before_accounts_is_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("payload-history");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(
            old.join("checkout.json"),
            r#"[{"sent": 1, "text": "{\"from\": \"dev\"}"}]"#,
        )
        .unwrap();
        assert!(list(&files(dir.path()), "checkout").unwrap().1.is_empty());
    }

    #[test]
    fn payload_files_are_private() {
        use crate::private_file::tests::{OpenUmask, mode_of};
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        // The history directory as an older version left it: readable by everyone.
        let root = dir.path().join("payload-history");
        std::fs::create_dir(&root).unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let umask = OpenUmask::set();
        save(&f, "checkout", "paid", "{\"token\":\"s3cr3t\"}", false).unwrap();
        remember(&f, "checkout", "{\"token\":\"s3cr3t\"}", 1).unwrap();
        drop(umask);
        let saved = dir.path().join("payloads/checkout/paid.json");
        let history = root.join("111111111111/eu-west-1/checkout.json");
        assert_eq!(mode_of(&saved), 0o600);
        assert_eq!(mode_of(saved.parent().unwrap()), 0o700);
        assert_eq!(mode_of(&history), 0o600);
        assert_eq!(mode_of(history.parent().unwrap()), 0o700);
        assert_eq!(mode_of(&root), 0o700);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Component;

    fn hostile_name() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "..",
                ".",
                "../x",
                "a/b",
                "a\\b",
                "/etc/passwd",
                "x\0",
                " ",
                "a..b",
                "...",
                "con",
                "a.json",
                "~",
                "\u{202e}",
                "é",
            ])
            .prop_map(String::from),
            "[a-zA-Z0-9 ._\\-/\\\\]{0,70}",
            any::<String>(),
        ]
    }

    fn files(root: &Path) -> PayloadFiles {
        PayloadFiles {
            saved: Some(root.join("payloads")),
            history: Some(root.join("history")),
            scope: None,
        }
        .for_account(Some("111111111111"), "eu-west-1")
    }

    proptest! {
        /// Whatever the names, a payload path is `<root>/<function>/<name>.json`: two plain
        /// components below the root, so nothing can escape the directory.
        #[test]
        fn payload_paths_stay_in_their_directory(
            function in prop_oneof![hostile_name(), "[a-zA-Z0-9_\\-]{1,20}"],
            name in hostile_name(),
        ) {
            let root = Path::new("/cfg");
            let Ok(path) = payload_path(&files(root), &function, &name) else { return Ok(()) };
            let rest = path.strip_prefix("/cfg/payloads").unwrap();
            let parts: Vec<Component> = rest.components().collect();
            prop_assert_eq!(parts.len(), 2, "{:?}", path);
            prop_assert!(parts.iter().all(|c| matches!(c, Component::Normal(_))), "{:?}", path);
            prop_assert_eq!(parts[0].as_os_str().to_str(), Some(function.as_str()));
            let file = format!("{name}.json");
            prop_assert_eq!(parts[1].as_os_str().to_str(), Some(file.as_str()));
        }

        #[test]
        fn names_follow_the_rule(name in hostile_name()) {
            let ok = check_name(&name).is_ok();
            let rule = !name.is_empty()
                && name.len() <= 64
                && !name.starts_with('.')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_'));
            prop_assert_eq!(ok, rule, "{:?}", name);
            if let Err(e) = check_name(&name) {
                prop_assert!(!crate::sanitize::has_hidden_characters(&e), "{:?}", e);
            }
        }

        #[test]
        fn history_paths_stay_in_their_directory(function in hostile_name()) {
            if let Ok(Some(path)) = history_path(&files(Path::new("/cfg")), &function) {
                let rest = path.strip_prefix("/cfg/history/111111111111/eu-west-1").unwrap();
                let parts: Vec<Component> = rest.components().collect();
                prop_assert_eq!(parts.len(), 1);
                prop_assert!(matches!(parts[0], Component::Normal(_)));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Saved under any valid name, a payload lists back under that name with its text.
        #[test]
        fn saved_payloads_list_back(
            names in prop::collection::btree_set("[a-zA-Z0-9_\\-][a-zA-Z0-9 ._\\-]{0,20}", 1..4),
            text in any::<String>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let f = files(dir.path());
            for name in &names {
                prop_assert!(save(&f, "fn-1", name, &text, false).unwrap().is_some());
            }
            let (saved, _) = list(&f, "fn-1").unwrap();
            let listed: Vec<&str> = saved.iter().map(|p| p.name.as_str()).collect();
            prop_assert_eq!(listed, names.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert!(saved.iter().all(|p| p.text == text));
        }
    }
}
