use super::{Scale, SeedResult, Target};

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let rds = aws_sdk_rds::Client::new(t.sdk);
    let mut instances = vec![
        (
            format!("{}-orders-db", t.env),
            "postgres",
            "16.4",
            "db.t3.medium",
            true,
        ),
        (
            format!("{}-analytics", t.env),
            "mysql",
            "8.0.39",
            "db.r6g.large",
            false,
        ),
    ];
    if t.scale == Scale::Demo {
        instances.push((
            format!("{}-legacy-crm", t.env),
            "mariadb",
            "10.11.9",
            "db.t3.small",
            false,
        ));
    }
    for (id, engine, version, class, multi_az) in &instances {
        rds.create_db_instance()
            .db_instance_identifier(id)
            .engine(*engine)
            .engine_version(*version)
            .db_instance_class(*class)
            .allocated_storage(100)
            .multi_az(*multi_az)
            .master_username("admin")
            .master_user_password("demo-password-123")
            .send()
            .await
            .map_err(|e| format!("create {id}: {e}"))?;
    }
    if t.scale == Scale::Demo {
        // An Aurora cluster (the view lists clusters beside instances) and a manual snapshot.
        rds.create_db_cluster()
            .db_cluster_identifier(format!("{}-ledger", t.env))
            .engine("aurora-postgresql")
            .master_username("ledger_admin")
            .master_user_password("demo-password-123")
            .database_name("ledger")
            .send()
            .await
            .map_err(|e| format!("create cluster: {e}"))?;
        rds.create_db_snapshot()
            .db_instance_identifier(&instances[0].0)
            .db_snapshot_identifier(format!("{}-before-upgrade", instances[0].0))
            .send()
            .await
            .map_err(|e| format!("create snapshot: {e}"))?;
    }
    // One stopped instance, so the view shows more than one state.
    if let Some((id, ..)) = instances.get(1) {
        rds.stop_db_instance()
            .db_instance_identifier(id)
            .send()
            .await
            .map_err(|e| format!("stop {id}: {e}"))?;
    }
    Ok(instances.len())
}
