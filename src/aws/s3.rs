//! S3: buckets and object listings. Keys are listed with `encoding-type=url` and decoded here,
//! because a key holding a control character otherwise breaks the SDK's XML parser.

use super::error::AwsError;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_s3::types::EncodingType;
use futures::future::BoxFuture;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub region: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectSummary {
    pub key: String,
    pub size: i64,
    pub last_modified: Option<i64>,
    pub storage_class: Option<String>,
    pub etag: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A common prefix ("folder"), ending with the delimiter.
    Prefix(String),
    Object(ObjectSummary),
}

/// HeadObject and tags of one object (or one version of it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectDetails {
    pub key: String,
    pub content_type: Option<String>,
    pub length: Option<i64>,
    pub etag: Option<String>,
    pub last_modified: Option<i64>,
    pub storage_class: Option<String>,
    pub encryption: Option<String>,
    pub kms_key: Option<String>,
    pub version_id: Option<String>,
    pub metadata: Vec<(String, String)>,
    pub tags: Vec<(String, String)>,
}

/// The first bytes of an object, and its full size when the service said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub bytes: Vec<u8>,
    pub total: Option<i64>,
}

impl Head {
    pub fn truncated(&self) -> bool {
        self.total.is_some_and(|t| t > self.bytes.len() as i64)
    }
}

/// One version of an object (or a delete marker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectVersion {
    pub key: String,
    pub version_id: String,
    pub latest: bool,
    pub delete_marker: bool,
    pub size: i64,
    pub last_modified: Option<i64>,
}

