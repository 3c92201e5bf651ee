//! Any resource kind listed in one context or many: the kind gives the one call that fetches a
//! page, this runs it page by page in every context (at most `fan_out` contexts at once) and
//! answers each page as it arrives, so rows stream in and the fastest context is on screen
//! first. Profiles whose account is not known get one GetCallerIdentity each, beside their
//! listings. A new kind needs no code here (the runtime's `list_ops` runs it).
//!
//! The rows travel type-erased (`Rows`): the view that asked knows its kind's row type and
//! takes them back with `downcast`. Only listings run this way: every write stays a typed op
//! that `Op::mutation` and the guard see.

use crate::aws::model::Identity;
use crate::aws::page::Page;
use crate::aws::{Adapters, AwsError, ContextKey};
use futures::FutureExt;
use futures::future::BoxFuture;
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

/// A page of a kind's rows (`Vec<Row>` of the kind that asked), type-erased for the trip.
pub struct Rows(Box<dyn Any + Send + Sync>);

impl Rows {
    pub fn new<R: Send + Sync + 'static>(rows: Vec<R>) -> Rows {
        Rows(Box::new(rows))
    }

    /// The rows, if they are of this type.
    pub fn downcast<R: 'static>(self) -> Option<Vec<R>> {
        self.0.downcast::<Vec<R>>().ok().map(|rows| *rows)
    }
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rows(..)")
    }
}

/// One page of a kind's listing in one context, from a token (`None`: the first page).
pub type PageFn = Arc<
    dyn Fn(
            &Adapters,
            ContextKey,
            Option<String>,
        ) -> BoxFuture<'static, Result<Page<Rows>, AwsError>>
        + Send
        + Sync,
>;

/// A kind's typed page call as a `PageFn`.
pub fn page_fn<R, F>(fetch: F) -> PageFn
where
    R: Send + Sync + 'static,
    F: Fn(&Adapters, ContextKey, Option<String>) -> BoxFuture<'static, Result<Page<R>, AwsError>>
        + Send
        + Sync
        + 'static,
{
    Arc::new(move |adapters, ctx, token| {
        fetch(adapters, ctx, token)
            .map(|page| {
                page.map(|p| Page {
                    next: p.next,
                    items: vec![Rows::new(p.items)],
                })
            })
            .boxed()
    })
}

pub struct ListOp {
    /// What is listed, for logs (`security groups`).
    pub what: &'static str,
    pub contexts: Vec<ContextKey>,
    /// Accounts already known, by profile; STS is asked once for any other profile. `None`:
    /// no account wanted (a view of the active context only).
    pub accounts: Option<HashMap<Option<String>, String>>,
    /// At most this many contexts in flight (clamped to 1..=64).
    pub fan_out: usize,
    pub page: PageFn,
}

impl std::fmt::Debug for ListOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListOp")
            .field("what", &self.what)
            .field("contexts", &self.contexts)
            .field("fan_out", &self.fan_out)
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
pub enum ListOutcome {
    /// One page of one context (sent as progress). The first page of a context replaces what
    /// the view showed for it; later ones add to it.
    Page {
        ctx: ContextKey,
        account: Option<String>,
        rows: Rows,
        first: bool,
    },
    /// One context is done: every page listed, or the error that stopped it.
    Ended {
        ctx: ContextKey,
        account: Option<String>,
        /// Who STS said the profile is, when this listing asked: the app keeps it.
        learned: Option<Box<Identity>>,
        result: Result<(), AwsError>,
    },
    /// Every context has ended.
    Done,
}
