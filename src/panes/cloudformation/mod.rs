//! One CloudFormation stack, in the context its row was listed in: the root cause of the
//! last failed operation at the top, then one section at a time — events (newest first,
//! failures in the error style with their reason), resources (Enter opens the ones awsterm
//! has a view for), outputs (copy a value), parameters. `template` opens the template in
//! the pager. While the stack is `*_IN_PROGRESS` the view reads it again with the `Poller`'s
//! backoff and stops when it settles.

pub mod actions;
mod items;
pub mod links;
pub mod root_cause;

use crate::aws::ContextKey;
use crate::aws::cloudformation::{self, StackDetails, StackEvent};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::fleet::Poller;
use crate::protocol::cloudformation::{CfnOp, CfnOutcome};
use crate::protocol::{Failure, Op, Outcome, Owner, PaneId, Request};
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{ListInput, ResourceTable};
use items::{Item, Section};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use items::status_cell;

/// What each section shows while it has no rows of its own.
enum Load {
    Loading,
    Loaded,
    Failed(String),
}

pub struct StackView {
    id: PaneId,
    ctx: ContextKey,
    /// What the calls name: the stack's ARN (a deleted stack's name names nothing).
    stack: String,
    name: String,
    account: Option<String>,
    details: Option<StackDetails>,
    cause: Option<StackEvent>,
    section: Section,
    tables: [ResourceTable<Item>; 4],
    loads: [Load; 4],
    poller: Poller,
}

impl StackView {
    pub fn new(id: PaneId, ctx: ContextKey, stack: String, account: Option<String>) -> StackView {
        StackView {
            id,
            ctx,
            name: cloudformation::name_of(&stack),
            stack,
            account,
            details: None,
            cause: None,
            section: Section::Events,
            tables: Default::default(),
            loads: [Load::Loading, Load::Loading, Load::Loading, Load::Loading],
            poller: Poller::default(),
        }
    }

