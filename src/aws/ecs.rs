//! ECS: clusters, a cluster's services, a cluster's (or a service's) tasks, a task
//! definition's containers (for their logs), and the two service writes an on-call engineer
//! needs (scale, force a new deployment). A clusters page is one ListClusters call: the names
//! are in the ARNs, so the rows show at once and DescribeClusters (100 ARNs a call) fills in
//! the rest after (`describe_clusters`, the engine's follow-up). A services or tasks page is
//! one List call and the Describe calls its ids need (DescribeTasks takes 100 ids,
//! DescribeServices 10): their rows are nothing without them. SDK types stop here.

use super::error::AwsError;
use super::filled::Filled;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

/// A listed cluster: its name and ARN from ListClusters, the rest from DescribeClusters once
/// that has answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cluster {
    pub name: String,
    pub arn: String,
    pub state: Filled<ClusterState>,
}

impl Cluster {
    /// A cluster as ListClusters gives it: the name is the ARN's last segment.
    pub fn listed(arn: &str) -> Cluster {
        Cluster {
            name: short_id(arn).to_string(),
            arn: arn.to_string(),
            state: Filled::Pending,
        }
    }

    /// PROVISIONING or DEPROVISIONING: ECS moves it on by itself. Not known while pending.
    pub fn is_changing(&self) -> bool {
        self.state
            .got()
            .is_some_and(|s| matches!(s.status.as_str(), "PROVISIONING" | "DEPROVISIONING"))
    }
}

/// What DescribeClusters says of a cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterState {
    pub status: String,
    pub services: i32,
    pub running: i32,
    pub pending: i32,
    pub instances: i32,
    pub capacity_providers: Vec<String>,
}

