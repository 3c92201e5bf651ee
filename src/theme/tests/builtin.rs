//! The shipped themes and the colour-support policy.

use ratatui::style::{Color, Modifier, Style};

use super::{ALL, load_in, notices_contain, user_dir};
use crate::theme::{ColorSupport, ROLES, Theme};

#[test]
fn every_builtin_loads_without_notices() {
    for name in Theme::builtin_names() {
        let load = Theme::load(name, None, ALL);
        assert!(load.notices.is_empty(), "{name}: {:?}", load.notices);
        assert_eq!(load.theme.name(), *name);
    }
}

#[test]
fn default_defines_every_role_in_ansi_only() {
    let text = crate::theme::source::builtin_text("default").unwrap();
    let table: toml::Table = toml::from_str(text).unwrap();
    let styles = table["styles"].as_table().unwrap();
    for (role, _) in ROLES {
        assert!(styles.contains_key(*role), "default.toml lacks '{role}'");
    }
    let theme = Theme::load("default", None, ColorSupport::Ansi16).theme;
    assert_eq!(theme.needs(), ColorSupport::Ansi16);
    for (role, style) in theme.styles() {
        for c in [style.fg, style.bg].into_iter().flatten() {
            assert!(
                !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                "default '{role}' uses {c:?}"
            );
        }
    }
    assert_eq!(
        Theme::default().style("table.row.selected"),
        theme.style("table.row.selected")
    );
}

#[test]
fn mono_has_no_colour_and_visible_selection() {
    let theme = Theme::mono();
    assert_eq!(theme.name(), "mono");
    assert_eq!(theme.needs(), ColorSupport::NoColor);
    let styles = theme.styles();
    assert!(styles.len() >= ROLES.len());
    for (role, style) in styles {
        assert_eq!(
            (style.fg, style.bg),
            (None, None),
            "mono '{role}' has colour"
        );
    }
    for role in [
        "table.row.selected",
        "prompt.suggestion.selected",
        "dialog.button.selected",
    ] {
        let m = theme.style(role).add_modifier;
        assert!(
            m.intersects(Modifier::REVERSED | Modifier::BOLD),
            "{role}: {m:?}"
        );
        assert_ne!(
            theme.style(role),
            theme.style("table.row"),
            "{role} looks like a row"
        );
    }
}

#[test]
fn rich_themes_need_truecolor_and_inherit_default() {
    for name in ["midnight", "paper"] {
        let theme = Theme::load(name, None, ALL).theme;
        assert_eq!(theme.needs(), ColorSupport::TrueColor, "{name}");
        assert!(
            matches!(theme.style("text").bg, Some(Color::Rgb(..))),
            "{name}"
        );
    }
}

#[test]
fn no_color_always_gives_mono() {
    let load = Theme::load("midnight", None, ColorSupport::NoColor);
    assert_eq!(load.theme.name(), "mono");
    assert!(notices_contain(&load, "NO_COLOR"), "{:?}", load.notices);
    let load = Theme::load("mono", None, ColorSupport::NoColor);
    assert!(load.notices.is_empty(), "{:?}", load.notices);
    // A user's mono override may not sneak colour in.
    let dir = user_dir(&[(
        "mono.toml",
        "[styles]\ntitle = { fg = \"red\", modifiers = [\"italic\"] }\n",
    )]);
    let load = load_in(dir.path(), "mono", ColorSupport::NoColor);
    assert_eq!(load.notices.len(), 1, "{:?}", load.notices);
    assert_eq!(
        load.theme.style("title"),
        Style::new().add_modifier(Modifier::ITALIC)
    );
    assert!(
        load.theme
            .styles()
            .iter()
            .all(|(_, s)| s.fg.is_none() && s.bg.is_none())
    );
}

#[test]
fn truecolor_theme_on_lesser_terminal_falls_back() {
    let load = Theme::load("midnight", None, ColorSupport::Ansi256);
    assert_eq!(load.theme.name(), "default");
    assert_eq!(load.notices.len(), 1, "{:?}", load.notices);
    let notice = &load.notices[0];
    for part in [
        "'midnight'",
        "truecolour",
        "256 colours",
        "COLORTERM",
        "SSH",
        "'default'",
    ] {
        assert!(notice.contains(part), "{part} missing from: {notice}");
    }
    // The hint alone marks a theme as truecolour.
    let dir = user_dir(&[(
        "hinted.toml",
        "truecolor = true\n[styles]\ntitle = \"red\"\n",
    )]);
    let load = load_in(dir.path(), "hinted", ColorSupport::Ansi16);
    assert_eq!(load.theme.name(), "default");
    // Indexed colours above 15 need 256 colours.
    let dir = user_dir(&[("idx.toml", "[styles]\ntitle = 208\n")]);
    assert_eq!(
        load_in(dir.path(), "idx", ColorSupport::Ansi256)
            .theme
            .name(),
        "idx"
    );
    let load = load_in(dir.path(), "idx", ColorSupport::Ansi16);
    assert_eq!(load.theme.name(), "default");
    assert!(notices_contain(&load, "256-colour"), "{:?}", load.notices);
}

#[test]
fn rich_user_default_falls_back_to_builtin_default() {
    let dir = user_dir(&[("default.toml", "[styles]\ntitle = \"#abcdef\"\n")]);
    for name in ["default", "midnight"] {
        let load = load_in(dir.path(), name, ColorSupport::Ansi256);
        assert_eq!(load.theme.name(), "default");
        assert_eq!(
            load.theme.style("title"),
            Theme::default().style("title"),
            "{name}"
        );
        assert!(
            notices_contain(&load, "built-in 'default'"),
            "{:?}",
            load.notices
        );
    }
}

#[test]
fn available_includes_user_themes() {
    let dir = user_dir(&[("zz-custom.toml", ""), ("paper.toml", "")]);
    let names = Theme::available(Some(dir.path()));
    assert_eq!(names, ["default", "midnight", "mono", "paper", "zz-custom"]);
    assert_eq!(Theme::available(None), Theme::builtin_names());
}

#[test]
fn docs_describe_every_role() {
    let docs = include_str!("../../../docs/themes.md");
    for (role, _) in ROLES {
        assert!(
            docs.contains(&format!("`{role}`")),
            "docs/themes.md lacks `{role}`"
        );
    }
    for group in crate::theme::role_groups() {
        assert!(
            docs.contains(&format!("`{group}`")),
            "docs/themes.md lacks `{group}`"
        );
    }
    for name in Theme::builtin_names() {
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs/themes.md lacks `{name}`"
        );
    }
}
