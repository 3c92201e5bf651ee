//! `c` on a task: `aws ecs execute-command … --interactive --command /bin/sh` on the real
//! terminal, run like the EC2 SSM connect (`Effect::Session`: refused where writes are, typed
//! out where the policy types writes, audited when it starts and ends), in the task's profile
//! and region. A task with one running container opens it; with several, a picker asks which
//! (`panes/picker.rs`: Enter applies the session this file makes, the picker knows nothing of
//! sessions).

use crate::audit::Mutation;
use crate::aws::ContextKey;
use crate::aws::ecs::{Container, Task, short_id};
use crate::pane::{Effect, ExternalCommand, Session};
use crate::panes::picker::{Picker, Wording};
use crate::ui::table::{CellText, Column, TableRow};
use ratatui::layout::Constraint;

/// The session into `container` of `task`.
pub fn execute_command(ctx: &ContextKey, cluster: &str, task: &Task, container: &str) -> Session {
    let cluster = short_id(cluster);
    let mut args: Vec<String> = [
        "ecs",
        "execute-command",
        "--cluster",
        cluster,
        "--task",
        task.id(),
        "--container",
        container,
        "--interactive",
        "--command",
        "/bin/sh",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    args.extend(["--region".to_string(), ctx.region.clone()]);
    if let Some(profile) = &ctx.profile {
        args.extend(["--profile".to_string(), profile.clone()]);
    }
    Session {
        command: ExternalCommand {
            program: "aws".into(),
            args,
            requires: vec!["session-manager-plugin".into()],
        },
        access: Mutation::new(
            ctx,
            "ecs",
            "execute-command",
            [
                format!("{cluster}/{}", task.id()),
                format!("container {container}"),
            ],
        ),
        confirmed: false,
    }
}

/// The session for `task` (`Effect::Session`), the picker when several containers run, or why
/// there can be none.
pub fn begin(ctx: &ContextKey, cluster: &str, task: &Task) -> Result<Effect, String> {
    let running = running(task)?;
    Ok(match running.as_slice() {
        [one] => Effect::Session(execute_command(ctx, cluster, task, &one.name)),
        _ => {
            let wording = Wording {
                title: format!("shell in task {}", task.id()),
                question: format!("Which container of task {}? Enter opens a shell", task.id()),
            };
            let rows = running.into_iter().map(ContainerRow).collect();
            let (ctx, cluster, of) = (ctx.clone(), cluster.to_string(), task.clone());
            Picker::open(
                wording,
                CONTAINER_COLUMNS,
                rows,
                move |row: &ContainerRow| {
                    Effect::Session(execute_command(&ctx, &cluster, &of, &row.0.name))
                },
            )
        }
    })
}

const CONTAINER_COLUMNS: &[Column] = &[
    Column::new("CONTAINER", Constraint::Length(24))
        .name()
        .priority(9),
    Column::new("HEALTH", Constraint::Length(9)).priority(6),
    Column::new("IMAGE", Constraint::Fill(1)).priority(5),
];

/// A running container offered by the picker.
struct ContainerRow(Container);

impl TableRow for ContainerRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.0.name.clone()),
            CellText::plain(self.0.health.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(self.0.image.clone()),
        ]
    }

    fn id(&self) -> String {
        self.0.name.clone()
    }
}

/// The task's running containers: at least one, or why a shell cannot start.
fn running(task: &Task) -> Result<Vec<Container>, String> {
    if task.last_status != "RUNNING" {
        return Err(format!(
            "task {} is {}: a shell needs a running task",
            task.id(),
            task.last_status
        ));
    }
    if !task.exec_enabled {
        return Err(format!(
            "execute command is off for task {}: turn on enableExecuteCommand on its service \
             (or run-task) and start new tasks",
            task.id()
        ));
    }
    let running: Vec<_> = task
        .containers
        .iter()
        .filter(|c| c.last_status == "RUNNING")
        .cloned()
        .collect();
    if running.is_empty() {
        return Err(format!("task {} has no running container", task.id()));
    }
    Ok(running)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(exec: bool) -> Task {
        Task {
            arn: "arn:aws:ecs:eu-west-1:1:task/shop/0f1e2d3c".into(),
            last_status: "RUNNING".into(),
            desired_status: "RUNNING".into(),
            exec_enabled: exec,
            containers: vec![
                Container {
                    name: "init".into(),
                    last_status: "STOPPED".into(),
                    ..Container::default()
                },
                Container {
                    name: "app".into(),
                    last_status: "RUNNING".into(),
                    ..Container::default()
                },
            ],
            ..Task::default()
        }
    }

    #[test]
    fn execute_command_runs_in_the_task_s_profile_and_region() {
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let Effect::Session(s) =
            begin(&ctx, "arn:aws:ecs:eu-west-1:1:cluster/shop", &task(true)).unwrap()
        else {
            panic!("one running container: the session at once");
        };
        assert_eq!(
            s.command.display(),
            "aws ecs execute-command --cluster shop --task 0f1e2d3c --container app \
             --interactive --command /bin/sh --region eu-west-1 --profile prod"
        );
        assert_eq!(s.command.requires, ["session-manager-plugin"]);
        assert_eq!(
            s.access,
            Mutation::new(
                &ctx,
                "ecs",
                "execute-command",
                ["shop/0f1e2d3c".to_string(), "container app".to_string()]
            )
        );
        assert!(!s.confirmed);
        let default_chain = ContextKey {
            profile: None,
            region: "us-east-1".into(),
        };
        let Effect::Session(s) = begin(&default_chain, "shop", &task(true)).unwrap() else {
            panic!("one running container: the session at once");
        };
        assert!(s.command.display().ends_with("--region us-east-1"));
    }

    #[test]
    fn several_running_containers_are_asked_about() {
        let ctx = ContextKey {
            profile: None,
            region: "us-east-1".into(),
        };
        let mut two = task(true);
        two.containers[0].last_status = "RUNNING".into();
        assert!(matches!(
            begin(&ctx, "shop", &two).unwrap(),
            Effect::Push(_)
        ));
    }

    #[test]
    fn a_task_without_execute_command_or_not_running_says_why() {
        let ctx = ContextKey {
            profile: None,
            region: "us-east-1".into(),
        };
        let off = begin(&ctx, "shop", &task(false)).unwrap_err();
        assert!(off.contains("enableExecuteCommand"), "{off}");
        let mut stopped = task(true);
        stopped.last_status = "STOPPED".into();
        assert!(
            begin(&ctx, "shop", &stopped)
                .unwrap_err()
                .contains("is STOPPED")
        );
    }
}
