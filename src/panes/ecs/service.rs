//! One service: its counts and settings, its deployments (status, rollout state, counts,
//! created and updated), its events newest first, load balancers and network configuration.
//! Read with DescribeServices when opened and again with the `Poller`'s backoff while it
//! deploys, so a scale or force-deploy from here is followed until it settles — or, for one
//! that never settles (a rollout stuck, or the emulator, which never finishes one), until
//! `WATCH_LIMIT` reads, after which the title says it stopped watching. `t` lists its
//! tasks; the writes are the same as on the services list.

use super::actions;
use crate::aws::ContextKey;
use crate::aws::ecs::{Service, family_revision, short_id};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::panes::fleet::Poller;
use crate::panes::resource::At;
use crate::protocol::ecs::{EcsOp, EcsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::document::{Block, Document};
use crate::ui::pager::Pager;
use crate::ui::table::ListInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Reads while deploying before the watch gives up: with the `Poller`'s backoff (2 s … then
/// every 20 s) about ten minutes, longer than most rollouts; `C-r` or a write watches again.
pub const WATCH_LIMIT: usize = 35;

pub struct ServiceView {
    id: PaneId,
    ctx: ContextKey,
    account: Option<String>,
    /// The view it was opened from spans several contexts (the title says where).
    wide: bool,
    cluster_arn: String,
    name: String,
    /// As last read (the listed row until the first answer).
    service: Service,
    /// Why the last read failed.
    error: Option<String>,
    loaded: bool,
    poller: Poller,
    /// Reads in a row that found it still deploying.
    watched: usize,
    pager: Pager,
    styled_with: Option<String>,
}

/// Enter on a service: its details, in the row's context.
pub fn open(at: &At, cluster_arn: &str, service: &Service) -> Effect {
    let (ctx, account, wide) = (at.ctx.clone(), at.account.map(str::to_owned), at.wide);
    let (cluster_arn, service) = (cluster_arn.to_string(), service.clone());
    Effect::Push(Box::new(move |id| {
        Box::new(ServiceView {
            id,
            ctx,
            account,
            wide,
            cluster_arn,
            name: service.name.clone(),
            service,
            error: None,
            loaded: false,
            poller: Poller::default(),
            watched: 0,
            pager: Pager::wrapping(),
            styled_with: None,
        })
    }))
}

impl ServiceView {
    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn read(&self) -> Vec<Effect> {
        let op = Op::Ecs(EcsOp::Service {
            ctx: self.ctx.clone(),
            cluster: self.cluster_arn.clone(),
            service: self.name.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("service"),
        )]
    }

    /// After a read: the next one while it deploys, until the bound; then says it stopped.
    fn watch(&mut self) -> Vec<Effect> {
        if !self.service.is_settling() {
            self.watched = 0;
            self.poller.next(false);
            return Vec::new();
        }
        self.watched += 1;
        if self.watched <= WATCH_LIMIT {
            return self
                .poller
                .next(true)
                .map(|delay| Effect::Wake(self.id, delay))
                .into_iter()
                .collect();
        }
        if self.watched == WATCH_LIMIT + 1 {
            return vec![Effect::Flash(
                Level::Info,
                format!(
                    "service {} is still deploying after {WATCH_LIMIT} reads: no longer watched (C-r reads again)",
                    self.name
                ),
            )];
        }
        Vec::new()
    }

    fn at(&self) -> At<'_> {
        At {
            ctx: &self.ctx,
            account: self.account.as_deref(),
            owner: self.owner(),
            wide: self.wide,
        }
    }

    fn redraw(&mut self) {
        self.styled_with = None;
    }
}

