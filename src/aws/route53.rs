//! Route 53: ListHostedZones and ListResourceRecordSets, one page at a time. Hosted zones are
//! global (one listing per account). SDK types stop here; what leaves is `HostedZone` and
//! `RecordSet`, names with their escapes (`\052` for `*`) decoded. Every call is a read.

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_route53::types;
use std::sync::Arc;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostedZone {
    /// `Z0123456789ABCDEFGHIJ` (without `/hostedzone/`).
    pub id: String,
    /// `example.com.`
    pub name: String,
    pub private: bool,
    pub records: Option<i64>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alias {
    pub dns_name: String,
    pub zone_id: String,
    pub evaluate_health: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordSet {
    /// `www.example.com.`
    pub name: String,
    /// `A`, `CNAME`, `MX`…
    pub kind: String,
    pub ttl: Option<i64>,
    pub values: Vec<String>,
    pub alias: Option<Alias>,
    /// Routing: the set's id and its weight, region, failover role or location.
    pub set_id: Option<String>,
    pub weight: Option<i64>,
    pub region: Option<String>,
    pub failover: Option<String>,
    pub geo: Option<String>,
    pub multi_value: bool,
    pub health_check: Option<String>,
}

pub trait Route53Api: Send + Sync {
    /// One page of ListHostedZones (the account's zones; the context's region plays no part).
    fn zones_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<HostedZone>;
    /// One page of ListResourceRecordSets of a zone.
    fn records_page(
        &self,
        ctx: ContextKey,
        zone: String,
        token: Option<String>,
    ) -> PageFuture<RecordSet>;
}

pub struct SdkRoute53 {
    configs: Arc<SdkConfigs>,
}

impl SdkRoute53 {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkRoute53 { configs }
    }
}

type Client = aws_sdk_route53::Client;

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> Client {
    Client::new(&configs.get(ctx).await)
}

impl Route53Api for SdkRoute53 {
    fn zones_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<HostedZone> {
        let configs = self.configs.clone();
        Box::pin(async move { zones_page(&client(&configs, &ctx).await, token).await })
    }

    fn records_page(
        &self,
        ctx: ContextKey,
        zone: String,
        token: Option<String>,
    ) -> PageFuture<RecordSet> {
        let configs = self.configs.clone();
        Box::pin(async move { records_page(&client(&configs, &ctx).await, &zone, token).await })
    }
}

/// ListResourceRecordSets returns at most 300 a page.
const RECORDS_PER_PAGE: i32 = 300;

pub async fn zones_page(r53: &Client, token: Option<String>) -> Result<Page<HostedZone>, AwsError> {
    let out = r53
        .list_hosted_zones()
        .set_marker(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let zones = out
        .hosted_zones()
        .iter()
        .map(|z| HostedZone {
            id: zone_id(z.id()).to_string(),
            name: decode_name(z.name()),
            private: z.config().is_some_and(|c| c.private_zone()),
            records: z.resource_record_set_count(),
            comment: z
                .config()
                .and_then(|c| c.comment())
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
        })
        .collect();
    let next = out
        .is_truncated()
        .then(|| out.next_marker().map(str::to_owned))
        .flatten();
    Ok(Page::new(zones, next))
}

/// `/hostedzone/Z123` → `Z123`.
pub fn zone_id(id: &str) -> &str {
    id.strip_prefix("/hostedzone/").unwrap_or(id)
}

/// The record where the next page starts (name, type, set id), as one token. A record name
/// never holds a newline (Route 53 escapes it), so newlines part the three.
fn record_token(name: &str, kind: Option<&str>, set_id: Option<&str>) -> String {
    format!(
        "{name}\n{}\n{}",
        kind.unwrap_or_default(),
        set_id.unwrap_or_default()
    )
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub async fn records_page(
    r53: &Client,
    zone: &str,
    token: Option<String>,
) -> Result<Page<RecordSet>, AwsError> {
    let mut call = r53
        .list_resource_record_sets()
        .hosted_zone_id(zone)
        .max_items(RECORDS_PER_PAGE);
    if let Some(token) = token {
        let mut parts = token.split('\n');
        let name = parts.next().unwrap_or_default();
        let kind = parts.next().and_then(non_empty);
        let set_id = parts.next().and_then(non_empty);
        call = call
            .start_record_name(name)
            .set_start_record_type(kind.map(|k| types::RrType::from(k.as_str())))
            .set_start_record_identifier(set_id);
    }
    let out = call.send().await.map_err(AwsError::from_sdk)?;
    let records = out.resource_record_sets().iter().map(record).collect();
    let next = match (out.is_truncated(), out.next_record_name()) {
        (true, Some(name)) => Some(record_token(
            name,
            out.next_record_type().map(|t| t.as_str()),
            out.next_record_identifier(),
        )),
        _ => None,
    };
    Ok(Page::new(records, next))
}

fn record(r: &types::ResourceRecordSet) -> RecordSet {
    let geo = r.geo_location().map(|g| {
        [g.continent_code(), g.country_code(), g.subdivision_code()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/")
    });
    RecordSet {
        name: decode_name(r.name()),
        kind: r.r#type().as_str().to_string(),
        ttl: r.ttl(),
        values: r
            .resource_records()
            .iter()
            .map(|v| v.value().to_string())
            .collect(),
        alias: r.alias_target().map(|a| Alias {
            dns_name: decode_name(a.dns_name()),
            zone_id: a.hosted_zone_id().to_string(),
            evaluate_health: a.evaluate_target_health(),
        }),
        set_id: r.set_identifier().map(str::to_owned),
        weight: r.weight(),
        region: r.region().map(|x| x.as_str().to_string()),
        failover: r.failover().map(|f| f.as_str().to_string()),
        geo: geo.filter(|g| !g.is_empty()),
        multi_value: r.multi_value_answer().unwrap_or(false),
        health_check: r.health_check_id().map(str::to_owned),
    }
}

/// Route 53 spells characters outside `a-z0-9-_.` as three octal digits (`\052` is `*`);
/// the name as a person writes it.
pub fn decode_name(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && i + 3 < bytes.len()
            && bytes[i + 1..i + 4]
                .iter()
                .all(|b| (b'0'..=b'7').contains(b))
        {
            let code = (bytes[i + 1] - b'0') as u32 * 64
                + (bytes[i + 2] - b'0') as u32 * 8
                + (bytes[i + 3] - b'0') as u32;
            if let Ok(b) = u8::try_from(code) {
                out.push(b);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_names_decode_and_zone_ids_lose_their_prefix() {
        assert_eq!(decode_name("\\052.example.com."), "*.example.com.");
        assert_eq!(decode_name("a\\100b.example."), "a@b.example.");
        assert_eq!(decode_name("plain.example."), "plain.example.");
        // Not an escape: left as it is.
        assert_eq!(decode_name("x\\9y."), "x\\9y.");
        assert_eq!(decode_name("end\\05"), "end\\05");
        assert_eq!(zone_id("/hostedzone/Z123"), "Z123");
        assert_eq!(zone_id("Z123"), "Z123");
    }

    #[test]
    fn the_record_token_carries_name_type_and_set_id() {
        let token = record_token("www.example.com.", Some("A"), None);
        let parts: Vec<&str> = token.split('\n').collect();
        assert_eq!(parts, ["www.example.com.", "A", ""]);
    }
}
