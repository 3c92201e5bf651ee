//! The kinds whose rows need a call each (`:sqs`, `:sns`, `:tg`, `:ecs`) on the engine: the
//! page is on screen before its follow-up answers (`…` in the cells it fills), the answers
//! fill their own rows (`?` for one that failed), sorting on a waiting column keeps every
//! row, and a refresh asks again for the rows it lists. Each follow-up carries the listing
//! whose rows asked: its answer reaches rows a relist is buffering, and an answer older than
//! the rows on screen is dropped.

use super::super::clusters::Clusters;
use super::super::queues::{self, Queues};
use super::super::target_groups::TargetGroups;
use super::super::topics::{self, Topics};
use super::*;
use crate::aws::ecs::{Cluster, ClusterState};
use crate::aws::elb::{TargetGroup, TargetHealth};
use crate::aws::fake::sns::topic;
use crate::aws::fake::sqs::queue;
use crate::aws::sns::Topic;
use crate::aws::sqs::Queue;
use crate::protocol::fill::{FillOp, FillOutcome};

const ACCOUNT: &str = "111111111111";

/// The follow-ups `effects` send, each with the listing it is for.
fn follow_ups(effects: &[Effect]) -> Vec<(u64, &Op)> {
    ops(effects)
        .into_iter()
        .filter_map(|op| match op {
            Op::FollowUp(FollowUp { listing, op }) => Some((*listing, &**op)),
            _ => None,
        })
        .collect()
}

