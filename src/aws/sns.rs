//! SNS: topics (ListTopics, one page of ARNs; the subscription counts are each topic's
//! GetTopicAttributes, which the list asks after its rows show), a topic's subscriptions, one subscription's attributes, and
//! Publish (sent once). SDK types stop here.

use super::PageFuture;
use super::attributes::{self, Attributes};
use super::error::AwsError;
use super::once::once;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_sns::types::MessageAttributeValue;
use futures::StreamExt;
use futures::future::BoxFuture;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topic {
    pub arn: String,
    /// Every attribute as SNS gave it; empty when they could not be read.
    pub attributes: BTreeMap<String, String>,
    pub error: Option<String>,
}

impl attributes::HasAttributes for Topic {
    fn attributes_key(&self) -> &str {
        &self.arn
    }

    fn attribute_slots(&mut self) -> (&mut Attributes, &mut Option<String>) {
        (&mut self.attributes, &mut self.error)
    }
}

impl Topic {
    pub fn new(arn: &str) -> Topic {
        Topic {
            arn: arn.to_string(),
            ..Topic::default()
        }
    }

    /// The ARN's last part.
    pub fn name(&self) -> &str {
        self.arn.rsplit(':').next().unwrap_or(&self.arn)
    }

    fn number(&self, key: &str) -> Option<i64> {
        attributes::number(&self.attributes, key)
    }

    pub fn confirmed(&self) -> Option<i64> {
        self.number("SubscriptionsConfirmed")
    }

    pub fn pending(&self) -> Option<i64> {
        self.number("SubscriptionsPending")
    }

    pub fn fifo(&self) -> bool {
        attributes::fifo(&self.attributes, "FifoTopic", self.name())
    }

    pub fn content_based_dedup(&self) -> bool {
        attributes::flag(&self.attributes, "ContentBasedDeduplication")
    }

    pub fn display_name(&self) -> &str {
        self.attributes
            .get("DisplayName")
            .map(String::as_str)
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscription {
    /// `PendingConfirmation` until the endpoint confirms (then the subscription's ARN).
    pub arn: String,
    pub protocol: String,
    pub endpoint: String,
    pub owner: String,
    /// GetSubscriptionAttributes (confirmed subscriptions only: a pending one has no ARN).
    pub attributes: BTreeMap<String, String>,
}

impl Subscription {
    pub fn pending(&self) -> bool {
        !self.arn.starts_with("arn:")
    }

    pub fn raw_delivery(&self) -> bool {
        self.attributes
            .get("RawMessageDelivery")
            .is_some_and(|v| v == "true")
    }

    pub fn filter_policy(&self) -> Option<&str> {
        self.attributes
            .get("FilterPolicy")
            .map(String::as_str)
            .filter(|p| !p.trim().is_empty())
    }
}

/// What Publish sends.
#[derive(Clone, PartialEq, Eq)]
pub struct Publication {
    pub subject: Option<String>,
    pub body: String,
    /// String message attributes: name → value.
    pub attributes: BTreeMap<String, String>,
    /// FIFO topics.
    pub group_id: Option<String>,
    pub dedup_id: Option<String>,
}

/// The body stays out of debug output (logs, request traces).
impl std::fmt::Debug for Publication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publication")
            .field("subject", &self.subject)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("attributes", &self.attributes.keys().collect::<Vec<_>>())
            .field("group_id", &self.group_id)
            .finish()
    }
}

/// GetSubscriptionAttributes calls in flight at once for one topic's subscriptions.
const SUBSCRIPTION_ATTRIBUTES_AT_ONCE: usize = 10;

/// Subscriptions read per topic at most (100 a page).
pub const SUBSCRIPTION_CAP: usize = 1000;