/// Per cluster ARN asked: what DescribeClusters said of it, or why it did not describe it
/// (its `failures` entry, e.g. `MISSING` for a cluster deleted since it was listed).
pub type ClusterStates = Vec<(String, Result<ClusterState, String>)>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deployment {
    pub id: String,
    /// `PRIMARY`, `ACTIVE` (the one being replaced), `INACTIVE`.
    pub status: String,
    /// `IN_PROGRESS`, `COMPLETED`, `FAILED` (services with the circuit breaker).
    pub rollout_state: Option<String>,
    pub rollout_reason: Option<String>,
    pub task_definition: String,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub failed: i32,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub updated: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceEvent {
    pub id: String,
    /// Seconds since the epoch.
    pub at: Option<i64>,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceLoadBalancer {
    pub target_group: Option<String>,
    pub load_balancer: Option<String>,
    pub container: String,
    pub port: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// `ENABLED` / `DISABLED`.
    pub public_ip: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Service {
    pub name: String,
    pub arn: String,
    pub cluster_arn: String,
    pub status: String,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub task_definition: String,
    /// `FARGATE`, `EC2`, `EXTERNAL`, or the capacity providers when it uses a strategy.
    pub launch_type: String,
    pub deployments: Vec<Deployment>,
    /// As ECS gives them: newest first (at most the last 100).
    pub events: Vec<ServiceEvent>,
    pub load_balancers: Vec<ServiceLoadBalancer>,
    pub network: Option<Network>,
    pub exec_enabled: bool,
    pub created: Option<i64>,
}

impl Service {
    /// A rollout is under way: several deployments, or the primary one still rolling out.
    pub fn is_deploying(&self) -> bool {
        self.deployments.len() > 1
            || self
                .deployments
                .iter()
                .any(|d| d.rollout_state.as_deref() == Some("IN_PROGRESS"))
    }

    /// Fewer tasks run than asked for.
    pub fn is_short(&self) -> bool {
        self.running < self.desired
    }

    /// Still changing on its own: deploying, or tasks being started or drained.
    pub fn is_settling(&self) -> bool {
        self.is_deploying() || self.pending > 0 || self.running != self.desired
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub last_status: String,
    pub exit_code: Option<i32>,
    pub reason: Option<String>,
    /// `HEALTHY`, `UNHEALTHY`, `UNKNOWN`.
    pub health: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Task {
    pub arn: String,
    pub cluster_arn: String,
    pub task_definition: String,
    pub last_status: String,
    pub desired_status: String,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub started: Option<i64>,
    pub stopped: Option<i64>,
    pub stop_code: Option<String>,
    pub stopped_reason: Option<String>,
    pub containers: Vec<Container>,
    pub health: Option<String>,
    pub launch_type: Option<String>,
    /// `service:NAME` for a service's tasks, `family:NAME` for others.
    pub group: Option<String>,
    pub exec_enabled: bool,
    pub eni: Option<String>,
    pub private_ip: Option<String>,
}

impl Task {
    /// The id at the end of the ARN (`…:task/cluster/0123abcd…`).
    pub fn id(&self) -> &str {
        short_id(&self.arn)
    }

    pub fn is_stopped(&self) -> bool {
        self.last_status == "STOPPED"
    }

    /// `2/2 running`.
    pub fn containers_summary(&self) -> String {
        let running = self
            .containers
            .iter()
            .filter(|c| c.last_status == "RUNNING")
            .count();
        format!("{running}/{} running", self.containers.len())
    }

    /// Between states: ECS moves it on by itself (PROVISIONING → … → RUNNING, or on to STOPPED).
    /// STOPPED is final whatever is desired: a stopped task never runs again.
    pub fn is_transitional(&self) -> bool {
        self.last_status != self.desired_status && !self.is_stopped()
    }

    /// `RUNNING`, or `DEACTIVATING → STOPPED` on its way: the last status, then the desired
    /// one while they differ. The list and the task's document say it in these same words.
    pub fn status_words(&self) -> String {
        if self.is_transitional() && !self.desired_status.is_empty() {
            format!("{} → {}", self.last_status, self.desired_status)
        } else {
            self.last_status.clone()
        }
    }
}

/// The last path segment of an ECS ARN (a task id, a service or cluster name).
pub fn short_id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// `family:revision` from a task definition ARN (`…:task-definition/web:42`).
pub fn family_revision(arn: &str) -> &str {
    arn.rsplit_once(":task-definition/")
        .map(|(_, rest)| rest)
        .unwrap_or(arn)
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AwsLogs {
    pub group: String,
    /// `awslogs-region`; `None`: the task's own region.
    pub region: Option<String>,
    pub stream_prefix: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerDefinition {
    pub name: String,
    pub image: String,
    /// `awslogs`, `awsfirelens`, `splunk`…; `None`: no log configuration.
    pub log_driver: Option<String>,
    /// The awslogs options, when that is the driver and a group is named.
    pub awslogs: Option<AwsLogs>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskDefinition {
    pub arn: String,
    pub containers: Vec<ContainerDefinition>,
}

impl AwsLogs {
    /// The stream a container of a task writes to: `prefix/container/task-id` (awslogs names
    /// it so only when a prefix is set; without one the stream is named by the Docker id,
    /// which ECS does not report).
    pub fn stream_of(&self, container: &str, task_id: &str) -> Option<String> {
        self.stream_prefix
            .as_ref()
            .map(|p| format!("{p}/{container}/{task_id}"))
    }
}

/// What an UpdateService changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceChange {
    /// A new desired count.
    Scale(i32),
    /// Replace every task with the same task definition (a new image behind the same tag).
    ForceDeploy,
}

impl ServiceChange {
    pub fn label(self) -> String {
        match self {
            ServiceChange::Scale(n) => format!("desired count {n}"),
            ServiceChange::ForceDeploy => "force new deployment".into(),
        }
    }
}

/// DescribeServices takes at most this many names.
pub const SERVICES_PER_DESCRIBE: usize = 10;
/// DescribeClusters and DescribeTasks take at most this many.
pub const IDS_PER_DESCRIBE: usize = 100;

pub trait EcsApi: Send + Sync {
    /// One ListClusters page: names and ARNs, each state still pending.
    fn clusters_page(&self, ctx: ContextKey, token: Option<String>) -> super::PageFuture<Cluster>;
    /// One DescribeClusters call for at most `IDS_PER_DESCRIBE` ARNs: every ARN asked, in
    /// order, with its state or the reason ECS gave for it.
    fn describe_clusters(
        &self,
        ctx: ContextKey,
        arns: Vec<String>,
    ) -> BoxFuture<'static, Result<ClusterStates, AwsError>>;
    /// One ListServices page of `cluster`, described.
    fn services_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        token: Option<String>,
    ) -> super::PageFuture<Service>;
    /// One service as DescribeServices gives it now.
    fn service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
    ) -> BoxFuture<'static, Result<Service, AwsError>>;
    /// One ListTasks page (desired status RUNNING, or STOPPED), described.
    fn tasks_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: Option<String>,
        stopped: bool,
        token: Option<String>,
    ) -> super::PageFuture<Task>;
    fn task_definition(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<TaskDefinition, AwsError>>;
    /// UpdateService, sent once (retries off): see `aws::once`.
    fn update_service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
        change: ServiceChange,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
}

pub struct SdkEcs {
    configs: Arc<SdkConfigs>,
}

impl SdkEcs {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkEcs { configs }
    }
}

type Client = aws_sdk_ecs::Client;

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> Client {
    Client::new(&configs.get(ctx).await)
}

impl EcsApi for SdkEcs {
    fn clusters_page(&self, ctx: ContextKey, token: Option<String>) -> super::PageFuture<Cluster> {
        let configs = self.configs.clone();
        Box::pin(async move { clusters_page(&client(&configs, &ctx).await, token).await })
    }

    fn describe_clusters(
        &self,
        ctx: ContextKey,
        arns: Vec<String>,
    ) -> BoxFuture<'static, Result<ClusterStates, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { describe_clusters(&client(&configs, &ctx).await, arns).await })
    }

    fn services_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        token: Option<String>,
    ) -> super::PageFuture<Service> {
        let configs = self.configs.clone();
        Box::pin(async move { services_page(&client(&configs, &ctx).await, &cluster, token).await })
    }

    fn service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
    ) -> BoxFuture<'static, Result<Service, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ecs = client(&configs, &ctx).await;
            let mut found = describe_services(&ecs, &cluster, vec![service.clone()]).await?;
            found.pop().ok_or_else(|| {
                AwsError::new(
                    super::ErrorKind::NotFound,
                    format!("service {service} not found in {}", short_id(&cluster)),
                )
            })
        })
    }

    fn tasks_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: Option<String>,
        stopped: bool,
        token: Option<String>,
    ) -> super::PageFuture<Task> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ecs = client(&configs, &ctx).await;
            tasks_page(&ecs, &cluster, service, stopped, token).await
        })
    }

    fn task_definition(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<TaskDefinition, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { task_definition(&client(&configs, &ctx).await, &arn).await })
    }

    fn update_service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
        change: ServiceChange,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let ecs = client(&configs, &ctx).await;
            update_service(&ecs, &cluster, &service, change).await
        })
    }
}

fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(|t| t.secs())
}

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

async fn clusters_page(ecs: &Client, token: Option<String>) -> Result<Page<Cluster>, AwsError> {
    let out = ecs
        .list_clusters()
        .set_next_token(token)
        .max_results(IDS_PER_DESCRIBE as i32)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let clusters = out
        .cluster_arns()
        .iter()
        .map(|a| Cluster::listed(a))
        .collect();
    Ok(Page::new(clusters, out.next_token().map(str::to_owned)))
}

async fn describe_clusters(ecs: &Client, arns: Vec<String>) -> Result<ClusterStates, AwsError> {
    let out = ecs
        .describe_clusters()
        .set_clusters(Some(arns.clone()))
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(cluster_states(&arns, out.clusters(), out.failures()))
}

/// Each ARN asked with its cluster, or the failure ECS listed for it (matched by ARN, or by
/// name where the failure names the cluster so), or that the answer left it out.
fn cluster_states(
    arns: &[String],
    clusters: &[aws_sdk_ecs::types::Cluster],
    failures: &[aws_sdk_ecs::types::Failure],
) -> ClusterStates {
    arns.iter()
        .map(|arn| {
            let found = clusters
                .iter()
                .find(|c| c.cluster_arn() == Some(arn.as_str()));
            let answer = match found {
                Some(c) => Ok(ClusterState {
                    status: text(c.status()),
                    services: c.active_services_count(),
                    running: c.running_tasks_count(),
                    pending: c.pending_tasks_count(),
                    instances: c.registered_container_instances_count(),
                    capacity_providers: c.capacity_providers().to_vec(),
                }),
                None => Err(failures
                    .iter()
                    .find(|f| {
                        f.arn()
                            .is_some_and(|a| a == arn || short_id(a) == short_id(arn))
                    })
                    .map(|f| {
                        let reason = text(f.reason());
                        match f.detail() {
                            Some(detail) => format!("{reason}: {detail}"),
                            None => reason,
                        }
                    })
                    .unwrap_or_else(|| "not in DescribeClusters' answer".into())),
            };
            (arn.clone(), answer)
        })
        .collect()
}

