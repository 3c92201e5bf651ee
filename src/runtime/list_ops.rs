//! Runs a `ListOp` (see `protocol::list`): the kind's page call page by page in every context,
//! at most `fan_out` contexts at once, each page answered as it arrives; profiles whose account
//! is not known get one GetCallerIdentity each, beside their listings.

use super::Progress;
use crate::aws::model::Identity;
use crate::aws::page::Page;
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::protocol::list::{ListOp, ListOutcome, PageFn, Rows};
use futures::future::{BoxFuture, Shared};
use futures::{FutureExt, StreamExt};
use std::collections::HashMap;
type AccountLookup = Shared<BoxFuture<'static, Option<Identity>>>;

pub(super) async fn execute(op: ListOp, adapters: &Adapters, progress: &Progress) -> ListOutcome {
    let ListOp {
        contexts,
        accounts,
        fan_out,
        page,
        ..
    } = op;
    let mut lookups: HashMap<Option<String>, AccountLookup> = HashMap::new();
    if let Some(known) = &accounts {
        for ctx in &contexts {
            if known.contains_key(&ctx.profile) || lookups.contains_key(&ctx.profile) {
                continue;
            }
            let lookup = adapters
                .sts
                .caller_identity(ctx.clone())
                .map(Result::ok)
                .boxed()
                .shared();
            lookups.insert(ctx.profile.clone(), lookup);
        }
    }
    let accounts = accounts.unwrap_or_default();
    let ended = futures::stream::iter(contexts)
        .map(|ctx| {
            let known = accounts.get(&ctx.profile).cloned();
            let lookup = lookups.get(&ctx.profile).cloned();
            let page = page.clone();
            async move {
                // The first page and the account lookup side by side: it costs no round trip.
                let first = page(adapters, ctx.clone(), None);
                let (first, account, learned) = match (known, lookup) {
                    (Some(account), _) => (first.await, Some(account), None),
                    (None, Some(lookup)) => {
                        let (first, learned) = futures::join!(first, lookup);
                        let account = learned.as_ref().map(|who| who.account.clone());
                        (first, account, learned.map(Box::new))
                    }
                    (None, None) => (first.await, None, None),
                };
                let result = stream_pages(&page, adapters, &ctx, &account, first, progress).await;
                ListOutcome::Ended {
                    ctx,
                    account,
                    learned,
                    result,
                }
            }
        })
        .buffer_unordered(fan_out.clamp(1, 64));
    futures::pin_mut!(ended);
    while let Some(answer) = ended.next().await {
        progress.send(super::Outcome::List(answer));
    }
    ListOutcome::Done
}

/// Sends the first page, then every following one, as each arrives.
async fn stream_pages(
    page: &PageFn,
    adapters: &Adapters,
    ctx: &ContextKey,
    account: &Option<String>,
    first: Result<Page<Rows>, AwsError>,
    progress: &Progress,
) -> Result<(), AwsError> {
    let mut answer = first;
    let mut is_first = true;
    loop {
        let Page { items, next } = answer?;
        for rows in items {
            progress.send(super::Outcome::List(ListOutcome::Page {
                ctx: ctx.clone(),
                account: account.clone(),
                rows,
                first: is_first,
            }));
        }
        is_first = false;
        let Some(token) = next else {
            return Ok(());
        };
        answer = page(adapters, ctx.clone(), Some(token)).await;
    }
}
