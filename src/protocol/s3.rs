//! S3 requests and their answers, and the jobs and plans they carry (transfers, deletes).

use crate::aws::s3::{Bucket, Entry, Head, ObjectDetails, ObjectVersion};
use crate::aws::{AwsError, ContextKey};

/// Failures kept by name in a report; the rest are only counted.
const FAILURES_KEPT: usize = 100;

#[derive(Debug)]
pub enum S3Op {
    Buckets(ContextKey),
    CreateBucket(ContextKey, String),
    Versions {
        ctx: ContextKey,
        bucket: String,
        key: String,
    },
    ObjectUrl {
        ctx: ContextKey,
        bucket: String,
        key: String,
    },
    DeleteBucket(ContextKey, String),
    /// Every page under a prefix, each page answered as it arrives, until `cap` entries or the
    /// end; `start` continues an earlier listing that stopped at its cap.
    List {
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        start: Option<String>,
        cap: usize,
    },
    /// HeadObject + tags, and a ranged GET of the first `preview_bytes`, side by side.
    Object {
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        preview_bytes: u64,
    },
    /// Objects into a local directory, four at a time, each written atomically. Without
    /// `overwrite`, existing local files stop the transfer before it starts.
    Download {
        job: DownloadJob,
        overwrite: bool,
    },
    /// Lists the local files an upload would send (a file, or a directory recursively).
    UploadPlan {
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        path: std::path::PathBuf,
    },
    Upload(UploadJob),
    /// Lists what a delete would remove (marked keys, and everything under marked prefixes),
    /// so the confirmation can say exactly how many objects.
    DeletePlan {
        ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
        prefixes: Vec<String>,
    },
    /// Deletes the planned keys in batches of 1,000, then each counted prefix page by page
    /// (see `s3_prefix`: never more than was counted, nothing written since).
    Delete {
        ctx: ContextKey,
        bucket: String,
        plan: DeletePlan,
    },
    Presign {
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        expires: std::time::Duration,
    },
}

#[derive(Debug)]
pub enum S3Outcome {
    Buckets(Result<Vec<Bucket>, AwsError>),
    Versions(Result<Vec<ObjectVersion>, AwsError>),
    ObjectUrl(Result<String, AwsError>),
    /// A bucket was created (`true`) or deleted (`false`), or the error.
    BucketChanged {
        name: String,
        created: bool,
        result: Result<crate::aws::once::Sent<()>, AwsError>,
    },
    /// One page of a `List`.
    Page(Vec<Entry>),
    /// The listing ended: completely (`resume: None`), at its cap, or with an error.
    Listed {
        result: Result<(), AwsError>,
        resume: Option<String>,
    },
    Object {
        details: Result<ObjectDetails, AwsError>,
        head: Result<Head, AwsError>,
    },
    /// Some targets exist locally: nothing was transferred; ask before overwriting.
    DownloadConflict {
        /// The first few of them; `existing_total` counts them all.
        existing: Vec<std::path::PathBuf>,
        existing_total: usize,
        job: DownloadJob,
    },
    /// Running totals of a transfer.
    Transfer(TransferProgress),
    Downloaded(DownloadReport),
    UploadPlanned(Result<UploadJob, String>),
    Uploaded {
        files: usize,
        bytes: u64,
        failed: Vec<(String, String)>,
    },
    DeletePlanned(Result<DeletePlan, AwsError>),
    Deleted(DeleteTally),
    Presigned {
        result: Result<String, AwsError>,
        expires: std::time::Duration,
    },
}

/// What to download and where.
#[derive(Clone, Debug)]
pub struct DownloadJob {
    pub ctx: ContextKey,
    pub bucket: String,
    /// Dropped from each key to make its local path (the listed prefix).
    pub base_prefix: String,
    /// Keys and sizes.
    pub objects: Vec<(String, i64)>,
    /// A specific version (single-object jobs only).
    pub version: Option<String>,
    /// Also everything under these prefixes, listed (recursively) when the job starts.
    pub expand: Vec<String>,
    pub dest: std::path::PathBuf,
}

/// Local files and the keys they go to.
#[derive(Clone, Debug)]
pub struct UploadJob {
    pub ctx: ContextKey,
    pub bucket: String,
    pub files: Vec<(std::path::PathBuf, String, u64)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TransferProgress {
    pub uploading: bool,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub files_done: usize,
    pub files_total: usize,
}

#[derive(Debug, Default)]
pub struct DownloadReport {
    pub dest: std::path::PathBuf,
    pub files: usize,
    pub bytes: u64,
    /// The first failures; `failures` counts them all.
    pub failed: Vec<(String, String)>,
    pub failures: usize,
    /// The first keys with no usable local name (e.g. only `../`); `skips` counts them all.
    pub skipped: Vec<String>,
    pub skips: usize,
}

/// Keys a report names (a download of a million keys may fail a million times).
const REPORTED_KEYS: usize = 100;

impl DownloadReport {
    pub fn fail(&mut self, key: String, why: String) {
        self.failures += 1;
        if self.failed.len() < REPORTED_KEYS {
            self.failed.push((key, why));
        }
    }

    pub fn skip(&mut self, key: String) {
        self.skips += 1;
        if self.skipped.len() < REPORTED_KEYS {
            self.skipped.push(key);
        }
    }

    pub fn add(&mut self, results: Vec<(String, Result<u64, String>)>) {
        for (key, result) in results {
            match result {
                Ok(bytes) => {
                    self.files += 1;
                    self.bytes += bytes;
                }
                Err(e) => self.fail(key, e),
            }
        }
    }
}

/// One prefix, counted without keeping its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixCount {
    pub prefix: String,
    pub objects: usize,
    pub bytes: u64,
    /// The newest modification time counted (seconds since the epoch).
    pub newest: Option<i64>,
    /// The first few keys, for the confirmation.
    pub sample: Vec<String>,
}

/// What a delete covers: objects named one by one, and counted prefixes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeletePlan {
    pub keys: Vec<String>,
    pub prefixes: Vec<PrefixCount>,
}

impl DeletePlan {
    /// The number the user confirms (and types).
    pub fn total(&self) -> usize {
        self.keys.len() + self.prefixes.iter().map(|p| p.objects).sum::<usize>()
    }
}

/// How a delete went.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DeleteTally {
    pub deleted: usize,
    /// The first failures by key; `failures` counts them all.
    pub failed: Vec<(String, String)>,
    pub failures: usize,
    /// Objects found under a prefix that were not counted: written after the count.
    pub kept: usize,
}

impl DeleteTally {
    pub fn fail(&mut self, key: String, why: String) {
        self.failures += 1;
        if self.failed.len() < FAILURES_KEPT {
            self.failed.push((key, why));
        }
    }
}
