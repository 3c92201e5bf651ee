//! Downloads: map keys to safe local paths, refuse to overwrite without consent, then stream
//! with bounded concurrency, reporting progress at most ten times a second.

use super::Progress;
use super::ops::{DownloadJob, DownloadReport, Outcome, TransferProgress, UploadJob};
use crate::aws::Adapters;
use crate::aws::local_path::local_path_for;
use crate::aws::s3::Entry;
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PARALLEL: usize = 4;
const REPORT_EVERY: Duration = Duration::from_millis(100);

pub(super) async fn download(
    adapters: Adapters,
    mut job: DownloadJob,
    overwrite: bool,
    progress: Progress,
) -> Outcome {
    let mut report = DownloadReport {
        dest: job.dest.clone(),
        ..DownloadReport::default()
    };
    for prefix in std::mem::take(&mut job.expand) {
        let mut token = None;
        loop {
            let page = adapters
                .s3
                .list_page(
                    job.ctx.clone(),
                    job.bucket.clone(),
                    prefix.clone(),
                    false,
                    token,
                )
                .await;
            let page = match page {
                Ok(page) => page,
                Err(e) => {
                    report.failed.push((prefix.clone(), e.summary()));
                    return Outcome::S3Downloaded(report);
                }
            };
            job.objects
                .extend(page.entries.into_iter().filter_map(|e| match e {
                    Entry::Object(o) => Some((o.key, o.size)),
                    Entry::Prefix(_) => None,
                }));
            token = page.next;
            if token.is_none() {
                break;
            }
        }
    }
    let mut plan = Vec::new();
    for (key, size) in &job.objects {
        let (key, size) = (key.clone(), *size);
        match local_path_for(&job.dest, &job.base_prefix, &key) {
            Some(path) => plan.push((key, size.max(0) as u64, path)),
            None => report.skipped.push(key),
        }
    }
    if !overwrite {
        let mut existing = Vec::new();
        for (_, _, path) in &plan {
            if tokio::fs::try_exists(path).await.unwrap_or(false) {
                existing.push(path.clone());
            }
        }
        if !existing.is_empty() {
            return Outcome::S3DownloadConflict { existing, job };
        }
    }
    let totals = Arc::new(Mutex::new((
        TransferProgress {
            bytes_total: plan.iter().map(|(_, size, _)| size).sum(),
            files_total: plan.len(),
            ..TransferProgress::default()
        },
        Instant::now(),
    )));
    progress.send(Outcome::Transfer(
        totals.lock().map(|t| t.0).unwrap_or_default(),
    ));
    let results: Vec<(String, Result<u64, String>)> = futures::stream::iter(plan)
        .map(|(key, _, path)| {
            let adapters = adapters.clone();
            let (ctx, bucket) = (job.ctx.clone(), job.bucket.clone());
            let version = job.version.clone();
            let (totals, progress) = (totals.clone(), progress.clone());
            async move {
                let on_bytes = bytes_reporter(totals.clone(), progress.clone());
                let result = adapters
                    .s3
                    .download(ctx, bucket, key.clone(), version, path, overwrite, on_bytes)
                    .await
                    .map_err(|e| e.summary());
                if let Ok(mut t) = totals.lock() {
                    t.0.files_done += 1;
                    progress.send(Outcome::Transfer(t.0));
                }
                (key, result)
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    for (key, result) in results {
        match result {
            Ok(bytes) => {
                report.files += 1;
                report.bytes += bytes;
            }
            Err(e) => report.failed.push((key, e)),
        }
    }
    Outcome::S3Downloaded(report)
}

/// The files under `path` (or `path` itself) and their keys: `prefix` + the directory's name +
/// the path below it. Symbolic links are skipped, so a link loop cannot run forever.
pub(super) fn plan_upload(
    prefix: &str,
    path: &std::path::Path,
) -> Result<Vec<(std::path::PathBuf, String, u64)>, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{}: not a file or directory name", path.display()))?;
    if meta.is_file() {
        return Ok(vec![(
            path.to_path_buf(),
            format!("{prefix}{name}"),
            meta.len(),
        )]);
    }
    if !meta.is_dir() {
        return Err(format!(
            "{}: not a regular file or directory",
            path.display()
        ));
    }
    let mut files = Vec::new();
    let mut dirs = vec![(path.to_path_buf(), format!("{prefix}{name}/"))];
    while let Some((dir, key_prefix)) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            let entry_name = entry.file_name().to_string_lossy().into_owned();
            if kind.is_dir() {
                dirs.push((entry.path(), format!("{key_prefix}{entry_name}/")));
            } else if kind.is_file() {
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                files.push((entry.path(), format!("{key_prefix}{entry_name}"), size));
            }
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(files)
}

pub(super) async fn upload(adapters: Adapters, job: UploadJob, progress: Progress) -> Outcome {
    let totals = Arc::new(Mutex::new((
        TransferProgress {
            uploading: true,
            bytes_total: job.files.iter().map(|(_, _, size)| size).sum(),
            files_total: job.files.len(),
            ..TransferProgress::default()
        },
        Instant::now(),
    )));
    let results: Vec<(String, Result<u64, String>)> = futures::stream::iter(job.files)
        .map(|(path, key, _)| {
            let adapters = adapters.clone();
            let (ctx, bucket) = (job.ctx.clone(), job.bucket.clone());
            let (totals, progress) = (totals.clone(), progress.clone());
            async move {
                let on_bytes = bytes_reporter(totals.clone(), progress.clone());
                let result = adapters
                    .s3
                    .upload(ctx, bucket, key.clone(), path, on_bytes)
                    .await
                    .map_err(|e| e.summary());
                if let Ok(mut t) = totals.lock() {
                    t.0.files_done += 1;
                    progress.send(Outcome::Transfer(t.0));
                }
                (key, result)
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    let (mut files, mut bytes, mut failed) = (0, 0, Vec::new());
    for (key, result) in results {
        match result {
            Ok(n) => {
                files += 1;
                bytes += n;
            }
            Err(e) => failed.push((key, e)),
        }
    }
    Outcome::S3Uploaded {
        files,
        bytes,
        failed,
    }
}

type Totals = Arc<Mutex<(TransferProgress, Instant)>>;

/// Adds transferred bytes to the totals and reports them at most every `REPORT_EVERY`.
fn bytes_reporter(totals: Totals, progress: Progress) -> Arc<dyn Fn(u64) + Send + Sync> {
    Arc::new(move |n: u64| {
        let Ok(mut t) = totals.lock() else { return };
        t.0.bytes_done += n;
        if t.1.elapsed() >= REPORT_EVERY {
            t.1 = Instant::now();
            progress.send(Outcome::Transfer(t.0));
        }
    })
}