async fn services_page(
    ecs: &Client,
    cluster: &str,
    token: Option<String>,
) -> Result<Page<Service>, AwsError> {
    let out = ecs
        .list_services()
        .cluster(cluster)
        .set_next_token(token)
        .max_results(IDS_PER_DESCRIBE as i32)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let next = out.next_token().map(str::to_owned);
    // Ten names a call, all at once: a page of 100 services is ten calls in parallel.
    let chunks = out
        .service_arns()
        .chunks(SERVICES_PER_DESCRIBE)
        .map(|names| describe_services(ecs, cluster, names.to_vec()));
    let services = futures::future::try_join_all(chunks).await?;
    Ok(Page::new(services.into_iter().flatten().collect(), next))
}

async fn describe_services(
    ecs: &Client,
    cluster: &str,
    names: Vec<String>,
) -> Result<Vec<Service>, AwsError> {
    let out = ecs
        .describe_services()
        .cluster(cluster)
        .set_services(Some(names))
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(out.services().iter().map(service_of).collect())
}

fn service_of(s: &aws_sdk_ecs::types::Service) -> Service {
    let launch_type = match s.launch_type() {
        Some(t) => t.as_str().to_string(),
        None => s
            .capacity_provider_strategy()
            .iter()
            .map(|p| p.capacity_provider().to_string())
            .collect::<Vec<_>>()
            .join(","),
    };
    Service {
        name: text(s.service_name()),
        arn: text(s.service_arn()),
        cluster_arn: text(s.cluster_arn()),
        status: text(s.status()),
        desired: s.desired_count(),
        running: s.running_count(),
        pending: s.pending_count(),
        task_definition: text(s.task_definition()),
        launch_type,
        deployments: s
            .deployments()
            .iter()
            .map(|d| Deployment {
                id: text(d.id()),
                status: text(d.status()),
                rollout_state: d.rollout_state().map(|r| r.as_str().to_string()),
                rollout_reason: d.rollout_state_reason().map(str::to_owned),
                task_definition: text(d.task_definition()),
                desired: d.desired_count(),
                running: d.running_count(),
                pending: d.pending_count(),
                failed: d.failed_tasks(),
                created: secs(d.created_at()),
                updated: secs(d.updated_at()),
            })
            .collect(),
        events: s
            .events()
            .iter()
            .map(|e| ServiceEvent {
                id: text(e.id()),
                at: secs(e.created_at()),
                message: text(e.message()),
            })
            .collect(),
        load_balancers: s
            .load_balancers()
            .iter()
            .map(|l| ServiceLoadBalancer {
                target_group: l.target_group_arn().map(str::to_owned),
                load_balancer: l.load_balancer_name().map(str::to_owned),
                container: text(l.container_name()),
                port: l.container_port(),
            })
            .collect(),
        network: s
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .map(|a| Network {
                subnets: a.subnets().to_vec(),
                security_groups: a.security_groups().to_vec(),
                public_ip: a.assign_public_ip().map(|p| p.as_str().to_string()),
            }),
        exec_enabled: s.enable_execute_command(),
        created: secs(s.created_at()),
    }
}

