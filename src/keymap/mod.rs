//! Key bindings: the shipped `keymaps/default.toml`, with the user's `keymap.toml` merged over it
//! per scope and command. Every binding names a command from the command table, so an unknown name
//! or a key bound twice is caught here and shown to the user instead of silently misbehaving.

pub mod keys;

use crate::command::{CommandId, Scope};
use keys::Key;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    /// Scope → command → keys, in the order written (the first key is the one hints show).
    bindings: BTreeMap<Scope, BTreeMap<CommandId, Vec<Key>>>,
    lookup: HashMap<(Scope, Key), CommandId>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    One(String),
    Many(Vec<String>),
    Full {
        keys: Vec<String>,
        #[serde(default)]
        #[allow(dead_code)]
        // read only by the test that keeps descriptions in step with the table
        desc: Option<String>,
    },
}

impl Entry {
    fn keys(&self) -> Vec<&str> {
        match self {
            Entry::One(k) => vec![k.as_str()],
            Entry::Many(ks) | Entry::Full { keys: ks, .. } => {
                ks.iter().map(String::as_str).collect()
            }
        }
    }
}

type RawKeymap = BTreeMap<String, BTreeMap<String, Entry>>;

impl Keymap {
    /// The shipped defaults. They are part of the binary and covered by tests, so a failure here
    /// is a build defect, reported rather than panicking.
    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        if let Err(errors) = map.merge_toml(DEFAULT_KEYMAP, "keymaps/default.toml") {
            tracing::error!(?errors, "the built-in keymap is invalid");
        }
        map
    }

    /// Defaults with the user's file merged over them. Any error discards the user's file as a
    /// whole, so a half-applied keymap never surprises anyone, and every problem is returned.
    pub fn with_user_file(text: Option<&str>, origin: &str) -> (Keymap, Vec<String>) {
        let defaults = Keymap::defaults();
        let Some(text) = text else {
            return (defaults, Vec::new());
        };
        let mut merged = defaults.clone();
        match merged.merge_toml(text, origin) {
            Ok(()) => (merged, Vec::new()),
            Err(mut errors) => {
                errors.push(format!("{origin}: ignored; using the default key bindings"));
                (defaults, errors)
            }
        }
    }

    fn merge_toml(&mut self, text: &str, origin: &str) -> Result<(), Vec<String>> {
        let raw: RawKeymap = toml::from_str(text).map_err(|e| vec![format!("{origin}: {e}")])?;
        let mut errors = Vec::new();
        for (scope_name, entries) in &raw {
            let Some(scope) = Scope::from_name(scope_name) else {
                let valid: Vec<_> = Scope::ALL.iter().map(|s| s.name()).collect();
                errors.push(format!(
                    "{origin}: unknown section [{scope_name}]; valid sections: {}",
                    valid.join(", ")
                ));
                continue;
            };
            for (command_name, entry) in entries {
                let command = match CommandId::from_name(command_name) {
                    Some(c) if bindable_in(c, scope) => c,
                    _ => {
                        errors.push(format!(
                            "{origin}: [{scope_name}] unknown command '{command_name}'; valid here: {}",
                            bindable_names(scope).join(", ")
                        ));
                        continue;
                    }
                };
                let mut keys = Vec::new();
                for text in entry.keys() {
                    match Key::parse(text) {
                        Ok(k) => keys.push(k),
                        Err(e) => {
                            errors.push(format!("{origin}: [{scope_name}] {command_name}: {e}"))
                        }
                    }
                }
                self.bindings
                    .entry(scope)
                    .or_default()
                    .insert(command, keys);
            }
        }
        errors.extend(self.rebuild_lookup(origin));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn rebuild_lookup(&mut self, origin: &str) -> Vec<String> {
        let mut errors = Vec::new();
        self.lookup.clear();
        for (scope, commands) in &self.bindings {
            for (command, keys) in commands {
                for key in keys {
                    if let Some(other) = self.lookup.insert((*scope, *key), *command)
                        && other != *command
                    {
                        errors.push(format!(
                            "{origin}: [{}] key '{key}' is bound to both '{other}' and '{command}'",
                            scope.name()
                        ));
                    }
                }
            }
        }
        errors
    }

    /// The command for a key, trying the scopes from the innermost outwards.
    pub fn command_for(&self, scopes: &[Scope], key: Key) -> Option<CommandId> {
        scopes
            .iter()
            .find_map(|scope| self.lookup.get(&(*scope, key)).copied())
    }

    /// The keys bound to a command in any of the given scopes (for hints and help).
    pub fn keys_for(&self, scopes: &[Scope], command: CommandId) -> Vec<Key> {
        scopes
            .iter()
            .filter_map(|s| self.bindings.get(s).and_then(|c| c.get(&command)))
            .flatten()
            .copied()
            .collect()
    }

    pub fn first_key(&self, scopes: &[Scope], command: CommandId) -> Option<Key> {
        self.keys_for(scopes, command).into_iter().next()
    }
}

