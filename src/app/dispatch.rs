//! Input to commands, commands to effects, effects to actions.

use super::App;
use super::host::HostAction;
use super::prompt::{Candidates, Prompt, PromptAction};
use crate::aws::ContextKey;
use crate::aws::regions;
use crate::command::{ArgKind, COMMANDS, CommandId, Scope};
use crate::fuzzy;
use crate::keymap::keys::Key;
use crate::msg::Msg;
use crate::pane::{Effect, Level};
use crate::panes::help::HelpPane;
use crate::panes::regions::RegionsPane;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use std::time::Instant;

impl App {
    pub fn handle_msg(&mut self, msg: Msg) {
        self.event += 1;
        match msg {
            Msg::Term(event) => self.handle_event(event),
            Msg::Aws(reply) => self.handle_reply(*reply),
            Msg::Signal(signal) => self.on_signal(signal),
        }
        self.replay_typed_ahead();
    }

    pub fn handle_event(&mut self, event: Event) {
        // A key is an event of its own: a flash said by an earlier one is older.
        self.event += 1;
        match event {
            // Only presses: enhanced keyboard protocols also report releases and repeats.
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(&key),
            Event::Paste(text) => self.handle_paste(&text),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(..) | Event::FocusGained => self.dirty = true,
            _ => {}
        }
    }

    pub(crate) fn handle_key(&mut self, key: &KeyEvent) {
        self.dirty = true;
        if !self.notices.is_empty() {
            // Scroll keys scroll an overflowing box, Esc only closes it; any other key closes
            // it and acts, so a command typed at once after start (`:` of `:s3`) is not lost
            // to a box not yet read (the status line keeps saying there are problems).
            if self.notices_key(key) {
                return;
            }
        }
        if self.report.take().is_some() {
            return;
        }
        if self.dialog.is_some() {
            self.dialog_key(key);
            return;
        }
        if self.prompt.is_some() {
            self.prompt_key(key);
            return;
        }
        let Some(pane) = self.panes.last_mut() else {
            return;
        };
        if pane.is_editing() {
            let effects = pane.handle_key(key);
            self.apply_effects(effects);
            return;
        }
        let scopes = self.scopes();
        match self
            .shared
            .keymap
            .command_for(&scopes, Key::from_event(key))
        {
            Some(command) if self.keep_for_rows(key, command) => {}
            Some(command) => self.run_command(command, None),
            None => tracing::trace!(key = %Key::from_event(key), "unbound key"),
        }
    }

    fn handle_paste(&mut self, text: &str) {
        self.dirty = true;
        if let Some(dialog) = &mut self.dialog {
            dialog.paste(text);
        } else if let Some(mut prompt) = self.prompt.take() {
            prompt.paste(text, &self.candidates());
            self.prompt = Some(prompt);
        } else if let Some(pane) = self.panes.last_mut()
            && pane.is_editing()
        {
            pane.handle_paste(text);
        }
    }