pub trait S3Api: Send + Sync {
    fn list_buckets(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Bucket>, AwsError>>;
    /// One ListObjectsV2 page under `prefix`, grouped by `/` when `delimited`.
    fn list_page(
        &self,
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        delimited: bool,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<super::page::Page<Entry>, AwsError>>;
    fn object_details(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<ObjectDetails, AwsError>>;
    /// A ranged GET of at most `max` bytes: a preview never downloads the whole object.
    fn object_head(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        max: u64,
    ) -> BoxFuture<'static, Result<Head, AwsError>>;
    /// Streams one object into `target` through an `AtomicFile`; `progress` gets each chunk's
    /// size. Returns the bytes written.
    #[allow(clippy::too_many_arguments)] // the request's own fields; a struct would only wrap them
    fn download(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        target: std::path::PathBuf,
        overwrite: bool,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>>;
    /// Every version and delete marker of exactly `key`, newest first.
    fn versions(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<Vec<ObjectVersion>, AwsError>>;
    /// The object's https URL (path-style on a custom endpoint, virtual-hosted on AWS).
    fn object_url(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// Creates a bucket in the context's region.
    fn create_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
    /// Deletes an empty bucket (S3 refuses non-empty ones with `BucketNotEmpty`).
    fn delete_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
    /// Uploads one local file; above `MULTIPART_THRESHOLD` in `PART_SIZE` parts. A multipart
    /// upload that fails or is dropped (cancelled) is aborted, so no incomplete upload lingers.
    fn upload(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        path: std::path::PathBuf,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>>;
    /// Deletes up to 1,000 keys with one DeleteObjects call; keys XML cannot carry (control
    /// characters) go one by one with DeleteObject. Returns the per-key failures.
    fn delete_keys(
        &self,
        ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<(String, String)>, AwsError>>;
    /// A presigned GET URL. Signing happens locally; only credential resolution may call AWS.
    fn presign_get(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        expires: std::time::Duration,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
}

/// `arn:aws:s3:::bucket/key`, with the partition the region belongs to.
pub fn object_arn(region: &str, bucket: &str, key: &str) -> String {
    format!("arn:{}:s3:::{bucket}/{key}", super::partition(region))
}

/// S3's bucket naming rules, checked before anything is sent; the message says which rule.
pub fn validate_bucket_name(name: &str) -> Result<(), String> {
    let rule = |ok: bool, why: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("'{name}': {why}"))
        }
    };
    rule(
        (3..=63).contains(&name.len()),
        "a bucket name has 3 to 63 characters",
    )?;
    rule(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'),
        "only lowercase letters, digits, dots and hyphens",
    )?;
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    rule(
        edge(name.chars().next()) && edge(name.chars().last()),
        "must start and end with a letter or digit",
    )?;
    rule(!name.contains(".."), "no two dots in a row")?;
    rule(
        name.parse::<std::net::Ipv4Addr>().is_err(),
        "must not look like an IP address",
    )?;
    rule(
        !name.starts_with("xn--") && !name.starts_with("sthree-"),
        "reserved prefix",
    )?;
    rule(
        !name.ends_with("-s3alias") && !name.ends_with("--ol-s3"),
        "reserved suffix",
    )
}

/// Files above this size are uploaded in parts.
pub const MULTIPART_THRESHOLD: u64 = 8 * 1024 * 1024;
/// Part size of multipart uploads (S3's minimum for all but the last part is 5 MiB).
pub const PART_SIZE: usize = 8 * 1024 * 1024;

/// Aborts a multipart upload unless it completed: runs on failure and on cancellation (the
/// future dropped mid-upload).
struct MultipartGuard {
    s3: aws_sdk_s3::Client,
    bucket: String,
    key: String,
    upload_id: String,
    completed: bool,
}

impl Drop for MultipartGuard {
    fn drop(&mut self) {
        if self.completed {
            return;
        }
        let request = self
            .s3
            .abort_multipart_upload()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&self.upload_id);
        // Counted, so an exiting app waits for the abort instead of dropping it.
        crate::tasks::cleanup().spawn(async move {
            if let Err(e) = request.send().await {
                tracing::warn!(
                    "abort multipart upload: {}",
                    AwsError::from_sdk(e).summary()
                );
            }
        });
    }
}

/// How long an upload may go without a byte moving, and how long a connection may take.
#[derive(Clone, Copy, Debug)]
pub struct UploadLimits {
    pub stall: std::time::Duration,
    pub connect: std::time::Duration,
}

/// Calls carrying a body (PutObject, UploadPart) have no attempt or operation timeout: a slow
/// link may need minutes for one part. `upload_stall::unless_stalled` ends them instead when
/// nothing moves. Both calls are safe to repeat, so the SDK's retries stay on.
fn without_time_limit(limits: UploadLimits) -> aws_sdk_s3::config::Builder {
    use aws_smithy_types::timeout::TimeoutConfig;
    aws_sdk_s3::config::Builder::default().timeout_config(
        TimeoutConfig::builder()
            .connect_timeout(limits.connect)
            .disable_operation_attempt_timeout()
            .disable_operation_timeout()
            .build(),
    )
}

async fn upload_file(
    s3: aws_sdk_s3::Client,
    bucket: String,
    key: String,
    path: std::path::PathBuf,
    limits: UploadLimits,
    progress: Arc<dyn Fn(u64) + Send + Sync>,
) -> Result<u64, AwsError> {
    use super::upload_stall::{Activity, metered, unless_stalled};
    use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
    use tokio::io::AsyncReadExt;
    let local = |e: std::io::Error| {
        AwsError::new(super::ErrorKind::Config, format!("{}: {e}", path.display()))
    };
    let size = tokio::fs::metadata(&path).await.map_err(local)?.len();
    if size <= MULTIPART_THRESHOLD {
        let body = tokio::fs::read(&path).await.map_err(local)?;
        let activity = Activity::new(body.len() as u64);
        let put = s3
            .put_object()
            .bucket(&bucket)
            .key(&key)
            .body(metered(body.into(), &activity))
            .customize()
            .config_override(without_time_limit(limits))
            .send();
        unless_stalled(&activity, limits.stall, async {
            put.await.map_err(AwsError::from_sdk)
        })
        .await?;
        progress(size);
        return Ok(size);
    }
    let created = s3
        .create_multipart_upload()
        .bucket(&bucket)
        .key(&key)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let mut guard = MultipartGuard {
        s3: s3.clone(),
        bucket: bucket.clone(),
        key: key.clone(),
        upload_id: created.upload_id().unwrap_or_default().to_string(),
        completed: false,
    };
    let mut file = tokio::fs::File::open(&path).await.map_err(local)?;
    let mut parts = Vec::new();
    let mut number = 1;
    loop {
        let mut buffer = Vec::with_capacity(PART_SIZE);
        let read = (&mut file)
            .take(PART_SIZE as u64)
            .read_to_end(&mut buffer)
            .await
            .map_err(local)?;
        if read == 0 {
            break;
        }
        let activity = Activity::new(read as u64);
        let send = s3
            .upload_part()
            .bucket(&bucket)
            .key(&key)
            .upload_id(&guard.upload_id)
            .part_number(number)
            .body(metered(buffer.into(), &activity))
            .customize()
            .config_override(without_time_limit(limits))
            .send();
        let part = unless_stalled(&activity, limits.stall, async {
            send.await.map_err(AwsError::from_sdk)
        })
        .await
        .map_err(|e| AwsError {
            message: format!("part {number}: {}", e.message),
            ..e
        })?;
        parts.push(
            CompletedPart::builder()
                .part_number(number)
                .set_e_tag(part.e_tag().map(str::to_owned))
                .build(),
        );
        progress(read as u64);
        number += 1;
    }
    let expected = multipart_etag(parts.iter().filter_map(|p| p.e_tag()));
    // Sent once: a repeat after a lost answer fails with `NoSuchUpload` although the first
    // completed. The object's ETag tells whether it is this upload's.
    let completed = s3
        .complete_multipart_upload()
        .bucket(&bucket)
        .key(&key)
        .upload_id(&guard.upload_id)
        .multipart_upload(
            CompletedMultipartUpload::builder()
                .set_parts(Some(parts))
                .build(),
        )
        .customize()
        .config_override(super::once::once!(aws_sdk_s3))
        .send()
        .await
        .map(drop)
        .map_err(AwsError::from_sdk);
    let reread = || async {
        let head = s3
            .head_object()
            .bucket(&bucket)
            .key(&key)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        Ok((expected.is_some() && head.e_tag() == expected.as_deref()).then_some(()))
    };
    super::once::or_reread(completed, reread).await?;
    guard.completed = true;
    Ok(size)
}

/// The ETag S3 gives an object completed from parts with these ETags: the MD5 of their MD5s,
/// then `-` and their count. `None` if one is not a quoted MD5.
fn multipart_etag<'a>(etags: impl Iterator<Item = &'a str>) -> Option<String> {
    use md5::Digest;
    let mut digests = Vec::new();
    let mut count = 0;
    for etag in etags {
        let hex = etag.trim_matches('"');
        if hex.len() != 32 {
            return None;
        }
        for pair in hex.as_bytes().chunks(2) {
            let pair = std::str::from_utf8(pair).ok()?;
            digests.push(u8::from_str_radix(pair, 16).ok()?);
        }
        count += 1;
    }
    let sum = md5::Md5::digest(&digests);
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("\"{hex}-{count}\""))
}

/// Presigned URLs live at most 7 days (SigV4).
pub const MAX_PRESIGN: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// `90s`, `15m`, `1h`, `7d` or plain seconds, up to 7 days.
pub fn parse_expiry(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a duration (like 15m, 1h, 7d)"))?;
    let seconds = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("'{text}': use s, m, h or d")),
    };
    let d = std::time::Duration::from_secs(seconds);
    if d.is_zero() || d > MAX_PRESIGN {
        return Err(format!("'{text}': a presigned URL lives 1 s to 7 days"));
    }
    Ok(d)
}

pub struct SdkS3 {
    configs: Arc<SdkConfigs>,
}

impl SdkS3 {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkS3 { configs }
    }
}

