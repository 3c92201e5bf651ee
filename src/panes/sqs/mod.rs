//! One queue, opened from `:sqs`: a summary on top (counts, DLQ, the queues it is the DLQ
//! of, a running redrive) from GetQueueAttributes and friends, the peeked messages below.
//! `p` peeks (after saying what a receive does), Enter shows a message whole, `S` sends
//! one written in $EDITOR, `X` purges (typed), `M` redrives a DLQ back to its sources and
//! follows the move task with the `Poller`'s backoff, `x` cancels it, `d` shows everything.
//! Every request runs in the queue's own context.

pub mod cells;
pub mod describe;
pub mod send;

use crate::aws::ContextKey;
use crate::aws::sqs::{Message, MoveTask, Queue, QueueDetails, moves_unsupported, name_of};
use crate::command::{CommandId, Scope};
use crate::pane::{Confirm, Effect, Level, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::panes::editing::{self, Step};
use crate::panes::fleet::Poller;
use crate::protocol::sqs::{SqsOp, SqsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block as Frame_, Borders, Paragraph};

const MESSAGE_COLUMNS: &[Column] = &[
    Column::new("AGE", Constraint::Length(5)).priority(2),
    Column::new("RECV", Constraint::Length(4)).priority(8),
    Column::new("BODY", Constraint::Fill(2)).name().priority(9),
    Column::new("MESSAGE ID", Constraint::Length(36)).priority(3),
];

/// What a peek does to the messages it returns, said before it: the DLQ only where the queue
/// has one.
fn peek_warning(queue: &Queue) -> &'static str {
    if queue.redrive().is_some() {
        "a peek is a receive: each message's receive count goes up by one, and one at maxReceiveCount moves to the DLQ"
    } else {
        "a peek is a receive: each message's receive count goes up by one"
    }
}

/// The same, short enough for one line of the summary at 80 columns.
fn peek_note(queue: &Queue) -> &'static str {
    if queue.redrive().is_some() {
        "p peeks; each receive counts, and at maxReceiveCount moves it to the DLQ"
    } else {
        "p peeks; each receive counts (ApproximateReceiveCount goes up by one)"
    }
}

use describe::MOVES_NOT_HERE;

/// The summary's move line while ListMessageMoveTasks has not answered (`M` waits for it).
const MOVES_READING: &str = "reading…";

pub struct MessageRow {
    pub message: Message,
}

