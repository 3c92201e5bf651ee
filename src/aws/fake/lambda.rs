//! Lambda in memory: functions, their details, and invocations answered from a queue.

use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::lambda::{Function, FunctionDetails, Invocation, InvokeResult, LambdaApi};
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct FakeLambda {
    pub functions: Vec<FunctionDetails>,
    pub page_size: usize,
    /// Answers to invocations, first in first out; when empty an invocation echoes its payload.
    pub answers: Arc<Mutex<VecDeque<Result<InvokeResult, AwsError>>>>,
    /// Every invocation made, for tests to inspect.
    pub invoked: Arc<Mutex<Vec<Invocation>>>,
    /// Calls made to panic (see `Crashes`).
    pub crashes: super::Crashes,
}

impl FakeLambda {
    pub fn function(mut self, name: &str, runtime: &str, env: &[(&str, &str)]) -> Self {
        let function = Function {
            name: name.into(),
            arn: format!("arn:aws:lambda:us-east-1:111111111111:function:{name}"),
            runtime: runtime.into(),
            memory_mb: Some(128),
            timeout_s: Some(3),
            last_modified: "2026-11-20T10:00:00.000+0000".into(),
            code_size: 1024,
            description: format!("{name} function"),
        };
        self.functions.push(FunctionDetails {
            configuration: serde_json::json!({ "FunctionName": name, "Runtime": runtime }),
            environment: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            versions: vec![("$LATEST".into(), String::new())],
            function,
            ..FunctionDetails::default()
        });
        self
    }

    pub fn answer(self, result: Result<InvokeResult, AwsError>) -> Self {
        self.answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push_back(result);
        self
    }
}

impl LambdaApi for FakeLambda {
    fn list_page(
        &self,
        _ctx: ContextKey,
        marker: Option<String>,
    ) -> crate::aws::PageFuture<Function> {
        self.crashes.check("list_page");
        let start: usize = marker.and_then(|m| m.parse().ok()).unwrap_or(0);
        let size = if self.page_size == 0 {
            usize::MAX
        } else {
            self.page_size
        };
        let page: Vec<Function> = self
            .functions
            .iter()
            .skip(start)
            .take(size)
            .map(|d| d.function.clone())
            .collect();
        let end = start.saturating_add(page.len());
        let next = (end < self.functions.len()).then(|| end.to_string());
        Box::pin(async move { Ok(crate::aws::page::Page::new(page, next)) })
    }

    fn details(
        &self,
        _ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<FunctionDetails, AwsError>> {
        self.crashes.check("details");
        let found = self
            .functions
            .iter()
            .find(|d| d.function.name == name)
            .cloned()
            .ok_or_else(|| {
                AwsError::new(ErrorKind::NotFound, format!("Function not found: {name}"))
            });
        Box::pin(async move { found })
    }

    fn invoke(
        &self,
        _ctx: ContextKey,
        call: Invocation,
    ) -> BoxFuture<'static, Result<InvokeResult, AwsError>> {
        self.crashes.check("invoke");
        let answer = self
            .answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop_front();
        let echo = InvokeResult {
            status: 200,
            payload: call.payload.clone(),
            executed_version: Some("$LATEST".into()),
            ..InvokeResult::default()
        };
        self.invoked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(call);
        Box::pin(async move { answer.unwrap_or(Ok(echo)) })
    }
}
