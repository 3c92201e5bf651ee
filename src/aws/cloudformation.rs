//! CloudFormation: stacks listed page by page, one stack's events, resources, outputs,
//! parameters and template, and the three writes a troubleshooter needs (delete, continue a
//! failed update rollback, cancel an update). SDK types stop here.

use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

/// One stack as the list shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stack {
    pub name: String,
    /// The stack's ARN (its id): unique even among deleted stacks of the same name.
    pub id: String,
    pub status: String,
    pub reason: Option<String>,
    /// Seconds since the epoch of the last change: deletion, else update, else creation.
    pub changed: Option<i64>,
    /// `IN_SYNC`, `DRIFTED`, `NOT_CHECKED`, `UNKNOWN`.
    pub drift: String,
    pub description: String,
    /// The name of the stack this one is nested in.
    pub parent: Option<String>,
    /// The name of the top stack of the nesting (the parent's parent…).
    pub root: Option<String>,
}

impl Stack {
    pub fn is_transitional(&self) -> bool {
        is_transitional(&self.status)
    }

    pub fn is_deleted(&self) -> bool {
        self.status == "DELETE_COMPLETE"
    }
}

/// A status that changes on its own (`UPDATE_IN_PROGRESS`, `ROLLBACK_IN_PROGRESS`…).
pub fn is_transitional(status: &str) -> bool {
    status.ends_with("_IN_PROGRESS")
}

