//! `config.toml`: UI preferences and safety settings — profiles, regions and endpoints stay in
//! the AWS files. Every key is optional. A mistake costs only the key it is in (`read`), except
//! in a safety setting, which fails closed: every context read-only, and the header says why.

mod read;
mod since;

pub use since::parse_start;

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    /// Theme name: a built-in or a file in `<config dir>/themes/`.
    pub theme: String,
    /// Remove every command that changes AWS resources.
    pub read_only: bool,
    /// Capture the mouse (off: the terminal's own select-to-copy keeps working).
    pub mouse: bool,
    /// `auto` follows NO_COLOR and the terminal; `never` forces the `mono` theme.
    pub color: ColorMode,
    /// Seconds a flash message stays in the status line.
    pub flash_seconds: f64,
    /// Editor for DynamoDB items (with arguments); empty: `$VISUAL`, then `$EDITOR`, then vi.
    pub editor: String,
    pub aws: AwsSettings,
    pub s3: S3Settings,
    pub ec2: Ec2Settings,
    pub logs: LogsSettings,
    /// Per-profile safety rules (`[[policy]]`): read-only, typed confirmation, accent, label.
    pub policy: Vec<crate::policy::PolicyRule>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct LogsSettings {
    /// Lines a tail keeps; older ones are dropped (and counted).
    pub buffer_lines: usize,
    /// Message bytes a tail keeps; past them the oldest lines are dropped (and counted).
    pub buffer_bytes: u64,
    /// Where a tail starts when nothing else says: `5m`, `1h`, `2d`.
    pub since: String,
    /// Tail with Live Tail on real AWS (billed per session minute) instead of polling.
    pub live_tail: bool,
    /// Show timestamps in UTC instead of local time.
    pub utc: bool,
}

impl Default for LogsSettings {
    fn default() -> Self {
        LogsSettings {
            buffer_lines: 100_000,
            buffer_bytes: 256 << 20,
            since: "10m".into(),
            live_tail: false,
            utc: false,
        }
    }
}

impl LogsSettings {
    /// The buffer size actually used: at least 100 lines, at most ten million.
    pub fn buffer_lines(&self) -> usize {
        self.buffer_lines.clamp(100, 10_000_000)
    }

