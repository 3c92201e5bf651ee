//! One topic, opened from `:sns`: a summary on top (counts, FIFO, display name, policy), its
//! subscriptions below (protocol, endpoint, pending or confirmed, raw delivery, filter
//! policy). Enter shows a subscription's attributes (the filter policy re-indented), `S`
//! publishes a message written in $EDITOR (`draft.rs`), `d` shows every attribute and the
//! access policy. Every request runs in the topic's own context. A topic opened before the
//! list's follow-up read its attributes reads them itself (`…` until they come); `C-r` reads
//! them again with the subscriptions.

pub mod draft;

use crate::aws::ContextKey;
use crate::aws::attributes::HasAttributes;
use crate::aws::sns::{Publication, Subscription, Topic};
use crate::command::{CommandId, Scope};
use crate::pane::{Confirm, Effect, Level, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::editing::{self, Step};
use crate::panes::sqs::describe::body_block;
use crate::panes::sqs::send::{body_line, fifo_then};
use crate::protocol::fill::{FillOp, FillOutcome};
use crate::protocol::sns::{SnsOp, SnsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block as Frame_, Borders, Paragraph};

const SUBSCRIPTION_COLUMNS: &[Column] = &[
    Column::new("PROTOCOL", Constraint::Length(8)).priority(8),
    Column::new("ENDPOINT", Constraint::Fill(2))
        .name()
        .priority(9),
    Column::new("STATUS", Constraint::Length(9)).priority(7),
    Column::new("RAW", Constraint::Length(3)).priority(4),
    Column::new("FILTER", Constraint::Length(6)).priority(5),
];

impl TableRow for Subscription {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.protocol.clone()),
            CellText::plain(self.endpoint.clone()),
            if self.pending() {
                CellText::styled("pending", "state.transitional")
            } else {
                CellText::plain("confirmed")
            },
            CellText::plain(if self.raw_delivery() { "yes" } else { "" }),
            CellText::plain(if self.filter_policy().is_some() {
                "yes"
            } else {
                ""
            }),
        ]
    }

    fn id(&self) -> String {
        if self.pending() {
            format!("{} {}", self.protocol, self.endpoint)
        } else {
            self.arn.clone()
        }
    }
}

enum Subs {
    Loading,
    Loaded(bool),
    Failed(String),
}

pub struct TopicView {
    id: PaneId,
    ctx: ContextKey,
    topic: Topic,
    suffix: String,
    subscriptions: ResourceTable<Subscription>,
    state: Subs,
    /// The topic's attributes have never been read (opened from a row still waiting for
    /// them): the counts show `…`, not `—`, until they are.
    unread: bool,
}

