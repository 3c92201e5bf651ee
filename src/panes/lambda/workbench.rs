//! The invocation workbench: a payload editor (checked and formatted before anything is sent),
//! the invocation type and qualifier, and the last result — status, function error, response
//! and the decoded log tail with the REPORT figures picked out.

use super::LastInvoked;
use super::qualifiers::{self, Qualifier};
use crate::aws::ContextKey;
use crate::aws::lambda::{Invocation, InvocationType, InvokeResult, report_line};
use crate::command::{CommandId, Scope};
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::lambda::{LambdaOp, LambdaOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crate::ui::document::{Block as DocBlock, Document};
use crate::ui::json_text::{self, JsonMistake};
use crate::ui::pager::Pager;
use crate::ui::table::ListInput;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

enum State {
    Ready,
    /// The call as sent: the type may be changed while it runs.
    Sending(InvocationType),
    Done(Box<InvokeResult>, InvocationType),
    Failed(String),
}

/// The function's versions and aliases: what `Q` offers and `:qualifier` accepts.
enum Qualifiers {
    Listing,
    Known(Vec<Qualifier>),
    /// They could not be listed: a qualifier is sent unchecked (Lambda refuses an unknown one).
    Unlisted(String),
}

pub struct WorkbenchPane {
    id: PaneId,
    ctx: ContextKey,
    function: String,
    editor: TextArea<'static>,
    editing: bool,
    mistake: Option<JsonMistake>,
    kind: InvocationType,
    qualifier: Option<String>,
    qualifiers: Qualifiers,
    state: State,
    sent_ms: Option<i64>,
    last_invoked: LastInvoked,
    result: Pager,
    styled_with: Option<String>,
}

impl WorkbenchPane {
    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        function: String,
        payload: Option<String>,
        last_invoked: LastInvoked,
    ) -> WorkbenchPane {
        let text = payload.unwrap_or_else(|| "{}".into());
        WorkbenchPane {
            id,
            ctx,
            function,
            editor: text_area(&text),
            editing: false,
            mistake: None,
            kind: InvocationType::default(),
            qualifier: None,
            qualifiers: Qualifiers::Listing,
            state: State::Ready,
            sent_ms: None,
            last_invoked,
            result: Pager::default(),
            styled_with: None,
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    fn set_text(&mut self, text: &str) {
        self.editor = text_area(&crate::ui::json_text::escape_hidden(text));
    }

    /// After an edit: a mistake shown earlier goes as soon as the payload is JSON again (or
    /// moves with the text), without moving the cursor.
    fn recheck(&mut self) {
        if self.mistake.is_some() {
            let text = self.text();
            self.mistake = if text.trim().is_empty() {
                None
            } else {
                json_text::check(&text).err()
            };
        }
    }

    /// Checks the payload; on a mistake the cursor goes to it and nothing else happens.
    fn checked_payload(&mut self) -> Result<String, Vec<Effect>> {
        let text = self.text();
        if text.trim().is_empty() {
            self.mistake = None;
            return Ok(String::new());
        }
        match json_text::check(&text) {
            Ok(()) => {
                self.mistake = None;
                let formatted = json_text::reindent(&text);
                if formatted != text {
                    self.set_text(&formatted);
                }
                Ok(formatted)
            }
            Err(mistake) => {
                let row = mistake.line.saturating_sub(1).min(u16::MAX as usize) as u16;
                let col = mistake.column.saturating_sub(1).min(u16::MAX as usize) as u16;
                self.editor.move_cursor(CursorMove::Jump(row, col));
                let text = format!("payload is not JSON ({mistake}); nothing sent");
                self.mistake = Some(mistake);
                Err(vec![Effect::Flash(Level::Error, text)])
            }
        }
    }

    fn send(&mut self, cx: &PaneCx) -> Vec<Effect> {
        if matches!(self.state, State::Sending(_)) {
            return vec![Effect::Flash(
                Level::Warn,
                "an invocation is running".into(),
            )];
        }
        let payload = match self.checked_payload() {
            Ok(p) => p,
            Err(effects) => return effects,
        };
        self.state = State::Sending(self.kind);
        self.styled_with = None;
        let op = Op::Lambda(LambdaOp::Invoke {
            ctx: self.ctx.clone(),
            call: Invocation {
                function: self.function.clone(),
                qualifier: self.qualifier.clone(),
                kind: self.kind,
                payload: payload.into_bytes(),
            },
            files: cx.payloads_for(&self.ctx),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("invoke"),
        )]
    }

    fn format(&mut self) -> Vec<Effect> {
        match self.checked_payload() {
            Ok(_) => vec![Effect::Flash(
                Level::Success,
                "payload is valid JSON".into(),
            )],
            Err(effects) => effects,
        }
    }

    fn edit_externally(&self) -> Vec<Effect> {
        vec![crate::panes::editing::start(
            self.id,
            &self.function,
            self.text(),
        )]
    }

    fn ask_save(&self, cx: &PaneCx) -> Vec<Effect> {
        let (files, function, text, owner) = (
            cx.payloads.clone(),
            self.function.clone(),
            self.text(),
            self.owner(),
        );
        vec![Effect::Ask(Ask {
            title: format!("Save this payload of {} as", self.function),
            initial: String::new(),
            complete_paths: false,
            on_answer: Box::new(move |name| {
                let name = name.trim().to_string();
                if let Err(e) = crate::saved_payloads::check_name(&name) {
                    return vec![Effect::Flash(Level::Error, e)];
                }
                vec![save_request(owner, files, function, name, text, false)]
            }),
        })]
    }

    /// The function's versions and aliases to pick from; typed when they could not be listed.
    fn choose_qualifier(&self) -> Vec<Effect> {
        match &self.qualifiers {
            Qualifiers::Known(known) => vec![qualifiers::pick(&self.function, known.clone())],
            Qualifiers::Listing => vec![Effect::Flash(
                Level::Info,
                format!("listing the versions and aliases of {}…", self.function),
            )],
            Qualifiers::Unlisted(_) => self.ask_qualifier(),
        }
    }

    fn ask_qualifier(&self) -> Vec<Effect> {
        vec![Effect::Ask(Ask {
            title: "Version or alias to invoke (empty: $LATEST)".into(),
            initial: self.qualifier.clone().unwrap_or_default(),
            complete_paths: false,
            on_answer: Box::new(|answer| vec![Effect::Run(CommandId::Qualifier, Some(answer))]),
        })]
    }

    fn set_qualifier(&mut self, text: &str) -> Vec<Effect> {
        let text = text.trim();
        if text.is_empty() || text == "$LATEST" {
            self.qualifier = None;
            return vec![Effect::Flash(Level::Info, "invoking $LATEST".into())];
        }
        let valid = text.len() <= 128
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_$".contains(c));
        if !valid {
            return vec![Effect::Flash(
                Level::Error,
                format!("'{}' is not a version number or alias name", sanitize(text)),
            )];
        }
        let unchecked = match &self.qualifiers {
            Qualifiers::Known(known) if !known.iter().any(|q| q.name == text) => {
                return vec![Effect::Flash(
                    Level::Error,
                    format!(
                        "{} has no version or alias '{}' (Q lists them)",
                        self.function,
                        sanitize(text)
                    ),
                )];
            }
            Qualifiers::Known(_) => None,
            Qualifiers::Listing => Some("its versions and aliases are still being listed".into()),
            Qualifiers::Unlisted(e) => Some(format!(
                "its versions and aliases could not be listed ({e})"
            )),
        };
        self.qualifier = Some(text.to_string());
        vec![match unchecked {
            None => Effect::Flash(Level::Info, format!("invoking {text}")),
            Some(why) => Effect::Flash(Level::Warn, format!("invoking {text}, not checked: {why}")),
        }]
    }

    fn listed(
        &mut self,
        result: Result<crate::aws::lambda::FunctionDetails, crate::aws::AwsError>,
    ) {
        self.qualifiers = match result {
            Ok(details) => Qualifiers::Known(Qualifier::of(&details)),
            Err(e) => Qualifiers::Unlisted(e.summary()),
        };
    }

    fn invoked(
        &mut self,
        result: Result<InvokeResult, crate::aws::AwsError>,
        sent_ms: i64,
        history_error: Option<String>,
    ) -> Vec<Effect> {
        self.styled_with = None;
        self.sent_ms = Some(sent_ms);
        // The type may have been changed while the call ran: the result is the call's.
        let sent = match self.state {
            State::Sending(kind) => kind,
            _ => self.kind,
        };
        self.last_invoked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(self.function.clone(), sent_ms);
        let mut effects = Vec::new();
        if let Some(e) = history_error {
            effects.push(Effect::Flash(
                Level::Warn,
                format!("sent, but the payload history could not be written: {e}"),
            ));
        }
        match result {
            Ok(r) => {
                let (level, text) = match &r.function_error {
                    Some(error) => (Level::Error, format!("function error: {error}")),
                    None => (
                        Level::Success,
                        format!("{} · status {}", sent.label(), r.status),
                    ),
                };
                self.state = State::Done(Box::new(r), sent);
                effects.insert(0, Effect::Flash(level, text));
            }
            // Sent once and never again: only the function's logs can tell whether it ran.
            Err(e) if e.outcome_unknown() => {
                let ran = match sent {
                    InvocationType::Event => "the event may have been queued",
                    _ => "the function may have run",
                };
                let text = format!(
                    "outcome unknown: the answer was lost and {ran} (not sent again; its logs \
                     tell) — {}",
                    e.summary()
                );
                self.state = State::Failed(text);
                effects.insert(
                    0,
                    Effect::Flash(
                        Level::Warn,
                        format!("invoke: answer lost — {ran}; not sent again"),
                    ),
                );
            }
            Err(e) => {
                let text = e.summary();
                self.state = State::Failed(text.clone());
                effects.insert(0, Effect::Flash(Level::Error, format!("invoke: {text}")));
            }
        }
        effects
    }

    fn result_document(&self) -> Document {
        let mut doc = Document::default();
        match &self.state {
            State::Ready => {
                doc.push(DocBlock::Note(
                    "Not sent yet: e edits the payload, i sends it, t changes the invocation type."
                        .into(),
                ));
            }
            State::Sending(_) => {
                doc.push(DocBlock::Note("invoking…".into()));
            }
            State::Failed(e) => {
                doc.push(DocBlock::Error(e.clone()));
            }
            State::Done(r, kind) => result_blocks(&mut doc, r, *kind),
        }
        doc
    }

    fn settings_line(&self, theme: &Theme) -> Line<'static> {
        let mut spans = vec![
            Span::styled(sanitize(&self.function).into_owned(), theme.style("title")),
            Span::styled("  type ", theme.style("text.dim")),
            Span::styled(self.kind.label(), theme.style("detail.value")),
            Span::styled("  qualifier ", theme.style("text.dim")),
            Span::styled(
                self.qualifier.clone().unwrap_or_else(|| "$LATEST".into()),
                theme.style("detail.value"),
            ),
        ];
        if let Some(ms) = self.sent_ms {
            spans.push(Span::styled("  last sent ", theme.style("text.dim")));
            spans.push(Span::styled(
                crate::clock::clock(ms, false),
                theme.style("detail.value"),
            ));
        }
        Line::from(spans)
    }
}

fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_owned).collect());
    area.set_placeholder_text("no payload (empty): e to write one");
    area
}

