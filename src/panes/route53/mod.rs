//! Route 53 beyond the zones' list: a zone's record sets, an engine kind pinned to the
//! zone's context (`records`).

pub mod records;
