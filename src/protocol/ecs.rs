//! ECS requests beyond the engine's listings, and their answers: one service read again (its
//! details, polled while it deploys), a task definition (where a task's containers log), and
//! the one write, UpdateService (scale, force a new deployment).

use crate::audit::Mutation;
use crate::aws::ecs::{Service, ServiceChange, TaskDefinition, short_id};
use crate::aws::once::Sent;
use crate::aws::{AwsError, ContextKey};

#[derive(Debug)]
pub enum EcsOp {
    /// DescribeServices of one service.
    Service {
        ctx: ContextKey,
        cluster: String,
        service: String,
    },
    /// DescribeTaskDefinition of a task's definition, to tail its containers' logs.
    TaskDefinition {
        ctx: ContextKey,
        /// The task whose logs are wanted (its id names the streams).
        task: String,
        definition: String,
    },
    /// UpdateService: a write, sent once.
    Update {
        ctx: ContextKey,
        cluster: String,
        service: String,
        change: ServiceChange,
    },
}

#[derive(Debug)]
pub enum EcsOutcome {
    Service(Result<Service, AwsError>),
    TaskDefinition {
        ctx: ContextKey,
        task: String,
        result: Result<TaskDefinition, AwsError>,
    },
    Updated {
        ctx: ContextKey,
        cluster: String,
        service: String,
        change: ServiceChange,
        result: Result<Sent<()>, AwsError>,
    },
}

/// UpdateService writes; the rest read.
pub(super) fn mutation(op: &EcsOp) -> Option<Mutation> {
    match op {
        EcsOp::Update {
            ctx,
            cluster,
            service,
            change,
        } => Some(Mutation::new(
            ctx,
            "ecs",
            "UpdateService",
            [
                format!("{}/{}", short_id(cluster), short_id(service)),
                change.label(),
            ],
        )),
        EcsOp::Service { .. } | EcsOp::TaskDefinition { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_names_the_service_and_the_change() {
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let m = mutation(&EcsOp::Update {
            ctx: ctx.clone(),
            cluster: "arn:aws:ecs:eu-west-1:1:cluster/shop".into(),
            service: "web".into(),
            change: ServiceChange::Scale(3),
        })
        .expect("a write");
        assert_eq!(m.operation, "UpdateService");
        assert_eq!(m.resources, ["shop/web", "desired count 3"]);
        let read = EcsOp::Service {
            ctx,
            cluster: "shop".into(),
            service: "web".into(),
        };
        assert_eq!(mutation(&read), None);
    }
}
