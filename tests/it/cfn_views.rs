//! `:cfn` through the real app loop on in-memory stacks: the list at 80×24 (nested stacks
//! under their parent, deleted ones hidden until asked for), the stack's events with the
//! root cause picked out, its resources opening their own views, outputs copied, the
//! template in the pager, the list across two profiles at 160 columns, and the writes —
//! refused in the wrong state, typed confirmation, audited, sent once.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::app::host::HostAction;
use awsterm::aws::cloudformation::{Output, Parameter, Stack, StackEvent, StackResource};
use awsterm::aws::fake::{FakeCfn, FakeStack, FakeSts, adapters};
use std::time::Duration;

fn arn(region: &str, name: &str) -> String {
    format!(
        "arn:aws:cloudformation:{region}:111111111111:stack/{name}/0f1e2d3c-aaaa-bbbb-cccc-{name:0>12}"
    )
}

fn ago(secs: i64) -> Option<i64> {
    Some(awsterm::clock::now_secs() - secs)
}

fn stack(name: &str, status: &str, description: &str) -> Stack {
    Stack {
        name: name.into(),
        id: arn("us-east-1", name),
        status: status.into(),
        reason: None,
        changed: ago(3 * 3600),
        drift: "NOT_CHECKED".into(),
        description: description.into(),
        parent: None,
        root: None,
    }
}

fn event(logical: &str, kind: &str, status: &str, reason: &str, at: i64) -> StackEvent {
    StackEvent {
        id: format!("{logical}-{status}-{at}"),
        time: Some(1_767_225_600 + at),
        logical_id: logical.into(),
        physical_id: match kind {
            "AWS::Lambda::Function" => "web-handler".into(),
            "AWS::DynamoDB::Table" => "web-sessions".into(),
            _ => String::new(),
        },
        resource_type: kind.into(),
        status: status.into(),
        reason: (!reason.is_empty()).then(|| reason.into()),
    }
}

/// An update that failed on the function: the cancelled table after it, then the rollback.
fn failed_update() -> Vec<StackEvent> {
    let mut chronological = vec![
        event(
            "web",
            "AWS::CloudFormation::Stack",
            "UPDATE_IN_PROGRESS",
            "User Initiated",
            0,
        ),
        event(
            "Handler",
            "AWS::Lambda::Function",
            "UPDATE_IN_PROGRESS",
            "",
            5,
        ),
        event(
            "Sessions",
            "AWS::DynamoDB::Table",
            "UPDATE_IN_PROGRESS",
            "",
            6,
        ),
        event(
            "Handler",
            "AWS::Lambda::Function",
            "UPDATE_FAILED",
            "Value 1200 at 'timeout' failed to satisfy constraint: Member must be <= 900",
            9,
        ),
        event(
            "Sessions",
            "AWS::DynamoDB::Table",
            "UPDATE_FAILED",
            "Resource update cancelled",
            10,
        ),
        event(
            "web",
            "AWS::CloudFormation::Stack",
            "UPDATE_ROLLBACK_IN_PROGRESS",
            "The following resource(s) failed to update: [Handler, Sessions].",
            11,
        ),
        event(
            "Handler",
            "AWS::Lambda::Function",
            "UPDATE_COMPLETE",
            "",
            20,
        ),
        event(
            "web",
            "AWS::CloudFormation::Stack",
            "UPDATE_ROLLBACK_COMPLETE",
            "",
            30,
        ),
    ];
    chronological.reverse();
    chronological
}

