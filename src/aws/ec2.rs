//! EC2: instances page by page, their details (description, security groups, volumes), console
//! output, and the lifecycle actions — each preceded by a DryRun so a missing permission shows
//! up before anything is confirmed.

use super::ec2_inventory::{self as inventory, EbsVolume, GroupDetails};
use super::error::{AwsError, ErrorKind};
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use super::tree::{Tree, prune};
use aws_sdk_ec2::types::Filter as SdkFilter;
use futures::future::BoxFuture;
use serde_json::json;
use std::sync::Arc;

/// One row of the instances table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Instance {
    pub id: String,
    pub state: String,
    pub instance_type: String,
    pub az: String,
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    /// Seconds since the epoch.
    pub launched: Option<i64>,
    pub key_name: Option<String>,
    pub tags: Vec<(String, String)>,
}

impl Instance {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn name(&self) -> &str {
        self.tag("Name").unwrap_or_default()
    }

    /// On its way to another state: worth polling until it settles.
    pub fn is_transitional(&self) -> bool {
        is_transitional(&self.state)
    }
}

pub fn is_transitional(state: &str) -> bool {
    matches!(
        state,
        "pending" | "stopping" | "shutting-down" | "rebooting"
    )
}

pub fn instance_arn(region: &str, account: &str, id: &str) -> String {
    format!(
        "arn:{}:ec2:{region}:{account}:instance/{id}",
        super::partition(region)
    )
}

/// A server-side filter: an EC2 filter name and the values any of which may match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

/// Short names for the filters people use most; anything else must be an EC2 filter name.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("state", "instance-state-name"),
    ("type", "instance-type"),
    ("name", "tag:Name"),
    ("id", "instance-id"),
    ("az", "availability-zone"),
    ("ip", "private-ip-address"),
    ("public-ip", "ip-address"),
    ("key", "key-name"),
    ("vpc", "vpc-id"),
    ("subnet", "subnet-id"),
    ("image", "image-id"),
];

/// `state=running,stopped tag:Env=prod type=t3.*` → EC2 filters. Values may use EC2's own `*`
/// and `?` wildcards.
pub fn parse_filters(text: &str) -> Result<Vec<Filter>, String> {
    let mut filters: Vec<Filter> = Vec::new();
    for word in text.split_whitespace() {
        let Some((name, values)) = word.split_once('=') else {
            return Err(format!(
                "'{word}': filters look like state=running, tag:Env=prod or type=t3.*"
            ));
        };
        let name = match SHORT_NAMES.iter().find(|(short, _)| *short == name) {
            Some((_, full)) => full.to_string(),
            None if name.starts_with("tag:") && name.len() > 4 => name.to_string(),
            None if name.contains('-') || name.contains('.') => name.to_string(),
            None => {
                let known: Vec<&str> = SHORT_NAMES.iter().map(|(s, _)| *s).collect();
                return Err(format!(
                    "unknown filter '{name}': use {}, tag:KEY, or an EC2 filter name",
                    known.join(", ")
                ));
            }
        };
        let values: Vec<String> = values
            .split(',')
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if values.is_empty() {
            return Err(format!("'{word}' has no value"));
        }
        match filters.iter_mut().find(|f| f.name == name) {
            Some(f) => f.values.extend(values),
            None => filters.push(Filter { name, values }),
        }
    }
    Ok(filters)
}

/// The filters as the user would type them, for the pane title.
pub fn describe_filters(filters: &[Filter]) -> String {
    filters
        .iter()
        .map(|f| {
            let short = SHORT_NAMES
                .iter()
                .find(|(_, full)| *full == f.name)
                .map_or(f.name.as_str(), |(s, _)| s);
            format!("{short}={}", f.values.join(","))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Start,
    Stop,
    Reboot,
    Terminate,
}

impl Action {
    pub fn verb(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Stop => "stop",
            Action::Reboot => "reboot",
            Action::Terminate => "terminate",
        }
    }
}

/// What one instance did in answer to an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionResult {
    pub id: String,
    /// The state it is in now (`stopping`, …), or the error.
    pub result: Result<String, AwsError>,
}

