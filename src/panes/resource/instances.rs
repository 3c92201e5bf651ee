//! `:ec2` — EC2 instances on the engine, in the active context or many: server-side filters
//! (`:filter state=running tag:Env=prod`), tag columns from config, live state while anything
//! is changing, and the lifecycle actions — dry run first, then a confirmation listing the
//! instances and naming their context, then a report per instance. Details, console output,
//! SSM/SSH sessions and copying addresses act on the selected row in its own context.

use super::kind::unknown_account;
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::ec2::{self, Action, Filter, Instance};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::ec2::{connect, documents};
use crate::panes::fleet::{self, Target};
use crate::protocol::ec2::{Ec2Op, Ec2Outcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner, Request};
use crate::ui::format;
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;
use std::sync::Arc;

/// Polls ask about at most this many changing instances at once.
const POLL_BATCH: usize = 200;

/// On a narrow terminal the lowest priority gives way first; names are never cut while a
/// lower column is shown.
pub const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("ID", Constraint::Length(19)).priority(8),
    Column::new("STATE", Constraint::Length(15)).priority(7),
    Column::new("TYPE", Constraint::Length(10)).priority(5),
    Column::new("PRIVATE IP", Constraint::Length(15)).priority(4),
    Column::new("PUBLIC IP", Constraint::Length(15)).priority(3),
    Column::new("ZONE", Constraint::Length(11)).priority(2),
    Column::new("AGE", Constraint::Length(4)).priority(1),
    Column::new("KEY", Constraint::Length(12)),
];

pub struct Row {
    pub instance: Instance,
    /// Tags shown as extra columns (shared by every row), and when the row was made (AGE).
    tag_columns: Arc<[String]>,
    now: i64,
}

impl Row {
    pub fn new(instance: Instance, tag_columns: Arc<[String]>, now: i64) -> Row {
        Row {
            instance,
            tag_columns,
            now,
        }
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let (i, or_dash) = (&self.instance, |v: &Option<String>| {
            v.clone().unwrap_or_else(|| "—".into())
        });
        let mut cells = vec![
            CellText::plain(i.name()),
            CellText::plain(i.id.clone()),
            fleet::state_cell(&i.state, i.is_transitional()),
            CellText::plain(i.instance_type.clone()),
            CellText::plain(or_dash(&i.private_ip)),
            CellText::plain(or_dash(&i.public_ip)),
            CellText::plain(i.az.clone()),
            CellText::plain(or_dash(&i.launched.map(|t| format::age(t, self.now)))),
            CellText::plain(or_dash(&i.key_name)),
        ];
        cells.extend(
            self.tag_columns
                .iter()
                .map(|k| CellText::plain(i.tag(k).unwrap_or_default())),
        );
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            // Oldest first, like the AGE column read top to bottom.
            7 => SortKey::Number(self.instance.launched.unwrap_or(i64::MAX)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.instance.id.clone()
    }

    /// Name, id, state, type, IPs and tag values.
    fn filter_text(&self) -> Cow<'_, str> {
        let i = &self.instance;
        let mut text = format!(
            "{} {} {} {} {} {}",
            i.name(),
            i.id,
            i.state,
            i.instance_type,
            i.private_ip.as_deref().unwrap_or_default(),
            i.public_ip.as_deref().unwrap_or_default()
        );
        for (_, v) in i.tags.iter().filter(|(k, _)| k != "Name") {
            text.push(' ');
            text.push_str(v);
        }
        Cow::Owned(text)
    }
}

pub struct Instances {
    filters: Vec<Filter>,
    tag_columns: Arc<[String]>,
    page_size: i32,
    /// Where the action waiting for its dry run or confirmation runs.
    acting: Option<ContextKey>,
    /// Where instances whose action's answer was lost are being read again.
    rereading: Option<ContextKey>,
    wide: bool,
}

