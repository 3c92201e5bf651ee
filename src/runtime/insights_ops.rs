//! Logs Insights in the runtime: StartQuery, one GetQueryResults, StopQuery — each its own
//! short request, so the view polls with its own backoff and nothing stays in flight between
//! polls — and results written to a file.

use super::off_task;
use crate::aws::Adapters;
use crate::protocol::dynamodb::ExportFormat;
use crate::protocol::logs::{InsightsExport, InsightsOp, LogsOutcome};
use crate::saved_queries::{self, InsightsSaved};

pub(super) async fn execute(op: InsightsOp, adapters: &Adapters) -> LogsOutcome {
    let logs = &adapters.logs;
    match op {
        InsightsOp::Start { ctx, query } => {
            LogsOutcome::InsightsStarted(logs.start_query(ctx, query).await)
        }
        InsightsOp::Poll { ctx, id } => {
            let result = logs.query_results(ctx, id.clone()).await;
            LogsOutcome::InsightsResults { id, result }
        }
        InsightsOp::Stop { ctx, id } => {
            // A query that ended in between is refused; that changes nothing worth saying.
            let result = logs.stop_query(ctx, id).await;
            if let Err(e) = &result {
                tracing::debug!(error = %e.summary(), "StopQuery");
            }
            LogsOutcome::InsightsStopped
        }
        InsightsOp::Export(job) => export(*job).await,
        InsightsOp::Queries(files) => LogsOutcome::InsightsQueries(
            off_task(move || saved_queries::load(&files, |_: &InsightsSaved| true)).await,
        ),
        InsightsOp::Save { files, entry } => {
            let name = entry.name.clone();
            LogsOutcome::InsightsQuerySaved {
                name,
                result: off_task(move || saved_queries::save_entry(&files, entry)).await,
            }
        }
        InsightsOp::Remember { files, entry } => LogsOutcome::InsightsRemembered(
            off_task(move || {
                saved_queries::remember_entry(
                    &files,
                    entry,
                    saved_queries::INSIGHTS_HISTORY_PER_GROUPS,
                )
            })
            .await,
        ),
        InsightsOp::Forget {
            files,
            entry,
            recent,
        } => LogsOutcome::InsightsForgotten(
            off_task(move || saved_queries::forget(&files, &entry, recent)).await,
        ),
        InsightsOp::GroupNames { ctx, prefix } => {
            // One page is enough to complete a word: more would be typed more precisely.
            let result = logs
                .groups_page(ctx, Some(prefix.clone()), None)
                .await
                .map(|page| page.items.into_iter().map(|g| g.name).collect());
            LogsOutcome::InsightsGroupNames { prefix, result }
        }
    }
}

/// One row as a JSON object, fields in the query's order, values as text (as Insights gives
/// them).
fn json_line(row: &[(String, String)]) -> String {
    let object: serde_json::Map<String, serde_json::Value> = row
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::Value::Object(object).to_string()
}

fn csv_line(columns: &[String], row: &[(String, String)]) -> String {
    let fields: Vec<String> = columns
        .iter()
        .map(|c| {
            let value = row.iter().find(|(k, _)| k == c).map(|(_, v)| v.as_str());
            super::ddb_export::csv_field(value.unwrap_or_default())
        })
        .collect();
    fields.join(",") + "\n"
}

fn export_text(job: &InsightsExport) -> String {
    let mut text = String::new();
    match job.format {
        ExportFormat::JsonLines => {
            for row in &job.rows {
                text.push_str(&json_line(row));
                text.push('\n');
            }
        }
        ExportFormat::Csv => {
            let header: Vec<String> = job
                .columns
                .iter()
                .map(|c| super::ddb_export::csv_field(c))
                .collect();
            text.push_str(&(header.join(",") + "\n"));
            for row in &job.rows {
                text.push_str(&csv_line(&job.columns, row));
            }
        }
    }
    text
}

async fn export(job: InsightsExport) -> LogsOutcome {
    use crate::aws::atomic_file::AtomicFile;
    let text = export_text(&job);
    let write = async {
        let mut file = AtomicFile::create_private(&job.path).await?;
        file.write_all(text.as_bytes()).await?;
        file.commit(job.overwrite).await
    };
    match write.await {
        Ok(()) => LogsOutcome::InsightsExported {
            path: job.path.clone(),
            result: Ok(job.rows.len()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            LogsOutcome::InsightsExportExists(Box::new(job))
        }
        Err(e) => LogsOutcome::InsightsExported {
            path: job.path.clone(),
            result: Err(format!("{}: {e}", job.path.display())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rows_as_json_lines_keep_the_fields_order_and_csv_quotes() {
        let job = InsightsExport {
            path: Default::default(),
            format: ExportFormat::JsonLines,
            columns: vec!["@timestamp".into(), "@message".into()],
            rows: vec![
                row(&[
                    ("@timestamp", "2026-12-02 09:00:00.000"),
                    ("@message", "a, \"b\""),
                ]),
                row(&[("@message", "only")]),
            ],
            overwrite: false,
        };
        assert_eq!(
            export_text(&job),
            "{\"@timestamp\":\"2026-12-02 09:00:00.000\",\"@message\":\"a, \\\"b\\\"\"}\n\
             {\"@message\":\"only\"}\n"
        );
        let csv = InsightsExport {
            format: ExportFormat::Csv,
            ..job
        };
        assert_eq!(
            export_text(&csv),
            "@timestamp,@message\n2026-12-02 09:00:00.000,\"a, \"\"b\"\"\"\n,only\n"
        );
    }
}
