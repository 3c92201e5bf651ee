//! Downloads: map keys to safe local paths, refuse to overwrite without consent, then stream
//! with bounded concurrency, reporting progress at most ten times a second.

use super::Progress;
use super::ops::{DownloadJob, DownloadReport, Outcome, TransferProgress};
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
    if let Some(prefix) = job.expand.take() {
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
            let (totals, progress) = (totals.clone(), progress.clone());
            async move {
                let on_bytes = {
                    let (totals, progress) = (totals.clone(), progress.clone());
                    Arc::new(move |n: u64| {
                        let Ok(mut t) = totals.lock() else { return };
                        t.0.bytes_done += n;
                        if t.1.elapsed() >= REPORT_EVERY {
                            t.1 = Instant::now();
                            progress.send(Outcome::Transfer(t.0));
                        }
                    }) as Arc<dyn Fn(u64) + Send + Sync>
                };
                let result = adapters
                    .s3
                    .download(ctx, bucket, key.clone(), path, overwrite, on_bytes)
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
