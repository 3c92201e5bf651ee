//! Profiles signed in with `aws login` (`login_session = ARN`): aws-config reads and refreshes
//! the CLI's cache (`~/.aws/login/cache/<sha256 of the ARN>.json`) but cannot sign in. Reading
//! the cache first lets the app offer `aws login` at once, as it offers `aws sso login`.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The cache directory: `AWS_LOGIN_CACHE_DIRECTORY`, else `~/.aws/login/cache`.
pub fn cache_dir(env_dir: Option<PathBuf>, home: &Path) -> PathBuf {
    env_dir.unwrap_or_else(|| home.join(".aws/login/cache"))
}

/// The file the CLI writes for `login_session`.
pub fn cache_file(cache_dir: &Path, login_session: &str) -> PathBuf {
    let digest = Sha256::digest(login_session.trim().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    cache_dir.join(format!("{hex}.json"))
}

/// Why a sign-in is needed, or `None` when the cached session looks usable or refreshable
/// (aws-config refreshes it; if that fails its own error comes back later).
pub fn login_needed(cache_dir: &Path, login_session: &str, now_secs: i64) -> Option<String> {
    let path = cache_file(cache_dir, login_session);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Some("no aws login session cached (not signed in)".into());
    };
    let Ok(token) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Some(format!("the login cache {} is unreadable", path.display()));
    };
    let refreshable = token
        .get("refreshToken")
        .and_then(|v| v.as_str())
        .is_some_and(|t| !t.is_empty());
    let expires = token
        .pointer("/accessToken/expiresAt")
        .and_then(|v| v.as_str())
        .and_then(super::sso::parse_expiry);
    match expires {
        Some(at) if at > now_secs => None,
        _ if refreshable => None,
        _ => Some("the aws login session has expired".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:iam::0123456789012:user/Admin";

    #[test]
    fn the_cache_file_is_the_sha256_of_the_trimmed_arn() {
        let dir = Path::new("/h/.aws/login/cache");
        let expected =
            dir.join("36db1d138ff460920374e4c3d8e01f53f9f73537e89c88d639f68393df0e2726.json");
        assert_eq!(cache_file(dir, ARN), expected);
        assert_eq!(cache_file(dir, &format!("  {ARN} ")), expected);
        assert_eq!(cache_dir(None, Path::new("/h")), dir);
        assert_eq!(
            cache_dir(Some(PathBuf::from("/c")), Path::new("/h")),
            PathBuf::from("/c")
        );
    }

    #[test]
    fn missing_expired_refreshable_and_valid_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_800_000_000; // 2027-01-15
        let write = |json: &str| std::fs::write(cache_file(dir.path(), ARN), json).unwrap();
        assert!(
            login_needed(dir.path(), ARN, now)
                .unwrap()
                .contains("not signed in")
        );
        write(r#"{"accessToken":{"expiresAt":"2026-01-01T00:00:00Z"}}"#);
        assert!(
            login_needed(dir.path(), ARN, now)
                .unwrap()
                .contains("expired")
        );
        write(r#"{"accessToken":{"expiresAt":"2026-01-01T00:00:00Z"},"refreshToken":"r"}"#);
        assert_eq!(login_needed(dir.path(), ARN, now), None);
        write(r#"{"accessToken":{"expiresAt":"2030-01-01T00:00:00Z"}}"#);
        assert_eq!(login_needed(dir.path(), ARN, now), None);
        write("not json");
        assert!(
            login_needed(dir.path(), ARN, now)
                .unwrap()
                .contains("unreadable")
        );
    }
}
