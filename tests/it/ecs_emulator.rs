//! ECS against the emulator in fresh fake accounts: a cluster, a task definition logging
//! through awslogs, a service wanting 2 tasks, tasks run for it and one stopped with a reason —
//! read through the SDK adapter (clusters, services, running and stopped tasks, the
//! definition's log configuration, a scale and a forced deployment sent once), then through
//! the app (the drill-down, the stopped reason, a scale confirmed and audited), then the
//! clusters of two accounts and a broken profile in one view, and the first frame of `:ecs`
//! showing the names before DescribeClusters has answered.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_ecs::types::{ContainerDefinition, LaunchType, LogConfiguration, LogDriver};
use awsterm::aws::ContextKey;
use awsterm::aws::ecs::ServiceChange;

const REASON: &str = "Essential container in task exited: OutOfMemoryError";

/// A `shop` cluster with service `web` (desired 2) of a task definition logging to
/// `/ecs/web`, two tasks run for it and one of them stopped with `REASON`. The task ARNs.
async fn shop(config: &aws_types::SdkConfig) -> Vec<String> {
    let ecs = aws_sdk_ecs::Client::new(config);
    ecs.create_cluster()
        .cluster_name("shop")
        .send()
        .await
        .expect("cluster");
    let definition = ecs
        .register_task_definition()
        .family("web")
        .container_definitions(
            ContainerDefinition::builder()
                .name("app")
                .image("shop/web:1.42.0")
                .memory(512)
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(LogDriver::Awslogs)
                        .options("awslogs-group", "/ecs/web")
                        .options("awslogs-region", "us-east-1")
                        .options("awslogs-stream-prefix", "ecs")
                        .build()
                        .expect("driver"),
                )
                .build(),
        )
        .send()
        .await
        .expect("task definition")
        .task_definition()
        .and_then(|d| d.task_definition_arn())
        .expect("arn")
        .to_string();
    ecs.create_service()
        .cluster("shop")
        .service_name("web")
        .task_definition(&definition)
        .desired_count(2)
        .launch_type(LaunchType::Fargate)
        .send()
        .await
        .expect("service");
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let out = ecs
            .run_task()
            .cluster("shop")
            .task_definition(&definition)
            .launch_type(LaunchType::Fargate)
            .group("service:web")
            .send()
            .await
            .expect("run task");
        tasks.extend(
            out.tasks()
                .iter()
                .filter_map(|t| t.task_arn().map(str::to_owned)),
        );
    }
    ecs.stop_task()
        .cluster("shop")
        .task(&tasks[1])
        .reason(REASON)
        .send()
        .await
        .expect("stop task");
    tasks
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

