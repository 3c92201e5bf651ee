//! Which requests change something in AWS, described for the audit log and the per-profile
//! policy before they run, and how each one ended, read from its answer. Adding a writing op
//! means adding it here — the match below has no catch-all for that reason.

use super::cloudformation::{CfnOp, CfnOutcome};
use super::dynamodb::{DdbOp, DdbOutcome};
use super::ec2::{Ec2Op, Ec2Outcome};
use super::lambda::{LambdaOp, LambdaOutcome};
use super::logs::LogsOp;
use super::rds::{RdsOp, RdsOutcome};
use super::s3::{S3Op, S3Outcome};
use super::{Op, Outcome};
use crate::audit::{self, Mutation};
use crate::aws::once::Sent;
use crate::aws::{AwsError, ContextKey, dynamodb, ec2, rds};

impl Op {
    /// What this request changes, or `None` for reads (and for local files).
    pub fn mutation(&self) -> Option<Mutation> {
        match self {
            Op::Ec2(op) => ec2_mutation(op),
            Op::Rds(op) => rds_mutation(op),
            Op::Cfn(CfnOp::Act { ctx, stack, action }) => Some(Mutation::new(
                ctx,
                "cloudformation",
                action.operation(),
                [stack.clone()],
            )),
            Op::Cfn(
                CfnOp::Describe { .. }
                | CfnOp::Events { .. }
                | CfnOp::Resources { .. }
                | CfnOp::Template { .. },
            ) => None,
            Op::Ddb(op) => ddb_mutation(op),
            Op::Lambda(op) => lambda_mutation(op),
            Op::Logs(op) => logs_mutation(op),
            Op::Alarms(op) => super::alarms::mutation(op),
            Op::Iam(op) => super::iam::mutation(op),
            // Follow-ups read.
            Op::Fill(_) => None,
            // Whatever the tagged op is, the guard sees it as that op.
            Op::FollowUp(f) => f.op.mutation(),
            Op::Elb(op) => super::elb::mutation(op),
            Op::Secrets(op) => super::secrets::mutation(op),
            Op::Ssm(op) => super::ssm::mutation(op),
            Op::Sqs(op) => super::sqs_mutation::of(op),
            Op::Sns(op) => super::sqs_mutation::of_sns(op),
            Op::Ecs(op) => super::ecs::mutation(op),
            Op::S3(S3Op::CreateBucket(ctx, name)) => {
                Some(Mutation::new(ctx, "s3", "CreateBucket", [name.clone()]))
            }
            Op::S3(S3Op::DeleteBucket(ctx, name)) => {
                Some(Mutation::new(ctx, "s3", "DeleteBucket", [name.clone()]))
            }
            Op::S3(S3Op::Upload(job)) => Some(Mutation::new(
                &job.ctx,
                "s3",
                "PutObject",
                job.files
                    .iter()
                    .map(|(_, key, _)| format!("s3://{}/{key}", job.bucket)),
            )),
            Op::S3(S3Op::Delete { ctx, bucket, plan }) => Some(Mutation::new(
                ctx,
                "s3",
                "DeleteObjects",
                plan.keys
                    .iter()
                    .map(|k| format!("s3://{bucket}/{k}"))
                    .chain(plan.prefixes.iter().map(|p| {
                        format!(
                            "s3://{bucket}/{}* ({} objects counted)",
                            p.prefix, p.objects
                        )
                    })),
            )),
            // Listings in many contexts at once.
            Op::List(_)
            // Metrics for the charts.
            | Op::Metrics(_)
            | Op::CallerIdentity(_)
            | Op::MfaLogin { .. }
            | Op::AuditRead { .. }
            | Op::Bookmarks(_)
            // Local files for the editor.
            | Op::Edit(_)
            | Op::LoadProfiles(_)
            | Op::S3(S3Op::Buckets(_))
            | Op::S3(S3Op::Versions { .. })
            | Op::S3(S3Op::ObjectUrl { .. })
            | Op::S3(S3Op::List { .. })
            | Op::S3(S3Op::Object { .. })
            | Op::S3(S3Op::Download { .. })
            | Op::S3(S3Op::UploadPlan { .. })
            | Op::S3(S3Op::DeletePlan { .. })
            | Op::S3(S3Op::Presign { .. }) => None,
        }
    }
}

