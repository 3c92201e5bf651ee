//! S3 requests: buckets, listings, objects, transfers and deletes.

use super::Progress;
use crate::aws::page::{each_page_up_to, ending};
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::protocol::s3::{DeletePlan, DeleteTally, S3Op, S3Outcome, UploadJob};

pub(super) async fn execute(op: S3Op, adapters: Adapters, progress: Progress) -> S3Outcome {
    match op {
        S3Op::Buckets(ctx) => S3Outcome::Buckets(adapters.s3.list_buckets(ctx).await),
        S3Op::ObjectUrl { ctx, bucket, key } => {
            S3Outcome::ObjectUrl(adapters.s3.object_url(ctx, bucket, key).await)
        }
        S3Op::Versions { ctx, bucket, key } => {
            S3Outcome::Versions(adapters.s3.versions(ctx, bucket, key).await)
        }
        S3Op::CreateBucket(ctx, name) => S3Outcome::BucketChanged {
            result: bucket_change(&adapters, ctx, &name, true).await,
            name,
            created: true,
        },
        S3Op::DeleteBucket(ctx, name) => S3Outcome::BucketChanged {
            result: bucket_change(&adapters, ctx, &name, false).await,
            name,
            created: false,
        },
        S3Op::Object {
            ctx,
            bucket,
            key,
            version,
            preview_bytes,
        } => {
            let (details, head) = tokio::join!(
                adapters.s3.object_details(
                    ctx.clone(),
                    bucket.clone(),
                    key.clone(),
                    version.clone()
                ),
                adapters
                    .s3
                    .object_head(ctx, bucket, key, version, preview_bytes)
            );
            S3Outcome::Object { details, head }
        }
        S3Op::Download { job, overwrite } => {
            super::transfer::download(adapters, job, overwrite, progress).await
        }
        S3Op::UploadPlan {
            ctx,
            bucket,
            prefix,
            path,
        } => S3Outcome::UploadPlanned(
            super::off_task(move || super::transfer::plan_upload(&prefix, &path))
                .await
                .map(|files| UploadJob { ctx, bucket, files }),
        ),
        S3Op::Upload(job) => super::transfer::upload(adapters, job, progress).await,
        S3Op::DeletePlan {
            ctx,
            bucket,
            mut keys,
            prefixes,
        } => {
            keys.sort();
            keys.dedup();
            let mut plan = DeletePlan {
                keys,
                prefixes: Vec::new(),
            };
            for prefix in prefixes {
                match super::s3_prefix::count(&adapters, &ctx, &bucket, &prefix).await {
                    Ok(counted) if counted.objects > 0 => plan.prefixes.push(counted),
                    Ok(_) => {}
                    Err(e) => return S3Outcome::DeletePlanned(Err(e)),
                }
            }
            S3Outcome::DeletePlanned(Ok(plan))
        }
        S3Op::Delete { ctx, bucket, plan } => {
            let mut tally = DeleteTally::default();
            for chunk in plan.keys.chunks(1000) {
                super::s3_prefix::delete_batch(
                    &adapters,
                    &ctx,
                    &bucket,
                    chunk.to_vec(),
                    &mut tally,
                )
                .await;
            }
            for counted in &plan.prefixes {
                super::s3_prefix::delete_counted(&adapters, &ctx, &bucket, counted, &mut tally)
                    .await;
            }
            S3Outcome::Deleted(tally)
        }
        S3Op::Presign {
            ctx,
            bucket,
            key,
            version,
            expires,
        } => S3Outcome::Presigned {
            result: adapters
                .s3
                .presign_get(ctx, bucket, key, version, expires)
                .await,
            expires,
        },
        S3Op::List {
            ctx,
            bucket,
            prefix,
            start,
            cap,
        } => {
            let each = |page| progress.send(S3Outcome::Page(page));
            let fetch = |token| {
                adapters
                    .s3
                    .list_page(ctx.clone(), bucket.clone(), prefix.clone(), true, token)
            };
            let (result, resume) = ending(each_page_up_to(start, cap, fetch, each).await);
            S3Outcome::Listed { result, resume }
        }
    }
}

/// Creates or deletes a bucket, sent once; after a lost answer the bucket list says whether it
/// took effect (a repeated create or delete would fail although the first one worked).
async fn bucket_change(
    adapters: &Adapters,
    ctx: ContextKey,
    name: &str,
    create: bool,
) -> Result<crate::aws::once::Sent<()>, AwsError> {
    let s3 = &adapters.s3;
    let sent = if create {
        s3.create_bucket(ctx.clone(), name.to_string()).await
    } else {
        s3.delete_bucket(ctx.clone(), name.to_string()).await
    };
    let reread = || async move {
        let buckets = s3.list_buckets(ctx).await?;
        let exists = buckets.iter().any(|b| b.name == name);
        Ok((exists == create).then_some(()))
    };
    crate::aws::once::or_reread(sent, reread).await
}
