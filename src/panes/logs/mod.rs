//! CloudWatch Logs: log groups (server-side prefix search), a group's streams, and the tail —
//! one or several groups or streams interleaved by time, in a bounded buffer.

mod buffer;
mod groups;
mod streams;
mod tail;

pub use crate::config::parse_start;
pub use buffer::{LogBuffer, LogLine};
pub use groups::GroupsPane;
pub use streams::StreamsPane;
pub use tail::TailPane;

/// What a tail follows: a whole group, or some of its streams.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TailSource {
    pub group: String,
    /// Empty: every stream.
    pub streams: Vec<String>,
    /// The group's ARN, for Live Tail (known when opened from the groups view).
    pub arn: Option<String>,
}

impl TailSource {
    pub fn group(name: &str) -> TailSource {
        TailSource {
            group: name.to_string(),
            ..TailSource::default()
        }
    }

    /// A short label for lines from this source: the group's last path segment.
    pub fn label(&self) -> &str {
        self.group
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.group)
    }
}
