//! Getting credentials that need a human: an MFA code typed into a dialog (never read from
//! stdin — the UI owns the terminal), and `aws sso login` or `aws login` run on the real
//! terminal when a profile's SSO token or sign-in session is missing or expired.

use super::App;
use super::dialog::Dialog;
use crate::aws::ContextKey;
use crate::pane::{Ask, Confirm, Effect, ExternalCommand, Level};
use crate::protocol::{OneTimeCode, Op, Owner, Request};

impl App {
    /// `:mfa`, or the active profile's role said it needs a code.
    pub(crate) fn ask_mfa_code(&mut self) {
        let ctx = self.shared.active.clone();
        let Some(serial) = self.mfa_serial(&ctx) else {
            self.flash(
                Level::Warn,
                format!("{} has no role_arn with mfa_serial", ctx.profile_label()),
            );
            return;
        };
        if self.dialog.is_some() {
            // Never replace a question the user is answering; the header says what to do.
            return;
        }
        self.open_dialog(Dialog::ask(mfa_question(ctx, serial)));
        self.dirty = true;
    }

    fn mfa_serial(&self, ctx: &ContextKey) -> Option<String> {
        let name = ctx.profile.as_deref()?;
        self.shared
            .profiles
            .iter()
            .find(|p| p.name == name)?
            .mfa_serial
            .clone()
    }

    /// The answer to an MFA login.
    pub(crate) fn mfa_answered(
        &mut self,
        ctx: ContextKey,
        result: Result<Option<i64>, crate::aws::AwsError>,
    ) {
        match result {
            Ok(expiry) => {
                let until = expiry
                    .map(|t| format!(" until {}", crate::clock::local_time(t)))
                    .unwrap_or_default();
                self.flash(
                    Level::Success,
                    format!("MFA session for {}{until}", ctx.profile_label()),
                );
                if ctx == self.shared.active {
                    self.refresh_context();
                }
            }
            Err(e) => {
                let text = crate::sanitize::sanitize(&e.summary()).into_owned();
                self.flash(Level::Error, format!("MFA: {text}"));
                if ctx == self.shared.active {
                    self.ask_mfa_code();
                }
            }
        }
    }

    /// The profile's SSO token is missing or expired: offer to log in.
    pub(crate) fn offer_sso_login(&mut self, ctx: &ContextKey, why: &str) {
        let command = login_command(&["sso", "login"], ctx.profile.as_deref());
        self.offer_login(ctx, why, "SSO login needed", command);
    }

    /// The profile's `aws login` session is missing or expired: offer to sign in.
    pub(crate) fn offer_aws_login(&mut self, ctx: &ContextKey, why: &str) {
        let command = login_command(&["login"], ctx.profile.as_deref());
        self.offer_login(ctx, why, "Sign-in needed", command);
    }

    /// Asks to run `command` on the real terminal, then retries the profile either way.
    fn offer_login(&mut self, ctx: &ContextKey, why: &str, title: &str, command: ExternalCommand) {
        if self.dialog.is_some() {
            return;
        }
        let profile = ctx.profile.clone();
        let shown = command.display();
        let label = shown.clone();
        let confirm = Confirm {
            title: title.into(),
            lines: vec![
                format!("{}: {why}.", ctx.profile_label()),
                format!("Run `{shown}` now? awsterm steps aside until it ends."),
            ],
            typed: None,
            on_yes: vec![Effect::ExecThen(
                command,
                Box::new(move |ended| {
                    let mut effects = Vec::new();
                    if let Err(e) = ended {
                        effects.push(Effect::Flash(Level::Error, format!("{label}: {e}")));
                    }
                    // Retry either way: the login may have worked in another terminal.
                    effects.push(Effect::CredentialsRenewed(profile));
                    effects
                }),
            )],
        };
        self.open_dialog(Dialog::confirm(confirm));
        self.dirty = true;
    }

    /// `:sso-login`: sign the active profile in now (`aws login` for a `login_session`
    /// profile, `aws sso login` otherwise).
    pub(crate) fn sso_login(&mut self) {
        let ctx = self.shared.active.clone();
        let kind = ctx
            .profile
            .as_deref()
            .and_then(|name| self.shared.profiles.iter().find(|p| p.name == name))
            .map(|p| p.kind);
        if kind == Some(crate::aws::profiles::CredentialKind::Login) {
            self.offer_aws_login(&ctx, "sign in with aws login");
        } else {
            self.offer_sso_login(&ctx, "log in to its SSO session");
        }
    }

    /// Credentials of a profile changed outside the app (an SSO login): forget its cached
    /// configs and, if it is the active one, ask again.
    pub(crate) fn credentials_renewed(&mut self, profile: Option<String>) {
        if let Some(configs) = &self.runtime.adapters().configs {
            configs.forget(profile.as_deref());
        }
        if profile == self.shared.active.profile {
            self.refresh_context();
        }
    }
}

fn mfa_question(ctx: ContextKey, serial: String) -> Ask {
    Ask {
        title: format!(
            "MFA code for {} ({})",
            ctx.profile_label(),
            crate::sanitize::sanitize(&serial)
        ),
        initial: String::new(),
        complete_paths: false,
        on_answer: Box::new(move |code| match crate::aws::mfa::check_code(&code) {
            Ok(()) => {
                let op = Op::MfaLogin {
                    ctx,
                    code: OneTimeCode(code),
                };
                vec![
                    Effect::Flash(Level::Info, "checking the MFA code…".into()),
                    Effect::Request(Request::new(Owner::App, op).in_slot("mfa")),
                ]
            }
            Err(e) => vec![
                Effect::Flash(Level::Error, e),
                Effect::Ask(mfa_question(ctx, serial)),
            ],
        }),
    }
}

/// `aws sso login` / `aws login`, with `--profile P` when a profile is chosen.
fn login_command(subcommand: &[&str], profile: Option<&str>) -> ExternalCommand {
    let mut args: Vec<String> = subcommand.iter().map(|s| s.to_string()).collect();
    if let Some(p) = profile {
        args.extend(["--profile".to_string(), p.to_string()]);
    }
    ExternalCommand {
        program: "aws".into(),
        args,
        requires: Vec::new(),
    }
}