impl TopicView {
    /// The view of `topic`; `unread`: its attributes are not in yet, so it reads them.
    pub fn open(ctx: ContextKey, topic: Topic, unread: bool, suffix: String) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(TopicView::new(id, ctx, topic, unread, suffix))
        }))
    }

    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        topic: Topic,
        unread: bool,
        suffix: String,
    ) -> TopicView {
        TopicView {
            id,
            ctx,
            topic,
            suffix,
            subscriptions: ResourceTable::default(),
            state: Subs::Loading,
            unread,
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn load(&mut self) -> Vec<Effect> {
        self.state = Subs::Loading;
        let op = Op::Sns(SnsOp::Subscriptions {
            ctx: self.ctx.clone(),
            topic: self.topic.arn.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op)
                .in_slot("subscriptions")
                .outliving_switch(),
        )]
    }

    /// GetTopicAttributes, as the list's follow-up asks it, for this one topic.
    fn read_attributes(&self) -> Effect {
        let op = Op::Fill(FillOp::TopicAttributes {
            ctx: self.ctx.clone(),
            arns: vec![self.topic.arn.clone()],
        });
        Effect::Request(
            Request::new(self.owner(), op)
                .in_slot("attributes")
                .outliving_switch(),
        )
    }

    fn place(&self) -> String {
        format!(
            "{} · {} · {}",
            self.topic.name(),
            self.ctx.profile_label(),
            self.ctx.region
        )
    }

    fn expand(&self) -> Option<Vec<Effect>> {
        let s = self.subscriptions.selected_row()?;
        let mut doc = Document::default();
        doc.push(Block::Heading(format!("{} subscription", s.protocol)));
        doc.push(Block::Fields(vec![
            ("endpoint".into(), s.endpoint.clone()),
            ("ARN".into(), s.arn.clone()),
            ("owner".into(), s.owner.clone()),
        ]));
        if s.pending() {
            doc.push(Block::Note(
                "pending confirmation: its attributes can be read once the endpoint confirms"
                    .into(),
            ));
        } else {
            doc.push(Block::Heading("attributes".into()));
            doc.push(Block::Fields(
                s.attributes
                    .iter()
                    .filter(|(k, _)| !k.ends_with("Policy"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ));
            for (key, title) in [
                ("FilterPolicy", "filter policy"),
                ("RedrivePolicy", "redrive policy"),
                ("DeliveryPolicy", "delivery policy"),
            ] {
                if let Some(text) = s.attributes.get(key).filter(|t| !t.trim().is_empty()) {
                    doc.push(Block::Heading(title.into()));
                    doc.push(body_block(text));
                }
            }
        }
        let title = format!("{} · {}", self.topic.name(), s.protocol);
        let copy = s.id();
        Some(vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))])
    }

    fn whole(&self) -> Vec<Effect> {
        if self.unread {
            return vec![Effect::Flash(
                Level::Info,
                format!(
                    "the attributes of {} are still being read",
                    self.topic.name()
                ),
            )];
        }
        let mut doc = Document::default();
        doc.push(Block::Heading(format!("topic {}", self.topic.name())));
        doc.push(Block::Fields(
            self.topic
                .attributes
                .iter()
                .filter(|(k, _)| !k.ends_with("Policy"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ));
        for (key, title) in [
            ("Policy", "access policy"),
            ("EffectiveDeliveryPolicy", "delivery policy"),
        ] {
            doc.push(Block::Heading(title.into()));
            match self.topic.attributes.get(key) {
                Some(text) => doc.push(body_block(text)),
                None => doc.push(Block::Note("none".into())),
            };
        }
        let title = format!("{} · attributes{}", self.topic.name(), self.suffix);
        let copy = self.topic.arn.clone();
        vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))]
    }

    /// The edited text → FIFO questions → confirmation → `SnsOp::Publish`.
    fn publish(&self, text: &str) -> Vec<Effect> {
        let draft = match draft::parse(text) {
            Ok(d) => d,
            Err(e) => {
                return vec![Effect::Flash(
                    Level::Error,
                    format!("{e}: nothing published"),
                )];
            }
        };
        if draft.body.trim().is_empty() {
            return vec![Effect::Flash(
                Level::Warn,
                "the message is empty: nothing published".into(),
            )];
        }
        let (owner, ctx, topic, name, place) = (
            self.owner(),
            self.ctx.clone(),
            self.topic.arn.clone(),
            self.topic.name().to_string(),
            self.place(),
        );
        fifo_then(
            self.topic.fifo(),
            self.topic.content_based_dedup(),
            move |group_id, dedup_id| {
                let mut lines = vec![place, body_line(&draft.body)];
                if let Some(s) = &draft.subject {
                    lines.push(format!("subject {s}"));
                }
                if !draft.attributes.is_empty() {
                    let names: Vec<&str> = draft.attributes.keys().map(String::as_str).collect();
                    lines.push(format!("attributes {}", names.join(", ")));
                }
                lines.push("Publish goes out once: a lost answer is not published again.".into());
                let op = Op::Sns(SnsOp::Publish {
                    ctx,
                    topic,
                    message: Publication {
                        subject: draft.subject,
                        body: draft.body,
                        attributes: draft.attributes,
                        group_id,
                        dedup_id,
                    },
                });
                vec![Effect::Confirm(Confirm {
                    title: format!("Publish this message to {name}?"),
                    lines,
                    typed: None,
                    on_yes: vec![Effect::Request(Request::new(owner, op).in_slot("publish"))],
                })]
            },
        )
    }

    fn summary_lines(&self, theme: &Theme) -> Vec<ratatui::text::Line<'static>> {
        let t = &self.topic;
        let unread = self.unread;
        let n = |v: Option<i64>| match v {
            Some(n) => n.to_string(),
            None if unread => "…".into(),
            None => "—".into(),
        };
        let mut fields = vec![
            (
                "subscriptions".to_string(),
                format!(
                    "{} confirmed · {} pending · {} deleted",
                    n(t.confirmed()),
                    n(t.pending()),
                    n(t.attributes
                        .get("SubscriptionsDeleted")
                        .and_then(|v| v.parse().ok()))
                ),
            ),
            (
                "topic".into(),
                format!(
                    "{}{}",
                    if t.fifo() { "FIFO" } else { "standard" },
                    if t.fifo() && t.content_based_dedup() {
                        " · content-based deduplication"
                    } else {
                        ""
                    }
                ),
            ),
        ];
        if !t.display_name().is_empty() {
            fields.push(("display name".into(), t.display_name().to_string()));
        }
        fields.push(("ARN".into(), t.arn.clone()));
        let mut doc = Document::default();
        doc.push(Block::Fields(fields));
        if let Some(e) = &t.error {
            doc.push(Block::Error(format!("attributes not read: {e}")));
        } else if self.unread {
            doc.push(Block::Note("reading the attributes…".into()));
        }
        doc.lines(theme)
    }

    fn subscriptions_title(&self) -> String {
        match &self.state {
            Subs::Loading => "subscriptions · loading…".into(),
            Subs::Loaded(true) => format!(
                "subscriptions · the first {}",
                crate::aws::sns::SUBSCRIPTION_CAP
            ),
            Subs::Loaded(false) => "subscriptions".into(),
            Subs::Failed(e) => format!("subscriptions · error: {e}"),
        }
    }
}

