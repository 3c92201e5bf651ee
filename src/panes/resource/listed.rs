//! Opening a resource of a kind the resource engine lists (a secret, a queue, an IAM role…):
//! its kind's list, as the `:` command opens it, which then opens the resource's row as Enter
//! does once the row is listed (`panes::resource::reveal`). An ECS service opens its
//! cluster's services filtered to it; a task its cluster's tasks filtered to it.

use crate::command::CommandId;
use crate::context::ContextKey;
use crate::pane::Effect;
use crate::panes::resource::reveal::Reveal;
use crate::panes::resource::{Kind, ResourceView};
use crate::panes::resource::{
    alarms::Alarms, clusters::Clusters, hosted_zones::HostedZones, load_balancers::LoadBalancers,
    parameters::Parameters, policies::Policies, queues::Queues, roles::Roles, secrets::Secrets,
    stacks::Stacks, target_groups::TargetGroups, topics::Topics, users::Users,
};
use crate::target::Listed;

/// The effects that open `listed` in `ctx` (already the active context, or about to be).
pub fn view(listed: &Listed, ctx: ContextKey) -> Vec<Effect> {
    let reveal = match listed.clone() {
        Listed::EcsService { cluster, name } => Reveal {
            filter: Some(name),
            ..Reveal::new(Listed::EcsCluster { name: cluster })
        },
        Listed::EcsTask { cluster, id } => Reveal {
            then: Some(CommandId::EcsTasks),
            filter: Some(id),
            ..Reveal::new(Listed::EcsCluster { name: cluster })
        },
        other => Reveal::new(other),
    };
    let effect = match listed {
        Listed::Secret { .. } => open(CommandId::Secrets, Secrets, ctx, reveal),
        Listed::Queue { .. } => open(CommandId::Sqs, Queues, ctx, reveal),
        Listed::Topic { .. } => open(CommandId::Sns, Topics, ctx, reveal),
        Listed::EcsCluster { .. } | Listed::EcsService { .. } | Listed::EcsTask { .. } => {
            open(CommandId::Ecs, Clusters, ctx, reveal)
        }
        Listed::LoadBalancer { .. } => open(CommandId::Elb, LoadBalancers, ctx, reveal),
        Listed::TargetGroup { .. } => open(CommandId::TargetGroups, TargetGroups, ctx, reveal),
        // The parameter's folder, where its row is.
        Listed::Parameter { name } => {
            let folder = match name.rfind('/') {
                Some(0) | None => "/",
                Some(end) => &name[..end],
            };
            open(CommandId::Params, Parameters::new(folder), ctx, reveal)
        }
        Listed::Role { .. } => open(CommandId::Roles, Roles, ctx, reveal),
        Listed::User { .. } => open(CommandId::Users, Users, ctx, reveal),
        Listed::Policy { .. } => open(CommandId::Policies, Policies, ctx, reveal),
        Listed::HostedZone { .. } => open(CommandId::Route53, HostedZones, ctx, reveal),
        Listed::Stack { .. } => open(CommandId::Cfn, Stacks::default(), ctx, reveal),
        Listed::Alarm { .. } => open(CommandId::Alarms, Alarms::default(), ctx, reveal),
    };
    vec![effect]
}

fn open<K: Kind>(command: CommandId, kind: K, ctx: ContextKey, reveal: Reveal) -> Effect {
    Effect::OpenView(Box::new(move |id| {
        Box::new(ResourceView::revealing(id, kind, ctx, command, reveal))
    }))
}
