//! `:lambda @…` — Lambda functions on the engine: each function's details, environment
//! (masked), the invocation workbench, and its logs from the last invocation made here — all
//! in the row's context.

use super::{At, Kind};
use crate::aws::lambda::Function;
use crate::aws::page::Page;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::PaneCx;
use crate::panes::document::DocumentView;
use crate::panes::lambda::functions::{COLUMNS, read_details};
use crate::panes::lambda::{EnvironmentPane, LastInvoked, WorkbenchPane, open_logs};
use crate::protocol::lambda::LambdaOp;
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, PaneId};
use crate::ui::table::Column;
use futures::FutureExt;

#[derive(Default)]
pub struct Functions {
    /// When each function was last invoked from this view's workbenches: `logs` starts there.
    last_invoked: LastInvoked,
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
        page_fn(|adapters, ctx, marker| {
            adapters
                .lambda
                .list_page(ctx, marker)
                .map(|page| {
                    page.map(|(functions, next)| {
                        Page::new(functions, next.filter(|m| !m.is_empty()))
                    })
                })
                .boxed()
        })
    }

    fn details(&self, at: &At, f: &Function) -> Effect {
        let (ctx, name) = (at.ctx.clone(), f.name.clone());
        DocumentView::open(
            format!("function {name}{}", at.suffix()),
            name.clone(),
            move || {
                Op::Lambda(LambdaOp::Details {
                    ctx: ctx.clone(),
                    name: name.clone(),
                })
            },
            read_details,
        )
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
        let (ctx, name) = (at.ctx.clone(), f.name.clone());
        Some(vec![match command {
            CommandId::Invoke => {
                let last = self.last_invoked.clone();
                Effect::Push(Box::new(move |id: PaneId| {
                    Box::new(WorkbenchPane::new(id, ctx, name, None, last))
                }))
            }
            CommandId::Environment => Effect::Push(Box::new(move |id: PaneId| {
                Box::new(EnvironmentPane::new(id, ctx, name))
            })),
            _ => {
                let since = self
                    .last_invoked
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&f.name)
                    .copied();
                open_logs(at.ctx, &f.name, since)
            }
        }])
    }
}
