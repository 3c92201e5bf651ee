//! The one integration-test binary (each file under tests/ would otherwise link every AWS crate).

mod app_harness;
mod snapshots;
mod s3_views;
