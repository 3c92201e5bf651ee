//! One long value (a presigned URL, an ARN) shown whole and wrapped, for terminals where OSC 52
//! copy does not reach the user's clipboard: they can select it with the mouse instead.

use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::{Pane, PaneCx};
use crate::protocol::PaneId;
use crate::sanitize::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub struct ValueView {
    id: PaneId,
    title: String,
    value: String,
    note: String,
}

impl ValueView {
    pub fn new(id: PaneId, title: String, value: String, note: String) -> ValueView {
        ValueView {
            id,
            title,
            value,
            note,
        }
    }

    /// The effect that shows `value` whole over the current view.
    pub fn push(title: String, value: String, note: String) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(ValueView::new(id, title, value, note))
        }))
    }
}

impl Pane for ValueView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[CommandId::Copy, CommandId::Back, CommandId::Help]
    }

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Copy => Some(vec![Effect::Copy(self.value.clone())]),
            _ => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Span::styled(
                format!(
                    " {} ",
                    crate::ui::title::fit(
                        &sanitize(&self.title),
                        crate::ui::title::room(area.width, 0)
                    )
                ),
                theme.style("title"),
            ));
        let text = vec![
            Line::styled(sanitize(&self.note).into_owned(), theme.style("text.dim")),
            Line::raw(""),
            Line::styled(
                sanitize(&self.value).into_owned(),
                theme.style("detail.value"),
            ),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            area,
        );
    }
}
