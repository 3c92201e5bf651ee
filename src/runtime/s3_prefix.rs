//! Everything under an S3 prefix, a listing page (≤ 1,000 keys) at a time: counted for a
//! confirmation, deleted page by page, or fed to the download queue. A prefix can hold millions
//! of keys, so its keys are never all held at once.
//!
//! Deleting a prefix is confirmed as "everything under P: N objects counted". What was counted
//! is what may go: the delete lists the prefix again and removes only objects last modified no
//! later than the newest one counted, and never more than N — an object written under the
//! prefix after the count (new, or overwritten) is kept and reported, not deleted silently.
//! (S3 gives modification times to the second: an object written in the very second of the
//! newest one counted, after the count, is the one case this cannot tell apart.)

use crate::aws::s3::{Entry, ObjectSummary};
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::protocol::s3::{DeleteTally, PrefixCount};

/// Keys shown in a confirmation.
const SAMPLE: usize = 5;

/// The listing of one prefix (recursive, no delimiter), a page at a time.
pub struct PrefixPages<'a> {
    adapters: &'a Adapters,
    ctx: &'a ContextKey,
    bucket: &'a str,
    prefix: &'a str,
    token: Option<String>,
    done: bool,
}

impl<'a> PrefixPages<'a> {
    pub fn new(
        adapters: &'a Adapters,
        ctx: &'a ContextKey,
        bucket: &'a str,
        prefix: &'a str,
    ) -> Self {
        PrefixPages {
            adapters,
            ctx,
            bucket,
            prefix,
            token: None,
            done: false,
        }
    }

    /// The next page's objects; `None` after the last page (or an error).
    pub async fn next(&mut self) -> Option<Result<Vec<ObjectSummary>, AwsError>> {
        if self.done {
            return None;
        }
        let page = self
            .adapters
            .s3
            .list_page(
                self.ctx.clone(),
                self.bucket.to_string(),
                self.prefix.to_string(),
                false,
                self.token.take(),
            )
            .await;
        Some(match page {
            Ok(page) => {
                self.token = page.next;
                self.done = self.token.is_none();
                Ok(page
                    .items
                    .into_iter()
                    .filter_map(|e| match e {
                        Entry::Object(o) => Some(o),
                        Entry::Prefix(_) => None,
                    })
                    .collect())
            }
            Err(e) => {
                self.done = true;
                Err(e)
            }
        })
    }
}

/// Counts the objects under `prefix`, holding one page at a time.
pub async fn count(
    adapters: &Adapters,
    ctx: &ContextKey,
    bucket: &str,
    prefix: &str,
) -> Result<PrefixCount, AwsError> {
    let mut counted = PrefixCount {
        prefix: prefix.to_string(),
        objects: 0,
        bytes: 0,
        newest: None,
        sample: Vec::new(),
    };
    let mut pages = PrefixPages::new(adapters, ctx, bucket, prefix);
    while let Some(page) = pages.next().await {
        for object in page? {
            counted.objects += 1;
            counted.bytes += object.size.max(0) as u64;
            counted.newest = counted.newest.max(object.last_modified);
            if counted.sample.len() < SAMPLE {
                counted.sample.push(object.key);
            }
        }
    }
    Ok(counted)
}

/// Deletes what `counted` covers, one page (one DeleteObjects call) at a time.
pub async fn delete_counted(
    adapters: &Adapters,
    ctx: &ContextKey,
    bucket: &str,
    counted: &PrefixCount,
    tally: &mut DeleteTally,
) {
    let mut budget = counted.objects;
    let mut pages = PrefixPages::new(adapters, ctx, bucket, &counted.prefix);
    while let Some(page) = pages.next().await {
        let objects = match page {
            Ok(objects) => objects,
            Err(e) => {
                tally.fail(counted.prefix.clone(), e.summary());
                return;
            }
        };
        let mut batch = Vec::new();
        for object in objects {
            let was_counted = object
                .last_modified
                .zip(counted.newest)
                .is_some_and(|(modified, newest)| modified <= newest);
            if was_counted && budget > 0 {
                budget -= 1;
                batch.push(object.key);
            } else {
                tally.kept += 1;
            }
        }
        delete_batch(adapters, ctx, bucket, batch, tally).await;
    }
}

/// One DeleteObjects call (≤ 1,000 keys), its failures tallied.
pub async fn delete_batch(
    adapters: &Adapters,
    ctx: &ContextKey,
    bucket: &str,
    keys: Vec<String>,
    tally: &mut DeleteTally,
) {
    if keys.is_empty() {
        return;
    }
    let sent = keys.len();
    match adapters
        .s3
        .delete_keys(ctx.clone(), bucket.to_string(), keys.clone())
        .await
    {
        Ok(errors) => {
            tally.deleted += sent - errors.len().min(sent);
            for (key, why) in errors {
                tally.fail(key, why);
            }
        }
        Err(e) => {
            let why = e.summary();
            for key in keys {
                tally.fail(key, why.clone());
            }
        }
    }
}
