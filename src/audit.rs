//! The audit log: every call that changes something in AWS (start, stop, terminate, deletes,
//! puts, invokes, uploads…) as two JSON lines in `<state dir>/audit.jsonl`, joined by an id:
//! `sent` when the call leaves (who, where, what) and `ended` when it is over (how). A call
//! that never ends — the app was killed, the machine lost power — is still on record as sent.
//! Lines never carry credentials or payload bodies.

use crate::context::ContextKey;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Resource ids listed in one line; a delete of 10,000 keys lists the first ones and counts
/// the rest.
pub const MAX_RESOURCES: usize = 100;

/// The detail of a call interrupted by the app's exit.
pub const EXITED: &str = "awsterm exited while the call was running";

/// How much of the end of the file the `:audit` view reads (a few thousand calls).
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
    /// awsterm exited (quit, a signal) while the call was running: it may or may not have
    /// taken effect.
    Interrupted,
    /// Nobody knows: the answer was lost (a timeout, a reset) and the call is not one that can
    /// be checked or sent again, or an earlier run ended without recording how the call went.
    #[serde(rename = "outcome unknown")]
    Unknown,
    /// Only in what `read_recent` returns, never written: sent by this very process and not
    /// over yet.
    #[serde(rename = "in flight")]
    InFlight,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Partial => "partial",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Interrupted => "interrupted",
            Outcome::Unknown => "outcome unknown",
            Outcome::InFlight => "in flight",
        }
    }
}

/// One call as `:audit` shows it: its `sent` line joined with its `ended` line, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Joins the two lines of a call (absent in lines written before calls had two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the call was sent.
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
    /// When the call ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The two kinds of line in the file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Line {
    Sent(Sent),
    Ended(Ended),
}

