//! SQS: queues (ListQueues, one page of names; each queue's attributes are a call of their
//! own, GetQueueAttributes, which the list asks after its rows show), one queue's details (attributes, policies, tags, the queues that use it as
//! their DLQ), peeking messages, and the writes — SendMessage, PurgeQueue and the message
//! move task (a DLQ redriven back to its sources) — each sent once. SDK types stop here.

use super::PageFuture;
use super::attributes::{self, Attributes};
use super::error::AwsError;
use super::once::once;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};
use futures::future::BoxFuture;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The redrive policy of a queue: where its failed messages go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redrive {
    pub target_arn: String,
    pub max_receive: Option<i64>,
}

impl Redrive {
    /// The DLQ's name: the ARN's last part.
    pub fn target_name(&self) -> &str {
        self.target_arn
            .rsplit(':')
            .next()
            .unwrap_or(&self.target_arn)
    }
}

/// One queue as listed, with the attributes the list shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub url: String,
    pub name: String,
    /// Every attribute as SQS gave it (`All`), for the details; empty when they could not
    /// be read.
    pub attributes: BTreeMap<String, String>,
    /// Why the attributes could not be read (the queue was deleted meanwhile, access).
    pub error: Option<String>,
}

impl attributes::HasAttributes for Queue {
    fn attributes_key(&self) -> &str {
        &self.url
    }

    fn attribute_slots(&mut self) -> (&mut Attributes, &mut Option<String>) {
        (&mut self.attributes, &mut self.error)
    }
}

impl Queue {
    pub fn new(url: &str) -> Queue {
        Queue {
            url: url.to_string(),
            name: name_of(url).to_string(),
            ..Queue::default()
        }
    }

    fn number(&self, key: &str) -> Option<i64> {
        attributes::number(&self.attributes, key)
    }

    pub fn arn(&self) -> Option<&str> {
        self.attributes.get("QueueArn").map(String::as_str)
    }

    pub fn visible(&self) -> Option<i64> {
        self.number("ApproximateNumberOfMessages")
    }

    pub fn in_flight(&self) -> Option<i64> {
        self.number("ApproximateNumberOfMessagesNotVisible")
    }

    pub fn delayed(&self) -> Option<i64> {
        self.number("ApproximateNumberOfMessagesDelayed")
    }

    pub fn retention_secs(&self) -> Option<i64> {
        self.number("MessageRetentionPeriod")
    }

    pub fn created(&self) -> Option<i64> {
        self.number("CreatedTimestamp")
    }

    /// FIFO by its attribute, or by the name when the attributes are not in.
    pub fn fifo(&self) -> bool {
        attributes::fifo(&self.attributes, "FifoQueue", &self.name)
    }

    pub fn content_based_dedup(&self) -> bool {
        attributes::flag(&self.attributes, "ContentBasedDeduplication")
    }

    pub fn redrive(&self) -> Option<Redrive> {
        let policy: serde_json::Value =
            serde_json::from_str(self.attributes.get("RedrivePolicy")?).ok()?;
        let target_arn = policy.get("deadLetterTargetArn")?.as_str()?.to_string();
        let max_receive = match policy.get("maxReceiveCount") {
            Some(serde_json::Value::Number(n)) => n.as_i64(),
            Some(serde_json::Value::String(s)) => s.parse().ok(),
            _ => None,
        };
        Some(Redrive {
            target_arn,
            max_receive,
        })
    }
}

/// The queue's name: the URL's last path part.
pub fn name_of(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or(url)
}

/// What the details add to the listed attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueDetails {
    pub queue: Queue,
    pub tags: BTreeMap<String, String>,
    /// URLs of the queues whose redrive policy names this one (it is their DLQ).
    pub sources: Vec<String>,
}

