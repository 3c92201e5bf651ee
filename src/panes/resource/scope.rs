//! Where a view of many contexts looks: the argument of `:ec2`, `:sg`, `:volumes`, `:rds`…
//!
//! - `@all-regions`: the active profile in each of the 17 regions every account has (opt-in
//!   regions, China and GovCloud are left out: they fail unless enabled or need other
//!   credentials; name them with `@regions`).
//! - `@profiles GLOB…`: each profile whose name matches (`*` any run, `?` one character), in
//!   its own region (else the active region).
//! - `@regions GLOB…`: the listed regions that match, or any region named in full.
//! - Profiles and regions together (`@profiles prod-* @all-regions`): every pair.

use crate::aws::ContextKey;
use crate::aws::profiles::ProfileInfo;
use crate::aws::regions;

/// More contexts than this is refused (170 profiles × 17 regions would be a mistake).
pub const MAX_CONTEXTS: usize = 500;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// `@profiles` patterns; empty: the active profile.
    pub profiles: Vec<String>,
    pub regions: Regions,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Regions {
    /// Each profile's own region, else the active one.
    #[default]
    Own,
    /// `@all-regions`.
    All,
    /// `@regions` patterns.
    Matching(Vec<String>),
}

const USAGE: &str =
    "use @all-regions, @profiles GLOB or @regions GLOB (e.g. :ec2 @profiles prod-* @all-regions)";

impl Spec {
    /// Whether the contexts follow the active profile (`@all-regions` or `@regions` alone).
    pub fn follows_active_profile(&self) -> bool {
        self.profiles.is_empty()
    }
}

/// A kind's own words (`:metrics AWS/EC2`, `:alarms ALARM`) come before the scope: the words
/// up to the first `@…`, and the scope from there on.
pub fn split_own_words(arg: &str) -> (Vec<&str>, String) {
    let words: Vec<&str> = arg.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| w.starts_with('@'))
        .unwrap_or(words.len());
    (words[..at].to_vec(), words[at..].join(" "))
}

pub fn parse(arg: &str) -> Result<Spec, String> {
    #[derive(PartialEq)]
    enum Expect {
        Nothing,
        Profiles,
        Regions,
    }
    let mut spec = Spec::default();
    let mut expect = Expect::Nothing;
    let (mut saw_profiles, mut saw_regions) = (false, false);
    let mut region_patterns = Vec::new();
    for word in arg.split_whitespace() {
        match word {
            "@all-regions" => {
                if saw_regions {
                    return Err("@all-regions and @regions: use one of them".into());
                }
                spec.regions = Regions::All;
                expect = Expect::Nothing;
            }
            "@profiles" => {
                saw_profiles = true;
                expect = Expect::Profiles;
            }
            "@regions" => {
                if spec.regions == Regions::All {
                    return Err("@all-regions and @regions: use one of them".into());
                }
                saw_regions = true;
                expect = Expect::Regions;
            }
            w if w.starts_with('@') => {
                return Err(format!(
                    "unknown scope '{}' — {USAGE}",
                    crate::sanitize::sanitize(w)
                ));
            }
            w => {
                let patterns = w.split(',').filter(|p| !p.is_empty()).map(str::to_owned);
                match expect {
                    Expect::Profiles => spec.profiles.extend(patterns),
                    Expect::Regions => region_patterns.extend(patterns),
                    Expect::Nothing => {
                        return Err(format!(
                            "'{}' needs @profiles or @regions before it — {USAGE}",
                            crate::sanitize::sanitize(w)
                        ));
                    }
                }
            }
        }
    }
    if saw_profiles && spec.profiles.is_empty() {
        return Err("@profiles needs a pattern (@profiles prod-*)".into());
    }
    if saw_regions {
        if region_patterns.is_empty() {
            return Err("@regions needs a pattern (@regions eu-*)".into());
        }
        spec.regions = Regions::Matching(region_patterns);
    }
    if spec == Spec::default() {
        return Err(USAGE.into());
    }
    Ok(spec)
}

