//! Is the SSO token of a profile usable? aws-config finds out only by calling AWS (legacy
//! profiles never check the expiry locally), which gives a confusing error. Reading the token
//! cache the way the CLI writes it (`~/.aws/sso/cache/<sha1>.json`) lets the app offer
//! `aws sso login` at once instead.

use sha1::{Digest, Sha1};
use std::path::{Path, PathBuf};

/// How a profile gets its SSO token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SsoSource {
    /// `sso_session = NAME` + `[sso-session NAME]`: refreshable while the refresh token lasts.
    Session(String),
    /// `sso_start_url` in the profile itself: no refresh, the token just expires.
    Legacy(String),
}

impl SsoSource {
    /// The profile's SSO source, from its keys.
    pub fn of(get: impl Fn(&str) -> Option<String>) -> Option<SsoSource> {
        get("sso_session")
            .map(SsoSource::Session)
            .or_else(|| get("sso_start_url").map(SsoSource::Legacy))
    }

    /// The cache file the CLI writes for it.
    pub fn cache_file(&self, home: &Path) -> PathBuf {
        let key = match self {
            SsoSource::Session(name) => name,
            SsoSource::Legacy(url) => url,
        };
        let digest = Sha1::digest(key.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        home.join(".aws/sso/cache").join(format!("{hex}.json"))
    }
}

/// Why a login is needed, or `None` when the token looks usable (or refreshable).
pub fn login_needed(source: &SsoSource, home: &Path, now_secs: i64) -> Option<String> {
    let path = source.cache_file(home);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => return Some("no SSO token cached (not logged in)".into()),
    };
    let Ok(token) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Some(format!(
            "the SSO token cache {} is unreadable",
            path.display()
        ));
    };
    let expires = token
        .get("expiresAt")
        .and_then(|v| v.as_str())
        .and_then(parse_expiry);
    let Some(expires) = expires else {
        return Some("the SSO token has no expiry time".into());
    };
    if expires > now_secs {
        return None;
    }
    let refreshable = matches!(source, SsoSource::Session(_))
        && token.get("refreshToken").and_then(|v| v.as_str()).is_some();
    // aws-config refreshes a session token with its refresh token; if that fails too, its
    // own error is classified as an SSO problem later.
    (!refreshable).then(|| "the SSO token has expired".into())
}

/// `2026-11-23T12:00:00Z`, with optional fractions, or the CLI's older `…UTC` suffix.
fn parse_expiry(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix("UTC"))
        .unwrap_or(text);
    let (date, time) = text.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let time = time.split(['.', '+']).next()?;
    let mut t = time.split(':').map(|p| p.parse::<u32>().ok());
    let (hour, minute, second) = (t.next()??, t.next()??, t.next()??);
    crate::ui::format::from_calendar((year as i32, month, day), (hour, minute, second), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(home: &Path, source: &SsoSource, json: &str) {
        let path = source.cache_file(home);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, json).unwrap();
    }

    #[test]
    fn the_cache_key_is_the_sha1_the_cli_uses() {
        // sha1("my-sso") as the CLI names the file.
        let file = SsoSource::Session("my-sso".into()).cache_file(Path::new("/h"));
        assert_eq!(
            file,
            Path::new("/h/.aws/sso/cache").join(format!("{}.json", sha1_hex("my-sso")))
        );
        assert_eq!(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    fn sha1_hex(s: &str) -> String {
        Sha1::digest(s.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn missing_expired_and_valid_tokens() {
        let home = tempfile::tempdir().unwrap();
        let legacy = SsoSource::Legacy("https://corp.awsapps.com/start".into());
        let session = SsoSource::Session("corp".into());
        let now = 1_800_000_000; // 2027-01-15
        assert!(
            login_needed(&legacy, home.path(), now)
                .unwrap()
                .contains("not logged in")
        );
        write(
            home.path(),
            &legacy,
            r#"{"accessToken":"t","expiresAt":"2026-01-01T00:00:00Z"}"#,
        );
        assert!(
            login_needed(&legacy, home.path(), now)
                .unwrap()
                .contains("expired")
        );
        write(
            home.path(),
            &legacy,
            r#"{"accessToken":"t","expiresAt":"2030-01-01T00:00:00UTC"}"#,
        );
        assert_eq!(login_needed(&legacy, home.path(), now), None);
        // An expired session token with a refresh token is aws-config's to refresh.
        write(
            home.path(),
            &session,
            r#"{"accessToken":"t","expiresAt":"2026-01-01T00:00:00Z","refreshToken":"r"}"#,
        );
        assert_eq!(login_needed(&session, home.path(), now), None);
        write(
            home.path(),
            &session,
            r#"{"accessToken":"t","expiresAt":"2026-01-01T00:00:00Z"}"#,
        );
        assert!(login_needed(&session, home.path(), now).is_some());
    }

    #[test]
    fn expiry_formats() {
        assert_eq!(parse_expiry("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T00:01:00.123Z"), Some(60));
        assert_eq!(parse_expiry("1970-01-01T00:01:00UTC"), Some(60));
        assert_eq!(parse_expiry("yesterday"), None);
    }
}
