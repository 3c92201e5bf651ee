//! The `:` commands that open resource views, next to their kinds: the dispatcher looks a
//! command up here instead of knowing each view. Every one takes the scopes of
//! `scope.rs` (`@all-regions`, `@profiles GLOB`, `@regions GLOB`) as its argument; the
//! command's name, aliases and help text stay in the command table (`command.rs`).

use super::ResourceView;
use super::alarms::Alarms;
use super::buckets::Buckets;
use super::clusters::Clusters;
use super::databases::Databases;
use super::functions::Functions;
use super::hosted_zones::HostedZones;
use super::instances::Instances;
use super::load_balancers::LoadBalancers;
use super::metric_catalog::{MetricsIn, Namespaces};
use super::parameters::Parameters;
use super::policies::Policies;
use super::queues::Queues;
use super::roles::Roles;
use super::secrets::Secrets;
use super::security_groups::SecurityGroups;
use super::stacks::Stacks;
use super::tagged::Tagged;
use super::target_groups::TargetGroups;
use super::topics::Topics;
use super::users::Users;
use super::volumes::Volumes;
use crate::command::CommandId;
use crate::pane::{Pane, PaneCx};
use crate::protocol::PaneId;

/// Opens the view for the command's argument (empty: the active context), or says why not.
pub type Open = fn(PaneId, &str, &PaneCx) -> Result<Box<dyn Pane>, String>;

pub struct View {
    pub command: CommandId,
    pub open: Open,
}

pub static VIEWS: &[View] = &[
    View {
        command: CommandId::Ec2,
        open: |id, arg, cx| {
            let kind = Instances::new(cx, !arg.trim().is_empty());
            view(CommandId::Ec2, id, kind, arg, cx)
        },
    },
    View {
        command: CommandId::Rds,
        open: |id, arg, cx| {
            let kind = Databases::new(!arg.trim().is_empty());
            view(CommandId::Rds, id, kind, arg, cx)
        },
    },
    View {
        command: CommandId::Lambda,
        open: |id, arg, cx| {
            // One context keeps its own view for now: it resumes a listing stopped at its
            // cap (`load more`), which the engine does not do yet.
            if arg.trim().is_empty() {
                return Ok(Box::new(crate::panes::lambda::FunctionsPane::new(id)));
            }
            view(CommandId::Lambda, id, Functions::default(), arg, cx)
        },
    },
    View {
        command: CommandId::S3,
        open: |id, arg, cx| {
            let kind = Buckets::new(!arg.trim().is_empty());
            view(CommandId::S3, id, kind, arg, cx)
        },
    },
    View {
        command: CommandId::SecurityGroups,
        open: |id, arg, cx| view(CommandId::SecurityGroups, id, SecurityGroups, arg, cx),
    },
    View {
        command: CommandId::Volumes,
        open: |id, arg, cx| view(CommandId::Volumes, id, Volumes, arg, cx),
    },
    View {
        command: CommandId::Cfn,
        open: |id, arg, cx| {
            // `deleted` is the kind's own word; the rest are scopes.
            let (kind, scopes) = Stacks::from_arg(arg);
            view(CommandId::Cfn, id, kind, &scopes, cx)
        },
    },
    View {
        command: CommandId::Alarms,
        open: |id, arg, cx| {
            let (own, scope) = super::scope::split_own_words(arg);
            view(CommandId::Alarms, id, Alarms::from_words(&own)?, &scope, cx)
        },
    },
    View {
        command: CommandId::Metrics,
        open: |id, arg, cx| {
            let (own, scope) = super::scope::split_own_words(arg);
            if own.is_empty() {
                return view(CommandId::Metrics, id, Namespaces, &scope, cx);
            }
            let kind = MetricsIn::new(&own.join(" "));
            view(CommandId::Metrics, id, kind, &scope, cx)
        },
    },
    View {
        command: CommandId::Roles,
        open: |id, arg, cx| view(CommandId::Roles, id, Roles, arg, cx),
    },
    View {
        command: CommandId::Users,
        open: |id, arg, cx| view(CommandId::Users, id, Users, arg, cx),
    },
    View {
        command: CommandId::Policies,
        open: |id, arg, cx| view(CommandId::Policies, id, Policies, arg, cx),
    },
    View {
        command: CommandId::Elb,
        open: |id, arg, cx| view(CommandId::Elb, id, LoadBalancers, arg, cx),
    },
    View {
        command: CommandId::TargetGroups,
        open: |id, arg, cx| view(CommandId::TargetGroups, id, TargetGroups, arg, cx),
    },
    View {
        command: CommandId::Route53,
        open: |id, arg, cx| view(CommandId::Route53, id, HostedZones, arg, cx),
    },
    View {
        command: CommandId::Tagged,
        open: |id, arg, cx| {
            // The tags come first; the rest are scopes.
            let (own, scope) = super::scope::split_own_words(arg);
            view(CommandId::Tagged, id, Tagged::from_words(&own)?, &scope, cx)
        },
    },
    View {
        command: CommandId::Secrets,
        open: |id, arg, cx| view(CommandId::Secrets, id, Secrets, arg, cx),
    },
    View {
        command: CommandId::Params,
        open: |id, arg, cx| {
            // A path is the kind's own word; the rest are scopes.
            let (own, scope) = super::scope::split_own_words(arg);
            view(
                CommandId::Params,
                id,
                Parameters::from_words(&own)?,
                &scope,
                cx,
            )
        },
    },
    View {
        command: CommandId::Sqs,
        open: |id, arg, cx| view(CommandId::Sqs, id, Queues, arg, cx),
    },
    View {
        command: CommandId::Sns,
        open: |id, arg, cx| view(CommandId::Sns, id, Topics, arg, cx),
    },
    View {
        command: CommandId::Ecs,
        open: |id, arg, cx| view(CommandId::Ecs, id, Clusters, arg, cx),
    },
    // Not an engine kind: one query's results in one context (the row's or the tail's).
    View {
        command: CommandId::Insights,
        open: crate::panes::insights::open,
    },
];

pub fn find(command: CommandId) -> Option<&'static View> {
    VIEWS.iter().find(|v| v.command == command)
}

/// The view as its command opens it, knowing that command (so a bookmark can reopen it).
fn view<K: super::kind::Kind + 'static>(
    command: CommandId,
    id: PaneId,
    kind: K,
    arg: &str,
    cx: &PaneCx,
) -> Result<Box<dyn Pane>, String> {
    Ok(Box::new(
        ResourceView::new(id, kind, arg, cx)?.reopened_by(command),
    ))
}
