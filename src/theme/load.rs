//! The loading policy: which theme the user actually gets, given what they
//! asked for and what the terminal can show, and what they are told about it.

use std::path::Path;

use super::resolve::{self, Missing};
use super::{ColorSupport, Theme, ThemeLoad, source};

pub(crate) fn load(name: &str, user_dir: Option<&Path>, support: ColorSupport) -> ThemeLoad {
    let mut notices = Vec::new();
    let theme = if support == ColorSupport::NoColor {
        no_color(name, user_dir, &mut notices)
    } else {
        colored(name, user_dir, support, &mut notices)
    };
    ThemeLoad { theme, notices }
}

/// A built-in without user overrides. Built-ins are checked by tests to load
/// without notices, so nothing is lost by dropping them here.
pub(crate) fn builtin(name: &str) -> Theme {
    let mut ignored = Vec::new();
    resolve::named(name, None, &mut ignored).unwrap_or_else(|_| empty(name))
}

/// Unreachable with the shipped built-ins; it keeps "never fails" true even
/// if an embedded file were broken.
fn empty(name: &str) -> Theme {
    Theme {
        name: name.into(),
        styles: Default::default(),
        base: Default::default(),
        needs: ColorSupport::NoColor,
    }
}

fn no_color(name: &str, user_dir: Option<&Path>, notices: &mut Vec<String>) -> Theme {
    if name != "mono" {
        notices.push(format!(
            "NO_COLOR is set: using the colourless 'mono' theme instead of '{name}'"
        ));
    }
    let theme = resolve::named("mono", user_dir, notices).unwrap_or_else(|_| builtin("mono"));
    if theme.needs() == ColorSupport::NoColor {
        return theme;
    }
    notices.push(
        "theme 'mono' (with your overrides) sets colours; they are ignored because NO_COLOR is set"
            .to_string(),
    );
    theme.without_colors()
}

fn colored(
    name: &str,
    user_dir: Option<&Path>,
    support: ColorSupport,
    notices: &mut Vec<String>,
) -> Theme {
    if !source::is_valid_name(name) {
        notices.push(format!(
            "'{name}' is not a valid theme name (letters, digits, '-', '_', '.'); using 'default'"
        ));
        return default_within(user_dir, support, notices);
    }
    match resolve::named(name, user_dir, notices) {
        Ok(theme) if theme.needs() <= support => theme,
        Ok(theme) if name == "default" => {
            notices.push(too_rich(&theme, support, "the built-in 'default'"));
            builtin("default")
        }
        Ok(theme) => {
            notices.push(too_rich(&theme, support, "'default'"));
            default_within(user_dir, support, notices)
        }
        Err(Missing::Unknown) => {
            let names = source::available(user_dir).join(", ");
            notices.push(format!(
                "unknown theme '{name}' (available: {names}); using 'default'"
            ));
            default_within(user_dir, support, notices)
        }
        Err(Missing::Unusable) => {
            notices.push(format!(
                "theme '{name}' could not be loaded; using 'default'"
            ));
            default_within(user_dir, support, notices)
        }
    }
}

/// `default` with the user's overrides if the terminal can show them, else
/// the built-in one, which is 16-colour by construction (tested).
fn default_within(
    user_dir: Option<&Path>,
    support: ColorSupport,
    notices: &mut Vec<String>,
) -> Theme {
    match resolve::named("default", user_dir, notices) {
        Ok(theme) if theme.needs() <= support => theme,
        Ok(theme) => {
            notices.push(too_rich(&theme, support, "the built-in 'default'"));
            builtin("default")
        }
        Err(_) => builtin("default"),
    }
}

fn too_rich(theme: &Theme, support: ColorSupport, instead: &str) -> String {
    let name = theme.name();
    let detected = support.describe();
    match theme.needs() {
        ColorSupport::TrueColor => format!(
            "theme '{name}' needs a truecolour terminal, but {detected} were detected \
             (COLORTERM is not 'truecolor' or '24bit' — common over SSH; set \
             COLORTERM=truecolor if your terminal supports 24-bit colour); using {instead}"
        ),
        _ => format!(
            "theme '{name}' needs a 256-colour terminal, but {detected} were detected \
             (TERM does not contain '256color'); using {instead}"
        ),
    }
}
