//! The requests the app can make and what comes back. Each op is a small function calling one
//! adapter, so the runtime stays generic.

use crate::aws::model::Identity;
use crate::aws::profiles::{self, ProfileInfo};
use crate::aws::{Adapters, AwsError, AwsFiles, ContextKey};

#[derive(Debug)]
pub enum Op {
    /// Who are we in this context (STS GetCallerIdentity)?
    CallerIdentity(ContextKey),
    /// Re-read the AWS shared config and credentials files.
    LoadProfiles(AwsFiles),
}

#[derive(Debug)]
pub enum Outcome {
    Identity(ContextKey, Result<Identity, AwsError>),
    Profiles(Result<Vec<ProfileInfo>, String>),
    /// The request's task panicked; the message is for the log and a flash.
    Crashed(String),
}

pub(super) async fn execute(op: Op, adapters: Adapters, _progress: super::Progress) -> Outcome {
    match op {
        Op::CallerIdentity(ctx) => {
            let result = adapters.sts.caller_identity(ctx.clone()).await;
            Outcome::Identity(ctx, result)
        }
        Op::LoadProfiles(files) => {
            if let Some(configs) = &adapters.configs {
                configs.clear();
            }
            Outcome::Profiles(profiles::load_profiles(&files).await)
        }
    }
}
