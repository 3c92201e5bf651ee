//! Runs every AWS request as its own tokio task and routes the answer back as a message tagged
//! with the request id and the context generation. Requests are cancelled when superseded, when
//! their pane is closed, or when the context switches (except those that outlive a switch:
//! transfers of views that keep their own context); any reply that still slips through after
//! that is recognised as stale and dropped. A write records its audit line when it is sent and
//! when it ends; on exit, `shutdown` interrupts what is still running and waits a bounded time
//! for the clean-up (aborted multipart uploads, audit lines).

mod alarms_ops;
mod cfn_ops;
mod ddb_export;
mod dynamodb_ops;
mod ec2_ops;
mod ecs_ops;
mod edit_ops;
mod elb_ops;
mod fill_ops;
mod iam_ops;
mod insights_ops;
mod lambda_ops;
mod list_ops;
mod logs_ops;
mod metrics_ops;
mod ops;
mod rds_ops;
mod s3_ops;
mod s3_prefix;
mod secrets_ops;
mod sns_ops;
mod sqs_ops;
mod ssm_ops;
mod transfer;

use crate::aws::Adapters;
use crate::msg::Msg;
use crate::protocol::s3::S3Op;
use crate::protocol::{Failure, Op, Outcome, Owner, Reply, ReqId, Request};
use futures::FutureExt;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

/// Lets a long request answer several times before it finishes (pages, progress).
#[derive(Clone)]
pub struct Progress {
    tx: UnboundedSender<Msg>,
    id: ReqId,
    generation: u64,
    owner: Owner,
}

impl Progress {
    pub fn send(&self, outcome: impl Into<Outcome>) {
        let outcome = outcome.into();
        let _ = self.tx.send(Msg::Aws(Box::new(Reply {
            id: self.id,
            generation: self.generation,
            owner: self.owner,
            result: Ok(outcome),
            last: false,
        })));
    }
}

struct InFlight {
    owner: Owner,
    slot: Option<&'static str>,
    generation: u64,
    cancel: CancellationToken,
    outlives_switch: bool,
    /// Writes and transfers, described for "quit anyway?": quitting interrupts them.
    lasting: Option<String>,
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
    /// Cancelled on exit; every request's token is its child, and a write cancelled this way
    /// ends as interrupted rather than cancelled.
    exiting: CancellationToken,
    tasks: crate::tasks::TaskCount,
}

