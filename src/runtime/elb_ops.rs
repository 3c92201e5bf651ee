//! Load balancer reads: one load balancer's listeners and target groups, side by side, each
//! group with its targets' health (a few groups at a time).

use crate::aws::Adapters;
use crate::aws::elb::LoadBalancerDetails;
use crate::aws::filled::Filled;
use crate::aws::page::pages_up_to;
use crate::protocol::elb::{ElbOp, ElbOutcome, TARGET_GROUP_CAP};
use crate::protocol::fill::CONCURRENCY;

pub(super) async fn execute(op: ElbOp, adapters: &Adapters) -> ElbOutcome {
    let elb = &adapters.elb;
    match op {
        ElbOp::LoadBalancer { ctx, load_balancer } => {
            let arn = load_balancer.arn.clone();
            let listeners = elb.listeners(ctx.clone(), arn.clone());
            let groups = pages_up_to(None, TARGET_GROUP_CAP, |token| {
                elb.target_groups_page(ctx.clone(), Some(arn.clone()), token)
            });
            let groups = async {
                let (mut groups, more) = groups.await?;
                let arns = groups.iter().map(|g| g.arn.clone()).collect();
                let health = super::fill_ops::per_row(arns, CONCURRENCY, |group| {
                    elb.target_health(ctx.clone(), group)
                })
                .await;
                let mut health: std::collections::HashMap<_, _> = health.into_iter().collect();
                for group in &mut groups {
                    if let Some(answer) = health.remove(&group.arn) {
                        group.targets = Filled::from_answer(answer);
                    }
                }
                Ok::<_, crate::aws::AwsError>((groups, more))
            };
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
