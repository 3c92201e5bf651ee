//! RDS databases, Lambda functions and S3 buckets on the engine: rows in their context, actions
//! in the row's context, and a listing that crashes shows its error in the view.

use super::super::buckets::{self, Buckets};
use super::super::databases::Databases;
use super::super::functions::Functions;
use super::*;
use crate::aws::lambda::Function;
use crate::aws::rds::{self, Database};
use crate::aws::s3::Bucket;
use crate::protocol::lambda::LambdaOp;
use crate::protocol::rds::{RdsOp, RdsOutcome};
use crate::protocol::s3::S3Op;

fn database(id: &str, status: &str) -> Database {
    Database {
        id: id.into(),
        status: status.into(),
        engine: "postgres".into(),
        arn: format!("arn:aws:rds:eu-west-1:222222222222:db:{id}"),
        ..Database::default()
    }
}

fn function(name: &str) -> Function {
    Function {
        name: name.into(),
        arn: format!("arn:aws:lambda:eu-west-1:222222222222:function:{name}"),
        runtime: "python3.12".into(),
        ..Function::default()
    }
}

/// Opens the one view `effects` push and returns what it asks for first.
fn opened(effects: Vec<Effect>, env: &Env) -> Vec<Effect> {
    let mut effects = effects.into_iter();
    match (effects.next(), effects.next()) {
        (Some(Effect::Push(make)), None) => make(PaneId(99)).on_open(&env.cx()),
        _ => panic!("expected one view to open"),
    }
}

/// `arg`'s view of `kind`, with `rows` listed in `at` (account 222222222222).
fn listed<K: Kind>(kind: K, arg: &str, at: &ContextKey, rows: Vec<K::Row>) -> ResourceView<K> {
    let env = Env::new();
    let mut view = ResourceView::new(PaneId(1), kind, arg, &env.cx()).unwrap();
    view.on_open(&env.cx());
    view.apply(
        page(at.clone(), Some("222222222222"), rows, true),
        &env.cx(),
    );
    view.apply(ended(at.clone(), Some("222222222222"), Ok(())), &env.cx());
    view
}

#[test]
fn databases_act_in_the_rows_context_and_are_watched_while_changing() {
    let env = Env::new();
    let b = ctx("team-b", "eu-west-1");
    let mut view = listed(
        Databases::new(true),
        "@profiles team-b",
        &b,
        vec![
            database("billing", "stopped"),
            database("orders", "available"),
        ],
    );
    assert_eq!(
        texts(&view.table.rows()[0])[..6],
        [
            "team-b",
            "222222222222",
            "eu-west-1",
            "billing",
            "instance",
            "○ stopped"
        ]
        .map(String::from),
        "where it is, then the database"
    );
    let orders = view.table.rows()[1].id();
    assert!(view.table.select_id(&orders));

    let effects = view.handle(CommandId::Start, &env.cx()).unwrap();
    let [Effect::Confirm(confirm)] = &effects[..] else {
        panic!("a confirmation")
    };
    assert!(
        confirm
            .lines
            .iter()
            .any(|l| l.contains("In team-b · 222222222222 · eu-west-1.")),
        "{:?}",
        confirm.lines
    );
    assert!(matches!(
        ops(&confirm.on_yes)[..],
        [Op::Rds(RdsOp::Act { ctx, action: rds::Action::Start, targets })]
            if *ctx == b && targets[0].1 == "orders"
    ));

    let effects = view.apply(
        Outcome::Rds(RdsOutcome::Acted {
            action: rds::Action::Start,
            results: vec![("orders".into(), Ok("starting".into()))],
        }),
        &env.cx(),
    );
    assert!(flashes(&effects)[0].contains("start: orders is starting"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Wake(PaneId(1), _)))
    );
    assert!(
        view.heading().ends_with("1 changing, watching"),
        "{}",
        view.heading()
    );
    let effects = view.wake(&env.cx());
    let [Op::List(poll)] = ops(&effects)[..] else {
        panic!("a poll")
    };
    assert_eq!(poll.contexts, std::slice::from_ref(&b));

    // Copy gives the identifier, the ARN is the database's own, Enter reads it in its context.
    let effects = view.handle(CommandId::Copy, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Copy(id)] if id == "orders"));
    let effects = view.handle(CommandId::CopyArn, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Copy(arn)] if arn.ends_with(":db:orders")));
    let effects = opened(view.handle(CommandId::Open, &env.cx()).unwrap(), &env);
    assert!(matches!(
        ops(&effects)[..],
        [Op::Rds(RdsOp::Details { ctx, id, .. })] if *ctx == b && id == "orders"
    ));
}

#[test]
fn a_lost_rds_answer_lists_the_context_again() {
    let env = Env::new();
    let here = env.active.clone();
    let mut view = listed(
        Databases::new(false),
        "",
        &here,
        vec![database("orders", "available")],
    );
    let effects = view.handle(CommandId::Reboot, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Confirm(_)]));
    let effects = view.apply(
        Outcome::Rds(RdsOutcome::Acted {
            action: rds::Action::Reboot,
            results: vec![(
                "orders".into(),
                Err(AwsError::new(ErrorKind::Timeout, "no answer")),
            )],
        }),
        &env.cx(),
    );
    assert!(
        flashes(&effects)
            .iter()
            .any(|f| f.contains("an answer was lost; re-reading the state")),
        "{:?}",
        flashes(&effects)
    );
    let [Op::List(op)] = ops(&effects)[..] else {
        panic!("the context listed again")
    };
    assert_eq!(op.contexts, [here]);
}

