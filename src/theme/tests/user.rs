//! User theme files: fallback, palette, inheritance, overrides, mistakes.

use ratatui::style::{Color, Modifier, Style};

use super::{ALL, load_in, notices_contain, user_dir};
use crate::theme::{ColorSupport, Theme};

#[test]
fn dotted_fallback() {
    let dir = user_dir(&[(
        "t.toml",
        r#"
        [styles]
        text = "green"
        table = "red"
        "table.row" = { fg = "blue", modifiers = ["bold"] }
        "#,
    )]);
    let theme = load_in(dir.path(), "t", ALL).theme;
    let row = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
    assert_eq!(theme.style("table.row.selected"), row);
    assert_eq!(theme.style("table.row.selected.extra.deep"), row);
    assert_eq!(theme.style("table.header"), Style::new().fg(Color::Red));
    assert_eq!(theme.style("header.profile"), Style::new().fg(Color::Green));
    assert_eq!(theme.style("no.such.role"), Style::new().fg(Color::Green));
    assert_eq!(theme.style(""), Style::new().fg(Color::Green));
}

#[test]
fn no_text_role_means_default_style() {
    let dir = user_dir(&[("bare.toml", "[styles]\ntitle = \"red\"\n")]);
    let theme = load_in(dir.path(), "bare", ALL).theme;
    assert_eq!(theme.style("table.row"), Style::default());
    assert_eq!(theme.style("title"), Style::new().fg(Color::Red));
}

#[test]
fn palette_resolution_and_late_binding() {
    let dir = user_dir(&[
        (
            "base.toml",
            "[palette]\naccent = \"#102030\"\nred = 9\n[styles]\ntitle = \"accent\"\nborder = \"red\"\n",
        ),
        (
            "child.toml",
            "inherits = \"base\"\n[palette]\naccent = 42\n",
        ),
    ]);
    let base = load_in(dir.path(), "base", ALL);
    assert!(base.notices.is_empty(), "{:?}", base.notices);
    assert_eq!(
        base.theme.style("title").fg,
        Some(Color::Rgb(0x10, 0x20, 0x30))
    );
    // A palette name shadows the ANSI name of the same spelling.
    assert_eq!(base.theme.style("border").fg, Some(Color::Indexed(9)));
    // The child's palette recolours the parent's styles.
    let child = load_in(dir.path(), "child", ColorSupport::Ansi256);
    assert!(child.notices.is_empty(), "{:?}", child.notices);
    assert_eq!(child.theme.name(), "child");
    assert_eq!(child.theme.style("title").fg, Some(Color::Indexed(42)));
    assert_eq!(child.theme.needs(), ColorSupport::Ansi256);
}

#[test]
fn inherit_cycle_is_reported_and_stops() {
    let dir = user_dir(&[
        ("a.toml", "inherits = \"b\"\n[styles]\ntitle = \"red\"\n"),
        ("b.toml", "inherits = \"c\"\n[styles]\nborder = \"blue\"\n"),
        (
            "c.toml",
            "inherits = \"a\"\n[styles]\ntitle = \"green\"\nhints = \"cyan\"\n",
        ),
        ("self.toml", "inherits = \"self\"\n"),
    ]);
    let load = load_in(dir.path(), "a", ALL);
    assert!(
        notices_contain(&load, "inherit cycle a → b → c → a"),
        "{:?}",
        load.notices
    );
    assert_eq!(load.notices.len(), 1, "{:?}", load.notices);
    assert_eq!(load.theme.style("title").fg, Some(Color::Red));
    assert_eq!(load.theme.style("border").fg, Some(Color::Blue));
    assert_eq!(load.theme.style("hints").fg, Some(Color::Cyan));
    let load = load_in(dir.path(), "self", ALL);
    assert!(
        notices_contain(&load, "inherit cycle self → self"),
        "{:?}",
        load.notices
    );
}

#[test]
fn inheriting_unknown_theme_is_reported() {
    let dir = user_dir(&[(
        "orphan.toml",
        "inherits = \"ghost\"\n[styles]\ntitle = \"red\"\n",
    )]);
    let load = load_in(dir.path(), "orphan", ALL);
    assert!(
        notices_contain(&load, "inherits 'ghost', but no such theme"),
        "{:?}",
        load.notices
    );
    assert_eq!(load.theme.name(), "orphan");
    assert_eq!(load.theme.style("title").fg, Some(Color::Red));
}

