//! Keys typed while the focused view waits for its first rows: a key that acts on rows (j,
//! Enter, a view's own command) would act on an empty table, so it is kept and replayed once
//! the rows are there. Keys that act now (Esc, q, `:`, `?`, C-c: every global command) and
//! the filter are never kept.

use super::App;
use crate::command::{CommandId, Scope};
use crate::protocol::PaneId;
use crossterm::event::KeyEvent;
use std::collections::VecDeque;

/// Keys kept at most; more are dropped (a held-down key is not a plan).
pub const MAX_TYPED_AHEAD: usize = 16;

/// The keys and the view they were typed into.
pub(crate) struct TypedAhead {
    pane: PaneId,
    keys: VecDeque<KeyEvent>,
}

impl App {
    /// Keeps `key` (bound to `command`) for later if the focused view is still waiting for its
    /// first rows and the command acts on them; true when kept.
    pub(crate) fn keep_for_rows(&mut self, key: &KeyEvent, command: CommandId) -> bool {
        let Some(pane) = self.panes.last() else {
            return false;
        };
        let acts_on_rows = command.spec().scope != Scope::Global && command != CommandId::Filter;
        if !acts_on_rows || !pane.awaiting_rows() {
            return false;
        }
        let id = pane.id();
        let ahead = match &mut self.typed_ahead {
            Some(ahead) if ahead.pane == id => ahead,
            // Keys kept for another view: that view is gone or covered, they were for it.
            _ => self.typed_ahead.insert(TypedAhead {
                pane: id,
                keys: VecDeque::new(),
            }),
        };
        if ahead.keys.len() < MAX_TYPED_AHEAD {
            ahead.keys.push_back(*key);
        } else {
            tracing::debug!("typed-ahead key dropped: {MAX_TYPED_AHEAD} already kept");
        }
        true
    }

    /// After each event: once the view the keys were typed into has its rows and is focused,
    /// they run in order. A view that was closed takes its keys with it.
    pub(crate) fn replay_typed_ahead(&mut self) {
        let Some(ahead) = self.typed_ahead.take() else {
            return;
        };
        match self.panes.last() {
            Some(pane) if pane.id() == ahead.pane && !pane.awaiting_rows() => {
                for key in ahead.keys {
                    self.handle_key(&key);
                }
            }
            _ if self.panes.iter().any(|p| p.id() == ahead.pane) => {
                self.typed_ahead = Some(ahead);
            }
            _ => tracing::debug!("typed-ahead keys dropped with their view"),
        }
    }
}
