//! The Resource Groups Tagging API: GetResources, one page at a time — every resource of the
//! context's region (and the account's global ones) carrying the asked tags. SDK types stop
//! here; what leaves is `TaggedResource`. A read.

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_resourcegroupstagging::types;
use std::sync::Arc;

/// One tag the resources must carry: `key` with one of `values` (any value when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagFilter {
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaggedResource {
    pub arn: String,
    /// Every tag of the resource, as GetResources gave them.
    pub tags: Vec<(String, String)>,
}

pub trait TaggingApi: Send + Sync {
    /// One page of GetResources with every filter (all must match) and, when any, only
    /// these resource types (`ec2:instance`, `s3`).
    fn resources_page(
        &self,
        ctx: ContextKey,
        filters: Vec<TagFilter>,
        types: Vec<String>,
        token: Option<String>,
    ) -> PageFuture<TaggedResource>;
}

pub struct SdkTagging {
    configs: Arc<SdkConfigs>,
}

impl SdkTagging {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkTagging { configs }
    }
}

type Client = aws_sdk_resourcegroupstagging::Client;

impl TaggingApi for SdkTagging {
    fn resources_page(
        &self,
        ctx: ContextKey,
        filters: Vec<TagFilter>,
        types: Vec<String>,
        token: Option<String>,
    ) -> PageFuture<TaggedResource> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let client = Client::new(&configs.get(&ctx).await);
            resources_page(&client, filters, types, token).await
        })
    }
}

/// GetResources returns at most 100 a page.
const PER_PAGE: i32 = 100;

pub async fn resources_page(
    client: &Client,
    filters: Vec<TagFilter>,
    resource_types: Vec<String>,
    token: Option<String>,
) -> Result<Page<TaggedResource>, AwsError> {
    let filters: Vec<types::TagFilter> = filters
        .into_iter()
        .map(|f| {
            types::TagFilter::builder()
                .key(f.key)
                .set_values((!f.values.is_empty()).then_some(f.values))
                .build()
        })
        .collect();
    let out = client
        .get_resources()
        .set_tag_filters(Some(filters))
        .set_resource_type_filters((!resource_types.is_empty()).then_some(resource_types))
        .resources_per_page(PER_PAGE)
        .set_pagination_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let items = out
        .resource_tag_mapping_list()
        .iter()
        .map(|m| TaggedResource {
            arn: m.resource_arn().unwrap_or_default().to_string(),
            tags: m
                .tags()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect(),
        })
        .collect();
    // The last page's token is "" (Page::new takes that as the end).
    Ok(Page::new(items, out.pagination_token().map(str::to_owned)))
}
