//! The `:` prompt: a command name with an optional argument, Tab completion and fuzzy
//! suggestions for both the name and the argument (profiles, regions, themes, a resource
//! view's `@profiles`/`@regions` scopes). Names come views first, then the focused view's own
//! commands, then the rest, with the prompt's own and navigation last; commands that do not
//! apply to the focused view are not offered.

use crate::command::{self, ArgKind, CommandId, CommandSpec, Scope, VIEW_COMMANDS};
use crate::fuzzy;
use crate::ui::line_input::{InputEvent, LineInput};
use crossterm::event::{KeyCode, KeyEvent};

/// What the prompt needs to know to suggest arguments.
pub struct Candidates<'a> {
    pub profiles: Vec<&'a str>,
    pub regions: Vec<&'a str>,
    pub themes: Vec<String>,
    pub read_only: bool,
    /// The focused view's keymap scopes, `Global` included: commands of other scopes are
    /// not offered.
    pub scopes: Vec<Scope>,
}

impl Candidates<'_> {
    fn for_arg(&self, kind: ArgKind) -> Vec<String> {
        match kind {
            ArgKind::None | ArgKind::Text => Vec::new(),
            ArgKind::Profile => self.profiles.iter().map(|s| s.to_string()).collect(),
            ArgKind::Region => self.regions.iter().map(|s| s.to_string()).collect(),
            ArgKind::Theme => self.themes.clone(),
        }
    }
}

#[derive(Default)]
pub struct Prompt {
    pub input: LineInput,
    /// Whole-line suggestions ("region eu-west-1"), best first.
    pub suggestions: Vec<String>,
    pub selected: Option<usize>,
}

pub enum PromptAction {
    Stay,
    Close,
    Run(String),
}

pub const MAX_SUGGESTIONS: usize = 8;

impl Prompt {
    pub fn new(cx: &Candidates) -> Prompt {
        let mut prompt = Prompt::default();
        prompt.update_suggestions(cx);
        prompt
    }

    pub fn handle_key(&mut self, key: &KeyEvent, cx: &Candidates) -> PromptAction {
        match key.code {
            KeyCode::Tab => {
                self.complete(cx, 1);
                return PromptAction::Stay;
            }
            KeyCode::BackTab => {
                self.complete(cx, -1);
                return PromptAction::Stay;
            }
            KeyCode::Down => {
                self.move_selection(1);
                return PromptAction::Stay;
            }
            KeyCode::Up => {
                self.move_selection(-1);
                return PromptAction::Stay;
            }
            _ => {}
        }
        match self.input.handle(key) {
            InputEvent::Submit => {
                let line = match self.selected.and_then(|i| self.suggestions.get(i)) {
                    Some(chosen) => chosen.clone(),
                    None => self.input.text().trim().to_string(),
                };
                if line.is_empty() {
                    PromptAction::Close
                } else {
                    PromptAction::Run(line)
                }
            }
            InputEvent::Cancel => PromptAction::Close,
            InputEvent::Changed => {
                self.selected = None;
                self.update_suggestions(cx);
                PromptAction::Stay
            }
            InputEvent::Moved | InputEvent::Ignored => PromptAction::Stay,
        }
    }

    pub fn paste(&mut self, text: &str, cx: &Candidates) {
        self.input.insert_str(text);
        self.selected = None;
        self.update_suggestions(cx);
    }

    fn move_selection(&mut self, step: isize) {
        if self.suggestions.is_empty() {
            return;
        }
        let n = self.suggestions.len() as isize;
        let next = match self.selected {
            None if step > 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + step).rem_euclid(n),
        };
        self.selected = Some(next as usize);
    }

    /// Tab: take the selected (or first) suggestion into the line. A command that takes an
    /// argument gets a trailing space so its argument suggestions appear at once.
    fn complete(&mut self, cx: &Candidates, step: isize) {
        if self.suggestions.is_empty() {
            return;
        }
        if self.selected.is_some() || self.suggestions.len() > 1 {
            self.move_selection(step);
        } else {
            self.selected = Some(0);
        }
        let Some(chosen) = self.selected.and_then(|i| self.suggestions.get(i)).cloned() else {
            return;
        };
        let takes_arg = !chosen.contains(' ')
            && CommandId::from_name(&chosen).is_some_and(|c| c.spec().arg != ArgKind::None);
        self.input.set(&chosen);
        if takes_arg {
            self.input.insert_str(" ");
        }
        if self.suggestions.len() == 1 {
            self.selected = None;
            self.update_suggestions(cx);
        }
        // Otherwise we are cycling: the line shows the choice, the list stays to cycle through.
    }

    fn update_suggestions(&mut self, cx: &Candidates) {
        self.suggestions = suggest(self.input.text(), cx);
    }
}

