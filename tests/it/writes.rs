//! "Does this write?" is decided by `Op::mutation`; the command table's `dangerous` (what
//! read-only mode hides and refuses before a view even starts) must agree with it both ways.

use awsterm::aws::ContextKey;
use awsterm::aws::cloudformation::StackAction;
use awsterm::aws::dynamodb::Write;
use awsterm::aws::dynamodb_value::{Item, Value};
use awsterm::aws::ecs::ServiceChange;
use awsterm::aws::lambda::{Invocation, InvocationType};
use awsterm::aws::secrets::SecretText;
use awsterm::aws::ssm::{NewVersion, ParamType};
use awsterm::aws::{ec2, rds};
use awsterm::command::{COMMANDS, CommandId};
use awsterm::protocol::Op;
use awsterm::protocol::cloudformation::CfnOp;
use awsterm::protocol::dynamodb::DdbOp;
use awsterm::protocol::ec2::Ec2Op;
use awsterm::protocol::ecs::EcsOp;
use awsterm::protocol::lambda::LambdaOp;
use awsterm::protocol::rds::RdsOp;
use awsterm::protocol::s3::{DeletePlan, S3Op, UploadJob};
use awsterm::protocol::sns::SnsOp;
use awsterm::protocol::sqs::SqsOp;
use awsterm::protocol::ssm::SsmOp;
use std::collections::BTreeSet;

type Write_ = (&'static str, &'static str);

/// The writes each command leads to, as `Op::mutation` (or a session's access) names them.
fn writes_of(command: CommandId) -> &'static [Write_] {
    use CommandId::*;
    match command {
        CreateBucket => &[("s3", "CreateBucket")],
        DeleteBucket => &[("s3", "DeleteBucket")],
        Upload => &[("s3", "PutObject")],
        Delete => &[("s3", "DeleteObjects")],
        EditItem => &[("dynamodb", "UpdateItem")],
        NewItem => &[("dynamodb", "PutItem")],
        DeleteItem => &[("dynamodb", "DeleteItem")],
        Start => &[
            ("ec2", "StartInstances"),
            ("rds", "StartDBInstance"),
            ("rds", "StartDBCluster"),
        ],
        Stop => &[
            ("ec2", "StopInstances"),
            ("rds", "StopDBInstance"),
            ("rds", "StopDBCluster"),
        ],
        Reboot => &[
            ("ec2", "RebootInstances"),
            ("rds", "RebootDBInstance"),
            ("rds", "RebootDBCluster"),
        ],
        Terminate => &[("ec2", "TerminateInstances")],
        Failover => &[
            ("rds", "RebootDBInstance (failover)"),
            ("rds", "RebootDBCluster (failover)"),
        ],
        Snapshot => &[("rds", "CreateDBSnapshot")],
        DeleteSnapshot => &[("rds", "DeleteDBSnapshot")],
        Invoke => &[("lambda", "Invoke")],
        DeleteStack => &[("cloudformation", "DeleteStack")],
        ContinueRollback => &[("cloudformation", "ContinueUpdateRollback")],
        CancelUpdate => &[("cloudformation", "CancelUpdateStack")],
        PutParameter => &[("ssm", "PutParameter")],
        NewParameter => &[("ssm", "PutParameter")],
        Peek => &[("sqs", "ReceiveMessage")],
        SendMessage => &[("sqs", "SendMessage")],
        PurgeQueue => &[("sqs", "PurgeQueue")],
        Redrive => &[("sqs", "StartMessageMoveTask")],
        CancelRedrive => &[("sqs", "CancelMessageMoveTask")],
        Publish => &[("sns", "Publish")],
        // Sessions are guarded and audited as access, not as an op (see `effect::Session`).
        Connect => &[("ssm", "start-session")],
        Ssh => &[("ssh", "connect")],
        EcsExec => &[("ecs", "execute-command")],
        ScaleService | ForceDeploy => &[("ecs", "UpdateService")],
        _ => &[],
    }
}