/// The stack name inside a stack ARN (`arn:…:stack/NAME/uuid`), or the text as it is.
pub fn name_of(id: &str) -> String {
    id.split_once(":stack/")
        .and_then(|(_, rest)| rest.split('/').next())
        .unwrap_or(id)
        .to_string()
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackEvent {
    pub id: String,
    /// Seconds since the epoch.
    pub time: Option<i64>,
    pub logical_id: String,
    pub physical_id: String,
    pub resource_type: String,
    pub status: String,
    pub reason: Option<String>,
}

impl StackEvent {
    pub fn is_failure(&self) -> bool {
        self.status.ends_with("_FAILED")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackResource {
    pub logical_id: String,
    pub physical_id: String,
    pub resource_type: String,
    pub status: String,
    pub reason: Option<String>,
    /// Seconds since the epoch.
    pub updated: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub key: String,
    pub value: String,
    pub description: Option<String>,
    pub export: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameter {
    pub key: String,
    /// As AWS gives it: a NoEcho parameter's value is `****`.
    pub value: String,
}

/// What DescribeStacks says about one stack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackDetails {
    pub name: String,
    pub id: String,
    pub status: String,
    pub reason: Option<String>,
    pub description: String,
    pub drift: String,
    pub outputs: Vec<Output>,
    pub parameters: Vec<Parameter>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StackAction {
    Delete,
    /// ContinueUpdateRollback: only from `UPDATE_ROLLBACK_FAILED`.
    ContinueRollback,
    /// CancelUpdateStack: only in `UPDATE_IN_PROGRESS`.
    CancelUpdate,
}

impl StackAction {
    pub fn verb(self) -> &'static str {
        match self {
            StackAction::Delete => "delete",
            StackAction::ContinueRollback => "continue the update rollback of",
            StackAction::CancelUpdate => "cancel the update of",
        }
    }

    pub fn operation(self) -> &'static str {
        match self {
            StackAction::Delete => "DeleteStack",
            StackAction::ContinueRollback => "ContinueUpdateRollback",
            StackAction::CancelUpdate => "CancelUpdateStack",
        }
    }

    /// Why the action cannot be taken on a stack in `status`, or `None` when it can.
    pub fn refusal(self, name: &str, status: &str) -> Option<String> {
        let allowed = match self {
            StackAction::Delete => !matches!(status, "DELETE_COMPLETE" | "DELETE_IN_PROGRESS"),
            StackAction::ContinueRollback => status == "UPDATE_ROLLBACK_FAILED",
            StackAction::CancelUpdate => status == "UPDATE_IN_PROGRESS",
        };
        if allowed {
            return None;
        }
        Some(match self {
            StackAction::Delete => format!("{name} is already {status}"),
            StackAction::ContinueRollback => {
                format!("continue-rollback needs UPDATE_ROLLBACK_FAILED; {name} is {status}")
            }
            StackAction::CancelUpdate => {
                format!("cancel-update needs UPDATE_IN_PROGRESS; {name} is {status}")
            }
        })
    }

    /// After a lost answer: whether a stack now in `status` shows the action was taken.
    pub fn shows_done(self, status: Option<&str>) -> bool {
        match (self, status) {
            // Gone (DescribeStacks by name no longer finds it) or on its way.
            (StackAction::Delete, None) => true,
            (StackAction::Delete, Some(s)) => s.starts_with("DELETE_"),
            (StackAction::ContinueRollback, Some(s)) => {
                s.starts_with("UPDATE_ROLLBACK_") && s != "UPDATE_ROLLBACK_FAILED"
            }
            (StackAction::CancelUpdate, Some(s)) => s.starts_with("UPDATE_ROLLBACK_"),
            (_, None) => false,
        }
    }
}

/// A page's stacks with each nested stack right after its parent (and its own nested ones
/// after it), the rest in the order given: the list reads as a tree. A stack whose parent is
/// on another page stays where it was (the NAME column's sort puts it under its root).
pub fn nested_under_parents(stacks: Vec<Stack>) -> Vec<Stack> {
    let names: std::collections::HashSet<String> = stacks.iter().map(|s| s.name.clone()).collect();
    let (tops, mut nested): (Vec<Stack>, Vec<Stack>) = stacks
        .into_iter()
        .partition(|s| s.parent.as_ref().is_none_or(|p| !names.contains(p)));
    let mut out = Vec::with_capacity(tops.len() + nested.len());
    fn place(stack: Stack, nested: &mut Vec<Stack>, out: &mut Vec<Stack>) {
        let name = stack.name.clone();
        out.push(stack);
        while let Some(i) = nested
            .iter()
            .position(|s| s.parent.as_deref() == Some(&name))
        {
            let child = nested.remove(i);
            place(child, nested, out);
        }
    }
    for stack in tops {
        place(stack, &mut nested, &mut out);
    }
    // Cycles cannot happen in AWS; whatever is left is still shown.
    out.extend(nested);
    out
}

/// Events read for one look at a stack: enough for the operation in progress or the last
/// failed one (a stack's history can run to thousands).
pub const EVENT_CAP: usize = 500;

pub trait CfnApi: Send + Sync {
    /// One page of ListStacks; `deleted`: `DELETE_COMPLETE` stacks too.
    fn stacks_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
        deleted: bool,
    ) -> super::PageFuture<Stack>;
    /// The newest events first, at most `EVENT_CAP`.
    fn events(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackEvent>, AwsError>>;
    fn resources(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackResource>, AwsError>>;
    fn describe(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<StackDetails, AwsError>>;
    /// The template body as it was given (JSON or YAML).
    fn template(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// Sent once (retries off): see `aws::once`.
    fn act(
        &self,
        ctx: ContextKey,
        stack: String,
        action: StackAction,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
}

pub struct SdkCfn {
    configs: Arc<SdkConfigs>,
}

impl SdkCfn {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkCfn { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_cloudformation::Client {
    aws_sdk_cloudformation::Client::new(&configs.get(ctx).await)
}

/// Every status but `DELETE_COMPLETE`: ListStacks returns deleted stacks for 90 days unless
/// told which statuses to list, and they would be most of the pages in a busy account.
fn live_statuses() -> Vec<aws_sdk_cloudformation::types::StackStatus> {
    use aws_sdk_cloudformation::types::StackStatus;
    StackStatus::values()
        .iter()
        .filter(|s| **s != "DELETE_COMPLETE")
        .map(|s| StackStatus::from(*s))
        .collect()
}

fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(|t| t.secs())
}

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

type Client = aws_sdk_cloudformation::Client;

impl CfnApi for SdkCfn {
    fn stacks_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
        deleted: bool,
    ) -> super::PageFuture<Stack> {
        let configs = self.configs.clone();
        Box::pin(async move { stacks_page(&client(&configs, &ctx).await, token, deleted).await })
    }

    fn events(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackEvent>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { events(&client(&configs, &ctx).await, &stack).await })
    }

    fn resources(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackResource>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { resources(&client(&configs, &ctx).await, &stack).await })
    }

    fn describe(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<StackDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { describe(&client(&configs, &ctx).await, &stack).await })
    }

    fn template(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .get_template()
                .stack_name(stack)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(text(out.template_body()))
        })
    }

    fn act(
        &self,
        ctx: ContextKey,
        stack: String,
        action: StackAction,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { act(&client(&configs, &ctx).await, &stack, action).await })
    }
}

