//! `:ecs` through the real app loop on in-memory clusters: clusters → services → a service's
//! details (events newest first) → tasks (running, then stopped with why) → a task's
//! containers, at 80×24; the clusters of two profiles at 160 columns; the writes (scale,
//! force a new deployment) asked, confirmed, audited and sent once, and refused with
//! execute-command in read-only mode; the task's logs tailed from its task definition; a
//! cluster DescribeClusters did not describe (`?`, and why on Enter).

use crate::app_harness::{Harness, options, policies, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::ecs::{
    AwsLogs, Cluster, ClusterState, Container, ContainerDefinition, Deployment, Service,
    ServiceEvent, Task, TaskDefinition,
};
use awsterm::aws::fake::{FakeCluster, FakeContexts, FakeEcs, FakeLogs, FakeSts, adapters};
use awsterm::aws::filled::Filled;
use awsterm::aws::{AwsError, ErrorKind};

const ACCOUNT: &str = "111111111111";

fn ago(secs: i64) -> Option<i64> {
    Some(awsterm::clock::now_secs() - secs)
}

fn cluster_arn(name: &str) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/{name}")
}

fn definition_arn(family: &str) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/{family}")
}

/// A cluster as DescribeClusters describes it.
fn cluster(name: &str, services: i32, running: i32, pending: i32) -> Cluster {
    Cluster {
        state: Filled::Got(ClusterState {
            status: "ACTIVE".into(),
            services,
            running,
            pending,
            instances: 0,
            capacity_providers: vec!["FARGATE".into(), "FARGATE_SPOT".into()],
        }),
        ..Cluster::listed(&cluster_arn(name))
    }
}

fn deployment(status: &str, rollout: &str, def: &str, counts: [i32; 4], age: i64) -> Deployment {
    Deployment {
        id: format!("ecs-svc/{status}{age}"),
        status: status.into(),
        rollout_state: Some(rollout.into()),
        rollout_reason: None,
        task_definition: definition_arn(def),
        desired: counts[0],
        running: counts[1],
        pending: counts[2],
        failed: counts[3],
        created: ago(age),
        updated: ago(age / 2),
    }
}

fn event(age: i64, message: &str) -> ServiceEvent {
    ServiceEvent {
        id: format!("e{age}"),
        at: ago(age),
        message: message.into(),
    }
}

fn services() -> Vec<Service> {
    vec![
        Service {
            name: "web".into(),
            arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/shop/web"),
            cluster_arn: cluster_arn("shop"),
            status: "ACTIVE".into(),
            desired: 2,
            running: 2,
            pending: 0,
            task_definition: definition_arn("web:42"),
            launch_type: "FARGATE".into(),
            deployments: vec![deployment(
                "PRIMARY",
                "COMPLETED",
                "web:42",
                [2, 2, 0, 0],
                7200,
            )],
            // As ECS may give them: not in order.
            events: vec![
                event(3600, "(service web) has reached a steady state."),
                event(
                    60,
                    "(service web) has started 1 tasks: (task 0f1e2d3c4b5a).",
                ),
                event(
                    7000,
                    "(service web) registered 1 targets in (target-group web-tg)",
                ),
            ],
            load_balancers: vec![awsterm::aws::ecs::ServiceLoadBalancer {
                target_group: Some(format!(
                    "arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web-tg/73e2d6bc24d8a067"
                )),
                load_balancer: None,
                container: "app".into(),
                port: Some(8080),
            }],
            network: Some(awsterm::aws::ecs::Network {
                subnets: vec!["subnet-0a1b2c3d".into(), "subnet-4e5f6a7b".into()],
                security_groups: vec!["sg-0web000000000001".into()],
                public_ip: Some("DISABLED".into()),
            }),
            exec_enabled: true,
            created: ago(86400 * 30),
        },
        Service {
            name: "checkout-api".into(),
            arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/shop/checkout-api"),
            cluster_arn: cluster_arn("shop"),
            status: "ACTIVE".into(),
            desired: 3,
            running: 1,
            pending: 2,
            task_definition: definition_arn("checkout-api:7"),
            launch_type: "FARGATE".into(),
            deployments: vec![
                deployment(
                    "PRIMARY",
                    "IN_PROGRESS",
                    "checkout-api:7",
                    [3, 0, 2, 1],
                    300,
                ),
                deployment("ACTIVE", "COMPLETED", "checkout-api:6", [3, 1, 0, 0], 86400),
            ],
            events: vec![event(
                120,
                "(service checkout-api) is unable to consistently start tasks successfully.",
            )],
            load_balancers: Vec::new(),
            network: None,
            exec_enabled: false,
            created: ago(86400 * 90),
        },
    ]
}

