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
