//! A value a listed row gets after the row is on screen, from a request of its own (a role's
//! last use, a queue's attributes, a target group's health): the list call leaves it out, and
//! waiting for it would hold the rows back.

/// A value the list fills in after its rows arrive, from one request per row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Filled<T> {
    /// Not asked yet, or on its way.
    #[default]
    Pending,
    Got(T),
    Failed(String),
}

impl<T> Filled<T> {
    pub fn got(&self) -> Option<&T> {
        match self {
            Filled::Got(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_pending(&self) -> bool {
        matches!(self, Filled::Pending)
    }

    /// An answer as the row keeps it.
    pub fn from_answer(answer: Result<T, String>) -> Filled<T> {
        match answer {
            Ok(v) => Filled::Got(v),
            Err(e) => Filled::Failed(e),
        }
    }
}