impl Op {
    /// The write this request rehearses without making it (an EC2 dry run): the guard refuses
    /// it exactly where it would refuse that write, so nothing about a refused write reaches
    /// AWS. It changes nothing, so it is neither confirmed nor audited itself.
    pub fn rehearsal(&self) -> Option<Mutation> {
        match self {
            Op::Ec2(Ec2Op::DryRun { ctx, action, ids }) => Some(ec2_act(ctx, *action, ids)),
            Op::FollowUp(f) => f.op.rehearsal(),
            _ => None,
        }
    }
}

fn ec2_act(ctx: &ContextKey, action: ec2::Action, ids: &[String]) -> Mutation {
    let operation = match action {
        ec2::Action::Start => "StartInstances",
        ec2::Action::Stop => "StopInstances",
        ec2::Action::Reboot => "RebootInstances",
        ec2::Action::Terminate => "TerminateInstances",
    };
    Mutation::new(ctx, "ec2", operation, ids.iter().cloned())
}

fn ec2_mutation(op: &Ec2Op) -> Option<Mutation> {
    match op {
        Ec2Op::Act { ctx, action, ids } => Some(ec2_act(ctx, *action, ids)),
        // A dry run asks permission and changes nothing (see `Op::rehearsal`).
        Ec2Op::List { .. }
        | Ec2Op::Poll { .. }
        | Ec2Op::Details { .. }
        | Ec2Op::GroupDetails { .. }
        | Ec2Op::DryRun { .. }
        | Ec2Op::Console { .. } => None,
    }
}

fn rds_mutation(op: &RdsOp) -> Option<Mutation> {
    match op {
        RdsOp::Act {
            ctx,
            action,
            targets,
        } => {
            let verb = match action {
                rds::Action::Start => "Start",
                rds::Action::Stop => "Stop",
                rds::Action::Reboot | rds::Action::Failover => "Reboot",
            };
            let noun = |kind: &rds::Kind| match kind {
                rds::Kind::Instance => "DBInstance",
                rds::Kind::Cluster => "DBCluster",
            };
            let operation = match targets.first() {
                Some((kind, _)) if *action == rds::Action::Failover => {
                    format!("{verb}{} (failover)", noun(kind))
                }
                Some((kind, _)) => format!("{verb}{}", noun(kind)),
                None => verb.to_string(),
            };
            Some(Mutation::new(
                ctx,
                "rds",
                operation,
                targets.iter().map(|(_, id)| id.clone()),
            ))
        }
        RdsOp::CreateSnapshot {
            ctx, db_id, name, ..
        } => Some(Mutation::new(
            ctx,
            "rds",
            "CreateDBSnapshot",
            [format!("{db_id} → {name}")],
        )),
        RdsOp::DeleteSnapshot { ctx, id, .. } => {
            Some(Mutation::new(ctx, "rds", "DeleteDBSnapshot", [id.clone()]))
        }
        RdsOp::List(_) | RdsOp::Details { .. } | RdsOp::Snapshots { .. } => None,
    }
}

fn ddb_mutation(op: &DdbOp) -> Option<Mutation> {
    match op {
        DdbOp::Write { ctx, table, write } => {
            let operation = match &**write {
                dynamodb::Write::Update(_) => "UpdateItem",
                dynamodb::Write::Put { .. } => "PutItem",
                dynamodb::Write::Delete { .. } => "DeleteItem",
            };
            // The key names the item; the attribute values are data and stay out of the log.
            let key = crate::aws::dynamodb_json::plain_json_line(&write.key());
            Some(Mutation::new(
                ctx,
                "dynamodb",
                operation,
                [format!("{table} {key}")],
            ))
        }
        // Any statement but a SELECT changes data. The audit line names the verb only: the
        // rest of a statement carries values, which stay out of the log.
        DdbOp::Statement { ctx, statement, .. } if !statement_reads_only(statement) => {
            Some(Mutation::new(
                ctx,
                "dynamodb",
                "ExecuteStatement",
                [first_word(statement).to_ascii_uppercase()],
            ))
        }
        DdbOp::Statement { .. }
        | DdbOp::SavedQueries { .. }
        | DdbOp::SaveQuery { .. }
        | DdbOp::RememberQuery { .. }
        | DdbOp::Export { .. }
        | DdbOp::Tables(_)
        | DdbOp::Describe { .. }
        | DdbOp::Item { .. }
        | DdbOp::Page { .. } => None,
    }
}

/// A PartiQL statement that only reads: a SELECT (DynamoDB runs one statement per call).
pub fn statement_reads_only(statement: &str) -> bool {
    first_word(statement).eq_ignore_ascii_case("SELECT")
}

