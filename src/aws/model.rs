//! Plain data the adapters hand to panes. SDK types stop at the adapter boundary.

/// Who the credentials of a context belong to (STS GetCallerIdentity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

impl Identity {
    /// The short principal: `assumed-role/ops/session` or `user/alice`.
    pub fn principal(&self) -> &str {
        // arn:partition:service:region:account:resource — the resource is all after the 5th colon.
        self.arn.splitn(6, ':').nth(5).unwrap_or(&self.arn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(arn: &str) -> Identity {
        Identity {
            account: "1".into(),
            arn: arn.into(),
            user_id: "x".into(),
        }
    }

    #[test]
    fn principal_is_the_tail_of_the_arn() {
        assert_eq!(
            id("arn:aws:sts::111111111111:assumed-role/ops/s1").principal(),
            "assumed-role/ops/s1"
        );
        assert_eq!(
            id("arn:aws:iam::123456789012:user/alice").principal(),
            "user/alice"
        );
        assert_eq!(id("arn:aws:iam::123456789012:root").principal(), "root");
    }
}