fn stacks() -> Vec<FakeStack> {
    let mut nested = stack(
        "payments-db",
        "CREATE_COMPLETE",
        "Aurora cluster for payments",
    );
    nested.parent = Some("payments".into());
    nested.root = Some("payments".into());
    let mut web = stack(
        "web",
        "UPDATE_ROLLBACK_COMPLETE",
        "Public web tier: handler and sessions",
    );
    web.drift = "DRIFTED".into();
    web.changed = ago(600);
    vec![
        FakeStack {
            stack: web,
            events: failed_update(),
            resources: vec![
                StackResource {
                    logical_id: "Handler".into(),
                    physical_id: "web-handler".into(),
                    resource_type: "AWS::Lambda::Function".into(),
                    status: "UPDATE_COMPLETE".into(),
                    ..StackResource::default()
                },
                StackResource {
                    logical_id: "Sessions".into(),
                    physical_id: "web-sessions".into(),
                    resource_type: "AWS::DynamoDB::Table".into(),
                    status: "UPDATE_COMPLETE".into(),
                    ..StackResource::default()
                },
                StackResource {
                    logical_id: "Jobs".into(),
                    physical_id: "https://sqs.us-east-1.amazonaws.com/111111111111/jobs".into(),
                    resource_type: "AWS::SQS::Queue".into(),
                    status: "CREATE_COMPLETE".into(),
                    ..StackResource::default()
                },
            ],
            outputs: vec![Output {
                key: "ApiUrl".into(),
                value: "https://api.example.com/v1".into(),
                description: Some("The public endpoint".into()),
                export: Some("web-ApiUrl".into()),
            }],
            parameters: vec![
                Parameter {
                    key: "Env".into(),
                    value: "prod".into(),
                },
                Parameter {
                    key: "DbPassword".into(),
                    value: "****".into(),
                },
            ],
            template: r#"{"Resources":{"Jobs":{"Type":"AWS::SQS::Queue"}}}"#.into(),
            ..FakeStack::default()
        },
        FakeStack {
            stack: nested.clone(),
            ..FakeStack::default()
        },
        FakeStack {
            stack: stack("payments", "CREATE_COMPLETE", "Payments service"),
            resources: vec![StackResource {
                logical_id: "Database".into(),
                physical_id: nested.id.clone(),
                resource_type: "AWS::CloudFormation::Stack".into(),
                status: "CREATE_COMPLETE".into(),
                ..StackResource::default()
            }],
            ..FakeStack::default()
        },
        FakeStack {
            stack: stack("old-api", "DELETE_COMPLETE", "Retired API"),
            ..FakeStack::default()
        },
    ]
}

fn with_cfn(cfn: FakeCfn) -> awsterm::aws::Adapters {
    adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_cfn(cfn)
}

fn row<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_default()
}

#[tokio::test]
async fn stacks_at_80_columns_nested_under_their_parent_and_deleted_ones_on_request() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_cfn(FakeCfn::with(stacks())),
        80,
        24,
    );
    h.keys(":cfn<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("CloudFormation stacks [3]"), "{screen}");
    assert!(
        !screen.contains("old-api"),
        "deleted stacks are hidden: {screen}"
    );
    assert!(
        row(&screen, "web").contains("↺ UPDATE_ROLLBACK_COMPLETE"),
        "{screen}"
    );
    assert!(row(&screen, "web").contains("DRIFTED"), "{screen}");
    let lines: Vec<&str> = screen.lines().collect();
    let parent = lines.iter().position(|l| l.contains("payments ")).unwrap();
    assert!(
        lines[parent + 1].contains("└ payments-db"),
        "the nested stack right under its parent: {screen}"
    );
    insta::assert_snapshot!(screen);

    h.keys("H").await;
    let screen = h.screen();
    assert!(screen.contains("with deleted"), "{screen}");
    assert!(
        row(&screen, "old-api").contains("✕ DELETE_COMPLETE"),
        "{screen}"
    );
    h.keys(":stacks deleted<Enter>").await;
    assert!(h.screen().contains("old-api"), "{}", h.screen());
}

