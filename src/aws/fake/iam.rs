//! IAM in memory: roles, users and policies per account (a context's profile, or
//! `profile@region`: `per_context.rs`), paged as IAM pages them; the details each kind asks
//! for.

use super::per_context::{context_keys, lookup, paged};
use crate::aws::PageFuture;
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::iam::{
    Entities, Filled, IamApi, LastUsed, Permissions, Policy, Role, User, UserExtras,
};
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What one account holds.
#[derive(Clone, Default)]
pub struct IamData {
    /// Listed as ListRoles lists them (no last use); GetRole answers with `last_used`.
    pub roles: Vec<Role>,
    /// By role name: what GetRole says of its last use (absent: never used).
    pub last_used: HashMap<String, LastUsed>,
    /// By role or user name.
    pub permissions: HashMap<String, Permissions>,
    pub users: Vec<User>,
    /// By user name.
    pub extras: HashMap<String, UserExtras>,
    /// Customer managed and AWS managed ones together (`aws_managed` tells them apart).
    pub policies: Vec<Policy>,
    /// By policy ARN: its description, default document and entities.
    pub descriptions: HashMap<String, String>,
    pub documents: HashMap<String, String>,
    pub entities: HashMap<String, Entities>,
    /// Role and user names listed but gone by the time they are asked about (NoSuchEntity).
    pub gone: Vec<String>,
}

#[derive(Default)]
pub struct FakeIam {
    /// Contexts without an entry of their own.
    pub data: IamData,
    pub by_context: HashMap<String, IamData>,
    /// Every call in these contexts fails with this error.
    pub failing: HashMap<String, AwsError>,
    /// Items per page (0: all in one).
    pub page_size: usize,
    /// Every call, as `operation|profile@region|what` (a test counts the follow-ups).
    pub calls: Arc<Mutex<Vec<String>>>,
    pub crashes: super::Crashes,
}

impl FakeIam {
    pub fn with(data: IamData) -> FakeIam {
        FakeIam {
            data,
            ..FakeIam::default()
        }
    }

    /// `key`: `profile` (every region) or `profile@region`.
    pub fn context(mut self, key: &str, data: IamData) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, operation: &str, ctx: &ContextKey, what: &str) -> Result<&IamData, AwsError> {
        self.crashes.check(operation);
        let [key, _] = context_keys(ctx);
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(format!("{operation}|{key}|{what}"));
        lookup(ctx, &self.data, &self.by_context, &self.failing)
    }
}

fn ready<T: Send + 'static>(
    answer: Result<T, AwsError>,
) -> BoxFuture<'static, Result<T, AwsError>> {
    Box::pin(async move { answer })
}

fn no_such(what: &str, name: &str) -> AwsError {
    AwsError {
        kind: ErrorKind::NotFound,
        code: Some("NoSuchEntity".into()),
        message: format!("The {what} with name {name} cannot be found."),
    }
}

impl IamApi for FakeIam {
    fn roles_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Role> {
        let all = self.at("roles_page", &ctx, "").map(|d| d.roles.clone());
        paged(all, self.page_size, token)
    }

    fn role(&self, ctx: ContextKey, name: String) -> BoxFuture<'static, Result<Role, AwsError>> {
        let answer = self.at("role", &ctx, &name).and_then(|d| {
            if d.gone.contains(&name) {
                return Err(no_such("role", &name));
            }
            let mut role = d
                .roles
                .iter()
                .find(|r| r.name == name)
                .cloned()
                .ok_or_else(|| no_such("role", &name))?;
            role.last_used = Filled::Got(d.last_used.get(&name).cloned());
            Ok(role)
        });
        ready(answer)
    }

    fn role_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>> {
        let answer = self
            .at("role_permissions", &ctx, &name)
            .map(|d| d.permissions.get(&name).cloned().unwrap_or_default());
        ready(answer)
    }

    fn users_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<User> {
        let all = self.at("users_page", &ctx, "").map(|d| d.users.clone());
        paged(all, self.page_size, token)
    }

    fn user_extras(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<UserExtras, AwsError>> {
        let answer = self.at("user_extras", &ctx, &name).and_then(|d| {
            if d.gone.contains(&name) || !d.users.iter().any(|u| u.name == name) {
                return Err(no_such("user", &name));
            }
            Ok(d.extras.get(&name).cloned().unwrap_or_default())
        });
        ready(answer)
    }

    fn user_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>> {
        let answer = self
            .at("user_permissions", &ctx, &name)
            .map(|d| d.permissions.get(&name).cloned().unwrap_or_default());
        ready(answer)
    }

    fn policies_page(
        &self,
        ctx: ContextKey,
        aws_managed: bool,
        token: Option<String>,
    ) -> PageFuture<Policy> {
        let scope = if aws_managed { "aws" } else { "local" };
        let all = self.at("policies_page", &ctx, scope).map(|d| {
            d.policies
                .iter()
                // Scope=AWS is asked with OnlyAttached.
                .filter(|p| p.aws_managed == aws_managed && (!aws_managed || p.attachments > 0))
                .cloned()
                .collect()
        });
        paged(all, self.page_size, token)
    }

    fn policy_description(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        let answer = self
            .at("policy_description", &ctx, &arn)
            .map(|d| d.descriptions.get(&arn).cloned());
        ready(answer)
    }

    fn policy_document(
        &self,
        ctx: ContextKey,
        arn: String,
        _version: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let answer = self.at("policy_document", &ctx, &arn).and_then(|d| {
            d.documents
                .get(&arn)
                .cloned()
                .ok_or_else(|| no_such("policy", &arn))
        });
        ready(answer)
    }

    fn policy_entities(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Entities, AwsError>> {
        let answer = self
            .at("policy_entities", &ctx, &arn)
            .map(|d| d.entities.get(&arn).cloned().unwrap_or_default());
        ready(answer)
    }
}