#[tokio::test]
async fn the_adapter_reads_clusters_services_tasks_and_sends_updates_once() {
    let files = AwsFiles::for_test("the_adapter_reads_clusters_services_tasks_and_sends_updates");
    let tasks = shop(&files.sdk_config("acct").await).await;
    let adapters = awsterm::aws::Adapters::sdk(sdk_setup(&files));
    let ecs = &adapters.ecs;

    // ListClusters names the clusters; their state waits for DescribeClusters.
    let clusters = ecs.clusters_page(acct(), None).await.expect("clusters");
    assert_eq!(clusters.items.len(), 1, "{clusters:?}");
    let cluster = &clusters.items[0];
    assert_eq!(cluster.name, "shop");
    assert!(cluster.state.is_pending(), "{cluster:?}");
    // Every ARN asked is answered: the cluster's state, or the failure ECS gives for one
    // that does not exist (deleted since it was listed).
    let gone = cluster.arn.replace("cluster/shop", "cluster/gone");
    let states = ecs
        .describe_clusters(acct(), vec![cluster.arn.clone(), gone.clone()])
        .await
        .expect("describe");
    assert_eq!(states.len(), 2, "{states:?}");
    assert_eq!(states[0].0, cluster.arn);
    let shop = states[0].1.as_ref().expect("shop described");
    assert_eq!(shop.status, "ACTIVE");
    // (The emulator does not count a cluster's services: `services` stays 0 there.)
    assert_eq!(states[1].0, gone);
    assert_eq!(states[1].1, Err("MISSING".to_string()));

    let services = ecs
        .services_page(acct(), cluster.arn.clone(), None)
        .await
        .expect("services");
    let web = &services.items[0];
    assert_eq!((web.name.as_str(), web.desired), ("web", 2));
    assert!(
        web.task_definition.ends_with("task-definition/web:1"),
        "{web:?}"
    );
    assert_eq!(web.deployments.len(), 1);
    assert_eq!(web.launch_type, "FARGATE");

    let running = ecs
        .tasks_page(acct(), cluster.arn.clone(), Some("web".into()), false, None)
        .await
        .expect("running tasks");
    assert_eq!(running.items.len(), 1, "{running:?}");
    assert_eq!(running.items[0].arn, tasks[0]);
    // The emulator ignores ListTasks' desired status: without the service's filter to hide
    // it, the stopped task would be listed among the running ones.
    let cluster_running = ecs
        .tasks_page(acct(), cluster.arn.clone(), None, false, None)
        .await
        .expect("the cluster's running tasks");
    assert!(
        cluster_running
            .items
            .iter()
            .all(|t| t.desired_status == "RUNNING" && t.arn != tasks[1]),
        "{cluster_running:?}"
    );
    let stopped = ecs
        .tasks_page(acct(), cluster.arn.clone(), None, true, None)
        .await
        .expect("stopped tasks");
    assert_eq!(stopped.items.len(), 1, "{stopped:?}");
    assert_eq!(stopped.items[0].stopped_reason.as_deref(), Some(REASON));
    assert_eq!(stopped.items[0].last_status, "STOPPED");

    let definition = ecs
        .task_definition(acct(), running.items[0].task_definition.clone())
        .await
        .expect("definition");
    let logs = definition.containers[0].awslogs.clone().expect("awslogs");
    assert_eq!(logs.group, "/ecs/web");
    assert_eq!(
        logs.stream_of("app", running.items[0].id()),
        Some(format!("ecs/app/{}", running.items[0].id()))
    );

    ecs.update_service(acct(), "shop".into(), "web".into(), ServiceChange::Scale(3))
        .await
        .expect("scale");
    let web = ecs
        .service(acct(), "shop".into(), "web".into())
        .await
        .expect("service");
    assert_eq!(web.desired, 3);
    let before = web.deployments[0].id.clone();
    ecs.update_service(
        acct(),
        "shop".into(),
        "web".into(),
        ServiceChange::ForceDeploy,
    )
    .await
    .expect("force deploy");
    let web = ecs
        .service(acct(), "shop".into(), "web".into())
        .await
        .expect("service");
    assert_ne!(web.deployments[0].id, before, "a new deployment");
}

#[tokio::test]
async fn the_app_drills_from_clusters_to_a_stopped_task_and_scales_a_service() {
    let files = AwsFiles::for_test("the_app_drills_from_clusters_to_a_stopped_task_and_scales");
    let tasks = shop(&files.sdk_config("acct").await).await;
    let stopped_id = tasks[1].rsplit('/').next().unwrap().to_string();
    let mut h = app_on(&files);
    let state_dir = tempfile::tempdir().unwrap();
    let audit = state_dir.path().join("audit.jsonl");
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));

    h.keys(":ecs<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("ECS clusters [1]"), "{screen}");
    assert!(line_with(&screen, "shop").contains("ACTIVE"), "{screen}");

    h.keys("<Enter>").await;
    let screen = h.screen();
    let web = line_with(&screen, "web");
    assert!(web.contains("web:1") && web.contains("FARGATE"), "{screen}");

    h.keys("t").await;
    assert!(
        h.screen().contains("shop › web · running"),
        "{}",
        h.screen()
    );
    h.keys("T").await;
    let screen = h.screen();
    let line = line_with(&screen, &stopped_id[..12]);
    assert!(line.contains("Essential container"), "{screen}");
    h.keys("<Enter>").await;
    assert!(h.screen().contains(REASON), "{}", h.screen());

    h.keys("<Esc><Esc>=<backspace>4<Enter>y").await;
    assert!(
        h.screen().contains("web: desired count 4"),
        "{}",
        h.screen()
    );
    let (entries, _) = awsterm::audit::read_recent(&audit, 10).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].operation, "UpdateService");
    assert_eq!(entries[0].resources, ["shop/web", "desired count 4"]);
    let web = aws_sdk_ecs::Client::new(&files.sdk_config("acct").await)
        .describe_services()
        .cluster("shop")
        .services("web")
        .send()
        .await
        .expect("describe");
    assert_eq!(web.services()[0].desired_count(), 4);
}

