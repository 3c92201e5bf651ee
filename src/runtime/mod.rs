//! Runs every AWS request as its own tokio task and routes the answer back as a message tagged
//! with the request id and the context generation. Requests are cancelled when superseded, when
//! their pane is closed, or when the context switches; any reply that still slips through after
//! that is recognised as stale and dropped.

mod across_ops;
mod ddb_export;
mod dynamodb_ops;
mod ec2_ops;
mod lambda_ops;
mod logs_ops;
mod mutation;
mod ops;
mod rds_ops;
mod s3_prefix;
mod transfer;

pub use across_ops::{AcrossKind, AcrossOp, AcrossOutcome, Listed};
pub use ddb_export::{ExportFormat, ExportJob};
pub use dynamodb_ops::{DdbOp, DdbOutcome, ItemSource};
pub use ec2_ops::{Ec2Op, Ec2Outcome, PAGE_SIZE as EC2_PAGE_SIZE};
pub use lambda_ops::{FUNCTION_CAP as LAMBDA_FUNCTION_CAP, LambdaOp, LambdaOutcome};
pub use logs_ops::{LogsOp, LogsOutcome, PollSource};
pub use ops::{
    DeletePlan, DeleteTally, DownloadJob, DownloadReport, OneTimeCode, Op, Outcome, PrefixCount,
    TransferProgress, UploadJob,
};
pub use rds_ops::{RdsOp, RdsOutcome};

use crate::aws::Adapters;
use crate::msg::Msg;
use futures::FutureExt;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

pub type ReqId = u64;

/// Who receives the answer: the app itself (header, profile list) or one open pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    App,
    Pane(PaneId),
}

/// Identity of one open pane instance: closing and reopening a pane gives a new id, so replies
/// meant for the old one can never reach the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaneId(pub u64);

#[derive(Debug)]
pub struct Request {
    pub owner: Owner,
    /// Requests with the same owner and slot supersede each other: only the newest may answer.
    pub slot: Option<&'static str>,
    pub op: Op,
    /// The user already confirmed this write by typing (a policy asking for typed
    /// confirmation does not ask again).
    pub confirmed: bool,
}

impl Request {
    pub fn new(owner: Owner, op: Op) -> Request {
        Request {
            owner,
            slot: None,
            op,
            confirmed: false,
        }
    }

    pub fn confirmed(mut self) -> Request {
        self.confirmed = true;
        self
    }

    pub fn in_slot(mut self, slot: &'static str) -> Request {
        self.slot = Some(slot);
        self
    }
}

#[derive(Debug)]
pub struct Reply {
    pub id: ReqId,
    pub generation: u64,
    pub owner: Owner,
    pub outcome: Outcome,
    /// False for intermediate answers (a page of a listing, transfer progress); the request
    /// stays in flight until its last answer.
    pub last: bool,
}

/// Lets a long request answer several times before it finishes (pages, progress).
#[derive(Clone)]
pub struct Progress {
    tx: UnboundedSender<Msg>,
    id: ReqId,
    generation: u64,
    owner: Owner,
}

impl Progress {
    pub fn send(&self, outcome: Outcome) {
        let _ = self.tx.send(Msg::Aws(Box::new(Reply {
            id: self.id,
            generation: self.generation,
            owner: self.owner,
            outcome,
            last: false,
        })));
    }
}

struct InFlight {
    owner: Owner,
    slot: Option<&'static str>,
    generation: u64,
    cancel: CancellationToken,
}

/// How many requests are in flight, readable from outside the loop (scripted test input waits
/// for zero before typing the next key, which makes runs deterministic).
#[derive(Clone, Default)]
pub struct IdleProbe(Arc<AtomicUsize>);

impl IdleProbe {
    pub fn is_idle(&self) -> bool {
        self.0.load(Ordering::SeqCst) == 0
    }
}

pub struct Runtime {
    adapters: Adapters,
    audit: crate::audit::AuditLog,
    /// Account ids by profile, as the app resolved them, for the audit log.
    accounts: HashMap<Option<String>, String>,
    probe: IdleProbe,
    tx: UnboundedSender<Msg>,
    inflight: HashMap<ReqId, InFlight>,
    next_id: ReqId,
}

impl Runtime {
    pub fn new(adapters: Adapters, tx: UnboundedSender<Msg>) -> Runtime {
        Runtime {
            adapters,
            audit: crate::audit::AuditLog::default(),
            accounts: HashMap::new(),
            probe: IdleProbe::default(),
            tx,
            inflight: HashMap::new(),
            next_id: 1,
        }
    }

