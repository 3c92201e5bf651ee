//! IAM reads: the per-row follow-ups of a listed page (bounded concurrency, each row's answer
//! or error on its own) and the three kinds' details.

use crate::aws::Adapters;
use crate::aws::AwsError;
use crate::aws::iam::{Filled, LastUsed, PolicyDetails, RoleDetails, UserDetails};
use crate::protocol::iam::{FOLLOW_UP_CONCURRENCY, IamOp, IamOutcome, PerRow};
use futures::future::BoxFuture;

type Answer<T> = Result<T, AwsError>;

pub(super) async fn execute(op: IamOp, adapters: &Adapters) -> IamOutcome {
    let iam = &adapters.iam;
    match op {
        IamOp::RolesLastUsed { ctx, names } => {
            let found = per_row(
                names,
                |name| -> BoxFuture<'static, Answer<Option<LastUsed>>> {
                    let role = iam.role(ctx.clone(), name);
                    Box::pin(async move {
                        // A role GetRole returns without its last use is one never used.
                        let role = role.await?;
                        Ok(role.last_used.got().cloned().flatten())
                    })
                },
            )
            .await;
            IamOutcome::RolesLastUsed { ctx, found }
        }
        IamOp::UsersExtras { ctx, names } => {
            let found = per_row(names, |name| iam.user_extras(ctx.clone(), name)).await;
            IamOutcome::UsersExtras { ctx, found }
        }
        IamOp::PolicyDescriptions { ctx, arns } => {
            let found = per_row(arns, |arn| iam.policy_description(ctx.clone(), arn)).await;
            IamOutcome::PolicyDescriptions { ctx, found }
        }
        IamOp::RoleDetails { ctx, name } => {
            let read = async {
                let (role, permissions) = futures::try_join!(
                    iam.role(ctx.clone(), name.clone()),
                    iam.role_permissions(ctx.clone(), name.clone())
                )?;
                Ok::<_, AwsError>(RoleDetails { role, permissions })
            };
            IamOutcome::RoleDetails(Box::new(read.await))
        }
        IamOp::UserDetails { ctx, user } => {
            let read = async {
                let (extras, permissions) = futures::try_join!(
                    iam.user_extras(ctx.clone(), user.name.clone()),
                    iam.user_permissions(ctx.clone(), user.name.clone())
                )?;
                let mut user = *user;
                user.extras = Filled::Got(extras);
                Ok::<_, AwsError>(UserDetails { user, permissions })
            };
            IamOutcome::UserDetails(Box::new(read.await))
        }
        IamOp::PolicyDetails { ctx, policy } => {
            let read = async {
                let (document, entities, description) = futures::join!(
                    iam.policy_document(
                        ctx.clone(),
                        policy.arn.clone(),
                        policy.default_version.clone()
                    ),
                    iam.policy_entities(ctx.clone(), policy.arn.clone()),
                    iam.policy_description(ctx.clone(), policy.arn.clone()),
                );
                let mut policy = *policy;
                // A description IAM will not give does not hide the document.
                policy.description = match description {
                    Ok(d) => Filled::Got(d),
                    Err(e) => Filled::Failed(e.summary()),
                };
                Ok::<_, AwsError>(PolicyDetails {
                    policy,
                    document: document?,
                    entities: entities?,
                })
            };
            IamOutcome::PolicyDetails(Box::new(read.await))
        }
    }
}

/// IAM's follow-ups, a few rows at a time.
async fn per_row<T: Send + 'static>(
    keys: Vec<String>,
    ask: impl Fn(String) -> BoxFuture<'static, Answer<T>>,
) -> PerRow<T> {
    super::fill_ops::per_row(keys, FOLLOW_UP_CONCURRENCY, ask).await
}
