//! The state every streamed listing view shares (functions, log groups): loading, the last
//! error, and where a listing that stopped at its cap would continue.

use crate::aws::AwsError;
use crate::pane::{Effect, Level};

#[derive(Default)]
pub struct Listing {
    loading: bool,
    error: Option<String>,
    resume: Option<String>,
}

impl Listing {
    /// A listing (re)starts.
    pub fn start(&mut self) {
        self.loading = true;
        self.error = None;
        self.resume = None;
    }

    /// Where `load-more` continues, if the last listing stopped at its cap.
    pub fn resume(&self) -> Option<String> {
        self.resume.clone()
    }

    /// The listing ended; an error becomes a flash naming `what` was being listed.
    pub fn finished(
        &mut self,
        result: Result<(), AwsError>,
        resume: Option<String>,
        what: &str,
    ) -> Vec<Effect> {
        self.loading = false;
        self.resume = resume;
        match result {
            Ok(()) => Vec::new(),
            Err(e) => {
                let text = e.summary();
                self.error = Some(text.clone());
                vec![Effect::Flash(Level::Error, format!("{what}: {text}"))]
            }
        }
    }

    /// The listing's request failed without an answer (see `Pane::failed`).
    pub fn failed(&mut self, failure: &crate::protocol::Failure) {
        self.loading = false;
        self.resume = None;
        self.error = Some(failure.summary());
    }

    /// Rows are still coming.
    pub fn is_loading(&self) -> bool {
        self.loading && self.error.is_none()
    }

    /// What the table's title adds: the error, `loading…`, or that more can be loaded.
    pub fn title_suffix(&self) -> String {
        match (&self.error, self.loading) {
            (Some(e), _) => format!(" · error: {e}"),
            (None, true) => " · loading…".into(),
            (None, false) if self.resume.is_some() => " · more: m".into(),
            _ => String::new(),
        }
    }
}
