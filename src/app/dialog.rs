//! Modal questions: a confirmation (y/n, or typed for irreversible actions) and a one-line
//! answer (with local path completion). While one is open it receives every key.

use super::App;
use crate::pane::{Ask, Confirm, Level};
use crate::ui::line_input::{InputEvent, LineInput};
use crossterm::event::{KeyCode, KeyEvent};

pub enum Dialog {
    Confirm(Confirm, LineInput),
    Ask(Ask, LineInput),
    /// An `Ask` for a secret: `shown` is false until Tab shows what was typed.
    Secret {
        ask: Ask,
        input: LineInput,
        shown: bool,
    },
}

impl Dialog {
    pub fn confirm(mut c: Confirm) -> Dialog {
        // A name from AWS may hold characters no one can type (controls, bidi, zero-width):
        // the confirmation must stay possible, so the word becomes `yes`.
        if let Some(expected) = &c.typed
            && crate::sanitize::has_hidden_characters(expected)
        {
            c.lines.push(format!(
                "(its name has characters that cannot be typed: {})",
                crate::sanitize::sanitize(expected)
            ));
            c.typed = Some("yes".into());
        }
        Dialog::Confirm(c, LineInput::default())
    }

    pub fn ask(a: Ask) -> Dialog {
        let input = LineInput::with_text(&a.initial);
        Dialog::Ask(a, input)
    }

    /// A secret's question: the answer starts masked and empty (no old value, no history).
    pub fn secret(ask: Ask) -> Dialog {
        Dialog::Secret {
            ask,
            input: LineInput::default(),
            shown: false,
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            Dialog::Confirm(_, input) | Dialog::Ask(_, input) | Dialog::Secret { input, .. } => {
                input.insert_str(text)
            }
        }
    }
}

impl App {
    /// A new question: a flash from an earlier key or answer (about something else, or
    /// "checking permission…" for the check that led here) no longer applies. One from the
    /// same event stays: it says why the question is asked (again).
    pub(crate) fn open_dialog(&mut self, dialog: Dialog) {
        if self.flash_event != self.event {
            self.flash = None;
        }
        self.declined = None;
        self.dialog = Some(dialog);
        self.dirty = true;
    }

    pub(crate) fn dialog_key(&mut self, key: &KeyEvent) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match dialog {
            Dialog::Confirm(c, mut input) => match (&c.typed, key.code) {
                (None, KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter) => {
                    self.apply_effects(c.on_yes)
                }
                (None, KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc) => {
                    self.tell_all_not_sent(&c.on_yes, "cancelled");
                    let said = self.declined.take().unwrap_or_else(|| "cancelled".into());
                    self.flash(Level::Info, said)
                }
                (None, _) => self.dialog = Some(Dialog::Confirm(c, input)),
                (Some(expected), _) => match input.handle(key) {
                    InputEvent::Submit if input.text() == expected => self.apply_effects(c.on_yes),
                    InputEvent::Submit => {
                        self.flash(Level::Warn, format!("type {expected} exactly to confirm"));
                        self.dialog = Some(Dialog::Confirm(c, input));
                    }
                    InputEvent::Cancel => {
                        self.tell_all_not_sent(&c.on_yes, "cancelled");
                        self.flash(Level::Info, "cancelled")
                    }
                    _ => self.dialog = Some(Dialog::Confirm(c, input)),
                },
            },
            Dialog::Ask(a, mut input) => {
                if key.code == KeyCode::Tab && a.complete_paths {
                    let completed = complete_path(input.text());
                    input.set(&completed);
                    self.dialog = Some(Dialog::Ask(a, input));
                    return;
                }
                match input.handle(key) {
                    InputEvent::Submit => {
                        let answer = input.text().trim().to_string();
                        self.apply_effects((a.on_answer)(answer));
                    }
                    InputEvent::Cancel => self.flash(Level::Info, "cancelled"),
                    _ => self.dialog = Some(Dialog::Ask(a, input)),
                }
            }
            Dialog::Secret {
                ask,
                mut input,
                mut shown,
            } => {
                if key.code == KeyCode::Tab {
                    shown = !shown;
                } else {
                    match input.handle(key) {
                        // Exactly as typed: spaces may be part of a secret.
                        InputEvent::Submit => {
                            let answer = input.text().to_string();
                            return self.apply_effects((ask.on_answer)(answer));
                        }
                        InputEvent::Cancel => return self.flash(Level::Info, "cancelled"),
                        _ => {}
                    }
                }
                self.dialog = Some(Dialog::Secret { ask, input, shown });
            }
        }
    }
}

/// Completes the last path segment as far as it is unambiguous (like a shell's Tab); a
/// directory gets its trailing `/`.
pub fn complete_path(text: &str) -> String {
    let expanded = crate::paths::expand_home(text);
    let (dir, partial) = match expanded.rfind('/') {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("./", expanded.as_str()),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "/" } else { dir }) else {
        return text.to_string();
    };
    let matches: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            name.starts_with(partial).then_some((name, is_dir))
        })
        .collect();
    let Some((first, _)) = matches.first() else {
        return text.to_string();
    };
    let mut common = first.clone();
    for (name, _) in &matches[1..] {
        while !name.starts_with(&common) {
            common.pop();
        }
    }
    let prefix = if expanded.contains('/') { dir } else { "" };
    let mut out = format!("{prefix}{common}");
    if matches.len() == 1 && matches[0].1 {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_unique_directories_and_common_prefixes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("downloads")).unwrap();
        std::fs::write(dir.path().join("data-1.csv"), "").unwrap();
        std::fs::write(dir.path().join("data-2.csv"), "").unwrap();
        let base = dir.path().display().to_string();
        assert_eq!(
            complete_path(&format!("{base}/dow")),
            format!("{base}/downloads/")
        );
        assert_eq!(
            complete_path(&format!("{base}/da")),
            format!("{base}/data-")
        );
        assert_eq!(complete_path(&format!("{base}/zz")), format!("{base}/zz"));
    }
}
