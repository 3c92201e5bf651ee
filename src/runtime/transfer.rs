//! Downloads: map keys to safe local paths, refuse to overwrite without consent, then stream
//! with bounded concurrency, reporting progress at most ten times a second. Prefixes are
//! expanded a listing page at a time, never held whole.

use super::Progress;
use super::s3_prefix::PrefixPages;
use crate::aws::Adapters;
use crate::aws::local_path::local_path_for;
use crate::aws::s3::ObjectSummary;
use crate::protocol::s3::{DownloadJob, DownloadReport, S3Outcome, TransferProgress, UploadJob};
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PARALLEL: usize = 4;
const REPORT_EVERY: Duration = Duration::from_millis(100);

/// Two passes over what to download, holding one listing page at a time (a prefix can hold
/// millions of keys): the first counts files and bytes and finds local files that would be
/// overwritten (asked about before anything is written); the second lists again and downloads
/// each page's objects, `PARALLEL` at a time.
pub(super) async fn download(
    adapters: Adapters,
    job: DownloadJob,
    overwrite: bool,
    progress: Progress,
) -> S3Outcome {
    let mut report = DownloadReport {
        dest: job.dest.clone(),
        ..DownloadReport::default()
    };
    let mut survey = Survey::default();
    for chunk in job.objects.chunks(1000) {
        survey.add(&job, chunk.to_vec(), overwrite).await;
    }
    for prefix in &job.expand {
        let mut pages = PrefixPages::new(&adapters, &job.ctx, &job.bucket, prefix);
        while let Some(page) = pages.next().await {
            match page {
                Ok(objects) => survey.add(&job, summaries(objects), overwrite).await,
                Err(e) => {
                    report.fail(prefix.clone(), e.summary());
                    return S3Outcome::Downloaded(report);
                }
            }
        }
    }
    if survey.existing_total > 0 {
        return S3Outcome::DownloadConflict {
            existing: survey.existing,
            existing_total: survey.existing_total,
            job,
        };
    }
    let totals = Arc::new(Mutex::new((survey.totals, Instant::now())));
    progress.send(S3Outcome::Transfer(survey.totals));
    let run = |objects: Vec<(String, i64)>, report: &mut DownloadReport| {
        let batch = plan(&job, objects, report);
        download_batch(&adapters, &job, overwrite, batch, &totals, &progress)
    };
    for chunk in job.objects.chunks(1000) {
        let results = run(chunk.to_vec(), &mut report).await;
        report.add(results);
    }
    for prefix in &job.expand {
        let mut pages = PrefixPages::new(&adapters, &job.ctx, &job.bucket, prefix);
        while let Some(page) = pages.next().await {
            match page {
                Ok(objects) => {
                    let results = run(summaries(objects), &mut report).await;
                    report.add(results);
                }
                Err(e) => report.fail(prefix.clone(), e.summary()),
            }
        }
    }
    S3Outcome::Downloaded(report)
}

/// Local files that would be overwritten, shown in the question.
const EXISTING_SHOWN: usize = 20;

/// The first pass: totals for the progress bar and local files in the way.
#[derive(Default)]
struct Survey {
    totals: TransferProgress,
    existing: Vec<std::path::PathBuf>,
    existing_total: usize,
}

impl Survey {
    async fn add(&mut self, job: &DownloadJob, objects: Vec<(String, i64)>, overwrite: bool) {
        for (key, size) in objects {
            let Some(path) = local_path_for(&job.dest, &job.base_prefix, &key) else {
                continue;
            };
            self.totals.files_total += 1;
            self.totals.bytes_total += size.max(0) as u64;
            if !overwrite && tokio::fs::try_exists(&path).await.unwrap_or(false) {
                self.existing_total += 1;
                if self.existing.len() < EXISTING_SHOWN {
                    self.existing.push(path);
                }
            }
        }
    }
}

fn summaries(objects: Vec<ObjectSummary>) -> Vec<(String, i64)> {
    objects.into_iter().map(|o| (o.key, o.size)).collect()
}

/// Keys → local paths; keys with no usable local name are skipped (and reported).
fn plan(
    job: &DownloadJob,
    objects: Vec<(String, i64)>,
    report: &mut DownloadReport,
) -> Vec<(String, std::path::PathBuf)> {
    let mut batch = Vec::with_capacity(objects.len());
    for (key, _) in objects {
        match local_path_for(&job.dest, &job.base_prefix, &key) {
            Some(path) => batch.push((key, path)),
            None => report.skip(key),
        }
    }
    batch
}

async fn download_batch(
    adapters: &Adapters,
    job: &DownloadJob,
    overwrite: bool,
    batch: Vec<(String, std::path::PathBuf)>,
    totals: &Totals,
    progress: &Progress,
) -> Vec<(String, Result<u64, String>)> {
    futures::stream::iter(batch)
        .map(|(key, path)| {
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
                    progress.send(S3Outcome::Transfer(t.0));
                }
                (key, result)
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await
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

pub(super) async fn upload(adapters: Adapters, job: UploadJob, progress: Progress) -> S3Outcome {
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
                    progress.send(S3Outcome::Transfer(t.0));
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
    S3Outcome::Uploaded {
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
            progress.send(S3Outcome::Transfer(t.0));
        }
    })
}