fn save_request(
    owner: Owner,
    files: crate::saved_payloads::PayloadFiles,
    function: String,
    name: String,
    text: String,
    overwrite: bool,
) -> Effect {
    let op = Op::Lambda(LambdaOp::SavePayload {
        files,
        function,
        name,
        text,
        overwrite,
    });
    Effect::Request(Request::new(owner, op).in_slot("payload-file"))
}

/// The result of an invocation as document blocks.
fn result_blocks(doc: &mut Document, r: &InvokeResult, kind: InvocationType) {
    let status = match (kind, r.status) {
        (InvocationType::Event, 202) => "202 (accepted: the function runs asynchronously)".into(),
        (InvocationType::DryRun, 204) => "204 (dry run: the call would be allowed)".into(),
        (_, s) => s.to_string(),
    };
    let mut fields = vec![("Status".to_string(), status)];
    if let Some(v) = &r.executed_version {
        fields.push(("Executed version".into(), v.clone()));
    }
    let report = r.log_tail.as_deref().and_then(report_line);
    if let Some(report) = &report {
        let ms = |v: Option<f64>| v.map(|v| format!("{v} ms"));
        for (name, value) in [
            ("Duration", ms(report.duration_ms)),
            ("Billed duration", ms(report.billed_ms)),
            ("Init duration", ms(report.init_ms)),
            (
                "Memory",
                match (report.max_memory_mb, report.memory_mb) {
                    (Some(used), Some(size)) => Some(format!("{used} MB used of {size} MB")),
                    (None, Some(size)) => Some(format!("{size} MB")),
                    _ => None,
                },
            ),
            ("Request id", report.request_id.clone()),
        ] {
            if let Some(value) = value {
                fields.push((name.into(), value));
            }
        }
    }
    doc.push(DocBlock::Heading("Result".into()));
    doc.push(DocBlock::Fields(fields));
    if let Some(error) = &r.function_error {
        doc.push(DocBlock::Error(format!(
            "FunctionError: {error} — the function ran and failed; the response holds its error"
        )));
    }
    doc.push(DocBlock::Heading("Response".into()));
    if r.payload.is_empty() {
        doc.push(DocBlock::Note("(empty)".into()));
    } else {
        match std::str::from_utf8(&r.payload) {
            Ok(text) if json_text::check(text).is_ok() => {
                doc.push(DocBlock::JsonText(json_text::reindent(text)));
            }
            _ => {
                doc.push(DocBlock::Text(
                    String::from_utf8_lossy(&r.payload).into_owned(),
                ));
            }
        }
    }
    doc.push(DocBlock::Heading("Log tail".into()));
    match &r.log_tail {
        Some(log) if !log.trim().is_empty() => doc.push(DocBlock::Text(log.clone())),
        _ => doc.push(DocBlock::Note(match kind {
            // Asked for (LogType Tail) and not given: the function logged nothing, or the
            // endpoint (an emulator, a proxy) leaves the header out.
            InvocationType::RequestResponse => {
                "no log tail: it was requested (LogType Tail) but the answer carried none; \
                 L opens the function's logs"
                    .to_string()
            }
            other => format!(
                "no log tail: a {} call never returns one (RequestResponse does); \
                 L opens the function's logs",
                other.label()
            ),
        })),
    };
}

