//! `:ecs` — ECS clusters: status, active services, running and pending tasks, container
//! instances, capacity providers. Each page is one ListClusters page described in one call.
//! Enter lists the cluster's services, `t` its tasks, each a drill-down pinned to the row's
//! context (`panes/ecs/`).

use super::{At, Kind};
use crate::aws::ecs::Cluster;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, PaneCx};
use crate::panes::ecs;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Clusters;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("STATUS", Constraint::Length(8)).priority(7),
    Column::new("SERVICES", Constraint::Length(8)).priority(8),
    Column::new("RUNNING", Constraint::Length(7)).priority(8),
    Column::new("PENDING", Constraint::Length(7)).priority(6),
    Column::new("INSTANCES", Constraint::Length(9)).priority(4),
    Column::new("CAPACITY PROVIDERS", Constraint::Fill(1)).priority(2),
];

impl TableRow for Cluster {
    fn cells(&self) -> Vec<CellText> {
        let status = match self.status.as_str() {
            "ACTIVE" => CellText::plain(self.status.clone()),
            "PROVISIONING" | "DEPROVISIONING" => {
                CellText::styled(self.status.clone(), "state.pending")
            }
            _ => CellText::styled(self.status.clone(), "state.stopped"),
        };
        let pending = if self.pending > 0 {
            CellText::styled(self.pending.to_string(), "state.pending")
        } else {
            CellText::plain("0")
        };
        vec![
            CellText::plain(self.name.clone()),
            status,
            CellText::plain(self.services.to_string()),
            CellText::plain(self.running.to_string()),
            pending,
            CellText::plain(self.instances.to_string()),
            CellText::plain(if self.capacity_providers.is_empty() {
                "—".to_string()
            } else {
                self.capacity_providers.join(", ")
            }),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.services.into()),
            3 => SortKey::Number(self.running.into()),
            4 => SortKey::Number(self.pending.into()),
            5 => SortKey::Number(self.instances.into()),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {}",
            self.name,
            self.status,
            self.capacity_providers.join(" ")
        ))
    }
}

impl Kind for Clusters {
    type Row = Cluster;

    fn label(&self) -> &'static str {
        "ECS clusters"
    }

    fn noun(&self) -> &'static str {
        "cluster"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ecs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::EcsTasks,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| adapters.ecs.clusters_page(ctx, token))
    }

    fn is_transitional(&self, row: &Cluster) -> bool {
        matches!(row.status.as_str(), "PROVISIONING" | "DEPROVISIONING")
    }

    fn details(&self, at: &At, row: &Cluster) -> Effect {
        ecs::services::open(at, &row.arn, &row.name)
    }

    fn arn(&self, _at: &At, row: &Cluster) -> Result<String, String> {
        Ok(row.arn.clone())
    }

    fn commands(&self) -> &'static [CommandId] {
        &[CommandId::EcsTasks]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Cluster],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        if command != CommandId::EcsTasks {
            return None;
        }
        let [row] = rows else {
            return Some(vec![ecs::one_at_a_time("cluster")]);
        };
        Some(vec![ecs::tasks::open(at, &row.arn, &row.name, None)])
    }
}
