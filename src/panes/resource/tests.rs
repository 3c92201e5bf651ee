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
        view.heading().contains("2 answered · 1 failed"),
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
        "EBS volumes · @profiles team-* · 2 contexts · 2 answered · 1 failed · 1 changing, watching"
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

use crate::protocol::ec2::Ec2Op;

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