/// One message as received (never deleted: a peek).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Message {
    pub id: String,
    pub body: String,
    /// Milliseconds since the epoch.
    pub sent: Option<i64>,
    pub receive_count: Option<i64>,
    /// System attributes (SentTimestamp, MessageGroupId…), by name.
    pub attributes: BTreeMap<String, String>,
    /// Message attributes: name → (type, value as text).
    pub message_attributes: BTreeMap<String, (String, String)>,
}

/// What SendMessage sends.
#[derive(Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub body: String,
    /// FIFO queues: the message group.
    pub group_id: Option<String>,
    /// FIFO queues without content-based deduplication.
    pub dedup_id: Option<String>,
}

/// The body stays out of debug output (logs, request traces).
impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("group_id", &self.group_id)
            .field("dedup_id", &self.dedup_id)
            .finish()
    }
}

/// A message move task (a DLQ redriven), as ListMessageMoveTasks reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveTask {
    pub handle: Option<String>,
    /// RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED.
    pub status: String,
    pub source_arn: String,
    /// `None`: each message back to the queue it came from.
    pub destination_arn: Option<String>,
    pub moved: i64,
    pub to_move: Option<i64>,
    pub failure: Option<String>,
    /// Milliseconds since the epoch.
    pub started: i64,
}

impl MoveTask {
    /// Still moving: poll again.
    pub fn running(&self) -> bool {
        matches!(self.status.as_str(), "RUNNING" | "CANCELLING")
    }
}

pub trait SqsApi: Send + Sync {
    /// One page of ListQueues: the queues by URL and name, their attributes not read.
    fn queues_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Queue>;
    /// GetQueueAttributes (All) of one queue.
    fn attributes(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>>;
    fn details(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<QueueDetails, AwsError>>;
    /// ReceiveMessage with VisibilityTimeout 0: the messages stay visible, but each receive
    /// counts (and can move a message to the DLQ at maxReceiveCount).
    fn peek(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Vec<Message>, AwsError>>;
    /// SendMessage, sent once; the message id.
    fn send(
        &self,
        ctx: ContextKey,
        url: String,
        message: Outgoing,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// PurgeQueue, sent once.
    fn purge(&self, ctx: ContextKey, url: String) -> BoxFuture<'static, Result<(), AwsError>>;
    /// StartMessageMoveTask from a DLQ, sent once; the task handle.
    fn start_move(
        &self,
        ctx: ContextKey,
        source_arn: String,
        destination_arn: Option<String>,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// ListMessageMoveTasks of a DLQ, newest first.
    fn move_tasks(
        &self,
        ctx: ContextKey,
        source_arn: String,
    ) -> BoxFuture<'static, Result<Vec<MoveTask>, AwsError>>;
    /// CancelMessageMoveTask; how many were moved by then.
    fn cancel_move(
        &self,
        ctx: ContextKey,
        handle: String,
    ) -> BoxFuture<'static, Result<i64, AwsError>>;
}

pub struct SdkSqs {
    configs: Arc<SdkConfigs>,
}

impl SdkSqs {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkSqs { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_sqs::Client {
    aws_sdk_sqs::Client::new(&configs.get(ctx).await)
}

/// ListQueues' largest page.
const QUEUES_PER_CALL: i32 = 1000;

impl SqsApi for SdkSqs {
    fn queues_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Queue> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .list_queues()
                .max_results(QUEUES_PER_CALL)
                .set_next_token(token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let queues = out.queue_urls().iter().map(|url| Queue::new(url)).collect();
            Ok(Page::new(queues, out.next_token().map(str::to_owned)))
        })
    }

    fn attributes(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { read_attributes(&client(&configs, &ctx).await, &url).await })
    }

    fn details(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<QueueDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { details(&client(&configs, &ctx).await, &url).await })
    }

    fn peek(
        &self,
        ctx: ContextKey,
        url: String,
    ) -> BoxFuture<'static, Result<Vec<Message>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { peek(&client(&configs, &ctx).await, &url).await })
    }

    fn send(
        &self,
        ctx: ContextKey,
        url: String,
        message: Outgoing,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .send_message()
                .queue_url(url)
                .message_body(message.body)
                .set_message_group_id(message.group_id)
                .set_message_deduplication_id(message.dedup_id)
                .customize()
                .config_override(once!(aws_sdk_sqs))
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out.message_id().unwrap_or_default().to_string())
        })
    }

    fn purge(&self, ctx: ContextKey, url: String) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            client(&configs, &ctx)
                .await
                .purge_queue()
                .queue_url(url)
                .customize()
                .config_override(once!(aws_sdk_sqs))
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(())
        })
    }

    fn start_move(
        &self,
        ctx: ContextKey,
        source_arn: String,
        destination_arn: Option<String>,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            start_move(&client(&configs, &ctx).await, source_arn, destination_arn).await
        })
    }

    fn move_tasks(
        &self,
        ctx: ContextKey,
        source_arn: String,
    ) -> BoxFuture<'static, Result<Vec<MoveTask>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { move_tasks(&client(&configs, &ctx).await, source_arn).await })
    }

    fn cancel_move(
        &self,
        ctx: ContextKey,
        handle: String,
    ) -> BoxFuture<'static, Result<i64, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .cancel_message_move_task()
                .task_handle(handle)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out.approximate_number_of_messages_moved())
        })
    }
}