/// Everything the details view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceDetails {
    pub instance: Instance,
    /// The full description, for the tree view.
    pub description: Tree,
    pub security_groups: Result<Vec<SecurityGroup>, AwsError>,
    pub volumes: Result<Vec<Volume>, AwsError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vpc_id: Option<String>,
    pub inbound: Vec<Rule>,
    pub outbound: Vec<Rule>,
    pub tags: Vec<(String, String)>,
}

/// One permission of a security group, flattened to one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    /// `22`, `8000-8100` or `all`.
    pub ports: String,
    /// A CIDR, a security group id or a prefix list.
    pub peer: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Volume {
    pub id: String,
    pub device: Option<String>,
    pub size_gib: Option<i32>,
    pub volume_type: String,
    pub state: String,
    pub encrypted: bool,
    pub iops: Option<i32>,
    pub delete_on_termination: Option<bool>,
}

pub trait Ec2Api: Send + Sync {
    /// One DescribeInstances page (`page_size` 5–1000).
    fn list_page(
        &self,
        ctx: ContextKey,
        filters: Vec<Filter>,
        token: Option<String>,
        page_size: i32,
    ) -> BoxFuture<'static, Result<super::page::Page<Instance>, AwsError>>;
    /// These instances (polling, and the details view).
    fn describe(
        &self,
        ctx: ContextKey,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<Instance>, AwsError>>;
    fn details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<InstanceDetails, AwsError>>;
    /// `Ok` when the action would be allowed (EC2 answers `DryRunOperation`).
    fn dry_run(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
    fn act(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Vec<ActionResult>>;
    /// The decoded serial console output (`None`: the instance has none yet).
    fn console_output(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>>;
    /// One DescribeSecurityGroups page.
    fn groups_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<SecurityGroup>, AwsError>>;
    /// A group with its rules, and the instances using it.
    fn group_details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<GroupDetails, AwsError>>;
    /// One DescribeVolumes page.
    fn volumes_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<EbsVolume>, AwsError>>;
}

pub struct SdkEc2 {
    configs: Arc<SdkConfigs>,
}

impl SdkEc2 {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkEc2 { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::new(&configs.get(ctx).await)
}

impl Ec2Api for SdkEc2 {
    fn groups_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<SecurityGroup>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { inventory::groups_page(&client(&configs, &ctx).await, token).await })
    }

    fn group_details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<GroupDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { inventory::group_details(&client(&configs, &ctx).await, id).await })
    }

    fn volumes_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<EbsVolume>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { inventory::volumes_page(&client(&configs, &ctx).await, token).await })
    }

    fn list_page(
        &self,
        ctx: ContextKey,
        filters: Vec<Filter>,
        token: Option<String>,
        page_size: i32,
    ) -> BoxFuture<'static, Result<super::page::Page<Instance>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ec2 = client(&configs, &ctx).await;
            let out = ec2
                .describe_instances()
                .set_filters(sdk_filters(filters))
                .max_results(page_size.clamp(5, 1000))
                .set_next_token(token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let instances = out
                .reservations()
                .iter()
                .flat_map(|r| r.instances())
                .map(instance)
                .collect();
            Ok(super::page::Page {
                items: instances,
                next: out
                    .next_token()
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
            })
        })
    }

    fn describe(
        &self,
        ctx: ContextKey,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<Instance>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ec2 = client(&configs, &ctx).await;
            describe_raw(&ec2, ids)
                .await
                .map(|all| all.iter().map(instance).collect())
        })
    }

    fn details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<InstanceDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ec2 = client(&configs, &ctx).await;
            let found = describe_raw(&ec2, vec![id.clone()]).await?;
            let Some(raw) = found.first() else {
                return Err(AwsError::new(
                    ErrorKind::NotFound,
                    format!("instance {id} not found"),
                ));
            };
            let group_ids: Vec<String> = raw
                .security_groups()
                .iter()
                .filter_map(|g| g.group_id().map(str::to_owned))
                .collect();
            let (security_groups, volumes) =
                tokio::join!(security_groups(&ec2, group_ids), volumes(&ec2, id.clone()));
            Ok(InstanceDetails {
                instance: instance(raw),
                description: describe_tree(raw),
                security_groups,
                volumes,
            })
        })
    }

    fn dry_run(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { dry_run(&client(&configs, &ctx).await, action, ids).await })
    }

    fn act(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Vec<ActionResult>> {
        let configs = self.configs.clone();
        Box::pin(async move { act(&client(&configs, &ctx).await, action, ids).await })
    }

    fn console_output(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .get_console_output()
                .instance_id(id)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let Some(encoded) = out.output().filter(|o| !o.is_empty()) else {
                return Ok(None);
            };
            let bytes = aws_smithy_types::base64::decode(encoded)
                .map_err(|e| AwsError::new(ErrorKind::Service, format!("console output: {e}")))?;
            Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
        })
    }
}