    /// The focused pane's scopes, then global.
    pub(crate) fn scopes(&self) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = self
            .panes
            .last()
            .map(|p| p.scopes().to_vec())
            .unwrap_or_default();
        scopes.push(Scope::Global);
        scopes
    }

    pub(crate) fn candidates(&self) -> Candidates<'_> {
        Candidates {
            profiles: self
                .shared
                .profiles
                .iter()
                .map(|p| p.name.as_str())
                .collect(),
            regions: regions::names().collect(),
            themes: self.available_themes(),
            read_only: self.is_read_only(),
            scopes: self.scopes(),
        }
    }

    fn prompt_key(&mut self, key: &KeyEvent) {
        let Some(mut prompt) = self.prompt.take() else {
            return;
        };
        match prompt.handle_key(key, &self.candidates()) {
            PromptAction::Stay => self.prompt = Some(prompt),
            PromptAction::Close => {}
            PromptAction::Run(line) => self.run_line(&line),
        }
    }

    /// A line typed at the prompt: `name [argument]`.
    pub fn run_line(&mut self, line: &str) {
        let line = line.trim();
        let (name, arg) = match line.split_once(char::is_whitespace) {
            Some((n, a)) => (n, Some(a.trim()).filter(|a| !a.is_empty())),
            None => (line, None),
        };
        let Some(command) = CommandId::from_name(name) else {
            let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
            let close: Vec<&str> = fuzzy::rank(name, names.iter().copied())
                .into_iter()
                .take(3)
                .map(|i| names[i])
                .collect();
            let hint = if close.is_empty() {
                "type :help for the list".to_string()
            } else {
                format!("did you mean {}?", close.join(", "))
            };
            self.flash(
                Level::Error,
                format!(
                    "unknown command '{}' — {hint}",
                    crate::sanitize::sanitize(name)
                ),
            );
            return;
        };
        // A write refused here is refused whatever follows it: `run_command` says that, not
        // its syntax.
        let refused =
            command.spec().dangerous && self.read_only_reason(&self.shared.active).is_some();
        if arg.is_some() && command.spec().arg == ArgKind::None && !refused {
            self.flash(Level::Error, format!("'{command}' takes no argument"));
            return;
        }
        self.run_command(command, arg.map(str::to_owned));
    }

    pub fn run_command(&mut self, command: CommandId, arg: Option<String>) {
        self.dirty = true;
        let spec = command.spec();
        if spec.dangerous
            && let Some(why) = self.read_only_reason(&self.shared.active)
        {
            self.flash(Level::Error, format!("{why}: '{command}' is disabled"));
            return;
        }
        // The focused pane gets first say; what it does not take is global or not for here.
        if let Some(text) = &arg
            && let Some(pane) = self.panes.last_mut()
        {
            let mut handled = pane.handle_arg(command, text, &self.shared.pane_cx());
            // `:filter TEXT` in a view without server-side filters sets the fuzzy filter.
            if handled.is_none()
                && command == CommandId::Filter
                && pane.list_mut().is_some_and(|l| l.apply_filter(text))
            {
                handled = Some(Vec::new());
            }
            if let Some(effects) = handled {
                self.apply_effects(effects);
                return;
            }
        }
        if arg.is_none()
            && let Some(pane) = self.panes.last_mut()
        {
            if pane.list_mut().is_some_and(|list| list.handle(command)) {
                return;
            }
            if let Some(effects) = pane.handle(command, &self.shared.pane_cx()) {
                self.apply_effects(effects);
                return;
            }
        }
        self.run_global(command, arg);
    }

    fn run_global(&mut self, command: CommandId, arg: Option<String>) {
        let top_level = self.at_top_level();
        match command {
            CommandId::Prompt => self.prompt = Some(Prompt::new(&self.candidates())),
            CommandId::Help => {
                let id = self.pane_ids.allocate();
                let (scopes, view) = self
                    .panes
                    .last()
                    .map(|p| (p.scopes().to_vec(), p.title()))
                    .unwrap_or_default();
                let help = HelpPane::new(id, &self.shared.pane_cx(), &scopes, view);
                self.open_pane(Box::new(help));
            }
            CommandId::Quit if top_level => self.quit(),
            CommandId::Quit | CommandId::Back => self.leave_pane(),
            CommandId::PreviousView => self.jump(super::views::Jump::Previous),
            CommandId::JumpBack => self.jump(super::views::Jump::Back),
            CommandId::JumpForward => self.jump(super::views::Jump::Forward),
            CommandId::ForceQuit => self.quit(),
            CommandId::Refresh => self.resolve_identity(),
            CommandId::Suspend => self.push_host(HostAction::Suspend),
            CommandId::ToggleMouse => self.toggle_mouse(),
            CommandId::Contexts | CommandId::Profile if arg.is_none() => self.go_home(),
            CommandId::Regions | CommandId::Region | CommandId::RegionAnyway if arg.is_none() => {
                let id = self.pane_ids.allocate();
                let pane = RegionsPane::new(id, &self.shared.pane_cx());
                self.open_pane(Box::new(pane));
            }
            CommandId::Profile => self.switch_profile(arg.as_deref().unwrap_or_default()),
            CommandId::Region => self.switch_region(arg.as_deref().unwrap_or_default(), false),
            CommandId::RegionAnyway => self.switch_region(arg.as_deref().unwrap_or_default(), true),
            CommandId::Theme => match arg {
                Some(name) if self.available_themes().contains(&name) => self.set_theme(&name),
                Some(name) => {
                    let list = self.available_themes().join(", ");
                    self.flash(
                        Level::Error,
                        format!(
                            "unknown theme '{}' — available: {list}",
                            crate::sanitize::sanitize(&name)
                        ),
                    );
                }
                None => {
                    let list = self.available_themes().join(", ");
                    self.flash(
                        Level::Info,
                        format!("theme {} · available: {list}", self.theme.name()),
                    );
                }
            },
            CommandId::ReloadProfiles => self.reload_profiles(),
            _ if let Some(view) = crate::panes::resource::registry::find(command) => {
                let id = self.pane_ids.allocate();
                match (view.open)(
                    id,
                    arg.as_deref().unwrap_or_default(),
                    &self.shared.pane_cx(),
                ) {
                    Ok(pane) => self.show_view(pane),
                    Err(e) => self.flash(Level::Error, format!("{command}: {e}")),
                }
            }
            CommandId::Mfa => self.ask_mfa_code(),
            CommandId::SsoLogin => self.sso_login(),
            CommandId::Problems => self.show_problems(),
            CommandId::Messages => self.open_messages(),
            CommandId::Audit => {
                let path = self.runtime.audit_log().path().map(Into::into);
                self.open_view(Box::new(move |id| {
                    Box::new(crate::panes::audit::AuditPane::new(id, path))
                }));
            }
            CommandId::Partiql => self.partiql(arg.as_deref().unwrap_or_default()),
            CommandId::Logs => {
                self.open_view(Box::new(move |id| {
                    Box::new(crate::panes::logs::GroupsPane::new(id, arg))
                }));
            }
            CommandId::Tail => self.tail(arg.as_deref().unwrap_or_default()),
            CommandId::Open if arg.is_some() => self.open_text(arg.as_deref().unwrap_or_default()),
            CommandId::Bookmark => self.bookmark_command(arg.as_deref()),
            CommandId::Ddb => {
                self.open_view(Box::new(|id| {
                    Box::new(crate::panes::dynamodb::TablesPane::new(id))
                }));
            }
            other => self.flash(Level::Warn, format!("'{other}' does not apply here")),
        }
    }

    fn switch_profile(&mut self, name: &str) {
        let Some(profile) = self.shared.profiles.iter().find(|p| p.name == name) else {
            let names: Vec<&str> = self
                .shared
                .profiles
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            let close: Vec<&str> = fuzzy::rank(name, names.iter().copied())
                .into_iter()
                .take(5)
                .map(|i| names[i])
                .collect();
            let known = if close.is_empty() {
                names.join(", ")
            } else {
                close.join(", ")
            };
            self.flash(
                Level::Error,
                format!(
                    "no profile '{}' — known: {known}",
                    crate::sanitize::sanitize(name)
                ),
            );
            return;
        };
        let region = profile
            .region
            .clone()
            .unwrap_or_else(|| self.shared.active.region.clone());
        self.switch_context(ContextKey {
            profile: Some(profile.name.clone()),
            region,
        });
    }

    /// `:region NAME`: a region of the list; `:region! NAME` also one newer than the list,
    /// as long as it looks like a region name.
    fn switch_region(&mut self, name: &str, anyway: bool) {
        if !regions::is_valid_name(name) {
            self.flash(
                Level::Error,
                format!(
                    "'{}' is not a region name (like eu-west-1); R opens the region list",
                    crate::sanitize::sanitize(name)
                ),
            );
            return;
        }
        if !anyway && !regions::is_known(name) {
            let known: Vec<&str> = regions::names().collect();
            // `us-east-9` is closest to the regions of its area, whatever their number.
            let area = name.trim_end_matches(|c: char| c.is_ascii_digit());
            let close: Vec<&str> = fuzzy::rank(area, known.iter().copied())
                .into_iter()
                .take(3)
                .map(|i| known[i])
                .collect();
            let name = crate::sanitize::sanitize(name);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!(" — did you mean {}?", close.join(", "))
            };
            self.flash(
                Level::Error,
                format!("no region '{name}'{hint} (:region! {name} if it is newer than awsterm)"),
            );
            return;
        }
        let key = ContextKey {
            profile: self.shared.active.profile.clone(),
            region: name.to_string(),
        };
        self.switch_context(key);
    }

    /// Opens a view built with a fresh pane id (as `Effect::Push` does).
    pub fn open(&mut self, make: crate::pane::PaneFactory) {
        self.apply_effects(vec![Effect::Push(make)]);
    }

    fn open_pane(&mut self, mut pane: Box<dyn crate::pane::Pane>) {
        if let Some(below) = self.panes.last_mut() {
            below.covered();
        }
        let effects = pane.on_open(&self.shared.pane_cx());
        self.panes.push(pane);
        self.apply_effects(effects);
    }

    /// A write succeeded in `ctx`: the views below the focused one (which got the answer and
    /// shows it its own way) list `ctx` again.
    fn written(&mut self, ctx: &crate::aws::ContextKey) {
        let cx = self.shared.pane_cx();
        let below = self.panes.len().saturating_sub(1);
        let effects: Vec<Effect> = self.panes[..below]
            .iter_mut()
            .flat_map(|pane| pane.written(ctx, &cx))
            .collect();
        self.apply_effects(effects);
    }

    /// Closes the focused pane (never the home view) and cancels what it was waiting for.
    pub(crate) fn close_pane(&mut self) {
        if self.panes.len() <= 1 {
            return;
        }
        if let Some(pane) = self.panes.pop() {
            self.forget_pane(pane.id());
        }
        // A list pushed only to open the row just left goes with it (`Pane::passes_through`).
        while self.panes.len() > 1
            && let Some(pane) = self.panes.last()
            && pane.passes_through()
            && !self.roots.contains(&pane.id())
        {
            if let Some(pane) = self.panes.pop() {
                self.forget_pane(pane.id());
            }
        }
        self.focus_changed();
    }

    pub(crate) fn apply_effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Request(request) => self.request(request),
                Effect::Copy(text) => {
                    let clean = crate::sanitize::sanitize(&text).into_owned();
                    self.flash(Level::Success, format!("copied: {clean}"));
                    self.push_host(HostAction::Copy(clean));
                }
                Effect::CopySecret { what, value } => {
                    self.flash(
                        Level::Success,
                        format!(
                            "copied {} (value not shown)",
                            crate::sanitize::sanitize(&what)
                        ),
                    );
                    self.push_host(HostAction::Copy(value.expose().to_string()));
                }
                Effect::Flash(level, text) => self.flash(level, text),
                Effect::SwitchContext(key) => self.switch_context(key),
                Effect::Push(make) => {
                    let id = self.pane_ids.allocate();
                    self.open_pane(make(id));
                }
                Effect::OpenView(make) => self.open_view(make),
                Effect::OpenListed(listed, ctx) => {
                    self.apply_effects(crate::panes::resource::listed::view(&listed, ctx))
                }
                Effect::PushListed(listed, ctx) => {
                    self.apply_effects(crate::panes::resource::listed::pushed(&listed, ctx))
                }
                Effect::Pop => self.close_pane(),
                Effect::Run(command, arg) => self.run_command(command, arg),
                Effect::Confirm(c) => {
                    if let Some(c) = self.guard_confirm(c) {
                        self.open_dialog(super::dialog::Dialog::confirm(c));
                    }
                }
                Effect::Ask(a) => self.open_dialog(super::dialog::Dialog::ask(a)),
                Effect::Cancel(owner, slot) => self.runtime.cancel_slot(owner, slot),
                Effect::Wake(pane, after) => self.schedule_wake(pane, after),
                Effect::Exec(command) => self.exec(command, None),
                Effect::Session(session) => self.start_session(session),
                Effect::ExecThen(command, then) => self.exec(command, Some(then)),
                Effect::Report(report) => self.report = Some(report),
                Effect::CredentialsRenewed(profile) => self.credentials_renewed(profile),
                Effect::Quit => self.exit = Some(0),
                Effect::Written(ctx) => self.written(&ctx),
                Effect::AskSecret(a) => self.open_dialog(super::dialog::Dialog::secret(a)),
            }
        }
    }

    /// `:tail GROUP…`: a tail of the named groups, interleaved by time.
    fn tail(&mut self, names: &str) {
        let sources: Vec<crate::panes::logs::TailSource> = names
            .split_whitespace()
            .map(crate::panes::logs::TailSource::group)
            .collect();
        if sources.is_empty() {
            self.flash(
                Level::Error,
                "usage: :tail /aws/lambda/checkout-api /app/orders (one or more log groups)",
            );
            return;
        }
        let ctx = self.shared.active.clone();
        self.open_view(Box::new(move |id| {
            Box::new(crate::panes::logs::TailPane::new(id, ctx, sources, None))
        }));
    }

    /// `:partiql SELECT …`: reads only. A statement that writes (as `Op::mutation` decides) is
    /// refused here, so read-only mode and the confirmations of the item views cannot be
    /// bypassed from the prompt.
    fn partiql(&mut self, statement: &str) {
        let statement = statement.trim();
        if statement.is_empty() {
            self.flash(
                Level::Error,
                "usage: :partiql SELECT * FROM \"table\" WHERE \"key\" = 'value'",
            );
            return;
        }
        let ctx = self.shared.active.clone();
        let op = crate::protocol::Op::Ddb(crate::protocol::dynamodb::DdbOp::Statement {
            ctx: ctx.clone(),
            statement: statement.to_string(),
            token: None,
        });
        if op.mutation().is_some() {
            let refusal = crate::protocol::partiql_refusal(statement)
                .unwrap_or_else(|| "only SELECT runs from :partiql".into());
            self.flash(
                Level::Error,
                crate::sanitize::sanitize(&refusal).into_owned(),
            );
            return;
        }
        let statement = statement.to_string();
        self.open_view(Box::new(move |id| {
            Box::new(crate::panes::dynamodb::ItemsPane::statement(
                id, ctx, statement,
            ))
        }));
    }

    /// Runs a program on the real terminal, or, when it (or what it needs) is missing, says so
    /// and shows the command so the user can run it elsewhere.
    fn exec(
        &mut self,
        command: crate::pane::ExternalCommand,
        then: Option<crate::pane::AfterExec>,
    ) {
        if self.runnable(&command) {
            self.hand_over(command, then);
        }
    }

    /// The program goes on the terminal; `then` runs when it ends.
    pub(crate) fn hand_over(
        &mut self,
        command: crate::pane::ExternalCommand,
        then: Option<crate::pane::AfterExec>,
    ) {
        tracing::info!(program = %command.program, "running an external command");
        self.after_exec = then;
        self.push_host(HostAction::Exec(command));
    }

    /// Whether the program and what it needs are on `PATH`; if not, says so and shows the
    /// command so the user can run it elsewhere.
    pub(crate) fn runnable(&mut self, command: &crate::pane::ExternalCommand) -> bool {
        let missing: Vec<&str> = std::iter::once(&command.program)
            .chain(&command.requires)
            .map(String::as_str)
            .filter(|p| !super::host::on_path(p))
            .collect();
        if missing.is_empty() {
            return true;
        }
        let text = format!("not found on PATH: {}", missing.join(", "));
        let shown = command.display();
        let note = text.clone();
        self.open(Box::new(move |id| {
            Box::new(crate::panes::value::ValueView::new(
                id,
                "Command to run".into(),
                shown,
                format!("{note}. Install it, or run this where it is installed (y copies it):"),
            ))
        }));
        self.flash(Level::Error, text);
        false
    }

    /// The program run on the terminal has ended: its follow-up, if any, runs now.
    pub fn exec_finished(&mut self, result: Result<(), String>) {
        if let Some(then) = self.after_exec.take() {
            let effects = then(result);
            self.apply_effects(effects);
        }
    }

    pub fn tick(&mut self) {
        self.on_deadline(Instant::now());
    }
}
