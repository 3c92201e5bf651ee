//! One task, from its listed row: status, when it started and stopped, its stop code and
//! reason whole, its network interface and address, and every container with its last
//! status, exit code, reason and health.

use crate::aws::ecs::{Task, family_revision, short_id};
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::resource::At;
use crate::ui::document::{Block, Document};

/// Enter on a task: its document (nothing to fetch: DescribeTasks gave it all).
pub fn open(at: &At, task: &Task) -> Effect {
    let title = format!("task {}{}", task.id(), at.suffix());
    let (copy, doc) = (
        task.id().to_string(),
        details(task, crate::clock::now_secs()),
    );
    Effect::Push(Box::new(move |id| {
        Box::new(DocumentView::fixed(id, title, copy, doc).wrapped())
    }))
}

/// What matters when a task misbehaves comes first (status, why it stopped, where it runs),
/// then its containers, then the rest.
pub fn details(t: &Task, now: i64) -> Document {
    let dash = || "—".to_string();
    let mut doc = Document::default();
    doc.push(Block::Heading("Task".into()));
    let mut fields = vec![(
        "Status".to_string(),
        // The list's words: one word for one state.
        t.status_words(),
    )];
    if t.stopped.is_some()
        || t.stop_code.is_some()
        || t.stopped_reason.is_some()
        || t.desired_status == "STOPPED"
    {
        fields.push(("Stop code".into(), t.stop_code.clone().unwrap_or_else(dash)));
        fields.push((
            "Stopped reason".into(),
            t.stopped_reason.clone().unwrap_or_else(dash),
        ));
    }
    let mut times = format!("started {}", super::ago(t.started, now));
    if t.stopped.is_some() {
        times.push_str(&format!(" · stopped {}", super::ago(t.stopped, now)));
    }
    fields.extend([
        ("When".into(), times),
        (
            "Network".into(),
            format!(
                "{} · {}",
                t.eni.clone().unwrap_or_else(dash),
                t.private_ip.clone().unwrap_or_else(dash)
            ),
        ),
        (
            "Task definition".into(),
            family_revision(&t.task_definition).to_string(),
        ),
    ]);
    doc.push(Block::Fields(fields));
    doc.push(Block::Heading("Containers".into()));
    if t.containers.is_empty() {
        doc.push(Block::Note("no containers reported".into()));
    } else {
        doc.push(Block::Table {
            header: ["NAME", "STATUS", "EXIT", "HEALTH"]
                .map(String::from)
                .to_vec(),
            rows: t
                .containers
                .iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        c.last_status.clone(),
                        c.exit_code.map(|e| e.to_string()).unwrap_or_else(dash),
                        c.health.clone().unwrap_or_else(dash),
                    ]
                })
                .collect(),
        });
        // Reasons are sentences (`OutOfMemoryError: Container killed…`) and images long
        // registry paths: each on its own line rather than a table cell.
        let mut lines: Vec<(String, String)> = Vec::new();
        for c in &t.containers {
            if let Some(reason) = &c.reason {
                lines.push((format!("{} reason", c.name), reason.clone()));
            }
        }
        for c in &t.containers {
            lines.push((format!("{} image", c.name), c.image.clone()));
        }
        doc.push(Block::Fields(lines));
    }
    doc.push(Block::Heading("More".into()));
    doc.push(Block::Fields(vec![
        ("Id".into(), t.id().to_string()),
        ("Cluster".into(), short_id(&t.cluster_arn).to_string()),
        ("Group".into(), t.group.clone().unwrap_or_else(dash)),
        (
            "Launch type".into(),
            t.launch_type.clone().unwrap_or_else(dash),
        ),
        ("Created".into(), super::ago(t.created, now)),
        ("Health".into(), t.health.clone().unwrap_or_else(dash)),
        (
            "Execute command".into(),
            if t.exec_enabled { "on" } else { "off" }.into(),
        ),
    ]));
    doc
}