const TASK_RUNNING: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const TASK_STOPPED: &str = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";

fn task(id: &str, stopped: bool) -> Task {
    let container = |name: &str, status: &str, exit: Option<i32>, reason: Option<&str>| Container {
        name: name.into(),
        image: format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-{name}:1.42.0"),
        last_status: status.into(),
        exit_code: exit,
        reason: reason.map(Into::into),
        health: Some(if stopped { "UNKNOWN" } else { "HEALTHY" }.into()),
    };
    Task {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task/shop/{id}"),
        cluster_arn: cluster_arn("shop"),
        task_definition: definition_arn("web:42"),
        last_status: if stopped { "STOPPED" } else { "RUNNING" }.into(),
        desired_status: if stopped { "STOPPED" } else { "RUNNING" }.into(),
        created: ago(3000),
        started: ago(2900),
        stopped: stopped.then(|| awsterm::clock::now_secs() - 600),
        stop_code: stopped.then(|| "EssentialContainerExited".into()),
        stopped_reason: stopped.then(|| "Essential container in task exited".into()),
        containers: if stopped {
            vec![
                container(
                    "app",
                    "STOPPED",
                    Some(137),
                    Some("OutOfMemoryError: Container killed due to memory usage"),
                ),
                container("proxy", "STOPPED", Some(0), None),
            ]
        } else {
            vec![
                container("app", "RUNNING", None, None),
                container("proxy", "RUNNING", None, None),
            ]
        },
        health: Some(if stopped { "UNKNOWN" } else { "HEALTHY" }.into()),
        launch_type: Some("FARGATE".into()),
        group: Some("service:web".into()),
        exec_enabled: !stopped,
        eni: Some("eni-0a1b2c3d4e5f60718".into()),
        private_ip: Some("10.0.12.34".into()),
    }
}

fn web_definition() -> TaskDefinition {
    let awslogs = |prefix: &str| AwsLogs {
        group: "/ecs/web".into(),
        region: Some("us-east-1".into()),
        stream_prefix: Some(prefix.into()),
    };
    TaskDefinition {
        arn: definition_arn("web:42"),
        containers: vec![
            ContainerDefinition {
                name: "app".into(),
                image: "shop-app".into(),
                log_driver: Some("awslogs".into()),
                awslogs: Some(awslogs("ecs")),
            },
            ContainerDefinition {
                name: "proxy".into(),
                image: "nginx".into(),
                log_driver: Some("splunk".into()),
                awslogs: None,
            },
        ],
    }
}

fn shop() -> FakeEcs {
    FakeEcs::default()
        .cluster(FakeCluster {
            cluster: cluster("shop", 2, 3, 2),
            services: services(),
            tasks: vec![
                task(TASK_RUNNING, false),
                task("1a2b3c4d5e6f70819203a4b5c6d7e8f9", false),
                task(TASK_STOPPED, true),
            ],
        })
        .cluster(FakeCluster {
            cluster: cluster("batch-processing-nightly-reports", 1, 0, 0),
            ..FakeCluster::default()
        })
        .definition(web_definition())
}

fn with_ecs(ecs: FakeEcs) -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", ACCOUNT, "user/alice")).with_ecs(ecs)
}

fn row<'a>(screen: &'a str, text: &str) -> &'a str {
    screen.lines().find(|l| l.contains(text)).unwrap_or("")
}

