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
    /// Attempts per request (standard retry mode, with backoff).
    pub max_attempts: u32,
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
            max_attempts: 3,
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
        assert_eq!(config.aws.max_attempts, 5);
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
