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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;
    use toml::Value;

    /// `name` respelt the ways users write it: any case, with `-`, `_` or spaces anywhere.
    fn respelt(name: &'static str) -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                any::<bool>(),
                prop::sample::select(vec!["", "", "", "-", "_", " "]),
            ),
            name.len(),
        )
        .prop_map(move |choices| {
            name.chars()
                .zip(choices)
                .map(|(c, (upper, sep))| {
                    let c = if upper { c.to_ascii_uppercase() } else { c };
                    format!("{sep}{c}")
                })
                .collect()
        })
    }

    fn color_alias() -> impl Strategy<Value = (&'static str, Color)> {
        prop::sample::select(
            NAMES
                .iter()
                .flat_map(|(names, c)| names.iter().map(move |n| (*n, *c)))
                .collect::<Vec<_>>(),
        )
    }

    fn modifier_alias() -> impl Strategy<Value = (&'static str, Modifier)> {
        prop::sample::select(
            MODIFIERS
                .iter()
                .flat_map(|(names, m)| names.iter().map(move |n| (*n, *m)))
                .collect::<Vec<_>>(),
        )
    }

    fn s(text: &str) -> Value {
        Value::String(text.to_string())
    }

    proptest! {
        #[test]
        fn any_name_or_number_is_an_answer_not_a_panic(text in any::<String>(), n in any::<i64>()) {
            let _ = named_color(&text);
            let _ = modifier(&text);
            let _ = color_ref(&s(&text));
            let _ = literal_color(&s(&text));
            prop_assert!(unknown_color(&text).contains(&text));
            prop_assert_eq!(color_ref(&Value::Integer(n)).is_ok(), (0..=255).contains(&n));
        }

        /// A name that is not a literal is kept as written (trimmed), for the palette lookup.
        #[test]
        fn names_are_kept_trimmed(text in any::<String>()) {
            if let Ok(ColorRef::Name(name)) = color_ref(&s(&text)) {
                prop_assert_eq!(name.as_str(), text.trim());
                prop_assert!(!name.is_empty() && !name.starts_with('#'));
            }
        }

        #[test]
        fn hex_colours_read_in_any_case_with_spaces(
            rgb in any::<[u8; 3]>(),
            upper in any::<bool>(),
            pad in "[ \t]{0,2}",
        ) {
            let [r, g, b] = rgb;
            let hex = format!("#{r:02x}{g:02x}{b:02x}");
            let hex = if upper { hex.to_uppercase() } else { hex };
            let text = format!("{pad}{hex}{pad}");
            prop_assert_eq!(color_ref(&s(&text)), Ok(ColorRef::Literal(Color::Rgb(r, g, b))));
            prop_assert_eq!(literal_color(&s(&text)), Ok(Color::Rgb(r, g, b)));
            prop_assert_eq!(depth(Color::Rgb(r, g, b)), ColorSupport::TrueColor);
        }

        #[test]
        fn a_hash_without_six_hex_digits_is_refused(digits in "[0-9a-fA-Fg-z\\-+ é]{0,9}") {
            // Surrounding blanks are trimmed before parsing, so "#AaAAAA " is a colour.
            let kept = digits.trim_end();
            prop_assume!(!(kept.len() == 6 && kept.chars().all(|c| c.is_ascii_hexdigit())));
            let text = format!("#{digits}");
            prop_assert!(color_ref(&s(&text)).is_err());
        }

        #[test]
        fn indexes_as_numbers_or_digit_strings(n in 0u32..100_000, zeros in 0usize..4) {
            let text = format!("{}{n}", "0".repeat(zeros));
            let expected = u8::try_from(n).map(|i| ColorRef::Literal(Color::Indexed(i)));
            prop_assert_eq!(color_ref(&s(&text)).ok(), expected.clone().ok());
            prop_assert_eq!(color_ref(&Value::Integer(i64::from(n))).ok(), expected.ok());
            if let Ok(i) = u8::try_from(n) {
                let expected = if i >= 16 { ColorSupport::Ansi256 } else { ColorSupport::Ansi16 };
                prop_assert_eq!(depth(Color::Indexed(i)), expected);
            }
        }

        #[test]
        fn colour_names_ignore_case_and_punctuation(
            (name, color) in color_alias().prop_flat_map(|(n, c)| (respelt(n), Just(c)))
        ) {
            prop_assert_eq!(named_color(&name), Some(color), "{}", name);
            prop_assert_eq!(literal_color(&s(&name)), Ok(color), "{}", name);
            prop_assert_eq!(modifier(&name), None);
        }

        #[test]
        fn modifier_names_ignore_case_and_punctuation(
            (name, m) in modifier_alias().prop_flat_map(|(n, m)| (respelt(n), Just(m)))
        ) {
            prop_assert_eq!(modifier(&name), Some(m), "{}", name);
            prop_assert_eq!(named_color(&name), None);
            // Written where a colour goes, the mistake is explained.
            prop_assert!(literal_color(&s(&name)).unwrap_err().contains("modifiers = ["));
        }

        #[test]
        fn non_colour_values_are_refused(b in any::<bool>(), f in any::<f64>()) {
            prop_assert!(color_ref(&Value::Boolean(b)).is_err());
            prop_assert!(color_ref(&Value::Float(f)).is_err());
            prop_assert!(color_ref(&Value::Array(vec![])).is_err());
        }
    }
}
