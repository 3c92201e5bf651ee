//! SQS through the SDK adapter against the emulator, each test in its own fresh account: a
//! standard queue with a DLQ (RedrivePolicy), a FIFO queue, messages sent then peeked (the
//! receive count goes up, visibility 0 leaves them visible), send, purge; the views through
//! the app with the audit lines of each write; queues of two accounts in one view. (moto
//! 5.2.5 has no message-move API: `aws::sqs`'s recorded-answer tests cover the redrive;
//! here its refusal must read plainly.)

use crate::across_emulator::{app_with_profiles, line_with, three_accounts};
use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_sqs::types::QueueAttributeName;
use awsterm::aws::ContextKey;
use awsterm::aws::sqs::{Outgoing, SdkSqs, SqsApi};
use std::sync::Arc;

async fn sqs_client(files: &AwsFiles, profile: &str) -> aws_sdk_sqs::Client {
    aws_sdk_sqs::Client::new(&files.sdk_config(profile).await)
}

fn adapter(files: &AwsFiles) -> SdkSqs {
    SdkSqs::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

struct Queues {
    orders: String,
    dlq: String,
    fifo: String,
}

/// `orders-dlq`; `orders` sending to it after 3 receives, with two messages; `payments.fifo`
/// (content-based deduplication) with one.
async fn queues(sqs: &aws_sdk_sqs::Client) -> Queues {
    let create = |name: &str| sqs.create_queue().queue_name(name);
    let dlq = create("orders-dlq").send().await.expect("dlq");
    let dlq = dlq.queue_url().unwrap().to_string();
    let dlq_arn = sqs
        .get_queue_attributes()
        .queue_url(&dlq)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes()
        .unwrap()[&QueueAttributeName::QueueArn]
        .clone();
    let orders = create("orders")
        .attributes(
            QueueAttributeName::RedrivePolicy,
            format!(r#"{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"3"}}"#),
        )
        .attributes(QueueAttributeName::MessageRetentionPeriod, "1209600")
        .tags("team", "payments")
        .send()
        .await
        .expect("orders");
    let orders = orders.queue_url().unwrap().to_string();
    let fifo = create("payments.fifo")
        .attributes(QueueAttributeName::FifoQueue, "true")
        .attributes(QueueAttributeName::ContentBasedDeduplication, "true")
        .send()
        .await
        .expect("fifo");
    let fifo = fifo.queue_url().unwrap().to_string();
    for body in [
        r#"{"order":1,"total":"12.50"}"#,
        r#"{"order":2,"total":"3.10"}"#,
    ] {
        sqs.send_message()
            .queue_url(&orders)
            .message_body(body)
            .send()
            .await
            .expect("send");
    }
    sqs.send_message()
        .queue_url(&fifo)
        .message_body("charge 42")
        .message_group_id("customer-7")
        .send()
        .await
        .expect("send fifo");
    Queues { orders, dlq, fifo }
}

#[tokio::test]
async fn queues_read_back_with_counts_dlq_and_fifo() {
    let files = AwsFiles::for_test("sqs_queues_read_back_with_counts_dlq_and_fifo");
    let q = queues(&sqs_client(&files, "acct").await).await;
    let sqs = adapter(&files);

    let mut page = sqs.queues_page(acct(), None).await.expect("queues");
    assert!(page.next.is_none(), "three queues are one page");
    assert!(
        page.items.iter().all(|q| q.attributes.is_empty()),
        "ListQueues gives URLs only; the attributes are a call of their own"
    );
    for q in &mut page.items {
        q.attributes = sqs
            .attributes(acct(), q.url.clone())
            .await
            .expect("attributes");
    }
    let by_name = |name: &str| {
        page.items
            .iter()
            .find(|x| x.name == name)
            .expect(name)
            .clone()
    };
    let orders = by_name("orders");
    assert_eq!(orders.visible(), Some(2), "{orders:?}");
    assert_eq!((orders.in_flight(), orders.delayed()), (Some(0), Some(0)));
    assert_eq!(orders.retention_secs(), Some(1_209_600));
    let redrive = orders.redrive().expect("a redrive policy");
    assert_eq!(
        (redrive.target_name(), redrive.max_receive),
        ("orders-dlq", Some(3))
    );
    assert!(!orders.fifo());
    let fifo = by_name("payments.fifo");
    assert!(fifo.fifo() && fifo.content_based_dedup(), "{fifo:?}");
    assert_eq!(fifo.visible(), Some(1));

    let dlq = sqs
        .details(acct(), q.dlq.clone())
        .await
        .expect("dlq details");
    assert_eq!(
        dlq.sources,
        std::slice::from_ref(&q.orders),
        "orders names it as its DLQ"
    );
    let details = sqs
        .details(acct(), q.orders.clone())
        .await
        .expect("details");
    assert_eq!(
        details.tags.get("team").map(String::as_str),
        Some("payments")
    );
    assert!(details.sources.is_empty());
    let _ = q.fifo;
}

#[tokio::test]
async fn a_peek_counts_a_receive_and_leaves_the_messages_visible() {
    let files = AwsFiles::for_test("sqs_a_peek_counts_a_receive_and_leaves_the_messages_visible");
    let q = queues(&sqs_client(&files, "acct").await).await;
    let sqs = adapter(&files);

    let first = sqs.peek(acct(), q.orders.clone()).await.expect("peek");
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(
        first.iter().all(|m| m.receive_count == Some(1)),
        "{first:?}"
    );
    assert!(first.iter().all(|m| m.sent.is_some()));
    assert!(first.iter().any(|m| m.body.contains("\"order\":1")));
    // Visibility 0: a second peek gets them again, each counted once more.
    let second = sqs
        .peek(acct(), q.orders.clone())
        .await
        .expect("peek again");
    assert_eq!(second.len(), 2, "still visible: {second:?}");
    assert!(
        second.iter().all(|m| m.receive_count == Some(2)),
        "{second:?}"
    );
    let mut orders = awsterm::aws::sqs::Queue::new(&q.orders);
    orders.attributes = sqs.attributes(acct(), q.orders.clone()).await.unwrap();
    assert_eq!((orders.visible(), orders.in_flight()), (Some(2), Some(0)));
}

#[tokio::test]
async fn send_then_purge_then_a_redrive_the_emulator_refuses_plainly() {
    let files = AwsFiles::for_test("sqs_send_then_purge_then_a_redrive_the_emulator_refuses");
    let q = queues(&sqs_client(&files, "acct").await).await;
    let sqs = adapter(&files);

    let id = sqs
        .send(
            acct(),
            q.fifo.clone(),
            Outgoing {
                body: "refund 42".into(),
                group_id: Some("customer-7".into()),
                dedup_id: None,
            },
        )
        .await
        .expect("send");
    assert!(!id.is_empty());
    let peeked = sqs.peek(acct(), q.fifo.clone()).await.expect("peek fifo");
    assert!(
        peeked
            .iter()
            .any(|m| m.attributes.get("MessageGroupId").map(String::as_str) == Some("customer-7")),
        "{peeked:?}"
    );

    sqs.purge(acct(), q.orders.clone()).await.expect("purge");
    assert!(sqs.peek(acct(), q.orders.clone()).await.unwrap().is_empty());

    let dlq_arn = sqs
        .details(acct(), q.dlq.clone())
        .await
        .unwrap()
        .queue
        .arn()
        .unwrap()
        .to_string();
    let refused = sqs
        .start_move(acct(), dlq_arn, None)
        .await
        .expect_err("moto 5.2.5 has no StartMessageMoveTask");
    assert!(!refused.summary().is_empty());
}

/// An "editor" that writes `body` into the file it is given.
fn editor_writing(dir: &std::path::Path, body: &str) -> String {
    let script = dir.join("editor.sh");
    std::fs::write(&script, format!("printf '%s' '{body}' > \"$1\"\n")).unwrap();
    format!("sh {}", script.display())
}

#[tokio::test]
async fn the_views_peek_send_and_purge_with_their_audit_lines() {
    let files = AwsFiles::for_test("sqs_the_views_peek_send_and_purge_with_their_audit_lines");
    let q = queues(&sqs_client(&files, "acct").await).await;
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.jsonl");
    let mut h = app_on(&files);
    h.app
        .set_audit_log(awsterm::audit::AuditLog::to_file(audit.clone()));
    h.host.run_programs = true;
    h.app
        .set_editor(editor_writing(dir.path(), r#"{"order":3}"#));

    h.keys(":sqs<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("SQS queues"), "{screen}");
    let orders = line_with(&screen, "orders  ");
    assert!(
        orders.contains("orders-dlq ×3") && orders.contains("14d"),
        "{orders}"
    );
    assert!(
        line_with(&screen, "payments.fifo").contains("FIFO"),
        "{screen}"
    );

    h.keys("/orders<Enter>").await;
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("2 visible · 0 in flight · 0 delayed"),
        "{screen}"
    );
    assert!(
        screen.contains("p peeks; each receive counts"),
        "said before: {screen}"
    );
    h.keys("p").await;
    assert!(
        h.screen().contains("Peek up to 10 messages of orders?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("2 peeked · each receive count went up by one"),
        "{screen}"
    );
    assert!(screen.contains("{\"order\":1"), "{screen}");

    h.keys("S").await;
    let screen = h.screen();
    assert!(screen.contains("Send this message to orders?"), "{screen}");
    h.keys("y").await;
    let screen = h.screen();
    assert!(screen.contains("sent to orders: message id"), "{screen}");
    assert!(screen.contains("3 visible"), "counts read again: {screen}");

    h.keys("X").await;
    assert!(h.screen().contains("Purge queue orders?"), "{}", h.screen());
    h.keys("orders<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("purging orders"), "{screen}");

    let log = std::fs::read_to_string(&audit).expect("audit log");
    // The peek is audited too: it raised receive counts.
    for operation in ["ReceiveMessage", "SendMessage", "PurgeQueue"] {
        let sent = log
            .lines()
            .find(|l| l.contains(operation) && l.contains(&q.orders))
            .unwrap_or_else(|| panic!("{operation} in the audit log: {log}"));
        assert!(sent.contains("\"sqs\""), "{sent}");
    }
    assert!(
        !log.contains("order\\\":3"),
        "no body in the audit log: {log}"
    );
}

#[tokio::test]
async fn queues_of_two_accounts_in_one_view() {
    let (files, accounts) = three_accounts("sqs_queues_of_two_accounts_in_one_view");
    for team in ["a", "b"] {
        sqs_client(&files, &format!("team-{team}"))
            .await
            .create_queue()
            .queue_name(format!("jobs-{team}"))
            .send()
            .await
            .expect("create queue");
    }
    let mut h = app_with_profiles(&files, "team-a").await;
    h.keys(":sqs @profiles team-a,team-b<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("SQS queues · @profiles team-a,team-b · 2 contexts · 2 answered"),
        "{screen}"
    );
    for (i, team) in ["a", "b"].iter().enumerate() {
        let line = line_with(&screen, &format!("jobs-{team}"));
        assert!(line.contains(&format!("team-{team}")), "{line}");
        assert!(line.contains(&accounts[i]), "{team}'s own account: {line}");
    }
}
