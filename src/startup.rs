//! Turns the command line, the config files and the environment into `AppOptions`, before the
//! terminal is taken over — so command-line mistakes are plain messages on stderr.

use crate::app::AppOptions;
use crate::aws::profiles::{self, ProfileInfo};
use crate::aws::sdk::FALLBACK_REGION;
use crate::aws::{AwsFiles, AwsSetup, ContextKey, regions};
use crate::cli::Cli;
use crate::config::{ColorMode, Config};
use crate::keymap::Keymap;
use crate::open::Start;
use crate::paths::{self, EnvLookup};
use crate::theme::{ColorSupport, Theme};
use std::path::PathBuf;
use std::time::Duration;

pub struct Prepared {
    pub options: AppOptions,
    pub aws: AwsSetup,
    pub log_file: Option<PathBuf>,
    pub mouse: bool,
    /// What to open once the app is up.
    pub start: Start,
    /// `<config dir>/bookmarks.toml`
    pub bookmarks: Option<PathBuf>,
}

/// The start the command line names, read and checked.
pub fn start_of(cli: &Cli, bookmarks: Option<&std::path::Path>) -> Result<Start, String> {
    if let Some(line) = &cli.command {
        let line = line.trim().trim_start_matches(':').trim();
        let name = line.split_whitespace().next().unwrap_or_default();
        if crate::command::CommandId::from_name(name).is_none() {
            return Err(format!(
                "-c: unknown command '{}' (awsterm -c ':help' lists them)",
                crate::sanitize::sanitize(name)
            ));
        }
        return Ok(Start::Command(line.to_string()));
    }
    let Some(text) = &cli.target else {
        return Ok(Start::Home);
    };
    if let Some(name) = text.strip_prefix('@') {
        let file = bookmarks.ok_or("no config directory, so no bookmarks")?;
        return crate::bookmarks::find(file, name).map(Start::Bookmark);
    }
    crate::open::parse(text.trim()).map(Start::Target)
}

impl Start {
    /// The command line as the start's context wants it: an ARN's or URL's region wins over
    /// `--region`; a bookmark's profile and region apply where the command line names none.
    fn context_of(&self, cli: &Cli) -> Cli {
        let mut cli = cli.clone();
        match self {
            Start::Target(target) if target.region.is_some() => {
                cli.region = target.region.clone();
            }
            Start::Bookmark(b) => {
                cli.profile = cli.profile.or_else(|| b.profile.clone());
                cli.region = cli.region.or_else(|| Some(b.region.clone()));
            }
            _ => {}
        }
        cli
    }
}

/// Reads everything; `Err` is a message for stderr and exit code 2.
pub async fn prepare(cli: &Cli, env: EnvLookup<'_>) -> Result<Prepared, String> {
    let config_dir = paths::config_dir(env);
    let bookmarks = config_dir.as_ref().map(|d| d.join("bookmarks.toml"));
    let start = start_of(cli, bookmarks.as_deref())?;
    let cli = &start.context_of(cli);
    let load = Config::load(cli.config.as_deref(), config_dir.as_deref());
    let config_error = load.fails_closed();
    let mut warnings: Vec<String> = load.notices().collect();
    let config = load.config;

    let files = AwsFiles::Default;
    let profiles = profiles::load_profiles(&files).await;
    let env_credentials = env("AWS_ACCESS_KEY_ID").is_some();
    let mut initial = initial_context(cli, env, &profiles, env_credentials)?;
    let known = profiles.as_deref().unwrap_or(&[]);
    if configured_region(cli, env, known, initial.profile.as_deref()).is_none()
        && let Some(region) = crate::aws::ambient::instance_region().await
    {
        // On an EC2 instance with no region configured: the instance's own, as the CLI does.
        initial.region = region;
    }

    let keymap_path = config_dir.as_ref().map(|d| d.join("keymap.toml"));
    let keymap_text = keymap_path
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok());
    let origin = keymap_path
        .as_ref()
        .map_or("keymap.toml".to_string(), |p| p.display().to_string());
    let (keymap, keymap_errors) = Keymap::with_user_file(keymap_text.as_deref(), &origin);
    warnings.extend(keymap_errors);

    let mut support = ColorSupport::detect(env);
    if config.color == ColorMode::Never {
        support = ColorSupport::NoColor;
    }
    let theme_dir = config_dir.as_ref().map(|d| d.join("themes"));
    let mut theme_name = cli.theme.clone().unwrap_or_else(|| config.theme.clone());
    if support == ColorSupport::NoColor && cli.theme.is_none() && theme_name == "default" {
        // Nobody asked for colours: going colourless is expected, not worth a notice.
        theme_name = "mono".into();
    }
    let theme_load = Theme::load(&theme_name, theme_dir.as_deref(), support);
    warnings.extend(theme_load.notices);

    // The rules' problems are already among the config's, with their place in the file.
    let (policies, _) = crate::policy::Policies::new(config.policy.clone());
    let options = AppOptions {
        initial,
        files: files.clone(),
        profiles,
        env_credentials,
        read_only: cli.read_only || config.read_only,
        config_error,
        theme: theme_load.theme,
        theme_dir,
        color_support: support,
        keymap,
        mouse: config.mouse,
        flash_duration: Duration::from_secs_f64(config.flash_seconds.clamp(0.5, 60.0)),
        warnings,
        s3: config.s3.clone(),
        ec2: config.ec2.clone(),
        editor: config.editor.clone(),
        queries: crate::saved_queries::QueryFiles {
            saved: config_dir.as_ref().map(|d| d.join("queries.toml")),
            history: paths::state_dir(env).map(|d| d.join("query-history.toml")),
        },
        logs: config.logs.clone(),
        payloads: crate::saved_payloads::PayloadFiles {
            saved: config_dir.as_ref().map(|d| d.join("payloads")),
            history: paths::state_dir(env).map(|d| d.join("payload-history")),
            scope: None,
        },
        fan_out: config.aws.fan_out(),
        policies,
        audit_log: paths::state_dir(env)
            .map(|d| crate::audit::AuditLog::to_file(d.join("audit.jsonl")))
            .unwrap_or_default(),
    };
    Ok(Prepared {
        options,
        aws: AwsSetup {
            files,
            endpoint_url: cli.endpoint_url.clone(),
            settings: config.aws.clone(),
        },
        log_file: cli
            .log_file
            .clone()
            .or_else(|| paths::default_log_file(env)),
        mouse: config.mouse,
        start,
        bookmarks,
    })
}