pub trait SnsApi: Send + Sync {
    /// One page of ListTopics: the topics by ARN, their attributes not read.
    fn topics_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Topic>;
    /// GetTopicAttributes of one topic.
    fn topic_attributes(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>>;
    /// The topic's subscriptions (at most `SUBSCRIPTION_CAP`), and whether there were more.
    fn subscriptions(
        &self,
        ctx: ContextKey,
        topic: String,
    ) -> BoxFuture<'static, Result<(Vec<Subscription>, bool), AwsError>>;
    /// Publish, sent once; the message id.
    fn publish(
        &self,
        ctx: ContextKey,
        topic: String,
        message: Publication,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
}

pub struct SdkSns {
    configs: Arc<SdkConfigs>,
}

impl SdkSns {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkSns { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_sns::Client {
    aws_sdk_sns::Client::new(&configs.get(ctx).await)
}

impl SnsApi for SdkSns {
    fn topics_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Topic> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .list_topics()
                .set_next_token(token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let topics = out
                .topics()
                .iter()
                .filter_map(|t| t.topic_arn().map(Topic::new))
                .collect();
            Ok(Page::new(topics, out.next_token().map(str::to_owned)))
        })
    }

    fn topic_attributes(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { topic_attributes(&client(&configs, &ctx).await, &arn).await })
    }

    fn subscriptions(
        &self,
        ctx: ContextKey,
        topic: String,
    ) -> BoxFuture<'static, Result<(Vec<Subscription>, bool), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { subscriptions(&client(&configs, &ctx).await, &topic).await })
    }

    fn publish(
        &self,
        ctx: ContextKey,
        topic: String,
        message: Publication,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { publish(&client(&configs, &ctx).await, topic, message).await })
    }
}

/// Publish, sent once; the message id.
pub async fn publish(
    sns: &aws_sdk_sns::Client,
    topic: String,
    message: Publication,
) -> Result<String, AwsError> {
    {
        {
            let mut call = sns
                .publish()
                .topic_arn(topic)
                .message(message.body)
                .set_subject(message.subject)
                .set_message_group_id(message.group_id)
                .set_message_deduplication_id(message.dedup_id);
            for (name, value) in message.attributes {
                let value = MessageAttributeValue::builder()
                    .data_type("String")
                    .string_value(value)
                    .build()
                    .map_err(|e| AwsError::new(super::ErrorKind::Config, e.to_string()))?;
                call = call.message_attributes(name, value);
            }
            let out = call
                .customize()
                .config_override(once!(aws_sdk_sns))
                .send()
                .await
                .map_err(publish_error)?;
            Ok(out.message_id().unwrap_or_default().to_string())
        }
    }
}

/// A Publish error with its real cause. An endpoint may answer an error in JSON where SNS
/// speaks XML (moto does when a Lambda subscriber does not exist: HTTP 404,
/// `{"__type": "ResourceNotFoundException", "message": "Function not found: …"}`); the SDK
/// then reports only "error parsing XML: no root element", so the body is read here.
fn publish_error(
    err: aws_smithy_runtime_api::client::result::SdkError<
        aws_sdk_sns::operation::publish::PublishError,
        aws_smithy_runtime_api::http::Response,
    >,
) -> AwsError {
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;
    let json = err
        .as_service_error()
        .filter(|e| e.code().is_none() && e.message().is_none())
        .and(err.raw_response())
        .and_then(|raw| raw.body().bytes())
        .and_then(|body| serde_json::from_slice::<serde_json::Value>(body).ok());
    let Some(json) = json else {
        return AwsError::from_sdk(err);
    };
    let text = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let Some(message) = text("message").or_else(|| text("Message")) else {
        return AwsError::from_sdk(err);
    };
    // `com.amazonaws.lambda#ResourceNotFoundException` → its last part.
    let code = text("__type").map(|t| t.rsplit('#').next().unwrap_or(&t).to_string());
    let kind = match code.as_deref() {
        Some(c) if c.ends_with("NotFoundException") || c.ends_with("NotFound") => {
            super::ErrorKind::NotFound
        }
        _ => super::ErrorKind::Service,
    };
    AwsError {
        kind,
        code,
        message,
    }
}