async fn tasks_page(
    ecs: &Client,
    cluster: &str,
    service: Option<String>,
    stopped: bool,
    token: Option<String>,
) -> Result<Page<Task>, AwsError> {
    use aws_sdk_ecs::types::DesiredStatus;
    let out = ecs
        .list_tasks()
        .cluster(cluster)
        .set_service_name(service.clone())
        .desired_status(if stopped {
            DesiredStatus::Stopped
        } else {
            DesiredStatus::Running
        })
        .set_next_token(token)
        .max_results(IDS_PER_DESCRIBE as i32)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let next = out.next_token().map(str::to_owned);
    let arns = out.task_arns().to_vec();
    if arns.is_empty() {
        return Ok(Page::new(Vec::new(), next));
    }
    let described = ecs
        .describe_tasks()
        .cluster(cluster)
        .set_tasks(Some(arns))
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let tasks = described
        .tasks()
        .iter()
        .map(task_of)
        .filter(|t| of_service(t, service.as_deref()) && wanted(t, stopped))
        .collect();
    Ok(Page::new(tasks, next))
}

/// Whether a described task belongs in the list asked for: desired status RUNNING for the
/// running list, STOPPED for the stopped one. ListTasks filters by it already; the emulator
/// ignores the filter and lists stopped tasks among running ones, and stops tasks without
/// changing their desired status — a task whose last status is STOPPED is stopped whatever
/// it was meant to be.
pub fn wanted(task: &Task, stopped: bool) -> bool {
    (task.desired_status == "STOPPED" || task.last_status == "STOPPED") == stopped
}

