//! Logs Insights: a query editor (multi-line), the log groups and a time range in the view's
//! context; the query runs (StartQuery, then GetQueryResults polled with a backoff) with its
//! progress, and its results stream into a table whose columns are the query's fields. Leaving
//! the view, switching context, `x` or running again stops a running query (StopQuery).

mod args;
mod groups_input;
mod results;
mod saved;

use crate::aws::ContextKey;
use crate::aws::logs::{InsightsQuery, QueryResults, QueryStatus};
use crate::command::{CommandId, Scope};
use crate::pane::{Ask, Effect, Level, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::dynamodb::ExportFormat;
use crate::protocol::logs::{InsightsExport, InsightsOp, LogsOp, LogsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::sanitize::sanitize;
use crate::saved_queries::{InsightsSaved, QueryFiles};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{Column, ListInput, ResourceTable};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;
use std::sync::Arc;

/// What runs when the editor is empty: the newest events of the groups.
pub const DEFAULT_QUERY: &str =
    "fields @timestamp, @message, @logStream | sort @timestamp desc | limit 100";
/// The time range when none is given.
const DEFAULT_SINCE: &str = "1h";
/// Waits between GetQueryResults calls: most queries end within seconds, long ones are asked
/// less and less often (as the fleet views' `Poller` backs off).
const BACKOFF_MS: [u64; 7] = [500, 1_000, 1_000, 2_000, 3_000, 5_000, 8_000];

enum Run {
    Idle,
    /// Sent; no id yet.
    Starting,
    Running,
    Ended(QueryStatus),
    Failed(String),
    /// Stopped from here (key, context switch): the runtime stopped it on AWS.
    Stopped(&'static str),
}

pub struct InsightsPane {
    id: PaneId,
    ctx: ContextKey,
    groups: Vec<String>,
    /// The range's start as typed (`1h`, `2026-11-23 14:00`): relative ones count from each run.
    since: String,
    editor: TextArea<'static>,
    editing: bool,
    run_at_open: bool,
    run: Run,
    /// The running query's id (known once StartQuery answered).
    query_id: Option<String>,
    polls: usize,
    answer: QueryResults,
    fields: Arc<[String]>,
    columns: Vec<Column>,
    table: ResourceTable<results::Row>,
    /// The saved queries and last runs, over the results while open (`o`).
    picker: Option<saved::Picker>,
    /// The groups being typed in place (`G`), with Tab completion.
    groups_input: Option<groups_input::GroupsInput>,
    /// Where saved queries and runs are kept (set when the view opens, from the app's).
    files: QueryFiles,
}

/// `:insights GROUP… [-- QUERY]` in the active context.
pub fn open(id: PaneId, arg: &str, cx: &PaneCx) -> Result<Box<dyn Pane>, String> {
    let args = args::parse(arg);
    let mut pane = InsightsPane::new(id, cx.active.clone(), args.groups, DEFAULT_SINCE);
    if let Some(query) = args.query {
        pane = pane.query(&query).run_at_open();
    }
    Ok(Box::new(pane))
}

impl InsightsPane {
    pub fn new(id: PaneId, ctx: ContextKey, groups: Vec<String>, since: &str) -> InsightsPane {
        InsightsPane {
            id,
            ctx,
            groups,
            since: since.trim().to_string(),
            editor: text_area(""),
            editing: false,
            run_at_open: false,
            run: Run::Idle,
            query_id: None,
            polls: 0,
            answer: QueryResults::default(),
            fields: Arc::from(Vec::new()),
            columns: Vec::new(),
            table: ResourceTable::default(),
            picker: None,
            groups_input: None,
            files: QueryFiles::default(),
        }
    }

    pub fn query(mut self, query: &str) -> InsightsPane {
        self.editor = text_area(query);
        self
    }

    /// Runs as soon as it is shown (`:insights G -- QUERY`).
    pub fn run_at_open(mut self) -> InsightsPane {
        self.run_at_open = true;
        self
    }

    fn query_text(&self) -> String {
        let text = self.editor.lines().join("\n");
        if text.trim().is_empty() {
            DEFAULT_QUERY.to_string()
        } else {
            text
        }
    }

    fn is_running(&self) -> bool {
        matches!(self.run, Run::Starting | Run::Running)
    }

    fn start(&mut self) -> Vec<Effect> {
        if self.groups.is_empty() {
            return vec![
                Effect::Flash(Level::Warn, "name a log group first".into()),
                self.ask_groups(),
            ];
        }
        let now = crate::clock::now_ms();
        let start_ms = match crate::config::parse_start(&self.since, now) {
            Ok(ms) => ms,
            Err(e) => return vec![Effect::Flash(Level::Error, e)],
        };
        let query = InsightsQuery {
            groups: self.groups.clone(),
            start_s: start_ms.div_euclid(1000),
            end_s: now.div_euclid(1000),
            query: self.query_text(),
        };
        // A query still running is stopped first: its results would be replaced anyway.
        let mut effects = self.stop("run again");
        self.editing = false;
        self.run = Run::Starting;
        self.polls = 0;
        self.answer = QueryResults::default();
        self.show_rows();
        // Every run goes to the history (a rerun of the same query moves to its top).
        effects.push(self.local(InsightsOp::Remember {
            files: self.files.clone(),
            entry: self.current(String::new()),
        }));
        effects.push(self.request(InsightsOp::Start {
            ctx: self.ctx.clone(),
            query,
        }));
        effects
    }

    /// What the view would save now, under `name`.
    fn current(&self, name: String) -> InsightsSaved {
        InsightsSaved {
            groups: self.groups.clone(),
            name,
            query: self.editor.lines().join("\n"),
            since: self.since.clone(),
        }
    }

    /// A request on the local query files, in its own slot so a query's slot is untouched.
    fn local(&self, op: InsightsOp) -> Effect {
        let op = Op::Logs(LogsOp::Insights(op));
        Effect::Request(Request::new(Owner::Pane(self.id), op).in_slot("saved"))
    }

    fn open_picker(&mut self) -> Vec<Effect> {
        self.picker = Some(saved::Picker::loading());
        self.editing = false;
        vec![self.local(InsightsOp::Queries(self.files.clone()))]
    }

    /// Takes the picked query into the view: groups, text and time range.
    fn pick(&mut self) -> Option<()> {
        let entry = self.picker.as_ref()?.rows.selected_row()?.query.clone();
        self.picker = None;
        self.groups = entry.groups;
        self.since = entry.since;
        self.editor = text_area(&entry.query);
        Some(())
    }

    fn save(&self, name: &str) -> Vec<Effect> {
        let name = name.trim();
        if name.is_empty() {
            return vec![Effect::Flash(
                Level::Warn,
                "a saved query needs a name".into(),
            )];
        }
        if self.groups.is_empty() {
            return vec![Effect::Flash(Level::Warn, "name a log group first".into())];
        }
        vec![self.local(InsightsOp::Save {
            files: self.files.clone(),
            entry: self.current(name.to_string()),
        })]
    }

    fn forget(&self) -> Vec<Effect> {
        let Some(entry) = self.picker.as_ref().and_then(|p| p.rows.selected_row()) else {
            return vec![Effect::Flash(Level::Info, "no query selected".into())];
        };
        let what = if entry.saved {
            format!("the saved query '{}'", entry.query.name)
        } else {
            format!("the run of {}", entry.query.name)
        };
        vec![Effect::Confirm(crate::pane::Confirm {
            title: format!("Delete {}?", sanitize(&what)),
            lines: vec![sanitize(&entry.query.summary()).into_owned()],
            typed: None,
            on_yes: vec![self.local(InsightsOp::Forget {
                files: self.files.clone(),
                entry: entry.query.clone(),
                recent: !entry.saved,
            })],
        })]
    }

    /// In the `query` slot: a new start or poll replaces the one waiting there.
    fn request(&self, op: InsightsOp) -> Effect {
        let op = Op::Logs(LogsOp::Insights(op));
        Effect::Request(Request::new(Owner::Pane(self.id), op).in_slot("query"))
    }

    fn poll(&self) -> Vec<Effect> {
        match (&self.run, &self.query_id) {
            (Run::Running, Some(id)) => vec![self.request(InsightsOp::Poll {
                ctx: self.ctx.clone(),
                id: id.clone(),
            })],
            _ => Vec::new(),
        }
    }

    /// Stops the running query, if any: nothing more is asked, and StopQuery goes out.
    fn stop(&mut self, why: &'static str) -> Vec<Effect> {
        if !self.is_running() {
            return Vec::new();
        }
        self.run = Run::Stopped(why);
        let mut effects = vec![Effect::Cancel(Owner::Pane(self.id), "query")];
        if let Some(id) = self.query_id.take() {
            // Owned by the app: closing this view cancels what the view owns, and this must
            // still go out.
            let op = Op::Logs(LogsOp::Insights(InsightsOp::Stop {
                ctx: self.ctx.clone(),
                id,
            }));
            effects.push(Effect::Request(Request::new(Owner::App, op)));
        }
        effects
    }

    fn ask_groups(&self) -> Effect {
        Effect::Ask(Ask {
            title: "Log groups to query (space-separated names)".into(),
            initial: self.groups.join(" "),
            complete_paths: false,
            on_answer: Box::new(|answer| {
                vec![Effect::Run(CommandId::InsightsGroups, Some(answer))]
            }),
        })
    }

    fn show_rows(&mut self) {
        let fields = results::fields(&self.answer.rows);
        if *fields != *self.fields {
            self.columns = results::columns(&fields);
            self.fields = Arc::from(fields);
        }
        self.table
            .set_rows(results::rows(&self.answer.rows, &self.fields));
    }

    fn expand(&self) -> Vec<Effect> {
        let Some(row) = self.table.selected_row().cloned() else {
            return vec![Effect::Flash(Level::Info, "no result to expand".into())];
        };
        let doc = results::expand(&row);
        let copy = row
            .fields
            .iter()
            .zip(&row.values)
            .find(|(f, _)| *f == "@message")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| row.values.join("\t"));
        let title = format!("result {}", row.index + 1);
        vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))]
    }

    /// Asks where to, then writes the results as they are (JSON Lines or CSV by the name).
    fn export(&self) -> Vec<Effect> {
        if self.answer.rows.is_empty() {
            return vec![Effect::Flash(Level::Info, "no results to export".into())];
        }
        let stamp: String = crate::clock::local_time(crate::clock::now_secs())
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let owner = Owner::Pane(self.id);
        let columns = self.fields.to_vec();
        let rows = self.answer.rows.clone();
        vec![Effect::Ask(Ask {
            title: "Export the results to (.jsonl or .csv)".into(),
            initial: format!("./insights-{stamp}.jsonl"),
            complete_paths: true,
            on_answer: Box::new(move |answer: String| {
                let path = std::path::PathBuf::from(crate::paths::expand_home(answer.trim()));
                match ExportFormat::for_path(&path) {
                    Ok(format) => vec![export_request(
                        owner,
                        InsightsExport {
                            path,
                            format,
                            columns,
                            rows,
                            overwrite: false,
                        },
                    )],
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                }
            }),
        })]
    }

    fn failed_with(&mut self, why: String) -> Vec<Effect> {
        self.run = Run::Failed(why.clone());
        self.query_id = None;
        vec![Effect::Flash(Level::Error, format!("Logs Insights: {why}"))]
    }

    fn progress(&self) -> String {
        let stats = &self.answer.stats;
        let state = match &self.run {
            Run::Idle => return "r runs · e edits the query".into(),
            Run::Starting => "starting…".to_string(),
            Run::Running => format!("{}…", self.answer.status.word()),
            Run::Ended(status) => status.word().to_string(),
            Run::Failed(_) => "failed".into(),
            Run::Stopped(why) => format!("stopped ({why})"),
        };
        format!(
            "{state} · {} rows · {} matched · {} scanned · {}",
            format::count(self.answer.rows.len()),
            format::count(stats.records_matched.max(0.0) as usize),
            format::count(stats.records_scanned.max(0.0) as usize),
            format::size(stats.bytes_scanned.max(0.0) as i64),
        )
    }
}

