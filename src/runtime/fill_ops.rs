//! The per-row follow-ups of listed pages (`protocol::fill`): each key asked on its own (or
//! in batches, where one call takes many), a few calls at a time, each answer or error kept
//! with its key (one queue deleted meanwhile does not hide the others').

use crate::aws::Adapters;
use crate::aws::AwsError;
use crate::aws::ecs::IDS_PER_DESCRIBE;
use crate::protocol::fill::{CONCURRENCY, FillOp, FillOutcome, PerRow};
use futures::{StreamExt, future::BoxFuture};

pub(super) async fn execute(op: FillOp, adapters: &Adapters) -> FillOutcome {
    match op {
        FillOp::QueueAttributes { ctx, urls } => {
            let sqs = &adapters.sqs;
            let found = per_row(urls, CONCURRENCY, |url| sqs.attributes(ctx.clone(), url)).await;
            FillOutcome::QueueAttributes { ctx, found }
        }
        FillOp::TopicAttributes { ctx, arns } => {
            let sns = &adapters.sns;
            let found = per_row(arns, CONCURRENCY, |arn| {
                sns.topic_attributes(ctx.clone(), arn)
            })
            .await;
            FillOutcome::TopicAttributes { ctx, found }
        }
        FillOp::TargetHealth { ctx, arns } => {
            let elb = &adapters.elb;
            let found = per_row(arns, CONCURRENCY, |arn| elb.target_health(ctx.clone(), arn)).await;
            FillOutcome::TargetHealth { ctx, found }
        }
        FillOp::ClusterStates { ctx, arns } => {
            let ecs = &adapters.ecs;
            let found = per_batch(arns, IDS_PER_DESCRIBE, CONCURRENCY, |batch| {
                ecs.describe_clusters(ctx.clone(), batch)
            })
            .await;
            FillOutcome::ClusterStates { ctx, found }
        }
    }
}

/// `ask` for the keys `size` at a time, at most `at_once` calls in flight; a call that
/// fails gives each of its keys its error.
pub(super) async fn per_batch<T: Send + 'static>(
    keys: Vec<String>,
    size: usize,
    at_once: usize,
    ask: impl Fn(Vec<String>) -> BoxFuture<'static, Result<PerRow<T>, AwsError>>,
) -> PerRow<T> {
    let batches: Vec<Vec<String>> = keys.chunks(size.max(1)).map(<[String]>::to_vec).collect();
    futures::stream::iter(batches)
        .map(|batch| {
            let answer = ask(batch.clone());
            async move {
                match answer.await {
                    Ok(found) => found,
                    Err(e) => {
                        let why = e.summary();
                        batch.into_iter().map(|k| (k, Err(why.clone()))).collect()
                    }
                }
            }
        })
        .buffer_unordered(at_once.max(1))
        .concat()
        .await
}

/// `ask` for every key, at most `at_once` in flight; each key's answer on its own.
pub(super) async fn per_row<T: Send + 'static>(
    keys: Vec<String>,
    at_once: usize,
    ask: impl Fn(String) -> BoxFuture<'static, Result<T, AwsError>>,
) -> PerRow<T> {
    futures::stream::iter(keys)
        .map(|key| {
            let answer = ask(key.clone());
            async move { (key, answer.await.map_err(|e| e.summary())) }
        })
        .buffer_unordered(at_once.max(1))
        .collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ErrorKind;
    use std::sync::{Arc, Mutex};

    /// 250 keys are three calls (100, 100, 50); the one that fails gives its own keys its
    /// error and leaves the others' answers alone.
    #[tokio::test]
    async fn batches_split_at_the_call_s_limit_and_a_failed_call_fails_only_its_keys() {
        let keys: Vec<String> = (0..250).map(|i| format!("k{i:03}")).collect();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let found = per_batch(keys.clone(), 100, 2, move |batch: Vec<String>| {
            seen.lock().unwrap().push(batch.len());
            let answer = if batch[0] == "k100" {
                Err(AwsError::new(ErrorKind::Throttled, "slow down"))
            } else {
                Ok(batch.into_iter().map(|k| (k.clone(), Ok(k))).collect())
            };
            Box::pin(async move { answer })
        })
        .await;
        let mut sizes = calls.lock().unwrap().clone();
        sizes.sort();
        assert_eq!(sizes, [50, 100, 100]);
        assert_eq!(found.len(), 250, "every key answered once");
        for (key, answer) in &found {
            let n: usize = key[1..].parse().unwrap();
            match answer {
                Ok(v) => assert!(v == key && !(100..200).contains(&n), "{key}"),
                Err(why) => assert!(
                    (100..200).contains(&n) && why.contains("slow down"),
                    "{why}"
                ),
            }
        }
    }
}
