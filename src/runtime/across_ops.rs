//! One kind of resource listed in many contexts (profiles × regions) at once: at most
//! `fan_out` contexts in flight, each answered (`Progress`) as soon as it has every page or has
//! failed, so the fastest context is on screen first and a broken one hides nothing else.

use super::Progress;
use crate::aws::model::Identity;
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::protocol::across::{AcrossKind, AcrossOp, AcrossOutcome, Listed};
use futures::future::{BoxFuture, Shared};
use futures::{FutureExt, StreamExt};
use std::collections::HashMap;

type AccountLookup = Shared<BoxFuture<'static, Option<Identity>>>;

pub(super) async fn execute(
    op: AcrossOp,
    adapters: &Adapters,
    progress: &Progress,
) -> AcrossOutcome {
    let AcrossOp {
        kind,
        contexts,
        accounts,
        fan_out,
    } = op;
    // One GetCallerIdentity per profile whose account is not known, shared by its contexts and
    // run beside their listings (it costs no extra round trip).
    let mut lookups: HashMap<Option<String>, AccountLookup> = HashMap::new();
    for ctx in &contexts {
        if accounts.contains_key(&ctx.profile) || lookups.contains_key(&ctx.profile) {
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
    let answers = futures::stream::iter(contexts)
        .map(|ctx| {
            let known = accounts.get(&ctx.profile).cloned();
            let lookup = lookups.get(&ctx.profile).cloned();
            async move {
                let listing = list(kind, ctx.clone(), adapters);
                let ((result, capped), account, learned) = match (known, lookup) {
                    (Some(account), _) => (listing.await, Some(account), None),
                    (None, Some(lookup)) => {
                        let (listed, learned) = futures::join!(listing, lookup);
                        let account = learned.as_ref().map(|who| who.account.clone());
                        (listed, account, learned.map(Box::new))
                    }
                    (None, None) => (listing.await, None, None),
                };
                AcrossOutcome::Context {
                    ctx,
                    account,
                    learned,
                    result,
                    capped,
                }
            }
        })
        .buffer_unordered(fan_out.clamp(1, 64));
    futures::pin_mut!(answers);
    while let Some(answer) = answers.next().await {
        progress.send(super::Outcome::Across(answer));
    }
    AcrossOutcome::Done
}

/// Every page of one context's listing, as the single-context views list them.
async fn list(
    kind: AcrossKind,
    ctx: ContextKey,
    adapters: &Adapters,
) -> (Result<Listed, AwsError>, bool) {
    match kind {
        AcrossKind::Rds => (adapters.rds.list(ctx).await.map(Listed::Rds), false),
        AcrossKind::Lambda => {
            let fetch = |marker| adapters.lambda.list_page(ctx.clone(), marker);
            match crate::aws::page::pages_up_to(None, crate::protocol::lambda::FUNCTION_CAP, fetch)
                .await
            {
                Ok((all, resume)) => (Ok(Listed::Lambda(all)), resume.is_some()),
                Err(e) => (Err(e), false),
            }
        }
        AcrossKind::S3 => (adapters.s3.list_buckets(ctx).await.map(Listed::S3), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::fake::{FakeContexts, FakeS3, FakeSts, adapters};
    use crate::aws::model::Identity;
    use crate::aws::sts::StsApi;
    use crate::protocol::Outcome;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    fn ctx(profile: &str, region: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: region.into(),
        }
    }

    /// Answers every profile with an account derived from its name, counting the calls.
    #[derive(Default)]
    struct CountingSts(Arc<Mutex<Vec<String>>>);

    impl StsApi for CountingSts {
        fn caller_identity(
            &self,
            ctx: ContextKey,
        ) -> BoxFuture<'static, Result<Identity, AwsError>> {
            let profile = ctx.profile.clone().unwrap_or_default();
            self.0.lock().unwrap().push(profile.clone());
            let account = format!("{:0>12}", profile.len());
            Box::pin(async move {
                Ok(Identity {
                    account,
                    arn: String::new(),
                    user_id: String::new(),
                })
            })
        }
        fn mfa_login(
            &self,
            _: ContextKey,
            _: String,
        ) -> BoxFuture<'static, Result<Option<i64>, AwsError>> {
            Box::pin(async { Err(AwsError::new(crate::aws::ErrorKind::Config, "no MFA here")) })
        }
    }

    /// Runs the op through a real runtime; every answer in arrival order.
    async fn run(adapters: Adapters, op: AcrossOp) -> Vec<AcrossOutcome> {
        crate::runtime::every_answer(adapters, Op::Across(op))
            .await
            .into_iter()
            .map(|outcome| match outcome {
                Outcome::Across(a) => a,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    use crate::runtime::Op;

    fn answered(answers: &[AcrossOutcome]) -> Vec<(String, Option<String>, Result<usize, String>)> {
        answers
            .iter()
            .filter_map(|a| match a {
                AcrossOutcome::Context {
                    ctx,
                    account,
                    result,
                    ..
                } => Some((
                    format!("{}@{}", ctx.profile_label(), ctx.region),
                    account.clone(),
                    result.as_ref().map(Listed::len).map_err(|e| e.summary()),
                )),
                AcrossOutcome::Done => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn no_more_than_fan_out_contexts_are_in_flight() {
        let regions = crate::aws::regions::ENABLED_BY_DEFAULT;
        let mut fakes = FakeContexts::default();
        for r in regions {
            fakes = fakes.latency(r, Duration::from_millis(20));
        }
        let peak = fakes.peak.clone();
        let contexts: Vec<ContextKey> = regions.iter().map(|r| ctx("a", r)).collect();
        let accounts = HashMap::from([(Some("a".to_string()), "1".to_string())]);
        let op = |fan_out| AcrossOp {
            kind: AcrossKind::Rds,
            contexts: contexts.clone(),
            accounts: accounts.clone(),
            fan_out,
        };
        let a = adapters(FakeSts::default()).with_contexts(fakes);
        let answers = run(a.clone(), op(4)).await;
        assert_eq!(answered(&answers).len(), 17);
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 4);
        peak.store(0, std::sync::atomic::Ordering::SeqCst);
        run(a, op(64)).await;
        assert_eq!(
            peak.load(std::sync::atomic::Ordering::SeqCst),
            17,
            "every region at once"
        );
    }

    #[tokio::test]
    async fn unknown_accounts_are_asked_once_per_profile() {
        let sts = CountingSts::default();
        let calls = sts.0.clone();
        let mut a = adapters(FakeSts::default())
            .with_contexts(FakeContexts::default().s3("ab", FakeS3::default().bucket("logs", &[])));
        a.sts = Arc::new(sts);
        let answers = run(
            a,
            AcrossOp {
                kind: AcrossKind::S3,
                contexts: vec![
                    ctx("ab", "us-east-1"),
                    ctx("ab", "eu-west-1"),
                    ctx("abc", "us-east-1"),
                    ctx("known", "us-east-1"),
                ],
                accounts: HashMap::from([(Some("known".to_string()), "999".to_string())]),
                fan_out: 16,
            },
        )
        .await;
        let mut asked = calls.lock().unwrap().clone();
        asked.sort();
        assert_eq!(
            asked,
            ["ab", "abc"],
            "once per profile, never for a known one"
        );
        let got = answered(&answers);
        let account = |place: &str| got.iter().find(|g| g.0 == place).unwrap().1.clone();
        assert_eq!(account("ab@eu-west-1").as_deref(), Some("000000000002"));
        assert_eq!(account("abc@us-east-1").as_deref(), Some("000000000003"));
        assert_eq!(account("known@us-east-1").as_deref(), Some("999"));
        // Who STS said each asked profile is travels with its answers, for the app to keep.
        let learned: Vec<(String, Option<String>)> = answers
            .iter()
            .filter_map(|a| match a {
                AcrossOutcome::Context { ctx, learned, .. } => Some((
                    format!("{}@{}", ctx.profile_label(), ctx.region),
                    learned.as_ref().map(|who| who.account.clone()),
                )),
                AcrossOutcome::Done => None,
            })
            .collect();
        assert!(learned.contains(&("abc@us-east-1".into(), Some("000000000003".into()))));
        assert!(
            learned.contains(&("known@us-east-1".into(), None)),
            "{learned:?}"
        );
        assert!(got.contains(&(
            "ab@us-east-1".to_string(),
            Some("000000000002".into()),
            Ok(1)
        )));
    }
}
