//! Secrets Manager: ListSecrets pages, one secret's metadata and versions (DescribeSecret +
//! ListSecretVersionIds), and its value (GetSecretValue) only when the user asks to see it.
//! SDK types stop here. A value leaves this module as `SecretText`, which never prints itself.

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

/// A secret value (a SecretString, a SecureString's decrypted text): kept out of `Debug`, so
/// the request log, a panic message or a dropped-effect trace never carries it. Read it with
/// `expose` where it is meant to be shown.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretText(String);

impl SecretText {
    pub fn new(text: impl Into<String>) -> SecretText {
        SecretText(text.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretText({} bytes)", self.0.len())
    }
}

/// One secret as ListSecrets / DescribeSecret describe it (never its value).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Secret {
    pub name: String,
    pub arn: String,
    pub description: Option<String>,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub last_changed: Option<i64>,
    /// Secrets Manager keeps only the day of the last access.
    pub last_accessed: Option<i64>,
    pub rotation_enabled: bool,
    pub rotation_days: Option<i64>,
    /// A rotation schedule (`rate(…)`/`cron(…)`) when given instead of days.
    pub rotation_schedule: Option<String>,
    pub next_rotation: Option<i64>,
    pub rotation_lambda: Option<String>,
    pub kms_key: Option<String>,
    pub tags: Vec<(String, String)>,
    pub primary_region: Option<String>,
    /// Replicas (DescribeSecret only): region and status (`InSync`, `Failed: why`).
    pub replicas: Vec<(String, String)>,
    /// Scheduled for deletion on this date.
    pub deleted: Option<i64>,
}

/// One version of a secret (ListSecretVersionIds).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretVersion {
    pub id: String,
    /// `AWSCURRENT`, `AWSPREVIOUS`, `AWSPENDING` and custom labels.
    pub stages: Vec<String>,
    pub created: Option<i64>,
    pub last_accessed: Option<i64>,
}

/// A secret's metadata read again, with its versions (current first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretDetails {
    pub secret: Secret,
    pub versions: Vec<SecretVersion>,
}

/// What GetSecretValue returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretValue {
    Text(SecretText),
    /// A SecretBinary: its size only (never shown).
    Binary(usize),
}

pub trait SecretsApi: Send + Sync {
    /// One page of ListSecrets (metadata only).
    fn secrets_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Secret>;
    /// DescribeSecret and every page of ListSecretVersionIds.
    fn details(
        &self,
        ctx: ContextKey,
        secret: String,
    ) -> BoxFuture<'static, Result<SecretDetails, AwsError>>;
    /// GetSecretValue of one version (`None`: AWSCURRENT).
    fn value(
        &self,
        ctx: ContextKey,
        secret: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<SecretValue, AwsError>>;
}

pub struct SdkSecrets {
    configs: Arc<SdkConfigs>,
}

impl SdkSecrets {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkSecrets { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&configs.get(ctx).await)
}

impl SecretsApi for SdkSecrets {
    fn secrets_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Secret> {
        let configs = self.configs.clone();
        Box::pin(async move { secrets_page(&client(&configs, &ctx).await, token).await })
    }

    fn details(
        &self,
        ctx: ContextKey,
        secret: String,
    ) -> BoxFuture<'static, Result<SecretDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { details(&client(&configs, &ctx).await, &secret).await })
    }

    fn value(
        &self,
        ctx: ContextKey,
        secret: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<SecretValue, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { value(&client(&configs, &ctx).await, &secret, version).await })
    }
}

/// ListSecrets' largest page.
const SECRETS_PER_PAGE: i32 = 100;
/// A secret keeps about 100 versions at most; more pages than this are not read.
const VERSION_PAGES: usize = 10;

pub async fn secrets_page(
    sm: &aws_sdk_secretsmanager::Client,
    token: Option<String>,
) -> Result<Page<Secret>, AwsError> {
    let out = sm
        .list_secrets()
        .max_results(SECRETS_PER_PAGE)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let secrets = out.secret_list().iter().map(listed).collect();
    Ok(Page::new(secrets, out.next_token().map(str::to_owned)))
}

fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(|t| t.secs())
}

