//! CloudFormation against the emulator in fresh fake accounts: a stack made from a template
//! (a bucket, a queue, a log group, a parameter and an exported output) read through the
//! SDK adapter, then through the app — the list, the stack's events, resources, outputs,
//! parameters and template, a delete with its typed confirmation, `:cfn deleted` — and the
//! list across two accounts.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use awsterm::aws::ContextKey;
use awsterm::aws::cloudformation::StackAction;

fn template(bucket: &str) -> String {
    serde_json::json!({
        "Description": "Shop: uploads, jobs and logs",
        "Parameters": {"Env": {"Type": "String", "Default": "dev"}},
        "Resources": {
            "Uploads": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": bucket}},
            "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "shop-jobs"}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/shop/app"}}
        },
        "Outputs": {
            "JobsUrl": {
                "Value": {"Ref": "Jobs"},
                "Description": "The jobs queue",
                "Export": {"Name": "shop-JobsUrl"}
            }
        }
    })
    .to_string()
}

async fn create_stack(config: &aws_types::SdkConfig, name: &str, bucket: &str) -> String {
    aws_sdk_cloudformation::Client::new(config)
        .create_stack()
        .stack_name(name)
        .template_body(template(bucket))
        .parameters(
            aws_sdk_cloudformation::types::Parameter::builder()
                .parameter_key("Env")
                .parameter_value("prod")
                .build(),
        )
        .send()
        .await
        .expect("create stack")
        .stack_id()
        .expect("stack id")
        .to_string()
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

#[tokio::test]
async fn the_adapter_reads_a_stack_made_from_a_template_and_deletes_it() {
    let files = AwsFiles::for_test("the_adapter_reads_a_stack_made_from_a_template");
    let bucket = format!("shop-uploads-{}", files.account_id);
    let id = create_stack(&files.sdk_config("acct").await, "shop", &bucket).await;
    let cfn = awsterm::aws::Adapters::sdk(sdk_setup(&files)).cloudformation;

    let page = cfn.stacks_page(acct(), None, false).await.expect("list");
    assert_eq!(page.items.len(), 1, "{page:?}");
    let stack = &page.items[0];
    assert_eq!(
        (stack.name.as_str(), stack.id.as_str()),
        ("shop", id.as_str())
    );
    assert_eq!(stack.status, "CREATE_COMPLETE");
    assert_eq!(stack.description, "Shop: uploads, jobs and logs");
    assert!(stack.changed.is_some(), "{stack:?}");

    let events = cfn.events(acct(), id.clone()).await.expect("events");
    assert!(
        events
            .iter()
            .any(|e| e.logical_id == "shop" && e.status == "CREATE_COMPLETE"),
        "{events:?}"
    );
    let mut resources = cfn.resources(acct(), id.clone()).await.expect("resources");
    resources.sort_by(|a, b| a.logical_id.cmp(&b.logical_id));
    let kinds: Vec<(&str, &str)> = resources
        .iter()
        .map(|r| (r.logical_id.as_str(), r.resource_type.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Jobs", "AWS::SQS::Queue"),
            ("Logs", "AWS::Logs::LogGroup"),
            ("Uploads", "AWS::S3::Bucket")
        ]
    );
    assert_eq!(resources[2].physical_id, bucket);

    let details = cfn.describe(acct(), id.clone()).await.expect("describe");
    assert_eq!(details.outputs.len(), 1, "{details:?}");
    assert_eq!(details.outputs[0].key, "JobsUrl");
    assert!(
        details.outputs[0].value.contains("shop-jobs"),
        "{details:?}"
    );
    assert_eq!(details.outputs[0].export.as_deref(), Some("shop-JobsUrl"));
    assert_eq!(details.parameters[0].key, "Env");
    assert_eq!(details.parameters[0].value, "prod");
    let body = cfn.template(acct(), id.clone()).await.expect("template");
    assert!(body.contains("AWS::SQS::Queue"), "{body}");

    cfn.act(acct(), "shop".into(), StackAction::Delete)
        .await
        .expect("delete");
    let live = cfn.stacks_page(acct(), None, false).await.expect("list");
    assert!(
        live.items.is_empty(),
        "deleted stacks are left out: {live:?}"
    );
    let all = cfn.stacks_page(acct(), None, true).await.expect("list");
    assert_eq!(all.items.len(), 1, "{all:?}");
    assert_eq!(all.items[0].status, "DELETE_COMPLETE");
}

#[tokio::test]
async fn a_stack_through_the_app_from_the_list_to_its_template_then_deleted() {
    let files = AwsFiles::for_test("a_stack_through_the_app_from_the_list_to_its_template");
    let bucket = format!("shop-uploads-{}", files.account_id);
    create_stack(&files.sdk_config("acct").await, "shop", &bucket).await;

    let mut h = app_on(&files);
    h.keys(":cfn<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("CloudFormation stacks [1]"), "{screen}");
    let line = line_with(&screen, "shop");
    assert!(
        line.contains("● CREATE_COMPLETE") && line.contains("Shop: uploads, jobs and logs"),
        "{line}"
    );

    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("shop · events"), "{screen}");
    assert!(!screen.contains("root cause"), "nothing failed: {screen}");
    assert!(line_with(&screen, "AWS::CloudFormation::Stack").contains("CREATE_COMPLETE"));
    h.keys("<right>").await;
    let screen = h.screen();
    assert!(line_with(&screen, "Uploads").contains(&bucket), "{screen}");
    assert!(
        line_with(&screen, "Jobs").contains("AWS::SQS::Queue"),
        "{screen}"
    );
    h.keys("<right>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "JobsUrl").contains("shop-JobsUrl"),
        "{screen}"
    );
    h.keys("<right>").await;
    assert!(
        line_with(&h.screen(), "Env").contains("prod"),
        "{}",
        h.screen()
    );
    h.keys("t").await;
    assert!(h.screen().contains("AWS::Logs::LogGroup"), "{}", h.screen());

    // Back to the list: delete with the typed name; the list shows it gone.
    h.keys("<Esc><Esc>X").await;
    assert!(h.screen().contains("Delete stack shop?"), "{}", h.screen());
    h.keys("shop<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("deleting stack shop"), "{screen}");
    assert!(screen.contains("CloudFormation stacks [0]"), "{screen}");
    h.keys(":cfn deleted<Enter>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "shop").contains("✕ DELETE_COMPLETE"),
        "{screen}"
    );
}

#[tokio::test]
async fn stacks_across_two_accounts() {
    let (files, accounts) = three_accounts("cfn_stacks_across_two_accounts");
    for team in ["a", "b"] {
        let config = files.sdk_config(&format!("team-{team}")).await;
        let bucket = format!("{team}-uploads-{}", files.account_id);
        create_stack(&config, &format!("shop-{team}"), &bucket).await;
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":cfn @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen
            .contains("CloudFormation stacks · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("shop-{team}"));
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
        assert!(line.contains("CREATE_COMPLETE"), "{line}");
    }
    // Enter on team-b's row reads the stack in team-b's account.
    h.keys("/shop-b<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("shop-b · events"), "{screen}");
    assert!(!screen.contains("error"), "{screen}");
}
