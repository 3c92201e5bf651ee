//! Per-profile safety policy from `[[policy]]` in config.toml: which contexts are read-only,
//! which need every write typed out, and how the header marks them (an accent colour and a
//! label such as PROD). Rules match a profile-name glob or an account id, so a policy written
//! for `prod-*` also covers a profile someone else named after the account.

use crate::glob;
use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct PolicyRule {
    /// Profile-name globs (`prod-*`); one string or a list.
    #[serde(deserialize_with = "one_or_many")]
    pub profiles: Vec<String>,
    /// Account ids; one string or a list.
    #[serde(deserialize_with = "one_or_many")]
    pub accounts: Vec<String>,
    pub read_only: bool,
    /// `typed`: every write in the context asks for the profile name to be typed.
    pub confirm: ConfirmMode,
    /// A colour name for the borders, the profile name and the label badge.
    pub accent: Option<String>,
    /// A short badge for the header (`PROD`).
    pub label: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConfirmMode {
    #[default]
    Default,
    Typed,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// What applies in one context: every matching rule adds its restrictions; the first rule
/// with an accent or a label decides those.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub read_only: bool,
    pub typed_confirm: bool,
    pub accent: Option<Color>,
    pub label: Option<String>,
}

impl Policy {
    /// Nothing to show or enforce.
    pub fn is_plain(&self) -> bool {
        *self == Policy::default()
    }

    /// `PROD · read-only · typed`, for lists of profiles.
    pub fn summary(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(label) = &self.label {
            parts.push(label);
        }
        if self.read_only {
            parts.push("read-only");
        }
        if self.typed_confirm {
            parts.push("typed");
        }
        parts.join(" · ")
    }
}

#[derive(Clone, Debug, Default)]
pub struct Policies {
    rules: Vec<PolicyRule>,
}

impl Policies {
    /// The rules, and a warning for each problem (a rule that can never match, an unknown
    /// colour, an account id that is not 12 digits). Problems never drop a restriction.
    pub fn new(rules: Vec<PolicyRule>) -> (Policies, Vec<String>) {
        let mut warnings = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let at = format!("policy #{}", i + 1);
            if rule.profiles.is_empty() && rule.accounts.is_empty() {
                warnings.push(format!(
                    "{at}: no `profiles` or `accounts`, so it matches nothing"
                ));
            }
            for account in &rule.accounts {
                if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
                    warnings.push(format!(
                        "{at}: account '{account}' is not a 12-digit account id"
                    ));
                }
            }
            if let Some(name) = &rule.accent
                && accent_color(name).is_none()
            {
                warnings.push(format!(
                    "{at}: accent '{name}' is not one of the 16 colour names (red, light-red, …)"
                ));
            }
        }
        (Policies { rules }, warnings)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The policy for a profile (`None`: the default credential chain) in an account (`None`
    /// while not known yet).
    pub fn for_context(&self, profile: Option<&str>, account: Option<&str>) -> Policy {
        let mut policy = Policy::default();
        let matching = self.rules.iter().filter(|rule| {
            let by_profile =
                profile.is_some_and(|p| rule.profiles.iter().any(|g| glob::matches(g, p)));
            let by_account = account.is_some_and(|a| rule.accounts.iter().any(|id| id == a));
            by_profile || by_account
        });
        for rule in matching {
            policy.read_only |= rule.read_only;
            policy.typed_confirm |= rule.confirm == ConfirmMode::Typed;
            if policy.accent.is_none() {
                policy.accent = rule.accent.as_deref().and_then(accent_color);
            }
            if policy.label.is_none() {
                policy.label = rule.label.clone().filter(|l| !l.trim().is_empty());
            }
        }
        policy
    }
}

fn accent_color(name: &str) -> Option<Color> {
    crate::theme::named_color(name).filter(|c| *c != Color::Reset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policies(toml_text: &str) -> (Policies, Vec<String>) {
        #[derive(Deserialize)]
        struct File {
            policy: Vec<PolicyRule>,
        }
        let file: File = toml::from_str(toml_text).unwrap();
        Policies::new(file.policy)
    }

    const RULES: &str = r#"
        [[policy]]
        profiles = "prod-*"
        read_only = true
        accent = "red"
        label = "PROD"

        [[policy]]
        accounts = ["111122223333"]
        confirm = "typed"
        accent = "yellow"
        label = "PAYMENTS"

        [[policy]]
        profiles = ["stage-*", "qa"]
        confirm = "typed"
    "#;

    #[test]
    fn globs_select_read_only_and_accent() {
        let (p, warnings) = policies(RULES);
        assert!(warnings.is_empty(), "{warnings:?}");
        let prod = p.for_context(Some("prod-admin"), None);
        assert!(prod.read_only);
        assert!(!prod.typed_confirm);
        assert_eq!(prod.accent, Some(Color::Red));
        assert_eq!(prod.label.as_deref(), Some("PROD"));
        assert!(p.for_context(Some("dev"), None).is_plain());
        assert!(p.for_context(Some("preprod-admin"), None).is_plain());
        assert!(p.for_context(Some("qa"), None).typed_confirm);
        assert!(p.for_context(None, None).is_plain());
    }

    #[test]
    fn account_ids_match_whatever_the_profile_is_called() {
        let (p, _) = policies(RULES);
        let payments = p.for_context(Some("anything"), Some("111122223333"));
        assert!(payments.typed_confirm);
        assert!(!payments.read_only);
        assert_eq!(payments.accent, Some(Color::Yellow));
        // Both rules match: restrictions add up, the first accent and label win.
        let both = p.for_context(Some("prod-pay"), Some("111122223333"));
        assert!(both.read_only && both.typed_confirm);
        assert_eq!(both.label.as_deref(), Some("PROD"));
        assert!(p.for_context(None, Some("111122223333")).typed_confirm);
    }

    #[test]
    fn problems_are_warned_about_without_dropping_restrictions() {
        let (p, warnings) = policies(
            "[[policy]]\nread_only = true\n[[policy]]\naccounts = \"12\"\naccent = \"blood\"\nread_only = true\n",
        );
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("matches nothing"));
        assert!(warnings[1].contains("12-digit"));
        assert!(warnings[2].contains("'blood'"));
        assert!(p.for_context(None, Some("12")).read_only);
    }
}
