//! The per-row follow-ups of listed pages (`protocol::fill`): each key asked on its own, a few
//! at a time, each answer or error kept with its key (one queue deleted meanwhile does not
//! hide the others').

use crate::aws::Adapters;
use crate::aws::AwsError;
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
    }
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
