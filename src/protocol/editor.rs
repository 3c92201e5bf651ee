//! Files round-tripped through the user's editor: written, read back and removed by the
//! runtime (file I/O stays off the UI task); the view that asked decides what the text means.

use std::path::PathBuf;

pub enum EditOp {
    /// A new private file named after `name`, holding `text`.
    Write {
        name: String,
        text: String,
    },
    /// The file once the editor has closed. It stays on disk until `Discard`, so an edit the
    /// view rejects keeps the user's text.
    Read(PathBuf),
    Discard(PathBuf),
}

pub enum EditOutcome {
    Written(Result<PathBuf, String>),
    Read {
        path: PathBuf,
        text: Result<String, String>,
    },
    Discarded,
}

// Items and payloads may hold secrets: their text never reaches a log through Debug.
impl std::fmt::Debug for EditOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditOp::Write { name, text } => write!(f, "Write({name}, {} bytes)", text.len()),
            EditOp::Read(path) => write!(f, "Read({})", path.display()),
            EditOp::Discard(path) => write!(f, "Discard({})", path.display()),
        }
    }
}

impl std::fmt::Debug for EditOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditOutcome::Written(result) => write!(f, "Written({result:?})"),
            EditOutcome::Read { path, text } => write!(
                f,
                "Read({}, {})",
                path.display(),
                match text {
                    Ok(text) => format!("{} bytes", text.len()),
                    Err(e) => e.clone(),
                }
            ),
            EditOutcome::Discarded => f.write_str("Discarded"),
        }
    }
}
