//! Which listing the rows of each context came from, so a follow-up's answer fills only rows
//! it is not older than. A view numbers every listing it starts (a view-wide counter, so a
//! number is never reused); a follow-up carries the number of the listing whose page asked
//! (`protocol::fill::FollowUp`). Its answer may fill the rows on screen when they came from
//! that listing or an older one, and the rows a relist is buffering when they are that
//! listing's own. An answer asked before a relist — a queue's counts read before a purge —
//! never overwrites what the relist read, nor a later answer.

use crate::aws::ContextKey;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Listings {
    /// The number of the last listing started, in any context.
    last: u64,
    of: HashMap<ContextKey, Numbers>,
}

#[derive(Clone, Copy, Default)]
struct Numbers {
    /// The listing running or last run: its pages are the ones arriving.
    newest: u64,
    /// The listing the rows on screen came from.
    shown: u64,
}

/// The rows of a context an answer may fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    /// The rows on screen.
    pub shown: bool,
    /// The rows a relist is buffering until it ends.
    pub buffered: bool,
}

impl Reach {
    /// An answer that is no follow-up (an action's, a poll's): it was asked about the rows on
    /// screen, and only they take it.
    pub const SHOWN: Reach = Reach {
        shown: true,
        buffered: false,
    };
}

impl Listings {
    /// A listing of `ctx` starts: its number.
    pub fn start(&mut self, ctx: &ContextKey) -> u64 {
        self.last += 1;
        self.of.entry(ctx.clone()).or_default().newest = self.last;
        self.last
    }

    /// The listing of `ctx` whose pages arrive now.
    pub fn newest(&self, ctx: &ContextKey) -> u64 {
        self.of.get(ctx).map_or(0, |n| n.newest)
    }

    /// The rows of `ctx` on screen are now those of its newest listing.
    pub fn shown(&mut self, ctx: &ContextKey) {
        let numbers = self.of.entry(ctx.clone()).or_default();
        numbers.shown = numbers.newest;
    }

    /// What an answer to listing `listing` of `ctx` may fill.
    pub fn reach(&self, ctx: &ContextKey, listing: u64) -> Reach {
        let numbers = self.of.get(ctx).copied().unwrap_or_default();
        Reach {
            shown: listing >= numbers.shown,
            buffered: listing >= numbers.newest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(region: &str) -> ContextKey {
        ContextKey {
            profile: None,
            region: region.into(),
        }
    }

    #[test]
    fn an_answer_fills_rows_of_its_listing_or_older_never_newer() {
        let (here, there) = (ctx("eu-west-1"), ctx("us-east-1"));
        let mut listings = Listings::default();
        let first = listings.start(&here);
        listings.shown(&here);
        let elsewhere = listings.start(&there);
        assert!(elsewhere > first, "numbers are the view's, never reused");
        // A relist of `here` buffers its rows: the first listing's answer still fills the
        // rows on screen (its own), not the buffered ones (newer).
        let relist = listings.start(&here);
        assert_eq!(listings.newest(&here), relist);
        assert_eq!(
            listings.reach(&here, first),
            Reach {
                shown: true,
                buffered: false
            }
        );
        // The relist's answer fills both: the buffered rows are its own, the rows on screen
        // older.
        assert_eq!(
            listings.reach(&here, relist),
            Reach {
                shown: true,
                buffered: true
            }
        );
        // Once the relist's rows are on screen, the first listing's answer is stale.
        listings.shown(&here);
        assert_eq!(
            listings.reach(&here, first),
            Reach {
                shown: false,
                buffered: false
            }
        );
    }
}
