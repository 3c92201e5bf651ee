//! `:sqs` through the real app loop on in-memory adapters: the queues at 80×24 (counts,
//! type, DLQ, retention), a queue with its peek said before and after, a message whole,
//! queues of two profiles at 160 columns, a redrive followed until it completes and one the
//! emulator refuses, and every write refused in read-only mode (global and by policy).

use crate::app_harness::{Harness, options, policies, two_profiles};
use awsterm::aws::fake::sqs::queue;
use awsterm::aws::fake::{FakeSqs, FakeSts, SqsData, adapters};
use awsterm::aws::sqs::{Message, MoveTask, Queue};

use std::collections::{BTreeMap, HashMap};

const ACCOUNT: &str = "111111111111";

fn with_redrive(mut q: Queue, dlq: &Queue, max: i64) -> Queue {
    q.attributes.insert(
        "RedrivePolicy".into(),
        format!(
            r#"{{"deadLetterTargetArn":"{}","maxReceiveCount":{max}}}"#,
            dlq.arn().unwrap()
        ),
    );
    q
}

fn message(id: &str, body: &str, sent: i64, count: i64) -> Message {
    let mut attributes = BTreeMap::new();
    attributes.insert("SentTimestamp".to_string(), sent.to_string());
    attributes.insert("ApproximateReceiveCount".to_string(), count.to_string());
    Message {
        id: id.into(),
        body: body.into(),
        sent: Some(sent),
        receive_count: Some(count),
        attributes,
        message_attributes: BTreeMap::from([(
            "source".to_string(),
            ("String".to_string(), "checkout".to_string()),
        )]),
    }
}

/// `orders` (DLQ `orders-dlq` at 5 receives, two messages), the DLQ itself, a FIFO queue, a
/// long name, and a queue whose attributes could not be read.
fn data(region: &str) -> SqsData {
    let dlq = queue(region, ACCOUNT, "orders-dlq", [40, 0, 0]);
    let orders = with_redrive(queue(region, ACCOUNT, "orders", [2, 7, 1]), &dlq, 5);
    let mut fifo = queue(region, ACCOUNT, "payments-settlement.fifo", [0, 0, 0]);
    fifo.attributes
        .insert("MessageRetentionPeriod".into(), "1209600".into());
    let long = queue(
        region,
        ACCOUNT,
        "ingest-clickstream-events-from-the-mobile-apps-eu-central-partition",
        [123_456, 88, 0],
    );
    let mut broken = Queue::new(&format!(
        "https://sqs.{region}.amazonaws.com/{ACCOUNT}/gone-meanwhile"
    ));
    broken.error = Some("AWS.SimpleQueueService.NonExistentQueue: gone".into());
    let messages = HashMap::from([(
        orders.url.clone(),
        vec![
            message(
                "3f1c1c8e-0b0a-4d0e-9a5e-6b1d7a1e2f01",
                r#"{"order":1042,"total":"12.50","items":[{"sku":"A-1","qty":2}]}"#,
                1_764_576_000_000,
                1,
            ),
            message(
                "8a2b9c3d-1e2f-4a5b-8c6d-7e8f9a0b1c02",
                "plain text body\nwith a second line",
                1_764_576_060_000,
                3,
            ),
        ],
    )]);
    SqsData {
        queues: vec![orders, dlq, fifo, long, broken],
        messages,
        ..SqsData::default()
    }
}

fn harness(sqs: FakeSqs, width: u16, height: u16) -> Harness {
    let fake = adapters(FakeSts::default().with("dev", ACCOUNT, "user/alice").with(
        "prod",
        "222222222222",
        "user/alice",
    ))
    .with_sqs(sqs);
    Harness::sized(options(two_profiles(), "dev"), fake, width, height)
}

