//! Who am I? STS GetCallerIdentity for a context.

use super::error::AwsError;
use super::model::Identity;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

pub trait StsApi: Send + Sync {
    fn caller_identity(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>>;
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
}
