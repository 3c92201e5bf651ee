//! The instances table: every page of DescribeInstances (optionally filtered by EC2 itself),
//! live state while anything is changing, and the lifecycle actions — dry run first, then a
//! confirmation listing the instances, then a report per instance.

use super::{connect, documents};
use crate::aws::ContextKey;
use crate::aws::ec2::{self, Action, Filter, Instance};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::fleet::{self, Poller, Target};
use crate::protocol::ec2::{Ec2Op, Ec2Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use std::sync::Arc;

/// Polls ask about at most this many changing instances at once.
const POLL_BATCH: usize = 200;

/// Most important first: on a narrow terminal the last columns give way.
pub const COLUMNS: &[(&str, Constraint)] = &[
    ("NAME", Constraint::Fill(1)),
    ("ID", Constraint::Length(19)),
    ("STATE", Constraint::Length(15)),
    ("TYPE", Constraint::Length(10)),
    ("PRIVATE IP", Constraint::Length(15)),
    ("PUBLIC IP", Constraint::Length(15)),
    ("ZONE", Constraint::Length(11)),
    ("AGE", Constraint::Length(4)),
    ("KEY", Constraint::Length(12)),
];

pub struct Row {
    instance: Instance,
    /// Tags shown as extra columns (shared by every row).
    tag_columns: Arc<[String]>,
    now: i64,
}

/// An instance's cells under `COLUMNS`, then one per tag column (shared with the
/// cross-context view).
pub fn cells(i: &Instance, tag_columns: &[String], now: i64) -> Vec<CellText> {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut cells = vec![
        CellText::plain(i.name()),
        CellText::plain(i.id.clone()),
        fleet::state_cell(&i.state, i.is_transitional()),
        CellText::plain(i.instance_type.clone()),
        CellText::plain(or_dash(&i.private_ip)),
        CellText::plain(or_dash(&i.public_ip)),
        CellText::plain(i.az.clone()),
        CellText::plain(
            i.launched
                .map(|t| format::age(t, now))
                .unwrap_or_else(|| "—".into()),
        ),
        CellText::plain(or_dash(&i.key_name)),
    ];
    cells.extend(
        tag_columns
            .iter()
            .map(|k| CellText::plain(i.tag(k).unwrap_or_default())),
    );
    cells
}

/// The key for sorting by `column` of `cells`.
pub fn sort_key(i: &Instance, column: usize, tag_columns: &[String], now: i64) -> SortKey {
    match column {
        // Oldest first, like the AGE column read top to bottom.
        7 => SortKey::Number(i.launched.unwrap_or(i64::MAX)),
        _ => SortKey::Text(
            cells(i, tag_columns, now)
                .into_iter()
                .nth(column)
                .map(|c| c.text.to_lowercase())
                .unwrap_or_default(),
        ),
    }
}

/// What the fuzzy filter matches: name, id, state, type, IPs and tag values.
pub fn filter_text(i: &Instance) -> String {
    let mut text = format!(
        "{} {} {} {} {} {}",
        i.name(),
        i.id,
        i.state,
        i.instance_type,
        i.private_ip.as_deref().unwrap_or_default(),
        i.public_ip.as_deref().unwrap_or_default()
    );
    for (k, v) in &i.tags {
        if k != "Name" {
            text.push(' ');
            text.push_str(v);
        }
    }
    text
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        cells(&self.instance, &self.tag_columns, self.now)
    }

    fn sort_key(&self, column: usize) -> SortKey {
        sort_key(&self.instance, column, &self.tag_columns, self.now)
    }

    fn id(&self) -> String {
        self.instance.id.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(filter_text(&self.instance))
    }
}

pub struct InstancesPane {
    id: PaneId,
    table: ResourceTable<Row>,
    filters: Vec<Filter>,
    tag_columns: Arc<[String]>,
    columns: Vec<Column>,
    loading: bool,
    error: Option<String>,
    poller: Poller,
    page_size: i32,
}

