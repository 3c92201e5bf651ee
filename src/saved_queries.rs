//! DynamoDB saved queries (named, per table, in `<config dir>/queries.toml`) and the
//! recent-query history (the last runs per table, in `<state dir>/query-history.toml`). Both
//! hold the builder's fields as typed, so a saved query opens exactly as it was written. The
//! files are read and written by the runtime, off the UI task.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Runs kept in the history, per table.
const HISTORY_PER_TABLE: usize = 20;

/// The query builder's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    pub scan: bool,
    pub raw: bool,
    /// An index name; none: the table.
    pub index: Option<String>,
    pub partition: String,
    pub sort_op: String,
    pub sort_a: String,
    pub sort_b: String,
    pub filters: Vec<FilterState>,
    pub join_or: bool,
    pub projection: String,
    pub page_size: String,
    pub forward: bool,
    pub consistent: bool,
    pub raw_key: String,
    pub raw_filter: String,
    pub raw_names: String,
    pub raw_values: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterState {
    pub attr: String,
    pub op: String,
    pub kind: String,
    pub a: String,
    pub b: String,
}

impl FormState {
    /// One line for the picker: what the query asks.
    pub fn summary(&self) -> String {
        let target = self.index.as_deref().unwrap_or("table");
        let verb = if self.scan { "scan" } else { "query" };
        if self.raw {
            let expr = [self.raw_key.as_str(), self.raw_filter.as_str()]
                .into_iter()
                .filter(|e| !e.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            return format!("{verb} {target} · {expr}");
        }
        let mut parts = vec![format!("{verb} {target}")];
        if !self.scan && !self.partition.is_empty() {
            parts.push(format!("= {}", self.partition));
        }
        if !self.sort_op.is_empty() && self.sort_op != "(none)" {
            parts.push(format!("sort {} {}", self.sort_op, self.sort_a));
        }
        for f in self.filters.iter().filter(|f| !f.attr.is_empty()) {
            parts.push(
                format!("{} {} {}", f.attr, f.op, f.a)
                    .trim_end()
                    .to_string(),
            );
        }
        parts.join(" · ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    pub table: String,
    pub name: String,
    pub form: FormState,
}

#[derive(Default, Serialize, Deserialize)]
struct QueryFile {
    #[serde(default)]
    query: Vec<SavedQuery>,
}

/// Where saved queries and the history live (none: not kept, e.g. no home directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryFiles {
    pub saved: Option<PathBuf>,
    pub history: Option<PathBuf>,
}

fn read(path: &Path) -> Result<Vec<SavedQuery>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str::<QueryFile>(&text)
            .map(|f| f.query)
            .map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Replaces the file whole and privately (key values in queries can be customer data).
fn write(path: &Path, queries: Vec<SavedQuery>) -> Result<(), String> {
    let text = toml::to_string_pretty(&QueryFile { query: queries })
        .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::private_file::write_whole(path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The saved queries and the recent runs of `table`, newest run first.
pub fn for_table(
    files: &QueryFiles,
    table: &str,
) -> Result<(Vec<SavedQuery>, Vec<SavedQuery>), String> {
    let pick = |path: &Option<PathBuf>| -> Result<Vec<SavedQuery>, String> {
        Ok(match path {
            Some(p) => read(p)?.into_iter().filter(|q| q.table == table).collect(),
            None => Vec::new(),
        })
    };
    let mut recent = pick(&files.history)?;
    recent.reverse();
    Ok((pick(&files.saved)?, recent))
}

/// Saves (or replaces) the query `name` of `table`.
pub fn save(
    files: &QueryFiles,
    table: &str,
    name: &str,
    form: &FormState,
) -> Result<PathBuf, String> {
    let path = files
        .saved
        .clone()
        .ok_or("no configuration directory to save queries in")?;
    let mut all = read(&path)?;
    all.retain(|q| !(q.table == table && q.name == name));
    all.push(SavedQuery {
        table: table.into(),
        name: name.into(),
        form: form.clone(),
    });
    write(&path, all)?;
    Ok(path)
}

/// Adds a run to the history (an identical earlier run moves to the end).
pub fn remember(files: &QueryFiles, table: &str, form: &FormState) -> Result<(), String> {
    let Some(path) = &files.history else {
        return Ok(());
    };
    let mut all = read(path)?;
    all.retain(|q| !(q.table == table && q.form == *form));
    let stamp = crate::clock::local_time(crate::clock::now_secs());
    all.push(SavedQuery {
        table: table.into(),
        name: stamp,
        form: form.clone(),
    });
    let count = all.iter().filter(|q| q.table == table).count();
    let mut extra = count.saturating_sub(HISTORY_PER_TABLE);
    all.retain(|q| {
        if q.table == table && extra > 0 {
            extra -= 1;
            false
        } else {
            true
        }
    });
    write(path, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(partition: &str) -> FormState {
        FormState {
            partition: partition.into(),
            sort_op: "begins_with".into(),
            sort_a: "2026".into(),
            filters: vec![FilterState {
                attr: "status".into(),
                op: "=".into(),
                kind: "S".into(),
                a: "PAID".into(),
                b: String::new(),
            }],
            forward: true,
            ..FormState::default()
        }
    }

    #[test]
    fn saved_queries_round_trip_and_replace_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let files = QueryFiles {
            saved: Some(dir.path().join("queries.toml")),
            history: None,
        };
        save(&files, "orders", "paid", &form("c1")).unwrap();
        save(&files, "orders", "paid", &form("c2")).unwrap();
        save(&files, "other", "x", &form("c3")).unwrap();
        let (saved, recent) = for_table(&files, "orders").unwrap();
        assert_eq!(saved.len(), 1, "same name replaces");
        assert_eq!(saved[0].form, form("c2"));
        assert!(recent.is_empty());
        assert_eq!(
            saved[0].form.summary(),
            "query table · = c2 · sort begins_with 2026 · status = PAID"
        );
    }

    #[test]
    fn history_keeps_the_last_runs_per_table_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let files = QueryFiles {
            saved: None,
            history: Some(dir.path().join("state/query-history.toml")),
        };
        let umask = crate::private_file::tests::OpenUmask::set();
        for i in 0..25 {
            remember(&files, "orders", &form(&format!("c{i}"))).unwrap();
        }
        drop(umask);
        let mode_of = crate::private_file::tests::mode_of;
        assert_eq!(mode_of(&dir.path().join("state/query-history.toml")), 0o600);
        assert_eq!(mode_of(&dir.path().join("state")), 0o700);
        remember(&files, "orders", &form("c3")).unwrap();
        remember(&files, "events", &form("e")).unwrap();
        let (_, recent) = for_table(&files, "orders").unwrap();
        assert_eq!(recent.len(), 20);
        assert_eq!(recent[0].form.partition, "c3", "a rerun moves to the top");
        assert_eq!(recent[1].form.partition, "c24");
        assert!(
            recent.iter().all(|q| q.form.partition != "c4"),
            "the oldest went"
        );
        assert!(
            save(&files, "orders", "x", &form("c")).is_err(),
            "nowhere to save"
        );
    }

    #[test]
    fn a_broken_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queries.toml");
        std::fs::write(&path, "[[query]]\ntable = 1\n").unwrap();
        let files = QueryFiles {
            saved: Some(path),
            history: None,
        };
        assert!(
            for_table(&files, "orders")
                .unwrap_err()
                .contains("queries.toml")
        );
    }
}