impl TableRow for MessageRow {
    fn cells(&self) -> Vec<CellText> {
        let m = &self.message;
        let body: String = m
            .body
            .chars()
            .take(200)
            // Line breaks become spaces on one row; every other control is left for the
            // sanitizer to show (`␛`), never hidden as a blank.
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        vec![
            CellText::plain(
                m.sent
                    .map(|ms| crate::ui::format::age(ms / 1000, crate::clock::now_secs()))
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(
                m.receive_count
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(body),
            CellText::plain(m.id.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            0 => SortKey::Number(self.message.sent.unwrap_or(0)),
            1 => SortKey::Number(-self.message.receive_count.unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.message.id.clone()
    }
}

enum Peek {
    NotYet,
    Peeking,
    Done(usize),
    Failed(String),
}

pub struct QueueView {
    id: PaneId,
    ctx: ContextKey,
    /// As listed, then as the details read it.
    queue: Queue,
    details: Option<QueueDetails>,
    details_error: Option<String>,
    /// ` · profile · account · region` when opened from a view of several contexts.
    suffix: String,
    messages: ResourceTable<MessageRow>,
    peek: Peek,
    task: Option<MoveTask>,
    /// Why no move task can be shown: the endpoint has no message-move API, or the list
    /// could not be read. Shown in the summary, never over another message.
    moves_note: Option<String>,
    /// A redrive was started here: its task is followed until it ends.
    following: bool,
    /// ListMessageMoveTasks is on its way: until it answers, whether this endpoint can move
    /// messages at all is not known, so `M` waits for it rather than asking to send.
    reading_moves: bool,
    poller: Poller,
}

impl QueueView {
    pub fn open(ctx: ContextKey, queue: Queue, suffix: String) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(QueueView::new(id, ctx, queue, suffix))
        }))
    }

    pub fn new(id: PaneId, ctx: ContextKey, queue: Queue, suffix: String) -> QueueView {
        QueueView {
            id,
            ctx,
            queue,
            details: None,
            details_error: None,
            suffix,
            messages: ResourceTable::default(),
            peek: Peek::NotYet,
            task: None,
            moves_note: None,
            following: false,
            reading_moves: false,
            poller: Poller::default(),
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn request(&self, op: SqsOp, slot: &'static str) -> Effect {
        // The queue lives in its own context: a switch of the active one leaves it be.
        Effect::Request(
            Request::new(self.owner(), Op::Sqs(op))
                .in_slot(slot)
                .outliving_switch(),
        )
    }

    fn load(&mut self) -> Vec<Effect> {
        let op = SqsOp::Details {
            ctx: self.ctx.clone(),
            url: self.queue.url.clone(),
        };
        vec![self.request(op, "details")]
    }

    fn arn(&self) -> Option<String> {
        self.queue
            .arn()
            .map(str::to_owned)
            .or_else(|| cells::arn_from_url(&self.queue.url, &self.ctx.region))
    }

    fn sources(&self) -> Option<&[String]> {
        self.details.as_ref().map(|d| d.sources.as_slice())
    }

    fn place(&self) -> String {
        let profile = self.ctx.profile_label();
        format!("{} · {} · {}", self.queue.name, profile, self.ctx.region)
    }

    fn peek(&mut self) -> Vec<Effect> {
        let op = Op::Sqs(SqsOp::Peek {
            ctx: self.ctx.clone(),
            url: self.queue.url.clone(),
        });
        let mut lines = vec![
            "ReceiveMessage with visibility timeout 0: the messages stay visible to consumers."
                .to_string(),
            format!("But {}.", peek_warning(&self.queue)),
        ];
        if let Some(r) = self.queue.redrive() {
            lines.push(format!(
                "This queue sends a message to {} at {} receives.",
                r.target_name(),
                r.max_receive
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "?".into())
            ));
        }
        // Not "peeking…" yet: the user may still say no (`Pane::sent` says when it left).
        vec![Effect::Confirm(Confirm {
            title: format!("Peek up to 10 messages of {}?", self.queue.name),
            lines,
            typed: None,
            on_yes: vec![Effect::Request(
                Request::new(self.owner(), op)
                    .in_slot("peek")
                    .outliving_switch(),
            )],
        })]
    }

    fn purge(&self) -> Vec<Effect> {
        let op = Op::Sqs(SqsOp::Purge {
            ctx: self.ctx.clone(),
            url: self.queue.url.clone(),
        });
        vec![Effect::Confirm(Confirm {
            title: format!("Purge queue {}?", self.queue.name),
            lines: vec![
                self.place(),
                "Every message in it is deleted for good: visible, in flight and delayed.".into(),
                "AWS runs one purge per queue every 60 s; another within 60 s is refused (PurgeQueueInProgress).".into(),
                format!("Type the queue name ({}) to confirm.", self.queue.name),
            ],
            typed: Some(self.queue.name.clone()),
            on_yes: vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("purge"),
            )],
        })]
    }

