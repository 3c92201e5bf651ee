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
pub(crate) fn parse_expiry(text: &str) -> Option<i64> {
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
    crate::clock::from_calendar((year as i32, month, day), (hour, minute, second), true)
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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Instants from 1970 to 9999.
    fn instant() -> impl Strategy<Value = i64> {
        0i64..253_402_300_799
    }

    fn iso(secs: i64) -> String {
        crate::clock::iso_utc(secs * 1000)
    }

    proptest! {
        #[test]
        fn any_expiry_text_is_a_time_or_nothing(
            text in prop_oneof![
                any::<String>(),
                concat!(
                    "[0-9]{1,12}-[0-9]{1,3}-[0-9]{1,3}T[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}",
                    "(\\.[0-9]{1,9})?(Z|UTC|\\+[0-9:]{1,5})?"
                ),
            ]
        ) {
            let _ = parse_expiry(&text);
        }

        /// What the CLI writes (`…T12:00:00Z`, `….123Z`, `…UTC`) reads back to the second.
        #[test]
        fn cli_expiry_formats_read_back(secs in instant(), millis in 0i64..1000, form in 0usize..3) {
            let full = crate::clock::iso_utc(secs * 1000 + millis);
            let plain = format!("{}Z", &full[..19]);
            let text = match form {
                0 => full,
                1 => plain,
                _ => format!("{}UTC", &full[..19]),
            };
            prop_assert_eq!(parse_expiry(&text), Some(secs), "{}", text);
        }

        #[test]
        fn later_expiries_are_later(a in instant(), b in instant()) {
            prop_assert_eq!(a.cmp(&b), parse_expiry(&iso(a)).cmp(&parse_expiry(&iso(b))));
        }

        /// The cache file is always `<home>/.aws/sso/cache/<40 hex digits>.json`.
        #[test]
        fn cache_files_stay_in_the_cache(key in any::<String>(), session in any::<bool>()) {
            let source = if session { SsoSource::Session(key) } else { SsoSource::Legacy(key) };
            let path = source.cache_file(Path::new("/h"));
            prop_assert_eq!(path.parent(), Some(Path::new("/h/.aws/sso/cache")));
            let file = path.file_name().unwrap().to_str().unwrap();
            let hex = file.strip_suffix(".json").unwrap();
            let lower_hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
            prop_assert!(hex.len() == 40 && hex.chars().all(lower_hex), "{}", hex);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Whatever the CLI's cache file holds, the answer is "usable" or a reason, and a token
        /// that expires later than now is usable.
        #[test]
        fn any_cache_file_gives_an_answer(
            body in prop_oneof![
                any::<String>(),
                (instant(), any::<bool>()).prop_map(|(s, refresh)| {
                    let refresh = if refresh { r#","refreshToken":"r""# } else { "" };
                    format!(r#"{{"accessToken":"t","expiresAt":"{}"{refresh}}}"#, iso(s))
                }),
            ],
            now in instant(),
            session in any::<bool>(),
        ) {
            let home = tempfile::tempdir().unwrap();
            let source = if session { SsoSource::Session("s".into()) } else { SsoSource::Legacy("u".into()) };
            let path = source.cache_file(home.path());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &body).unwrap();
            let answer = login_needed(&source, home.path(), now);
            let expiry = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|t| t.get("expiresAt")?.as_str().and_then(parse_expiry));
            if expiry.is_some_and(|e| e > now) {
                prop_assert_eq!(&answer, &None);
            }
            if expiry.is_none() {
                prop_assert!(answer.is_some());
            }
        }
    }
}
