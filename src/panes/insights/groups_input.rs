//! The log groups typed in place (`G`), space-separated, with Tab completing the word under
//! the cursor's end against the context's groups. The names come from one DescribeLogGroups
//! page asked for that word's prefix; the view never waits for it, and an answer for a word
//! that has since changed is dropped.

use crate::ui::line_input::LineInput;

pub struct GroupsInput {
    pub input: LineInput,
    /// The prefix whose names were asked and not answered yet.
    pub asked: Option<String>,
    /// The names that matched the last answered prefix when more than one did.
    pub choices: Vec<String>,
}

impl GroupsInput {
    pub fn new(groups: &[String]) -> GroupsInput {
        let mut text = groups.join(" ");
        if !text.is_empty() {
            text.push(' ');
        }
        GroupsInput {
            input: LineInput::with_text(&text),
            asked: None,
            choices: Vec::new(),
        }
    }

    /// The word being typed: what follows the last space.
    pub fn word(&self) -> &str {
        let text = self.input.text();
        text.rsplit(' ').next().unwrap_or(text)
    }

    pub fn groups(&self) -> Vec<String> {
        self.input
            .text()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// Fills in what the names of `prefix` agree on. Returns false when the answer is stale
    /// (the word changed since it was asked) and nothing was touched.
    pub fn complete(&mut self, prefix: &str, names: Vec<String>) -> bool {
        if self.asked.as_deref() != Some(prefix) || self.word() != prefix {
            return false;
        }
        self.asked = None;
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| n.starts_with(prefix))
            .collect();
        let Some(first) = names.first() else {
            self.choices.clear();
            return true;
        };
        let common = names.iter().fold(first.clone(), |common, name| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        });
        let text = self.input.text();
        let head = &text[..text.len() - prefix.len()];
        let mut line = format!("{head}{common}");
        if names.len() == 1 {
            line.push(' ');
            self.choices.clear();
        } else {
            self.choices = names;
        }
        self.input.set(&line);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn completes_the_last_word_to_one_name_or_the_common_prefix() {
        let mut g = GroupsInput::new(&names(&["/app"]));
        g.input.insert_str("/aws/la");
        g.asked = Some("/aws/la".into());
        assert!(g.complete(
            "/aws/la",
            names(&["/aws/lambda/orders", "/aws/lambda/ordersync"])
        ));
        assert_eq!(g.input.text(), "/app /aws/lambda/orders");
        assert_eq!(g.choices.len(), 2);
        g.asked = Some("/aws/lambda/orders".into());
        assert!(g.complete("/aws/lambda/orders", names(&["/aws/lambda/orders"])));
        assert_eq!(g.input.text(), "/app /aws/lambda/orders ");
        assert_eq!(g.groups(), names(&["/app", "/aws/lambda/orders"]));
    }

    #[test]
    fn an_answer_for_an_older_word_is_dropped() {
        let mut g = GroupsInput::new(&[]);
        g.input.insert_str("/a");
        g.asked = Some("/a".into());
        g.input.insert_str("pp");
        assert!(!g.complete("/a", names(&["/abc"])));
        assert_eq!(g.input.text(), "/app");
    }
}