impl InstancesPane {
    pub fn new(id: PaneId, cx: &PaneCx) -> InstancesPane {
        let tag_columns: Arc<[String]> = cx.ec2.tag_columns.iter().cloned().collect();
        let mut columns: Vec<Column> = COLUMNS
            .iter()
            .map(|(title, width)| Column::new(title, *width))
            .collect();
        columns.extend(
            tag_columns
                .iter()
                .map(|k| Column::titled(k.to_uppercase(), Constraint::Length(12))),
        );
        InstancesPane {
            id,
            table: ResourceTable::default(),
            filters: Vec::new(),
            tag_columns,
            columns,
            loading: false,
            error: None,
            poller: Poller::default(),
            page_size: crate::protocol::ec2::PAGE_SIZE,
        }
    }

    /// Smaller pages, so tests can see a listing arrive in several.
    pub fn with_page_size(mut self, page_size: i32) -> InstancesPane {
        self.page_size = page_size;
        self
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn load(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        self.table.set_rows(Vec::new());
        let op = Op::Ec2(Ec2Op::List {
            ctx: cx.active.clone(),
            filters: self.filters.clone(),
            page_size: self.page_size,
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("list"),
        )]
    }

    fn row(&self, instance: Instance) -> Row {
        Row {
            instance,
            tag_columns: self.tag_columns.clone(),
            now: crate::clock::now_secs(),
        }
    }

    fn changing_ids(&self) -> Vec<String> {
        self.table
            .rows()
            .iter()
            .filter(|r| r.instance.is_transitional())
            .map(|r| r.instance.id.clone())
            .collect()
    }

    /// Polls again later while anything is changing; otherwise stops.
    fn schedule_poll(&mut self) -> Vec<Effect> {
        let changing = !self.changing_ids().is_empty();
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    fn update(&mut self, fresh: Vec<Instance>) {
        let mut fresh: std::collections::HashMap<String, Instance> =
            fresh.into_iter().map(|i| (i.id.clone(), i)).collect();
        self.table.update_rows(|row| {
            if let Some(i) = fresh.remove(&row.instance.id) {
                row.instance = i;
            }
        });
    }

    fn set_states(&mut self, states: &[(String, String)]) {
        self.table.update_rows(|row| {
            if let Some((_, state)) = states.iter().find(|(id, _)| *id == row.instance.id) {
                row.instance.state = state.clone();
            }
        });
    }

    /// Step one of an action: the instances it applies to, and a dry run.
    fn begin(&mut self, action: Action, cx: &PaneCx) -> Vec<Effect> {
        let targets: Vec<&Instance> = self
            .table
            .targets()
            .into_iter()
            .map(|r| &r.instance)
            .collect();
        if targets.is_empty() {
            return vec![Effect::Flash(Level::Warn, "no instance selected".into())];
        }
        let (gone, ids): (Vec<&Instance>, Vec<&Instance>) = targets
            .into_iter()
            .partition(|i| matches!(i.state.as_str(), "terminated" | "shutting-down"));
        if ids.is_empty() {
            let names: Vec<&str> = gone.iter().map(|i| i.id.as_str()).collect();
            return vec![Effect::Flash(
                Level::Warn,
                format!(
                    "nothing to {}: {} terminated",
                    action.verb(),
                    names.join(", ")
                ),
            )];
        }
        let op = Op::Ec2(Ec2Op::DryRun {
            ctx: cx.active.clone(),
            action,
            ids: ids.iter().map(|i| i.id.clone()).collect(),
        });
        vec![
            Effect::Flash(
                Level::Info,
                format!("checking permission to {}…", action.verb()),
            ),
            Effect::Request(Request::new(self.owner(), op).in_slot("action")),
        ]
    }

    /// Step two: the dry run passed; ask.
    fn confirm(&self, action: Action, ids: Vec<String>, cx: &PaneCx) -> Vec<Effect> {
        let targets: Vec<Target> = ids
            .iter()
            .map(|id| {
                let label = self
                    .table
                    .rows()
                    .iter()
                    .find(|r| &r.instance.id == id)
                    .map(|r| format!("{} ({})", r.instance.name(), r.instance.state))
                    .unwrap_or_default();
                Target {
                    id: id.clone(),
                    label,
                }
            })
            .collect();
        let note = match action {
            Action::Stop => Some("Instance-store data is lost when an instance stops.".into()),
            Action::Terminate => Some(
                "Terminated instances and their delete-on-termination volumes are gone.".into(),
            ),
            _ => None,
        };
        let op = Op::Ec2(Ec2Op::Act {
            ctx: cx.active.clone(),
            action,
            ids,
        });
        vec![fleet::confirm(
            action.verb(),
            "instance",
            &targets,
            action == Action::Terminate,
            note,
            vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("action"),
            )],
        )]
    }

