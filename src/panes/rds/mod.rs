//! RDS: snapshots of a database, and taking one (the databases are a resource kind:
//! `panes::resource::databases`).

mod snapshots;

pub use snapshots::SnapshotsPane;

use crate::aws::ContextKey;
use crate::aws::rds::{Kind, validate_snapshot_name};
use crate::pane::{Ask, Effect, Level};
use crate::protocol::rds::RdsOp;
use crate::protocol::{Op, Owner, PaneId, Request};

/// `orders-db-2026-11-23-0915`: the database and the local time, a valid snapshot name.
pub fn default_snapshot_name(db_id: &str, now_secs: i64) -> String {
    let stamp: String = crate::clock::local_time(now_secs)
        .chars()
        .map(|c| if c == ' ' { '-' } else { c })
        .filter(|c| *c != ':')
        .collect();
    let base: String = db_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = format!("{base}-{stamp}");
    let mut clean = String::new();
    for c in name.chars() {
        if !(c == '-' && clean.ends_with('-')) {
            clean.push(c);
        }
    }
    if !clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
        clean.insert_str(0, "snap-");
    }
    clean
}

/// Asks for the snapshot's name (with a default), then creates it.
pub fn ask_snapshot(owner: PaneId, ctx: &ContextKey, kind: Kind, db_id: &str) -> Effect {
    let ctx = ctx.clone();
    let db = db_id.to_string();
    Effect::Ask(Ask {
        title: format!("Snapshot {} {db}: name", kind.label()),
        initial: default_snapshot_name(db_id, crate::clock::now_secs()),
        complete_paths: false,
        on_answer: Box::new(move |name: String| {
            let name = name.trim().to_string();
            if let Err(e) = validate_snapshot_name(&name) {
                return vec![Effect::Flash(Level::Error, e)];
            }
            let op = Op::Rds(RdsOp::CreateSnapshot {
                ctx,
                kind,
                db_id: db,
                name,
            });
            vec![Effect::Request(Request::new(Owner::Pane(owner), op))]
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_are_valid_snapshot_names() {
        for id in ["orders-db", "Orders_DB", "1-legacy", "a--b"] {
            let name = default_snapshot_name(id, 1_700_000_000);
            assert!(validate_snapshot_name(&name).is_ok(), "{name}");
        }
        assert!(default_snapshot_name("orders-db", 0).starts_with("orders-db-19"));
    }
}
