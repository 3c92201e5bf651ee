//! What the per-context fakes of the later kinds (load balancers, Route 53, tagging) share:
//! the keys a context is looked up by, and paging a list by index tokens.

use crate::aws::PageFuture;
use crate::aws::error::AwsError;
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;

/// `profile@region` first, then `profile` (the default chain's profile is `default`).
pub(super) fn context_keys(ctx: &ContextKey) -> [String; 2] {
    let profile = ctx.profile.as_deref().unwrap_or("default");
    [format!("{profile}@{}", ctx.region), profile.to_string()]
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
