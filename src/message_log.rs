//! Every message the status line has said (flashes, errors, the start problems), kept so the
//! messages view can show them in full after the status line cut or dropped them. Bounded by
//! count and by bytes, newest first; text is sanitized (newlines kept) and credentials in
//! presigned URLs masked before it is stored. A leaf: the app fills it, a view reads a copy.

use crate::level::Level;
use std::collections::VecDeque;

/// The defaults: a long session's worth of flashes, and never more memory than this.
pub const MAX_MESSAGES: usize = 200;
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Milliseconds since the epoch.
    pub at_ms: i64,
    pub level: Level,
    /// Where it was said: the active profile and region, and the view on screen.
    pub context: String,
    pub text: String,
}

impl Message {
    fn bytes(&self) -> usize {
        self.text.len() + self.context.len()
    }
}

#[derive(Clone, Debug)]
pub struct MessageLog {
    entries: VecDeque<Message>,
    bytes: usize,
    max_messages: usize,
    max_bytes: usize,
    /// Messages that were pushed out by newer ones.
    dropped: usize,
}

impl Default for MessageLog {
    fn default() -> Self {
        MessageLog::bounded(MAX_MESSAGES, MAX_BYTES)
    }
}

impl MessageLog {
    pub fn bounded(max_messages: usize, max_bytes: usize) -> MessageLog {
        MessageLog {
            entries: VecDeque::new(),
            bytes: 0,
            max_messages: max_messages.max(1),
            max_bytes,
            dropped: 0,
        }
    }

    /// Keeps `text` (sanitized, secrets masked); the oldest go when either bound is passed.
    /// A single message larger than the byte bound keeps its beginning.
    pub fn push(&mut self, at_ms: i64, level: Level, context: &str, text: &str) {
        let mut text = mask_secrets(&crate::sanitize::sanitize_multiline(text));
        let context = crate::sanitize::sanitize(context).into_owned();
        let room = self.max_bytes.saturating_sub(context.len());
        if text.len() > room {
            let note = format!("… ({} bytes, cut)", text.len());
            let mut cut = room.saturating_sub(note.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push_str(&note);
        }
        let message = Message {
            at_ms,
            level,
            context,
            text,
        };
        self.bytes += message.bytes();
        self.entries.push_front(message);
        while self.entries.len() > self.max_messages
            || (self.bytes > self.max_bytes && self.entries.len() > 1)
        {
            if let Some(old) = self.entries.pop_back() {
                self.bytes -= old.bytes();
                self.dropped += 1;
            }
        }
    }

    /// Newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Message> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

/// Query parameters of a presigned URL that let anyone act as its signer while it lasts (the
/// session token is a credential in its own right): a copied URL's flash says it once, the
/// history keeps it without them.
const SECRET_PARAMETERS: [&str; 3] = [
    "X-Amz-Security-Token=",
    "X-Amz-Signature=",
    "X-Amz-Credential=",
];

fn mask_secrets(text: &str) -> String {
    let mut out = text.to_string();
    for name in SECRET_PARAMETERS {
        let mut from = 0;
        while let Some(found) = find_ignore_case(&out[from..], name) {
            let start = from + found + name.len();
            let end = out[start..]
                .find(|c: char| c == '&' || c == '#' || c.is_whitespace())
                .map_or(out.len(), |n| start + n);
            out.replace_range(start..end, "•••");
            from = start + "•••".len();
        }
    }
    out
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(log: &MessageLog) -> Vec<&str> {
        log.iter().map(|m| m.text.as_str()).collect()
    }

    #[test]
    fn newest_first_and_bounded_by_count() {
        let mut log = MessageLog::bounded(3, 1 << 20);
        for i in 0..5 {
            log.push(i, Level::Info, "dev", &format!("m{i}"));
        }
        assert_eq!(texts(&log), ["m4", "m3", "m2"]);
        assert_eq!(log.dropped(), 2);
    }

    #[test]
    fn bounded_by_bytes_counting_text_and_context() {
        let mut log = MessageLog::bounded(100, 50);
        log.push(0, Level::Info, "ctx", &"a".repeat(20)); // 23 bytes
        log.push(1, Level::Info, "ctx", &"b".repeat(20)); // 46
        assert_eq!(log.len(), 2);
        log.push(2, Level::Error, "ctx", &"c".repeat(20)); // 69 → the oldest goes
        assert_eq!(log.len(), 2);
        assert_eq!(log.bytes(), 46);
        assert!(texts(&log)[0].starts_with('c'));
        assert!(texts(&log)[1].starts_with('b'));
    }

    #[test]
    fn a_message_larger_than_the_bound_keeps_its_beginning() {
        let mut log = MessageLog::bounded(10, 100);
        log.push(0, Level::Info, "old", "old");
        log.push(1, Level::Error, "ctx", &"é".repeat(500));
        assert_eq!(log.len(), 1, "the huge one pushes the rest out");
        let kept = texts(&log)[0];
        assert!(log.bytes() <= 100, "{}", log.bytes());
        assert!(kept.starts_with("éé"), "{kept}");
        assert!(kept.ends_with("(1000 bytes, cut)"), "{kept}");
    }

    #[test]
    fn text_is_sanitized_with_its_lines_kept() {
        let mut log = MessageLog::default();
        log.push(
            0,
            Level::Warn,
            "dev\u{1b}",
            "line one\nbad \u{1b}[31m\u{202e}x",
        );
        let m = log.iter().next().unwrap();
        assert!(m.text.starts_with("line one\nbad "), "{}", m.text);
        assert!(!m.text.contains('\u{1b}') && !m.text.contains('\u{202e}'));
        assert!(!m.context.contains('\u{1b}'));
    }

    #[test]
    fn presigned_url_credentials_never_enter_the_history() {
        let mut log = MessageLog::default();
        let url = "copied: https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256\
                   &X-Amz-Credential=AKIAEXAMPLE%2F20261123&X-Amz-Security-Token=FQoGZXIvYXdz\
                   &X-Amz-Expires=3600&x-amz-signature=abcdef0123";
        log.push(0, Level::Success, "dev", url);
        let text = &log.iter().next().unwrap().text;
        for secret in ["AKIAEXAMPLE", "FQoGZXIvYXdz", "abcdef0123"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("X-Amz-Expires=3600"), "{text}");
        assert!(text.contains("X-Amz-Credential=•••&"), "{text}");
    }
}