/// An S3 client for the context. Custom endpoints (emulators, MinIO, VPC endpoints) get
/// path-style addressing: virtual-host style needs DNS for `<bucket>.<host>`, which they lack.
pub async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_s3::Client {
    let sdk = configs.get(ctx).await;
    let custom = sdk.endpoint_url().is_some()
        || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some_and(|v| !v.is_empty());
    let config = aws_sdk_s3::config::Builder::from(&sdk)
        .force_path_style(custom)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

impl S3Api for SdkS3 {
    fn list_buckets(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Bucket>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            let mut buckets = Vec::new();
            let mut token = None;
            loop {
                let out = s3
                    .list_buckets()
                    .set_continuation_token(token)
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?;
                buckets.extend(out.buckets().iter().map(|b| Bucket {
                    name: b.name().unwrap_or_default().to_string(),
                    created: b.creation_date().map(|d| d.secs()),
                    region: b.bucket_region().map(str::to_owned),
                }));
                token = out.continuation_token().map(str::to_owned);
                if token.is_none() {
                    break;
                }
            }
            Ok(buckets)
        })
    }

    fn list_page(
        &self,
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        delimited: bool,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<super::page::Page<Entry>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            let mut request = s3
                .list_objects_v2()
                .bucket(bucket)
                .encoding_type(EncodingType::Url)
                .set_continuation_token(token);
            if !prefix.is_empty() {
                request = request.prefix(prefix);
            }
            if delimited {
                request = request.delimiter("/");
            }
            let out = request.send().await.map_err(AwsError::from_sdk)?;
            let mut entries: Vec<Entry> = out
                .common_prefixes()
                .iter()
                .filter_map(|p| p.prefix())
                .map(|p| Entry::Prefix(url_decode(p)))
                .collect();
            entries.extend(out.contents().iter().map(|o| {
                Entry::Object(ObjectSummary {
                    key: url_decode(o.key().unwrap_or_default()),
                    size: o.size().unwrap_or_default(),
                    last_modified: o.last_modified().map(|d| d.secs()),
                    storage_class: o.storage_class().map(|c| c.as_str().to_string()),
                    etag: o.e_tag().map(str::to_owned),
                })
            }));
            let next = if out.is_truncated() == Some(true) {
                out.next_continuation_token().map(str::to_owned)
            } else {
                None
            };
            Ok(super::page::Page {
                items: entries,
                next,
            })
        })
    }

    fn object_details(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<ObjectDetails, AwsError>> {
        Box::pin(SdkS3::details(
            self.configs.clone(),
            ctx,
            bucket,
            key,
            version,
        ))
    }

    fn object_head(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        max: u64,
    ) -> BoxFuture<'static, Result<Head, AwsError>> {
        Box::pin(SdkS3::head(
            self.configs.clone(),
            ctx,
            bucket,
            key,
            version,
            max,
        ))
    }

    fn versions(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<Vec<ObjectVersion>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            let mut versions = Vec::new();
            let (mut key_marker, mut version_marker) = (None, None);
            loop {
                let out = s3
                    .list_object_versions()
                    .bucket(&bucket)
                    .prefix(&key)
                    .encoding_type(EncodingType::Url)
                    .set_key_marker(key_marker)
                    .set_version_id_marker(version_marker)
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?;
                versions.extend(out.versions().iter().map(|v| ObjectVersion {
                    key: url_decode(v.key().unwrap_or_default()),
                    version_id: v.version_id().unwrap_or("null").to_string(),
                    latest: v.is_latest().unwrap_or(false),
                    delete_marker: false,
                    size: v.size().unwrap_or_default(),
                    last_modified: v.last_modified().map(|d| d.secs()),
                }));
                versions.extend(out.delete_markers().iter().map(|m| ObjectVersion {
                    key: url_decode(m.key().unwrap_or_default()),
                    version_id: m.version_id().unwrap_or("null").to_string(),
                    latest: m.is_latest().unwrap_or(false),
                    delete_marker: true,
                    size: 0,
                    last_modified: m.last_modified().map(|d| d.secs()),
                }));
                if out.is_truncated() != Some(true) {
                    break;
                }
                key_marker = out.next_key_marker().map(url_decode);
                version_marker = out.next_version_id_marker().map(str::to_owned);
            }
            // The prefix also matches longer keys; keep exactly this one.
            versions.retain(|v| v.key == key);
            versions.sort_by_key(|v| std::cmp::Reverse(v.last_modified));
            Ok(versions)
        })
    }

    fn download(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        target: std::path::PathBuf,
        overwrite: bool,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let local = |e: std::io::Error| {
                AwsError::new(
                    super::ErrorKind::Config,
                    format!("{}: {e}", target.display()),
                )
            };
            let s3 = client(&configs, &ctx).await;
            let mut out = s3
                .get_object()
                .bucket(bucket)
                .key(key)
                .set_version_id(version)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let mut file = super::atomic_file::AtomicFile::create(&target)
                .await
                .map_err(local)?;
            let mut written = 0u64;
            while let Some(chunk) = out
                .body
                .try_next()
                .await
                .map_err(|e| AwsError::new(super::ErrorKind::Network, e.to_string()))?
            {
                file.write_all(&chunk).await.map_err(local)?;
                written += chunk.len() as u64;
                progress(chunk.len() as u64);
            }
            file.commit(overwrite).await.map_err(local)?;
            Ok(written)
        })
    }

    fn object_url(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let sdk = configs.get(&ctx).await;
            let endpoint = std::env::var("AWS_ENDPOINT_URL_S3")
                .ok()
                .filter(|v| !v.is_empty())
                .or_else(|| sdk.endpoint_url().map(str::to_owned));
            let variant = super::s3_url::Variant {
                fips: sdk.use_fips().unwrap_or_default(),
                dual_stack: sdk.use_dual_stack().unwrap_or_default(),
            };
            super::s3_url::object_url(endpoint.as_deref(), &ctx.region, variant, &bucket, &key)
                .map_err(|e| AwsError::new(super::ErrorKind::Config, e))
        })
    }

    fn create_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
            let s3 = client(&configs, &ctx).await;
            let mut request = s3.create_bucket().bucket(name);
            // us-east-1 is the one region that must not be named as a location constraint.
            if ctx.region != "us-east-1" {
                request = request.create_bucket_configuration(
                    CreateBucketConfiguration::builder()
                        .location_constraint(BucketLocationConstraint::from(ctx.region.as_str()))
                        .build(),
                );
            }
            request
                .customize()
                .config_override(super::once::once!(aws_sdk_s3))
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(())
        })
    }

    fn delete_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            s3.delete_bucket()
                .bucket(name)
                .customize()
                .config_override(super::once::once!(aws_sdk_s3))
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(())
        })
    }

    fn upload(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        path: std::path::PathBuf,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            let settings = &configs.setup().settings;
            let limits = UploadLimits {
                stall: settings.attempt(),
                connect: settings.connect(),
            };
            upload_file(s3, bucket, key, path, limits, progress).await
        })
    }

    fn delete_keys(
        &self,
        ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<(String, String)>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            use aws_sdk_s3::types::{Delete, ObjectIdentifier};
            let s3 = client(&configs, &ctx).await;
            let (batch, single): (Vec<String>, Vec<String>) =
                keys.into_iter().partition(|k| xml_safe(k));
            let mut failed = Vec::new();
            if !batch.is_empty() {
                let objects = batch
                    .iter()
                    .map(|k| ObjectIdentifier::builder().key(k).build())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| AwsError::new(super::ErrorKind::Config, e.to_string()))?;
                let delete = Delete::builder()
                    .set_objects(Some(objects))
                    .quiet(true)
                    .build()
                    .map_err(|e| AwsError::new(super::ErrorKind::Config, e.to_string()))?;
                let out = s3
                    .delete_objects()
                    .bucket(&bucket)
                    .delete(delete)
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?;
                failed.extend(out.errors().iter().map(|e| {
                    (
                        e.key().unwrap_or_default().to_string(),
                        format!(
                            "{}: {}",
                            e.code().unwrap_or("Error"),
                            e.message().unwrap_or_default()
                        ),
                    )
                }));
            }
            for key in single {
                if let Err(e) = s3.delete_object().bucket(&bucket).key(&key).send().await {
                    failed.push((key, AwsError::from_sdk(e).summary()));
                }
            }
            Ok(failed)
        })
    }

    fn presign_get(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        expires: std::time::Duration,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let s3 = client(&configs, &ctx).await;
            let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(expires)
                .map_err(|e| AwsError::new(super::ErrorKind::Config, e.to_string()))?;
            let request = s3
                .get_object()
                .bucket(bucket)
                .key(key)
                .set_version_id(version)
                .presigned(config)
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(request.uri().to_string())
        })
    }
}