    /// The effect that opens the stack (its ARN or name) on top of the current view.
    pub fn open(ctx: ContextKey, stack: String, account: Option<String>) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(StackView::new(id, ctx, stack, account))
        }))
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    /// Reads everything again; `slot` tells a poll from a load (a failed poll keeps the rows).
    fn read(&mut self, poll: bool) -> Vec<Effect> {
        let (ctx, stack) = (self.ctx.clone(), self.stack.clone());
        let ops: [(&'static str, &'static str, CfnOp); 3] = [
            (
                "describe",
                "poll-describe",
                CfnOp::Describe {
                    ctx: ctx.clone(),
                    stack: stack.clone(),
                },
            ),
            (
                "events",
                "poll-events",
                CfnOp::Events {
                    ctx: ctx.clone(),
                    stack: stack.clone(),
                },
            ),
            (
                "resources",
                "poll-resources",
                CfnOp::Resources { ctx, stack },
            ),
        ];
        if !poll {
            self.loads = [Load::Loading, Load::Loading, Load::Loading, Load::Loading];
        }
        ops.into_iter()
            .map(|(load, polled, op)| {
                let slot = if poll { polled } else { load };
                Effect::Request(Request::new(self.owner(), Op::Cfn(op)).in_slot(slot))
            })
            .collect()
    }

    fn status(&self) -> &str {
        self.details.as_ref().map_or("", |d| d.status.as_str())
    }

    fn table(&self) -> &ResourceTable<Item> {
        &self.tables[self.section.index()]
    }

    fn table_mut(&mut self) -> &mut ResourceTable<Item> {
        &mut self.tables[self.section.index()]
    }

    fn set(&mut self, section: Section, rows: Result<Vec<Item>, String>) {
        let i = section.index();
        match rows {
            Ok(rows) => {
                self.tables[i].set_rows(rows);
                self.loads[i] = Load::Loaded;
            }
            Err(why) => self.loads[i] = Load::Failed(why),
        }
    }

    fn schedule_poll(&mut self) -> Vec<Effect> {
        let changing = cloudformation::is_transitional(self.status());
        self.poller
            .next(changing)
            .map(|after| Effect::Wake(self.id, after))
            .into_iter()
            .collect()
    }

    fn template(&self) -> Effect {
        let (ctx, stack) = (self.ctx.clone(), self.stack.clone());
        DocumentView::open(
            format!("template · {}", self.name),
            self.name.clone(),
            move || {
                Op::Cfn(CfnOp::Template {
                    ctx: ctx.clone(),
                    stack: stack.clone(),
                })
            },
            read_template,
        )
    }

    /// Enter on a resource (or an event's resource): its own view, in this stack's context.
    fn open_selected(&self, cx: &PaneCx) -> Vec<Effect> {
        let Some((resource_type, physical_id)) =
            self.table().selected_row().and_then(Item::resource)
        else {
            return vec![Effect::Flash(Level::Warn, "nothing to open here".into())];
        };
        match links::link(resource_type, physical_id, &self.ctx.region) {
            links::Link::Stack(id) => {
                vec![StackView::open(self.ctx.clone(), id, self.account.clone())]
            }
            links::Link::Target(target) => {
                let mut effects = Vec::new();
                if self.ctx != *cx.active {
                    effects.push(Effect::SwitchContext(self.ctx.clone()));
                }
                effects.extend(crate::open::effects(&target, &self.ctx));
                effects
            }
            links::Link::None(why) => vec![Effect::Flash(Level::Info, why)],
        }
    }

    fn copy(&self) -> Vec<Effect> {
        match self.table().selected_row() {
            Some(item) => vec![Effect::Copy(sanitize(&item.copy()).into_owned())],
            None => vec![Effect::Flash(Level::Warn, "nothing selected".into())],
        }
    }

    fn act(&self, command: CommandId) -> Option<Vec<Effect>> {
        let action = actions::of(command)?;
        if self.details.is_none() {
            return Some(vec![Effect::Flash(
                Level::Warn,
                format!("the status of {} is not known yet", self.name),
            )]);
        }
        let place = crate::panes::resource::entry::place(&self.ctx, self.account.as_deref());
        Some(actions::begin(
            action,
            self.owner(),
            &self.ctx,
            &self.name,
            self.status(),
            &place,
        ))
    }

    fn tab_line(&self, theme: &Theme) -> Line<'static> {
        let mut spans = Vec::new();
        for section in Section::ALL {
            let count = self.tables[section.index()].len();
            let text = format!(" {} {} ", section.label(), count);
            let style = if section == self.section {
                theme.style("table.row.selected")
            } else {
                theme.style("text.dim")
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }

    fn head_lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(d) = &self.details {
            let status = status_cell(&d.status);
            let mut spans = vec![Span::styled(
                sanitize(&status.text).into_owned(),
                theme.style(status.role.unwrap_or("text")),
            )];
            if let Some(reason) = &d.reason {
                spans.push(Span::styled(
                    format!(" · {}", sanitize(reason)),
                    theme.style("text.dim"),
                ));
            }
            lines.push(Line::from(spans));
        }
        if let Some(cause) = &self.cause {
            let text = format!(
                "✗ root cause: {} ({}) {} — {}",
                sanitize(&cause.logical_id),
                sanitize(&cause.resource_type),
                sanitize(&cause.status),
                sanitize(cause.reason.as_deref().unwrap_or("no reason given"))
            );
            let style = theme.style("state.error");
            lines.extend(
                hard_wrap(&text, width, CAUSE_LINES)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, style))),
            );
        }
        lines.push(self.tab_line(theme));
        lines
    }
}

/// The root cause takes at most this many lines above the table (the whole reason is in the
/// event's row and what `copy` copies).
const CAUSE_LINES: usize = 3;

/// `text` in lines of at most `width` characters, broken between words (a word longer than
/// a line is cut), at most `max` lines, the last ending in `…` when there was more: the
/// head's height is known before it is drawn.
fn hard_wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let gap = usize::from(len > 0);
            if len + gap + word.len() <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                len += gap + word.len();
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
                continue;
            }
            // A word longer than a whole line.
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if len > 0 {
        lines.push(line);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            if last.chars().count() >= width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

pub fn read_template(outcome: Outcome) -> Option<Result<Document, String>> {
    let Outcome::Cfn(CfnOutcome::Template(result)) = outcome else {
        return None;
    };
    Some(
        result
            .map(|body| template_document(&body))
            .map_err(|e| e.summary()),
    )
}

/// JSON templates pretty-printed and highlighted; YAML as given, with line numbers.
fn template_document(body: &str) -> Document {
    let mut doc = Document::default();
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(value) => {
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| body.into());
            doc.push(Block::JsonText(text));
        }
        Err(_) if body.trim().is_empty() => {
            doc.push(Block::Note("the template is empty".into()));
        }
        Err(_) => {
            doc.push(Block::Text(body.to_string()));
        }
    }
    doc
}

