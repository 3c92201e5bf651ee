//! The engine through the security-groups and volumes kinds: one context and many, streamed
//! pages, failed contexts and crashed requests, polling, switches.

use super::security_groups::SecurityGroups;
use super::volumes::Volumes;
use super::*;
use crate::aws::ec2::SecurityGroup;
use crate::aws::ec2_inventory::{Attachment, EbsVolume};
use crate::aws::model::Identity;
use crate::aws::profiles::{CredentialKind, ProfileInfo};
use crate::aws::{AwsError, ErrorKind};
use crate::protocol::ec2::Ec2Op;
use crate::ui::table::TableRow;

/// What a `PaneCx` borrows.
struct Env {
    active: ContextKey,
    profiles: Vec<ProfileInfo>,
    identities: HashMap<Option<String>, IdentityState>,
    keymap: crate::keymap::Keymap,
    s3: crate::config::S3Settings,
    ec2: crate::config::Ec2Settings,
    logs: crate::config::LogsSettings,
    payloads: crate::saved_payloads::PayloadFiles,
    queries: crate::saved_queries::QueryFiles,
    policies: crate::policy::Policies,
}

fn profile(name: &str, region: Option<&str>) -> ProfileInfo {
    ProfileInfo {
        name: name.into(),
        region: region.map(Into::into),
        kind: CredentialKind::AssumeRole,
        endpoint_url: None,
        sso_session: None,
        account_hint: None,
        mfa_serial: None,
    }
}

impl Env {
    fn new() -> Env {
        let mut identities = HashMap::new();
        identities.insert(
            Some("team-a".to_string()),
            IdentityState::Resolved(Identity {
                account: "111111111111".into(),
                arn: String::new(),
                user_id: String::new(),
            }),
        );
        Env {
            active: ctx("team-a", "us-west-2"),
            profiles: vec![
                profile("team-a", Some("us-east-1")),
                profile("team-b", Some("eu-west-1")),
            ],
            identities,
            keymap: crate::keymap::Keymap::defaults(),
            s3: Default::default(),
            ec2: Default::default(),
            logs: Default::default(),
            payloads: Default::default(),
            queries: Default::default(),
            policies: Default::default(),
        }
    }

    /// Also `other` (us-east-1) and `team-c` (no region of its own).
    fn everyone(mut self) -> Env {
        self.profiles.insert(0, profile("other", Some("us-east-1")));
        self.profiles.push(profile("team-c", None));
        self
    }

    fn cx(&self) -> PaneCx<'_> {
        PaneCx {
            active: &self.active,
            profiles: &self.profiles,
            identities: &self.identities,
            env_credentials: false,
            read_only: false,
            keymap: &self.keymap,
            s3: &self.s3,
            ec2: &self.ec2,
            logs: &self.logs,
            payloads: &self.payloads,
            editor: "",
            queries: &self.queries,
            fan_out: 24,
            policies: &self.policies,
            body: ratatui::layout::Rect::default(),
        }
    }
}

fn ctx(profile: &str, region: &str) -> ContextKey {
    ContextKey {
        profile: Some(profile.into()),
        region: region.into(),
    }
}

fn group(id: &str, name: &str) -> SecurityGroup {
    SecurityGroup {
        id: id.into(),
        name: name.into(),
        description: format!("{name} group"),
        vpc_id: Some("vpc-1".into()),
        inbound: Vec::new(),
        outbound: Vec::new(),
        tags: Vec::new(),
    }
}

fn page<R: Send + Sync + 'static>(
    ctx: ContextKey,
    account: Option<&str>,
    rows: Vec<R>,
    first: bool,
) -> Outcome {
    Outcome::List(ListOutcome::Page {
        ctx,
        account: account.map(Into::into),
        rows: Rows::new(rows),
        first,
    })
}

fn ended(ctx: ContextKey, account: Option<&str>, result: Result<(), AwsError>) -> Outcome {
    Outcome::List(ListOutcome::Ended {
        ctx,
        account: account.map(Into::into),
        learned: None,
        result,
    })
}

fn ops(effects: &[Effect]) -> Vec<&Op> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request(r) => Some(&r.op),
            _ => None,
        })
        .collect()
}

