//! Hosted zones for the demo, once per account (Route 53 is global: only the us-east-1 pass
//! seeds them): a public zone with A, CNAME, MX and TXT records, weighted blue/green records,
//! an alias to a load balancer, and a private zone for the VPC's internal names.

use super::{SeedResult, Target};
use aws_sdk_route53::types::{
    AliasTarget, Change, ChangeAction, ChangeBatch, HostedZoneConfig, ResourceRecord,
    ResourceRecordSet, RrType, Vpc, VpcRegion,
};

fn record(name: &str, kind: RrType, ttl: i64, values: &[&str]) -> SeedResult<ResourceRecordSet> {
    ResourceRecordSet::builder()
        .name(name)
        .r#type(kind)
        .ttl(ttl)
        .set_resource_records(Some(
            values
                .iter()
                .map(|v| ResourceRecord::builder().value(*v).build())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?,
        ))
        .build()
        .map_err(|e| e.to_string())
}

fn weighted(name: &str, set: &str, weight: i64, value: &str) -> SeedResult<ResourceRecordSet> {
    let mut r = record(name, RrType::A, 60, &[value])?;
    r.set_identifier = Some(set.to_string());
    r.weight = Some(weight);
    Ok(r)
}

async fn zone(
    r53: &aws_sdk_route53::Client,
    name: &str,
    comment: &str,
    vpc: Option<(&str, &str)>,
) -> SeedResult<String> {
    let mut call = r53
        .create_hosted_zone()
        .name(name)
        .caller_reference(format!("demo-{name}"))
        .hosted_zone_config(
            HostedZoneConfig::builder()
                .comment(comment)
                .private_zone(vpc.is_some())
                .build(),
        );
    if let Some((id, region)) = vpc {
        call = call.vpc(
            Vpc::builder()
                .vpc_id(id)
                .vpc_region(VpcRegion::from(region))
                .build(),
        );
    }
    let out = call.send().await.map_err(|e| format!("zone {name}: {e}"))?;
    Ok(out
        .hosted_zone()
        .map(|z| z.id().trim_start_matches("/hostedzone/").to_string())
        .unwrap_or_default())
}

async fn put(
    r53: &aws_sdk_route53::Client,
    zone: &str,
    records: Vec<ResourceRecordSet>,
) -> SeedResult<usize> {
    let count = records.len();
    let changes = records
        .into_iter()
        .map(|r| {
            Change::builder()
                .action(ChangeAction::Create)
                .resource_record_set(r)
                .build()
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    r53.change_resource_record_sets()
        .hosted_zone_id(zone)
        .change_batch(
            ChangeBatch::builder()
                .set_changes(Some(changes))
                .build()
                .map_err(|e| e.to_string())?,
        )
        .send()
        .await
        .map_err(|e| format!("records in {zone}: {e}"))?;
    Ok(count)
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    if t.region() != "us-east-1" {
        return Ok(0);
    }
    let r53 = aws_sdk_route53::Client::new(t.sdk);
    let public = format!("{}.example.com.", t.env);
    let id = zone(&r53, &public, "public names of the shop", None).await?;
    let n = |rest: &str| format!("{rest}.{public}");
    let mut alias = record(&n("shop"), RrType::A, 0, &[])?;
    alias.ttl = None;
    alias.resource_records = None;
    alias.alias_target = Some(
        AliasTarget::builder()
            .hosted_zone_id("Z35SXDOTRQ7X7K")
            .dns_name(format!(
                "{}-web-1234567890.us-east-1.elb.amazonaws.com.",
                t.env
            ))
            .evaluate_target_health(true)
            .build()
            .map_err(|e| e.to_string())?,
    );
    let mut count = put(
        &r53,
        &id,
        vec![
            record(&public, RrType::Mx, 3600, &["10 mail.example.com."])?,
            record(
                &public,
                RrType::Txt,
                300,
                &["\"v=spf1 include:_spf.example.com ~all\""],
            )?,
            record(&n("www"), RrType::Cname, 300, &[&n("shop")])?,
            record(&n("api"), RrType::A, 60, &["203.0.113.10", "203.0.113.11"])?,
            weighted(&n("checkout"), "blue", 90, "203.0.113.20")?,
            weighted(&n("checkout"), "green", 10, "203.0.113.21")?,
            alias,
        ],
    )
    .await?;

    let ec2 = aws_sdk_ec2::Client::new(t.sdk);
    let vpc = ec2
        .describe_vpcs()
        .send()
        .await
        .map_err(|e| format!("vpcs: {e}"))?
        .vpcs()
        .first()
        .and_then(|v| v.vpc_id())
        .map(str::to_owned);
    if let Some(vpc) = vpc {
        let internal = format!("{}.internal.", t.env);
        let id = zone(
            &r53,
            &internal,
            "service discovery inside the VPC",
            Some((&vpc, "us-east-1")),
        )
        .await?;
        count += put(
            &r53,
            &id,
            vec![
                record(
                    &format!("orders-db.{internal}"),
                    RrType::Cname,
                    300,
                    &["orders-db.abc123.us-east-1.rds.amazonaws.com"],
                )?,
                record(&format!("cache.{internal}"), RrType::A, 60, &["10.0.12.7"])?,
            ],
        )
        .await?;
    }
    Ok(count)
}