// ListStacks, not DescribeStacks: it gives every column of the list (status, last change,
// drift, description, parent) in pages of 100 summaries, while DescribeStacks carries
// outputs, parameters and tags for each stack and cannot filter deleted stacks out. The
// stack view asks DescribeStacks for one stack when it is opened.
async fn stacks_page(
    cfn: &Client,
    token: Option<String>,
    deleted: bool,
) -> Result<Page<Stack>, AwsError> {
    let mut call = cfn.list_stacks().set_next_token(token);
    if !deleted {
        call = call.set_stack_status_filter(Some(live_statuses()));
    }
    let out = call.send().await.map_err(AwsError::from_sdk)?;
    let stacks = out
        .stack_summaries()
        .iter()
        .map(|s| Stack {
            name: text(s.stack_name()),
            id: text(s.stack_id()),
            status: s
                .stack_status()
                .map(|s| s.as_str())
                .unwrap_or_default()
                .into(),
            reason: s.stack_status_reason().map(str::to_owned),
            changed: secs(s.deletion_time())
                .or(secs(s.last_updated_time()))
                .or(secs(s.creation_time())),
            drift: s
                .drift_information()
                .and_then(|d| d.stack_drift_status())
                .map(|d| d.as_str())
                .unwrap_or("NOT_CHECKED")
                .into(),
            description: text(s.template_description()),
            parent: s.parent_id().map(name_of),
            root: s.root_id().map(name_of),
        })
        .collect();
    Ok(Page::new(
        nested_under_parents(stacks),
        out.next_token().map(str::to_owned),
    ))
}

