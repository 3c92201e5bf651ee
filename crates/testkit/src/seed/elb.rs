//! Load balancers for the demo: an internet-facing ALB with an HTTP listener that forwards to
//! the web targets, a rule sending `api.*` and `/api/*` to the API targets and a fixed 503 for
//! `/maintenance`, a second listener redirecting to another port; an internal NLB on TCP:443.
//! The web and API target groups get the context's instances as targets (the emulator
//! reports their health).

use super::{SeedResult, Target};
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, FixedResponseActionConfig, LoadBalancerSchemeEnum,
    LoadBalancerTypeEnum, ProtocolEnum, RedirectActionConfig, RedirectActionStatusCodeEnum,
    RuleCondition, TargetDescription,
};

fn forward(group: &str) -> Action {
    Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .target_group_arn(group)
        .build()
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let ec2 = aws_sdk_ec2::Client::new(t.sdk);
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(t.sdk);
    let subnets = ec2
        .describe_subnets()
        .send()
        .await
        .map_err(|e| format!("subnets: {e}"))?;
    let mut subnets: Vec<(String, String, String)> = subnets
        .subnets()
        .iter()
        .filter_map(|s| {
            Some((
                s.availability_zone()?.to_string(),
                s.subnet_id()?.to_string(),
                s.vpc_id()?.to_string(),
            ))
        })
        .collect();
    subnets.sort();
    let vpc = subnets
        .first()
        .map(|s| s.2.clone())
        .ok_or("no subnet to put a load balancer in")?;
    let in_vpc: Vec<String> = subnets
        .iter()
        .filter(|s| s.2 == vpc)
        .take(2)
        .map(|s| s.1.clone())
        .collect();

    let mut lbs = Vec::new();
    for (name, kind, scheme) in [
        (
            format!("{}-web", t.env),
            LoadBalancerTypeEnum::Application,
            LoadBalancerSchemeEnum::InternetFacing,
        ),
        (
            format!("{}-ingest", t.env),
            LoadBalancerTypeEnum::Network,
            LoadBalancerSchemeEnum::Internal,
        ),
    ] {
        let out = elb
            .create_load_balancer()
            .name(&name)
            .r#type(kind)
            .scheme(scheme)
            .set_subnets(Some(in_vpc.clone()))
            .send()
            .await
            .map_err(|e| format!("create {name}: {e}"))?;
        let arn = out
            .load_balancers()
            .first()
            .and_then(|lb| lb.load_balancer_arn())
            .ok_or("no ARN for a load balancer")?
            .to_string();
        lbs.push(arn);
    }

    let mut groups = Vec::new();
    for (name, protocol, port, path) in [
        (
            format!("{}-web-tg", t.env),
            ProtocolEnum::Http,
            80,
            Some("/health"),
        ),
        (
            format!("{}-api-tg", t.env),
            ProtocolEnum::Http,
            8080,
            Some("/v1/ping"),
        ),
        (format!("{}-ingest-tg", t.env), ProtocolEnum::Tcp, 443, None),
    ] {
        let out = elb
            .create_target_group()
            .name(&name)
            .protocol(protocol)
            .port(port)
            .vpc_id(&vpc)
            .set_health_check_path(path.map(str::to_owned))
            .send()
            .await
            .map_err(|e| format!("create {name}: {e}"))?;
        let arn = out
            .target_groups()
            .first()
            .and_then(|g| g.target_group_arn())
            .ok_or("no ARN for a target group")?
            .to_string();
        groups.push(arn);
    }

    // The context's running instances are the web and API targets (only running instances
    // can be registered).
    let instances: Vec<String> = ec2
        .describe_instances()
        .filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("instance-state-name")
                .values("running")
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("instances: {e}"))?
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .filter_map(|i| i.instance_id().map(str::to_owned))
        .take(4)
        .collect();
    let (web, api) = (
        &instances[..instances.len().min(3)],
        &instances[instances.len().min(2)..],
    );
    for (group, ids) in [(&groups[0], web), (&groups[1], api)] {
        let targets: Vec<TargetDescription> = ids
            .iter()
            .map(|id| TargetDescription::builder().id(id).build())
            .collect();
        if targets.is_empty() {
            continue;
        }
        elb.register_targets()
            .target_group_arn(group)
            .set_targets(Some(targets))
            .send()
            .await
            .map_err(|e| format!("register targets: {e}"))?;
    }

    // One web target stopped after it was registered: its health reads `unused`
    // (Target.InvalidState), listed before the healthy ones.
    if let Some(stopped) = web.get(2) {
        ec2.stop_instances()
            .instance_ids(stopped)
            .send()
            .await
            .map_err(|e| format!("stop a target: {e}"))?;
    }
    let http = elb
        .create_listener()
        .load_balancer_arn(&lbs[0])
        .protocol(ProtocolEnum::Http)
        .port(80)
        .default_actions(forward(&groups[0]))
        .send()
        .await
        .map_err(|e| format!("listener :80: {e}"))?;
    let http = http
        .listeners()
        .first()
        .and_then(|l| l.listener_arn())
        .ok_or("no listener ARN")?
        .to_string();
    elb.create_rule()
        .listener_arn(&http)
        .priority(10)
        .conditions(
            RuleCondition::builder()
                .field("host-header")
                .values(format!("api.{}.example.com", t.env))
                .build(),
        )
        .conditions(
            RuleCondition::builder()
                .field("path-pattern")
                .values("/api/*")
                .build(),
        )
        .actions(forward(&groups[1]))
        .send()
        .await
        .map_err(|e| format!("rule 10: {e}"))?;
    elb.create_rule()
        .listener_arn(&http)
        .priority(20)
        .conditions(
            RuleCondition::builder()
                .field("path-pattern")
                .values("/maintenance")
                .build(),
        )
        .actions(
            Action::builder()
                .r#type(ActionTypeEnum::FixedResponse)
                .fixed_response_config(
                    FixedResponseActionConfig::builder()
                        .status_code("503")
                        .content_type("text/plain")
                        .message_body("down for maintenance")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("rule 20: {e}"))?;
    elb.create_listener()
        .load_balancer_arn(&lbs[0])
        .protocol(ProtocolEnum::Http)
        .port(8000)
        .default_actions(
            Action::builder()
                .r#type(ActionTypeEnum::Redirect)
                .redirect_config(
                    RedirectActionConfig::builder()
                        .protocol("HTTP")
                        .port("80")
                        .host("#{host}")
                        .path("/#{path}")
                        .query("#{query}")
                        .status_code(RedirectActionStatusCodeEnum::Http301)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .map_err(|e| format!("listener :8000: {e}"))?;
    elb.create_listener()
        .load_balancer_arn(&lbs[1])
        .protocol(ProtocolEnum::Tcp)
        .port(443)
        .default_actions(forward(&groups[2]))
        .send()
        .await
        .map_err(|e| format!("listener :443: {e}"))?;
    Ok(lbs.len())
}