/// A command can be bound in its own scope; global commands can be bound anywhere, so a pane
/// may offer a shortcut to, say, the region picker.
fn bindable_in(command: CommandId, scope: Scope) -> bool {
    let own = command.spec().scope;
    own == scope || own == Scope::Global
}

fn bindable_names(scope: Scope) -> Vec<&'static str> {
    crate::command::COMMANDS
        .iter()
        .filter(|c| bindable_in(c.id, scope))
        .map(|c| c.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn defaults_are_valid_and_complete() {
        let mut map = Keymap::default();
        map.merge_toml(DEFAULT_KEYMAP, "default").unwrap();
        let l = [Scope::List, Scope::Global];
        assert_eq!(map.command_for(&l, key("j")), Some(CommandId::Down));
        assert_eq!(map.command_for(&l, key("down")), Some(CommandId::Down));
        assert_eq!(map.command_for(&l, key("G")), Some(CommandId::Bottom));
        assert_eq!(map.command_for(&l, key(":")), Some(CommandId::Prompt));
        assert_eq!(map.command_for(&l, key("C-c")), Some(CommandId::ForceQuit));
    }

    #[test]
    fn default_descriptions_match_the_command_table() {
        let raw: RawKeymap = toml::from_str(DEFAULT_KEYMAP).unwrap();
        for (scope, entries) in raw {
            for (name, entry) in entries {
                let Entry::Full {
                    desc: Some(desc), ..
                } = entry
                else {
                    panic!("[{scope}] {name} must have keys and desc in the default keymap");
                };
                let spec = CommandId::from_name(&name).unwrap().spec();
                assert_eq!(desc, spec.description, "[{scope}] {name}");
            }
        }
    }

    #[test]
    fn no_dangerous_command_on_a_ctrl_chord() {
        let map = Keymap::defaults();
        for (_, commands) in map.bindings {
            for (command, keys) in commands {
                if command.spec().dangerous {
                    assert!(keys.iter().all(|k| !k.ctrl), "{command} is on a Ctrl chord");
                }
            }
        }
    }

    #[test]
    fn user_file_rebinds_and_unbinds() {
        let user = "[list]\ndown = [\"n\"]\nup = []\n[global]\nhelp = \"f1\"\n";
        let (map, errors) = Keymap::with_user_file(Some(user), "keymap.toml");
        assert!(errors.is_empty(), "{errors:?}");
        let l = [Scope::List, Scope::Global];
        assert_eq!(map.command_for(&l, key("n")), Some(CommandId::Down));
        assert_eq!(map.command_for(&l, key("j")), None);
        assert_eq!(map.command_for(&l, key("k")), None);
        assert_eq!(
            map.command_for(&l, Key::plain(KeyCode::F(1))),
            Some(CommandId::Help)
        );
        assert_eq!(map.command_for(&l, key("?")), None);
        // untouched bindings survive
        assert_eq!(map.command_for(&l, key("G")), Some(CommandId::Bottom));
    }

    #[test]
    fn unknown_command_lists_valid_names_and_defaults_stay() {
        let (map, errors) =
            Keymap::with_user_file(Some("[list]\nexplode = \"x\"\n"), "keymap.toml");
        assert!(
            errors[0].contains("unknown command 'explode'"),
            "{errors:?}"
        );
        assert!(errors[0].contains("down"), "{errors:?}");
        assert_eq!(
            map.command_for(&[Scope::List], key("j")),
            Some(CommandId::Down)
        );
    }

    #[test]
    fn duplicate_binding_names_both_commands() {
        let (_, errors) = Keymap::with_user_file(Some("[list]\ntop = \"j\"\n"), "keymap.toml");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("'j'") && e.contains("down") && e.contains("top")),
            "{errors:?}"
        );
    }

    #[test]
    fn syntax_errors_and_bad_sections_are_reported() {
        let (_, errors) = Keymap::with_user_file(Some("[list\n"), "keymap.toml");
        assert!(errors[0].starts_with("keymap.toml:"), "{errors:?}");
        let (_, errors) = Keymap::with_user_file(Some("[nowhere]\nup = \"k\"\n"), "keymap.toml");
        assert!(
            errors[0].contains("unknown section [nowhere]"),
            "{errors:?}"
        );
        let (_, errors) = Keymap::with_user_file(Some("[list]\nup = \"hyper-k\"\n"), "keymap.toml");
        assert!(errors[0].contains("unknown key"), "{errors:?}");
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::command::COMMANDS;
    use proptest::prelude::*;

    const ORIGIN: &str = "keymap.toml";

    fn scope_name() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select(Scope::ALL.to_vec()).prop_map(|s| s.name().to_string()),
            1 => "[a-zA-Z!.\\- ]{0,8}",
        ]
    }

    fn command_name() -> impl Strategy<Value = String> {
        let known: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .collect();
        prop_oneof![
            4 => prop::sample::select(known).prop_map(str::to_string),
            1 => "[a-z!\\-]{0,10}",
        ]
    }

    fn key_text() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select(vec![
                "j", "k", "G", "?", "C-r", "C-c", "A-x", "S-tab", "enter", "esc", "f5", "space",
                "C-A-S-f12", "A-S-f11", "C-A-z",
            ])
            .prop_map(str::to_string),
            1 => any::<String>(),
        ]
    }

    fn entry() -> impl Strategy<Value = toml::Value> {
        let keys = || prop::collection::vec(key_text(), 0..3);
        prop_oneof![
            key_text().prop_map(toml::Value::String),
            keys().prop_map(|ks| toml::Value::Array(
                ks.into_iter().map(toml::Value::String).collect()
            )),
            keys().prop_map(|ks| {
                let mut t = toml::Table::new();
                t.insert(
                    "keys".into(),
                    toml::Value::Array(ks.into_iter().map(toml::Value::String).collect()),
                );
                toml::Value::Table(t)
            }),
            // Wrong shapes: a number, a table without keys.
            any::<i64>().prop_map(toml::Value::Integer),
            Just(toml::Value::Table(toml::Table::new())),
        ]
    }

    /// Sections of a keymap file: a scope name and its (command, entry) pairs.
    type Sections = Vec<(String, Vec<(String, toml::Value)>)>;

    /// A user keymap file: known and unknown sections, commands and keys, in any shape.
    fn keymap_file() -> impl Strategy<Value = (String, Sections)> {
        prop::collection::vec(
            (
                scope_name(),
                prop::collection::vec((command_name(), entry()), 0..4),
            ),
            0..4,
        )
        .prop_map(|sections| {
            let mut file = toml::Table::new();
            for (scope, entries) in &sections {
                let table = file
                    .entry(scope.clone())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let toml::Value::Table(t) = table {
                    for (command, entry) in entries {
                        t.insert(command.clone(), entry.clone());
                    }
                }
            }
            (toml::to_string(&file).unwrap(), sections)
        })
    }

    fn defaults_kept(map: &Keymap) -> bool {
        static DEFAULTS: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        map.bindings == DEFAULTS.get_or_init(Keymap::defaults).bindings
    }

    fn map_without(scope: Scope, key: Key) -> bool {
        static DEFAULTS: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        DEFAULTS
            .get_or_init(Keymap::defaults)
            .command_for(&[scope], key)
            .is_none()
    }

    /// Every (scope, command) pair a user file may name.
    fn bindable_pair() -> impl Strategy<Value = (Scope, CommandId)> {
        let pairs: Vec<(Scope, CommandId)> = Scope::ALL
            .iter()
            .flat_map(|&s| {
                COMMANDS
                    .iter()
                    .filter(move |c| bindable_in(c.id, s))
                    .map(move |c| (s, c.id))
            })
            .collect();
        prop::sample::select(pairs)
    }

    proptest! {
        // Each case parses the default keymap: 64 keep this quick.
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_text_gives_a_keymap_and_errors_discard_the_whole_file(text in any::<String>()) {
            let (map, errors) = Keymap::with_user_file(Some(&text), ORIGIN);
            prop_assert!(errors.iter().all(|e| e.starts_with("keymap.toml: ")), "{:?}", errors);
            if !errors.is_empty() {
                prop_assert!(errors.last().unwrap().ends_with("using the default key bindings"));
                prop_assert!(defaults_kept(&map));
            }
        }

        #[test]
        fn a_file_is_applied_whole_or_not_at_all((text, sections) in keymap_file()) {
            let (map, errors) = Keymap::with_user_file(Some(&text), ORIGIN);
            prop_assert!(errors.iter().all(|e| e.starts_with("keymap.toml: ")), "{:?}", errors);
            if !errors.is_empty() {
                prop_assert!(defaults_kept(&map), "{}\n{:?}", text, errors);
                return Ok(());
            }
            // Applied: every key written now runs its command in that scope.
            let raw: RawKeymap = toml::from_str(&text).unwrap();
            for (scope_name, entries) in &raw {
                let scope = Scope::from_name(scope_name).unwrap();
                for (command_name, entry) in entries {
                    let command = CommandId::from_name(command_name).unwrap();
                    for key in entry.keys() {
                        let key = Key::parse(key).unwrap();
                        prop_assert_eq!(map.command_for(&[scope], key), Some(command), "{}", text);
                    }
                }
            }
            prop_assert!(!sections.is_empty() || defaults_kept(&map));
        }

        #[test]
        fn any_command_can_be_unbound((scope, command) in bindable_pair()) {
            let text = format!("[{}]\n\"{}\" = []\n", scope.name(), command.name());
            let (map, errors) = Keymap::with_user_file(Some(&text), ORIGIN);
            prop_assert!(errors.is_empty(), "{:?}", errors);
            prop_assert!(map.keys_for(&[scope], command).is_empty());
            prop_assert_eq!(map.first_key(&[scope], command), None);
        }

        #[test]
        fn any_command_can_take_an_unused_key((scope, command) in bindable_pair()) {
            let key = Key::parse("C-A-S-f12").unwrap();
            prop_assume!(map_without(scope, key));
            let text = format!("[{}]\n\"{}\" = \"C-A-S-f12\"\n", scope.name(), command.name());
            let (map, errors) = Keymap::with_user_file(Some(&text), ORIGIN);
            prop_assert!(errors.is_empty(), "{:?}", errors);
            prop_assert_eq!(map.command_for(&[scope], key), Some(command));
            prop_assert_eq!(map.keys_for(&[scope], command), vec![key]);
        }
    }
}