    /// Where calls that change something are recorded.
    pub fn set_audit_log(&mut self, audit: crate::audit::AuditLog) {
        self.audit = audit;
    }

    pub fn audit_log(&self) -> &crate::audit::AuditLog {
        &self.audit
    }

    /// The account a profile resolved to (audit lines name it).
    pub fn set_account(&mut self, profile: Option<String>, account: String) {
        self.accounts.insert(profile, account);
    }

    pub fn adapters(&self) -> &Adapters {
        &self.adapters
    }

    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    pub fn idle_probe(&self) -> IdleProbe {
        self.probe.clone()
    }

    fn publish_count(&self) {
        self.probe.0.store(self.inflight.len(), Ordering::SeqCst);
    }

    pub fn spawn(&mut self, request: Request, generation: u64) -> ReqId {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(slot) = request.slot {
            self.cancel_where(|f| f.owner == request.owner && f.slot == Some(slot));
        }
        let cancel = CancellationToken::new();
        self.inflight.insert(
            id,
            InFlight {
                owner: request.owner,
                slot: request.slot,
                generation,
                cancel: cancel.clone(),
            },
        );
        let tx = self.tx.clone();
        let adapters = self.adapters.clone();
        let owner = request.owner;
        let op = request.op;
        let audit = op.mutation().map(|m| {
            let account = self.accounts.get(&m.ctx.profile).cloned();
            (self.audit.clone(), m, account)
        });
        self.publish_count();
        tracing::debug!(id, ?op, "request");
        let progress = Progress {
            tx: tx.clone(),
            id,
            generation,
            owner,
        };
        tokio::spawn(async move {
            // A panic in one request must not take the app down: it becomes an error reply.
            let work = AssertUnwindSafe(ops::execute(op, adapters, progress)).catch_unwind();
            let outcome = tokio::select! {
                _ = cancel.cancelled() => None,
                result = work => Some(result.unwrap_or_else(|panic| Outcome::Crashed(panic_message(&*panic)))),
            };
            // Recorded before the answer is sent, so whoever reads the answer finds the line.
            if let Some((log, mutation, account)) = audit {
                record(log, mutation, account, outcome.as_ref()).await;
            }
            let Some(outcome) = outcome else {
                return;
            };
            let _ = tx.send(Msg::Aws(Box::new(Reply {
                id,
                generation,
                owner,
                outcome,
                last: true,
            })));
        });
        id
    }

    /// Whether a reply is still wanted. The last reply of a request retires it.
    pub fn accept(&mut self, reply: &Reply, generation: u64) -> bool {
        let current = reply.generation == generation;
        if !reply.last {
            return current
                && self
                    .inflight
                    .get(&reply.id)
                    .is_some_and(|f| f.generation == generation);
        }
        let wanted = match self.inflight.remove(&reply.id) {
            Some(f) => current && f.generation == generation,
            None => false,
        };
        self.publish_count();
        wanted
    }

    pub fn cancel_slot(&mut self, owner: Owner, slot: &'static str) {
        self.cancel_where(|f| f.owner == owner && f.slot == Some(slot));
    }

    pub fn cancel_owner(&mut self, owner: Owner) {
        self.cancel_where(|f| f.owner == owner);
    }

    /// Called on a context switch: nothing started for the old context may answer.
    pub fn cancel_all(&mut self) {
        self.cancel_where(|_| true);
    }

    pub fn in_flight(&self) -> usize {
        self.inflight.len()
    }

    fn cancel_where(&mut self, doomed: impl Fn(&InFlight) -> bool) {
        self.inflight.retain(|_, f| {
            if doomed(f) {
                f.cancel.cancel();
                false
            } else {
                true
            }
        });
        self.publish_count();
    }
}

