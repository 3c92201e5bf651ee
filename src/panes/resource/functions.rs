//! `:lambda @…` — Lambda functions on the engine: each function's details, environment
//! (masked), the invocation workbench, and its logs from the last invocation made here — all
//! in the row's context. A context stops listing at `FUNCTION_CAP` functions, and the title
//! says how many contexts did.

use super::{At, Kind};
use crate::aws::ContextKey;
use crate::aws::lambda::Function;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::PaneCx;
use crate::panes::lambda::LastInvoked;
use crate::panes::lambda::functions::{self, COLUMNS};
use crate::protocol::lambda::FUNCTION_CAP;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::format;
use crate::ui::table::Column;
use futures::FutureExt;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

pub struct Functions {
    /// When each function was last invoked from this view's workbenches: `logs` starts there.
    last_invoked: LastInvoked,
    cap: usize,
    /// Functions listed so far in each context, and the contexts that stopped at the cap
    /// (shared with the page calls, which run in the runtime).
    listed: Arc<Mutex<HashMap<ContextKey, usize>>>,
    capped: Arc<Mutex<HashSet<ContextKey>>>,
}

impl Default for Functions {
    fn default() -> Functions {
        Functions::with_cap(FUNCTION_CAP)
    }
}

impl Functions {
    /// At most `cap` functions a context (tests use a small one).
    pub fn with_cap(cap: usize) -> Functions {
        Functions {
            last_invoked: LastInvoked::default(),
            cap,
            listed: Arc::default(),
            capped: Arc::default(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Kind for Functions {
    type Row = Function;

    fn label(&self) -> &'static str {
        "Lambda functions"
    }

    fn noun(&self) -> &'static str {
        "function"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Invoke,
            CommandId::FunctionLogs,
            CommandId::Filter,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        let (cap, listed, capped) = (self.cap, self.listed.clone(), self.capped.clone());
        page_fn(move |adapters, ctx, marker| {
            if marker.is_none() {
                lock(&listed).remove(&ctx);
                lock(&capped).remove(&ctx);
            }
            let (listed, capped) = (listed.clone(), capped.clone());
            adapters
                .lambda
                .list_page(ctx.clone(), marker)
                .map(move |page| {
                    page.map(|mut page| {
                        let count = {
                            let mut listed = lock(&listed);
                            let count = listed.entry(ctx.clone()).or_default();
                            *count += page.items.len();
                            *count
                        };
                        if count >= cap && page.next.is_some() {
                            page.next = None;
                            lock(&capped).insert(ctx);
                        }
                        page
                    })
                })
                .boxed()
        })
    }

    fn title_note(&self) -> Option<String> {
        match lock(&self.capped).len() {
            0 => None,
            1 => Some(format!("1 context capped at {}", format::count(self.cap))),
            n => Some(format!(
                "{n} contexts capped at {}",
                format::count(self.cap)
            )),
        }
    }

    fn metrics(&self, f: &Function) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        Some(crate::panes::metrics::sets::LAMBDA_FUNCTION.specs(&f.name))
    }

    fn details(&self, at: &At, f: &Function) -> Effect {
        functions::open(CommandId::Open, at.ctx, f, &at.suffix(), &self.last_invoked)
            .expect("Open opens the details")
    }

    fn arn(&self, _at: &At, f: &Function) -> Result<String, String> {
        Ok(f.arn.clone())
    }

    fn commands(&self) -> &'static [CommandId] {
        &[
            CommandId::Invoke,
            CommandId::Environment,
            CommandId::FunctionLogs,
        ]
    }

    /// On the selected function alone.
    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Function],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        let f = rows.first()?;
        let opened = functions::open(command, at.ctx, f, &at.suffix(), &self.last_invoked);
        Some(opened.into_iter().collect())
    }
}
