//! SNS through the SDK adapter against the emulator, each test in its own fresh account:
//! topics with an SQS subscription (raw delivery, a filter policy), Publish delivered into the
//! subscribed queue; the views through the app with the publish's audit line; topics of two
//! accounts in one view.

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_sqs::types::QueueAttributeName;
use awsterm::aws::ContextKey;
use awsterm::aws::sns::{Publication, SdkSns, SnsApi};
use std::sync::Arc;

fn adapter(files: &AwsFiles) -> SdkSns {
    SdkSns::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

struct Setup {
    topic: String,
    queue: String,
}

/// Topic `deploys` with queue `deploy-events` subscribed (raw delivery, a filter policy on
/// `env`), and topic `alerts` without subscriptions.
async fn setup(files: &AwsFiles) -> Setup {
    let config = files.sdk_config("acct").await;
    let sns = aws_sdk_sns::Client::new(&config);
    let sqs = aws_sdk_sqs::Client::new(&config);
    let topic = sns
        .create_topic()
        .name("deploys")
        .attributes("DisplayName", "Deploys")
        .send()
        .await
        .expect("topic")
        .topic_arn()
        .unwrap()
        .to_string();
    sns.create_topic()
        .name("alerts")
        .send()
        .await
        .expect("topic");
    let queue = sqs
        .create_queue()
        .queue_name("deploy-events")
        .send()
        .await
        .expect("queue")
        .queue_url()
        .unwrap()
        .to_string();
    let queue_arn = sqs
        .get_queue_attributes()
        .queue_url(&queue)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes()
        .unwrap()[&QueueAttributeName::QueueArn]
        .clone();
    sns.subscribe()
        .topic_arn(&topic)
        .protocol("sqs")
        .endpoint(&queue_arn)
        .attributes("RawMessageDelivery", "true")
        .attributes("FilterPolicy", r#"{"env":["prod"]}"#)
        .send()
        .await
        .expect("subscribe");
    Setup { topic, queue }
}

async fn delivered(files: &AwsFiles, queue: &str) -> Vec<String> {
    let sqs = aws_sdk_sqs::Client::new(&files.sdk_config("acct").await);
    let out = sqs
        .receive_message()
        .queue_url(queue)
        .max_number_of_messages(10)
        .send()
        .await
        .expect("receive");
    out.messages()
        .iter()
        .filter_map(|m| m.body().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn topics_with_subscriptions_and_a_publish_delivered_into_the_queue() {
    let files = AwsFiles::for_test("sns_topics_with_subscriptions_and_a_publish_delivered");
    let s = setup(&files).await;
    let sns = adapter(&files);

    let page = sns.topics_page(acct(), None).await.expect("topics");
    let mut deploys = page
        .items
        .iter()
        .find(|t| t.name() == "deploys")
        .expect("deploys")
        .clone();
    // ListTopics gives ARNs only; the attributes are a call of their own.
    assert!(deploys.attributes.is_empty());
    deploys.attributes = sns
        .topic_attributes(acct(), deploys.arn.clone())
        .await
        .expect("attributes");
    let deploys = &deploys;
    // moto 5.2.5 never counts a topic's subscriptions (always 0): the counts' columns are
    // checked on the fake (sns_views.rs); here, that they are read as numbers.
    assert_eq!(
        (deploys.confirmed(), deploys.pending()),
        (Some(0), Some(0)),
        "{deploys:?}"
    );
    assert_eq!(deploys.display_name(), "Deploys");
    assert!(!deploys.fifo());
    assert!(page.items.iter().any(|t| t.name() == "alerts"));

    let (subs, more) = sns
        .subscriptions(acct(), s.topic.clone())
        .await
        .expect("subs");
    assert!(!more);
    let [sub] = subs.as_slice() else {
        panic!("one subscription: {subs:?}")
    };
    assert_eq!(sub.protocol, "sqs");
    assert!(sub.endpoint.ends_with(":deploy-events"), "{sub:?}");
    assert!(!sub.pending() && sub.raw_delivery(), "{sub:?}");
    assert_eq!(sub.filter_policy(), Some(r#"{"env":["prod"]}"#));

    let mut attributes = std::collections::BTreeMap::new();
    attributes.insert("env".to_string(), "prod".to_string());
    let id = sns
        .publish(
            acct(),
            s.topic.clone(),
            Publication {
                subject: Some("release".into()),
                body: "v42 is out".into(),
                attributes,
                group_id: None,
                dedup_id: None,
            },
        )
        .await
        .expect("publish");
    assert!(!id.is_empty());
    assert_eq!(
        delivered(&files, &s.queue).await,
        ["v42 is out"],
        "raw delivery into the queue"
    );
}

#[tokio::test]
async fn the_topic_view_publishes_with_its_audit_line() {
    let files = AwsFiles::for_test("sns_the_topic_view_publishes_with_its_audit_line");
    let s = setup(&files).await;
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.jsonl");
    let script = dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "printf 'Subject: release\\nAttribute: env=prod\\n\\nv43 is out' > \"$1\"\n",
    )
    .unwrap();
    let mut h = app_on(&files);
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", script.display()));

    h.keys(":sns<Enter>").await;
    let screen = h.screen();
    assert!(
        line_with(&screen, "deploys").contains("Deploys"),
        "{screen}"
    );
    h.keys("/deploys<Enter><Enter>").await;
    let screen = h.screen();
    let sub = line_with(&screen, "deploy-events");
    assert!(sub.contains("sqs") && sub.contains("confirmed"), "{screen}");
    h.keys("S").await;
    let screen = h.screen();
    assert!(
        screen.contains("Publish this message to deploys?"),
        "{screen}"
    );
    assert!(screen.contains("subject release"), "{screen}");
    h.keys("y").await;
    assert!(
        h.screen().contains("published to deploys: message id"),
        "{}",
        h.screen()
    );
    assert_eq!(delivered(&files, &s.queue).await, ["v43 is out"]);
    let log = std::fs::read_to_string(&audit).expect("audit log");
    let line = log
        .lines()
        .find(|l| l.contains("Publish") && l.contains(&s.topic))
        .unwrap_or_else(|| panic!("Publish in the audit log: {log}"));
    assert!(line.contains("\"sns\""), "{line}");
    assert!(!log.contains("v43"), "no body in the audit log: {log}");
}

#[tokio::test]
async fn topics_of_two_accounts_in_one_view() {
    let (files, accounts) = three_accounts("sns_topics_of_two_accounts_in_one_view");
    for team in ["a", "b"] {
        aws_sdk_sns::Client::new(&files.sdk_config(&format!("team-{team}")).await)
            .create_topic()
            .name(format!("events-{team}"))
            .send()
            .await
            .expect("create topic");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":sns @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("SNS topics · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("events-{team}"));
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
    }
}