async fn read_attributes(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<Attributes, AwsError> {
    let out = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out
        .attributes()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str().to_string(), v.clone()))
        .collect())
}

/// The queue's attributes, tags and DLQ sources, read side by side.
pub async fn details(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<QueueDetails, AwsError> {
    let tags = async {
        let out = sqs
            .list_queue_tags()
            .queue_url(url)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        Ok::<_, AwsError>(
            out.tags()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        )
    };
    let sources = async {
        let mut urls = Vec::new();
        let mut token = None;
        // A DLQ rarely has many sources; 10 pages of 1,000 is far beyond any real one.
        for _ in 0..10 {
            let out = sqs
                .list_dead_letter_source_queues()
                .queue_url(url)
                .max_results(1000)
                .set_next_token(token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            urls.extend(out.queue_urls().iter().cloned());
            token = out.next_token().map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        Ok::<_, AwsError>(urls)
    };
    let (attributes, tags, sources) = futures::join!(read_attributes(sqs, url), tags, sources);
    let mut queue = Queue::new(url);
    queue.attributes = attributes?;
    Ok(QueueDetails {
        queue,
        tags: tags?,
        sources: sources?,
    })
}

/// ReceiveMessage's most per call.
pub const PEEK_MAX: i32 = 10;

pub async fn peek(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<Vec<Message>, AwsError> {
    let out = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(PEEK_MAX)
        // Left visible to every consumer: nothing is taken away from them.
        .visibility_timeout(0)
        .wait_time_seconds(0)
        .message_system_attribute_names(MessageSystemAttributeName::All)
        .message_attribute_names("All")
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out.messages().iter().map(message).collect())
}

fn message(m: &aws_sdk_sqs::types::Message) -> Message {
    let attributes: BTreeMap<String, String> = m
        .attributes()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str().to_string(), v.clone()))
        .collect();
    let number = |key: &str| attributes.get(key).and_then(|v| v.parse().ok());
    Message {
        id: m.message_id().unwrap_or_default().to_string(),
        body: m.body().unwrap_or_default().to_string(),
        sent: number("SentTimestamp"),
        receive_count: number("ApproximateReceiveCount"),
        message_attributes: m
            .message_attributes()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                let value = match (v.string_value(), v.binary_value()) {
                    (Some(s), _) => s.to_string(),
                    (None, Some(b)) => format!("<{} bytes>", b.as_ref().len()),
                    (None, None) => String::new(),
                };
                (k.clone(), (v.data_type().to_string(), value))
            })
            .collect(),
        attributes,
    }
}

/// How a message-move error starts when the endpoint has no such API (moto, some
/// SQS-compatible services): `moves_unsupported` knows it by this.
const MOVES_UNSUPPORTED: &str = "this endpoint does not support message moves";

