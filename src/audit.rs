//! The audit log: one JSON line for every call that changes something in AWS (start, stop,
//! terminate, deletes, puts, invokes, uploads…), appended to `<state dir>/audit.jsonl` by the
//! task that made the call — so a reply dropped after a context switch is still recorded.
//! Lines carry who, where, what and how it ended; never credentials or payload bodies.

use crate::aws::ContextKey;
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Resource ids listed in one line; a delete of 10,000 keys lists the first ones and counts
/// the rest.
pub const MAX_RESOURCES: usize = 100;

/// How much of the end of the file the `:audit` view reads (a few thousand lines).
const TAIL_BYTES: u64 = 4 * 1024 * 1024;

/// A call about to change something, described before it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutation {
    pub ctx: ContextKey,
    pub service: &'static str,
    pub operation: String,
    pub resources: Vec<String>,
}

impl Mutation {
    pub fn new(
        ctx: &ContextKey,
        service: &'static str,
        operation: impl Into<String>,
        resources: impl IntoIterator<Item = String>,
    ) -> Mutation {
        Mutation {
            ctx: ctx.clone(),
            service,
            operation: operation.into(),
            resources: resources.into_iter().collect(),
        }
    }
}

/// How a call ended, as far as this app can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    /// Some targets succeeded, some failed (bulk actions).
    Partial,
    Failed,
    /// The user left or switched context while the call was running: it may or may not have
    /// taken effect.
    Cancelled,
    /// A session on an instance (SSM, SSH) began; a second line says how it ended.
    Started,
    /// The answer was lost (timeout, reset, 5xx) and nothing could re-read the result: the
    /// call may or may not have taken effect, and was not sent again.
    #[serde(rename = "outcome unknown")]
    Unknown,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Partial => "partial",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Started => "started",
            Outcome::Unknown => "outcome unknown",
        }
    }
}

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub time: String,
    pub profile: String,
    pub account: Option<String>,
    pub region: String,
    pub service: String,
    pub operation: String,
    pub resources: Vec<String>,
    /// Resources beyond the listed ones.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: usize,
    pub outcome: Outcome,
    /// The error, or counts for a partial outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Entry {
    /// Every string that came from AWS or the user is sanitized here, once, before it can
    /// reach the file (and from there the screen).
    pub fn new(
        mutation: Mutation,
        account: Option<String>,
        outcome: Outcome,
        detail: Option<String>,
        epoch_ms: i64,
    ) -> Entry {
        let clean = crate::sanitize::for_log;
        let total = mutation.resources.len();
        Entry {
            time: crate::ui::format::iso_utc(epoch_ms),
            profile: clean(mutation.ctx.profile_label()),
            account: account.map(|a| clean(&a)),
            region: clean(&mutation.ctx.region),
            service: mutation.service.to_string(),
            operation: clean(&mutation.operation),
            resources: mutation
                .resources
                .iter()
                .take(MAX_RESOURCES)
                .map(|r| clean(r))
                .collect(),
            more: total.saturating_sub(MAX_RESOURCES),
            outcome,
            detail: detail.map(|d| clean(&d)),
        }
    }
}

/// Where lines go. Cheap to clone; `disabled` when there is no state directory.
#[derive(Clone, Debug, Default)]
pub struct AuditLog {
    path: Option<Arc<PathBuf>>,
    // Concurrent calls finish on different threads: one writer at a time keeps lines whole.
    lock: Arc<Mutex<()>>,
}

impl AuditLog {
    pub fn to_file(path: PathBuf) -> AuditLog {
        AuditLog {
            path: Some(Arc::new(path)),
            lock: Arc::default(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref().map(PathBuf::as_path)
    }

    /// Appends one line (blocking: call it from a blocking thread). The file is created
    /// private (0600): it names accounts and resources.
    pub fn append(&self, entry: &Entry) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        line.push('\n');
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = open_append(path)?;
        file.write_all(line.as_bytes())
    }
}

#[cfg(unix)]
fn open_append(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_append(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
}

/// The newest entries first, at most `max`, read from the end of the file. A missing file is
/// no entries; lines that do not parse (an older format, a hand edit) are counted.
pub fn read_recent(path: &Path, max: usize) -> Result<(Vec<Entry>, usize), String> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let start = len.saturating_sub(TAIL_BYTES);
    file.seek(SeekFrom::Start(start))
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines: Vec<&str> = text.lines().collect();
    if start > 0 && !lines.is_empty() {
        // The first line was cut by the seek.
        lines.remove(0);
    }
    let mut unreadable = 0;
    let mut entries: Vec<Entry> = Vec::new();
    for line in lines.iter().rev().filter(|l| !l.trim().is_empty()) {
        if entries.len() == max {
            break;
        }
        match serde_json::from_str(line) {
            Ok(entry) => entries.push(entry),
            Err(_) => unreadable += 1,
        }
    }
    Ok((entries, unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ContextKey {
        ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        }
    }

    #[test]
    fn lines_round_trip_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::to_file(dir.path().join("state/audit.jsonl"));
        for (i, op) in ["StopInstances", "TerminateInstances"]
            .into_iter()
            .enumerate()
        {
            let m = Mutation::new(&ctx(), "ec2", op, vec![format!("i-{i}")]);
            let entry = Entry::new(m, Some("111122223333".into()), Outcome::Ok, None, 0);
            log.append(&entry).unwrap();
        }
        let (entries, bad) = read_recent(log.path().unwrap(), 10).unwrap();
        assert_eq!(bad, 0);
        let ops: Vec<&str> = entries.iter().map(|e| e.operation.as_str()).collect();
        assert_eq!(ops, ["TerminateInstances", "StopInstances"]);
        assert_eq!(entries[0].time, "1970-01-01T00:00:00.000Z");
        assert_eq!(entries[0].account.as_deref(), Some("111122223333"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(log.path().unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn long_resource_lists_are_cut_and_counted_and_strings_sanitized() {
        let keys = (0..250).map(|i| format!("k{i}"));
        let mut m = Mutation::new(&ctx(), "s3", "DeleteObjects", keys);
        m.resources[0] = "evil\u{1b}]52;c;aGk=\u{7}".into();
        let e = Entry::new(
            m,
            None,
            Outcome::Failed,
            Some("Access\u{1b}[31mDenied".into()),
            0,
        );
        assert_eq!(e.resources.len(), MAX_RESOURCES);
        assert_eq!(e.more, 150);
        let line = serde_json::to_string(&e).unwrap();
        assert!(
            !line.contains('\u{1b}') && !line.contains("\\u001b"),
            "{line}"
        );
    }

    #[test]
    fn a_missing_file_is_no_entries_and_garbage_is_counted() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_recent(&dir.path().join("none"), 5).unwrap().0.len(), 0);
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "not json\n").unwrap();
        assert_eq!(read_recent(&path, 5).unwrap(), (Vec::new(), 1));
    }
}
