//! Every function of the region, streamed page by page into the shared table.

use super::LastInvoked;
use crate::aws::ContextKey;
use crate::aws::lambda::{Function, FunctionDetails};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::lambda::{LambdaOp, LambdaOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

/// Most important first: on a narrow terminal the last columns give way.
pub const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("RUNTIME", Constraint::Length(12)).priority(7),
    Column::new("MEMORY", Constraint::Length(8)).priority(5),
    Column::new("TIMEOUT", Constraint::Length(7)).priority(4),
    Column::new("MODIFIED", Constraint::Length(16)).priority(6),
    Column::new("CODE", Constraint::Length(9)).priority(3),
    Column::new("DESCRIPTION", Constraint::Fill(1)).priority(2),
];

impl TableRow for Function {
    fn cells(&self) -> Vec<CellText> {
        let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.runtime.clone()),
            CellText::plain(or_dash(self.memory_mb.map(|m| format!("{m} MB")))),
            CellText::plain(or_dash(self.timeout_s.map(|t| format!("{t} s")))),
            CellText::plain(modified(&self.last_modified)),
            CellText::plain(crate::ui::format::size(self.code_size)),
            CellText::plain(self.description.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.memory_mb.unwrap_or(0).into()),
            3 => SortKey::Number(self.timeout_s.unwrap_or(0).into()),
            5 => SortKey::Number(self.code_size),
            4 => SortKey::Text(self.last_modified.clone()),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }
}

/// `2026-11-20T10:00:00.000+0000` → `2026-11-20 10:00` (Lambda reports UTC).
fn modified(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        _ => iso.to_string(),
    }
}

pub struct FunctionsPane {
    id: PaneId,
    table: ResourceTable<Function>,
    listing: crate::panes::listing::Listing,
    last_invoked: LastInvoked,
}

impl FunctionsPane {
    pub fn new(id: PaneId) -> FunctionsPane {
        FunctionsPane {
            id,
            table: ResourceTable::default(),
            listing: Default::default(),
            last_invoked: LastInvoked::default(),
        }
    }

    fn list(&mut self, cx: &PaneCx, start: Option<String>) -> Vec<Effect> {
        if start.is_none() {
            self.table.set_rows(Vec::new());
        }
        self.listing.start();
        let op = Op::Lambda(LambdaOp::List {
            ctx: cx.active.clone(),
            start,
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    fn selected(&self) -> Option<&Function> {
        self.table.selected_row()
    }

    /// The selected function's `command` in the active context.
    fn open(&self, command: CommandId, cx: &PaneCx) -> Option<Effect> {
        open(command, cx.active, self.selected()?, "", &self.last_invoked)
    }
}

/// What a function's own commands open in `ctx`: its details (titled with `suffix` after the
/// name), the workbench, its environment, or its logs from its last invocation from here.
pub fn open(
    command: CommandId,
    ctx: &ContextKey,
    f: &Function,
    suffix: &str,
    last_invoked: &LastInvoked,
) -> Option<Effect> {
    let (ctx, name) = (ctx.clone(), f.name.clone());
    Some(match command {
        CommandId::Open => super::DetailsPane::open(ctx, f.clone(), suffix, last_invoked.clone()),
        CommandId::Invoke => {
            let last = last_invoked.clone();
            Effect::Push(Box::new(move |id| {
                Box::new(super::WorkbenchPane::new(id, ctx, name, None, last))
            }))
        }
        CommandId::Environment => Effect::Push(Box::new(move |id| {
            Box::new(super::EnvironmentPane::new(id, ctx, name))
        })),
        CommandId::Charts => crate::panes::metrics::open_charts(
            format!("function {name}{suffix}"),
            ctx,
            crate::panes::metrics::sets::LAMBDA_FUNCTION.specs(&name),
        ),
        CommandId::FunctionLogs => {
            let since = last_invoked
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&name)
                .copied();
            super::open_logs(&ctx, &name, since)
        }
        _ => return None,
    })
}

/// Reads a function's details answer as a document (shared with the cross-context view).
pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Lambda(LambdaOutcome::Details(result)) => Some(
            result
                .map(|d| details_document(&d))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

/// The details as a document. Environment values never appear here: `v` shows them masked,
/// one revealed at a time.
pub fn details_document(d: &FunctionDetails) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading("Configuration".into()));
    doc.push(Block::Json(d.configuration.clone()));
    doc.push(Block::Heading("Environment".into()));
    if d.environment.is_empty() {
        doc.push(Block::Note("no environment variables".into()));
    } else {
        doc.push(Block::Fields(
            d.environment
                .iter()
                .map(|(k, _)| (k.clone(), "••••••".to_string()))
                .collect(),
        ));
        doc.push(Block::Note(
            "values are masked: v opens them, x there reveals one at a time".into(),
        ));
    }
    doc.push(Block::Heading("Layers".into()));
    if d.layers.is_empty() {
        doc.push(Block::Note("no layers".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["LAYER".into()],
            rows: d.layers.iter().map(|l| vec![l.clone()]).collect(),
        });
    }
    doc.push(Block::Heading("Versions".into()));
    doc.push(Block::Table {
        header: vec!["VERSION".into(), "DESCRIPTION".into()],
        rows: d
            .versions
            .iter()
            .map(|(v, desc)| vec![v.clone(), desc.clone()])
            .collect(),
    });
    doc.push(Block::Heading("Aliases".into()));
    if d.aliases.is_empty() {
        doc.push(Block::Note("no aliases".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["ALIAS".into(), "VERSION".into(), "DESCRIPTION".into()],
            rows: d
                .aliases
                .iter()
                .map(|(a, v, desc)| vec![a.clone(), v.clone(), desc.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("Tags".into()));
    if d.tags.is_empty() {
        doc.push(Block::Note("no tags".into()));
    } else {
        doc.push(Block::Fields(d.tags.clone()));
    }
    doc
}

impl Pane for FunctionsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        Some(":lambda".into())
    }

    fn title(&self) -> String {
        "Lambda functions".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Invoke,
            CommandId::FunctionLogs,
            CommandId::Environment,
            CommandId::Filter,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.listing.failed(failure);
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.list(cx, None)
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.list(cx, None)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        let none_selected = || vec![Effect::Flash(Level::Warn, "no function selected".into())];
        match command {
            CommandId::Refresh => Some(self.list(cx, None)),
            CommandId::LoadMore => Some(match self.listing.resume() {
                Some(start) => self.list(cx, Some(start)),
                None => vec![Effect::Flash(
                    Level::Info,
                    "every function is listed".into(),
                )],
            }),
            CommandId::Open => Some(self.open(command, cx).into_iter().collect()),
            CommandId::Copy => Some(match self.selected() {
                Some(f) => vec![Effect::Copy(f.name.clone())],
                None => none_selected(),
            }),
            CommandId::CopyArn => Some(match self.selected() {
                Some(f) => vec![Effect::Copy(f.arn.clone())],
                None => none_selected(),
            }),
            CommandId::Invoke
            | CommandId::Environment
            | CommandId::FunctionLogs
            | CommandId::Charts => Some(match self.open(command, cx) {
                Some(effect) => vec![effect],
                None => none_selected(),
            }),
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Lambda(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            LambdaOutcome::Page(functions) => self.table.append_rows(functions),
            LambdaOutcome::Listed { result, resume } => {
                return self.listing.finished(result, resume, "functions");
            }
            _ => {}
        }
        Vec::new()
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        let mut title = format!("Lambda functions · {}", cx.active.region);
        title.push_str(&self.listing.title_suffix());
        self.table.set_loading(self.listing.is_loading());
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