/// Error codes of an endpoint that does not know the operation at all.
const UNKNOWN_OPERATION: &[&str] = &[
    "UnknownOperationException",
    "UnknownOperation",
    "InvalidAction",
    "NotImplemented",
];

/// Whether a message-move call failed because the endpoint has no message-move API: then
/// there is nothing to poll and nothing to retry.
pub fn moves_unsupported(e: &AwsError) -> bool {
    e.message.starts_with(MOVES_UNSUPPORTED)
}

/// The error an endpoint without the message-move API gets for `operation`.
pub fn moves_unsupported_error(operation: &str) -> AwsError {
    AwsError::new(
        super::ErrorKind::Service,
        format!("{MOVES_UNSUPPORTED} ({operation})"),
    )
}

/// A message-move error in plain words. An endpoint without the API answers an
/// unknown-operation code, or an error page that is no SQS answer at all (moto: HTTP 500 with
/// HTML, which the SDK reports as "unexpected token '<'"); any other error is the service's own.
fn move_error<E>(
    operation: &str,
    err: aws_smithy_runtime_api::client::result::SdkError<
        E,
        aws_smithy_runtime_api::http::Response,
    >,
) -> AwsError
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata
        + std::error::Error
        + Send
        + Sync
        + 'static,
{
    let unsupported = match &err {
        aws_smithy_runtime_api::client::result::SdkError::ServiceError(service) => {
            match (service.err().code(), service.err().message()) {
                (Some(code), _) => UNKNOWN_OPERATION.contains(&code),
                // Neither code nor message: the error answer did not parse as SQS's.
                (None, None) => {
                    service.raw().status().is_client_error()
                        || service.raw().status().is_server_error()
                }
                (None, Some(_)) => false,
            }
        }
        aws_smithy_runtime_api::client::result::SdkError::ResponseError(r) => {
            r.raw().status().is_client_error() || r.raw().status().is_server_error()
        }
        _ => false,
    };
    if unsupported {
        moves_unsupported_error(operation)
    } else {
        AwsError::from_sdk(err)
    }
}

pub async fn start_move(
    sqs: &aws_sdk_sqs::Client,
    source_arn: String,
    destination_arn: Option<String>,
) -> Result<String, AwsError> {
    let out = sqs
        .start_message_move_task()
        .source_arn(source_arn)
        .set_destination_arn(destination_arn)
        .customize()
        .config_override(once!(aws_sdk_sqs))
        .send()
        .await
        .map_err(|e| move_error("StartMessageMoveTask", e))?;
    Ok(out.task_handle().unwrap_or_default().to_string())
}