impl Instances {
    /// `wide`: the view spans contexts (`:ec2 @…`).
    pub fn new(cx: &PaneCx, wide: bool) -> Instances {
        Instances {
            filters: Vec::new(),
            tag_columns: cx.ec2.tag_columns.iter().cloned().collect(),
            page_size: crate::protocol::ec2::PAGE_SIZE,
            acting: None,
            rereading: None,
            wide,
        }
    }

    /// Smaller pages, so tests can see a listing arrive in several.
    pub fn with_page_size(mut self, page_size: i32) -> Instances {
        self.page_size = page_size;
        self
    }

    /// Step one of an action: the live targets, and a dry run in their context.
    fn begin(&mut self, action: Action, at: &At, rows: &[&Row]) -> Vec<Effect> {
        let (gone, live): (Vec<&&Row>, Vec<&&Row>) = rows
            .iter()
            .partition(|r| matches!(r.instance.state.as_str(), "terminated" | "shutting-down"));
        if live.is_empty() {
            let ids: Vec<&str> = gone.iter().map(|r| r.instance.id.as_str()).collect();
            let verb = action.verb();
            return vec![Effect::Flash(
                Level::Warn,
                format!("nothing to {verb}: {} terminated", ids.join(", ")),
            )];
        }
        self.acting = Some(at.ctx.clone());
        let ids = live.iter().map(|r| r.instance.id.clone()).collect();
        let op = Op::Ec2(Ec2Op::DryRun {
            ctx: at.ctx.clone(),
            action,
            ids,
        });
        vec![
            Effect::Flash(
                Level::Info,
                format!("checking permission to {}…", action.verb()),
            ),
            Effect::Request(Request::new(at.owner, op).in_slot("action")),
        ]
    }

    /// Step two: the dry run passed; ask, naming the context in a view of several.
    fn confirm(
        &self,
        action: Action,
        ids: Vec<String>,
        listed: &Listed<Row>,
        owner: Owner,
    ) -> Vec<Effect> {
        let Some(ctx) = self.acting.clone() else {
            return Vec::new();
        };
        let here: Vec<&Instance> = listed
            .rows()
            .filter(|(c, _)| **c == ctx)
            .map(|(_, r)| &r.instance)
            .collect();
        let label = |id: &String| {
            here.iter()
                .find(|i| &i.id == id)
                .map(|i| format!("{} ({})", i.name(), i.state))
                .unwrap_or_default()
        };
        let targets: Vec<Target> = ids
            .iter()
            .map(|id| Target {
                id: id.clone(),
                label: label(id),
            })
            .collect();
        let mut note = Vec::new();
        if self.wide {
            let account = listed.account_of(&ctx);
            note.push(format!(
                "In {}.",
                super::entry::place(&ctx, account.as_deref())
            ));
        }
        match action {
            Action::Stop => note.push("Instance-store data is lost when an instance stops.".into()),
            Action::Terminate => note.push(
                "Terminated instances and their delete-on-termination volumes are gone.".into(),
            ),
            _ => {}
        }
        let op = Op::Ec2(Ec2Op::Act { ctx, action, ids });
        vec![fleet::confirm(
            action.verb(),
            "instance",
            &targets,
            action == Action::Terminate,
            (!note.is_empty()).then(|| note.join(" ")),
            vec![Effect::Request(Request::new(owner, op).in_slot("action"))],
        )]
    }