impl Pane for ServiceView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        let place = self.at().suffix();
        let mut title = format!("service {}{place}", self.name);
        if self.loaded && self.service.is_settling() {
            title.push_str(if self.watched > WATCH_LIMIT {
                " · still deploying, no longer watched (C-r reads again)"
            } else {
                " · deploying, watching"
            });
        }
        title
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ecs, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::EcsTasks,
            CommandId::ScaleService,
            CommandId::ForceDeploy,
            CommandId::PageDown,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.read()
    }

    fn wake(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.read()
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("service") {
            self.error = Some(failure.summary());
            self.redraw();
        }
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => {
                self.poller.restart();
                self.watched = 0;
                Some(self.read())
            }
            CommandId::Copy => Some(vec![Effect::Copy(
                crate::sanitize::sanitize(&self.name).into_owned(),
            )]),
            CommandId::CopyArn => Some(vec![Effect::Copy(self.service.arn.clone())]),
            CommandId::EcsTasks => Some(vec![super::tasks::open(
                &self.at(),
                &self.cluster_arn,
                short_id(&self.cluster_arn),
                Some(&self.name),
            )]),
            CommandId::ScaleService | CommandId::ForceDeploy => {
                let place = self.at().place();
                Some(actions::begin(
                    command,
                    self.owner(),
                    &self.ctx,
                    &self.cluster_arn,
                    &self.service,
                    &place,
                ))
            }
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.pager)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.pager)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Ecs(outcome) = outcome else {
            return Vec::new();
        };
        if let Some((_, mut effects)) = actions::report(&outcome) {
            // Follow the change from the shortest delay.
            self.poller.restart();
            self.watched = 0;
            effects.extend(self.read());
            return effects;
        }
        let EcsOutcome::Service(result) = outcome else {
            return Vec::new();
        };
        self.redraw();
        match result {
            Ok(service) => {
                self.service = service;
                self.error = None;
                self.loaded = true;
                self.watch()
            }
            Err(e) => {
                self.error = Some(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("service {}: {}", self.name, e.summary()),
                )]
            }
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        if self.styled_with.as_deref() != Some(theme.name()) {
            let mut lines: Vec<Line<'static>> = Vec::new();
            if let Some(e) = &self.error {
                lines.push(Line::styled(
                    crate::sanitize::sanitize(e).into_owned(),
                    theme.style("flash.error"),
                ));
            }
            if self.loaded {
                lines.extend(details(&self.service, crate::clock::now_secs()).lines(theme));
            } else if self.error.is_none() {
                lines.push(Line::styled("loading…", theme.style("text.dim")));
            }
            self.pager.set_lines(lines);
            self.styled_with = Some(theme.name().to_string());
        }
        let title = self.title();
        self.pager.render(frame, area, theme, &title);
    }
}

