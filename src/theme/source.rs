//! Where theme files come from: the built-ins compiled into the binary (so it
//! runs from anywhere) and the user's theme directory.

use std::io;
use std::path::Path;

use super::parse::{self, RawTheme};

/// Sorted, for `:theme` completion.
pub(crate) const BUILTIN_NAMES: &[&str] = &["default", "midnight", "mono", "paper"];

pub(crate) fn builtin_text(name: &str) -> Option<&'static str> {
    Some(match name {
        "default" => include_str!("../../themes/default.toml"),
        "midnight" => include_str!("../../themes/midnight.toml"),
        "mono" => include_str!("../../themes/mono.toml"),
        "paper" => include_str!("../../themes/paper.toml"),
        _ => return None,
    })
}

/// A theme name doubles as a file name, so anything that could step outside
/// the theme directory (`/`, `..`) or hide a file is refused.
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The files that define `name`, base first: the built-in, then the user's
/// file of the same name layered over it. `None` when neither exists; an empty
/// list when they exist but none could be parsed (already reported).
pub(crate) fn layers(
    name: &str,
    user_dir: Option<&Path>,
    notices: &mut Vec<String>,
) -> Option<Vec<RawTheme>> {
    let mut found = false;
    let mut layers = Vec::new();
    if let Some(text) = builtin_text(name) {
        found = true;
        let origin = format!("built-in theme '{name}'");
        layers.extend(parse::parse(text, &origin, notices));
    }
    if let Some(dir) = user_dir {
        let path = dir.join(format!("{name}.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                found = true;
                let origin = path.display().to_string();
                if let Some(mut raw) = parse::parse(&text, &origin, notices) {
                    // `inherits = "<own name>"` in an override file reads as
                    // "extend the built-in", which layering already does.
                    if builtin_text(name).is_some() && raw.inherits.as_deref() == Some(name) {
                        raw.inherits = None;
                    }
                    layers.push(raw);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                found = true;
                notices.push(format!("{}: cannot read: {e}", path.display()));
            }
        }
    }
    found.then_some(layers)
}

/// Built-ins plus `<user_dir>/*.toml` with a usable name, sorted and deduplicated.
pub(crate) fn available(user_dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN_NAMES.iter().map(|n| n.to_string()).collect();
    if let Some(entries) = user_dir.and_then(|dir| std::fs::read_dir(dir).ok()) {
        for entry in entries.flatten() {
            let path = entry.path();
            // `is_file` follows symlinks: dotfile managers link theme files in.
            if path.extension().is_some_and(|ext| ext == "toml")
                && path.is_file()
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
                && is_valid_name(stem)
            {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_match_embedded_files() {
        assert!(BUILTIN_NAMES.is_sorted());
        for name in BUILTIN_NAMES {
            assert!(builtin_text(name).is_some(), "{name} is not embedded");
        }
        assert!(builtin_text("nope").is_none());
    }

    #[test]
    fn names_cannot_escape_the_directory() {
        assert!(is_valid_name("my-theme_2.dark"));
        for bad in ["", "../etc/passwd", "a/b", ".hidden", "a\\b", "sp ace"] {
            assert!(!is_valid_name(bad), "{bad:?} accepted");
        }
    }

    #[test]
    fn available_lists_user_files() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["zebra.toml", "midnight.toml", "notes.txt", ".hidden.toml"] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.toml")).unwrap();
        let names = available(Some(dir.path()));
        assert_eq!(names, ["default", "midnight", "mono", "paper", "zebra"]);
        assert_eq!(available(None), BUILTIN_NAMES);
        let missing = dir.path().join("missing");
        assert_eq!(available(Some(&missing)), BUILTIN_NAMES);
    }

    #[test]
    fn layers_of_missing_and_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let mut notices = Vec::new();
        assert!(layers("nope", Some(dir.path()), &mut notices).is_none());
        std::fs::write(dir.path().join("broken.toml"), "[[[").unwrap();
        let got = layers("broken", Some(dir.path()), &mut notices).unwrap();
        assert!(got.is_empty());
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("broken.toml"), "{notices:?}");
    }
}