async fn topic_attributes(sns: &aws_sdk_sns::Client, arn: &str) -> Result<Attributes, AwsError> {
    let out = sns
        .get_topic_attributes()
        .topic_arn(arn)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out
        .attributes()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect())
}

pub async fn subscriptions(
    sns: &aws_sdk_sns::Client,
    topic: &str,
) -> Result<(Vec<Subscription>, bool), AwsError> {
    let mut all = Vec::new();
    let mut token = None;
    loop {
        let out = sns
            .list_subscriptions_by_topic()
            .topic_arn(topic)
            .set_next_token(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        all.extend(out.subscriptions().iter().map(|s| Subscription {
            arn: s.subscription_arn().unwrap_or_default().to_string(),
            protocol: s.protocol().unwrap_or_default().to_string(),
            endpoint: s.endpoint().unwrap_or_default().to_string(),
            owner: s.owner().unwrap_or_default().to_string(),
            attributes: BTreeMap::new(),
        }));
        token = out.next_token().map(str::to_owned);
        if token.is_none() || all.len() >= SUBSCRIPTION_CAP {
            break;
        }
    }
    let more = token.is_some();
    // Raw delivery and the filter policy are attributes of each subscription: read at most
    // `CONCURRENCY` at once; one that cannot be read keeps its row without them.
    let read = all.into_iter().map(|mut s| async move {
        if !s.pending()
            && let Ok(out) = sns
                .get_subscription_attributes()
                .subscription_arn(&s.arn)
                .send()
                .await
        {
            s.attributes = out
                .attributes()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
        }
        s
    });
    let all = futures::stream::iter(read)
        .buffered(SUBSCRIPTION_ATTRIBUTES_AT_ONCE)
        .collect()
        .await;
    Ok((all, more))
}

#[cfg(test)]
mod tests {
    //! Publish against recorded answers: moto's JSON error for a missing Lambda subscriber.
    use super::*;
    use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};
    use aws_smithy_runtime_api::http::{Response, StatusCode};
    use aws_smithy_types::body::SdkBody;

    fn answering(status: u16, body: &'static str) -> aws_sdk_sns::Client {
        let rule = mock!(aws_sdk_sns::Client::publish).then_http_response(move || {
            Response::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body))
        });
        let config = aws_sdk_sns::Config::builder()
            .behavior_version(aws_sdk_sns::config::BehaviorVersion::latest())
            .region(aws_sdk_sns::config::Region::new("eu-west-1"))
            .credentials_provider(aws_sdk_sns::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .interceptor(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::MatchAny)
                    .with_rule(&rule),
            )
            .build();
        aws_sdk_sns::Client::from_conf(config)
    }

    fn hello() -> Publication {
        Publication {
            subject: None,
            body: "hello".into(),
            attributes: BTreeMap::new(),
            group_id: None,
            dedup_id: None,
        }
    }

    const TOPIC: &str = "arn:aws:sns:eu-west-1:123456789012:deploys";

    /// What moto 5.2.5 answers (checked with boto3) when a Lambda subscriber is missing.
    #[tokio::test]
    async fn a_json_error_where_xml_was_expected_says_its_real_cause() {
        let sns = answering(
            404,
            r#"{"__type": "ResourceNotFoundException", "message": "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope"}"#,
        );
        let e = publish(&sns, TOPIC.into(), hello()).await.unwrap_err();
        assert_eq!(e.code.as_deref(), Some("ResourceNotFoundException"));
        assert_eq!(
            e.summary(),
            "ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope"
        );
        assert!(!e.summary().contains("XML"), "{}", e.summary());
    }

    #[tokio::test]
    async fn an_sns_error_is_the_services_own() {
        let sns = answering(
            404,
            "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>\
             <Message>Topic does not exist</Message></Error></ErrorResponse>",
        );
        let e = publish(&sns, TOPIC.into(), hello()).await.unwrap_err();
        assert_eq!(e.summary(), "NotFound: Topic does not exist");
    }
}
