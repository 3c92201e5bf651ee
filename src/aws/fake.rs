//! In-memory adapters for rendering and input tests: deterministic answers, no network.

use super::Adapters;
use super::error::{AwsError, ErrorKind};
use super::model::Identity;
use super::sdk::ContextKey;
use super::sts::StsApi;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;

/// Identities by profile name; a profile without an entry fails like a missing credential.
#[derive(Default)]
pub struct FakeSts {
    pub identities: HashMap<String, Result<Identity, AwsError>>,
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

    pub fn failing(mut self, profile: &str, error: AwsError) -> Self {
        self.identities.insert(profile.to_string(), Err(error));
        self
    }
}

impl StsApi for FakeSts {
    fn caller_identity(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>> {
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
}

pub fn adapters(sts: FakeSts) -> Adapters {
    Adapters {
        sts: Arc::new(sts),
        configs: None,
    }
}
