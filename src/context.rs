//! The context a request runs in: a profile and a region. A leaf, named by the adapters, the
//! runtime, the audit log and the views alike.

/// Which profile and region a request runs in. `profile: None` is the SDK's default chain
/// (environment credentials first, then `AWS_PROFILE`/`default`), used only when the user did not
/// name a profile.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContextKey {
    pub profile: Option<String>,
    pub region: String,
}

impl ContextKey {
    pub fn profile_label(&self) -> &str {
        self.profile.as_deref().unwrap_or("(default chain)")
    }
}
