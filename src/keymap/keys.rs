//! Key notation shared by keymap files, help and docs: `j`, `G`, `?`, `C-r`, `A-x`, `S-tab`,
//! `enter`, `esc`, `pageup`, `space`, `f5`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// A key press reduced to what bindings care about. Shift is folded into the character for
/// printable keys, because terminals disagree on whether `G` arrives with SHIFT set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        let m = ev.modifiers;
        let (code, shift) = match ev.code {
            KeyCode::Char(c) => (KeyCode::Char(c), false),
            KeyCode::BackTab => (KeyCode::Tab, true),
            other => (other, m.contains(KeyModifiers::SHIFT)),
        };
        Key {
            code,
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift,
        }
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = text;
        // Modifier prefixes only count when something follows them: "C-" alone is the key "C-"?
        // No such key exists, so that reads as an error below.
        loop {
            if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
                key.alt = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("S-").filter(|r| !r.is_empty()) {
                key.shift = true;
                rest = r;
            } else {
                break;
            }
        }
        key.code = match rest {
            "enter" | "ret" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "ins" | "insert" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "minus" => KeyCode::Char('-'),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key '{text}' (function keys are f1-f12)")),
                }
            }
            single if single.chars().count() == 1 => {
                let c = single.chars().next().unwrap_or(' ');
                if key.shift && c.is_ascii_lowercase() {
                    key.shift = false;
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => return Err(format!("unknown key '{text}'")),
        };
        if matches!(key.code, KeyCode::Char(_)) {
            key.shift = false;
        }
        if key.ctrl
            && let KeyCode::Char(c) = key.code
        {
            key.code = KeyCode::Char(c.to_ascii_lowercase());
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        if self.shift {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::Insert => f.write_str("ins"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new(code, m))
    }

    #[test]
    fn parse_and_display_round_trip() {
        for text in [
            "j", "G", "?", ":", "C-r", "A-x", "S-tab", "enter", "esc", "pageup", "space", "f5",
            "C-c",
        ] {
            let key = Key::parse(text).unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn events_match_parsed_keys() {
        assert_eq!(
            ev(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Key::parse("G").unwrap()
        );
        assert_eq!(
            ev(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Key::parse("?").unwrap()
        );
        assert_eq!(
            ev(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Key::parse("C-r").unwrap()
        );
        assert_eq!(
            ev(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::parse("S-tab").unwrap()
        );
        assert_eq!(Key::parse("S-g").unwrap(), Key::parse("G").unwrap());
        assert_eq!(Key::parse("C-R").unwrap(), Key::parse("C-r").unwrap());
    }

    #[test]
    fn bad_keys_are_reported() {
        assert!(Key::parse("").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("C-").is_err());
    }
}

impl Key {
    pub fn to_event(self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        let code = match self.code {
            KeyCode::Tab if self.shift => KeyCode::BackTab,
            other => other,
        };
        if self.shift {
            m |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(code, m)
    }
}

/// A key script for tests and demos: plain characters type themselves, `<...>` names one key in
/// keymap notation (`<enter>`, `<esc>`, `<C-r>`, `<S-tab>`); `<lt>` is a literal `<`.
pub fn parse_script(script: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            keys.push(Key::plain(KeyCode::Char(c)).to_event());
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let key = match name.as_str() {
            "lt" => Key::plain(KeyCode::Char('<')),
            other => Key::parse(&normalise_name(other))?,
        };
        keys.push(key.to_event());
    }
    Ok(keys)
}

/// Accepts `<Enter>`, `<Esc>`, `<PgDn>` spellings as well as the keymap's own.
fn normalise_name(name: &str) -> String {
    let (mods, base) = match name.rfind('-') {
        Some(i) if i + 1 < name.len() => name.split_at(i + 1),
        _ => ("", name),
    };
    let base = match base.to_ascii_lowercase().as_str() {
        "pgdn" => "pagedown".to_string(),
        "pgup" => "pageup".to_string(),
        "return" | "cr" => "enter".to_string(),
        "escape" => "esc".to_string(),
        lower if base.chars().count() > 1 => lower.to_string(),
        _ => base.to_string(),
    };
    format!("{mods}{base}")
}

#[cfg(test)]
mod script_tests {
    use super::*;

    #[test]
    fn scripts_mix_text_and_named_keys() {
        let keys = parse_script(":q<Enter><C-r><lt><Esc>G").unwrap();
        let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
        assert_eq!(
            codes,
            [
                KeyCode::Char(':'),
                KeyCode::Char('q'),
                KeyCode::Enter,
                KeyCode::Char('r'),
                KeyCode::Char('<'),
                KeyCode::Esc,
                KeyCode::Char('G')
            ]
        );
        assert!(keys[3].modifiers.contains(KeyModifiers::CONTROL));
        assert!(parse_script("<Hyper>").is_err());
    }
}
