//! The EC2 and RDS adapters against the emulator, each test in its own fake account.

use crate::support::{AwsFiles, run_instances};
use awsterm::aws::ec2::{Action, Ec2Api, SdkEc2, parse_filters};
use awsterm::aws::rds::{self, Kind, RdsApi, SdkRds};
use awsterm::aws::{AwsSetup, ContextKey, SdkConfigs};
use std::collections::HashSet;
use std::sync::Arc;

fn configs(files: &AwsFiles) -> Arc<SdkConfigs> {
    Arc::new(SdkConfigs::new(AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings: Default::default(),
    }))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

/// Every page of a filtered listing, and how many pages it took.
async fn list_all(
    ec2: &SdkEc2,
    filters: &str,
    page_size: i32,
) -> (Vec<awsterm::aws::ec2::Instance>, usize) {
    let filters = parse_filters(filters).expect("filters");
    let (mut all, mut pages, mut token) = (Vec::new(), 0, None);
    loop {
        let page = ec2
            .list_page(acct(), filters.clone(), token, page_size)
            .await
            .expect("page");
        pages += 1;
        all.extend(page.items);
        token = page.next;
        if token.is_none() {
            return (all, pages);
        }
    }
}

#[tokio::test]
async fn instances_list_with_their_tags_and_server_side_filters() {
    let files = AwsFiles::for_test("instances_list_with_their_tags_and_server_side_filters");
    let raw = files.ec2("acct").await;
    let ids = run_instances(
        &raw,
        &[
            ("web-01", "prod", "t3.micro"),
            ("api-01", "dev", "t3.micro"),
            ("batch-01", "prod", "m5.large"),
        ],
    )
    .await;
    raw.stop_instances()
        .instance_ids(&ids[1])
        .send()
        .await
        .expect("stop");
    let ec2 = SdkEc2::new(configs(&files));

    let (all, _) = list_all(&ec2, "", 1000).await;
    assert_eq!(all.len(), 3);
    let web = all.iter().find(|i| i.id == ids[0]).expect("web listed");
    assert_eq!(web.name(), "web-01");
    assert_eq!(web.tag("Env"), Some("prod"));
    assert_eq!(web.instance_type, "t3.micro");
    assert_eq!(web.key_name.as_deref(), Some("ops"));
    assert!(web.private_ip.is_some() && web.launched.is_some() && !web.az.is_empty());

    let names = |list: Vec<awsterm::aws::ec2::Instance>| -> HashSet<String> {
        list.iter().map(|i| i.name().to_string()).collect()
    };
    let (running, _) = list_all(&ec2, "state=running", 1000).await;
    assert_eq!(
        names(running),
        HashSet::from(["web-01".into(), "batch-01".into()])
    );
    let (prod, _) = list_all(&ec2, "tag:Env=prod type=m5.large", 1000).await;
    assert_eq!(names(prod), HashSet::from(["batch-01".into()]));
    let (either, _) = list_all(&ec2, "name=web-01,api-01", 1000).await;
    assert_eq!(
        names(either),
        HashSet::from(["web-01".into(), "api-01".into()])
    );
}

#[tokio::test]
async fn a_150_instance_fleet_pages_by_reservation_without_losing_any() {
    let files = AwsFiles::for_test("a_150_instance_fleet_pages_by_reservation_without_losing_any");
    let raw = files.ec2("acct").await;
    let specs: Vec<(String, &str, &str)> = (0..150)
        .map(|i| (format!("node-{i:03}"), "prod", "t3.micro"))
        .collect();
    let specs: Vec<(&str, &str, &str)> =
        specs.iter().map(|(n, e, t)| (n.as_str(), *e, *t)).collect();
    let ids = run_instances(&raw, &specs).await;
    assert_eq!(ids.len(), 150);
    let ec2 = SdkEc2::new(configs(&files));
    let (all, pages) = list_all(&ec2, "", 50).await;
    assert!(pages >= 3, "150 reservations in pages of 50: {pages} pages");
    let seen: HashSet<&str> = all.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(all.len(), 150, "no instance twice");
    assert_eq!(seen, ids.iter().map(String::as_str).collect());
}

