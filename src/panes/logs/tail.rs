//! The tail: one or several groups (or some streams of one) followed live, interleaved by time,
//! each line labelled and coloured by where it came from. Polling reads FilterLogEvents from
//! each source's start time, follows `nextToken`, drops events already seen (by event id) and
//! adapts its interval to the traffic; on real AWS Live Tail can stream instead. Pausing
//! freezes the view (new lines are counted, not lost); the buffer is bounded.

use super::buffer::{LogBuffer, LogLine};
use super::{TailSource, parse_start};
use crate::aws::ContextKey;
use crate::aws::logs::LogEvent;
use crate::command::{CommandId, Scope};
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::logs::{LogsOp, LogsOutcome, PollSource};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crate::ui::document::{Block as DocBlock, Document};
use crate::ui::format;
use crate::ui::line_input::{InputEvent, LineInput};
use crate::ui::table::ListInput;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::collections::HashMap;
use std::time::Duration;
use unicode_width::UnicodeWidthChar;

/// Poll intervals: quick while events arrive, backing off to the slowest when quiet.
const INTERVALS: [Duration; 4] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(3),
    Duration::from_secs(5),
];
/// Highlight terms, each with its own colour.
const MAX_HIGHLIGHTS: usize = 4;
/// Label colours, reused round-robin.
const LABEL_ROLES: [&str; 6] = [
    "log.label.1",
    "log.label.2",
    "log.label.3",
    "log.label.4",
    "log.label.5",
    "log.label.6",
];
const HIGHLIGHT_ROLES: [&str; MAX_HIGHLIGHTS] = [
    "log.highlight.1",
    "log.highlight.2",
    "log.highlight.3",
    "log.highlight.4",
];
const LABEL_WIDTH: usize = 16;

/// How far one source has been read.
#[derive(Default)]
struct Cursor {
    start_ms: i64,
    token: Option<String>,
    /// The newest timestamp seen.
    newest_ms: Option<i64>,
    /// Event ids at or after `start_ms` (the next poll reads those again): id → timestamp.
    seen: HashMap<String, i64>,
    error: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Following,
    /// The view holds still on `cursor`; `arrived` lines came in since pausing.
    Paused {
        cursor: u64,
        top: u64,
        arrived: u64,
    },
}

pub struct TailPane {
    id: PaneId,
    ctx: ContextKey,
    sources: Vec<TailSource>,
    cursors: Vec<Cursor>,
    /// The start asked for (`None`: the configured `since`).
    asked_start: Option<i64>,
    start_label: String,
    pattern: Option<String>,
    highlights: Vec<String>,
    buffer: LogBuffer,
    mode: Mode,
    wrap: bool,
    utc: bool,
    search: LineInput,
    editing_search: bool,
    /// The submitted search is nowhere in the buffer: the title says so (a flash cannot come
    /// back from the list's key handling).
    search_missed: bool,
    polling: bool,
    interval: usize,
    arrived_this_poll: usize,
    want_live: bool,
    /// A Live Tail session is running (instead of polling).
    live: bool,
    /// Rows that fit, learned at the last draw (page up/down).
    rows: usize,
}

