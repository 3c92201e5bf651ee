//! Who am I? STS GetCallerIdentity for a context.

use super::error::AwsError;
use super::model::Identity;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

pub trait StsApi: Send + Sync {
    fn caller_identity(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>>;

    /// Assumes the context's MFA role with `code`; the session is kept for the profile.
    /// Answers when it expires (seconds since the epoch).
    fn mfa_login(
        &self,
        ctx: ContextKey,
        code: String,
    ) -> BoxFuture<'static, Result<Option<i64>, AwsError>>;
}

pub struct SdkSts {
    configs: Arc<SdkConfigs>,
}

impl SdkSts {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkSts { configs }
    }
}

impl StsApi for SdkSts {
    fn caller_identity(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            if let Some(profile) = &ctx.profile
                && let Some(e) = configs.login_needed(profile).await
            {
                return Err(e);
            }
            let sdk = configs.get(&ctx).await;
            let out = aws_sdk_sts::Client::new(&sdk)
                .get_caller_identity()
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(Identity {
                account: out.account.unwrap_or_default(),
                arn: out.arn.unwrap_or_default(),
                user_id: out.user_id.unwrap_or_default(),
            })
        })
    }

    fn mfa_login(
        &self,
        ctx: ContextKey,
        code: String,
    ) -> BoxFuture<'static, Result<Option<i64>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let expiry = configs.mfa_login(&ctx, &code).await?;
            Ok(expiry.and_then(|t| {
                t.duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .map(|d| d.as_secs() as i64)
            }))
        })
    }
}
