//! The tail's bounded buffer: lines kept in timestamp order (late events slot in where they
//! belong, so several groups interleave), the oldest dropped — and counted — past either cap:
//! a number of lines, and the bytes of their messages (100,000 lines of 256 KB would be 25 GB).
//! Lines are addressed by sequence number, which stays valid while older lines are dropped.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// One event as kept: 32 bytes plus the message. Messages are stored raw and sanitized when
/// drawn, copied or saved, so only the few lines on screen pay for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub timestamp_ms: i64,
    /// Index of the tailed source (group) it came from.
    pub source: u16,
    /// Index into the buffer's stream names.
    pub stream: u32,
    pub message: Box<str>,
}

pub struct LogBuffer {
    lines: VecDeque<LogLine>,
    cap: usize,
    /// The most message bytes kept (the newest line is kept whatever its size).
    cap_bytes: usize,
    /// The message bytes of the lines kept.
    bytes: usize,
    /// The sequence number of `lines[0]`: every line ever dropped or cleared.
    first: u64,
    /// Lines dropped because the buffer was full (a restart clears the count).
    dropped: u64,
    streams: Vec<Arc<str>>,
    stream_ids: HashMap<Arc<str>, u32>,
}

impl LogBuffer {
    pub fn new(cap: usize, cap_bytes: usize) -> LogBuffer {
        LogBuffer {
            lines: VecDeque::new(),
            cap: cap.max(1),
            cap_bytes: cap_bytes.max(1),
            bytes: 0,
            first: 0,
            dropped: 0,
            streams: Vec::new(),
            stream_ids: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    pub fn cap_bytes(&self) -> usize {
        self.cap_bytes
    }

    /// The message bytes of the lines kept: never above `cap_bytes` but for one line.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Lines dropped because the buffer was full.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Sequence number of the oldest line kept.
    pub fn first_seq(&self) -> u64 {
        self.first
    }

    /// One past the newest line's sequence number.
    pub fn end_seq(&self) -> u64 {
        self.first + self.lines.len() as u64
    }

    pub fn get(&self, seq: u64) -> Option<&LogLine> {
        let index = seq.checked_sub(self.first)?;
        self.lines.get(usize::try_from(index).ok()?)
    }

    pub fn stream_name(&self, id: u32) -> &str {
        self.streams.get(id as usize).map_or("", |s| s)
    }

    /// Interns a stream name (there are few streams and very many lines).
    pub fn stream_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.stream_ids.get(name) {
            return id;
        }
        let id = self.streams.len() as u32;
        let name: Arc<str> = Arc::from(name);
        self.streams.push(name.clone());
        self.stream_ids.insert(name, id);
        id
    }

    /// Adds a line in timestamp order (after lines with the same time); returns its sequence
    /// number, or `None` when it was older than everything kept in a full buffer (dropped at
    /// once, and counted). Past either cap the oldest lines go, as many as it takes.
    pub fn insert(&mut self, line: LogLine) -> Option<u64> {
        let at = if self
            .lines
            .back()
            .is_none_or(|last| last.timestamp_ms <= line.timestamp_ms)
        {
            self.lines.len()
        } else {
            self.lines
                .partition_point(|l| l.timestamp_ms <= line.timestamp_ms)
        };
        let full = self.lines.len() >= self.cap
            || self.bytes.saturating_add(line.message.len()) > self.cap_bytes;
        if full && at == 0 && !self.lines.is_empty() {
            self.dropped += 1;
            return None;
        }
        self.bytes += line.message.len();
        self.lines.insert(at, line);
        // Dropping the front moves both the index and the base by one: the number holds.
        let seq = self.first + at as u64;
        while self.lines.len() > 1 && (self.lines.len() > self.cap || self.bytes > self.cap_bytes) {
            if let Some(gone) = self.lines.pop_front() {
                self.bytes -= gone.message.len();
            }
            self.first += 1;
            self.dropped += 1;
        }
        (seq >= self.first).then_some(seq)
    }

    /// Empties the buffer for a new start. Sequence numbers go on (nothing that pointed at
    /// an old line can point at a new one); the dropped count starts again.
    pub fn clear(&mut self) {
        self.first += self.lines.len() as u64;
        self.dropped = 0;
        self.bytes = 0;
        self.lines.clear();
    }

    /// Sequence numbers from `from` (inclusive) in direction `forward` whose message contains
    /// `needle` (ASCII case-insensitive); the first such line.
    pub fn find(&self, from: u64, forward: bool, needle: &str) -> Option<u64> {
        if needle.is_empty() || self.lines.is_empty() {
            return None;
        }
        let needle = needle.to_ascii_lowercase();
        let hit = |l: &LogLine| contains_ignore_ascii_case(&l.message, &needle);
        let start = from.clamp(self.first_seq(), self.end_seq() - 1);
        let index = (start - self.first) as usize;
        if forward {
            (index..self.lines.len())
                .find(|&i| hit(&self.lines[i]))
                .map(|i| self.first + i as u64)
        } else {
            (0..=index)
                .rev()
                .find(|&i| hit(&self.lines[i]))
                .map(|i| self.first + i as u64)
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &LogLine> {
        self.lines.iter()
    }
}

/// `needle` must already be lower case.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if h.len() < n.len() {
        return false;
    }
    // Only where the first byte matches (in either case) is the rest compared: a search over
    // a full buffer touches each byte about once.
    let (first, rest) = (n[0], &n[1..]);
    let first_upper = first.to_ascii_uppercase();
    (0..=h.len() - n.len()).any(|i| {
        (h[i] == first || h[i] == first_upper) && h[i + 1..i + n.len()].eq_ignore_ascii_case(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restart_is_not_counted_as_dropped_and_old_numbers_stay_invalid() {
        let mut b = LogBuffer::new(10, usize::MAX);
        for t in 0..5 {
            b.insert(line(t, 0, "x"));
        }
        let old = b.first_seq();
        b.clear();
        assert_eq!(b.dropped(), 0);
        assert!(b.get(old).is_none());
        let seq = b.insert(line(9, 0, "new")).unwrap();
        assert_eq!(b.get(seq).map(|l| &*l.message), Some("new"));
        assert!(seq > old + 4, "a new line never takes an old number");
    }

    #[test]
    fn a_line_too_old_for_a_full_buffer_is_counted_without_shifting_numbers() {
        let mut b = LogBuffer::new(2, usize::MAX);
        let a = b.insert(line(5, 0, "a")).unwrap();
        b.insert(line(6, 0, "b")).unwrap();
        assert_eq!(b.insert(line(1, 0, "too old")), None);
        assert_eq!(b.dropped(), 1);
        assert_eq!(b.get(a).map(|l| &*l.message), Some("a"));
    }

    fn line(ts: i64, source: u16, text: &str) -> LogLine {
        LogLine {
            timestamp_ms: ts,
            source,
            stream: 0,
            message: text.into(),
        }
    }

    fn texts(b: &LogBuffer) -> Vec<&str> {
        b.iter().map(|l| &*l.message).collect()
    }

    #[test]
    fn late_lines_slot_in_by_time() {
        let mut b = LogBuffer::new(10, usize::MAX);
        b.insert(line(10, 0, "a10"));
        b.insert(line(30, 0, "a30"));
        b.insert(line(20, 1, "b20"));
        b.insert(line(30, 1, "b30"));
        b.insert(line(5, 1, "b5"));
        assert_eq!(texts(&b), ["b5", "a10", "b20", "a30", "b30"]);
    }

    #[test]
    fn a_full_buffer_drops_the_oldest_and_counts() {
        let mut b = LogBuffer::new(3, usize::MAX);
        for ts in 0..5 {
            b.insert(line(ts, 0, &ts.to_string()));
        }
        assert_eq!(texts(&b), ["2", "3", "4"]);
        assert_eq!(b.dropped(), 2);
        assert_eq!(b.first_seq(), 2);
        assert_eq!(b.get(3).map(|l| &*l.message), Some("3"));
        assert_eq!(b.get(1), None);
        // Older than everything kept: dropped at once, still counted.
        assert_eq!(b.insert(line(-1, 0, "old")), None);
        assert_eq!(b.dropped(), 3);
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn big_lines_are_bounded_by_bytes_not_only_by_count() {
        // 100,000 lines would be allowed; 1 MB of messages is not.
        let mut b = LogBuffer::new(100_000, 1_000_000);
        let big = "x".repeat(256 * 1024);
        for ts in 0..10 {
            b.insert(line(ts, 0, &big));
        }
        assert_eq!(b.len(), 3, "three 256 KB lines fit in 1 MB");
        assert!(b.bytes() <= 1_000_000);
        assert_eq!(b.bytes(), 3 * big.len());
        assert_eq!(b.dropped(), 7);
        assert_eq!(b.first_seq(), 7);
        // Small lines fill the room the big ones leave, oldest big ones going first.
        for ts in 10..20 {
            b.insert(line(ts, 0, "small"));
        }
        assert_eq!(b.len(), 13);
        // A late big line older than all kept in a full buffer goes at once.
        assert_eq!(b.insert(line(-1, 0, &big)), None);
        assert_eq!(b.dropped(), 8);
        assert!(b.bytes() <= 1_000_000);
    }

    #[test]
    fn a_line_bigger_than_the_byte_cap_is_kept_alone() {
        let mut b = LogBuffer::new(10, 100);
        b.insert(line(1, 0, "a"));
        let seq = b.insert(line(2, 0, &"y".repeat(500))).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(b.get(seq).map(|l| l.message.len()), Some(500));
        b.insert(line(3, 0, "z"));
        assert_eq!(texts(&b), ["z"]);
        assert_eq!(b.bytes(), 1);
        b.clear();
        assert_eq!(b.bytes(), 0);
    }

    #[test]
    fn search_goes_both_ways_ignoring_case() {
        let mut b = LogBuffer::new(10, usize::MAX);
        for (i, t) in ["ok", "ERROR one", "ok", "error two", "ok"]
            .iter()
            .enumerate()
        {
            b.insert(line(i as i64, 0, t));
        }
        assert_eq!(b.find(4, false, "error"), Some(3));
        assert_eq!(b.find(2, false, "error"), Some(1));
        assert_eq!(b.find(2, true, "ERROR"), Some(3));
        assert_eq!(b.find(4, true, "error"), None);
        assert_eq!(b.find(0, true, ""), None);
    }

    #[test]
    fn streams_are_interned() {
        let mut b = LogBuffer::new(1, usize::MAX);
        assert_eq!(b.stream_id("a"), 0);
        assert_eq!(b.stream_id("b"), 1);
        assert_eq!(b.stream_id("a"), 0);
        assert_eq!(b.stream_name(1), "b");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever arrives, in whatever order: both caps hold (one oversized line aside), the
        /// byte count is the messages' bytes, and every line is either kept or counted dropped.
        #[test]
        fn both_caps_hold_and_every_line_is_accounted_for(
            cap in 1usize..20,
            cap_bytes in 1usize..400,
            lines in prop::collection::vec((0i64..50, 0usize..120), 0..80),
        ) {
            let mut b = LogBuffer::new(cap, cap_bytes);
            for (ts, size) in &lines {
                b.insert(LogLine { timestamp_ms: *ts, source: 0, stream: 0, message: "m".repeat(*size).into() });
                let sum: usize = b.iter().map(|l| l.message.len()).sum();
                prop_assert_eq!(b.bytes(), sum);
                prop_assert!(b.len() <= cap);
                prop_assert!(b.bytes() <= cap_bytes || b.len() == 1);
                let times: Vec<i64> = b.iter().map(|l| l.timestamp_ms).collect();
                prop_assert!(times.windows(2).all(|w| w[0] <= w[1]));
            }
            prop_assert_eq!(b.len() as u64 + b.dropped(), lines.len() as u64);
        }
    }
}