impl TailPane {
    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        sources: Vec<TailSource>,
        start_ms: Option<i64>,
    ) -> TailPane {
        TailPane {
            id,
            ctx,
            cursors: sources.iter().map(|_| Cursor::default()).collect(),
            sources,
            asked_start: start_ms,
            start_label: String::new(),
            pattern: None,
            highlights: Vec::new(),
            buffer: LogBuffer::new(100_000, 256 << 20),
            mode: Mode::Following,
            wrap: false,
            utc: false,
            search: LineInput::default(),
            editing_search: false,
            search_missed: false,
            polling: false,
            interval: 0,
            arrived_this_poll: 0,
            want_live: false,
            live: false,
            rows: 20,
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    /// Starts over from `start_ms`: empty buffer, every source from the beginning.
    fn restart(&mut self, start_ms: i64) -> Vec<Effect> {
        self.buffer.clear();
        for cursor in &mut self.cursors {
            *cursor = Cursor {
                start_ms,
                ..Cursor::default()
            };
        }
        self.mode = Mode::Following;
        self.polling = false;
        self.interval = 0;
        let mut effects = vec![
            Effect::Cancel(self.owner(), "poll"),
            Effect::Cancel(self.owner(), "live"),
        ];
        self.live = false;
        effects.extend(if self.want_live {
            self.start_live()
        } else {
            self.poll()
        });
        effects
    }

    fn poll(&mut self) -> Vec<Effect> {
        if self.polling || self.live {
            return Vec::new();
        }
        self.polling = true;
        self.arrived_this_poll = 0;
        let sources = self
            .sources
            .iter()
            .zip(&self.cursors)
            .map(|(s, c)| PollSource {
                group: s.group.clone(),
                streams: s.streams.clone(),
                start_ms: c.start_ms,
                token: c.token.clone(),
            })
            .collect();
        let op = Op::Logs(LogsOp::Poll {
            ctx: self.ctx.clone(),
            sources,
            pattern: self.pattern.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("poll"),
        )]
    }

    /// Live Tail over every source, when each is a whole group; otherwise polling.
    fn start_live(&mut self) -> Vec<Effect> {
        if self.sources.iter().any(|s| !s.streams.is_empty()) {
            self.want_live = false;
            let mut effects = vec![Effect::Flash(
                Level::Warn,
                "Live Tail follows whole groups: polling these streams".into(),
            )];
            effects.extend(self.poll());
            return effects;
        }
        let Some(arns) = self.group_arns() else {
            self.want_live = false;
            let mut effects = vec![Effect::Flash(
                Level::Warn,
                "Live Tail needs the account id (not resolved yet): polling".into(),
            )];
            effects.extend(self.poll());
            return effects;
        };
        self.live = true;
        let op = Op::Logs(LogsOp::LiveTail {
            ctx: self.ctx.clone(),
            group_arns: arns,
            pattern: self.pattern.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("live"),
        )]
    }

    fn group_arns(&self) -> Option<Vec<String>> {
        self.sources.iter().map(|s| s.arn.clone()).collect()
    }

    fn fill_arns(&mut self, cx: &PaneCx) {
        let account = match cx.identities.get(&self.ctx.profile) {
            Some(IdentityState::Resolved(identity)) => identity.account.clone(),
            _ => return,
        };
        let partition = crate::aws::partition(&self.ctx.region);
        for source in &mut self.sources {
            if source.arn.is_none() {
                source.arn = Some(format!(
                    "arn:{partition}:logs:{}:{account}:log-group:{}",
                    self.ctx.region, source.group
                ));
            }
        }
    }

    fn add_event(&mut self, source: usize, event: LogEvent) {
        let message = event.message.trim_end_matches(['\n', '\r']);
        let stream = self.buffer.stream_id(&event.stream);
        let inserted = self.buffer.insert(LogLine {
            timestamp_ms: event.timestamp_ms,
            source: source as u16,
            stream,
            message: message.into(),
        });
        if let Mode::Paused { arrived, .. } = &mut self.mode {
            *arrived += 1;
        }
        if let (Some(seq), Mode::Paused { cursor, top, .. }) = (inserted, &mut self.mode) {
            // A late line slotted in above the view shifts it by one; keep it still.
            if seq <= *cursor {
                *cursor += 1;
                *top += 1;
            }
        }
        self.arrived_this_poll += 1;
    }

    fn events(&mut self, source: usize, events: Vec<LogEvent>) {
        if source >= self.cursors.len() {
            return;
        }
        for event in events {
            let cursor = &mut self.cursors[source];
            if let Some(id) = &event.id {
                if cursor.seen.contains_key(id) {
                    continue;
                }
                cursor.seen.insert(id.clone(), event.timestamp_ms);
            }
            cursor.newest_ms = Some(cursor.newest_ms.unwrap_or(i64::MIN).max(event.timestamp_ms));
            self.add_event(source, event);
        }
    }

    fn polled(
        &mut self,
        results: Vec<Result<Option<String>, crate::aws::AwsError>>,
    ) -> Vec<Effect> {
        self.polling = false;
        let mut effects = Vec::new();
        let mut more = false;
        for (i, result) in results.into_iter().enumerate() {
            let Some(cursor) = self.cursors.get_mut(i) else {
                continue;
            };
            match result {
                Ok(Some(token)) => {
                    cursor.token = Some(token);
                    cursor.error = None;
                    more = true;
                }
                Ok(None) => {
                    cursor.token = None;
                    cursor.error = None;
                    // From the newest event on; events at that very millisecond come again
                    // and are recognised by id.
                    if let Some(newest) = cursor.newest_ms {
                        cursor.start_ms = cursor.start_ms.max(newest);
                    }
                    let start = cursor.start_ms;
                    cursor.seen.retain(|_, ts| *ts >= start);
                }
                Err(e) => {
                    let text = e.summary();
                    if cursor.error.as_deref() != Some(text.as_str()) {
                        effects.push(Effect::Flash(
                            Level::Error,
                            format!("{}: {text}", self.sources[i].group),
                        ));
                    }
                    cursor.error = Some(text);
                    // Retry from the same place, not from a token that may have gone stale.
                    cursor.token = None;
                }
            }
        }
        let after = if more {
            Duration::from_millis(50)
        } else {
            if self.arrived_this_poll > 0 {
                self.interval = 0;
            } else {
                self.interval = (self.interval + 1).min(INTERVALS.len() - 1);
            }
            if self.cursors.iter().any(|c| c.error.is_some()) {
                self.interval = INTERVALS.len() - 1;
            }
            INTERVALS[self.interval]
        };
        effects.push(Effect::Wake(self.id, after));
        effects
    }

    fn live_ended(&mut self, result: Result<(), crate::aws::AwsError>) -> Vec<Effect> {
        self.live = false;
        self.want_live = false;
        // Polling carries on from the newest line shown.
        let newest = self.buffer.get(self.buffer.end_seq().wrapping_sub(1));
        if let Some(newest) = newest.map(|l| l.timestamp_ms) {
            for cursor in &mut self.cursors {
                cursor.start_ms = cursor.start_ms.max(newest);
                cursor.token = None;
            }
        }
        let text = match result {
            Ok(()) => "Live Tail session ended; polling".to_string(),
            Err(e) => format!("Live Tail unavailable ({}); polling instead", e.summary()),
        };
        let mut effects = vec![Effect::Flash(Level::Warn, text)];
        effects.extend(self.poll());
        effects
    }

    fn live_events(&mut self, events: Vec<(String, LogEvent)>) {
        for (group, event) in events {
            let source = self
                .sources
                .iter()
                .position(|s| {
                    s.arn.as_deref() == Some(group.as_str())
                        || s.group == group
                        || group.ends_with(&format!(":log-group:{}", s.group))
                })
                .unwrap_or(0);
            self.add_event(source, event);
        }
    }

    // ── navigation ─────────────────────────────────────────────────────────

    fn newest_seq(&self) -> Option<u64> {
        (!self.buffer.is_empty()).then(|| self.buffer.end_seq() - 1)
    }

    /// The line under the cursor: the held one when paused, the newest when following.
    fn selected_seq(&self) -> Option<u64> {
        match self.mode {
            Mode::Paused { cursor, .. } => Some(cursor.max(self.buffer.first_seq())),
            Mode::Following => self.newest_seq(),
        }
    }

    fn pause_at(&mut self, seq: u64) {
        let seq = seq.clamp(self.buffer.first_seq(), self.newest_seq().unwrap_or(0));
        self.mode = match self.mode {
            Mode::Paused { top, arrived, .. } => Mode::Paused {
                cursor: seq,
                top: top.min(seq),
                arrived,
            },
            Mode::Following => Mode::Paused {
                cursor: seq,
                top: seq.saturating_sub(self.rows as u64 - 1),
                arrived: 0,
            },
        };
    }

    fn toggle_pause(&mut self) -> Vec<Effect> {
        match self.mode {
            Mode::Following => {
                if let Some(seq) = self.newest_seq() {
                    self.pause_at(seq);
                } else {
                    self.mode = Mode::Paused {
                        cursor: 0,
                        top: 0,
                        arrived: 0,
                    };
                }
            }
            Mode::Paused { .. } => self.mode = Mode::Following,
        }
        Vec::new()
    }

    fn move_by(&mut self, delta: i64) {
        let Some(current) = self.selected_seq() else {
            return;
        };
        let target = if delta < 0 {
            current.saturating_sub(delta.unsigned_abs())
        } else {
            current.saturating_add(delta as u64)
        };
        self.pause_at(target);
    }

    fn search_from(&mut self, forward: bool) -> Vec<Effect> {
        let term = self.search.text().to_string();
        if term.is_empty() {
            return vec![Effect::Flash(Level::Info, "no search: / starts one".into())];
        }
        let Some(current) = self.selected_seq() else {
            return Vec::new();
        };
        let from = if forward {
            current + 1
        } else {
            current.saturating_sub(1)
        };
        let found = if !forward && current == self.buffer.first_seq() {
            None
        } else {
            self.buffer.find(from, forward, &term)
        };
        match found {
            Some(seq) => {
                self.search_missed = false;
                self.pause_at(seq);
                Vec::new()
            }
            None => vec![Effect::Flash(
                Level::Info,
                format!(
                    "'{}' not found {}",
                    sanitize(&term),
                    if forward { "below" } else { "above" }
                ),
            )],
        }
    }

    /// `/term` just submitted: the newest line that matches.
    fn search_newest(&mut self) -> Vec<Effect> {
        let term = self.search.text().to_string();
        if term.is_empty() {
            return Vec::new();
        }
        match self
            .newest_seq()
            .and_then(|end| self.buffer.find(end, false, &term))
        {
            Some(seq) => {
                self.pause_at(seq);
                Vec::new()
            }
            None => vec![Effect::Flash(
                Level::Info,
                format!("'{}' is not in the buffer", sanitize(&term)),
            )],
        }
    }

    // ── commands with an argument ──────────────────────────────────────────

    fn ask(&self, title: &str, initial: String, command: CommandId) -> Vec<Effect> {
        vec![Effect::Ask(Ask {
            title: title.into(),
            initial,
            complete_paths: false,
            on_answer: Box::new(move |answer| vec![Effect::Run(command, Some(answer))]),
        })]
    }

    fn set_highlights(&mut self, text: &str) -> Vec<Effect> {
        let terms: Vec<String> = text
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        let mut effects = Vec::new();
        if terms.len() > MAX_HIGHLIGHTS {
            effects.push(Effect::Flash(
                Level::Warn,
                format!("only the first {MAX_HIGHLIGHTS} terms are highlighted"),
            ));
        }
        self.highlights = terms.into_iter().take(MAX_HIGHLIGHTS).collect();
        effects
    }

    fn set_since(&mut self, text: &str) -> Vec<Effect> {
        match parse_start(text, crate::clock::now_ms()) {
            Ok(start) => {
                self.asked_start = Some(start);
                self.start_label = text.trim().to_string();
                self.restart(start)
            }
            Err(e) => vec![Effect::Flash(Level::Error, e)],
        }
    }

    /// `I`: Logs Insights on the tail's groups from the tail's start, in the tail's context.
    fn insights(&self) -> Vec<Effect> {
        let mut groups: Vec<String> = Vec::new();
        for source in &self.sources {
            if !groups.contains(&source.group) {
                groups.push(source.group.clone());
            }
        }
        // A start typed as a time ago is kept as typed (it counts from each run); any other
        // start is the instant itself, in a form the time field reads back.
        let since = match self.asked_start {
            Some(start) if crate::config::parse_start(&self.start_label, start).is_err() => {
                let iso = crate::clock::iso_utc(start);
                format!("{}Z", iso.split('.').next().unwrap_or(&iso))
            }
            _ => self.start_label.clone(),
        };
        let ctx = self.ctx.clone();
        vec![Effect::Push(Box::new(move |id| {
            Box::new(crate::panes::insights::InsightsPane::new(
                id, ctx, groups, &since,
            ))
        }))]
    }

    fn save_buffer(&self) -> Vec<Effect> {
        if self.buffer.is_empty() {
            return vec![Effect::Flash(Level::Info, "nothing to save yet".into())];
        }
        // Saved as shown: escape sequences stay visible, so `cat` of the file is harmless.
        let mut text = String::with_capacity(self.buffer.len() * 96);
        for line in self.buffer.iter() {
            let source = &self.sources[usize::from(line.source).min(self.sources.len() - 1)];
            text.push_str(&crate::clock::log_time(line.timestamp_ms, self.utc));
            text.push('\t');
            text.push_str(&sanitize(&source.group));
            text.push('\t');
            text.push_str(&sanitize(self.buffer.stream_name(line.stream)));
            text.push('\t');
            text.push_str(&sanitize(&line.message));
            text.push('\n');
        }
        let owner = self.owner();
        let initial = format!("awsterm-tail-{}.log", crate::clock::now_ms() / 1000);
        vec![Effect::Ask(Ask {
            title: format!("Save {} lines to", format::count(self.buffer.len())),
            initial,
            complete_paths: true,
            on_answer: Box::new(move |path| {
                let path = path.trim();
                if path.is_empty() {
                    return vec![Effect::Flash(
                        Level::Warn,
                        "no file name: nothing saved".into(),
                    )];
                }
                vec![save_request(
                    owner,
                    crate::paths::expand_home(path).into(),
                    text,
                    false,
                )]
            }),
        })]
    }

    fn expand_selected(&self) -> Vec<Effect> {
        let Some(line) = self.selected_seq().and_then(|s| self.buffer.get(s)) else {
            return vec![Effect::Flash(Level::Info, "no line to expand".into())];
        };
        let source = &self.sources[usize::from(line.source).min(self.sources.len() - 1)];
        let mut doc = Document::default();
        doc.push(DocBlock::Fields(vec![
            (
                "Time".into(),
                crate::clock::log_time(line.timestamp_ms, self.utc),
            ),
            ("Group".into(), source.group.clone()),
            (
                "Stream".into(),
                self.buffer.stream_name(line.stream).to_string(),
            ),
        ]));
        let message = line.message.to_string();
        // A JSON message, or one with a JSON object after a prefix (Lambda's
        // `time id level {...}` lines), is shown pretty-printed.
        let json = std::iter::once(message.as_str())
            .chain(message.find('{').map(|i| &message[i..]))
            .find(|text| crate::ui::json_text::check(text).is_ok());
        match json {
            Some(json) => {
                doc.push(DocBlock::Heading("Message (JSON)".into()));
                doc.push(DocBlock::JsonText(crate::ui::json_text::reindent(json)));
            }
            None => {
                doc.push(DocBlock::Heading("Message".into()));
                doc.push(DocBlock::Text(message.clone()));
            }
        }
        let title = format!("log event · {}", source.group);
        vec![Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, message, doc))
        }))]
    }

    // ── drawing ────────────────────────────────────────────────────────────

    fn label(&self, line: &LogLine) -> (String, &'static str) {
        if self.sources.len() > 1 {
            let source = usize::from(line.source).min(self.sources.len() - 1);
            let label = self.sources[source].label().to_string();
            (label, LABEL_ROLES[source % LABEL_ROLES.len()])
        } else {
            (
                short_stream(self.buffer.stream_name(line.stream)),
                LABEL_ROLES[line.stream as usize % LABEL_ROLES.len()],
            )
        }
    }

    fn line_spans(&self, line: &LogLine, theme: &Theme, selected: bool) -> Vec<Span<'static>> {
        let (label, role) = self.label(line);
        let mut spans = vec![
            Span::styled(
                format!("{} ", crate::clock::log_time(line.timestamp_ms, self.utc)),
                theme.style("log.time"),
            ),
            Span::styled(
                format!(
                    "{:<LABEL_WIDTH$} ",
                    truncate(&sanitize(&label), LABEL_WIDTH)
                ),
                theme.style(role),
            ),
        ];
        let message = sanitize(&line.message);
        let mut terms: Vec<(&str, Style)> = self
            .highlights
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), theme.style(HIGHLIGHT_ROLES[i])))
            .collect();
        let search = self.search.text().to_ascii_lowercase();
        if !search.is_empty() {
            terms.push((&search, theme.style("log.match")));
        }
        spans.extend(highlighted(&message, &terms, theme.style("text")));
        if selected {
            let bar = theme.style("table.row.selected");
            for span in &mut spans {
                span.style = span.style.patch(bar);
            }
        }
        spans
    }

    fn heading(&self) -> String {
        let what = if self.sources.len() == 1 {
            let s = &self.sources[0];
            match s.streams.len() {
                0 => s.group.clone(),
                1 => format!("{} · {}", s.group, short_stream(&s.streams[0])),
                n => format!("{} · {n} streams", s.group),
            }
        } else {
            format!(
                "{} groups: {}",
                self.sources.len(),
                self.sources
                    .iter()
                    .map(TailSource::label)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mut title = format!("tail {what}");
        title.push_str(&match self.mode {
            Mode::Following => " · following".to_string(),
            Mode::Paused { .. } => " · paused".to_string(),
        });
        title.push_str(&format!(" · {} lines", format::count(self.buffer.len())));
        if self.buffer.dropped() > 0 {
            title.push_str(&format!(
                " · {} dropped (buffer {} lines / {})",
                format::count(self.buffer.dropped() as usize),
                format::count(self.buffer.cap()),
                format::size(self.buffer.cap_bytes() as i64)
            ));
        }
        if !self.start_label.is_empty() {
            title.push_str(&format!(" · since {}", self.start_label));
        }
        if let Some(p) = &self.pattern {
            title.push_str(&format!(" · pattern {p}"));
        }
        if self.live {
            title.push_str(" · LIVE TAIL (billed per minute)");
        } else {
            title.push_str(&format!(
                " · polling {}s",
                INTERVALS[self.interval].as_secs()
            ));
        }
        if let Some(e) = self.cursors.iter().find_map(|c| c.error.as_ref()) {
            title.push_str(&format!(" · error: {e}"));
        }
        title
    }

    /// What an empty tail says: how far back it reads (the configured window, `T`'s, or a
    /// time), and that `T` reaches further — "no events" alone reads as "none ever".
    fn empty_note(&self) -> String {
        let window = match self.start_label.as_str() {
            "" => "the start".to_string(),
            label
                if label.starts_with(|c: char| c.is_ascii_digit())
                    && !label.contains([' ', '-', ':']) =>
            {
                format!("{label} ago")
            }
            time => time.to_string(),
        };
        let state = if self.live {
            "waiting for events (Live Tail)"
        } else if self.polling {
            "waiting for events"
        } else {
            "no events yet"
        };
        format!("{state}: the tail reads from {window} on · T starts further back (T 1h, T 2d)")
    }

    fn footer(&self) -> Option<String> {
        if self.editing_search {
            return Some(format!(" /{}▏ ", sanitize(self.search.text())));
        }
        let mut parts = Vec::new();
        if let Mode::Paused { arrived, .. } = self.mode {
            parts.push(format!(
                "paused · {} new line{} · p resumes",
                format::count(arrived as usize),
                if arrived == 1 { "" } else { "s" }
            ));
        }
        if !self.search.text().is_empty() {
            if self.search_missed {
                parts.push(format!(
                    "search {}: not in the buffer",
                    sanitize(self.search.text())
                ));
            } else {
                parts.push(format!("search {} (n/N)", sanitize(self.search.text())));
            }
        }
        if !self.highlights.is_empty() {
            parts.push(format!("highlight {}", self.highlights.join(" ")));
        }
        if self.wrap {
            parts.push("wrap".into());
        }
        if self.utc {
            parts.push("UTC".into());
        }
        (!parts.is_empty()).then(|| format!(" {} ", parts.join(" · ")))
    }

    /// The screen rows of one line at `width` (several when wrapping).
    fn rows_of(&self, spans: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
        if self.wrap {
            wrap_spans(spans, width)
        } else {
            vec![Line::from(spans)]
        }
    }
}

fn save_request(owner: Owner, path: std::path::PathBuf, text: String, overwrite: bool) -> Effect {
    let op = Op::Logs(LogsOp::Save {
        path,
        text,
        overwrite,
    });
    Effect::Request(Request::new(owner, op).in_slot("save"))
}

/// Lambda streams are `2026/11/23/[$LATEST]3f2a…`: the part after `]` tells them apart.
fn short_stream(name: &str) -> String {
    match name.rsplit_once(']') {
        Some((_, id)) if !id.is_empty() => id.chars().take(8).collect(),
        _ => {
            let count = name.chars().count();
            name.chars()
                .skip(count.saturating_sub(LABEL_WIDTH))
                .collect()
        }
    }
}

fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `text` split into spans, each term's matches (ASCII case-insensitive; terms lower case) in
/// its style; earlier terms win where matches overlap.
fn highlighted(text: &str, terms: &[(&str, Style)], plain: Style) -> Vec<Span<'static>> {
    let mut marks: Vec<(usize, usize, Style)> = Vec::new();
    if !terms.is_empty() {
        let lower = text.to_ascii_lowercase();
        for (term, style) in terms {
            if term.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(i) = lower[from..].find(term) {
                let start = from + i;
                let end = start + term.len();
                if !marks.iter().any(|&(s, e, _)| start < e && s < end) {
                    marks.push((start, end, *style));
                }
                from = end;
            }
        }
        marks.sort_by_key(|m| m.0);
    }
    let mut spans = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for (start, end, style) in marks {
        // ASCII lower-casing keeps byte offsets, so these are char boundaries of `text` too.
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), plain));
        }
        spans.push(Span::styled(text[start..end].to_string(), style));
        at = end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_string(), plain));
    }
    spans
}

