//! `:audit`: the audit log, newest first — one row per call that changed something from
//! awsterm: where, what, and how it ended ("in flight" while this process still runs it,
//! "interrupted" when awsterm exited first, "unknown" when nobody can tell). Read from the end
//! of the file on a blocking thread; Enter shows one call whole.

use crate::audit::{self, Entry};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use std::path::PathBuf;

/// Lines shown; the file itself is never cut.
pub const MAX_ENTRIES: usize = 5_000;

// What happened first (time, outcome, operation): at 80 columns the rest does not fit and
// Enter shows the whole line.
const COLUMNS: &[Column] = &[
    Column::new("TIME (UTC)", Constraint::Length(19)).priority(8),
    Column::new("OUTCOME", Constraint::Length(11)).priority(7),
    Column::new("OPERATION", Constraint::Length(22))
        .name()
        .priority(9),
    Column::new("PROFILE", Constraint::Length(10)).priority(5),
    Column::new("ACCOUNT", Constraint::Length(12)).priority(4),
    Column::new("REGION", Constraint::Length(12)).priority(3),
    Column::new("RESOURCES", Constraint::Fill(1)).priority(6),
];

pub struct Row {
    entry: Entry,
    /// Position in the file, newest = 0: the id, and the order when unsorted.
    n: usize,
}

impl Row {
    fn resources(&self) -> String {
        let mut text = self.entry.resources.join(", ");
        if self.entry.more > 0 {
            text.push_str(&format!(" (+{} more)", self.entry.more));
        }
        text
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let e = &self.entry;
        // `2026-11-23T14:03:07.120Z` → `2026-11-23 14:03:07`
        let time: String = e.time.replacen('T', " ", 1).chars().take(19).collect();
        let role = match e.outcome {
            audit::Outcome::Ok => "state.ok",
            audit::Outcome::Failed | audit::Outcome::Unknown => "state.error",
            audit::Outcome::Partial
            | audit::Outcome::Cancelled
            | audit::Outcome::Interrupted
            | audit::Outcome::InFlight => "state.pending",
        };
        // "outcome unknown" is the column's own title already.
        let label = match e.outcome {
            audit::Outcome::Unknown => "unknown",
            _ => e.outcome.label(),
        };
        let outcome = CellText::styled(label, role);
        vec![
            CellText::plain(time),
            outcome,
            CellText::plain(format!("{} {}", e.service, e.operation)),
            CellText::plain(e.profile.clone()),
            CellText::plain(e.account.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(e.region.clone()),
            CellText::plain(self.resources()),
        ]
    }

    fn id(&self) -> String {
        self.n.to_string()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let e = &self.entry;
        Cow::Owned(format!(
            "{} {} {} {} {} {} {} {}",
            e.profile,
            e.account.as_deref().unwrap_or_default(),
            e.region,
            e.service,
            e.operation,
            self.resources(),
            e.outcome.label(),
            e.detail.as_deref().unwrap_or_default()
        ))
    }
}

pub struct AuditPane {
    id: PaneId,
    path: Option<PathBuf>,
    table: ResourceTable<Row>,
    status: String,
}

impl AuditPane {
    pub fn new(id: PaneId, path: Option<PathBuf>) -> AuditPane {
        AuditPane {
            id,
            path,
            table: ResourceTable::default(),
            status: "loading…".into(),
        }
    }

    fn load(&mut self) -> Vec<Effect> {
        let Some(path) = self.path.clone() else {
            self.status = "no state directory, so no audit log".into();
            return Vec::new();
        };
        self.status = "loading…".into();
        let op = Op::AuditRead {
            path,
            max: MAX_ENTRIES,
        };
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("read"),
        )]
    }

    fn open_selected(&self) -> Option<Vec<Effect>> {
        let row = self.table.selected_row()?;
        let e = &row.entry;
        let mut fields = vec![
            ("Time".to_string(), e.time.clone()),
            ("Profile".into(), e.profile.clone()),
            (
                "Account".into(),
                e.account.clone().unwrap_or_else(|| "—".into()),
            ),
            ("Region".into(), e.region.clone()),
            ("Service".into(), e.service.clone()),
            ("Operation".into(), e.operation.clone()),
            ("Outcome".into(), e.outcome.label().into()),
        ];
        if let Some(ended) = &e.ended {
            fields.push(("Ended".into(), ended.clone()));
        }
        if let Some(id) = &e.id {
            fields.push(("Id".into(), id.clone()));
        }
        if let Some(detail) = &e.detail {
            fields.push(("Detail".into(), detail.clone()));
        }
        let mut doc = Document::default();
        doc.push(Block::Fields(fields));
        doc.push(Block::Heading(format!(
            "Resources ({})",
            e.resources.len() + e.more
        )));
        doc.push(Block::Text(e.resources.join("\n")));
        if e.more > 0 {
            doc.push(Block::Note(format!(
                "{} more not listed (a line lists at most {})",
                e.more,
                audit::MAX_RESOURCES
            )));
        }
        let copy = serde_json::to_string(e).unwrap_or_default();
        let title = format!("audit · {} {}", e.service, e.operation);
        Some(vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))])
    }
}

impl Pane for AuditPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "Audit log".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Refresh,
            CommandId::Copy,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.status = format!("error: {}", failure.summary());
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Open => self.open_selected(),
            CommandId::Copy => {
                let row = self.table.selected_row()?;
                Some(vec![Effect::Copy(
                    serde_json::to_string(&row.entry).unwrap_or_default(),
                )])
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

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Audit(result) = outcome else {
            return Vec::new();
        };
        match result {
            Ok((entries, unreadable)) => {
                let count = entries.len();
                let rows = entries
                    .into_iter()
                    .enumerate()
                    .map(|(n, entry)| Row { entry, n })
                    .collect();
                self.table.set_rows(rows);
                let path = self
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.status = match (count, unreadable) {
                    (0, 0) => format!("nothing changed from awsterm yet · {path}"),
                    (n, 0) => format!("{} · {path}", crate::ui::format::count(n)),
                    (n, bad) => format!(
                        "{} · {bad} unreadable lines skipped · {path}",
                        crate::ui::format::count(n)
                    ),
                };
                Vec::new()
            }
            Err(e) => {
                self.status = format!("error: {e}");
                vec![Effect::Flash(Level::Error, format!("audit log: {e}"))]
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = format!("Audit log · {}", self.status);
        // The status is this view's load state: "loading…" until the file is read.
        self.table.set_loading(self.status == "loading…");
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
