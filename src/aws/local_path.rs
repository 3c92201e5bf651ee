//! Where an S3 key lands on the local disk. Keys are arbitrary strings: `../../etc/passwd`, an
//! absolute path or a control character must never write outside the chosen directory.

use std::path::{Component, Path, PathBuf};

/// `dest` joined with the part of `key` below `base_prefix`, made safe: `.`/`..`/empty
/// segments are dropped, control and bidi characters and `\` become `_`. `None` when nothing
/// of the key is left (a key that is only `../`).
pub fn local_path_for(dest: &Path, base_prefix: &str, key: &str) -> Option<PathBuf> {
    let relative = key.strip_prefix(base_prefix).unwrap_or(key);
    let mut path = dest.to_path_buf();
    let mut pushed = false;
    for segment in relative.split('/') {
        let clean: String = segment
            .chars()
            .map(|c| {
                if c.is_control()
                    || c == '\\'
                    || crate::sanitize::has_hidden_characters(&c.to_string())
                {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        if clean.is_empty() || clean == "." || clean == ".." {
            continue;
        }
        path.push(&clean);
        pushed = true;
    }
    // Belt and braces: whatever the rules above missed, the result must stay below `dest`.
    let inside = path
        .strip_prefix(dest)
        .map(|rest| rest.components().all(|c| matches!(c, Component::Normal(_))))
        .unwrap_or(false);
    (pushed && inside).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(key: &str) -> Option<String> {
        local_path_for(Path::new("/dl"), "", key).map(|p| p.display().to_string())
    }

    #[test]
    fn hostile_keys_stay_inside() {
        assert_eq!(at("a/b.txt").as_deref(), Some("/dl/a/b.txt"));
        assert_eq!(at("../../etc/passwd").as_deref(), Some("/dl/etc/passwd"));
        assert_eq!(at("/abs/x").as_deref(), Some("/dl/abs/x"));
        assert_eq!(at("a//./b").as_deref(), Some("/dl/a/b"));
        assert_eq!(at("esc\u{1b}[31m.txt").as_deref(), Some("/dl/esc_[31m.txt"));
        assert_eq!(at("win\\..\\x").as_deref(), Some("/dl/win_.._x"));
        assert_eq!(at("../"), None);
        assert_eq!(at(""), None);
    }

    #[test]
    fn the_listed_prefix_is_dropped() {
        let p = local_path_for(Path::new("/dl"), "logs/2026/", "logs/2026/11/a.log").unwrap();
        assert_eq!(p, Path::new("/dl/11/a.log"));
    }

    proptest! {
        #[test]
        fn any_key_lands_below_the_destination(key in any::<String>()) {
            if let Some(p) = local_path_for(Path::new("/dl"), "", &key) {
                prop_assert!(p.starts_with("/dl"));
                prop_assert!(p.components().all(|c| !matches!(c, Component::ParentDir)));
            }
        }
    }
}