/// The PartiQL statements that change data.
const PARTIQL_WRITES: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

/// Why `:partiql` does not run a statement; `None` for a SELECT. The guard counts anything
/// but a SELECT as a write (failing closed); this only says which refusal the user sees.
pub fn partiql_refusal(statement: &str) -> Option<String> {
    if statement_reads_only(statement) {
        return None;
    }
    let verb = first_word(statement);
    let upper = verb.to_ascii_uppercase();
    Some(if PARTIQL_WRITES.contains(&upper.as_str()) {
        format!("only SELECT runs from :partiql ('{upper}' changes data)")
    } else {
        let more = if statement.split_whitespace().nth(1).is_some() {
            " …"
        } else {
            ""
        };
        format!("PartiQL: only SELECT runs here; '{verb}{more}' is not a SELECT statement")
    })
}

fn first_word(statement: &str) -> &str {
    statement.split_whitespace().next().unwrap_or_default()
}

fn lambda_mutation(op: &LambdaOp) -> Option<Mutation> {
    match op {
        // Every invocation counts, dry runs too: they are the record of what was tried. The
        // payload never goes in, only its size.
        LambdaOp::Invoke { ctx, call, .. } => {
            let target = match &call.qualifier {
                Some(q) => format!("{}:{q}", call.function),
                None => call.function.clone(),
            };
            Some(Mutation::new(
                ctx,
                "lambda",
                "Invoke",
                [
                    target,
                    format!("type {}", call.kind.label()),
                    format!("payload {} bytes", call.payload.len()),
                ],
            ))
        }
        LambdaOp::List { .. }
        | LambdaOp::Details { .. }
        | LambdaOp::Payloads { .. }
        | LambdaOp::SavePayload { .. }
        | LambdaOp::RenamePayload { .. }
        | LambdaOp::DeletePayload { .. } => None,
    }
}

fn logs_mutation(op: &LogsOp) -> Option<Mutation> {
    match op {
        LogsOp::Groups { .. }
        | LogsOp::Streams { .. }
        | LogsOp::Poll { .. }
        | LogsOp::LiveTail { .. }
        | LogsOp::Save { .. } => None,
        // A query reads. The StopQuery sent when its view is left or it is run again ends our
        // own read and changes nothing in the account, so it is no write either: read-only mode
        // must not leave a query it started scanning (and billing) to its timeout.
        LogsOp::Insights(_) => None,
    }
}

/// How a writing request ended, from its final answer.
pub fn result_of(outcome: &Outcome) -> (audit::Outcome, Option<String>) {
    match outcome {
        Outcome::Ec2(Ec2Outcome::Acted { results, .. }) => {
            per_target(results.iter().map(|r| r.result.as_ref().err()))
        }
        Outcome::Rds(RdsOutcome::Acted { results, .. }) => {
            per_target(results.iter().map(|(_, r)| r.as_ref().err()))
        }
        Outcome::Rds(RdsOutcome::SnapshotCreated(r)) => sent_once(r),
        Outcome::Cfn(CfnOutcome::Acted { result, .. }) => sent_once(result),
        Outcome::Ssm(super::ssm::SsmOutcome::Put { result, .. }) => sent_once(result),
        Outcome::Ecs(super::ecs::EcsOutcome::Updated { result, .. }) => sent_once(result),
        Outcome::Rds(RdsOutcome::SnapshotDeleted { result, .. }) => sent_once(result),
        Outcome::Ddb(DdbOutcome::Written { result, .. }) => match result {
            Ok(dynamodb::Written::FoundApplied) => (
                audit::Outcome::Ok,
                Some("answer lost; a consistent re-read shows it applied".into()),
            ),
            Ok(dynamodb::Written::Done) => (audit::Outcome::Ok, None),
            Err(e) => single(Some(e)),
        },
        Outcome::Lambda(LambdaOutcome::Invoked { result, .. }) => match result {
            Ok(r) => (
                audit::Outcome::Ok,
                Some(match &r.function_error {
                    Some(e) => format!("status {}, function error {e}", r.status),
                    None => format!("status {}", r.status),
                }),
            ),
            Err(e) => single(Some(e)),
        },
        Outcome::S3(S3Outcome::BucketChanged { result, .. }) => sent_once(result),
        Outcome::FollowUp(answered) => result_of(&answered.outcome),
        Outcome::Sqs(o) => match super::sqs_mutation::ended(o) {
            Some(Ok(summary)) => (audit::Outcome::Ok, summary),
            Some(Err(e)) => single(Some(e)),
            None => (
                audit::Outcome::Failed,
                Some(format!("unexpected answer: {}", variant_name(outcome))),
            ),
        },
        Outcome::Sns(super::sns::SnsOutcome::Published { result, .. }) => match result {
            Ok(id) => (audit::Outcome::Ok, Some(format!("message id {id}"))),
            Err(e) => single(Some(e)),
        },
        Outcome::S3(S3Outcome::Uploaded {
            files,
            bytes,
            failed,
        }) => counted(*files, failed, &format!("{files} files, {bytes} bytes")),
        Outcome::S3(S3Outcome::Deleted(tally)) => {
            let mut summary = format!("{} deleted", tally.deleted);
            if tally.kept > 0 {
                summary.push_str(&format!(", {} written since the count kept", tally.kept));
            }
            counted(tally.deleted, &tally.failed, &summary)
        }
        other => (
            audit::Outcome::Failed,
            Some(format!("unexpected answer: {}", variant_name(other))),
        ),
    }
}

