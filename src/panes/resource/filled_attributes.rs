//! What `:sqs` and `:sns` share on the engine's follow-up (`filled.rs`): a listed resource whose
//! attribute map is read by a call of its own (GetQueueAttributes, GetTopicAttributes), the
//! row that waits for it, the one request per page for the rows still waiting, and the cells
//! that show a count read from it.

use super::Listed;
use super::filled::{self, FilledLater};
use crate::aws::ContextKey;
use crate::aws::attributes::{Attributes, HasAttributes};
use crate::pane::Effect;
use crate::protocol::Op;
use crate::protocol::fill::{FillOp, PerRow};
use crate::ui::table::{CellText, TableRow};

/// A listed resource, and whether its attributes are still on their way.
pub struct Attributed<T> {
    pub item: T,
    pending: bool,
}

impl<T> Attributed<T> {
    /// A listed resource whose attributes are yet to be read.
    pub fn waiting(item: T) -> Attributed<T> {
        Attributed {
            item,
            pending: true,
        }
    }

    pub fn is_pending(&self) -> bool {
        self.pending
    }
}

impl<T: HasAttributes> FilledLater for Attributed<T> {
    type Value = Attributes;

    fn fill_key(&self) -> &str {
        self.item.attributes_key()
    }

    fn is_pending(&self) -> bool {
        self.pending
    }

    fn fill(&mut self, answer: Result<Attributes, String>) {
        self.pending = false;
        self.item.take_answer(answer);
    }
}

/// The follow-up of a page: `ask` with the keys of the rows still waiting, or nothing when
/// every row has its attributes.
pub fn follow_up<T: HasAttributes>(
    ctx: &ContextKey,
    rows: &[Attributed<T>],
    ask: impl FnOnce(ContextKey, Vec<String>) -> FillOp,
) -> Option<Op> {
    let keys = filled::pending_keys(rows)?;
    Some(Op::Fill(ask(ctx.clone(), keys)))
}

/// The follow-up's answer into the rows of its context (no effect of its own).
pub fn apply<T>(
    listed: &mut Listed<Attributed<T>>,
    ctx: &ContextKey,
    found: PerRow<Attributes>,
) -> Option<Vec<Effect>>
where
    Attributed<T>: TableRow,
    T: HasAttributes,
{
    filled::apply(listed, ctx, found);
    Some(Vec::new())
}

/// A count read from the attributes: `?` when they could not be read, `—` when they were but
/// do not say.
pub fn count_cell(n: Option<i64>, error: Option<&str>) -> CellText {
    match (n, error) {
        (Some(n), _) => CellText::plain(n.to_string()),
        (None, Some(_)) => CellText::styled("?", "state.error"),
        (None, None) => CellText::plain("—"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::sns::Topic;

    fn attributes(pairs: &[(&str, &str)]) -> Attributes {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn an_answer_fills_the_row_and_a_failure_keeps_what_was_read() {
        let mut row = Attributed::waiting(Topic::new("arn:aws:sns:eu-west-1:1:deploys"));
        assert!(row.is_pending());
        assert_eq!(row.fill_key(), "arn:aws:sns:eu-west-1:1:deploys");
        row.fill(Ok(attributes(&[("SubscriptionsConfirmed", "3")])));
        assert!(!row.is_pending());
        assert_eq!(row.item.confirmed(), Some(3));
        let cell = |n| count_cell(n, row.item.error.as_deref()).text;
        assert_eq!(cell(row.item.pending()), "—");

        // Read again (a refresh) and refused: the error shows, the counts read before stay.
        row.fill(Err("AuthorizationError: no".into()));
        assert_eq!(row.item.error.as_deref(), Some("AuthorizationError: no"));
        let cell = |n| count_cell(n, row.item.error.as_deref()).text;
        assert_eq!(cell(row.item.confirmed()), "3");
        assert_eq!(cell(row.item.pending()), "?");

        row.fill(Ok(attributes(&[("SubscriptionsConfirmed", "4")])));
        assert_eq!(row.item.error, None, "a later answer clears it");
    }

    #[test]
    fn only_rows_still_waiting_are_asked_for() {
        let ctx = ContextKey {
            profile: Some("dev".into()),
            region: "eu-west-1".into(),
        };
        let mut done = Attributed::waiting(Topic::new("arn:b"));
        done.fill(Ok(Attributes::new()));
        let rows = [Attributed::waiting(Topic::new("arn:a")), done];
        let op = follow_up(&ctx, &rows, |ctx, arns| FillOp::TopicAttributes {
            ctx,
            arns,
        });
        let Some(Op::Fill(FillOp::TopicAttributes { ctx: asked, arns })) = op else {
            panic!("one follow-up for the rows still waiting");
        };
        assert_eq!((asked, arns), (ctx.clone(), vec!["arn:a".to_string()]));
        assert!(
            follow_up(&ctx, &rows[1..], |ctx, arns| FillOp::TopicAttributes {
                ctx,
                arns
            })
            .is_none()
        );
    }
}