    fn selected(&self) -> Option<&Instance> {
        self.table.selected_row().map(|r| &r.instance)
    }

    fn open_document(
        &self,
        cx: &PaneCx,
        title: String,
        make: fn(ContextKey, String) -> Ec2Op,
        read: crate::panes::document::ReadOutcome,
    ) -> Option<Vec<Effect>> {
        let id = self.selected()?.id.clone();
        let ctx = cx.active.clone();
        Some(vec![DocumentView::open(
            title,
            id.clone(),
            move || Op::Ec2(make(ctx.clone(), id.clone())),
            read,
        )])
    }

    /// The table's title: filters, loading or error, and how many rows are changing.
    fn heading(&self) -> String {
        let mut title = "EC2 instances".to_string();
        if !self.filters.is_empty() {
            title.push_str(&format!(" · {}", ec2::describe_filters(&self.filters)));
        }
        match (&self.error, self.loading) {
            (Some(e), _) => title.push_str(&format!(" · error: {e}")),
            (None, true) => title.push_str(" · loading…"),
            (None, false) => {
                let changing = self.changing_ids().len();
                if changing > 0 {
                    title.push_str(&format!(" · {changing} changing, watching"));
                }
            }
        }
        title
    }
}

impl Pane for InstancesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "EC2 instances".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ec2, Scope::Fleet, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Start,
            CommandId::Stop,
            CommandId::Reboot,
            CommandId::Terminate,
            CommandId::ConsoleOutput,
            CommandId::Connect,
            CommandId::Mark,
            CommandId::Help,
        ]
    }

    /// A listing or state refresh that failed shows like a refused listing; an action that
    /// was not sent was said in the status line and leaves the rows as they were.
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
            CommandId::Back if !self.filters.is_empty() => {
                self.filters.clear();
                Some(self.load(cx))
            }
            CommandId::Start => Some(self.begin(Action::Start, cx)),
            CommandId::Stop => Some(self.begin(Action::Stop, cx)),
            CommandId::Reboot => Some(self.begin(Action::Reboot, cx)),
            CommandId::Terminate => Some(self.begin(Action::Terminate, cx)),
            CommandId::Open => {
                let name = self.selected()?.name().to_string();
                let id = self.selected()?.id.clone();
                let title = if name.is_empty() {
                    id
                } else {
                    format!("{name} ({id})")
                };
                self.open_document(
                    cx,
                    title,
                    |ctx, id| Ec2Op::Details { ctx, id },
                    documents::read_details,
                )
            }
            CommandId::ConsoleOutput => {
                let id = self.selected()?.id.clone();
                self.open_document(
                    cx,
                    format!("console output · {id}"),
                    |ctx, id| Ec2Op::Console { ctx, id },
                    documents::read_console,
                )
            }
            CommandId::Connect => {
                let i = self.selected()?;
                if i.state != "running" {
                    return Some(vec![Effect::Flash(
                        Level::Warn,
                        format!("{} is {}; SSM needs it running", i.id, i.state),
                    )]);
                }
                Some(vec![Effect::Session(connect::ssm(cx.active, i))])
            }
            CommandId::Ssh => {
                let i = self.selected()?;
                Some(match connect::ssh(cx.active, cx.ec2, i) {
                    Ok(session) => vec![Effect::Session(session)],
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                })
            }
            CommandId::Copy => Some(vec![Effect::Copy(self.selected()?.id.clone())]),
            CommandId::CopyPrivateIp | CommandId::CopyPublicIp => {
                let i = self.selected()?;
                let (ip, which) = if command == CommandId::CopyPublicIp {
                    (&i.public_ip, "public")
                } else {
                    (&i.private_ip, "private")
                };
                Some(match ip {
                    Some(ip) => vec![Effect::Copy(ip.clone())],
                    None => vec![Effect::Flash(
                        Level::Warn,
                        format!("{} has no {which} IP", i.id),
                    )],
                })
            }
            CommandId::CopyArn => {
                let i = self.selected()?;
                Some(match cx.identities.get(&cx.active.profile) {
                    Some(IdentityState::Resolved(who)) => vec![Effect::Copy(ec2::instance_arn(
                        &cx.active.region,
                        &who.account,
                        &i.id,
                    ))],
                    _ => vec![Effect::Flash(
                        Level::Warn,
                        "the account id is not known yet; try again in a moment".into(),
                    )],
                })
            }
            _ => None,
        }
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, cx: &PaneCx) -> Option<Vec<Effect>> {
        if command != CommandId::Filter {
            return None;
        }
        if arg == "none" {
            self.filters.clear();
            return Some(self.load(cx));
        }
        Some(match ec2::parse_filters(arg) {
            Ok(filters) => {
                self.filters = filters;
                self.load(cx)
            }
            Err(e) => vec![Effect::Flash(Level::Error, e)],
        })
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn wake(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let ids: Vec<String> = self.changing_ids().into_iter().take(POLL_BATCH).collect();
        if ids.is_empty() {
            return Vec::new();
        }
        let op = Op::Ec2(Ec2Op::Poll {
            ctx: cx.active.clone(),
            ids,
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("poll"),
        )]
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Ec2(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            Ec2Outcome::Page(instances) => {
                let rows = instances.into_iter().map(|i| self.row(i)).collect();
                self.table.append_rows(rows);
                Vec::new()
            }
            Ec2Outcome::Listed(result) => {
                self.loading = false;
                if let Err(e) = result {
                    self.error = Some(e.summary());
                    return vec![Effect::Flash(Level::Error, format!("EC2: {}", e.summary()))];
                }
                self.poller.restart();
                self.schedule_poll()
            }
            Ec2Outcome::Polled(result) => {
                let mut effects = Vec::new();
                match result {
                    Ok(fresh) => self.update(fresh),
                    Err(e) => effects.push(Effect::Flash(
                        Level::Warn,
                        format!("EC2 state refresh: {}", e.summary()),
                    )),
                }
                effects.extend(self.schedule_poll());
                effects
            }
            Ec2Outcome::DryRan {
                action,
                ids,
                result: Ok(()),
            } => self.confirm(action, ids, cx),
            Ec2Outcome::DryRan {
                action,
                result: Err(e),
                ..
            } => vec![Effect::Flash(
                Level::Error,
                format!("cannot {}: {}", action.verb(), e.summary()),
            )],
            Ec2Outcome::Acted { action, results } => {
                let lost: Vec<String> = results
                    .iter()
                    .filter(|r| r.result.as_ref().is_err_and(|e| e.outcome_unknown()))
                    .map(|r| r.id.clone())
                    .collect();
                let states: Vec<(String, String)> = results
                    .iter()
                    .filter_map(|r| Some((r.id.clone(), r.result.clone().ok()?)))
                    .collect();
                self.set_states(&states);
                self.table.clear_marks();
                self.poller.restart();
                let mut effects = fleet::report(
                    action.verb(),
                    results
                        .into_iter()
                        .map(|r| (r.id, r.result.map_err(|e| e.summary())))
                        .collect(),
                );
                if lost.is_empty() {
                    effects.extend(self.schedule_poll());
                } else {
                    // The action may have happened without its answer: read the real state
                    // now instead of guessing, and never send the action again.
                    effects.push(Effect::Flash(
                        Level::Warn,
                        format!(
                            "{}: the answer for {} was lost; re-reading the state",
                            action.verb(),
                            lost.join(", ")
                        ),
                    ));
                    let op = Op::Ec2(Ec2Op::Poll {
                        ctx: cx.active.clone(),
                        ids: lost,
                    });
                    effects.push(Effect::Request(
                        Request::new(self.owner(), op).in_slot("poll"),
                    ));
                }
                effects
            }
            Ec2Outcome::Details(_) | Ec2Outcome::Console(_) | Ec2Outcome::GroupDetails(_) => {
                Vec::new()
            }
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.poller.restart();
        self.load(cx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = self.heading();
        self.table.render(frame, area, theme, &title, &self.columns);
    }
}