fn ctx() -> ContextKey {
    ContextKey {
        profile: Some("prod".into()),
        region: "eu-west-1".into(),
    }
}

fn item() -> Item {
    [("pk".to_string(), Value::S("k".into()))]
        .into_iter()
        .collect()
}

/// One op of every kind that writes.
fn writing_ops() -> Vec<Op> {
    let mut ops = Vec::new();
    for action in [
        ec2::Action::Start,
        ec2::Action::Stop,
        ec2::Action::Reboot,
        ec2::Action::Terminate,
    ] {
        ops.push(Op::Ec2(Ec2Op::Act {
            ctx: ctx(),
            action,
            ids: vec!["i-1".into()],
        }));
    }
    for action in [
        rds::Action::Start,
        rds::Action::Stop,
        rds::Action::Reboot,
        rds::Action::Failover,
    ] {
        for kind in [rds::Kind::Instance, rds::Kind::Cluster] {
            ops.push(Op::Rds(RdsOp::Act {
                ctx: ctx(),
                action,
                targets: vec![(kind, "db".into())],
            }));
        }
    }
    ops.push(Op::Rds(RdsOp::CreateSnapshot {
        ctx: ctx(),
        kind: rds::Kind::Instance,
        db_id: "db".into(),
        name: "s".into(),
    }));
    ops.push(Op::Rds(RdsOp::DeleteSnapshot {
        ctx: ctx(),
        kind: rds::Kind::Instance,
        db_id: "db".into(),
        id: "s".into(),
    }));
    for write in [
        Write::Update(awsterm::aws::dynamodb_edit::Update {
            key: item(),
            edited: item(),
            update: "SET #a = :a".into(),
            condition: String::new(),
            names: Default::default(),
            values: Default::default(),
        }),
        Write::Put {
            item: item(),
            keys: vec!["pk".into()],
            replace: false,
        },
        Write::Delete {
            key: item(),
            original: item(),
        },
    ] {
        ops.push(Op::Ddb(DdbOp::Write {
            ctx: ctx(),
            table: "t".into(),
            write: Box::new(write),
        }));
    }
    ops.push(Op::Lambda(LambdaOp::Invoke {
        ctx: ctx(),
        call: Invocation {
            function: "f".into(),
            qualifier: None,
            kind: InvocationType::RequestResponse,
            payload: b"{}".to_vec(),
        },
        files: Default::default(),
    }));
    ops.push(Op::S3(S3Op::CreateBucket(ctx(), "b".into())));
    ops.push(Op::S3(S3Op::DeleteBucket(ctx(), "b".into())));
    ops.push(Op::S3(S3Op::Upload(UploadJob {
        ctx: ctx(),
        bucket: "b".into(),
        files: vec![("/tmp/x".into(), "x".into(), 1)],
    })));
    ops.push(Op::S3(S3Op::Delete {
        ctx: ctx(),
        bucket: "b".into(),
        plan: DeletePlan {
            keys: vec!["x".into()],
            prefixes: Vec::new(),
        },
    }));
    for action in [
        StackAction::Delete,
        StackAction::ContinueRollback,
        StackAction::CancelUpdate,
    ] {
        ops.push(Op::Cfn(CfnOp::Act {
            ctx: ctx(),
            stack: "app".into(),
            action,
        }));
    }
    ops.push(Op::Ssm(SsmOp::Put {
        ctx: ctx(),
        new: NewVersion {
            name: "/app/prod/db/password".into(),
            kind: ParamType::SecureString,
            value: SecretText::new("s3cr3t-value"),
            base_version: 2,
        },
    }));
    let url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q".to_string();
    ops.push(Op::Sqs(SqsOp::Send {
        ctx: ctx(),
        url: url.clone(),
        message: awsterm::aws::sqs::Outgoing {
            body: "b".into(),
            group_id: None,
            dedup_id: None,
        },
    }));
    ops.push(Op::Sqs(SqsOp::Peek {
        ctx: ctx(),
        url: url.clone(),
    }));
    ops.push(Op::Sqs(SqsOp::Purge { ctx: ctx(), url }));
    ops.push(Op::Sqs(SqsOp::StartMove {
        ctx: ctx(),
        source_arn: "arn:aws:sqs:eu-west-1:123456789012:q-dlq".into(),
        destination: None,
    }));
    ops.push(Op::Sqs(SqsOp::CancelMove {
        ctx: ctx(),
        handle: "h".into(),
    }));
    ops.push(Op::Sns(SnsOp::Publish {
        ctx: ctx(),
        topic: "arn:aws:sns:eu-west-1:123456789012:t".into(),
        message: awsterm::aws::sns::Publication {
            subject: None,
            body: "b".into(),
            attributes: Default::default(),
            group_id: None,
            dedup_id: None,
        },
    }));
    for change in [ServiceChange::Scale(3), ServiceChange::ForceDeploy] {
        ops.push(Op::Ecs(EcsOp::Update {
            ctx: ctx(),
            cluster: "shop".into(),
            service: "web".into(),
            change,
        }));
    }
    ops
}