#[tokio::test]
async fn clusters_services_a_service_and_its_tasks_at_80_columns() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_ecs(shop()), 80, 24);
    h.keys(":ecs<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("ECS clusters [2]"), "{screen}");
    assert!(
        screen.contains("batch-processing-nightly-reports"),
        "the name is whole: {screen}"
    );
    insta::assert_snapshot!("ecs_clusters", screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Services"), "{screen}");
    assert!(
        row(&screen, "checkout-api").contains("2 rolling"),
        "{screen}"
    );
    assert!(row(&screen, "web").contains("web:42"), "{screen}");
    insta::assert_snapshot!("ecs_services", screen);

    h.keys("/web<Enter><Enter>").await;
    let screen = h.screen();
    let newest = screen.find("has started 1 tasks").expect(&screen);
    let older = screen.find("has reached a steady state").expect(&screen);
    assert!(newest < older, "events newest first: {screen}");
    insta::assert_snapshot!("ecs_service_details", screen);

    h.keys("t").await;
    let screen = h.screen();
    assert!(screen.contains("Tasks"), "{screen}");
    assert!(screen.contains("shop › web · running"), "{screen}");
    assert!(screen.contains("0f1e2d3c4b5a"), "{screen}");
    assert!(!screen.contains("9a8b7c6d5e4f"), "running only: {screen}");
    assert!(
        row(&screen, "0f1e2d3c4b5a").contains("2/2 running"),
        "{screen}"
    );
    insta::assert_snapshot!("ecs_tasks_running", screen);

    h.keys("T").await;
    let screen = h.screen();
    assert!(screen.contains("shop › web · stopped"), "{screen}");
    assert!(
        row(&screen, "9a8b7c6d5e4f").contains("Essential container in task exited"),
        "the stopped reason is on the row at 80 columns: {screen}"
    );
    insta::assert_snapshot!("ecs_tasks_stopped", screen);

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(row(&screen, "app ").contains("137"), "exit code: {screen}");
    assert!(
        screen.contains("OutOfMemoryError: Container killed due to memory usage"),
        "{screen}"
    );
    assert!(screen.contains("EssentialContainerExited"), "{screen}");
    assert!(screen.contains("10.0.12.34"), "{screen}");
    insta::assert_snapshot!("ecs_task_containers", screen);
}

#[tokio::test]
async fn a_cluster_s_tasks_from_the_clusters_list() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_ecs(shop()), 80, 24);
    h.keys(":ecs<Enter>/shop<Enter>t").await;
    let screen = h.screen();
    assert!(screen.contains("shop · running"), "{screen}");
    assert!(
        screen.contains("0f1e2d3c4b5a") && screen.contains("1a2b3c4d5e6f"),
        "{screen}"
    );
}

#[tokio::test]
async fn scale_and_force_deploy_are_asked_confirmed_audited_and_sent_once() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    let ecs = shop();
    let calls = ecs.calls.clone();
    let mut h = Harness::sized(o, with_ecs(ecs), 100, 24);
    h.keys(":ecs<Enter>/shop<Enter><Enter>/web<Enter>=").await;
    assert!(
        h.screen()
            .contains("Desired count of web (now 2, running 2)"),
        "{}",
        h.screen()
    );
    h.keys("<backspace>x<Enter>").await;
    assert!(
        h.screen().contains("a desired count is a whole number"),
        "{}",
        h.screen()
    );
    h.keys("=<backspace>3<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Scale web from 2 to 3 tasks?"), "{screen}");
    assert!(
        screen.contains("desired 2 → 3 (running 2, pending 0)"),
        "{screen}"
    );
    h.keys("y").await;
    assert_eq!(*calls.lock().unwrap(), ["scale shop/web 3"]);
    assert!(
        h.screen().contains("web: desired count 3"),
        "{}",
        h.screen()
    );

    h.keys("F").await;
    assert!(
        h.screen().contains("Force a new deployment of web?"),
        "{}",
        h.screen()
    );
    h.keys("n").await;
    assert_eq!(calls.lock().unwrap().len(), 1, "a no sends nothing");
    h.keys("Fy").await;
    assert_eq!(
        *calls.lock().unwrap(),
        ["scale shop/web 3", "force-deploy shop/web"]
    );
    let (entries, _) = awsterm::audit::read_recent(&path, 10).unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(
        entries
            .iter()
            .all(|e| e.service == "ecs" && e.operation == "UpdateService")
    );
    assert!(
        entries
            .iter()
            .any(|e| e.resources == ["shop/web", "force new deployment"]),
        "{entries:?}"
    );

    // Scaling to zero stops everything: the name is typed.
    h.keys("<Esc>/web<Enter>=<backspace>0<Enter>").await;
    assert!(
        h.screen().contains("Type the service name (web)"),
        "{}",
        h.screen()
    );
    h.keys("nope<Enter>").await;
    assert_eq!(calls.lock().unwrap().len(), 2, "a wrong name sends nothing");
}