#[test]
fn functions_open_details_workbench_environment_and_logs_in_the_rows_context() {
    let env = Env::new();
    let b = ctx("team-b", "eu-west-1");
    let mut view = listed(
        Functions::default(),
        "@profiles team-b",
        &b,
        vec![function("checkout")],
    );
    let effects = opened(view.handle(CommandId::Open, &env.cx()).unwrap(), &env);
    assert!(matches!(
        ops(&effects)[..],
        [Op::Lambda(LambdaOp::Details { ctx, name })] if *ctx == b && name == "checkout"
    ));
    for command in [
        CommandId::Invoke,
        CommandId::Environment,
        CommandId::FunctionLogs,
    ] {
        let effects = view.handle(command, &env.cx()).unwrap();
        assert!(matches!(&effects[..], [Effect::Push(_)]), "{command}");
    }
    let effects = opened(
        view.handle(CommandId::Environment, &env.cx()).unwrap(),
        &env,
    );
    assert!(matches!(
        ops(&effects)[..],
        [Op::Lambda(LambdaOp::Details { ctx, .. })] if *ctx == b
    ));
    let effects = view.handle(CommandId::Copy, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Copy(name)] if name == "checkout"));
}

#[test]
fn buckets_list_once_per_profile_and_open_in_their_own_region() {
    let env = Env::new();
    let mut view = ResourceView::new(
        PaneId(1),
        Buckets::new(true),
        "@profiles team-a,team-b @all-regions",
        &env.cx(),
    )
    .unwrap();
    let effects = view.on_open(&env.cx());
    let [Op::List(op)] = ops(&effects)[..] else {
        panic!("one listing")
    };
    assert_eq!(
        op.contexts,
        [ctx("team-a", "us-east-1"), ctx("team-b", "us-east-1")],
        "one context per profile, whatever the regions"
    );
    let b = ctx("team-b", "us-east-1");
    let bucket = Bucket {
        name: "b-logs".into(),
        created: None,
        region: Some("ap-south-1".into()),
    };
    view.apply(
        page(
            b.clone(),
            Some("222222222222"),
            vec![buckets::Row::new(bucket, true)],
            true,
        ),
        &env.cx(),
    );
    assert_eq!(
        texts(&view.table.rows()[0])[..4],
        ["team-b", "222222222222", "ap-south-1", "b-logs"].map(String::from),
        "the bucket's own region"
    );
    assert_eq!(view.columns.len(), 5, "no second REGION column");
    let effects = opened(view.handle(CommandId::Open, &env.cx()).unwrap(), &env);
    assert!(matches!(
        ops(&effects)[..],
        [Op::S3(S3Op::List { ctx, bucket, .. })]
            if *ctx == self::ctx("team-b", "ap-south-1") && bucket == "b-logs"
    ));
    let effects = view.handle(CommandId::Copy, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Copy(t)] if t == "s3://b-logs"));
}

/// Each kind's listing whose task dies (the app routes the failure to the view that asked): the view says so instead of loading forever.
#[test]
fn a_crashed_listing_shows_its_error_in_each_kinds_view() {
    fn crash<K: Kind>(kind: K, arg: &str) -> String {
        let env = Env::new();
        let mut view = ResourceView::new(PaneId(1), kind, arg, &env.cx()).unwrap();
        view.on_open(&env.cx());
        Pane::failed(
            &mut view,
            &crate::protocol::Failure::crashed(Some("list"), "task panicked: boom"),
        );
        let failed = view.table.rows().first().expect("a row saying why");
        assert!(failed.row().is_none());
        assert!(texts(failed).concat().contains("boom"));
        assert!(!view.heading().contains("loading"), "{}", view.heading());
        view.heading()
    }
    assert!(
        crash(Databases::new(false), "").contains("error: internal error: task panicked: boom")
    );
    assert!(crash(Functions::default(), "").contains("error: internal error: task panicked: boom"));
    assert!(crash(Buckets::new(false), "").contains("error: internal error: task panicked: boom"));
    assert!(crash(Databases::new(true), "@profiles *").contains("0 answered · 2 failed · error: "));
    assert!(crash(Functions::default(), "@profiles *").contains("0 answered · 2 failed · error: "));
    assert!(crash(Buckets::new(true), "@profiles *").contains("0 answered · 2 failed · error: "));
}

#[tokio::test]
async fn a_context_stops_listing_functions_at_the_cap_and_the_title_says_so() {
    use crate::aws::fake::{FakeLambda, FakeSts, adapters};
    let lambda = (0..5).fold(FakeLambda::default(), |f, i| {
        f.function(&format!("f{i}"), "python3.12", &[])
    });
    let adapters = adapters(FakeSts::default()).with_lambda(FakeLambda {
        page_size: 2,
        ..lambda
    });
    let kind = Functions::with_cap(3);
    let page = kind.page();
    let here = ctx("team-a", "us-east-1");
    let first = page(&adapters, here.clone(), None).await.unwrap();
    assert!(first.next.is_some(), "2 of 3: go on");
    assert_eq!(kind.title_note(), None);
    let second = page(&adapters, here.clone(), first.next).await.unwrap();
    assert_eq!(
        second.next, None,
        "4 listed: stop, although 1 more is there"
    );
    assert_eq!(kind.title_note().as_deref(), Some("1 context capped at 3"));
    // Listed again from the start: not capped until it is again.
    page(&adapters, here, None).await.unwrap();
    assert_eq!(kind.title_note(), None);
}
