//! Uploads end when no byte has moved for a while, not when one attempt has taken long: an
//! 8 MiB part needs 80 s at 100 KB/s, which is slow but alive, while a link that stopped
//! moving is dead however young the attempt is.
//!
//! The body counts as moving each time the HTTP client takes another slice of it, which it
//! does only as the connection drains. The operating system buffers the last bytes it was
//! given, though, so once the whole body is handed over nothing shows whether those still
//! move: the answer then gets the stall limit plus the time those bytes (at most the body, at
//! most `OS_BUFFER`) take at `SLOWEST_RATE`.

use super::error::{AwsError, ErrorKind};
use aws_sdk_s3::primitives::ByteStream;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Instant;

/// The HTTP client takes the body this much at a time, so progress is seen while a part is
/// on its way and not only once it is handed over whole.
const SLICE: usize = 64 * 1024;

/// What the operating system may hold of a body it was handed (Linux sizes a send buffer up
/// to 4 MiB by default; the receiving side may hold as much again).
const OS_BUFFER: u64 = 8 * 1024 * 1024;
/// The slowest link an upload is waited for once its whole body is handed over.
const SLOWEST_RATE: u64 = 64 * 1024;

/// When bytes last moved, and whether the whole body has been handed over.
#[derive(Debug)]
pub struct Activity {
    start: Instant,
    /// Milliseconds after `start`.
    last_ms: AtomicU64,
    len: u64,
    handed_over: AtomicBool,
}

impl Activity {
    /// For a body of `len` bytes.
    pub fn new(len: u64) -> Arc<Activity> {
        Arc::new(Activity {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
            len,
            handed_over: AtomicBool::new(false),
        })
    }

    fn touch(&self) {
        let now = self.start.elapsed().as_millis() as u64;
        self.last_ms.fetch_max(now, Ordering::Relaxed);
    }

    fn idle(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.start.elapsed().saturating_sub(last)
    }

    /// How long nothing may move: `limit`, and once the body is handed over, the time its
    /// buffered end may still take.
    fn allowed(&self, limit: Duration) -> Duration {
        if self.handed_over.load(Ordering::Relaxed) {
            limit + Duration::from_secs_f64(self.len.min(OS_BUFFER) as f64 / SLOWEST_RATE as f64)
        } else {
            limit
        }
    }
}

/// `bytes` as a request body that marks `activity` as it is read. Every attempt the SDK makes
/// reads it afresh (the parts and objects uploaded here are safe to send again).
pub fn metered(bytes: Bytes, activity: &Arc<Activity>) -> ByteStream {
    let activity = activity.clone();
    ByteStream::new(SdkBody::retryable(move || {
        // A new attempt sends it all again.
        activity.handed_over.store(false, Ordering::Relaxed);
        activity.touch();
        SdkBody::from_body_1_x(Metered {
            rest: bytes.clone(),
            activity: activity.clone(),
        })
    }))
}

struct Metered {
    rest: Bytes,
    activity: Arc<Activity>,
}

impl http_body::Body for Metered {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        if self.rest.is_empty() {
            return Poll::Ready(None);
        }
        let n = self.rest.len().min(SLICE);
        let slice = self.rest.split_to(n);
        self.activity.touch();
        if self.rest.is_empty() {
            self.activity.handed_over.store(true, Ordering::Relaxed);
        }
        Poll::Ready(Some(Ok(http_body::Frame::data(slice))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.rest.len() as u64)
    }
}

/// Runs `call` until it ends, or fails it once `activity` has been idle too long.
pub async fn unless_stalled<T>(
    activity: &Activity,
    limit: Duration,
    call: impl Future<Output = Result<T, AwsError>>,
) -> Result<T, AwsError> {
    let mut call = std::pin::pin!(call);
    loop {
        let (idle, allowed) = (activity.idle(), activity.allowed(limit));
        if idle >= allowed {
            let why = if activity.handed_over.load(Ordering::Relaxed) {
                format!("all {} bytes handed over, no answer", activity.len)
            } else {
                "no bytes moved".to_string()
            };
            return Err(AwsError::new(
                ErrorKind::Timeout,
                format!("upload stalled: {why} for {} s", allowed.as_secs_f64()),
            ));
        }
        tokio::select! {
            ended = &mut call => return ended,
            () = tokio::time::sleep(allowed - idle) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A call that keeps moving for longer than the limit is `a_slow_but_moving_upload_completes`
    // in tests/it/resilience.rs: real bytes through a throttled proxy.

    #[tokio::test]
    async fn a_call_that_stops_moving_fails_after_the_limit() {
        let activity = Activity::new(1000);
        let call = std::future::pending::<Result<(), AwsError>>();
        let e = unless_stalled(&activity, Duration::from_millis(200), call)
            .await
            .expect_err("stalled");
        assert_eq!(e.kind, ErrorKind::Timeout);
        assert!(e.outcome_unknown());
        assert!(e.message.contains("no bytes moved for 0.2 s"), "{e:?}");
    }

    #[test]
    fn the_body_is_handed_over_in_slices_and_marks_activity() {
        use http_body::Body;
        let activity = Activity::new(SLICE as u64 * 2 + 5);
        let mut body = Metered {
            rest: Bytes::from(vec![0u8; SLICE * 2 + 5]),
            activity: activity.clone(),
        };
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut sizes = Vec::new();
        while let Poll::Ready(Some(Ok(frame))) = Pin::new(&mut body).poll_frame(&mut cx) {
            sizes.push(frame.into_data().map(|d| d.len()).unwrap_or(0));
        }
        assert_eq!(sizes, [SLICE, SLICE, 5]);
        assert!(body.is_end_stream());
        // Handed over: the answer may now take as long as the buffered end needs.
        let limit = Duration::from_secs(1);
        let end = Duration::from_secs_f64((SLICE as f64 * 2.0 + 5.0) / SLOWEST_RATE as f64);
        assert_eq!(activity.allowed(limit), limit + end);
    }
}