/// Cuts styled text into rows of `width` cells (character wrap: log lines are rarely prose).
fn wrap_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in spans {
        let mut piece = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && used > 0 {
                if !piece.is_empty() {
                    row.push(Span::styled(std::mem::take(&mut piece), span.style));
                }
                rows.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            piece.push(c);
            used += w;
        }
        if !piece.is_empty() {
            row.push(Span::styled(piece, span.style));
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(Line::from(row));
    }
    rows
}

impl ListInput for TailPane {
    fn handle(&mut self, command: CommandId) -> bool {
        let page = self.rows.max(1) as i64;
        match command {
            CommandId::Up => self.move_by(-1),
            CommandId::Down => self.move_by(1),
            CommandId::PageUp => self.move_by(-page),
            CommandId::PageDown => self.move_by(page),
            CommandId::Top => self.pause_at(0),
            // The newest line: following again.
            CommandId::Bottom => self.mode = Mode::Following,
            CommandId::Filter => {
                self.editing_search = true;
                self.search.clear();
                self.search_missed = false;
            }
            // Esc clears a search before it leaves the tail (as it clears a list's filter).
            CommandId::Back if !self.search.text().is_empty() => {
                self.search.clear();
                self.search_missed = false;
            }
            _ => return false,
        }
        true
    }