fn sdk_filters(filters: Vec<Filter>) -> Option<Vec<SdkFilter>> {
    (!filters.is_empty()).then(|| {
        filters
            .into_iter()
            .map(|f| {
                SdkFilter::builder()
                    .name(f.name)
                    .set_values(Some(f.values))
                    .build()
            })
            .collect()
    })
}

async fn describe_raw(
    ec2: &aws_sdk_ec2::Client,
    ids: Vec<String>,
) -> Result<Vec<aws_sdk_ec2::types::Instance>, AwsError> {
    // By filter, not by InstanceIds: an id that no longer exists must not fail the whole poll.
    let filter = SdkFilter::builder()
        .name("instance-id")
        .set_values(Some(ids))
        .build();
    describe_matching(ec2, filter).await
}

/// Every instance that `filter` matches, all pages (the SDK's own type: callers convert).
pub(super) async fn describe_matching(
    ec2: &aws_sdk_ec2::Client,
    filter: SdkFilter,
) -> Result<Vec<aws_sdk_ec2::types::Instance>, AwsError> {
    super::page::all_pages(|token| {
        let filter = filter.clone();
        async move {
            let out = ec2
                .describe_instances()
                .filters(filter)
                .set_next_token(token)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let page = out
                .reservations()
                .iter()
                .flat_map(|r| r.instances())
                .cloned()
                .collect();
            Ok(crate::aws::page::Page::new(
                page,
                out.next_token().map(str::to_owned),
            ))
        }
    })
    .await
}

/// Asks EC2 whether the action would be allowed, without doing it.
pub async fn dry_run(
    ec2: &aws_sdk_ec2::Client,
    action: Action,
    ids: Vec<String>,
) -> Result<(), AwsError> {
    // Each operation has its own builder type; the calls read the same.
    macro_rules! check {
        ($builder:expr) => {
            $builder
                .set_instance_ids(Some(ids))
                .dry_run(true)
                .send()
                .await
                .map(drop)
                .map_err(AwsError::from_sdk)
        };
    }
    let result = match action {
        Action::Start => check!(ec2.start_instances()),
        Action::Stop => check!(ec2.stop_instances()),
        Action::Reboot => check!(ec2.reboot_instances()),
        Action::Terminate => check!(ec2.terminate_instances()),
    };
    match result {
        // A dry run that would succeed answers with this error, by design.
        Err(e) if e.code.as_deref() == Some("DryRunOperation") => Ok(()),
        // Some emulators ignore DryRun and just answer; nothing was allowed to happen, so say so.
        Ok(()) => Err(AwsError::new(
            ErrorKind::Service,
            "the endpoint ignored DryRun; refusing to go on without the permission check",
        )),
        Err(e) => Err(e),
    }
}

/// Runs the action on all instances at once; if EC2 refuses the batch (one bad id fails them
/// all), runs it on each instance alone so every instance gets its own answer.
pub async fn act(ec2: &aws_sdk_ec2::Client, action: Action, ids: Vec<String>) -> Vec<ActionResult> {
    match act_batch(ec2, action, ids.clone()).await {
        Ok(results) => results,
        // The batch may have been applied: never send it again, one by one or otherwise.
        Err(e) if ids.len() == 1 || e.outcome_unknown() => ids
            .into_iter()
            .map(|id| ActionResult {
                id,
                result: Err(e.clone()),
            })
            .collect(),
        Err(_) => {
            let mut results = Vec::new();
            for id in ids {
                match act_batch(ec2, action, vec![id.clone()]).await {
                    Ok(r) => results.extend(r),
                    Err(e) => results.push(ActionResult { id, result: Err(e) }),
                }
            }
            results
        }
    }
}

