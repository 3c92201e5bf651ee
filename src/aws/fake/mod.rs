//! In-memory adapters for rendering and input tests: deterministic answers, no network.

mod alarms;
pub mod cloudformation;
mod contexts;
mod dynamodb;
mod ec2;
mod ecs;
mod elb;
mod iam;
mod lambda;
mod logs;
mod metrics;
mod per_context;
mod rds;
mod route53;
mod secrets;
pub mod sns;
pub mod sqs;
mod ssm;
mod tagging;

pub use alarms::{AlarmsData, FakeAlarms};
pub use cloudformation::{FakeCfn, FakeStack};
pub use contexts::FakeContexts;
pub use dynamodb::FakeDynamo;
pub use ec2::FakeEc2;
pub use ecs::{FakeCluster, FakeEcs};
pub use elb::{ElbData, FakeElb};
pub use iam::{FakeIam, IamData};
pub use lambda::FakeLambda;
pub use logs::{EventStore, FakeInsights, FakeLogs};
pub use metrics::{FakeMetrics, MetricCall};
pub use rds::FakeRds;
pub use route53::{FakeRoute53, Route53Data};
pub use secrets::{FakeSecret, FakeSecrets};
pub use sns::{FakeSns, SnsData};
pub use sqs::{FakeSqs, SqsData};
pub use ssm::{FakeParam, FakeParams};
pub use tagging::FakeTagging;

use super::Adapters;
use super::error::{AwsError, ErrorKind};
use super::model::Identity;
use super::s3::{Bucket, Entry, Head, ObjectDetails, ObjectSummary, ObjectVersion, S3Api};
use super::sdk::ContextKey;
use super::sts::StsApi;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;

