//! `L` on a task: its containers' logs in the existing tail. Where a container logs comes from
//! its task definition's `logConfiguration` (awslogs: group, region, stream prefix, the stream
//! being `prefix/container/task-id`), so the view asks for the definition first and opens the
//! tail on its answer: every awslogs container of the task together, in the logs' region,
//! from a little before the task was created (a stopped task's last words included).

use crate::aws::ContextKey;
use crate::aws::ecs::{Task, TaskDefinition};
use crate::pane::{Effect, Level};
use crate::panes::logs::{TailPane, TailSource};
use crate::protocol::ecs::EcsOp;
use crate::protocol::{Op, Owner, Request};

/// Seconds of log before the task was created that the tail shows too (clock skew).
const LEAD_MS: i64 = 5_000;

/// The request for the task's definition (slot `logs`: a newer `L` replaces a waiting one).
pub fn request(owner: Owner, ctx: &ContextKey, task: &Task) -> Effect {
    Effect::Request(
        Request::new(
            owner,
            Op::Ecs(EcsOp::TaskDefinition {
                ctx: ctx.clone(),
                task: task.arn.clone(),
                definition: task.task_definition.clone(),
            }),
        )
        .in_slot("logs"),
    )
}

/// Where the tail goes: the region and one source per awslogs container; and what is left out.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub region: String,
    pub sources: Vec<TailSource>,
    pub skipped: Vec<String>,
}

/// The tail of `task`'s containers as `definition` configures their logs, or why none.
pub fn plan(ctx: &ContextKey, task: &Task, definition: &TaskDefinition) -> Result<Plan, String> {
    let mut region: Option<String> = None;
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    for c in &definition.containers {
        let Some(logs) = &c.awslogs else {
            skipped.push(match &c.log_driver {
                Some(driver) => format!("{} logs with {driver}", c.name),
                None => format!("{} has no log configuration", c.name),
            });
            continue;
        };
        let at = logs.region.clone().unwrap_or_else(|| ctx.region.clone());
        if region.get_or_insert_with(|| at.clone()) != &at {
            skipped.push(format!("{} logs to {at}", c.name));
            continue;
        }
        // Without a prefix the stream is named by the Docker id: the whole group then.
        let stream = logs.stream_of(&c.name, task.id());
        // Containers that log to one group are one source: the group read once, with each
        // container's stream (or all of them, if one container needs the whole group).
        match sources
            .iter_mut()
            .find(|s: &&mut TailSource| s.group == logs.group)
        {
            Some(same) => match stream {
                Some(stream) if !same.streams.is_empty() => same.streams.push(stream),
                _ => same.streams.clear(),
            },
            None => sources.push(TailSource {
                group: logs.group.clone(),
                streams: stream.into_iter().collect(),
                arn: None,
            }),
        }
    }
    match region {
        Some(region) => Ok(Plan {
            region,
            sources,
            skipped,
        }),
        None => Err(format!(
            "no container of task {} logs to CloudWatch (awslogs): {}",
            task.id(),
            skipped.join("; ")
        )),
    }
}

/// The tail opened on the definition's answer.
pub fn open(ctx: &ContextKey, task: &Task, definition: &TaskDefinition) -> Vec<Effect> {
    let plan = match plan(ctx, task, definition) {
        Ok(plan) => plan,
        Err(why) => return vec![Effect::Flash(Level::Warn, why)],
    };
    let mut effects = Vec::new();
    if !plan.skipped.is_empty() {
        effects.push(Effect::Flash(
            Level::Info,
            format!("not tailed: {}", plan.skipped.join("; ")),
        ));
    }
    let tail_ctx = ContextKey {
        profile: ctx.profile.clone(),
        region: plan.region,
    };
    let start = task.created.map(|s| s * 1000 - LEAD_MS);
    let sources = plan.sources;
    effects.push(Effect::Push(Box::new(move |id| {
        Box::new(TailPane::new(id, tail_ctx, sources, start))
    })));
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ecs::{AwsLogs, ContainerDefinition};

    fn container(name: &str, logs: Option<(&str, Option<&str>)>) -> ContainerDefinition {
        ContainerDefinition {
            name: name.into(),
            log_driver: logs.map(|_| "awslogs".into()),
            awslogs: logs.map(|(group, region)| AwsLogs {
                group: group.into(),
                region: region.map(Into::into),
                stream_prefix: Some("ecs".into()),
            }),
            ..ContainerDefinition::default()
        }
    }

    #[test]
    fn each_awslogs_container_is_one_stream_in_the_logs_region() {
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let task = Task {
            arn: "arn:aws:ecs:eu-west-1:1:task/shop/abc123".into(),
            ..Task::default()
        };
        let def = TaskDefinition {
            arn: "web:3".into(),
            containers: vec![
                container("app", Some(("/ecs/web", Some("eu-central-1")))),
                container("proxy", Some(("/ecs/proxy", Some("eu-central-1")))),
                container("xray", Some(("/ecs/xray", None))),
                container("init", None),
            ],
        };
        let plan = plan(&ctx, &task, &def).unwrap();
        assert_eq!(plan.region, "eu-central-1");
        assert_eq!(
            plan.sources
                .iter()
                .map(|s| (s.group.as_str(), s.streams.clone()))
                .collect::<Vec<_>>(),
            [
                ("/ecs/web", vec!["ecs/app/abc123".to_string()]),
                ("/ecs/proxy", vec!["ecs/proxy/abc123".to_string()]),
            ]
        );
        assert_eq!(
            plan.skipped,
            ["xray logs to eu-west-1", "init has no log configuration"]
        );
        let none = TaskDefinition {
            arn: "x".into(),
            containers: vec![container("init", None)],
        };
        let why = super::plan(&ctx, &task, &none).unwrap_err();
        assert!(why.contains("no container of task abc123"), "{why}");
    }

    /// Two containers logging to one group (the demo's `dev-web`): one source, both streams,
    /// so the group is read once and named once.
    #[test]
    fn containers_of_one_group_are_one_source() {
        let ctx = ContextKey {
            profile: None,
            region: "eu-west-1".into(),
        };
        let task = Task {
            arn: "arn:aws:ecs:eu-west-1:1:task/shop/abc123".into(),
            ..Task::default()
        };
        let def = TaskDefinition {
            arn: "web:3".into(),
            containers: vec![
                container("app", Some(("dev-web", None))),
                container("proxy", Some(("dev-web", None))),
            ],
        };
        let plan = plan(&ctx, &task, &def).unwrap();
        assert_eq!(plan.sources.len(), 1);
        assert_eq!(plan.sources[0].group, "dev-web");
        assert_eq!(
            plan.sources[0].streams,
            ["ecs/app/abc123", "ecs/proxy/abc123"]
        );
    }
}
