//! Listings whose rows need a second call each (SQS GetQueueAttributes, SNS
//! GetTopicAttributes): the list call gives names, then each row's attributes are read at
//! most `CONCURRENCY` at once, and every `BATCH` rows become one page of the engine's
//! listing. So rows reach the screen a batch at a time, as soon as their attributes are in,
//! instead of after the whole list call's page (ListTopics gives 100 names a page, ListQueues
//! up to 1,000) has been read row by row. The names not read yet travel in the page token,
//! beside the service's own token: no state is kept between pages.

use super::error::AwsError;
use super::page::Page;
use futures::StreamExt;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

/// Rows per page of the engine's listing: one round of attribute calls.
pub const BATCH: usize = 10;
/// Attribute calls in flight at once, per listing.
pub const CONCURRENCY: usize = 10;

/// What a page token carries: names listed but not read yet, and the service's own token.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct Cursor {
    rest: Vec<String>,
    next: Option<String>,
}

/// One page: the next `BATCH` names (listing more first when none are left), each read by
/// `read`, in the order they were listed.
pub async fn page<T, L, R>(token: Option<String>, list: L, read: R) -> Result<Page<T>, AwsError>
where
    T: Send + 'static,
    L: Fn(Option<String>) -> BoxFuture<'static, Result<(Vec<String>, Option<String>), AwsError>>,
    R: Fn(String) -> BoxFuture<'static, T>,
{
    let mut cursor = match token {
        None => Cursor::default(),
        Some(t) => serde_json::from_str(&t).unwrap_or_else(|_| Cursor {
            rest: Vec::new(),
            next: Some(t),
        }),
    };
    let first = cursor.rest.is_empty() && cursor.next.is_none();
    if cursor.rest.is_empty() && (first || cursor.next.is_some()) {
        let (names, next) = list(cursor.next.take()).await?;
        cursor = Cursor { rest: names, next };
    }
    let take = cursor.rest.len().min(BATCH);
    let batch: Vec<String> = cursor.rest.drain(..take).collect();
    let items: Vec<T> = futures::stream::iter(batch.into_iter().map(read))
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let token = (!cursor.rest.is_empty() || cursor.next.is_some())
        .then(|| serde_json::to_string(&cursor).unwrap_or_default());
    Ok(Page::new(items, token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;
    use std::sync::{Arc, Mutex};

    /// 25 names in service pages of 12: batches of at most 10 within each service page,
    /// every name once, in order, one list call per service page.
    #[tokio::test]
    async fn batches_cross_service_pages_in_order() {
        let names: Vec<String> = (0..25).map(|i| format!("q{i:02}")).collect();
        let calls = Arc::new(Mutex::new(0));
        let list = {
            let (names, calls) = (names.clone(), calls.clone());
            move |token: Option<String>| {
                *calls.lock().unwrap() += 1;
                let start: usize = token.map(|t| t.parse().unwrap()).unwrap_or(0);
                let end = (start + 12).min(names.len());
                let page = names[start..end].to_vec();
                let next = (end < names.len()).then(|| end.to_string());
                async move { Ok((page, next)) }.boxed()
            }
        };
        let read = |name: String| async move { name.to_uppercase() }.boxed();
        let mut token = None;
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        loop {
            let p = page(token, &list, read).await.unwrap();
            sizes.push(p.items.len());
            seen.extend(p.items);
            token = p.next;
            if token.is_none() {
                break;
            }
        }
        let want: Vec<String> = names.iter().map(|n| n.to_uppercase()).collect();
        assert_eq!(seen, want);
        assert_eq!(sizes, vec![10, 2, 10, 2, 1]);
        assert_eq!(*calls.lock().unwrap(), 3, "one list call per service page");
    }

    #[tokio::test]
    async fn an_empty_listing_is_one_empty_page() {
        let list = |_: Option<String>| async { Ok((Vec::new(), None)) }.boxed();
        let read = |name: String| async move { name }.boxed();
        let p = page(None, list, read).await.unwrap();
        assert!(p.items.is_empty() && p.next.is_none());
    }
}
