//! The service writes, shared by the services list and a service's details: scale (the count
//! asked for, the change shown, then confirmed; to 0 typed, since it stops every task) and
//! force a new deployment (confirmed). Each sends one typed `EcsOp::Update`, which the guard
//! and the audit log see through `Op::mutation`; the adapter sends it once.

use crate::aws::ContextKey;
use crate::aws::ecs::{Service, ServiceChange, family_revision};
use crate::command::CommandId;
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::protocol::ecs::{EcsOp, EcsOutcome};
use crate::protocol::{Op, Owner, Request};

/// Desired counts above this are refused here (ECS's own limit per service is 5,000 tasks;
/// a typo of a few digits should not reach it).
const MOST_TASKS: i32 = 5_000;

/// Starts `command` (scale or force-deploy) on `service`; anything else is not a write here.
pub fn begin(
    command: CommandId,
    owner: Owner,
    ctx: &ContextKey,
    cluster_arn: &str,
    service: &Service,
    place: &str,
) -> Vec<Effect> {
    match command {
        CommandId::ScaleService => ask_count(owner, ctx, cluster_arn, service, place),
        CommandId::ForceDeploy => vec![confirm_force_deploy(
            owner,
            ctx,
            cluster_arn,
            service,
            place,
        )],
        _ => Vec::new(),
    }
}

fn request(
    owner: Owner,
    ctx: &ContextKey,
    cluster: &str,
    service: &str,
    change: ServiceChange,
) -> Effect {
    Effect::Request(Request::new(
        owner,
        Op::Ecs(EcsOp::Update {
            ctx: ctx.clone(),
            cluster: cluster.to_string(),
            service: service.to_string(),
            change,
        }),
    ))
}

fn ask_count(
    owner: Owner,
    ctx: &ContextKey,
    cluster_arn: &str,
    service: &Service,
    place: &str,
) -> Vec<Effect> {
    let (ctx, cluster, s, place) = (
        ctx.clone(),
        cluster_arn.to_string(),
        service.clone(),
        place.to_string(),
    );
    vec![Effect::Ask(Ask {
        title: format!(
            "Desired count of {} (now {}, running {})",
            s.name, s.desired, s.running
        ),
        initial: s.desired.to_string(),
        complete_paths: false,
        on_answer: Box::new(move |answer| match parse_count(&answer) {
            Err(why) => vec![Effect::Flash(Level::Warn, why)],
            Ok(n) if n == s.desired => vec![Effect::Flash(
                Level::Info,
                format!("{} already wants {n} tasks: nothing to change", s.name),
            )],
            Ok(n) => vec![confirm_scale(owner, &ctx, &cluster, &s, n, &place)],
        }),
    })]
}

/// A desired count as typed: a whole number from 0 to `MOST_TASKS`.
pub fn parse_count(text: &str) -> Result<i32, String> {
    let text = text.trim();
    match text.parse::<i32>() {
        Ok(n) if (0..=MOST_TASKS).contains(&n) => Ok(n),
        Ok(_) => Err(format!("a desired count is 0 to {MOST_TASKS}; not {text}")),
        Err(_) => Err(format!("a desired count is a whole number; not '{text}'")),
    }
}

fn confirm_scale(
    owner: Owner,
    ctx: &ContextKey,
    cluster: &str,
    s: &Service,
    n: i32,
    place: &str,
) -> Effect {
    let mut lines = vec![
        place.to_string(),
        format!(
            "desired {} → {n} (running {}, pending {})",
            s.desired, s.running, s.pending
        ),
    ];
    let typed = if n == 0 {
        lines.push("0 stops every task of the service.".into());
        lines.push(format!("Type the service name ({}) to confirm.", s.name));
        Some(s.name.clone())
    } else {
        None
    };
    Effect::Confirm(Confirm {
        title: format!("Scale {} from {} to {n} tasks?", s.name, s.desired),
        lines,
        typed,
        on_yes: vec![request(
            owner,
            ctx,
            cluster,
            &s.name,
            ServiceChange::Scale(n),
        )],
    })
}

fn confirm_force_deploy(
    owner: Owner,
    ctx: &ContextKey,
    cluster: &str,
    s: &Service,
    place: &str,
) -> Effect {
    let mut lines = vec![
        place.to_string(),
        format!(
            "Every task is replaced by a new one of {} (images pulled again).",
            family_revision(&s.task_definition)
        ),
    ];
    if s.is_deploying() {
        lines.push("A deployment is already rolling out; this one replaces it.".into());
    }
    Effect::Confirm(Confirm {
        title: format!("Force a new deployment of {}?", s.name),
        lines,
        typed: None,
        on_yes: vec![request(
            owner,
            ctx,
            cluster,
            &s.name,
            ServiceChange::ForceDeploy,
        )],
    })
}

/// What an update's answer says, with the context it ran in; `None`: not an update's answer.
pub fn report(outcome: &EcsOutcome) -> Option<(ContextKey, Vec<Effect>)> {
    let EcsOutcome::Updated {
        ctx,
        service,
        change,
        result,
        ..
    } = outcome
    else {
        return None;
    };
    let effect = match result {
        Ok(sent) => Effect::Flash(
            Level::Success,
            match change {
                ServiceChange::Scale(n) => format!("{service}: desired count {n}{}", sent.note()),
                ServiceChange::ForceDeploy => {
                    format!("{service}: new deployment started{}", sent.note())
                }
            },
        ),
        // Sent once: a lost answer may still have changed the service, which the caller
        // reads back (the view, the list) rather than sending it again.
        Err(e) if e.outcome_unknown() => Effect::Flash(
            Level::Warn,
            format!(
                "UpdateService {service}: the answer was lost ({}); it may have taken effect and was not sent again: reading the service back",
                e.summary()
            ),
        ),
        Err(e) => Effect::Flash(
            Level::Error,
            format!("UpdateService {service}: {}", e.summary()),
        ),
    };
    let mut effects = vec![effect];
    if result.is_ok() {
        // The lists below (clusters, services) show the change without C-r.
        effects.push(Effect::Written(ctx.clone()));
    }
    Some((ctx.clone(), effects))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_a_whole_number_within_bounds() {
        assert_eq!(parse_count(" 3 "), Ok(3));
        assert_eq!(parse_count("0"), Ok(0));
        assert!(parse_count("-1").is_err());
        assert!(parse_count("50000").is_err());
        assert!(parse_count("three").unwrap_err().contains("whole number"));
    }

    #[test]
    fn scaling_to_zero_is_typed_and_a_scale_names_the_change() {
        let s = Service {
            name: "web".into(),
            desired: 2,
            running: 2,
            ..Service::default()
        };
        let ctx = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let owner = Owner::App;
        let Effect::Confirm(c) = confirm_scale(owner, &ctx, "shop", &s, 0, "prod · eu-west-1")
        else {
            panic!("a confirmation");
        };
        assert_eq!(c.typed.as_deref(), Some("web"));
        assert!(
            c.lines
                .iter()
                .any(|l| l == "desired 2 → 0 (running 2, pending 0)")
        );
        let Effect::Confirm(c) = confirm_scale(owner, &ctx, "shop", &s, 3, "prod · eu-west-1")
        else {
            panic!("a confirmation");
        };
        assert_eq!(c.typed, None);
        let [Effect::Request(r)] = c.on_yes.as_slice() else {
            panic!("one request");
        };
        assert_eq!(
            r.op.mutation().expect("a write").resources,
            ["shop/web", "desired count 3"]
        );
    }
}
