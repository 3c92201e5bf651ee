//! Elastic Load Balancing v2 (ALB, NLB, GWLB): DescribeLoadBalancers, DescribeTargetGroups
//! and each group's DescribeTargetHealth (a call of its own), and a load balancer's listeners with their rules.
//! SDK types stop here; what leaves is `LoadBalancer`, `TargetGroup`, `Listener` and friends.
//! Every call is a read.

use super::PageFuture;
use super::error::AwsError;
use super::filled::Filled;
use super::page::{Page, pages_up_to};
use super::sdk::{ContextKey, SdkConfigs};
use aws_sdk_elasticloadbalancingv2::types;
use futures::future::BoxFuture;
use std::sync::Arc;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadBalancer {
    pub name: String,
    pub arn: String,
    /// `application`, `network` or `gateway`.
    pub kind: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    /// `active`, `provisioning`, `active_impaired`, `failed`.
    pub state: String,
    pub state_reason: Option<String>,
    pub dns_name: String,
    pub vpc_id: Option<String>,
    pub zones: Vec<String>,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub security_groups: Vec<String>,
    /// `ipv4`, `dualstack`…
    pub ip_type: Option<String>,
}

impl LoadBalancer {
    /// `provisioning`: the view lists it again until it settles.
    pub fn is_transitional(&self) -> bool {
        self.state == "provisioning"
    }
}

/// What a listener or rule does with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// To these target groups (ARN, weight when weighted).
    Forward(Vec<(String, Option<i32>)>),
    Redirect {
        protocol: Option<String>,
        host: Option<String>,
        port: Option<String>,
        path: Option<String>,
        query: Option<String>,
        status: Option<String>,
    },
    FixedResponse {
        status: String,
        content_type: Option<String>,
    },
    /// `authenticate-oidc`, `authenticate-cognito`, `jwt-validation`… by their type.
    Other(String),
}

/// One condition of a rule, its field and values as the console shows them (`host-header`
/// with `api.example.com`; `http-header` with its header name in `header`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    pub field: String,
    /// The header's name for `http-header`.
    pub header: Option<String>,
    /// `key=value` pairs for `query-string`.
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    /// `1`…`50000`, or `default`.
    pub priority: String,
    pub is_default: bool,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    pub arn: String,
    pub protocol: String,
    pub port: Option<i32>,
    pub default_actions: Vec<Action>,
    /// Its rules by priority, the default rule last; or why they could not be read.
    pub rules: Result<Vec<Rule>, String>,
}

/// One target's health in its group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TargetHealth {
    /// An instance id, an IP address, a Lambda function's ARN or an ALB's ARN.
    pub id: String,
    pub port: Option<i32>,
    pub zone: Option<String>,
    /// `healthy`, `unhealthy`, `initial`, `draining`, `unused`, `unavailable`…
    pub state: String,
    pub reason: Option<String>,
    pub description: Option<String>,
}

