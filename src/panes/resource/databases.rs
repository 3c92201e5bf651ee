//! `:rds` — DB instances and clusters on the engine, in the active context or many: status that
//! says itself, polling while anything is changing, start/stop/reboot/failover after a
//! confirmation listing them (naming their context in a view of several), snapshots, and
//! copying the endpoint or a connection string — always in the row's context.

use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::page::Page;
use crate::aws::rds::{Action, Database};
use crate::command::{CommandId, Scope};
use crate::pane::PaneCx;
use crate::pane::{Effect, Level};
use crate::panes::document::DocumentView;
use crate::panes::fleet::{self, Target};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::rds::{RdsOp, RdsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use futures::FutureExt;
use ratatui::layout::Constraint;
use std::time::Duration;

/// Most important first: on a narrow terminal the last columns give way.
pub const COLUMNS: &[Column] = &[
    Column::new("IDENTIFIER", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("KIND", Constraint::Length(8)).priority(7),
    Column::new("STATUS", Constraint::Length(14)).priority(8),
    Column::new("ENGINE", Constraint::Length(20)).priority(5),
    Column::new("ENDPOINT", Constraint::Fill(1)).priority(4),
    Column::new("CLASS", Constraint::Length(14)).priority(3),
    Column::new("MULTI-AZ", Constraint::Length(8)).priority(2),
    Column::new("STORAGE", Constraint::Length(8)).priority(1),
];

impl TableRow for Database {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.id.clone()),
            CellText::plain(self.kind().label()),
            fleet::state_cell(&self.status, self.is_transitional()),
            CellText::plain(format!("{} {}", self.engine, self.engine_version)),
            CellText::plain(self.endpoint().unwrap_or_else(|| "—".into())),
            CellText::plain(if self.class.is_empty() {
                "—".to_string()
            } else {
                self.class.clone()
            }),
            CellText::plain(if self.multi_az { "yes" } else { "no" }),
            CellText::plain(
                self.storage_gib
                    .filter(|g| *g > 0)
                    .map(|g| format!("{g} GiB"))
                    .unwrap_or_else(|| "—".into()),
            ),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            7 => SortKey::Number(self.storage_gib.unwrap_or(0).into()),
            _ => super::entry::cell_key(self, column),
        }
    }

    /// Instances and clusters have separate namespaces; the kind keeps ids apart.
    fn id(&self) -> String {
        format!("{}:{}", self.kind().label(), self.id)
    }
}