async fn act_batch(
    ec2: &aws_sdk_ec2::Client,
    action: Action,
    ids: Vec<String>,
) -> Result<Vec<ActionResult>, AwsError> {
    let changes = |list: &[aws_sdk_ec2::types::InstanceStateChange]| -> Vec<ActionResult> {
        list.iter()
            .map(|c| ActionResult {
                id: c.instance_id().unwrap_or_default().to_string(),
                result: Ok(c
                    .current_state()
                    .and_then(|s| s.name())
                    .map(|n| n.as_str().to_string())
                    .unwrap_or_default()),
            })
            .collect()
    };
    // Terminate and reboot are sent once (see `aws::once`). Start and stop are safe to
    // repeat: EC2 answers a second one with the state the first one caused.
    macro_rules! sent {
        ($builder:expr) => {
            $builder
                .set_instance_ids(Some(ids.clone()))
                .send()
                .await
                .map_err(AwsError::from_sdk)?
        };
        ($builder:expr, once) => {
            $builder
                .set_instance_ids(Some(ids.clone()))
                .customize()
                .config_override(super::once::once!(aws_sdk_ec2))
                .send()
                .await
                .map_err(AwsError::from_sdk)?
        };
    }
    Ok(match action {
        Action::Start => changes(sent!(ec2.start_instances()).starting_instances()),
        Action::Stop => changes(sent!(ec2.stop_instances()).stopping_instances()),
        Action::Terminate => {
            changes(sent!(ec2.terminate_instances(), once).terminating_instances())
        }
        Action::Reboot => {
            sent!(ec2.reboot_instances(), once);
            // RebootInstances answers nothing per instance; the state stays `running`.
            ids.into_iter()
                .map(|id| ActionResult {
                    id,
                    result: Ok("rebooting".into()),
                })
                .collect()
        }
    })
}

async fn security_groups(
    ec2: &aws_sdk_ec2::Client,
    ids: Vec<String>,
) -> Result<Vec<SecurityGroup>, AwsError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let out = ec2
        .describe_security_groups()
        .set_group_ids(Some(ids))
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out
        .security_groups()
        .iter()
        .map(super::ec2_inventory::group)
        .collect())
}

pub(super) fn rules(p: &aws_sdk_ec2::types::IpPermission) -> Vec<Rule> {
    let protocol = match p.ip_protocol().unwrap_or("-1") {
        "-1" => "all".to_string(),
        "6" => "tcp".to_string(),
        "17" => "udp".to_string(),
        "1" => "icmp".to_string(),
        other => other.to_string(),
    };
    let ports = match (p.from_port(), p.to_port()) {
        (None, None) | (Some(-1), _) => "all".to_string(),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(0), Some(65535)) => "all".to_string(),
        (Some(a), Some(b)) => format!("{a}-{b}"),
        (Some(a), None) | (None, Some(a)) => a.to_string(),
    };
    let rule = |peer: &str, description: Option<&str>| Rule {
        protocol: protocol.clone(),
        ports: ports.clone(),
        peer: peer.to_string(),
        description: description.map(str::to_owned),
    };
    let mut out = Vec::new();
    for r in p.ip_ranges() {
        out.push(rule(r.cidr_ip().unwrap_or_default(), r.description()));
    }
    for r in p.ipv6_ranges() {
        out.push(rule(r.cidr_ipv6().unwrap_or_default(), r.description()));
    }
    for g in p.user_id_group_pairs() {
        out.push(rule(g.group_id().unwrap_or_default(), g.description()));
    }
    for l in p.prefix_list_ids() {
        out.push(rule(
            l.prefix_list_id().unwrap_or_default(),
            l.description(),
        ));
    }
    out
}