fn tags(tags: &[aws_sdk_secretsmanager::types::Tag]) -> Vec<(String, String)> {
    tags.iter()
        .map(|t| {
            (
                t.key().unwrap_or_default().to_string(),
                t.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn listed(s: &aws_sdk_secretsmanager::types::SecretListEntry) -> Secret {
    let rules = s.rotation_rules();
    Secret {
        name: s.name().unwrap_or_default().to_string(),
        arn: s.arn().unwrap_or_default().to_string(),
        description: s.description().filter(|d| !d.is_empty()).map(str::to_owned),
        created: secs(s.created_date()),
        last_changed: secs(s.last_changed_date()),
        last_accessed: secs(s.last_accessed_date()),
        rotation_enabled: s.rotation_enabled().unwrap_or(false),
        rotation_days: rules.and_then(|r| r.automatically_after_days()),
        rotation_schedule: rules
            .and_then(|r| r.schedule_expression())
            .map(str::to_owned),
        next_rotation: secs(s.next_rotation_date()),
        rotation_lambda: s.rotation_lambda_arn().map(str::to_owned),
        kms_key: s.kms_key_id().map(str::to_owned),
        tags: tags(s.tags()),
        primary_region: s.primary_region().map(str::to_owned),
        replicas: Vec::new(),
        deleted: secs(s.deleted_date()),
    }
}

pub async fn details(
    sm: &aws_sdk_secretsmanager::Client,
    secret: &str,
) -> Result<SecretDetails, AwsError> {
    let d = sm
        .describe_secret()
        .secret_id(secret)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let rules = d.rotation_rules();
    let described = Secret {
        name: d.name().unwrap_or_default().to_string(),
        arn: d.arn().unwrap_or_default().to_string(),
        description: d.description().filter(|d| !d.is_empty()).map(str::to_owned),
        created: secs(d.created_date()),
        last_changed: secs(d.last_changed_date()),
        last_accessed: secs(d.last_accessed_date()),
        rotation_enabled: d.rotation_enabled().unwrap_or(false),
        rotation_days: rules.and_then(|r| r.automatically_after_days()),
        rotation_schedule: rules
            .and_then(|r| r.schedule_expression())
            .map(str::to_owned),
        next_rotation: secs(d.next_rotation_date()),
        rotation_lambda: d.rotation_lambda_arn().map(str::to_owned),
        kms_key: d.kms_key_id().map(str::to_owned),
        tags: tags(d.tags()),
        primary_region: d.primary_region().map(str::to_owned),
        replicas: d
            .replication_status()
            .iter()
            .map(|r| {
                let status = r.status().map(|s| s.as_str()).unwrap_or("unknown");
                let status = match r.status_message().filter(|m| !m.is_empty()) {
                    Some(why) => format!("{status}: {why}"),
                    None => status.to_string(),
                };
                (r.region().unwrap_or_default().to_string(), status)
            })
            .collect(),
        deleted: secs(d.deleted_date()),
    };
    let mut versions: Vec<SecretVersion> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut token = None;
    for _ in 0..VERSION_PAGES {
        let out = sm
            .list_secret_version_ids()
            .secret_id(secret)
            .include_deprecated(true)
            .set_next_token(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let before = versions.len();
        for v in out.versions() {
            let id = v.version_id().unwrap_or_default().to_string();
            if seen.insert(id.clone()) {
                versions.push(SecretVersion {
                    id,
                    stages: v.version_stages().to_vec(),
                    created: secs(v.created_date()),
                    last_accessed: secs(v.last_accessed_date()),
                });
            }
        }
        token = out.next_token().map(str::to_owned);
        // A page that adds no version ends the listing: the emulator (moto 5.2.5) answers
        // every page with a NextToken and the same versions again.
        if token.is_none() || versions.len() == before {
            break;
        }
    }
    for v in &mut versions {
        v.created = plausible_created(v.created, described.last_changed);
    }
    sort_versions(&mut versions);
    Ok(SecretDetails {
        secret: described,
        versions,
    })
}

/// A version's CreatedDate when it can be true: a new version changes its secret, so none
/// is newer than the secret's LastChangedDate (a second's rounding aside). The emulator
/// (moto 5.2.5) answers ListSecretVersionIds with the time of the call instead; such a date
/// is not known (`None`, shown as "—"), never "now".
fn plausible_created(created: Option<i64>, last_changed: Option<i64>) -> Option<i64> {
    match (created, last_changed) {
        (Some(created), Some(changed)) if created > changed + 1 => None,
        _ => created,
    }
}

/// AWSCURRENT first, then AWSPREVIOUS, then the rest newest first.
pub fn sort_versions(versions: &mut [SecretVersion]) {
    let rank = |v: &SecretVersion| {
        if v.stages.iter().any(|s| s == "AWSCURRENT") {
            0
        } else if v.stages.iter().any(|s| s == "AWSPREVIOUS") {
            1
        } else {
            2
        }
    };
    versions.sort_by_key(|v| (rank(v), std::cmp::Reverse(v.created)));
}

pub async fn value(
    sm: &aws_sdk_secretsmanager::Client,
    secret: &str,
    version: Option<String>,
) -> Result<SecretValue, AwsError> {
    let out = sm
        .get_secret_value()
        .secret_id(secret)
        .set_version_id(version)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(match (out.secret_string(), out.secret_binary()) {
        (Some(text), _) => SecretValue::Text(SecretText::new(text)),
        (None, Some(blob)) => SecretValue::Binary(blob.as_ref().len()),
        (None, None) => SecretValue::Text(SecretText::new("")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_text_never_prints_itself() {
        let text = SecretText::new("hunter2-p4ss");
        let shown = format!("{:?} {:?}", text, SecretValue::Text(text.clone()));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("12 bytes"), "{shown}");
    }

    #[test]
    fn current_then_previous_then_newest() {
        let v = |id: &str, stage: &str, created| SecretVersion {
            id: id.into(),
            stages: if stage.is_empty() {
                vec![]
            } else {
                vec![stage.into()]
            },
            created: Some(created),
            last_accessed: None,
        };
        let mut versions = vec![
            v("old", "", 1),
            v("prev", "AWSPREVIOUS", 2),
            v("newer", "", 3),
            v("cur", "AWSCURRENT", 4),
        ];
        sort_versions(&mut versions);
        let ids: Vec<&str> = versions.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["cur", "prev", "newer", "old"]);
    }

    #[test]
    fn a_version_newer_than_its_secret_s_last_change_has_no_date() {
        assert_eq!(plausible_created(Some(100), Some(100)), Some(100));
        // Second rounding of two instants of the same change.
        assert_eq!(plausible_created(Some(101), Some(100)), Some(101));
        assert_eq!(plausible_created(Some(90), Some(100)), Some(90));
        // The emulator's "now".
        assert_eq!(plausible_created(Some(160), Some(100)), None);
        assert_eq!(plausible_created(Some(160), None), Some(160));
        assert_eq!(plausible_created(None, Some(100)), None);
    }
}
