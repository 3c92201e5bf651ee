//! One theme file's TOML → a [`RawTheme`], reporting what is wrong entry by
//! entry instead of failing the file (a typo must not lock anyone out).

use std::collections::BTreeMap;
use std::sync::Arc;

use ratatui::style::{Color, Modifier};
use toml::Value;

use super::color::{self, ColorRef};
use super::roles;

/// A style entry whose colour names are not resolved yet: the palette that
/// gives them meaning is only known once the inheritance chain is merged.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StyleSpec {
    pub fg: Option<ColorRef>,
    pub bg: Option<ColorRef>,
    pub modifiers: Modifier,
    /// Where the entry was written, for notices raised at resolution time.
    pub origin: Arc<str>,
}

/// One file, as written.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawTheme {
    pub inherits: Option<String>,
    pub truecolor: Option<bool>,
    pub palette: BTreeMap<String, Color>,
    pub styles: BTreeMap<String, StyleSpec>,
}

const STYLE_KEYS: [&str; 3] = ["fg", "bg", "modifiers"];

/// `None` only when the file is not TOML at all; every other problem is a
/// notice and the offending entry is skipped.
pub(crate) fn parse(text: &str, origin: &str, notices: &mut Vec<String>) -> Option<RawTheme> {
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(err) => {
            let msg = err.to_string();
            notices.push(format!("{origin}: not valid TOML: {}", msg.trim_end()));
            return None;
        }
    };
    let origin: Arc<str> = origin.into();
    let mut note = |what: String| notices.push(format!("{origin}: {what}"));
    let mut raw = RawTheme::default();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("inherits", Value::String(name)) => raw.inherits = Some(name),
            ("truecolor", Value::Boolean(flag)) => raw.truecolor = Some(flag),
            ("palette", Value::Table(palette)) => {
                for (name, value) in palette {
                    match color::literal_color(&value) {
                        Ok(c) => {
                            raw.palette.insert(name, c);
                        }
                        Err(e) => note(format!("palette '{name}': {e}; entry skipped")),
                    }
                }
            }
            ("styles", Value::Table(styles)) => {
                for (role, value) in styles {
                    flatten(&role, value, &origin, &mut raw.styles, &mut note);
                }
            }
            (key @ ("inherits" | "truecolor" | "palette" | "styles"), value) => {
                let expected = match key {
                    "inherits" => "a theme name string",
                    "truecolor" => "true or false",
                    _ => "a table",
                };
                note(format!(
                    "'{key}' must be {expected}, not {}; ignored",
                    value.type_str()
                ));
            }
            (key, _) if roles::is_known(key) => {
                note(format!("'{key}' is a role: put it under [styles]; ignored"))
            }
            (key, _) => note(format!(
                "unknown key '{key}' ignored (expected inherits, truecolor, [palette], [styles])"
            )),
        }
    }
    Some(raw)
}

/// An unquoted dotted key (`table.row.selected = …`) reaches us as nested
/// tables; walking them lets users write roles either way.
fn flatten(
    role: &str,
    value: Value,
    origin: &Arc<str>,
    out: &mut BTreeMap<String, StyleSpec>,
    note: &mut impl FnMut(String),
) {
    let spec = match value {
        Value::Table(table) => {
            let is_style = table.is_empty() || STYLE_KEYS.iter().any(|k| table.contains_key(*k));
            let mut fields = toml::Table::new();
            for (key, value) in table {
                if STYLE_KEYS.contains(&key.as_str()) {
                    fields.insert(key, value);
                } else if matches!(
                    value,
                    Value::Table(_) | Value::String(_) | Value::Integer(_)
                ) {
                    flatten(&format!("{role}.{key}"), value, origin, out, note);
                } else {
                    note(format!(
                        "style '{role}': unknown field '{key}' ignored (fields are fg, bg, modifiers)"
                    ));
                }
            }
            if !is_style {
                return;
            }
            style_table(role, fields, origin, note)
        }
        shorthand @ (Value::String(_) | Value::Integer(_)) => match color::color_ref(&shorthand) {
            Ok(fg) => Some(StyleSpec {
                fg: Some(fg),
                bg: None,
                modifiers: Modifier::empty(),
                origin: origin.clone(),
            }),
            Err(e) => {
                note(format!("style '{role}': {e}; entry skipped"));
                None
            }
        },
        other => {
            note(format!(
                "style '{role}' must be a colour or {{ fg, bg, modifiers }}, not {}; entry skipped",
                other.type_str()
            ));
            None
        }
    };
    let Some(spec) = spec else { return };
    if !roles::is_known(role) {
        note(format!(
            "unknown role '{role}' (a typo? see docs/themes.md for the role list); kept but unused"
        ));
    }
    if out.insert(role.to_string(), spec).is_some() {
        note(format!("style '{role}' is set twice; the later one wins"));
    }
}

