//! ECS in memory: clusters with their services and tasks, and task definitions. A clusters
//! page gives names and ARNs (states pending), as ListClusters does; `describe_clusters`
//! gives each cluster's state, or its `Failed` reason as a DescribeClusters failure. A write
//! changes the service the way ECS answers (a new desired count, a second deployment) and
//! the next read settles it, so a view polling after a write sees the rollout end.

use crate::aws::ecs::{
    Cluster, ClusterStates, EcsApi, Service, ServiceChange, Task, TaskDefinition, of_service,
    short_id,
};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::filled::Filled;
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct FakeCluster {
    /// The cluster as DescribeClusters describes it: `state` `Got`, or `Failed` with the
    /// reason DescribeClusters gives for it.
    pub cluster: Cluster,
    pub services: Vec<Service>,
    pub tasks: Vec<Task>,
}

#[derive(Default)]
struct State {
    clusters: Vec<FakeCluster>,
    definitions: Vec<TaskDefinition>,
}

#[derive(Clone, Default)]
pub struct FakeEcs {
    state: Arc<Mutex<State>>,
    /// Every write asked for: `"scale shop/web 3"`, `"force-deploy shop/web"`.
    pub calls: Arc<Mutex<Vec<String>>>,
    /// Rows per page (0: all in one).
    pub page_size: usize,
    pub crashes: super::Crashes,
}

fn not_found(what: &str) -> AwsError {
    AwsError {
        kind: ErrorKind::NotFound,
        code: Some("ClusterNotFoundException".into()),
        message: format!("{what} not found"),
    }
}

fn matches(name_or_arn: &str, name: &str, arn: &str) -> bool {
    name_or_arn == name || name_or_arn == arn
}

impl FakeEcs {
    pub fn cluster(self, cluster: FakeCluster) -> FakeEcs {
        self.lock().clusters.push(cluster);
        self
    }

    pub fn definition(self, definition: TaskDefinition) -> FakeEcs {
        self.lock().definitions.push(definition);
        self
    }

    pub fn paged(mut self, size: usize) -> FakeEcs {
        self.page_size = size;
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every row from `token` on, one page of them.
    fn page<T: Clone + Send + 'static>(
        &self,
        rows: Result<Vec<T>, AwsError>,
        token: Option<String>,
    ) -> super::super::PageFuture<T> {
        let answer = rows.map(|rows| {
            let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
            let size = if self.page_size == 0 {
                rows.len().max(1)
            } else {
                self.page_size
            };
            let end = (start + size).min(rows.len());
            let next = (end < rows.len()).then(|| end.to_string());
            Page::new(rows[start.min(end)..end].to_vec(), next)
        });
        Box::pin(async move { answer })
    }

    fn in_cluster<T>(&self, cluster: &str, read: impl FnOnce(&mut FakeCluster) -> T) -> Option<T> {
        let mut state = self.lock();
        state
            .clusters
            .iter_mut()
            .find(|c| matches(cluster, &c.cluster.name, &c.cluster.arn))
            .map(read)
    }
}

/// One read later, a service has done what it was asked: one deployment, running what it wants.
fn settle(service: &mut Service) {
    if service.deployments.len() > 1 {
        service.deployments.truncate(1);
    }
    for d in &mut service.deployments {
        d.rollout_state = Some("COMPLETED".into());
        d.desired = service.desired;
        d.running = service.desired;
        d.pending = 0;
    }
    service.running = service.desired;
    service.pending = 0;
}

impl EcsApi for FakeEcs {
    fn clusters_page(
        &self,
        _ctx: ContextKey,
        token: Option<String>,
    ) -> super::super::PageFuture<Cluster> {
        self.crashes.check("clusters_page");
        let rows = self
            .lock()
            .clusters
            .iter()
            .map(|c| Cluster::listed(&c.cluster.arn))
            .collect();
        self.page(Ok(rows), token)
    }

