//! Where awsterm keeps its files: XDG config and state directories on every Unix (a tool used
//! over SSH on Linux boxes and on laptops is friendlier with one location everywhere).

use std::path::PathBuf;

use etcetera::BaseStrategy;

/// Reads an environment variable, treating empty as unset (as shells and XDG do).
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `~/x` → `$HOME/x` (and `~` alone → `$HOME`), as a shell would for a path typed in a dialog.
pub fn expand_home(text: &str) -> String {
    match (text.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ if text == "~" => std::env::var("HOME").unwrap_or_else(|_| text.to_string()),
        _ => text.to_string(),
    }
}

/// `AWSTERM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/awsterm`, else `~/.config/awsterm`.
pub fn config_dir(env: EnvLookup) -> Option<PathBuf> {
    if let Some(dir) = env("AWSTERM_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = env("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(dir).join("awsterm"));
    }
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("awsterm"))
}

/// `$XDG_STATE_HOME/awsterm`, else `~/.local/state/awsterm`: logs are state, not configuration.
pub fn state_dir(env: EnvLookup) -> Option<PathBuf> {
    if let Some(dir) = env("XDG_STATE_HOME") {
        return Some(PathBuf::from(dir).join("awsterm"));
    }
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(
        strategy
            .state_dir()
            .unwrap_or_else(|| strategy.cache_dir())
            .join("awsterm"),
    )
}

pub fn default_log_file(env: EnvLookup) -> Option<PathBuf> {
    state_dir(env).map(|d| d.join("awsterm.log"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn explicit_dir_wins_over_xdg() {
        let env = env_of(&[("AWSTERM_CONFIG_DIR", "/a"), ("XDG_CONFIG_HOME", "/x")]);
        assert_eq!(config_dir(&env), Some(PathBuf::from("/a")));
        let env = env_of(&[("XDG_CONFIG_HOME", "/x")]);
        assert_eq!(config_dir(&env), Some(PathBuf::from("/x/awsterm")));
    }

    #[test]
    fn state_dir_follows_xdg() {
        let env = env_of(&[("XDG_STATE_HOME", "/s")]);
        assert_eq!(
            default_log_file(&env),
            Some(PathBuf::from("/s/awsterm/awsterm.log"))
        );
    }
}
