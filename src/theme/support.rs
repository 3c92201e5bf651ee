//! How many colours the terminal can show, from environment conventions.

/// Ordered from least to most capable, so `needed > support` reads naturally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorSupport {
    NoColor,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorSupport {
    /// From environment lookups (a closure, so tests need not touch the
    /// process environment): `NO_COLOR` non-empty → `NoColor`;
    /// `COLORTERM` `truecolor`/`24bit` or `TERM` ending in `-direct` →
    /// `TrueColor`; `TERM` containing `256color` → `Ansi256`; else `Ansi16`.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Self {
        // no-color.org: an empty NO_COLOR means "not set".
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Self::NoColor;
        }
        let colorterm = var("COLORTERM").unwrap_or_default();
        let colorterm = colorterm.trim();
        if colorterm.eq_ignore_ascii_case("truecolor") || colorterm.eq_ignore_ascii_case("24bit") {
            return Self::TrueColor;
        }
        let term = var("TERM").unwrap_or_default();
        if term.ends_with("-direct") {
            Self::TrueColor
        } else if term.contains("256color") {
            Self::Ansi256
        } else {
            Self::Ansi16
        }
    }

    /// [`Self::detect`] on the real process environment.
    pub fn from_env() -> Self {
        Self::detect(|name| std::env::var(name).ok())
    }

    /// Words for notices ("only 256 colours were detected").
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::NoColor => "no colour (NO_COLOR is set)",
            Self::Ansi16 => "only 16 colours",
            Self::Ansi256 => "only 256 colours",
            Self::TrueColor => "truecolour",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(vars: &[(&str, &str)]) -> ColorSupport {
        ColorSupport::detect(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn no_color_wins_when_non_empty() {
        assert_eq!(
            detect(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")]),
            ColorSupport::NoColor
        );
        assert_eq!(
            detect(&[("NO_COLOR", ""), ("COLORTERM", "truecolor")]),
            ColorSupport::TrueColor
        );
    }

    #[test]
    fn truecolor_sources() {
        assert_eq!(detect(&[("COLORTERM", "24bit")]), ColorSupport::TrueColor);
        assert_eq!(
            detect(&[("COLORTERM", "TrueColor"), ("TERM", "xterm")]),
            ColorSupport::TrueColor
        );
        assert_eq!(detect(&[("TERM", "xterm-direct")]), ColorSupport::TrueColor);
    }

    #[test]
    fn indexed_and_fallback() {
        // The usual SSH case: TERM is forwarded, COLORTERM is not.
        assert_eq!(detect(&[("TERM", "tmux-256color")]), ColorSupport::Ansi256);
        assert_eq!(
            detect(&[("TERM", "xterm-256color"), ("COLORTERM", "yes")]),
            ColorSupport::Ansi256
        );
        assert_eq!(detect(&[("TERM", "xterm")]), ColorSupport::Ansi16);
        assert_eq!(detect(&[]), ColorSupport::Ansi16);
    }
}