#[derive(Debug, Serialize, Deserialize)]
struct Sent {
    id: String,
    time: String,
    profile: String,
    account: Option<String>,
    region: String,
    service: String,
    operation: String,
    resources: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    more: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct Ended {
    id: String,
    time: String,
    outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

impl Sent {
    /// Every string that came from AWS or the user is sanitized here, once, before it can
    /// reach the file (and from there the screen).
    fn new(id: String, mutation: Mutation, account: Option<String>, epoch_ms: i64) -> Sent {
        let clean = crate::sanitize::for_log;
        let total = mutation.resources.len();
        Sent {
            id,
            time: crate::clock::iso_utc(epoch_ms),
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
        }
    }

    fn into_entry(self, end: Option<Ended>, this_run: &str) -> Entry {
        let run = run_of(&self.id);
        let elsewhere = end.is_none() && run != this_run && still_running(run);
        let outcome = match &end {
            Some(end) => end.outcome,
            None if run == this_run || elsewhere => Outcome::InFlight,
            None => Outcome::Unknown,
        };
        let detail = match end.as_ref() {
            Some(end) => end.detail.clone(),
            None if outcome == Outcome::Unknown => {
                Some("awsterm ended without recording how this call went".into())
            }
            None if elsewhere => Some("sent by another awsterm, which is still running".into()),
            None => None,
        };
        Entry {
            id: Some(self.id),
            time: self.time,
            profile: self.profile,
            account: self.account,
            region: self.region,
            service: self.service,
            operation: self.operation,
            resources: self.resources,
            more: self.more,
            outcome,
            detail,
            ended: end.map(|e| e.time),
        }
    }
}

/// This process's part of every id, so a reader can tell a call still running here from one
/// an earlier run left without an end.
pub fn run_id() -> &'static str {
    static RUN: OnceLock<String> = OnceLock::new();
    RUN.get_or_init(|| format!("{:x}.{:x}", crate::clock::now_ms(), std::process::id()))
}

/// Whether the awsterm of `run` (its id ends in its pid) still runs: its open calls are in
/// flight there, not lost.
fn still_running(run: &str) -> bool {
    let Some(pid) = run
        .rsplit_once('.')
        .and_then(|(_, pid)| i32::from_str_radix(pid, 16).ok())
        .filter(|pid| *pid > 0)
    else {
        return false;
    };
    // SAFETY: signal 0 is never delivered; kill only says whether the process exists.
    let exists = unsafe { libc::kill(pid, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    // Pids are reused once a process is gone: where /proc tells, it must be an awsterm.
    match std::fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(name) => exists && name.starts_with("awsterm"),
        Err(_) => exists && !std::path::Path::new("/proc/self").exists(),
    }
}

fn run_of(id: &str) -> &str {
    id.rsplit_once('-').map_or("", |(run, _)| run)
}

fn next_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{}-{}", run_id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Where lines go. Cheap to clone; `disabled` when there is no state directory.
#[derive(Clone, Debug, Default)]
pub struct AuditLog {
    path: Option<Arc<PathBuf>>,
    // Calls end on different threads. One lock both keeps lines whole and guards the set of
    // calls sent but not ended, so each call ends exactly once: by its task, or as interrupted
    // when the app exits first.
    open: Arc<Mutex<HashSet<String>>>,
}

/// A call whose `sent` line is written; `end` writes how it went. Dropped without `end`, the
/// call stays open: `interrupt_open` ends it when the app exits, or a later run reads it as
/// "unknown".
#[derive(Debug)]
#[must_use = "a sent call is ended with `end`"]
pub struct Pending {
    log: AuditLog,
    id: String,
}

impl AuditLog {
    pub fn to_file(path: PathBuf) -> AuditLog {
        AuditLog {
            path: Some(Arc::new(path)),
            open: Arc::default(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref().map(PathBuf::as_path)
    }

    /// Records a call as it is sent (blocking: call it from a blocking thread). The file is
    /// created private (0600): it names accounts and resources.
    pub fn sent(&self, mutation: Mutation, account: Option<String>) -> std::io::Result<Pending> {
        let id = next_id();
        let line = Line::Sent(Sent::new(
            id.clone(),
            mutation,
            account,
            crate::clock::now_ms(),
        ));
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        self.write(&line)?;
        open.insert(id.clone());
        Ok(Pending {
            log: self.clone(),
            id,
        })
    }

    /// Ends every call still open as interrupted (the app is exiting); returns how many.
    /// Blocking.
    pub fn interrupt_open(&self) -> usize {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let ids: Vec<String> = open.drain().collect();
        for id in &ids {
            if let Err(e) = self.write_end(id, Outcome::Interrupted, Some(EXITED.into())) {
                tracing::warn!("audit log: {}", crate::sanitize::for_log(&e.to_string()));
            }
        }
        ids.len()
    }

    /// Calls sent and not ended yet.
    pub fn open_calls(&self) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    fn write_end(&self, id: &str, outcome: Outcome, detail: Option<String>) -> std::io::Result<()> {
        self.write(&Line::Ended(Ended {
            id: id.to_string(),
            time: crate::clock::iso_utc(crate::clock::now_ms()),
            outcome,
            detail: detail.map(|d| crate::sanitize::for_log(&d)),
        }))
    }

    /// Appends one line; the caller holds the lock.
    fn write(&self, line: &Line) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
        text.push('\n');
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = open_append(path)?;
        file.write_all(text.as_bytes())
    }
}

impl Pending {
    /// Records how the call ended (blocking). Nothing is written if it was already ended as
    /// interrupted.
    pub fn end(self, outcome: Outcome, detail: Option<String>) -> std::io::Result<()> {
        let mut open = self.log.open.lock().unwrap_or_else(|p| p.into_inner());
        if !open.remove(&self.id) {
            return Ok(());
        }
        self.log.write_end(&self.id, outcome, detail)
    }

    pub fn id(&self) -> &str {
        &self.id
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

/// The newest calls first, at most `max`, read from the end of the file, each with how it
/// ended (or `InFlight`/`Unknown` when it has no end yet). A missing file is no entries; lines
/// that do not parse (a hand edit) are counted.
pub fn read_recent(path: &Path, max: usize) -> Result<(Vec<Entry>, usize), String> {
    read_recent_as(path, max, run_id())
}

/// `read_recent` as the process whose run id is `this_run` sees it.
pub fn read_recent_as(
    path: &Path,
    max: usize,
    this_run: &str,
) -> Result<(Vec<Entry>, usize), String> {
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
    // Newest first: a call's end is met before the line that sent it.
    let mut ends: HashMap<String, Ended> = HashMap::new();
    for line in lines.iter().rev().filter(|l| !l.trim().is_empty()) {
        if entries.len() == max {
            break;
        }
        match serde_json::from_str::<Line>(line) {
            Ok(Line::Ended(end)) => {
                ends.insert(end.id.clone(), end);
            }
            Ok(Line::Sent(sent)) => {
                let end = ends.remove(&sent.id);
                entries.push(sent.into_entry(end, this_run));
            }
            // One line per call, as written before calls had two.
            Err(_) => match serde_json::from_str::<Entry>(line) {
                Ok(entry) => entries.push(entry),
                Err(_) => unreadable += 1,
            },
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

    fn stop(id: &str) -> Mutation {
        Mutation::new(&ctx(), "ec2", "StopInstances", vec![id.to_string()])
    }

    #[test]
    fn a_call_is_sent_then_ended_and_read_back_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::to_file(dir.path().join("state/audit.jsonl"));
        let first = log.sent(stop("i-1"), Some("111122223333".into())).unwrap();
        let second = log
            .sent(
                Mutation::new(&ctx(), "ec2", "TerminateInstances", vec!["i-2".into()]),
                None,
            )
            .unwrap();
        first.end(Outcome::Ok, None).unwrap();
        let path = log.path().unwrap();
        let (entries, bad) = read_recent(path, 10).unwrap();
        assert_eq!(bad, 0);
        let seen: Vec<(&str, Outcome)> = entries
            .iter()
            .map(|e| (e.operation.as_str(), e.outcome))
            .collect();
        assert_eq!(
            seen,
            [
                ("TerminateInstances", Outcome::InFlight),
                ("StopInstances", Outcome::Ok)
            ]
        );
        assert_eq!(entries[1].account.as_deref(), Some("111122223333"));
        assert!(entries[1].ended.is_some() && entries[0].ended.is_none());
        // Another awsterm reading the same file while this one still runs the call: in flight.
        let (meanwhile, _) = read_recent_as(path, 10, "another-run").unwrap();
        assert_eq!(meanwhile[0].outcome, Outcome::InFlight);
        assert!(
            meanwhile[0]
                .detail
                .as_deref()
                .unwrap()
                .contains("another awsterm")
        );
        second.end(Outcome::Failed, Some("no".into())).unwrap();
        let (entries, _) = read_recent(path, 10).unwrap();
        assert_eq!(entries[0].outcome, Outcome::Failed);
        assert_eq!(entries[0].detail.as_deref(), Some("no"));
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text.lines().count(), 4, "two lines per call: {text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn calls_open_at_exit_end_once_as_interrupted() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::to_file(dir.path().join("audit.jsonl"));
        let running = log.sent(stop("i-1"), None).unwrap();
        let done = log.sent(stop("i-2"), None).unwrap();
        done.end(Outcome::Ok, None).unwrap();
        assert_eq!(log.interrupt_open(), 1);
        // The task that ran the call finishes after the exit began: no second end.
        running.end(Outcome::Ok, None).unwrap();
        assert_eq!(log.open_calls(), 0);
        let (entries, _) = read_recent(log.path().unwrap(), 10).unwrap();
        let outcomes: Vec<Outcome> = entries.iter().map(|e| e.outcome).collect();
        assert_eq!(outcomes, [Outcome::Ok, Outcome::Interrupted]);
        let text = std::fs::read_to_string(log.path().unwrap()).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
    }

    #[test]
    fn long_resource_lists_are_cut_and_counted_and_strings_sanitized() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::to_file(dir.path().join("audit.jsonl"));
        let keys = (0..250).map(|i| format!("k{i}"));
        let mut m = Mutation::new(&ctx(), "s3", "DeleteObjects", keys);
        m.resources[0] = "evil\u{1b}]52;c;aGk=\u{7}".into();
        let call = log.sent(m, None).unwrap();
        call.end(Outcome::Failed, Some("Access\u{1b}[31mDenied".into()))
            .unwrap();
        let text = std::fs::read_to_string(log.path().unwrap()).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains("\\u001b"),
            "{text}"
        );
        let (entries, _) = read_recent(log.path().unwrap(), 1).unwrap();
        assert_eq!(entries[0].resources.len(), MAX_RESOURCES);
        assert_eq!(entries[0].more, 150);
    }

    #[test]
    fn one_line_calls_of_earlier_versions_still_read_and_garbage_is_counted() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_recent(&dir.path().join("none"), 5).unwrap().0.len(), 0);
        let path = dir.path().join("a.jsonl");
        let old = r#"{"time":"2026-01-02T03:04:05.000Z","profile":"prod","account":null,"region":"eu-west-1","service":"s3","operation":"CreateBucket","resources":["b"],"outcome":"ok"}"#;
        std::fs::write(&path, format!("not json\n{old}\n")).unwrap();
        let (entries, bad) = read_recent(&path, 5).unwrap();
        assert_eq!(bad, 1);
        assert_eq!(entries[0].operation, "CreateBucket");
        assert_eq!(entries[0].outcome, Outcome::Ok);
    }

    #[test]
    fn a_call_left_open_by_an_awsterm_that_is_gone_is_outcome_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        // A process that has exited: its open call can no longer end.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let sent = format!(
            r#"{{"event":"sent","id":"1.{gone:x}-1","time":"2026-01-02T03:04:05.000Z","profile":"prod","account":null,"region":"eu-west-1","service":"lambda","operation":"Invoke","resources":["f"]}}"#
        );
        std::fs::write(&path, format!("{sent}\n")).unwrap();
        let (entries, _) = read_recent_as(&path, 5, "this-run").unwrap();
        assert_eq!(entries[0].outcome, Outcome::Unknown);
        assert!(
            entries[0]
                .detail
                .as_deref()
                .unwrap()
                .contains("without recording")
        );
    }
}
