//! What the queue view shows as text: the summary on top, the whole queue in the pager (`d`),
//! one peeked message. Documents sanitize every string when drawn.

use super::cells::{dlq_cell, duration};
use crate::aws::sqs::{Message, MoveTask, Queue, QueueDetails, name_of};
use crate::ui::document::{Block, Document};
use crate::ui::json_text;

/// JSON re-indented (every digit kept), anything else as text.
pub fn body_block(text: &str) -> Block {
    if json_text::check(text).is_ok() {
        Block::JsonText(json_text::reindent(text))
    } else {
        Block::Text(text.to_string())
    }
}

fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".into())
}

/// The summary's move line where the endpoint has no message-move API.
pub const MOVES_NOT_HERE: &str = "not supported here";

/// The few lines above the messages: counts, DLQ, sources, a running move, and what a peek
/// does to the messages it returns.
pub fn summary(
    queue: &Queue,
    sources: Option<&[String]>,
    task: Option<&MoveTask>,
    moves_note: Option<&str>,
) -> Vec<(String, String)> {
    let n = |v: Option<i64>| or_dash(v.map(|n| n.to_string()));
    let mut fields = vec![(
        "messages".to_string(),
        format!(
            "{} visible · {} in flight · {} delayed",
            n(queue.visible()),
            n(queue.in_flight()),
            n(queue.delayed())
        ),
    )];
    fields.push((
        "queue".into(),
        format!(
            "{} · retention {} · visibility {}",
            if queue.fifo() { "FIFO" } else { "standard" },
            or_dash(queue.retention_secs().map(duration)),
            or_dash(
                queue
                    .attributes
                    .get("VisibilityTimeout")
                    .and_then(|v| v.parse().ok())
                    .map(duration)
            ),
        ),
    ));
    fields.push((
        "DLQ".into(),
        match queue.redrive() {
            Some(r) => format!(
                "{} (after {} receives)",
                r.target_name(),
                or_dash(r.max_receive.map(|n| n.to_string()))
            ),
            None => "none".into(),
        },
    ));
    match sources {
        Some([]) | None => {}
        Some(sources) => fields.push(("DLQ of".into(), {
            let names = sources
                .iter()
                .map(|u| name_of(u))
                .collect::<Vec<_>>()
                .join(", ");
            // `M` is offered only where the endpoint can move messages.
            if moves_note == Some(MOVES_NOT_HERE) {
                names
            } else {
                format!("{names} · M moves the messages back")
            }
        })),
    }
    match (task, moves_note) {
        (Some(task), _) => fields.push(("moves".into(), task_line(task))),
        (None, Some(note)) => fields.push(("moves".into(), note.to_string())),
        (None, None) => {}
    }
    if let Some(e) = &queue.error {
        fields.push(("attributes".into(), format!("not read: {e}")));
    }
    fields
}

/// `RUNNING · 12 of 40 moved · x cancels`, or how it ended.
pub fn task_line(task: &MoveTask) -> String {
    let mut line = format!("{} · {} moved", task.status, task.moved);
    if let Some(total) = task.to_move {
        line = format!("{} · {} of {total} moved", task.status, task.moved);
    }
    if let Some(why) = &task.failure {
        line.push_str(&format!(" · {why}"));
    }
    if task.running() {
        line.push_str(" · x cancels");
    }
    line
}

/// The whole queue: every attribute, the policies as JSON, tags, sources.
pub fn whole(details: &QueueDetails) -> Document {
    let q = &details.queue;
    let mut doc = Document::default();
    doc.push(Block::Heading(format!("queue {}", q.name)));
    doc.push(Block::Fields(vec![
        ("URL".into(), q.url.clone()),
        ("ARN".into(), or_dash(q.arn().map(str::to_owned))),
        ("DLQ".into(), dlq_cell(q)),
    ]));
    doc.push(Block::Heading("attributes".into()));
    let plain: Vec<(String, String)> = q
        .attributes
        .iter()
        .filter(|(k, _)| !k.ends_with("Policy"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    doc.push(Block::Fields(plain));
    for (key, title) in [
        ("RedrivePolicy", "redrive policy"),
        ("RedriveAllowPolicy", "redrive allow policy"),
        ("Policy", "access policy"),
    ] {
        doc.push(Block::Heading(title.into()));
        match q.attributes.get(key) {
            Some(text) => doc.push(body_block(text)),
            None => doc.push(Block::Note("none".into())),
        };
    }
    doc.push(Block::Heading("used as DLQ by".into()));
    if details.sources.is_empty() {
        doc.push(Block::Note(
            "no queue names it in its redrive policy".into(),
        ));
    } else {
        doc.push(Block::Table {
            header: vec!["QUEUE".into(), "URL".into()],
            rows: details
                .sources
                .iter()
                .map(|u| vec![name_of(u).to_string(), u.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("tags".into()));
    if details.tags.is_empty() {
        doc.push(Block::Note("no tags".into()));
    } else {
        doc.push(Block::Fields(
            details
                .tags
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ));
    }
    doc
}

/// System attributes that are instants in epoch milliseconds.
const TIMESTAMPS: &[&str] = &["SentTimestamp", "ApproximateFirstReceiveTimestamp"];

/// `2025-12-01 09:00 · 3h ago`: local time and age, as the rest of the app shows instants.
pub fn when(epoch_ms: i64, now_secs: i64) -> String {
    format!(
        "{} · {} ago",
        crate::clock::local_time(epoch_ms / 1000),
        crate::ui::format::age(epoch_ms / 1000, now_secs)
    )
}

/// One peeked message whole: its attributes, then the body (JSON re-indented).
pub fn message(m: &Message) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading(format!("message {}", m.id)));
    doc.push(Block::Note(
        "peeked with visibility 0: still in the queue, its receive count one higher".into(),
    ));
    let now = crate::clock::now_secs();
    let mut fields = vec![("sent".to_string(), or_dash(m.sent.map(|ms| when(ms, now))))];
    fields.extend(m.attributes.iter().map(|(k, v)| {
        let shown = match v.parse::<i64>() {
            Ok(ms) if TIMESTAMPS.contains(&k.as_str()) => when(ms, now),
            _ => v.clone(),
        };
        (k.clone(), shown)
    }));
    doc.push(Block::Fields(fields));
    if !m.message_attributes.is_empty() {
        doc.push(Block::Heading("message attributes".into()));
        doc.push(Block::Table {
            header: vec!["NAME".into(), "TYPE".into(), "VALUE".into()],
            rows: m
                .message_attributes
                .iter()
                .map(|(k, (t, v))| vec![k.clone(), t.clone(), v.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("body".into()));
    doc.push(body_block(&m.body));
    doc
}
