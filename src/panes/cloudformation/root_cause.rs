//! The event that explains a failed operation. A failing stack writes a cascade: the one
//! resource that failed, then "Resource creation cancelled" for every resource being made
//! beside it, then the rollback's own events. The cause is the first `*_FAILED` event of the
//! operation that is not such a cancellation.
//!
//! The operation starts at the newest event of the stack itself (its logical id is the stack
//! name) whose status begins one: `CREATE_`, `UPDATE_`, `DELETE_` or `IMPORT_IN_PROGRESS`.
//! The rollback statuses (`ROLLBACK_IN_PROGRESS`, `UPDATE_ROLLBACK_IN_PROGRESS`, the cleanup
//! ones) are `*_IN_PROGRESS` too, but they are the operation failing, not a new one: starting
//! there would hide the cause behind them.

use crate::aws::cloudformation::StackEvent;

const STARTS: [&str; 4] = [
    "CREATE_IN_PROGRESS",
    "UPDATE_IN_PROGRESS",
    "DELETE_IN_PROGRESS",
    "IMPORT_IN_PROGRESS",
];

/// A failure that only follows another one.
fn is_cascade(event: &StackEvent) -> bool {
    let reason = event
        .reason
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    reason.starts_with("resource creation cancelled")
        || reason.starts_with("resource update cancelled")
        || reason.starts_with("resource deletion cancelled")
        || reason.starts_with("resource handler returned message: \"resource creation cancelled")
}

/// The events of the last operation, newest first: from the newest event back to the one
/// that started it (all of them when the start is older than the events read).
pub fn last_operation<'a>(events: &'a [StackEvent], stack: &str) -> &'a [StackEvent] {
    let start = events
        .iter()
        .position(|e| e.logical_id == stack && STARTS.contains(&e.status.as_str()));
    match start {
        Some(i) => &events[..=i],
        None => events,
    }
}

/// The cause of the last operation's failure, from events given newest first; `None` when
/// nothing in it failed.
pub fn root_cause<'a>(events: &'a [StackEvent], stack: &str) -> Option<&'a StackEvent> {
    let operation = last_operation(events, stack);
    // Oldest first: the first failure is the cause.
    let failures = || operation.iter().rev().filter(|e| e.is_failure());
    failures()
        .find(|e| !is_cascade(e) && e.logical_id != stack)
        .or_else(|| failures().find(|e| !is_cascade(e)))
        .or_else(|| failures().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ev(logical: &str, status: &str, reason: &str) -> StackEvent {
        StackEvent {
            id: format!("{logical}-{status}"),
            logical_id: logical.into(),
            status: status.into(),
            reason: (!reason.is_empty()).then(|| reason.into()),
            ..StackEvent::default()
        }
    }

    /// A create that failed on the queue, with the cascade and the rollback, newest first.
    fn failed_create() -> Vec<StackEvent> {
        let mut chronological = vec![
            ev("app", "CREATE_IN_PROGRESS", "User Initiated"),
            ev("Bucket", "CREATE_IN_PROGRESS", ""),
            ev("Queue", "CREATE_IN_PROGRESS", ""),
            ev("Queue", "CREATE_FAILED", "Queue name already exists"),
            ev("Bucket", "CREATE_FAILED", "Resource creation cancelled"),
            ev(
                "app",
                "ROLLBACK_IN_PROGRESS",
                "The following resource(s) failed to create: [Queue, Bucket].",
            ),
            ev("Bucket", "DELETE_COMPLETE", ""),
            ev("Queue", "DELETE_COMPLETE", ""),
            ev("app", "ROLLBACK_COMPLETE", ""),
        ];
        chronological.reverse();
        chronological
    }

    #[test]
    fn the_cause_is_the_first_failure_not_the_cancelled_cascade_after_it() {
        let events = failed_create();
        let cause = root_cause(&events, "app").expect("a cause");
        assert_eq!(cause.logical_id, "Queue");
        assert_eq!(cause.reason.as_deref(), Some("Queue name already exists"));
    }

    #[test]
    fn an_earlier_operation_s_failure_is_not_the_cause_of_a_later_success() {
        let mut events = vec![
            ev("app", "UPDATE_COMPLETE", ""),
            ev("Bucket", "UPDATE_COMPLETE", ""),
            ev("app", "UPDATE_IN_PROGRESS", "User Initiated"),
        ];
        events.extend(failed_create());
        assert_eq!(root_cause(&events, "app"), None);
        assert_eq!(last_operation(&events, "app").len(), 3);
    }

    #[test]
    fn a_failed_update_rollback_keeps_the_update_s_cause() {
        let mut chronological = vec![
            ev("app", "UPDATE_IN_PROGRESS", "User Initiated"),
            ev("Fn", "UPDATE_FAILED", "Timeout must be under 900"),
            ev("Table", "UPDATE_FAILED", "Resource update cancelled"),
            ev("app", "UPDATE_ROLLBACK_IN_PROGRESS", ""),
            ev("Table", "UPDATE_FAILED", "Access denied"),
            ev(
                "app",
                "UPDATE_ROLLBACK_FAILED",
                "The following resource(s) failed to update: [Table].",
            ),
        ];
        chronological.reverse();
        let cause = root_cause(&chronological, "app").expect("a cause");
        assert_eq!(cause.reason.as_deref(), Some("Timeout must be under 900"));
    }

    #[test]
    fn only_cancellations_still_name_one() {
        let events = vec![ev("Bucket", "CREATE_FAILED", "Resource creation cancelled")];
        assert_eq!(
            root_cause(&events, "app").map(|e| e.logical_id.as_str()),
            Some("Bucket")
        );
    }

    fn any_event() -> impl Strategy<Value = StackEvent> {
        (
            prop::sample::select(vec!["app", "A", "B", "C"]),
            prop::sample::select(vec![
                "CREATE_IN_PROGRESS",
                "CREATE_FAILED",
                "CREATE_COMPLETE",
                "UPDATE_IN_PROGRESS",
                "UPDATE_FAILED",
                "ROLLBACK_IN_PROGRESS",
                "DELETE_COMPLETE",
            ]),
            prop::sample::select(vec!["", "Resource creation cancelled", "boom"]),
        )
            .prop_map(|(l, s, r)| ev(l, s, r))
    }

    proptest! {
        /// Whatever the history, the cause is a failure of the last operation, and never a
        /// cancellation while a real failure is there.
        #[test]
        fn the_cause_is_a_real_failure_of_the_last_operation(events in prop::collection::vec(any_event(), 0..40)) {
            let operation = last_operation(&events, "app");
            match root_cause(&events, "app") {
                None => prop_assert!(!operation.iter().any(StackEvent::is_failure)),
                Some(cause) => {
                    prop_assert!(cause.is_failure());
                    prop_assert!(operation.iter().any(|e| std::ptr::eq(e, cause)));
                    if operation.iter().any(|e| e.is_failure() && !is_cascade(e)) {
                        prop_assert!(!is_cascade(cause));
                    }
                }
            }
        }
    }
}