    fn redrive(&self) -> Vec<Effect> {
        let Some(sources) = self.sources() else {
            return vec![Effect::Flash(
                Level::Info,
                "the queue's details are still loading".into(),
            )];
        };
        if sources.is_empty() {
            return vec![Effect::Flash(
                Level::Warn,
                format!(
                    "{} is no DLQ: no queue names it in its redrive policy",
                    self.queue.name
                ),
            )];
        }
        if self.moves_note.as_deref() == Some(MOVES_NOT_HERE) {
            return vec![Effect::Flash(
                Level::Warn,
                "this endpoint does not support message moves (StartMessageMoveTask)".into(),
            )];
        }
        if self.task.as_ref().is_some_and(MoveTask::running) {
            return vec![Effect::Flash(
                Level::Warn,
                "a move is already running for this DLQ (x cancels it)".into(),
            )];
        }
        // The endpoint may have no message-move API (the emulator's answer can take several
        // retries to come): nothing is offered before it is known.
        if self.reading_moves {
            return vec![Effect::Flash(
                Level::Info,
                "reading the DLQ's message moves first: M again once the summary shows them".into(),
            )];
        }
        let Some(arn) = self.arn() else {
            return vec![Effect::Flash(
                Level::Error,
                "the queue's ARN is not known".into(),
            )];
        };
        let names: Vec<&str> = sources.iter().map(|u| name_of(u)).collect();
        let op = Op::Sqs(SqsOp::StartMove {
            ctx: self.ctx.clone(),
            source_arn: arn,
            destination: None,
        });
        vec![Effect::Confirm(Confirm {
            title: format!("Move the messages of {} back to their sources?", self.queue.name),
            lines: vec![
                self.place(),
                format!(
                    "{} messages go back to the queue each came from: {}",
                    self.queue
                        .visible()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "The".into()),
                    names.join(", ")
                ),
                "StartMessageMoveTask runs in AWS until the DLQ is empty; progress shows here, x cancels.".into(),
            ],
            typed: None,
            on_yes: vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("move"),
            )],
        })]
    }

    fn cancel_redrive(&self) -> Vec<Effect> {
        let Some(task) = self.task.as_ref().filter(|t| t.running()) else {
            return vec![Effect::Flash(
                Level::Info,
                "no move is running for this queue".into(),
            )];
        };
        let Some(handle) = task.handle.clone() else {
            return vec![Effect::Flash(
                Level::Error,
                "the running move has no task handle to cancel".into(),
            )];
        };
        let op = Op::Sqs(SqsOp::CancelMove {
            ctx: self.ctx.clone(),
            handle,
        });
        vec![Effect::Confirm(Confirm {
            title: format!("Cancel the message move of {}?", self.queue.name),
            lines: vec![
                self.place(),
                format!("{} moved so far stay where they went.", task.moved),
            ],
            typed: None,
            on_yes: vec![Effect::Request(
                Request::new(self.owner(), op).in_slot("cancel-move"),
            )],
        })]
    }

    fn poll_task(&mut self) -> Vec<Effect> {
        match self.arn() {
            Some(source_arn) => {
                self.reading_moves = true;
                vec![self.request(
                    SqsOp::MoveTasks {
                        ctx: self.ctx.clone(),
                        source_arn,
                    },
                    "move-tasks",
                )]
            }
            None => Vec::new(),
        }
    }

    fn expand(&self) -> Option<Vec<Effect>> {
        let row = self.messages.selected_row()?;
        let title = format!("{} · message", self.queue.name);
        let (copy, doc) = (row.message.body.clone(), describe::message(&row.message));
        Some(vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))])
    }

    fn whole(&self) -> Vec<Effect> {
        let details = match &self.details {
            Some(d) => d.clone(),
            None => QueueDetails {
                queue: self.queue.clone(),
                ..QueueDetails::default()
            },
        };
        let title = format!("{} · attributes{}", self.queue.name, self.suffix);
        let (copy, doc) = (self.queue.url.clone(), describe::whole(&details));
        vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))]
    }

    fn applied(&mut self, outcome: SqsOutcome) -> Vec<Effect> {
        match outcome {
            SqsOutcome::Details(Ok(details)) => {
                self.queue = details.queue.clone();
                self.details_error = None;
                let is_dlq = !details.sources.is_empty();
                self.details = Some(details);
                // A DLQ may have a move running from elsewhere: show it.
                let unsupported = self.moves_note.as_deref() == Some(MOVES_NOT_HERE);
                if is_dlq && self.task.is_none() && !unsupported {
                    return self.poll_task();
                }
                Vec::new()
            }
            SqsOutcome::Details(Err(e)) => {
                let why = e.summary();
                self.details_error = Some(why.clone());
                vec![Effect::Flash(
                    Level::Error,
                    format!("queue {}: {why}", self.queue.name),
                )]
            }
            SqsOutcome::Peeked(Ok(messages)) => {
                let n = messages.len();
                self.peek = Peek::Done(n);
                self.messages.set_rows(
                    messages
                        .into_iter()
                        .map(|message| MessageRow { message })
                        .collect(),
                );
                let text = match n {
                    0 => {
                        "no message received (the queue may be empty, or all in flight)".to_string()
                    }
                    n => format!("peeked {n} messages; each one's receive count went up by one"),
                };
                vec![Effect::Flash(Level::Info, text)]
            }
            SqsOutcome::Peeked(Err(e)) => {
                let why = e.summary();
                self.peek = Peek::Failed(why.clone());
                vec![Effect::Flash(Level::Error, format!("peek: {why}"))]
            }
            SqsOutcome::Sent { result, .. } => match result {
                Ok(id) => {
                    let mut effects = vec![Effect::Flash(
                        Level::Success,
                        format!("sent to {}: message id {id}", self.queue.name),
                    )];
                    effects.extend(self.load());
                    // The queues list below shows the new counts without C-r.
                    effects.push(Effect::Written(self.ctx.clone()));
                    effects
                }
                Err(e) => vec![Effect::Flash(Level::Error, send_error(&e))],
            },
            SqsOutcome::Purged { result, .. } => match result {
                Ok(()) => {
                    self.messages.set_rows(Vec::new());
                    self.peek = Peek::NotYet;
                    let mut effects = vec![Effect::Flash(
                        Level::Success,
                        format!(
                            "purging {}: SQS deletes the messages within 60 s",
                            self.queue.name
                        ),
                    )];
                    effects.extend(self.load());
                    effects.push(Effect::Written(self.ctx.clone()));
                    effects
                }
                Err(e) => vec![Effect::Flash(
                    Level::Error,
                    format!("PurgeQueue: {}", e.summary()),
                )],
            },
            SqsOutcome::MoveStarted { result, .. } => match result {
                Ok(handle) => {
                    self.following = true;
                    self.poller.restart();
                    self.task = Some(MoveTask {
                        handle: Some(handle),
                        status: "RUNNING".into(),
                        ..MoveTask::default()
                    });
                    let mut effects = vec![Effect::Flash(
                        Level::Success,
                        format!(
                            "moving the messages of {} back to their sources",
                            self.queue.name
                        ),
                    )];
                    effects.extend(self.poll_task());
                    effects
                }
                Err(e) if moves_unsupported(&e) => {
                    self.moves_note = Some(MOVES_NOT_HERE.into());
                    vec![Effect::Flash(Level::Error, e.summary())]
                }
                Err(e) => vec![Effect::Flash(
                    Level::Error,
                    format!("StartMessageMoveTask: {}", e.summary()),
                )],
            },
            SqsOutcome::MoveTasks(Ok(tasks)) => {
                self.reading_moves = false;
                let newest = tasks.into_iter().max_by_key(|t| t.started);
                let Some(task) = newest else {
                    return Vec::new();
                };
                self.moves_note = None;
                let running = task.running();
                let ended = self.following && !running;
                self.task = Some(task.clone());
                if running {
                    self.following = true;
                    return self
                        .poller
                        .next(true)
                        .map(|after| Effect::Wake(self.id, after))
                        .into_iter()
                        .collect();
                }
                if ended {
                    self.following = false;
                    let level = if task.status == "COMPLETED" {
                        Level::Success
                    } else {
                        Level::Warn
                    };
                    let mut effects = vec![Effect::Flash(
                        level,
                        format!(
                            "redrive of {}: {}",
                            self.queue.name,
                            describe::task_line(&task)
                        ),
                    )];
                    effects.extend(self.load());
                    effects.push(Effect::Written(self.ctx.clone()));
                    return effects;
                }
                Vec::new()
            }
            // The move state belongs to the summary: a flash here would overwrite what the
            // user just did (a purge's result), and an endpoint without moves is no news worth
            // one. Polling stops either way.
            SqsOutcome::MoveTasks(Err(e)) => {
                self.following = false;
                self.reading_moves = false;
                self.moves_note = Some(if moves_unsupported(&e) {
                    MOVES_NOT_HERE.into()
                } else {
                    format!("not read: {}", e.summary())
                });
                Vec::new()
            }
            SqsOutcome::MoveCancelled(result) => match result {
                Ok(moved) => {
                    let mut effects = vec![Effect::Flash(
                        Level::Success,
                        format!("cancelling the move: {moved} messages moved by then"),
                    )];
                    effects.extend(self.poll_task());
                    effects
                }
                Err(e) => vec![Effect::Flash(
                    Level::Error,
                    format!("CancelMessageMoveTask: {}", e.summary()),
                )],
            },
        }
    }

    fn messages_title(&self) -> String {
        match &self.peek {
            Peek::NotYet => "messages · p peeks up to 10".into(),
            Peek::Peeking => "messages · peeking…".into(),
            Peek::Done(n) => format!("{n} peeked · each receive count went up by one"),
            Peek::Failed(e) => format!("messages · error: {e}"),
        }
    }

    /// What the summary says of message moves when no task is shown: why none can be, or
    /// that they are still being read.
    fn moves_line(&self) -> Option<&str> {
        match &self.moves_note {
            None if self.reading_moves && self.task.is_none() => Some(MOVES_READING),
            note => note.as_deref(),
        }
    }

    fn summary_lines(&self, theme: &Theme) -> Vec<ratatui::text::Line<'static>> {
        let mut doc = Document::default();
        doc.push(Block::Fields(describe::summary(
            &self.queue,
            self.sources(),
            self.task.as_ref(),
            self.moves_line(),
        )));
        if let Some(e) = &self.details_error {
            doc.push(Block::Error(e.clone()));
        }
        if matches!(self.peek, Peek::NotYet) {
            doc.push(Block::Note(peek_note(&self.queue).into()));
        }
        doc.lines(theme)
    }
}

