//! SQS in memory for the views: queues per context (`profile` or `profile@region` keys),
//! messages that count their receives as SQS does, and every write recorded for the test.

use crate::aws::PageFuture;
use crate::aws::attributes::Attributes;
use crate::aws::error::AwsError;
use crate::aws::sdk::ContextKey;
use crate::aws::sqs::{Message, MoveTask, Outgoing, Queue, QueueDetails, SqsApi};
use futures::future::BoxFuture;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// What one context holds.
#[derive(Clone, Default)]
pub struct SqsData {
    pub queues: Vec<Queue>,
    /// By queue URL.
    pub messages: HashMap<String, Vec<Message>>,
    pub tags: HashMap<String, BTreeMap<String, String>>,
    /// By DLQ source ARN: what ListMessageMoveTasks answers once a move was started, one
    /// answer per call (the last one stays).
    pub move_answers: HashMap<String, Vec<MoveTask>>,
    /// DLQs a move was started from.
    pub moving: Vec<String>,
}

/// Every write the fake took, in order: `SendMessage url body`, `PurgeQueue url`, …
pub type Writes = Arc<Mutex<Vec<String>>>;

#[derive(Default)]
pub struct FakeSqs {
    pub data: Arc<Mutex<SqsData>>,
    pub by_context: HashMap<String, Arc<Mutex<SqsData>>>,
    pub failing: HashMap<String, AwsError>,
    /// StartMessageMoveTask and ListMessageMoveTasks fail with this (the emulator's answer,
    /// for the demo's view).
    pub move_error: Option<AwsError>,
    /// Queues per page (0: all in one).
    pub page_size: usize,
    pub writes: Writes,
    pub crashes: super::Crashes,
}

impl FakeSqs {
    pub fn with(data: SqsData) -> FakeSqs {
        FakeSqs {
            data: Arc::new(Mutex::new(data)),
            ..FakeSqs::default()
        }
    }

    pub fn context(mut self, key: &str, data: SqsData) -> Self {
        self.by_context
            .insert(key.into(), Arc::new(Mutex::new(data)));
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<Arc<Mutex<SqsData>>, AwsError> {
        super::per_context::lookup(ctx, &self.data, &self.by_context, &self.failing).cloned()
    }

    fn record(&self, line: String) {
        self.writes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(line);
    }

    fn answer<T: Send + 'static>(
        &self,
        ctx: &ContextKey,
        f: impl FnOnce(&mut SqsData) -> Result<T, AwsError>,
    ) -> BoxFuture<'static, Result<T, AwsError>> {
        let answer = self
            .at(ctx)
            .and_then(|d| f(&mut d.lock().unwrap_or_else(|p| p.into_inner())));
        Box::pin(async move { answer })
    }
}

fn no_queue(url: &str) -> AwsError {
    AwsError {
        kind: crate::aws::ErrorKind::NotFound,
        code: Some("AWS.SimpleQueueService.NonExistentQueue".into()),
        message: format!("The specified queue does not exist: {url}"),
    }
}

impl SqsApi for FakeSqs {
    fn queues_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Queue> {
        self.crashes.check("queues_page");
        // As ListQueues: URLs only, the attributes are a call of their own.
        let all = self.at(&ctx).map(|d| {
            let d = d.lock().unwrap_or_else(|p| p.into_inner());
            d.queues.iter().map(|q| Queue::new(&q.url)).collect()
        });
        super::per_context::paged(all, self.page_size, token)
    }

