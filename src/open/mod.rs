//! Opening a place named from outside the app: `awsterm TARGET`, `:open TARGET`, bookmarks.
//! `crate::target` reads the text; here a target becomes the effects that open "the most useful
//! view" of it. The top-level view is opened by its own `:` command (so it behaves as one typed
//! at the prompt), then the drill-down is pushed on it: a prefix's objects on the buckets, a
//! function's details on the functions, a table's items on the tables.

pub mod pending;

pub use crate::target::{Resource, Target, parse};

use crate::aws::profiles::ProfileInfo;
use crate::command::CommandId;
use crate::context::ContextKey;
use crate::pane::{Effect, Level};
use crate::panes::document::DocumentView;
use crate::protocol::Op;

/// Where the command line asks to start. `startup::start_of` reads and checks it, so a mistake
/// is a message on stderr (exit code 2) before the screen is taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    Home,
    Target(crate::open::Target),
    /// A `:` command line (without the colon).
    Command(String),
    Bookmark(crate::bookmarks::Bookmark),
}

/// The context `target` is opened in: the region it names (else the active one), with the
/// active profile — an ARN's account is checked against it, never used to pick a profile.
/// S3 stays in the active context: a bucket's views find its own region.
pub fn context_for(target: &Target, active: &ContextKey) -> ContextKey {
    let s3 = matches!(
        target.resource,
        Resource::Bucket { .. } | Resource::Object { .. }
    );
    ContextKey {
        profile: active.profile.clone(),
        region: match &target.region {
            Some(region) if !s3 => region.clone(),
            _ => active.region.clone(),
        },
    }
}

/// The effects that open `target` from the `active` context: a switch to its region if it
/// names another, then its view.
pub fn effects(target: &Target, active: &ContextKey) -> Vec<Effect> {
    let ctx = context_for(target, active);
    let mut effects = Vec::new();
    if ctx != *active {
        effects.push(Effect::SwitchContext(ctx.clone()));
    }
    effects.extend(view(&target.resource, ctx));
    effects
}

/// The effects that open `resource` in `ctx` — a row's own profile and region (a resource an
/// alarm watches, in the alarm's account) — switching there first when it is not `active`.
pub fn effects_in(resource: &Resource, ctx: ContextKey, active: &ContextKey) -> Vec<Effect> {
    let mut effects = Vec::new();
    if ctx != *active {
        effects.push(Effect::SwitchContext(ctx.clone()));
    }
    effects.extend(view(resource, ctx));
    effects
}

/// As `effects_in`, but the resource's own view is pushed over the current one instead of
/// replacing it with the kind's top-level list (Enter on a tagged resource): Esc comes back
/// to the row it was opened from. A volume, whose view is its list filtered, and anything
/// else without a view to push still opens the top-level way.
pub fn pushed_in(resource: &Resource, ctx: ContextKey, active: &ContextKey) -> Vec<Effect> {
    let mut effects = Vec::new();
    if ctx != *active {
        effects.push(Effect::SwitchContext(ctx.clone()));
    }
    match resource {
        Resource::Listed(listed) => effects.push(Effect::PushListed(listed.clone(), ctx)),
        Resource::LogGroup { name } => {
            let sources = vec![crate::panes::logs::TailSource::group(name)];
            effects.push(Effect::Push(Box::new(move |id| {
                Box::new(crate::panes::logs::TailPane::new(id, ctx, sources, None))
            })));
        }
        _ => {
            let view = view(resource, ctx);
            // What `view` pushes on the top-level list it opens first: that list is left out.
            if view.iter().any(|e| matches!(e, Effect::Push(_))) {
                effects.extend(view.into_iter().filter(|e| !matches!(e, Effect::Run(..))));
            } else {
                effects.extend(view);
            }
        }
    }
    effects
}

fn run(command: CommandId, arg: Option<&str>) -> Effect {
    Effect::Run(command, arg.map(str::to_owned))
}