impl Pane for WorkbenchPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "invoke".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Invoke,
            CommandId::EditPayload,
            CommandId::InvocationType,
            CommandId::Qualifier,
            CommandId::SavePayload,
            CommandId::Payloads,
            CommandId::FunctionLogs,
            CommandId::Back,
        ]
    }

    fn is_editing(&self) -> bool {
        self.editing
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Esc {
            self.editing = false;
            return Vec::new();
        }
        self.editor.input(*key);
        self.recheck();
        Vec::new()
    }

    fn handle_paste(&mut self, text: &str) {
        // Terminals send CR for newlines in bracketed paste.
        // Bidi and zero-width characters would be sent but not seen: they go in as escapes.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.editor
            .insert_str(crate::ui::json_text::escape_hidden(&text));
        self.recheck();
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        let op = Op::Lambda(LambdaOp::Details {
            ctx: self.ctx.clone(),
            name: self.function.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("qualifiers"),
        )]
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Invoke => self.send(cx),
            CommandId::EditPayload | CommandId::Open => {
                self.editing = true;
                Vec::new()
            }
            CommandId::EditPayloadExternal => self.edit_externally(),
            CommandId::FormatPayload => self.format(),
            CommandId::InvocationType => {
                self.kind = self.kind.next();
                vec![Effect::Flash(
                    Level::Info,
                    format!("invocation type {}", self.kind.label()),
                )]
            }
            CommandId::Qualifier => self.choose_qualifier(),
            CommandId::SavePayload => self.ask_save(cx),
            CommandId::Payloads => {
                let (ctx, function, files, last) = (
                    self.ctx.clone(),
                    self.function.clone(),
                    cx.payloads_for(&self.ctx),
                    self.last_invoked.clone(),
                );
                vec![Effect::Push(Box::new(move |id| {
                    Box::new(super::PayloadsPane::new(id, ctx, function, files, last))
                }))]
            }
            CommandId::FunctionLogs => {
                vec![super::open_logs(&self.ctx, &self.function, self.sent_ms)]
            }
            CommandId::Copy => vec![Effect::Copy(self.function.clone())],
            _ => return None,
        })
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Qualifier => Some(self.set_qualifier(arg)),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.result)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.result)
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("qualifiers") {
            self.qualifiers = Qualifiers::Unlisted(failure.summary());
        }
        if failure.is_in("invoke") && matches!(self.state, State::Sending(_)) {
            self.state = State::Failed(failure.summary());
            self.styled_with = None;
        }
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        use crate::panes::editing::{self, Step};
        let outcome = match outcome {
            Outcome::Lambda(outcome) => outcome,
            Outcome::Edit(edit) => {
                return match editing::advance(self.id, cx.editor, edit, "payload unchanged") {
                    Step::Running(effects) | Step::Over(effects) => effects,
                    Step::Edited { path, text } => {
                        self.set_text(text.trim_end_matches('\n'));
                        let mut effects = vec![editing::discard(self.id, path)];
                        match self.checked_payload() {
                            Ok(_) => {
                                effects.push(Effect::Flash(Level::Info, "payload updated".into()))
                            }
                            Err(more) => effects.extend(more),
                        }
                        effects
                    }
                };
            }
            _ => return Vec::new(),
        };
        match outcome {
            LambdaOutcome::Invoked {
                result,
                sent_ms,
                history_error,
            } => self.invoked(result, sent_ms, history_error),
            LambdaOutcome::Details(result) => {
                self.listed(result);
                Vec::new()
            }
            LambdaOutcome::PayloadExists { name, text } => vec![Effect::Confirm(Confirm {
                title: format!("Replace the saved payload '{name}'?"),
                lines: vec![format!(
                    "{} already has a payload named '{name}'.",
                    self.function
                )],
                typed: None,
                on_yes: vec![save_request(
                    self.owner(),
                    cx.payloads.clone(),
                    self.function.clone(),
                    name,
                    text,
                    true,
                )],
            })],
            LambdaOutcome::PayloadChanged(Ok(message)) => {
                vec![Effect::Flash(Level::Success, message)]
            }
            LambdaOutcome::PayloadChanged(Err(e)) => vec![Effect::Flash(Level::Error, e)],
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        // The editor grows with its text, up to 40% of the view; the result gets the rest.
        let wanted = self.editor.lines().len() as u16 + 3;
        let editor_height = wanted.clamp(5, (area.height * 2 / 5).max(5));
        let [settings, payload, result] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(editor_height),
            Constraint::Fill(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(self.settings_line(theme)), settings);

        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style(if self.editing {
                "border.focused"
            } else {
                "border"
            }))
            .title(Span::styled(
                if self.editing {
                    " payload · editing (Esc stops) "
                } else {
                    " payload · e edit · E $EDITOR · F format · i send "
                },
                theme.style("title"),
            ));
        if let Some(m) = &self.mistake {
            block = block.title_bottom(Span::styled(
                format!(" not JSON: {m} "),
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
        frame.render_widget(&self.editor, payload);

        if self.styled_with.as_deref() != Some(theme.name()) {
            self.result.set_lines(self.result_document().lines(theme));
            self.styled_with = Some(theme.name().to_string());
        }
        self.result.render(frame, result, theme, "result");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(doc: &Document) -> String {
        doc.lines(&Theme::mono())
            .iter()
            .map(|line| line.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The type can be changed while a call runs: its result is told as the call was sent.
    #[test]
    fn a_result_is_read_as_the_type_it_was_sent_with() {
        let ctx = ContextKey {
            profile: Some("dev".into()),
            region: "us-east-1".into(),
        };
        let mut pane = WorkbenchPane::new(
            PaneId(1),
            ctx,
            "checkout-api".into(),
            None,
            LastInvoked::default(),
        );
        pane.state = State::Sending(InvocationType::RequestResponse);
        pane.kind = InvocationType::Event;
        let answer = InvokeResult {
            status: 200,
            ..InvokeResult::default()
        };
        pane.invoked(Ok(answer), 0, None);
        let text = text_of(&pane.result_document());
        assert!(text.contains("it was requested (LogType Tail)"), "{text}");
        assert!(!text.contains("never returns one"), "{text}");
    }
}
