//! One fake AWS account per test: moto keeps separate state per account id, so tests that each
//! assume a role into their own account can run in parallel without resetting anything.

use crate::moto::Moto;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use std::path::PathBuf;
use tempfile::TempDir;

/// moto's account for any static key.
pub const DEFAULT_ACCOUNT: &str = "123456789012";

/// Environment variables a child process must not inherit: they would override the files.
pub const ENV_TO_REMOVE: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CA_BUNDLE",
    "NO_COLOR",
    "COLORTERM",
    "AWSTERM_CONFIG_DIR",
    "AWSTERM_LOG",
];

/// A 12-digit account id derived from a test name (FNV-1a), never moto's default account.
pub fn account_id_for(name: &str) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in name.bytes() {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x100000001b3);
    }
    let id = 200_000_000_000 + hash % 700_000_000_000;
    id.to_string()
}

fn run_nonce() -> u128 {
    static NONCE: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *NONCE.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        now ^ ((std::process::id() as u128) << 64)
    })
}

/// A temporary `~/.aws` with profile `base` (static keys, account 123456789012) and profile
/// `acct` (a role in this test's own account), both pointed at the emulator.
pub struct AwsFiles {
    pub dir: TempDir,
    pub account_id: String,
    pub endpoint: String,
    config: String,
    credentials: String,
}

impl AwsFiles {
    /// Files for the test `name` against the shared emulator.
    pub fn for_test(name: &str) -> AwsFiles {
        AwsFiles::with_endpoint(name, &Moto::shared().endpoint)
    }

    /// The account id mixes the test name with a per-process nonce, so a rerun against a
    /// long-lived emulator starts from an empty account too.
    pub fn with_endpoint(name: &str, endpoint: &str) -> AwsFiles {
        let account_id = account_id_for(&format!("{name}/{}", run_nonce()));
        let config = format!(
            "[profile base]\nregion = us-east-1\nendpoint_url = {endpoint}\n\n\
             [profile acct]\nrole_arn = arn:aws:iam::{account_id}:role/awsterm-test\n\
             source_profile = base\nregion = us-east-1\nendpoint_url = {endpoint}\n"
        );
        let credentials = "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
             aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
            .to_string();
        let files = AwsFiles {
            dir: tempfile::tempdir().expect("temp dir"),
            account_id,
            endpoint: endpoint.to_string(),
            config,
            credentials,
        };
        files.write();
        files
    }

    /// Adds a raw `[profile NAME]` section (a broken profile, another region, …).
    pub fn with_profile(mut self, name: &str, body: &str) -> AwsFiles {
        self.config
            .push_str(&format!("\n[profile {name}]\n{body}\n"));
        self.write();
        self
    }

    /// Replaces the config file wholesale (e.g. with something malformed).
    pub fn with_raw_config(mut self, text: &str) -> AwsFiles {
        self.config = text.to_string();
        self.write();
        self
    }

    fn write(&self) {
        std::fs::write(self.config_path(), &self.config).expect("write AWS config");
        std::fs::write(self.credentials_path(), &self.credentials).expect("write credentials");
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn credentials_path(&self) -> PathBuf {
        self.dir.path().join("credentials")
    }

    /// What a child process needs: these files, no instance metadata probing, and a private
    /// home, config and state directory.
    pub fn env(&self) -> Vec<(String, String)> {
        let home = self.dir.path();
        let path = |p: PathBuf| p.display().to_string();
        vec![
            ("AWS_CONFIG_FILE".into(), path(self.config_path())),
            (
                "AWS_SHARED_CREDENTIALS_FILE".into(),
                path(self.credentials_path()),
            ),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
            ("HOME".into(), path(home.to_path_buf())),
            ("XDG_CONFIG_HOME".into(), path(home.join("xdg-config"))),
            ("XDG_STATE_HOME".into(), path(home.join("xdg-state"))),
        ]
    }

    pub fn env_config_files(&self) -> EnvConfigFiles {
        EnvConfigFiles::builder()
            .with_file(EnvConfigFileKind::Config, self.config_path())
            .with_file(EnvConfigFileKind::Credentials, self.credentials_path())
            .build()
    }

    /// An S3 client for one of these profiles, path-style as the emulator needs.
    pub async fn s3(&self, profile: &str) -> aws_sdk_s3::Client {
        let sdk = self.sdk_config(profile).await;
        aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(&sdk)
                .force_path_style(true)
                .build(),
        )
    }

    pub async fn ec2(&self, profile: &str) -> aws_sdk_ec2::Client {
        aws_sdk_ec2::Client::new(&self.sdk_config(profile).await)
    }

    pub async fn rds(&self, profile: &str) -> aws_sdk_rds::Client {
        aws_sdk_rds::Client::new(&self.sdk_config(profile).await)
    }

    /// An SDK config for one of these profiles built with explicit providers, so nothing in the
    /// process environment (shared by parallel tests) can change which account it reaches.
    pub async fn sdk_config(&self, profile: &str) -> SdkConfig {
        explicit_sdk_config(
            self.env_config_files(),
            profile,
            "us-east-1",
            &self.endpoint,
        )
        .await
    }
}

/// An SDK config for `profile` from exactly these files, in `region`, against `endpoint`.
pub async fn explicit_sdk_config(
    files: EnvConfigFiles,
    profile: &str,
    region: &str,
    endpoint: &str,
) -> SdkConfig {
    let region = Region::new(region.to_string());
    let provider_config = ProviderConfig::without_region().with_region(Some(region.clone()));
    let credentials = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config)
        .profile_files(files.clone())
        .profile_name(profile)
        .build();
    aws_config::defaults(BehaviorVersion::latest())
        .profile_files(files)
        .profile_name(profile)
        .region(region)
        .credentials_provider(credentials)
        .endpoint_url(endpoint)
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_stable_distinct_and_well_formed() {
        let a = account_id_for("test_a");
        assert_eq!(a, account_id_for("test_a"));
        assert_ne!(a, account_id_for("test_b"));
        assert_eq!(a.len(), 12);
        assert_ne!(a, DEFAULT_ACCOUNT);
    }
}
