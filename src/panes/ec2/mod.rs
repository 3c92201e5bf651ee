//! EC2 beside the instances kind (`panes/resource/instances.rs`): the details and console
//! output documents, and connecting (SSM or SSH).

pub mod connect;
pub mod documents;