fn named(op: &Op) -> Option<(String, String)> {
    op.mutation()
        .map(|m| (m.service.to_string(), m.operation.to_string()))
}

#[test]
fn a_command_is_dangerous_exactly_when_it_leads_to_a_write() {
    for spec in COMMANDS {
        assert_eq!(
            spec.dangerous,
            !writes_of(spec.id).is_empty(),
            "'{}': dangerous is {} but it leads to {:?}",
            spec.name,
            spec.dangerous,
            writes_of(spec.id)
        );
    }
}

#[test]
fn every_write_an_op_makes_comes_from_a_dangerous_command_and_back() {
    let from_commands: BTreeSet<(String, String)> = COMMANDS
        .iter()
        .filter(|c| c.dangerous)
        .flat_map(|c| writes_of(c.id))
        .filter(|(_, operation)| {
            !matches!(*operation, "start-session" | "connect" | "execute-command")
        })
        .map(|(s, o)| (s.to_string(), o.to_string()))
        .collect();
    let from_ops: BTreeSet<(String, String)> = writing_ops()
        .iter()
        .map(|op| named(op).unwrap_or_else(|| panic!("{op:?} does not write")))
        .collect();
    assert_eq!(from_commands, from_ops);
}

#[test]
fn a_partiql_statement_writes_unless_it_is_a_select() {
    let statement = |text: &str| {
        Op::Ddb(DdbOp::Statement {
            ctx: ctx(),
            statement: text.into(),
            token: None,
        })
    };
    for reads in ["SELECT * FROM \"t\"", "  select pk FROM t", "Select 1"] {
        assert_eq!(named(&statement(reads)), None, "{reads}");
    }
    for writes in [
        "UPDATE \"t\" SET a = 1 WHERE pk = 'k'",
        "delete FROM t WHERE pk = 'k'",
        "INSERT INTO t VALUE {'pk': 'k'}",
        "EXISTS(SELECT * FROM t)",
    ] {
        let m = statement(writes).mutation().expect(writes);
        assert_eq!(
            (m.service, m.operation.as_str()),
            ("dynamodb", "ExecuteStatement")
        );
        // Values stay out of the audit log: the verb only.
        assert!(!format!("{m:?}").contains("'k'"), "{m:?}");
    }
}

#[test]
fn a_parameter_put_is_audited_by_name_and_its_value_is_in_no_debug_text() {
    let op = Op::Ssm(SsmOp::Put {
        ctx: ctx(),
        new: NewVersion {
            name: "/app/prod/db/password".into(),
            kind: ParamType::SecureString,
            value: SecretText::new("s3cr3t-value"),
            base_version: 2,
        },
    });
    let m = op.mutation().expect("a write");
    assert_eq!(m.resources, ["/app/prod/db/password"]);
    for text in [format!("{m:?}"), format!("{op:?}")] {
        assert!(!text.contains("s3cr3t"), "{text}");
    }
}
