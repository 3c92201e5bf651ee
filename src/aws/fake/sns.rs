//! SNS in memory for the views: topics and subscriptions per context (`profile` or
//! `profile@region` keys), every publish recorded for the test.

use crate::aws::PageFuture;
use crate::aws::attributes::Attributes;
use crate::aws::error::AwsError;
use crate::aws::sdk::ContextKey;
use crate::aws::sns::{Publication, SnsApi, Subscription, Topic};
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct SnsData {
    pub topics: Vec<Topic>,
    /// By topic ARN.
    pub subscriptions: HashMap<String, Vec<Subscription>>,
}

#[derive(Default)]
pub struct FakeSns {
    pub data: SnsData,
    pub by_context: HashMap<String, SnsData>,
    pub failing: HashMap<String, AwsError>,
    pub page_size: usize,
    /// `Publish topic subject|body|attributes|group` of every publish.
    pub published: Arc<Mutex<Vec<String>>>,
    pub crashes: super::Crashes,
}

impl FakeSns {
    pub fn with(data: SnsData) -> FakeSns {
        FakeSns {
            data,
            ..FakeSns::default()
        }
    }

    pub fn context(mut self, key: &str, data: SnsData) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<&SnsData, AwsError> {
        super::per_context::lookup(ctx, &self.data, &self.by_context, &self.failing)
    }
}

impl SnsApi for FakeSns {
    fn topics_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Topic> {
        self.crashes.check("topics_page");
        // As ListTopics: ARNs only, the attributes are a call of their own.
        let all = self
            .at(&ctx)
            .map(|d| d.topics.iter().map(|t| Topic::new(&t.arn)).collect());
        super::per_context::paged(all, self.page_size, token)
    }

    fn topic_attributes(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Attributes, AwsError>> {
        let answer = self.at(&ctx).and_then(|d| {
            let topic = d
                .topics
                .iter()
                .find(|t| t.arn == arn)
                .ok_or_else(|| AwsError {
                    kind: crate::aws::ErrorKind::NotFound,
                    code: Some("NotFound".into()),
                    message: format!("Topic does not exist: {arn}"),
                })?;
            match &topic.error {
                Some(e) => Err(AwsError {
                    kind: crate::aws::ErrorKind::Service,
                    code: None,
                    message: e.clone(),
                }),
                None => Ok(topic.attributes.clone()),
            }
        });
        Box::pin(async move { answer })
    }

    fn subscriptions(
        &self,
        ctx: ContextKey,
        topic: String,
    ) -> BoxFuture<'static, Result<(Vec<Subscription>, bool), AwsError>> {
        let answer = self.at(&ctx).map(|d| {
            (
                d.subscriptions.get(&topic).cloned().unwrap_or_default(),
                false,
            )
        });
        Box::pin(async move { answer })
    }

    fn publish(
        &self,
        ctx: ContextKey,
        topic: String,
        message: Publication,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let answer = self.at(&ctx).map(|_| "fake-published-1".to_string());
        if answer.is_ok() {
            let attributes: Vec<String> = message
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            self.published
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(format!(
                    "Publish {topic} {}|{}|{}|{}",
                    message.subject.as_deref().unwrap_or("-"),
                    message.body,
                    attributes.join(","),
                    message.group_id.as_deref().unwrap_or("-")
                ));
        }
        Box::pin(async move { answer })
    }
}

/// A topic as the fake lists it, with its counts.
pub fn topic(region: &str, account: &str, name: &str, confirmed: i64, pending: i64) -> Topic {
    let mut t = Topic::new(&format!("arn:aws:sns:{region}:{account}:{name}"));
    let a = &mut t.attributes;
    a.insert("TopicArn".into(), t.arn.clone());
    a.insert("SubscriptionsConfirmed".into(), confirmed.to_string());
    a.insert("SubscriptionsPending".into(), pending.to_string());
    a.insert("SubscriptionsDeleted".into(), "0".into());
    a.insert("DisplayName".into(), String::new());
    if name.ends_with(".fifo") {
        a.insert("FifoTopic".into(), "true".into());
    }
    t
}
