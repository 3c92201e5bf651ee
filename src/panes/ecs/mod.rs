//! ECS below the clusters list (`resource/clusters.rs`): a cluster's services and tasks as
//! engine kinds pinned to the cluster's context, a service's details (deployments, events
//! newest first, load balancers, network), a task's containers, and what a task or service
//! can do — tail its logs, a shell in a container, scale, force a new deployment.

pub mod actions;
pub mod exec;
pub mod logs;
pub mod service;
pub mod services;
pub mod task;
pub mod tasks;

use crate::pane::{Effect, Level};

/// The flash for a command that takes one row when several are marked.
pub fn one_at_a_time(noun: &str) -> Effect {
    Effect::Flash(
        Level::Warn,
        format!("one {noun} at a time: unmark the others"),
    )
}

/// `5m ago`, or `—` when not known.
fn ago(at: Option<i64>, now: i64) -> String {
    match at {
        Some(t) => format!("{} ago", crate::ui::format::age(t, now)),
        None => "—".into(),
    }
}
