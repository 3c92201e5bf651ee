//! The app: owns the state, maps keys to commands through the keymap, lets the focused pane
//! handle them, carries out the effects and routes AWS replies. Drawing lives in `ui`, the loop
//! in `run`.

pub mod dialog;
mod dispatch;
mod guard;
mod history;
pub mod host;
mod jumps;
mod login;
mod mouse;
mod notices;
mod open;
pub mod prompt;
pub mod run;
mod typeahead;
mod view;
mod views;

pub use view::draw;

use crate::aws::profiles::ProfileInfo;
use crate::aws::{Adapters, AwsFiles, ContextKey, ErrorKind};
use crate::keymap::Keymap;
use crate::msg::Msg;
use crate::pane::{Effect, Level};
use crate::pane::{IdentityState, Pane, PaneCx};
use crate::panes::PaneIds;
use crate::panes::contexts::ContextsPane;
use crate::protocol::{Op, Owner, Request};
use crate::runtime::Runtime;
use crate::theme::{ColorSupport, Theme};
use host::HostAction;
use prompt::Prompt;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// What the status line says while a safety setting in config.toml cannot be read.
pub(crate) const CONFIG_ERROR_LINE: &str =
    "config error: every context is read-only · :problems shows why";

/// Everything the app starts from; `main` fills it from the command line, config and
/// environment, tests fill it directly.
pub struct AppOptions {
    pub initial: ContextKey,
    pub files: AwsFiles,
    /// Profiles read before start (`main` needs them to validate `--profile`).
    pub profiles: Result<Vec<ProfileInfo>, String>,
    /// `AWS_ACCESS_KEY_ID` is set: the default chain would use it.
    pub env_credentials: bool,
    pub read_only: bool,
    /// A safety setting in config.toml could not be read: every context is read-only, and the
    /// header says why.
    pub config_error: bool,
    pub theme: Theme,
    pub theme_dir: Option<PathBuf>,
    pub color_support: ColorSupport,
    pub keymap: Keymap,
    pub mouse: bool,
    pub flash_duration: Duration,
    /// Problems with config, keymap or theme files, shown once the UI is up.
    pub warnings: Vec<String>,
    pub s3: crate::config::S3Settings,
    pub ec2: crate::config::Ec2Settings,
    pub logs: crate::config::LogsSettings,
    /// Where Lambda test payloads and the payload history are kept.
    pub payloads: crate::saved_payloads::PayloadFiles,
    /// `editor` from the config (empty: the environment's).
    pub editor: String,
    /// Where DynamoDB saved queries and the query history are kept.
    pub queries: crate::saved_queries::QueryFiles,
    /// Contexts a cross-context view lists at once (`[aws] fan_out`).
    pub fan_out: usize,
    /// `[[policy]]` rules: read-only, typed confirmation, accent and label per profile.
    pub policies: crate::policy::Policies,
    /// Where every call that changes something in AWS is recorded.
    pub audit_log: crate::audit::AuditLog,
}

pub struct Flash {
    pub level: Level,
    pub text: String,
    pub until: Instant,
}

pub struct App {
    /// What panes are lent (as a `PaneCx`) while they stay in the stack.
    pub(crate) shared: Shared,
    generation: u64,
    pub(crate) panes: Vec<Box<dyn Pane>>,
    /// Views replaced by a view command, suspended until `-`, `C-o` or Tab shows them again.
    jumps: views::Jumps,
    /// Keys typed into a view still waiting for its first rows, replayed when they arrive.
    typed_ahead: Option<typeahead::TypedAhead>,
    /// Panes opened as top-level views (`q` quits from them).
    roots: std::collections::HashSet<crate::protocol::PaneId>,
    pane_ids: PaneIds,
    pub(crate) prompt: Option<Prompt>,
    pub(crate) flash: Option<Flash>,
    /// Counts the events handled (keys, answers, timers), so a dialog knows whether the flash
    /// came with it (`flash_event == event`) or is older.
    event: u64,
    flash_event: u64,
    /// Every flash in full, newest first, for the messages view.
    pub(crate) messages: crate::message_log::MessageLog,
    /// Problems found at start (config, keymap, theme, AWS files): shown in a box until a key
    /// is pressed, since several of them do not fit a status line.
    pub(crate) notices: notices::Notices,
    /// The same problems, kept for `:problems` after the box is dismissed.
    pub(crate) start_problems: Vec<String>,
    /// The start-up problems' box went away without being read (a key typed at once): the
    /// status line says so until `:problems` or Esc on the box.
    pub(crate) problems_unread: bool,
    clicks: mouse::Clicks,
    pub(crate) dialog: Option<dialog::Dialog>,
    /// What a "no" to the open confirmation means, when "cancelled" would mislead (declining
    /// to interrupt a transfer cancels nothing).
    declined: Option<String>,
    /// Per-row results of a bulk action, shown until a key is pressed.
    pub(crate) report: Option<crate::pane::Report>,
    /// What to do when the program now running on the terminal ends.
    after_exec: Option<crate::pane::AfterExec>,
    /// When each pane asked to be woken (polling).
    wakes: HashMap<crate::protocol::PaneId, Instant>,
    /// The theme as drawn: `base_theme` plus the active policy's accent.
    pub(crate) theme: Theme,
    base_theme: Theme,
    theme_dir: Option<PathBuf>,
    color_support: ColorSupport,
    /// Why `read_only` is on when nobody asked for it: config.toml failed closed.
    pub(crate) config_error: bool,
    mouse: bool,
    files: AwsFiles,
    flash_duration: Duration,
    runtime: Runtime,
    host_actions: Vec<HostAction>,
    exit: Option<i32>,
    dirty: bool,
    opening: open::Opening,
}