impl Pane for TopicView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("topic {}{}", self.topic.name(), self.suffix)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Sns, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Publish,
            CommandId::TopicAttributes,
            CommandId::CopyArn,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("subscriptions") {
            self.state = Subs::Failed(failure.summary());
        }
        if failure.is_in("attributes") {
            self.unread = false;
            self.topic.take_answer(Err(failure.summary()));
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        let mut effects = self.load();
        if self.unread {
            effects.push(self.read_attributes());
        }
        effects
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        let clean = |s: &str| crate::sanitize::sanitize(s).into_owned();
        match command {
            CommandId::Publish
                if let Some(refused) =
                    crate::panes::sqs::send::refused_before_editing(cx, &self.ctx) =>
            {
                Some(vec![refused])
            }
            CommandId::Refresh => {
                let mut effects = self.load();
                effects.push(self.read_attributes());
                Some(effects)
            }
            CommandId::Open => self.expand(),
            CommandId::Publish => Some(vec![editing::start(
                self.id,
                "sns-message",
                draft::template(self.topic.name()),
            )]),
            CommandId::TopicAttributes => Some(self.whole()),
            CommandId::Copy => Some(vec![Effect::Copy(clean(
                &self
                    .subscriptions
                    .selected_row()
                    .map(TableRow::id)
                    .unwrap_or_else(|| self.topic.name().to_string()),
            ))]),
            CommandId::CopyArn => Some(vec![Effect::Copy(clean(&self.topic.arn))]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.subscriptions)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.subscriptions)
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Sns(SnsOutcome::Subscriptions(result)) => match result {
                Ok((subs, more)) => {
                    self.state = Subs::Loaded(more);
                    self.subscriptions.set_rows(subs);
                    Vec::new()
                }
                Err(e) => {
                    let why = e.summary();
                    self.state = Subs::Failed(why.clone());
                    vec![Effect::Flash(
                        Level::Error,
                        format!("subscriptions of {}: {why}", self.topic.name()),
                    )]
                }
            },
            Outcome::Fill(FillOutcome::TopicAttributes { found, .. }) => {
                for (arn, answer) in found {
                    if arn == self.topic.arn {
                        self.unread = false;
                        self.topic.take_answer(answer);
                    }
                }
                Vec::new()
            }
            Outcome::Sns(SnsOutcome::Published { result, .. }) => vec![match result {
                Ok(id) => Effect::Flash(
                    Level::Success,
                    format!("published to {}: message id {id}", self.topic.name()),
                ),
                Err(e) if e.outcome_unknown() => Effect::Flash(
                    Level::Error,
                    format!(
                        "Publish: the answer was lost ({}); it may have been published, and was not sent again",
                        e.summary()
                    ),
                ),
                Err(e) => Effect::Flash(Level::Error, format!("Publish: {}", e.summary())),
            }],
            Outcome::Edit(outcome) => {
                match editing::advance(self.id, cx.editor, outcome, "nothing published") {
                    Step::Running(effects) | Step::Over(effects) => effects,
                    Step::Edited { path, text } => {
                        let mut effects = vec![editing::discard(self.id, path)];
                        effects.extend(self.publish(&text));
                        effects
                    }
                }
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let lines = self.summary_lines(theme);
        let most = area.height / 2;
        let top = (lines.len() as u16 + 2).min(most.max(3));
        let [summary, subs] =
            Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
        let block = Frame_::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border"))
            .title(format!(
                " topic {}{} · d: all attributes ",
                crate::sanitize::sanitize(self.topic.name()),
                crate::sanitize::sanitize(&self.suffix)
            ));
        frame.render_widget(Paragraph::new(lines).block(block), summary);
        let title = self.subscriptions_title();
        self.subscriptions
            .set_loading(matches!(self.state, Subs::Loading));
        self.subscriptions
            .render(frame, subs, theme, &title, SUBSCRIPTION_COLUMNS);
    }
}
