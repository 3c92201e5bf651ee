//! The tables: every ListTables page, each table described (status, items, size, billing,
//! keys, indexes) as the pages arrive. Enter explores the items, `d` shows the description.

use crate::aws::dynamodb::{KeyAttr, Table};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::dynamodb::{DdbOp, DdbOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

/// Most important first: on a narrow terminal the last columns give way.
const COLUMNS: &[Column] = &[
    Column::new("TABLE", Constraint::Fill(1)).name().priority(9),
    Column::new("PARTITION KEY", Constraint::Length(16)).priority(6),
    Column::new("SORT KEY", Constraint::Length(16)).priority(5),
    Column::new("ITEMS", Constraint::Length(9)).priority(4),
    Column::new("SIZE", Constraint::Length(9)).priority(3),
    Column::new("STATUS", Constraint::Length(9)).priority(7),
    Column::new("INDEXES", Constraint::Length(7)).priority(1),
    Column::new("BILLING", Constraint::Length(11)).priority(2),
];

fn key_label(key: &KeyAttr) -> String {
    format!("{} ({})", key.name, key.kind)
}

fn billing_label(table: &Table) -> String {
    match table.billing.as_str() {
        "PAY_PER_REQUEST" => "on-demand".into(),
        "PROVISIONED" => match (table.read_capacity, table.write_capacity) {
            (Some(r), Some(w)) => format!("{r}R/{w}W"),
            _ => "provisioned".into(),
        },
        other => other.to_lowercase(),
    }
}

impl TableRow for Table {
    fn cells(&self) -> Vec<CellText> {
        let status = if self.status == "ACTIVE" {
            CellText::plain("active")
        } else {
            CellText::styled(self.status.to_lowercase(), "state.pending")
        };
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(key_label(&self.partition)),
            CellText::plain(
                self.sort
                    .as_ref()
                    .map(key_label)
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                self.item_count
                    .map(|n| format::count(n.max(0) as usize))
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                self.size_bytes
                    .map(format::size)
                    .unwrap_or_else(|| "—".into()),
            ),
            status,
            CellText::plain(self.indexes.len().to_string()),
            CellText::plain(billing_label(self)),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            3 => SortKey::Number(self.item_count.unwrap_or(0)),
            4 => SortKey::Number(self.size_bytes.unwrap_or(0)),
            6 => SortKey::Number(self.indexes.len() as i64),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }
}

/// A table's description as a document: summary, keys, indexes.
pub fn describe(table: &Table, ttl: Option<&str>) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading("Table".into()));
    let capacity = match (table.read_capacity, table.write_capacity) {
        (Some(r), Some(w)) => format!("{r} read / {w} write units"),
        _ => "on demand".into(),
    };
    doc.push(Block::Fields(vec![
        ("Name".into(), table.name.clone()),
        ("Status".into(), table.status.clone()),
        (
            "Items".into(),
            table
                .item_count
                .map(|n| {
                    format!(
                        "{} (DynamoDB updates this about every 6 hours)",
                        format::count(n.max(0) as usize)
                    )
                })
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Size".into(),
            table
                .size_bytes
                .map(format::size)
                .unwrap_or_else(|| "—".into()),
        ),
        ("Billing".into(), table.billing.clone()),
        ("Capacity".into(), capacity),
        (
            "Stream".into(),
            table.stream.clone().unwrap_or_else(|| "off".into()),
        ),
        (
            "Time to live".into(),
            ttl.map(|a| format!("on, attribute {a}"))
                .unwrap_or_else(|| "off".into()),
        ),
        (
            "Created".into(),
            table
                .created
                .map(crate::clock::local_time)
                .unwrap_or_default(),
        ),
        ("ARN".into(), table.arn.clone()),
    ]));
    doc.push(Block::Heading("Keys".into()));
    let mut keys = vec![vec![
        "partition".to_string(),
        table.partition.name.clone(),
        table.partition.kind.clone(),
    ]];
    if let Some(sort) = &table.sort {
        keys.push(vec!["sort".into(), sort.name.clone(), sort.kind.clone()]);
    }
    doc.push(Block::Table {
        header: ["KEY", "ATTRIBUTE", "TYPE"].map(String::from).to_vec(),
        rows: keys,
    });
    doc.push(Block::Heading("Indexes".into()));
    if table.indexes.is_empty() {
        doc.push(Block::Note("none".into()));
    } else {
        doc.push(Block::Table {
            header: [
                "INDEX",
                "KIND",
                "PARTITION KEY",
                "SORT KEY",
                "PROJECTION",
                "STATUS",
                "ITEMS",
            ]
            .map(String::from)
            .to_vec(),
            rows: table
                .indexes
                .iter()
                .map(|i| {
                    let projection = if i.included.is_empty() {
                        i.projection.clone()
                    } else {
                        format!("{} ({})", i.projection, i.included.join(", "))
                    };
                    vec![
                        i.name.clone(),
                        if i.global { "global" } else { "local" }.into(),
                        key_label(&i.partition),
                        i.sort.as_ref().map(key_label).unwrap_or_else(|| "—".into()),
                        projection,
                        i.status.clone().unwrap_or_default(),
                        i.item_count
                            .map(|n| format::count(n.max(0) as usize))
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }
    doc
}

/// Opens the description of table `name`.
pub fn open_description(ctx: &crate::aws::ContextKey, name: &str) -> Effect {
    let (ctx, name) = (ctx.clone(), name.to_string());
    DocumentView::open(
        format!("table {name}"),
        name.clone(),
        move || {
            Op::Ddb(DdbOp::Describe {
                ctx: ctx.clone(),
                name: name.clone(),
            })
        },
        read_description,
    )
}

fn read_description(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Ddb(DdbOutcome::Described(result)) => Some(
            (*result)
                .map(|(table, ttl)| describe(&table, ttl.as_deref()))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub struct TablesPane {
    id: PaneId,
    table: ResourceTable<Table>,
    loading: bool,
    error: Option<String>,
    /// Tables listed but not described (access denied on DescribeTable, or gone).
    undescribed: usize,
}

impl TablesPane {
    pub fn new(id: PaneId) -> TablesPane {
        TablesPane {
            id,
            table: ResourceTable::default(),
            loading: false,
            error: None,
            undescribed: 0,
        }
    }

    fn load(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        self.undescribed = 0;
        self.table.set_rows(Vec::new());
        let op = Op::Ddb(DdbOp::Tables(cx.active.clone()));
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }
}

impl Pane for TablesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        Some(":ddb".into())
    }

    fn title(&self) -> String {
        "DynamoDB tables".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ddb, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Query,
            CommandId::Describe,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::CopyArn,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    /// A listing that failed ends like one AWS refused; a write that was not sent was already
    /// said in the status line and leaves the rows as they were.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if matches!(failure.slot, Some("list")) {
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
            CommandId::Copy => Some(vec![Effect::Copy(self.table.selected_row()?.name.clone())]),
            CommandId::CopyArn => {
                let t = self.table.selected_row()?;
                Some(if t.arn.is_empty() {
                    vec![Effect::Flash(
                        Level::Warn,
                        format!("DynamoDB did not say the ARN of {}", t.name),
                    )]
                } else {
                    vec![Effect::Copy(t.arn.clone())]
                })
            }
            CommandId::Query => Some(vec![super::open_query_form(
                cx.active,
                self.table.selected_row()?,
                cx.queries,
                None,
            )]),
            CommandId::Charts => {
                let name = &self.table.selected_row()?.name;
                Some(vec![crate::panes::metrics::open_charts(
                    format!("table {name}"),
                    cx.active.clone(),
                    crate::panes::metrics::sets::DYNAMODB_TABLE.specs(name),
                )])
            }
            CommandId::Describe => Some(vec![open_description(
                cx.active,
                &self.table.selected_row()?.name,
            )]),
            CommandId::Open => {
                let table = self.table.selected_row()?.clone();
                let ctx = cx.active.clone();
                Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(super::ItemsPane::scan(id, ctx, table))
                }))])
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
        match outcome {
            Outcome::Ddb(DdbOutcome::TablesPage { tables, failed }) => {
                self.undescribed += failed;
                self.table.append_rows(tables);
                Vec::new()
            }
            Outcome::Ddb(DdbOutcome::TablesListed(Ok(()))) => {
                self.loading = false;
                if self.undescribed > 0 {
                    return vec![Effect::Flash(
                        Level::Warn,
                        format!(
                            "{} tables could not be described (DescribeTable refused?)",
                            self.undescribed
                        ),
                    )];
                }
                Vec::new()
            }
            Outcome::Ddb(DdbOutcome::TablesListed(Err(e))) => {
                self.loading = false;
                self.error = Some(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("DynamoDB: {}", e.summary()),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load(cx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = match (&self.error, self.loading) {
            (Some(e), _) => format!("DynamoDB tables · error: {e}"),
            (None, true) => "DynamoDB tables · loading…".to_string(),
            (None, false) => "DynamoDB tables".to_string(),
        };
        self.table.set_loading(self.error.is_none() && self.loading);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