    /// The answers: new states, a report; a lost answer re-reads those instances.
    fn acted(
        &mut self,
        action: Action,
        results: Vec<ec2::ActionResult>,
        listed: &mut Listed<Row>,
        owner: Owner,
    ) -> Vec<Effect> {
        let Some(ctx) = self.acting.take() else {
            return Vec::new();
        };
        let lost: Vec<String> = results
            .iter()
            .filter(|r| r.result.as_ref().is_err_and(|e| e.outcome_unknown()))
            .map(|r| r.id.clone())
            .collect();
        listed.update(&ctx, |row| {
            if let Some(Ok(state)) = results
                .iter()
                .find(|r| r.id == row.instance.id)
                .map(|r| &r.result)
                && !state.is_empty()
            {
                row.instance.state = state.clone();
            }
        });
        listed.clear_marks();
        let mut effects = fleet::report(
            action.verb(),
            results
                .into_iter()
                .map(|r| (r.id, r.result.map_err(|e| e.summary())))
                .collect(),
        );
        if lost.is_empty() {
            listed.poll(true);
            return effects;
        }
        // The action may have happened without its answer: read the real state now instead
        // of guessing, and never send the action again.
        effects.push(Effect::Flash(
            Level::Warn,
            format!(
                "{}: the answer for {} was lost; re-reading the state",
                action.verb(),
                lost.join(", ")
            ),
        ));
        self.rereading = Some(ctx.clone());
        let op = Op::Ec2(Ec2Op::Poll { ctx, ids: lost });
        effects.push(Effect::Request(Request::new(owner, op).in_slot("poll")));
        effects
    }

    fn document(
        &self,
        at: &At,
        title: String,
        make: fn(ContextKey, String) -> Ec2Op,
        read: crate::panes::document::ReadOutcome,
        id: &str,
    ) -> Effect {
        let (ctx, id) = (at.ctx.clone(), id.to_string());
        DocumentView::open(
            title,
            id.clone(),
            move || Op::Ec2(make(ctx.clone(), id.clone())),
            read,
        )
    }
}

impl Kind for Instances {
    type Row = Row;

