//! RDS: DB instances and clusters in one list, their lifecycle actions, and snapshots.

use super::error::AwsError;
use super::sdk::{ContextKey, SdkConfigs};
use super::tree::{Tree, prune};
use futures::future::BoxFuture;
use serde_json::json;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    #[default]
    Instance,
    Cluster,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Instance => "instance",
            Kind::Cluster => "cluster",
        }
    }
}

/// One row of the databases table: a DB instance or a DB cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Database {
    pub kind: Kind,
    pub id: String,
    pub engine: String,
    pub engine_version: String,
    pub class: String,
    pub status: String,
    pub multi_az: bool,
    pub host: Option<String>,
    pub port: Option<i32>,
    pub storage_gib: Option<i32>,
    pub master_user: Option<String>,
    pub db_name: Option<String>,
    pub arn: String,
    /// The cluster an instance belongs to.
    pub cluster: Option<String>,
}

impl Database {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn is_transitional(&self) -> bool {
        is_transitional(&self.status)
    }

    /// `host:port`, when RDS has given it one.
    pub fn endpoint(&self) -> Option<String> {
        let host = self.host.as_deref()?;
        Some(match self.port {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        })
    }

    /// A client connection string for the engine, with the master user and never a password.
    pub fn connection_string(&self) -> Option<String> {
        let host = self.host.as_deref()?;
        let user = self.master_user.as_deref().unwrap_or("USER");
        let engine = self.engine.as_str();
        let (scheme, default_port, default_db) = if engine.contains("postgres") {
            ("postgresql", 5432, Some("postgres"))
        } else if engine.contains("mysql") || engine.contains("mariadb") {
            ("mysql", 3306, None)
        } else if engine.starts_with("sqlserver") {
            let port = self.port.unwrap_or(1433);
            return Some(format!("sqlserver://{host}:{port};user={user}"));
        } else if engine.starts_with("oracle") {
            ("oracle", 1521, Some("ORCL"))
        } else if engine.starts_with("db2") {
            ("db2", 50000, None)
        } else {
            return None;
        };
        let port = self.port.unwrap_or(default_port);
        let db = self.db_name.as_deref().or(default_db);
        Some(match db {
            Some(db) => format!("{scheme}://{user}@{host}:{port}/{db}"),
            None => format!("{scheme}://{user}@{host}:{port}"),
        })
    }
}