    /// The byte cap actually used: at least 1 MiB (room for a few of the largest, 256 KB
    /// events), at most 16 GiB.
    pub fn buffer_bytes(&self) -> usize {
        usize::try_from(self.buffer_bytes.clamp(1 << 20, 16 << 30)).unwrap_or(usize::MAX)
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Ec2Settings {
    /// Tags shown as extra columns of the instances table, e.g. `["Env", "Team"]`.
    pub tag_columns: Vec<String>,
    /// User name for `ssh`.
    pub ssh_user: String,
    /// Private key for `ssh -i`; empty: ssh's own defaults and agent.
    pub ssh_key: String,
    /// Which address `ssh` connects to: the public IP when there is one (`auto`), or always
    /// `public` or `private`.
    pub ssh_address: SshAddress,
    /// Extra arguments for ssh, e.g. `["-o", "ProxyJump=bastion"]`.
    pub ssh_args: Vec<String>,
}

impl Default for Ec2Settings {
    fn default() -> Self {
        Ec2Settings {
            tag_columns: Vec::new(),
            ssh_user: "ec2-user".into(),
            ssh_key: String::new(),
            ssh_address: SshAddress::Auto,
            ssh_args: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SshAddress {
    Auto,
    Public,
    Private,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct S3Settings {
    /// Bytes fetched (ranged GET) to preview an object.
    pub preview_bytes: u64,
    /// Rows listed under one prefix before the listing stops and offers to load more.
    pub row_cap: usize,
}

impl Default for S3Settings {
    fn default() -> Self {
        S3Settings {
            preview_bytes: 64 * 1024,
            row_cap: 200_000,
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(default)]
pub struct AwsSettings {
    /// Seconds to establish a connection.
    pub connect_timeout: f64,
    /// Seconds for one attempt of a request, retries not included.
    pub attempt_timeout: f64,
    /// Seconds for a whole request, all retries included.
    pub operation_timeout: f64,
    /// Attempts per request. Unset: `AWS_MAX_ATTEMPTS`, then the profile's `max_attempts`,
    /// then 3 (see `aws::context_settings`).
    pub max_attempts: Option<u32>,
    /// Contexts a cross-account or cross-region view (`:ec2 @all-regions`) lists at once.
    pub fan_out: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: "default".into(),
            read_only: false,
            mouse: false,
            color: ColorMode::Auto,
            flash_seconds: 4.0,
            editor: String::new(),
            aws: AwsSettings::default(),
            s3: S3Settings::default(),
            ec2: Ec2Settings::default(),
            logs: LogsSettings::default(),
            policy: Vec::new(),
        }
    }
}

impl Default for AwsSettings {
    fn default() -> Self {
        AwsSettings {
            connect_timeout: 3.1,
            attempt_timeout: 10.0,
            operation_timeout: 30.0,
            max_attempts: None,
            fan_out: DEFAULT_FAN_OUT,
        }
    }
}

/// Above the 17 regions every account has, so `@all-regions` is one round: with 16, the 17th
/// region would wait for the first answer and a fan-out over equally slow regions would take
/// twice as long as one region.
pub const DEFAULT_FAN_OUT: usize = 24;

impl AwsSettings {
    pub fn connect(&self) -> Duration {
        secs(self.connect_timeout, 3.1)
    }
    pub fn attempt(&self) -> Duration {
        secs(self.attempt_timeout, 10.0)
    }
    pub fn operation(&self) -> Duration {
        secs(self.operation_timeout, 30.0)
    }
    /// The fan-out actually used: 1 to 64 contexts at once.
    pub fn fan_out(&self) -> usize {
        self.fan_out.clamp(1, 64)
    }
}

fn secs(value: f64, fallback: f64) -> Duration {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .unwrap_or_else(|| Duration::from_secs_f64(fallback))
}

/// Something wrong in config.toml, ready to show: `file:line:column: what; what it costs`, then
/// the line of the file with the spot underlined, on lines of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub text: String,
    /// A safety setting could not be read as written: every context must be read-only.
    pub fails_closed: bool,
}

/// A loaded configuration plus what the user should be told about the file.
#[derive(Debug)]
pub struct ConfigLoad {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

impl ConfigLoad {
    /// Some safety setting could not be read: no writes anywhere until the file is fixed.
    pub fn fails_closed(&self) -> bool {
        self.problems.iter().any(|p| p.fails_closed)
    }

    /// The problems to show, those that made everything read-only first: the box that shows
    /// them may not have room for all, and they are what the header's badge is about.
    pub fn notices(&self) -> impl Iterator<Item = String> + '_ {
        let (closing, rest): (Vec<&Problem>, Vec<&Problem>) =
            self.problems.iter().partition(|p| p.fails_closed);
        closing.into_iter().chain(rest).map(|p| p.text.clone())
    }
}

impl Config {
    /// The file's text, key by key: see `read`.
    pub fn parse(text: &str, origin: &str) -> (Config, Vec<Problem>) {
        read::read(text, origin)
    }

    /// `explicit` is `--config FILE` (must exist); otherwise `<config dir>/config.toml` if present.
    /// A file that is there but cannot be read might have said read-only: that fails closed.
    pub fn load(explicit: Option<&Path>, config_dir: Option<&Path>) -> ConfigLoad {
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(|| config_dir.map(|d| d.join("config.toml")));
        let Some(path) = path else {
            return ConfigLoad {
                config: Config::default(),
                path: None,
                problems: Vec::new(),
            };
        };
        let origin = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (config, problems) = Config::parse(&text, &origin);
                ConfigLoad {
                    config,
                    path: Some(path),
                    problems,
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                ConfigLoad {
                    config: Config::default(),
                    path: None,
                    problems: Vec::new(),
                }
            }
            Err(e) => ConfigLoad {
                config: Config::default(),
                path: Some(path),
                problems: vec![Problem {
                    text: format!(
                        "{origin}: cannot be read ({e}); every context is read-only until this is fixed"
                    ),
                    fails_closed: true,
                }],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Problem>) {
        Config::parse(text, "c.toml")
    }

    #[test]
    fn problems_that_make_everything_read_only_are_told_first() {
        let text = "mouse = \"yes\"\n[[policy]]\nprofiles = \"prod\"\nconfirm = \"Typed\"\n";
        let (config, problems) = Config::parse(text, "config.toml");
        let load = ConfigLoad {
            config,
            path: None,
            problems,
        };
        let notices: Vec<String> = load.notices().collect();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].contains("confirm"), "{notices:?}");
        assert!(notices[1].contains("mouse"), "{notices:?}");
    }

    fn fails_closed(problems: &[Problem]) -> bool {
        problems.iter().any(|p| p.fails_closed)
    }

    #[test]
    fn empty_file_gives_defaults() {
        let (config, problems) = parse("");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn keys_are_read() {
        let text = "theme = \"mono\"\nread_only = true\ncolor = \"never\"\n[aws]\nattempt_timeout = 5\nmax_attempts = 5\n";
        let (config, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme, "mono");
        assert!(config.read_only);
        assert_eq!(config.color, ColorMode::Never);
        assert_eq!(config.aws.attempt(), Duration::from_secs(5));
        assert_eq!(config.aws.max_attempts, Some(5));
        assert_eq!(config.aws.operation(), Duration::from_secs(30));
        assert_eq!(config.aws.fan_out(), DEFAULT_FAN_OUT);
        let (config, _) = parse("[aws]\nfan_out = 500\n");
        assert_eq!(config.aws.fan_out(), 64, "clamped");
        let (config, _) = parse("[aws]\nfan_out = 0\n");
        assert_eq!(config.aws.fan_out(), 1, "clamped");
    }

    #[test]
    fn the_tail_byte_cap_is_read_and_clamped() {
        assert_eq!(Config::default().logs.buffer_bytes(), 256 << 20);
        let (config, warnings) = Config::parse("[logs]\nbuffer_bytes = 33554432\n", "c.toml");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.logs.buffer_bytes(), 32 << 20);
        let (config, _) = Config::parse("[logs]\nbuffer_bytes = 0\n", "c.toml");
        assert_eq!(config.logs.buffer_bytes(), 1 << 20, "clamped");
    }

    #[test]
    fn ec2_settings_are_read() {
        let text =
            "[ec2]\ntag_columns = [\"Env\"]\nssh_user = \"ubuntu\"\nssh_address = \"private\"\n";
        let (config, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.ec2.tag_columns, ["Env"]);
        assert_eq!(config.ec2.ssh_user, "ubuntu");
        assert_eq!(config.ec2.ssh_address, SshAddress::Private);
        assert!(config.ec2.ssh_key.is_empty());
    }

    /// The first example: `mouse = "yes"` used to replace the whole file by defaults.
    #[test]
    fn a_bad_mouse_costs_only_mouse() {
        let (config, problems) = parse("read_only = true\nmouse = \"yes\"\ntheme = \"mono\"\n");
        assert!(config.read_only, "read-only still applies");
        assert_eq!(config.theme, "mono");
        assert!(!config.mouse);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].fails_closed);
        let lines: Vec<&str> = problems[0].text.lines().collect();
        assert_eq!(
            lines[0],
            "c.toml:2:9: mouse: invalid type: string \"yes\", expected a boolean; \
             mouse ignored, its default applies"
        );
        assert_eq!(lines[1..], [" 2 | mouse = \"yes\"", "   |         ^^^^^"]);
    }

    #[test]
    fn a_quoted_number_costs_only_that_number() {
        let text = "read_only = true\n[logs]\nbuffer_lines = \"100000\"\nutc = true\n";
        let (config, problems) = parse(text);
        assert!(config.read_only);
        assert!(config.logs.utc, "the rest of [logs] is read");
        assert_eq!(
            config.logs.buffer_lines,
            LogsSettings::default().buffer_lines
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].fails_closed);
        assert!(
            problems[0]
                .text
                .starts_with("c.toml:3:16: logs.buffer_lines: invalid type"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_section_of_the_wrong_type_costs_that_section() {
        let (config, problems) = parse("theme = \"mono\"\naws = 5\n");
        assert_eq!(config.theme, "mono");
        assert_eq!(config.aws, AwsSettings::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].fails_closed);
        assert!(
            problems[0].text.starts_with("c.toml:2:7: aws:"),
            "{problems:?}"
        );
    }

    /// serde refuses an enum written as a table at the table's key, not at its value.
    #[test]
    fn an_enum_written_as_a_table_costs_only_itself() {
        let (config, problems) = parse("theme = \"mono\"\ncolor = { never = true }\n");
        assert_eq!(config.theme, "mono");
        assert_eq!(config.color, ColorMode::Auto);
        assert!(!problems.is_empty());
        assert!(!fails_closed(&problems), "{problems:?}");
        assert!(problems[0].text.starts_with("c.toml:2:"), "{problems:?}");
    }

    #[test]
    fn several_bad_keys_are_each_reported() {
        let text = "mouse = \"yes\"\nflash_seconds = \"long\"\ncolor = \"sometimes\"\ntheme = \"mono\"\n[s3]\nrow_cap = -1\npreview_bytes = 10\n";
        let (config, problems) = parse(text);
        assert_eq!(config.theme, "mono");
        assert_eq!(config.s3.preview_bytes, 10);
        assert_eq!(config.s3.row_cap, S3Settings::default().row_cap);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(!fails_closed(&problems));
        for at in ["c.toml:1:", "c.toml:2:", "c.toml:3:", "c.toml:6:"] {
            assert!(
                problems.iter().any(|p| p.text.starts_with(at)),
                "{at} {problems:?}"
            );
        }
    }

    /// The second example: a policy with `confirm = "Typed"` dropped every policy.
    #[test]
    fn a_bad_policy_value_fails_closed_and_keeps_the_rule() {
        let text = "[[policy]]\nprofiles = \"prod-*\"\nread_only = true\n\n[[policy]]\nprofiles = \"stage\"\nconfirm = \"Typed\"\n";
        let (config, problems) = parse(text);
        assert_eq!(config.policy.len(), 2, "no rule is dropped");
        assert!(config.policy[0].read_only);
        assert_eq!(config.policy[1].profiles, ["stage"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].fails_closed);
        assert!(
            problems[0].text.starts_with(
                "c.toml:7:11: policy #2: confirm: unknown variant `Typed`, expected `default` or `typed`; \
                 every context is read-only until this is fixed"
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn read_only_that_is_not_a_bool_fails_closed() {
        for text in [
            "read_only = \"yes\"\n",
            "read_only = 1\n",
            "read_only = [true]\n",
        ] {
            let (config, problems) = parse(text);
            assert!(fails_closed(&problems), "{text}: {problems:?}");
            assert!(
                problems[0].text.starts_with("c.toml:1:13: read_only:"),
                "{problems:?}"
            );
            assert!(!config.read_only, "the flag is the problem, not the value");
        }
    }

    #[test]
    fn a_policy_that_is_not_an_array_of_tables_fails_closed() {
        for text in [
            "[policy]\nprofiles = \"prod-*\"\nread_only = true\n",
            "policy = \"prod-*\"\n",
            "policy = [\"prod-*\"]\n",
        ] {
            let (config, problems) = parse(text);
            assert!(fails_closed(&problems), "{text}: {problems:?}");
            assert!(config.policy.is_empty());
        }
    }

    #[test]
    fn what_a_rule_names_must_be_valid() {
        for (text, why) in [
            ("[[policy]]\nread_only = true\n", "matches nothing"),
            (
                "[[policy]]\naccounts = \"1111-2222-3333\"\nread_only = true\n",
                "12-digit",
            ),
            (
                "[[policy]]\nprofiles = \"prod\"\naccent = \"blood\"\n",
                "'blood'",
            ),
            (
                "[[policy]]\nprofiles = [\"prod\", 7]\n",
                "policy #1: profiles",
            ),
            (
                "[[policy]]\nprofiles = \"prod\"\nlabel = 3\n",
                "policy #1: label",
            ),
        ] {
            let (config, problems) = parse(text);
            assert!(!problems.is_empty(), "{text}");
            assert!(
                problems.iter().all(|p| p.fails_closed),
                "{text}: {problems:?}"
            );
            assert!(problems[0].text.contains(why), "{text}: {problems:?}");
            assert!(
                problems.iter().all(|p| p.text.starts_with("c.toml:")),
                "{problems:?}"
            );
            assert_eq!(config.policy.len(), 1, "{text}");
        }
    }

    #[test]
    fn policy_typos_fail_closed() {
        let text = "[[policy]]\nprofiles = \"prod-*\"\nread_only = true\nconfirm = \"typed\"\n\n[[policy]]\naccounts = [\"111122223333\"]\nread-only = true\n";
        let (config, problems) = parse(text);
        assert_eq!(config.policy.len(), 2);
        assert_eq!(config.policy[0].profiles, ["prod-*"]);
        assert!(config.policy[0].read_only);
        assert_eq!(config.policy[1].accounts, ["111122223333"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].fails_closed);
        assert!(
            problems[0]
                .text
                .starts_with("c.toml:8:1: policy #2: unknown key 'read-only'"),
            "{problems:?}"
        );
    }

    #[test]
    fn keys_that_look_like_safety_settings_fail_closed() {
        for text in [
            "read-only = true\n",
            "readOnly = true\n",
            "[[policies]]\nprofiles = \"prod\"\n",
            // Below a table header, `read_only` belongs to that table: not what was meant.
            "[logs]\nutc = true\nread_only = true\n",
        ] {
            let (_, problems) = parse(text);
            assert!(fails_closed(&problems), "{text}: {problems:?}");
            assert!(problems[0].text.contains("unknown key"), "{problems:?}");
        }
    }

    /// Values of the right type the app would silently replace are said, with the key, what
    /// it takes and what applies; the rest of the file still counts, and nothing fails closed.
    #[test]
    fn unusable_values_are_named_with_what_applies() {
        let text = "flash_seconds = 0\n[aws]\nfan_out = 0\nconnect_timeout = -1.0\n\
                    [logs]\nsince = \"forever\"\nbuffer_lines = 5\nutc = true\n";
        let (config, problems) = Config::parse(text, "c.toml");
        let texts: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
        for expected in [
            "c.toml:1:1: flash_seconds: expected 0.5 to 60; 0.5 s applies",
            "c.toml:3:1: aws.fan_out: expected 1 to 64; 1 applies",
            "c.toml:4:1: aws.connect_timeout: expected seconds above 0; the default 3.1 s applies",
            "c.toml:6:1: logs.since: 'forever' is not a time ago (5m, 1h, 2d) or a date \
             (2026-11-23 14:00); 10m applies",
            "c.toml:7:1: logs.buffer_lines: expected 100 to 10000000; 100 applies",
        ] {
            assert!(
                texts.iter().any(|t| t.starts_with(expected)),
                "{expected}\n{texts:#?}"
            );
        }
        assert_eq!(problems.len(), 5, "{texts:#?}");
        assert!(problems.iter().all(|p| !p.fails_closed));
        assert!(config.logs.utc, "the rest of the file still counts");
        let (_, fine) = Config::parse("flash_seconds = 2.5\n[logs]\nsince = \"2h\"\n", "c.toml");
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn other_unknown_keys_are_warned_about() {
        let (config, problems) = parse("them = \"x\"\n[aws]\nretries = 2\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(!fails_closed(&problems));
        assert!(
            problems
                .iter()
                .any(|p| p.text.starts_with("c.toml:1:1: unknown key 'them' ignored")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p
                .text
                .starts_with("c.toml:3:1: unknown key 'aws.retries' ignored")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_toml_fails_closed_with_its_lines() {
        let (config, problems) = parse("theme = \"mono\"\nread_only = tru\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].fails_closed);
        let lines: Vec<&str> = problems[0].text.lines().collect();
        assert!(
            lines[0].starts_with("c.toml:2:13: not valid TOML: "),
            "{lines:?}"
        );
        assert!(
            lines[0].ends_with("; every context is read-only until this is fixed"),
            "{lines:?}"
        );
        assert_eq!(lines[1], " 2 | read_only = tru", "{lines:?}");
        assert!(lines[2].starts_with("   |             ^"), "{lines:?}");
        assert!(!problems[0].text.contains('␊'));
    }

    #[test]
    fn bad_durations_fall_back() {
        let (config, _) = parse("[aws]\nattempt_timeout = -1\n");
        assert_eq!(config.aws.attempt(), Duration::from_secs(10));
    }

    #[test]
    fn a_file_that_cannot_be_read_fails_closed() {
        let load = Config::load(Some(Path::new("/nonexistent/awsterm.toml")), None);
        assert_eq!(load.problems.len(), 1);
        assert!(
            load.fails_closed(),
            "--config names a file that is not there"
        );
        let dir = tempfile::tempdir().unwrap();
        let load = Config::load(None, Some(dir.path()));
        assert!(load.problems.is_empty(), "no config.toml is no problem");
        std::fs::create_dir(dir.path().join("config.toml")).unwrap();
        let load = Config::load(None, Some(dir.path()));
        assert!(load.fails_closed(), "{:?}", load.problems);
        std::fs::remove_dir(dir.path().join("config.toml")).unwrap();
        std::fs::write(dir.path().join("config.toml"), b"theme = \"\xff\"\n").unwrap();
        let load = Config::load(None, Some(dir.path()));
        assert!(load.fails_closed(), "not UTF-8: {:?}", load.problems);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;
    use toml::Value;

    const KNOWN_TOP: [&str; 11] = [
        "theme",
        "read_only",
        "mouse",
        "color",
        "flash_seconds",
        "editor",
        "aws",
        "s3",
        "ec2",
        "logs",
        "policy",
    ];

    /// Any TOML value, a few levels deep.
    fn toml_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<String>().prop_map(Value::String),
            any::<i64>().prop_map(Value::Integer),
            any::<f64>().prop_map(Value::Float),
            any::<bool>().prop_map(Value::Boolean),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_\\-]{1,8}", inner, 0..4)
                    .prop_map(|m| Value::Table(m.into_iter().collect())),
            ]
        })
    }

    fn any_float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(-0.0),
            Just(f64::MIN_POSITIVE),
            Just(1e300),
        ]
    }

    /// Moves the setting `key` (a top-level key or section) from `from` into `into`.
    fn take_key(into: &mut Config, from: Config, key: &str) {
        match key {
            "theme" => into.theme = from.theme,
            "read_only" => into.read_only = from.read_only,
            "mouse" => into.mouse = from.mouse,
            "color" => into.color = from.color,
            "flash_seconds" => into.flash_seconds = from.flash_seconds,
            "editor" => into.editor = from.editor,
            "aws" => into.aws = from.aws,
            "s3" => into.s3 = from.s3,
            "ec2" => into.ec2 = from.ec2,
            "logs" => into.logs = from.logs,
            "policy" => into.policy = from.policy,
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any text: a config and problems that say where; text that is not TOML fails closed.
        #[test]
        fn any_text_gives_a_config_and_a_failure_fails_closed(text in any::<String>()) {
            let (config, problems) = Config::parse(&text, "c.toml");
            prop_assert!(problems.iter().all(|p| p.text.starts_with("c.toml")), "{:?}", problems);
            if text.parse::<toml::Table>().is_err() {
                prop_assert_eq!(problems.len(), 1);
                prop_assert!(problems[0].fails_closed);
                prop_assert_eq!(config, Config::default());
            }
        }

        /// Well-formed TOML with the known keys holding values of any type, and unknown keys:
        /// a bad key costs only itself, so each key reads the same alone as beside the others,
        /// and the file fails closed exactly when one of its keys does on its own.
        #[test]
        fn any_toml_document_gives_a_config_key_by_key(
            doc in prop::collection::btree_map(
                prop_oneof![prop::sample::select(KNOWN_TOP.to_vec()).prop_map(String::from), "[a-z_]{1,8}"],
                toml_value(),
                0..6,
            )
        ) {
            let table: toml::Table = doc.clone().into_iter().collect();
            let text = toml::to_string(&table).unwrap();
            let (config, problems) = Config::parse(&text, "c.toml");
            prop_assert!(problems.iter().all(|p| p.text.starts_with("c.toml:")), "{:?}", problems);
            let mut alone_fail_closed = false;
            let mut alone_problems = 0;
            let mut from_alone = Config::default();
            for (key, value) in doc {
                let mut one = toml::Table::new();
                one.insert(key.clone(), value);
                let (alone, problems) = Config::parse(&toml::to_string(&one).unwrap(), "c.toml");
                alone_fail_closed |= problems.iter().any(|p| p.fails_closed);
                alone_problems += problems.len();
                take_key(&mut from_alone, alone, &key);
            }
            prop_assert_eq!(format!("{config:?}"), format!("{from_alone:?}"), "{}", text);
            prop_assert_eq!(problems.iter().any(|p| p.fails_closed), alone_fail_closed, "{:?}", problems);
            prop_assert_eq!(problems.len(), alone_problems, "{:?}", problems);
        }

        /// Unknown keys never cost the user their file: each one is one warning, nothing else —
        /// unless it spells a safety setting another way.
        #[test]
        fn unknown_keys_become_warnings(
            unknown in prop::collection::btree_map(
                "[a-z_\\-]{1,12}".prop_filter("a known key", |k| !KNOWN_TOP.contains(&k.as_str())),
                toml_value(),
                1..5,
            ),
            theme in any::<String>(),
        ) {
            let mut table: toml::Table = unknown.clone().into_iter().collect();
            table.insert("theme".into(), Value::String(theme.clone()));
            let text = toml::to_string(&table).unwrap();
            let (config, problems) = Config::parse(&text, "c.toml");
            prop_assert_eq!(config.theme, theme);
            prop_assert_eq!(problems.len(), unknown.len(), "{:?}", problems);
            for key in unknown.keys() {
                let quoted = format!("unknown key '{key}'");
                let problem = problems.iter().find(|p| p.text.contains(&quoted));
                prop_assert!(problem.is_some(), "{} {:?}", key, problems);
                let safety = ["readonly", "policy", "policies"].contains(&key.replace(['-', '_'], "").as_str());
                prop_assert_eq!(problem.unwrap().fails_closed, safety, "{:?}", problem);
            }
        }

        /// Whatever strings and numbers the user writes come back exactly (TOML escaping of
        /// quotes, backslashes and control characters included).
        #[test]
        fn known_keys_are_read_back(
            theme in any::<String>(),
            editor in any::<String>(),
            read_only in any::<bool>(),
            mouse in any::<bool>(),
            color in prop::sample::select(vec![ColorMode::Auto, ColorMode::Always, ColorMode::Never]),
            flash in 0.5f64..=60.0,
            preview_bytes in 0u64..=i64::MAX as u64,
            tag_columns in prop::collection::vec(any::<String>(), 0..4),
            since in prop_oneof![
                (0u32..10_000, prop::sample::select(vec!['s', 'm', 'h', 'd', 'w']))
                    .prop_map(|(n, unit)| format!("{n}{unit}")),
                Just("2026-11-23 14:00".to_string()),
                Just("2026-11-23T14:00:30Z".to_string()),
            ],
            buffer_lines in 100usize..=10_000_000,
        ) {
            let color_name = match color {
                ColorMode::Auto => "auto",
                ColorMode::Always => "always",
                ColorMode::Never => "never",
            };
            let mut s3 = toml::Table::new();
            s3.insert("preview_bytes".into(), Value::Integer(preview_bytes as i64));
            let mut ec2 = toml::Table::new();
            ec2.insert(
                "tag_columns".into(),
                Value::Array(tag_columns.iter().cloned().map(Value::String).collect()),
            );
            let mut logs = toml::Table::new();
            logs.insert("since".into(), Value::String(since.clone()));
            logs.insert("buffer_lines".into(), Value::Integer(buffer_lines as i64));
            let mut table = toml::Table::new();
            table.insert("theme".into(), Value::String(theme.clone()));
            table.insert("editor".into(), Value::String(editor.clone()));
            table.insert("read_only".into(), Value::Boolean(read_only));
            table.insert("mouse".into(), Value::Boolean(mouse));
            table.insert("color".into(), Value::String(color_name.into()));
            table.insert("flash_seconds".into(), Value::Float(flash));
            table.insert("s3".into(), Value::Table(s3));
            table.insert("ec2".into(), Value::Table(ec2));
            table.insert("logs".into(), Value::Table(logs));
            let text = toml::to_string(&table).unwrap();
            let (config, warnings) = Config::parse(&text, "c.toml");
            prop_assert!(warnings.is_empty(), "{:?}\n{}", warnings, text);
            prop_assert_eq!(config.theme, theme);
            prop_assert_eq!(config.editor, editor);
            prop_assert_eq!(config.read_only, read_only);
            prop_assert_eq!(config.mouse, mouse);
            prop_assert_eq!(config.color, color);
            prop_assert_eq!(config.flash_seconds, flash);
            prop_assert_eq!(config.s3.preview_bytes, preview_bytes);
            prop_assert_eq!(config.s3.row_cap, S3Settings::default().row_cap);
            prop_assert_eq!(config.ec2.tag_columns, tag_columns);
            prop_assert_eq!(&config.logs.since, &since);
            prop_assert_eq!(config.logs.buffer_lines, buffer_lines);
            prop_assert!((100..=10_000_000).contains(&config.logs.buffer_lines()));
        }

        /// Timeouts are always usable: positive, whatever was written (NaN, infinities,
        /// negatives, zero, huge values).
        #[test]
        fn timeouts_are_always_positive(
            c in any_float(),
            a in any_float(),
            o in any_float(),
            attempts in any::<u32>(),
        ) {
            let settings = AwsSettings {
                connect_timeout: c,
                attempt_timeout: a,
                operation_timeout: o,
                max_attempts: Some(attempts),
                ..AwsSettings::default()
            };
            for d in [settings.connect(), settings.attempt(), settings.operation()] {
                prop_assert!(!d.is_zero());
            }
            if c.is_finite() && c > 0.0 && c < 1e9 && Duration::from_secs_f64(c) > Duration::ZERO {
                prop_assert_eq!(settings.connect(), Duration::from_secs_f64(c));
            }
            // The same through the file, where TOML spells them nan, inf and -inf.
            let text = toml::to_string(&{
                let mut aws = toml::Table::new();
                aws.insert("connect_timeout".into(), Value::Float(c));
                aws.insert("attempt_timeout".into(), Value::Float(a));
                aws.insert("operation_timeout".into(), Value::Float(o));
                let mut t = toml::Table::new();
                t.insert("aws".into(), Value::Table(aws));
                t
            })
            .unwrap();
            let (config, warnings) = Config::parse(&text, "c.toml");
            // Each unusable one is said, key by key; none fails closed.
            let usable = |v: f64| v.is_finite() && v > 0.0 && v < 1e9;
            let unusable = [c, a, o].into_iter().filter(|v| !usable(*v)).count();
            prop_assert_eq!(warnings.len(), unusable, "{:?}\n{}", warnings, text);
            prop_assert!(warnings.iter().all(|w| !w.fails_closed && w.text.contains("expected seconds above 0")));
            prop_assert!(!config.aws.connect().is_zero());
            prop_assert!(!config.aws.attempt().is_zero());
            prop_assert!(!config.aws.operation().is_zero());
        }
    }
}