impl InsightsPane {
    /// Keys while the groups are typed in place: Tab asks for the word's completions.
    fn groups_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let Some(input) = &mut self.groups_input else {
            return Vec::new();
        };
        if key.code == KeyCode::Tab {
            let prefix = input.word().to_string();
            input.asked = Some(prefix.clone());
            // In its own slot: a newer Tab replaces the older request still waiting.
            let op = Op::Logs(LogsOp::Insights(InsightsOp::GroupNames {
                ctx: self.ctx.clone(),
                prefix,
            }));
            return vec![Effect::Request(
                Request::new(Owner::Pane(self.id), op).in_slot("complete"),
            )];
        }
        match input.input.handle(key) {
            crate::ui::line_input::InputEvent::Submit => {
                self.groups = input.groups();
                self.groups_input = None;
                self.editing = !self.groups.is_empty();
            }
            crate::ui::line_input::InputEvent::Cancel => self.groups_input = None,
            crate::ui::line_input::InputEvent::Changed => input.choices.clear(),
            _ => {}
        }
        Vec::new()
    }

    /// Commands while the saved/recent list covers the results.
    fn handle_in_picker(&mut self, command: CommandId) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Open => match self.pick() {
                Some(()) => self.start(),
                None => Vec::new(),
            },
            CommandId::InsightsEdit => {
                if self.pick().is_some() {
                    self.editing = true;
                }
                Vec::new()
            }
            CommandId::InsightsForget => self.forget(),
            CommandId::InsightsQueries | CommandId::Refresh => self.open_picker(),
            CommandId::Back => {
                self.picker = None;
                Vec::new()
            }
            CommandId::Quit | CommandId::ForceQuit if self.is_running() => {
                let mut effects = self.stop("view left");
                effects.push(Effect::Run(command, None));
                effects
            }
            // The list's own keys (moves, filter) are the app's; the rest waits for the list
            // to close.
            _ => return None,
        })
    }
}