#[tokio::test]
async fn a_stack_shows_the_root_cause_above_its_events_and_its_resources_open_their_views() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_cfn(FakeCfn::with(stacks())),
        80,
        24,
    );
    h.keys(":cfn<Enter>/web<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("✗ root cause: Handler (AWS::Lambda::Function) UPDATE_FAILED"),
        "{screen}"
    );
    assert!(
        !row(&screen, "root cause").contains("Sessions"),
        "not the cancelled cascade: {screen}"
    );
    assert!(screen.contains("Events 8"), "{screen}");
    insta::assert_snapshot!("stack_events_with_root_cause", screen);

    h.keys("<right>").await;
    let screen = h.screen();
    assert!(screen.contains("web · resources"), "{screen}");
    assert!(row(&screen, "Jobs").contains("AWS::SQS::Queue"), "{screen}");
    insta::assert_snapshot!("stack_resources", screen);

    // A queue has no view here: said, and nothing opened.
    h.keys("G<Enter>").await;
    assert!(
        h.screen().contains("no awsterm view for AWS::SQS::Queue"),
        "{}",
        h.screen()
    );
    // The table opens in the DynamoDB views.
    h.keys("<Home>j<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("web-sessions"), "{screen}");
    assert!(!screen.contains("web · resources"), "{screen}");
}

#[tokio::test]
async fn outputs_copy_their_value_parameters_stay_masked_and_the_template_opens_in_the_pager() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_cfn(FakeCfn::with(stacks())),
        100,
        24,
    );
    h.keys(":cfn<Enter>/web<Enter><Enter><right><right>").await;
    let screen = h.screen();
    assert!(row(&screen, "ApiUrl").contains("web-ApiUrl"), "{screen}");
    h.keys("y").await;
    assert!(
        h.host
            .actions
            .contains(&HostAction::Copy("https://api.example.com/v1".into())),
        "{:?}",
        h.host.actions
    );
    h.keys("<right>").await;
    let screen = h.screen();
    assert!(row(&screen, "DbPassword").contains("****"), "{screen}");
    h.keys("t").await;
    let screen = h.screen();
    assert!(
        screen.contains("\"AWS::SQS::Queue\""),
        "pretty JSON: {screen}"
    );
}

#[tokio::test]
async fn a_nested_stack_opens_from_its_parent_s_resources() {
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_cfn(FakeCfn::with(stacks())),
        100,
        24,
    );
    h.keys(":cfn<Enter>/payments<Enter><Enter><right><Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("stack payments-db"), "{screen}");
}

/// `dev` and `prod` with stacks of their own.
fn two_contexts() -> awsterm::aws::Adapters {
    let mut prod = stacks();
    prod.truncate(1);
    prod[0].stack.id = arn("eu-west-1", "web");
    prod[0].stack.status = "UPDATE_IN_PROGRESS".into();
    let cfn = FakeCfn::default()
        .at("dev", stacks())
        .at("prod", prod)
        .frozen();
    adapters(
        FakeSts::default()
            .with("dev", "111111111111", "user/alice")
            .with("prod", "222222222222", "assumed-role/ops/awsterm"),
    )
    .with_cfn(cfn)
}

