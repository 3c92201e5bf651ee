//! `messages` (`!`): what the status line said, whole: each message with its time, level and
//! where it was said, wrapped to the width. j/k move between messages, PgUp/PgDn scroll
//! through long ones, `y` copies the selected one in full. The history is the one kept when
//! the view was opened (`C-r` reads it again).

use crate::command::{CommandId, Scope};
use crate::level::Level;
use crate::message_log::{Message, MessageLog};
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::item_scroll::{ItemScroll, focused_block};
use crate::ui::table::ListInput;
use crate::ui::wrap::wrap_text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub struct MessagesPane {
    id: PaneId,
    messages: Vec<Message>,
    dropped: usize,
    list: ItemScroll,
}

impl MessagesPane {
    pub fn new(id: PaneId, history: MessageLog) -> MessagesPane {
        MessagesPane {
            id,
            messages: history.iter().cloned().collect(),
            dropped: history.dropped(),
            list: ItemScroll::default(),
        }
    }

    fn title(&self) -> String {
        let mut title = match self.messages.len() {
            1 => "Messages · 1, newest first".to_string(),
            n => format!("Messages · {n}, newest first"),
        };
        if self.dropped > 0 {
            title.push_str(&format!(" · {} older dropped", self.dropped));
        }
        title
    }
}

fn level_label(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Info => ("info ", "flash.info"),
        Level::Success => ("ok   ", "flash.success"),
        Level::Warn => ("warn ", "flash.warn"),
        Level::Error => ("error", "flash.error"),
    }
}

/// One message's rows: a line saying when, how bad and where, then the text wrapped under it.
fn message_lines(m: &Message, selected: bool, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (label, role) = level_label(m.level);
    let marker = if selected { "▶ " } else { "  " };
    let when = crate::clock::clock(m.at_ms, false);
    let when = when.split('.').next().unwrap_or_default().to_string();
    let lead = if selected {
        theme.style("table.row.selected")
    } else {
        theme.style("text.dim")
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{marker}{when}"), lead),
        Span::raw(" "),
        Span::styled(label, theme.style(role)),
        Span::raw(" "),
        Span::styled(m.context.clone(), theme.style("text.dim")),
    ])];
    const INDENT: usize = 4;
    lines.extend(
        wrap_text(
            &m.text,
            width.saturating_sub(INDENT),
            0,
            theme.style("text"),
        )
        .into_iter()
        .map(|line| {
            let mut spans = vec![Span::raw(" ".repeat(INDENT))];
            spans.extend(line.spans);
            Line::from(spans)
        }),
    );
    lines
}

impl Pane for MessagesPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "messages".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Down,
            CommandId::PageDown,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            // The text as kept: already sanitized, presigned URLs' credentials masked.
            CommandId::Copy => {
                let message = self.messages.get(self.list.selected())?;
                Some(vec![Effect::Copy(message.text.clone())])
            }
            // Messages said since the view opened: read the history again.
            CommandId::Refresh => Some(vec![Effect::Pop, Effect::Run(CommandId::Messages, None)]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.list)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let block = focused_block(&self.title(), theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let selected = self.list.selected();
        let items = self
            .messages
            .iter()
            .enumerate()
            .map(|(i, message)| message_lines(message, i == selected, width, theme))
            .collect();
        let empty = Line::styled("no messages yet", theme.style("text.dim"));
        self.list.render(frame, inner, items, empty);
    }
}
