//! `config.toml`: UI preferences only — profiles, regions and endpoints stay in the AWS files.
//! Every key is optional. A typo must not lock anyone out, so unknown keys are warned about and a
//! file that does not parse is reported and replaced by the defaults.

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

/// A loaded configuration plus what the user should be told about the file.
#[derive(Debug)]
pub struct ConfigLoad {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub warnings: Vec<String>,
}

impl Config {
    pub fn parse(text: &str, origin: &str) -> (Config, Vec<String>) {
        let mut unknown = Vec::new();
        let parsed = toml::Deserializer::parse(text)
            .map_err(|e| e.to_string())
            .and_then(|de| {
                serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
                    .map_err(|e: toml::de::Error| e.to_string())
            });
        match parsed {
            Ok(config) => {
                let warnings = unknown
                    .into_iter()
                    .map(|key| format!("{origin}: unknown key '{key}' ignored"))
                    .collect();
                (config, warnings)
            }
            Err(e) => (
                Config::default(),
                vec![format!("{origin}: {}; using defaults", e.trim_end())],
            ),
        }
    }

    /// `explicit` is `--config FILE` (must exist); otherwise `<config dir>/config.toml` if present.
    pub fn load(explicit: Option<&Path>, config_dir: Option<&Path>) -> ConfigLoad {
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(|| config_dir.map(|d| d.join("config.toml")));
        let Some(path) = path else {
            return ConfigLoad {
                config: Config::default(),
                path: None,
                warnings: Vec::new(),
            };
        };
        let origin = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (config, warnings) = Config::parse(&text, &origin);
                ConfigLoad {
                    config,
                    path: Some(path),
                    warnings,
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                ConfigLoad {
                    config: Config::default(),
                    path: None,
                    warnings: Vec::new(),
                }
            }
            Err(e) => ConfigLoad {
                config: Config::default(),
                path: Some(path),
                warnings: vec![format!("{origin}: {e}; using defaults")],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let (config, warnings) = Config::parse("", "c.toml");
        assert_eq!(config, Config::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn keys_are_read() {
        let text = "theme = \"mono\"\nread_only = true\ncolor = \"never\"\n[aws]\nattempt_timeout = 5\nmax_attempts = 5\n";
        let (config, warnings) = Config::parse(text, "c.toml");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.theme, "mono");
        assert!(config.read_only);
        assert_eq!(config.color, ColorMode::Never);
        assert_eq!(config.aws.attempt(), Duration::from_secs(5));
        assert_eq!(config.aws.max_attempts, Some(5));
        assert_eq!(config.aws.operation(), Duration::from_secs(30));
        assert_eq!(config.aws.fan_out(), DEFAULT_FAN_OUT);
        let (config, _) = Config::parse("[aws]\nfan_out = 500\n", "c.toml");
        assert_eq!(config.aws.fan_out(), 64, "clamped");
        let (config, _) = Config::parse("[aws]\nfan_out = 0\n", "c.toml");
        assert_eq!(config.aws.fan_out(), 1, "clamped");
    }

    #[test]
    fn ec2_settings_are_read() {
        let text =
            "[ec2]\ntag_columns = [\"Env\"]\nssh_user = \"ubuntu\"\nssh_address = \"private\"\n";
        let (config, warnings) = Config::parse(text, "c.toml");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.ec2.tag_columns, ["Env"]);
        assert_eq!(config.ec2.ssh_user, "ubuntu");
        assert_eq!(config.ec2.ssh_address, SshAddress::Private);
        assert!(config.ec2.ssh_key.is_empty());
    }

    #[test]
    fn policies_are_read_and_their_typos_warned_about() {
        let text = "[[policy]]\nprofiles = \"prod-*\"\nread_only = true\nconfirm = \"typed\"\n\n[[policy]]\naccounts = [\"111122223333\"]\nread-only = true\n";
        let (config, warnings) = Config::parse(text, "c.toml");
        assert_eq!(config.policy.len(), 2);
        assert_eq!(config.policy[0].profiles, ["prod-*"]);
        assert!(config.policy[0].read_only);
        assert_eq!(config.policy[1].accounts, ["111122223333"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("read-only"), "{warnings:?}");
    }

    #[test]
    fn unknown_keys_are_warned_about() {
        let (config, warnings) = Config::parse("them = \"x\"\n[aws]\nretries = 2\n", "c.toml");
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings.iter().any(|w| w.contains("'them'")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("'aws.retries'")),
            "{warnings:?}"
        );
    }

    #[test]
    fn parse_errors_fall_back_to_defaults() {
        let (config, warnings) = Config::parse("read_only = \"yes\"\n", "c.toml");
        assert_eq!(config, Config::default());
        assert!(warnings[0].starts_with("c.toml:"), "{warnings:?}");
        assert!(warnings[0].ends_with("using defaults"));
    }

    #[test]
    fn bad_durations_fall_back() {
        let (config, _) = Config::parse("[aws]\nattempt_timeout = -1\n", "c.toml");
        assert_eq!(config.aws.attempt(), Duration::from_secs(10));
    }

    #[test]
    fn missing_explicit_file_is_reported() {
        let load = Config::load(Some(Path::new("/nonexistent/awsterm.toml")), None);
        assert_eq!(load.warnings.len(), 1);
        let dir = tempfile::tempdir().unwrap();
        let load = Config::load(None, Some(dir.path()));
        assert!(load.warnings.is_empty());
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_text_gives_a_config_and_a_failure_means_defaults(text in any::<String>()) {
            let (config, warnings) = Config::parse(&text, "c.toml");
            prop_assert!(warnings.iter().all(|w| w.starts_with("c.toml: ")), "{:?}", warnings);
            if warnings.iter().any(|w| w.ends_with("; using defaults")) {
                prop_assert_eq!(config, Config::default());
            }
        }

        /// Well-formed TOML with the known keys holding values of any type, and unknown keys.
        #[test]
        fn any_toml_document_gives_a_config(
            doc in prop::collection::btree_map(
                prop_oneof![prop::sample::select(KNOWN_TOP.to_vec()).prop_map(String::from), "[a-z_]{1,8}"],
                toml_value(),
                0..6,
            )
        ) {
            let table: toml::Table = doc.into_iter().collect();
            let text = toml::to_string(&table).unwrap();
            let (config, warnings) = Config::parse(&text, "c.toml");
            prop_assert!(warnings.iter().all(|w| w.starts_with("c.toml: ")), "{:?}", warnings);
            if warnings.iter().any(|w| w.ends_with("; using defaults")) {
                prop_assert_eq!(warnings.len(), 1);
                prop_assert_eq!(config, Config::default());
            }
        }

        /// Unknown keys never cost the user their file: each one is one warning, nothing else.
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
            let (config, warnings) = Config::parse(&text, "c.toml");
            prop_assert_eq!(config.theme, theme);
            prop_assert_eq!(warnings.len(), unknown.len(), "{:?}", warnings);
            for key in unknown.keys() {
                let quoted = format!("unknown key '{key}' ignored");
                prop_assert!(warnings.iter().any(|w| w.contains(&quoted)), "{} {:?}", key, warnings);
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
            flash in -1e9f64..1e9,
            preview_bytes in 0u64..=i64::MAX as u64,
            tag_columns in prop::collection::vec(any::<String>(), 0..4),
            since in any::<String>(),
            buffer_lines in 0usize..=i64::MAX as usize,
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
            prop_assert!(warnings.is_empty(), "{:?}\n{}", warnings, text);
            prop_assert!(!config.aws.connect().is_zero());
            prop_assert!(!config.aws.attempt().is_zero());
            prop_assert!(!config.aws.operation().is_zero());
        }
    }
}
