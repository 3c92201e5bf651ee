//! The last check before anything acts in AWS: a write, the dry run that rehearses one, or a
//! shell on an instance. Read-only (global or by policy) refuses it, and so does a context whose
//! account is not known yet while some policy rule names accounts (that rule might apply);
//! a context whose policy wants typed confirmation gets it — for every write, whichever view
//! asked, and in the context the write runs in (a cross-account row's, not the active).

use super::App;
use super::dialog::Dialog;
use crate::audit::{Mutation, Outcome};
use crate::aws::ContextKey;
use crate::pane::{Confirm, Effect, Level, Session};
use crate::protocol::{Failure, Owner, Request};

impl App {
    /// Sends a request, unless the guard stops it or a policy wants it typed out first.
    pub(crate) fn request(&mut self, request: Request) {
        // A new request supersedes the one in its slot; a write or a transfer is never cut
        // short that way (a second download would silently stop the first).
        if let Some(slot) = request.slot
            && let Some(running) = self.runtime.lasting_in_slot(request.owner, slot).first()
        {
            let why = format!("still running: {running} — wait for it, or cancel it first");
            self.flash(Level::Warn, why.clone());
            self.tell_not_sent(&request, &why);
            return;
        }
        let (write, rehearsal) = match (request.op.mutation(), request.op.rehearsal()) {
            (Some(write), _) => (write, false),
            (None, Some(rehearsed)) => (rehearsed, true),
            (None, None) => {
                self.spawn(request);
                return;
            }
        };
        if let Some(why) = self.refused(&write) {
            self.tell_not_sent(&request, &why);
            return;
        }
        // A dry run changes nothing: the typed confirmation comes with the action itself.
        if !rehearsal && self.policy_for(&write.ctx).typed_confirm && !request.confirmed {
            let confirm = typed_confirm(&write, vec![Effect::Request(request.confirmed())]);
            self.open_dialog(Dialog::confirm(confirm));
            return;
        }
        if let Some(account) = self.known_account(&write.ctx) {
            // The audit line names the account the guard let the write go to.
            self.runtime.set_account(write.ctx.profile.clone(), account);
        }
        self.spawn(request);
    }

    /// Hands the request to the runtime and tells the view that asked (`Pane::sent`).
    fn spawn(&mut self, request: Request) {
        let (owner, slot) = (request.owner, request.slot);
        self.runtime.spawn(request, self.generation);
        if let Owner::Pane(id) = owner
            && let Some((pane, _)) = super::views::find_pane(&mut self.panes, &mut self.jumps, id)
        {
            pane.sent(slot);
        }
    }

    /// A view's own confirmation: not shown at all when what it would do is refused; made
    /// typed when it acts in a context whose policy asks for that (its writes then count as
    /// confirmed).
    pub(crate) fn guard_confirm(&mut self, mut confirm: Confirm) -> Option<Confirm> {
        let writes: Vec<Mutation> = confirm.on_yes.iter().filter_map(guarded).collect();
        if let Some(why) = writes.iter().find_map(|w| self.refused(w)) {
            self.tell_all_not_sent(&confirm.on_yes, &why);
            return None;
        }
        let strict = writes
            .iter()
            .find(|w| self.policy_for(&w.ctx).typed_confirm);
        if let Some(write) = strict
            && confirm.typed.is_none()
        {
            confirm.typed = Some(typed_word(&write.ctx));
            confirm.lines.push(policy_line(&write.ctx));
        }
        if confirm.typed.is_some() {
            for effect in &mut confirm.on_yes {
                match effect {
                    Effect::Request(r) => r.confirmed = true,
                    Effect::Session(s) => s.confirmed = true,
                    _ => {}
                }
            }
        }
        Some(confirm)
    }