/// RDS statuses that will change on their own; everything else is settled.
pub fn is_transitional(status: &str) -> bool {
    matches!(
        status,
        "creating"
            | "starting"
            | "stopping"
            | "rebooting"
            | "modifying"
            | "backing-up"
            | "deleting"
            | "upgrading"
            | "maintenance"
            | "renaming"
            | "resetting-master-credentials"
            | "configuring-enhanced-monitoring"
            | "migrating"
            | "promoting"
            | "storage-optimization"
            | "moving-to-vpc"
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Start,
    Stop,
    Reboot,
    /// Reboot, failing over to the standby (Multi-AZ only).
    Failover,
}

impl Action {
    pub fn verb(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Stop => "stop",
            Action::Reboot => "reboot",
            Action::Failover => "reboot with failover",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub kind: Kind,
    pub id: String,
    pub db_id: String,
    pub status: String,
    /// `manual`, `automated`, …
    pub snapshot_type: String,
    pub storage_gib: Option<i32>,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub engine: String,
    pub progress: Option<i32>,
    pub arn: String,
}

impl Snapshot {
    pub fn kind(&self) -> Kind {
        self.kind
    }
}

/// RDS snapshot naming rules, checked before anything is sent.
pub fn validate_snapshot_name(name: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("'{name}': {why}"));
    if name.is_empty() || name.len() > 255 {
        return fail("a snapshot name has 1 to 255 characters");
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return fail("a snapshot name starts with a letter");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return fail("a snapshot name has only letters, digits and hyphens");
    }
    if name.ends_with('-') || name.contains("--") {
        return fail("a snapshot name cannot end with a hyphen or contain two in a row");
    }
    Ok(())
}

pub trait RdsApi: Send + Sync {
    /// Every DB instance and DB cluster (all pages of both).
    fn list(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Database>, AwsError>>;
    fn details(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<Tree, AwsError>>;
    /// Returns the status RDS reports right after the call.
    fn act(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
        action: Action,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    fn snapshots(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
    ) -> BoxFuture<'static, Result<Vec<Snapshot>, AwsError>>;
    fn create_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
        name: String,
    ) -> BoxFuture<'static, Result<Snapshot, AwsError>>;
    fn delete_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<(), AwsError>>;
}

pub struct SdkRds {
    configs: Arc<SdkConfigs>,
}

impl SdkRds {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkRds { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_rds::Client {
    aws_sdk_rds::Client::new(&configs.get(ctx).await)
}

impl RdsApi for SdkRds {
    fn list(&self, ctx: ContextKey) -> BoxFuture<'static, Result<Vec<Database>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            let (instances, clusters) = tokio::join!(all_instances(&rds), all_clusters(&rds));
            let mut all: Vec<Database> = clusters?.iter().map(cluster).collect();
            all.extend(instances?.iter().map(instance));
            Ok(all)
        })
    }

    fn details(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<Tree, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            match kind {
                Kind::Instance => {
                    let out = rds
                        .describe_db_instances()
                        .db_instance_identifier(&id)
                        .send()
                        .await
                        .map_err(AwsError::from_sdk)?;
                    Ok(out
                        .db_instances()
                        .first()
                        .map(instance_tree)
                        .unwrap_or_default())
                }
                Kind::Cluster => {
                    let out = rds
                        .describe_db_clusters()
                        .db_cluster_identifier(&id)
                        .send()
                        .await
                        .map_err(AwsError::from_sdk)?;
                    Ok(out
                        .db_clusters()
                        .first()
                        .map(cluster_tree)
                        .unwrap_or_default())
                }
            }
        })
    }

    fn act(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
        action: Action,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            // Each operation has its own builder and output type; the calls read the same.
            // Every action is sent once (see `aws::once`): a reboot repeated after a lost
            // answer reboots twice, and a repeated start or stop fails with "invalid state"
            // although the first one worked. After a lost answer the databases view re-reads.
            macro_rules! status_after {
                ($call:expr, $db:ident, $status:ident) => {
                    $call
                        .customize()
                        .config_override(super::once::once!(aws_sdk_rds))
                        .send()
                        .await
                        .map_err(AwsError::from_sdk)?
                        .$db()
                        .and_then(|d| d.$status().map(str::to_owned))
                };
            }
            let failover = action == Action::Failover;
            let status = match (kind, action) {
                (Kind::Instance, Action::Start) => status_after!(
                    rds.start_db_instance().db_instance_identifier(id),
                    db_instance,
                    db_instance_status
                ),
                (Kind::Instance, Action::Stop) => status_after!(
                    rds.stop_db_instance().db_instance_identifier(id),
                    db_instance,
                    db_instance_status
                ),
                (Kind::Instance, Action::Reboot | Action::Failover) => status_after!(
                    rds.reboot_db_instance()
                        .db_instance_identifier(id)
                        .force_failover(failover),
                    db_instance,
                    db_instance_status
                ),
                (Kind::Cluster, Action::Start) => status_after!(
                    rds.start_db_cluster().db_cluster_identifier(id),
                    db_cluster,
                    status
                ),
                (Kind::Cluster, Action::Stop) => status_after!(
                    rds.stop_db_cluster().db_cluster_identifier(id),
                    db_cluster,
                    status
                ),
                (Kind::Cluster, Action::Reboot | Action::Failover) => status_after!(
                    rds.reboot_db_cluster().db_cluster_identifier(id),
                    db_cluster,
                    status
                ),
            };
            Ok(status.unwrap_or_default())
        })
    }

    fn snapshots(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
    ) -> BoxFuture<'static, Result<Vec<Snapshot>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            let rds = &rds;
            let db_id = &db_id;
            match kind {
                Kind::Instance => {
                    super::page::all_pages(|marker| async move {
                        let out = rds
                            .describe_db_snapshots()
                            .db_instance_identifier(db_id)
                            .set_marker(marker)
                            .send()
                            .await
                            .map_err(AwsError::from_sdk)?;
                        let page = out.db_snapshots().iter().map(snapshot).collect();
                        Ok(crate::aws::page::Page::new(
                            page,
                            out.marker().map(str::to_owned),
                        ))
                    })
                    .await
                }
                Kind::Cluster => {
                    super::page::all_pages(|marker| async move {
                        let out = rds
                            .describe_db_cluster_snapshots()
                            .db_cluster_identifier(db_id)
                            .set_marker(marker)
                            .send()
                            .await
                            .map_err(AwsError::from_sdk)?;
                        let page = out
                            .db_cluster_snapshots()
                            .iter()
                            .map(cluster_snapshot)
                            .collect();
                        Ok(crate::aws::page::Page::new(
                            page,
                            out.marker().map(str::to_owned),
                        ))
                    })
                    .await
                }
            }
        })
    }

    fn create_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        db_id: String,
        name: String,
    ) -> BoxFuture<'static, Result<Snapshot, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            Ok(match kind {
                Kind::Instance => rds
                    .create_db_snapshot()
                    .db_instance_identifier(db_id)
                    .db_snapshot_identifier(name)
                    .customize()
                    .config_override(super::once::once!(aws_sdk_rds))
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?
                    .db_snapshot()
                    .map(snapshot)
                    .unwrap_or_default(),
                Kind::Cluster => rds
                    .create_db_cluster_snapshot()
                    .db_cluster_identifier(db_id)
                    .db_cluster_snapshot_identifier(name)
                    .customize()
                    .config_override(super::once::once!(aws_sdk_rds))
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?
                    .db_cluster_snapshot()
                    .map(cluster_snapshot)
                    .unwrap_or_default(),
            })
        })
    }

    fn delete_snapshot(
        &self,
        ctx: ContextKey,
        kind: Kind,
        id: String,
    ) -> BoxFuture<'static, Result<(), AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let rds = client(&configs, &ctx).await;
            match kind {
                Kind::Instance => rds
                    .delete_db_snapshot()
                    .db_snapshot_identifier(id)
                    .customize()
                    .config_override(super::once::once!(aws_sdk_rds))
                    .send()
                    .await
                    .map(drop)
                    .map_err(AwsError::from_sdk),
                Kind::Cluster => rds
                    .delete_db_cluster_snapshot()
                    .db_cluster_snapshot_identifier(id)
                    .customize()
                    .config_override(super::once::once!(aws_sdk_rds))
                    .send()
                    .await
                    .map(drop)
                    .map_err(AwsError::from_sdk),
            }
        })
    }
}

