//! The command line. One clap definition: `--help`, the man page (`awsterm man`,
//! `docs/awsterm.1`) and the shell completions (`awsterm completions SHELL`) all come from it.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Start forms:
  awsterm s3://BUCKET/PREFIX/   the bucket's objects at that prefix (s3://BUCKET/KEY: the object)
  awsterm ARN                   an S3 bucket or object, DynamoDB table, Lambda function, EC2
                                instance, security group or volume, RDS database or cluster, log
                                group or stream, in the ARN's region; said if the ARN's account is
                                not the profile's
  awsterm CONSOLE-URL           the same resources by their AWS console URL
  awsterm @NAME                 a bookmark (saved with :bm add NAME)
  awsterm -c ':COMMAND'         any : command, as if typed after start
An invalid target or bookmark is refused before the screen is taken (exit code 2).

Environment:
  AWS_PROFILE                   profile when --profile is not given
  AWS_REGION, AWS_DEFAULT_REGION  region when --region is not given
  AWS_ACCESS_KEY_ID (and the SDK's other credential variables)  the default chain
  AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE  where the AWS files are
  AWS_CA_BUNDLE, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, AWS_USE_FIPS_ENDPOINT,
  AWS_USE_DUALSTACK_ENDPOINT  connection settings (config.toml wins)
  AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_S3)  endpoints
  AWS_LOGIN_CACHE_DIRECTORY     where `aws login` sessions are cached
  AWSTERM_CONFIG_DIR            config directory (config.toml, keymap.toml, themes/,
                                bookmarks.toml, queries.toml, payloads/)
  XDG_CONFIG_HOME               config directory's parent when AWSTERM_CONFIG_DIR is unset
  XDG_STATE_HOME                state directory's parent (log, audit log, histories)
  AWSTERM_LOG                   log filter (e.g. debug, awsterm=trace)
  NO_COLOR                      no colours (the mono theme)
  COLORTERM, TERM               colour depth
  VISUAL, EDITOR                editor for items and payloads (config: editor)

Exit codes:
  0    quit
  1    the terminal failed
  2    a mistake on the command line or in a start target, bookmark or AWS config file
  129, 130, 143  ended by SIGHUP, SIGINT, SIGTERM

Examples:
  awsterm --profile prod s3://acme-logs/2026/11/
  awsterm -c ':tail /aws/lambda/api'
  awsterm arn:aws:dynamodb:eu-west-1:111122223333:table/orders";

/// A keyboard-driven terminal console for AWS.
#[derive(Clone, Debug, Parser)]
#[command(name = "awsterm", version, about, long_about = None, after_help = AFTER_HELP)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Where to start: s3://BUCKET/PREFIX/, an ARN, an AWS console URL, or @BOOKMARK.
    #[arg(value_name = "TARGET", conflicts_with = "command")]
    pub target: Option<String>,

    /// A : command to run once started, as if typed (-c ':tail /aws/lambda/api').
    #[arg(short = 'c', long = "command", value_name = "LINE")]
    pub command: Option<String>,

    /// AWS profile to use (from ~/.aws/config and ~/.aws/credentials). Without it the SDK's
    /// default chain applies: environment credentials, then AWS_PROFILE or `default`.
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,

    /// AWS region (overrides the profile's region and AWS_REGION; an ARN's region wins).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Send every AWS request to this endpoint (a local emulator, a VPC endpoint).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Hide and refuse every command that changes AWS resources.
    #[arg(long)]
    pub read_only: bool,

    /// Colour theme (a built-in or a file in <config dir>/themes/).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Configuration file (default: <config dir>/config.toml, the config dir being
    /// $AWSTERM_CONFIG_DIR, else $XDG_CONFIG_HOME/awsterm, else ~/.config/awsterm).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Log file (default: $XDG_STATE_HOME/awsterm/awsterm.log, else
    /// ~/.local/state/awsterm/awsterm.log).
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<PathBuf>,

    /// The profile names of the AWS files, one a line (for shell completion).
    #[arg(long, hide = true)]
    pub list_profiles: bool,

    /// The region names, one a line (for shell completion).
    #[arg(long, hide = true)]
    pub list_regions: bool,

    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Clone, Debug, Subcommand)]
pub enum Action {
    /// Print a completion script (profile and region names come from the AWS files).
    Completions { shell: Shell },
    /// Print the manual page (roff).
    Man,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The manual page, from the same definition as `--help`.
pub fn man_page() -> String {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .expect("rendering to memory cannot fail");
    String::from_utf8_lossy(&out).into_owned()
}

/// A completion script for `shell`: clap's, with `--profile` and `--region` completed from
/// `awsterm --list-profiles` / `--list-regions` at the time of completion.
pub fn completions(shell: Shell) -> String {
    let mut out = Vec::new();
    let mut cmd = Cli::command();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut cmd, "awsterm", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => format!("{script}\n{BASH_NAMES}"),
        Shell::Zsh => zsh_with_names(&script),
        Shell::Fish => format!("{script}\n{FISH_NAMES}"),
    }
}

const BASH_NAMES: &str = r#"# Profile and region names from the AWS files, asked when completing.
_awsterm_names() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        --profile)
            COMPREPLY=($(compgen -W "$(awsterm --list-profiles 2>/dev/null)" -- "$cur"))
            return 0 ;;
        --region)
            COMPREPLY=($(compgen -W "$(awsterm --list-regions 2>/dev/null)" -- "$cur"))
            return 0 ;;
    esac
    _awsterm "$@"
}
complete -F _awsterm_names -o bashdefault -o default awsterm
"#;

