//! One database's snapshots: status, type, size, creation time; create, and delete with a
//! typed confirmation. Polls while a snapshot is being created.

use crate::aws::ContextKey;
use crate::aws::rds::{self, Kind, Snapshot};
use crate::command::{CommandId, Scope};
use crate::pane::{Confirm, Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::panes::fleet::{self, Poller};
use crate::protocol::rds::{RdsOp, RdsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("SNAPSHOT", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("STATUS", Constraint::Length(14)).priority(7),
    Column::new("TYPE", Constraint::Length(10)).priority(5),
    Column::new("SIZE", Constraint::Length(8)).priority(3),
    Column::new("CREATED", Constraint::Length(17)).priority(6),
    Column::new("ENGINE", Constraint::Length(18)).priority(4),
];

fn is_changing(s: &Snapshot) -> bool {
    s.status == "copying" || rds::is_transitional(&s.status)
}

impl TableRow for Snapshot {
    fn cells(&self) -> Vec<CellText> {
        let status = match self.progress {
            Some(p) if is_changing(self) && p < 100 => format!("{} {p}%", self.status),
            _ => self.status.clone(),
        };
        let state = fleet::state_cell(&status, is_changing(self));
        vec![
            CellText::plain(self.id.clone()),
            state,
            CellText::plain(self.snapshot_type.clone()),
            CellText::plain(
                self.storage_gib
                    .filter(|g| *g > 0)
                    .map(|g| format!("{g} GiB"))
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                self.created
                    .map(crate::clock::local_time)
                    .unwrap_or_default(),
            ),
            CellText::plain(self.engine.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            3 => SortKey::Number(self.storage_gib.unwrap_or(0).into()),
            4 => SortKey::Number(self.created.unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.id.clone()
    }
}

pub struct SnapshotsPane {
    id: PaneId,
    ctx: ContextKey,
    kind: Kind,
    db_id: String,
    table: ResourceTable<Snapshot>,
    loading: bool,
    error: Option<String>,
    poller: Poller,
}

impl SnapshotsPane {
    pub fn new(id: PaneId, ctx: ContextKey, kind: Kind, db_id: String) -> SnapshotsPane {
        SnapshotsPane {
            id,
            ctx,
            kind,
            db_id,
            table: ResourceTable::default(),
            loading: false,
            error: None,
            poller: Poller::default(),
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn list(&self, slot: &'static str) -> Vec<Effect> {
        let op = Op::Rds(RdsOp::Snapshots {
            ctx: self.ctx.clone(),
            kind: self.kind,
            db_id: self.db_id.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot(slot),
        )]
    }

    fn load(&mut self) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        self.list("list")
    }

    fn schedule_poll(&mut self) -> Vec<Effect> {
        let changing = self.table.rows().iter().any(is_changing);
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    fn delete(&self) -> Vec<Effect> {
        let Some(s) = self.table.selected_row() else {
            return vec![Effect::Flash(Level::Warn, "no snapshot selected".into())];
        };
        if s.snapshot_type == "automated" {
            return vec![Effect::Flash(
                Level::Warn,
                format!(
                    "{} is automated: RDS deletes it with the retention period",
                    s.id
                ),
            )];
        }
        let op = Op::Rds(RdsOp::DeleteSnapshot {
            ctx: self.ctx.clone(),
            kind: s.kind(),
            db_id: s.db_id.clone(),
            id: s.id.clone(),
        });
        vec![Effect::Confirm(Confirm {
            title: format!("Delete snapshot {}?", s.id),
            lines: vec![
                format!("{} snapshot of {} ({})", s.snapshot_type, s.db_id, s.status),
                "This cannot be undone.".into(),
            ],
            typed: Some(s.id.clone()),
            on_yes: vec![Effect::Request(Request::new(self.owner(), op))],
        })]
    }
}

impl Pane for SnapshotsPane {
    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "snapshots".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Rds, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Snapshot,
            CommandId::DeleteSnapshot,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Back,
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

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Snapshot => Some(vec![super::ask_snapshot(
                self.id,
                &self.ctx,
                self.kind,
                &self.db_id,
            )]),
            CommandId::DeleteSnapshot => Some(self.delete()),
            CommandId::Copy => Some(vec![Effect::Copy(self.table.selected_row()?.id.clone())]),
            CommandId::CopyArn => Some(vec![Effect::Copy(self.table.selected_row()?.arn.clone())]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        if self.table.rows().iter().any(is_changing) {
            self.list("poll")
        } else {
            Vec::new()
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Rds(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            RdsOutcome::Snapshots(Ok(mut all)) => {
                self.loading = false;
                self.error = None;
                // Newest first, as the console lists them.
                all.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
                self.table.set_rows(all);
                self.schedule_poll()
            }
            RdsOutcome::Snapshots(Err(e)) => {
                self.loading = false;
                self.error = Some(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("snapshots: {}", e.summary()),
                )]
            }
            RdsOutcome::SnapshotCreated(Ok(s)) => {
                self.poller.restart();
                let mut effects = vec![Effect::Flash(
                    Level::Success,
                    format!("snapshot {} is {}{}", s.id, s.status, s.note()),
                )];
                effects.extend(self.load());
                effects
            }
            RdsOutcome::SnapshotCreated(Err(e)) => vec![Effect::Flash(
                Level::Error,
                format!("snapshot: {}", e.summary()),
            )],
            RdsOutcome::SnapshotDeleted {
                id,
                result: Ok(sent),
            } => {
                let mut effects = vec![Effect::Flash(
                    Level::Success,
                    format!("snapshot {id} deleted{}", sent.note()),
                )];
                effects.extend(self.load());
                effects
            }
            RdsOutcome::SnapshotDeleted { id, result: Err(e) } => {
                // Whatever happened, the list shows what is there now.
                let mut effects = vec![Effect::Flash(
                    Level::Error,
                    format!("delete {id}: {}", e.summary()),
                )];
                if e.outcome_unknown() {
                    effects.extend(self.load());
                }
                effects
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut title = format!("{} {} · snapshots", self.kind.label(), self.db_id);
        match (&self.error, self.loading) {
            (Some(e), _) => title.push_str(&format!(" · error: {e}")),
            (None, true) => title.push_str(" · loading…"),
            _ => {}
        }
        self.table.set_loading(self.error.is_none() && self.loading);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
