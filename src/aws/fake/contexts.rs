//! Different answers in different contexts, for cross-context views: each profile (or one
//! profile in one region) has its own in-memory adapters, a context may fail outright, and
//! listings may answer late (a region's latency).

use super::{FakeEc2, FakeEcs, FakeLambda, FakeRds, FakeS3};
use crate::aws::ec2::{
    Action, ActionResult, Ec2Api, Filter, Instance, InstanceDetails, SecurityGroup,
};
use crate::aws::ec2_inventory::{EbsVolume, GroupDetails};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::lambda::{Function, FunctionDetails, Invocation, InvokeResult, LambdaApi};
use crate::aws::page::Page;
use crate::aws::rds::{self, Database, Kind, RdsApi, Snapshot};
use crate::aws::s3::{Bucket, Entry, Head, ObjectDetails, ObjectVersion, S3Api};
use crate::aws::sdk::ContextKey;
use crate::aws::tree::Tree;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Keys are `profile` (every region) or `profile@region` (that region only, checked first);
/// the default chain's profile is `default`. A context with no fake lists nothing.
#[derive(Default)]
pub struct FakeContexts {
    pub ec2: HashMap<String, FakeEc2>,
    pub rds: HashMap<String, FakeRds>,
    pub lambda: HashMap<String, FakeLambda>,
    pub s3: HashMap<String, FakeS3>,
    pub ecs: HashMap<String, FakeEcs>,
    /// Every call in these contexts fails with this error.
    pub failing: HashMap<String, AwsError>,
    /// Listings answer after this long: by `profile@region`, else by region.
    pub latency: HashMap<String, Duration>,
    /// `profile@region` of every listing, in the order they were asked.
    pub listed: Arc<Mutex<Vec<String>>>,
    /// The most listings ever in flight at once.
    pub peak: Arc<std::sync::atomic::AtomicUsize>,
    in_flight: Arc<std::sync::atomic::AtomicUsize>,
}

fn keys(ctx: &ContextKey) -> [String; 2] {
    let profile = ctx.profile.as_deref().unwrap_or("default");
    [format!("{profile}@{}", ctx.region), profile.to_string()]
}

fn missing<T>() -> Result<T, AwsError> {
    Err(AwsError::new(
        ErrorKind::NotFound,
        "nothing in this context (fake)",
    ))
}

impl FakeContexts {
    pub fn ec2(mut self, key: &str, fake: FakeEc2) -> Self {
        self.ec2.insert(key.into(), fake);
        self
    }

    pub fn rds(mut self, key: &str, fake: FakeRds) -> Self {
        self.rds.insert(key.into(), fake);
        self
    }

    pub fn lambda(mut self, key: &str, fake: FakeLambda) -> Self {
        self.lambda.insert(key.into(), fake);
        self
    }

    pub fn s3(mut self, key: &str, fake: FakeS3) -> Self {
        self.s3.insert(key.into(), fake);
        self
    }

    pub fn ecs(mut self, key: &str, fake: FakeEcs) -> Self {
        self.ecs.insert(key.into(), fake);
        self
    }

    pub fn failing(mut self, key: &str, error: AwsError) -> Self {
        self.failing.insert(key.into(), error);
        self
    }

    /// `key` is a region (`eu-west-1`) or one context (`dev@eu-west-1`).
    pub fn latency(mut self, key: &str, latency: Duration) -> Self {
        self.latency.insert(key.into(), latency);
        self
    }

    fn find<'a, A>(&self, map: &'a HashMap<String, A>, ctx: &ContextKey) -> Option<&'a A> {
        keys(ctx).iter().find_map(|k| map.get(k))
    }

    fn failure(&self, ctx: &ContextKey) -> Option<AwsError> {
        keys(ctx).iter().find_map(|k| self.failing.get(k)).cloned()
    }

    /// A call in `ctx`: the context's failure, else `call` on its fake, else `empty`.
    fn route<A, T: Send + 'static>(
        &self,
        map: &HashMap<String, A>,
        ctx: &ContextKey,
        call: impl FnOnce(&A) -> BoxFuture<'static, Result<T, AwsError>>,
        empty: impl FnOnce() -> Result<T, AwsError>,
    ) -> BoxFuture<'static, Result<T, AwsError>> {
        if let Some(e) = self.failure(ctx) {
            return Box::pin(async move { Err(e) });
        }
        match self.find(map, ctx) {
            Some(fake) => call(fake),
            None => {
                let answer = empty();
                Box::pin(async move { answer })
            }
        }
    }

    /// A listing: recorded, and answered after the context's latency.
    fn listing<A, T: Send + 'static>(
        &self,
        map: &HashMap<String, A>,
        ctx: &ContextKey,
        call: impl FnOnce(&A) -> BoxFuture<'static, Result<T, AwsError>>,
        empty: impl FnOnce() -> Result<T, AwsError>,
    ) -> BoxFuture<'static, Result<T, AwsError>> {
        let [exact, _] = keys(ctx);
        let latency = self
            .latency
            .get(&exact)
            .or_else(|| self.latency.get(&ctx.region))
            .copied();
        self.listed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(exact);
        let answer = self.route(map, ctx, call, empty);
        let (in_flight, peak) = (self.in_flight.clone(), self.peak.clone());
        Box::pin(async move {
            use std::sync::atomic::Ordering::SeqCst;
            let now = in_flight.fetch_add(1, SeqCst) + 1;
            peak.fetch_max(now, SeqCst);
            if let Some(latency) = latency {
                tokio::time::sleep(latency).await;
            }
            let answer = answer.await;
            in_flight.fetch_sub(1, SeqCst);
            answer
        })
    }
}

