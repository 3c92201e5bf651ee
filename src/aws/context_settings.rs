//! What the environment and the chosen profile say about retries, FIPS and dual-stack
//! endpoints and the CA bundle — read the way the AWS CLI reads them, and checked: a value that
//! does not parse is an error naming the variable or key, never a silent default (aws-config
//! would panic on some of them, or quietly ignore others).

use super::ca_bundle::CaBundle;
use crate::config::AwsSettings;
use aws_config::retry::{RetryConfig, RetryMode};
use std::path::PathBuf;

/// Settings of one context, resolved before its `SdkConfig` is built.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextSettings {
    pub retry: RetryConfig,
    pub use_fips: Option<bool>,
    pub use_dual_stack: Option<bool>,
    pub ca_bundle: Option<CaBundle>,
}

/// awsterm's own default when nobody says otherwise (the SDK's and the CLI's standard mode).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// One setting looked up as the CLI does: the environment variable, then the profile key.
struct Lookup<'a, E, P> {
    env: &'a E,
    profile_key: &'a P,
}

impl<E, P> Lookup<'_, E, P>
where
    E: Fn(&str) -> Option<String>,
    P: Fn(&str) -> Option<String>,
{
    /// The value and where it came from (for error messages).
    fn get(&self, var: &str, key: &str) -> Option<(String, String)> {
        let nonempty = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_string());
        (self.env)(var)
            .and_then(nonempty)
            .map(|v| (v, var.to_string()))
            .or_else(|| {
                (self.profile_key)(key)
                    .and_then(nonempty)
                    .map(|v| (v, format!("profile key {key}")))
            })
    }
}

