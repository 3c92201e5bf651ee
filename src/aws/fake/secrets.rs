//! Secrets in memory, per context (`profile` or `profile@region` keys, `per_context.rs`),
//! paged as ListSecrets pages them. Every value read is counted, so a test can tell that
//! opening a view read none.

use super::per_context::{lookup, paged};
use crate::aws::PageFuture;
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::sdk::ContextKey;
use crate::aws::secrets::{Secret, SecretDetails, SecretValue, SecretVersion, SecretsApi};
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One secret with its versions and a value per version id.
#[derive(Clone, Default)]
pub struct FakeSecret {
    pub secret: Secret,
    pub versions: Vec<SecretVersion>,
    pub values: HashMap<String, SecretValue>,
}

impl FakeSecret {
    /// A secret with one current version holding `value`.
    pub fn text(secret: Secret, value: &str) -> FakeSecret {
        let id = format!("{}-v1", secret.name);
        FakeSecret {
            versions: vec![SecretVersion {
                id: id.clone(),
                stages: vec!["AWSCURRENT".into()],
                created: secret.created,
                last_accessed: None,
            }],
            values: HashMap::from([(
                id,
                SecretValue::Text(crate::aws::secrets::SecretText::new(value)),
            )]),
            secret,
        }
    }

    fn current(&self) -> Option<&str> {
        self.versions
            .iter()
            .find(|v| v.stages.iter().any(|s| s == "AWSCURRENT"))
            .map(|v| v.id.as_str())
    }
}

#[derive(Clone, Default)]
pub struct FakeSecrets {
    /// Contexts without an entry of their own.
    pub data: Vec<FakeSecret>,
    pub by_context: HashMap<String, Vec<FakeSecret>>,
    pub failing: HashMap<String, AwsError>,
    /// Secrets per page (0: all in one).
    pub page_size: usize,
    /// `secret@version` of every GetSecretValue, in order.
    pub reads: Arc<Mutex<Vec<String>>>,
    pub crashes: super::Crashes,
}

impl FakeSecrets {
    pub fn with(data: Vec<FakeSecret>) -> FakeSecrets {
        FakeSecrets {
            data,
            ..FakeSecrets::default()
        }
    }

    pub fn context(mut self, key: &str, data: Vec<FakeSecret>) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<&Vec<FakeSecret>, AwsError> {
        lookup(ctx, &self.data, &self.by_context, &self.failing)
    }

    fn find(&self, ctx: &ContextKey, name: &str) -> Result<FakeSecret, AwsError> {
        self.at(ctx)?
            .iter()
            .find(|s| s.secret.name == name || s.secret.arn == name)
            .cloned()
            .ok_or_else(|| {
                AwsError::new(
                    ErrorKind::NotFound,
                    "Secrets Manager can't find the specified secret.",
                )
            })
    }
}

impl SecretsApi for FakeSecrets {
    fn secrets_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Secret> {
        self.crashes.check("secrets_page");
        let all: Result<Vec<Secret>, AwsError> = self
            .at(&ctx)
            .map(|d| d.iter().map(|s| s.secret.clone()).collect());
        paged(all, self.page_size, token)
    }

    fn details(
        &self,
        ctx: ContextKey,
        secret: String,
    ) -> BoxFuture<'static, Result<SecretDetails, AwsError>> {
        self.crashes.check("secret_details");
        let answer = self.find(&ctx, &secret).map(|s| {
            let mut versions = s.versions;
            crate::aws::secrets::sort_versions(&mut versions);
            SecretDetails {
                secret: s.secret,
                versions,
            }
        });
        Box::pin(async move { answer })
    }

    fn value(
        &self,
        ctx: ContextKey,
        secret: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<SecretValue, AwsError>> {
        self.reads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!(
                "{secret}@{}",
                version.as_deref().unwrap_or("AWSCURRENT")
            ));
        let answer = self.find(&ctx, &secret).and_then(|s| {
            let id = version.or_else(|| s.current().map(str::to_owned));
            id.and_then(|id| s.values.get(&id).cloned())
                .ok_or_else(|| AwsError::new(ErrorKind::NotFound, "no such version of the secret"))
        });
        Box::pin(async move { answer })
    }
}