impl App {
    pub fn new(options: AppOptions, adapters: Adapters) -> (App, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let mut warnings = options.warnings;
        let profiles = options.profiles.unwrap_or_else(|e| {
            warnings.push(format!("AWS config: {e}"));
            Vec::new()
        });
        let mut app = App {
            shared: Shared {
                active: options.initial,
                profiles,
                identities: HashMap::new(),
                policies: options.policies,
                keymap: options.keymap,
                read_only: options.read_only || options.config_error,
                env_credentials: options.env_credentials,
                s3: options.s3,
                ec2: options.ec2,
                logs: options.logs,
                payloads: options.payloads,
                editor: options.editor,
                queries: options.queries,
                fan_out: options.fan_out,
                body: ratatui::layout::Rect::default(),
            },
            generation: 0,
            panes: Vec::new(),
            jumps: Default::default(),
            typed_ahead: None,
            roots: Default::default(),
            pane_ids: PaneIds::default(),
            prompt: None,
            flash: None,
            event: 0,
            flash_event: 0,
            messages: Default::default(),
            notices: Default::default(),
            start_problems: Vec::new(),
            problems_unread: false,
            clicks: Default::default(),
            dialog: None,
            declined: None,
            theme: options.theme.clone(),
            base_theme: options.theme,
            theme_dir: options.theme_dir,
            color_support: options.color_support,
            config_error: options.config_error,
            mouse: options.mouse,
            wakes: HashMap::new(),
            after_exec: None,
            report: None,
            files: options.files,
            flash_duration: options.flash_duration,
            runtime: Runtime::new(adapters, tx),
            host_actions: Vec::new(),
            exit: None,
            dirty: true,
            opening: open::Opening::default(),
        };
        app.runtime.set_audit_log(options.audit_log);
        let id = app.pane_ids.allocate();
        let home = ContextsPane::new(id, &app.shared.pane_cx());
        app.panes.push(Box::new(home));
        for w in &warnings {
            tracing::warn!("{}", crate::sanitize::for_log(w));
        }
        app.announce_problems(warnings);
        app.resolve_identity();
        (app, rx)
    }