/// A lost answer is neither a success nor a refusal: the line says so.
fn single(error: Option<&AwsError>) -> (audit::Outcome, Option<String>) {
    match error {
        None => (audit::Outcome::Ok, None),
        Some(e) if e.outcome_unknown() => (
            audit::Outcome::Unknown,
            Some(format!("answer lost, not sent again: {}", e.summary())),
        ),
        Some(e) => (audit::Outcome::Failed, Some(e.summary())),
    }
}

fn sent_once<T>(result: &Result<Sent<T>, AwsError>) -> (audit::Outcome, Option<String>) {
    match result {
        Ok(Sent::FoundApplied(_)) => (
            audit::Outcome::Ok,
            Some("answer lost; a re-read shows it applied (sent once)".into()),
        ),
        Ok(Sent::Answered(_)) => (audit::Outcome::Ok, None),
        Err(e) => single(Some(e)),
    }
}

fn per_target<'a>(
    errors: impl Iterator<Item = Option<&'a AwsError>>,
) -> (audit::Outcome, Option<String>) {
    let errors: Vec<Option<&AwsError>> = errors.collect();
    let failed: Vec<&AwsError> = errors.iter().flatten().copied().collect();
    match failed.first() {
        None => (audit::Outcome::Ok, None),
        Some(_) if failed.len() == errors.len() && failed.iter().all(|e| e.outcome_unknown()) => {
            single(failed.first().copied())
        }
        Some(first) if failed.len() == errors.len() => {
            (audit::Outcome::Failed, Some(first.summary()))
        }
        Some(first) => (
            audit::Outcome::Partial,
            Some(format!(
                "{} of {} failed: {}",
                failed.len(),
                errors.len(),
                first.summary()
            )),
        ),
    }
}

fn counted(
    done: usize,
    failed: &[(String, String)],
    summary: &str,
) -> (audit::Outcome, Option<String>) {
    match failed.first() {
        None => (audit::Outcome::Ok, Some(summary.to_string())),
        Some((what, why)) => (
            if done == 0 {
                audit::Outcome::Failed
            } else {
                audit::Outcome::Partial
            },
            Some(format!(
                "{summary}, {} failed (first: {what}: {why})",
                failed.len()
            )),
        ),
    }
}

