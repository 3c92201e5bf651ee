//! The view model. At the bottom of `App::panes` sits home (the profiles); above it one
//! top-level view, opened by a `:` view command, and what was drilled into from it (Enter
//! pushes, Esc pops). A view command *replaces* the top-level view and its drill-down, and what
//! it replaces goes into the jump list (`-`, `C-o`, Tab bring it back as it was).
//!
//! Views in the jump list are kept suspended rather than kept as recipes to reopen: a recipe
//! could not bring back where you were (the prefix, the cursor, a filter, a tail's buffer, a
//! half-typed form) without every view learning to describe itself, and a running transfer
//! would have to end with its view. Suspended means: no wake reaches them (only the focused
//! view's wake fires), answers still in flight are applied silently (only requests, cancels and
//! wakes are kept from what they return: no flash, dialog or view of theirs reaches the
//! screen), and a context switch while they were away is applied when they are shown again.

use super::App;
use super::jumps::JumpList;
use crate::pane::Level;
use crate::pane::{Effect, Pane, PaneFactory};
use crate::protocol::{Owner, PaneId};

/// A top-level view and its drill-down, out of sight in the jump list.
pub(crate) struct Hidden {
    panes: Vec<Box<dyn Pane>>,
    /// The active context changed while it was away: reload when shown.
    stale: bool,
}

/// Where the jump list goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Jump {
    /// `-`: the previous view; again comes back.
    Previous,
    /// `C-o`: one step back through the list.
    Back,
    /// Tab (what terminals send for `C-i`): one step forward.
    Forward,
}

pub(crate) type Jumps = JumpList<Hidden>;

impl App {
    /// THE way to open a top-level view (`:` view commands, `Effect::OpenView`, embedders): it
    /// replaces the current top-level view and its drill-down, which wait in the jump list.
    pub fn open_view(&mut self, make: PaneFactory) {
        let id = self.pane_ids.allocate();
        self.show_view(make(id));
    }

    pub(crate) fn show_view(&mut self, mut pane: Box<dyn Pane>) {
        self.leave_current();
        self.focus_changed();
        self.roots.insert(pane.id());
        let effects = pane.on_open(&self.shared.pane_cx());
        self.panes.push(pane);
        self.apply_effects(effects);
    }

    /// Home (the profiles): the views above it wait in the jump list, nothing is closed.
    pub(crate) fn go_home(&mut self) {
        if self.panes.len() > 1 {
            self.leave_current();
            self.focus_changed();
        }
    }

    /// The focused view is a top-level one: home, or a view opened by a view command (`q`
    /// quits from here; in a drill-down it goes back).
    pub(crate) fn at_top_level(&self) -> bool {
        self.panes
            .last()
            .is_none_or(|p| p.is_top_level() || self.roots.contains(&p.id()))
    }

    /// The views above home go into the jump list; entries that no longer fit are closed.
    fn leave_current(&mut self) {
        let current = self.hide_current();
        let runtime = &self.runtime;
        let dropped = self.jumps.leave(current, |entry| {
            entry
                .panes
                .iter()
                .all(|p| runtime.lasting_owned_by(Owner::Pane(p.id())).is_empty())
        });
        for entry in dropped {
            for pane in entry.panes {
                self.forget_pane(pane.id());
            }
        }
    }

    /// The views above home, taken off the screen (each masks what it revealed).
    fn hide_current(&mut self) -> Hidden {
        let mut panes = self.panes.split_off(1.min(self.panes.len()));
        for pane in &mut panes {
            pane.covered();
        }
        Hidden {
            panes,
            stale: false,
        }
    }

    /// `-`, `C-o`, Tab: the jump list's entry replaces what is on screen.
    pub(crate) fn jump(&mut self, to: Jump) {
        let current = self.hide_current();
        let result = match to {
            Jump::Previous => self.jumps.previous(current),
            Jump::Back => self.jumps.back(current),
            Jump::Forward => self.jumps.forward(current),
        };
        let shown = match result {
            Ok(entry) => entry,
            Err(current) => {
                self.panes.extend(current.panes);
                let text = match to {
                    Jump::Forward => "no view ahead (Tab goes forward after C-o went back)",
                    Jump::Previous | Jump::Back => "no previous view",
                };
                return self.flash(Level::Info, text);
            }
        };
        self.panes.extend(shown.panes);
        self.focus_changed();
        if shown.stale {
            let cx = self.shared.pane_cx();
            let effects: Vec<Effect> = self
                .panes
                .iter_mut()
                .skip(1)
                .flat_map(|pane| pane.context_switched(&cx))
                .collect();
            self.apply_effects(effects);
        }
        self.dirty = true;
    }

    /// After a context switch: views in the jump list reload when shown again.
    pub(crate) fn mark_hidden_stale(&mut self) {
        for entry in self.jumps.iter_mut() {
            entry.stale = true;
        }
    }

    /// Views in the jump list learn what changed in the shared state (no effects to carry).
    pub(crate) fn notify_hidden(&mut self) {
        let cx = self.shared.pane_cx();
        for pane in self.jumps.iter_mut().flat_map(|e| e.panes.iter_mut()) {
            pane.shared_changed(&cx);
        }
    }

    /// A pane is gone for good: nothing it asked for is waited on any more.
    pub(crate) fn forget_pane(&mut self, id: PaneId) {
        self.runtime.cancel_owner(Owner::Pane(id));
        self.forget_wake(id);
        self.roots.remove(&id);
    }
}

/// The pane with this id, and whether it is in the current stack (else suspended).
pub(crate) fn find_pane<'a>(
    panes: &'a mut [Box<dyn Pane>],
    jumps: &'a mut Jumps,
    id: PaneId,
) -> Option<(&'a mut Box<dyn Pane>, bool)> {
    if let Some(pane) = panes.iter_mut().find(|p| p.id() == id) {
        return Some((pane, true));
    }
    jumps
        .iter_mut()
        .flat_map(|e| e.panes.iter_mut())
        .find(|p| p.id() == id)
        .map(|pane| (pane, false))
}

/// What a suspended view may still do: carry on with its requests, cancel, ask to be woken
/// (when it is shown again). Everything that would reach the screen is dropped, logged.
pub(crate) fn suspended(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|effect| {
            let keep = matches!(
                effect,
                Effect::Request(_) | Effect::Cancel(..) | Effect::Wake(..) | Effect::Written(_)
            );
            if !keep {
                tracing::debug!(?effect, "dropped from a view in the jump list");
            }
            keep
        })
        .collect()
}