impl TargetHealth {
    /// Unhealthy first, then the states on the way in or out, then healthy: what a person
    /// on call reads first.
    pub fn rank(&self) -> u8 {
        match self.state.as_str() {
            "unhealthy" | "unhealthy.draining" => 0,
            "unavailable" => 1,
            "initial" | "draining" => 2,
            "unused" => 3,
            "healthy" => 5,
            _ => 4,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetGroup {
    pub name: String,
    pub arn: String,
    pub protocol: Option<String>,
    pub port: Option<i32>,
    /// `instance`, `ip`, `lambda`, `alb`.
    pub target_type: String,
    pub vpc_id: Option<String>,
    /// The load balancers sending to it (ARNs).
    pub load_balancers: Vec<String>,
    pub health_check: Option<String>,
    /// DescribeTargetHealth, unhealthy first (a call per group: `target_health`, asked after
    /// the group is listed); or why it could not be read.
    pub targets: Filled<Vec<TargetHealth>>,
}

impl Default for Listener {
    fn default() -> Listener {
        Listener {
            arn: String::new(),
            protocol: String::new(),
            port: None,
            default_actions: Vec::new(),
            rules: Ok(Vec::new()),
        }
    }
}

impl Default for TargetGroup {
    fn default() -> TargetGroup {
        TargetGroup {
            name: String::new(),
            arn: String::new(),
            protocol: None,
            port: None,
            target_type: String::new(),
            vpc_id: None,
            load_balancers: Vec::new(),
            health_check: None,
            targets: Filled::Pending,
        }
    }
}

impl TargetGroup {
    /// `(healthy, not healthy)` targets, when their health was read.
    pub fn counts(&self) -> Option<(usize, usize)> {
        let targets = self.targets.got()?;
        let healthy = targets.iter().filter(|t| t.state == "healthy").count();
        Some((healthy, targets.len() - healthy))
    }
}

/// What Enter on a load balancer shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadBalancerDetails {
    /// As it was listed (the view's row).
    pub load_balancer: LoadBalancer,
    pub listeners: Vec<Listener>,
    pub target_groups: Vec<TargetGroup>,
}

/// The name in an ELB ARN: `…:loadbalancer/app/NAME/ID` and `…:targetgroup/NAME/ID`.
pub fn name_in_arn(arn: &str) -> &str {
    let resource = arn.rsplit(':').next().unwrap_or(arn);
    let mut parts = resource.split('/');
    match parts.next() {
        Some("loadbalancer") => parts.nth(1).unwrap_or(resource),
        Some("targetgroup") => parts.next().unwrap_or(resource),
        _ => resource,
    }
}

pub trait ElbApi: Send + Sync {
    /// One page of DescribeLoadBalancers.
    fn load_balancers_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> PageFuture<LoadBalancer>;
    /// One page of DescribeTargetGroups (of one load balancer when given), the targets'
    /// health not read (`Filled::Pending`).
    fn target_groups_page(
        &self,
        ctx: ContextKey,
        load_balancer: Option<String>,
        token: Option<String>,
    ) -> PageFuture<TargetGroup>;
    /// DescribeTargetHealth of one group, unhealthy first.
    fn target_health(
        &self,
        ctx: ContextKey,
        group: String,
    ) -> BoxFuture<'static, Result<Vec<TargetHealth>, AwsError>>;
    /// The load balancer's listeners, each with its rules.
    fn listeners(
        &self,
        ctx: ContextKey,
        load_balancer: String,
    ) -> BoxFuture<'static, Result<Vec<Listener>, AwsError>>;
}

pub struct SdkElb {
    configs: Arc<SdkConfigs>,
}

impl SdkElb {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkElb { configs }
    }
}

type Client = aws_sdk_elasticloadbalancingv2::Client;

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> Client {
    Client::new(&configs.get(ctx).await)
}

impl ElbApi for SdkElb {
    fn load_balancers_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> PageFuture<LoadBalancer> {
        let configs = self.configs.clone();
        Box::pin(async move { load_balancers_page(&client(&configs, &ctx).await, token).await })
    }

    fn target_groups_page(
        &self,
        ctx: ContextKey,
        load_balancer: Option<String>,
        token: Option<String>,
    ) -> PageFuture<TargetGroup> {
        let configs = self.configs.clone();
        Box::pin(async move {
            target_groups_page(&client(&configs, &ctx).await, load_balancer, token).await
        })
    }

    fn target_health(
        &self,
        ctx: ContextKey,
        group: String,
    ) -> BoxFuture<'static, Result<Vec<TargetHealth>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { target_health(&client(&configs, &ctx).await, &group).await })
    }

    fn listeners(
        &self,
        ctx: ContextKey,
        load_balancer: String,
    ) -> BoxFuture<'static, Result<Vec<Listener>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { listeners(&client(&configs, &ctx).await, &load_balancer).await })
    }
}

/// DescribeLoadBalancers and DescribeTargetGroups return at most 400 a page.
const PER_PAGE: i32 = 400;
/// Listeners and rules are read up to this many (a load balancer has at most 50 listeners
/// and 100 rules each by default).
const LISTENER_CAP: usize = 500;

