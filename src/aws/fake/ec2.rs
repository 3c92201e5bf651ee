//! Instances in memory. Actions put instances in the state EC2 answers with (`stopping`, …);
//! the next describe finds them settled, as the emulator and (eventually) AWS do.

use crate::aws::ec2::{
    Action, ActionResult, Ec2Api, Filter, Instance, InstanceDetails, SecurityGroup,
};
use crate::aws::ec2_inventory::{EbsVolume, GroupDetails};
use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::page::Page;
use crate::aws::sdk::ContextKey;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct FakeEc2 {
    pub instances: Arc<Mutex<Vec<Instance>>>,
    /// Every dry run and action, as `"dry-run stop i-1 i-2"` / `"stop i-1 i-2"`.
    pub calls: Arc<Mutex<Vec<String>>>,
    /// Every describe (polls): how many instances each asked about.
    pub polls: Arc<Mutex<Vec<usize>>>,
    /// Dry runs answer with this error (a missing permission).
    pub deny: Option<AwsError>,
    /// Instances that fail any action.
    pub broken: Vec<String>,
    pub console: HashMap<String, String>,
    /// Keep transitional states on describe (an instance that takes long to stop).
    pub sticky: bool,
    pub groups: Vec<SecurityGroup>,
    /// Group id → the instances using it.
    pub members: HashMap<String, Vec<String>>,
    pub volumes: Arc<Mutex<Vec<EbsVolume>>>,
    /// Groups and volumes come this many to a page (0: all in one).
    pub inventory_page: usize,
    /// Calls made to panic (see `Crashes`).
    pub crashes: super::Crashes,
}

impl FakeEc2 {
    pub fn with(instances: Vec<Instance>) -> FakeEc2 {
        FakeEc2 {
            instances: Arc::new(Mutex::new(instances)),
            ..FakeEc2::default()
        }
    }

    fn record(&self, call: String) {
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(call);
    }

    fn settle(&self) {
        if self.sticky {
            return;
        }
        for i in self
            .instances
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter_mut()
        {
            i.state = match i.state.as_str() {
                "pending" | "rebooting" => "running",
                "stopping" => "stopped",
                "shutting-down" => "terminated",
                other => other,
            }
            .to_string();
        }
    }
}

fn matches(i: &Instance, filters: &[Filter]) -> bool {
    filters.iter().all(|f| {
        let value = match f.name.as_str() {
            "instance-state-name" => Some(i.state.as_str()),
            "instance-type" => Some(i.instance_type.as_str()),
            "instance-id" => Some(i.id.as_str()),
            name => name.strip_prefix("tag:").and_then(|k| i.tag(k)),
        };
        value.is_some_and(|v| f.values.iter().any(|want| wildcard(want, v)))
    })
}

/// EC2's `*` wildcard (enough for tests: one star at most).
fn wildcard(pattern: &str, value: &str) -> bool {
    match pattern.split_once('*') {
        Some((head, tail)) => {
            value.len() >= head.len() + tail.len()
                && value.starts_with(head)
                && value.ends_with(tail)
        }
        None => pattern == value,
    }
}

/// The page of `all` that `token` (an offset) starts.
fn page_of<T: Clone>(all: &[T], token: Option<String>, size: usize) -> Page<T> {
    let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
    let size = if size == 0 { all.len().max(1) } else { size };
    let end = (start + size).min(all.len());
    Page::new(
        all[start.min(end)..end].to_vec(),
        (end < all.len()).then(|| end.to_string()),
    )
}

