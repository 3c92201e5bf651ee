//! ECS: a shop cluster with a web service (two containers logging to CloudWatch through
//! awslogs), its running tasks, one task stopped with a reason, and a batch cluster with a
//! worker service. The tasks' log streams get a few lines, so `L` shows something.

use super::{Scale, SeedResult, Target, hostile, now_millis};
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use aws_sdk_ecs::types::{ContainerDefinition, LaunchType, LogConfiguration, LogDriver};

/// The web task definition's log group in `env`.
pub fn web_group(env: &str) -> String {
    format!("/ecs/{env}-web")
}

fn container(name: &str, image: &str, group: &str, region: &str) -> ContainerDefinition {
    ContainerDefinition::builder()
        .name(name)
        .image(image)
        .memory(512)
        .essential(name != "proxy")
        .log_configuration(
            LogConfiguration::builder()
                .log_driver(LogDriver::Awslogs)
                .options("awslogs-group", group)
                .options("awslogs-region", region)
                .options("awslogs-stream-prefix", "ecs")
                .build()
                .expect("log driver set"),
        )
        .build()
}

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let ecs = aws_sdk_ecs::Client::new(t.sdk);
    let logs = aws_sdk_cloudwatchlogs::Client::new(t.sdk);
    let region = t.region();
    let shop = format!("{}-shop", t.env);
    ecs.create_cluster()
        .cluster_name(&shop)
        .capacity_providers("FARGATE")
        .capacity_providers("FARGATE_SPOT")
        .send()
        .await
        .map_err(|e| format!("create cluster: {e}"))?;
    let group = web_group(t.env);
    logs.create_log_group()
        .log_group_name(&group)
        .send()
        .await
        .map_err(|e| format!("create {group}: {e}"))?;
    let web = ecs
        .register_task_definition()
        .family(format!("{}-web", t.env))
        .container_definitions(container(
            "app",
            "public.ecr.aws/acme/shop-web:1.42.0",
            &group,
            &region,
        ))
        .container_definitions(container(
            "proxy",
            "public.ecr.aws/nginx/nginx:1.27",
            &group,
            &region,
        ))
        .send()
        .await
        .map_err(|e| format!("register web: {e}"))?;
    let web_arn = web
        .task_definition()
        .and_then(|d| d.task_definition_arn())
        .unwrap_or_default()
        .to_string();
    ecs.create_service()
        .cluster(&shop)
        .service_name("web")
        .task_definition(&web_arn)
        .desired_count(2)
        .launch_type(LaunchType::Fargate)
        .enable_execute_command(true)
        .send()
        .await
        .map_err(|e| format!("create service web: {e}"))?;
    // The emulator starts a service with nothing running; a desired count set afterwards
    // counts as running, as a settled service would.
    ecs.update_service()
        .cluster(&shop)
        .service("web")
        .desired_count(2)
        .send()
        .await
        .map_err(|e| format!("settle web: {e}"))?;
    let mut tasks = 0;
    let runs = if t.scale == Scale::Demo { 3 } else { 2 };
    let mut ids = Vec::new();
    for _ in 0..runs {
        let out = ecs
            .run_task()
            .cluster(&shop)
            .task_definition(&web_arn)
            .launch_type(LaunchType::Fargate)
            .group("service:web")
            .enable_execute_command(true)
            .started_by("ecs-svc/demo")
            .send()
            .await
            .map_err(|e| format!("run task: {}", aws_sdk_ecs::error::DisplayErrorContext(&e)))?;
        for task in out.tasks() {
            ids.push(task.task_arn().unwrap_or_default().to_string());
            tasks += 1;
        }
    }
    // One task stopped the way a crash-looping deploy stops them.
    if let Some(last) = ids.last() {
        ecs.stop_task()
            .cluster(&shop)
            .task(last)
            .reason(format!(
                "Essential container in task exited: OutOfMemoryError {}",
                hostile::RED
            ))
            .send()
            .await
            .map_err(|e| format!("stop task: {e}"))?;
    }
    for arn in &ids {
        let id = arn.rsplit('/').next().unwrap_or(arn);
        let stream = format!("ecs/app/{id}");
        logs.create_log_stream()
            .log_group_name(&group)
            .log_stream_name(&stream)
            .send()
            .await
            .map_err(|e| format!("create stream: {e}"))?;
        let start = now_millis() - 120_000;
        let events: Vec<InputLogEvent> = [
            "listening on :8080",
            "GET /health 200 2ms",
            "GET /api/cart 200 41ms",
            "POST /api/checkout 201 188ms",
        ]
        .iter()
        .enumerate()
        .map(|(i, line)| {
            InputLogEvent::builder()
                .timestamp(start + i as i64 * 20_000)
                .message(*line)
                .build()
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
        logs.put_log_events()
            .log_group_name(&group)
            .log_stream_name(&stream)
            .set_log_events(Some(events))
            .send()
            .await
            .map_err(|e| format!("put events: {e}"))?;
    }
    if t.scale == Scale::Demo {
        let batch = format!("{}-batch", t.env);
        ecs.create_cluster()
            .cluster_name(&batch)
            .send()
            .await
            .map_err(|e| format!("create batch cluster: {e}"))?;
        let worker = ecs
            .register_task_definition()
            .family(format!("{}-worker", t.env))
            .container_definitions(
                ContainerDefinition::builder()
                    .name("worker")
                    .image("public.ecr.aws/acme/worker:7.3.1")
                    .memory(1024)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| format!("register worker: {e}"))?;
        let worker_arn = worker
            .task_definition()
            .and_then(|d| d.task_definition_arn())
            .unwrap_or_default()
            .to_string();
        ecs.create_service()
            .cluster(&batch)
            .service_name("queue-worker")
            .task_definition(&worker_arn)
            .desired_count(3)
            .launch_type(LaunchType::Fargate)
            .send()
            .await
            .map_err(|e| format!("create service queue-worker: {e}"))?;
    }
    Ok(tasks)
}