impl Pane for StackView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("stack {}", self.name)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Cfn, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::NextSection,
            CommandId::Open,
            CommandId::Copy,
            CommandId::Template,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.read(false)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => {
                self.poller.restart();
                Some(self.read(false))
            }
            CommandId::NextSection => {
                self.section = self.section.next();
                Some(Vec::new())
            }
            CommandId::PrevSection => {
                self.section = self.section.prev();
                Some(Vec::new())
            }
            CommandId::Template => Some(vec![self.template()]),
            CommandId::Open => Some(self.open_selected(cx)),
            CommandId::Copy => Some(self.copy()),
            CommandId::CopyArn => Some(vec![Effect::Copy(sanitize(&self.stack).into_owned())]),
            _ => self.act(command),
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(self.table())
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(self.table_mut())
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        if cloudformation::is_transitional(self.status()) {
            self.read(true)
        } else {
            Vec::new()
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Cfn(outcome) = outcome else {
            return Vec::new();
        };
        if let Some(mut effects) = actions::report(&outcome) {
            // The stack is changing now: read it again soon.
            self.poller.restart();
            effects.extend(self.read(true));
            return effects;
        }
        match outcome {
            CfnOutcome::Described(Ok(details)) => {
                let outputs = details.outputs.iter().cloned().map(Item::Output).collect();
                let params = details
                    .parameters
                    .iter()
                    .cloned()
                    .map(Item::Parameter)
                    .collect();
                self.set(Section::Outputs, Ok(outputs));
                self.set(Section::Parameters, Ok(params));
                self.details = Some(details);
                self.schedule_poll()
            }
            CfnOutcome::Described(Err(e)) => {
                let why = e.summary();
                self.set(Section::Outputs, Err(why.clone()));
                self.set(Section::Parameters, Err(why.clone()));
                vec![Effect::Flash(
                    Level::Error,
                    format!("stack {}: {why}", self.name),
                )]
            }
            CfnOutcome::Events(result) => {
                let rows = result.map_err(|e| e.summary()).map(|events| {
                    self.cause = root_cause::root_cause(&events, &self.name).cloned();
                    events.into_iter().map(Item::Event).collect()
                });
                self.set(Section::Events, rows);
                Vec::new()
            }
            CfnOutcome::Resources(result) => {
                let rows = result
                    .map_err(|e| e.summary())
                    .map(|all| all.into_iter().map(Item::Resource).collect());
                self.set(Section::Resources, rows);
                Vec::new()
            }
            CfnOutcome::Template(_) | CfnOutcome::Acted { .. } => Vec::new(),
        }
    }

    /// A read that never answered leaves its section saying why; a write that was not sent
    /// was already said in the status line.
    fn failed(&mut self, failure: &Failure) {
        let sections: &[Section] = match failure.slot {
            Some("describe" | "poll-describe") => &[Section::Outputs, Section::Parameters],
            Some("events" | "poll-events") => &[Section::Events],
            Some("resources" | "poll-resources") => &[Section::Resources],
            _ => &[],
        };
        for s in sections {
            self.loads[s.index()] = Load::Failed(failure.summary());
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let head = self.head_lines(theme, area.width.max(1) as usize);
        let [top, rest] =
            Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Fill(1)])
                .areas(area);
        frame.render_widget(Paragraph::new(head), top);
        let section = self.section;
        let mut title = format!("{} · {}", self.name, section.label().to_lowercase());
        let i = section.index();
        match &self.loads[i] {
            Load::Failed(why) => title.push_str(&format!(" · error: {}", sanitize(why))),
            Load::Loading => title.push_str(" · loading…"),
            Load::Loaded => {}
        }
        let loading = matches!(self.loads[i], Load::Loading);
        let table = &mut self.tables[i];
        table.set_loading(loading);
        table.render(frame, rest, theme, &title, section.columns());
    }
}

#[cfg(test)]
mod tests {
    use super::hard_wrap;

    #[test]
    fn the_cause_wraps_by_width_and_stops_at_its_lines() {
        assert_eq!(
            hard_wrap("root cause: it broke", 11, 3),
            ["root cause:", "it broke"]
        );
        assert_eq!(hard_wrap("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(hard_wrap("aaa bbb ccc ddd", 7, 1), ["aaa bb…"]);
        assert_eq!(hard_wrap("aaa bbb ccc", 4, 2), ["aaa", "bbb…"]);
        assert_eq!(hard_wrap("abc", 3, 1), ["abc"]);
    }
}
