//! DynamoDB requests and their answers, and the export job they carry.

use crate::aws::dynamodb::{ItemPage, Table};
use crate::aws::dynamodb_query::Request;
use crate::aws::dynamodb_value::Item;
use crate::aws::{AwsError, ContextKey};
use crate::saved_queries::{FormState, QueryFiles, SavedQuery};
use std::path::{Path, PathBuf};

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
        job: Box<ExportJob>,
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
    /// The item with this key as it is now (a consistent read): after a write, and on `C-r`.
    Item {
        ctx: ContextKey,
        table: String,
        key: Item,
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
    /// The item with `key` as it is now (`None`: there is none).
    Item {
        key: Item,
        result: Result<Option<Item>, AwsError>,
    },
    /// The target exists: nothing was written; ask before replacing it.
    ExportConflict(Box<ExportJob>),
    /// Items written so far.
    ExportProgress(usize),
    Exported {
        path: std::path::PathBuf,
        result: Result<usize, String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One plain JSON object per line (numbers exact).
    JsonLines,
    /// Keys first, then the first page's attributes; anything else in an `_other` JSON column.
    Csv,
}

impl ExportFormat {
    pub fn for_path(path: &Path) -> Result<ExportFormat, String> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl" | "ndjson") => Ok(ExportFormat::JsonLines),
            Some("csv") => Ok(ExportFormat::Csv),
            _ => Err(format!(
                "{}: name the file .jsonl (JSON Lines) or .csv",
                path.display()
            )),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ExportJob {
    pub ctx: ContextKey,
    pub source: ItemSource,
    /// The key attributes (first CSV columns).
    pub keys: Vec<String>,
    pub path: PathBuf,
    pub format: ExportFormat,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_file_name() {
        assert_eq!(
            ExportFormat::for_path(Path::new("a/b.jsonl")),
            Ok(ExportFormat::JsonLines)
        );
        assert_eq!(
            ExportFormat::for_path(Path::new("b.csv")),
            Ok(ExportFormat::Csv)
        );
        assert!(ExportFormat::for_path(Path::new("b.txt")).is_err());
    }
}
