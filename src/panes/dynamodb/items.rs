//! A table's items, a page at a time: a scan of the first page (as the console's "explore
//! items"), or the builder's query; more on `m`. Columns: the keys first, then the attributes
//! most items have.

use crate::aws::ContextKey;
use crate::aws::dynamodb::{Table, Write};
use crate::aws::dynamodb_json as values;
use crate::aws::dynamodb_query::{Join, Mode, Request, Spec, typed_json};
use crate::aws::dynamodb_value::Item;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::dynamodb::{DdbOp, DdbOutcome, ExportFormat, ExportJob, ItemSource};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request as Job};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use std::sync::Arc;

/// Items a page asks for.
pub const PAGE_SIZE: i32 = 100;
/// Attributes shown as columns besides the keys.
const EXTRA_COLUMNS: usize = 6;
/// The most a sort key column asks for (an ISO timestamp, a UUID and a prefix).
const SORT_KEY_WIDTH: u16 = 40;
/// Rows `load-all` streams in before it stops (memory stays bounded; `m` goes on).
pub const STREAM_CAP: usize = 50_000;

pub struct Row {
    item: Item,
    /// Shared by every row: the attribute shown in each column.
    attrs: Arc<[String]>,
    /// The key attributes, which identify the row.
    keys: Arc<[String]>,
    /// Position in the results: identifies rows when no keys are known (PartiQL).
    seq: usize,
    /// The shown cells joined, made once: the filter asks every row at every keystroke.
    search: String,
}