/// A service's tasks carry its name in their group (`service:web`). ListTasks filters by
/// service already; this keeps the rows right where it does not (the emulator ignores it).
pub fn of_service(task: &Task, service: Option<&str>) -> bool {
    match (service, task.group.as_deref()) {
        (Some(name), Some(group)) => group.strip_prefix("service:") == Some(name),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn task_of(t: &aws_sdk_ecs::types::Task) -> Task {
    let detail = |name: &str| {
        t.attachments()
            .iter()
            .filter(|a| a.r#type() == Some("ElasticNetworkInterface"))
            .flat_map(|a| a.details())
            .find(|d| d.name() == Some(name))
            .and_then(|d| d.value().map(str::to_owned))
    };
    Task {
        arn: text(t.task_arn()),
        cluster_arn: text(t.cluster_arn()),
        task_definition: text(t.task_definition_arn()),
        last_status: text(t.last_status()),
        desired_status: text(t.desired_status()),
        created: secs(t.created_at()),
        started: secs(t.started_at()),
        stopped: secs(t.stopped_at()),
        stop_code: t.stop_code().map(|c| c.as_str().to_string()),
        // An empty reason (the emulator's) is no reason: the views say `—`.
        stopped_reason: t
            .stopped_reason()
            .filter(|r| !r.trim().is_empty())
            .map(str::to_owned),
        containers: t
            .containers()
            .iter()
            .map(|c| Container {
                name: text(c.name()),
                image: text(c.image()),
                last_status: text(c.last_status()),
                exit_code: c.exit_code(),
                reason: c.reason().map(str::to_owned),
                health: c.health_status().map(|h| h.as_str().to_string()),
            })
            .collect(),
        health: t.health_status().map(|h| h.as_str().to_string()),
        launch_type: t.launch_type().map(|l| l.as_str().to_string()),
        group: t.group().map(str::to_owned),
        exec_enabled: t.enable_execute_command(),
        eni: detail("networkInterfaceId"),
        private_ip: detail("privateIPv4Address"),
    }
}

async fn task_definition(ecs: &Client, arn: &str) -> Result<TaskDefinition, AwsError> {
    let out = ecs
        .describe_task_definition()
        .task_definition(arn)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let Some(def) = out.task_definition() else {
        return Err(AwsError::new(
            super::ErrorKind::NotFound,
            format!("task definition {arn} not found"),
        ));
    };
    Ok(TaskDefinition {
        arn: text(def.task_definition_arn()),
        containers: def
            .container_definitions()
            .iter()
            .map(|c| {
                let log = c.log_configuration();
                let driver = log.map(|l| l.log_driver().as_str().to_string());
                let option = |key: &str| {
                    log.and_then(|l| l.options())
                        .and_then(|o| o.get(key))
                        .cloned()
                };
                let awslogs = (driver.as_deref() == Some("awslogs"))
                    .then(|| option("awslogs-group"))
                    .flatten()
                    .map(|group| AwsLogs {
                        group,
                        region: option("awslogs-region"),
                        stream_prefix: option("awslogs-stream-prefix"),
                    });
                ContainerDefinition {
                    name: text(c.name()),
                    image: text(c.image()),
                    log_driver: driver,
                    awslogs,
                }
            })
            .collect(),
    })
}

/// Sent once (see `aws::once`): a scale is idempotent, but a force-deploy repeated after a lost
/// answer would start a second rollout.
async fn update_service(
    ecs: &Client,
    cluster: &str,
    service: &str,
    change: ServiceChange,
) -> Result<(), AwsError> {
    let call = ecs.update_service().cluster(cluster).service(service);
    let call = match change {
        ServiceChange::Scale(n) => call.desired_count(n),
        ServiceChange::ForceDeploy => call.force_new_deployment(true),
    };
    call.customize()
        .config_override(super::once::once!(aws_sdk_ecs))
        .send()
        .await
        .map(drop)
        .map_err(AwsError::from_sdk)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UpdateService whose answer is lost (HTTP 500: the service had the request and may have
    /// acted): sent once — none of the retries a standard client makes — and then the service
    /// is read back, which shows the change took effect.
    #[tokio::test]
    async fn a_lost_update_answer_is_not_resent_and_the_service_is_read_back() {
        use aws_sdk_ecs::operation::describe_services::DescribeServicesOutput;
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};
        use aws_smithy_runtime_api::http::{Response, StatusCode};
        use aws_smithy_types::body::SdkBody;
        let lost = mock!(Client::update_service).then_http_response(|| {
            Response::new(
                StatusCode::try_from(500).unwrap(),
                SdkBody::from(r#"{"__type":"ServerException","message":"internal failure"}"#),
            )
        });
        let read_back = mock!(Client::describe_services).then_output(|| {
            DescribeServicesOutput::builder()
                .services(
                    aws_sdk_ecs::types::Service::builder()
                        .service_name("web")
                        .desired_count(3)
                        .running_count(2)
                        .build(),
                )
                .build()
        });
        let config = aws_sdk_ecs::Config::builder()
            .behavior_version(aws_sdk_ecs::config::BehaviorVersion::latest())
            .region(aws_sdk_ecs::config::Region::new("eu-west-1"))
            .credentials_provider(aws_sdk_ecs::config::Credentials::new(
                "AKID", "secret", None, None, "test",
            ))
            // Retries on, as every client has them: `once` must be what stops the resend.
            .retry_config(aws_smithy_types::retry::RetryConfig::standard())
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .interceptor(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::MatchAny)
                    .with_rule(&lost)
                    .with_rule(&read_back),
            )
            .build();
        let ecs = Client::from_conf(config);
        let e = update_service(&ecs, "shop", "web", ServiceChange::Scale(3))
            .await
            .unwrap_err();
        assert!(e.outcome_unknown(), "{e:?}");
        // A retried request would answer the same 500 again: three calls by default.
        assert_eq!(lost.num_calls(), 1, "a lost answer is not sent again");
        let found = describe_services(&ecs, "shop", vec!["web".into()])
            .await
            .unwrap();
        assert_eq!((found[0].name.as_str(), found[0].desired), ("web", 3));
        assert_eq!(read_back.num_calls(), 1);
    }

    #[test]
    fn ids_and_revisions_come_out_of_arns() {
        assert_eq!(
            short_id("arn:aws:ecs:eu-west-1:1:task/shop/0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
        );
        assert_eq!(
            family_revision("arn:aws:ecs:eu-west-1:1:task-definition/web:42"),
            "web:42"
        );
        assert_eq!(family_revision("web:42"), "web:42");
    }

    #[test]
    fn an_awslogs_stream_is_prefix_container_task() {
        let logs = AwsLogs {
            group: "/ecs/web".into(),
            region: None,
            stream_prefix: Some("ecs".into()),
        };
        assert_eq!(
            logs.stream_of("app", "abc123").as_deref(),
            Some("ecs/app/abc123")
        );
        let no_prefix = AwsLogs {
            stream_prefix: None,
            ..logs
        };
        assert_eq!(no_prefix.stream_of("app", "abc123"), None);
    }

    #[test]
    fn a_service_settles_when_one_deployment_runs_what_is_desired() {
        let deployment = |state: &str| Deployment {
            status: "PRIMARY".into(),
            rollout_state: Some(state.into()),
            ..Deployment::default()
        };
        let mut s = Service {
            desired: 2,
            running: 2,
            deployments: vec![deployment("COMPLETED")],
            ..Service::default()
        };
        assert!(!s.is_settling());
        s.deployments.push(deployment("IN_PROGRESS"));
        assert!(s.is_deploying() && s.is_settling());
        s.deployments.truncate(1);
        s.running = 1;
        assert!(s.is_short() && s.is_settling());
    }

    #[test]
    fn stopped_is_final_and_the_lists_keep_their_desired_status() {
        let task = |last: &str, desired: &str| Task {
            last_status: last.into(),
            desired_status: desired.into(),
            ..Task::default()
        };
        let stopping = task("DEACTIVATING", "STOPPED");
        assert!(stopping.is_transitional());
        assert_eq!(stopping.status_words(), "DEACTIVATING → STOPPED");
        let stopped = task("STOPPED", "RUNNING");
        assert!(!stopped.is_transitional(), "STOPPED is final");
        assert_eq!(stopped.status_words(), "STOPPED");
        assert_eq!(task("RUNNING", "RUNNING").status_words(), "RUNNING");
        assert!(wanted(&task("RUNNING", "RUNNING"), false));
        assert!(wanted(&task("PENDING", "RUNNING"), false));
        assert!(!wanted(&task("STOPPED", "STOPPED"), false));
        assert!(
            !wanted(&stopping, false),
            "on its way out: the stopped list's"
        );
        assert!(wanted(&stopping, true));
        // The emulator stops tasks leaving their desired status RUNNING: still stopped.
        assert!(!wanted(&stopped, false), "a stopped task is never running");
        assert!(wanted(&stopped, true));
    }

    #[test]
    fn a_service_s_tasks_are_those_of_its_group() {
        let task = |group: Option<&str>| Task {
            group: group.map(str::to_owned),
            ..Task::default()
        };
        assert!(of_service(&task(Some("service:web")), Some("web")));
        assert!(!of_service(&task(Some("service:web-canary")), Some("web")));
        assert!(!of_service(&task(Some("family:web")), Some("web")));
        assert!(!of_service(&task(None), Some("web")));
        assert!(of_service(&task(None), None));
    }
}