#[tokio::test]
async fn start_stop_reboot_and_terminate_change_the_state() {
    let files = AwsFiles::for_test("start_stop_reboot_and_terminate_change_the_state");
    let ids = run_instances(&files.ec2("acct").await, &[("web-01", "prod", "t3.micro")]).await;
    let ec2 = SdkEc2::new(configs(&files));
    let state = || async {
        ec2.describe(acct(), ids.clone()).await.expect("describe")[0]
            .state
            .clone()
    };
    assert_eq!(state().await, "running");

    for (action, answer, settled) in [
        (Action::Stop, "stopping", "stopped"),
        (Action::Start, "pending", "running"),
        (Action::Reboot, "rebooting", "running"),
        (Action::Terminate, "shutting-down", "terminated"),
    ] {
        ec2.dry_run(acct(), action, ids.clone())
            .await
            .unwrap_or_else(|e| panic!("dry run {action:?}: {e}"));
        let results = ec2.act(acct(), action, ids.clone()).await;
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].id, ids[0]);
        assert_eq!(results[0].result.as_deref(), Ok(answer), "{action:?}");
        assert_eq!(state().await, settled, "after {action:?}");
    }

    // One unknown id fails the batch; each instance then gets its own answer.
    let results = ec2
        .act(
            acct(),
            Action::Stop,
            vec![ids[0].clone(), "i-0000000000000dead".into()],
        )
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(
        results
            .iter()
            .any(|r| r.id == "i-0000000000000dead" && r.result.is_err())
    );
}

