//! A fetched, read-only document in the pager: an instance's details, its console output, a
//! database's description. The opening view supplies the request and how to read its answer,
//! so every such view shares loading, refresh, scrolling and copy.

use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::Document;
use crate::ui::pager::Pager;
use crate::ui::table::ListInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Builds the request (again, on refresh).
pub type MakeOp = Box<dyn Fn() -> Op + Send>;
/// Reads the answer: `None` for outcomes that are not this document's.
pub type ReadOutcome = fn(Outcome) -> Option<Result<Document, String>>;

enum State {
    Loading,
    Loaded(Document),
    Failed(String),
}

pub struct DocumentView {
    id: PaneId,
    title: String,
    /// What `copy` copies (the resource's id).
    copy: String,
    /// None for a fixed document.
    make_op: Option<MakeOp>,
    read: ReadOutcome,
    state: State,
    pager: Pager,
    styled_with: Option<String>,
    /// The `:` command line that reopens it (bookmarks); `None`: it cannot be.
    location: Option<String>,
    /// Where the document comes from, when opened from a row of a view over several
    /// contexts: the header names it (`Pane::opened_from`).
    context: Option<crate::aws::ContextKey>,
}

impl DocumentView {
    pub fn new(
        id: PaneId,
        title: String,
        copy: String,
        make_op: MakeOp,
        read: ReadOutcome,
    ) -> DocumentView {
        DocumentView {
            id,
            title,
            copy,
            make_op: Some(make_op),
            read,
            state: State::Loading,
            pager: Pager::default(),
            styled_with: None,
            location: None,
            context: None,
        }
    }

    /// `open`, for a document a `:` command line reopens (`:open ARN`): it can be bookmarked.
    pub fn open_at(
        location: String,
        title: String,
        copy: String,
        make_op: impl Fn() -> Op + Send + 'static,
        read: ReadOutcome,
    ) -> Effect {
        Self::push(Some(location), title, copy, make_op, read)
    }

    /// The effect that opens a fetched document on top of the current view.
    pub fn open(
        title: String,
        copy: String,
        make_op: impl Fn() -> Op + Send + 'static,
        read: ReadOutcome,
    ) -> Effect {
        Self::push(None, title, copy, make_op, read)
    }

    fn push(
        location: Option<String>,
        title: String,
        copy: String,
        make_op: impl Fn() -> Op + Send + 'static,
        read: ReadOutcome,
    ) -> Effect {
        Effect::Push(Box::new(move |id| {
            let mut view = DocumentView::new(id, title, copy, Box::new(make_op), read);
            view.location = location;
            Box::new(view)
        }))
    }

    /// A document already at hand (an expanded log event): nothing to fetch.
    pub fn fixed(id: PaneId, title: String, copy: String, document: Document) -> DocumentView {
        DocumentView {
            id,
            title,
            copy,
            make_op: None,
            read: |_| None,
            state: State::Loaded(document),
            pager: Pager::default(),
            styled_with: None,
            location: None,
            context: None,
        }
    }

    /// Long lines continue on the next rows (prose: an error to read in full).
    pub fn wrapped(mut self) -> DocumentView {
        self.pager = Pager::wrapping();
        self
    }

    fn load(&mut self) -> Vec<Effect> {
        let Some(make_op) = &self.make_op else {
            return Vec::new();
        };
        self.state = State::Loading;
        self.styled_with = None;
        let request = Request::new(Owner::Pane(self.id), make_op()).in_slot("document");
        vec![Effect::Request(request)]
    }
}

impl Pane for DocumentView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        self.location.clone()
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn context(&self) -> Option<&crate::aws::ContextKey> {
        self.context.as_ref()
    }

    fn opened_from(&mut self, ctx: &crate::aws::ContextKey) {
        self.context = Some(ctx.clone());
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Down,
            CommandId::PageDown,
            CommandId::Bottom,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
            // Last: the title says when a line is cut (`long lines cut (:wrap)`).
            CommandId::Wrap,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.state = State::Failed(failure.summary());
        self.styled_with = None;
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Wrap => {
                self.pager.toggle_wrap();
                Some(Vec::new())
            }
            CommandId::Copy => Some(vec![Effect::Copy(self.copy.clone())]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.pager)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.pager)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        match (self.read)(outcome) {
            Some(Ok(doc)) => {
                self.state = State::Loaded(doc);
                self.styled_with = None;
                Vec::new()
            }
            Some(Err(e)) => {
                let text = format!("{}: {e}", self.title);
                self.state = State::Failed(e);
                self.styled_with = None;
                vec![Effect::Flash(Level::Error, text)]
            }
            None => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        if self.styled_with.as_deref() != Some(theme.name()) {
            let lines = match &self.state {
                State::Loading => vec![Line::styled("loading…", theme.style("text.dim"))],
                State::Loaded(doc) => doc.lines(theme),
                State::Failed(e) => vec![Line::styled(
                    crate::sanitize::sanitize(e).into_owned(),
                    theme.style("flash.error"),
                )],
            };
            self.pager.set_lines(lines);
            self.styled_with = Some(theme.name().to_string());
        }
        // Say when a value is cut at the edge, and how to see it whole.
        let title = if self
            .pager
            .cuts_at(usize::from(area.width.saturating_sub(2)))
        {
            format!("{} · long lines cut (:wrap)", self.title)
        } else {
            self.title.clone()
        };
        self.pager.render(frame, area, theme, &title);
    }
}
