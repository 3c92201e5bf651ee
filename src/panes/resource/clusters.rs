//! `:ecs` — ECS clusters: status, active services, running and pending tasks, container
//! instances, capacity providers. A ListClusters page names its clusters in their ARNs, so
//! the rows show at once; DescribeClusters (100 ARNs a call) fills in the rest after, as the
//! engine's follow-up (`filled.rs`): `…` until it answers, `?` where it did not describe a
//! cluster (the CAPACITY PROVIDERS column and Enter say why). Enter lists the cluster's
//! services, `t` its tasks — each a drill-down pinned to the row's context (`panes/ecs/`)
//! that needs only the ARN, so a row still waiting opens as well as any.

use super::filled::{self, FilledLater};
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::ecs::{Cluster, ClusterState};
use crate::aws::filled::Filled;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, PaneCx};
use crate::panes::ecs;
use crate::protocol::fill::{FillOp, FillOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
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

impl FilledLater for Cluster {
    type Value = ClusterState;

    fn fill_key(&self) -> &str {
        &self.arn
    }

    fn is_pending(&self) -> bool {
        self.state.is_pending()
    }

    fn fill(&mut self, answer: Result<ClusterState, String>) {
        self.state = Filled::from_answer(answer);
    }
}

fn described_cells(s: &ClusterState) -> Vec<CellText> {
    let status = match s.status.as_str() {
        "ACTIVE" => CellText::plain(s.status.clone()),
        "PROVISIONING" | "DEPROVISIONING" => CellText::styled(s.status.clone(), "state.pending"),
        _ => CellText::styled(s.status.clone(), "state.stopped"),
    };
    let pending = if s.pending > 0 {
        CellText::styled(s.pending.to_string(), "state.pending")
    } else {
        CellText::plain("0")
    };
    vec![
        status,
        CellText::plain(s.services.to_string()),
        CellText::plain(s.running.to_string()),
        pending,
        CellText::plain(s.instances.to_string()),
        CellText::plain(if s.capacity_providers.is_empty() {
            "—".to_string()
        } else {
            s.capacity_providers.join(", ")
        }),
    ]
}

/// A count to sort by; a cluster not described (yet) below every described one.
fn count_key(c: &Cluster, count: impl Fn(&ClusterState) -> i32) -> SortKey {
    SortKey::Number(c.state.got().map_or(-1, |s| count(s).into()))
}

impl TableRow for Cluster {
    fn cells(&self) -> Vec<CellText> {
        let mut cells = vec![CellText::plain(self.name.clone())];
        match &self.state {
            Filled::Got(s) => cells.extend(described_cells(s)),
            Filled::Pending => cells.extend((0..6).map(|_| filled::pending_cell())),
            Filled::Failed(why) => {
                cells.extend((0..5).map(|_| filled::failed_cell()));
                cells.push(CellText::styled(format!("? {why}"), "state.error"));
            }
        }
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => count_key(self, |s| s.services),
            3 => count_key(self, |s| s.running),
            4 => count_key(self, |s| s.pending),
            5 => count_key(self, |s| s.instances),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        match &self.state {
            Filled::Got(s) => Cow::Owned(format!(
                "{} {} {}",
                self.name,
                s.status,
                s.capacity_providers.join(" ")
            )),
            Filled::Failed(why) => Cow::Owned(format!("{} {why}", self.name)),
            Filled::Pending => Cow::Borrowed(&self.name),
        }
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
        row.is_changing()
    }

    /// Whether a cluster is changing is known once it is described.
    fn awaits_follow_up(&self, row: &Cluster) -> bool {
        row.is_pending()
    }

    /// DescribeClusters for the page's clusters still waiting: one call for a page of
    /// ListClusters' 100 (the runtime splits a longer list).
    fn follow_up(&self, ctx: &ContextKey, rows: &[Cluster]) -> Option<Op> {
        let arns = filled::pending_keys(rows)?;
        Some(Op::Fill(FillOp::ClusterStates {
            ctx: ctx.clone(),
            arns,
        }))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Cluster>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Fill(FillOutcome::ClusterStates { ctx, found }) = outcome else {
            return None;
        };
        filled::apply(listed, &ctx, found);
        Some(Vec::new())
    }

    fn details(&self, at: &At, row: &Cluster) -> Effect {
        ecs::services::open(at, &row.arn, &row.name)
    }

    /// The services, and why the row shows `?` when DescribeClusters did not describe it.
    fn open(&self, at: &At, row: &Cluster, _active: &ContextKey) -> Vec<Effect> {
        let mut effects = vec![self.details(at, row)];
        if let Filled::Failed(why) = &row.state {
            effects.push(Effect::Flash(
                Level::Warn,
                crate::sanitize::sanitize(&format!(
                    "cluster {} was not described: {why}",
                    row.name
                ))
                .into_owned(),
            ));
        }
        effects
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