    /// A shell on an instance: guarded like a write, typed out where writes are, audited when
    /// it starts and when it ends.
    pub(crate) fn start_session(&mut self, session: Session) {
        let access = &session.access;
        if self.refused(access).is_some() {
            return;
        }
        // A missing program is said before anything is typed for it.
        if !self.runnable(&session.command) {
            return;
        }
        if self.policy_for(&access.ctx).typed_confirm && !session.confirmed {
            let on_yes = vec![Effect::Session(Session {
                confirmed: true,
                ..session.clone()
            })];
            self.open_dialog(Dialog::confirm(typed_confirm(access, on_yes)));
            return;
        }
        let account = self.known_account(&access.ctx);
        // On record before the program runs: a session cut short by a signal is ended as
        // interrupted with every other call in flight.
        let pending = match self.runtime.audit_log().sent(access.clone(), account) {
            Ok(pending) => pending,
            Err(e) => {
                self.flash(
                    Level::Error,
                    format!(
                        "audit log: {e}; {} {} not started",
                        access.service, access.operation
                    ),
                );
                return;
            }
        };
        let ended = move |result: Result<(), String>| {
            let (outcome, detail) = match result {
                Ok(()) => (Outcome::Ok, None),
                Err(e) => (Outcome::Failed, Some(e)),
            };
            match pending.end(outcome, detail) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Effect::Flash(Level::Error, format!("audit log: {e}"))],
            }
        };
        self.hand_over(session.command, Some(Box::new(ended)));
    }

    /// Why writes in `ctx` are read-only, if they are: `--read-only`, or the context's policy.
    pub(crate) fn read_only_reason(&self, ctx: &ContextKey) -> Option<String> {
        if self.shared.read_only {
            Some(self.read_only_mode().to_string())
        } else if self.policy_for(ctx).read_only {
            Some(format!("{} is read-only (policy)", ctx.profile_label()))
        } else {
            None
        }
    }

    /// Why nothing may act in `ctx`, if so: read-only, or an account that is not known while a
    /// policy rule names accounts — that rule may be the one for this account.
    pub(crate) fn write_refusal(&self, ctx: &ContextKey) -> Option<String> {
        if let Some(why) = self.read_only_reason(ctx) {
            return Some(why);
        }
        if self.shared.policies.names_accounts() && self.known_account(ctx).is_none() {
            return Some(format!(
                "{}: account not known yet (a policy names accounts)",
                ctx.profile_label()
            ));
        }
        None
    }

    /// The account `ctx` surely acts in (see `panes::known_account`).
    pub(crate) fn known_account(&self, ctx: &ContextKey) -> Option<String> {
        crate::pane::known_account(&self.shared.profiles, &self.shared.identities, ctx)
    }

    /// Says so and returns true when `write` may not go.
    /// Why `write` may not go, said in the status line; `None` when it may.
    fn refused(&mut self, write: &Mutation) -> Option<String> {
        let why = self.write_refusal(&write.ctx)?;
        let said = format!("{why}: {} {} refused", write.service, write.operation);
        self.flash(Level::Error, said.clone());
        Some(said)
    }

    /// Tells the view that asked for `request` that it will get no answer.
    pub(crate) fn tell_not_sent(&mut self, request: &Request, why: &str) {
        self.tell_failed(request.owner, &Failure::not_sent(request.slot, why));
    }

    /// The one way a view learns that a request of its own failed.
    pub(crate) fn tell_failed(&mut self, owner: Owner, failure: &Failure) {
        let Owner::Pane(id) = owner else {
            return;
        };
        if let Some((pane, _)) = super::views::find_pane(&mut self.panes, &mut self.jumps, id) {
            pane.failed(failure);
        }
    }

    /// `tell_not_sent` for every request among `effects` (a confirmation that was refused or
    /// cancelled).
    pub(crate) fn tell_all_not_sent(&mut self, effects: &[Effect], why: &str) {
        for effect in effects {
            if let Effect::Request(request) = effect {
                self.tell_not_sent(request, why);
            }
        }
    }
}

/// What an effect would do in AWS, for the guard: a write, a dry run's write, a session.
fn guarded(effect: &Effect) -> Option<Mutation> {
    match effect {
        Effect::Request(r) => r.op.mutation().or_else(|| r.op.rehearsal()),
        Effect::Session(s) => Some(s.access.clone()),
        _ => None,
    }
}

/// What to type: the profile's name, so the user reads where the write goes.
fn typed_word(ctx: &ContextKey) -> String {
    ctx.profile.clone().unwrap_or_else(|| "yes".into())
}

fn policy_line(ctx: &ContextKey) -> String {
    format!(
        "{} · {}: every write is confirmed by typing (policy).",
        ctx.profile_label(),
        ctx.region
    )
}

fn typed_confirm(write: &Mutation, on_yes: Vec<Effect>) -> Confirm {
    let mut lines = vec![format!(
        "{} {} in {} · {}",
        write.service,
        write.operation,
        write.ctx.profile_label(),
        write.ctx.region
    )];
    let shown = 8;
    lines.extend(write.resources.iter().take(shown).map(|r| format!("  {r}")));
    if write.resources.len() > shown {
        lines.push(format!("  … and {} more", write.resources.len() - shown));
    }
    lines.push(policy_line(&write.ctx));
    Confirm {
        title: format!("{} {}", write.service, write.operation),
        lines,
        typed: Some(typed_word(&write.ctx)),
        on_yes,
    }
}
