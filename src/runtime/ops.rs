//! The requests the app can make and what comes back. Each op is a small function calling one
//! adapter, so the runtime stays generic.

pub use super::s3_prefix::{DeletePlan, DeleteTally, PrefixCount};
use crate::aws::model::Identity;
use crate::aws::profiles::{self, ProfileInfo};
use crate::aws::s3::{Bucket, Entry, Head, ObjectDetails};
use crate::aws::{Adapters, AwsError, AwsFiles, ContextKey};

#[derive(Debug)]
pub enum Op {
    /// One kind of resource in many contexts at once (cross-account and cross-region views).
    Across(super::across_ops::AcrossOp),
    /// Any resource kind's listing, in one context or many (the resource views).
    List(super::list_ops::ListOp),
    Ec2(super::ec2_ops::Ec2Op),
    Rds(super::rds_ops::RdsOp),
    Ddb(super::dynamodb_ops::DdbOp),
    Lambda(super::lambda_ops::LambdaOp),
    Logs(super::logs_ops::LogsOp),
    /// Who are we in this context (STS GetCallerIdentity)?
    CallerIdentity(ContextKey),
    /// Assume the context's MFA role with a code the user typed.
    MfaLogin {
        ctx: ContextKey,
        code: OneTimeCode,
    },
    /// Re-read the AWS shared config and credentials files.
    LoadProfiles(AwsFiles),
    /// The newest lines of the audit log (a local file).
    AuditRead {
        path: std::path::PathBuf,
        max: usize,
    },
    S3Buckets(ContextKey),
    S3CreateBucket(ContextKey, String),
    S3Versions {
        ctx: ContextKey,
        bucket: String,
        key: String,
    },
    S3ObjectUrl {
        ctx: ContextKey,
        bucket: String,
        key: String,
    },
    S3DeleteBucket(ContextKey, String),
    /// Every page under a prefix, each page answered as it arrives, until `cap` entries or the
    /// end; `start` continues an earlier listing that stopped at its cap.
    S3List {
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        start: Option<String>,
        cap: usize,
    },
    /// HeadObject + tags, and a ranged GET of the first `preview_bytes`, side by side.
    S3Object {
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        preview_bytes: u64,
    },
    /// Objects into a local directory, four at a time, each written atomically. Without
    /// `overwrite`, existing local files stop the transfer before it starts.
    S3Download {
        job: DownloadJob,
        overwrite: bool,
    },
    /// Lists the local files an upload would send (a file, or a directory recursively).
    S3UploadPlan {
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        path: std::path::PathBuf,
    },
    S3Upload(UploadJob),
    /// Lists what a delete would remove (marked keys, and everything under marked prefixes),
    /// so the confirmation can say exactly how many objects.
    S3DeletePlan {
        ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
        prefixes: Vec<String>,
    },
    /// Deletes the planned keys in batches of 1,000, then each counted prefix page by page
    /// (see `s3_prefix`: never more than was counted, nothing written since).
    S3Delete {
        ctx: ContextKey,
        bucket: String,
        plan: DeletePlan,
    },
    S3Presign {
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        expires: std::time::Duration,
    },
}