/// One audit line for a finished (or abandoned) call that changes something.
async fn record(
    log: crate::audit::AuditLog,
    mutation: crate::audit::Mutation,
    account: Option<String>,
    outcome: Option<&Outcome>,
) {
    let (result, detail) = match outcome {
        Some(outcome) => mutation::result_of(outcome),
        None => (crate::audit::Outcome::Cancelled, None),
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let entry = crate::audit::Entry::new(mutation, account, result, detail, now_ms);
    let written = off_task(move || log.append(&entry).map_err(|e| e.to_string())).await;
    if let Err(e) = written {
        tracing::warn!("audit log: {}", crate::sanitize::for_log(&e));
    }
}

/// Local file work on a blocking thread, never on the async workers; a panic there becomes an
/// error message.
async fn off_task<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::fake::{FakeSts, adapters};
    use crate::aws::model::Identity;
    use crate::aws::sts::StsApi;
    use crate::aws::{AwsError, ContextKey};
    use futures::future::BoxFuture;
    use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

    fn ctx(profile: &str) -> ContextKey {
        ContextKey {
            profile: Some(profile.into()),
            region: "us-east-1".into(),
        }
    }

    fn runtime(a: Adapters) -> (Runtime, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        (Runtime::new(a, tx), rx)
    }

    async fn next_reply(rx: &mut UnboundedReceiver<Msg>) -> Reply {
        match rx.recv().await {
            Some(Msg::Aws(reply)) => *reply,
            other => panic!("expected a reply, got {other:?}"),
        }
    }

    fn identity_request(profile: &str) -> Request {
        Request::new(Owner::App, Op::CallerIdentity(ctx(profile)))
    }

    #[tokio::test]
    async fn a_reply_from_before_a_context_switch_is_dropped() {
        let (mut rt, mut rx) = runtime(adapters(FakeSts::default().with("a", "1", "user/a")));
        rt.spawn(identity_request("a"), 0);
        let reply = next_reply(&mut rx).await;
        // The switch happens after the task answered but before the loop handled the answer.
        rt.cancel_all();
        assert!(!rt.accept(&reply, 1));
        assert!(rt.idle_probe().is_idle());
    }

    #[tokio::test]
    async fn a_superseded_request_cannot_answer() {
        let (mut rt, mut rx) = runtime(adapters(FakeSts::default().with("a", "1", "user/a")));
        let first = rt.spawn(identity_request("a").in_slot("header"), 0);
        let second = rt.spawn(identity_request("a").in_slot("header"), 0);
        let mut accepted = Vec::new();
        // The first may or may not have answered before it was cancelled; only the second counts.
        while !rt.idle_probe().is_idle() {
            let reply = next_reply(&mut rx).await;
            if rt.accept(&reply, 0) {
                accepted.push(reply.id);
            }
        }
        assert_eq!(accepted, [second]);
        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn closing_a_pane_cancels_its_requests() {
        let (mut rt, _rx) = runtime(adapters(FakeSts::default()));
        let pane = Owner::Pane(PaneId(7));
        rt.spawn(Request::new(pane, Op::CallerIdentity(ctx("x"))), 0);
        rt.spawn(identity_request("y"), 0);
        assert_eq!(rt.in_flight(), 2);
        rt.cancel_owner(pane);
        assert_eq!(rt.in_flight(), 1);
    }

    struct PanickingSts;

    impl StsApi for PanickingSts {
        fn caller_identity(&self, _: ContextKey) -> BoxFuture<'static, Result<Identity, AwsError>> {
            Box::pin(async { panic!("adapter bug") })
        }

        fn mfa_login(
            &self,
            _: ContextKey,
            _: String,
        ) -> BoxFuture<'static, Result<Option<i64>, AwsError>> {
            Box::pin(async { panic!("adapter bug") })
        }
    }

    #[tokio::test]
    async fn a_panicking_request_becomes_an_error_reply() {
        let a = Adapters {
            sts: std::sync::Arc::new(PanickingSts),
            s3: std::sync::Arc::new(crate::aws::fake::FakeS3::default()),
            ec2: std::sync::Arc::new(crate::aws::fake::FakeEc2::default()),
            rds: std::sync::Arc::new(crate::aws::fake::FakeRds::default()),
            dynamodb: std::sync::Arc::new(crate::aws::fake::FakeDynamo::default()),
            lambda: std::sync::Arc::new(crate::aws::fake::FakeLambda::default()),
            logs: std::sync::Arc::new(crate::aws::fake::FakeLogs::default()),
            configs: None,
        };
        let (mut rt, mut rx) = runtime(a);
        rt.spawn(identity_request("a"), 0);
        let reply = next_reply(&mut rx).await;
        assert!(rt.accept(&reply, 0));
        match reply.outcome {
            Outcome::Crashed(message) => assert!(message.contains("adapter bug")),
            other => panic!("expected Crashed, got {other:?}"),
        }
    }
}
