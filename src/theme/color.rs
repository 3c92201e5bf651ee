//! Colour and modifier names as written in theme files.
//!
//! Names are compared after lower-casing and dropping `-`, `_` and spaces, so
//! `dark-gray`, `dark_gray`, `DarkGray` and `darkgray` are all the same colour:
//! a typo in punctuation should not cost a user their theme.

use ratatui::style::{Color, Modifier};

use super::ColorSupport;

/// A colour as written in a style entry: either already known, or a name that
/// can only be resolved once the merged palette of the whole inheritance chain
/// is known (a child theme may redefine a palette entry its parent uses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ColorRef {
    Literal(Color),
    Name(String),
}

/// Canonical names (ratatui's slot naming) with their accepted aliases.
/// `gray` is ANSI 7 and `white` is ANSI 15, as in ratatui and crossterm.
const NAMES: &[(&[&str], Color)] = &[
    (&["black"], Color::Black),
    (&["red"], Color::Red),
    (&["green"], Color::Green),
    (&["yellow"], Color::Yellow),
    (&["blue"], Color::Blue),
    (&["magenta"], Color::Magenta),
    (&["cyan"], Color::Cyan),
    (&["gray", "grey"], Color::Gray),
    (&["darkgray", "darkgrey", "brightblack"], Color::DarkGray),
    (&["lightred", "brightred"], Color::LightRed),
    (&["lightgreen", "brightgreen"], Color::LightGreen),
    (&["lightyellow", "brightyellow"], Color::LightYellow),
    (&["lightblue", "brightblue"], Color::LightBlue),
    (&["lightmagenta", "brightmagenta"], Color::LightMagenta),
    (&["lightcyan", "brightcyan"], Color::LightCyan),
    (&["white", "brightwhite"], Color::White),
    (&["reset"], Color::Reset),
];

const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["bold"], Modifier::BOLD),
    (&["dim"], Modifier::DIM),
    (&["italic"], Modifier::ITALIC),
    (&["underlined", "underline"], Modifier::UNDERLINED),
    (&["reversed", "reverse"], Modifier::REVERSED),
    (&["crossedout", "strikethrough"], Modifier::CROSSED_OUT),
    (&["slowblink", "blink"], Modifier::SLOW_BLINK),
    (&["rapidblink"], Modifier::RAPID_BLINK),
    (&["hidden"], Modifier::HIDDEN),
];

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One of the 16 ANSI names (or an alias), or `reset`.
pub(crate) fn named_color(name: &str) -> Option<Color> {
    let key = normalize(name);
    NAMES
        .iter()
        .find(|(names, _)| names.contains(&key.as_str()))
        .map(|&(_, color)| color)
}

pub(crate) fn modifier(name: &str) -> Option<Modifier> {
    let key = normalize(name);
    MODIFIERS
        .iter()
        .find(|(names, _)| names.contains(&key.as_str()))
        .map(|&(_, m)| m)
}

fn hex_color(text: &str) -> Result<Color, String> {
    let digits = &text[1..];
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("'{text}' is not a '#rrggbb' colour"));
    }
    let value = u32::from_str_radix(digits, 16).map_err(|e| e.to_string())?;
    let [_, r, g, b] = value.to_be_bytes();
    Ok(Color::Rgb(r, g, b))
}

fn indexed(n: i64) -> Result<Color, String> {
    u8::try_from(n)
        .map(Color::Indexed)
        .map_err(|_| format!("colour index {n} is outside 0-255"))
}

/// Parses the literal forms (hex, index) now; anything else is a name that is
/// looked up in the palette first and then among the ANSI names.
pub(crate) fn color_ref(value: &toml::Value) -> Result<ColorRef, String> {
    match value {
        toml::Value::Integer(n) => indexed(*n).map(ColorRef::Literal),
        toml::Value::String(s) => {
            let s = s.trim();
            if s.starts_with('#') {
                hex_color(s).map(ColorRef::Literal)
            } else if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
                let n = s.parse::<i64>().unwrap_or(i64::MAX);
                indexed(n).map(ColorRef::Literal)
            } else if s.is_empty() {
                Err("empty colour name".to_string())
            } else {
                Ok(ColorRef::Name(s.to_string()))
            }
        }
        other => Err(format!(
            "a colour must be a string or an integer, not {}",
            other.type_str()
        )),
    }
}

