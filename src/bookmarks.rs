//! Bookmarks: named places to come back to (`:bm add NAME`, `:bm`, `awsterm @NAME`), kept in
//! `<config dir>/bookmarks.toml`. A bookmark is a context (profile, region) and the `:` command
//! line that reopens the view there, with the view's filter. The file is read and written by the
//! runtime, off the UI task (startup reads it once, before the UI exists).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub name: String,
    /// None: the SDK's default chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    pub region: String,
    /// The `:` command line that reopens the view (`:ec2 @profiles prod-*`, `:open s3://b/p/`).
    pub open: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filter: String,
}

impl Bookmark {
    /// One line for the list: where and what.
    pub fn summary(&self) -> String {
        let mut text = self.open.clone();
        if !self.filter.is_empty() {
            text.push_str(&format!(" · /{}", self.filter));
        }
        text
    }

    pub fn context(&self) -> crate::context::ContextKey {
        crate::context::ContextKey {
            profile: self.profile.clone(),
            region: self.region.clone(),
        }
    }
}

/// A bookmark name: what `@NAME` can say on a command line, so no spaces or shell specials.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' cannot be a bookmark name (letters, digits, - _ . only)",
            crate::sanitize::sanitize(name)
        ))
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default, rename = "bookmark")]
    bookmarks: Vec<Bookmark>,
}

/// What to do to the file; every change answers the whole list afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Read,
    /// Added, or replacing the one of the same name.
    Save(Bookmark),
    Remove(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookmarkOp {
    pub file: PathBuf,
    pub change: Change,
}

/// The bookmarks in `path` (none when it does not exist yet), sorted by name.
pub fn read(path: &Path) -> Result<Vec<Bookmark>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut list = file.bookmarks;
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

pub fn find(path: &Path, name: &str) -> Result<Bookmark, String> {
    let list = read(path)?;
    list.iter()
        .find(|b| b.name == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = list.iter().map(|b| b.name.as_str()).collect();
            let known = if names.is_empty() {
                "none yet (:bm add NAME saves the current view)".to_string()
            } else {
                names.join(", ")
            };
            format!(
                "no bookmark '{}' in {} — known: {known}",
                crate::sanitize::sanitize(name),
                path.display()
            )
        })
}

/// Carries out `op` (atomically: the file is replaced whole, 0600) and answers the list.
pub fn apply(op: &BookmarkOp) -> Result<Vec<Bookmark>, String> {
    let mut list = read(&op.file)?;
    match &op.change {
        Change::Read => return Ok(list),
        Change::Save(bookmark) => {
            check_name(&bookmark.name)?;
            list.retain(|b| b.name != bookmark.name);
            list.push(bookmark.clone());
            list.sort_by(|a, b| a.name.cmp(&b.name));
        }
        Change::Remove(name) => {
            let before = list.len();
            list.retain(|b| &b.name != name);
            if list.len() == before {
                return Err(format!("no bookmark '{}'", crate::sanitize::sanitize(name)));
            }
        }
    }
    let text = toml::to_string(&File {
        bookmarks: list.clone(),
    })
    .map_err(|e| e.to_string())?;
    crate::private_file::write_whole(&op.file, text.as_bytes())
        .map_err(|e| format!("{}: {e}", op.file.display()))?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(name: &str, open: &str) -> Bookmark {
        Bookmark {
            name: name.into(),
            profile: Some("dev".into()),
            region: "eu-west-1".into(),
            open: open.into(),
            filter: String::new(),
        }
    }

    fn op(file: &Path, change: Change) -> BookmarkOp {
        BookmarkOp {
            file: file.to_path_buf(),
            change,
        }
    }

    #[test]
    fn saved_replaced_removed_and_read_back() {
        let _umask = crate::private_file::tests::OpenUmask::set();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/bookmarks.toml");
        assert_eq!(apply(&op(&file, Change::Read)).unwrap(), Vec::new());
        apply(&op(
            &file,
            Change::Save(mark("logs", ":open s3://acme/2026/")),
        ))
        .unwrap();
        let mut filtered = mark("api", ":ec2");
        filtered.filter = "node-07".into();
        let list = apply(&op(&file, Change::Save(filtered.clone()))).unwrap();
        assert_eq!(
            list.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(),
            ["api", "logs"]
        );
        let list = apply(&op(&file, Change::Save(mark("logs", ":tail /app")))).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(find(&file, "logs").unwrap().open, ":tail /app");
        assert_eq!(find(&file, "api").unwrap(), filtered);
        assert_eq!(crate::private_file::tests::mode_of(&file), 0o600);
        let list = apply(&op(&file, Change::Remove("logs".into()))).unwrap();
        assert_eq!(list, vec![filtered]);
        assert!(apply(&op(&file, Change::Remove("logs".into()))).is_err());
        let e = find(&file, "nope").unwrap_err();
        assert!(
            e.contains("no bookmark 'nope'") && e.contains("known: api"),
            "{e}"
        );
    }

    #[test]
    fn names_a_shell_can_pass() {
        assert!(check_name("prod-logs_2.x").is_ok());
        for bad in ["", "a b", "x;rm", "@x", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_broken_file_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bookmarks.toml");
        std::fs::write(&file, "[[bookmark]]\nname = 3\n").unwrap();
        assert!(read(&file).is_err());
        assert!(apply(&op(&file, Change::Save(mark("a", ":ec2")))).is_err());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "[[bookmark]]\nname = 3\n",
            "never overwritten"
        );
    }
}