fn style_table(
    role: &str,
    fields: toml::Table,
    origin: &Arc<str>,
    note: &mut impl FnMut(String),
) -> Option<StyleSpec> {
    let mut spec = StyleSpec {
        fg: None,
        bg: None,
        modifiers: Modifier::empty(),
        origin: origin.clone(),
    };
    // Any error skips the whole entry, so the role falls back to what the
    // parent theme or the parent role says instead of half of what was meant.
    let mut ok = true;
    for (key, value) in fields {
        match key.as_str() {
            "fg" | "bg" => match color::color_ref(&value) {
                Ok(c) if key == "fg" => spec.fg = Some(c),
                Ok(c) => spec.bg = Some(c),
                Err(e) => {
                    note(format!("style '{role}' {key}: {e}; entry skipped"));
                    ok = false;
                }
            },
            _ => ok &= modifiers(role, value, &mut spec.modifiers, note),
        }
    }
    ok.then_some(spec)
}

fn modifiers(role: &str, value: Value, out: &mut Modifier, note: &mut impl FnMut(String)) -> bool {
    let items = match value {
        Value::Array(items) => items,
        // A lone string is an easy slip; accept it rather than nag.
        single @ Value::String(_) => vec![single],
        other => {
            note(format!(
                "style '{role}': modifiers must be a list of names, not {}; entry skipped",
                other.type_str()
            ));
            return false;
        }
    };
    let mut ok = true;
    for item in items {
        match item.as_str().and_then(color::modifier) {
            Some(m) => *out |= m,
            None => {
                note(format!(
                    "style '{role}': unknown modifier {item} (known: bold, dim, italic, \
                     underlined, reversed, crossed-out, slow-blink, rapid-blink, hidden); \
                     entry skipped"
                ));
                ok = false;
            }
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> (RawTheme, Vec<String>) {
        let mut notices = Vec::new();
        let raw = parse(text, "t.toml", &mut notices).expect("valid TOML");
        (raw, notices)
    }

    #[test]
    fn full_entry_and_shorthand() {
        let (raw, notices) = parse_ok(
            r##"
            inherits = "default"
            truecolor = true
            [palette]
            accent = "#7aa2f7"
            [styles]
            "table.row.selected" = { fg = "black", bg = "accent", modifiers = ["bold", "reversed"] }
            header = "blue"
            "##,
        );
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(raw.inherits.as_deref(), Some("default"));
        assert_eq!(raw.truecolor, Some(true));
        assert_eq!(raw.palette["accent"], Color::Rgb(0x7a, 0xa2, 0xf7));
        let sel = &raw.styles["table.row.selected"];
        assert_eq!(sel.bg, Some(ColorRef::Name("accent".into())));
        assert_eq!(sel.modifiers, Modifier::BOLD | Modifier::REVERSED);
        assert_eq!(raw.styles["header"].fg, Some(ColorRef::Name("blue".into())));
    }

    #[test]
    fn unquoted_dotted_keys_are_roles() {
        let (raw, notices) = parse_ok(
            r#"
            [styles]
            table.fg = "red"
            table.row.selected = { modifiers = ["bold"] }
            header.profile = "cyan"
            "#,
        );
        assert!(notices.is_empty(), "{notices:?}");
        assert!(raw.styles.contains_key("table"));
        assert!(raw.styles.contains_key("table.row.selected"));
        assert!(!raw.styles.contains_key("table.row"));
        assert!(raw.styles.contains_key("header.profile"));
    }

    #[test]
    fn bad_entries_are_skipped_with_notices() {
        let (raw, notices) = parse_ok(
            r##"
            colour = 1
            "title" = "bold"
            [palette]
            bad = "#12345"
            [styles]
            "text" = { fg = "#nothex" }
            "border" = { modifiers = ["blod"] }
            "table.rows" = "red"
            "hints" = { fg = "red", underline = true }
            "flash.info" = 300
            "##,
        );
        let all = notices.join("\n");
        assert!(all.contains("unknown key 'colour'"), "{all}");
        assert!(all.contains("'title' is a role"), "{all}");
        assert!(all.contains("palette 'bad'"), "{all}");
        assert!(all.contains("style 'text' fg"), "{all}");
        assert!(all.contains("unknown modifier \"blod\""), "{all}");
        assert!(all.contains("unknown role 'table.rows'"), "{all}");
        assert!(all.contains("unknown field 'underline'"), "{all}");
        assert!(all.contains("outside 0-255"), "{all}");
        assert!(notices.iter().all(|n| n.starts_with("t.toml: ")));
        assert!(raw.palette.is_empty());
        assert!(!raw.styles.contains_key("text"));
        assert!(!raw.styles.contains_key("border"));
        assert!(!raw.styles.contains_key("flash.info"));
        // The unknown field is dropped, the rest of the entry stays.
        assert!(raw.styles.contains_key("hints"));
    }

    #[test]
    fn invalid_toml_is_a_notice() {
        let mut notices = Vec::new();
        assert!(parse("[styles\n", "x.toml", &mut notices).is_none());
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].starts_with("x.toml: not valid TOML"),
            "{notices:?}"
        );
    }

    #[test]
    fn wrong_types_for_top_level_keys() {
        let (raw, notices) = parse_ok("inherits = 3\ntruecolor = \"yes\"\nstyles = 1\n");
        assert_eq!(notices.len(), 3, "{notices:?}");
        assert!(raw.inherits.is_none() && raw.truecolor.is_none());
    }
}
