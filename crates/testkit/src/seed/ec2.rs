use super::{Lcg, Scale, SeedResult, Target};
use aws_sdk_ec2::types::{
    InstanceType, IpPermission, IpRange, ResourceType, Tag, TagSpecification,
};

/// An image the emulator knows (its first Amazon one), for RunInstances.
pub async fn image_id(ec2: &aws_sdk_ec2::Client) -> SeedResult<String> {
    Ok(ec2
        .describe_images()
        .owners("amazon")
        .max_results(5)
        .send()
        .await
        .map_err(|e| format!("describe images: {e}"))?
        .images()
        .iter()
        .find_map(|i| i.image_id().map(str::to_owned))
        .unwrap_or_else(|| "ami-12c6146b".to_string()))
}

/// One instance per RunInstances call, so listings page by reservation like real accounts.
pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let ec2 = aws_sdk_ec2::Client::new(t.sdk);
    let image = image_id(&ec2).await?;
    let names = [
        "web", "api", "worker", "bastion", "batch", "cache", "search", "ingest",
    ];
    let teams = ["platform", "payments", "growth", "data"];
    let types = [
        InstanceType::T3Micro,
        InstanceType::T3Medium,
        InstanceType::M5Large,
        InstanceType::C5Xlarge,
    ];
    // A security group with real rules, so the details view has something to show.
    let group = ec2
        .create_security_group()
        .group_name(format!("{}-web", t.env))
        .description("web tier: https from anywhere, ssh from the office")
        .send()
        .await
        .map_err(|e| format!("create security group: {e}"))?
        .group_id()
        .unwrap_or_default()
        .to_string();
    let rule = |port: i32, cidr: &str, why: &str| {
        IpPermission::builder()
            .ip_protocol("tcp")
            .from_port(port)
            .to_port(port)
            .ip_ranges(IpRange::builder().cidr_ip(cidr).description(why).build())
            .build()
    };
    ec2.authorize_security_group_ingress()
        .group_id(&group)
        .ip_permissions(rule(443, "0.0.0.0/0", "https"))
        .ip_permissions(rule(22, "198.51.100.0/24", "office ssh"))
        .send()
        .await
        .map_err(|e| format!("authorize: {e}"))?;
    let count = if t.scale == Scale::Demo { 14 } else { 4 };
    let mut rng = Lcg::new(t.env.len() as u64 * 31 + 3);
    let mut ids = Vec::new();
    for i in 0..count {
        let name = format!("{}-{}-{:02}", t.env, names[i % names.len()], i + 1);
        let tags = TagSpecification::builder()
            .resource_type(ResourceType::Instance)
            .tags(Tag::builder().key("Name").value(&name).build())
            .tags(Tag::builder().key("Env").value(t.env).build())
            .tags(Tag::builder().key("Team").value(rng.pick(&teams)).build())
            .build();
        let out = ec2
            .run_instances()
            .image_id(&image)
            .min_count(1)
            .max_count(1)
            .instance_type(types[i % types.len()].clone())
            .key_name(format!("{}-ops", t.env))
            .security_group_ids(&group)
            .tag_specifications(tags)
            .send()
            .await
            .map_err(|e| format!("run instance: {e}"))?;
        ids.extend(
            out.instances()
                .iter()
                .filter_map(|i| i.instance_id().map(str::to_owned)),
        );
    }
    // A realistic mix: most running, some stopped, one terminated.
    let stop: Vec<String> = ids.iter().skip(1).step_by(4).cloned().collect();
    if !stop.is_empty() {
        ec2.stop_instances()
            .set_instance_ids(Some(stop))
            .send()
            .await
            .map_err(|e| format!("stop: {e}"))?;
    }
    if let Some(last) = ids.last() {
        ec2.terminate_instances()
            .instance_ids(last)
            .send()
            .await
            .map_err(|e| format!("terminate: {e}"))?;
    }
    Ok(ids.len())
}
