//! What the per-context fakes of the later kinds (alarms, IAM, Secrets Manager, load
//! balancers, Route 53, tagging, SQS, SNS) share: the keys a context is looked up by, the data
//! (or the failure) of a context, and paging a list by index tokens.

use crate::aws::PageFuture;
use crate::aws::error::AwsError;
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use std::collections::HashMap;

/// `profile@region` first, then `profile` (the default chain's profile is `default`).
pub(super) fn context_keys(ctx: &ContextKey) -> [String; 2] {
    let profile = ctx.profile.as_deref().unwrap_or("default");
    [format!("{profile}@{}", ctx.region), profile.to_string()]
}

/// What `ctx` holds: the error of a failing context first, then its own data (`profile@region`,
/// then `profile`), else `default` (the contexts a test gave nothing of their own).
pub(super) fn lookup<'a, D>(
    ctx: &ContextKey,
    default: &'a D,
    by_context: &'a HashMap<String, D>,
    failing: &HashMap<String, AwsError>,
) -> Result<&'a D, AwsError> {
    let keys = context_keys(ctx);
    if let Some(e) = keys.iter().find_map(|k| failing.get(k)) {
        return Err(e.clone());
    }
    Ok(keys
        .iter()
        .find_map(|k| by_context.get(k))
        .unwrap_or(default))
}

/// One page of `all` from `token` (an index), `size` items a page (0: all in one).
pub(super) fn paged<T: Clone + Send + 'static>(
    all: Result<Vec<T>, AwsError>,
    size: usize,
    token: Option<String>,
) -> PageFuture<T> {
    Box::pin(async move {
        let all = all?;
        let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        let size = if size == 0 { all.len().max(1) } else { size };
        let end = (start + size).min(all.len());
        Ok(Page::new(
            all[start.min(end)..end].to_vec(),
            (end < all.len()).then(|| end.to_string()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::super::{FakeSecret, FakeSecrets};
    use crate::aws::page::all_pages;
    use crate::aws::secrets::{Secret, SecretsApi};
    use crate::aws::{AwsError, ContextKey, ErrorKind};

    fn ctx(profile: &str, region: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: region.into(),
        }
    }

    fn secret(name: &str) -> FakeSecret {
        let secret = Secret {
            name: name.into(),
            ..Secret::default()
        };
        FakeSecret::text(secret, "value")
    }

    async fn names(fake: &FakeSecrets, at: ContextKey) -> Result<Vec<String>, AwsError> {
        let all = all_pages(|token| fake.secrets_page(at.clone(), token)).await?;
        Ok(all.into_iter().map(|s| s.name).collect())
    }

    /// Two profiles see their own secrets (a region of one its own again), a failing context
    /// its error, any other context the default rows, each listing paged alike.
    #[tokio::test]
    async fn each_context_lists_its_own_rows() {
        let mut fake = FakeSecrets::with(vec![secret("shared")])
            .context("dev", vec![secret("dev-db"), secret("dev-api")])
            .context("prod", vec![secret("prod-db")])
            .context("prod@eu-west-1", vec![secret("prod-eu")])
            .failing(
                "broken",
                AwsError::new(ErrorKind::AccessDenied, "no secrets for you"),
            );
        fake.page_size = 1;
        let listed = |profile, region| names(&fake, ctx(profile, region));
        assert_eq!(
            listed("dev", "us-east-1").await.unwrap(),
            ["dev-db", "dev-api"]
        );
        assert_eq!(
            listed("dev", "eu-west-1").await.unwrap(),
            ["dev-db", "dev-api"]
        );
        assert_eq!(listed("prod", "us-east-1").await.unwrap(), ["prod-db"]);
        assert_eq!(listed("prod", "eu-west-1").await.unwrap(), ["prod-eu"]);
        assert_eq!(listed("other", "us-east-1").await.unwrap(), ["shared"]);
        let refused = listed("broken", "us-east-1").await.unwrap_err();
        assert_eq!(refused.message, "no secrets for you");
        let default_chain = ContextKey {
            profile: None,
            region: "us-east-1".into(),
        };
        assert_eq!(names(&fake, default_chain).await.unwrap(), ["shared"]);
    }
}
