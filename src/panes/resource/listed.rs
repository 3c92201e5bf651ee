//! Opening a resource of a kind the resource engine lists (a secret, a queue, an IAM role…):
//! its kind's list, as the `:` command opens it, which then opens the resource's row as Enter
//! does once the row is listed (`panes::resource::reveal`) — as the top-level view, or pushed
//! over the view it was asked from and gone with the row's view. An ECS service opens its
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

/// How the kind's list opens.
#[derive(Clone, Copy)]
enum Way {
    /// As its `:` command would: the top-level view (`awsterm ARN`, `:open ARN`).
    TopLevel,
    /// Over the current view, pinned to `ctx`, and gone with the row's view (Enter on a
    /// tagged resource: Esc comes back to the tagged list).
    Over,
}

/// The effects that open `listed` in `ctx` (already the active context, or about to be).
pub fn view(listed: &Listed, ctx: ContextKey) -> Vec<Effect> {
    opened(listed, ctx, Way::TopLevel)
}

/// The same pushed over the current view (`Effect::PushListed`).
pub fn pushed(listed: &Listed, ctx: ContextKey) -> Vec<Effect> {
    opened(listed, ctx, Way::Over)
}

fn opened(listed: &Listed, ctx: ContextKey, way: Way) -> Vec<Effect> {
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
        Listed::Secret { .. } => open(way, CommandId::Secrets, Secrets, ctx, reveal),
        Listed::Queue { .. } => open(way, CommandId::Sqs, Queues, ctx, reveal),
        Listed::Topic { .. } => open(way, CommandId::Sns, Topics, ctx, reveal),
        Listed::EcsCluster { .. } | Listed::EcsService { .. } | Listed::EcsTask { .. } => {
            open(way, CommandId::Ecs, Clusters, ctx, reveal)
        }
        Listed::LoadBalancer { .. } => open(way, CommandId::Elb, LoadBalancers, ctx, reveal),
        Listed::TargetGroup { .. } => open(way, CommandId::TargetGroups, TargetGroups, ctx, reveal),
        // The parameter's folder, where its row is.
        Listed::Parameter { name } => {
            let folder = match name.rfind('/') {
                Some(0) | None => "/",
                Some(end) => &name[..end],
            };
            open(way, CommandId::Params, Parameters::new(folder), ctx, reveal)
        }
        Listed::Role { .. } => open(way, CommandId::Roles, Roles, ctx, reveal),
        Listed::User { .. } => open(way, CommandId::Users, Users, ctx, reveal),
        Listed::Policy { .. } => open(way, CommandId::Policies, Policies, ctx, reveal),
        Listed::HostedZone { .. } => open(way, CommandId::Route53, HostedZones, ctx, reveal),
        Listed::Stack { .. } => open(way, CommandId::Cfn, Stacks::default(), ctx, reveal),
        Listed::Alarm { .. } => open(way, CommandId::Alarms, Alarms::default(), ctx, reveal),
    };
    vec![effect]
}

fn open<K: Kind>(way: Way, command: CommandId, kind: K, ctx: ContextKey, reveal: Reveal) -> Effect {
    match way {
        Way::TopLevel => Effect::OpenView(Box::new(move |id| {
            Box::new(ResourceView::revealing(id, kind, ctx, command, reveal))
        })),
        // A drill-down: no `:` command reopens it (bookmarks), it stays in `ctx`.
        Way::Over => Effect::Push(Box::new(move |id| {
            Box::new(ResourceView {
                reveal: Some(reveal),
                through: true,
                ..ResourceView::in_context(id, kind, ctx)
            })
        })),
    }
}
