//! A function's details: the fetched document, plus the function's own commands (`v` its
//! environment, `i` the workbench, `L` its logs) — the document points at them, so they work
//! from here as they do on the function's row.

use super::LastInvoked;
use crate::aws::ContextKey;
use crate::aws::lambda::Function;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Pane, PaneCx};
use crate::panes::document::DocumentView;
use crate::protocol::lambda::{LambdaOp, LambdaOutcome};
use crate::protocol::{Op, Outcome, PaneId};
use crate::theme::Theme;
use crate::ui::table::ListInput;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct DetailsPane {
    document: DocumentView,
    /// `:open` of the function, for bookmarks.
    location: String,
    ctx: ContextKey,
    function: Function,
    last_invoked: LastInvoked,
}

impl DetailsPane {
    /// The effect that opens `function`'s details in `ctx`, titled with `suffix` after its name.
    pub fn open(
        ctx: ContextKey,
        function: Function,
        suffix: &str,
        last_invoked: LastInvoked,
    ) -> Effect {
        let title = format!("function {}{suffix}", function.name);
        let location = format!(
            ":open {}",
            crate::target::Target::function(&ctx.region, &function.name).text()
        );
        Effect::Push(Box::new(move |id| {
            let (ask_ctx, name) = (ctx.clone(), function.name.clone());
            let document = DocumentView::new(
                id,
                title,
                function.name.clone(),
                Box::new(move || {
                    Op::Lambda(LambdaOp::Details {
                        ctx: ask_ctx.clone(),
                        name: name.clone(),
                    })
                }),
                super::functions::read_details,
            );
            Box::new(DetailsPane {
                document,
                location,
                ctx,
                function,
                last_invoked,
            })
        }))
    }
}

/// A function known only by name (opened from an ARN or a console URL): the rest arrives with
/// its details.
pub fn named(name: &str) -> Function {
    Function {
        name: name.to_string(),
        arn: String::new(),
        runtime: String::new(),
        memory_mb: None,
        timeout_s: None,
        last_modified: String::new(),
        code_size: 0,
        description: String::new(),
    }
}

impl Pane for DetailsPane {
    fn id(&self) -> PaneId {
        self.document.id()
    }

    fn title(&self) -> String {
        self.document.title()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Environment,
            CommandId::Invoke,
            CommandId::FunctionLogs,
            CommandId::Down,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.document.on_open(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Environment
            | CommandId::Invoke
            | CommandId::FunctionLogs
            | CommandId::Charts => {
                super::functions::open(command, &self.ctx, &self.function, "", &self.last_invoked)
                    .map(|effect| vec![effect])
            }
            _ => self.document.handle(command, cx),
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        self.document.list()
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        self.document.list_mut()
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        // Opened by name (`:open ARN`), the function is known whole only from its details:
        // the workbench needs its timeout, the logs its name as Lambda spells it.
        if let Outcome::Lambda(LambdaOutcome::Details(Ok(details))) = &outcome {
            self.function = details.function.clone();
        }
        self.document.apply(outcome, cx)
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.document.failed(failure);
    }

    fn location(&self) -> Option<String> {
        Some(self.location.clone())
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        self.document.render(frame, area, theme, cx);
    }
}
