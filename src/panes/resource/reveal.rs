//! A row to open as soon as it is listed: a resource named from outside its list (`awsterm
//! ARN`, `:open ARN`, Enter on a tagged resource) opens the kind's own list, as its `:`
//! command would, then what Enter on the resource's row opens — once that row arrives, in
//! whichever page. A listing that ends without it says so.

use super::{At, Kind};
use crate::command::CommandId;
use crate::target::{Listed, Resource};
use crate::ui::table::TableRow;

pub struct Reveal {
    /// The row's resource.
    pub wanted: Listed,
    /// What to do with it: Enter (`None`), or one of the kind's commands (an ECS task's
    /// cluster: its tasks).
    pub then: Option<CommandId>,
    /// Typed into the filter of what opens, to find one resource among the row's (an ECS
    /// service among its cluster's).
    pub filter: Option<String>,
}

impl Reveal {
    pub fn new(wanted: Listed) -> Reveal {
        Reveal {
            wanted,
            then: None,
            filter: None,
        }
    }

    /// Whether `row` is the resource: its ARN names it, or (for a row whose ARN is not
    /// known) its id is the resource's name.
    pub fn matches<K: Kind>(&self, kind: &K, at: &At, row: &K::Row) -> bool {
        let by_arn = kind
            .arn(at, row)
            .ok()
            .and_then(|arn| crate::target::parse(&arn).ok())
            .is_some_and(|t| t.resource == Resource::Listed(self.wanted.clone()));
        by_arn || self.wanted.row_id().is_some_and(|id| id == row.id())
    }
}