    fn handle_filter_key(&mut self, key: &KeyEvent) {
        match self.search.handle(key) {
            InputEvent::Submit => {
                self.editing_search = false;
                self.search_missed = !self.search_newest().is_empty();
            }
            InputEvent::Cancel => {
                self.editing_search = false;
                self.search.clear();
                self.search_missed = false;
            }
            InputEvent::Changed | InputEvent::Moved | InputEvent::Ignored => {}
        }
    }

    fn paste_into_filter(&mut self, text: &str) {
        self.search.insert_str(text);
    }

    fn is_editing_filter(&self) -> bool {
        self.editing_search
    }

    fn apply_filter(&mut self, text: &str) -> bool {
        self.search.set(text);
        self.search_missed = !self.search_newest().is_empty();
        true
    }

    /// `/` here hides no line: it finds and highlights (the server-side filter is `f`).
    fn filter_prompt(&self) -> (&'static str, &'static str) {
        (
            "search",
            "highlights matches, Enter jumps to the newest · n/N next/previous · Esc clears",
        )
    }
}

impl Pane for TailPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        tail_location(&self.ctx.region, &self.sources)
    }

    /// Each group named once, however many of its streams are followed.
    fn title(&self) -> String {
        let mut groups: Vec<&str> = Vec::new();
        for s in &self.sources {
            if !groups.contains(&s.group.as_str()) {
                groups.push(&s.group);
            }
        }
        format!("tail {}", groups.join(", "))
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Tail, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Pause,
            CommandId::Filter,
            CommandId::Highlight,
            CommandId::Pattern,
            CommandId::Since,
            CommandId::Open,
            CommandId::Wrap,
            CommandId::SaveBuffer,
            CommandId::Back,
        ]
    }

    /// A poll or Live Tail session that failed without an answer shows as every source's error
    /// in the title (the tail then waits for `refresh`: nothing is scheduled on its own).
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if !matches!(failure.slot, Some("poll" | "live")) {
            return;
        }
        self.polling = false;
        self.live = false;
        self.interval = INTERVALS.len() - 1;
        for cursor in &mut self.cursors {
            cursor.error = Some(failure.summary());
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.buffer = LogBuffer::new(cx.logs.buffer_lines(), cx.logs.buffer_bytes());
        self.utc = cx.logs.utc;
        self.want_live = cx.logs.live_tail;
        self.fill_arns(cx);
        let start = match self.asked_start {
            Some(start) => {
                self.start_label = crate::clock::log_time(start, self.utc);
                start
            }
            None => {
                let since = cx.logs.since.clone();
                match parse_start(&since, crate::clock::now_ms()) {
                    Ok(start) => {
                        self.start_label = since;
                        start
                    }
                    Err(_) => {
                        self.start_label = "10m".into();
                        crate::clock::now_ms() - 600_000
                    }
                }
            }
        };
        self.restart(start)
            .into_iter()
            .filter(|e| !matches!(e, Effect::Cancel(..)))
            .collect()
    }

    fn shared_changed(&mut self, cx: &PaneCx) {
        self.fill_arns(cx);
    }

    /// The tail keeps following its own context; the switch cancelled its request, so the
    /// next poll starts where the last one ended.
    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.fill_arns(cx);
        self.polling = false;
        if self.live {
            self.live = false;
            return self.start_live();
        }
        self.poll()
    }

    fn is_editing(&self) -> bool {
        self.editing_search
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.poll()
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Pause => self.toggle_pause(),
            CommandId::Wrap => {
                self.wrap = !self.wrap;
                Vec::new()
            }
            CommandId::Utc => {
                self.utc = !self.utc;
                Vec::new()
            }
            CommandId::Highlight => self.ask(
                "Highlight terms (space-separated, up to 4; empty: none)",
                self.highlights.join(" "),
                CommandId::Highlight,
            ),
            CommandId::Pattern => self.ask(
                "Filter pattern, sent to CloudWatch (empty: every event)",
                self.pattern.clone().unwrap_or_default(),
                CommandId::Pattern,
            ),
            CommandId::Since => self.ask(
                "Start from: 5m, 1h, 2d ago, or 2026-11-23 14:00 (local; Z for UTC)",
                self.start_label.clone(),
                CommandId::Since,
            ),
            CommandId::SearchNext => self.search_from(true),
            CommandId::SearchPrev => self.search_from(false),
            CommandId::Open => self.expand_selected(),
            CommandId::Copy => match self.selected_seq().and_then(|s| self.buffer.get(s)) {
                Some(line) => vec![Effect::Copy(line.message.to_string())],
                None => vec![Effect::Flash(Level::Info, "no line to copy".into())],
            },
            CommandId::SaveBuffer => self.save_buffer(),
            CommandId::Insights => self.insights(),
            CommandId::LiveTail => {
                self.want_live = !self.want_live;
                if self.want_live {
                    self.fill_arns(cx);
                }
                let start = self
                    .newest_seq()
                    .and_then(|s| self.buffer.get(s))
                    .map(|l| l.timestamp_ms)
                    .or(self.asked_start)
                    .unwrap_or_else(|| crate::clock::now_ms() - 600_000);
                let mut effects = vec![Effect::Flash(
                    Level::Info,
                    if self.want_live {
                        "Live Tail: billed per session minute, ended when you leave this view"
                    } else {
                        "polling FilterLogEvents"
                    }
                    .into(),
                )];
                self.asked_start = Some(start);
                effects.extend(self.restart(start));
                effects
            }
            CommandId::Refresh => {
                let start = self
                    .asked_start
                    .unwrap_or_else(|| crate::clock::now_ms() - 600_000);
                self.restart(start)
            }
            _ => return None,
        })
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, _cx: &PaneCx) -> Option<Vec<Effect>> {
        Some(match command {
            CommandId::Highlight => self.set_highlights(arg),
            CommandId::Pattern => {
                let pattern = arg.trim();
                self.pattern = (!pattern.is_empty()).then(|| pattern.to_string());
                let start = self
                    .asked_start
                    .unwrap_or_else(|| crate::clock::now_ms() - 600_000);
                self.restart(start)
            }
            CommandId::Since => self.set_since(arg),
            _ => return None,
        })
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(self)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(self)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Logs(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            LogsOutcome::Events { source, events } => {
                self.events(source, events);
                Vec::new()
            }
            LogsOutcome::Polled(results) => self.polled(results),
            LogsOutcome::Live(events) => {
                self.live_events(events);
                Vec::new()
            }
            LogsOutcome::LiveEnded(result) => self.live_ended(result),
            LogsOutcome::SaveExists(path, text) => vec![Effect::Confirm(Confirm {
                title: format!("Replace {}?", path.display()),
                lines: vec!["The file exists; saving replaces it.".into()],
                typed: None,
                on_yes: vec![save_request(self.owner(), path, text, true)],
            })],
            LogsOutcome::Saved(Ok(path)) => vec![Effect::Flash(
                Level::Success,
                format!(
                    "saved {} lines to {}",
                    format::count(self.buffer.len()),
                    path.display()
                ),
            )],
            LogsOutcome::Saved(Err(e)) => vec![Effect::Flash(Level::Error, e)],
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Span::styled(
                format!(" {} ", sanitize(&self.heading())),
                theme.style("title"),
            ));
        if let Some(footer) = self.footer() {
            block = block.title_bottom(Span::styled(footer, theme.style("prompt.input")));
        }
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let (height, width) = (inner.height as usize, inner.width as usize);
        self.rows = height.max(1);
        if height == 0 || width == 0 {
            return;
        }
        if self.buffer.is_empty() {
            let note = Paragraph::new(sanitize(&self.empty_note()).into_owned())
                .style(theme.style("text.dim"))
                .wrap(ratatui::widgets::Wrap { trim: false });
            frame.render_widget(note, inner);
            return;
        }
        let first = self.buffer.first_seq();
        let newest = self.buffer.end_seq() - 1;
        let mut screen: Vec<Line<'static>> = Vec::with_capacity(height);
        match self.mode {
            Mode::Following => {
                // From the newest line upwards until the screen is full.
                let mut seq = newest;
                loop {
                    if let Some(line) = self.buffer.get(seq) {
                        let mut rows = self.rows_of(self.line_spans(line, theme, false), width);
                        rows.append(&mut screen);
                        screen = rows;
                    }
                    if screen.len() >= height || seq == first {
                        break;
                    }
                    seq -= 1;
                }
                let extra = screen.len().saturating_sub(height);
                screen.drain(..extra);
            }
            Mode::Paused {
                cursor,
                top,
                arrived,
            } => {
                let cursor = cursor.clamp(first, newest);
                let mut top = top.clamp(first, cursor);
                // The rows from `top` through the cursor must fit; if not, start lower.
                let rows_of_seq = |seq: u64| {
                    self.buffer.get(seq).map_or(1, |l| {
                        self.rows_of(self.line_spans(l, theme, false), width).len()
                    })
                };
                let mut used: usize = (top..=cursor).map(rows_of_seq).sum();
                while used > height && top < cursor {
                    used -= rows_of_seq(top);
                    top += 1;
                }
                self.mode = Mode::Paused {
                    cursor,
                    top,
                    arrived,
                };
                let mut seq = top;
                while screen.len() < height && seq <= newest {
                    if let Some(line) = self.buffer.get(seq) {
                        screen.extend(
                            self.rows_of(self.line_spans(line, theme, seq == cursor), width),
                        );
                    }
                    seq += 1;
                }
                screen.truncate(height);
            }
        }
        frame.render_widget(Paragraph::new(screen).style(theme.style("text")), inner);
    }
}