/// Suggestions for a partly typed line: command names first, then the command's argument.
pub fn suggest(line: &str, cx: &Candidates) -> Vec<String> {
    let trimmed = line.trim_start();
    match trimmed.split_once(' ') {
        None => {
            let specs = offered(cx);
            // Before anything is typed, names only: aliases would crowd out the views.
            let names: Vec<&str> = if trimmed.is_empty() {
                specs.iter().map(|c| c.name).collect()
            } else {
                specs
                    .iter()
                    .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
                    .collect()
            };
            fuzzy::rank(trimmed, names.iter().copied())
                .into_iter()
                .take(MAX_SUGGESTIONS)
                .map(|i| names[i].to_string())
                .collect()
        }
        Some((name, arg)) => {
            let Some(command) = CommandId::from_name(name) else {
                return Vec::new();
            };
            if crate::panes::resource::registry::find(command).is_some() {
                return scope_suggestions(name, arg, cx);
            }
            let values = cx.for_arg(command.spec().arg);
            fuzzy::rank(arg.trim(), values.iter().map(String::as_str))
                .into_iter()
                .take(MAX_SUGGESTIONS)
                .map(|i| format!("{name} {}", values[i]))
                .collect()
        }
    }
}

/// The commands that apply here, in the order the prompt offers them (ties in a ranking keep
/// it): views, the focused view's own, other global ones, then the prompt's own and moving
/// around (`prompt`, `help`, `quit`…), which nobody types to find.
fn offered(cx: &Candidates) -> Vec<&'static CommandSpec> {
    const LAST: &[CommandId] = &[
        CommandId::Up,
        CommandId::Down,
        CommandId::Top,
        CommandId::Bottom,
        CommandId::PageUp,
        CommandId::PageDown,
        CommandId::Back,
        CommandId::Suspend,
        CommandId::Prompt,
        CommandId::Help,
        CommandId::Quit,
        CommandId::ForceQuit,
    ];
    let group = |c: &CommandSpec| match VIEW_COMMANDS.iter().position(|&v| v == c.id) {
        Some(i) => i,
        None if LAST.contains(&c.id) => VIEW_COMMANDS.len() + 2,
        None if c.scope != Scope::Global => VIEW_COMMANDS.len(),
        None => VIEW_COMMANDS.len() + 1,
    };
    let mut specs: Vec<&CommandSpec> = command::available(cx.read_only)
        .filter(|c| cx.scopes.contains(&c.scope))
        .collect();
    specs.sort_by_key(|c| group(c));
    specs
}