/// Calls of a fake adapter that panic instead of answering, by name (`"list_page"`): how a
/// test makes a request crash, to see that its view says so. Shared by the fake's clones.
#[derive(Clone, Default)]
pub struct Crashes(Arc<std::sync::Mutex<std::collections::HashSet<&'static str>>>);

impl Crashes {
    pub fn add(&self, call: &'static str) {
        self.0.lock().expect("crashes").insert(call);
    }

    fn check(&self, call: &str) {
        if self.0.lock().expect("crashes").contains(call) {
            panic!("fake adapter crashed in {call}");
        }
    }
}

/// Identities by profile name; a profile without an entry fails like a missing credential.
#[derive(Default)]
pub struct FakeSts {
    pub identities: HashMap<String, Result<Identity, AwsError>>,
    /// MFA roles: the code each accepts, and every code tried (shared with the test).
    mfa: Arc<std::sync::Mutex<FakeMfa>>,
    /// Profiles whose who-am-I never answers (the header stays "resolving…").
    stalled: std::collections::HashSet<String>,
}

#[derive(Default)]
pub struct FakeMfa {
    codes: HashMap<String, String>,
    unlocked: std::collections::HashSet<String>,
    /// `(profile, code)` of every attempt, in order.
    pub attempts: Vec<(String, String)>,
}

impl FakeSts {
    pub fn with(mut self, profile: &str, account: &str, principal: &str) -> Self {
        self.identities.insert(
            profile.to_string(),
            Ok(Identity {
                account: account.to_string(),
                arn: format!("arn:aws:iam::{account}:{principal}"),
                user_id: "AIDAFAKE".into(),
            }),
        );
        self
    }

    /// `profile` is a role needing MFA: until `code` is given, who-am-I says a code is needed.
    pub fn with_mfa(self, profile: &str, code: &str) -> Self {
        self.lock_mfa()
            .codes
            .insert(profile.to_string(), code.to_string());
        self
    }

    /// What the test reads after the fake went into the app.
    pub fn mfa_state(&self) -> Arc<std::sync::Mutex<FakeMfa>> {
        self.mfa.clone()
    }

    fn lock_mfa(&self) -> std::sync::MutexGuard<'_, FakeMfa> {
        self.mfa.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn failing(mut self, profile: &str, error: AwsError) -> Self {
        self.identities.insert(profile.to_string(), Err(error));
        self
    }

    pub fn stalled(mut self, profile: &str) -> Self {
        self.stalled.insert(profile.to_string());
        self
    }
}

impl StsApi for FakeSts {
    fn caller_identity(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>> {
        let name = ctx.profile.clone().unwrap_or_default();
        if self.stalled.contains(&name) {
            return Box::pin(futures::future::pending());
        }
        {
            let mfa = self.lock_mfa();
            if mfa.codes.contains_key(&name) && !mfa.unlocked.contains(&name) {
                let e = AwsError::new(
                    ErrorKind::MfaRequired,
                    format!("{} for profile {name}", crate::aws::error::CODE_NEEDED),
                );
                return Box::pin(async move { Err(e) });
            }
        }
        let answer = self
            .identities
            .get(ctx.profile.as_deref().unwrap_or("default"))
            .cloned()
            .unwrap_or_else(|| {
                Err(AwsError::new(
                    ErrorKind::Credentials,
                    "no credentials in the fake for this profile",
                ))
            });
        Box::pin(async move { answer })
    }

    fn mfa_login(
        &self,
        ctx: ContextKey,
        code: String,
    ) -> BoxFuture<'static, Result<Option<i64>, AwsError>> {
        let name = ctx.profile.unwrap_or_default();
        let mut mfa = self.lock_mfa();
        mfa.attempts.push((name.clone(), code.clone()));
        let answer = match mfa.codes.get(&name) {
            Some(expected) if *expected == code => {
                mfa.unlocked.insert(name);
                Ok(Some(4_000_000_000))
            }
            Some(_) => Err(AwsError {
                kind: ErrorKind::AccessDenied,
                code: Some("AccessDenied".into()),
                message: "MultiFactorAuthentication failed with invalid MFA one time pass code."
                    .into(),
            }),
            None => Err(AwsError::new(
                ErrorKind::Config,
                format!("profile {name} has no role_arn with mfa_serial"),
            )),
        };
        Box::pin(async move { answer })
    }
}

pub fn adapters(sts: FakeSts) -> Adapters {
    adapters_with(sts, FakeS3::default())
}

pub fn adapters_with(sts: FakeSts, s3: FakeS3) -> Adapters {
    Adapters {
        sts: Arc::new(sts),
        s3: Arc::new(s3),
        ec2: Arc::new(FakeEc2::default()),
        rds: Arc::new(FakeRds::default()),
        dynamodb: Arc::new(FakeDynamo::default()),
        lambda: Arc::new(FakeLambda::default()),
        logs: Arc::new(FakeLogs::default()),
        cloudformation: Arc::new(FakeCfn::default()),
        alarms: Arc::new(FakeAlarms::default()),
        metrics: Arc::new(FakeMetrics::default()),
        iam: Arc::new(FakeIam::default()),
        elb: Arc::new(FakeElb::default()),
        route53: Arc::new(FakeRoute53::default()),
        tagging: Arc::new(FakeTagging::default()),
        secrets: Arc::new(FakeSecrets::default()),
        ssm: Arc::new(FakeParams::default()),
        sqs: Arc::new(FakeSqs::default()),
        sns: Arc::new(FakeSns::default()),
        ecs: Arc::new(FakeEcs::default()),
        configs: None,
    }
}

impl Adapters {
    pub fn with_ec2(mut self, ec2: FakeEc2) -> Adapters {
        self.ec2 = Arc::new(ec2);
        self
    }

    pub fn with_rds(mut self, rds: FakeRds) -> Adapters {
        self.rds = Arc::new(rds);
        self
    }

    pub fn with_dynamodb(mut self, dynamodb: FakeDynamo) -> Adapters {
        self.dynamodb = Arc::new(dynamodb);
        self
    }

    pub fn with_lambda(mut self, lambda: FakeLambda) -> Adapters {
        self.lambda = Arc::new(lambda);
        self
    }

    pub fn with_logs(mut self, logs: FakeLogs) -> Adapters {
        self.logs = Arc::new(logs);
        self
    }

    pub fn with_cfn(mut self, cfn: FakeCfn) -> Adapters {
        self.cloudformation = Arc::new(cfn);
        self
    }

    pub fn with_alarms(mut self, alarms: FakeAlarms) -> Adapters {
        self.alarms = Arc::new(alarms);
        self
    }

    pub fn with_metrics(mut self, metrics: FakeMetrics) -> Adapters {
        self.metrics = Arc::new(metrics);
        self
    }

    pub fn with_iam(mut self, iam: FakeIam) -> Adapters {
        self.iam = Arc::new(iam);
        self
    }

    pub fn with_elb(mut self, elb: FakeElb) -> Adapters {
        self.elb = Arc::new(elb);
        self
    }

    pub fn with_route53(mut self, route53: FakeRoute53) -> Adapters {
        self.route53 = Arc::new(route53);
        self
    }

    pub fn with_tagging(mut self, tagging: FakeTagging) -> Adapters {
        self.tagging = Arc::new(tagging);
        self
    }

    pub fn with_secrets(mut self, secrets: FakeSecrets) -> Adapters {
        self.secrets = Arc::new(secrets);
        self
    }

    pub fn with_ssm(mut self, ssm: FakeParams) -> Adapters {
        self.ssm = Arc::new(ssm);
        self
    }

    pub fn with_sqs(mut self, sqs: FakeSqs) -> Adapters {
        self.sqs = Arc::new(sqs);
        self
    }

    pub fn with_sns(mut self, sns: FakeSns) -> Adapters {
        self.sns = Arc::new(sns);
        self
    }

    pub fn with_ecs(mut self, ecs: FakeEcs) -> Adapters {
        self.ecs = Arc::new(ecs);
        self
    }
}

/// One recorded upload: `bucket/key` and the bytes sent.
pub type Upload = (String, Vec<u8>);

/// Buckets and keys in memory, listed the way S3 lists them (sorted, delimited, paged).
#[derive(Default)]
pub struct FakeS3 {
    pub buckets: Vec<(Bucket, Vec<ObjectSummary>)>,
    pub page_size: usize,
    /// Object bodies by key (any bucket); objects without one read as empty.
    pub bodies: std::collections::HashMap<String, Vec<u8>>,
    /// `bucket/key` of every object deleted, shared so a test can look after the app has it.
    pub deleted: Arc<std::sync::Mutex<Vec<String>>>,
    /// `bucket/key` and body of every upload.
    pub uploaded: Arc<std::sync::Mutex<Vec<Upload>>>,
    /// Names of buckets created.
    pub created: Arc<std::sync::Mutex<Vec<String>>>,
    /// The versions of a key (any bucket), where a test gives them; else one current version.
    pub versions: std::collections::HashMap<String, Vec<ObjectVersion>>,
    /// Calls made to panic (see `Crashes`).
    pub crashes: Crashes,
}

impl FakeS3 {
    pub fn bucket(mut self, name: &str, keys: &[(&str, i64)]) -> Self {
        let mut objects: Vec<ObjectSummary> = keys
            .iter()
            .map(|(key, size)| ObjectSummary {
                key: key.to_string(),
                size: *size,
                last_modified: Some(1_763_856_000),
                storage_class: Some("STANDARD".into()),
                etag: None,
            })
            .collect();
        objects.sort_by(|a, b| a.key.cmp(&b.key));
        self.buckets.push((
            Bucket {
                name: name.to_string(),
                created: Some(1_700_000_000),
                region: Some("us-east-1".into()),
            },
            objects,
        ));
        self
    }
}

impl FakeS3 {
    pub fn body(mut self, key: &str, body: &[u8]) -> Self {
        self.bodies.insert(key.to_string(), body.to_vec());
        self
    }

    fn find(&self, bucket: &str, key: &str) -> Result<&ObjectSummary, AwsError> {
        self.buckets
            .iter()
            .find(|(b, _)| b.name == bucket)
            .and_then(|(_, objects)| objects.iter().find(|o| o.key == key))
            .ok_or_else(|| AwsError {
                kind: ErrorKind::NotFound,
                code: Some("NoSuchKey".into()),
                message: format!("The specified key does not exist: {key}"),
            })
    }
}

impl S3Api for FakeS3 {
    fn list_buckets(&self, _ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Bucket>, AwsError>> {
        self.crashes.check("list_buckets");
        let buckets = self.buckets.iter().map(|(b, _)| b.clone()).collect();
        Box::pin(async move { Ok(buckets) })
    }

    fn list_page(
        &self,
        _ctx: ContextKey,
        bucket: String,
        prefix: String,
        delimited: bool,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<super::page::Page<Entry>, AwsError>> {
        self.crashes.check("list_page");
        let result = match self.buckets.iter().find(|(b, _)| b.name == bucket) {
            None => Err(AwsError {
                kind: ErrorKind::NotFound,
                code: Some("NoSuchBucket".into()),
                message: format!("The specified bucket does not exist: {bucket}"),
            }),
            Some((_, objects)) => {
                let mut entries: Vec<Entry> = Vec::new();
                for object in objects.iter().filter(|o| o.key.starts_with(&prefix)) {
                    let rest = &object.key[prefix.len()..];
                    match rest.find('/').filter(|_| delimited) {
                        Some(i) => {
                            let folder = format!("{prefix}{}", &rest[..=i]);
                            if !matches!(entries.last(), Some(Entry::Prefix(p)) if *p == folder) {
                                entries.push(Entry::Prefix(folder));
                            }
                        }
                        None => entries.push(Entry::Object(object.clone())),
                    }
                }
                let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
                let size = self.page_size.max(1);
                let end = (start + size).min(entries.len());
                let next = (end < entries.len()).then(|| end.to_string());
                Ok(super::page::Page {
                    items: entries[start.min(end)..end].to_vec(),
                    next,
                })
            }
        };
        Box::pin(async move { result })
    }

    fn object_details(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<ObjectDetails, AwsError>> {
        self.crashes.check("object_details");
        let result = self.find(&bucket, &key).map(|o| ObjectDetails {
            key: o.key.clone(),
            content_type: Some("application/octet-stream".into()),
            length: Some(o.size),
            etag: Some("\"0123456789abcdef\"".into()),
            last_modified: o.last_modified,
            storage_class: o.storage_class.clone(),
            encryption: Some("AES256".into()),
            kms_key: None,
            version_id: version,
            metadata: vec![("owner".into(), "team-data".into())],
            tags: vec![("Env".into(), "dev".into())],
        });
        Box::pin(async move { result })
    }

    fn object_head(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
        _version: Option<String>,
        max: u64,
    ) -> BoxFuture<'static, Result<Head, AwsError>> {
        self.crashes.check("object_head");
        let result = self.find(&bucket, &key).map(|_| {
            let body = self.bodies.get(&key).cloned().unwrap_or_default();
            let total = Some(body.len() as i64);
            Head {
                bytes: body.into_iter().take(max as usize).collect(),
                total,
            }
        });
        Box::pin(async move { result })
    }

    fn presign_get(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
        _version: Option<String>,
        expires: std::time::Duration,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.crashes.check("presign_get");
        let result = self.find(&bucket, &key).map(|_| {
            format!(
                "https://{bucket}.s3.amazonaws.com/{key}?X-Amz-Expires={}&X-Amz-Signature=fake",
                expires.as_secs()
            )
        });
        Box::pin(async move { result })
    }

    fn download(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
        _version: Option<String>,
        target: std::path::PathBuf,
        overwrite: bool,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        self.crashes.check("download");
        let found = self
            .find(&bucket, &key)
            .map(|_| self.bodies.get(&key).cloned().unwrap_or_default());
        Box::pin(async move {
            let body = found?;
            let local = |e: std::io::Error| AwsError::new(ErrorKind::Config, e.to_string());
            let mut file = super::atomic_file::AtomicFile::create(&target)
                .await
                .map_err(local)?;
            file.write_all(&body).await.map_err(local)?;
            progress(body.len() as u64);
            file.commit(overwrite).await.map_err(local)?;
            Ok(body.len() as u64)
        })
    }

    fn delete_keys(
        &self,
        _ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<(String, String)>, AwsError>> {
        self.crashes.check("delete_keys");
        let mut deleted = self.deleted.lock().unwrap_or_else(|p| p.into_inner());
        deleted.extend(keys.into_iter().map(|k| format!("{bucket}/{k}")));
        Box::pin(async move { Ok(Vec::new()) })
    }

    fn upload(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
        path: std::path::PathBuf,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        self.crashes.check("upload");
        let uploaded = self.uploaded.clone();
        Box::pin(async move {
            let body = tokio::fs::read(&path)
                .await
                .map_err(|e| AwsError::new(ErrorKind::Config, e.to_string()))?;
            progress(body.len() as u64);
            let size = body.len() as u64;
            uploaded
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((format!("{bucket}/{key}"), body));
            Ok(size)
        })
    }

    fn create_bucket(
        &self,
        _ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("create_bucket");
        self.created
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(name);
        Box::pin(async { Ok(()) })
    }

    fn delete_bucket(
        &self,
        _ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("delete_bucket");
        let not_empty = self
            .buckets
            .iter()
            .any(|(b, objects)| b.name == name && !objects.is_empty());
        let result = if not_empty {
            Err(AwsError {
                kind: ErrorKind::Service,
                code: Some("BucketNotEmpty".into()),
                message: "The bucket you tried to delete is not empty".into(),
            })
        } else {
            self.deleted
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(name);
            Ok(())
        };
        Box::pin(async move { result })
    }

    fn versions(
        &self,
        _ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<Vec<ObjectVersion>, AwsError>> {
        self.crashes.check("versions");
        if let Some(versions) = self.versions.get(&key) {
            let versions = versions.clone();
            return Box::pin(async move { Ok(versions) });
        }
        // Without versions given, an object has one: the current one.
        let result = self.find(&bucket, &key).map(|o| {
            vec![ObjectVersion {
                key: o.key.clone(),
                version_id: "v1-current".into(),
                latest: true,
                delete_marker: false,
                size: o.size,
                last_modified: o.last_modified,
            }]
        });
        Box::pin(async move { result })
    }

    fn object_url(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.crashes.check("object_url");
        let url = super::s3_url::object_url(None, &ctx.region, Default::default(), &bucket, &key)
            .map_err(|e| AwsError::new(super::ErrorKind::Config, e));
        Box::pin(async move { url })
    }
}
