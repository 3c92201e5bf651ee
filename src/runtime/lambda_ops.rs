//! Lambda requests and their answers, and the payload files (read and written here, off the UI
//! task).

use super::{Progress, off_task};
use crate::aws::Adapters;
use crate::aws::page::{each_page_up_to, ending};
use crate::protocol::lambda::{FUNCTION_CAP, LambdaOp, LambdaOutcome};
use crate::saved_payloads;

pub(super) async fn execute(
    op: LambdaOp,
    adapters: &Adapters,
    progress: &Progress,
) -> LambdaOutcome {
    let lambda = &adapters.lambda;
    match op {
        LambdaOp::List { ctx, start } => {
            let send = |page| progress.send(LambdaOutcome::Page(page));
            let fetch = |marker| lambda.list_page(ctx.clone(), marker);
            let (result, resume) = ending(each_page_up_to(start, FUNCTION_CAP, fetch, send).await);
            LambdaOutcome::Listed { result, resume }
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