    fn label(&self) -> &'static str {
        "EC2 instances"
    }

    fn noun(&self) -> &'static str {
        "instance"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ec2, Scope::Fleet, Scope::List]
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
                C::Terminate,
                C::Mark,
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
                C::Terminate,
                C::ConsoleOutput,
                C::Connect,
                C::Mark,
                C::Help,
            ]
        }
    }

    fn columns(&self) -> Vec<Column> {
        let mut columns = COLUMNS.to_vec();
        columns.extend(
            self.tag_columns
                .iter()
                .map(|k| Column::titled(k.to_uppercase(), Constraint::Length(12)).priority(1)),
        );
        columns
    }

    fn page(&self) -> PageFn {
        let (filters, page_size, tag_columns) = (
            self.filters.clone(),
            self.page_size,
            self.tag_columns.clone(),
        );
        page_fn(move |adapters, ctx, token| {
            let (listing, tag_columns) = (
                adapters
                    .ec2
                    .list_page(ctx, filters.clone(), token, page_size),
                tag_columns.clone(),
            );
            Box::pin(async move {
                let page = listing.await?;
                let now = crate::clock::now_secs();
                Ok(page.map(|instance| Row {
                    instance,
                    tag_columns: tag_columns.clone(),
                    now,
                }))
            })
        })
    }

    fn is_transitional(&self, row: &Row) -> bool {
        row.instance.is_transitional()
    }

    fn metrics(&self, row: &Row) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        Some(crate::panes::metrics::sets::EC2_INSTANCE.specs(&row.instance.id))
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        let i = &row.instance;
        let title = match i.name() {
            "" => i.id.clone(),
            name => format!("{name} ({})", i.id),
        };
        let title = format!("{title}{}", at.suffix());
        self.document(
            at,
            title,
            |ctx, id| Ec2Op::Details { ctx, id },
            documents::read_details,
            &i.id,
        )
    }

    fn arn(&self, at: &At, row: &Row) -> Result<String, String> {
        let account = at.account.ok_or_else(|| unknown_account(at))?;
        Ok(ec2::instance_arn(&at.ctx.region, account, &row.instance.id))
    }

    fn title_note(&self) -> Option<String> {
        (!self.filters.is_empty()).then(|| ec2::describe_filters(&self.filters))
    }

    fn reconfigure(&mut self, command: CommandId, arg: Option<&str>) -> Option<Result<(), String>> {
        match (command, arg) {
            (CommandId::Back, None) if !self.filters.is_empty() => {
                self.filters.clear();
                Some(Ok(()))
            }
            (CommandId::Filter, Some("none")) => {
                self.filters.clear();
                Some(Ok(()))
            }
            (CommandId::Filter, Some(text)) => {
                Some(ec2::parse_filters(text).map(|f| self.filters = f))
            }
            _ => None,
        }
    }

    fn poll(&self, ctx: &ContextKey, changing: &[&Row]) -> Option<Op> {
        let ids = changing
            .iter()
            .take(POLL_BATCH)
            .map(|r| r.instance.id.clone())
            .collect();
        Some(Op::Ec2(Ec2Op::Poll {
            ctx: ctx.clone(),
            ids,
        }))
    }

    fn commands(&self) -> &'static [CommandId] {
        use CommandId as C;
        &[
            C::Start,
            C::Stop,
            C::Reboot,
            C::Terminate,
            C::ConsoleOutput,
            C::Connect,
            C::Ssh,
            C::CopyPrivateIp,
            C::CopyPublicIp,
        ]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Row],
        cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        let action = match command {
            CommandId::Start => Some(Action::Start),
            CommandId::Stop => Some(Action::Stop),
            CommandId::Reboot => Some(Action::Reboot),
            CommandId::Terminate => Some(Action::Terminate),
            _ => None,
        };
        if let Some(action) = action {
            return Some(self.begin(action, at, rows));
        }
        // The rest act on the selected instance alone.
        let i = &rows.first()?.instance;
        Some(match command {
            CommandId::ConsoleOutput => vec![self.document(
                at,
                format!("console output · {}{}", i.id, at.suffix()),
                |ctx, id| Ec2Op::Console { ctx, id },
                documents::read_console,
                &i.id,
            )],
            CommandId::Connect if i.state != "running" => vec![Effect::Flash(
                Level::Warn,
                format!("{} is {}; SSM needs it running", i.id, i.state),
            )],
            CommandId::Connect => vec![Effect::Session(connect::ssm(at.ctx, i))],
            CommandId::Ssh => match connect::ssh(at.ctx, cx.ec2, i) {
                Ok(session) => vec![Effect::Session(session)],
                Err(e) => vec![Effect::Flash(Level::Error, e)],
            },
            _ => {
                let (ip, which) = if command == CommandId::CopyPublicIp {
                    (&i.public_ip, "public")
                } else {
                    (&i.private_ip, "private")
                };
                match ip {
                    Some(ip) => vec![Effect::Copy(ip.clone())],
                    None => vec![Effect::Flash(
                        Level::Warn,
                        format!("{} has no {which} IP", i.id),
                    )],
                }
            }
        })
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Ec2(outcome) = outcome else {
            return None;
        };
        Some(match outcome {
            Ec2Outcome::Polled(result) => {
                let mut effects = Vec::new();
                match result {
                    Ok(fresh) => {
                        // A poll runs in the view's one context, or re-reads an action's.
                        let ctx = self
                            .rereading
                            .take()
                            .or_else(|| listed.rows().next().map(|(c, _)| c.clone()));
                        if let Some(ctx) = ctx {
                            listed.update(&ctx, |row| {
                                if let Some(i) = fresh.iter().find(|i| i.id == row.instance.id) {
                                    row.instance = i.clone();
                                }
                            });
                        }
                    }
                    Err(e) => effects.push(Effect::Flash(
                        Level::Warn,
                        format!("EC2 state refresh: {}", e.summary()),
                    )),
                }
                listed.poll(false);
                effects
            }
            Ec2Outcome::DryRan {
                action,
                ids,
                result: Ok(()),
            } => self.confirm(action, ids, listed, owner),
            Ec2Outcome::DryRan {
                action,
                result: Err(e),
                ..
            } => {
                self.acting = None;
                vec![Effect::Flash(
                    Level::Error,
                    format!("cannot {}: {}", action.verb(), e.summary()),
                )]
            }
            Ec2Outcome::Acted { action, results } => self.acted(action, results, listed, owner),
            _ => Vec::new(),
        })
    }
}