    /// A sender for messages from outside the loop (signal handlers).
    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.runtime.sender()
    }

    /// Requests still waiting for an answer; shared with scripted test input.
    pub fn idle_probe(&self) -> crate::runtime::IdleProbe {
        self.runtime.idle_probe()
    }

    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    pub fn needs_redraw(&self) -> bool {
        self.dirty
    }

    pub(crate) fn mark_drawn(&mut self) {
        self.dirty = false;
    }

    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    pub fn take_host_actions(&mut self) -> Vec<HostAction> {
        std::mem::take(&mut self.host_actions)
    }

    /// When the loop must wake up even if nothing arrives: a flash message expiring, or the
    /// focused pane's poll. A covered pane's wake waits until it is on top again.
    pub fn next_deadline(&self) -> Option<Instant> {
        let flash = self.flash.as_ref().map(|f| f.until);
        let wake = self
            .panes
            .last()
            .and_then(|p| self.wakes.get(&p.id()))
            .copied();
        flash.into_iter().chain(wake).min()
    }

    pub fn on_deadline(&mut self, now: Instant) {
        self.event += 1;
        if self.flash.as_ref().is_some_and(|f| f.until <= now) {
            self.flash = None;
            self.dirty = true;
        }
        let Some(id) = self.panes.last().map(|p| p.id()) else {
            return;
        };
        if self.wakes.get(&id).is_some_and(|&at| at <= now) {
            self.wakes.remove(&id);
            let Some(pane) = self.panes.last_mut() else {
                return;
            };
            let effects = pane.wake(&self.shared.pane_cx());
            self.apply_effects(effects);
        }
    }

    pub(crate) fn schedule_wake(&mut self, pane: crate::protocol::PaneId, after: Duration) {
        self.wakes.insert(pane, Instant::now() + after);
    }

    pub(crate) fn forget_wake(&mut self, pane: crate::protocol::PaneId) {
        self.wakes.remove(&pane);
    }

    /// Tests and embedders: the editor for item edits (as `editor` in the config).
    pub fn set_editor(&mut self, editor: String) {
        self.shared.editor = editor;
    }

    /// Tests and embedders: where saved queries and the history go.
    pub fn set_query_files(&mut self, files: crate::saved_queries::QueryFiles) {
        self.shared.queries = files;
    }

    /// Tests and embedders: where Lambda payloads and their history go.
    pub fn set_payload_files(&mut self, files: crate::saved_payloads::PayloadFiles) {
        self.shared.payloads = files;
    }

    /// Tests and embedders: the tail settings (buffer size, start, Live Tail, UTC).
    pub fn set_logs_settings(&mut self, settings: crate::config::LogsSettings) {
        self.shared.logs = settings;
    }

    /// Tests and embedders: read-only mode (as `--read-only`); a config error keeps it on.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.shared.read_only = read_only || self.config_error;
    }

    /// Start-up problems: the whole text in a box (their own lines kept), one line in the
    /// status line, and `:problems` shows them again.
    fn announce_problems(&mut self, problems: Vec<String>) {
        if self.config_error {
            self.flash(Level::Error, CONFIG_ERROR_LINE);
        } else if !problems.is_empty() {
            let count = problems.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            self.flash(
                Level::Warn,
                format!("{count} {noun} with your settings · :problems shows them"),
            );
        }
        self.problems_unread = !problems.is_empty();
        for problem in &problems {
            self.remember(Level::Warn, problem);
        }
        self.notices.show(problems.clone());
        self.start_problems = problems;
    }

    /// `:problems`: the start-up problems again.
    pub(crate) fn show_problems(&mut self) {
        if self.start_problems.is_empty() {
            self.flash(Level::Info, "no problems with your settings");
        } else {
            self.notices.show(self.start_problems.clone());
            self.problems_unread = false;
            self.dirty = true;
        }
    }

    /// Why every context is read-only, for messages that refuse a write.
    pub(crate) fn read_only_mode(&self) -> &'static str {
        if self.config_error {
            "read-only (config error, see :problems)"
        } else {
            "read-only mode"
        }
    }

    pub fn active_context(&self) -> &ContextKey {
        &self.shared.active
    }

    pub fn theme_name(&self) -> &str {
        self.base_theme.name()
    }

    /// Tests and embedders: the per-profile policy rules.
    pub fn set_policies(&mut self, policies: crate::policy::Policies) {
        self.shared.policies = policies;
        self.refresh_theme();
    }

    /// Tests and embedders: where audit lines go.
    pub fn set_audit_log(&mut self, log: crate::audit::AuditLog) {
        self.runtime.set_audit_log(log);
    }

    /// The policy of a context (see `PaneCx::policy_for`).
    pub fn policy_for(&self, ctx: &ContextKey) -> crate::policy::Policy {
        self.shared.policy_for(ctx)
    }

    pub fn active_policy(&self) -> crate::policy::Policy {
        self.policy_for(&self.shared.active)
    }

    /// Read-only everywhere (`--read-only`, config) or by the active context's policy.
    pub fn is_read_only(&self) -> bool {
        self.shared.is_read_only()
    }

    /// Borders and header in the active policy's accent; colourless terminals keep the base.
    fn refresh_theme(&mut self) {
        let accent = self
            .active_policy()
            .accent
            .filter(|_| self.color_support != ColorSupport::NoColor);
        self.theme = match accent {
            Some(color) => self.base_theme.with_accent(color),
            None => self.base_theme.clone(),
        };
    }

    pub(crate) fn flash(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        if level >= Level::Warn {
            tracing::warn!("{}", crate::sanitize::for_log(&text));
        }
        self.remember(level, &text);
        self.flash = Some(Flash {
            level,
            text,
            until: Instant::now() + self.flash_duration,
        });
        self.flash_event = self.event;
        self.dirty = true;
    }

    /// The focused view was left (`:` replaced it, Esc closed it, a jump or home): a flash
    /// said by an earlier event was about the view left, and goes (a drill-down opened over
    /// it keeps it: the view is still there below). One said by
    /// this very event (why the view changed, or the new view's first word) stays.
    pub(crate) fn focus_changed(&mut self) {
        if self.flash.is_some() && self.flash_event != self.event {
            self.flash = None;
            self.dirty = true;
        }
    }

    fn resolve_identity(&mut self) {
        self.shared
            .identities
            .insert(self.shared.active.profile.clone(), IdentityState::Resolving);
        let request = Request::new(Owner::App, Op::CallerIdentity(self.shared.active.clone()))
            .in_slot("header");
        self.runtime.spawn(request, self.generation);
        self.notify_panes();
    }

    /// Who a profile is, as a cross-account view's STS call found: kept with the header's
    /// identities, so the policy of that profile's rows and their audit lines name the account.
    fn learn_identity(&mut self, profile: Option<String>, who: crate::aws::model::Identity) {
        if matches!(self.shared.identities.get(&profile), Some(IdentityState::Resolved(known)) if *known == who)
        {
            return;
        }
        self.runtime
            .set_account(profile.clone(), who.account.clone());
        self.shared
            .identities
            .insert(profile, IdentityState::Resolved(who));
        self.notify_panes();
    }

    fn notify_panes(&mut self) {
        self.check_target_account();
        self.refresh_theme();
        let cx = self.shared.pane_cx();
        for pane in &mut self.panes {
            pane.shared_changed(&cx);
        }
        self.notify_hidden();
        self.dirty = true;
    }

    pub(crate) fn switch_context(&mut self, key: ContextKey) {
        if key == self.shared.active {
            self.flash(
                Level::Info,
                format!("already in {} · {}", key.profile_label(), key.region),
            );
            return;
        }
        self.shared.active = key;
        tracing::info!(profile = self.shared.active.profile_label(), region = %self.shared.active.region, "context switched");
        let text = format!(
            "switched to {} · {}",
            self.shared.active.profile_label(),
            self.shared.active.region
        );
        self.flash(Level::Info, text);
        self.refresh_context();
    }

    /// The active context from scratch — after a switch, or an MFA or SSO login: everything in
    /// flight is cancelled (the generation bump makes any reply that still arrives stale), the
    /// identity is resolved anew and every view reloads.
    pub(crate) fn refresh_context(&mut self) {
        self.runtime.cancel_for_switch();
        self.generation += 1;
        self.resolve_identity();
        let cx = self.shared.pane_cx();
        let effects: Vec<Effect> = self
            .panes
            .iter_mut()
            .flat_map(|pane| pane.context_switched(&cx))
            .collect();
        self.mark_hidden_stale();
        self.apply_effects(effects);
    }

    pub(crate) fn reload_profiles(&mut self) {
        let request =
            Request::new(Owner::App, Op::LoadProfiles(self.files.clone())).in_slot("profiles");
        self.runtime.spawn(request, self.generation);
    }

    pub(crate) fn set_theme(&mut self, name: &str) {
        let load = Theme::load(name, self.theme_dir.as_deref(), self.color_support);
        self.base_theme = load.theme;
        self.refresh_theme();
        if load.notices.is_empty() {
            self.flash(Level::Success, format!("theme {}", self.base_theme.name()));
        } else {
            self.flash(Level::Warn, load.notices.join(" · "));
        }
    }

    pub(crate) fn available_themes(&self) -> Vec<String> {
        Theme::available(self.theme_dir.as_deref())
    }

    pub(crate) fn push_host(&mut self, action: HostAction) {
        self.host_actions.push(action);
    }

    pub(crate) fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.push_host(HostAction::SetMouse(self.mouse));
        let state = if self.mouse { "on" } else { "off" };
        self.flash(Level::Info, format!("mouse capture {state}"));
    }

    /// `q` at the top, Ctrl-C anywhere: at once, unless writes or transfers are in flight —
    /// quitting interrupts them, so the user is asked first.
    pub(crate) fn quit(&mut self) {
        let running = self.runtime.lasting_in_flight();
        if running.is_empty() {
            self.exit = Some(0);
            return;
        }
        self.ask_before_interrupting("Quit", "interrupted", running, vec![Effect::Quit]);
    }

    /// `q` or Esc in a view above the top one: closing it cancels its writes and transfers
    /// (an upload's multipart upload is aborted), so with any running the user is asked first.
    pub(crate) fn leave_pane(&mut self) {
        let running = match self.panes.last() {
            Some(pane) if self.panes.len() > 1 => {
                self.runtime.lasting_owned_by(Owner::Pane(pane.id()))
            }
            _ => Vec::new(),
        };
        if running.is_empty() {
            self.close_pane();
            return;
        }
        self.ask_before_interrupting("Leave this view", "cancelled", running, vec![Effect::Pop]);
    }

    fn ask_before_interrupting(
        &mut self,
        question: &str,
        recorded_as: &str,
        running: Vec<String>,
        then: Vec<Effect>,
    ) {
        let mut lines: Vec<String> = running.iter().take(5).map(|w| format!("  {w}")).collect();
        if running.len() > 5 {
            lines.push(format!("  … and {} more", running.len() - 5));
        }
        lines.push(format!(
            "They stop: multipart uploads are aborted, unfinished downloads removed, and the \
             audit log records the writes as {recorded_as}."
        ));
        let title = match running.len() {
            1 => format!("{question}? 1 write or transfer is still running"),
            n => format!("{question}? {n} writes or transfers are still running"),
        };
        // Not through the policy's typed confirmation: this changes nothing in AWS.
        self.open_dialog(dialog::Dialog::confirm(crate::pane::Confirm {
            title,
            lines,
            typed: None,
            on_yes: then,
        }));
        self.declined = Some(match running.len() {
            1 => "nothing stopped: the write or transfer goes on".into(),
            n => format!("nothing stopped: the {n} writes or transfers go on"),
        });
    }

    /// SIGTERM, SIGHUP, SIGINT: leave without asking; `shutdown` then interrupts what runs.
    pub(crate) fn on_signal(&mut self, signal: crate::msg::Signal) {
        tracing::info!(?signal, "exiting on a signal");
        self.exit = Some(signal.exit_code());
    }

    /// Before the process exits: see `Runtime::shutdown`.
    pub async fn shutdown(&mut self, limit: Duration) -> crate::runtime::Shutdown {
        self.runtime.shutdown(limit).await
    }

    pub(crate) fn handle_reply(&mut self, reply: crate::protocol::Reply) {
        if !self.runtime.accept(&reply, self.generation) {
            tracing::debug!(id = reply.id, "stale reply dropped");
            return;
        }
        self.dirty = true;
        let outcome = match reply.result {
            Ok(outcome) => outcome,
            Err(failure) => return self.request_failed(reply.owner, &failure),
        };
        match reply.owner {
            Owner::App => self.apply_app_outcome(outcome),
            Owner::Pane(id) => {
                if let crate::protocol::Outcome::List(crate::protocol::list::ListOutcome::Ended {
                    ctx,
                    learned: Some(who),
                    ..
                }) = &outcome
                {
                    self.learn_identity(ctx.profile.clone(), (**who).clone());
                }
                let cx = self.shared.pane_cx();
                let Some((pane, shown)) = views::find_pane(&mut self.panes, &mut self.jumps, id)
                else {
                    return;
                };
                let effects = pane.apply(outcome, &cx);
                self.apply_effects(if shown {
                    effects
                } else {
                    views::suspended(effects)
                });
            }
        }
    }

    /// A request ended without an answer: said once here, then shown by the view that asked,
    /// whatever it was waiting for.
    fn request_failed(&mut self, owner: Owner, failure: &crate::protocol::Failure) {
        match failure.kind {
            crate::protocol::FailureKind::Crashed => {
                tracing::error!(
                    "request crashed: {}",
                    crate::sanitize::for_log(&failure.why)
                );
                self.flash(
                    Level::Error,
                    "internal error in a background request (see the log)",
                );
            }
            crate::protocol::FailureKind::NotSent => self.flash(Level::Error, failure.why.clone()),
        }
        self.tell_failed(owner, failure);
    }

    fn apply_app_outcome(&mut self, outcome: crate::protocol::Outcome) {
        use crate::protocol::Outcome;
        match outcome {
            Outcome::Identity(ctx, result) => {
                let state = match result {
                    Ok(identity) => {
                        self.runtime
                            .set_account(ctx.profile.clone(), identity.account.clone());
                        IdentityState::Resolved(identity)
                    }
                    Err(e) => {
                        if ctx == self.shared.active {
                            match e.kind {
                                ErrorKind::MfaRequired => self.ask_mfa_code(),
                                ErrorKind::SsoLogin => {
                                    let why = crate::sanitize::sanitize(&e.message).into_owned();
                                    self.flash(Level::Error, sso_hint(&ctx));
                                    self.offer_sso_login(&ctx, &why);
                                }
                                ErrorKind::LoginNeeded => {
                                    let why = crate::sanitize::sanitize(&e.message).into_owned();
                                    self.flash(Level::Error, why.clone());
                                    self.offer_aws_login(&ctx, &why);
                                }
                                _ => {
                                    let text = format!("{}: {}", ctx.profile_label(), e.summary());
                                    self.flash(
                                        Level::Error,
                                        crate::sanitize::sanitize(&text).into_owned(),
                                    );
                                }
                            }
                        }
                        IdentityState::Failed(e)
                    }
                };
                self.shared.identities.insert(ctx.profile.clone(), state);
                self.notify_panes();
            }
            Outcome::MfaLogin(ctx, result) => self.mfa_answered(ctx, result),
            Outcome::Profiles(Ok(profiles)) => {
                let count = profiles.len();
                self.shared.profiles = profiles;
                // Cached configs were dropped with the old files: resolve who we are again.
                self.resolve_identity();
                self.flash(Level::Success, format!("{count} profiles loaded"));
            }
            Outcome::Profiles(Err(e)) => {
                self.flash(
                    Level::Error,
                    format!("AWS config: {}", crate::sanitize::sanitize(&e)),
                );
            }
            Outcome::Bookmarks(result) => self.bookmarks_answered(result),
            // A Logs Insights query stopped as its view closed: nothing to say.
            Outcome::Logs(crate::protocol::logs::LogsOutcome::InsightsStopped) => {}
            other => tracing::warn!(?other, "an outcome meant for a pane reached the app"),
        }
    }
}

