//! A cluster's (or one service's) tasks, an engine kind pinned to the cluster's context:
//! running ones by default, `T` for the stopped ones with why they stopped (ListTasks takes
//! one desired status a call). Tasks between states are listed again with the engine's
//! backoff. Enter: the task's containers with exit codes; `L` tails its logs; `c` a shell.

use super::{exec, logs};
use crate::aws::ecs::{Task, family_revision};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, PaneCx};
use crate::panes::resource::{At, Kind, Listed, ResourceView};
use crate::protocol::ecs::EcsOutcome;
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Outcome, Owner};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// Characters of the task id the TASK column shows (copy gives it whole).
const SHORT_ID: usize = 12;
/// What a stopped task's reason keeps at least ("Essential container in task exited" whole).
const REASON_WIDTH: u16 = 36;

/// A task with the time it was listed (for its ages).
pub struct Row {
    pub task: Task,
    now: i64,
}

/// The last status, with the desired one while they differ (`DEPROVISIONING → STOPPED`, in
/// the pending style): the same words as the task's document.
fn status_text(t: &Task) -> String {
    t.status_words()
}

fn status_cell(t: &Task) -> CellText {
    let role = match t.last_status.as_str() {
        "RUNNING" if t.desired_status == "RUNNING" => None,
        "STOPPED" => Some("state.stopped"),
        _ => Some("state.pending"),
    };
    match role {
        Some(role) => CellText::styled(status_text(t), role),
        None => CellText::plain(status_text(t)),
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let t = &self.task;
        let age = |at: Option<i64>| {
            at.map(|s| crate::ui::format::age(s, self.now))
                .unwrap_or_else(|| "—".into())
        };
        let reason = match (&t.stop_code, &t.stopped_reason) {
            (_, Some(reason)) => CellText::styled(reason.clone(), "state.error"),
            (Some(code), None) => CellText::plain(code.clone()),
            (None, None) => CellText::plain("—"),
        };
        let health = t.health.clone().unwrap_or_else(|| "—".into());
        vec![
            CellText::plain(t.id().chars().take(SHORT_ID).collect::<String>()),
            status_cell(t),
            CellText::plain(age(t.started)),
            CellText::plain(age(t.stopped)),
            reason,
            CellText::plain(t.containers_summary()),
            CellText::plain(family_revision(&t.task_definition).to_string()),
            if health == "UNHEALTHY" {
                CellText::styled(health, "state.error")
            } else {
                CellText::plain(health)
            },
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let t = &self.task;
        match column {
            // Newest first when sorted ascending by age.
            2 => SortKey::Number(-t.started.unwrap_or(0)),
            3 => SortKey::Number(-t.stopped.unwrap_or(0)),
            _ => crate::panes::resource::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.task.id().to_string()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let t = &self.task;
        Cow::Owned(format!(
            "{} {} {} {} {}",
            t.id(),
            t.last_status,
            t.stopped_reason.as_deref().unwrap_or_default(),
            family_revision(&t.task_definition),
            t.containers
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ))
    }
}

/// The tasks of one cluster, or of one service in it.
pub struct TasksIn {
    pub cluster_arn: String,
    pub cluster: String,
    pub service: Option<String>,
    /// Stopped tasks instead of running ones.
    pub stopped: bool,
    pub place: Option<String>,
}

/// The tasks of a cluster (`service`: of that service), in `at`'s context.
pub fn open(at: &At, cluster_arn: &str, cluster: &str, service: Option<&str>) -> Effect {
    let kind = TasksIn {
        cluster_arn: cluster_arn.to_string(),
        cluster: cluster.to_string(),
        service: service.map(str::to_owned),
        stopped: false,
        place: at.wide.then(|| at.place()),
    };
    let ctx = at.ctx.clone();
    Effect::Push(Box::new(move |id| {
        Box::new(ResourceView::in_context(id, kind, ctx))
    }))
}

impl Kind for TasksIn {
    type Row = Row;

    fn label(&self) -> &'static str {
        "Tasks"
    }

    fn noun(&self) -> &'static str {
        "task"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ecs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::ShowStopped,
            CommandId::TaskLogs,
            CommandId::EcsExec,
            CommandId::Filter,
            CommandId::Help,
        ]
    }

    /// Why tasks stopped is what a list of stopped tasks is for: it ranks right after the id
    /// there (their status says STOPPED on every row); beside running ones the STOPPED
    /// columns are empty and give way first.
    fn columns(&self) -> Vec<Column> {
        // TASK, STATUS, STARTED, STOPPED, STOPPED REASON, CONTAINERS, TASK DEF, HEALTH
        let p = if self.stopped {
            [9, 4, 2, 7, 8, 6, 5, 1]
        } else {
            [9, 8, 6, 1, 1, 7, 5, 4]
        };
        vec![
            Column::new("TASK", Constraint::Length(SHORT_ID as u16))
                .name()
                .priority(p[0]),
            // `DEPROVISIONING → STOPPED` whole among stopped tasks; `PENDING → RUNNING`
            // beside running ones, where HEALTH keeps its room at 80 columns.
            Column::new(
                "STATUS",
                Constraint::Length(if self.stopped { 24 } else { 17 }),
            )
            .priority(p[1]),
            Column::new("STARTED", Constraint::Length(7)).priority(p[2]),
            Column::new("STOPPED", Constraint::Length(7)).priority(p[3]),
            // Among stopped tasks the reason keeps room for a sentence: lesser columns go first.
            Column::new(
                "STOPPED REASON",
                if self.stopped {
                    Constraint::Min(REASON_WIDTH)
                } else {
                    Constraint::Fill(2)
                },
            )
            .priority(p[4]),
            Column::new("CONTAINERS", Constraint::Length(11)).priority(p[5]),
            Column::new("TASK DEF", Constraint::Fill(1)).priority(p[6]),
            Column::new("HEALTH", Constraint::Length(9)).priority(p[7]),
        ]
    }

    fn page(&self) -> PageFn {
        let (cluster, service, stopped) =
            (self.cluster_arn.clone(), self.service.clone(), self.stopped);
        page_fn(move |adapters, ctx, token| {
            let listing =
                adapters
                    .ecs
                    .tasks_page(ctx, cluster.clone(), service.clone(), stopped, token);
            Box::pin(async move {
                let page = listing.await?;
                let now = crate::clock::now_secs();
                Ok(page.map(|task| Row { task, now }))
            })
        })
    }

    fn title_note(&self) -> Option<String> {
        let mut note = self.cluster.clone();
        if let Some(service) = &self.service {
            note.push_str(&format!(" › {service}"));
        }
        note.push_str(if self.stopped {
            " · stopped"
        } else {
            " · running"
        });
        if let Some(place) = &self.place {
            note.push_str(&format!(" · {place}"));
        }
        Some(note)
    }

    fn reconfigure(
        &mut self,
        command: CommandId,
        _arg: Option<&str>,
    ) -> Option<Result<(), String>> {
        (command == CommandId::ShowStopped).then(|| {
            self.stopped = !self.stopped;
            Ok(())
        })
    }

    fn is_transitional(&self, row: &Row) -> bool {
        row.task.is_transitional()
    }

    fn copy(&self, row: &Row) -> String {
        row.task.id().to_string()
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        super::task::open(at, &row.task)
    }

    fn arn(&self, _at: &At, row: &Row) -> Result<String, String> {
        Ok(row.task.arn.clone())
    }

    fn commands(&self) -> &'static [CommandId] {
        &[CommandId::TaskLogs, CommandId::EcsExec]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Row],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        if !self.commands().contains(&command) {
            return None;
        }
        let [row] = rows else {
            return Some(vec![super::one_at_a_time("task")]);
        };
        Some(match command {
            CommandId::TaskLogs => vec![logs::request(at.owner, at.ctx, &row.task)],
            _ => match exec::begin(at.ctx, &self.cluster_arn, &row.task) {
                Ok(effect) => vec![effect],
                Err(why) => vec![Effect::Flash(Level::Warn, why)],
            },
        })
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Ecs(EcsOutcome::TaskDefinition { ctx, task, result }) = outcome else {
            return None;
        };
        let definition = match result {
            Ok(d) => d,
            Err(e) => {
                return Some(vec![Effect::Flash(
                    Level::Error,
                    format!("task definition: {}", e.summary()),
                )]);
            }
        };
        let found = listed
            .rows()
            .find(|(c, r)| **c == ctx && r.task.arn == task)
            .map(|(_, r)| r.task.clone());
        Some(match found {
            Some(task) => logs::open(&ctx, &task, &definition),
            None => vec![Effect::Flash(
                Level::Warn,
                "the task is no longer listed here".into(),
            )],
        })
    }
}