fn export_request(owner: Owner, job: InsightsExport) -> Effect {
    let op = Op::Logs(LogsOp::Insights(InsightsOp::Export(Box::new(job))));
    Effect::Request(Request::new(owner, op).in_slot("export"))
}

fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_owned).collect());
    area.set_placeholder_text(DEFAULT_QUERY);
    area
}

impl Pane for InsightsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("Logs Insights {}", self.groups.join(" "))
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Insights, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        if self.picker.is_some() {
            return &[
                CommandId::Open,
                CommandId::InsightsEdit,
                CommandId::InsightsForget,
                CommandId::Filter,
                CommandId::Back,
            ];
        }
        &[
            CommandId::InsightsRun,
            CommandId::InsightsEdit,
            CommandId::InsightsGroups,
            CommandId::InsightsSince,
            CommandId::Open,
            CommandId::InsightsStop,
            CommandId::InsightsExport,
            CommandId::InsightsSave,
            CommandId::InsightsQueries,
            CommandId::Back,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn location(&self) -> Option<String> {
        let query = self.editor.lines().join(" ");
        let mut line = format!(":insights {}", self.groups.join(" "));
        if !query.trim().is_empty() {
            line.push_str(&format!(" -- {}", query.trim()));
        }
        Some(line)
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.files = cx.queries.for_insights();
        if self.run_at_open {
            self.run_at_open = false;
            return self.start();
        }
        self.editing = !self.groups.is_empty();
        if self.groups.is_empty() {
            return vec![self.ask_groups()];
        }
        Vec::new()
    }

    /// The view keeps its own context; the switch cancelled its requests: the query is
    /// stopped too rather than left running unwatched.
    fn context_switched(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.stop("context switched; r runs it again")
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.poll()
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("query") {
            self.run = Run::Failed(failure.summary());
        }
    }

    fn is_editing(&self) -> bool {
        self.editing
            || self.groups_input.is_some()
            || match &self.picker {
                Some(picker) => picker.rows.is_editing_filter(),
                None => self.table.is_editing_filter(),
            }
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if self.groups_input.is_some() {
            return self.groups_key(key);
        }
        if let Some(picker) = &mut self.picker {
            picker.rows.handle_filter_key(key);
            return Vec::new();
        }
        if !self.editing {
            self.table.handle_filter_key(key);
            return Vec::new();
        }
        if key.code == KeyCode::Esc {
            self.editing = false;
            return Vec::new();
        }
        // Ctrl-R runs from inside the editor, as `r` does outside it.
        if key.code == KeyCode::Char('r')
            && key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
        {
            return self.start();
        }
        self.editor.input(*key);
        Vec::new()
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(g) = &mut self.groups_input {
            g.input.insert_str(text);
            return;
        }
        if let Some(picker) = &mut self.picker {
            picker.rows.paste_into_filter(text);
            return;
        }
        if !self.editing {
            self.table.paste_into_filter(text);
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.editor.insert_str(text);
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        if self.picker.is_some() {
            return self.handle_in_picker(command);
        }
        Some(match command {
            CommandId::InsightsRun | CommandId::Refresh => self.start(),
            CommandId::InsightsQueries => self.open_picker(),
            CommandId::InsightsSave => vec![Effect::Ask(Ask {
                title: "Save the query as".into(),
                initial: String::new(),
                complete_paths: false,
                on_answer: Box::new(|answer| {
                    vec![Effect::Run(CommandId::InsightsSave, Some(answer))]
                }),
            })],
            CommandId::InsightsForget => vec![Effect::Flash(
                Level::Info,
                "o lists the saved and recent queries; D deletes there".into(),
            )],
            CommandId::InsightsEdit => {
                self.editing = true;
                Vec::new()
            }
            CommandId::InsightsGroups => {
                self.editing = false;
                self.groups_input = Some(groups_input::GroupsInput::new(&self.groups));
                Vec::new()
            }
            CommandId::InsightsSince => vec![Effect::Ask(Ask {
                title: "Query from: 5m, 1h, 2d ago, or 2026-11-23 14:00 (local; Z for UTC)".into(),
                initial: self.since.clone(),
                complete_paths: false,
                on_answer: Box::new(|answer| {
                    vec![Effect::Run(CommandId::InsightsSince, Some(answer))]
                }),
            })],
            CommandId::InsightsStop => {
                if !self.is_running() {
                    return Some(vec![Effect::Flash(
                        Level::Info,
                        "no query is running".into(),
                    )]);
                }
                self.stop("by you")
            }
            // Leaving with a query running: stop it, then leave as asked.
            CommandId::Back | CommandId::Quit | CommandId::ForceQuit if self.is_running() => {
                let mut effects = self.stop("view left");
                effects.push(Effect::Run(command, None));
                effects
            }
            CommandId::InsightsExport => self.export(),
            CommandId::Open => self.expand(),
            CommandId::Copy => match self.table.selected_row() {
                Some(row) => vec![Effect::Copy(row.values.join("\t"))],
                None => Vec::new(),
            },
            _ => return None,
        })
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, _cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::InsightsSave => self.save(arg),
            CommandId::InsightsGroups => {
                self.groups = arg.split_whitespace().map(str::to_owned).collect();
                Vec::new()
            }
            CommandId::InsightsSince => {
                match crate::config::parse_start(arg, crate::clock::now_ms()) {
                    Ok(_) => {
                        self.since = arg.trim().to_string();
                        Vec::new()
                    }
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                }
            }
            _ => return None,
        })
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Logs(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            LogsOutcome::InsightsStarted(Ok(id)) if matches!(self.run, Run::Starting) => {
                self.run = Run::Running;
                self.query_id = Some(id);
                return self.poll();
            }
            LogsOutcome::InsightsStarted(Err(e)) => return self.failed_with(e.summary()),
            LogsOutcome::InsightsQueries(result) => match (result, &mut self.picker) {
                (Ok((saved, recent)), Some(picker)) => picker.show(saved, recent, &self.groups),
                (Err(e), _) => {
                    self.picker = None;
                    return vec![Effect::Flash(Level::Error, e)];
                }
                _ => {}
            },
            LogsOutcome::InsightsQuerySaved { name, result } => {
                return vec![match result {
                    Ok(path) => Effect::Flash(
                        Level::Success,
                        format!("saved '{}' in {}", sanitize(&name), path.display()),
                    ),
                    Err(e) => Effect::Flash(Level::Error, format!("not saved: {e}")),
                }];
            }
            LogsOutcome::InsightsRemembered(Err(e)) => {
                tracing::warn!(error = %e, "Insights history");
            }
            LogsOutcome::InsightsForgotten(result) => {
                if let Err(e) = result {
                    return vec![Effect::Flash(Level::Error, format!("not deleted: {e}"))];
                }
                if self.picker.is_some() {
                    return self.open_picker();
                }
            }
            LogsOutcome::InsightsGroupNames { prefix, result } => {
                let Some(input) = &mut self.groups_input else {
                    return Vec::new();
                };
                match result {
                    Ok(names) => {
                        input.complete(&prefix, names);
                    }
                    Err(e) if input.asked.as_deref() == Some(prefix.as_str()) => {
                        input.asked = None;
                        return vec![Effect::Flash(
                            Level::Error,
                            format!("log groups: {}", e.summary()),
                        )];
                    }
                    Err(_) => {}
                }
            }
            LogsOutcome::InsightsResults { id, result } if self.query_id.as_ref() == Some(&id) => {
                let answer = match result {
                    Ok(answer) => answer,
                    Err(e) => {
                        // The query may still run: stop it rather than leave it unwatched.
                        let mut effects = self.stop("its results could not be read");
                        effects.extend(self.failed_with(e.summary()));
                        return effects;
                    }
                };
                let status = answer.status;
                self.answer = answer;
                self.show_rows();
                if !status.is_final() {
                    let wait = BACKOFF_MS[self.polls.min(BACKOFF_MS.len() - 1)];
                    self.polls += 1;
                    return vec![Effect::Wake(
                        self.id,
                        std::time::Duration::from_millis(wait),
                    )];
                }
                self.run = Run::Ended(status);
                self.query_id = None;
                if status != QueryStatus::Complete {
                    return vec![Effect::Flash(
                        Level::Warn,
                        format!("the query ended {}", status.word()),
                    )];
                }
            }
            LogsOutcome::InsightsExportExists(job) => {
                let path = job.path.display().to_string();
                let owner = Owner::Pane(self.id);
                return vec![Effect::Confirm(crate::pane::Confirm {
                    title: format!("Replace {path}?"),
                    lines: vec!["The file exists; nothing was written yet.".into()],
                    typed: None,
                    on_yes: vec![export_request(
                        owner,
                        InsightsExport {
                            overwrite: true,
                            ..*job
                        },
                    )],
                })];
            }
            LogsOutcome::InsightsExported { path, result } => {
                return vec![match result {
                    Ok(n) => Effect::Flash(
                        Level::Success,
                        format!("exported {} rows to {}", format::count(n), path.display()),
                    ),
                    Err(e) => Effect::Flash(Level::Error, format!("export failed: {e}")),
                }];
            }
            _ => {}
        }
        Vec::new()
    }

    fn list(&self) -> Option<&dyn ListInput> {
        match &self.picker {
            Some(picker) => Some(&picker.rows),
            None => Some(&self.table),
        }
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        match &mut self.picker {
            Some(picker) => Some(&mut picker.rows),
            None => Some(&mut self.table),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        // The editor grows with its query, up to a third of the view; results get the rest.
        let wanted = self.editor.lines().len() as u16 + 2;
        let editor_height = wanted.clamp(3, (area.height / 3).max(3));
        let [settings, editor, table] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(editor_height),
            Constraint::Fill(1),
        ])
        .areas(area);
        let groups = if self.groups.is_empty() {
            "(none: G names them)".to_string()
        } else {
            self.groups.join(" ")
        };
        let settings_line = if let Some(input) = &self.groups_input {
            let mut spans = vec![
                Span::styled("groups › ", theme.style("detail.key")),
                Span::styled(
                    format!("{}▏", sanitize(input.input.text())),
                    theme.style("table.row.selected"),
                ),
            ];
            let hint = if input.asked.is_some() {
                "  completing…".to_string()
            } else if !input.choices.is_empty() {
                format!("  {}", input.choices.join(" "))
            } else {
                "  Tab completes · Enter sets · Esc".to_string()
            };
            spans.push(Span::styled(
                sanitize(&hint).into_owned(),
                theme.style("detail.key"),
            ));
            Line::from(spans)
        } else {
            self.settings_line(&groups, theme)
        };
        frame.render_widget(Paragraph::new(settings_line), settings);
        self.render_below(frame, editor, table, theme);
    }
}

