//! From a theme name to a [`Theme`]: follow `inherits`, merge the files base
//! first, resolve palette names, and precompute every role's fallback.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use ratatui::style::{Color, Style};

use super::color::{self, ColorRef};
use super::parse::{RawTheme, StyleSpec};
use super::{ColorSupport, Theme, roles, source};

/// Why a name gave no theme at all.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Missing {
    /// No built-in and no user file of that name.
    Unknown,
    /// Files exist but none could be read or parsed (already reported).
    Unusable,
}

pub(crate) fn named(
    name: &str,
    user_dir: Option<&Path>,
    notices: &mut Vec<String>,
) -> Result<Theme, Missing> {
    let chain = chain(name, user_dir, notices)?;
    Ok(build(name, &chain, notices))
}

/// The files of `name` and its ancestors, child first.
fn chain(
    name: &str,
    user_dir: Option<&Path>,
    notices: &mut Vec<String>,
) -> Result<Vec<(String, Vec<RawTheme>)>, Missing> {
    let mut chain: Vec<(String, Vec<RawTheme>)> = Vec::new();
    let mut current = name.to_string();
    loop {
        let layers = match source::layers(&current, user_dir, notices) {
            Some(layers) if !layers.is_empty() => layers,
            found => {
                let Some((child, _)) = chain.last() else {
                    return Err(match found {
                        None => Missing::Unknown,
                        Some(_) => Missing::Unusable,
                    });
                };
                let why = match found {
                    None => "no such theme",
                    Some(_) => "it could not be loaded",
                };
                notices.push(format!(
                    "theme '{child}' inherits '{current}', but {why}; not inheriting"
                ));
                break;
            }
        };
        // A user file's `inherits` overrides the built-in's it is layered on.
        let parent = layers.iter().rev().find_map(|raw| raw.inherits.clone());
        chain.push((current, layers));
        let Some(parent) = parent else { break };
        let child = &chain.last().expect("just pushed").0;
        if !source::is_valid_name(&parent) {
            notices.push(format!(
                "theme '{child}' inherits '{parent}', which is not a valid theme name; not inheriting"
            ));
            break;
        }
        if chain.iter().any(|(seen, _)| *seen == parent) {
            let path: Vec<&str> = chain.iter().map(|(n, _)| n.as_str()).collect();
            notices.push(format!(
                "inherit cycle {} → {parent}; stopped inheriting at '{child}'",
                path.join(" → ")
            ));
            break;
        }
        current = parent;
    }
    Ok(chain)
}

fn build(name: &str, chain: &[(String, Vec<RawTheme>)], notices: &mut Vec<String>) -> Theme {
    let mut palette: HashMap<&str, Color> = HashMap::new();
    // Each role keeps every layer's entry so a broken child entry can fall
    // back to its parent theme's entry rather than to the parent role.
    let mut stacks: BTreeMap<&str, Vec<&StyleSpec>> = BTreeMap::new();
    let mut truecolor_hint = false;
    for raw in chain.iter().rev().flat_map(|(_, layers)| layers) {
        palette.extend(raw.palette.iter().map(|(k, c)| (k.as_str(), *c)));
        for (role, spec) in &raw.styles {
            stacks.entry(role.as_str()).or_default().push(spec);
        }
        if let Some(flag) = raw.truecolor {
            truecolor_hint = flag;
        }
    }

    let mut defined: HashMap<&str, Style> = HashMap::new();
    for (role, stack) in &stacks {
        let mut chosen = None;
        // Every entry is resolved, shadowed or not: a typo is worth
        // reporting even where a child theme happens to hide it.
        for spec in stack.iter().rev() {
            match resolve_spec(spec, &palette) {
                Ok(style) => {
                    chosen.get_or_insert(style);
                }
                Err(e) => notices.push(format!(
                    "{}: style '{role}': {e}; entry skipped",
                    spec.origin
                )),
            }
        }
        if let Some(style) = chosen {
            defined.insert(role, style);
        }
    }

    let base = defined.get("text").copied().unwrap_or_default();
    let mut needs = if truecolor_hint {
        ColorSupport::TrueColor
    } else {
        ColorSupport::NoColor
    };
    for (role, style) in &defined {
        if roles::is_known(role) {
            for c in [style.fg, style.bg].into_iter().flatten() {
                needs = needs.max(color::depth(c));
            }
        }
    }

    let known = roles::ROLES.iter().map(|&(role, _)| role);
    let styles: HashMap<Box<str>, Style> = known
        .chain(defined.keys().copied())
        .map(|role| (Box::from(role), fallback(&defined, role, base)))
        .collect();
    Theme {
        name: name.into(),
        styles: Arc::new(styles),
        base,
        needs,
    }
}

fn fallback(defined: &HashMap<&str, Style>, role: &str, base: Style) -> Style {
    let mut key = role;
    loop {
        if let Some(style) = defined.get(key) {
            return *style;
        }
        match key.rfind('.') {
            Some(dot) => key = &key[..dot],
            None => return base,
        }
    }
}

fn resolve_spec(spec: &StyleSpec, palette: &HashMap<&str, Color>) -> Result<Style, String> {
    let mut style = Style::new().add_modifier(spec.modifiers);
    if let Some(fg) = &spec.fg {
        style.fg = Some(resolve_color(fg, palette)?);
    }
    if let Some(bg) = &spec.bg {
        style.bg = Some(resolve_color(bg, palette)?);
    }
    Ok(style)
}

/// Palette first, so a theme may give an ANSI name its own meaning.
fn resolve_color(color: &ColorRef, palette: &HashMap<&str, Color>) -> Result<Color, String> {
    match color {
        ColorRef::Literal(c) => Ok(*c),
        ColorRef::Name(name) => palette
            .get(name.as_str())
            .copied()
            .or_else(|| color::named_color(name))
            .ok_or_else(|| color::unknown_color(name)),
    }
}

impl Theme {
    /// Under NO_COLOR nothing may carry a colour, whatever a user's `mono`
    /// override says; modifiers stay so selection remains visible.
    pub(crate) fn without_colors(&self) -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            ..s
        };
        Theme {
            name: self.name.clone(),
            styles: Arc::new(
                self.styles
                    .iter()
                    .map(|(k, s)| (k.clone(), strip(*s)))
                    .collect(),
            ),
            base: strip(self.base),
            needs: ColorSupport::NoColor,
        }
    }
}