impl Ec2Api for FakeEc2 {
    fn groups_page(
        &self,
        _ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<SecurityGroup>, AwsError>> {
        let page = page_of(&self.groups, token, self.inventory_page);
        self.crashes.check("groups_page");
        Box::pin(async move { Ok(page) })
    }

    fn group_details(
        &self,
        _ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<GroupDetails, AwsError>> {
        let group = self.groups.iter().find(|g| g.id == id).cloned();
        let members = self.members.get(&id).cloned().unwrap_or_default();
        let used_by: Vec<Instance> = self
            .instances
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|i| members.contains(&i.id))
            .cloned()
            .collect();
        Box::pin(async move {
            let group = group.ok_or_else(|| {
                AwsError::new(
                    ErrorKind::NotFound,
                    format!("security group {id} not found"),
                )
            })?;
            Ok(GroupDetails {
                group,
                used_by: Ok(used_by),
            })
        })
    }

    fn volumes_page(
        &self,
        _ctx: ContextKey,
        token: Option<String>,
    ) -> BoxFuture<'static, Result<Page<EbsVolume>, AwsError>> {
        let all = self
            .volumes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let page = page_of(&all, token, self.inventory_page);
        self.crashes.check("volumes_page");
        Box::pin(async move { Ok(page) })
    }

    fn list_page(
        &self,
        _ctx: ContextKey,
        filters: Vec<Filter>,
        token: Option<String>,
        page_size: i32,
    ) -> BoxFuture<'static, Result<crate::aws::page::Page<Instance>, AwsError>> {
        self.crashes.check("list_page");
        let all: Vec<Instance> = self
            .instances
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|i| matches(i, &filters))
            .cloned()
            .collect();
        let start: usize = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        let end = (start + page_size.max(1) as usize).min(all.len());
        let page = crate::aws::page::Page {
            items: all[start.min(end)..end].to_vec(),
            next: (end < all.len()).then(|| end.to_string()),
        };
        Box::pin(async move { Ok(page) })
    }

    fn describe(
        &self,
        _ctx: ContextKey,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<Vec<Instance>, AwsError>> {
        self.crashes.check("describe");
        self.polls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(ids.len());
        self.settle();
        let found: Vec<Instance> = self
            .instances
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|i| ids.contains(&i.id))
            .cloned()
            .collect();
        Box::pin(async move { Ok(found) })
    }

    fn details(
        &self,
        _ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<InstanceDetails, AwsError>> {
        self.crashes.check("details");
        let found = self
            .instances
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|i| i.id == id)
            .cloned();
        Box::pin(async move {
            let instance = found.ok_or_else(|| {
                AwsError::new(ErrorKind::NotFound, format!("instance {id} not found"))
            })?;
            Ok(InstanceDetails {
                description: serde_json::json!({
                    "InstanceId": instance.id,
                    "State": instance.state,
                    "InstanceType": instance.instance_type,
                }),
                instance,
                security_groups: Ok(Vec::new()),
                volumes: Ok(Vec::new()),
            })
        })
    }

    fn dry_run(
        &self,
        _ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("dry_run");
        self.record(format!("dry-run {} {}", action.verb(), ids.join(" ")));
        let answer = match &self.deny {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        };
        Box::pin(async move { answer })
    }

    fn act(
        &self,
        _ctx: ContextKey,
        action: Action,
        ids: Vec<String>,
    ) -> BoxFuture<'static, Vec<ActionResult>> {
        self.crashes.check("act");
        self.record(format!("{} {}", action.verb(), ids.join(" ")));
        let mut instances = self.instances.lock().unwrap_or_else(|p| p.into_inner());
        let results = ids
            .into_iter()
            .map(|id| {
                let found = instances.iter_mut().find(|i| i.id == id);
                let result = match found {
                    _ if self.broken.contains(&id) => Err(AwsError {
                        kind: ErrorKind::Service,
                        code: Some("IncorrectInstanceState".into()),
                        message: format!(
                            "The instance '{id}' is not in a state from which it can be changed"
                        ),
                    }),
                    None => Err(AwsError::new(
                        ErrorKind::NotFound,
                        format!("The instance ID '{id}' does not exist"),
                    )),
                    Some(i) => {
                        i.state = match action {
                            Action::Start => "pending",
                            Action::Stop => "stopping",
                            Action::Reboot => "rebooting",
                            Action::Terminate => "shutting-down",
                        }
                        .to_string();
                        Ok(i.state.clone())
                    }
                };
                ActionResult { id, result }
            })
            .collect();
        Box::pin(async move { results })
    }

    fn console_output(
        &self,
        _ctx: ContextKey,
        id: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        self.crashes.check("console_output");
        let text = self.console.get(&id).cloned();
        Box::pin(async move { Ok(text) })
    }
}
