//! Themes: semantic roles (dotted names such as `table.row.selected`) mapped
//! to ratatui [`Style`]s.
//!
//! Widgets ask for a role, never for a colour, so one file can restyle the
//! whole UI and `mono` can keep everything visible without colour (NO_COLOR,
//! snapshot tests). A lookup falls back up the dots (`table.row.selected` →
//! `table.row` → `table`) and finally to `text`. Loading never fails: every
//! problem becomes a notice for the user and the best usable theme is
//! returned. The file format and the role list are in `docs/themes.md`.

mod color;
mod load;
mod parse;
mod resolve;
mod roles;
mod source;
mod support;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use ratatui::style::{Color, Style};

pub(crate) use color::named_color;
pub use roles::{ROLES, groups as role_groups};
pub use support::ColorSupport;

/// A resolved theme. Cloning is cheap (shared), so panes may hold their own.
#[derive(Clone, Debug)]
pub struct Theme {
    name: Arc<str>,
    /// Every known role and every role the files set, already resolved with
    /// fallback, so drawing does one hash lookup and no allocation.
    styles: Arc<HashMap<Box<str>, Style>>,
    /// `text`, for roles nobody has heard of.
    base: Style,
    /// The least colour support that can show this theme as written.
    needs: ColorSupport,
}

/// A theme plus what the user should be told about how it was loaded
/// (typos, unusable colours, fallbacks). Show the notices; don't fail.
#[derive(Clone, Debug)]
pub struct ThemeLoad {
    pub theme: Theme,
    pub notices: Vec<String>,
}

impl Theme {
    /// The themes compiled into the binary, sorted.
    pub fn builtin_names() -> &'static [&'static str] {
        source::BUILTIN_NAMES
    }

    /// Names available for `:theme` completion: built-ins plus
    /// `<user_dir>/*.toml`, sorted, deduplicated.
    pub fn available(user_dir: Option<&Path>) -> Vec<String> {
        source::available(user_dir)
    }

    /// Loads `name` (a built-in, `<user_dir>/<name>.toml`, or both layered:
    /// the user file overrides and extends the built-in of the same name).
    ///
    /// Never fails: unknown names, parse errors, bad colours or modifiers,
    /// unknown roles and inheritance cycles become notices, and the best
    /// usable theme is returned (bad entries skipped; unknown theme →
    /// `default`). `NoColor` always gives `mono`; a theme needing more colours
    /// than `support` gives `default` with a notice explaining why.
    pub fn load(name: &str, user_dir: Option<&Path>, support: ColorSupport) -> ThemeLoad {
        load::load(name, user_dir, support)
    }

    /// The built-in colourless theme (modifiers only), without user overrides:
    /// what NO_COLOR gets and what snapshot tests should draw with.
    pub fn mono() -> Theme {
        static MONO: OnceLock<Theme> = OnceLock::new();
        MONO.get_or_init(|| load::builtin("mono")).clone()
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The style for `role`, falling back up the dotted name and then to
    /// `text`. Cheap enough to call for every span while drawing.
    pub fn style(&self, role: &str) -> Style {
        let mut key = role;
        loop {
            if let Some(style) = self.styles.get(key) {
                return *style;
            }
            match key.rfind('.') {
                Some(dot) => key = &key[..dot],
                None => return self.base,
            }
        }
    }

    /// The same theme with borders and the header's profile name in `accent` (a per-profile
    /// policy marking production, say). Modifiers are kept, so mono stays readable.
    pub fn with_accent(&self, accent: Color) -> Theme {
        let mut styles = (*self.styles).clone();
        for role in ["border", "border.focused", "header.profile"] {
            let style = self.style(role).fg(accent);
            styles.insert(role.into(), style);
        }
        styles.insert(
            "header.badge.policy".into(),
            self.style("header.badge.policy")
                .fg(Color::Black)
                .bg(accent),
        );
        Theme {
            styles: Arc::new(styles),
            ..self.clone()
        }
    }

    /// The least [`ColorSupport`] that shows this theme as written.
    pub fn needs(&self) -> ColorSupport {
        self.needs
    }

    /// Every resolved role and its style, sorted by role (theme previews,
    /// tests).
    pub fn styles(&self) -> Vec<(&str, Style)> {
        let mut all: Vec<(&str, Style)> = self.styles.iter().map(|(k, s)| (&**k, *s)).collect();
        all.sort_unstable_by_key(|&(role, _)| role);
        all
    }
}

/// The built-in `default` theme (16 ANSI colours), without user overrides.
impl Default for Theme {
    fn default() -> Self {
        static DEFAULT: OnceLock<Theme> = OnceLock::new();
        DEFAULT.get_or_init(|| load::builtin("default")).clone()
    }
}