/// The service as a document: settings, deployments, events, load balancers, network.
pub fn details(s: &Service, now: i64) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading("Service".into()));
    doc.push(Block::Fields(vec![
        ("Name".into(), s.name.clone()),
        ("Status".into(), s.status.clone()),
        (
            "Tasks".into(),
            format!(
                "{} desired · {} running · {} pending",
                s.desired, s.running, s.pending
            ),
        ),
        (
            "Task definition".into(),
            family_revision(&s.task_definition).to_string(),
        ),
        ("Launch type".into(), s.launch_type.clone()),
        (
            "Execute command".into(),
            if s.exec_enabled { "on" } else { "off" }.into(),
        ),
        ("Created".into(), super::ago(s.created, now)),
    ]));
    doc.push(Block::Heading("Deployments".into()));
    if s.deployments.is_empty() {
        doc.push(Block::Note("no deployments".into()));
    } else {
        doc.push(Block::Table {
            header: [
                "STATUS",
                "ROLLOUT",
                "TASK DEF",
                "DES/RUN/PEND/FAIL",
                "CREATED",
                "UPDATED",
            ]
            .map(String::from)
            .to_vec(),
            rows: s
                .deployments
                .iter()
                .map(|d| {
                    vec![
                        d.status.clone(),
                        d.rollout_state.clone().unwrap_or_else(|| "—".into()),
                        family_revision(&d.task_definition).to_string(),
                        format!("{}/{}/{}/{}", d.desired, d.running, d.pending, d.failed),
                        super::ago(d.created, now),
                        super::ago(d.updated, now),
                    ]
                })
                .collect(),
        });
        for d in &s.deployments {
            if let Some(reason) = &d.rollout_reason {
                doc.push(Block::Note(format!("{}: {reason}", d.status)));
            }
        }
    }
    doc.push(Block::Heading("Events, newest first".into()));
    if s.events.is_empty() {
        doc.push(Block::Note("no events".into()));
    } else {
        let mut events: Vec<_> = s.events.iter().collect();
        events.sort_by_key(|e| std::cmp::Reverse(e.at));
        doc.push(Block::Table {
            header: vec!["WHEN".into(), "MESSAGE".into()],
            rows: events
                .into_iter()
                .map(|e| vec![super::ago(e.at, now), e.message.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("Load balancers".into()));
    if s.load_balancers.is_empty() {
        doc.push(Block::Note("none".into()));
    } else {
        doc.push(Block::Table {
            header: ["TARGET GROUP", "CONTAINER", "PORT"]
                .map(String::from)
                .to_vec(),
            rows: s
                .load_balancers
                .iter()
                .map(|l| {
                    vec![
                        l.target_group
                            .as_deref()
                            .map(|t| short_id(t).to_string())
                            .or_else(|| l.load_balancer.clone())
                            .unwrap_or_else(|| "—".into()),
                        l.container.clone(),
                        l.port.map(|p| p.to_string()).unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
        });
    }
    doc.push(Block::Heading("Network".into()));
    match &s.network {
        None => doc.push(Block::Note("no awsvpc configuration".into())),
        Some(n) => doc.push(Block::Fields(vec![
            ("Subnets".into(), n.subnets.join(", ")),
            ("Security groups".into(), n.security_groups.join(", ")),
            (
                "Public IP".into(),
                n.public_ip.clone().unwrap_or_else(|| "—".into()),
            ),
        ])),
    };
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ecs::ServiceEvent;

    /// A service that never settles (the emulator's): watched with the backoff up to the
    /// bound, then said so once, then left alone until `C-r`.
    #[test]
    fn a_rollout_that_never_settles_is_watched_up_to_a_bound_then_said_so() {
        let service = Service {
            name: "web".into(),
            desired: 2,
            running: 1,
            ..Service::default()
        };
        let mut view = ServiceView {
            id: PaneId(7),
            ctx: ContextKey {
                profile: None,
                region: "eu-west-1".into(),
            },
            account: None,
            wide: false,
            cluster_arn: "arn:aws:ecs:eu-west-1:1:cluster/shop".into(),
            name: "web".into(),
            service,
            error: None,
            loaded: true,
            poller: Poller::default(),
            watched: 0,
            pager: Pager::wrapping(),
            styled_with: None,
        };
        let mut waits = Vec::new();
        for _ in 0..WATCH_LIMIT {
            match view.watch().as_slice() {
                [Effect::Wake(_, after)] => waits.push(after.as_secs()),
                other => panic!("expected a wake, got {other:?}"),
            }
        }
        assert_eq!(&waits[..4], [2, 3, 5, 8], "backing off");
        assert!(view.title().ends_with("deploying, watching"));
        match view.watch().as_slice() {
            [Effect::Flash(Level::Info, text)] => {
                assert!(text.contains("no longer watched"), "{text}")
            }
            other => panic!("expected the flash, got {other:?}"),
        }
        assert!(view.watch().is_empty(), "said once, then quiet");
        assert!(view.title().contains("still deploying, no longer watched"));
        // Settled after all: the title says nothing more.
        view.service.running = 2;
        assert!(view.watch().is_empty());
        assert_eq!(view.title(), "service web");
    }

    #[test]
    fn events_read_newest_first_whatever_order_they_came_in() {
        let event = |at: i64, message: &str| ServiceEvent {
            id: message.into(),
            at: Some(at),
            message: message.into(),
        };
        let s = Service {
            events: vec![
                event(100, "older"),
                event(300, "newest"),
                event(200, "middle"),
            ],
            ..Service::default()
        };
        let doc = details(&s, 400);
        let rows = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table { header, rows } if header[0] == "WHEN" => Some(rows.clone()),
                _ => None,
            })
            .unwrap();
        let messages: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(messages, ["newest", "middle", "older"]);
        assert_eq!(rows[0][0], "1m ago");
    }
}