/// Profile: `--profile` (must exist); else environment keys mean the default chain; else
/// `AWS_PROFILE` or `default` when that profile exists. Region: `--region`, `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, the profile's `region`, then a fallback.
pub fn initial_context(
    cli: &Cli,
    env: EnvLookup,
    profiles: &Result<Vec<ProfileInfo>, String>,
    env_credentials: bool,
) -> Result<ContextKey, String> {
    let known: &[ProfileInfo] = profiles.as_deref().unwrap_or(&[]);
    let find = |name: &str| known.iter().find(|p| p.name == name);
    let profile = match &cli.profile {
        Some(name) => {
            if let Err(e) = profiles {
                return Err(format!("cannot read the AWS config files: {e}"));
            }
            if find(name).is_none() {
                let names: Vec<&str> = known.iter().map(|p| p.name.as_str()).collect();
                let list = if names.is_empty() {
                    "none (no ~/.aws/config or ~/.aws/credentials found)".to_string()
                } else {
                    names.join(", ")
                };
                return Err(format!("unknown profile '{name}'. Known profiles: {list}"));
            }
            Some(name.clone())
        }
        None if env_credentials => None,
        None => {
            let name = env("AWS_PROFILE").unwrap_or_else(|| "default".into());
            find(&name).map(|p| p.name.clone())
        }
    };
    let region = configured_region(cli, env, known, profile.as_deref())
        .unwrap_or_else(|| FALLBACK_REGION.to_string());
    if !regions::is_valid_name(&region) {
        return Err(format!("'{region}' is not a region name (like eu-west-1)"));
    }
    Ok(ContextKey { profile, region })
}

/// The region the command line, the environment or the profile names, if any.
fn configured_region(
    cli: &Cli,
    env: EnvLookup,
    known: &[ProfileInfo],
    profile: Option<&str>,
) -> Option<String> {
    cli.region
        .clone()
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .or_else(|| {
            let name = profile
                .map(str::to_owned)
                .or_else(|| env("AWS_PROFILE"))
                .unwrap_or_else(|| "default".into());
            known
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.region.clone())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::profiles::CredentialKind;
    use clap::Parser;

    fn profile(name: &str, region: Option<&str>) -> ProfileInfo {
        ProfileInfo {
            name: name.into(),
            region: region.map(Into::into),
            kind: CredentialKind::StaticKeys,
            endpoint_url: None,
            sso_session: None,
            account_hint: None,
            mfa_serial: None,
        }
    }

    fn ctx(args: &[&str], vars: &[(&str, &str)], env_creds: bool) -> Result<ContextKey, String> {
        let cli = Cli::parse_from(std::iter::once("awsterm").chain(args.iter().copied()));
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |n: &str| vars.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let profiles = Ok(vec![
            profile("default", Some("eu-west-1")),
            profile("prod", Some("us-west-2")),
            profile("bare", None),
        ]);
        initial_context(&cli, &env, &profiles, env_creds)
    }

    #[test]
    fn explicit_profile_takes_its_region() {
        let c = ctx(&["--profile", "prod"], &[], false).unwrap();
        assert_eq!(
            (c.profile.as_deref(), c.region.as_str()),
            (Some("prod"), "us-west-2")
        );
    }

    #[test]
    fn region_precedence() {
        let c = ctx(
            &["--profile", "prod", "--region", "ap-south-1"],
            &[("AWS_REGION", "eu-north-1")],
            false,
        )
        .unwrap();
        assert_eq!(c.region, "ap-south-1");
        let c = ctx(
            &["--profile", "prod"],
            &[("AWS_DEFAULT_REGION", "eu-north-1")],
            false,
        )
        .unwrap();
        assert_eq!(c.region, "eu-north-1");
        let c = ctx(&["--profile", "bare"], &[], false).unwrap();
        assert_eq!(c.region, FALLBACK_REGION);
    }

    #[test]
    fn environment_credentials_use_the_default_chain() {
        let c = ctx(&[], &[], true).unwrap();
        assert_eq!(c.profile, None);
        let c = ctx(&[], &[("AWS_PROFILE", "prod")], false).unwrap();
        assert_eq!(c.profile.as_deref(), Some("prod"));
        let c = ctx(&[], &[], false).unwrap();
        assert_eq!(c.profile.as_deref(), Some("default"));
        assert_eq!(c.region, "eu-west-1");
    }

    #[test]
    fn unknown_profile_lists_the_known_ones() {
        let e = ctx(&["--profile", "nope"], &[], false).unwrap_err();
        assert!(
            e.contains("unknown profile 'nope'") && e.contains("default, prod, bare"),
            "{e}"
        );
    }

    #[test]
    fn bad_region_is_refused() {
        assert!(ctx(&["--region", "Europe"], &[], false).is_err());
    }
}