#[tokio::test]
async fn queues_at_80x24() {
    let mut h = harness(FakeSqs::with(data("us-east-1")), 80, 24);
    h.keys(":sqs<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("orders-dlq ×5"), "{screen}");
    assert!(
        screen.contains("gone-meanwhile") && screen.contains("?"),
        "{screen}"
    );
    insta::assert_snapshot!("sqs_queues_80x24", screen);
}

#[tokio::test]
async fn a_queue_says_what_a_peek_does_before_and_after() {
    let sqs = FakeSqs::with(data("us-east-1"));
    let mut h = harness(sqs, 80, 24);
    h.keys(":sqs<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("queue orders"), "{screen}");
    assert!(screen.contains("p peeks; each receive counts"), "{screen}");
    insta::assert_snapshot!("sqs_queue_80x24", screen);
    h.keys("p").await;
    let screen = h.screen();
    assert!(
        screen.contains("each message's receive count goes up by"),
        "{screen}"
    );
    assert!(
        screen.contains("This queue sends a message to orders-dlq at 5 receives"),
        "{screen}"
    );
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("2 peeked · each receive count went up by one"),
        "{screen}"
    );
    insta::assert_snapshot!("sqs_peeked_80x24", screen);
    // The fake counts receives as SQS does: 1 → 2, 3 → 4.
    assert!(screen.contains("│2     {\"order\":1042"), "{screen}");
    assert!(screen.contains("│4     plain text body"), "{screen}");
    h.keys("<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("\"order\": 1042"),
        "JSON re-indented: {screen}"
    );
    // Local time and age, as elsewhere; the age moves with the clock, so the snapshot
    // holds a placeholder where it is.
    let sent = awsterm::panes::sqs::describe::when(1_764_576_000_000, awsterm::clock::now_secs());
    assert!(
        screen.contains(&format!("sent                     {sent}")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("SentTimestamp            {sent}")),
        "{screen}"
    );
    insta::assert_snapshot!(
        "sqs_message_80x24",
        screen.replace(&sent, "<local time · age>")
    );
}

