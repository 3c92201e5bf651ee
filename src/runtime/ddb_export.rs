//! Exporting a query's or scan's results, every page, to JSON Lines or CSV. Written through
//! an `AtomicFile`, so a failed or cancelled export leaves nothing behind, and an existing file
//! is never replaced without the user saying so.

use super::Progress;
use crate::aws::Adapters;
use crate::aws::dynamodb_json as text;
use crate::aws::dynamodb_value::{Item, Value};
use crate::protocol::dynamodb::{DdbOutcome, ExportFormat, ExportJob, ItemSource};

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub(super) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_value(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        other => text::cell(other),
    }
}

struct CsvColumns(Vec<String>);

impl CsvColumns {
    fn choose(keys: &[String], first_page: &[Item]) -> CsvColumns {
        let mut names: Vec<String> = keys.to_vec();
        let mut rest: std::collections::BTreeSet<&String> = Default::default();
        for item in first_page {
            rest.extend(item.keys().filter(|k| !keys.contains(k)));
        }
        names.extend(rest.into_iter().cloned());
        CsvColumns(names)
    }

    fn header(&self) -> String {
        let mut fields: Vec<String> = self.0.iter().map(|c| csv_field(c)).collect();
        fields.push("_other".into());
        fields.join(",") + "\n"
    }

    fn row(&self, item: &Item) -> String {
        let mut fields: Vec<String> = self
            .0
            .iter()
            .map(|c| csv_field(&item.get(c).map(csv_value).unwrap_or_default()))
            .collect();
        let other: Item = item
            .iter()
            .filter(|(k, _)| !self.0.contains(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        fields.push(if other.is_empty() {
            String::new()
        } else {
            csv_field(&text::cell(&Value::M(other)))
        });
        fields.join(",") + "\n"
    }
}

pub(super) async fn export(
    adapters: &Adapters,
    job: ExportJob,
    overwrite: bool,
    progress: &Progress,
) -> DdbOutcome {
    let done = |result: Result<usize, String>| DdbOutcome::Exported {
        path: job.path.clone(),
        result,
    };
    if !overwrite && tokio::fs::try_exists(&job.path).await.unwrap_or(false) {
        return DdbOutcome::ExportConflict(Box::new(job.clone()));
    }
    let mut file = match crate::aws::atomic_file::AtomicFile::create_private(&job.path).await {
        Ok(f) => f,
        Err(e) => return done(Err(format!("{}: {e}", job.path.display()))),
    };
    let ddb = &adapters.dynamodb;
    let (mut written, mut start, mut token) = (0usize, None, None);
    let mut columns: Option<CsvColumns> = None;
    loop {
        let page = match &job.source {
            ItemSource::Query(request) => {
                ddb.page(job.ctx.clone(), request.clone(), start.take())
                    .await
            }
            ItemSource::Statement(statement) => {
                ddb.statement(job.ctx.clone(), statement.clone(), token.take())
                    .await
            }
        };
        let page = match page {
            Ok(page) => page,
            Err(e) => return done(Err(e.summary())),
        };
        let mut chunk = String::new();
        if job.format == ExportFormat::Csv && columns.is_none() {
            let chosen = CsvColumns::choose(&job.keys, &page.items);
            chunk.push_str(&chosen.header());
            columns = Some(chosen);
        }
        for item in &page.items {
            match &columns {
                Some(c) => chunk.push_str(&c.row(item)),
                None => {
                    chunk.push_str(&text::plain_json_line(item));
                    chunk.push('\n');
                }
            }
        }
        if let Err(e) = file.write_all(chunk.as_bytes()).await {
            return done(Err(format!("{}: {e}", job.path.display())));
        }
        written += page.items.len();
        progress.send(super::Outcome::Ddb(DdbOutcome::ExportProgress(written)));
        start = page.next;
        token = page.next_token;
        if start.is_none() && token.is_none() {
            break;
        }
    }
    match file.commit(overwrite).await {
        Ok(()) => done(Ok(written)),
        Err(e) => done(Err(format!("{}: {e}", job.path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn csv_quotes_what_needs_it_and_keeps_the_rest_in_other() {
        let first: Item = BTreeMap::from([
            ("id".into(), Value::S("a,1".into())),
            ("note".into(), Value::S("say \"hi\"".into())),
        ]);
        let later: Item = BTreeMap::from([
            ("id".into(), Value::S("b".into())),
            ("extra".into(), Value::N("5".into())),
        ]);
        let c = CsvColumns::choose(&["id".to_string()], std::slice::from_ref(&first));
        assert_eq!(c.header(), "id,note,_other\n");
        assert_eq!(c.row(&first), "\"a,1\",\"say \"\"hi\"\"\",\n");
        assert_eq!(c.row(&later), "b,,\"{\"\"extra\"\": 5}\"\n");
    }
}