impl Row {
    fn refresh_search(&mut self) {
        self.search = self
            .cells()
            .into_iter()
            .map(|c| c.text)
            .collect::<Vec<_>>()
            .join(" ");
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        self.attrs
            .iter()
            .map(|a| match self.item.get(a) {
                Some(v) => CellText::plain(values::cell(v)),
                None => CellText::styled("—", "text.dim"),
            })
            .collect()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.search)
    }

    fn id(&self) -> String {
        if self.keys.is_empty() {
            return format!("#{}", self.seq + 1);
        }
        self.keys
            .iter()
            .map(|k| self.item.get(k).map(values::cell).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

pub struct ItemsPane {
    id: PaneId,
    ctx: ContextKey,
    table: Table,
    source: ItemSource,
    rows: ResourceTable<Row>,
    attrs: Arc<[String]>,
    keys: Arc<[String]>,
    columns: Vec<Column>,
    next: Option<Item>,
    next_token: Option<String>,
    pages: usize,
    scanned: i64,
    consumed: f64,
    loading: bool,
    error: Option<String>,
    /// Items written by a running export.
    exporting: Option<usize>,
    /// The configured editor, learned when the view opened.
    editor: String,
    /// An item edit or a new item between the editor and its confirmation.
    editing: Option<super::edit::Pending>,
    /// `load-all`: fetching page after page until the end or the cap.
    streaming: bool,
    /// Items written or re-read from the item views opened here, to take in.
    fresh: super::Fresh,
    /// The builder's fields that made these results: `f` opens the builder on them again.
    form: Option<crate::saved_queries::FormState>,
}

impl ItemsPane {
    /// The first page of a scan of the whole table.
    pub fn scan(id: PaneId, ctx: ContextKey, table: Table) -> ItemsPane {
        let spec = Spec {
            table: table.name.clone(),
            index: None,
            mode: Mode::Scan,
            filters: Vec::new(),
            join: Join::And,
            projection: Vec::new(),
            page_size: Some(PAGE_SIZE),
            forward: true,
            consistent: false,
        };
        // A bare scan has nothing to check; build cannot fail for it.
        let request = spec.build().unwrap_or_default();
        ItemsPane::new(id, ctx, table, request)
    }

    /// The results of `request` (a query or scan from the builder), a page at a time.
    pub fn new(id: PaneId, ctx: ContextKey, table: Table, request: Request) -> ItemsPane {
        let keys: Arc<[String]> = std::iter::once(table.partition.name.clone())
            .chain(table.sort.as_ref().map(|k| k.name.clone()))
            .collect();
        ItemsPane {
            id,
            ctx,
            table,
            source: ItemSource::Query(request),
            rows: ResourceTable::default(),
            attrs: keys.clone(),
            keys,
            columns: Vec::new(),
            next: None,
            next_token: None,
            pages: 0,
            scanned: 0,
            consumed: 0.0,
            loading: false,
            error: None,
            exporting: None,
            editor: String::new(),
            editing: None,
            streaming: false,
            fresh: super::Fresh::default(),
            form: None,
        }
    }

    /// Results of the builder with these fields.
    pub fn from_form(mut self, form: crate::saved_queries::FormState) -> ItemsPane {
        self.form = Some(form);
        self
    }

    /// Asks where to, then exports every page of these results (from the first).
    fn export(&self) -> Vec<Effect> {
        let job = ExportJob {
            ctx: self.ctx.clone(),
            source: self.source.clone(),
            keys: self.keys.to_vec(),
            path: Default::default(),
            format: ExportFormat::JsonLines,
        };
        let owner = Owner::Pane(self.id);
        let stamp: String = crate::clock::local_time(crate::clock::now_secs())
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let name: String = self
            .table
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        vec![Effect::Ask(crate::pane::Ask {
            title: "Export every page of these results to (.jsonl or .csv)".into(),
            initial: format!("./{name}-{stamp}.jsonl"),
            complete_paths: true,
            on_answer: Box::new(move |answer: String| {
                let path = std::path::PathBuf::from(crate::paths::expand_home(answer.trim()));
                match ExportFormat::for_path(&path) {
                    Ok(format) => {
                        let job = ExportJob {
                            path,
                            format,
                            ..job
                        };
                        let op = Op::Ddb(DdbOp::Export {
                            job: Box::new(job),
                            overwrite: false,
                        });
                        vec![Effect::Request(Job::new(owner, op).in_slot("export"))]
                    }
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                }
            }),
        })]
    }

    /// The results of a PartiQL SELECT (no table known: columns by how common they are).
    pub fn statement(id: PaneId, ctx: ContextKey, statement: String) -> ItemsPane {
        let table = Table {
            name: "PartiQL".into(),
            ..Table::default()
        };
        let mut pane = ItemsPane::new(id, ctx, table, Request::default());
        pane.keys = Arc::from(Vec::new());
        pane.attrs = pane.keys.clone();
        pane.source = ItemSource::Statement(statement);
        pane
    }

    fn edit_target(&self) -> super::edit::Target {
        super::edit::Target {
            owner: self.id,
            ctx: self.ctx.clone(),
            table: self.table.name.clone(),
            keys: self.keys.to_vec(),
            editor: self.editor.clone(),
        }
    }

    /// The rows of the item with `key` become `now` (`None`: they go).
    fn refresh_item(&mut self, key: &Item, now: Option<Item>) {
        let keys = self.keys.clone();
        let same = |a: &Item| keys.iter().all(|k| a.get(k) == key.get(k));
        match now {
            Some(now) => self.rows.update_rows(|row| {
                if same(&row.item) {
                    row.item = now.clone();
                    row.refresh_search();
                }
            }),
            None => self.rows.retain_rows(|row| !same(&row.item)),
        }
    }

    /// Takes in what the item views opened from here wrote or re-read.
    fn take_fresh(&mut self) {
        for (key, now) in self.fresh.take() {
            self.refresh_item(&key, now);
        }
    }

    fn has_more(&self) -> bool {
        self.next.is_some() || self.next_token.is_some()
    }

    /// The first page (`more: false`) or the next one.
    fn fetch(&mut self, more: bool) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        let ctx = self.ctx.clone();
        let op = Op::Ddb(match &self.source {
            ItemSource::Query(request) => DdbOp::Page {
                ctx,
                request: Box::new(request.clone()),
                start: if more { self.next.clone() } else { None },
            },
            ItemSource::Statement(statement) => DdbOp::Statement {
                ctx,
                statement: statement.clone(),
                token: if more { self.next_token.clone() } else { None },
            },
        });
        vec![Effect::Request(
            Job::new(Owner::Pane(self.id), op).in_slot("page"),
        )]
    }

    fn reload(&mut self) -> Vec<Effect> {
        self.rows.set_rows(Vec::new());
        self.pages = 0;
        self.scanned = 0;
        self.consumed = 0.0;
        self.next = None;
        self.next_token = None;
        self.fetch(false)
    }

    /// Keys first, then the attributes most of these items have (ties by name).
    fn choose_columns(&mut self, items: &[Item]) {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for item in items {
            for name in item.keys() {
                *counts.entry(name.as_str()).or_default() += 1;
            }
        }
        let mut others: Vec<(&str, usize)> = counts
            .into_iter()
            .filter(|(name, _)| !self.keys.iter().any(|k| k == name))
            .collect();
        others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        self.attrs = self
            .keys
            .iter()
            .cloned()
            .chain(
                others
                    .into_iter()
                    .take(EXTRA_COLUMNS)
                    .map(|(n, _)| n.to_string()),
            )
            .collect();
        self.columns = self
            .attrs
            .iter()
            .enumerate()
            // The first attribute is the partition key: the item's name; the sort key stays
            // with it, as wide as its values (a timestamp cut in the middle names nothing).
            .map(|(i, a)| {
                if i == 0 {
                    Column::titled(a.clone(), Constraint::Fill(1))
                        .name()
                        .priority(9)
                } else if i < self.keys.len() {
                    Column::titled(a.clone(), Constraint::Length(SORT_KEY_WIDTH))
                        .fit()
                        .priority(8)
                } else {
                    Column::titled(a.clone(), Constraint::Length(16))
                }
            })
            .collect();
    }

    fn heading(&self) -> String {
        let mut title = match &self.source {
            ItemSource::Query(r) => {
                let what = if r.scan { "scan" } else { "query" };
                match &r.index {
                    Some(index) => format!("{} · {index} · {what}", self.table.name),
                    None => format!("{} · {what}", self.table.name),
                }
            }
            ItemSource::Statement(s) => format!("PartiQL · {s}"),
        };
        if self.scanned > 0 {
            title.push_str(&format!(
                " · scanned {}",
                format::count(self.scanned as usize)
            ));
        }
        if self.consumed > 0.0 {
            title.push_str(&format!(" · {:.1} RCU", self.consumed));
        }
        match (&self.error, self.loading) {
            (Some(e), _) => title.push_str(&format!(" · error: {e}")),
            (None, true) if self.streaming => title.push_str(" · loading every page…"),
            (None, true) => title.push_str(" · loading…"),
            (None, _) if self.exporting.is_some() => title.push_str(&format!(
                " · exporting: {} items written",
                format::count(self.exporting.unwrap_or(0))
            )),
            (None, false) if self.has_more() => title.push_str(" · more: m"),
            (None, false) => title.push_str(" · all loaded"),
        }
        title
    }
}

impl Pane for ItemsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        // A query's results reopen as the table's items: the query itself is kept by
        // save-query.
        Some(match &self.source {
            ItemSource::Statement(statement) => format!(":partiql {statement}"),
            ItemSource::Query(_) => format!(
                ":open {}",
                crate::target::Target {
                    region: Some(self.ctx.region.clone()),
                    account: None,
                    resource: crate::target::Resource::Table {
                        name: self.table.name.clone(),
                    },
                }
                .text()
            ),
        })
    }

    fn title(&self) -> String {
        self.table.name.clone()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ddb, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::LoadMore,
            CommandId::Query,
            CommandId::NewItem,
            CommandId::Export,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Describe,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    /// A page that failed ends the listing like a refused one; an export that crashed says so
    /// in the title (one the user declined to overwrite just stops).
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        let crashed = failure.kind == crate::protocol::FailureKind::Crashed;
        if failure.is_in("page") {
            self.loading = false;
            self.streaming = false;
            self.error = Some(failure.summary());
        } else if failure.is_in("export") {
            self.exporting = None;
            if crashed {
                self.error = Some(failure.summary());
            }
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.editor = cx.editor.to_string();
        self.fetch(false)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        // An edit or a copy must start from the item as last seen, never a stale row.
        self.take_fresh();
        match command {
            CommandId::Refresh => Some(self.reload()),
            CommandId::LoadAll => {
                // Asked for before the first page arrived: stream from it on.
                let first_pending = self.loading && self.pages == 0;
                Some(if !(self.has_more() || first_pending) {
                    vec![Effect::Flash(Level::Info, "every item is loaded".into())]
                } else if self.rows.len() >= STREAM_CAP {
                    vec![Effect::Flash(
                        Level::Info,
                        format!(
                            "{} rows loaded already; m loads the next page",
                            format::count(STREAM_CAP)
                        ),
                    )]
                } else {
                    self.streaming = true;
                    if self.loading {
                        Vec::new()
                    } else {
                        self.fetch(true)
                    }
                })
            }
            CommandId::LoadMore if self.loading => Some(Vec::new()),
            CommandId::LoadMore if self.has_more() => Some(self.fetch(true)),
            CommandId::LoadMore => Some(vec![Effect::Flash(
                Level::Info,
                "every item is loaded".into(),
            )]),
            CommandId::Export if self.exporting.is_some() => Some(vec![Effect::Flash(
                Level::Warn,
                "an export is already running".into(),
            )]),
            CommandId::Export => Some(self.export()),
            CommandId::Query | CommandId::Describe if self.keys.is_empty() => {
                Some(vec![Effect::Flash(
                    Level::Warn,
                    "PartiQL results have no one table; open the table from :ddb".into(),
                )])
            }
            CommandId::Query => Some(vec![super::open_query_form(
                &self.ctx,
                &self.table,
                cx.queries,
                self.form.clone(),
            )]),
            CommandId::Describe => Some(vec![super::tables::open_description(
                &self.ctx,
                &self.table.name,
            )]),
            CommandId::EditItem | CommandId::DeleteItem | CommandId::NewItem
                if self.keys.is_empty() =>
            {
                Some(vec![Effect::Flash(
                    Level::Warn,
                    "PartiQL results have no one table; change items from :ddb".into(),
                )])
            }
            CommandId::EditItem => {
                let (pending, effects) = self.edit_target().edit(&self.rows.selected_row()?.item);
                self.editing = Some(pending);
                Some(effects)
            }
            CommandId::DeleteItem => {
                Some(self.edit_target().delete(&self.rows.selected_row()?.item))
            }
            CommandId::NewItem => {
                let key_types: Vec<(String, String)> = std::iter::once(&self.table.partition)
                    .chain(self.table.sort.as_ref())
                    .map(|k| (k.name.clone(), k.kind.clone()))
                    .collect();
                let (pending, effects) = self.edit_target().create(&key_types);
                self.editing = Some(pending);
                Some(effects)
            }
            CommandId::Open => {
                let row = self.rows.selected_row()?;
                let (item, title) = (
                    row.item.clone(),
                    format!("{} · {}", self.table.name, row.id()),
                );
                let editable = (!self.keys.is_empty()).then(|| {
                    (
                        self.ctx.clone(),
                        self.table.name.clone(),
                        self.keys.to_vec(),
                        self.editor.clone(),
                        self.fresh.clone(),
                    )
                });
                Some(vec![Effect::Push(Box::new(move |id| {
                    let view = super::ItemView::new(id, title, item);
                    Box::new(match editable {
                        Some((ctx, table, keys, editor, fresh)) => {
                            view.editable(ctx, table, keys, editor).reporting_to(fresh)
                        }
                        None => view,
                    })
                }))])
            }
            CommandId::Copy if self.keys.is_empty() => {
                let row = self.rows.selected_row()?;
                Some(vec![Effect::Copy(values::plain_json(&row.item))])
            }
            CommandId::Copy => {
                // The item's key in typed JSON: what `aws dynamodb get-item --key` takes.
                let row = self.rows.selected_row()?;
                let key: serde_json::Map<String, serde_json::Value> = self
                    .keys
                    .iter()
                    .filter_map(|k| Some((k.clone(), typed_json(row.item.get(k)?))))
                    .collect();
                Some(vec![Effect::Copy(
                    serde_json::Value::Object(key).to_string(),
                )])
            }
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.rows)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.rows)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Edit(edit) => super::edit::advance(&mut self.editing, edit),
            Outcome::Ddb(DdbOutcome::Page(Ok(page))) => {
                self.loading = false;
                if self.pages == 0 {
                    self.choose_columns(&page.items);
                }
                self.pages += 1;
                self.scanned += i64::from(page.scanned);
                self.consumed += page.consumed.unwrap_or(0.0);
                self.next = page.next;
                self.next_token = page.next_token;
                let first = self.rows.len();
                let rows: Vec<Row> = page
                    .items
                    .into_iter()
                    .enumerate()
                    .map(|(n, item)| {
                        let mut row = Row {
                            item,
                            attrs: self.attrs.clone(),
                            keys: self.keys.clone(),
                            seq: first + n,
                            search: String::new(),
                        };
                        row.refresh_search();
                        row
                    })
                    .collect();
                self.rows.append_rows(rows);
                if self.streaming && self.has_more() && self.rows.len() < STREAM_CAP {
                    return self.fetch(true);
                }
                if self.streaming && self.has_more() {
                    self.streaming = false;
                    return vec![Effect::Flash(
                        Level::Info,
                        format!(
                            "stopped at {} rows; m loads the next page",
                            format::count(self.rows.len())
                        ),
                    )];
                }
                self.streaming = false;
                Vec::new()
            }
            Outcome::Ddb(DdbOutcome::Written { write, result }) => {
                let mut effects = vec![super::edit::written(&write, &result)];
                match (*write, result) {
                    // The row as intended at once, then as the table holds it.
                    (Write::Update(update), Ok(_)) => {
                        self.refresh_item(&update.key, Some(update.edited));
                        effects.push(self.edit_target().reread(update.key));
                    }
                    (Write::Delete { key, .. }, Ok(_)) => self.refresh_item(&key, None),
                    (Write::Put { item, keys, .. }, Err(e))
                        if crate::aws::dynamodb::is_condition_failure(&e) =>
                    {
                        let target = self.edit_target();
                        effects.push(Effect::Confirm(crate::pane::Confirm {
                            title: "An item with this key exists. Replace it?".into(),
                            lines: vec![
                                "Its current attributes are lost; this cannot be undone.".into(),
                            ],
                            typed: Some("replace".into()),
                            on_yes: vec![target.request(Write::Put {
                                item,
                                keys,
                                replace: true,
                            })],
                        }));
                    }
                    (Write::Put { .. }, Ok(_)) => effects.push(Effect::Flash(
                        Level::Success,
                        "item added (Ctrl-R reloads the results)".into(),
                    )),
                    _ => {}
                }
                effects
            }
            Outcome::Ddb(DdbOutcome::Item { key, result }) => match result {
                Ok(now) => {
                    self.refresh_item(&key, now);
                    Vec::new()
                }
                Err(e) => vec![Effect::Flash(
                    Level::Error,
                    format!("not re-read (the row may be old): {}", e.summary()),
                )],
            },
            Outcome::Ddb(DdbOutcome::ExportProgress(n)) => {
                self.exporting = Some(n);
                Vec::new()
            }
            Outcome::Ddb(DdbOutcome::ExportConflict(job)) => {
                self.exporting = None;
                let op = Op::Ddb(DdbOp::Export {
                    overwrite: true,
                    job: job.clone(),
                });
                vec![Effect::Confirm(crate::pane::Confirm {
                    title: format!("Replace {}?", job.path.display()),
                    lines: vec!["The file exists; nothing was written yet.".into()],
                    typed: None,
                    on_yes: vec![Effect::Request(
                        Job::new(Owner::Pane(self.id), op).in_slot("export"),
                    )],
                })]
            }
            Outcome::Ddb(DdbOutcome::Exported { path, result }) => {
                self.exporting = None;
                vec![match result {
                    Ok(n) => Effect::Flash(
                        Level::Success,
                        format!("exported {} items to {}", format::count(n), path.display()),
                    ),
                    Err(e) => {
                        Effect::Flash(Level::Error, format!("export failed, nothing kept: {e}"))
                    }
                }]
            }
            Outcome::Ddb(DdbOutcome::Page(Err(e))) => {
                self.loading = false;
                self.streaming = false;
                self.error = Some(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("{}: {}", self.table.name, e.summary()),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        self.take_fresh();
        let title = self.heading();
        if self.columns.is_empty() {
            self.choose_columns(&[]);
        }
        self.rows.render(frame, area, theme, &title, &self.columns);
    }
}