async fn all_instances(
    rds: &aws_sdk_rds::Client,
) -> Result<Vec<aws_sdk_rds::types::DbInstance>, AwsError> {
    super::page::all_pages(|marker| async move {
        let out = rds
            .describe_db_instances()
            .set_marker(marker)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        Ok(crate::aws::page::Page::new(
            out.db_instances().to_vec(),
            out.marker().map(str::to_owned),
        ))
    })
    .await
}

async fn all_clusters(
    rds: &aws_sdk_rds::Client,
) -> Result<Vec<aws_sdk_rds::types::DbCluster>, AwsError> {
    super::page::all_pages(|marker| async move {
        let out = rds
            .describe_db_clusters()
            .set_marker(marker)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        Ok(crate::aws::page::Page::new(
            out.db_clusters().to_vec(),
            out.marker().map(str::to_owned),
        ))
    })
    .await
}

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

fn instance(d: &aws_sdk_rds::types::DbInstance) -> Database {
    Database {
        kind: Kind::Instance,
        id: text(d.db_instance_identifier()),
        engine: text(d.engine()),
        engine_version: text(d.engine_version()),
        class: text(d.db_instance_class()),
        status: text(d.db_instance_status()),
        multi_az: d.multi_az().unwrap_or(false),
        host: d.endpoint().and_then(|e| e.address()).map(str::to_owned),
        port: d.endpoint().and_then(|e| e.port()),
        storage_gib: d.allocated_storage(),
        master_user: d.master_username().map(str::to_owned),
        db_name: d.db_name().map(str::to_owned),
        arn: text(d.db_instance_arn()),
        cluster: d.db_cluster_identifier().map(str::to_owned),
    }
}

fn cluster(c: &aws_sdk_rds::types::DbCluster) -> Database {
    Database {
        kind: Kind::Cluster,
        id: text(c.db_cluster_identifier()),
        engine: text(c.engine()),
        engine_version: text(c.engine_version()),
        class: text(c.db_cluster_instance_class()),
        status: text(c.status()),
        multi_az: c.multi_az().unwrap_or(false),
        host: c.endpoint().map(str::to_owned),
        port: c.port(),
        storage_gib: c.allocated_storage(),
        master_user: c.master_username().map(str::to_owned),
        db_name: c.database_name().map(str::to_owned),
        arn: text(c.db_cluster_arn()),
        cluster: None,
    }
}

fn snapshot(s: &aws_sdk_rds::types::DbSnapshot) -> Snapshot {
    Snapshot {
        kind: Kind::Instance,
        id: text(s.db_snapshot_identifier()),
        db_id: text(s.db_instance_identifier()),
        status: text(s.status()),
        snapshot_type: text(s.snapshot_type()),
        storage_gib: s.allocated_storage(),
        created: s.snapshot_create_time().map(|t| t.secs()),
        engine: text(s.engine()),
        progress: s.percent_progress(),
        arn: text(s.db_snapshot_arn()),
    }
}

