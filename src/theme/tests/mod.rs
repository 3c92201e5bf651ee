//! Loading behaviour end to end: built-ins, user files, fallbacks, notices.

mod builtin;
mod user;

use std::path::Path;

use super::{ColorSupport, Theme, ThemeLoad};

pub(super) const ALL: ColorSupport = ColorSupport::TrueColor;

pub(super) fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

pub(super) fn load_in(dir: &Path, name: &str, support: ColorSupport) -> ThemeLoad {
    Theme::load(name, Some(dir), support)
}

pub(super) fn notices_contain(load: &ThemeLoad, needle: &str) -> bool {
    load.notices.iter().any(|n| n.contains(needle))
}
