//! One cached `SdkConfig` per (profile, region), all over one shared HTTP client. Loading a config
//! does no network I/O (credentials resolve lazily on the first request), so switching context is
//! cheap; the cache makes switching back free.

use super::ca_bundle::HttpClients;
use super::context_settings::ContextSettings;
use super::error::{AwsError, ErrorKind};
use super::mfa::{MfaProvider, MfaRole};
use crate::config::AwsSettings;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_types::os_shim_internal::{Env, Fs};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The region used when neither the command line, the environment nor the profile names one.
/// STS answers in every region, so the identity still resolves and the user can pick another.
pub const FALLBACK_REGION: &str = "us-east-1";

// Defined in a leaf so the audit log and effects name a context without importing the adapters.
pub use crate::context::ContextKey;

/// Which AWS shared files to read. `Default` honours `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` exactly as the CLI does; `Explicit` is for tests, which share one
/// process environment and must not depend on it.
#[derive(Clone, Debug, Default)]
pub enum AwsFiles {
    #[default]
    Default,
    Explicit {
        config: PathBuf,
        credentials: PathBuf,
    },
}

impl AwsFiles {
    pub fn env_config_files(&self) -> EnvConfigFiles {
        match self {
            AwsFiles::Default => EnvConfigFiles::default(),
            AwsFiles::Explicit {
                config,
                credentials,
            } => EnvConfigFiles::builder()
                .with_file(EnvConfigFileKind::Config, config)
                .with_file(EnvConfigFileKind::Credentials, credentials)
                .build(),
        }
    }
}

/// Everything about talking to AWS that is fixed for the whole process.
#[derive(Clone, Debug, Default)]
pub struct AwsSetup {
    pub files: AwsFiles,
    /// `--endpoint-url`: beats the environment and the profile, as in the CLI.
    pub endpoint_url: Option<String>,
    pub settings: AwsSettings,
}

pub struct SdkConfigs {
    setup: AwsSetup,
    /// The default client and one per CA bundle file.
    http: HttpClients,
    /// Sessions of MFA roles: they outlive the config cache (reloading the AWS files must not
    /// ask for a code again).
    mfa: Arc<super::mfa::MfaSessions>,
    cache: Mutex<HashMap<ContextKey, Arc<OnceCell<SdkConfig>>>>,
}

impl SdkConfigs {
    pub fn new(setup: AwsSetup) -> SdkConfigs {
        SdkConfigs {
            setup,
            http: HttpClients::new(),
            mfa: Arc::default(),
            cache: Mutex::default(),
        }
    }

    pub fn setup(&self) -> &AwsSetup {
        &self.setup
    }

