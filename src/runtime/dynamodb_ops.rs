//! DynamoDB requests and their answers.

use super::{Progress, off_task};
use crate::aws::dynamodb::Table;
use crate::aws::{Adapters, AwsError};
use crate::protocol::dynamodb::{DdbOp, DdbOutcome};
use crate::saved_queries;
use futures::StreamExt;

/// Tables described at once while listing (one DescribeTable each).
const DESCRIBE_AT_ONCE: usize = 8;

pub(super) async fn execute(op: DdbOp, adapters: &Adapters, progress: &Progress) -> DdbOutcome {
    let ddb = &adapters.dynamodb;
    match op {
        DdbOp::SavedQueries { files, table } => DdbOutcome::SavedQueries(
            off_task(move || saved_queries::for_table(&files, &table)).await,
        ),
        DdbOp::SaveQuery {
            files,
            table,
            name,
            form,
        } => {
            let label = name.clone();
            DdbOutcome::QuerySaved {
                result: off_task(move || saved_queries::save(&files, &table, &name, &form)).await,
                name: label,
            }
        }
        DdbOp::RememberQuery { files, table, form } => DdbOutcome::Remembered(
            off_task(move || saved_queries::remember(&files, &table, &form)).await,
        ),
        DdbOp::Export { job, overwrite } => {
            super::ddb_export::export(adapters, *job, overwrite, progress).await
        }
        DdbOp::Tables(ctx) => {
            let mut start = None;
            loop {
                let page = match ddb.list_tables(ctx.clone(), start).await {
                    Ok(page) => page,
                    Err(e) => return DdbOutcome::TablesListed(Err(e)),
                };
                let described: Vec<Result<Table, AwsError>> = futures::stream::iter(page.names)
                    .map(|name| ddb.describe(ctx.clone(), name))
                    .buffered(DESCRIBE_AT_ONCE)
                    .collect()
                    .await;
                let failed = described.iter().filter(|r| r.is_err()).count();
                let tables = described.into_iter().filter_map(Result::ok).collect();
                progress.send(super::Outcome::Ddb(DdbOutcome::TablesPage {
                    tables,
                    failed,
                }));
                start = page.next;
                if start.is_none() {
                    return DdbOutcome::TablesListed(Ok(()));
                }
            }
        }
        DdbOp::Page {
            ctx,
            request,
            start,
        } => DdbOutcome::Page(ddb.page(ctx, *request, start).await),
        DdbOp::Write { ctx, table, write } => DdbOutcome::Written {
            result: ddb.write(ctx, table, (*write).clone()).await,
            write,
        },
        DdbOp::Item { ctx, table, key } => DdbOutcome::Item {
            result: ddb.item(ctx, table, key.clone()).await,
            key,
        },
        DdbOp::Statement {
            ctx,
            statement,
            token,
        } => DdbOutcome::Page(ddb.statement(ctx, statement, token).await),
        DdbOp::Describe { ctx, name } => {
            let (table, ttl) =
                tokio::join!(ddb.describe(ctx.clone(), name.clone()), ddb.ttl(ctx, name));
            // A TTL answer that failed only hides the TTL line; the table is what matters.
            DdbOutcome::Described(Box::new(table.map(|t| (t, ttl.ok().flatten()))))
        }
    }
}