fn cluster_snapshot(s: &aws_sdk_rds::types::DbClusterSnapshot) -> Snapshot {
    Snapshot {
        kind: Kind::Cluster,
        id: text(s.db_cluster_snapshot_identifier()),
        db_id: text(s.db_cluster_identifier()),
        status: text(s.status()),
        snapshot_type: text(s.snapshot_type()),
        storage_gib: s.allocated_storage(),
        created: s.snapshot_create_time().map(|t| t.secs()),
        engine: text(s.engine()),
        progress: s.percent_progress(),
        arn: text(s.db_cluster_snapshot_arn()),
    }
}

fn time(t: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok())
}

fn instance_tree(d: &aws_sdk_rds::types::DbInstance) -> Tree {
    prune(json!({
        "DBInstanceIdentifier": d.db_instance_identifier(),
        "DBInstanceStatus": d.db_instance_status(),
        "Engine": d.engine(),
        "EngineVersion": d.engine_version(),
        "DBInstanceClass": d.db_instance_class(),
        "DBClusterIdentifier": d.db_cluster_identifier(),
        "MultiAZ": d.multi_az(),
        "AvailabilityZone": d.availability_zone(),
        "SecondaryAvailabilityZone": d.secondary_availability_zone(),
        "Endpoint": d.endpoint().map(|e| json!({"Address": e.address(), "Port": e.port()})),
        "MasterUsername": d.master_username(),
        "DBName": d.db_name(),
        "Storage": {
            "AllocatedStorage": d.allocated_storage(),
            "MaxAllocatedStorage": d.max_allocated_storage(),
            "StorageType": d.storage_type(),
            "Iops": d.iops(),
            "StorageEncrypted": d.storage_encrypted(),
            "KmsKeyId": d.kms_key_id(),
        },
        "PubliclyAccessible": d.publicly_accessible(),
        "VpcSecurityGroups": d.vpc_security_groups().iter().map(|g| json!({
            "VpcSecurityGroupId": g.vpc_security_group_id(),
            "Status": g.status(),
        })).collect::<Vec<_>>(),
        "DBSubnetGroup": d.db_subnet_group().and_then(|g| g.db_subnet_group_name()),
        "DBParameterGroups": d.db_parameter_groups().iter()
            .filter_map(|g| g.db_parameter_group_name()).collect::<Vec<_>>(),
        "BackupRetentionPeriod": d.backup_retention_period(),
        "PreferredBackupWindow": d.preferred_backup_window(),
        "PreferredMaintenanceWindow": d.preferred_maintenance_window(),
        "LatestRestorableTime": time(d.latest_restorable_time()),
        "InstanceCreateTime": time(d.instance_create_time()),
        "AutoMinorVersionUpgrade": d.auto_minor_version_upgrade(),
        "DeletionProtection": d.deletion_protection(),
        "IAMDatabaseAuthenticationEnabled": d.iam_database_authentication_enabled(),
        "PerformanceInsightsEnabled": d.performance_insights_enabled(),
        "ReadReplicaSourceDBInstanceIdentifier": d.read_replica_source_db_instance_identifier(),
        "ReadReplicaDBInstanceIdentifiers": d.read_replica_db_instance_identifiers(),
        "DBInstanceArn": d.db_instance_arn(),
        "TagList": d.tag_list().iter().map(|t| json!({"Key": t.key(), "Value": t.value()}))
            .collect::<Vec<_>>(),
    }))
}