#[derive(Debug)]
pub enum Outcome {
    Across(super::across_ops::AcrossOutcome),
    List(super::list_ops::ListOutcome),
    Ec2(super::ec2_ops::Ec2Outcome),
    Rds(super::rds_ops::RdsOutcome),
    Ddb(super::dynamodb_ops::DdbOutcome),
    Lambda(super::lambda_ops::LambdaOutcome),
    Logs(super::logs_ops::LogsOutcome),
    Identity(ContextKey, Result<Identity, AwsError>),
    /// An MFA login: when the session expires (seconds since the epoch), or why it failed.
    MfaLogin(ContextKey, Result<Option<i64>, AwsError>),
    Profiles(Result<Vec<ProfileInfo>, String>),
    /// A write that never left: its audit line could not be written, and a write that is not
    /// on record does not go (fail closed).
    NotSent {
        op: Box<Op>,
        why: String,
    },
    /// Audit entries, newest first, and how many lines could not be read.
    Audit(Result<(Vec<crate::audit::Entry>, usize), String>),
    S3Buckets(Result<Vec<Bucket>, AwsError>),
    S3Versions(Result<Vec<crate::aws::s3::ObjectVersion>, AwsError>),
    S3ObjectUrl(Result<String, AwsError>),
    /// A bucket was created (`true`) or deleted (`false`), or the error.
    S3BucketChanged {
        name: String,
        created: bool,
        result: Result<crate::aws::once::Sent<()>, AwsError>,
    },
    /// One page of an `S3List`.
    S3Page(Vec<Entry>),
    /// The listing ended: completely (`resume: None`), at its cap, or with an error.
    S3Listed {
        result: Result<(), AwsError>,
        resume: Option<String>,
    },
    S3Object {
        details: Result<ObjectDetails, AwsError>,
        head: Result<Head, AwsError>,
    },
    /// Some targets exist locally: nothing was transferred; ask before overwriting.
    S3DownloadConflict {
        /// The first few of them; `existing_total` counts them all.
        existing: Vec<std::path::PathBuf>,
        existing_total: usize,
        job: DownloadJob,
    },
    /// Running totals of a transfer.
    Transfer(TransferProgress),
    S3Downloaded(DownloadReport),
    S3UploadPlanned(Result<UploadJob, String>),
    S3Uploaded {
        files: usize,
        bytes: u64,
        failed: Vec<(String, String)>,
    },
    S3DeletePlanned(Result<DeletePlan, AwsError>),
    S3Deleted(DeleteTally),
    S3Presigned {
        result: Result<String, AwsError>,
        expires: std::time::Duration,
    },
    /// The request's task panicked; the message is for the log and a flash.
    Crashed(String),
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

/// An MFA code: short-lived, but still kept out of the request log.
pub struct OneTimeCode(pub String);

impl std::fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OneTimeCode(******)")
    }
}