    fn describe_clusters(
        &self,
        _ctx: ContextKey,
        arns: Vec<String>,
    ) -> BoxFuture<'static, Result<ClusterStates, AwsError>> {
        self.crashes.check("describe_clusters");
        let state = self.lock();
        let answer = arns
            .into_iter()
            .map(|arn| {
                let found = state.clusters.iter().find(|c| c.cluster.arn == arn);
                let described = match found.map(|c| &c.cluster.state) {
                    Some(Filled::Got(s)) => Ok(s.clone()),
                    Some(Filled::Failed(why)) => Err(why.clone()),
                    Some(Filled::Pending) | None => Err("MISSING".to_string()),
                };
                (arn, described)
            })
            .collect();
        Box::pin(async move { Ok(answer) })
    }

    fn services_page(
        &self,
        _ctx: ContextKey,
        cluster: String,
        token: Option<String>,
    ) -> super::super::PageFuture<Service> {
        self.crashes.check("services_page");
        let rows = self
            .in_cluster(&cluster, |c| {
                let rows = c.services.clone();
                c.services.iter_mut().for_each(settle);
                rows
            })
            .ok_or_else(|| not_found(&format!("cluster {cluster}")));
        self.page(rows, token)
    }

    fn service(
        &self,
        _ctx: ContextKey,
        cluster: String,
        service: String,
    ) -> BoxFuture<'static, Result<Service, AwsError>> {
        self.crashes.check("service");
        let answer = self
            .in_cluster(&cluster, |c| {
                let s = c
                    .services
                    .iter_mut()
                    .find(|s| matches(&service, &s.name, &s.arn))?;
                let now = s.clone();
                settle(s);
                Some(now)
            })
            .flatten()
            .ok_or_else(|| not_found(&format!("service {service}")));
        Box::pin(async move { answer })
    }

    fn tasks_page(
        &self,
        _ctx: ContextKey,
        cluster: String,
        service: Option<String>,
        stopped: bool,
        token: Option<String>,
    ) -> super::super::PageFuture<Task> {
        self.crashes.check("tasks_page");
        let rows = self
            .in_cluster(&cluster, |c| {
                c.tasks
                    .iter()
                    .filter(|t| (t.desired_status == "STOPPED") == stopped)
                    .filter(|t| of_service(t, service.as_deref()))
                    .cloned()
                    .collect()
            })
            .ok_or_else(|| not_found(&format!("cluster {cluster}")));
        self.page(rows, token)
    }

    fn task_definition(
        &self,
        _ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<TaskDefinition, AwsError>> {
        self.crashes.check("task_definition");
        let answer = self
            .lock()
            .definitions
            .iter()
            .find(|d| d.arn == arn)
            .cloned()
            .ok_or_else(|| not_found(&format!("task definition {arn}")));
        Box::pin(async move { answer })
    }

    fn update_service(
        &self,
        _ctx: ContextKey,
        cluster: String,
        service: String,
        change: ServiceChange,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("update_service");
        let call = match change {
            ServiceChange::Scale(n) => {
                format!("scale {}/{} {n}", short_id(&cluster), short_id(&service))
            }
            ServiceChange::ForceDeploy => {
                format!("force-deploy {}/{}", short_id(&cluster), short_id(&service))
            }
        };
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(call);
        let answer = self
            .in_cluster(&cluster, |c| {
                let s = c
                    .services
                    .iter_mut()
                    .find(|s| matches(&service, &s.name, &s.arn))?;
                match change {
                    ServiceChange::Scale(n) => s.desired = n,
                    ServiceChange::ForceDeploy => {
                        let mut fresh = s.deployments.first().cloned().unwrap_or_default();
                        fresh.id = format!("ecs-svc/{}", s.deployments.len() + 1);
                        fresh.rollout_state = Some("IN_PROGRESS".into());
                        fresh.running = 0;
                        fresh.pending = s.desired;
                        for d in &mut s.deployments {
                            d.status = "ACTIVE".into();
                        }
                        fresh.status = "PRIMARY".into();
                        s.deployments.insert(0, fresh);
                    }
                }
                Some(())
            })
            .flatten()
            .ok_or_else(|| not_found(&format!("service {service}")));
        Box::pin(async move { answer })
    }
}
