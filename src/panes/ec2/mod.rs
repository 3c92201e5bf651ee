//! EC2: the instances table with live state, lifecycle actions, details, console output and
//! connecting (SSM or SSH).

pub mod connect;
pub mod documents;
pub mod instances;

pub use instances::InstancesPane;
