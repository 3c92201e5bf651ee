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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn run(text: &str) -> (Option<RawTheme>, Vec<String>) {
        let mut notices = Vec::new();
        let raw = parse(text, "t.toml", &mut notices);
        (raw, notices)
    }

    fn role() -> impl Strategy<Value = &'static str> {
        prop::sample::select(
            roles::ROLES
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>(),
        )
    }

    /// Keys a theme file might hold at any level: the real ones, roles, style fields, typos.
    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "inherits",
                "truecolor",
                "palette",
                "styles",
                "fg",
                "bg",
                "modifiers",
                "text",
                "table",
                "row",
                "selected",
                "accent",
            ])
            .prop_map(String::from),
            role().prop_map(String::from),
            "[a-z.\\-]{1,8}",
            any::<String>(),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            prop::sample::select(vec![
                "red",
                "light-blue",
                "#7aa2f7",
                "#12345",
                "208",
                "256",
                "",
                "bold",
                "accent",
                "blod",
                " reset ",
            ])
            .prop_map(|s| Value::String(s.to_string())),
            any::<String>().prop_map(Value::String),
            any::<i64>().prop_map(Value::Integer),
            (-2i64..300).prop_map(Value::Integer),
            any::<bool>().prop_map(Value::Boolean),
            any::<f64>().prop_map(Value::Float),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(key(), inner, 0..4)
                    .prop_map(|m| Value::Table(m.into_iter().collect())),
            ]
        })
    }

    fn hex() -> impl Strategy<Value = (String, Color)> {
        (any::<[u8; 3]>(), any::<bool>()).prop_map(|([r, g, b], upper)| {
            let text = format!("#{r:02x}{g:02x}{b:02x}");
            let text = if upper { text.to_uppercase() } else { text };
            (text, Color::Rgb(r, g, b))
        })
    }

    fn modifier_name() -> impl Strategy<Value = (&'static str, Modifier)> {
        prop::sample::select(vec![
            ("bold", Modifier::BOLD),
            ("Dim", Modifier::DIM),
            ("italic", Modifier::ITALIC),
            ("underline", Modifier::UNDERLINED),
            ("reversed", Modifier::REVERSED),
            ("crossed-out", Modifier::CROSSED_OUT),
            ("slow_blink", Modifier::SLOW_BLINK),
            ("rapid blink", Modifier::RAPID_BLINK),
            ("HIDDEN", Modifier::HIDDEN),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_text_parses_or_is_one_notice(text in any::<String>()) {
            let (raw, notices) = run(&text);
            match raw {
                None => {
                    prop_assert_eq!(notices.len(), 1);
                    prop_assert!(notices[0].starts_with("t.toml: not valid TOML"));
                    prop_assert!(toml::from_str::<toml::Table>(&text).is_err());
                }
                Some(_) => prop_assert!(notices.iter().all(|n| n.starts_with("t.toml: "))),
            }
        }

        /// Any TOML document, however wrong for a theme, gives a theme and notices, never a
        /// panic, and whatever is kept is well-formed.
        #[test]
        fn any_toml_document_gives_a_theme(
            doc in prop::collection::btree_map(key(), value(), 0..6)
        ) {
            let table: toml::Table = doc.into_iter().collect();
            let Ok(text) = toml::to_string(&table) else { return Ok(()) };
            let (raw, notices) = run(&text);
            let raw = raw.expect("valid TOML");
            prop_assert!(notices.iter().all(|n| n.starts_with("t.toml: ")), "{:?}", notices);
            for spec in raw.styles.values() {
                prop_assert_eq!(&*spec.origin, "t.toml");
                for c in [&spec.fg, &spec.bg].into_iter().flatten() {
                    if let ColorRef::Name(n) = c {
                        prop_assert!(!n.trim().is_empty() && n.trim() == n, "{:?}", n);
                    }
                }
            }
            if let Some(Value::Table(palette)) = table.get("palette") {
                prop_assert!(raw.palette.keys().all(|k| palette.contains_key(k)));
            } else {
                prop_assert!(raw.palette.is_empty());
            }
        }

        #[test]
        fn a_hex_shorthand_is_the_foreground(role in role(), (hex, color) in hex()) {
            let (raw, notices) = run(&format!("[styles]\n\"{role}\" = \"{hex}\"\n"));
            prop_assert!(notices.is_empty(), "{:?}", notices);
            let spec = &raw.unwrap().styles[role];
            prop_assert_eq!(&spec.fg, &Some(ColorRef::Literal(color)));
            prop_assert_eq!(&spec.bg, &None);
            prop_assert_eq!(spec.modifiers, Modifier::empty());
        }

        #[test]
        fn a_full_entry_is_read_exactly(
            role in role(),
            fg in prop::option::of(hex()),
            bg in prop::option::of(0u8..=255),
            mods in prop::collection::vec(modifier_name(), 0..5),
        ) {
            let mut entry = toml::Table::new();
            if let Some((hex, _)) = &fg {
                entry.insert("fg".into(), Value::String(hex.clone()));
            }
            if let Some(i) = bg {
                entry.insert("bg".into(), Value::Integer(i64::from(i)));
            }
            entry.insert(
                "modifiers".into(),
                Value::Array(mods.iter().map(|(m, _)| Value::String(m.to_string())).collect()),
            );
            let mut styles = toml::Table::new();
            styles.insert(role.to_string(), Value::Table(entry));
            let mut doc = toml::Table::new();
            doc.insert("styles".into(), Value::Table(styles));
            let (raw, notices) = run(&toml::to_string(&doc).unwrap());
            prop_assert!(notices.is_empty(), "{:?}", notices);
            let spec = &raw.unwrap().styles[role];
            prop_assert_eq!(&spec.fg, &fg.map(|(_, c)| ColorRef::Literal(c)));
            prop_assert_eq!(&spec.bg, &bg.map(|i| ColorRef::Literal(Color::Indexed(i))));
            let all = mods.iter().fold(Modifier::empty(), |acc, (_, m)| acc | *m);
            prop_assert_eq!(spec.modifiers, all);
        }

        /// `a.b.c = …` (nested tables) and `"a.b.c" = …` name the same role.
        #[test]
        fn dotted_and_quoted_role_names_agree(
            role in role(),
            color in prop::sample::select(vec!["red", "#010203", "7", "accent"]),
            full in any::<bool>(),
        ) {
            let value = if full {
                format!("{{ fg = \"{color}\", modifiers = [\"bold\"] }}")
            } else {
                format!("\"{color}\"")
            };
            let (dotted, n1) = run(&format!("[styles]\n{role} = {value}\n"));
            let (quoted, n2) = run(&format!("[styles]\n\"{role}\" = {value}\n"));
            prop_assert!(n1.is_empty() && n2.is_empty(), "{:?} {:?}", n1, n2);
            prop_assert_eq!(dotted.unwrap().styles, quoted.unwrap().styles);
        }

        /// A bad entry is skipped without touching its neighbours.
        #[test]
        fn one_bad_entry_does_not_spoil_the_others(
            good in role(),
            bad in role(),
            junk in prop::sample::select(vec![
                "\"#zzzzzz\"", "300", "true", "{ modifiers = [\"blod\"] }", "\"\"",
            ]),
        ) {
            let nested = |a: &str, b: &str| a.starts_with(&format!("{b}."));
            prop_assume!(good != bad && !nested(good, bad) && !nested(bad, good));
            let (raw, notices) = run(&format!(
                "[styles]\n\"{good}\" = \"blue\"\n\"{bad}\" = {junk}\n"
            ));
            let raw = raw.unwrap();
            prop_assert_eq!(notices.len(), 1, "{:?}", notices);
            prop_assert!(notices[0].contains(bad), "{:?}", notices);
            prop_assert!(!raw.styles.contains_key(bad));
            prop_assert_eq!(&raw.styles[good].fg, &Some(ColorRef::Name("blue".into())));
        }
    }
}
