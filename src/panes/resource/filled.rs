//! Cells a listed page fills in after its rows show: the kinds whose list call leaves out what
//! their columns need (a role's last use, a queue's counts, a target group's health) show the
//! page at once, ask one follow-up per page (`Kind::follow_up`) for the rows still waiting,
//! and fill each row from its own answer when it comes (`Kind::apply`). This is the one way
//! a kind gets a value that costs a call per row; these two functions are its shape.
//!
//! Answers are matched to rows by key (name, URL or ARN) within the context they were asked
//! in, and only rows not newer than the listing that asked take them (`listings.rs`): the
//! rows on screen, and the rows a relist buffers when the answer is theirs. An answer for a
//! row the view no longer has fills nothing, and an answer that arrives after the view
//! closed or the context switched never reaches it (the runtime drops answers of a closed
//! view or an old context generation).

use super::Listed;
use crate::aws::ContextKey;
use crate::protocol::fill::PerRow;
use crate::ui::table::{CellText, TableRow};
use std::collections::HashMap;

/// A row with a value filled in after it is listed.
pub trait FilledLater {
    /// What one answer carries.
    type Value: Clone;
    /// What the follow-up asks with: the row's name, URL or ARN.
    fn fill_key(&self) -> &str;
    /// The value has not been asked for, or is on its way.
    fn is_pending(&self) -> bool;
    /// The answer for this row: its value, or why it could not be read.
    fn fill(&mut self, answer: Result<Self::Value, String>);
}

/// The keys of the rows still waiting, in their order; `None` when no row waits (no
/// follow-up to send).
pub fn pending_keys<R: FilledLater>(rows: &[R]) -> Option<Vec<String>> {
    let keys: Vec<String> = rows
        .iter()
        .filter(|r| r.is_pending())
        .map(|r| r.fill_key().to_string())
        .collect();
    (!keys.is_empty()).then_some(keys)
}

/// Fills the rows of `ctx` that `found` has an answer for, each with its own.
pub fn apply<R: FilledLater + TableRow>(
    listed: &mut Listed<R>,
    ctx: &ContextKey,
    found: PerRow<R::Value>,
) {
    let found: HashMap<String, Result<R::Value, String>> = found.into_iter().collect();
    listed.update(ctx, |row| {
        if let Some(answer) = found.get(row.fill_key()) {
            row.fill(answer.clone());
        }
    });
}

/// A cell whose value is on its way.
pub fn pending_cell() -> CellText {
    CellText::styled("…", "text.dim")
}

/// A cell whose value could not be read (the details say why).
pub fn failed_cell() -> CellText {
    CellText::styled("?", "text.dim")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panes::resource::entry::Entry;
    use crate::ui::table::{ResourceTable, SortKey};
    use std::borrow::Cow;

    #[derive(Clone, Debug, PartialEq)]
    struct Row {
        key: String,
        value: crate::aws::filled::Filled<i64>,
    }

    impl FilledLater for Row {
        type Value = i64;
        fn fill_key(&self) -> &str {
            &self.key
        }
        fn is_pending(&self) -> bool {
            self.value.is_pending()
        }
        fn fill(&mut self, answer: Result<i64, String>) {
            self.value = crate::aws::filled::Filled::from_answer(answer);
        }
    }

    impl TableRow for Row {
        fn cells(&self) -> Vec<CellText> {
            vec![CellText::plain(self.key.clone())]
        }
        fn sort_key(&self, _column: usize) -> SortKey {
            SortKey::Text(self.key.clone())
        }
        fn id(&self) -> String {
            self.key.clone()
        }
        fn filter_text(&self) -> Cow<'_, str> {
            Cow::Borrowed(&self.key)
        }
    }

    fn row(key: &str) -> Row {
        Row {
            key: key.into(),
            value: Default::default(),
        }
    }

    fn ctx(region: &str) -> ContextKey {
        ContextKey {
            profile: Some("dev".into()),
            region: region.into(),
        }
    }

    fn entry(at: &ContextKey, r: Row) -> Entry<Row> {
        Entry {
            ctx: at.clone(),
            account: None,
            region: None,
            item: Ok(r),
            wide: false,
        }
    }

    #[test]
    fn only_the_rows_still_waiting_are_asked_for_in_order() {
        let mut got = row("b");
        got.fill(Ok(1));
        assert_eq!(
            pending_keys(&[row("a"), got, row("c")]),
            Some(vec!["a".to_string(), "c".to_string()])
        );
        let mut done = row("a");
        done.fill(Err("gone".into()));
        assert_eq!(pending_keys(&[done]), None, "nothing waits: no follow-up");
        assert_eq!(pending_keys::<Row>(&[]), None);
    }

    #[test]
    fn answers_fill_their_own_rows_in_their_own_context_only() {
        let (here, there) = (ctx("eu-west-1"), ctx("us-east-1"));
        let mut table = ResourceTable::default();
        table.set_rows(vec![
            entry(&here, row("a")),
            entry(&here, row("b")),
            entry(&here, row("c")),
            entry(&there, row("a")),
        ]);
        let (mut fresh, listings) = (HashMap::new(), Default::default());
        let mut listed = Listed::new(&mut table, &mut fresh, &listings, None);
        apply(
            &mut listed,
            &here,
            vec![
                ("a".into(), Ok(7)),
                ("b".into(), Err("AccessDenied".into())),
                ("gone".into(), Ok(9)),
            ],
        );
        let values: Vec<_> = table
            .rows()
            .iter()
            .map(|e| e.row().unwrap().value.clone())
            .collect();
        use crate::aws::filled::Filled::*;
        assert_eq!(
            values,
            [Got(7), Failed("AccessDenied".into()), Pending, Pending],
            "c had no answer yet; the other context's a is not this answer's"
        );
    }
}
