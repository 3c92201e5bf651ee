//! DynamoDB requests and their answers.

use super::{Progress, off_task};
use crate::aws::dynamodb::{Item, ItemPage, Table};
use crate::aws::dynamodb_query::Request;
use crate::aws::{Adapters, AwsError, ContextKey};
use crate::saved_queries::{self, FormState, QueryFiles, SavedQuery};
use futures::StreamExt;

/// Tables described at once while listing (one DescribeTable each).
const DESCRIBE_AT_ONCE: usize = 8;

/// Where items come from: a query or scan, or a PartiQL SELECT.
#[derive(Clone, Debug)]
pub enum ItemSource {
    Query(Request),
    Statement(String),
}

#[derive(Debug)]
pub enum DdbOp {
    /// The saved and recent queries of a table (local files).
    SavedQueries { files: QueryFiles, table: String },
    SaveQuery {
        files: QueryFiles,
        table: String,
        name: String,
        form: Box<FormState>,
    },
    /// A run, into the history.
    RememberQuery {
        files: QueryFiles,
        table: String,
        form: Box<FormState>,
    },
    /// Every page of the source into a local file; `overwrite` only after the user agreed.
    Export {
        /// Boxed: a job carries a whole request; every other op is small.
        job: Box<super::ddb_export::ExportJob>,
        overwrite: bool,
    },
    /// Every table, described, a ListTables page at a time.
    Tables(ContextKey),
    /// One table and its TTL setting.
    Describe { ctx: ContextKey, name: String },
    Write {
        ctx: ContextKey,
        table: String,
        write: Box<crate::aws::dynamodb::Write>,
    },
    /// One page of a PartiQL statement, from `token` or the beginning.
    Statement {
        ctx: ContextKey,
        statement: String,
        token: Option<String>,
    },
    /// One page of a query or scan, from `start` (a LastEvaluatedKey) or the beginning.
    Page {
        ctx: ContextKey,
        /// Boxed: a whole query is much larger than the other ops.
        request: Box<Request>,
        start: Option<Item>,
    },
}

#[derive(Debug)]
pub enum DdbOutcome {
    /// Saved, then recent (newest first).
    SavedQueries(Result<(Vec<SavedQuery>, Vec<SavedQuery>), String>),
    QuerySaved {
        name: String,
        result: Result<std::path::PathBuf, String>,
    },
    Remembered(Result<(), String>),
    /// One page of described tables (a table that failed to describe is left out and counted).
    TablesPage {
        tables: Vec<Table>,
        failed: usize,
    },
    TablesListed(Result<(), AwsError>),
    /// Boxed: a whole description is much larger than the other answers.
    Described(Box<Result<(Table, Option<String>), AwsError>>),
    Page(Result<ItemPage, AwsError>),
    /// A write's answer, with the write (to retry a refused put as a replace).
    Written {
        write: Box<crate::aws::dynamodb::Write>,
        result: Result<crate::aws::dynamodb::Written, AwsError>,
    },
    /// The target exists: nothing was written; ask before replacing it.
    ExportConflict(Box<super::ddb_export::ExportJob>),
    /// Items written so far.
    ExportProgress(usize),
    Exported {
        path: std::path::PathBuf,
        result: Result<usize, String>,
    },
}

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