/// How a tail is reopened: `:tail GROUP…` for whole groups, `:open` of the stream's ARN for
/// one stream; several streams cannot be named by one line.
fn tail_location(region: &str, sources: &[TailSource]) -> Option<String> {
    if sources.iter().all(|s| s.streams.is_empty()) {
        let groups: Vec<&str> = sources.iter().map(|s| s.group.as_str()).collect();
        return Some(format!(":tail {}", groups.join(" ")));
    }
    match sources {
        [source] if source.streams.len() == 1 => {
            let target = crate::target::Target {
                region: Some(region.to_string()),
                account: None,
                resource: crate::target::Resource::LogStream {
                    group: source.group.clone(),
                    stream: source.streams[0].clone(),
                },
            };
            Some(format!(":open {}", target.text()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_split_text_and_earlier_terms_win() {
        let red = Style::default().fg(ratatui::style::Color::Red);
        let blue = Style::default().fg(ratatui::style::Color::Blue);
        let spans = highlighted(
            "Error: timeout in ERROR handler",
            &[("error", red), ("timeout in error", blue)],
            Style::default(),
        );
        let parts: Vec<(&str, Style)> = spans.iter().map(|s| (&*s.content, s.style)).collect();
        assert_eq!(
            parts,
            [
                ("Error", red),
                (": timeout in ", Style::default()),
                ("ERROR", red),
                (" handler", Style::default()),
            ]
        );
    }

    #[test]
    fn wrapping_cuts_by_cells_and_keeps_styles() {
        let red = Style::default().fg(ratatui::style::Color::Red);
        let rows = wrap_spans(vec![Span::raw("abcd"), Span::styled("efgh", red)], 3);
        let text: Vec<String> = rows
            .iter()
            .map(|r| r.spans.iter().map(|s| s.content.to_string()).collect())
            .collect();
        assert_eq!(text, ["abc", "def", "gh"]);
        assert_eq!(rows[1].spans[1].style, red);
        assert_eq!(wrap_spans(vec![], 5).len(), 1);
    }

    #[test]
    fn stream_labels_are_short() {
        assert_eq!(short_stream("2026/11/23/[$LATEST]3f2a9c1b00e4"), "3f2a9c1b");
        assert_eq!(short_stream("web-1"), "web-1");
        assert_eq!(
            short_stream("ip-192-0-2-10.ec2.internal/app"),
            "ec2.internal/app"
        );
    }
}
