//! DB instances and clusters in one table: status that says itself with a symbol, polling
//! while anything is changing, start/stop/reboot/failover after a confirmation listing them.

use crate::aws::rds::{Action, Database};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::fleet::{self, Poller, Target};
use crate::protocol::rds::{RdsOp, RdsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

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
            _ => SortKey::Text(
                self.cells()
                    .into_iter()
                    .nth(column)
                    .map(|c| c.text.to_lowercase())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Instances and clusters have separate namespaces; the kind keeps ids apart.
    fn id(&self) -> String {
        format!("{}:{}", self.kind().label(), self.id)
    }
}

pub struct DatabasesPane {
    id: PaneId,
    table: ResourceTable<Database>,
    loading: bool,
    error: Option<String>,
    poller: Poller,
}

impl DatabasesPane {
    pub fn new(id: PaneId) -> DatabasesPane {
        DatabasesPane {
            id,
            table: ResourceTable::default(),
            loading: false,
            error: None,
            poller: Poller::default(),
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn list(&mut self, cx: &PaneCx, slot: &'static str) -> Vec<Effect> {
        let op = Op::Rds(RdsOp::List(cx.active.clone()));
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot(slot),
        )]
    }

    fn load(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        self.list(cx, "list")
    }

    fn schedule_poll(&mut self) -> Vec<Effect> {
        let changing = self.table.rows().iter().any(Database::is_transitional);
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    fn selected(&self) -> Option<&Database> {
        self.table.selected_row()
    }

    fn act(&self, action: Action, cx: &PaneCx) -> Vec<Effect> {
        let mut targets: Vec<&Database> = self.table.targets();
        if targets.is_empty() {
            return vec![Effect::Flash(Level::Warn, "no database selected".into())];
        }
        let mut note = None;
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
                note = Some(format!(
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
            ctx: cx.active.clone(),
            action,
            targets: targets.iter().map(|d| (d.kind(), d.id.clone())).collect(),
        });
        vec![fleet::confirm(
            action.verb(),
            "database",
            &listed,
            false,
            note,
            vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("action"),
            )],
        )]
    }

    /// The table's title: filters, loading or error, and how many rows are changing.
    fn heading(&self) -> String {
        let mut title = "RDS databases".to_string();
        match (&self.error, self.loading) {
            (Some(e), _) => title.push_str(&format!(" · error: {e}")),
            (None, true) => title.push_str(" · loading…"),
            (None, false) => {
                let changing = self
                    .table
                    .rows()
                    .iter()
                    .filter(|d| d.is_transitional())
                    .count();
                if changing > 0 {
                    title.push_str(&format!(" · {changing} changing, watching"));
                }
            }
        }
        title
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

impl Pane for DatabasesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "RDS databases".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Rds, Scope::Fleet, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Start,
            CommandId::Stop,
            CommandId::Reboot,
            CommandId::Snapshot,
            CommandId::Snapshots,
            CommandId::CopyConnection,
            CommandId::Help,
        ]
    }

    /// A listing that failed ends like one AWS refused; a write that was not sent was already
    /// said in the status line and leaves the rows as they were.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if matches!(failure.slot, Some("list" | "poll")) {
            self.loading = false;
            self.error = Some(failure.summary());
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load(cx)),
            CommandId::Start => Some(self.act(Action::Start, cx)),
            CommandId::Stop => Some(self.act(Action::Stop, cx)),
            CommandId::Reboot => Some(self.act(Action::Reboot, cx)),
            CommandId::Failover => Some(self.act(Action::Failover, cx)),
            CommandId::Snapshot => {
                let d = self.selected()?;
                Some(vec![super::ask_snapshot(
                    self.id,
                    cx.active,
                    d.kind(),
                    &d.id,
                )])
            }
            CommandId::Snapshots => {
                let d = self.selected()?.clone();
                let ctx = cx.active.clone();
                Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(super::SnapshotsPane::new(id, ctx, d.kind(), d.id))
                }))])
            }
            CommandId::Open => {
                let d = self.selected()?.clone();
                let ctx = cx.active.clone();
                let title = format!("{} {}", d.kind().label(), d.id);
                let (kind, db) = (d.kind(), d.id.clone());
                Some(vec![DocumentView::open(
                    title,
                    d.id,
                    move || {
                        Op::Rds(RdsOp::Details {
                            ctx: ctx.clone(),
                            kind,
                            id: db.clone(),
                        })
                    },
                    read_details,
                )])
            }
            CommandId::Copy => Some(vec![Effect::Copy(self.selected()?.id.clone())]),
            CommandId::CopyArn => Some(vec![Effect::Copy(self.selected()?.arn.clone())]),
            CommandId::CopyEndpoint => {
                let d = self.selected()?;
                Some(match d.endpoint() {
                    Some(e) => vec![Effect::Copy(e)],
                    None => vec![Effect::Flash(
                        Level::Warn,
                        format!("{} has no endpoint yet ({})", d.id, d.status),
                    )],
                })
            }
            CommandId::CopyConnection => {
                let d = self.selected()?;
                Some(match d.connection_string() {
                    Some(c) => vec![Effect::Copy(c)],
                    None if d.host.is_none() => vec![Effect::Flash(
                        Level::Warn,
                        format!("{} has no endpoint yet ({})", d.id, d.status),
                    )],
                    None => vec![Effect::Flash(
                        Level::Warn,
                        format!("no connection string format for engine {}", d.engine),
                    )],
                })
            }
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn wake(&mut self, cx: &PaneCx) -> Vec<Effect> {
        if self.table.rows().iter().any(Database::is_transitional) {
            self.list(cx, "poll")
        } else {
            Vec::new()
        }
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Rds(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            RdsOutcome::Listed(Ok(mut all)) => {
                self.loading = false;
                self.error = None;
                all.sort_by(|a, b| a.id.cmp(&b.id));
                self.table.set_rows(all);
                self.schedule_poll()
            }
            RdsOutcome::Listed(Err(e)) => {
                self.loading = false;
                self.error = Some(e.summary());
                let mut effects =
                    vec![Effect::Flash(Level::Error, format!("RDS: {}", e.summary()))];
                effects.extend(self.schedule_poll());
                effects
            }
            RdsOutcome::Acted { action, results } => {
                self.table.update_rows(|d| {
                    if let Some((_, Ok(status))) = results.iter().find(|(id, _)| *id == d.id)
                        && !status.is_empty()
                    {
                        d.status = status.clone();
                    }
                });
                self.table.clear_marks();
                self.poller.restart();
                let lost = results
                    .iter()
                    .any(|(_, r)| r.as_ref().is_err_and(|e| e.outcome_unknown()));
                // Some answers come back already settled; ask once more to see what changed.
                let mut effects = fleet::report(
                    action.verb(),
                    results
                        .into_iter()
                        .map(|(id, r)| (id, r.map_err(|e| e.summary())))
                        .collect(),
                );
                if lost {
                    // An answer never came: the action may have happened. Read the real state
                    // now rather than guess (and never send the action again).
                    effects.push(Effect::Flash(
                        Level::Warn,
                        format!(
                            "{}: an answer was lost; re-reading the state",
                            action.verb()
                        ),
                    ));
                    effects.extend(self.list(cx, "poll"));
                } else {
                    effects.push(Effect::Wake(self.id, std::time::Duration::from_secs(2)));
                }
                effects
            }
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
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.table.set_rows(Vec::new());
        self.poller.restart();
        self.load(cx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = self.heading();
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::rds::{self, Kind};

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