impl InsightsPane {
    fn settings_line(&self, groups: &str, theme: &Theme) -> Line<'static> {
        Line::from(vec![
            Span::styled("groups ", theme.style("detail.key")),
            Span::styled(sanitize(groups).into_owned(), theme.style("detail.value")),
            Span::styled(" · since ", theme.style("detail.key")),
            Span::styled(
                sanitize(&self.since).into_owned(),
                theme.style("detail.value"),
            ),
            Span::styled(format!(" · {}", self.ctx.region), theme.style("detail.key")),
        ])
    }

    fn render_below(&mut self, frame: &mut Frame, editor: Rect, table: Rect, theme: &Theme) {
        let title = if self.editing {
            " query · editing (Esc stops, C-r runs) "
        } else {
            " query · e edit · r run "
        };
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style(if self.editing {
                "border.focused"
            } else {
                "border"
            }))
            .title(Span::styled(title, theme.style("title")));
        if let Run::Failed(why) = &self.run {
            block = block.title_bottom(Span::styled(
                format!(" {} ", sanitize(why)),
                theme.style("flash.error"),
            ));
        }
        self.editor.set_block(block);
        self.editor.set_style(theme.style("text"));
        self.editor
            .set_cursor_line_style(ratatui::style::Style::default());
        self.editor.set_cursor_style(if self.editing {
            theme.style("table.row.selected")
        } else {
            theme.style("text")
        });
        frame.render_widget(&self.editor, editor);

        if let Some(picker) = &mut self.picker {
            picker.render(frame, table, theme);
            return;
        }
        self.table.set_loading(self.is_running());
        let title = format!("results · {}", self.progress());
        self.table
            .render(frame, table, theme, &title, &self.columns);
    }
}