#[tokio::test]
async fn details_and_console_output() {
    use aws_sdk_ec2::types::{IpPermission, IpRange};
    let files = AwsFiles::for_test("details_and_console_output");
    let raw = files.ec2("acct").await;
    let ids = run_instances(&raw, &[("web-01", "prod", "t3.micro")]).await;
    let group = raw
        .create_security_group()
        .group_name("web-sg")
        .description("web servers")
        .send()
        .await
        .expect("create group")
        .group_id()
        .expect("group id")
        .to_string();
    raw.authorize_security_group_ingress()
        .group_id(&group)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(22)
                .to_port(22)
                .ip_ranges(
                    IpRange::builder()
                        .cidr_ip("198.51.100.0/24")
                        .description("office")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("authorize");
    raw.modify_instance_attribute()
        .instance_id(&ids[0])
        .groups(&group)
        .send()
        .await
        .expect("attach group");
    let ec2 = SdkEc2::new(configs(&files));
    let details = ec2.details(acct(), ids[0].clone()).await.expect("details");
    assert_eq!(details.instance.id, ids[0]);
    assert_eq!(details.description["InstanceId"], ids[0].as_str());
    assert_eq!(details.description["KeyName"], "ops");
    let groups = details.security_groups.expect("security groups");
    let web = groups
        .iter()
        .find(|g| g.id == group)
        .expect("the attached group");
    assert_eq!(web.name, "web-sg");
    assert!(
        web.inbound.iter().any(|r| r.protocol == "tcp"
            && r.ports == "22"
            && r.peer == "198.51.100.0/24"
            && r.description.as_deref() == Some("office")),
        "{:?}",
        web.inbound
    );
    details.volumes.expect("volumes");
    let missing = ec2.details(acct(), "i-0000000000000dead".into()).await;
    assert_eq!(missing.unwrap_err().kind, awsterm::aws::ErrorKind::NotFound);

    let console = ec2
        .console_output(acct(), ids[0].clone())
        .await
        .expect("console output");
    let text = console.expect("the emulator has some");
    assert!(!text.is_empty());
}

#[tokio::test]
async fn databases_start_stop_reboot_and_snapshot() {
    let files = AwsFiles::for_test("databases_start_stop_reboot_and_snapshot");
    let raw = files.rds("acct").await;
    raw.create_db_instance()
        .db_instance_identifier("orders-db")
        .engine("postgres")
        .engine_version("16.4")
        .db_instance_class("db.t3.medium")
        .allocated_storage(100)
        .multi_az(true)
        .master_username("admin")
        .master_user_password("not-a-real-password")
        .db_name("orders")
        .send()
        .await
        .expect("create instance");
    raw.create_db_cluster()
        .db_cluster_identifier("ledger")
        .engine("aurora-postgresql")
        .master_username("admin")
        .master_user_password("not-a-real-password")
        .send()
        .await
        .expect("create cluster");
    let rds = SdkRds::new(configs(&files));
    let list = rds.list(acct()).await.expect("list");
    let db = list
        .iter()
        .find(|d| d.id == "orders-db")
        .expect("the instance is listed");
    assert_eq!(db.kind(), Kind::Instance);
    assert_eq!(db.engine, "postgres");
    assert!(db.multi_az);
    assert_eq!(db.storage_gib, Some(100));
    let conn = db.connection_string().expect("a connection string");
    assert!(
        conn.starts_with("postgresql://admin@") && conn.ends_with("/orders"),
        "{conn}"
    );
    assert!(!conn.contains("not-a-real-password"));
    assert!(
        list.iter()
            .any(|d| d.id == "ledger" && d.kind() == Kind::Cluster),
        "{list:?}"
    );

    let status = |list: Vec<rds::Database>| {
        list.into_iter()
            .find(|d| d.id == "orders-db")
            .map(|d| d.status)
            .unwrap_or_default()
    };
    for (action, settled) in [
        (rds::Action::Stop, "stopped"),
        (rds::Action::Start, "available"),
        (rds::Action::Reboot, "available"),
        (rds::Action::Failover, "available"),
    ] {
        rds.act(acct(), Kind::Instance, "orders-db".into(), action)
            .await
            .unwrap_or_else(|e| panic!("{action:?}: {e}"));
        assert_eq!(
            status(rds.list(acct()).await.unwrap()),
            settled,
            "{action:?}"
        );
    }
    let refused = rds
        .act(
            acct(),
            Kind::Instance,
            "orders-db".into(),
            rds::Action::Start,
        )
        .await;
    assert!(refused.is_err(), "starting a running database is refused");

    let created = rds
        .create_snapshot(
            acct(),
            Kind::Instance,
            "orders-db".into(),
            "orders-before-upgrade".into(),
        )
        .await
        .expect("create snapshot");
    assert_eq!(created.id, "orders-before-upgrade");
    let snaps = rds
        .snapshots(acct(), Kind::Instance, "orders-db".into())
        .await
        .expect("snapshots");
    let snap = snaps
        .iter()
        .find(|s| s.id == "orders-before-upgrade")
        .expect("listed");
    assert_eq!(snap.snapshot_type, "manual");
    assert_eq!(snap.db_id, "orders-db");
    rds.delete_snapshot(acct(), Kind::Instance, "orders-before-upgrade".into())
        .await
        .expect("delete snapshot");
    let snaps = rds
        .snapshots(acct(), Kind::Instance, "orders-db".into())
        .await
        .expect("snapshots");
    assert!(snaps.iter().all(|s| s.id != "orders-before-upgrade"));

    rds.create_snapshot(acct(), Kind::Cluster, "ledger".into(), "ledger-snap".into())
        .await
        .expect("cluster snapshot");
    let cluster_snaps = rds
        .snapshots(acct(), Kind::Cluster, "ledger".into())
        .await
        .expect("cluster snapshots");
    assert!(
        cluster_snaps
            .iter()
            .any(|s| s.id == "ledger-snap" && s.kind() == Kind::Cluster)
    );
}