/// What `Runtime::shutdown` found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shutdown {
    /// Writes and transfers that were running.
    pub interrupted: usize,
    /// Tasks and clean-up calls still running when the wait ran out.
    pub abandoned: usize,
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
            exiting: CancellationToken::new(),
            tasks: crate::tasks::TaskCount::default(),
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
        let cancel = self.exiting.child_token();
        let op = request.op;
        let mutation = op.mutation();
        self.inflight.insert(
            id,
            InFlight {
                owner: request.owner,
                slot: request.slot,
                generation,
                cancel: cancel.clone(),
                outlives_switch: request.outlives_switch,
                lasting: lasting(&op, mutation.as_ref()),
            },
        );
        let tx = self.tx.clone();
        let adapters = self.adapters.clone();
        let owner = request.owner;
        let slot = request.slot;
        let audit = mutation.map(|m| {
            let account = self.accounts.get(&m.ctx.profile).cloned();
            (self.audit.clone(), m, account)
        });
        let exiting = self.exiting.clone();
        self.publish_count();
        tracing::debug!(id, ?op, "request");
        let progress = Progress {
            tx: tx.clone(),
            id,
            generation,
            owner,
        };
        self.tasks.spawn(async move {
            // On record before it leaves: whatever happens next, the call is in the log.
            let sent = match audit {
                Some((log, mutation, account)) => match record_sent(log, mutation, account).await {
                    Ok(sent) => Some(sent),
                    Err(why) => {
                        let why = format!("audit log unwritable ({why}): nothing sent");
                        let _ = tx.send(Msg::Aws(Box::new(Reply {
                            id,
                            generation,
                            owner,
                            result: Err(Failure::not_sent(slot, &why)),
                            last: true,
                        })));
                        return;
                    }
                },
                None => None,
            };
            // A panic in one request must not take the app down: it becomes an error reply.
            let work = AssertUnwindSafe(ops::execute(op, adapters, progress)).catch_unwind();
            let outcome = tokio::select! {
                _ = cancel.cancelled() => None,
                result = work => Some(result.map_err(|panic| Failure::crashed(slot, &panic_message(&*panic)))),
            };
            // Recorded before the answer is sent, so whoever reads the answer finds the line.
            if let Some(sent) = sent {
                record_end(sent, outcome.as_ref(), exiting.is_cancelled()).await;
            }
            let Some(result) = outcome else {
                return;
            };
            let _ = tx.send(Msg::Aws(Box::new(Reply {
                id,
                generation,
                owner,
                result,
                last: true,
            })));
        });
        id
    }

    /// Whether a reply is still wanted. The last reply of a request retires it.
    pub fn accept(&mut self, reply: &Reply, generation: u64) -> bool {
        let current = |f: &InFlight| f.outlives_switch || f.generation == generation;
        if !reply.last {
            return self.inflight.get(&reply.id).is_some_and(current);
        }
        let wanted = self.inflight.remove(&reply.id).is_some_and(|f| current(&f));
        self.publish_count();
        wanted
    }

    pub fn cancel_slot(&mut self, owner: Owner, slot: &'static str) {
        self.cancel_where(|f| f.owner == owner && f.slot == Some(slot));
    }

    pub fn cancel_owner(&mut self, owner: Owner) {
        self.cancel_where(|f| f.owner == owner);
    }

    /// Called on a context switch: nothing started for the old context may answer, except
    /// what works in a context of its own.
    pub fn cancel_for_switch(&mut self) {
        self.cancel_where(|f| !f.outlives_switch);
    }

    pub fn in_flight(&self) -> usize {
        self.inflight.len()
    }

    /// Writes and transfers in flight, described: quitting would interrupt them.
    pub fn lasting_in_flight(&self) -> Vec<String> {
        self.lasting_where(|_| true)
    }

    /// The same, of one owner: closing its view would cancel them.
    pub fn lasting_owned_by(&self, owner: Owner) -> Vec<String> {
        self.lasting_where(|f| f.owner == owner)
    }

    /// The writes and transfers in `owner`'s `slot`: a new request there would cut them short.
    pub fn lasting_in_slot(&self, owner: Owner, slot: &'static str) -> Vec<String> {
        self.lasting_where(|f| f.owner == owner && f.slot == Some(slot))
    }

    fn lasting_where(&self, wanted: impl Fn(&InFlight) -> bool) -> Vec<String> {
        let mut ids: Vec<(&ReqId, &String)> = self
            .inflight
            .iter()
            .filter(|(_, f)| wanted(f))
            .filter_map(|(id, f)| f.lasting.as_ref().map(|what| (id, what)))
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, what)| what.clone()).collect()
    }

    /// Before the process exits: every request is cancelled (a transfer's multipart uploads
    /// are aborted), writes end in the audit log as interrupted, and the clean-up gets at most
    /// `limit` to finish — the network must not keep a quitting app alive.
    pub async fn shutdown(&mut self, limit: std::time::Duration) -> Shutdown {
        let deadline = tokio::time::Instant::now() + limit;
        let interrupted = self.lasting_in_flight().len();
        self.exiting.cancel();
        self.inflight.clear();
        self.publish_count();
        let cleanup = crate::tasks::cleanup();
        let settled = async {
            self.tasks.settled().await;
            cleanup.settled().await;
        };
        let _ = tokio::time::timeout_at(deadline, settled).await;
        let abandoned = self.tasks.running() + cleanup.running();
        // A write whose task could not record its end in time (or never will).
        let audit = self.audit.clone();
        let _ = tokio::task::spawn_blocking(move || audit.interrupt_open()).await;
        Shutdown {
            interrupted,
            abandoned,
        }
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

/// What a request is to "quit anyway?": a write, or a download (which writes local files).
fn lasting(op: &Op, mutation: Option<&crate::audit::Mutation>) -> Option<String> {
    match (mutation, op) {
        (Some(m), _) => {
            let first = m.resources.first().map(String::as_str).unwrap_or_default();
            Some(match m.resources.len() {
                0 | 1 => format!("{} {} {first}", m.service, m.operation),
                n => format!("{} {} {first} (+{} more)", m.service, m.operation, n - 1),
            })
        }
        (None, Op::S3(S3Op::Download { job, .. })) => Some(format!(
            "s3 download from {} to {}",
            job.bucket,
            job.dest.display()
        )),
        (None, _) => None,
    }
}

/// The `sent` line of a call that changes something, or why it could not be written (then the
/// call does not go: its reply is a `FailureKind::NotSent` failure).
async fn record_sent(
    log: crate::audit::AuditLog,
    mutation: crate::audit::Mutation,
    account: Option<String>,
) -> Result<crate::audit::Pending, String> {
    let written = off_task(move || log.sent(mutation, account).map_err(|e| e.to_string())).await;
    written.inspect_err(|e| tracing::warn!("audit log: {}", crate::sanitize::for_log(e)))
}

/// The `ended` line: how the call went, or that it was abandoned (the user left, the app is
/// exiting) while it ran.
async fn record_end(
    sent: crate::audit::Pending,
    outcome: Option<&Result<Outcome, Failure>>,
    exiting: bool,
) {
    let (result, detail) = match outcome {
        Some(Ok(outcome)) => crate::protocol::result_of(outcome),
        Some(Err(failure)) => (
            crate::audit::Outcome::Failed,
            Some(format!("crashed: {}", failure.why)),
        ),
        None if exiting => (
            crate::audit::Outcome::Interrupted,
            Some(crate::audit::EXITED.to_string()),
        ),
        None => (crate::audit::Outcome::Cancelled, None),
    };
    let written = off_task(move || sent.end(result, detail).map_err(|e| e.to_string())).await;
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

/// Runs `op` through a real runtime owned by a pane: every answer, in arrival order.
#[cfg(test)]
pub(crate) async fn every_answer(adapters: Adapters, op: Op) -> Vec<Outcome> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runtime = Runtime::new(adapters, tx);
    runtime.spawn(Request::new(Owner::Pane(crate::protocol::PaneId(1)), op), 0);
    let mut answers = Vec::new();
    loop {
        let Some(Msg::Aws(reply)) = rx.recv().await else {
            panic!("the runtime went away")
        };
        assert!(runtime.accept(&reply, 0));
        answers.push(reply.result.expect("an answer"));
        if reply.last {
            return answers;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::fake::{FakeSts, adapters};
    use crate::aws::model::Identity;
    use crate::aws::sts::StsApi;
    use crate::aws::{AwsError, ContextKey};
    use crate::protocol::PaneId;
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
        rt.cancel_for_switch();
        assert!(!rt.accept(&reply, 1));
        assert!(rt.idle_probe().is_idle());
    }

    /// The ids of the replies still wanted under `generation`, until nothing is in flight.
    async fn accepted_until_idle(
        rt: &mut Runtime,
        rx: &mut UnboundedReceiver<Msg>,
        generation: u64,
    ) -> Vec<ReqId> {
        let mut accepted = Vec::new();
        while !rt.idle_probe().is_idle() {
            let reply = next_reply(rx).await;
            if rt.accept(&reply, generation) {
                accepted.push(reply.id);
            }
        }
        accepted
    }

    #[tokio::test]
    async fn a_transfer_outlives_a_switch_and_the_rest_is_cancelled() {
        let (mut rt, mut rx) = runtime(adapters(FakeSts::default().with("a", "1", "user/a")));
        let kept = rt.spawn(identity_request("a").outliving_switch(), 0);
        rt.spawn(identity_request("a"), 0);
        rt.cancel_for_switch();
        assert_eq!(rt.in_flight(), 1);
        // Answered under the old generation, still wanted under the new one; the cancelled
        // request may have answered before it saw its cancellation, and is not wanted.
        assert_eq!(accepted_until_idle(&mut rt, &mut rx, 1).await, [kept]);
    }

    #[tokio::test]
    async fn a_superseded_request_cannot_answer() {
        let (mut rt, mut rx) = runtime(adapters(FakeSts::default().with("a", "1", "user/a")));
        let first = rt.spawn(identity_request("a").in_slot("header"), 0);
        let second = rt.spawn(identity_request("a").in_slot("header"), 0);
        // The first may or may not have answered before it was cancelled; only the second counts.
        assert_eq!(accepted_until_idle(&mut rt, &mut rx, 0).await, [second]);
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
            cloudformation: std::sync::Arc::new(crate::aws::fake::FakeCfn::default()),
            alarms: std::sync::Arc::new(crate::aws::fake::FakeAlarms::default()),
            metrics: std::sync::Arc::new(crate::aws::fake::FakeMetrics::default()),
            iam: std::sync::Arc::new(crate::aws::fake::FakeIam::default()),
            elb: std::sync::Arc::new(crate::aws::fake::FakeElb::default()),
            route53: std::sync::Arc::new(crate::aws::fake::FakeRoute53::default()),
            tagging: std::sync::Arc::new(crate::aws::fake::FakeTagging::default()),
            secrets: std::sync::Arc::new(crate::aws::fake::FakeSecrets::default()),
            ssm: std::sync::Arc::new(crate::aws::fake::FakeParams::default()),
            sqs: std::sync::Arc::new(crate::aws::fake::FakeSqs::default()),
            sns: std::sync::Arc::new(crate::aws::fake::FakeSns::default()),
            ecs: std::sync::Arc::new(crate::aws::fake::FakeEcs::default()),
            configs: None,
        };
        let (mut rt, mut rx) = runtime(a);
        rt.spawn(identity_request("a"), 0);
        let reply = next_reply(&mut rx).await;
        assert!(rt.accept(&reply, 0));
        match reply.result {
            Err(failure) => {
                assert_eq!(failure.kind, crate::protocol::FailureKind::Crashed);
                assert!(failure.why.contains("adapter bug"), "{failure:?}");
            }
            other => panic!("expected a crash, got {other:?}"),
        }
    }
}