fn cluster_tree(c: &aws_sdk_rds::types::DbCluster) -> Tree {
    prune(json!({
        "DBClusterIdentifier": c.db_cluster_identifier(),
        "Status": c.status(),
        "Engine": c.engine(),
        "EngineVersion": c.engine_version(),
        "EngineMode": c.engine_mode(),
        "DBClusterInstanceClass": c.db_cluster_instance_class(),
        "MultiAZ": c.multi_az(),
        "AvailabilityZones": c.availability_zones(),
        "Endpoint": c.endpoint(),
        "ReaderEndpoint": c.reader_endpoint(),
        "Port": c.port(),
        "MasterUsername": c.master_username(),
        "DatabaseName": c.database_name(),
        "Members": c.db_cluster_members().iter().map(|m| json!({
            "DBInstanceIdentifier": m.db_instance_identifier(),
            "IsClusterWriter": m.is_cluster_writer(),
        })).collect::<Vec<_>>(),
        "Storage": {
            "AllocatedStorage": c.allocated_storage(),
            "StorageType": c.storage_type(),
            "StorageEncrypted": c.storage_encrypted(),
            "KmsKeyId": c.kms_key_id(),
        },
        "VpcSecurityGroups": c.vpc_security_groups().iter()
            .filter_map(|g| g.vpc_security_group_id()).collect::<Vec<_>>(),
        "BackupRetentionPeriod": c.backup_retention_period(),
        "PreferredBackupWindow": c.preferred_backup_window(),
        "PreferredMaintenanceWindow": c.preferred_maintenance_window(),
        "ClusterCreateTime": time(c.cluster_create_time()),
        "DeletionProtection": c.deletion_protection(),
        "DBClusterArn": c.db_cluster_arn(),
        "TagList": c.tag_list().iter().map(|t| json!({"Key": t.key(), "Value": t.value()}))
            .collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(engine: &str, port: Option<i32>, name: Option<&str>) -> Database {
        Database {
            engine: engine.into(),
            host: Some("db.example.com".into()),
            port,
            master_user: Some("admin".into()),
            db_name: name.map(Into::into),
            ..Database::default()
        }
    }

    #[test]
    fn connection_strings_follow_the_engine_and_never_hold_a_password() {
        assert_eq!(
            db("postgres", Some(5432), Some("orders"))
                .connection_string()
                .unwrap(),
            "postgresql://admin@db.example.com:5432/orders"
        );
        assert_eq!(
            db("aurora-postgresql", None, None)
                .connection_string()
                .unwrap(),
            "postgresql://admin@db.example.com:5432/postgres"
        );
        assert_eq!(
            db("mysql", Some(3307), None).connection_string().unwrap(),
            "mysql://admin@db.example.com:3307"
        );
        assert_eq!(
            db("mariadb", Some(3306), Some("crm"))
                .connection_string()
                .unwrap(),
            "mysql://admin@db.example.com:3306/crm"
        );
        assert_eq!(
            db("sqlserver-ex", Some(1433), None)
                .connection_string()
                .unwrap(),
            "sqlserver://db.example.com:1433;user=admin"
        );
        assert_eq!(
            db("oracle-ee", Some(1521), Some("ORCL"))
                .connection_string()
                .unwrap(),
            "oracle://admin@db.example.com:1521/ORCL"
        );
        assert_eq!(db("neptune", Some(8182), None).connection_string(), None);
        let mut no_host = db("postgres", Some(5432), None);
        no_host.host = None;
        assert_eq!(no_host.connection_string(), None, "still creating");
    }

    #[test]
    fn snapshot_names_are_checked() {
        assert!(validate_snapshot_name("orders-db-2026-11-23-0915").is_ok());
        for bad in ["", "1abc", "a_b", "ab-", "a--b", &"a".repeat(256)] {
            assert!(validate_snapshot_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn transitional_statuses() {
        assert!(is_transitional("stopping"));
        assert!(is_transitional("creating"));
        assert!(!is_transitional("available"));
        assert!(!is_transitional("stopped"));
        assert!(!is_transitional("failed"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// RDS's rule, written as a grammar: a letter, then letters, digits and single hyphens
    /// between them, 1 to 255 characters.
    fn allowed(name: &str) -> bool {
        let b = name.as_bytes();
        !b.is_empty()
            && b.len() <= 255
            && b[0].is_ascii_alphabetic()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b.windows(2).all(|w| w != b"--")
            && b.last() != Some(&b'-')
    }

    proptest! {
        #[test]
        fn agrees_with_the_rule(
            name in prop_oneof![
                any::<String>(),
                "[a-zA-Z0-9\\-_ é]{0,12}",
                "[a-z][a-z0-9\\-]{250,260}",
            ]
        ) {
            let result = validate_snapshot_name(&name);
            prop_assert_eq!(result.is_ok(), allowed(&name), "{:?}", name);
            if let Err(e) = result {
                let quoted = format!("'{name}': ");
                prop_assert!(e.starts_with(&quoted));
            }
        }

        #[test]
        fn generated_snapshot_names_are_valid(
            db in "[a-z]([a-z0-9]|-[a-z0-9]){0,60}",
            stamp in (2000u32..3000, 1u32..13, 1u32..29, 0u32..2400),
        ) {
            let (y, m, d, hm) = stamp;
            let name = format!("{db}-{y}-{m:02}-{d:02}-{hm:04}");
            prop_assert!(validate_snapshot_name(&name).is_ok(), "{}", name);
        }
    }
}
