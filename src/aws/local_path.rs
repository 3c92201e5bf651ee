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

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Key segments that try to escape or hide: traversal, separators of other systems, NUL,
    /// control and bidi characters, very long names.
    fn hostile_segment() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "",
                ".",
                "..",
                "...",
                "\\",
                "..\\..",
                "C:",
                "C:\\x",
                "\0",
                "a\0b",
                "\u{1b}[2J",
                "\u{202e}txt.exe",
                "\u{200b}",
                "..\u{200b}",
                "~",
                "$HOME",
                "\r\n",
                "%2e%2e",
                "\u{ff0e}\u{ff0e}",
                "con",
                "nul.txt",
            ])
            .prop_map(String::from),
            "[a-z.\\\\]{0,6}",
            any::<String>(),
            "[a-z]{200,300}",
        ]
    }

    fn hostile_key() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            prop::collection::vec(hostile_segment(), 0..6),
        )
            .prop_map(|(absolute, segments)| {
                let key = segments.join("/");
                if absolute { format!("/{key}") } else { key }
            })
    }

    fn dest() -> impl Strategy<Value = PathBuf> {
        prop::sample::select(vec!["/dl", "/dl/sub dir", "dl", "./dl", "/", "/tmp/../dl"])
            .prop_map(PathBuf::from)
    }

    fn check_inside(dest: &Path, p: &Path) -> Result<(), TestCaseError> {
        let rest = p.strip_prefix(dest);
        prop_assert!(rest.is_ok(), "{:?} is not below {:?}", p, dest);
        let rest = rest.unwrap();
        prop_assert!(rest.components().count() > 0);
        for c in rest.components() {
            let Component::Normal(name) = c else {
                return Err(TestCaseError::fail(format!("{c:?} in {p:?}")));
            };
            let name = name.to_str().unwrap();
            prop_assert!(name != "." && name != "..");
            prop_assert!(!name.contains(['\\', '\0']), "{:?}", name);
            prop_assert!(!crate::sanitize::has_hidden_characters(name), "{:?}", name);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_key_with_any_prefix_stays_inside(
            dest in dest(),
            prefix in prop_oneof![Just(String::new()), "[a-z/.]{0,6}", any::<String>()],
            key in prop_oneof![hostile_key(), any::<String>()],
        ) {
            if let Some(p) = local_path_for(&dest, &prefix, &key) {
                check_inside(&dest, &p)?;
            }
        }

        /// Nothing is lost quietly: a key gives a path exactly when some segment has a name.
        #[test]
        fn a_key_with_a_name_in_it_gets_a_path(key in hostile_key()) {
            let has_name = key.split('/').any(|s| !s.is_empty() && s != "." && s != "..");
            let got = local_path_for(Path::new("/dl"), "", &key);
            prop_assert_eq!(got.is_some(), has_name, "{:?}", key);
            if let Some(p) = got {
                let segments = key.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").count();
                prop_assert_eq!(p.components().count(), 1 + 1 + segments, "{:?}", p);
            }
        }

        /// Ordinary keys land exactly where they say.
        #[test]
        fn ordinary_keys_map_one_to_one(
            segments in prop::collection::vec("[a-zA-Z0-9_\\-]([a-zA-Z0-9 ._\\-]{0,10}[a-zA-Z0-9_\\-])?", 1..5),
            dest in dest(),
        ) {
            let key = segments.join("/");
            prop_assert_eq!(local_path_for(&dest, "", &key), Some(dest.join(&key)));
        }

        #[test]
        fn the_listed_prefix_is_dropped(prefix in "([a-z0-9]{1,5}/){0,3}", rest in hostile_key()) {
            let key = format!("{prefix}{rest}");
            prop_assert_eq!(
                local_path_for(Path::new("/dl"), &prefix, &key),
                local_path_for(Path::new("/dl"), "", &rest)
            );
        }
    }
}
