//! The kinds whose rows need a call each (`:sqs`, `:sns`, `:tg`) on the engine: the page is
//! on screen before its follow-up answers (`…` in the cells it fills), the answers fill their
//! own rows (`?` for one that failed), sorting on a waiting column keeps every row, and a
//! refresh asks again for the rows it lists.

use super::super::queues::{self, Queues};
use super::super::target_groups::TargetGroups;
use super::super::topics::{self, Topics};
use super::*;
use crate::aws::elb::{TargetGroup, TargetHealth};
use crate::aws::fake::sns::topic;
use crate::aws::fake::sqs::queue;
use crate::aws::sns::Topic;
use crate::aws::sqs::Queue;
use crate::protocol::fill::{FillOp, FillOutcome};

const ACCOUNT: &str = "111111111111";

/// The view opened and its first page in: what the page asked for.
fn opened_with<K: Kind>(kind: K, env: &Env, rows: Vec<K::Row>) -> (ResourceView<K>, Vec<Effect>) {
    let mut view = ResourceView::new(PaneId(1), kind, "", &env.cx()).unwrap();
    view.on_open(&env.cx());
    let effects = view.apply(page(env.active.clone(), None, rows, true), &env.cx());
    (view, effects)
}

fn all_texts<R: TableRow>(view: &ResourceView<impl Kind<Row = R>>) -> Vec<Vec<String>> {
    view.table.rows().iter().map(texts).collect()
}

#[test]
fn queues_show_at_once_and_their_counts_fill_in_after() {
    let env = Env::new();
    let region = &env.active.region;
    let full = [
        queue(region, ACCOUNT, "orders", [2, 7, 1]),
        queue(region, ACCOUNT, "payments.fifo", [0, 0, 0]),
    ];
    let listed: Vec<queues::Row> = full
        .iter()
        .map(|q| queues::Row::new(Queue::new(&q.url), 0))
        .collect();
    let (mut view, effects) = opened_with(Queues, &env, listed);

    // The rows are on screen with what ListQueues gave; one follow-up asks for both.
    let [Op::Fill(FillOp::QueueAttributes { ctx, urls })] = ops(&effects)[..] else {
        panic!("one follow-up for the page: {effects:?}")
    };
    assert_eq!(ctx, &env.active);
    assert_eq!(urls, &[full[0].url.clone(), full[1].url.clone()]);
    assert_eq!(
        all_texts(&view),
        [
            ["orders", "…", "…", "…", "std", "…", "…", "…"],
            ["payments.fifo", "…", "…", "…", "FIFO", "…", "…", "…"],
        ]
    );

    // Sorting by a column still waiting keeps every row in place of a panic or a jump.
    view.table.handle(CommandId::Sort);
    view.table.handle(CommandId::Sort);
    assert_eq!(view.table.len(), 2);

    // One answer fills its row, the other says it could not be read.
    view.apply(
        Outcome::Fill(FillOutcome::QueueAttributes {
            ctx: env.active.clone(),
            found: vec![
                (full[0].url.clone(), Ok(full[0].attributes.clone())),
                (full[1].url.clone(), Err("AccessDenied: no".into())),
            ],
        }),
        &env.cx(),
    );
    let rows = all_texts(&view);
    let orders = rows.iter().find(|r| r[0] == "orders").unwrap();
    assert_eq!(orders[1..4], ["2", "7", "1"].map(String::from));
    assert_eq!(orders[6], "4d", "retention from the attributes");
    let fifo = rows.iter().find(|r| r[0] == "payments.fifo").unwrap();
    assert_eq!(fifo[1..4], ["?", "?", "?"].map(String::from));

    // An answer for another context fills nothing here.
    view.apply(
        Outcome::Fill(FillOutcome::QueueAttributes {
            ctx: ctx_of("elsewhere"),
            found: vec![(full[1].url.clone(), Ok(full[1].attributes.clone()))],
        }),
        &env.cx(),
    );
    let rows = all_texts(&view);
    let fifo = rows.iter().find(|r| r[0] == "payments.fifo").unwrap();
    assert_eq!(fifo[1], "?");

    // A refresh lists again: the new rows wait for their own follow-up.
    view.handle(CommandId::Refresh, &env.cx());
    let effects = view.apply(
        page(
            env.active.clone(),
            None,
            vec![queues::Row::new(Queue::new(&full[0].url), 0)],
            true,
        ),
        &env.cx(),
    );
    assert!(
        matches!(
            ops(&effects)[..],
            [Op::Fill(FillOp::QueueAttributes { .. })]
        ),
        "{effects:?}"
    );
    assert_eq!(all_texts(&view)[0][1], "…");
}

fn ctx_of(profile: &str) -> ContextKey {
    ctx(profile, "eu-west-1")
}

