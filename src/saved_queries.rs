//! Saved queries and the recent-query history, one store shared by two kinds (`StoredQuery`):
//! DynamoDB (named, per table, in `<config dir>/queries.toml`; the last runs per table in
//! `<state dir>/query-history.toml`), holding the builder's fields as typed, and Logs Insights
//! (per set of log groups, in `insights-queries.toml` / `insights-history.toml` beside them),
//! holding the groups, the query text and the time range. A saved query opens exactly as it
//! was written. The files are read and written by the runtime, off the UI task.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Runs kept in the history, per table.
const HISTORY_PER_TABLE: usize = 20;
/// Logs Insights runs kept in the history, per set of log groups.
pub const INSIGHTS_HISTORY_PER_GROUPS: usize = 20;

/// A Logs Insights query: the groups it reads, its text and where its time range starts
/// (as typed: `1h`, `2026-11-23 14:00`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsSaved {
    pub groups: Vec<String>,
    pub name: String,
    pub query: String,
    pub since: String,
}

impl InsightsSaved {
    /// One line for the picker: the query on one line.
    pub fn summary(&self) -> String {
        self.query.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

impl StoredQuery for InsightsSaved {
    fn key(&self) -> String {
        self.groups.join(" ")
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn named(self, name: String) -> Self {
        InsightsSaved { name, ..self }
    }

    fn same_query(&self, other: &Self) -> bool {
        self.query.trim() == other.query.trim() && self.since == other.since
    }
}

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

/// What a store of saved queries and recent runs holds: one entry, keyed by what it queries
/// (a DynamoDB table, a set of log groups). The DynamoDB store and the Logs Insights one
/// (`crate::insights_queries`) share the reading, writing, dedup and trimming below.
pub trait StoredQuery: Clone + Serialize + serde::de::DeserializeOwned {
    /// What the query runs against: saved names and the history limit are per key.
    fn key(&self) -> String;
    fn name(&self) -> &str;
    /// The same entry under another name (a history run is named by its time).
    fn named(self, name: String) -> Self;
    /// Whether two entries ask the same thing (a rerun replaces the earlier run).
    fn same_query(&self, other: &Self) -> bool;
}

impl StoredQuery for SavedQuery {
    fn key(&self) -> String {
        self.table.clone()
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn named(self, name: String) -> Self {
        SavedQuery { name, ..self }
    }

    fn same_query(&self, other: &Self) -> bool {
        self.form == other.form
    }
}

#[derive(Default, Serialize, Deserialize)]
#[serde(bound = "Q: StoredQuery")]
struct QueryFile<Q> {
    #[serde(default = "Vec::new")]
    query: Vec<Q>,
}

/// Where saved queries and the history live (none: not kept, e.g. no home directory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryFiles {
    pub saved: Option<PathBuf>,
    pub history: Option<PathBuf>,
}

impl QueryFiles {
    /// The Logs Insights files, beside the DynamoDB ones (same directories, same privacy).
    pub fn for_insights(&self) -> QueryFiles {
        QueryFiles {
            saved: self
                .saved
                .as_ref()
                .map(|p| p.with_file_name("insights-queries.toml")),
            history: self
                .history
                .as_ref()
                .map(|p| p.with_file_name("insights-history.toml")),
        }
    }
}

fn read<Q: StoredQuery>(path: &Path) -> Result<Vec<Q>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str::<QueryFile<Q>>(&text)
            .map(|f| f.query)
            .map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Replaces the file whole and privately (key values in queries can be customer data).
fn write<Q: StoredQuery>(path: &Path, queries: Vec<Q>) -> Result<(), String> {
    let text = toml::to_string_pretty(&QueryFile { query: queries })
        .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::private_file::write_whole(path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The saved queries and the recent runs whose key passes `keep`, newest run first.
pub fn load<Q: StoredQuery>(
    files: &QueryFiles,
    keep: impl Fn(&Q) -> bool,
) -> Result<(Vec<Q>, Vec<Q>), String> {
    let pick = |path: &Option<PathBuf>| -> Result<Vec<Q>, String> {
        Ok(match path {
            Some(p) => read::<Q>(p)?.into_iter().filter(|q| keep(q)).collect(),
            None => Vec::new(),
        })
    };
    let mut recent = pick(&files.history)?;
    recent.reverse();
    Ok((pick(&files.saved)?, recent))
}

/// Saves `entry`, replacing one of the same key and name.
pub fn save_entry<Q: StoredQuery>(files: &QueryFiles, entry: Q) -> Result<PathBuf, String> {
    let path = files
        .saved
        .clone()
        .ok_or("no configuration directory to save queries in")?;
    let mut all = read::<Q>(&path)?;
    let key = entry.key();
    all.retain(|q| !(q.key() == key && q.name() == entry.name()));
    all.push(entry);
    write(&path, all)?;
    Ok(path)
}

/// Deletes the saved query of `entry`'s key and name, or (`recent`) the history run that asks
/// the same as `entry`. Nothing to delete is not an error: the list may be older than the file.
pub fn forget<Q: StoredQuery>(files: &QueryFiles, entry: &Q, recent: bool) -> Result<(), String> {
    let path = if recent { &files.history } else { &files.saved };
    let Some(path) = path else {
        return Ok(());
    };
    let mut all = read::<Q>(path)?;
    let key = entry.key();
    all.retain(|q| {
        let same = if recent {
            q.same_query(entry)
        } else {
            q.name() == entry.name()
        };
        !(q.key() == key && same)
    });
    write(path, all)
}

/// Adds a run to the history, named by the time (an identical earlier run moves to the end);
/// at most `limit` runs are kept per key.
pub fn remember_entry<Q: StoredQuery>(
    files: &QueryFiles,
    entry: Q,
    limit: usize,
) -> Result<(), String> {
    let Some(path) = &files.history else {
        return Ok(());
    };
    let mut all = read::<Q>(path)?;
    let key = entry.key();
    all.retain(|q| !(q.key() == key && q.same_query(&entry)));
    let stamp = crate::clock::local_time(crate::clock::now_secs());
    all.push(entry.named(stamp));
    let count = all.iter().filter(|q| q.key() == key).count();
    let mut extra = count.saturating_sub(limit);
    all.retain(|q| {
        if q.key() == key && extra > 0 {
            extra -= 1;
            false
        } else {
            true
        }
    });
    write(path, all)
}

/// The saved queries and the recent runs of `table`, newest run first.
pub fn for_table(
    files: &QueryFiles,
    table: &str,
) -> Result<(Vec<SavedQuery>, Vec<SavedQuery>), String> {
    load(files, |q: &SavedQuery| q.table == table)
}

/// Saves (or replaces) the query `name` of `table`.
pub fn save(
    files: &QueryFiles,
    table: &str,
    name: &str,
    form: &FormState,
) -> Result<PathBuf, String> {
    save_entry(
        files,
        SavedQuery {
            table: table.into(),
            name: name.into(),
            form: form.clone(),
        },
    )
}

/// Adds a run to the history (an identical earlier run moves to the end).
pub fn remember(files: &QueryFiles, table: &str, form: &FormState) -> Result<(), String> {
    let run = SavedQuery {
        table: table.into(),
        name: String::new(),
        form: form.clone(),
    };
    remember_entry(files, run, HISTORY_PER_TABLE)
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

    #[test]
    fn a_file_written_before_the_generic_store_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queries.toml");
        // As the DynamoDB builder wrote it before the store was shared (and a field it
        // did not know yet is simply absent).
        std::fs::write(
            &path,
            "[[query]]\ntable = \"orders\"\nname = \"paid\"\n\n[query.form]\nscan = false\npartition = \"c1\"\nsort_op = \"=\"\n\n[[query.form.filters]]\nattr = \"status\"\nop = \"=\"\nkind = \"S\"\na = \"PAID\"\n",
        )
        .unwrap();
        let files = QueryFiles {
            saved: Some(path),
            history: None,
        };
        let (saved, _) = for_table(&files, "orders").unwrap();
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].name, "paid");
        assert_eq!(saved[0].form.partition, "c1");
        assert_eq!(saved[0].form.filters[0].a, "PAID");
        // Saving another keeps the same layout: the old entry is still there, read back whole.
        save(&files, "orders", "all", &FormState::default()).unwrap();
        let (saved, _) = for_table(&files, "orders").unwrap();
        assert_eq!(saved.len(), 2);
        assert_eq!(saved[0].form.partition, "c1");
    }

    #[test]
    fn forget_deletes_a_saved_query_by_name_and_a_run_by_what_it_asks() {
        let dir = tempfile::tempdir().unwrap();
        let files = QueryFiles {
            saved: Some(dir.path().join("queries.toml")),
            history: Some(dir.path().join("history.toml")),
        };
        save(&files, "orders", "a", &form("1")).unwrap();
        save(&files, "orders", "b", &form("2")).unwrap();
        remember(&files, "orders", &form("1")).unwrap();
        remember(&files, "orders", &form("2")).unwrap();
        let (saved, recent) = for_table(&files, "orders").unwrap();
        forget(&files, &saved[0], false).unwrap();
        forget(&files, &recent[0], true).unwrap();
        let (saved, recent) = for_table(&files, "orders").unwrap();
        assert_eq!(
            saved.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(recent.len(), 1);
        assert_eq!(recent[0].form.partition, "1");
    }

    fn insights(groups: &str, query: &str) -> InsightsSaved {
        InsightsSaved {
            groups: groups.split_whitespace().map(str::to_owned).collect(),
            name: String::new(),
            query: query.into(),
            since: "1h".into(),
        }
    }

    #[test]
    fn insights_queries_round_trip_dedup_and_limit_per_groups() {
        let dir = tempfile::tempdir().unwrap();
        let files = QueryFiles {
            saved: Some(dir.path().join("queries.toml")),
            history: Some(dir.path().join("state/query-history.toml")),
        }
        .for_insights();
        assert!(
            files
                .saved
                .as_ref()
                .unwrap()
                .ends_with("insights-queries.toml")
        );
        let umask = crate::private_file::tests::OpenUmask::set();
        save_entry(
            &files,
            insights("/app /b", "fields @message\n| limit 5").named("five".into()),
        )
        .unwrap();
        for i in 0..25 {
            remember_entry(
                &files,
                insights("/app", &format!("limit {i}")),
                INSIGHTS_HISTORY_PER_GROUPS,
            )
            .unwrap();
        }
        drop(umask);
        let mode_of = crate::private_file::tests::mode_of;
        assert_eq!(mode_of(files.saved.as_ref().unwrap()), 0o600);
        assert_eq!(mode_of(files.history.as_ref().unwrap()), 0o600);
        remember_entry(
            &files,
            insights("/app", "limit 3 "),
            INSIGHTS_HISTORY_PER_GROUPS,
        )
        .unwrap();
        remember_entry(
            &files,
            insights("/other", "limit 1"),
            INSIGHTS_HISTORY_PER_GROUPS,
        )
        .unwrap();
        let (saved, recent) = load(&files, |q: &InsightsSaved| q.key() == "/app").unwrap();
        assert!(saved.is_empty(), "saved for other groups");
        assert_eq!(recent.len(), 20);
        assert_eq!(
            recent[0].query, "limit 3 ",
            "a rerun moves to the top, once"
        );
        assert_eq!(
            recent
                .iter()
                .filter(|q| q.query.trim() == "limit 3")
                .count(),
            1
        );
        assert_eq!(recent[1].query, "limit 24");
        let (saved, recent) = load(&files, |_: &InsightsSaved| true).unwrap();
        assert_eq!(saved[0].groups, ["/app", "/b"]);
        assert_eq!(saved[0].query, "fields @message\n| limit 5", "lines kept");
        assert_eq!(saved[0].summary(), "fields @message | limit 5");
        assert_eq!(recent.len(), 21);
    }
}
