//! Panes are the views: each owns its state, turns commands into state changes and effects,
//! applies AWS outcomes and draws itself. They never spawn tasks or touch the terminal.

pub mod alarms;
pub mod audit;
pub mod bookmarks;
pub mod cloudformation;
pub mod contexts;
pub mod document;
pub mod dynamodb;
pub mod ec2;
pub mod ecs;
pub mod editing;
pub mod elb;
pub mod fleet;
pub mod help;
pub mod iam;
pub mod insights;
pub mod lambda;
pub mod listing;
pub mod logs;
pub mod masked;
pub mod messages;
pub mod metrics;
pub mod params;
pub mod picker;
pub mod rds;
pub mod regions;
pub mod resource;
pub mod route53;
pub mod s3;
pub mod secrets;
pub mod sns;
pub mod sqs;
pub mod value;

use crate::protocol::PaneId;

/// Hands out pane ids; ids are never reused within a run.
#[derive(Default)]
pub struct PaneIds(u64);

impl PaneIds {
    pub fn allocate(&mut self) -> PaneId {
        self.0 += 1;
        PaneId(self.0)
    }
}
