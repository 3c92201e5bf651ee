//! The one integration-test binary (each file under tests/ would otherwise link every AWS crate).

mod accounts_emulator;
mod accounts_views;
mod across_emulator;
mod across_views;
mod app_harness;
mod bounds;
mod breadcrumb;
mod config_fail_closed;
mod dynamodb_emulator;
mod dynamodb_views;
mod e2e;
mod emulator;
mod fleet_emulator;
mod fleet_views;
mod guard_e2e;
mod guard_views;
mod hostile;
mod lambda_logs_emulator;
mod lambda_logs_views;
mod resilience;
mod s3_views;
mod snapshots;
mod support;
mod trace;
mod where_it_runs;
mod writes;