pub async fn move_tasks(
    sqs: &aws_sdk_sqs::Client,
    source_arn: String,
) -> Result<Vec<MoveTask>, AwsError> {
    let out = sqs
        .list_message_move_tasks()
        .source_arn(source_arn)
        .max_results(10)
        .send()
        .await
        .map_err(|e| move_error("ListMessageMoveTasks", e))?;
    Ok(out
        .results()
        .iter()
        .map(|t| MoveTask {
            handle: t.task_handle().map(str::to_owned),
            status: t.status().unwrap_or_default().to_string(),
            source_arn: t.source_arn().unwrap_or_default().to_string(),
            destination_arn: t.destination_arn().map(str::to_owned),
            moved: t.approximate_number_of_messages_moved(),
            to_move: t.approximate_number_of_messages_to_move(),
            failure: t.failure_reason().map(str::to_owned),
            started: t.started_timestamp(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    //! The message move task on `aws-smithy-mocks`: moto 5.2.5 has no message-move API.
    use super::*;
    use aws_sdk_sqs::operation::list_message_move_tasks::ListMessageMoveTasksOutput;
    use aws_sdk_sqs::operation::start_message_move_task::StartMessageMoveTaskOutput;
    use aws_sdk_sqs::types::ListMessageMoveTasksResultEntry;
    use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};

    fn client(interceptor: MockResponseInterceptor) -> aws_sdk_sqs::Client {
        let config = aws_sdk_sqs::Config::builder()
            .behavior_version(aws_sdk_sqs::config::BehaviorVersion::latest())
            .region(aws_sdk_sqs::config::Region::new("eu-west-1"))
            .credentials_provider(aws_sdk_sqs::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .interceptor(interceptor)
            .build();
        aws_sdk_sqs::Client::from_conf(config)
    }

    const DLQ: &str = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq";

    fn entry(status: &str, moved: i64, failure: Option<&str>) -> ListMessageMoveTasksResultEntry {
        ListMessageMoveTasksResultEntry::builder()
            .task_handle("handle-1")
            .status(status)
            .source_arn(DLQ)
            .approximate_number_of_messages_moved(moved)
            .approximate_number_of_messages_to_move(40)
            .set_failure_reason(failure.map(str::to_owned))
            .started_timestamp(1_763_856_000_000)
            .build()
    }

    #[tokio::test]
    async fn a_redrive_starts_then_reports_progress_until_completed() {
        let start = mock!(aws_sdk_sqs::Client::start_message_move_task)
            .match_requests(|r| r.source_arn() == Some(DLQ) && r.destination_arn().is_none())
            .then_output(|| {
                StartMessageMoveTaskOutput::builder()
                    .task_handle("handle-1")
                    .build()
            });
        let running = mock!(aws_sdk_sqs::Client::list_message_move_tasks)
            .match_requests(|r| r.source_arn() == Some(DLQ))
            .then_output(|| {
                ListMessageMoveTasksOutput::builder()
                    .results(entry("RUNNING", 12, None))
                    .build()
            });
        let completed = mock!(aws_sdk_sqs::Client::list_message_move_tasks).then_output(|| {
            ListMessageMoveTasksOutput::builder()
                .results(entry("COMPLETED", 40, None))
                .build()
        });
        let sqs = client(
            MockResponseInterceptor::new()
                .rule_mode(RuleMode::Sequential)
                .with_rule(&start)
                .with_rule(&running)
                .with_rule(&completed),
        );
        assert_eq!(
            start_move(&sqs, DLQ.into(), None).await.unwrap(),
            "handle-1"
        );
        let first = move_tasks(&sqs, DLQ.into()).await.unwrap();
        assert_eq!((first[0].moved, first[0].to_move), (12, Some(40)));
        assert!(first[0].running());
        let last = move_tasks(&sqs, DLQ.into()).await.unwrap();
        assert_eq!(last[0].status, "COMPLETED");
        assert!(!last[0].running());
    }

    #[tokio::test]
    async fn a_failed_redrive_says_why() {
        let failed = mock!(aws_sdk_sqs::Client::list_message_move_tasks).then_output(|| {
            ListMessageMoveTasksOutput::builder()
                .results(entry(
                    "FAILED",
                    3,
                    Some("AWS.SimpleQueueService.NonExistentQueue"),
                ))
                .build()
        });
        let sqs = client(MockResponseInterceptor::new().with_rule(&failed));
        let tasks = move_tasks(&sqs, DLQ.into()).await.unwrap();
        assert_eq!(tasks[0].status, "FAILED");
        assert_eq!(
            tasks[0].failure.as_deref(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        assert!(!tasks[0].running());
    }

    #[tokio::test]
    async fn a_second_redrive_while_one_runs_is_refused_as_aws_says() {
        let refused = mock!(aws_sdk_sqs::Client::start_message_move_task).then_error(|| {
            aws_sdk_sqs::operation::start_message_move_task::StartMessageMoveTaskError::UnsupportedOperation(
                // With the metadata a real answer carries (a parsed error has a code).
                aws_sdk_sqs::types::error::UnsupportedOperation::builder()
                    .message("There is already a task running")
                    .meta(
                        aws_smithy_types::error::ErrorMetadata::builder()
                            .code("AWS.SimpleQueueService.UnsupportedOperation")
                            .message("There is already a task running")
                            .build(),
                    )
                    .build(),
            )
        });
        let sqs = client(MockResponseInterceptor::new().with_rule(&refused));
        let e = start_move(&sqs, DLQ.into(), None).await.unwrap_err();
        assert!(
            e.summary().contains("already a task running"),
            "{}",
            e.summary()
        );
    }

    /// An SQS client whose every answer is `status` with `body`, retries off (a 500 is
    /// retried otherwise, and each try would take the next rule).
    fn answering(status: u16, body: &'static str) -> aws_sdk_sqs::Client {
        use aws_smithy_runtime_api::http::{Response, StatusCode};
        use aws_smithy_types::body::SdkBody;
        let answer =
            move || Response::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body));
        let start = mock!(aws_sdk_sqs::Client::start_message_move_task).then_http_response(answer);
        let list = mock!(aws_sdk_sqs::Client::list_message_move_tasks).then_http_response(answer);
        let config = aws_sdk_sqs::Config::builder()
            .behavior_version(aws_sdk_sqs::config::BehaviorVersion::latest())
            .region(aws_sdk_sqs::config::Region::new("eu-west-1"))
            .credentials_provider(aws_sdk_sqs::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .interceptor(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::MatchAny)
                    .with_rule(&start)
                    .with_rule(&list),
            )
            .build();
        aws_sdk_sqs::Client::from_conf(config)
    }

    /// moto 5.2.5 answers both calls with Flask's HTML error page (HTTP 500).
    const HTML_500: &str = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n";

    #[tokio::test]
    async fn an_endpoint_without_message_moves_is_said_plainly() {
        let sqs = answering(500, HTML_500);
        let e = start_move(&sqs, DLQ.into(), None).await.unwrap_err();
        assert_eq!(
            e.summary(),
            "this endpoint does not support message moves (StartMessageMoveTask)"
        );
        assert!(moves_unsupported(&e));
        let e = move_tasks(&sqs, DLQ.into()).await.unwrap_err();
        assert!(moves_unsupported(&e), "{e:?}");
        assert!(
            e.summary().contains("ListMessageMoveTasks"),
            "{}",
            e.summary()
        );
        assert!(!e.summary().contains('<'), "{}", e.summary());
        // An unknown-operation code says the same.
        let sqs = answering(
            400,
            r#"{"__type":"com.amazonaws.sqs#UnknownOperationException","message":"nope"}"#,
        );
        let e = move_tasks(&sqs, DLQ.into()).await.unwrap_err();
        assert!(moves_unsupported(&e), "{e:?}");
    }

    #[tokio::test]
    async fn any_other_move_error_is_the_services_own() {
        let sqs = answering(
            400,
            r#"{"__type":"com.amazonaws.sqs#ResourceNotFoundException","message":"The resource that you specified for the SourceArn parameter doesn't exist."}"#,
        );
        let e = move_tasks(&sqs, DLQ.into()).await.unwrap_err();
        assert!(!moves_unsupported(&e), "{e:?}");
        assert!(
            e.summary().contains("SourceArn parameter doesn't exist"),
            "{}",
            e.summary()
        );
        let e = start_move(&sqs, DLQ.into(), None).await.unwrap_err();
        assert!(!moves_unsupported(&e), "{e:?}");
    }

    #[test]
    fn the_redrive_policy_names_the_dlq_and_the_count() {
        let mut q = Queue::new("https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
        q.attributes.insert(
            "RedrivePolicy".into(),
            format!(r#"{{"deadLetterTargetArn":"{DLQ}","maxReceiveCount":"5"}}"#),
        );
        let r = q.redrive().unwrap();
        assert_eq!((r.target_name(), r.max_receive), ("orders-dlq", Some(5)));
        assert_eq!(q.name, "orders");
        assert!(!q.fifo());
    }
}
