//! The profiles in the AWS shared config and credentials files, read with aws-config's own parser
//! so names, merging and edge cases match what the SDK (and the CLI) will do with them.

use super::sdk::AwsFiles;
use aws_types::os_shim_internal::{Env, Fs};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    StaticKeys,
    Sso,
    AssumeRole,
    Process,
    WebIdentity,
    /// `login_session`: credentials from `aws login` (the console sign-in).
    Login,
    /// Keys from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`: the default chain, not a profile.
    Environment,
    /// Nothing in the profile says how to get credentials (a region-only profile, as on an EC2
    /// bastion): the machine's own — web identity, container endpoint, instance metadata.
    Ambient,
}

impl CredentialKind {
    pub fn label(self) -> &'static str {
        match self {
            CredentialKind::StaticKeys => "static keys",
            CredentialKind::Sso => "sso",
            CredentialKind::AssumeRole => "assume-role",
            CredentialKind::Process => "credential_process",
            CredentialKind::WebIdentity => "web identity",
            CredentialKind::Environment => "environment",
            CredentialKind::Login => "aws login",
            CredentialKind::Ambient => "instance/container",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileInfo {
    pub name: String,
    pub region: Option<String>,
    pub kind: CredentialKind,
    pub endpoint_url: Option<String>,
    pub sso_session: Option<String>,
    /// The account this profile reaches, when the files say (`role_arn`, `sso_account_id`):
    /// lets an account-id policy apply before STS has answered.
    pub account_hint: Option<String>,
    /// `mfa_serial` of a role profile: assuming the role needs a code typed in the UI.
    pub mfa_serial: Option<String>,
}

/// All profiles, sorted by name. An unreadable or malformed file is an error the UI shows; a
/// missing file is simply no profiles.
pub async fn load_profiles(files: &AwsFiles) -> Result<Vec<ProfileInfo>, String> {
    let set = aws_config::profile::load(&Fs::real(), &Env::real(), &files.env_config_files(), None)
        .await
        .map_err(|e| aws_smithy_types::error::display::DisplayErrorContext(e).to_string())?;
    let mut profiles: Vec<ProfileInfo> = set
        .profiles()
        .filter_map(|name| set.get_profile(name))
        .map(|p| ProfileInfo {
            name: p.name().to_string(),
            region: p.get("region").map(str::to_owned),
            kind: kind_of(|k| p.get(k)),
            endpoint_url: p.get("endpoint_url").map(str::to_owned),
            sso_session: p.get("sso_session").map(str::to_owned),
            account_hint: account_hint(|k| p.get(k)),
            mfa_serial: p
                .get("role_arn")
                .and(p.get("mfa_serial"))
                .map(str::to_owned),
        })
        .collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(profiles)
}

/// The account in `role_arn` (`arn:aws:iam::ACCOUNT:role/…`), else `sso_account_id`.
fn account_hint<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    let from_role = get("role_arn")
        .and_then(|arn| arn.split(':').nth(4))
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
    from_role
        .or_else(|| get("sso_account_id"))
        .map(str::to_owned)
}

/// The order follows the SDK's precedence within one profile: a role beats keys in the same
/// profile, web identity beats SSO, and so on.
fn kind_of<'a>(get: impl Fn(&str) -> Option<&'a str>) -> CredentialKind {
    if get("role_arn").is_some() && get("web_identity_token_file").is_some() {
        CredentialKind::WebIdentity
    } else if get("role_arn").is_some() {
        CredentialKind::AssumeRole
    } else if get("sso_session").is_some() || get("sso_start_url").is_some() {
        CredentialKind::Sso
    } else if get("login_session").is_some() {
        CredentialKind::Login
    } else if get("credential_process").is_some() {
        CredentialKind::Process
    } else if get("aws_access_key_id").is_some() {
        CredentialKind::StaticKeys
    } else if super::ambient::has_own_credentials(get) {
        // Half-written (a secret without its key id, a lone source_profile): aws-config
        // reports it; nothing ambient stands in for it.
        CredentialKind::StaticKeys
    } else {
        CredentialKind::Ambient
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn kinds_follow_the_profile_keys() {
        let kind = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            kind_of(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()))
        };
        assert_eq!(
            kind(&[("aws_access_key_id", "A")]),
            CredentialKind::StaticKeys
        );
        assert_eq!(
            kind(&[("role_arn", "r"), ("source_profile", "a")]),
            CredentialKind::AssumeRole
        );
        assert_eq!(kind(&[("sso_session", "corp")]), CredentialKind::Sso);
        assert_eq!(kind(&[("sso_start_url", "https://x")]), CredentialKind::Sso);
        assert_eq!(
            kind(&[("credential_process", "echo")]),
            CredentialKind::Process
        );
        assert_eq!(
            kind(&[("login_session", "arn:aws:iam::111111111111:user/a")]),
            CredentialKind::Login
        );
        assert_eq!(kind(&[("region", "eu-west-1")]), CredentialKind::Ambient);
    }

    #[tokio::test]
    async fn files_are_merged_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let credentials = dir.path().join("credentials");
        std::fs::File::create(&config)
            .unwrap()
            .write_all(b"[profile zeta]\nregion = eu-west-1\nrole_arn = arn:aws:iam::111111111111:role/x\nsource_profile = alpha\n[profile alpha]\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://x\n[profile sso]\nsso_session = corp\n")
            .unwrap();
        std::fs::File::create(&credentials)
            .unwrap()
            .write_all(b"[alpha]\naws_access_key_id = AKIA\naws_secret_access_key = s\n")
            .unwrap();
        let files = AwsFiles::Explicit {
            config,
            credentials,
        };
        let profiles = load_profiles(&files).await.unwrap();
        let names: Vec<_> = profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["alpha", "sso", "zeta"]);
        assert_eq!(profiles[0].kind, CredentialKind::StaticKeys);
        assert_eq!(profiles[0].region.as_deref(), Some("us-east-1"));
        assert_eq!(profiles[1].sso_session.as_deref(), Some("corp"));
        assert_eq!(profiles[2].kind, CredentialKind::AssumeRole);
        assert_eq!(profiles[2].account_hint.as_deref(), Some("111111111111"));
        assert_eq!(profiles[0].account_hint, None);
        assert_eq!(profiles[2].mfa_serial, None);
    }

    #[tokio::test]
    async fn malformed_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::write(&config, "[profile broken\nregion = x\n").unwrap();
        let files = AwsFiles::Explicit {
            config,
            credentials: dir.path().join("missing"),
        };
        assert!(load_profiles(&files).await.is_err());
    }
}