/// `*` matches any run of characters (also none), `?` exactly one; everything else itself.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    // Where the last `*` was, and how much of the text it has eaten so far.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            // Let the star eat one more character and try again.
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The contexts a spec names, profiles in name order, then regions in list order.
pub fn contexts(
    spec: &Spec,
    active: &ContextKey,
    profiles: &[ProfileInfo],
) -> Result<Vec<ContextKey>, String> {
    // (profile, its own region)
    let chosen: Vec<(Option<String>, String)> = if spec.profiles.is_empty() {
        vec![(active.profile.clone(), active.region.clone())]
    } else {
        for pattern in &spec.profiles {
            if !profiles.iter().any(|p| glob_match(pattern, &p.name)) {
                let known: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).take(12).collect();
                let known = if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                };
                return Err(format!(
                    "no profile matches '{}' — known: {known}",
                    crate::sanitize::sanitize(pattern)
                ));
            }
        }
        profiles
            .iter()
            .filter(|p| spec.profiles.iter().any(|g| glob_match(g, &p.name)))
            .map(|p| {
                let region = p.region.clone().unwrap_or_else(|| active.region.clone());
                (Some(p.name.clone()), region)
            })
            .collect()
    };
    let regions: Option<Vec<String>> = match &spec.regions {
        Regions::Own => None,
        Regions::All => Some(
            regions::ENABLED_BY_DEFAULT
                .iter()
                .map(|r| r.to_string())
                .collect(),
        ),
        Regions::Matching(patterns) => Some(matching_regions(patterns)?),
    };
    let mut contexts = Vec::new();
    for (profile, own) in chosen {
        match &regions {
            None => contexts.push(ContextKey {
                profile,
                region: own,
            }),
            Some(list) => contexts.extend(list.iter().map(|region| ContextKey {
                profile: profile.clone(),
                region: region.clone(),
            })),
        }
    }
    if contexts.len() > MAX_CONTEXTS {
        return Err(format!(
            "{} contexts is too many (at most {MAX_CONTEXTS}); narrow the profiles or regions",
            contexts.len()
        ));
    }
    Ok(contexts)
}