impl ContextSettings {
    /// `env` reads the process environment, `profile_key` the context's profile (nothing for
    /// a context without a profile section). `settings` is config.toml's `[aws]`.
    pub fn resolve(
        settings: &AwsSettings,
        env: impl Fn(&str) -> Option<String>,
        profile_key: impl Fn(&str) -> Option<String>,
        home: Option<PathBuf>,
    ) -> Result<ContextSettings, String> {
        let lookup = Lookup {
            env: &env,
            profile_key: &profile_key,
        };
        // config.toml names attempts only when the user wrote them; then they win.
        let max_attempts = match settings.max_attempts {
            Some(n) => n.max(1),
            None => match lookup.get("AWS_MAX_ATTEMPTS", "max_attempts") {
                Some((v, from)) => match v.parse::<u32>() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("{from} = {v:?}: expected a whole number ≥ 1")),
                },
                None => DEFAULT_MAX_ATTEMPTS,
            },
        };
        let mode = match lookup.get("AWS_RETRY_MODE", "retry_mode") {
            Some((v, from)) => match v.to_ascii_lowercase().as_str() {
                "standard" => RetryMode::Standard,
                "adaptive" => RetryMode::Adaptive,
                // The CLI's `legacy` has no SDK counterpart: the nearest is standard.
                "legacy" => RetryMode::Standard,
                _ => {
                    return Err(format!(
                        "{from} = {v:?}: expected standard, adaptive or legacy"
                    ));
                }
            },
            None => RetryMode::Standard,
        };
        let flag = |var: &str, key: &str| -> Result<Option<bool>, String> {
            match lookup.get(var, key) {
                None => Ok(None),
                Some((v, from)) => match v.to_ascii_lowercase().as_str() {
                    "true" => Ok(Some(true)),
                    "false" => Ok(Some(false)),
                    _ => Err(format!("{from} = {v:?}: expected true or false")),
                },
            }
        };
        Ok(ContextSettings {
            retry: RetryConfig::standard()
                .with_retry_mode(mode)
                .with_max_attempts(max_attempts),
            use_fips: flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?,
            use_dual_stack: flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")?,
            ca_bundle: lookup
                .get("AWS_CA_BUNDLE", "ca_bundle")
                .map(|(path, from)| CaBundle::named(&path, from, home.as_deref())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(
        toml_attempts: Option<u32>,
        env: &[(&str, &str)],
        profile: &[(&str, &str)],
    ) -> Result<ContextSettings, String> {
        let settings = AwsSettings {
            max_attempts: toml_attempts,
            ..AwsSettings::default()
        };
        let find = |pairs: &[(&str, &str)], k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        ContextSettings::resolve(
            &settings,
            |k| find(env, k),
            |k| find(profile, k),
            Some(PathBuf::from("/home/u")),
        )
    }

    #[test]
    fn attempts_come_from_config_toml_then_environment_then_profile_then_default() {
        let attempts = |t, e: &[(&str, &str)], p: &[(&str, &str)]| {
            resolve(t, e, p).unwrap().retry.max_attempts()
        };
        let env = [("AWS_MAX_ATTEMPTS", "7")];
        let profile = [("max_attempts", "5")];
        assert_eq!(attempts(Some(2), &env, &profile), 2);
        assert_eq!(attempts(None, &env, &profile), 7);
        assert_eq!(attempts(None, &[], &profile), 5);
        assert_eq!(attempts(None, &[], &[]), DEFAULT_MAX_ATTEMPTS);
    }

    #[test]
    fn retry_mode_comes_from_environment_then_profile() {
        let mode =
            |e: &[(&str, &str)], p: &[(&str, &str)]| resolve(None, e, p).unwrap().retry.mode();
        assert_eq!(mode(&[], &[]), RetryMode::Standard);
        assert_eq!(
            mode(&[], &[("retry_mode", "adaptive")]),
            RetryMode::Adaptive
        );
        assert_eq!(
            mode(
                &[("AWS_RETRY_MODE", "standard")],
                &[("retry_mode", "adaptive")]
            ),
            RetryMode::Standard
        );
    }

    #[test]
    fn bad_values_are_errors_that_name_their_source() {
        let e = resolve(None, &[("AWS_MAX_ATTEMPTS", "0")], &[]).unwrap_err();
        assert!(e.contains("AWS_MAX_ATTEMPTS"), "{e}");
        let e = resolve(None, &[], &[("max_attempts", "many")]).unwrap_err();
        assert!(e.contains("profile key max_attempts"), "{e}");
        let e = resolve(None, &[], &[("retry_mode", "eager")]).unwrap_err();
        assert!(e.contains("retry_mode"), "{e}");
        let e = resolve(None, &[("AWS_USE_FIPS_ENDPOINT", "yes")], &[]).unwrap_err();
        assert!(e.contains("AWS_USE_FIPS_ENDPOINT"), "{e}");
        // config.toml's own value makes a broken environment value irrelevant.
        assert!(resolve(Some(4), &[("AWS_MAX_ATTEMPTS", "x")], &[]).is_ok());
    }

    #[test]
    fn fips_and_dual_stack_come_from_environment_then_profile() {
        let s = resolve(
            None,
            &[("AWS_USE_FIPS_ENDPOINT", "false")],
            &[
                ("use_fips_endpoint", "true"),
                ("use_dualstack_endpoint", "TRUE"),
            ],
        )
        .unwrap();
        assert_eq!((s.use_fips, s.use_dual_stack), (Some(false), Some(true)));
        let s = resolve(None, &[], &[]).unwrap();
        assert_eq!((s.use_fips, s.use_dual_stack), (None, None));
    }

    #[test]
    fn the_ca_bundle_comes_from_environment_then_profile() {
        let s = resolve(
            None,
            &[("AWS_CA_BUNDLE", "/etc/corp.pem")],
            &[("ca_bundle", "~/p.pem")],
        )
        .unwrap();
        let bundle = s.ca_bundle.unwrap();
        assert_eq!(bundle.path, PathBuf::from("/etc/corp.pem"));
        assert_eq!(bundle.named_by, "AWS_CA_BUNDLE");
        let s = resolve(None, &[], &[("ca_bundle", "~/p.pem")]).unwrap();
        let bundle = s.ca_bundle.unwrap();
        assert_eq!(bundle.path, PathBuf::from("/home/u/p.pem"));
        assert_eq!(bundle.named_by, "profile key ca_bundle");
        assert_eq!(resolve(None, &[], &[]).unwrap().ca_bundle, None);
    }
}
