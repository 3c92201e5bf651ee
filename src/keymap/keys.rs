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
    // `C--` is Ctrl and the `-` key: the base is what follows the last modifier's dash.
    let (mods, base) = match name.strip_suffix("--") {
        Some(mods) => name.split_at(mods.len() + 1),
        None => match name.rfind('-') {
            Some(i) if i + 1 < name.len() => name.split_at(i + 1),
            _ => ("", name),
        },
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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn named_code() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Insert),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::PageUp),
            Just(KeyCode::PageDown),
            (1u8..=12).prop_map(KeyCode::F),
        ]
    }

    /// Any key `Key::parse` can produce, in its canonical form (shift folded into characters,
    /// Ctrl chords on lower-case letters).
    fn canonical(chars: impl Strategy<Value = char>) -> impl Strategy<Value = Key> {
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![chars.prop_map(KeyCode::Char), named_code()],
        )
            .prop_map(|(ctrl, alt, shift, code)| {
                let code = match code {
                    KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                    other => other,
                };
                Key {
                    code,
                    ctrl,
                    alt,
                    shift: shift && !matches!(code, KeyCode::Char(_)),
                }
            })
    }

    /// Any character, with printable ASCII and the characters the notation itself uses
    /// (`-`, `<`, `>`, the modifier letters) coming up often.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            proptest::char::range(' ', '~'),
            prop::sample::select(vec!['-', '<', '>', ' ', 'C', 'A', 'S', 'f']),
        ]
    }

    /// Key notation, more often well-formed than `any::<String>()` would be.
    fn notation() -> impl Strategy<Value = String> {
        let prefix = prop::collection::vec(
            prop_oneof![Just("C-"), Just("A-"), Just("S-"), Just("c-"), Just("-")],
            0..4,
        );
        let base = prop_oneof![
            any::<char>().prop_map(String::from),
            "[a-zA-Z0-9+\\-]{0,6}",
            Just("enter".to_string()),
            Just("tab".to_string()),
            Just("space".to_string()),
            Just("minus".to_string()),
            "f[+\\-0-9]{0,4}",
        ];
        (prefix, base).prop_map(|(p, b)| format!("{}{b}", p.concat()))
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_what_parses_prints_back(text in any::<String>()) {
            if let Ok(key) = Key::parse(&text) {
                prop_assert_eq!(Key::parse(&key.to_string()), Ok(key), "{:?}", text);
            }
        }

        #[test]
        fn notation_like_text_prints_back(text in notation()) {
            if let Ok(key) = Key::parse(&text) {
                prop_assert_eq!(Key::parse(&key.to_string()), Ok(key), "{:?}", text);
                if let KeyCode::Char(c) = key.code {
                    prop_assert!(!key.shift, "shift is folded into {:?}", c);
                    prop_assert!(!key.ctrl || !c.is_ascii_uppercase(), "{:?}", text);
                }
            }
        }

        #[test]
        fn display_then_parse_is_the_same_key(key in canonical(any_char())) {
            prop_assert_eq!(Key::parse(&key.to_string()), Ok(key));
        }

        #[test]
        fn events_round_trip(key in canonical(any_char())) {
            prop_assert_eq!(Key::from_event(&key.to_event()), key);
        }

        #[test]
        fn shift_on_a_letter_is_the_capital(c in proptest::char::range('a', 'z')) {
            prop_assert_eq!(
                Key::parse(&format!("S-{c}")),
                Key::parse(&c.to_ascii_uppercase().to_string())
            );
        }

        #[test]
        fn scripts_never_panic(script in any::<String>()) {
            let _ = parse_script(&script);
        }

        #[test]
        fn plain_text_types_itself(text in "[^<]{0,40}") {
            let keys = parse_script(&text).unwrap();
            let typed: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
            let expected: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
            prop_assert_eq!(typed, expected);
            prop_assert!(keys.iter().all(|k| k.modifiers.is_empty()));
        }

        /// `>` cannot be named inside `<...>` at all (there is no `<gt>`), and a chord on `-`
        /// is the known bug below, so both are left out here.
        #[test]
        fn a_displayed_key_in_angle_brackets_is_that_key(
            key in canonical(any_char().prop_filter("'>' ends the name", |c| *c != '>'))
                .prop_filter("chords on '-': see the ignored test", |k| {
                    !(k.code == KeyCode::Char('-') && (k.ctrl || k.alt))
                })
        ) {
            let script = format!("<{key}>");
            prop_assert_eq!(parse_script(&script), Ok(vec![key.to_event()]), "{}", script);
        }
    }

    /// Found by `a_displayed_key_in_angle_brackets_is_that_key`: `Key::parse("C--")` is Ctrl+-,
    /// and that is how the key displays, but in a script `normalise_name` splits at the *last*
    /// `-`, finds nothing after it, and lower-cases the whole name to `c--`.
    #[test]
    fn a_chord_on_minus_in_a_script() {
        let ctrl_minus = Key::parse("C--").unwrap();
        assert_eq!(parse_script("<C-->"), Ok(vec![ctrl_minus.to_event()]));
        let alt_minus = Key::parse("A--").unwrap();
        assert_eq!(parse_script("<A-->"), Ok(vec![alt_minus.to_event()]));
    }
}