pub async fn load_balancers_page(
    elb: &Client,
    token: Option<String>,
) -> Result<Page<LoadBalancer>, AwsError> {
    let out = elb
        .describe_load_balancers()
        .page_size(PER_PAGE)
        .set_marker(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let items = out.load_balancers().iter().map(load_balancer).collect();
    Ok(Page::new(items, out.next_marker().map(str::to_owned)))
}

pub async fn target_groups_page(
    elb: &Client,
    load_balancer: Option<String>,
    token: Option<String>,
) -> Result<Page<TargetGroup>, AwsError> {
    let out = elb
        .describe_target_groups()
        .set_load_balancer_arn(load_balancer)
        .page_size(PER_PAGE)
        .set_marker(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let groups = out.target_groups().iter().map(target_group).collect();
    Ok(Page::new(groups, out.next_marker().map(str::to_owned)))
}

pub async fn target_health(elb: &Client, group: &str) -> Result<Vec<TargetHealth>, AwsError> {
    let out = elb
        .describe_target_health()
        .target_group_arn(group)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let mut targets: Vec<TargetHealth> = out
        .target_health_descriptions()
        .iter()
        .map(|d| {
            let target = d.target();
            let health = d.target_health();
            TargetHealth {
                id: target.and_then(|t| t.id()).unwrap_or_default().to_string(),
                port: target.and_then(|t| t.port()),
                zone: target
                    .and_then(|t| t.availability_zone())
                    .map(str::to_owned),
                state: health
                    .and_then(|h| h.state())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_else(|| "unknown".into()),
                reason: health
                    .and_then(|h| h.reason())
                    .map(|r| r.as_str().to_string()),
                description: health.and_then(|h| h.description()).map(str::to_owned),
            }
        })
        .collect();
    sort_targets(&mut targets);
    Ok(targets)
}

/// Unhealthy first (the order every view shows), then by id.
pub fn sort_targets(targets: &mut [TargetHealth]) {
    targets.sort_by(|a, b| (a.rank(), &a.id, a.port).cmp(&(b.rank(), &b.id, b.port)));
}

pub async fn listeners(elb: &Client, load_balancer: &str) -> Result<Vec<Listener>, AwsError> {
    let (listed, _) = pages_up_to(None, LISTENER_CAP, |token| async move {
        let out = elb
            .describe_listeners()
            .load_balancer_arn(load_balancer)
            .set_marker(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let items: Vec<Listener> = out.listeners().iter().map(listener).collect();
        Ok(Page::new(items, out.next_marker().map(str::to_owned)))
    })
    .await?;
    let mut with_rules = Vec::with_capacity(listed.len());
    for mut l in listed {
        l.rules = rules(elb, &l.arn).await.map_err(|e| e.summary());
        with_rules.push(l);
    }
    with_rules.sort_by_key(|l| l.port);
    Ok(with_rules)
}

async fn rules(elb: &Client, listener: &str) -> Result<Vec<Rule>, AwsError> {
    let (mut rules, _) = pages_up_to(None, LISTENER_CAP, |token| async move {
        let out = elb
            .describe_rules()
            .listener_arn(listener)
            .set_marker(token)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        let items: Vec<Rule> = out.rules().iter().map(rule).collect();
        Ok(Page::new(items, out.next_marker().map(str::to_owned)))
    })
    .await?;
    sort_rules(&mut rules);
    Ok(rules)
}

/// By priority as a number, the default rule last.
pub fn sort_rules(rules: &mut [Rule]) {
    rules.sort_by_key(|r| (r.is_default, r.priority.parse::<u32>().unwrap_or(u32::MAX)));
}

fn load_balancer(lb: &types::LoadBalancer) -> LoadBalancer {
    let state = lb.state();
    LoadBalancer {
        name: lb.load_balancer_name().unwrap_or_default().to_string(),
        arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
        kind: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        scheme: lb
            .scheme()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        state: state
            .and_then(|s| s.code())
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        state_reason: state.and_then(|s| s.reason()).map(str::to_owned),
        dns_name: lb.dns_name().unwrap_or_default().to_string(),
        vpc_id: lb.vpc_id().map(str::to_owned),
        zones: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.zone_name().map(str::to_owned))
            .collect(),
        created: lb.created_time().map(|t| t.secs()),
        security_groups: lb.security_groups().to_vec(),
        ip_type: lb.ip_address_type().map(|t| t.as_str().to_string()),
    }
}

fn target_group(g: &types::TargetGroup) -> TargetGroup {
    let health_check = g.health_check_protocol().map(|p| {
        let port = g.health_check_port().unwrap_or("traffic-port");
        match g.health_check_path() {
            Some(path) => format!("{}:{port}{path}", p.as_str()),
            None => format!("{}:{port}", p.as_str()),
        }
    });
    TargetGroup {
        name: g.target_group_name().unwrap_or_default().to_string(),
        arn: g.target_group_arn().unwrap_or_default().to_string(),
        protocol: g.protocol().map(|p| p.as_str().to_string()),
        port: g.port(),
        target_type: g
            .target_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        vpc_id: g.vpc_id().map(str::to_owned),
        load_balancers: g.load_balancer_arns().to_vec(),
        health_check,
        targets: Filled::Pending,
    }
}

fn listener(l: &types::Listener) -> Listener {
    Listener {
        arn: l.listener_arn().unwrap_or_default().to_string(),
        protocol: l
            .protocol()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        port: l.port(),
        default_actions: actions(l.default_actions()),
        rules: Ok(Vec::new()),
    }
}

fn rule(r: &types::Rule) -> Rule {
    Rule {
        priority: r.priority().unwrap_or_default().to_string(),
        is_default: r.is_default().unwrap_or(false),
        conditions: r.conditions().iter().map(condition).collect(),
        actions: actions(r.actions()),
    }
}

/// In the order they run.
fn actions(list: &[types::Action]) -> Vec<Action> {
    let mut sorted: Vec<&types::Action> = list.iter().collect();
    sorted.sort_by_key(|a| a.order().unwrap_or(i32::MAX));
    sorted.into_iter().map(action).collect()
}

fn action(a: &types::Action) -> Action {
    let kind = a.r#type().map(|t| t.as_str()).unwrap_or_default();
    match kind {
        "forward" => {
            let weighted: Vec<(String, Option<i32>)> = a
                .forward_config()
                .map(|f| {
                    f.target_groups()
                        .iter()
                        .filter_map(|t| Some((t.target_group_arn()?.to_string(), t.weight())))
                        .collect()
                })
                .unwrap_or_default();
            if weighted.is_empty() {
                Action::Forward(
                    a.target_group_arn()
                        .map(|arn| vec![(arn.to_string(), None)])
                        .unwrap_or_default(),
                )
            } else {
                Action::Forward(weighted)
            }
        }
        "redirect" => {
            let r = a.redirect_config();
            let text = |f: fn(&types::RedirectActionConfig) -> Option<&str>| {
                r.and_then(f).map(str::to_owned)
            };
            Action::Redirect {
                protocol: text(|r| r.protocol()),
                host: text(|r| r.host()),
                port: text(|r| r.port()),
                path: text(|r| r.path()),
                query: text(|r| r.query()),
                status: r
                    .and_then(|r| r.status_code())
                    .map(|s| s.as_str().to_string()),
            }
        }
        "fixed-response" => {
            let f = a.fixed_response_config();
            Action::FixedResponse {
                status: f
                    .and_then(|f| f.status_code())
                    .unwrap_or_default()
                    .to_string(),
                content_type: f.and_then(|f| f.content_type()).map(str::to_owned),
            }
        }
        other => Action::Other(other.to_string()),
    }
}

fn condition(c: &types::RuleCondition) -> Condition {
    let field = c.field().unwrap_or_default().to_string();
    let mut header = None;
    // The typed configs carry the values when set; the plain `values` otherwise (older rules).
    let values: Vec<String> = match field.as_str() {
        "host-header" => c.host_header_config().map(|h| h.values().to_vec()),
        "path-pattern" => c.path_pattern_config().map(|p| p.values().to_vec()),
        "http-header" => c.http_header_config().map(|h| {
            header = h.http_header_name().map(str::to_owned);
            h.values().to_vec()
        }),
        "http-request-method" => c.http_request_method_config().map(|m| m.values().to_vec()),
        "source-ip" => c.source_ip_config().map(|s| s.values().to_vec()),
        "query-string" => c.query_string_config().map(|q| {
            q.values()
                .iter()
                .map(|kv| match kv.key() {
                    Some(k) => format!("{k}={}", kv.value().unwrap_or_default()),
                    None => kv.value().unwrap_or_default().to_string(),
                })
                .collect()
        }),
        _ => None,
    }
    .filter(|v| !v.is_empty())
    .unwrap_or_else(|| c.values().to_vec());
    Condition {
        field,
        header,
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_out_of_load_balancer_and_target_group_arns() {
        assert_eq!(
            name_in_arn(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
            ),
            "web"
        );
        assert_eq!(
            name_in_arn(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api-tg/73e2d6bc24d8a067"
            ),
            "api-tg"
        );
        assert_eq!(name_in_arn("plain"), "plain");
    }

    #[test]
    fn unhealthy_targets_sort_first_and_rules_by_number_default_last() {
        let t = |id: &str, state: &str| TargetHealth {
            id: id.into(),
            state: state.into(),
            ..TargetHealth::default()
        };
        let mut targets = vec![
            t("i-1", "healthy"),
            t("i-2", "draining"),
            t("i-3", "unhealthy"),
            t("i-0", "healthy"),
        ];
        sort_targets(&mut targets);
        let ids: Vec<&str> = targets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["i-3", "i-2", "i-0", "i-1"]);

        let r = |priority: &str, is_default: bool| Rule {
            priority: priority.into(),
            is_default,
            ..Rule::default()
        };
        let mut rules = vec![r("default", true), r("10", false), r("2", false)];
        sort_rules(&mut rules);
        let order: Vec<&str> = rules.iter().map(|r| r.priority.as_str()).collect();
        assert_eq!(order, ["2", "10", "default"]);
    }
}