async fn events(cfn: &Client, stack: &str) -> Result<Vec<StackEvent>, AwsError> {
    let (events, _) = super::page::pages_up_to(None, EVENT_CAP, |token| async move {
        let out = cfn
            .describe_stack_events()
            .stack_name(stack)
            .set_next_token(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let events = out
            .stack_events()
            .iter()
            .map(|e| StackEvent {
                id: text(e.event_id()),
                time: secs(e.timestamp()),
                logical_id: text(e.logical_resource_id()),
                physical_id: text(e.physical_resource_id()),
                resource_type: text(e.resource_type()),
                status: e
                    .resource_status()
                    .map(|s| s.as_str())
                    .unwrap_or_default()
                    .into(),
                reason: e.resource_status_reason().map(str::to_owned),
            })
            .collect();
        Ok(Page::new(events, out.next_token().map(str::to_owned)))
    })
    .await?;
    Ok(events)
}

async fn resources(cfn: &Client, stack: &str) -> Result<Vec<StackResource>, AwsError> {
    super::page::all_pages(|token| async move {
        let out = cfn
            .list_stack_resources()
            .stack_name(stack)
            .set_next_token(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let resources = out
            .stack_resource_summaries()
            .iter()
            .map(|r| StackResource {
                logical_id: text(r.logical_resource_id()),
                physical_id: text(r.physical_resource_id()),
                resource_type: text(r.resource_type()),
                status: r
                    .resource_status()
                    .map(|s| s.as_str())
                    .unwrap_or_default()
                    .into(),
                reason: r.resource_status_reason().map(str::to_owned),
                updated: secs(r.last_updated_timestamp()),
            })
            .collect();
        Ok(Page::new(resources, out.next_token().map(str::to_owned)))
    })
    .await
}

async fn describe(cfn: &Client, stack: &str) -> Result<StackDetails, AwsError> {
    let out = cfn
        .describe_stacks()
        .stack_name(stack)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let Some(s) = out.stacks().first() else {
        return Err(AwsError::new(
            super::ErrorKind::NotFound,
            format!("stack {stack} not found"),
        ));
    };
    Ok(StackDetails {
        name: text(s.stack_name()),
        id: text(s.stack_id()),
        status: s
            .stack_status()
            .map(|s| s.as_str())
            .unwrap_or_default()
            .into(),
        reason: s.stack_status_reason().map(str::to_owned),
        description: text(s.description()),
        drift: s
            .drift_information()
            .and_then(|d| d.stack_drift_status())
            .map(|d| d.as_str())
            .unwrap_or("NOT_CHECKED")
            .into(),
        outputs: s
            .outputs()
            .iter()
            .map(|o| Output {
                key: text(o.output_key()),
                value: text(o.output_value()),
                description: o.description().map(str::to_owned),
                export: o.export_name().map(str::to_owned),
            })
            .collect(),
        // The value given (a NoEcho one stays `****`); a parameter read from SSM shows
        // what it resolved to.
        parameters: s
            .parameters()
            .iter()
            .map(|p| Parameter {
                key: text(p.parameter_key()),
                value: text(p.resolved_value().or(p.parameter_value())),
            })
            .collect(),
    })
}

/// Each write is sent once (see `aws::once`): a delete or cancel repeated after a lost answer
/// fails with a ValidationError although the first one worked.
async fn act(cfn: &Client, stack: &str, action: StackAction) -> Result<(), AwsError> {
    let once = || super::once::once!(aws_sdk_cloudformation);
    match action {
        StackAction::Delete => cfn
            .delete_stack()
            .stack_name(stack)
            .customize()
            .config_override(once())
            .send()
            .await
            .map(drop)
            .map_err(AwsError::from_sdk),
        StackAction::ContinueRollback => cfn
            .continue_update_rollback()
            .stack_name(stack)
            .customize()
            .config_override(once())
            .send()
            .await
            .map(drop)
            .map_err(AwsError::from_sdk),
        StackAction::CancelUpdate => cfn
            .cancel_update_stack()
            .stack_name(stack)
            .customize()
            .config_override(once())
            .send()
            .await
            .map(drop)
            .map_err(AwsError::from_sdk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stack_s_name_comes_out_of_its_arn() {
        assert_eq!(
            name_of("arn:aws:cloudformation:us-east-1:123456789012:stack/app-db/1a2b-3c"),
            "app-db"
        );
        assert_eq!(name_of("plain-name"), "plain-name");
    }

    fn nested(name: &str, parent: Option<&str>) -> Stack {
        Stack {
            name: name.into(),
            parent: parent.map(str::to_owned),
            ..Stack::default()
        }
    }

    #[test]
    fn nested_stacks_follow_their_parent_at_any_depth() {
        let page = vec![
            nested("b-child", Some("b")),
            nested("a", None),
            nested("b-grandchild", Some("b-child")),
            nested("b", None),
            nested("orphan", Some("elsewhere")),
        ];
        let names: Vec<String> = nested_under_parents(page)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["a", "b", "b-child", "b-grandchild", "orphan"]);
    }

    #[test]
    fn actions_are_refused_outside_their_state() {
        assert_eq!(
            StackAction::ContinueRollback.refusal("s", "UPDATE_ROLLBACK_FAILED"),
            None
        );
        assert!(
            StackAction::ContinueRollback
                .refusal("s", "UPDATE_COMPLETE")
                .is_some()
        );
        assert_eq!(
            StackAction::CancelUpdate.refusal("s", "UPDATE_IN_PROGRESS"),
            None
        );
        assert!(
            StackAction::CancelUpdate
                .refusal("s", "CREATE_IN_PROGRESS")
                .is_some()
        );
        assert!(
            StackAction::Delete
                .refusal("s", "DELETE_COMPLETE")
                .is_some()
        );
        assert_eq!(StackAction::Delete.refusal("s", "ROLLBACK_COMPLETE"), None);
    }

    /// What the emulator cannot produce: a failed update's event chain with its cancelled
    /// cascade, a drifted stack, and a stack stuck in UPDATE_ROLLBACK_FAILED taking
    /// ContinueUpdateRollback — recorded answers through the SDK's own parsing.
    mod recorded_answers {
        use super::super::*;
        use aws_sdk_cloudformation::operation::continue_update_rollback::ContinueUpdateRollbackOutput;
        use aws_sdk_cloudformation::operation::describe_stack_events::DescribeStackEventsOutput;
        use aws_sdk_cloudformation::operation::list_stacks::ListStacksOutput;
        use aws_sdk_cloudformation::types::{
            ResourceStatus, StackDriftInformationSummary, StackDriftStatus, StackEvent as SdkEvent,
            StackStatus, StackSummary,
        };
        use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, mock};
        use aws_smithy_types::DateTime;

        fn client(rules: &[&Rule]) -> Client {
            let mut interceptor = MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny);
            for rule in rules {
                interceptor = interceptor.with_rule(rule);
            }
            let config = aws_sdk_cloudformation::Config::builder()
                .behavior_version(aws_sdk_cloudformation::config::BehaviorVersion::latest())
                .region(aws_sdk_cloudformation::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_cloudformation::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(interceptor)
                .build();
            Client::from_conf(config)
        }

        fn event(logical: &str, status: ResourceStatus, reason: &str, at: i64) -> SdkEvent {
            SdkEvent::builder()
                .event_id(format!("{logical}-{at}"))
                .stack_id("arn:aws:cloudformation:us-east-1:1:stack/web/x")
                .stack_name("web")
                .logical_resource_id(logical)
                .resource_type(if logical == "web" {
                    "AWS::CloudFormation::Stack"
                } else {
                    "AWS::Lambda::Function"
                })
                .timestamp(DateTime::from_secs(1_767_225_600 + at))
                .resource_status(status)
                .set_resource_status_reason((!reason.is_empty()).then(|| reason.to_string()))
                .build()
        }

        #[tokio::test]
        async fn a_failed_update_s_events_name_the_first_failure_as_the_cause() {
            use ResourceStatus::*;
            // Newest first, in two pages, as DescribeStackEvents pages them.
            let newer = vec![
                event("web", UpdateRollbackComplete, "", 30),
                event("Sessions", UpdateComplete, "", 20),
                event(
                    "web",
                    UpdateRollbackInProgress,
                    "The following resource(s) failed to update: [Handler, Sessions].",
                    11,
                ),
                event("Sessions", UpdateFailed, "Resource update cancelled", 10),
            ];
            let older = vec![
                event("Handler", UpdateFailed, "Member must be <= 900", 9),
                event("Handler", UpdateInProgress, "", 5),
                event("web", UpdateInProgress, "User Initiated", 0),
                event("web", CreateComplete, "", -100),
            ];
            let first = mock!(Client::describe_stack_events)
                .match_requests(|r| r.next_token().is_none())
                .then_output(move || {
                    DescribeStackEventsOutput::builder()
                        .set_stack_events(Some(newer.clone()))
                        .next_token("page-2")
                        .build()
                });
            let second = mock!(Client::describe_stack_events)
                .match_requests(|r| r.next_token() == Some("page-2"))
                .then_output(move || {
                    DescribeStackEventsOutput::builder()
                        .set_stack_events(Some(older.clone()))
                        .build()
                });
            let cfn = client(&[&first, &second]);
            let all = events(&cfn, "web").await.expect("events");
            assert_eq!(all.len(), 8, "both pages");
            let cause =
                crate::panes::cloudformation::root_cause::root_cause(&all, "web").expect("a cause");
            assert_eq!(cause.logical_id, "Handler");
            assert_eq!(cause.reason.as_deref(), Some("Member must be <= 900"));
        }

        #[tokio::test]
        async fn drift_and_nesting_come_from_list_stacks() {
            let rule = mock!(Client::list_stacks).then_output(|| {
                let summary = |name: &str, parent: Option<&str>, drift: StackDriftStatus| {
                    StackSummary::builder()
                        .stack_name(name)
                        .stack_id(format!("arn:aws:cloudformation:us-east-1:1:stack/{name}/u"))
                        .stack_status(StackStatus::UpdateComplete)
                        .creation_time(DateTime::from_secs(1_767_225_600))
                        .set_parent_id(
                            parent
                                .map(|p| format!("arn:aws:cloudformation:us-east-1:1:stack/{p}/u")),
                        )
                        .set_root_id(
                            parent
                                .map(|p| format!("arn:aws:cloudformation:us-east-1:1:stack/{p}/u")),
                        )
                        .drift_information(
                            StackDriftInformationSummary::builder()
                                .stack_drift_status(drift)
                                .build(),
                        )
                        .build()
                };
                ListStacksOutput::builder()
                    .stack_summaries(summary("app-db", Some("app"), StackDriftStatus::InSync))
                    .stack_summaries(summary("app", None, StackDriftStatus::Drifted))
                    .build()
            });
            let cfn = client(&[&rule]);
            let page = stacks_page(&cfn, None, false).await.expect("page");
            assert_eq!(page.items[0].name, "app");
            assert_eq!(page.items[0].drift, "DRIFTED");
            assert_eq!(page.items[1].parent.as_deref(), Some("app"));
            assert_eq!(page.items[1].root.as_deref(), Some("app"));
            assert_eq!(page.items[1].changed, Some(1_767_225_600));
        }

        #[tokio::test]
        async fn continue_rollback_is_sent_for_a_stack_stuck_in_update_rollback_failed() {
            let rule = mock!(Client::continue_update_rollback)
                .match_requests(|r| r.stack_name() == Some("web"))
                .then_output(|| ContinueUpdateRollbackOutput::builder().build());
            let cfn = client(&[&rule]);
            assert_eq!(
                StackAction::ContinueRollback.refusal("web", "UPDATE_ROLLBACK_FAILED"),
                None
            );
            act(&cfn, "web", StackAction::ContinueRollback)
                .await
                .expect("sent");
            assert_eq!(rule.num_calls(), 1);
        }
    }
}
