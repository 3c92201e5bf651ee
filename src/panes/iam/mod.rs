//! What the three IAM kinds (`resource/roles.rs`, `users.rs`, `policies.rs`) share: reading
//! policy documents, an identity's attached and inline policies as document blocks, and the
//! small formats of their columns.

pub mod permissions;
pub mod policy_document;

/// `profile · account` (the profile alone until STS has said the account): where an IAM
/// resource is, for its details' title. IAM belongs to the account, not to a region, so no
/// region is named, and the account id stays whole in an 80-column title.
pub fn place(ctx: &crate::aws::ContextKey, account: Option<&str>) -> String {
    match account {
        Some(account) => format!("{} · {account}", ctx.profile_label()),
        None => ctx.profile_label().to_string(),
    }
}

/// An access key older than this is flagged (the CIS benchmark's rotation period).
pub const OLD_KEY_DAYS: i64 = 90;

/// The key was created more than `OLD_KEY_DAYS` days before `now` (seconds since the epoch).
pub fn key_is_old(created: Option<i64>, now: i64) -> bool {
    created.is_some_and(|c| now - c > OLD_KEY_DAYS * 86_400)
}

/// `1h`, `12h`, `1h30m`: a role's maximum session.
pub fn session(seconds: i32) -> String {
    let (h, m) = (seconds / 3600, seconds % 3600 / 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

/// `3d ago`, or `never`.
pub fn ago(at: Option<i64>, now: i64) -> String {
    match at {
        Some(t) => format!("{} ago", crate::ui::format::age(t, now)),
        None => "never".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_older_than_90_days_are_flagged() {
        let now = 1_800_000_000;
        let day = 86_400;
        assert!(
            !key_is_old(Some(now - 90 * day), now),
            "exactly 90 days is not yet old"
        );
        assert!(key_is_old(Some(now - 90 * day - 1), now));
        assert!(key_is_old(Some(now - 400 * day), now));
        assert!(!key_is_old(Some(now - day), now));
        assert!(!key_is_old(None, now), "an unknown age is not flagged");
    }

    #[test]
    fn sessions_read_in_hours() {
        assert_eq!(session(3600), "1h");
        assert_eq!(session(43_200), "12h");
        assert_eq!(session(5400), "1h30m");
        assert_eq!(session(900), "15m");
    }

    #[test]
    fn ages_say_ago_or_never() {
        assert_eq!(ago(Some(0), 7200), "2h ago");
        assert_eq!(ago(None, 7200), "never");
    }
}
