//! Load balancers, their listeners and target groups in memory, per context (keys
//! `profile@region` or `profile`, like `FakeContexts`), paged as DescribeLoadBalancers pages.

use crate::aws::PageFuture;
use crate::aws::elb::{ElbApi, Listener, LoadBalancer, TargetGroup, TargetHealth, sort_targets};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::filled::Filled;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::HashMap;

/// What one context holds.
#[derive(Clone, Default)]
pub struct ElbData {
    pub load_balancers: Vec<LoadBalancer>,
    /// By load balancer ARN.
    pub listeners: HashMap<String, Vec<Listener>>,
    /// Each with its targets (in any order: the fake sorts them as the adapter does).
    pub target_groups: Vec<TargetGroup>,
}

#[derive(Default)]
pub struct FakeElb {
    /// Contexts without an entry of their own.
    pub data: ElbData,
    pub by_context: HashMap<String, ElbData>,
    /// Every call in these contexts fails with this error.
    pub failing: HashMap<String, AwsError>,
    /// Items per page (0: all in one).
    pub page_size: usize,
    pub crashes: super::Crashes,
}

impl FakeElb {
    pub fn with(data: ElbData) -> FakeElb {
        FakeElb {
            data,
            ..FakeElb::default()
        }
    }

    /// `key`: `profile` (every region) or `profile@region`.
    pub fn context(mut self, key: &str, data: ElbData) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<&ElbData, AwsError> {
        super::per_context::lookup(ctx, &self.data, &self.by_context, &self.failing)
    }
}

impl ElbApi for FakeElb {
    fn load_balancers_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> PageFuture<LoadBalancer> {
        self.crashes.check("load_balancers_page");
        let all = self.at(&ctx).map(|d| d.load_balancers.clone());
        super::per_context::paged(all, self.page_size, token)
    }

    fn target_groups_page(
        &self,
        ctx: ContextKey,
        load_balancer: Option<String>,
        token: Option<String>,
    ) -> PageFuture<TargetGroup> {
        self.crashes.check("target_groups_page");
        let all = self.at(&ctx).map(|d| {
            d.target_groups
                .iter()
                .filter(|g| {
                    load_balancer
                        .as_ref()
                        .is_none_or(|lb| g.load_balancers.contains(lb))
                })
                .cloned()
                // As DescribeTargetGroups: the health is a call of its own.
                .map(|g| TargetGroup {
                    targets: Filled::Pending,
                    ..g
                })
                .collect()
        });
        super::per_context::paged(all, self.page_size, token)
    }

    fn target_health(
        &self,
        ctx: ContextKey,
        group: String,
    ) -> BoxFuture<'static, Result<Vec<TargetHealth>, AwsError>> {
        self.crashes.check("target_health");
        let answer = self.at(&ctx).and_then(|d| {
            let found = d.target_groups.iter().find(|g| g.arn == group);
            match found.map(|g| &g.targets) {
                Some(Filled::Got(targets)) => {
                    let mut targets = targets.clone();
                    sort_targets(&mut targets);
                    Ok(targets)
                }
                Some(Filled::Failed(why)) => Err(AwsError {
                    kind: ErrorKind::Service,
                    code: None,
                    message: why.clone(),
                }),
                Some(Filled::Pending) => Ok(Vec::new()),
                None => Err(AwsError {
                    kind: ErrorKind::NotFound,
                    code: Some("TargetGroupNotFound".into()),
                    message: format!("Target group '{group}' not found"),
                }),
            }
        });
        Box::pin(async move { answer })
    }

    fn listeners(
        &self,
        ctx: ContextKey,
        load_balancer: String,
    ) -> BoxFuture<'static, Result<Vec<Listener>, AwsError>> {
        self.crashes.check("listeners");
        let answer = self.at(&ctx).and_then(|d| {
            if !d.load_balancers.iter().any(|lb| lb.arn == load_balancer) {
                return Err(AwsError {
                    kind: ErrorKind::NotFound,
                    code: Some("LoadBalancerNotFound".into()),
                    message: format!("Load balancer '{load_balancer}' not found"),
                });
            }
            Ok(d.listeners.get(&load_balancer).cloned().unwrap_or_default())
        });
        Box::pin(async move { answer })
    }
}
