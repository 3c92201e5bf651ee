//! ECS requests and their answers.

use crate::aws::Adapters;
use crate::aws::ecs::ServiceChange;
use crate::aws::once::or_reread;
use crate::protocol::ecs::{EcsOp, EcsOutcome};

pub(super) async fn execute(op: EcsOp, adapters: &Adapters) -> EcsOutcome {
    let ecs = &adapters.ecs;
    match op {
        EcsOp::Service {
            ctx,
            cluster,
            service,
        } => EcsOutcome::Service(ecs.service(ctx, cluster, service).await),
        EcsOp::TaskDefinition {
            ctx,
            task,
            definition,
        } => EcsOutcome::TaskDefinition {
            result: ecs.task_definition(ctx.clone(), definition).await,
            ctx,
            task,
        },
        EcsOp::Update {
            ctx,
            cluster,
            service,
            change,
        } => {
            let asked = crate::clock::now_secs();
            let sent = ecs
                .update_service(ctx.clone(), cluster.clone(), service.clone(), change)
                .await;
            // Sent once: after a lost answer the service itself tells whether it took effect —
            // the desired count asked for, or a primary deployment made since it was sent.
            let (c, cl, s) = (ctx.clone(), cluster.clone(), service.clone());
            let reread = || async move {
                let now = ecs.service(c, cl, s).await?;
                let applied = match change {
                    ServiceChange::Scale(n) => now.desired == n,
                    ServiceChange::ForceDeploy => now
                        .deployments
                        .iter()
                        .any(|d| d.status == "PRIMARY" && d.created.is_some_and(|t| t >= asked)),
                };
                Ok(applied.then_some(()))
            };
            EcsOutcome::Updated {
                result: or_reread(sent, reread).await,
                ctx,
                cluster,
                service,
                change,
            }
        }
    }
}