#[tokio::test]
async fn read_only_refuses_scale_force_deploy_and_a_shell() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    let ecs = shop();
    let calls = ecs.calls.clone();
    let mut h = Harness::sized(o, with_ecs(ecs), 100, 24);
    h.app.set_read_only(true);
    h.keys(":ecs<Enter>/shop<Enter><Enter>/web<Enter>").await;
    h.keys("=").await;
    h.keys("3<Enter>y").await;
    h.keys("<Esc>Fy").await;
    h.keys("<Esc><Enter>Fy").await;
    h.keys("<Esc>t/0f1e<Enter>c").await;
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
    assert!(
        !h.host
            .actions
            .iter()
            .any(|a| matches!(a, HostAction::Exec(_))),
        "{:?}",
        h.host.actions
    );
    assert!(
        awsterm::audit::read_recent(&path, 10)
            .map(|(e, _)| e.is_empty())
            .unwrap_or(true),
        "nothing on record: nothing was sent"
    );
}

/// A `[[policy]]` rule making the profile read-only refuses scale and force-deploy the same
/// way the global switch does, and `:scale 0` says it is refused, not how it is typed.
#[tokio::test]
async fn a_read_only_policy_refuses_scale_and_force_deploy() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    o.policies = policies("[[policy]]\nprofiles = \"dev\"\nread_only = true\n");
    let ecs = shop();
    let calls = ecs.calls.clone();
    let mut h = Harness::sized(o, with_ecs(ecs), 100, 24);
    h.keys(":ecs<Enter>/shop<Enter><Enter>/web<Enter>").await;
    h.keys("=").await;
    assert!(
        h.screen()
            .contains("dev is read-only (policy): 'scale' is disabled"),
        "{}",
        h.screen()
    );
    h.keys("F").await;
    assert!(
        h.screen()
            .contains("dev is read-only (policy): 'force-deploy' is disabled"),
        "{}",
        h.screen()
    );
    for line in [":scale 0<Enter>", ":force-deploy now<Enter>"] {
        h.keys(line).await;
        let screen = h.screen();
        assert!(screen.contains("read-only (policy)"), "{line}: {screen}");
        assert!(!screen.contains("takes no argument"), "{line}: {screen}");
    }
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
    assert!(
        awsterm::audit::read_recent(&path, 10)
            .map(|(e, _)| e.is_empty())
            .unwrap_or(true),
        "nothing on record: nothing was sent"
    );
}

