//! The editor round trip's file work, on a blocking thread.

use super::off_task;
use crate::protocol::editor::{EditOp, EditOutcome};

pub(super) async fn execute(op: EditOp) -> EditOutcome {
    match op {
        EditOp::Write { name, text } => {
            EditOutcome::Written(off_task(move || crate::editor::edit_file(&name, &text)).await)
        }
        EditOp::Read(path) => {
            let read = path.clone();
            let text = off_task(move || {
                std::fs::read_to_string(&read).map_err(|e| format!("{}: {e}", read.display()))
            })
            .await;
            EditOutcome::Read { path, text }
        }
        EditOp::Discard(path) => {
            // Nothing to tell anyone: the file lives in the private editor directory, which
            // goes at exit anyway.
            let _ = off_task(move || Ok(std::fs::remove_file(&path))).await;
            EditOutcome::Discarded
        }
    }
}
