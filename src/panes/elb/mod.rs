//! Load balancers beyond their list: what a listener or rule does in one line (`summary`),
//! and the documents Enter opens for a load balancer and a target group (`details`).

pub mod details;
pub mod summary;