    pub async fn get(&self, key: &ContextKey) -> SdkConfig {
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            cache.entry(key.clone()).or_default().clone()
        };
        cell.get_or_init(|| self.load(key)).await.clone()
    }

    /// Forget every config, e.g. after the AWS files changed or an SSO login refreshed a token:
    /// the profile providers cache parsed files forever.
    pub fn clear(&self) {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.http.clear();
    }

    /// Drops the configs of one profile (every region), e.g. after `aws sso login` for it.
    pub fn forget(&self, profile: Option<&str>) {
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|key, _| key.profile.as_deref() != profile);
    }

    /// The AWS files as they are now (the keys aws-config itself does not act on).
    async fn profile_set(&self) -> Option<aws_config::profile::ProfileSet> {
        let files = self.setup.files.env_config_files();
        aws_config::profile::load(&Fs::real(), &Env::real(), &files, None)
            .await
            .ok()
    }

    /// The MFA role behind a profile, as the files say now.
    async fn mfa_role(&self, profile: &str) -> Option<Result<MfaRole, String>> {
        let set = self.profile_set().await?;
        let p = set.get_profile(profile)?;
        MfaRole::from_profile(profile, |k| p.get(k).map(str::to_owned))
    }

    /// Why the profile cannot sign requests until someone signs in — its SSO token or its
    /// `aws login` session is missing or expired (read from the CLI's caches, without calling
    /// AWS); `None` for other profiles and usable sessions.
    pub async fn login_needed(&self, profile: &str) -> Option<AwsError> {
        let set = self.profile_set().await?;
        let p = set.get_profile(profile)?;
        // A role on top of SSO credentials (`source_profile`) is not followed: its own
        // errors are classified when they come.
        if p.get("role_arn").is_some() {
            return None;
        }
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
        let home = std::path::Path::new(&home);
        let now = crate::clock::now_secs();
        if let Some(session) = p.get("login_session") {
            let dir = super::login_session::cache_dir(
                std::env::var_os("AWS_LOGIN_CACHE_DIRECTORY")
                    .filter(|d| !d.is_empty())
                    .map(PathBuf::from),
                home,
            );
            let why = super::login_session::login_needed(&dir, session, now)?;
            return Some(AwsError::new(
                ErrorKind::LoginNeeded,
                format!("{why}: aws login --profile {profile}"),
            ));
        }
        let source = super::sso::SsoSource::of(|k| p.get(k).map(str::to_owned))?;
        let why = super::sso::login_needed(&source, home, now)?;
        Some(AwsError::new(ErrorKind::SsoLogin, why))
    }

    /// Assumes the profile's MFA role with `code` (from the source profile's credentials) and
    /// keeps the session for every region of the profile. Returns when it expires.
    pub async fn mfa_login(
        &self,
        ctx: &ContextKey,
        code: &str,
    ) -> Result<Option<std::time::SystemTime>, AwsError> {
        let profile = ctx.profile.as_deref().unwrap_or_default();
        let role = match self.mfa_role(profile).await {
            Some(Ok(role)) => role,
            Some(Err(e)) => return Err(AwsError::new(ErrorKind::Config, e)),
            None => {
                return Err(AwsError::new(
                    ErrorKind::Config,
                    format!("profile {profile} has no role_arn with mfa_serial"),
                ));
            }
        };
        let source = ContextKey {
            profile: role.source.clone(),
            region: ctx.region.clone(),
        };
        let sts = aws_sdk_sts::Client::new(&self.get(&source).await);
        let credentials = super::mfa::assume(&sts, &role, code).await?;
        let expiry = credentials.expiry();
        self.mfa.store(profile, credentials);
        Ok(expiry)
    }

    async fn load(&self, key: &ContextKey) -> SdkConfig {
        let set = self.profile_set().await;
        // Without a chosen profile the SDK reads AWS_PROFILE or `default`: so do its settings.
        let name = key
            .profile
            .clone()
            .or_else(|| set.as_ref().map(|s| s.selected_profile().to_string()));
        let section = set
            .as_ref()
            .zip(name.as_deref())
            .and_then(|(s, n)| s.get_profile(n));
        let get = |k: &str| section.and_then(|p| p.get(k)).map(str::to_owned);
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        let env = |k: &str| std::env::var(k).ok();
        let resolved = ContextSettings::resolve(&self.setup.settings, env, get, home)
            .and_then(|s| Ok((self.http.for_bundle(s.ca_bundle.as_ref())?, s)));
        let (http, settings) = match resolved {
            Ok(resolved) => resolved,
            Err(e) => return self.refused(key, e).await,
        };
        let timeouts = self.timeouts();
        let region = Region::new(key.region.clone());
        let files = self.setup.files.env_config_files();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .http_client(http.clone())
            .region(region.clone())
            .timeout_config(timeouts.clone())
            .retry_config(settings.retry.clone())
            .profile_files(files.clone());
        if let Some(fips) = settings.use_fips {
            loader = loader.use_fips(fips);
        }
        if let Some(dual_stack) = settings.use_dual_stack {
            loader = loader.use_dual_stack(dual_stack);
        }
        if let Some(profile) = &key.profile {
            // Explicit providers: with the default chain, AWS_ACCESS_KEY_ID in the environment would
            // silently win over the profile the user picked (verified against aws-config 1.13).
            // The STS and SSO clients inside them get the context's endpoints settings too.
            let provider_config = ProviderConfig::without_region()
                .with_region(Some(region))
                .with_http_client(http)
                .with_timeout_config(timeouts)
                .with_retry_config(settings.retry)
                .with_use_fips(settings.use_fips)
                .with_use_dual_stack(settings.use_dual_stack);
            let role = section
                .and_then(|p| MfaRole::from_profile(profile, |k| p.get(k).map(str::to_owned)));
            let credentials = match role {
                // aws-config would assume the role without the code (AWS refuses that).
                Some(Ok(role)) => SharedCredentialsProvider::new(MfaProvider {
                    role,
                    sessions: self.mfa.clone(),
                }),
                Some(Err(e)) => SharedCredentialsProvider::new(super::mfa::Unsupported(e)),
                // Region-only profiles (an EC2 bastion's `[default]`): the machine's role.
                None if section
                    .is_some_and(|p| !super::ambient::has_own_credentials(|k| p.get(k))) =>
                {
                    SharedCredentialsProvider::new(super::ambient::chain(&provider_config))
                }
                None => SharedCredentialsProvider::new(
                    ProfileFileCredentialsProvider::builder()
                        .configure(&provider_config)
                        .profile_files(files)
                        .profile_name(profile)
                        .build(),
                ),
            };
            loader = loader
                .profile_name(profile)
                .credentials_provider(credentials);
        }
        if let Some(url) = &self.setup.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        loader.load().await
    }

    fn timeouts(&self) -> TimeoutConfig {
        let settings = &self.setup.settings;
        TimeoutConfig::builder()
            .connect_timeout(settings.connect())
            .operation_attempt_timeout(settings.attempt())
            .operation_timeout(settings.operation())
            .build()
    }

    /// A context whose settings are broken: every request fails with `why` before anything is
    /// sent — never the defaults in their place (a wrong CA bundle must not become the
    /// system's roots, a FIPS typo must not become a non-FIPS endpoint).
    async fn refused(&self, key: &ContextKey, why: String) -> SdkConfig {
        aws_config::defaults(BehaviorVersion::latest())
            .http_client(self.http.default_client())
            .region(Region::new(key.region.clone()))
            .timeout_config(self.timeouts())
            // Set, so aws-config does not read (and panic on) the same broken values.
            .retry_config(aws_config::retry::RetryConfig::standard())
            .profile_files(self.setup.files.env_config_files())
            .credentials_provider(SharedCredentialsProvider::new(super::mfa::Unsupported(why)))
            .load()
            .await
    }
}
