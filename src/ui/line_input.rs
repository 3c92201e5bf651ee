//! A one-line text field for the prompt and filters: the usual readline keys, paste without
//! newlines (a pasted newline must never act as Enter).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in chars.
    cursor: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputEvent {
    Changed,
    Moved,
    Submit,
    Cancel,
    /// Not a key the field handles (Tab, Up, …): the owner may use it.
    Ignored,
}

impl LineInput {
    pub fn with_text(text: &str) -> LineInput {
        let mut input = LineInput::default();
        input.set(text);
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set(&mut self, text: &str) {
        self.text = single_line(text);
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.set("");
    }

    pub fn insert_str(&mut self, text: &str) {
        let clean = single_line(text);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn handle(&mut self, key: &KeyEvent) -> InputEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => InputEvent::Submit,
            KeyCode::Esc => InputEvent::Cancel,
            KeyCode::Char('c') if ctrl => InputEvent::Cancel,
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                InputEvent::Changed
            }
            KeyCode::Char('w') if ctrl => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
                InputEvent::Changed
            }
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(self.len()),
            KeyCode::Char(c) if !ctrl => {
                self.insert_str(c.encode_utf8(&mut [0; 4]));
                InputEvent::Changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let (a, b) = (self.byte_at(self.cursor - 1), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor -= 1;
                InputEvent::Changed
            }
            KeyCode::Delete if self.cursor < self.len() => {
                let (a, b) = (self.byte_at(self.cursor), self.byte_at(self.cursor + 1));
                self.text.replace_range(a..b, "");
                InputEvent::Changed
            }
            KeyCode::Backspace | KeyCode::Delete => InputEvent::Moved,
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to((self.cursor + 1).min(self.len())),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.len()),
            _ => InputEvent::Ignored,
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn move_to(&mut self, cursor: usize) -> InputEvent {
        self.cursor = cursor;
        InputEvent::Moved
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode, m: KeyModifiers) -> InputEvent {
        input.handle(&KeyEvent::new(code, m))
    }

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        for c in text.chars() {
            press(&mut input, KeyCode::Char(c), KeyModifiers::NONE);
        }
        input
    }

    #[test]
    fn typing_editing_and_words() {
        let mut input = typed("profile prod");
        assert_eq!(input.text(), "profile prod");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.text(), "profile ");
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        press(&mut input, KeyCode::Home, KeyModifiers::NONE);
        press(&mut input, KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(input.text(), "xprofile");
        assert_eq!(
            press(&mut input, KeyCode::Enter, KeyModifiers::NONE),
            InputEvent::Submit
        );
        assert_eq!(
            press(&mut input, KeyCode::Tab, KeyModifiers::NONE),
            InputEvent::Ignored
        );
    }

    #[test]
    fn unicode_is_edited_by_character() {
        let mut input = typed("東京");
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(input.text(), "東");
    }

    #[test]
    fn paste_never_carries_newlines_or_controls() {
        let mut input = LineInput::default();
        input.insert_str("a\nb\x1b[31m");
        assert_eq!(input.text(), "a b[31m");
    }
}