#[test]
fn user_file_overrides_and_extends_builtin() {
    let dir = user_dir(&[(
        "default.toml",
        "inherits = \"default\"\n[styles]\n\"table.row.selected\" = { modifiers = [\"reversed\"] }\n",
    )]);
    let load = load_in(dir.path(), "default", ColorSupport::Ansi16);
    assert!(load.notices.is_empty(), "{:?}", load.notices);
    let sel = load.theme.style("table.row.selected");
    assert_eq!(sel, Style::new().add_modifier(Modifier::REVERSED));
    // Everything else still comes from the built-in.
    assert_eq!(load.theme.style("header"), Theme::default().style("header"));
}

#[test]
fn user_theme_inherits_builtin() {
    let dir = user_dir(&[(
        "mine.toml",
        "inherits = \"midnight\"\n[palette]\naccent = \"#ff0000\"\n[styles]\ntitle = \"magenta\"\nborder = \"yellow\"\n",
    )]);
    let load = load_in(dir.path(), "mine", ALL);
    assert!(load.notices.is_empty(), "{:?}", load.notices);
    assert_eq!(load.theme.style("title").fg, Some(Color::Magenta));
    // midnight's palette defines its own `yellow`, which shadows the ANSI one.
    assert_eq!(
        load.theme.style("border").fg,
        Some(Color::Rgb(0xe8, 0xc8, 0x72))
    );
    assert_eq!(
        load.theme.style("border.focused").fg,
        Some(Color::Rgb(255, 0, 0))
    );
    let midnight = Theme::load("midnight", None, ALL).theme;
    assert_eq!(load.theme.style("state.ok"), midnight.style("state.ok"));
}

#[test]
fn bad_entries_give_notices_and_keep_the_rest() {
    let dir = user_dir(&[(
        "bad.toml",
        r#"
        inherits = "default"
        [styles]
        "title" = { fg = "bleu" }
        "border" = { modifiers = ["blod"] }
        "tabel.row" = "red"
        "hints.key" = "magenta"
        "#,
    )]);
    let load = load_in(dir.path(), "bad", ALL);
    assert_eq!(load.theme.name(), "bad");
    assert_eq!(load.notices.len(), 3, "{:?}", load.notices);
    assert!(
        load.notices.iter().all(|n| n.contains("bad.toml")),
        "{:?}",
        load.notices
    );
    assert!(notices_contain(&load, "unknown colour 'bleu'"));
    assert!(notices_contain(&load, "blod"));
    assert!(notices_contain(&load, "unknown role 'tabel.row'"));
    // Broken entries fall back to the parent theme's entry, not to nothing.
    let default = Theme::default();
    assert_eq!(load.theme.style("title"), default.style("title"));
    assert_eq!(load.theme.style("border"), default.style("border"));
    assert_eq!(load.theme.style("hints.key").fg, Some(Color::Magenta));
}

#[test]
fn bad_toml_and_unknown_names_fall_back_to_default() {
    let dir = user_dir(&[("broken.toml", "[styles\ntitle = \"red\"\n")]);
    let load = load_in(dir.path(), "broken", ALL);
    assert_eq!(load.theme.name(), "default");
    assert!(
        notices_contain(&load, "broken.toml: not valid TOML"),
        "{:?}",
        load.notices
    );
    assert!(
        notices_contain(&load, "'broken' could not be loaded"),
        "{:?}",
        load.notices
    );

    let load = load_in(dir.path(), "nosuch", ALL);
    assert_eq!(load.theme.name(), "default");
    assert!(
        notices_contain(&load, "unknown theme 'nosuch'"),
        "{:?}",
        load.notices
    );
    assert!(
        notices_contain(&load, "broken, default, midnight"),
        "{:?}",
        load.notices
    );

    let load = load_in(dir.path(), "../broken", ALL);
    assert_eq!(load.theme.name(), "default");
    assert!(
        notices_contain(&load, "not a valid theme name"),
        "{:?}",
        load.notices
    );

    // A broken override of a built-in keeps the built-in.
    let dir = user_dir(&[("paper.toml", "= nope")]);
    let load = load_in(dir.path(), "paper", ALL);
    assert_eq!(load.theme.name(), "paper");
    assert_eq!(load.notices.len(), 1, "{:?}", load.notices);
}