fn flashes(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Flash(_, text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn texts<R: TableRow>(row: &Entry<R>) -> Vec<String> {
    row.cells().into_iter().map(|c| c.text).collect()
}

#[test]
fn one_context_streams_pages_and_follows_the_active_context() {
    let mut env = Env::new();
    let mut view = ResourceView::new(PaneId(1), SecurityGroups, "", &env.cx()).unwrap();
    let effects = view.on_open(&env.cx());
    let [Op::List(op)] = ops(&effects)[..] else {
        panic!("one listing")
    };
    assert_eq!(op.contexts, [env.active.clone()]);
    assert!(op.accounts.is_none(), "no STS call for the active context");
    assert_eq!(view.heading(), "Security groups · loading…");

    let here = env.active.clone();
    view.apply(
        page(here.clone(), None, vec![group("sg-1", "web")], true),
        &env.cx(),
    );
    assert_eq!(view.table.len(), 1, "the first page is on screen at once");
    view.apply(
        page(here.clone(), None, vec![group("sg-2", "db")], false),
        &env.cx(),
    );
    view.apply(ended(here.clone(), None, Ok(())), &env.cx());
    assert_eq!(view.table.len(), 2);
    assert_eq!(
        texts(&view.table.rows()[0]),
        ["sg-1", "web", "vpc-1", "0", "0", "web group"],
        "no PROFILE/ACCOUNT/REGION in one context"
    );
    assert_eq!(view.heading(), "Security groups");
    let effects = view.handle(CommandId::Copy, &env.cx()).unwrap();
    assert!(matches!(&effects[..], [Effect::Copy(id)] if id == "sg-1"));

    // Another region: the rows of the old one go, the new one is listed.
    env.active = ctx("team-a", "eu-central-1");
    let effects = view.context_switched(&env.cx());
    let [Op::List(op)] = ops(&effects)[..] else {
        panic!("listed again")
    };
    assert_eq!(op.contexts, [ctx("team-a", "eu-central-1")]);
    assert!(view.table.is_empty());
}

#[test]
fn a_failed_listing_shows_its_error_in_the_view() {
    let env = Env::new();
    let mut view = ResourceView::new(PaneId(1), SecurityGroups, "", &env.cx()).unwrap();
    view.on_open(&env.cx());
    let effects = view.apply(
        ended(
            env.active.clone(),
            None,
            Err(AwsError::new(
                ErrorKind::AccessDenied,
                "not allowed\u{1b}[2J",
            )),
        ),
        &env.cx(),
    );
    assert_eq!(flashes(&effects), ["Security groups: not allowed␛[2J"]);
    assert!(
        view.heading()
            .starts_with("Security groups · error: not allowed")
    );
    assert!(!view.heading().contains("loading"));
    let row = &view.table.rows()[0];
    assert!(row.item.is_err());
    assert!(!texts(row)[0].contains('\u{1b}'), "sanitized");
}

#[test]
fn a_crashed_request_fails_every_waiting_context_instead_of_loading_forever() {
    let env = Env::new();
    let mut view = ResourceView::new(PaneId(1), Volumes, "@profiles team-*", &env.cx()).unwrap();
    view.on_open(&env.cx());
    view.apply(
        page(
            ctx("team-b", "eu-west-1"),
            Some("222222222222"),
            vec![volume("vol-1", "in-use")],
            true,
        ),
        &env.cx(),
    );
    view.apply(
        ended(ctx("team-b", "eu-west-1"), Some("222222222222"), Ok(())),
        &env.cx(),
    );
    Pane::failed(
        &mut view,
        &crate::protocol::Failure::crashed(Some("list"), "task panicked: boom"),
    );
    assert!(!view.heading().contains("loading"), "{}", view.heading());
    assert!(
        view.heading()
            .contains("2 contexts · 1 answered · 1 failed"),
        "{}",
        view.heading()
    );
    let failed = view
        .table
        .rows()
        .iter()
        .find(|e| e.item.is_err())
        .expect("a failed row");
    assert_eq!(failed.ctx, ctx("team-a", "us-east-1"));
    assert!(texts(failed)[3].contains("task panicked: boom"));
    assert_eq!(view.table.len(), 2, "the answered context keeps its row");
}

fn volume(id: &str, state: &str) -> EbsVolume {
    EbsVolume {
        id: id.into(),
        size_gib: Some(8),
        volume_type: "gp3".into(),
        iops: Some(3000),
        state: state.into(),
        az: "eu-west-1a".into(),
        attachments: vec![Attachment {
            instance: "i-1".into(),
            device: "/dev/xvdf".into(),
            state: "attached".into(),
            delete_on_termination: Some(false),
        }],
        tags: vec![("Name".into(), format!("data-{id}"))],
        ..EbsVolume::default()
    }
}

#[test]
fn many_contexts_lead_with_where_and_look_up_accounts() {
    let env = Env::new();
    let mut view = ResourceView::new(PaneId(1), Volumes, " @profiles  team-* ", &env.cx()).unwrap();
    let effects = view.on_open(&env.cx());
    let [Op::List(op)] = ops(&effects)[..] else {
        panic!("one fan-out")
    };
    assert_eq!(
        op.contexts,
        [ctx("team-a", "us-east-1"), ctx("team-b", "eu-west-1")]
    );
    let accounts = op.accounts.as_ref().expect("accounts wanted");
    assert_eq!(
        accounts
            .get(&Some("team-a".to_string()))
            .map(String::as_str),
        Some("111111111111")
    );
    assert_eq!(op.fan_out, 24);
    assert_eq!(
        view.heading(),
        "EBS volumes · @profiles team-* · 2 contexts · 0 answered · loading…"
    );
    let b = ctx("team-b", "eu-west-1");
    view.apply(
        page(
            b.clone(),
            Some("222222222222"),
            vec![volume("vol-1", "creating")],
            true,
        ),
        &env.cx(),
    );
    view.apply(ended(b.clone(), Some("222222222222"), Ok(())), &env.cx());
    assert_eq!(
        texts(&view.table.rows()[0])[..7],
        [
            "team-b",
            "222222222222",
            "eu-west-1",
            "vol-1",
            "data-vol-1",
            "8 GiB",
            "gp3"
        ]
    );
    view.apply(
        ended(
            ctx("team-a", "us-east-1"),
            Some("111111111111"),
            Err(AwsError::new(ErrorKind::Credentials, "exited 1")),
        ),
        &env.cx(),
    );
    assert_eq!(
        view.heading(),
        "EBS volumes · @profiles team-* · 2 contexts · 1 answered · 1 failed · 1 changing, watching"
    );
    // Polling lists again only the context with a changing row; its rows stay until every
    // page is in.
    let effects = view.apply(Outcome::List(ListOutcome::Done), &env.cx());
    assert!(matches!(effects[..], [Effect::Wake(PaneId(1), _)]));
    let effects = view.wake(&env.cx());
    let [Op::List(poll)] = ops(&effects)[..] else {
        panic!("a poll")
    };
    assert_eq!(poll.contexts, std::slice::from_ref(&b));
    view.apply(
        page(
            b.clone(),
            Some("222222222222"),
            vec![volume("vol-1", "available")],
            true,
        ),
        &env.cx(),
    );
    assert!(
        texts(&view.table.rows()[0])[8].contains("creating"),
        "not yet swapped"
    );
    view.apply(ended(b.clone(), Some("222222222222"), Ok(())), &env.cx());
    assert!(texts(&view.table.rows()[0])[8].contains("available"));
    // A failed context's row: Enter shows why; copy has nothing.
    let failed_id = view
        .table
        .rows()
        .iter()
        .find(|e| e.item.is_err())
        .unwrap()
        .id();
    assert!(view.table.select_id(&failed_id));
    let effects = view.handle(CommandId::Copy, &env.cx()).unwrap();
    assert!(
        flashes(&effects)[0].contains("no volume here: team-a · 111111111111 · us-east-1 failed")
    );
    assert!(matches!(
        view.handle(CommandId::Open, &env.cx()).unwrap()[..],
        [Effect::Push(_)]
    ));
    for global in [
        CommandId::Back,
        CommandId::Quit,
        CommandId::Help,
        CommandId::Prompt,
    ] {
        assert!(
            view.handle(global, &env.cx()).is_none(),
            "{global} is the app's"
        );
    }
}

#[test]
fn details_and_arn_use_the_rows_context_and_account() {
    let env = Env::new();
    let mut view =
        ResourceView::new(PaneId(1), SecurityGroups, "@profiles team-b", &env.cx()).unwrap();
    let b = ctx("team-b", "eu-west-1");
    view.apply(
        page(
            b.clone(),
            Some("222222222222"),
            vec![group("sg-9", "web")],
            true,
        ),
        &env.cx(),
    );
    let effects = view.handle(CommandId::CopyArn, &env.cx()).unwrap();
    assert!(matches!(
        &effects[..],
        [Effect::Copy(arn)] if arn == "arn:aws:ec2:eu-west-1:222222222222:security-group/sg-9"
    ));
    let mut effects = view.handle(CommandId::Open, &env.cx()).unwrap();
    let Some(Effect::Push(make)) = effects.pop() else {
        panic!("a document")
    };
    let mut document = make(PaneId(2));
    let asked = document.on_open(&env.cx());
    assert!(matches!(
        ops(&asked)[..],
        [Op::Ec2(Ec2Op::GroupDetails { ctx, id })] if *ctx == b && id == "sg-9"
    ));
}

#[test]
fn bad_scopes_open_nothing() {
    let env = Env::new();
    let err = |arg| {
        ResourceView::new(PaneId(1), SecurityGroups, arg, &env.cx())
            .err()
            .unwrap()
    };
    assert!(err("@profiles prod-*").contains("no profile matches 'prod-*'"));
    assert!(err("@all").contains("unknown scope '@all'"));
}

mod ec2 {
    //! EC2 instances on the engine across contexts (ported from the cross-context view).
    use super::*;
    use crate::aws::ec2::{self, Instance};
    use crate::panes::resource::instances::{Instances, Row};
    use crate::protocol::ec2::Ec2Outcome;

    fn instance(id: &str, state: &str) -> Instance {
        Instance {
            id: id.into(),
            state: state.into(),
            instance_type: "t3.micro".into(),
            tags: vec![("Name".into(), format!("web-{id}"))],
            ..Instance::default()
        }
    }

    fn view(env: &Env, arg: &str) -> ResourceView<Instances> {
        let kind = Instances::new(&env.cx(), !arg.trim().is_empty());
        ResourceView::new(PaneId(1), kind, arg, &env.cx()).expect("valid scope")
    }

    /// One context's whole answer: its instances, or the error.
    fn answer(
        view: &mut ResourceView<Instances>,
        env: &Env,
        ctx: ContextKey,
        account: Option<&str>,
        result: Result<Vec<Instance>, AwsError>,
    ) -> Vec<Effect> {
        let result = result.map(|list| {
            let rows: Vec<Row> = list
                .into_iter()
                .map(|i| Row::new(i, std::sync::Arc::from(Vec::new()), 0))
                .collect();
            view.apply(page(ctx.clone(), account, rows, true), &env.cx());
        });
        view.apply(ended(ctx, account, result), &env.cx())
    }

    /// `:ec2 @profiles team-*` with every context answered: team-b (2 instances) first, then
    /// team-a (1), then team-c failing.
    fn loaded(env: &Env) -> ResourceView<Instances> {
        let mut view = view(env, "@profiles team-*");
        view.on_open(&env.cx());
        answer(
            &mut view,
            env,
            ctx("team-b", "eu-west-1"),
            Some("222222222222"),
            Ok(vec![
                instance("i-b0", "running"),
                instance("i-b1", "stopped"),
            ]),
        );
        answer(
            &mut view,
            env,
            ctx("team-a", "us-east-1"),
            Some("111111111111"),
            Ok(vec![instance("i-a0", "running")]),
        );
        answer(
            &mut view,
            env,
            ctx("team-c", "us-west-2"),
            None,
            Err(AwsError::new(
                ErrorKind::Credentials,
                "credential_process exited 1\u{1b}[31m",
            )),
        );
        view
    }

    fn select(view: &mut ResourceView<Instances>, resource: &str) {
        let id = view
            .table
            .rows()
            .iter()
            .find(|e| e.row().is_some_and(|r| r.instance.id == resource))
            .map(TableRow::id)
            .expect("row");
        assert!(view.table.select_id(&id));
    }

    /// The one view `effects` push, opened: what it asks for.
    fn opened(effects: Vec<Effect>, env: &Env) -> Vec<Effect> {
        let mut effects = effects.into_iter();
        match (effects.next(), effects.next()) {
            (Some(Effect::Push(make)), None) => make(PaneId(99)).on_open(&env.cx()),
            _ => panic!("expected one view to open"),
        }
    }

    #[test]
    fn rows_stream_in_per_context_with_profile_account_and_region() {
        let env = Env::new().everyone();
        let mut view = view(&env, " @profiles  team-* ");
        let effects = view.on_open(&env.cx());
        let [Op::List(op)] = ops(&effects)[..] else {
            panic!("one fan-out request")
        };
        assert_eq!(
            op.contexts,
            [
                ctx("team-a", "us-east-1"),
                ctx("team-b", "eu-west-1"),
                ctx("team-c", "us-west-2")
            ],
            "each profile in its own region, else the active one; 'other' does not match"
        );
        assert_eq!(
            op.accounts
                .as_ref()
                .unwrap()
                .get(&Some("team-a".to_string()))
                .map(String::as_str),
            Some("111111111111"),
            "accounts already resolved are passed on"
        );
        assert_eq!(
            view.heading(),
            "EC2 instances · @profiles team-* · 3 contexts · 0 answered · loading…"
        );
        answer(
            &mut view,
            &env,
            ctx("team-b", "eu-west-1"),
            Some("222222222222"),
            Ok(vec![
                instance("i-b0", "running"),
                instance("i-b1", "stopped"),
            ]),
        );
        assert_eq!(view.table.len(), 2);
        assert_eq!(
            texts(&view.table.rows()[0])[..5],
            ["team-b", "222222222222", "eu-west-1", "web-i-b0", "i-b0"]
        );
        assert!(view.heading().ends_with("1 answered · loading…"));

        let view = loaded(&env);
        let rows = view.table.rows();
        assert_eq!(rows.len(), 4);
        assert_eq!(
            texts(&rows[2])[..5],
            ["team-a", "111111111111", "us-east-1", "web-i-a0", "i-a0"]
        );
        assert_eq!(
            view.heading(),
            "EC2 instances · @profiles team-* · 3 contexts · 2 answered · 1 failed"
        );
        let failed = &rows[3];
        assert_eq!(texts(failed)[..3], ["team-c", "—", "us-west-2"]);
        let cells = failed.cells();
        assert!(
            cells[3].text.starts_with("✗ credential_process exited 1"),
            "{}",
            cells[3].text
        );
        assert!(!cells[3].text.contains('\u{1b}'), "sanitized");
        assert_eq!(cells[3].role, Some("state.error"));
    }

    #[test]
    fn actions_run_in_the_rows_context() {
        let env = Env::new().everyone();
        let mut view = loaded(&env);
        select(&mut view, "i-b0");
        let b = ctx("team-b", "eu-west-1");

        let effects = view.handle(CommandId::Stop, &env.cx()).unwrap();
        let [Op::Ec2(Ec2Op::DryRun { ctx, ids, .. })] = ops(&effects)[..] else {
            panic!("a dry run")
        };
        assert_eq!((ctx, ids.as_slice()), (&b, &["i-b0".to_string()][..]));
        let effects = view.apply(
            Outcome::Ec2(Ec2Outcome::DryRan {
                action: ec2::Action::Stop,
                ids: vec!["i-b0".into()],
                result: Ok(()),
            }),
            &env.cx(),
        );
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
        let [Op::Ec2(Ec2Op::Act { ctx, action, .. })] = ops(&confirm.on_yes)[..] else {
            panic!("the action on yes")
        };
        assert_eq!((ctx, *action), (&b, ec2::Action::Stop));

        // The answer changes the row in that context only, and polling starts.
        let effects = view.apply(
            Outcome::Ec2(Ec2Outcome::Acted {
                action: ec2::Action::Stop,
                results: vec![ec2::ActionResult {
                    id: "i-b0".into(),
                    result: Ok("stopping".into()),
                }],
            }),
            &env.cx(),
        );
        assert!(flashes(&effects)[0].contains("stop: i-b0 is stopping"));
        assert!(view.heading().contains("1 changing, watching"));
        let effects = view.wake(&env.cx());
        let [Op::List(poll)] = ops(&effects)[..] else {
            panic!("a poll")
        };
        assert_eq!(
            poll.contexts,
            std::slice::from_ref(&b),
            "only the context that is changing"
        );

        // Details, copy and the ARN use the row's context and account.
        let effects = opened(view.handle(CommandId::Open, &env.cx()).unwrap(), &env);
        assert!(matches!(
            ops(&effects)[..],
            [Op::Ec2(Ec2Op::Details { ctx, id })] if *ctx == b && id == "i-b0"
        ));
        let effects = view.handle(CommandId::CopyArn, &env.cx()).unwrap();
        assert!(matches!(
            &effects[..],
            [Effect::Copy(arn)] if arn == "arn:aws:ec2:eu-west-1:222222222222:instance/i-b0"
        ));
        let effects = opened(
            view.handle(CommandId::ConsoleOutput, &env.cx()).unwrap(),
            &env,
        );
        assert!(matches!(
            ops(&effects)[..],
            [Op::Ec2(Ec2Op::Console { ctx, .. })] if *ctx == b
        ));
    }

    #[test]
    fn marked_rows_in_several_contexts_are_refused() {
        let env = Env::new().everyone();
        let mut view = loaded(&env);
        select(&mut view, "i-b0");
        view.table.handle(CommandId::Mark);
        select(&mut view, "i-a0");
        view.table.handle(CommandId::Mark);
        let effects = view.handle(CommandId::Reboot, &env.cx()).unwrap();
        assert!(ops(&effects).is_empty(), "nothing is asked of AWS");
        assert_eq!(
            flashes(&effects),
            ["marked rows are in 2 contexts; act on one context at a time"]
        );
        // Marks in one context act there together.
        view.table.clear_marks();
        select(&mut view, "i-b0");
        view.table.handle(CommandId::Mark);
        view.table.handle(CommandId::Mark);
        let effects = view.handle(CommandId::Terminate, &env.cx()).unwrap();
        let [Op::Ec2(Ec2Op::DryRun { ctx, ids, .. })] = ops(&effects)[..] else {
            panic!("a dry run")
        };
        assert_eq!(ctx, &super::ctx("team-b", "eu-west-1"));
        assert_eq!(ids, &["i-b0".to_string(), "i-b1".to_string()]);
        // A failed context's row has nothing to act on.
        view.table.clear_marks();
        view.table.handle(CommandId::Bottom);
        let effects = view.handle(CommandId::Stop, &env.cx()).unwrap();
        assert!(flashes(&effects)[0].contains("no instance here: team-c · us-west-2 failed"));
    }

    #[test]
    fn all_regions_follows_a_profile_switch_and_explicit_profiles_stay() {
        let mut env = Env::new().everyone();
        let mut everywhere = view(&env, "@all-regions");
        everywhere.on_open(&env.cx());
        let mut teams = view(&env, "@profiles team-*");
        teams.on_open(&env.cx());
        answer(
            &mut teams,
            &env,
            ctx("team-a", "us-east-1"),
            Some("111111111111"),
            Ok(vec![instance("i-a0", "running")]),
        );

        env.active = ctx("other", "eu-west-1");
        let effects = everywhere.context_switched(&env.cx());
        let [Op::List(op)] = ops(&effects)[..] else {
            panic!("listed again")
        };
        assert_eq!(op.contexts.len(), 17);
        assert!(
            op.contexts
                .iter()
                .all(|c| c.profile.as_deref() == Some("other"))
        );
        let effects = teams.context_switched(&env.cx());
        let [Op::List(op)] = ops(&effects)[..] else {
            panic!("the unanswered contexts asked again")
        };
        assert_eq!(
            op.contexts,
            [ctx("team-b", "eu-west-1"), ctx("team-c", "us-west-2")],
            "the switch cancelled them; the answered one keeps its rows"
        );
        assert_eq!(teams.table.len(), 1);
    }
}

mod follow_ups;
mod kinds;