/// Listed regions matching any pattern, in list order; a full region name that is not listed
/// (a region newer than this build) is taken as it is.
fn matching_regions(patterns: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for pattern in patterns {
        let mut matched: Vec<&str> = regions::names()
            .filter(|n| glob_match(pattern, n))
            .collect();
        if matched.is_empty() {
            if pattern.contains(['*', '?']) || !regions::is_valid_name(pattern) {
                return Err(format!(
                    "no region matches '{}' (regions look like eu-west-1)",
                    crate::sanitize::sanitize(pattern)
                ));
            }
            matched.push(pattern);
        }
        for name in matched {
            if !out.iter().any(|r| r == name) {
                out.push(name.to_string());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::profiles::CredentialKind;

    fn profile(name: &str, region: Option<&str>) -> ProfileInfo {
        ProfileInfo {
            name: name.into(),
            region: region.map(Into::into),
            kind: CredentialKind::AssumeRole,
            endpoint_url: None,
            sso_session: None,
            account_hint: None,
            mfa_serial: None,
        }
    }

    fn profiles() -> Vec<ProfileInfo> {
        vec![
            profile("dev", Some("us-east-1")),
            profile("prod-eu", Some("eu-west-1")),
            profile("prod-us", None),
            profile("staging", Some("eu-central-1")),
        ]
    }

    fn active() -> ContextKey {
        ContextKey {
            profile: Some("dev".into()),
            region: "us-west-2".into(),
        }
    }

    fn pairs(contexts: &[ContextKey]) -> Vec<String> {
        contexts
            .iter()
            .map(|c| format!("{}@{}", c.profile_label(), c.region))
            .collect()
    }

    #[test]
    fn a_kinds_own_words_come_before_the_scope() {
        assert_eq!(
            split_own_words(" AWS/EC2  @profiles prod-* @all-regions"),
            (vec!["AWS/EC2"], "@profiles prod-* @all-regions".to_string())
        );
        assert_eq!(split_own_words("ALARM"), (vec!["ALARM"], String::new()));
        assert_eq!(
            split_own_words("@all-regions"),
            (vec![], "@all-regions".to_string())
        );
        assert_eq!(split_own_words(""), (vec![], String::new()));
    }

    #[test]
    fn globs_match_runs_and_single_characters() {
        assert!(glob_match("prod-*", "prod-eu"));
        assert!(glob_match("prod-*", "prod-"));
        assert!(!glob_match("prod-*", "prod"));
        assert!(glob_match("*", ""));
        assert!(glob_match("*-eu", "prod-eu"));
        assert!(glob_match("p?od-??", "prod-eu"));
        assert!(!glob_match("p?od-??", "prod-eu1"));
        assert!(glob_match("*o*-*u*", "prod-eu"));
        assert!(glob_match("a*b*c", "aXbYbZc"));
        assert!(!glob_match("a*b*c", "aXbYbZ"));
        assert!(glob_match("exact", "exact"));
        assert!(
            !glob_match("exact", "Exact"),
            "profile names are case-sensitive"
        );
        assert!(glob_match("é*", "équipe"), "characters, not bytes");
    }

    #[test]
    fn both_forms_parse() {
        assert_eq!(
            parse("@all-regions"),
            Ok(Spec {
                profiles: vec![],
                regions: Regions::All
            })
        );
        assert_eq!(
            parse("@profiles prod-*"),
            Ok(Spec {
                profiles: vec!["prod-*".into()],
                regions: Regions::Own
            })
        );
        assert_eq!(
            parse("  @profiles prod-*,dev staging  @all-regions "),
            Ok(Spec {
                profiles: vec!["prod-*".into(), "dev".into(), "staging".into()],
                regions: Regions::All
            })
        );
        assert_eq!(
            parse("@all-regions @profiles dev"),
            parse("@profiles dev @all-regions")
        );
        assert_eq!(
            parse("@regions eu-* us-east-1"),
            Ok(Spec {
                profiles: vec![],
                regions: Regions::Matching(vec!["eu-*".into(), "us-east-1".into()])
            })
        );
    }

    #[test]
    fn bad_input_is_explained() {
        let err = |s: &str| parse(s).unwrap_err();
        assert!(err("@everywhere").contains("unknown scope '@everywhere'"));
        assert!(err("prod-*").contains("needs @profiles or @regions before it"));
        assert!(err("@profiles").contains("@profiles needs a pattern"));
        assert!(err("@profiles @all-regions").contains("@profiles needs a pattern"));
        assert!(err("@regions").contains("@regions needs a pattern"));
        assert!(err("@all-regions @regions eu-*").contains("use one of them"));
        assert!(err("").contains("use @all-regions"));
        assert!(
            !err("@\u{1b}[31mx").contains('\u{1b}'),
            "what the user typed is sanitized"
        );
    }

    #[test]
    fn profiles_in_their_own_region_else_the_active_one() {
        let spec = parse("@profiles prod-*").unwrap();
        let got = contexts(&spec, &active(), &profiles()).unwrap();
        assert_eq!(pairs(&got), ["prod-eu@eu-west-1", "prod-us@us-west-2"]);
    }

    #[test]
    fn all_regions_is_the_active_profile_in_the_17_default_regions() {
        let spec = parse("@all-regions").unwrap();
        let got = contexts(&spec, &active(), &profiles()).unwrap();
        assert_eq!(got.len(), 17);
        assert!(got.iter().all(|c| c.profile.as_deref() == Some("dev")));
        assert!(got.iter().any(|c| c.region == "sa-east-1"));
        assert!(
            !got.iter()
                .any(|c| c.region == "af-south-1" || c.region.starts_with("cn-")),
            "opt-in regions and other partitions are named explicitly"
        );
        let default_chain = ContextKey {
            profile: None,
            region: "eu-west-1".into(),
        };
        let got = contexts(&spec, &default_chain, &[]).unwrap();
        assert!(got.iter().all(|c| c.profile.is_none()));
    }

    #[test]
    fn profiles_times_regions() {
        let spec = parse("@profiles prod-* @all-regions").unwrap();
        let got = contexts(&spec, &active(), &profiles()).unwrap();
        assert_eq!(got.len(), 34);
        assert_eq!(pairs(&got[..2]), ["prod-eu@us-east-1", "prod-eu@us-east-2"]);
        let spec = parse("@profiles dev,staging @regions eu-west-? af-south-1").unwrap();
        let got = contexts(&spec, &active(), &profiles()).unwrap();
        assert_eq!(
            pairs(&got),
            [
                "dev@eu-west-1",
                "dev@eu-west-2",
                "dev@eu-west-3",
                "dev@af-south-1",
                "staging@eu-west-1",
                "staging@eu-west-2",
                "staging@eu-west-3",
                "staging@af-south-1"
            ]
        );
    }

    #[test]
    fn patterns_that_match_nothing_are_refused() {
        let spec = parse("@profiles prod-* qa-*").unwrap();
        let e = contexts(&spec, &active(), &profiles()).unwrap_err();
        assert!(e.contains("no profile matches 'qa-*'"), "{e}");
        assert!(e.contains("known: dev, prod-eu"), "{e}");
        let spec = parse("@regions mars-*").unwrap();
        let e = contexts(&spec, &active(), &profiles()).unwrap_err();
        assert!(e.contains("no region matches 'mars-*'"), "{e}");
        let spec = parse("@regions xx-newplace-9").unwrap();
        let got = contexts(&spec, &active(), &profiles()).unwrap();
        assert_eq!(
            pairs(&got),
            ["dev@xx-newplace-9"],
            "a region newer than the list"
        );
    }

    #[test]
    fn too_many_contexts_are_refused() {
        let many: Vec<ProfileInfo> = (0..40)
            .map(|i| profile(&format!("p{i:02}"), None))
            .collect();
        let spec = parse("@profiles * @all-regions").unwrap();
        let e = contexts(&spec, &active(), &many).unwrap_err();
        assert!(e.contains("680 contexts is too many"), "{e}");
    }
}
