//! One page type and one paging helper for every adapter's listings: a page is its items and
//! the token of the next one (`None` at the end — an empty token counts as the end, as some
//! services send `""` instead of nothing).

use super::AwsError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<String>,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, next: Option<String>) -> Page<T> {
        Page {
            items,
            next: next.filter(|t| !t.is_empty()),
        }
    }

    /// The last page (or the only one, for services that do not page).
    pub fn last(items: Vec<T>) -> Page<T> {
        Page { items, next: None }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// The items of every page from `first` on, until the end or until at least `cap` items;
/// with the token to resume from when the cap stopped it (`None`: listed to the end).
pub async fn pages_up_to<T, F, Fut>(
    first: Option<String>,
    cap: usize,
    fetch: F,
) -> Result<(Vec<T>, Option<String>), AwsError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, AwsError>>,
{
    let mut all = Vec::new();
    let resume = each_page_up_to(first, cap, fetch, |items| all.extend(items)).await?;
    Ok((all, resume))
}

/// Like `pages_up_to`, but each page's items go to `each` as they arrive (a view shows rows
/// while the listing goes on) instead of being kept; returns the token to resume from.
pub async fn each_page_up_to<T, F, Fut>(
    first: Option<String>,
    cap: usize,
    mut fetch: F,
    mut each: impl FnMut(Vec<T>),
) -> Result<Option<String>, AwsError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, AwsError>>,
{
    let mut listed = 0usize;
    let mut token = first;
    loop {
        let page = fetch(token).await?;
        listed += page.items.len();
        each(page.items);
        token = page.next.filter(|t| !t.is_empty());
        if token.is_none() || listed >= cap {
            return Ok(token);
        }
    }
}

/// How a capped listing ended, as views take it: success or the error, and where `load-more`
/// resumes (an error leaves nothing to resume).
pub fn ending(listed: Result<Option<String>, AwsError>) -> (Result<(), AwsError>, Option<String>) {
    match listed {
        Ok(resume) => (Ok(()), resume),
        Err(e) => (Err(e), None),
    }
}

/// The items of every page.
pub async fn all_pages<T, F, Fut>(fetch: F) -> Result<Vec<T>, AwsError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, AwsError>>,
{
    pages_up_to(None, usize::MAX, fetch)
        .await
        .map(|(all, _)| all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(
        n: usize,
    ) -> impl FnMut(Option<String>) -> std::future::Ready<Result<Page<usize>, AwsError>> {
        move |token: Option<String>| {
            let at: usize = token.map_or(0, |t| t.parse().unwrap());
            let next = (at + 1 < n).then(|| (at + 1).to_string());
            std::future::ready(Ok(Page::new(vec![at * 10, at * 10 + 1], next)))
        }
    }

    #[tokio::test]
    async fn every_page_until_the_end_and_an_empty_token_ends_too() {
        assert_eq!(
            all_pages(pages(3)).await.unwrap(),
            vec![0, 1, 10, 11, 20, 21]
        );
        let empty = |_| std::future::ready(Ok(Page::new(vec![7], Some(String::new()))));
        assert_eq!(all_pages(empty).await.unwrap(), vec![7]);
    }

    #[tokio::test]
    async fn a_cap_stops_after_the_page_that_reaches_it_and_says_where_to_resume() {
        let (items, resume) = pages_up_to(None, 3, pages(5)).await.unwrap();
        assert_eq!(items, vec![0, 1, 10, 11]);
        assert_eq!(resume.as_deref(), Some("2"));
        let (rest, resume) = pages_up_to(resume, 100, pages(5)).await.unwrap();
        assert_eq!(rest, vec![20, 21, 30, 31, 40, 41]);
        assert_eq!(resume, None);
    }

    #[tokio::test]
    async fn an_error_on_any_page_is_the_answer() {
        let mut calls = 0;
        let failing = |_| {
            calls += 1;
            std::future::ready(if calls == 1 {
                Ok(Page::new(vec![1], Some("x".into())))
            } else {
                Err(AwsError::new(super::super::ErrorKind::ServerError, "boom"))
            })
        };
        assert!(all_pages(failing).await.is_err());
    }

    #[tokio::test]
    async fn each_page_is_handed_over_as_it_arrives_until_the_cap() {
        let mut seen: Vec<Vec<usize>> = Vec::new();
        let resume = each_page_up_to(None, 3, pages(5), |items| seen.push(items))
            .await
            .unwrap();
        assert_eq!(seen, vec![vec![0, 1], vec![10, 11]]);
        assert_eq!(resume.as_deref(), Some("2"));
    }
}
