//! A view that needs one answer before it knows what to show: a DynamoDB table's items need
//! its key schema, so `:open` of a table first describes it. Until the answer it says what it is
//! waiting for (or why it failed); then it becomes the real view, under the same pane id, and
//! hands every call on to it.

use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::ListInput;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The real view from the answer, or why there is none.
pub type Become = fn(PaneId, &crate::context::ContextKey, Outcome) -> Result<Box<dyn Pane>, String>;

pub struct PendingPane {
    id: PaneId,
    title: String,
    ctx: crate::context::ContextKey,
    ask: fn(&crate::context::ContextKey, &str) -> Op,
    name: String,
    then: Become,
    error: Option<String>,
    view: Option<Box<dyn Pane>>,
}

impl PendingPane {
    pub fn new(
        id: PaneId,
        title: String,
        ctx: crate::context::ContextKey,
        name: String,
        ask: fn(&crate::context::ContextKey, &str) -> Op,
        then: Become,
    ) -> PendingPane {
        PendingPane {
            id,
            title,
            ctx,
            ask,
            name,
            then,
            error: None,
            view: None,
        }
    }

    fn request(&mut self) -> Vec<Effect> {
        self.error = None;
        let op = (self.ask)(&self.ctx, &self.name);
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("open"),
        )]
    }
}

/// `:open` of a table: described first, then its items (a scan, as Enter in the tables view).
pub fn table_items(id: PaneId, ctx: crate::context::ContextKey, name: String) -> PendingPane {
    PendingPane::new(
        id,
        format!("table {name}"),
        ctx,
        name,
        |ctx, name| {
            Op::Ddb(crate::protocol::dynamodb::DdbOp::Describe {
                ctx: ctx.clone(),
                name: name.to_string(),
            })
        },
        |id, ctx, outcome| match outcome {
            Outcome::Ddb(crate::protocol::dynamodb::DdbOutcome::Described(result)) => {
                let (table, _) = (*result).map_err(|e| e.summary())?;
                Ok(Box::new(crate::panes::dynamodb::ItemsPane::scan(
                    id,
                    ctx.clone(),
                    table,
                )))
            }
            _ => Err("unexpected answer".into()),
        },
    )
}

impl Pane for PendingPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        match &self.view {
            Some(view) => view.title(),
            None => self.title.clone(),
        }
    }

    fn scopes(&self) -> &'static [Scope] {
        self.view.as_ref().map_or(&[], |v| v.scopes())
    }

    fn hints(&self) -> &'static [CommandId] {
        match &self.view {
            Some(view) => view.hints(),
            None => &[CommandId::Refresh, CommandId::Back, CommandId::Help],
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.request()
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match &mut self.view {
            Some(view) => view.handle(command, cx),
            None if command == CommandId::Refresh => Some(self.request()),
            None => None,
        }
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, cx: &PaneCx) -> Option<Vec<Effect>> {
        self.view.as_mut()?.handle_arg(command, arg, cx)
    }

    fn list(&self) -> Option<&dyn ListInput> {
        self.view.as_ref()?.list()
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        self.view.as_mut()?.list_mut()
    }

    fn is_editing(&self) -> bool {
        self.view.as_ref().is_some_and(|v| v.is_editing())
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        match &mut self.view {
            Some(view) => view.handle_key(key),
            None => Vec::new(),
        }
    }

    fn handle_paste(&mut self, text: &str) {
        if let Some(view) = &mut self.view {
            view.handle_paste(text);
        }
    }

    fn wake(&mut self, cx: &PaneCx) -> Vec<Effect> {
        match &mut self.view {
            Some(view) => view.wake(cx),
            None => Vec::new(),
        }
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        if let Some(view) = &mut self.view {
            return view.apply(outcome, cx);
        }
        match (self.then)(self.id, &self.ctx, outcome) {
            Ok(mut view) => {
                let effects = view.on_open(cx);
                self.view = Some(view);
                effects
            }
            Err(e) => {
                self.error = Some(e);
                Vec::new()
            }
        }
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        match &mut self.view {
            Some(view) => view.failed(failure),
            None => self.error = Some(failure.summary()),
        }
    }

    fn shared_changed(&mut self, cx: &PaneCx) {
        if let Some(view) = &mut self.view {
            view.shared_changed(cx);
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        match &mut self.view {
            Some(view) => view.context_switched(cx),
            // Opened for its own context (the ARN's region): nothing here depends on the
            // active one.
            None => Vec::new(),
        }
    }

    fn location(&self) -> Option<String> {
        match &self.view {
            Some(view) => view.location(),
            None => None,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        if let Some(view) = &mut self.view {
            return view.render(frame, area, theme, cx);
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Span::styled(
                format!(" {} ", crate::sanitize::sanitize(&self.title)),
                theme.style("title"),
            ));
        let line = match &self.error {
            Some(e) => Line::styled(
                format!(
                    "✗ {} (C-r tries again)",
                    crate::sanitize::sanitize(e)
                ),
                theme.style("state.error"),
            ),
            None => Line::styled("loading…", theme.style("text.dim")),
        };
        frame.render_widget(
            Paragraph::new(vec![line])
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
    }
}