impl Ec2Api for FakeContexts {
    fn groups_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<SecurityGroup>, AwsError>> {
        let c = ctx.clone();
        self.listing(
            &self.ec2,
            &ctx,
            |f| f.groups_page(c, token),
            || Ok(Page::last(Vec::new())),
        )
    }

    fn group_details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<GroupDetails, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ec2, &ctx, |f| f.group_details(c, id), missing)
    }

    fn volumes_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<EbsVolume>, AwsError>> {
        let c = ctx.clone();
        self.listing(
            &self.ec2,
            &ctx,
            |f| f.volumes_page(c, token),
            || Ok(Page::last(Vec::new())),
        )
    }

    fn list_page(
        &self,
        ctx: ContextKey,
        filters: Vec<Filter>,
        token: Option<String>,
        page_size: i32,
    ) -> BoxFuture<'static, Result<crate::aws::page::Page<Instance>, AwsError>> {
        let c = ctx.clone();
        self.listing(
            &self.ec2,
            &ctx,
            |f| f.list_page(c, filters, token, page_size),
            || Ok(crate::aws::page::Page::last(Vec::new())),
        )
    }

    fn describe(
        &self,
        ctx: ContextKey,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<Instance>, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ec2, &ctx, |f| f.describe(c, ids), || Ok(Vec::new()))
    }

    fn details(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<InstanceDetails, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ec2, &ctx, |f| f.details(c, id), missing)
    }

    fn dry_run(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let c = ctx.clone();
        self.route(&self.ec2, &ctx, |f| f.dry_run(c, action, ids), missing)
    }

    fn act(
        &self,
        ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Vec<ActionResult>> {
        match self.find(&self.ec2, &ctx) {
            Some(f) if self.failure(&ctx).is_none() => f.act(ctx, action, ids),
            _ => Box::pin(async move {
                ids.into_iter()
                    .map(|id| ActionResult {
                        id,
                        result: missing(),
                    })
                    .collect()
            }),
        }
    }

    fn console_output(
        &self,
        ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ec2, &ctx, |f| f.console_output(c, id), missing)
    }
}

impl RdsApi for FakeContexts {
    fn list(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Database>, AwsError>> {
        let c = ctx.clone();
        self.listing(&self.rds, &ctx, |f| f.list(c), || Ok(Vec::new()))
    }

    fn details(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<Tree, AwsError>> {
        let c = ctx.clone();
        self.route(&self.rds, &ctx, |f| f.details(c, kind, id), missing)
    }

    fn act(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
        action: rds::Action,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let c = ctx.clone();
        self.route(&self.rds, &ctx, |f| f.act(c, kind, id, action), missing)
    }

    fn snapshots(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
    ) -> BoxFuture<'static, Result<Vec<Snapshot>, AwsError>> {
        let c = ctx.clone();
        self.route(&self.rds, &ctx, |f| f.snapshots(c, kind, db_id), missing)
    }

    fn create_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
        name: String,
    ) -> BoxFuture<'static, Result<Snapshot, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.rds,
            &ctx,
            |f| f.create_snapshot(c, kind, db_id, name),
            missing,
        )
    }

    fn delete_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let c = ctx.clone();
        self.route(&self.rds, &ctx, |f| f.delete_snapshot(c, kind, id), missing)
    }
}

impl LambdaApi for FakeContexts {
    fn list_page(
        &self,
        ctx: ContextKey,
        marker: Option<String>,
    ) -> crate::aws::PageFuture<Function> {
        let c = ctx.clone();
        self.listing(
            &self.lambda,
            &ctx,
            |f| f.list_page(c, marker),
            || Ok(crate::aws::page::Page::new(Vec::new(), None)),
        )
    }

    fn details(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<FunctionDetails, AwsError>> {
        let c = ctx.clone();
        self.route(&self.lambda, &ctx, |f| f.details(c, name), missing)
    }

    fn invoke(
        &self,
        ctx: ContextKey,
        call: Invocation,
    ) -> BoxFuture<'static, Result<InvokeResult, AwsError>> {
        let c = ctx.clone();
        self.route(&self.lambda, &ctx, |f| f.invoke(c, call), missing)
    }
}