#[tokio::test]
async fn stacks_across_two_profiles_at_160_columns() {
    let mut h = Harness::sized(options(two_profiles(), "dev"), two_contexts(), 160, 24);
    h.keys(":cfn @profiles dev prod<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("CloudFormation stacks · @profiles dev prod · 2 contexts"),
        "{screen}"
    );
    assert!(
        row(&screen, "222222222222").contains("◐ UPDATE_IN_PROGRESS"),
        "{screen}"
    );
    assert!(screen.contains("1 changing"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[tokio::test]
async fn a_stack_in_progress_is_watched_until_it_settles() {
    let mut live = stacks();
    live[0].stack.status = "UPDATE_IN_PROGRESS".into();
    let mut h = Harness::sized(
        options(two_profiles(), "dev"),
        with_cfn(FakeCfn::with(live)),
        100,
        24,
    );
    h.keys(":cfn<Enter>").await;
    assert!(
        row(&h.screen(), "web").contains("◐ UPDATE_IN_PROGRESS"),
        "{}",
        h.screen()
    );
    h.wait(Duration::from_millis(2600)).await;
    assert!(
        row(&h.screen(), "web").contains("UPDATE_COMPLETE"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn delete_asks_for_the_stack_name_and_is_audited_the_other_actions_need_their_state() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("audit.jsonl");
    let mut o = options(two_profiles(), "dev");
    o.audit_log = awsterm::audit::AuditLog::to_file(path.clone());
    let cfn = FakeCfn::with(stacks());
    let calls = cfn.calls.clone();
    let mut h = Harness::sized(o, with_cfn(cfn), 100, 24);
    h.keys(":cfn<Enter>/web<Enter>").await;

    // Not in UPDATE_ROLLBACK_FAILED / UPDATE_IN_PROGRESS: refused here, nothing sent.
    h.keys("U").await;
    assert!(
        h.screen().contains(
            "continue-rollback needs UPDATE_ROLLBACK_FAILED; web is UPDATE_ROLLBACK_COMPLETE"
        ),
        "{}",
        h.screen()
    );
    h.keys("x").await;
    assert!(
        h.screen()
            .contains("cancel-update needs UPDATE_IN_PROGRESS"),
        "{}",
        h.screen()
    );
    assert!(calls.lock().unwrap().is_empty());

    h.keys("X").await;
    assert!(h.screen().contains("Delete stack web?"), "{}", h.screen());
    h.keys("nope<Enter>").await;
    assert!(
        calls.lock().unwrap().is_empty(),
        "a wrong name sends nothing"
    );
    h.keys("<Esc>X").await;
    h.keys("web<Enter>").await;
    assert_eq!(*calls.lock().unwrap(), ["DeleteStack web@dev@us-east-1"]);
    assert!(h.screen().contains("deleting stack web"), "{}", h.screen());
    let (entries, _) = awsterm::audit::read_recent(&path, 10).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].operation, "DeleteStack");
    assert_eq!(entries[0].service, "cloudformation");
}

#[tokio::test]
async fn read_only_mode_sends_no_stack_write() {
    let cfn = FakeCfn::with(stacks());
    let calls = cfn.calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_cfn(cfn), 100, 24);
    h.app.set_read_only(true);
    h.keys(":cfn<Enter>/web<Enter>X").await;
    h.keys("web<Enter>").await;
    assert!(
        calls.lock().unwrap().is_empty(),
        "{:?}",
        calls.lock().unwrap()
    );
}

#[tokio::test]
async fn a_listing_that_panics_shows_its_error_in_the_view() {
    let cfn = FakeCfn::with(stacks());
    cfn.crashes.add("stacks");
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_cfn(cfn), 100, 24);
    h.keys(":cfn<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("CloudFormation stacks · error: internal error: fake adapter crashed in"),
        "{screen}"
    );
    assert!(!screen.contains("loading"), "{screen}");
}

#[tokio::test]
async fn an_open_stack_is_read_again_while_it_changes_and_cancel_update_needs_it_in_progress() {
    let mut live = stacks();
    live[0].stack.status = "UPDATE_IN_PROGRESS".into();
    // In progress for the listing, the stack view's first read and one poll.
    live[0].reads_in_progress = 3;
    let cfn = FakeCfn::with(live);
    let calls = cfn.calls.clone();
    let mut h = Harness::sized(options(two_profiles(), "dev"), with_cfn(cfn), 100, 24);
    h.keys(":cfn<Enter>/web<Enter><Enter>").await;
    assert!(
        h.screen().contains("◐ UPDATE_IN_PROGRESS"),
        "{}",
        h.screen()
    );
    h.keys("x").await;
    assert!(
        h.screen().contains("Cancel the update of web?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    assert_eq!(
        *calls.lock().unwrap(),
        ["CancelUpdateStack web@dev@us-east-1"]
    );
    assert!(
        h.screen().contains("cancelling the update of web"),
        "{}",
        h.screen()
    );
    assert!(
        h.screen().contains("◐ UPDATE_ROLLBACK_IN_PROGRESS"),
        "{}",
        h.screen()
    );
    // Polled until it settles, then no more.
    h.wait(Duration::from_millis(2600)).await;
    h.wait(Duration::from_millis(3600)).await;
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap_or_default()
            .contains("↺ UPDATE_ROLLBACK_COMPLETE"),
        "{screen}"
    );
}