/// What to tell a user whose SSO session ran out.
pub fn sso_hint(ctx: &ContextKey) -> String {
    match &ctx.profile {
        Some(p) => format!("SSO login needed: aws sso login --profile {p}"),
        None => "SSO login needed: aws sso login".to_string(),
    }
}

/// The state every pane may read, apart from the pane stack: lending it (`pane_cx`) borrows
/// only this, so a pane is handed it while it stays where it is.
pub(crate) struct Shared {
    pub(crate) active: ContextKey,
    pub(crate) profiles: Vec<ProfileInfo>,
    pub(crate) identities: HashMap<Option<String>, IdentityState>,
    policies: crate::policy::Policies,
    pub(crate) keymap: Keymap,
    pub(crate) read_only: bool,
    pub(crate) env_credentials: bool,
    s3: crate::config::S3Settings,
    ec2: crate::config::Ec2Settings,
    logs: crate::config::LogsSettings,
    payloads: crate::saved_payloads::PayloadFiles,
    editor: String,
    queries: crate::saved_queries::QueryFiles,
    fan_out: usize,
    /// The focused view's area at the last draw.
    pub(crate) body: ratatui::layout::Rect,
}

impl Shared {
    pub(crate) fn pane_cx(&self) -> PaneCx<'_> {
        PaneCx {
            active: &self.active,
            profiles: &self.profiles,
            identities: &self.identities,
            env_credentials: self.env_credentials,
            read_only: self.is_read_only(),
            keymap: &self.keymap,
            s3: &self.s3,
            ec2: &self.ec2,
            logs: &self.logs,
            payloads: &self.payloads,
            editor: &self.editor,
            queries: &self.queries,
            fan_out: self.fan_out,
            policies: &self.policies,
            body: self.body,
        }
    }

    /// The policy of a context (see `PaneCx::policy_for`).
    fn policy_for(&self, ctx: &ContextKey) -> crate::policy::Policy {
        crate::pane::policy_of(&self.policies, &self.profiles, &self.identities, ctx)
    }

    /// Read-only everywhere (`--read-only`, config) or by the active context's policy.
    fn is_read_only(&self) -> bool {
        self.read_only || self.policy_for(&self.active).read_only
    }
}