/// Reads a database's details answer as a document (shared with the cross-context view).
pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Rds(RdsOutcome::Details(result)) => Some(
            result
                .map(|tree| {
                    let mut doc = Document::default();
                    doc.push(Block::Json(tree));
                    doc
                })
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub struct Databases {
    /// Where the action waiting for its answer runs.
    acting: Option<ContextKey>,
    wide: bool,
}

impl Databases {
    /// `wide`: the view spans contexts (`:rds @…`).
    pub fn new(wide: bool) -> Databases {
        Databases { acting: None, wide }
    }

    /// A confirmation listing the databases, then the action in their context.
    fn confirm(&mut self, action: Action, at: &At, rows: &[&Database]) -> Vec<Effect> {
        let mut targets: Vec<&Database> = rows.to_vec();
        let mut note = Vec::new();
        if self.wide {
            note.push(format!("In {}.", at.place()));
        }
        if action == Action::Failover {
            let before = targets.len();
            targets.retain(|d| d.multi_az);
            if targets.is_empty() {
                return vec![Effect::Flash(
                    Level::Warn,
                    "failover needs a Multi-AZ database; use reboot".into(),
                )];
            }
            if targets.len() < before {
                note.push(format!(
                    "{} without Multi-AZ left out.",
                    before - targets.len()
                ));
            }
        }
        let listed: Vec<Target> = targets
            .iter()
            .map(|d| Target {
                id: d.id.clone(),
                label: format!("{} · {} ({})", d.kind().label(), d.engine, d.status),
            })
            .collect();
        let op = Op::Rds(RdsOp::Act {
            ctx: at.ctx.clone(),
            action,
            targets: targets.iter().map(|d| (d.kind(), d.id.clone())).collect(),
        });
        self.acting = Some(at.ctx.clone());
        vec![fleet::confirm(
            action.verb(),
            "database",
            &listed,
            false,
            (!note.is_empty()).then(|| note.join(" ")),
            vec![Effect::Request(
                Request::new(at.owner, op).in_slot("action"),
            )],
        )]
    }

    /// The answers: new statuses on the rows of the action's context, a report, and a look
    /// again — at once when an answer was lost, else soon (RDS may answer already settled).
    fn acted(
        &mut self,
        action: Action,
        results: Vec<(String, Result<String, crate::aws::AwsError>)>,
        listed: &mut Listed<Database>,
        owner: Owner,
    ) -> Vec<Effect> {
        let ctx = self.acting.take();
        if let Some(ctx) = &ctx {
            listed.update(ctx, |d| {
                if let Some((_, Ok(status))) = results.iter().find(|(id, _)| *id == d.id)
                    && !status.is_empty()
                {
                    d.status = status.clone();
                }
            });
        }
        listed.clear_marks();
        let lost = results
            .iter()
            .any(|(_, r)| r.as_ref().is_err_and(|e| e.outcome_unknown()));
        let mut effects = fleet::report(
            action.verb(),
            results
                .into_iter()
                .map(|(id, r)| (id, r.map_err(|e| e.summary())))
                .collect(),
        );
        match (lost, ctx) {
            // The action may have happened without its answer: read the real state now
            // rather than guess (and never send the action again).
            (true, Some(ctx)) => {
                effects.push(Effect::Flash(
                    Level::Warn,
                    format!(
                        "{}: an answer was lost; re-reading the state",
                        action.verb()
                    ),
                ));
                listed.relist(&ctx);
            }
            _ => {
                listed.poll(true);
                if let Owner::Pane(id) = owner {
                    effects.push(Effect::Wake(id, Duration::from_secs(2)));
                }
            }
        }
        effects
    }
}

/// Pushes the snapshots of `d` in the row's context.
fn snapshots(at: &At, d: &Database) -> Effect {
    let (ctx, kind, id) = (at.ctx.clone(), d.kind(), d.id.clone());
    Effect::Push(Box::new(move |pane: PaneId| {
        Box::new(crate::panes::rds::SnapshotsPane::new(pane, ctx, kind, id))
    }))
}

impl Kind for Databases {
    type Row = Database;

    fn label(&self) -> &'static str {
        "RDS databases"
    }

    fn noun(&self) -> &'static str {
        "database"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Rds, Scope::Fleet, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        use CommandId as C;
        if self.wide {
            &[
                C::Open,
                C::Filter,
                C::Start,
                C::Stop,
                C::Reboot,
                C::Snapshots,
                C::Refresh,
                C::Help,
            ]
        } else {
            &[
                C::Open,
                C::Filter,
                C::Start,
                C::Stop,
                C::Reboot,
                C::Snapshot,
                C::Snapshots,
                C::CopyConnection,
                C::Help,
            ]
        }
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    /// Every instance and cluster of the context at once (the adapter reads all pages of
    /// both), sorted by identifier.
    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, _token| {
            adapters
                .rds
                .list(ctx)
                .map(|listed| {
                    listed.map(|mut all| {
                        all.sort_by(|a, b| a.id.cmp(&b.id));
                        Page::last(all)
                    })
                })
                .boxed()
        })
    }

    fn is_transitional(&self, d: &Database) -> bool {
        d.is_transitional()
    }

    fn metrics(&self, d: &Database) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        use crate::panes::metrics::sets::{RDS_CLUSTER, RDS_INSTANCE};
        let set = match d.kind {
            crate::aws::rds::Kind::Instance => &RDS_INSTANCE,
            crate::aws::rds::Kind::Cluster => &RDS_CLUSTER,
        };
        Some(set.specs(&d.id))
    }

    fn details(&self, at: &At, d: &Database) -> Effect {
        let (ctx, kind, id) = (at.ctx.clone(), d.kind(), d.id.clone());
        DocumentView::open(
            format!("{} {id}{}", kind.label(), at.suffix()),
            id.clone(),
            move || {
                Op::Rds(RdsOp::Details {
                    ctx: ctx.clone(),
                    kind,
                    id: id.clone(),
                })
            },
            read_details,
        )
    }

    fn arn(&self, _at: &At, d: &Database) -> Result<String, String> {
        Ok(d.arn.clone())
    }

    fn copy(&self, d: &Database) -> String {
        d.id.clone()
    }

    fn commands(&self) -> &'static [CommandId] {
        use CommandId as C;
        &[
            C::Start,
            C::Stop,
            C::Reboot,
            C::Failover,
            C::Snapshot,
            C::Snapshots,
            C::CopyEndpoint,
            C::CopyConnection,
        ]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Database],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        let action = match command {
            CommandId::Start => Some(Action::Start),
            CommandId::Stop => Some(Action::Stop),
            CommandId::Reboot => Some(Action::Reboot),
            CommandId::Failover => Some(Action::Failover),
            _ => None,
        };
        if let Some(action) = action {
            return Some(self.confirm(action, at, rows));
        }
        // The rest act on the selected database alone.
        let d = *rows.first()?;
        let Owner::Pane(owner) = at.owner else {
            return None;
        };
        Some(vec![match command {
            CommandId::Snapshot => crate::panes::rds::ask_snapshot(owner, at.ctx, d.kind(), &d.id),
            CommandId::Snapshots => snapshots(at, d),
            CommandId::CopyEndpoint => match d.endpoint() {
                Some(e) => Effect::Copy(e),
                None => Effect::Flash(
                    Level::Warn,
                    format!("{} has no endpoint yet ({})", d.id, d.status),
                ),
            },
            _ => match d.connection_string() {
                Some(c) => Effect::Copy(c),
                None if d.host.is_none() => Effect::Flash(
                    Level::Warn,
                    format!("{} has no endpoint yet ({})", d.id, d.status),
                ),
                None => Effect::Flash(
                    Level::Warn,
                    format!("no connection string format for engine {}", d.engine),
                ),
            },
        }])
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Database>,
        owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Rds(outcome) = outcome else {
            return None;
        };
        Some(match outcome {
            RdsOutcome::Acted { action, results } => self.acted(action, results, listed, owner),
            RdsOutcome::SnapshotCreated(Ok(s)) => vec![Effect::Flash(
                Level::Success,
                format!(
                    "snapshot {} of {} is {}{} (N lists them)",
                    s.id,
                    s.db_id,
                    s.status,
                    s.note()
                ),
            )],
            RdsOutcome::SnapshotCreated(Err(e)) => vec![Effect::Flash(
                Level::Error,
                format!("snapshot: {}", e.summary()),
            )],
            _ => Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::rds::{self, Kind};
    use crate::ui::table::TableRow;

    #[test]
    fn instances_and_clusters_with_one_name_are_different_rows() {
        let a = Database {
            kind: Kind::Instance,
            id: "orders".into(),
            ..Database::default()
        };
        let b = Database {
            kind: Kind::Cluster,
            ..a.clone()
        };
        assert_ne!(TableRow::id(&a), TableRow::id(&b));
        assert!(rds::is_transitional("stopping"));
    }
}
