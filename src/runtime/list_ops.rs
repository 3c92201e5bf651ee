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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ErrorKind;
    use crate::aws::ec2::SecurityGroup;
    use crate::aws::fake::{FakeContexts, FakeEc2, FakeSts, adapters};
    use crate::protocol::list::page_fn;
    use crate::protocol::{Op, Outcome};
    use std::time::Duration;

    fn ctx(profile: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: "us-east-1".into(),
        }
    }

    fn groups(profile: &str, n: usize) -> FakeEc2 {
        FakeEc2 {
            groups: (0..n)
                .map(|i| SecurityGroup {
                    id: format!("sg-{profile}{i}"),
                    name: String::new(),
                    description: String::new(),
                    vpc_id: None,
                    inbound: Vec::new(),
                    outbound: Vec::new(),
                    tags: Vec::new(),
                })
                .collect(),
            inventory_page: 2,
            ..FakeEc2::default()
        }
    }

    fn op(contexts: Vec<ContextKey>) -> ListOp {
        ListOp {
            what: "security groups",
            contexts,
            accounts: Some(HashMap::from([
                (Some("a".to_string()), "111111111111".to_string()),
                (Some("b".to_string()), "222222222222".to_string()),
            ])),
            fan_out: 8,
            page: page_fn(|adapters, ctx, token| adapters.ec2.groups_page(ctx, token)),
        }
    }

    /// Runs the op through a real runtime; every answer in arrival order, as
    /// `profile: page of N ids` / `profile: ended ok|error` / `done`.
    async fn run(adapters: Adapters, op: ListOp) -> Vec<String> {
        let answers = crate::runtime::every_answer(adapters, Op::List(op)).await;
        answers
            .into_iter()
            .map(|outcome| match outcome {
                Outcome::List(ListOutcome::Page {
                    ctx,
                    account,
                    rows,
                    first,
                }) => {
                    let rows = rows.downcast::<SecurityGroup>().expect("groups");
                    format!(
                        "{}@{}: {}page of {}",
                        ctx.profile_label(),
                        account.unwrap_or_default(),
                        if first { "first " } else { "" },
                        rows.len()
                    )
                }
                Outcome::List(ListOutcome::Ended { ctx, result, .. }) => format!(
                    "{}: ended {}",
                    ctx.profile_label(),
                    result.map_or_else(|e| e.summary(), |()| "ok".into())
                ),
                Outcome::List(ListOutcome::Done) => "done".into(),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[tokio::test]
    async fn pages_stream_per_context_and_a_failure_hides_nothing() {
        let fakes = FakeContexts::default()
            .ec2("a", groups("a", 5))
            .ec2("b", groups("b", 1))
            .failing(
                "c",
                AwsError::new(ErrorKind::Credentials, "the credential process exited 1"),
            )
            .latency("a@us-east-1", Duration::from_millis(300));
        let adapters = adapters(FakeSts::default()).with_contexts(fakes);
        let mut answers = run(adapters, op(vec![ctx("a"), ctx("b"), ctx("c")])).await;
        assert_eq!(answers.pop().as_deref(), Some("done"));
        let a: Vec<&String> = answers.iter().filter(|s| s.starts_with("a")).collect();
        assert_eq!(
            a,
            [
                "a@111111111111: first page of 2",
                "a@111111111111: page of 2",
                "a@111111111111: page of 1",
                "a: ended ok"
            ],
            "every page of a context as it arrives, then its end"
        );
        assert_eq!(
            answers.last().map(String::as_str),
            Some("a: ended ok"),
            "the slow context ends last: {answers:?}"
        );
        assert!(answers.contains(&"b@222222222222: first page of 1".to_string()));
        assert!(
            answers.contains(&"c: ended the credential process exited 1".to_string()),
            "{answers:?}"
        );
    }

    #[tokio::test]
    async fn the_active_context_alone_asks_sts_nothing() {
        // STS knows `z`: had the listing asked, its rows would carry the account.
        let fakes = FakeContexts::default().ec2("z", groups("z", 1));
        let sts = FakeSts::default().with("z", "999999999999", "user/z");
        let adapters = adapters(sts).with_contexts(fakes);
        let mut single = op(vec![ctx("z")]);
        single.accounts = None;
        let answers = run(adapters, single).await;
        assert_eq!(answers, ["z@: first page of 1", "z: ended ok", "done"]);
    }
}