impl SdkS3 {
    async fn details(
        configs: Arc<SdkConfigs>,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> Result<ObjectDetails, AwsError> {
        let s3 = client(&configs, &ctx).await;
        let head = s3
            .head_object()
            .bucket(&bucket)
            .key(&key)
            .set_version_id(version.clone())
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let tags = s3
            .get_object_tagging()
            .bucket(&bucket)
            .key(&key)
            .set_version_id(version)
            .send()
            .await
            .map(|t| {
                t.tag_set()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect()
            })
            // Tags are extra: a missing permission for them must not hide the details.
            .unwrap_or_default();
        let mut metadata: Vec<(String, String)> = head
            .metadata()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        metadata.sort();
        Ok(ObjectDetails {
            key,
            content_type: head.content_type().map(str::to_owned),
            length: head.content_length(),
            etag: head.e_tag().map(str::to_owned),
            last_modified: head.last_modified().map(|d| d.secs()),
            storage_class: head
                .storage_class()
                .map(|c| c.as_str().to_string())
                .or_else(|| Some("STANDARD".into())),
            encryption: head
                .server_side_encryption()
                .map(|e| e.as_str().to_string()),
            kms_key: head.ssekms_key_id().map(str::to_owned),
            version_id: head.version_id().map(str::to_owned),
            metadata,
            tags,
        })
    }

    async fn head(
        configs: Arc<SdkConfigs>,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        max: u64,
    ) -> Result<Head, AwsError> {
        let s3 = client(&configs, &ctx).await;
        let out = s3
            .get_object()
            .bucket(bucket)
            .key(key)
            .set_version_id(version)
            .range(format!("bytes=0-{}", max.max(1) - 1))
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        // "bytes 0-65535/1048576": the total is after the slash.
        let total = out
            .content_range()
            .and_then(|r| r.rsplit('/').next())
            .and_then(|t| t.parse().ok())
            .or(out.content_length());
        // A server that ignores Range (some S3-compatible stores, a proxy) sends the whole
        // object: read only up to `max`, then drop the body, which closes the connection
        // instead of draining a 10 GiB object into memory.
        let max = usize::try_from(max).unwrap_or(usize::MAX);
        let mut body = out.body;
        let mut bytes = Vec::with_capacity(max.min(1 << 20));
        while bytes.len() < max {
            let Some(chunk) = body
                .try_next()
                .await
                .map_err(|e| AwsError::new(super::ErrorKind::Network, e.to_string()))?
            else {
                break;
            };
            let room = max - bytes.len();
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        Ok(Head { bytes, total })
    }
}

/// Whether a key can travel in the DeleteObjects XML body (XML 1.0 forbids most controls).
fn xml_safe(key: &str) -> bool {
    key.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

/// Decodes what S3 sends with `encoding-type=url`: `%XX` escapes, and `+` for a space (S3
/// encodes form-style). Invalid escapes are kept as written rather than failing the page.
pub fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_multipart_etag_is_the_md5_of_the_parts_md5s() {
        // Two parts: MD5("a") and MD5("b"); S3 (and the emulator) answer this for them.
        let parts = [
            "\"0cc175b9c0f1b6a831c399e269772661\"",
            "\"92eb5ffee6ae2fec3ad71c777531578f\"",
        ];
        assert_eq!(
            multipart_etag(parts.into_iter()).as_deref(),
            Some("\"96e024ba2074fe77e8e965ba43a704be-2\"")
        );
        assert_eq!(multipart_etag(["\"not-md5\""].into_iter()), None);
    }
    use proptest::prelude::*;

    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                other => format!("%{other:02X}"),
            })
            .collect()
    }

    #[test]
    fn arns_follow_the_partition() {
        assert_eq!(object_arn("eu-west-1", "b", "k/x"), "arn:aws:s3:::b/k/x");
        assert_eq!(object_arn("cn-north-1", "b", "k"), "arn:aws-cn:s3:::b/k");
        assert_eq!(
            object_arn("us-gov-west-1", "b", "k"),
            "arn:aws-us-gov:s3:::b/k"
        );
    }

    #[test]
    fn bucket_names() {
        assert!(validate_bucket_name("acme-dev-assets").is_ok());
        assert!(validate_bucket_name("logs.2026").is_ok());
        for bad in [
            "ab",
            "Acme",
            "acme_assets",
            "-acme",
            "acme-",
            "a..b",
            "192.168.5.4",
            "xn--abc",
            "x-s3alias",
        ] {
            assert!(validate_bucket_name(bad).is_err(), "{bad}");
        }
        assert!(validate_bucket_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn expiries() {
        use std::time::Duration;
        assert_eq!(parse_expiry("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_expiry("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_expiry("7d"), Ok(MAX_PRESIGN));
        assert_eq!(parse_expiry("90"), Ok(Duration::from_secs(90)));
        assert!(parse_expiry("8d").is_err());
        assert!(parse_expiry("0").is_err());
        assert!(parse_expiry("soon").is_err());
        assert!(parse_expiry("5y").is_err());
    }

    #[test]
    fn decodes_s3_url_encoding() {
        assert_eq!(url_decode("a/b%1B%5B31m.txt"), "a/b\x1b[31m.txt");
        assert_eq!(url_decode("with+space%2Bplus"), "with space+plus");
        assert_eq!(url_decode("%E6%9D%B1%E4%BA%AC"), "東京");
        assert_eq!(url_decode("50%"), "50%");
        assert_eq!(url_decode("%zz%4"), "%zz%4");
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(s in any::<String>()) {
            prop_assert_eq!(url_decode(&encode(&s)), s);
        }
    }
}
