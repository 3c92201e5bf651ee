//! Lambda requests and their answers.

use crate::aws::lambda::{Function, FunctionDetails, Invocation, InvokeResult};
use crate::aws::{AwsError, ContextKey};
use crate::saved_payloads::{PayloadFiles, RecentPayload, SavedPayload};

/// A listing stops here; `load-more` continues it.
pub const FUNCTION_CAP: usize = 5_000;

#[derive(Debug)]
pub enum LambdaOp {
    /// ListFunctions pages, each answered as it arrives, until `FUNCTION_CAP` or the end.
    List {
        ctx: ContextKey,
        start: Option<String>,
    },
    Details {
        ctx: ContextKey,
        name: String,
    },
    /// The call, then its payload into the history (not for dry runs).
    Invoke {
        ctx: ContextKey,
        call: Invocation,
        files: PayloadFiles,
    },
    Payloads {
        files: PayloadFiles,
        function: String,
    },
    SavePayload {
        files: PayloadFiles,
        function: String,
        name: String,
        text: String,
        overwrite: bool,
    },
    RenamePayload {
        files: PayloadFiles,
        function: String,
        from: String,
        to: String,
    },
    DeletePayload {
        files: PayloadFiles,
        function: String,
        name: String,
    },
}

#[derive(Debug)]
pub enum LambdaOutcome {
    Page(Vec<Function>),
    /// The listing ended: completely (`resume: None`), at its cap, or with an error.
    Listed {
        result: Result<(), AwsError>,
        resume: Option<String>,
    },
    Details(Result<FunctionDetails, AwsError>),
    Invoked {
        result: Result<InvokeResult, AwsError>,
        /// When the call was sent, milliseconds since the epoch (where its logs start).
        sent_ms: i64,
        /// Keeping the payload in the history failed (the call itself is unaffected).
        history_error: Option<String>,
    },
    Payloads(Result<(Vec<SavedPayload>, Vec<RecentPayload>), String>),
    /// A save found a payload of that name: nothing was written.
    PayloadExists {
        name: String,
        text: String,
    },
    /// A save, rename or delete finished: what was done, or why not.
    PayloadChanged(Result<String, String>),
}