pub(super) async fn execute(op: Op, adapters: Adapters, progress: super::Progress) -> Outcome {
    match op {
        Op::List(op) => Outcome::List(super::list_ops::execute(op, &adapters, &progress).await),
        Op::Across(op) => {
            Outcome::Across(super::across_ops::execute(op, &adapters, &progress).await)
        }
        Op::Ec2(op) => Outcome::Ec2(super::ec2_ops::execute(op, &adapters, &progress).await),
        Op::Rds(op) => Outcome::Rds(super::rds_ops::execute(op, &adapters).await),
        Op::Ddb(op) => Outcome::Ddb(super::dynamodb_ops::execute(op, &adapters, &progress).await),
        Op::Lambda(op) => {
            Outcome::Lambda(super::lambda_ops::execute(op, &adapters, &progress).await)
        }
        Op::Logs(op) => Outcome::Logs(super::logs_ops::execute(op, &adapters, &progress).await),
        Op::CallerIdentity(ctx) => {
            let result = adapters.sts.caller_identity(ctx.clone()).await;
            Outcome::Identity(ctx, result)
        }
        Op::MfaLogin { ctx, code } => {
            let result = adapters.sts.mfa_login(ctx.clone(), code.0).await;
            Outcome::MfaLogin(ctx, result)
        }
        Op::AuditRead { path, max } => {
            Outcome::Audit(super::off_task(move || crate::audit::read_recent(&path, max)).await)
        }
        Op::LoadProfiles(files) => {
            if let Some(configs) = &adapters.configs {
                configs.clear();
            }
            Outcome::Profiles(profiles::load_profiles(&files).await)
        }
        Op::S3Buckets(ctx) => Outcome::S3Buckets(adapters.s3.list_buckets(ctx).await),
        Op::S3ObjectUrl { ctx, bucket, key } => {
            Outcome::S3ObjectUrl(adapters.s3.object_url(ctx, bucket, key).await)
        }
        Op::S3Versions { ctx, bucket, key } => {
            Outcome::S3Versions(adapters.s3.versions(ctx, bucket, key).await)
        }
        Op::S3CreateBucket(ctx, name) => Outcome::S3BucketChanged {
            result: bucket_change(&adapters, ctx, &name, true).await,
            name,
            created: true,
        },
        Op::S3DeleteBucket(ctx, name) => Outcome::S3BucketChanged {
            result: bucket_change(&adapters, ctx, &name, false).await,
            name,
            created: false,
        },
        Op::S3Object {
            ctx,
            bucket,
            key,
            version,
            preview_bytes,
        } => {
            let (details, head) = tokio::join!(
                adapters.s3.object_details(
                    ctx.clone(),
                    bucket.clone(),
                    key.clone(),
                    version.clone()
                ),
                adapters
                    .s3
                    .object_head(ctx, bucket, key, version, preview_bytes)
            );
            Outcome::S3Object { details, head }
        }
        Op::S3Download { job, overwrite } => {
            super::transfer::download(adapters, job, overwrite, progress).await
        }
        Op::S3UploadPlan {
            ctx,
            bucket,
            prefix,
            path,
        } => Outcome::S3UploadPlanned(
            super::off_task(move || super::transfer::plan_upload(&prefix, &path))
                .await
                .map(|files| UploadJob { ctx, bucket, files }),
        ),
        Op::S3Upload(job) => super::transfer::upload(adapters, job, progress).await,
        Op::S3DeletePlan {
            ctx,
            bucket,
            mut keys,
            prefixes,
        } => {
            keys.sort();
            keys.dedup();
            let mut plan = DeletePlan {
                keys,
                prefixes: Vec::new(),
            };
            for prefix in prefixes {
                match super::s3_prefix::count(&adapters, &ctx, &bucket, &prefix).await {
                    Ok(counted) if counted.objects > 0 => plan.prefixes.push(counted),
                    Ok(_) => {}
                    Err(e) => return Outcome::S3DeletePlanned(Err(e)),
                }
            }
            Outcome::S3DeletePlanned(Ok(plan))
        }
        Op::S3Delete { ctx, bucket, plan } => {
            let mut tally = DeleteTally::default();
            for chunk in plan.keys.chunks(1000) {
                super::s3_prefix::delete_batch(
                    &adapters,
                    &ctx,
                    &bucket,
                    chunk.to_vec(),
                    &mut tally,
                )
                .await;
            }
            for counted in &plan.prefixes {
                super::s3_prefix::delete_counted(&adapters, &ctx, &bucket, counted, &mut tally)
                    .await;
            }
            Outcome::S3Deleted(tally)
        }
        Op::S3Presign {
            ctx,
            bucket,
            key,
            version,
            expires,
        } => Outcome::S3Presigned {
            result: adapters
                .s3
                .presign_get(ctx, bucket, key, version, expires)
                .await,
            expires,
        },
        Op::S3List {
            ctx,
            bucket,
            prefix,
            start,
            cap,
        } => {
            let mut token = start;
            let mut listed = 0usize;
            loop {
                let page = adapters
                    .s3
                    .list_page(ctx.clone(), bucket.clone(), prefix.clone(), true, token)
                    .await;
                let page = match page {
                    Ok(page) => page,
                    Err(e) => {
                        return Outcome::S3Listed {
                            result: Err(e),
                            resume: None,
                        };
                    }
                };
                listed += page.entries.len();
                token = page.next;
                progress.send(Outcome::S3Page(page.entries));
                if token.is_none() || listed >= cap {
                    return Outcome::S3Listed {
                        result: Ok(()),
                        resume: token,
                    };
                }
            }
        }
    }
}

/// Creates or deletes a bucket, sent once; after a lost answer the bucket list says whether it
/// took effect (a repeated create or delete would fail although the first one worked).
async fn bucket_change(
    adapters: &Adapters,
    ctx: ContextKey,
    name: &str,
    create: bool,
) -> Result<crate::aws::once::Sent<()>, AwsError> {
    let s3 = &adapters.s3;
    let sent = if create {
        s3.create_bucket(ctx.clone(), name.to_string()).await
    } else {
        s3.delete_bucket(ctx.clone(), name.to_string()).await
    };
    let reread = || async move {
        let buckets = s3.list_buckets(ctx).await?;
        let exists = buckets.iter().any(|b| b.name == name);
        Ok((exists == create).then_some(()))
    };
    crate::aws::once::or_reread(sent, reread).await
}
