//! Load balancer reads: one load balancer's listeners and target groups, side by side.

use crate::aws::Adapters;
use crate::aws::elb::LoadBalancerDetails;
use crate::aws::page::pages_up_to;
use crate::protocol::elb::{ElbOp, ElbOutcome, TARGET_GROUP_CAP};

pub(super) async fn execute(op: ElbOp, adapters: &Adapters) -> ElbOutcome {
    let elb = &adapters.elb;
    match op {
        ElbOp::LoadBalancer { ctx, load_balancer } => {
            let arn = load_balancer.arn.clone();
            let listeners = elb.listeners(ctx.clone(), arn.clone());
            let groups = pages_up_to(None, TARGET_GROUP_CAP, |token| {
                elb.target_groups_page(ctx.clone(), Some(arn.clone()), token)
            });
            let (listeners, groups) = futures::join!(listeners, groups);
            let details = listeners.and_then(|listeners| {
                Ok(LoadBalancerDetails {
                    load_balancer: *load_balancer,
                    listeners,
                    target_groups: groups?.0,
                })
            });
            ElbOutcome::LoadBalancer(Box::new(details))
        }
    }
}