/// The most useful view of each kind: objects at a prefix, an object's preview, a table's
/// items, the details of a function, instance, group or database, a log group's tail.
fn view(resource: &Resource, ctx: ContextKey) -> Vec<Effect> {
    let location = format!(
        ":open {}",
        Target {
            region: Some(ctx.region.clone()),
            account: None,
            resource: resource.clone(),
        }
        .text()
    );
    match resource.clone() {
        Resource::Bucket { name, prefix } => {
            vec![run(CommandId::S3, None), objects(ctx, name, prefix)]
        }
        Resource::Object { bucket, key } => {
            let parent = match key.rfind('/') {
                Some(end) => key[..=end].to_string(),
                None => String::new(),
            };
            let (at, b) = (ctx.clone(), bucket.clone());
            vec![
                run(CommandId::S3, None),
                objects(ctx, bucket, parent),
                Effect::Push(Box::new(move |id| {
                    let title = format!("s3://{b}/{key}");
                    Box::new(pending::in_bucket_region(
                        id,
                        at,
                        b.clone(),
                        title,
                        move |id, at| {
                            crate::panes::s3::object::ObjectView::boxed(
                                id,
                                at,
                                b.clone(),
                                key.clone(),
                                None,
                            )
                        },
                    ))
                })),
            ]
        }
        Resource::Table { name } => vec![
            run(CommandId::Ddb, None),
            Effect::Push(Box::new(move |id| {
                Box::new(pending::table_items(id, ctx, name))
            })),
        ],
        Resource::Function { name, qualifier } => {
            let mut effects = vec![
                run(CommandId::Lambda, None),
                function_details(ctx, name.clone()),
            ];
            if let Some(q) = qualifier {
                effects.push(Effect::Flash(
                    Level::Info,
                    format!("details of {name}; to invoke {q}: i, then :qualifier {q}"),
                ));
            }
            effects
        }
        Resource::Instance { id } => vec![
            run(CommandId::Ec2, None),
            document(
                ctx,
                location,
                id.clone(),
                id,
                |ctx, id| Op::Ec2(crate::protocol::ec2::Ec2Op::Details { ctx, id }),
                crate::panes::ec2::documents::read_details,
            ),
        ],
        Resource::SecurityGroup { id } => vec![
            run(CommandId::SecurityGroups, None),
            document(
                ctx,
                location,
                format!("security group {id}"),
                id,
                |ctx, id| Op::Ec2(crate::protocol::ec2::Ec2Op::GroupDetails { ctx, id }),
                crate::panes::resource::security_groups::read_details,
            ),
        ],
        // A volume's details come from its listing row: the list, filtered to it.
        Resource::Volume { id } => vec![
            run(CommandId::Volumes, None),
            run(CommandId::Filter, Some(&id)),
        ],
        Resource::Database { id, cluster } => {
            let kind = if cluster {
                crate::aws::rds::Kind::Cluster
            } else {
                crate::aws::rds::Kind::Instance
            };
            let make: fn(ContextKey, String) -> Op = if cluster {
                |ctx, id| {
                    Op::Rds(crate::protocol::rds::RdsOp::Details {
                        ctx,
                        kind: crate::aws::rds::Kind::Cluster,
                        id,
                    })
                }
            } else {
                |ctx, id| {
                    Op::Rds(crate::protocol::rds::RdsOp::Details {
                        ctx,
                        kind: crate::aws::rds::Kind::Instance,
                        id,
                    })
                }
            };
            vec![
                run(CommandId::Rds, None),
                document(
                    ctx,
                    location,
                    format!("{} {id}", kind.label()),
                    id,
                    make,
                    crate::panes::resource::databases::read_details,
                ),
            ]
        }
        // The engine opens its own kinds (`Effect::OpenListed`): `open` stays below the views.
        Resource::Listed(listed) => vec![Effect::OpenListed(listed, ctx)],
        Resource::LogGroup { name } => vec![run(CommandId::Tail, Some(&name))],
        Resource::LogStream { group, stream } => {
            let source = crate::panes::logs::TailSource {
                streams: vec![stream],
                ..crate::panes::logs::TailSource::group(&group)
            };
            vec![
                run(CommandId::Logs, Some(&group)),
                Effect::Push(Box::new(move |id| {
                    Box::new(crate::panes::logs::TailPane::new(
                        id,
                        ctx,
                        vec![source],
                        None,
                    ))
                })),
            ]
        }
    }
}

fn objects(ctx: ContextKey, bucket: String, prefix: String) -> Effect {
    Effect::Push(Box::new(move |id| {
        let title = format!("s3://{bucket}/{prefix}");
        Box::new(pending::in_bucket_region(
            id,
            ctx,
            bucket.clone(),
            title,
            move |id, at| {
                Box::new(crate::panes::s3::objects::ObjectsPane::new(
                    id,
                    at,
                    bucket.clone(),
                    prefix.clone(),
                ))
            },
        ))
    }))
}

/// The details of one resource, fetched in `ctx` (not the active context's at the time).
fn document(
    ctx: ContextKey,
    location: String,
    title: String,
    id: String,
    make: fn(ContextKey, String) -> Op,
    read: crate::panes::document::ReadOutcome,
) -> Effect {
    let copy = id.clone();
    DocumentView::open_at(
        location,
        title,
        copy,
        move || make(ctx.clone(), id.clone()),
        read,
    )
}

/// A function's details (as Enter in the functions view opens them).
/// The same details pane as Enter on the function's row, so `v`, `i` and `L` work from it.
fn function_details(ctx: ContextKey, name: String) -> Effect {
    use crate::panes::lambda::details::{DetailsPane, named};
    DetailsPane::open(ctx, named(&name), "", Default::default())
}

/// A target's account, to hold against the profile's once STS says who that is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountCheck {
    pub account: String,
    pub ctx: ContextKey,
    pub what: String,
}

impl AccountCheck {
    pub fn of(target: &Target, active: &ContextKey) -> Option<AccountCheck> {
        Some(AccountCheck {
            account: target.account.clone()?,
            ctx: context_for(target, active),
            what: target.resource.describe(),
        })
    }

    /// What to tell the user when the profile acts in another account (`None`: it is the
    /// target's), naming any configured profile known to be the target's account.
    pub fn mismatch(&self, actual: &str, profiles: &[ProfileInfo]) -> Option<String> {
        if actual == self.account {
            return None;
        }
        let owners: Vec<&str> = profiles
            .iter()
            .filter(|p| p.account_hint.as_deref() == Some(self.account.as_str()))
            .map(|p| p.name.as_str())
            .collect();
        let hint = match owners.as_slice() {
            [] => "no configured profile is known to be that account".to_string(),
            [one] => format!("profile {one} is (:profile {one})"),
            many => format!("profiles {} are", many.join(", ")),
        };
        Some(
            crate::sanitize::sanitize(&format!(
                "{} is in account {}, profile {} is {actual} — {hint}",
                self.what,
                self.account,
                self.ctx.profile_label(),
            ))
            .into_owned(),
        )
    }
}

#[cfg(test)]
mod tests;
