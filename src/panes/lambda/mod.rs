//! Lambda: the functions table, a function's details and environment, the invocation
//! workbench with saved payloads, and the way from a function to its logs.

pub mod details;
mod environment;
pub mod functions;
mod payloads;
mod qualifiers;
mod workbench;

pub use details::DetailsPane;
pub use environment::EnvironmentPane;
pub use functions::FunctionsPane;
pub use payloads::PayloadsPane;
pub use workbench::WorkbenchPane;

use crate::aws::ContextKey;
use crate::pane::Effect;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// When each function was last invoked from here (milliseconds since the epoch), shared by the
/// functions view and the workbenches it opens, so "logs" starts at the last invocation.
pub type LastInvoked = Arc<Mutex<HashMap<String, i64>>>;

/// Seconds of log before an invocation that the tail shows too (clock skew, cold start).
const LOGS_LEAD_MS: i64 = 5_000;

/// Opens the function's log group tailing from `since_ms`, or from the configured start.
pub fn open_logs(ctx: &ContextKey, function: &str, since_ms: Option<i64>) -> Effect {
    let group = format!("/aws/lambda/{function}");
    let ctx = ctx.clone();
    let start = since_ms.map(|ms| ms - LOGS_LEAD_MS);
    Effect::Push(Box::new(move |id| {
        Box::new(crate::panes::logs::TailPane::new(
            id,
            ctx,
            vec![crate::panes::logs::TailSource::group(&group)],
            start,
        ))
    }))
}