#[tokio::test]
async fn clusters_of_two_accounts_and_a_broken_profile_in_one_view() {
    let (files, accounts) = three_accounts("ecs_clusters_of_two_accounts_and_a_broken_profile");
    for team in ["a", "b"] {
        aws_sdk_ecs::Client::new(&files.sdk_config(&format!("team-{team}")).await)
            .create_cluster()
            .cluster_name(format!("shop-{team}"))
            .send()
            .await
            .expect("cluster");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":ecs @profiles team-*<Enter>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "shop-a").contains(&accounts[0]),
        "{screen}"
    );
    assert!(
        line_with(&screen, "shop-b").contains(&accounts[1]),
        "{screen}"
    );
    assert!(line_with(&screen, "team-broken").contains('✗'), "{screen}");
    // Enter on team-b's cluster lists its services in team-b's account.
    h.keys("/shop-b<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("shop-b"), "{screen}");
    assert!(screen.contains(&accounts[1]), "{screen}");
}

/// `:ecs` draws the clusters' names from ListClusters before DescribeClusters answers (`…` in
/// the cells it fills), then their state. Replies are fed to the app one at a time, drawing
/// after each, so every frame the user would see is looked at.
#[tokio::test]
async fn the_first_frame_names_the_clusters_and_describe_fills_them_in() {
    use crate::app_harness::{options, profile};
    use awsterm::aws::profiles::CredentialKind;
    let files = AwsFiles::for_test("ecs_the_first_frame_names_the_clusters");
    let ecs = aws_sdk_ecs::Client::new(&files.sdk_config("acct").await);
    for name in ["shop", "batch"] {
        ecs.create_cluster()
            .cluster_name(name)
            .send()
            .await
            .expect("cluster");
    }
    let mut o = options(
        vec![profile(
            "acct",
            Some("us-east-1"),
            CredentialKind::AssumeRole,
        )],
        "acct",
    );
    let setup = sdk_setup(&files);
    o.files = setup.files.clone();
    let (mut app, mut rx) = awsterm::app::App::new(o, awsterm::aws::Adapters::sdk(setup));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).expect("terminal");
    app.run_line("ecs");
    let mut frames = Vec::new();
    let filled = |screen: &str| {
        ["shop", "batch"].iter().all(|name| {
            let needle = format!("│{name} ");
            screen
                .lines()
                .find(|l| l.contains(&needle))
                .is_some_and(|l| l.contains("ACTIVE"))
        })
    };
    let settled = async {
        loop {
            let msg = rx.recv().await.expect("a reply");
            app.handle_msg(msg);
            terminal
                .draw(|f| awsterm::app::draw(f, &mut app))
                .expect("draw");
            let screen = terminal.backend().to_string();
            let done = filled(&screen);
            frames.push(screen);
            if done {
                break;
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), settled)
        .await
        .expect("the clusters are described");
    let first = frames
        .iter()
        .find(|f| f.contains("│shop ") && f.contains("│batch "))
        .expect("a frame with both names");
    for name in ["shop", "batch"] {
        let line = line_with(first, &format!("│{name} "));
        assert!(
            line.contains('…') && !line.contains("ACTIVE"),
            "named before described: {first}"
        );
    }
}
