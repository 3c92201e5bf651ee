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

    /// Some rule is written for account ids: until a context's account is known, nobody can
    /// tell whether that rule applies there, so writes in it wait (see `app/guard.rs`).
    pub fn names_accounts(&self) -> bool {
        self.rules.iter().any(|rule| !rule.accounts.is_empty())
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
    fn rules_naming_accounts_are_told_apart() {
        assert!(policies(RULES).0.names_accounts());
        let (globs_only, _) = policies("[[policy]]\nprofiles = \"prod-*\"\nread_only = true\n");
        assert!(!globs_only.names_accounts());
        assert!(!Policies::default().names_accounts());
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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn profile() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec!["prod", "prod-admin", "dev", "stage-1", "qa", ""])
                .prop_map(String::from),
            "[a-z*?\\-]{0,8}",
            any::<String>(),
        ]
    }

    fn account() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec!["111122223333", "444455556666"]).prop_map(String::from),
            "[0-9]{10,13}",
            any::<String>(),
        ]
    }

    fn rule() -> impl Strategy<Value = PolicyRule> {
        (
            prop::collection::vec(profile(), 0..3),
            prop::collection::vec(account(), 0..2),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(prop_oneof![
                prop::sample::select(vec!["red", "Light-Blue", "reset", "blood", ""])
                    .prop_map(String::from),
                any::<String>(),
            ]),
            prop::option::of(prop_oneof![
                Just("PROD".to_string()),
                Just(" ".to_string()),
                any::<String>()
            ]),
        )
            .prop_map(
                |(profiles, accounts, read_only, typed, accent, label)| PolicyRule {
                    profiles,
                    accounts,
                    read_only,
                    confirm: if typed {
                        ConfirmMode::Typed
                    } else {
                        ConfirmMode::Default
                    },
                    accent,
                    label,
                },
            )
    }

    fn matches(rule: &PolicyRule, profile: Option<&str>, account: Option<&str>) -> bool {
        profile.is_some_and(|p| rule.profiles.iter().any(|g| glob::matches(g, p)))
            || account.is_some_and(|a| rule.accounts.contains(&a.to_string()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Every matching rule's restrictions apply, whatever else is wrong with the rules;
        /// the first accent and label that mean something win.
        #[test]
        fn restrictions_add_up(
            rules in prop::collection::vec(rule(), 0..5),
            profile in prop::option::of(profile()),
            account in prop::option::of(account()),
        ) {
            let (policies, _) = Policies::new(rules.clone());
            let got = policies.for_context(profile.as_deref(), account.as_deref());
            let matching: Vec<&PolicyRule> = rules
                .iter()
                .filter(|r| matches(r, profile.as_deref(), account.as_deref()))
                .collect();
            prop_assert_eq!(got.read_only, matching.iter().any(|r| r.read_only));
            prop_assert_eq!(
                got.typed_confirm,
                matching.iter().any(|r| r.confirm == ConfirmMode::Typed)
            );
            let accent = matching.iter().find_map(|r| r.accent.as_deref().and_then(accent_color));
            prop_assert_eq!(got.accent, accent);
            prop_assert_ne!(got.accent, Some(Color::Reset));
            let label = matching
                .iter()
                .find_map(|r| r.label.clone().filter(|l| !l.trim().is_empty()));
            prop_assert_eq!(&got.label, &label);
            prop_assert_eq!(got.is_plain(), got == Policy::default());
        }

        /// Adding a rule (before or after the others) never lifts a restriction.
        #[test]
        fn a_rule_never_lifts_a_restriction(
            rules in prop::collection::vec(rule(), 0..4),
            extra in rule(),
            profile in prop::option::of(profile()),
            account in prop::option::of(account()),
        ) {
            let before = Policies::new(rules.clone()).0.for_context(profile.as_deref(), account.as_deref());
            for more in [
                [rules.clone(), vec![extra.clone()]].concat(),
                [vec![extra.clone()], rules.clone()].concat(),
            ] {
                let after = Policies::new(more).0.for_context(profile.as_deref(), account.as_deref());
                prop_assert!(after.read_only >= before.read_only);
                prop_assert!(after.typed_confirm >= before.typed_confirm);
            }
        }

        #[test]
        fn a_star_rule_covers_every_profile(profile in any::<String>(), account in prop::option::of(account())) {
            let (p, warnings) = Policies::new(vec![PolicyRule {
                profiles: vec!["*".into()],
                read_only: true,
                ..PolicyRule::default()
            }]);
            prop_assert!(warnings.is_empty());
            prop_assert!(p.for_context(Some(&profile), account.as_deref()).read_only);
            // Without a profile and an account, nothing can match.
            prop_assert!(p.for_context(None, None).is_plain());
        }

        /// Warnings name each problem; they never drop the rule.
        #[test]
        fn bad_account_ids_are_warned_about(account in account()) {
            let (p, warnings) = Policies::new(vec![PolicyRule {
                accounts: vec![account.clone()],
                read_only: true,
                ..PolicyRule::default()
            }]);
            let valid = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(warnings.len(), usize::from(!valid), "{:?}", warnings);
            prop_assert!(p.for_context(None, Some(&account)).read_only);
        }

        /// `profiles = "x"` and `profiles = ["x"]` are the same rule.
        #[test]
        fn one_or_many_in_the_file(profile in any::<String>(), account in any::<String>()) {
            let mut one = toml::Table::new();
            one.insert("profiles".into(), toml::Value::String(profile.clone()));
            one.insert("accounts".into(), toml::Value::String(account.clone()));
            let mut many = toml::Table::new();
            many.insert("profiles".into(), toml::Value::Array(vec![toml::Value::String(profile.clone())]));
            many.insert("accounts".into(), toml::Value::Array(vec![toml::Value::String(account.clone())]));
            let one: PolicyRule = one.try_into().unwrap();
            let many: PolicyRule = many.try_into().unwrap();
            prop_assert_eq!(&one, &many);
            prop_assert_eq!(one.profiles, vec![profile]);
        }
    }
}