const FISH_NAMES: &str = r#"# Profile and region names from the AWS files, asked when completing.
complete -c awsterm -l profile -x -a "(awsterm --list-profiles 2>/dev/null)"
complete -c awsterm -l region -x -a "(awsterm --list-regions 2>/dev/null)"
"#;

fn zsh_with_names(script: &str) -> String {
    let script = script
        .replace(":PROFILE:_default", ":PROFILE:_awsterm_profiles")
        .replace(":REGION:_default", ":REGION:_awsterm_regions");
    let helpers = r#"(( $+functions[_awsterm_profiles] )) ||
_awsterm_profiles() {
    local -a names
    names=(${(f)"$(awsterm --list-profiles 2>/dev/null)"})
    _describe 'profile' names
}
(( $+functions[_awsterm_regions] )) ||
_awsterm_regions() {
    local -a names
    names=(${(f)"$(awsterm --list-regions 2>/dev/null)"})
    _describe 'region' names
}
"#;
    // Before the last line (`compdef` or the call that runs the function).
    match script.rfind("\nif [ \"$funcstack[1]\"") {
        Some(at) => format!("{}\n{helpers}{}", &script[..at], &script[at..]),
        None => format!("{script}\n{helpers}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn start_forms_parse() {
        let cli = Cli::parse_from(["awsterm", "--profile", "dev", "s3://b/p/"]);
        assert_eq!(cli.target.as_deref(), Some("s3://b/p/"));
        let cli = Cli::parse_from(["awsterm", "-c", ":tail /app"]);
        assert_eq!(cli.command.as_deref(), Some(":tail /app"));
        let cli = Cli::parse_from(["awsterm", "--command", ":ec2"]);
        assert_eq!(cli.command.as_deref(), Some(":ec2"));
        assert!(Cli::try_parse_from(["awsterm", "-c", ":ec2", "s3://b/"]).is_err());
        let cli = Cli::parse_from(["awsterm", "completions", "bash"]);
        assert!(matches!(
            cli.action,
            Some(Action::Completions { shell: Shell::Bash })
        ));
        let cli = Cli::parse_from(["awsterm", "man"]);
        assert!(matches!(cli.action, Some(Action::Man)));
    }

    /// `docs/awsterm.1` must be what the definition renders today.
    #[test]
    fn docs_man_page_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/awsterm.1");
        let expected = man_page();
        if std::env::var_os("AWSTERM_BLESS").is_some() {
            std::fs::write(path, &expected).expect("write docs/awsterm.1");
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/awsterm.1 is stale: run `AWSTERM_BLESS=1 cargo test docs_man` and commit it"
        );
        for part in [
            "Environment:",
            "Exit codes:",
            "Examples:",
            "completions",
            "man",
        ] {
            assert!(expected.contains(part), "the man page lacks {part}");
        }
    }

    #[test]
    fn help_names_every_environment_variable_read_and_the_exit_codes() {
        let help = Cli::command().render_help().to_string();
        for needle in [
            "AWS_PROFILE",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWSTERM_CONFIG_DIR",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "AWSTERM_LOG",
            "NO_COLOR",
            "AWS_CA_BUNDLE",
            "EDITOR",
            "VISUAL",
            "Exit codes:",
            "129, 130, 143",
            "Examples:",
            "awsterm -c ':tail /aws/lambda/api'",
            "$AWSTERM_CONFIG_DIR, else $XDG_CONFIG_HOME/awsterm, else ~/.config/awsterm",
        ] {
            assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
        }
        // Every variable the code reads by name is in the help (a new one must be added).
        let source_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let read = env_names_read(std::path::Path::new(source_dir));
        assert!(
            read.contains("NO_COLOR") && read.contains("AWS_CA_BUNDLE"),
            "{read:?}"
        );
        for name in read {
            assert!(help.contains(&name), "{name} is read but not in --help");
        }
    }

    /// Variables the sources read: names passed to `env(`/`var(`/`var_os(`, and every string
    /// literal shaped like an AWS_, AWSTERM_ or XDG_ variable (settings look them up through
    /// helpers) — tests, the fakes and debug-only switches aside.
    fn env_names_read(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
        let mut names = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "fake") {
                    names.extend(env_names_read(&path));
                }
                continue;
            }
            if path
                .file_name()
                .is_some_and(|n| n == "cli.rs" || n == "tests.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in text.match_indices('"') {
                let rest = &text[at + 1..];
                let name: String = rest.chars().take_while(|c| *c != '"').collect();
                let shaped = name.len() > 3
                    && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    && rest[name.len()..].starts_with('"');
                let before = &text[..at];
                let called = ["env(", "var(", "var_os("]
                    .iter()
                    .any(|c| before.ends_with(c));
                let prefixed = ["AWS_", "AWSTERM_", "XDG_"]
                    .iter()
                    .any(|p| name.starts_with(p));
                if shaped
                    && (called || prefixed)
                    && !["AWSTERM_BLESS", "AWSTERM_DEBUG_PANIC_KEY", "HOME", "PATH"]
                        .contains(&name.as_str())
                {
                    names.insert(name);
                }
            }
        }
        names
    }

    #[test]
    fn every_shell_gets_the_profile_and_region_names() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = completions(shell);
            assert!(script.contains("awsterm --list-profiles"), "{shell:?}");
            assert!(script.contains("awsterm --list-regions"), "{shell:?}");
        }
        let zsh = completions(Shell::Zsh);
        assert!(zsh.contains(":PROFILE:_awsterm_profiles"), "{zsh}");
        assert!(zsh.contains(":REGION:_awsterm_regions"), "{zsh}");
    }
}
