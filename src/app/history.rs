//! The app's side of the message history: every flash is kept with where it was said, and
//! `messages` (`!`) opens the view that shows them whole.

use super::App;
use crate::command::CommandId;
use crate::level::Level;

impl App {
    /// Keeps a message said in the status line (or the start box), with the active context and
    /// the view on screen.
    pub(super) fn remember(&mut self, level: Level, text: &str) {
        let ctx = &self.shared.active;
        let mut context = format!("{} · {}", ctx.profile_label(), ctx.region);
        if let Some(view) = self.panes.last() {
            context.push_str(" · ");
            context.push_str(&view.title());
        }
        self.messages
            .push(crate::clock::now_ms(), level, &context, text);
    }

    /// The history as it is now, newest first, in its own view.
    pub(crate) fn open_messages(&mut self) {
        let history = self.messages.clone();
        self.open(Box::new(move |id| {
            Box::new(crate::panes::messages::MessagesPane::new(id, history))
        }));
    }

    /// The first key bound to `messages`, for the status line's "cut: press ! to read it" hint.
    pub(crate) fn messages_key(&self) -> Option<String> {
        self.shared
            .keymap
            .first_key(&self.scopes(), CommandId::Messages)
            .map(|k| k.to_string())
    }
}
