//! Hosted zones and their record sets in memory, per profile (zones are global: a context's
//! region plays no part, but `profile@region` keys work too), paged as Route 53 pages them.

use crate::aws::PageFuture;
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::route53::{HostedZone, RecordSet, Route53Api};
use crate::aws::sdk::ContextKey;
use std::collections::HashMap;

/// What one account holds.
#[derive(Clone, Default)]
pub struct Route53Data {
    pub zones: Vec<HostedZone>,
    /// By zone id.
    pub records: HashMap<String, Vec<RecordSet>>,
}

#[derive(Default)]
pub struct FakeRoute53 {
    pub data: Route53Data,
    pub by_context: HashMap<String, Route53Data>,
    pub failing: HashMap<String, AwsError>,
    /// Items per page (0: all in one).
    pub page_size: usize,
    pub crashes: super::Crashes,
}

impl FakeRoute53 {
    pub fn with(data: Route53Data) -> FakeRoute53 {
        FakeRoute53 {
            data,
            ..FakeRoute53::default()
        }
    }

    pub fn context(mut self, key: &str, data: Route53Data) -> Self {
        self.by_context.insert(key.into(), data);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    fn at(&self, ctx: &ContextKey) -> Result<&Route53Data, AwsError> {
        super::per_context::lookup(ctx, &self.data, &self.by_context, &self.failing)
    }
}

impl Route53Api for FakeRoute53 {
    fn zones_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<HostedZone> {
        self.crashes.check("zones_page");
        let all = self.at(&ctx).map(|d| d.zones.clone());
        super::per_context::paged(all, self.page_size, token)
    }

    fn records_page(
        &self,
        ctx: ContextKey,
        zone: String,
        token: Option<String>,
    ) -> PageFuture<RecordSet> {
        self.crashes.check("records_page");
        let all = self.at(&ctx).and_then(|d| {
            d.records.get(&zone).cloned().ok_or_else(|| AwsError {
                kind: ErrorKind::NotFound,
                code: Some("NoSuchHostedZone".into()),
                message: format!("No hosted zone found with ID: {zone}"),
            })
        });
        super::per_context::paged(all, self.page_size, token)
    }
}
