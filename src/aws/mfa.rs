//! Roles that need an MFA code (`role_arn` + `mfa_serial`). aws-config ignores `mfa_serial`,
//! so we assume such roles ourselves: the UI asks for the code (never stdin — the UI owns the
//! terminal), STS AssumeRole gets SerialNumber and TokenCode, and the session is kept per
//! profile until shortly before it expires, so switching back and forth asks only once.
//! Until then the profile's credentials provider answers "an MFA code is needed", which the
//! error classifier turns into `ErrorKind::MfaRequired` and the app into a prompt.

use super::error::{AwsError, CODE_NEEDED, ErrorKind};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{self, ProvideCredentials, error::CredentialsError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// A session is not handed out in its last minutes: a request started then could outlive it.
const EXPIRY_MARGIN: Duration = Duration::from_secs(5 * 60);

/// What the AWS config says about a role that needs MFA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MfaRole {
    pub profile: String,
    pub role_arn: String,
    pub serial: String,
    /// `source_profile`; `None` when `credential_source = Environment` (the default chain).
    pub source: Option<String>,
    pub duration_seconds: Option<i32>,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
}

impl MfaRole {
    /// The role for `profile`, if it is one that needs a code. `Err` for a shape we cannot
    /// assume (a `credential_source` other than Environment).
    pub fn from_profile(
        profile: &str,
        get: impl Fn(&str) -> Option<String>,
    ) -> Option<Result<MfaRole, String>> {
        let role_arn = get("role_arn")?;
        let serial = get("mfa_serial")?;
        let source = match (get("source_profile"), get("credential_source")) {
            (Some(source), _) => Some(source),
            (None, Some(s)) if s == "Environment" => None,
            (None, Some(other)) => {
                return Some(Err(format!(
                    "profile {profile}: mfa_serial with credential_source = {other} is not \
                     supported; use source_profile"
                )));
            }
            (None, None) => {
                return Some(Err(format!(
                    "profile {profile}: role_arn needs source_profile or credential_source"
                )));
            }
        };
        Some(Ok(MfaRole {
            profile: profile.to_string(),
            role_arn,
            serial,
            source,
            duration_seconds: get("duration_seconds").and_then(|d| d.trim().parse().ok()),
            session_name: get("role_session_name"),
            external_id: get("external_id"),
        }))
    }
}

/// The sessions got with a code, by profile. Shared by every region's config of a profile.
#[derive(Debug, Default)]
pub struct MfaSessions {
    by_profile: Mutex<HashMap<String, Credentials>>,
}

impl MfaSessions {
    pub fn store(&self, profile: &str, credentials: Credentials) {
        self.lock().insert(profile.to_string(), credentials);
    }

    /// The profile's session, unless it is missing or about to expire.
    pub fn current(&self, profile: &str) -> Option<Credentials> {
        self.current_at(profile, SystemTime::now())
    }

    fn current_at(&self, profile: &str, now: SystemTime) -> Option<Credentials> {
        let sessions = self.lock();
        let credentials = sessions.get(profile)?;
        let usable = credentials
            .expiry()
            .is_none_or(|expiry| expiry > now + EXPIRY_MARGIN);
        usable.then(|| credentials.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Credentials>> {
        self.by_profile.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The credentials provider of an MFA role profile: the session typed for, or "code needed".
#[derive(Debug)]
pub struct MfaProvider {
    pub role: MfaRole,
    pub sessions: Arc<MfaSessions>,
}

#[derive(Debug)]
struct CodeNeeded {
    profile: String,
    serial: String,
}

impl std::fmt::Display for CodeNeeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{CODE_NEEDED} for profile {} ({}); :mfa asks for it",
            self.profile, self.serial
        )
    }
}

impl std::error::Error for CodeNeeded {}

impl ProvideCredentials for MfaProvider {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let result = self.sessions.current(&self.role.profile).ok_or_else(|| {
            CredentialsError::provider_error(CodeNeeded {
                profile: self.role.profile.clone(),
                serial: self.role.serial.clone(),
            })
        });
        provider::future::ProvideCredentials::ready(result)
    }
}

/// A role profile whose shape we cannot assume: every request says why.
#[derive(Debug)]
pub struct Unsupported(pub String);

impl ProvideCredentials for Unsupported {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::ready(Err(CredentialsError::invalid_configuration(
            self.0.clone(),
        )))
    }
}

/// A code is six digits; anything else is refused before STS sees it.
pub fn check_code(code: &str) -> Result<(), String> {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err("an MFA code is 6 digits".into())
    }
}

