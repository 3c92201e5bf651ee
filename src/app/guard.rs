//! The last check before a write leaves the app: read-only (global or by policy) refuses it,
//! and a context whose policy wants typed confirmation gets it — for every write, whichever
//! view asked, and in the context the write runs in (a cross-account row's, not the active).

use super::App;
use super::dialog::Dialog;
use crate::audit::Mutation;
use crate::aws::ContextKey;
use crate::effect::{Confirm, Effect, Level};
use crate::runtime::Request;

impl App {
    /// Sends a request, unless a policy stops it or wants it typed out first.
    pub(crate) fn request(&mut self, request: Request) {
        let Some(write) = request.op.mutation() else {
            self.runtime.spawn(request, self.generation);
            return;
        };
        let policy = self.policy_for(&write.ctx);
        if self.read_only || policy.read_only {
            let why = if self.read_only {
                "read-only mode".to_string()
            } else {
                format!("{} is read-only (policy)", write.ctx.profile_label())
            };
            self.flash(
                Level::Error,
                format!("{why}: {} {} refused", write.service, write.operation),
            );
            return;
        }
        if policy.typed_confirm && !request.confirmed {
            let confirm = typed_confirm(&write, vec![Effect::Request(request.confirmed())]);
            self.dialog = Some(Dialog::confirm(confirm));
            return;
        }
        self.runtime.spawn(request, self.generation);
    }

    /// A view's own confirmation, made typed when one of its writes runs in a context whose
    /// policy asks for that; its writes then count as confirmed.
    pub(crate) fn confirm_by_policy(&self, mut confirm: Confirm) -> Confirm {
        let strict = confirm.on_yes.iter().find_map(|effect| match effect {
            Effect::Request(r) => {
                r.op.mutation()
                    .filter(|w| self.policy_for(&w.ctx).typed_confirm)
            }
            _ => None,
        });
        if let Some(write) = &strict
            && confirm.typed.is_none()
        {
            confirm.typed = Some(typed_word(&write.ctx));
            confirm.lines.push(policy_line(&write.ctx));
        }
        if confirm.typed.is_some() {
            for effect in &mut confirm.on_yes {
                if let Effect::Request(r) = effect {
                    r.confirmed = true;
                }
            }
        }
        confirm
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
