//! A view that needs one answer before it knows what to show: a DynamoDB table's items need
//! its key schema, so `:open` of a table first describes it. Until the answer it says what it is
//! waiting for (or why it failed); then it becomes the real view, under the same pane id, and
//! hands every call on to it.

use crate::command::{CommandId, Scope};
use crate::context::ContextKey;
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::dynamodb::{DdbOp, DdbOutcome};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::ListInput;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The real view from the answer, or why there is none.
pub type Become = Box<dyn Fn(PaneId, Outcome) -> Result<Box<dyn Pane>, String> + Send>;

pub struct PendingPane {
    id: PaneId,
    title: String,
    ask: Box<dyn Fn() -> Op + Send>,
    then: Become,
    error: Option<String>,
    view: Option<Box<dyn Pane>>,
    /// A filter set before the view exists (a bookmark's), handed to it when it does.
    held: HeldFilter,
}

/// Takes `:filter TEXT` while there are no rows to filter yet.
#[derive(Default)]
struct HeldFilter(String);

impl ListInput for HeldFilter {
    fn handle(&mut self, _command: CommandId) -> bool {
        false
    }
    fn handle_filter_key(&mut self, _key: &KeyEvent) {}
    fn paste_into_filter(&mut self, _text: &str) {}
    fn is_editing_filter(&self) -> bool {
        false
    }
    fn apply_filter(&mut self, text: &str) -> bool {
        self.0 = text.to_string();
        true
    }
    fn filter(&self) -> String {
        self.0.clone()
    }
}

impl PendingPane {
    pub fn new(
        id: PaneId,
        title: String,
        ask: impl Fn() -> Op + Send + 'static,
        then: impl Fn(PaneId, Outcome) -> Result<Box<dyn Pane>, String> + Send + 'static,
    ) -> PendingPane {
        PendingPane {
            id,
            title,
            ask: Box::new(ask),
            then: Box::new(then),
            error: None,
            view: None,
            held: HeldFilter::default(),
        }
    }

    fn request(&mut self) -> Vec<Effect> {
        self.error = None;
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), (self.ask)()).in_slot("open"),
        )]
    }
}

/// `:open` of a table: described first, then its items (a scan, as Enter in the tables view).
pub fn table_items(id: PaneId, ctx: ContextKey, name: String) -> PendingPane {
    let asked = (ctx.clone(), name.clone());
    PendingPane::new(
        id,
        format!("table {name}"),
        move || {
            Op::Ddb(DdbOp::Describe {
                ctx: asked.0.clone(),
                name: asked.1.clone(),
            })
        },
        move |id, outcome| match outcome {
            Outcome::Ddb(DdbOutcome::Described(result)) => {
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

/// A view of `bucket` in the bucket's own region (S3 answers a request sent to another region
/// with a redirect): the region as ListBuckets says it, else — a bucket of another account,
/// or ListBuckets refused — the context's.
pub fn in_bucket_region(
    id: PaneId,
    ctx: ContextKey,
    bucket: String,
    title: String,
    make: impl Fn(PaneId, ContextKey) -> Box<dyn Pane> + Send + 'static,
) -> PendingPane {
    let asked = ctx.clone();
    PendingPane::new(
        id,
        title,
        move || Op::S3(S3Op::Buckets(asked.clone())),
        move |id, outcome| match outcome {
            Outcome::S3(S3Outcome::Buckets(result)) => {
                let region = result
                    .ok()
                    .and_then(|list| list.into_iter().find(|b| b.name == bucket))
                    .and_then(|b| b.region)
                    .filter(|r| !r.is_empty());
                let at = ContextKey {
                    profile: ctx.profile.clone(),
                    region: region.unwrap_or_else(|| ctx.region.clone()),
                };
                Ok(make(id, at))
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
        // Waiting, it is a list to be: j, Enter… typed now are kept for the rows.
        self.view.as_ref().map_or(&[Scope::List], |v| v.scopes())
    }

    fn awaiting_rows(&self) -> bool {
        self.view.as_ref().is_none_or(|v| v.awaiting_rows())
    }

    fn context(&self) -> Option<&crate::aws::ContextKey> {
        self.view.as_ref()?.context()
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
        match &self.view {
            Some(view) => view.list(),
            None => Some(&self.held),
        }
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        match &mut self.view {
            Some(view) => view.list_mut(),
            None => Some(&mut self.held),
        }
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
        match (self.then)(self.id, outcome) {
            Ok(mut view) => {
                let effects = view.on_open(cx);
                if !self.held.0.is_empty()
                    && let Some(list) = view.list_mut()
                {
                    list.apply_filter(&self.held.0);
                }
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
                format!("✗ {} (C-r tries again)", crate::sanitize::sanitize(e)),
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