/// AssumeRole with the code, through `sts` (a client with the source profile's credentials).
pub async fn assume(
    sts: &aws_sdk_sts::Client,
    role: &MfaRole,
    code: &str,
) -> Result<Credentials, AwsError> {
    let session_name = role.session_name.clone().unwrap_or_else(|| {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("awsterm-{now}")
    });
    let out = sts
        .assume_role()
        .role_arn(&role.role_arn)
        .role_session_name(session_name)
        .serial_number(&role.serial)
        .token_code(code)
        .set_duration_seconds(role.duration_seconds)
        .set_external_id(role.external_id.clone())
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let c = out.credentials.ok_or_else(|| {
        AwsError::new(
            ErrorKind::Service,
            "AssumeRole answered without credentials",
        )
    })?;
    let expiry = SystemTime::try_from(c.expiration).ok();
    Ok(Credentials::new(
        c.access_key_id,
        c.secret_access_key,
        Some(c.session_token),
        expiry,
        "awsterm-mfa",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(pairs: &[(&str, &str)]) -> Option<Result<MfaRole, String>> {
        MfaRole::from_profile("prod", |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn roles_with_a_serial_need_a_code() {
        let r = role(&[
            ("role_arn", "arn:aws:iam::111122223333:role/admin"),
            ("mfa_serial", "arn:aws:iam::123456789012:mfa/me"),
            ("source_profile", "base"),
            ("duration_seconds", "7200"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(r.source.as_deref(), Some("base"));
        assert_eq!(r.duration_seconds, Some(7200));
        assert!(role(&[("role_arn", "arn"), ("source_profile", "base")]).is_none());
        assert!(role(&[("mfa_serial", "arn")]).is_none());
        let env = role(&[
            ("role_arn", "a"),
            ("mfa_serial", "s"),
            ("credential_source", "Environment"),
        ]);
        assert_eq!(env.unwrap().unwrap().source, None);
        let imds = role(&[
            ("role_arn", "a"),
            ("mfa_serial", "s"),
            ("credential_source", "Ec2InstanceMetadata"),
        ]);
        assert!(imds.unwrap().unwrap_err().contains("not supported"));
    }

    #[test]
    fn sessions_are_kept_until_shortly_before_expiry() {
        let sessions = MfaSessions::default();
        let now = SystemTime::now();
        let expires = now + Duration::from_secs(3600);
        sessions.store(
            "prod",
            Credentials::new("A", "S", Some("T".into()), Some(expires), "t"),
        );
        assert!(sessions.current_at("prod", now).is_some());
        assert!(sessions.current_at("other", now).is_none());
        let late = expires - Duration::from_secs(4 * 60);
        assert!(sessions.current_at("prod", late).is_none());
    }

    #[test]
    fn codes_are_six_digits() {
        assert!(check_code("123456").is_ok());
        assert!(check_code("12345").is_err());
        assert!(check_code("12345a").is_err());
        assert!(check_code(" 123456").is_err());
    }

    /// What the emulator cannot do: check the code. The request must carry both the serial
    /// and the code; a wrong code is STS's AccessDenied, shown as such.
    mod against_sdk_mocks {
        use super::super::*;
        use aws_sdk_sts::operation::assume_role::{AssumeRoleError, AssumeRoleOutput};
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};
        use aws_smithy_types::error::ErrorMetadata;

        const SERIAL: &str = "arn:aws:iam::123456789012:mfa/me";

        fn sts() -> aws_sdk_sts::Client {
            let good = mock!(aws_sdk_sts::Client::assume_role)
                .match_requests(|r| {
                    r.serial_number() == Some(SERIAL)
                        && r.token_code() == Some("123456")
                        && r.duration_seconds() == Some(900)
                        && r.role_arn() == Some("arn:aws:iam::111122223333:role/admin")
                })
                .then_output(|| {
                    let credentials = aws_sdk_sts::types::Credentials::builder()
                        .access_key_id("ASIAMFA")
                        .secret_access_key("secret")
                        .session_token("token")
                        .expiration(aws_smithy_types::DateTime::from_secs(4_000_000_000))
                        .build()
                        .unwrap();
                    AssumeRoleOutput::builder().credentials(credentials).build()
                });
            let wrong = mock!(aws_sdk_sts::Client::assume_role).then_error(|| {
                AssumeRoleError::generic(
                    ErrorMetadata::builder()
                        .code("AccessDenied")
                        .message(
                            "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                        )
                        .build(),
                )
            });
            let config = aws_sdk_sts::Config::builder()
                .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
                .region(aws_sdk_sts::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_sts::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(
                    MockResponseInterceptor::new()
                        .rule_mode(RuleMode::MatchAny)
                        .with_rule(&good)
                        .with_rule(&wrong),
                )
                .build();
            aws_sdk_sts::Client::from_conf(config)
        }

        fn role() -> MfaRole {
            MfaRole {
                profile: "prod".into(),
                role_arn: "arn:aws:iam::111122223333:role/admin".into(),
                serial: SERIAL.into(),
                source: Some("base".into()),
                duration_seconds: Some(900),
                session_name: None,
                external_id: None,
            }
        }

        #[tokio::test]
        async fn the_request_carries_serial_and_code() {
            let c = assume(&sts(), &role(), "123456").await.expect("assumed");
            assert_eq!(c.access_key_id(), "ASIAMFA");
            assert_eq!(c.session_token(), Some("token"));
            assert!(c.expiry().is_some());
        }

        #[tokio::test]
        async fn a_wrong_code_is_the_sts_error() {
            let e = assume(&sts(), &role(), "000000")
                .await
                .expect_err("refused");
            assert_eq!(e.kind, ErrorKind::AccessDenied);
            assert!(e.summary().contains("invalid MFA"), "{}", e.summary());
        }
    }
}
