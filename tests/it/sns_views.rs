//! `:sns` through the real app loop on in-memory adapters: topics at 80×24, a topic's
//! subscriptions and one subscription's filter policy, topics of two profiles at 160
//! columns, publishing through $EDITOR (the message id in the flash), and publish refused
//! in read-only mode.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::sns::topic;
use awsterm::aws::fake::{FakeSns, FakeSts, SnsData, adapters};
use awsterm::aws::sns::Subscription;
use std::collections::{BTreeMap, HashMap};

const ACCOUNT: &str = "111111111111";

fn data(region: &str) -> SnsData {
    let mut deploys = topic(region, ACCOUNT, "deploys", 2, 1);
    deploys
        .attributes
        .insert("DisplayName".into(), "Deploy notices".into());
    let fifo = topic(region, ACCOUNT, "ledger-events.fifo", 1, 0);
    let quiet = topic(region, ACCOUNT, "nightly-report", 0, 0);
    let sub = |protocol: &str, endpoint: &str, attrs: &[(&str, &str)]| Subscription {
        arn: format!(
            "arn:aws:sns:{region}:{ACCOUNT}:deploys:0b5c7a1e-{}",
            endpoint.len()
        ),
        protocol: protocol.into(),
        endpoint: endpoint.into(),
        owner: ACCOUNT.into(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    };
    let subscriptions = HashMap::from([(
        deploys.arn.clone(),
        vec![
            sub(
                "sqs",
                &format!("arn:aws:sqs:{region}:{ACCOUNT}:deploy-events"),
                &[
                    ("RawMessageDelivery", "true"),
                    (
                        "FilterPolicy",
                        r#"{"env":["prod"],"service":[{"prefix":"pay"}]}"#,
                    ),
                ],
            ),
            sub(
                "lambda",
                &format!("arn:aws:lambda:{region}:{ACCOUNT}:function:notify"),
                &[],
            ),
            Subscription {
                arn: "PendingConfirmation".into(),
                protocol: "email".into(),
                endpoint: "oncall@example.com".into(),
                owner: ACCOUNT.into(),
                attributes: BTreeMap::new(),
            },
        ],
    )]);
    SnsData {
        topics: vec![deploys, fifo, quiet],
        subscriptions,
    }
}

fn harness(sns: FakeSns, width: u16, height: u16) -> Harness {
    let fake = adapters(FakeSts::default().with("dev", ACCOUNT, "user/alice").with(
        "prod",
        "222222222222",
        "user/alice",
    ))
    .with_sns(sns);
    Harness::sized(options(two_profiles(), "dev"), fake, width, height)
}

#[tokio::test]
async fn topics_and_a_topics_subscriptions_at_80x24() {
    let mut h = harness(FakeSns::with(data("us-east-1")), 80, 24);
    h.keys(":sns<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Deploy notices"), "{screen}");
    insta::assert_snapshot!("sns_topics_80x24", screen);
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("2 confirmed · 1 pending"), "{screen}");
    assert!(screen.contains("oncall@example.com"), "{screen}");
    insta::assert_snapshot!("sns_topic_80x24", screen);
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("filter policy"), "{screen}");
    assert!(
        screen.contains("\"prefix\": \"pay\""),
        "re-indented: {screen}"
    );
    insta::assert_snapshot!("sns_subscription_80x24", screen);
}

#[tokio::test]
async fn topics_of_two_profiles_at_160_columns() {
    let sns = FakeSns::default()
        .context("dev", data("us-east-1"))
        .context(
            "prod",
            SnsData {
                topics: vec![topic("eu-west-1", "222222222222", "billing-alerts", 3, 0)],
                ..SnsData::default()
            },
        );
    let mut h = harness(sns, 160, 24);
    h.keys(":sns @profiles dev,prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    insta::assert_snapshot!("sns_two_profiles_160", screen);
}

#[tokio::test]
async fn publish_writes_subject_attributes_and_body_in_the_editor() {
    let sns = FakeSns::with(data("us-east-1"));
    let published = sns.published.clone();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "printf 'Subject: v42\\nAttribute: env=prod\\n\\n{\"version\":42}' > \"$1\"\n",
    )
    .unwrap();
    let mut h = harness(sns, 100, 30);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", script.display()));
    h.keys(":sns<Enter><Enter>S").await;
    let screen = h.screen();
    assert!(
        screen.contains("Publish this message to deploys?"),
        "{screen}"
    );
    assert!(
        screen.contains("subject v42") && screen.contains("attributes env"),
        "{screen}"
    );
    h.keys("y").await;
    assert!(
        h.screen()
            .contains("published to deploys: message id fake-published-1"),
        "{}",
        h.screen()
    );
    let arn = format!("arn:aws:sns:us-east-1:{ACCOUNT}:deploys");
    assert_eq!(
        *published.lock().unwrap(),
        [format!("Publish {arn} v42|{{\"version\":42}}|env=prod|-")]
    );
}

#[tokio::test]
async fn a_fifo_topic_asks_the_group_and_dedup_ids() {
    let sns = FakeSns::with(data("us-east-1"));
    let published = sns.published.clone();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("editor.sh");
    std::fs::write(&script, "printf 'entry 7' > \"$1\"\n").unwrap();
    let mut h = harness(sns, 80, 24);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", script.display()));
    h.keys(":sns<Enter>/ledger<Enter><Enter>S").await;
    // The question whole in the dialog's border at 80 columns.
    assert!(
        h.screen()
            .contains("Message group id (FIFO: a group's messages arrive in order)"),
        "{}",
        h.screen()
    );
    h.keys("<C-u>tenant-9<Enter>").await;
    assert!(h.screen().contains("Deduplication id"), "{}", h.screen());
    h.keys("<C-u>entry-7<Enter>y").await;
    let published = published.lock().unwrap().clone();
    assert_eq!(published.len(), 1, "{published:?}");
    assert!(
        published[0].ends_with("|entry 7||tenant-9"),
        "{published:?}"
    );
}

#[tokio::test]
async fn publish_is_refused_in_read_only_mode() {
    let sns = FakeSns::with(data("us-east-1"));
    let published = sns.published.clone();
    let mut h = harness(sns, 100, 30);
    h.app.set_read_only(true);
    h.keys(":sns<Enter><Enter>S").await;
    assert!(
        h.screen().contains("read-only mode: 'publish' is disabled"),
        "{}",
        h.screen()
    );
    assert!(published.lock().unwrap().is_empty());
}
