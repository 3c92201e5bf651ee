//! CloudWatch Logs requests and their answers.

use crate::aws::logs::{InsightsQuery, LogEvent, LogGroup, LogStream, QueryResults};
use crate::aws::logs_insights::ResultRow;
use crate::aws::{AwsError, ContextKey};
use crate::saved_queries::{InsightsSaved, QueryFiles};

/// A group listing stops here; `load-more` continues it.
pub const GROUP_CAP: usize = 5_000;
/// Streams listed at once (the newest first); `load-more` continues.
pub const STREAM_PAGE_CAP: usize = 200;

/// Where one tailed group stands: read everything from `start_ms`, continuing `token`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollSource {
    pub group: String,
    pub streams: Vec<String>,
    pub start_ms: i64,
    pub token: Option<String>,
}

#[derive(Debug)]
pub enum LogsOp {
    Groups {
        ctx: ContextKey,
        prefix: Option<String>,
        start: Option<String>,
    },
    Streams {
        ctx: ContextKey,
        group: String,
        start: Option<String>,
    },
    /// Every source side by side; each page is answered as it arrives.
    Poll {
        ctx: ContextKey,
        sources: Vec<PollSource>,
        pattern: Option<String>,
    },
    /// A Live Tail session until it ends, fails or the view is left.
    LiveTail {
        ctx: ContextKey,
        group_arns: Vec<String>,
        pattern: Option<String>,
    },
    /// Logs Insights: start, poll, stop a query; export its results.
    Insights(InsightsOp),
    /// Writes the lines to a file atomically; an existing file only with `overwrite`.
    Save {
        path: std::path::PathBuf,
        text: String,
        overwrite: bool,
    },
}

#[derive(Debug)]
pub enum LogsOutcome {
    GroupsPage(Vec<LogGroup>),
    GroupsListed {
        result: Result<(), AwsError>,
        resume: Option<String>,
    },
    Streams {
        result: Result<Vec<LogStream>, AwsError>,
        resume: Option<String>,
    },
    /// A page of events of source `source` (its index in the poll).
    Events {
        source: usize,
        events: Vec<LogEvent>,
    },
    /// The poll ended: per source, the token to continue with (more pages wait) or the error.
    Polled(Vec<Result<Option<String>, AwsError>>),
    /// Events from Live Tail, with their group's ARN.
    Live(Vec<(String, LogEvent)>),
    LiveEnded(Result<(), AwsError>),
    /// The file exists and `overwrite` was not given: nothing was written.
    SaveExists(std::path::PathBuf, String),
    Saved(Result<std::path::PathBuf, String>),
    /// The query's id (it runs), or why it could not start.
    InsightsStarted(Result<String, AwsError>),
    /// Every row query `id` found so far, with its status and figures.
    InsightsResults {
        id: String,
        result: Result<QueryResults, AwsError>,
    },
    /// A StopQuery was answered (or refused: the query had ended).
    InsightsStopped,
    /// The export's file exists and `overwrite` was not given: nothing was written.
    InsightsExportExists(Box<InsightsExport>),
    /// Rows written, or why not.
    InsightsExported {
        path: std::path::PathBuf,
        result: Result<usize, String>,
    },
    /// The saved Insights queries and the recent runs (newest first), or why not.
    InsightsQueries(Result<(Vec<InsightsSaved>, Vec<InsightsSaved>), String>),
    InsightsQuerySaved {
        name: String,
        result: Result<std::path::PathBuf, String>,
    },
    /// A run was added to the history (failures are only worth a log line).
    InsightsRemembered(Result<(), String>),
    InsightsForgotten(Result<(), String>),
    /// One page of group names starting with `prefix`, for completing that word.
    InsightsGroupNames {
        prefix: String,
        result: Result<Vec<String>, AwsError>,
    },
}

#[derive(Debug)]
pub enum InsightsOp {
    Start {
        ctx: ContextKey,
        query: InsightsQuery,
    },
    /// One GetQueryResults.
    Poll { ctx: ContextKey, id: String },
    /// Fire and forget, owned by the app so that closing the view cannot cancel it.
    Stop { ctx: ContextKey, id: String },
    /// Results written to a JSON Lines or CSV file (private, atomic); an existing file only
    /// with `overwrite`.
    Export(Box<InsightsExport>),
    /// Every saved query and recent run (local files, read off the UI task).
    Queries(QueryFiles),
    Save {
        files: QueryFiles,
        entry: InsightsSaved,
    },
    Remember {
        files: QueryFiles,
        entry: InsightsSaved,
    },
    /// Deletes a saved query (by name) or, `recent`, a run of the history.
    Forget {
        files: QueryFiles,
        entry: InsightsSaved,
        recent: bool,
    },
    /// One DescribeLogGroups page of names starting with `prefix` (Tab in the groups input).
    GroupNames { ctx: ContextKey, prefix: String },
}

/// Query results to write to a file.
#[derive(Clone, Debug)]
pub struct InsightsExport {
    pub path: std::path::PathBuf,
    pub format: crate::protocol::dynamodb::ExportFormat,
    /// The CSV header: the query's fields in order.
    pub columns: Vec<String>,
    pub rows: Vec<ResultRow>,
    pub overwrite: bool,
}
