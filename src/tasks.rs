//! Counting background tasks, so an exiting app can wait (a bounded time) for the ones that
//! must not be cut short: requests writing their audit lines, and clean-up calls such as
//! aborting a multipart upload that a cancelled transfer left behind.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use tokio::sync::Notify;

/// Tasks spawned through it, counted while they run. Cheap to clone.
#[derive(Clone, Default)]
pub struct TaskCount(Arc<Shared>);

#[derive(Default)]
struct Shared {
    running: AtomicUsize,
    settled: Notify,
}

/// Counts one task until dropped: also when the runtime drops the task unfinished.
struct Running(Arc<Shared>);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.running.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.settled.notify_waiters();
        }
    }
}

impl TaskCount {
    /// Spawns `work` on the current tokio runtime; without one (a plain thread) it is dropped.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        self.0.running.fetch_add(1, Ordering::SeqCst);
        let running = Running(self.0.clone());
        runtime.spawn(async move {
            let _running = running;
            work.await;
        });
    }

    pub fn running(&self) -> usize {
        self.0.running.load(Ordering::SeqCst)
    }

    /// Resolves once no counted task is running.
    pub async fn settled(&self) {
        loop {
            let notified = self.0.settled.notified();
            tokio::pin!(notified);
            // Registered before the count is read, so a task ending in between still wakes us.
            notified.as_mut().enable();
            if self.running() == 0 {
                return;
            }
            notified.await;
        }
    }
}

/// Clean-up calls made after the fact (an `AbortMultipartUpload` for a dropped upload): the
/// exit waits for them.
pub fn cleanup() -> &'static TaskCount {
    static CLEANUP: LazyLock<TaskCount> = LazyLock::new(TaskCount::default);
    &CLEANUP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn settles_when_the_last_task_ends() {
        let count = TaskCount::default();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        count.spawn(async move {
            let _ = rx.await;
        });
        assert_eq!(count.running(), 1);
        let waiter = tokio::spawn({
            let count = count.clone();
            async move { count.settled().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "the task still runs");
        tx.send(()).unwrap();
        waiter.await.unwrap();
        assert_eq!(count.running(), 0);
    }

    #[test]
    fn a_task_its_runtime_drops_unfinished_stops_counting() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let count = TaskCount::default();
        runtime.block_on(async { count.spawn(std::future::pending()) });
        assert_eq!(count.running(), 1);
        drop(runtime);
        assert_eq!(count.running(), 0);
    }
}