/// The argument of a resource view: the word being typed is a scope (`@all-regions`,
/// `@profiles`, `@regions`) or the pattern after one (a profile or region name).
fn scope_suggestions(name: &str, arg: &str, cx: &Candidates) -> Vec<String> {
    let words: Vec<&str> = arg.split(' ').collect();
    let (last, before) = words.split_last().unwrap_or((&"", &[]));
    let values: Vec<String> = match before.iter().rev().find(|w| w.starts_with('@')) {
        _ if last.starts_with('@') => Vec::new(),
        Some(&"@profiles") => cx.profiles.iter().map(|p| p.to_string()).collect(),
        Some(&"@regions") => cx.regions.iter().map(|r| r.to_string()).collect(),
        _ => Vec::new(),
    };
    let values = if values.is_empty() {
        ["@all-regions", "@profiles", "@regions"]
            .map(String::from)
            .to_vec()
    } else {
        values
    };
    let head: String = before.iter().map(|w| format!("{w} ")).collect();
    fuzzy::rank(last, values.iter().map(String::as_str))
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|i| format!("{name} {head}{}", values[i]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn cx() -> Candidates<'static> {
        Candidates {
            profiles: vec!["demo-dev", "demo-prod", "sandbox"],
            regions: crate::aws::regions::names().collect(),
            themes: vec!["default".into(), "mono".into()],
            read_only: false,
            scopes: Scope::ALL.to_vec(),
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(p: &mut Prompt, text: &str) {
        for c in text.chars() {
            p.handle_key(&key(KeyCode::Char(c)), &cx());
        }
    }

    #[test]
    fn suggests_commands_then_arguments() {
        assert_eq!(suggest("prof", &cx())[0], "profile");
        assert_eq!(suggest("profile prod", &cx()), ["profile demo-prod"]);
        assert!(suggest("region euw1", &cx()).contains(&"region eu-west-1".to_string()));
        assert!(suggest("help x", &cx()).is_empty());
    }

    #[test]
    fn an_empty_prompt_offers_the_views_first_and_its_own_commands_last() {
        let offered = suggest("", &cx());
        assert_eq!(offered[..6], ["s3", "ec2", "rds", "ddb", "lambda", "logs"]);
        let all: Vec<&str> = offered_names(&cx());
        let at = |name: &str| all.iter().position(|n| *n == name).unwrap();
        for late in ["prompt", "help", "quit"] {
            assert!(at(late) > at("theme"), "{late} after the other commands");
            assert!(
                !offered.contains(&late.to_string()),
                "{late} not among the first"
            );
        }
    }

    fn offered_names(cx: &Candidates) -> Vec<&'static str> {
        offered(cx).iter().map(|c| c.name).collect()
    }

    #[test]
    fn commands_of_other_views_are_not_offered() {
        let mut home = cx();
        home.scopes = vec![Scope::Contexts, Scope::List, Scope::Global];
        assert!(!suggest("sto", &home).contains(&"stop".to_string()));
        assert!(!offered_names(&home).contains(&"terminate"));
        assert!(offered_names(&home).contains(&"identify"));
        let mut ec2 = cx();
        ec2.scopes = vec![Scope::Ec2, Scope::Fleet, Scope::List, Scope::Global];
        assert!(suggest("sto", &ec2).contains(&"stop".to_string()));
    }

    #[test]
    fn a_resource_view_completes_its_scopes_and_their_patterns() {
        let scopes = suggest("ec2 @", &cx());
        for s in ["ec2 @all-regions", "ec2 @profiles", "ec2 @regions"] {
            assert!(scopes.contains(&s.to_string()), "{scopes:?}");
        }
        assert_eq!(suggest("s3 @prof", &cx())[0], "s3 @profiles");
        assert_eq!(
            suggest("s3 @profiles demo-p", &cx()),
            ["s3 @profiles demo-prod"]
        );
        assert!(
            suggest("rds @regions eu-we", &cx()).contains(&"rds @regions eu-west-1".to_string())
        );
        assert!(
            suggest("ec2 @profiles demo-dev @r", &cx())
                .contains(&"ec2 @profiles demo-dev @regions".to_string())
        );
    }

    #[test]
    fn tab_completes_command_then_argument() {
        let mut p = Prompt::new(&cx());
        type_text(&mut p, "profil");
        p.handle_key(&key(KeyCode::Tab), &cx());
        assert_eq!(p.input.text(), "profile ");
        type_text(&mut p, "sand");
        p.handle_key(&key(KeyCode::Tab), &cx());
        assert_eq!(p.input.text(), "profile sandbox");
        match p.handle_key(&key(KeyCode::Enter), &cx()) {
            PromptAction::Run(line) => assert_eq!(line, "profile sandbox"),
            _ => panic!("expected Run"),
        }
    }

    #[test]
    fn tab_cycles_through_several_matches() {
        let mut p = Prompt::new(&cx());
        type_text(&mut p, "profile demo");
        p.handle_key(&key(KeyCode::Tab), &cx());
        let first = p.input.text().to_string();
        p.handle_key(&key(KeyCode::Tab), &cx());
        assert_ne!(p.input.text(), first);
        assert!(p.input.text().starts_with("profile demo-"));
    }

    #[test]
    fn esc_closes_and_empty_enter_closes() {
        let mut p = Prompt::new(&cx());
        assert!(matches!(
            p.handle_key(&key(KeyCode::Esc), &cx()),
            PromptAction::Close
        ));
        assert!(matches!(
            p.handle_key(&key(KeyCode::Enter), &cx()),
            PromptAction::Close
        ));
    }
}
