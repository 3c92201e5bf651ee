//! Calls that must not happen twice (docs/reliability.md lists which and why): they go out
//! with SDK retries off, and when their answer is lost the resource is re-read instead of
//! resending the call or guessing.

use super::error::AwsError;
use std::future::Future;

/// A per-call config override for the SDK crate `$sdk` that sends the call exactly once:
/// after a lost answer the SDK would send it again, and a second one is not the user's
/// decision. Used as `.customize().config_override(once!(aws_sdk_rds))`.
macro_rules! once {
    ($sdk:ident) => {
        $sdk::config::Builder::default()
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
    };
}
pub(crate) use once;

/// How a call that is sent once ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent<T> {
    /// AWS answered.
    Answered(T),
    /// The answer was lost (timeout, reset, 5xx) but a re-read shows the call took effect.
    FoundApplied(T),
}

impl<T> Sent<T> {
    pub fn value(&self) -> &T {
        match self {
            Sent::Answered(v) | Sent::FoundApplied(v) => v,
        }
    }

    pub fn found_applied(&self) -> bool {
        matches!(self, Sent::FoundApplied(_))
    }

    /// What the view adds after "done" when only a re-read could tell.
    pub fn note(&self) -> &'static str {
        match self {
            Sent::Answered(_) => "",
            Sent::FoundApplied(_) => " (its answer was lost; a re-read shows it done, sent once)",
        }
    }
}

/// Reads as the value: views that only show it need not care how it was learnt.
impl<T> std::ops::Deref for Sent<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.value()
    }
}

/// `sent`, or — when its answer was lost — what `reread` finds: `Some(value)` if the call took
/// effect, `None` if not (yet). Refusals are returned as they are: nothing to re-read.
pub async fn or_reread<T, R>(
    sent: Result<T, AwsError>,
    reread: impl FnOnce() -> R,
) -> Result<Sent<T>, AwsError>
where
    R: Future<Output = Result<Option<T>, AwsError>>,
{
    let lost = match sent {
        Ok(value) => return Ok(Sent::Answered(value)),
        Err(e) if e.outcome_unknown() => e,
        Err(e) => return Err(e),
    };
    match reread().await {
        Ok(Some(value)) => Ok(Sent::FoundApplied(value)),
        Ok(None) => Err(AwsError {
            message: format!(
                "{} (not sent again; a re-read does not show it done yet)",
                lost.message
            ),
            ..lost
        }),
        Err(again) => Err(AwsError {
            message: format!(
                "{} (not sent again; the re-read failed too: {})",
                lost.message,
                again.summary()
            ),
            ..lost
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ErrorKind;

    fn lost() -> AwsError {
        AwsError::new(ErrorKind::Timeout, "no answer")
    }

    #[tokio::test]
    async fn an_answer_needs_no_re_read() {
        let sent = or_reread(Ok(1), || async { panic!("not re-read") }).await;
        assert_eq!(sent, Ok(Sent::Answered(1)));
    }

    #[tokio::test]
    async fn a_refusal_is_not_re_read() {
        let denied = AwsError::new(ErrorKind::AccessDenied, "no");
        let sent: Result<Sent<i32>, _> =
            or_reread(Err(denied.clone()), || async { panic!("not re-read") }).await;
        assert_eq!(sent, Err(denied));
    }

    #[tokio::test]
    async fn a_lost_answer_is_settled_by_the_re_read() {
        let sent = or_reread(Err(lost()), || async { Ok(Some(7)) }).await;
        assert_eq!(sent, Ok(Sent::FoundApplied(7)));
        let sent: Result<Sent<i32>, _> = or_reread(Err(lost()), || async { Ok(None) }).await;
        let e = sent.expect_err("not found");
        assert!(e.outcome_unknown(), "still unknown: it may land later");
        assert!(e.message.contains("does not show it done"), "{e:?}");
        let sent: Result<Sent<i32>, _> = or_reread(Err(lost()), || async {
            Err(AwsError::new(ErrorKind::Network, "down"))
        })
        .await;
        assert!(sent.unwrap_err().message.contains("re-read failed too"));
    }
}
