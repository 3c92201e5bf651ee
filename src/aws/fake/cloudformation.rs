//! Stacks in memory, per context (keys as `FakeContexts`: `profile@region`, `profile`, or `*`
//! for any context). An action leaves the stack in the status CloudFormation answers with
//! (`DELETE_IN_PROGRESS`, …); each read answers with the status as it is, then moves a
//! changing stack on, so the read after finds it settled.

use crate::aws::cloudformation::{
    CfnApi, Output, Parameter, Stack, StackAction, StackDetails, StackEvent, StackResource,
    nested_under_parents,
};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One stack and everything its view reads.
#[derive(Clone, Debug, Default)]
pub struct FakeStack {
    pub stack: Stack,
    /// Newest first, as CloudFormation gives them.
    pub events: Vec<StackEvent>,
    pub resources: Vec<StackResource>,
    pub outputs: Vec<Output>,
    pub parameters: Vec<Parameter>,
    pub template: String,
    /// Reads a changing stack stays as it is before it settles (0: it settles after the
    /// first read).
    pub reads_in_progress: usize,
}

#[derive(Clone, Default)]
pub struct FakeCfn {
    pub contexts: Arc<Mutex<HashMap<String, Vec<FakeStack>>>>,
    /// Every change asked for: `"delete app@dev@eu-west-1"`.
    pub calls: Arc<Mutex<Vec<String>>>,
    /// Stacks per ListStacks page (0: all in one).
    pub page_size: usize,
    /// Statuses stay as set (a test watches a stack that is still changing).
    pub frozen: bool,
    pub crashes: super::Crashes,
}

fn keys(ctx: &ContextKey) -> [String; 3] {
    let profile = ctx.profile.as_deref().unwrap_or("default");
    [
        format!("{profile}@{}", ctx.region),
        profile.to_string(),
        "*".into(),
    ]
}

fn not_found(stack: &str) -> AwsError {
    AwsError {
        kind: ErrorKind::NotFound,
        code: Some("ValidationError".into()),
        message: format!("Stack with id {stack} does not exist"),
    }
}

/// Where a status goes on its own, one read later.
fn settled(status: &str) -> Option<&'static str> {
    Some(match status {
        "DELETE_IN_PROGRESS" => "DELETE_COMPLETE",
        "UPDATE_ROLLBACK_IN_PROGRESS" | "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" => {
            "UPDATE_ROLLBACK_COMPLETE"
        }
        "CREATE_IN_PROGRESS" => "CREATE_COMPLETE",
        "UPDATE_IN_PROGRESS" | "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" => "UPDATE_COMPLETE",
        _ => return None,
    })
}

impl FakeCfn {
    /// The same stacks in every context.
    pub fn with(stacks: Vec<FakeStack>) -> FakeCfn {
        FakeCfn::default().at("*", stacks)
    }

    /// Stacks in the contexts `key` names (`dev`, `dev@eu-west-1`, `*`).
    pub fn at(self, key: &str, stacks: Vec<FakeStack>) -> FakeCfn {
        self.contexts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.into(), stacks);
        self
    }

    /// Statuses stay as set: a test can watch a stack that is still changing.
    pub fn frozen(mut self) -> FakeCfn {
        self.frozen = true;
        self
    }

    fn with_stacks<T>(&self, ctx: &ContextKey, read: impl FnOnce(&mut Vec<FakeStack>) -> T) -> T {
        let mut all = self.contexts.lock().unwrap_or_else(|p| p.into_inner());
        let key = keys(ctx).into_iter().find(|k| all.contains_key(k));
        match key {
            Some(k) => read(all.get_mut(&k).expect("key just found")),
            None => read(&mut Vec::new()),
        }
    }

    fn settle(&self, stacks: &mut [FakeStack]) {
        if self.frozen {
            return;
        }
        for s in stacks {
            let Some(next) = settled(&s.stack.status) else {
                continue;
            };
            if s.reads_in_progress > 0 {
                s.reads_in_progress -= 1;
            } else {
                s.stack.status = next.into();
            }
        }
    }

    fn one<T: Send + 'static>(
        &self,
        ctx: &ContextKey,
        stack: &str,
        read: impl FnOnce(&FakeStack) -> T,
    ) -> BoxFuture<'static, Result<T, AwsError>> {
        let found = self.with_stacks(ctx, |all| {
            all.iter()
                .find(|s| s.stack.name == stack || s.stack.id == stack)
                .map(read)
        });
        let stack = stack.to_string();
        Box::pin(async move { found.ok_or_else(|| not_found(&stack)) })
    }
}

impl CfnApi for FakeCfn {
    fn stacks_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
        deleted: bool,
    ) -> crate::aws::PageFuture<Stack> {
        self.crashes.check("stacks");
        let all: Vec<Stack> = self.with_stacks(&ctx, |all| {
            let listed = all
                .iter()
                .map(|s| s.stack.clone())
                .filter(|s| deleted || !s.is_deleted())
                .collect();
            self.settle(all);
            listed
        });
        let at: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        let size = if self.page_size == 0 {
            all.len().max(1)
        } else {
            self.page_size
        };
        let end = (at + size).min(all.len());
        let page = all.get(at..end).unwrap_or_default().to_vec();
        let next = (end < all.len()).then(|| end.to_string());
        Box::pin(async move { Ok(Page::new(nested_under_parents(page), next)) })
    }

    fn events(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackEvent>, AwsError>> {
        self.crashes.check("events");
        self.one(&ctx, &stack, |s| s.events.clone())
    }

    fn resources(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<Vec<StackResource>, AwsError>> {
        self.crashes.check("resources");
        self.one(&ctx, &stack, |s| s.resources.clone())
    }

    fn describe(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<StackDetails, AwsError>> {
        self.crashes.check("describe");
        let answer = self.one(&ctx, &stack, |s| StackDetails {
            name: s.stack.name.clone(),
            id: s.stack.id.clone(),
            status: s.stack.status.clone(),
            reason: s.stack.reason.clone(),
            description: s.stack.description.clone(),
            drift: s.stack.drift.clone(),
            outputs: s.outputs.clone(),
            parameters: s.parameters.clone(),
        });
        self.with_stacks(&ctx, |all| self.settle(all));
        answer
    }

    fn template(
        &self,
        ctx: ContextKey,
        stack: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.crashes.check("template");
        self.one(&ctx, &stack, |s| s.template.clone())
    }

    fn act(
        &self,
        ctx: ContextKey,
        stack: String,
        action: StackAction,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!(
                "{} {stack}@{}@{}",
                action.operation(),
                ctx.profile_label(),
                ctx.region
            ));
        let answer = self.with_stacks(&ctx, |all| {
            let s = all
                .iter_mut()
                .find(|s| s.stack.name == stack || s.stack.id == stack)
                .ok_or_else(|| not_found(&stack))?;
            if let Some(why) = action.refusal(&s.stack.name, &s.stack.status) {
                return Err(AwsError {
                    kind: ErrorKind::Service,
                    code: Some("ValidationError".into()),
                    message: why,
                });
            }
            s.stack.status = match action {
                StackAction::Delete => "DELETE_IN_PROGRESS",
                StackAction::ContinueRollback => "UPDATE_ROLLBACK_IN_PROGRESS",
                StackAction::CancelUpdate => "UPDATE_ROLLBACK_IN_PROGRESS",
            }
            .into();
            Ok(())
        });
        Box::pin(async move { answer })
    }
}