#[test]
fn topics_show_at_once_and_their_subscription_counts_fill_in_after() {
    let env = Env::new();
    let full: Topic = topic(&env.active.region, ACCOUNT, "deploys", 3, 1);
    let (mut view, effects) =
        opened_with(Topics, &env, vec![topics::Row::new(Topic::new(&full.arn))]);
    let [Op::Fill(FillOp::TopicAttributes { arns, .. })] = ops(&effects)[..] else {
        panic!("one follow-up: {effects:?}")
    };
    assert_eq!(arns, std::slice::from_ref(&full.arn));
    assert_eq!(all_texts(&view)[0], ["deploys", "…", "…", "", "…"]);
    view.apply(
        Outcome::Fill(FillOutcome::TopicAttributes {
            ctx: env.active.clone(),
            found: vec![(full.arn.clone(), Ok(full.attributes.clone()))],
        }),
        &env.cx(),
    );
    assert_eq!(all_texts(&view)[0], ["deploys", "3", "1", "", ""]);
}

/// Enter on a topic whose counts are still `…`: its view reads the attributes itself, shows
/// `…` until they come, then the counts; a filled row's view asks nothing more.
#[test]
fn a_topic_opened_before_its_attributes_came_reads_them_itself() {
    let env = Env::new();
    let full: Topic = topic(&env.active.region, ACCOUNT, "deploys", 3, 1);
    let (mut view, _) = opened_with(Topics, &env, vec![topics::Row::new(Topic::new(&full.arn))]);
    let opened = |view: &mut ResourceView<Topics>| {
        let mut effects = view.handle(CommandId::Open, &env.cx()).unwrap();
        let Some(Effect::Push(make)) = effects.pop() else {
            panic!("the topic's view: {effects:?}")
        };
        let mut pane = make(PaneId(2));
        let asked = pane.on_open(&env.cx());
        (pane, asked)
    };
    let draw = |pane: &mut Box<dyn Pane>| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 12)).unwrap();
        let theme = crate::theme::Theme::default();
        terminal
            .draw(|f| pane.render(f, f.area(), &theme, &env.cx()))
            .unwrap();
        terminal.backend().to_string()
    };

    let (mut pane, asked) = opened(&mut view);
    let [
        Op::Sns(crate::protocol::sns::SnsOp::Subscriptions { .. }),
        Op::Fill(FillOp::TopicAttributes { ctx, arns }),
    ] = ops(&asked)[..]
    else {
        panic!("the subscriptions and the attributes: {asked:?}")
    };
    assert_eq!(
        (ctx, &arns[..]),
        (&env.active, std::slice::from_ref(&full.arn))
    );
    let screen = draw(&mut pane);
    assert!(screen.contains("… confirmed · … pending"), "{screen}");
    assert!(screen.contains("reading the attributes…"), "{screen}");

    pane.apply(
        Outcome::Fill(FillOutcome::TopicAttributes {
            ctx: env.active.clone(),
            found: vec![(full.arn.clone(), Ok(full.attributes.clone()))],
        }),
        &env.cx(),
    );
    let screen = draw(&mut pane);
    assert!(screen.contains("3 confirmed · 1 pending"), "{screen}");
    assert!(!screen.contains("reading the attributes"), "{screen}");

    // Once the list's own follow-up filled the row, its view has the counts already.
    view.apply(
        Outcome::Fill(FillOutcome::TopicAttributes {
            ctx: env.active.clone(),
            found: vec![(full.arn.clone(), Ok(full.attributes.clone()))],
        }),
        &env.cx(),
    );
    let (mut pane, asked) = opened(&mut view);
    assert!(
        matches!(
            ops(&asked)[..],
            [Op::Sns(crate::protocol::sns::SnsOp::Subscriptions { .. })]
        ),
        "{asked:?}"
    );
    assert!(draw(&mut pane).contains("3 confirmed · 1 pending"));
}

#[test]
fn target_groups_show_at_once_and_their_health_fills_in_after() {
    let env = Env::new();
    let group = |name: &str| TargetGroup {
        name: name.into(),
        arn: format!("arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:targetgroup/{name}/1"),
        protocol: Some("HTTP".into()),
        port: Some(80),
        target_type: "instance".into(),
        ..TargetGroup::default()
    };
    let target = |id: &str, state: &str| TargetHealth {
        id: id.into(),
        port: Some(80),
        zone: None,
        state: state.into(),
        reason: None,
        description: None,
    };
    let (web, api) = (group("web-tg"), group("api-tg"));
    let (mut view, effects) = opened_with(TargetGroups, &env, vec![web.clone(), api.clone()]);
    let [Op::Fill(FillOp::TargetHealth { arns, .. })] = ops(&effects)[..] else {
        panic!("one follow-up: {effects:?}")
    };
    assert_eq!(arns.len(), 2);
    for row in all_texts(&view) {
        assert_eq!(row[3..5], ["…", "…"].map(String::from), "{row:?}");
    }
    view.apply(
        Outcome::Fill(FillOutcome::TargetHealth {
            ctx: env.active.clone(),
            found: vec![
                (
                    web.arn.clone(),
                    Ok(vec![target("i-1", "healthy"), target("i-2", "unhealthy")]),
                ),
                (api.arn.clone(), Err("AccessDenied: no".into())),
            ],
        }),
        &env.cx(),
    );
    let rows = all_texts(&view);
    let web_row = rows.iter().find(|r| r[0] == "web-tg").unwrap();
    assert_eq!(web_row[3..5], ["1", "1"].map(String::from));
    let api_row = rows.iter().find(|r| r[0] == "api-tg").unwrap();
    assert_eq!(api_row[3..5], ["?", "?"].map(String::from));
}