async fn volumes(ec2: &aws_sdk_ec2::Client, instance: String) -> Result<Vec<Volume>, AwsError> {
    let out = ec2
        .describe_volumes()
        .filters(
            SdkFilter::builder()
                .name("attachment.instance-id")
                .values(&instance)
                .build(),
        )
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out
        .volumes()
        .iter()
        .map(|v| {
            let attachment = v
                .attachments()
                .iter()
                .find(|a| a.instance_id() == Some(instance.as_str()));
            Volume {
                id: v.volume_id().unwrap_or_default().into(),
                device: attachment.and_then(|a| a.device()).map(str::to_owned),
                size_gib: v.size(),
                volume_type: v
                    .volume_type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                state: v
                    .state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                encrypted: v.encrypted().unwrap_or(false),
                iops: v.iops(),
                delete_on_termination: attachment.and_then(|a| a.delete_on_termination()),
            }
        })
        .collect())
}

pub(super) fn instance(i: &aws_sdk_ec2::types::Instance) -> Instance {
    Instance {
        id: i.instance_id().unwrap_or_default().to_string(),
        state: i
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        instance_type: i
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        az: i
            .placement()
            .and_then(|p| p.availability_zone())
            .unwrap_or_default()
            .to_string(),
        private_ip: i.private_ip_address().map(str::to_owned),
        public_ip: i.public_ip_address().map(str::to_owned),
        launched: i.launch_time().map(|t| t.secs()),
        key_name: i.key_name().map(str::to_owned),
        tags: i
            .tags()
            .iter()
            .map(|t| {
                (
                    t.key().unwrap_or_default().to_string(),
                    t.value().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    }
}

fn time(t: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok())
}

/// The description as a tree, in the names and order of the EC2 console.
fn describe_tree(i: &aws_sdk_ec2::types::Instance) -> Tree {
    let s = |v: Option<&str>| v.map(str::to_owned);
    prune(json!({
        "InstanceId": s(i.instance_id()),
        "State": i.state().and_then(|x| x.name()).map(|n| n.as_str()),
        "StateTransitionReason": s(i.state_transition_reason()).filter(|r| !r.is_empty()),
        "StateReason": i.state_reason().and_then(|r| r.message()),
        "InstanceType": i.instance_type().map(|t| t.as_str()),
        "ImageId": s(i.image_id()),
        "Platform": s(i.platform_details()),
        "Architecture": i.architecture().map(|a| a.as_str()),
        "LaunchTime": time(i.launch_time()),
        "KeyName": s(i.key_name()),
        "Placement": i.placement().map(|p| json!({
            "AvailabilityZone": p.availability_zone(),
            "Tenancy": p.tenancy().map(|t| t.as_str()),
        })),
        "Network": {
            "VpcId": s(i.vpc_id()),
            "SubnetId": s(i.subnet_id()),
            "PrivateIpAddress": s(i.private_ip_address()),
            "PrivateDnsName": s(i.private_dns_name()),
            "PublicIpAddress": s(i.public_ip_address()),
            "PublicDnsName": s(i.public_dns_name()),
            "SourceDestCheck": i.source_dest_check(),
            "NetworkInterfaces": i.network_interfaces().iter().map(|n| json!({
                "NetworkInterfaceId": n.network_interface_id(),
                "PrivateIpAddress": n.private_ip_address(),
                "MacAddress": n.mac_address(),
                "Status": n.status().map(|x| x.as_str()),
            })).collect::<Vec<_>>(),
        },
        "SecurityGroups": i.security_groups().iter().map(|g| json!({
            "GroupId": g.group_id(),
            "GroupName": g.group_name(),
        })).collect::<Vec<_>>(),
        "IamInstanceProfile": i.iam_instance_profile().and_then(|p| p.arn()),
        "Storage": {
            "RootDeviceName": s(i.root_device_name()),
            "RootDeviceType": i.root_device_type().map(|t| t.as_str()),
            "EbsOptimized": i.ebs_optimized(),
            "BlockDeviceMappings": i.block_device_mappings().iter().map(|b| json!({
                "DeviceName": b.device_name(),
                "VolumeId": b.ebs().and_then(|e| e.volume_id()),
                "Status": b.ebs().and_then(|e| e.status()).map(|x| x.as_str()),
                "DeleteOnTermination": b.ebs().and_then(|e| e.delete_on_termination()),
            })).collect::<Vec<_>>(),
        },
        "Monitoring": i.monitoring().and_then(|m| m.state()).map(|x| x.as_str()),
        "MetadataOptions": i.metadata_options().map(|m| json!({
            "HttpTokens": m.http_tokens().map(|x| x.as_str()),
            "HttpEndpoint": m.http_endpoint().map(|x| x.as_str()),
        })),
        "Hypervisor": i.hypervisor().map(|h| h.as_str()),
        "VirtualizationType": i.virtualization_type().map(|v| v.as_str()),
        "Lifecycle": i.instance_lifecycle().map(|l| l.as_str()),
        "Tags": i.tags().iter().map(|t| json!({
            "Key": t.key(),
            "Value": t.value(),
        })).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_short_names_tags_and_raw_names() {
        let f = parse_filters("state=running,stopped tag:Env=prod type=t3.* vpc-id=vpc-1").unwrap();
        assert_eq!(
            f,
            [
                Filter {
                    name: "instance-state-name".into(),
                    values: vec!["running".into(), "stopped".into()]
                },
                Filter {
                    name: "tag:Env".into(),
                    values: vec!["prod".into()]
                },
                Filter {
                    name: "instance-type".into(),
                    values: vec!["t3.*".into()]
                },
                Filter {
                    name: "vpc-id".into(),
                    values: vec!["vpc-1".into()]
                },
            ]
        );
        assert_eq!(
            describe_filters(&f),
            "state=running,stopped tag:Env=prod type=t3.* vpc=vpc-1"
        );
        let twice = parse_filters("state=running state=pending").unwrap();
        assert_eq!(twice.len(), 1, "the same name twice means either value");
        assert_eq!(twice[0].values, ["running", "pending"]);
        assert!(parse_filters("").unwrap().is_empty());
    }

    #[test]
    fn bad_filters_say_what_is_wrong() {
        assert!(
            parse_filters("running")
                .unwrap_err()
                .contains("state=running")
        );
        assert!(
            parse_filters("colour=red")
                .unwrap_err()
                .contains("unknown filter 'colour'")
        );
        assert!(parse_filters("state=").unwrap_err().contains("no value"));
        assert!(
            parse_filters("tag:=x")
                .unwrap_err()
                .contains("unknown filter")
        );
    }

    #[test]
    fn transitional_states() {
        for s in ["pending", "stopping", "shutting-down", "rebooting"] {
            assert!(is_transitional(s), "{s}");
        }
        for s in ["running", "stopped", "terminated", ""] {
            assert!(!is_transitional(s), "{s}");
        }
    }

    #[test]
    fn arns_follow_the_partition() {
        assert_eq!(
            instance_arn("eu-west-1", "123456789012", "i-1"),
            "arn:aws:ec2:eu-west-1:123456789012:instance/i-1"
        );
        assert_eq!(
            instance_arn("cn-north-1", "1", "i-1"),
            "arn:aws-cn:ec2:cn-north-1:1:instance/i-1"
        );
    }

    /// What the emulator cannot do: refuse a permission. EC2's answer to a DryRun without it
    /// is `UnauthorizedOperation`; with it, `DryRunOperation`.
    mod dry_run_against_sdk_mocks {
        use super::super::*;
        use aws_sdk_ec2::operation::stop_instances::StopInstancesError;
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};
        use aws_smithy_types::error::ErrorMetadata;

        fn client(code: &'static str, message: &'static str) -> aws_sdk_ec2::Client {
            let rule = mock!(aws_sdk_ec2::Client::stop_instances)
                .match_requests(|r| r.dry_run() == Some(true))
                .then_error(move || {
                    StopInstancesError::generic(
                        ErrorMetadata::builder().code(code).message(message).build(),
                    )
                });
            let config = aws_sdk_ec2::Config::builder()
                .behavior_version(aws_sdk_ec2::config::BehaviorVersion::latest())
                .region(aws_sdk_ec2::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_ec2::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(
                    MockResponseInterceptor::new()
                        .rule_mode(RuleMode::Sequential)
                        .with_rule(&rule),
                )
                .build();
            aws_sdk_ec2::Client::from_conf(config)
        }

        #[tokio::test]
        async fn a_missing_permission_is_reported_before_anything_happens() {
            let ec2 = client(
                "UnauthorizedOperation",
                "You are not authorized to perform this operation.",
            );
            let e = dry_run(&ec2, Action::Stop, vec!["i-1".into()])
                .await
                .expect_err("denied");
            assert_eq!(e.kind, ErrorKind::AccessDenied);
            assert!(e.summary().contains("not authorized"), "{}", e.summary());
        }

        #[tokio::test]
        async fn dry_run_operation_means_allowed() {
            let ec2 = client("DryRunOperation", "Request would have succeeded.");
            dry_run(&ec2, Action::Stop, vec!["i-1".into()])
                .await
                .expect("allowed");
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Words that look like filters, with the separators and empty parts that trip parsers.
    fn filter_text() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            prop::sample::select(SHORT_NAMES.iter().map(|(s, _)| *s).collect::<Vec<_>>())
                .prop_map(String::from),
            "tag:[A-Za-z0-9:=é]{0,6}",
            "[a-z]{1,6}[-.][a-z]{0,6}",
            "[a-z=:]{0,6}",
        ];
        let values =
            prop::collection::vec("[a-zA-Z0-9.*?=:é\\-]{0,6}", 0..4).prop_map(|v| v.join(","));
        let word = (name, prop::option::of(values))
            .prop_map(|(n, v)| v.map_or(n.clone(), |v| format!("{n}={v}")));
        prop::collection::vec((word, "[ \t\n\u{3000}]{1,3}"), 0..5).prop_map(|words| {
            words
                .into_iter()
                .map(|(w, sep)| format!("{w}{sep}"))
                .collect()
        })
    }

    fn check_shape(filters: &[Filter]) -> Result<(), TestCaseError> {
        let mut names = std::collections::BTreeSet::new();
        for f in filters {
            prop_assert!(names.insert(f.name.clone()), "{} twice", f.name);
            prop_assert!(!f.name.is_empty() && f.name != "tag:");
            prop_assert!(!f.name.contains(char::is_whitespace) && !f.name.contains('='));
            prop_assert!(!f.values.is_empty());
            for v in &f.values {
                prop_assert!(!v.is_empty() && !v.contains(',') && !v.contains(char::is_whitespace));
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_text_is_filters_or_an_error(text in any::<String>()) {
            if let Ok(filters) = parse_filters(&text) {
                check_shape(&filters)?;
                prop_assert_eq!(parse_filters(&describe_filters(&filters)), Ok(filters));
            }
        }

        #[test]
        fn filter_like_text_is_well_formed_and_describes_back(text in filter_text()) {
            if let Ok(filters) = parse_filters(&text) {
                check_shape(&filters)?;
                let described = describe_filters(&filters);
                prop_assert_eq!(parse_filters(&described), Ok(filters), "{:?} -> {:?}", text, described);
            }
        }

        /// Every value the user typed reaches EC2, in order, under the filter it was typed for.
        #[test]
        fn typed_values_all_arrive(
            words in prop::collection::vec(
                (
                    prop::sample::select(SHORT_NAMES.to_vec()),
                    prop::collection::vec("[a-z0-9.*?\\-]{1,6}", 1..3),
                ),
                1..5,
            )
        ) {
            let text = words
                .iter()
                .map(|((short, _), values)| format!("{short}={}", values.join(",")))
                .collect::<Vec<_>>()
                .join(" ");
            let filters = parse_filters(&text).unwrap();
            for (_, full) in SHORT_NAMES {
                let expected: Vec<String> = words
                    .iter()
                    .filter(|((_, f), _)| f == full)
                    .flat_map(|(_, v)| v.clone())
                    .collect();
                let got = filters
                    .iter()
                    .find(|f| f.name == *full)
                    .map(|f| f.values.clone())
                    .unwrap_or_default();
                prop_assert_eq!(got, expected, "{}", text);
            }
        }

        #[test]
        fn a_word_without_equals_is_refused(word in "[^=\\s]{1,12}", rest in filter_text()) {
            let text = format!("{rest} {word}");
            prop_assert!(parse_filters(&text).is_err());
        }
    }
}