impl S3Api for FakeContexts {
    fn list_buckets(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Bucket>, AwsError>> {
        let c = ctx.clone();
        self.listing(&self.s3, &ctx, |f| f.list_buckets(c), || Ok(Vec::new()))
    }

    fn list_page(
        &self,
        ctx: ContextKey,
        bucket: String,
        prefix: String,
        delimited: bool,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<crate::aws::page::Page<Entry>, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.list_page(c, bucket, prefix, delimited, token),
            missing,
        )
    }

    fn object_details(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> BoxFuture<'static, Result<ObjectDetails, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.object_details(c, bucket, key, version),
            missing,
        )
    }

    fn object_head(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        max: u64,
    ) -> BoxFuture<'static, Result<Head, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.object_head(c, bucket, key, version, max),
            missing,
        )
    }

    fn download(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        target: std::path::PathBuf,
        overwrite: bool,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.download(c, bucket, key, version, target, overwrite, progress),
            missing,
        )
    }

    fn versions(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<Vec<ObjectVersion>, AwsError>> {
        let c = ctx.clone();
        self.route(&self.s3, &ctx, |f| f.versions(c, bucket, key), missing)
    }

    fn object_url(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let c = ctx.clone();
        self.route(&self.s3, &ctx, |f| f.object_url(c, bucket, key), missing)
    }

    fn create_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let c = ctx.clone();
        self.route(&self.s3, &ctx, |f| f.create_bucket(c, name), missing)
    }

    fn delete_bucket(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let c = ctx.clone();
        self.route(&self.s3, &ctx, |f| f.delete_bucket(c, name), missing)
    }

    fn upload(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        path: std::path::PathBuf,
        progress: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> BoxFuture<'static, Result<u64, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.upload(c, bucket, key, path, progress),
            missing,
        )
    }

    fn delete_keys(
        &self,
        ctx: ContextKey,
        bucket: String,
        keys: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<(String, String)>, AwsError>> {
        let c = ctx.clone();
        self.route(&self.s3, &ctx, |f| f.delete_keys(c, bucket, keys), missing)
    }

    fn presign_get(
        &self,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
        expires: Duration,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.s3,
            &ctx,
            |f| f.presign_get(c, bucket, key, version, expires),
            missing,
        )
    }
}

impl crate::aws::ecs::EcsApi for FakeContexts {
    fn clusters_page(
        &self,
        ctx: ContextKey,
        token: Option<String>,
    ) -> crate::aws::PageFuture<crate::aws::ecs::Cluster> {
        let c = ctx.clone();
        self.listing(
            &self.ecs,
            &ctx,
            |f| f.clusters_page(c, token),
            || Ok(Page::last(Vec::new())),
        )
    }

    fn describe_clusters(
        &self,
        ctx: ContextKey,
        arns: Vec<String>,
    ) -> BoxFuture<'static, Result<crate::aws::ecs::ClusterStates, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ecs, &ctx, |f| f.describe_clusters(c, arns), missing)
    }

    fn services_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        token: Option<String>,
    ) -> crate::aws::PageFuture<crate::aws::ecs::Service> {
        let c = ctx.clone();
        self.listing(
            &self.ecs,
            &ctx,
            |f| f.services_page(c, cluster, token),
            || Ok(Page::last(Vec::new())),
        )
    }

    fn service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
    ) -> BoxFuture<'static, Result<crate::aws::ecs::Service, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ecs, &ctx, |f| f.service(c, cluster, service), missing)
    }

    fn tasks_page(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: Option<String>,
        stopped: bool,
        token: Option<String>,
    ) -> crate::aws::PageFuture<crate::aws::ecs::Task> {
        let c = ctx.clone();
        self.listing(
            &self.ecs,
            &ctx,
            |f| f.tasks_page(c, cluster, service, stopped, token),
            || Ok(Page::last(Vec::new())),
        )
    }

    fn task_definition(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<crate::aws::ecs::TaskDefinition, AwsError>> {
        let c = ctx.clone();
        self.route(&self.ecs, &ctx, |f| f.task_definition(c, arn), missing)
    }

    fn update_service(
        &self,
        ctx: ContextKey,
        cluster: String,
        service: String,
        change: crate::aws::ecs::ServiceChange,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let c = ctx.clone();
        self.route(
            &self.ecs,
            &ctx,
            |f| f.update_service(c, cluster, service, change),
            missing,
        )
    }
}

impl crate::aws::Adapters {
    /// EC2, RDS, Lambda and S3 answer per context from `fakes`.
    pub fn with_contexts(mut self, fakes: FakeContexts) -> crate::aws::Adapters {
        let fakes = Arc::new(fakes);
        self.ec2 = fakes.clone();
        self.rds = fakes.clone();
        self.lambda = fakes.clone();
        self.ecs = fakes.clone();
        self.s3 = fakes;
        self
    }
}
