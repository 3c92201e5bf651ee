//! Lambda requests and their answers, and the payload files (read and written here, off the UI
//! task).

use super::{Progress, off_task};
use crate::aws::lambda::{Function, FunctionDetails, Invocation, InvokeResult};
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::saved_payloads::{self, PayloadFiles, RecentPayload, SavedPayload};

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
    /// A payload file the user edited in their editor: read, then removed.
    ReadEdited(std::path::PathBuf),
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
    /// The edited payload's text, or why it could not be read (the file is then kept).
    Edited(Result<String, String>),
    /// A save found a payload of that name: nothing was written.
    PayloadExists {
        name: String,
        text: String,
    },
    /// A save, rename or delete finished: what was done, or why not.
    PayloadChanged(Result<String, String>),
}

pub(super) async fn execute(
    op: LambdaOp,
    adapters: &Adapters,
    progress: &Progress,
) -> LambdaOutcome {
    let lambda = &adapters.lambda;
    match op {
        LambdaOp::List { ctx, start } => {
            let mut marker = start;
            let mut listed = 0usize;
            loop {
                match lambda.list_page(ctx.clone(), marker).await {
                    Ok((page, next)) => {
                        listed += page.len();
                        progress.send(super::Outcome::Lambda(LambdaOutcome::Page(page)));
                        marker = next.filter(|m| !m.is_empty());
                        if marker.is_none() || listed >= FUNCTION_CAP {
                            return LambdaOutcome::Listed {
                                result: Ok(()),
                                resume: marker,
                            };
                        }
                    }
                    Err(e) => {
                        return LambdaOutcome::Listed {
                            result: Err(e),
                            resume: None,
                        };
                    }
                }
            }
        }
        LambdaOp::Details { ctx, name } => LambdaOutcome::Details(lambda.details(ctx, name).await),
        LambdaOp::Invoke { ctx, call, files } => {
            let sent_ms = crate::clock::now_ms();
            let remember = (call.kind != crate::aws::lambda::InvocationType::DryRun).then(|| {
                (
                    call.function.clone(),
                    String::from_utf8_lossy(&call.payload).into_owned(),
                )
            });
            let result = lambda.invoke(ctx, call).await;
            let mut history_error = None;
            if let Some((function, text)) = remember {
                let sent = sent_ms / 1000;
                history_error =
                    off_task(move || saved_payloads::remember(&files, &function, &text, sent))
                        .await
                        .err();
            }
            LambdaOutcome::Invoked {
                result,
                sent_ms,
                history_error,
            }
        }
        LambdaOp::ReadEdited(path) => LambdaOutcome::Edited(
            off_task(move || {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let _ = std::fs::remove_file(&path);
                Ok(text)
            })
            .await,
        ),
        LambdaOp::Payloads { files, function } => {
            LambdaOutcome::Payloads(off_task(move || saved_payloads::list(&files, &function)).await)
        }
        LambdaOp::SavePayload {
            files,
            function,
            name,
            text,
            overwrite,
        } => {
            let (n, t) = (name.clone(), text.clone());
            match off_task(move || saved_payloads::save(&files, &function, &n, &t, overwrite)).await
            {
                Ok(Some(path)) => LambdaOutcome::PayloadChanged(Ok(format!(
                    "saved '{name}' to {}",
                    path.display()
                ))),
                Ok(None) => LambdaOutcome::PayloadExists { name, text },
                Err(e) => LambdaOutcome::PayloadChanged(Err(e)),
            }
        }
        LambdaOp::RenamePayload {
            files,
            function,
            from,
            to,
        } => {
            let message = format!("renamed '{from}' to '{to}'");
            LambdaOutcome::PayloadChanged(
                off_task(move || saved_payloads::rename(&files, &function, &from, &to))
                    .await
                    .map(|()| message),
            )
        }
        LambdaOp::DeletePayload {
            files,
            function,
            name,
        } => {
            let message = format!("deleted '{name}'");
            LambdaOutcome::PayloadChanged(
                off_task(move || saved_payloads::delete(&files, &function, &name))
                    .await
                    .map(|()| message),
            )
        }
    }
}