/// The running list: only tasks meant to run; one on its way out is no longer "changing"
/// there, and a stopped task's missing reason reads `—`.
#[tokio::test]
async fn stopped_is_final_and_a_missing_reason_is_a_dash() {
    let mut stopping = task("5e5e5e5e5e5e70819203a4b5c6d7e8f9", false);
    stopping.last_status = "DEACTIVATING".into();
    stopping.desired_status = "STOPPED".into();
    let mut quiet = task("7d7d7d7d7d7d30211203f4e5d6c7b8a9", true);
    quiet.stopped_reason = None;
    quiet.stop_code = None;
    let ecs = FakeEcs::default()
        .cluster(FakeCluster {
            cluster: cluster("shop", 2, 3, 2),
            services: services(),
            tasks: vec![
                task(TASK_RUNNING, false),
                task(TASK_STOPPED, true),
                stopping,
                quiet,
            ],
        })
        .definition(web_definition());
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_ecs(ecs), 160, 24);
    h.keys(":ecs<Enter>/shop<Enter>t").await;
    let screen = h.screen();
    assert!(screen.contains("0f1e2d3c4b5a"), "{screen}");
    assert!(
        !screen.contains("5e5e5e5e5e5e"),
        "desired STOPPED: {screen}"
    );
    assert!(!screen.contains("changing, watching"), "{screen}");
    h.keys("T").await;
    let screen = h.screen();
    assert!(
        row(&screen, "5e5e5e5e5e5e").contains("DEACTIVATING → STOPPED"),
        "{screen}"
    );
    assert!(row(&screen, "7d7d7d7d7d7d").contains("—"), "{screen}");
    // Only the one on its way out is watched: STOPPED is final.
    assert!(screen.contains("1 changing, watching"), "{screen}");
    // The task's document says its state in the list's words.
    h.keys("/5e5e<Enter><Enter>").await;
    assert!(
        h.screen().contains("DEACTIVATING → STOPPED"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn a_shell_in_a_task_runs_execute_command_or_says_why_not() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_ecs(shop()), 100, 24);
    h.keys(":ecs<Enter>/shop<Enter>t/0f1e<Enter>c").await;
    // Two containers run in the task: which one is asked, nothing runs before.
    let screen = h.screen();
    assert!(
        screen.contains("Which container of task 0f1e2d3c4b5a"),
        "{screen}"
    );
    assert!(row(&screen, "proxy").contains("shop-proxy"), "{screen}");
    assert!(
        !h.host
            .actions
            .iter()
            .any(|a| matches!(a, HostAction::Exec(_))),
        "{:?}",
        h.host.actions
    );
    h.keys("/proxy<Enter><Enter>").await;
    let command = format!(
        "aws ecs execute-command --cluster shop --task {TASK_RUNNING} --container proxy \
         --interactive --command /bin/sh --region us-east-1 --profile dev"
    );
    let ran = h
        .host
        .actions
        .iter()
        .any(|a| matches!(a, HostAction::Exec(c) if c.display() == command));
    let missing = h.screen().contains("not found on PATH");
    assert!(ran || missing, "{}", h.screen());
    h.keys("<Esc><Esc>T/9a8b<Enter>c").await;
    assert!(
        h.screen().contains("a shell needs a running task"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn task_logs_tail_the_container_stream_of_its_task_definition() {
    let logs = FakeLogs::default().group("/ecs/web");
    let store = logs.events.clone();
    let now = awsterm::clock::now_ms();
    let stream = format!("ecs/app/{TASK_RUNNING}");
    FakeLogs::write(&store, "/ecs/web", &stream, now - 60_000, "GET /health 200");
    FakeLogs::write(
        &store,
        "/ecs/web",
        "ecs/app/other",
        now - 50_000,
        "not this task",
    );
    let adapters = with_ecs(shop()).with_logs(logs);
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 100, 24);
    h.keys(":ecs<Enter>/shop<Enter>t/0f1e<Enter>L").await;
    let screen = h.screen();
    assert!(screen.contains("GET /health 200"), "{screen}");
    assert!(!screen.contains("not this task"), "{screen}");
    assert!(screen.contains("proxy logs with splunk"), "{screen}");
}

#[tokio::test]
async fn clusters_across_two_profiles_at_160_columns() {
    let prod = FakeEcs::default().cluster(FakeCluster {
        cluster: Cluster {
            arn: "arn:aws:ecs:eu-west-1:222222222222:cluster/shop".into(),
            ..cluster("shop", 4, 12, 0)
        },
        ..FakeCluster::default()
    });
    let fakes = FakeContexts::default()
        .ecs("dev", shop())
        .ecs("prod", prod)
        .failing(
            "sso-admin",
            AwsError::new(ErrorKind::SsoLogin, "the SSO session has expired"),
        );
    let adapters = adapters(FakeSts::default().with("dev", ACCOUNT, "user/alice").with(
        "prod",
        "222222222222",
        "assumed-role/ops/awsterm",
    ))
    .with_contexts(fakes);
    let mut h = Harness::sized(options(two_profiles(), "dev"), adapters, 160, 24);
    h.keys(":ecs @profiles *<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("ECS clusters · @profiles * · 3 contexts · 2 answered · 1 failed"),
        "{screen}"
    );
    assert!(screen.contains("222222222222"), "{screen}");
    assert!(screen.contains("✗ the SSO session has expired"), "{screen}");
    insta::assert_snapshot!("ecs_clusters_across_profiles_at_160_columns", screen);
    // Enter on prod's row lists prod's services, in prod's context.
    h.keys("/prod<Enter>").await;
    h.keys("<Enter>").await;
    assert!(
        h.screen()
            .contains("shop · prod · 222222222222 · eu-west-1"),
        "{}",
        h.screen()
    );
}

/// DescribeClusters gave a failure for one cluster (deleted since ListClusters): its row says
/// `?` where its state would be, the reason where there is room, and Enter still lists its
/// services while saying why the row has no state.
#[tokio::test]
async fn a_cluster_describe_clusters_did_not_describe_says_why() {
    let ecs = shop().cluster(FakeCluster {
        cluster: Cluster {
            state: Filled::Failed("MISSING".into()),
            ..Cluster::listed(&cluster_arn("gone"))
        },
        ..FakeCluster::default()
    });
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_ecs(ecs), 120, 24);
    h.keys(":ecs<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("ECS clusters [3]"), "{screen}");
    let gone = row(&screen, "gone");
    assert!(gone.contains("? MISSING"), "{screen}");
    assert_eq!(gone.matches('?').count(), 6, "{gone}");
    assert!(row(&screen, "shop").contains("ACTIVE"), "{screen}");
    h.keys("/gone<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Services"), "{screen}");
    assert!(
        screen.contains("cluster gone was not described: MISSING"),
        "{screen}"
    );
}