    fn attributes(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>> {
        self.answer(&ctx, |d| {
            let queue = d
                .queues
                .iter()
                .find(|q| q.url == url)
                .ok_or_else(|| no_queue(&url))?;
            // A queue the test made unreadable answers with its error.
            match &queue.error {
                Some(e) => Err(AwsError {
                    kind: crate::aws::ErrorKind::Service,
                    code: None,
                    message: e.clone(),
                }),
                None => Ok(queue.attributes.clone()),
            }
        })
    }

    fn details(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<QueueDetails, AwsError>> {
        self.answer(&ctx, |d| {
            let queue = d
                .queues
                .iter()
                .find(|q| q.url == url)
                .cloned()
                .ok_or_else(|| no_queue(&url))?;
            let arn = queue.arn().map(str::to_owned);
            let sources = d
                .queues
                .iter()
                .filter(|q| {
                    q.redrive()
                        .is_some_and(|r| Some(r.target_arn.as_str()) == arn.as_deref())
                })
                .map(|q| q.url.clone())
                .collect();
            Ok(QueueDetails {
                tags: d.tags.get(&url).cloned().unwrap_or_default(),
                queue,
                sources,
            })
        })
    }

    fn peek(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Vec<Message>, AwsError>> {
        self.answer(&ctx, |d| {
            let messages = d.messages.entry(url).or_default();
            // As SQS does: every receive counts, even with visibility 0.
            for m in messages.iter_mut() {
                let count = m.receive_count.unwrap_or(0) + 1;
                m.receive_count = Some(count);
                m.attributes
                    .insert("ApproximateReceiveCount".into(), count.to_string());
            }
            Ok(messages.iter().take(10).cloned().collect())
        })
    }

    fn send(
        &self,
        ctx: ContextKey,
        url: String,
        message: Outgoing,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.record(format!(
            "SendMessage {url} {} group={} dedup={}",
            message.body,
            message.group_id.as_deref().unwrap_or("-"),
            message.dedup_id.as_deref().unwrap_or("-")
        ));
        self.answer(&ctx, |d| {
            let messages = d.messages.entry(url).or_default();
            let id = format!("fake-message-{}", messages.len() + 1);
            messages.push(Message {
                id: id.clone(),
                body: message.body,
                ..Message::default()
            });
            Ok(id)
        })
    }

    fn purge(&self, ctx: ContextKey, url: String) -> BoxFuture<'static, Result<(), AwsError>> {
        self.record(format!("PurgeQueue {url}"));
        self.answer(&ctx, |d| {
            d.messages.remove(&url);
            // As SQS shows it once the purge is done: nothing visible.
            if let Some(q) = d.queues.iter_mut().find(|q| q.url == url) {
                q.attributes
                    .insert("ApproximateNumberOfMessages".into(), "0".into());
            }
            Ok(())
        })
    }

    fn start_move(
        &self,
        ctx: ContextKey,
        source_arn: String,
        destination_arn: Option<String>,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.record(format!(
            "StartMessageMoveTask {source_arn} -> {}",
            destination_arn.as_deref().unwrap_or("its sources")
        ));
        if let Some(e) = self.move_error.clone() {
            return Box::pin(async move { Err(e) });
        }
        self.answer(&ctx, |d| {
            d.moving.push(source_arn);
            Ok("fake-task-1".to_string())
        })
    }

    fn move_tasks(
        &self,
        ctx: ContextKey,
        source_arn: String,
    ) -> BoxFuture<'static, Result<Vec<MoveTask>, AwsError>> {
        if let Some(e) = self.move_error.clone() {
            return Box::pin(async move { Err(e) });
        }
        self.answer(&ctx, |d| {
            if !d.moving.contains(&source_arn) {
                return Ok(Vec::new());
            }
            let answers = d.move_answers.entry(source_arn).or_default();
            Ok(match answers.len() {
                0 => Vec::new(),
                1 => vec![answers[0].clone()],
                _ => vec![answers.remove(0)],
            })
        })
    }

    fn cancel_move(
        &self,
        ctx: ContextKey,
        handle: String,
    ) -> BoxFuture<'static, Result<i64, AwsError>> {
        self.record(format!("CancelMessageMoveTask {handle}"));
        self.answer(&ctx, |_| Ok(0))
    }
}

/// A queue as the fake lists it: `name` in `ctx`'s account `account`, with these attributes
/// (the counts, and whatever the test adds).
pub fn queue(region: &str, account: &str, name: &str, counts: [i64; 3]) -> Queue {
    let mut q = Queue::new(&format!(
        "https://sqs.{region}.amazonaws.com/{account}/{name}"
    ));
    let attrs = &mut q.attributes;
    attrs.insert(
        "QueueArn".into(),
        format!("arn:aws:sqs:{region}:{account}:{name}"),
    );
    attrs.insert("ApproximateNumberOfMessages".into(), counts[0].to_string());
    attrs.insert(
        "ApproximateNumberOfMessagesNotVisible".into(),
        counts[1].to_string(),
    );
    attrs.insert(
        "ApproximateNumberOfMessagesDelayed".into(),
        counts[2].to_string(),
    );
    attrs.insert("MessageRetentionPeriod".into(), "345600".into());
    attrs.insert("VisibilityTimeout".into(), "30".into());
    attrs.insert("CreatedTimestamp".into(), "1763856000".into());
    if name.ends_with(".fifo") {
        attrs.insert("FifoQueue".into(), "true".into());
    }
    q
}
