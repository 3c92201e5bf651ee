//! Databases and snapshots in memory. An action leaves the database in the status RDS answers
//! with (`stopping`, …); the next listing finds it settled.

use crate::aws::error::{AwsError, ErrorKind};
use crate::aws::rds::{Action, Database, Kind, RdsApi, Snapshot};
use crate::aws::sdk::ContextKey;
use crate::aws::tree::Tree;
use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct FakeRds {
    pub databases: Arc<Mutex<Vec<Database>>>,
    pub snapshots: Arc<Mutex<Vec<Snapshot>>>,
    /// Every change asked for: `"stop orders-db"`, `"snapshot orders-db s1"`, `"delete-snapshot s1"`.
    pub calls: Arc<Mutex<Vec<String>>>,
    /// Calls made to panic (see `Crashes`).
    pub crashes: super::Crashes,
}

impl FakeRds {
    pub fn with(databases: Vec<Database>) -> FakeRds {
        FakeRds {
            databases: Arc::new(Mutex::new(databases)),
            ..FakeRds::default()
        }
    }

    fn record(&self, call: String) {
        self.calls
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(call);
    }
}

impl RdsApi for FakeRds {
    fn list(&self, _ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Database>, AwsError>> {
        self.crashes.check("list");
        let mut databases = self.databases.lock().unwrap_or_else(|p| p.into_inner());
        for d in databases.iter_mut() {
            d.status = match d.status.as_str() {
                "starting" | "rebooting" => "available",
                "stopping" => "stopped",
                other => other,
            }
            .to_string();
        }
        let all = databases.clone();
        Box::pin(async move { Ok(all) })
    }

    fn details(
        &self,
        _ctx: ContextKey,
        _kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<Tree, AwsError>> {
        self.crashes.check("details");
        let found = self
            .databases
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|d| d.id == id)
            .map(
                |d| serde_json::json!({"Identifier": d.id, "Status": d.status, "Engine": d.engine}),
            );
        Box::pin(async move {
            found.ok_or_else(|| AwsError::new(ErrorKind::NotFound, format!("{id} not found")))
        })
    }

    fn act(
        &self,
        _ctx: ContextKey,
        _kind: Kind,
        id: String,
        action: Action,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        self.crashes.check("act");
        self.record(format!("{} {id}", action.verb()));
        let mut databases = self.databases.lock().unwrap_or_else(|p| p.into_inner());
        let result = match databases.iter_mut().find(|d| d.id == id) {
            None => Err(AwsError::new(
                ErrorKind::NotFound,
                format!("DBInstance {id} not found"),
            )),
            Some(d) => {
                d.status = match action {
                    Action::Start => "starting",
                    Action::Stop => "stopping",
                    Action::Reboot | Action::Failover => "rebooting",
                }
                .to_string();
                Ok(d.status.clone())
            }
        };
        Box::pin(async move { result })
    }

    fn snapshots(
        &self,
        _ctx: ContextKey,
        _kind: Kind,
        db_id: String,
    ) -> BoxFuture<'static, Result<Vec<Snapshot>, AwsError>> {
        self.crashes.check("snapshots");
        let mut snapshots = self.snapshots.lock().unwrap_or_else(|p| p.into_inner());
        for s in snapshots.iter_mut() {
            if s.status == "creating" {
                s.status = "available".into();
            }
        }
        let found = snapshots
            .iter()
            .filter(|s| s.db_id == db_id)
            .cloned()
            .collect();
        Box::pin(async move { Ok(found) })
    }

    fn create_snapshot(
        &self,
        _ctx: ContextKey,
        kind: Kind,
        db_id: String,
        name: String,
    ) -> BoxFuture<'static, Result<Snapshot, AwsError>> {
        self.crashes.check("create_snapshot");
        self.record(format!("snapshot {db_id} {name}"));
        let snapshot = Snapshot {
            kind,
            id: name,
            db_id,
            status: "creating".into(),
            snapshot_type: "manual".into(),
            ..Snapshot::default()
        };
        self.snapshots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(snapshot.clone());
        Box::pin(async move { Ok(snapshot) })
    }

    fn delete_snapshot(
        &self,
        _ctx: ContextKey,
        _kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        self.crashes.check("delete_snapshot");
        self.record(format!("delete-snapshot {id}"));
        self.snapshots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|s| s.id != id);
        Box::pin(async move { Ok(()) })
    }
}