fn variant_name(outcome: &Outcome) -> String {
    let text = format!("{outcome:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ContextKey;
    use crate::aws::dynamodb::Write;
    use crate::aws::dynamodb_value::Value;
    use crate::aws::ec2::ActionResult;
    use crate::aws::lambda::{Invocation, InvocationType};

    #[test]
    fn partiql_says_a_write_changes_data_and_anything_else_is_not_a_select() {
        assert_eq!(partiql_refusal("select * from t"), None);
        assert_eq!(
            partiql_refusal("SELEKT nonsense").as_deref(),
            Some("PartiQL: only SELECT runs here; 'SELEKT …' is not a SELECT statement")
        );
        assert_eq!(
            partiql_refusal("EXPLAIN").as_deref(),
            Some("PartiQL: only SELECT runs here; 'EXPLAIN' is not a SELECT statement")
        );
        for (statement, verb) in [
            ("update t set a = 1", "UPDATE"),
            ("DELETE FROM t", "DELETE"),
            ("Insert into t value {'k': 1}", "INSERT"),
        ] {
            assert_eq!(
                partiql_refusal(statement),
                Some(format!(
                    "only SELECT runs from :partiql ('{verb}' changes data)"
                )),
            );
        }
    }

    fn ctx() -> ContextKey {
        ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        }
    }

    #[test]
    fn a_put_names_its_key_and_never_the_attributes() {
        let item = [
            ("pk".to_string(), Value::S("order#1".into())),
            ("card".to_string(), Value::S("4111-1111".into())),
        ]
        .into_iter()
        .collect();
        let op = Op::Ddb(DdbOp::Write {
            ctx: ctx(),
            table: "orders".into(),
            write: Box::new(Write::Put {
                item,
                keys: vec!["pk".into()],
                replace: false,
            }),
        });
        let m = op.mutation().expect("a write");
        assert_eq!(m.operation, "PutItem");
        assert_eq!(m.resources, [r#"orders {"pk": "order#1"}"#]);
    }

    #[test]
    fn an_invocation_records_the_payload_size_only() {
        let op = Op::Lambda(LambdaOp::Invoke {
            ctx: ctx(),
            call: Invocation {
                function: "pay".into(),
                qualifier: Some("live".into()),
                kind: InvocationType::Event,
                payload: br#"{"token":"secret"}"#.to_vec(),
            },
            files: Default::default(),
        });
        let m = op.mutation().expect("a write");
        assert_eq!(m.resources, ["pay:live", "type Event", "payload 18 bytes"]);
        assert!(!format!("{m:?}").contains("secret"));
    }

    #[test]
    fn reads_and_dry_runs_are_not_writes() {
        let dry = Op::Ec2(Ec2Op::DryRun {
            ctx: ctx(),
            action: ec2::Action::Terminate,
            ids: vec!["i-1".into()],
        });
        assert_eq!(dry.mutation(), None);
        assert_eq!(Op::S3(S3Op::Buckets(ctx())).mutation(), None);
        // …but a dry run rehearses the very write it asks about, for the guard.
        let act = Op::Ec2(Ec2Op::Act {
            ctx: ctx(),
            action: ec2::Action::Terminate,
            ids: vec!["i-1".into()],
        });
        assert_eq!(dry.rehearsal(), act.mutation());
        assert_eq!(act.rehearsal(), None);
        assert_eq!(Op::S3(S3Op::Buckets(ctx())).rehearsal(), None);
    }

    #[test]
    fn a_lost_answer_is_outcome_unknown_and_a_re_read_success_is_ok() {
        let lost = AwsError::new(crate::aws::ErrorKind::Timeout, "no answer");
        let invoked = Outcome::Lambda(LambdaOutcome::Invoked {
            result: Err(lost.clone()),
            sent_ms: 0,
            history_error: None,
        });
        let (outcome, detail) = result_of(&invoked);
        assert_eq!(outcome, audit::Outcome::Unknown);
        assert_eq!(outcome.label(), "outcome unknown");
        assert!(detail.unwrap().contains("not sent again"));
        let refused = Outcome::S3(S3Outcome::BucketChanged {
            name: "b".into(),
            created: true,
            result: Err(AwsError::new(crate::aws::ErrorKind::AccessDenied, "no")),
        });
        assert_eq!(result_of(&refused).0, audit::Outcome::Failed);
        let found = Outcome::S3(S3Outcome::BucketChanged {
            name: "b".into(),
            created: true,
            result: Ok(Sent::FoundApplied(())),
        });
        let (outcome, detail) = result_of(&found);
        assert_eq!(outcome, audit::Outcome::Ok);
        assert!(detail.unwrap().contains("re-read"));
    }

    #[test]
    fn bulk_results_are_ok_partial_or_failed() {
        let result = |ok: bool| ActionResult {
            id: "i".into(),
            result: if ok {
                Ok("stopping".into())
            } else {
                Err(AwsError::new(crate::aws::ErrorKind::AccessDenied, "no"))
            },
        };
        let acted = |results| {
            Outcome::Ec2(Ec2Outcome::Acted {
                action: ec2::Action::Stop,
                results,
            })
        };
        assert_eq!(result_of(&acted(vec![result(true)])).0, audit::Outcome::Ok);
        let (o, detail) = result_of(&acted(vec![result(true), result(false)]));
        assert_eq!(o, audit::Outcome::Partial);
        assert_eq!(detail.as_deref(), Some("1 of 2 failed: no"));
        assert_eq!(
            result_of(&acted(vec![result(false)])).0,
            audit::Outcome::Failed
        );
    }
}