/// What a failed send says; a lost answer is not a failure to send.
fn send_error(e: &crate::aws::AwsError) -> String {
    if e.outcome_unknown() {
        format!(
            "SendMessage: the answer was lost ({}); it may have been sent, and was not sent again",
            e.summary()
        )
    } else {
        format!("SendMessage: {}", e.summary())
    }
}

impl Pane for QueueView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("queue {}{}", self.queue.name, self.suffix)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Sqs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Peek,
            CommandId::Open,
            CommandId::SendMessage,
            CommandId::PurgeQueue,
            CommandId::Redrive,
            CommandId::QueueAttributes,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("peek") {
            self.peek = match self.messages.len() {
                0 => Peek::NotYet,
                n => Peek::Done(n),
            };
            if failure.kind == crate::protocol::FailureKind::Crashed {
                self.peek = Peek::Failed(failure.summary());
            }
        } else if failure.is_in("details") {
            self.details_error = Some(failure.summary());
        } else if failure.is_in("move-tasks") {
            self.following = false;
            self.reading_moves = false;
        }
    }

    fn sent(&mut self, slot: Option<&'static str>) {
        if slot == Some("peek") {
            self.peek = Peek::Peeking;
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::SendMessage
                if let Some(refused) = send::refused_before_editing(cx, &self.ctx) =>
            {
                Some(vec![refused])
            }
            CommandId::Refresh => {
                let mut effects = self.load();
                if self.task.is_some() {
                    effects.extend(self.poll_task());
                }
                Some(effects)
            }
            CommandId::Peek => Some(self.peek()),
            CommandId::Open => self.expand(),
            CommandId::SendMessage => Some(vec![editing::start(
                self.id,
                "sqs-message",
                send::sqs_template(&self.queue.name),
            )]),
            CommandId::PurgeQueue => Some(self.purge()),
            CommandId::Redrive => Some(self.redrive()),
            CommandId::CancelRedrive => Some(self.cancel_redrive()),
            CommandId::QueueAttributes => Some(self.whole()),
            CommandId::Copy => Some(vec![Effect::Copy(
                crate::sanitize::sanitize(&self.queue.url).into_owned(),
            )]),
            CommandId::CopyArn => Some(match self.arn() {
                Some(arn) => vec![Effect::Copy(crate::sanitize::sanitize(&arn).into_owned())],
                None => vec![Effect::Flash(
                    Level::Warn,
                    "the queue's ARN is not known".into(),
                )],
            }),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.messages)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.messages)
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        if self.following {
            self.poll_task()
        } else {
            Vec::new()
        }
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Sqs(outcome) => self.applied(outcome),
            Outcome::Edit(outcome) => {
                match editing::advance(self.id, cx.editor, outcome, "nothing sent") {
                    Step::Running(effects) | Step::Over(effects) => effects,
                    Step::Edited { path, text } => {
                        let mut effects = vec![editing::discard(self.id, path)];
                        let to = send::SendTo {
                            owner: self.owner(),
                            ctx: self.ctx.clone(),
                            url: self.queue.url.clone(),
                            name: self.queue.name.clone(),
                            fifo: self.queue.fifo(),
                            content_dedup: self.queue.content_based_dedup(),
                            place: self.place(),
                        };
                        effects.extend(send::begin(to, text));
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
        let [summary, messages] =
            Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
        let block = Frame_::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border"))
            .title(format!(
                " queue {}{} · d: all attributes ",
                crate::sanitize::sanitize(&self.queue.name),
                crate::sanitize::sanitize(&self.suffix)
            ));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(block),
            summary,
        );
        let title = self.messages_title();
        self.messages
            .set_loading(matches!(self.peek, Peek::Peeking));
        self.messages
            .render(frame, messages, theme, &title, MESSAGE_COLUMNS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::fake::sqs::queue;

    fn dlq_view() -> QueueView {
        let ctx = ContextKey {
            profile: Some("dev".into()),
            region: "us-east-1".into(),
        };
        let dlq = queue("us-east-1", "111111111111", "orders-dlq", [3, 0, 0]);
        QueueView::new(PaneId(1), ctx, dlq, String::new())
    }

    fn answered_details(view: &mut QueueView) -> Vec<Effect> {
        let details = QueueDetails {
            queue: view.queue.clone(),
            sources: vec!["https://sqs.us-east-1.amazonaws.com/111111111111/orders".into()],
            ..QueueDetails::default()
        };
        view.applied(SqsOutcome::Details(Ok(details)))
    }

    fn confirms(effects: &[Effect]) -> bool {
        effects.iter().any(|e| matches!(e, Effect::Confirm(_)))
    }

    /// The trial's path: `M` pressed while ListMessageMoveTasks was still being retried
    /// against an endpoint without the API opened the confirmation.
    #[test]
    fn a_redrive_waits_until_the_endpoint_is_known_to_move_messages() {
        let mut view = dlq_view();
        let effects = answered_details(&mut view);
        assert!(format!("{effects:?}").contains("MoveTasks"), "{effects:?}");
        let effects = view.redrive();
        assert!(!confirms(&effects), "{effects:?}");
        assert!(format!("{effects:?}").contains("reading the DLQ's message moves first"));

        view.applied(SqsOutcome::MoveTasks(Err(
            crate::aws::sqs::moves_unsupported_error("ListMessageMoveTasks"),
        )));
        let effects = view.redrive();
        assert!(!confirms(&effects), "{effects:?}");
        assert!(format!("{effects:?}").contains("does not support message moves"));
        // Refreshed: the details again do not reopen the question.
        answered_details(&mut view);
        assert!(!confirms(&view.redrive()));
    }

    /// The summary says what `M` will do: wait while the moves are read, nothing where the
    /// endpoint has none.
    #[test]
    fn the_summary_offers_m_only_where_messages_can_move() {
        let line = |view: &QueueView, name: &str| {
            let fields = describe::summary(
                &view.queue,
                view.sources(),
                view.task.as_ref(),
                view.moves_line(),
            );
            fields
                .into_iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        let mut view = dlq_view();
        answered_details(&mut view);
        assert_eq!(line(&view, "moves"), "reading…");
        view.applied(SqsOutcome::MoveTasks(Err(
            crate::aws::sqs::moves_unsupported_error("ListMessageMoveTasks"),
        )));
        assert_eq!(line(&view, "moves"), "not supported here");
        assert_eq!(line(&view, "DLQ of"), "orders");
    }

    #[test]
    fn a_redrive_is_offered_once_the_moves_are_read() {
        let mut view = dlq_view();
        answered_details(&mut view);
        view.applied(SqsOutcome::MoveTasks(Ok(Vec::new())));
        assert!(confirms(&view.redrive()));
        // A read that failed for another reason leaves the decision to StartMessageMoveTask.
        let mut view = dlq_view();
        answered_details(&mut view);
        view.failed(&crate::protocol::Failure::not_sent(
            Some("move-tasks"),
            "refused",
        ));
        assert!(confirms(&view.redrive()));
    }

    #[test]
    fn peeking_is_said_only_once_the_peek_has_left() {
        let mut view = dlq_view();
        let effects = view.peek();
        assert!(confirms(&effects), "{effects:?}");
        assert_eq!(view.messages_title(), "messages · p peeks up to 10");
        view.sent(Some("peek"));
        assert_eq!(view.messages_title(), "messages · peeking…");
        // Said no (or refused): back to what it was.
        view.failed(&crate::protocol::Failure::not_sent(
            Some("peek"),
            "cancelled",
        ));
        assert_eq!(view.messages_title(), "messages · p peeks up to 10");
    }
}