/// Palette entries may not name other palette entries: that keeps resolution
/// a single step and rules out palette cycles by construction.
pub(crate) fn literal_color(value: &toml::Value) -> Result<Color, String> {
    match color_ref(value)? {
        ColorRef::Literal(c) => Ok(c),
        ColorRef::Name(name) => named_color(&name).ok_or_else(|| unknown_color(&name)),
    }
}

pub(crate) fn unknown_color(name: &str) -> String {
    // `title = "bold"` is a natural slip, since the shorthand looks like a style.
    if modifier(name).is_some() {
        return format!(
            "'{name}' is a modifier, not a colour: write {{ modifiers = [\"{name}\"] }}"
        );
    }
    format!(
        "unknown colour '{name}' (use an ANSI name such as 'light-blue', 'reset', \
         '#rrggbb', an index 0-255, or a [palette] name)"
    )
}

/// The least terminal capability that can show `color` as written, since
/// ratatui passes `Rgb` straight through as a 24-bit escape.
pub(crate) fn depth(color: Color) -> ColorSupport {
    match color {
        Color::Rgb(..) => ColorSupport::TrueColor,
        Color::Indexed(n) if n >= 16 => ColorSupport::Ansi256,
        _ => ColorSupport::Ansi16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        assert_eq!(named_color("dark-gray"), Some(Color::DarkGray));
        assert_eq!(named_color("Bright_Black"), Some(Color::DarkGray));
        assert_eq!(named_color("grey"), Some(Color::Gray));
        assert_eq!(named_color("bright-white"), Some(Color::White));
        assert_eq!(named_color("light-red"), Some(Color::LightRed));
        assert_eq!(named_color("reset"), Some(Color::Reset));
        assert_eq!(named_color("bleu"), None);
    }

    #[test]
    fn literals() {
        let s = |t: &str| toml::Value::String(t.to_string());
        assert_eq!(
            color_ref(&s("#7aa2f7")),
            Ok(ColorRef::Literal(Color::Rgb(0x7a, 0xa2, 0xf7)))
        );
        assert_eq!(
            color_ref(&s("208")),
            Ok(ColorRef::Literal(Color::Indexed(208)))
        );
        assert_eq!(
            color_ref(&toml::Value::Integer(3)),
            Ok(ColorRef::Literal(Color::Indexed(3)))
        );
        assert_eq!(color_ref(&s("accent")), Ok(ColorRef::Name("accent".into())));
        assert!(color_ref(&s("#7aa2f")).is_err());
        assert!(color_ref(&s("#zzzzzz")).is_err());
        assert!(color_ref(&s("256")).is_err());
        assert!(color_ref(&toml::Value::Integer(-1)).is_err());
        assert!(color_ref(&toml::Value::Boolean(true)).is_err());
        assert!(literal_color(&s("accent")).is_err());
        assert!(
            literal_color(&s("bold"))
                .unwrap_err()
                .contains("modifiers = [\"bold\"]")
        );
        assert_eq!(literal_color(&s("Light-Blue")), Ok(Color::LightBlue));
    }

    #[test]
    fn modifiers() {
        assert_eq!(modifier("crossed-out"), Some(Modifier::CROSSED_OUT));
        assert_eq!(modifier("slow_blink"), Some(Modifier::SLOW_BLINK));
        assert_eq!(modifier("Underline"), Some(Modifier::UNDERLINED));
        assert_eq!(modifier("blod"), None);
    }

    #[test]
    fn depth_classes() {
        assert_eq!(depth(Color::Rgb(1, 2, 3)), ColorSupport::TrueColor);
        assert_eq!(depth(Color::Indexed(16)), ColorSupport::Ansi256);
        assert_eq!(depth(Color::Indexed(15)), ColorSupport::Ansi16);
        assert_eq!(depth(Color::LightCyan), ColorSupport::Ansi16);
    }
}
