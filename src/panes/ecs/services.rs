//! A cluster's services, an engine kind pinned to the cluster's context: desired, running and
//! pending counts (a service running fewer than it wants reads in the pending style), its
//! deployments (`2 rolling` while one replaces another), task definition and launch type.
//! A deploying service is between states, so the engine lists again with its backoff until
//! the rollout settles — what a scale or force-deploy from here is followed by.

use super::actions;
use crate::aws::ecs::{Service, family_revision};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, PaneCx};
use crate::panes::resource::{At, Kind, Listed, ResourceView};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Outcome, Owner};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("STATUS", Constraint::Length(8)).priority(4),
    Column::new("DESIRED", Constraint::Length(7)).priority(8),
    Column::new("RUNNING", Constraint::Length(7)).priority(8),
    Column::new("PENDING", Constraint::Length(7)).priority(6),
    Column::new("DEPLOYMENTS", Constraint::Length(14)).priority(7),
    Column::new("TASK DEF", Constraint::Fill(1)).priority(5),
    Column::new("LAUNCH TYPE", Constraint::Length(11)).priority(3),
];

/// What the DEPLOYMENTS column says: how many, and whether a rollout is on.
pub fn deployments_text(s: &Service) -> String {
    let n = s.deployments.len();
    if n > 1 {
        return format!("{n} rolling");
    }
    match s
        .deployments
        .first()
        .and_then(|d| d.rollout_state.as_deref())
    {
        Some("IN_PROGRESS") => format!("{n} in progress"),
        Some("FAILED") => format!("{n} failed"),
        _ => n.to_string(),
    }
}

impl TableRow for Service {
    fn cells(&self) -> Vec<CellText> {
        let short = self.is_short();
        let cell = |text: String| {
            if short {
                CellText::styled(text, "state.pending")
            } else {
                CellText::plain(text)
            }
        };
        let deployments = deployments_text(self);
        vec![
            cell(self.name.clone()),
            cell(self.status.clone()),
            cell(self.desired.to_string()),
            cell(self.running.to_string()),
            cell(self.pending.to_string()),
            if deployments.ends_with("failed") {
                CellText::styled(deployments, "state.error")
            } else {
                cell(deployments)
            },
            cell(family_revision(&self.task_definition).to_string()),
            cell(self.launch_type.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.desired.into()),
            3 => SortKey::Number(self.running.into()),
            4 => SortKey::Number(self.pending.into()),
            _ => crate::panes::resource::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.name,
            self.status,
            family_revision(&self.task_definition),
            self.launch_type
        ))
    }
}

/// The services of one cluster.
pub struct ServicesIn {
    pub cluster_arn: String,
    pub cluster: String,
    /// Where it was opened from, when that was a view of several contexts (the title says).
    pub place: Option<String>,
}

/// Enter on a cluster: its services, in the cluster's context.
pub fn open(at: &At, cluster_arn: &str, cluster: &str) -> Effect {
    let kind = ServicesIn {
        cluster_arn: cluster_arn.to_string(),
        cluster: cluster.to_string(),
        place: at.wide.then(|| at.place()),
    };
    let ctx = at.ctx.clone();
    Effect::Push(Box::new(move |id| {
        Box::new(ResourceView::in_context(id, kind, ctx))
    }))
}

impl Kind for ServicesIn {
    type Row = Service;

    fn label(&self) -> &'static str {
        "Services"
    }

    fn noun(&self) -> &'static str {
        "service"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ecs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::EcsTasks,
            CommandId::ScaleService,
            CommandId::ForceDeploy,
            CommandId::Filter,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        let cluster = self.cluster_arn.clone();
        page_fn(move |adapters, ctx, token| adapters.ecs.services_page(ctx, cluster.clone(), token))
    }

    fn title_note(&self) -> Option<String> {
        Some(match &self.place {
            Some(place) => format!("{} · {place}", self.cluster),
            None => self.cluster.clone(),
        })
    }

    fn is_transitional(&self, row: &Service) -> bool {
        row.is_settling()
    }

    fn details(&self, at: &At, row: &Service) -> Effect {
        super::service::open(at, &self.cluster_arn, row)
    }

    fn arn(&self, _at: &At, row: &Service) -> Result<String, String> {
        Ok(row.arn.clone())
    }

    fn commands(&self) -> &'static [CommandId] {
        &[
            CommandId::EcsTasks,
            CommandId::ScaleService,
            CommandId::ForceDeploy,
        ]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Service],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        if !self.commands().contains(&command) {
            return None;
        }
        let [row] = rows else {
            return Some(vec![super::one_at_a_time("service")]);
        };
        Some(match command {
            CommandId::EcsTasks => vec![super::tasks::open(
                at,
                &self.cluster_arn,
                &self.cluster,
                Some(&row.name),
            )],
            _ => actions::begin(
                command,
                at.owner,
                at.ctx,
                &self.cluster_arn,
                row,
                &at.place(),
            ),
        })
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Service>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Ecs(outcome) = outcome else {
            return None;
        };
        let (ctx, effects) = actions::report(&outcome)?;
        // The service is changing now: list again, backing off from the start, until it settles.
        listed.relist(&ctx);
        listed.poll(true);
        Some(effects)
    }
}
