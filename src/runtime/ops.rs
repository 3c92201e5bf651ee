//! Executes a request's op: each service's ops are run by its own module, each a small
//! function calling one adapter, so the runtime stays generic.

use crate::aws::Adapters;
use crate::aws::profiles;
use crate::protocol::{Op, Outcome};

pub(super) async fn execute(op: Op, adapters: Adapters, progress: super::Progress) -> Outcome {
    match op {
        Op::List(op) => Outcome::List(super::list_ops::execute(op, &adapters, &progress).await),
        Op::Ec2(op) => Outcome::Ec2(super::ec2_ops::execute(op, &adapters, &progress).await),
        Op::Rds(op) => Outcome::Rds(super::rds_ops::execute(op, &adapters).await),
        Op::Cfn(op) => Outcome::Cfn(super::cfn_ops::execute(op, &adapters).await),
        Op::Ecs(op) => Outcome::Ecs(super::ecs_ops::execute(op, &adapters).await),
        Op::Ddb(op) => Outcome::Ddb(super::dynamodb_ops::execute(op, &adapters, &progress).await),
        Op::Lambda(op) => {
            Outcome::Lambda(super::lambda_ops::execute(op, &adapters, &progress).await)
        }
        Op::Logs(op) => Outcome::Logs(super::logs_ops::execute(op, &adapters, &progress).await),
        Op::Alarms(op) => Outcome::Alarms(super::alarms_ops::execute(op, &adapters).await),
        Op::Iam(op) => Outcome::Iam(super::iam_ops::execute(op, &adapters).await),
        Op::Fill(op) => Outcome::Fill(super::fill_ops::execute(op, &adapters).await),
        // The tag rides along: the view that sent it knows which of its listings asked.
        Op::FollowUp(crate::protocol::fill::FollowUp { listing, op }) => {
            let outcome = Box::pin(execute(*op, adapters, progress)).await;
            Outcome::FollowUp(crate::protocol::fill::Answered {
                listing,
                outcome: Box::new(outcome),
            })
        }
        Op::Elb(op) => Outcome::Elb(super::elb_ops::execute(op, &adapters).await),
        Op::Secrets(op) => Outcome::Secrets(super::secrets_ops::execute(op, &adapters).await),
        Op::Ssm(op) => Outcome::Ssm(super::ssm_ops::execute(op, &adapters).await),
        Op::Metrics(op) => Outcome::Metrics(super::metrics_ops::execute(op, &adapters).await),
        Op::Sqs(op) => Outcome::Sqs(super::sqs_ops::execute(op, &adapters).await),
        Op::Sns(op) => Outcome::Sns(super::sns_ops::execute(op, &adapters).await),
        Op::CallerIdentity(ctx) => {
            let result = adapters.sts.caller_identity(ctx.clone()).await;
            Outcome::Identity(ctx, result)
        }
        Op::MfaLogin { ctx, code } => {
            let result = adapters.sts.mfa_login(ctx.clone(), code.0).await;
            Outcome::MfaLogin(ctx, result)
        }
        Op::AuditRead { path, max } => {
            Outcome::Audit(super::off_task(move || crate::audit::read_recent(&path, max)).await)
        }
        Op::Bookmarks(op) => {
            Outcome::Bookmarks(super::off_task(move || crate::bookmarks::apply(&op)).await)
        }
        Op::LoadProfiles(files) => {
            if let Some(configs) = &adapters.configs {
                configs.clear();
            }
            Outcome::Profiles(profiles::load_profiles(&files).await)
        }
        Op::S3(op) => Outcome::S3(super::s3_ops::execute(op, adapters, progress).await),
        Op::Edit(op) => Outcome::Edit(super::edit_ops::execute(op).await),
    }
}