/// A follow-up's answer, for the rows of `listing`.
fn answer(listing: u64, outcome: FillOutcome) -> Outcome {
    Outcome::FollowUp(Answered {
        listing,
        outcome: Box::new(Outcome::Fill(outcome)),
    })
}

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
    let [(listing, Op::Fill(FillOp::QueueAttributes { ctx, urls }))] = follow_ups(&effects)[..]
    else {
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
        answer(
            listing,
            FillOutcome::QueueAttributes {
                ctx: env.active.clone(),
                found: vec![
                    (full[0].url.clone(), Ok(full[0].attributes.clone())),
                    (full[1].url.clone(), Err("AccessDenied: no".into())),
                ],
            },
        ),
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
        answer(
            listing,
            FillOutcome::QueueAttributes {
                ctx: ctx_of("elsewhere"),
                found: vec![(full[1].url.clone(), Ok(full[1].attributes.clone()))],
            },
        ),
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
            follow_ups(&effects)[..],
            [(newer, Op::Fill(FillOp::QueueAttributes { .. }))] if newer > listing
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
    let [(listing, Op::Fill(FillOp::TopicAttributes { arns, .. }))] = follow_ups(&effects)[..]
    else {
        panic!("one follow-up: {effects:?}")
    };
    assert_eq!(arns, std::slice::from_ref(&full.arn));
    assert_eq!(all_texts(&view)[0], ["deploys", "…", "…", "", "…"]);
    view.apply(
        answer(
            listing,
            FillOutcome::TopicAttributes {
                ctx: env.active.clone(),
                found: vec![(full.arn.clone(), Ok(full.attributes.clone()))],
            },
        ),
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
    let [(listing, Op::Fill(FillOp::TargetHealth { arns, .. }))] = follow_ups(&effects)[..] else {
        panic!("one follow-up: {effects:?}")
    };
    assert_eq!(arns.len(), 2);
    for row in all_texts(&view) {
        assert_eq!(row[3..5], ["…", "…"].map(String::from), "{row:?}");
    }
    view.apply(
        answer(
            listing,
            FillOutcome::TargetHealth {
                ctx: env.active.clone(),
                found: vec![
                    (
                        web.arn.clone(),
                        Ok(vec![target("i-1", "healthy"), target("i-2", "unhealthy")]),
                    ),
                    (api.arn.clone(), Err("AccessDenied: no".into())),
                ],
            },
        ),
        &env.cx(),
    );
    let rows = all_texts(&view);
    let web_row = rows.iter().find(|r| r[0] == "web-tg").unwrap();
    assert_eq!(web_row[3..5], ["1", "1"].map(String::from));
    let api_row = rows.iter().find(|r| r[0] == "api-tg").unwrap();
    assert_eq!(api_row[3..5], ["?", "?"].map(String::from));
}

/// The queue `url` as GetQueueAttributes reads it with `visible` messages.
fn counted(url: &str, visible: i64) -> crate::aws::attributes::Attributes {
    let region = "us-west-2";
    let name = url.rsplit('/').next().unwrap();
    queue(region, ACCOUNT, name, [visible, 0, 0]).attributes
}

/// The one queue-attributes follow-up `effects` send: its listing.
fn queue_follow_up(effects: &[Effect]) -> u64 {
    match follow_ups(effects)[..] {
        [(listing, Op::Fill(FillOp::QueueAttributes { .. }))] => listing,
        _ => panic!("one follow-up: {effects:?}"),
    }
}

fn counts(url: &str, listing: u64, ctx: &ContextKey, visible: i64) -> Outcome {
    answer(
        listing,
        FillOutcome::QueueAttributes {
            ctx: ctx.clone(),
            found: vec![(url.to_string(), Ok(counted(url, visible)))],
        },
    )
}

/// A relist after a write keeps the old rows on screen and buffers the new ones: the
/// follow-up it sends for them is answered before the listing ends, and the rows swapped in
/// carry that answer (not `…` until some later refresh). The rows still on screen, older,
/// take it too.
#[test]
fn a_follow_up_answered_during_a_relist_fills_the_buffered_rows() {
    let env = Env::new();
    let url = queue(&env.active.region, ACCOUNT, "orders", [0, 0, 0]).url;
    let (mut view, effects) =
        opened_with(Queues, &env, vec![queues::Row::new(Queue::new(&url), 0)]);
    let first = queue_follow_up(&effects);
    view.apply(counts(&url, first, &env.active, 2), &env.cx());
    view.apply(ended(env.active.clone(), None, Ok(())), &env.cx());
    assert_eq!(all_texts(&view)[0][1], "2");

    // A send in this context: listed again in place.
    view.written(&env.active, &env.cx());
    let effects = view.apply(
        page(
            env.active.clone(),
            None,
            vec![queues::Row::new(Queue::new(&url), 0)],
            true,
        ),
        &env.cx(),
    );
    let relist = queue_follow_up(&effects);
    assert!(relist > first, "{effects:?}");
    assert_eq!(all_texts(&view)[0][1], "2", "the old rows stay meanwhile");
    view.apply(counts(&url, relist, &env.active, 3), &env.cx());
    assert_eq!(
        all_texts(&view)[0][1],
        "3",
        "the rows on screen take the newer answer"
    );
    view.apply(ended(env.active.clone(), None, Ok(())), &env.cx());
    assert_eq!(
        all_texts(&view)[0][1],
        "3",
        "the buffered rows came in filled: {:?}",
        all_texts(&view)
    );
}

/// A follow-up asked before a relist (the counts read before a purge) answers after the
/// relist's rows are on screen: it is dropped, whether it comes before or after the relist's
/// own answer.
#[test]
fn an_answer_older_than_the_rows_on_screen_is_dropped() {
    let env = Env::new();
    let url = queue(&env.active.region, ACCOUNT, "orders", [0, 0, 0]).url;
    let row = || vec![queues::Row::new(Queue::new(&url), 0)];
    let (mut view, effects) = opened_with(Queues, &env, row());
    let before_purge = queue_follow_up(&effects);
    view.apply(ended(env.active.clone(), None, Ok(())), &env.cx());

    // Refresh: the new listing's rows replace the old at its first page.
    view.handle(CommandId::Refresh, &env.cx());
    let effects = view.apply(page(env.active.clone(), None, row(), true), &env.cx());
    let after_purge = queue_follow_up(&effects);
    view.apply(counts(&url, before_purge, &env.active, 40), &env.cx());
    assert_eq!(
        all_texts(&view)[0][1],
        "…",
        "the old answer does not fill the newer row"
    );
    view.apply(counts(&url, after_purge, &env.active, 0), &env.cx());
    assert_eq!(all_texts(&view)[0][1], "0");
    view.apply(counts(&url, before_purge, &env.active, 40), &env.cx());
    assert_eq!(
        all_texts(&view)[0][1],
        "0",
        "nor overwrites the newer answer"
    );
}

fn cluster_arn(name: &str) -> String {
    format!("arn:aws:ecs:us-west-2:{ACCOUNT}:cluster/{name}")
}

fn described(status: &str, services: i32) -> ClusterState {
    ClusterState {
        status: status.into(),
        services,
        running: 3,
        pending: 0,
        instances: 0,
        capacity_providers: vec!["FARGATE".into()],
    }
}

/// The names come from ListClusters' ARNs at once; DescribeClusters fills the rest; a
/// cluster it did not describe says `?` and why; Enter and `t` need only the ARN; a
/// cluster found provisioning is watched once its state is in (not before: the listing's
/// end cannot know).
#[test]
fn clusters_show_at_once_and_describe_fills_in_after() {
    let env = Env::new();
    let (shop, gone) = (cluster_arn("shop"), cluster_arn("gone"));
    let (mut view, effects) = opened_with(
        Clusters,
        &env,
        vec![Cluster::listed(&shop), Cluster::listed(&gone)],
    );
    let [(listing, Op::Fill(FillOp::ClusterStates { arns, .. }))] = follow_ups(&effects)[..] else {
        panic!("one DescribeClusters follow-up: {effects:?}")
    };
    assert_eq!(arns, &[shop.clone(), gone.clone()]);
    assert_eq!(
        all_texts(&view),
        [
            ["shop", "…", "…", "…", "…", "…", "…"],
            ["gone", "…", "…", "…", "…", "…", "…"],
        ]
    );
    // Sorting on a waiting column keeps every row.
    for _ in 0..3 {
        view.table.handle(CommandId::Sort);
        assert_eq!(view.table.len(), 2);
    }
    // A waiting row opens: its services and its tasks need only its ARN.
    view.table.select_id("shop");
    let open = view.handle(CommandId::Open, &env.cx()).unwrap();
    assert!(matches!(open[..], [Effect::Push(_)]), "{open:?}");
    let tasks = view.handle(CommandId::EcsTasks, &env.cx()).unwrap();
    assert!(matches!(tasks[..], [Effect::Push(_)]), "{tasks:?}");

    // The listing ends before DescribeClusters answers: nothing says yet whether to watch.
    view.apply(ended(env.active.clone(), None, Ok(())), &env.cx());
    let done = view.apply(Outcome::List(ListOutcome::Done), &env.cx());
    assert!(done.is_empty(), "{done:?}");

    let effects = view.apply(
        answer(
            listing,
            FillOutcome::ClusterStates {
                ctx: env.active.clone(),
                found: vec![
                    (shop.clone(), Ok(described("PROVISIONING", 2))),
                    (gone.clone(), Err("MISSING".into())),
                ],
            },
        ),
        &env.cx(),
    );
    let rows = all_texts(&view);
    let shop_row = rows.iter().find(|r| r[0] == "shop").unwrap();
    assert_eq!(
        shop_row[1..],
        ["PROVISIONING", "2", "3", "0", "0", "FARGATE"].map(String::from)
    );
    let gone_row = rows.iter().find(|r| r[0] == "gone").unwrap();
    assert_eq!(
        gone_row[1..],
        ["?", "?", "?", "?", "?", "? MISSING"].map(String::from)
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Wake(..))),
        "provisioning: watched once known: {effects:?}"
    );
    assert!(
        view.heading().contains("1 changing, watching"),
        "{}",
        view.heading()
    );

    // Enter on the row DescribeClusters left out says why, beside its services.
    view.table.select_id("gone");
    let open = view.handle(CommandId::Open, &env.cx()).unwrap();
    assert!(matches!(open[0], Effect::Push(_)), "{open:?}");
    assert_eq!(flashes(&open), ["cluster gone was not described: MISSING"]);
}
