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
        while let Some(i) = nested.iter().position(|s| s.parent.as_deref() == Some(&name)) {
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
    fn template(&self, ctx: ContextKey, stack: String)
    -> BoxFuture<'static, Result<String, AwsError>>;
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

impl CfnApi for SdkCfn {
    // ListStacks, not DescribeStacks: it gives every column of the list (status, last change,
    // drift, description, parent) in pages of 100 summaries, while DescribeStacks carries
    // outputs, parameters and tags for each stack and cannot filter deleted stacks out. The
    // stack view asks DescribeStacks for one stack when it is opened.
    fn stacks_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
        deleted: bool,
    ) -> super::PageFuture<Stack> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
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
                    status: s.stack_status().map(|s| s.as_str()).unwrap_or_default().into(),
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
        })
    }

    fn events(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackEvent>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
            let (cfn, stack) = (&cfn, &stack);
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
        })
    }

    fn resources(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackResource>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
            let (cfn, stack) = (&cfn, &stack);
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
        })
    }

    fn describe(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<StackDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
            let out = cfn
                .describe_stacks()
                .stack_name(&stack)
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
                status: s.stack_status().map(|s| s.as_str()).unwrap_or_default().into(),
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
                parameters: s
                    .parameters()
                    .iter()
                    .map(|p| Parameter {
                        key: text(p.parameter_key()),
                        value: text(p.resolved_value().or(p.parameter_value())),
                    })
                    .collect(),
            })
        })
    }

    fn template(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
            let out = cfn
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
        Box::pin(async move {
            let cfn = client(&configs, &ctx).await;
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
        })
    }
}
