//! The DynamoDB query builder and `:partiql` on the in-memory adapter: `f` from results brings
//! back the query that made them, "written by hand" starts from the built expressions, options
//! step both ways, and a statement that is not a SELECT is called that.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::dynamodb::{Index, KeyAttr, Table};
use awsterm::aws::fake::{FakeDynamo, FakeSts, adapters};

fn key(name: &str, kind: &str) -> KeyAttr {
    KeyAttr {
        name: name.into(),
        kind: kind.into(),
    }
}

/// `orders` (customer_id, order_id) with a global index `by-status`; no items needed.
fn harness() -> Harness {
    let orders = Table {
        name: "orders".into(),
        status: "ACTIVE".into(),
        partition: key("customer_id", "S"),
        sort: Some(key("order_id", "S")),
        indexes: vec![Index {
            name: "by-status".into(),
            global: true,
            partition: key("status", "S"),
            sort: None,
            projection: "ALL".into(),
            included: Vec::new(),
            status: Some("ACTIVE".into()),
            item_count: None,
        }],
        ..Table::default()
    };
    let fake = FakeDynamo {
        tables: vec![orders],
        items: vec![("orders".into(), Vec::new())],
        ..FakeDynamo::default()
    };
    let adapters =
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_dynamodb(fake);
    Harness::sized(options(two_profiles(), "dev"), adapters, 100, 40)
}

/// The form's line for the field labelled `label` (labels are padded to 22 columns), trimmed.
fn line(h: &Harness, label: &str) -> String {
    let padded = format!("{label:<22}");
    h.screen()
        .lines()
        .find(|l| l.contains(&padded))
        .unwrap_or_default()
        .trim_matches(|c: char| c == '"' || c == '│' || c.is_whitespace())
        .to_string()
}

#[tokio::test]
async fn f_from_results_reopens_the_query_that_made_them() {
    let mut h = harness();
    h.keys(":ddb<Enter><Enter>f").await;
    // Partition, sort condition (stepped back from "(none)" to the last), a filter, order.
    h.keys("jj<Enter>cust-001<Enter>j<Left>j<Enter>ord-00<Enter>")
        .await;
    h.keys("j<Enter>status<Enter>jjj<Enter>PAID<Enter>jjjj<Right>")
        .await;
    assert!(line(&h, "order").contains("descending"), "{}", h.screen());
    h.keys("r").await;
    assert!(h.screen().contains("orders · query"), "{}", h.screen());
    h.keys("f").await;
    let screen = h.screen();
    assert!(screen.contains("query orders"), "{screen}");
    assert!(
        line(&h, "customer_id = (S)").ends_with("cust-001"),
        "{screen}"
    );
    assert!(
        line(&h, "order_id (S)").contains("‹begins_with›"),
        "{screen}"
    );
    assert!(line(&h, "  value").ends_with("ord-00"), "{screen}");
    assert!(line(&h, "filter 1").ends_with("status"), "{screen}");
    assert!(screen.contains("PAID"), "{screen}");
    assert!(line(&h, "order").contains("descending"), "{screen}");
}

#[tokio::test]
async fn the_builders_options_step_both_ways() {
    let mut h = harness();
    h.keys(":ddb<Enter>f").await;
    assert!(
        h.screen().contains("<left> prev-option") && h.screen().contains("<right> next-option"),
        "the hints name both: {}",
        h.screen()
    );
    h.keys("j<Left>").await;
    assert!(
        line(&h, "target").contains("global index by-status"),
        "back from the table wraps to the last index: {}",
        h.screen()
    );
    h.keys("<Right>").await;
    assert!(
        line(&h, "target").contains("table orders"),
        "{}",
        h.screen()
    );
    h.keys("jj<Left>").await;
    assert!(
        line(&h, "order_id (S)").contains("‹begins_with›"),
        "{}",
        h.screen()
    );
    h.keys("<Left>").await;
    assert!(
        line(&h, "order_id (S)").contains("‹between›"),
        "{}",
        h.screen()
    );
    h.keys("<Right><Right>").await;
    assert!(
        line(&h, "order_id (S)").contains("‹(none)›"),
        "{}",
        h.screen()
    );
    h.keys("<Enter>").await;
    assert!(
        line(&h, "order_id (S)").contains("‹=›"),
        "Enter steps forward: {}",
        h.screen()
    );
}

#[tokio::test]
async fn written_by_hand_starts_from_the_built_expressions() {
    let mut h = harness();
    h.keys(":ddb<Enter>f").await;
    h.keys("jj<Enter>cust-001<Enter>j<Right>j<Enter>ord-7<Enter>")
        .await;
    h.keys("jj<Enter>total, status<Enter>").await;
    h.keys("Gk<Enter>").await;
    assert!(
        line(&h, "expressions").contains("‹written by hand›"),
        "{}",
        h.screen()
    );
    let screen = h.screen();
    assert!(
        line(&h, "key condition").ends_with("#n0 = :v0 AND #n1 = :v1"),
        "{screen}"
    );
    assert!(
        line(&h, "names (JSON)")
            .ends_with(r##"{"#n0":"customer_id","#n1":"order_id","#n2":"total","#n3":"status"}"##),
        "{screen}"
    );
    assert!(
        line(&h, "values (typed JSON)")
            .ends_with(r#"{":v0":{"S":"cust-001"},":v1":{"S":"ord-7"}}"#),
        "{screen}"
    );
    assert!(line(&h, "attributes").ends_with("#n2, #n3"), "{screen}");
    assert!(
        !screen.contains('✗'),
        "the hand-written query checks out: {screen}"
    );
    // Back to the fields: the attribute list as it was.
    h.keys("<Enter>").await;
    assert!(
        line(&h, "expressions").contains("‹built from fields›"),
        "{}",
        h.screen()
    );
    assert!(
        line(&h, "attributes").ends_with("total, status"),
        "{}",
        h.screen()
    );
    // Changed by hand, then away and back: the hand-written text stays.
    h.keys("<Enter>").await;
    h.keys("<Home>jj<Enter><C-u>#n0 = :v0<Enter>").await;
    h.keys("Gk<Enter>Gk<Enter>").await;
    assert!(
        line(&h, "key condition").ends_with("#n0 = :v0"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn partiql_that_is_not_a_select_is_called_that() {
    let mut h = harness();
    h.keys(":partiql SELEKT nonsense<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("PartiQL: only SELECT runs here; 'SELEKT …' is not a SELECT statement"),
        "{screen}"
    );
    assert!(!screen.contains("changes data"), "{screen}");
    h.keys(":partiql UPDATE \"orders\" SET a = 1<Enter>").await;
    assert!(
        h.screen()
            .contains("only SELECT runs from :partiql ('UPDATE' changes data)"),
        "{}",
        h.screen()
    );
}
