//! Tagged resources in memory, per context (keys `profile@region` or `profile`), filtered
//! as GetResources filters them: every tag filter must match (a key with any of its values,
//! or any value when none are given), and a type filter (`ec2`, `ec2:instance`) when given.

use crate::aws::PageFuture;
use crate::aws::error::AwsError;
use crate::aws::sdk::ContextKey;
use crate::aws::tagging::{TagFilter, TaggedResource, TaggingApi};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct FakeTagging {
    pub resources: Vec<TaggedResource>,
    pub by_context: HashMap<String, Vec<TaggedResource>>,
    pub failing: HashMap<String, AwsError>,
    /// Items per page (0: all in one).
    pub page_size: usize,
    /// The filters of every call, as the adapter was asked (what a test checks was sent).
    pub asked: Arc<Mutex<Vec<Vec<TagFilter>>>>,
    pub crashes: super::Crashes,
}

impl FakeTagging {
    pub fn with(resources: Vec<TaggedResource>) -> FakeTagging {
        FakeTagging {
            resources,
            ..FakeTagging::default()
        }
    }

    pub fn context(mut self, key: &str, resources: Vec<TaggedResource>) -> Self {
        self.by_context.insert(key.into(), resources);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<&Vec<TaggedResource>, AwsError> {
        super::per_context::lookup(ctx, &self.resources, &self.by_context, &self.failing)
    }
}

fn matches(r: &TaggedResource, filters: &[TagFilter], types: &[String]) -> bool {
    let tagged = filters.iter().all(|f| {
        r.tags
            .iter()
            .any(|(k, v)| *k == f.key && (f.values.is_empty() || f.values.contains(v)))
    });
    let mut parts = r.arn.split(':');
    let service = parts.nth(2).unwrap_or_default();
    let resource = parts.nth(2).unwrap_or_default();
    let kind = resource.split(['/', ':']).next().unwrap_or_default();
    let typed = types.is_empty()
        || types.iter().any(|t| match t.split_once(':') {
            Some((s, k)) => s == service && k == kind,
            None => t == service,
        });
    tagged && typed
}

impl TaggingApi for FakeTagging {
    fn resources_page(
        &self,
        ctx: ContextKey,
        filters: Vec<TagFilter>,
        types: Vec<String>,
        token: Option<String>,
    ) -> PageFuture<TaggedResource> {
        self.crashes.check("resources_page");
        self.asked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(filters.clone());
        let all = self.at(&ctx).map(|all| {
            all.iter()
                .filter(|r| matches(r, &filters, &types))
                .cloned()
                .collect()
        });
        super::per_context::paged(all, self.page_size, token)
    }
}