#[tokio::test]
async fn queues_of_two_profiles_at_160_columns() {
    let sqs = FakeSqs::default()
        .context("dev", data("us-east-1"))
        .context(
            "prod",
            SqsData {
                queues: vec![queue("eu-west-1", "222222222222", "billing", [5, 0, 0])],
                ..SqsData::default()
            },
        );
    let mut h = harness(sqs, 160, 24);
    h.keys(":sqs @profiles dev,prod<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("2 contexts · 2 answered"), "{screen}");
    insta::assert_snapshot!("sqs_two_profiles_160", screen);
}

#[tokio::test]
async fn a_redrive_is_confirmed_then_followed_until_it_completes() {
    let mut d = data("us-east-1");
    let dlq_arn = d.queues[1].arn().unwrap().to_string();
    let task = |status: &str, moved: i64| MoveTask {
        handle: Some("fake-task-1".into()),
        status: status.into(),
        source_arn: dlq_arn.clone(),
        moved,
        to_move: Some(40),
        started: 1_764_576_000_000,
        ..MoveTask::default()
    };
    d.move_answers.insert(
        dlq_arn.clone(),
        vec![task("RUNNING", 12), task("COMPLETED", 40)],
    );
    let sqs = FakeSqs::with(d);
    let writes = sqs.writes.clone();
    let mut h = harness(sqs, 80, 24);
    h.keys(":sqs<Enter>/orders-dlq<Enter><Enter>").await;
    assert!(h.screen().contains("DLQ of"), "{}", h.screen());
    h.keys("M").await;
    let screen = h.screen();
    assert!(
        screen.contains("Move the messages of orders-dlq back"),
        "{screen}"
    );
    assert!(
        screen.contains("40 messages go back to the queue each came from: orders"),
        "{screen}"
    );
    h.keys("y").await;
    let screen = h.screen();
    assert!(
        screen.contains("RUNNING · 12 of 40 moved · x cancels"),
        "{screen}"
    );
    insta::assert_snapshot!("sqs_redrive_running_80x24", screen);
    // The next poll comes after the backoff's wait; C-r reads the task at once instead.
    h.keys("<C-r>").await;
    let screen = h.screen();
    assert!(
        screen.contains("redrive of orders-dlq: COMPLETED · 40 of 40 moved"),
        "{screen}"
    );
    assert_eq!(
        *writes.lock().unwrap(),
        [format!("StartMessageMoveTask {dlq_arn} -> its sources")]
    );
}

#[tokio::test]
async fn a_redrive_the_emulator_cannot_start_says_so_and_stops() {
    let mut sqs = FakeSqs::with(data("us-east-1"));
    let writes = sqs.writes.clone();
    sqs.move_error = Some(awsterm::aws::sqs::moves_unsupported_error(
        "StartMessageMoveTask",
    ));
    let mut h = harness(sqs, 80, 24);
    // Opening the DLQ reads its move tasks: the endpoint has none to read.
    h.keys(":sqs<Enter>/orders-dlq<Enter><Enter>").await;
    assert!(h.screen().contains("not supported here"), "{}", h.screen());
    // Known now: M says so plainly and sends nothing.
    h.keys("M").await;
    let screen = h.screen();
    assert!(
        screen.contains("this endpoint does not support message moves (StartMessageMoveTask)"),
        "{screen}"
    );
    assert!(!screen.contains("RUNNING"), "{screen}");
    assert!(
        writes.lock().unwrap().is_empty(),
        "{:?}",
        writes.lock().unwrap()
    );
}

/// Opening a DLQ reads its move tasks; an endpoint without them says so in the summary, not
/// over what the status line says (a purge's result), and is not asked again.
#[tokio::test]
async fn an_endpoint_without_moves_says_so_in_the_summary_not_over_a_flash() {
    let mut sqs = FakeSqs::with(data("us-east-1"));
    sqs.move_error = Some(awsterm::aws::sqs::moves_unsupported_error(
        "ListMessageMoveTasks",
    ));
    let mut h = harness(sqs, 80, 24);
    h.keys(":sqs<Enter>/orders-dlq<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("not supported here"), "{screen}");
    assert!(!screen.contains("ListMessageMoveTasks"), "{screen}");
    h.keys("Xorders-dlq<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("purging orders-dlq"), "{screen}");
    // The purge reloads the details; the move state stays a summary line.
    assert!(!screen.contains("does not support"), "{screen}");
    insta::assert_snapshot!("sqs_dlq_without_moves_80x24", screen);
}

#[tokio::test]
async fn a_queue_that_is_no_dlq_is_not_redriven() {
    let mut h = harness(FakeSqs::with(data("us-east-1")), 80, 24);
    h.keys(":sqs<Enter><Enter>M").await;
    assert!(
        h.screen().contains("orders is no DLQ: no queue names it"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn purge_asks_for_the_queue_name_typed() {
    let sqs = FakeSqs::with(data("us-east-1"));
    let writes = sqs.writes.clone();
    let mut h = harness(sqs, 100, 30);
    h.keys(":sqs<Enter><Enter>X").await;
    let screen = h.screen();
    assert!(screen.contains("Purge queue orders?"), "{screen}");
    assert!(screen.contains("PurgeQueueInProgress"), "{screen}");
    h.keys("order<Enter>").await;
    assert!(
        h.screen().contains("type orders exactly to confirm"),
        "{}",
        h.screen()
    );
    assert!(writes.lock().unwrap().is_empty(), "not the name");
    h.keys("<C-u>orders<Enter>").await;
    assert!(h.screen().contains("purging orders"), "{}", h.screen());
    assert_eq!(writes.lock().unwrap().len(), 1);
}

/// The queues list's row of `orders`.
fn orders_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['"', '│']).starts_with("orders "))
        .unwrap_or_else(|| panic!("no orders row:\n{screen}"))
        .to_string()
}

#[tokio::test]
async fn after_a_purge_the_queues_list_below_shows_the_new_counts_without_a_refresh() {
    let mut h = harness(FakeSqs::with(data("us-east-1")), 100, 30);
    h.keys(":sqs<Enter>").await;
    let before = orders_row(&h.screen());
    h.keys("<Enter>Xorders<Enter>").await;
    assert!(h.screen().contains("purging orders"), "{}", h.screen());
    h.keys("<Esc>").await;
    let after = orders_row(&h.screen());
    assert_ne!(before, after, "{}", h.screen());
    assert!(
        after.split_whitespace().nth(1) == Some("0"),
        "{before}\n{after}"
    );
}

#[tokio::test]
async fn every_write_is_refused_in_read_only_mode() {
    let sqs = FakeSqs::with(data("us-east-1"));
    let writes = sqs.writes.clone();
    let mut h = harness(sqs, 120, 30);
    h.app.set_read_only(true);
    h.keys(":sqs<Enter><Enter>").await;
    for (key, name) in [
        ("p", "peek"),
        ("S", "send-message"),
        ("X", "purge-queue"),
        ("M", "redrive"),
        ("x", "cancel-redrive"),
    ] {
        h.keys(key).await;
        let screen = h.screen();
        assert!(
            screen.contains(&format!("read-only mode: '{name}' is disabled")),
            "{name}: {screen}"
        );
    }
    // A peek raises receive counts (and can move a message to the DLQ): refused too.
    assert!(!h.screen().contains("peeked"), "{}", h.screen());
    assert!(writes.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_read_only_policy_refuses_the_writes_of_its_rows() {
    let sqs = FakeSqs::default()
        .context("dev", data("us-east-1"))
        .context("prod", data("eu-west-1"));
    let writes = sqs.writes.clone();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("editor.sh");
    std::fs::write(&script, "printf 'hello' > \"$1\"\n").unwrap();
    let mut o = options(two_profiles(), "dev");
    o.policies = policies("[[policy]]\nprofiles = \"prod\"\nread_only = true\n");
    let fake = adapters(FakeSts::default().with("dev", ACCOUNT, "user/alice").with(
        "prod",
        "222222222222",
        "user/alice",
    ))
    .with_sqs(sqs);
    let mut h = Harness::sized(o, fake, 160, 30);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", script.display()));
    h.keys(":sqs @profiles dev,prod<Enter>/prod orders-dlq<Enter>")
        .await;
    h.keys("<Enter>").await;
    assert!(h.screen().contains("queue orders-dlq"), "{}", h.screen());
    assert!(h.screen().contains("READ-ONLY"), "{}", h.screen());
    // The view says so before opening the editor for a message that cannot go…
    h.keys("S").await;
    assert!(
        h.screen()
            .contains("prod is read-only (policy): nothing can be sent from here"),
        "{}",
        h.screen()
    );
    // …and the guard refuses the others before their confirmation is even shown.
    for (key, operation) in [("X", "PurgeQueue"), ("M", "StartMessageMoveTask")] {
        h.keys(key).await;
        let screen = h.screen();
        assert!(
            screen.contains(&format!(
                "prod is read-only (policy): sqs {operation} refused"
            )),
            "{operation}: {screen}"
        );
        assert!(!screen.contains("confirm"), "{screen}");
    }
    assert!(
        h.host.actions.is_empty(),
        "no editor ran: {:?}",
        h.host.actions
    );
    assert!(
        writes.lock().unwrap().is_empty(),
        "{:?}",
        writes.lock().unwrap()
    );
}

/// The editor opens on the template's comment lines; what comes back is sent without them and
/// without the one trailing newline the editor adds — a second one is the body's own.
#[tokio::test]
async fn a_sent_body_drops_the_template_and_one_trailing_newline() {
    let sqs = FakeSqs::with(data("us-east-1"));
    let writes = sqs.writes.clone();
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen.txt");
    let script = dir.path().join("editor.sh");
    // Keeps what the editor was opened on, then writes below the template like a user.
    std::fs::write(
        &script,
        format!(
            "cp \"$1\" '{}'; printf 'line one\\nline two\\n\\n' >> \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    let mut h = harness(sqs, 100, 30);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", script.display()));
    h.keys(":sqs<Enter><Enter>S").await;
    let template = std::fs::read_to_string(&seen).unwrap();
    assert!(
        template.starts_with("#~ The message body for queue orders"),
        "{template}"
    );
    assert!(template.contains("one trailing newline"), "{template}");
    assert!(
        h.screen().contains("Send this message to orders?"),
        "{}",
        h.screen()
    );
    h.keys("y").await;
    let writes = writes.lock().unwrap();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(
        writes[0].contains(" line one\nline two\n group="),
        "{:?}",
        writes[0]
    );
    assert!(!writes[0].contains("#~"), "{:?}", writes[0]);
}
