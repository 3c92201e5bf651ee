//! The `$EDITOR` round trip every view uses: the runtime writes a private file, the editor
//! runs on the terminal, the runtime reads the file back, and the view says what the text
//! means. The file is discarded once the view took the text; a rejected edit keeps it, and
//! the message names it, so the user's work is never lost.

use crate::pane::{Effect, Level};
use crate::protocol::editor::{EditOp, EditOutcome};
use crate::protocol::{Op, Owner, PaneId, Request};
use std::path::{Path, PathBuf};

/// Asks the runtime for a private file named after `name` holding `text`; its answer goes to
/// `advance`.
pub fn start(owner: PaneId, name: &str, text: String) -> Effect {
    request(
        owner,
        EditOp::Write {
            name: name.to_string(),
            text,
        },
    )
}

/// Where an edit stands after one of its answers.
pub enum Step {
    /// Still on the way: the editor is to run.
    Running(Vec<Effect>),
    /// Over, with what to say (why it failed).
    Over(Vec<Effect>),
    /// The text as the user left it, from the file at `path`.
    Edited { path: PathBuf, text: String },
}

/// The next step of an edit: run `editor` on a written file, then read it back. `unchanged`
/// says what a failed round trip leaves alone ("nothing written", "payload unchanged").
pub fn advance(owner: PaneId, editor: &str, outcome: EditOutcome, unchanged: &str) -> Step {
    match outcome {
        EditOutcome::Written(Ok(path)) => {
            let command = crate::editor::editor_command(editor, &path);
            let unchanged = unchanged.to_string();
            Step::Running(vec![Effect::ExecThen(
                command,
                Box::new(move |ended| match ended {
                    Ok(()) => vec![request(owner, EditOp::Read(path))],
                    Err(e) => vec![kept(&format!("editor: {e}"), &unchanged, &path)],
                }),
            )])
        }
        EditOutcome::Written(Err(e)) => Step::Over(vec![Effect::Flash(
            Level::Error,
            format!("cannot edit: {e}"),
        )]),
        EditOutcome::Read { path, text: Err(e) } => Step::Over(vec![kept(&e, unchanged, &path)]),
        EditOutcome::Read {
            path,
            text: Ok(text),
        } => Step::Edited { path, text },
        EditOutcome::Discarded => Step::Over(Vec::new()),
    }
}

/// The text was taken: the file goes.
pub fn discard(owner: PaneId, path: PathBuf) -> Effect {
    request(owner, EditOp::Discard(path))
}

/// Why an edit was not taken, and where the user's text still is.
pub fn kept(why: &str, unchanged: &str, path: &Path) -> Effect {
    Effect::Flash(
        Level::Error,
        format!("{why}; {unchanged} (your text: {})", path.display()),
    )
}

fn request(owner: PaneId, op: EditOp) -> Effect {
    Effect::Request(Request::new(Owner::Pane(owner), Op::Edit(op)).in_slot("edit"))
}
