//! A recording, fault-injecting HTTP/1.1 reverse proxy that sits between the app (the AWS SDK,
//! pointed at it with `endpoint_url`) and the emulator.
//!
//! The emulator answers every well-formed call correctly, so on its own it cannot show how the
//! app copes with throttling, 5xx answers, dropped connections, stalls or cut-off bodies. The
//! proxy adds those on demand ([`Rule`], [`Fault`]) and records every request it sees
//! ([`Recorded`]), so tests can also assert what the app sent and how often it retried.
//!
//! It runs on its own thread with its own tokio runtime, so it works the same from a plain
//! `#[test]` and from inside a runtime, and it stops when the [`Proxy`] is dropped. Like the rest
//! of the testkit it listens only on 127.0.0.1 and forwards only to a loopback upstream.

use bytes::Bytes;
use http_body_util::{BodyExt, Either, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::http::{request, response};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Uri, Version};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// One request as the proxy received it from the app.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub method: String,
    /// The path alone, still percent-encoded as sent.
    pub path: String,
    /// The raw query string, without the `?`.
    pub query: Option<String>,
    /// Lower-cased names, values as sent (lossily decoded as UTF-8), in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// The AWS operation (`Scan`, `AssumeRole`, …) when the protocol names it in the request:
    /// `X-Amz-Target` (JSON protocols) or `Action=` (query protocols). `None` for REST
    /// protocols such as S3 and Lambda, whose operation is only implied by method and path.
    pub operation: Option<String>,
    /// What the proxy did to this request instead of a plain forward, if anything.
    pub fault: Option<String>,
}

impl Recorded {
    /// The first value of a header; `name` is matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A decoded parameter of a form-urlencoded body (query protocols: STS, EC2, RDS), e.g.
    /// `SerialNumber` or `TokenCode` of an `AssumeRole` call.
    pub fn form_param(&self, name: &str) -> Option<String> {
        form_value(&self.body, name)
    }

    /// A decoded parameter of the query string.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_value(self.query.as_deref()?.as_bytes(), name)
    }

    /// The body as text, for assertions and failure messages.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    fn from_parts(parts: &request::Parts, body: Bytes) -> Recorded {
        let headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let mut recorded = Recorded {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers,
            body,
            operation: None,
            fault: None,
        };
        recorded.operation = recorded.derive_operation();
        recorded
    }

    fn derive_operation(&self) -> Option<String> {
        if let Some(target) = self.header("x-amz-target") {
            // `DynamoDB_20120810.Scan`: the service prefix carries an API version, not the call.
            return target.rsplit('.').next().map(str::to_owned);
        }
        let is_form = self
            .header("content-type")
            .is_some_and(|ct| ct.contains("application/x-www-form-urlencoded"));
        if is_form && let Some(action) = self.form_param("Action") {
            return Some(action);
        }
        self.query_param("Action")
    }

    /// The path with its query, which is what [`Rule::path_contains`] is matched against, so
    /// S3 sub-resources such as `?uploads` or `partNumber=` can be targeted too.
    fn target(&self) -> Cow<'_, str> {
        match &self.query {
            Some(query) => Cow::Owned(format!("{}?{query}", self.path)),
            None => Cow::Borrowed(&self.path),
        }
    }
}

/// What the proxy does to a request a [`Rule`] selects.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer with this response without contacting the upstream (unless the rule forwards
    /// first).
    Status {
        status: u16,
        body: String,
        content_type: String,
        /// Extra response headers, e.g. `x-amzn-ErrorType` for JSON-protocol errors.
        headers: Vec<(String, String)>,
    },
    /// Read the request, then close the connection without answering: the client sees a
    /// connection error, not a response.
    Reset,
    /// Wait this long before forwarding (or, when the rule forwards first, before answering),
    /// to push the client past its attempt timeout. A client that hangs up during the stall
    /// takes the request with it: it is then never forwarded, as hyper drops the handler.
    Stall(Duration),
    /// Forward, then send the upstream's status and headers with its full `Content-Length` but
    /// only the first `keep` bytes of the body, and close the connection: the client sees an
    /// incomplete body. `keep` is capped at one byte short of the body so the body is always
    /// cut; an empty upstream body cannot be cut and is passed through.
    Truncate { keep: usize },
    /// Read the request body no faster than this many bytes a second, then forward it: a slow
    /// uplink. The client sees its body leave slowly, not an error. Matched on the request's
    /// head (the body is not read yet), so `operation` works only where the operation is in
    /// the head (`X-Amz-Target`, a query `Action=`); use `path_contains` for S3.
    SlowBody { bytes_per_sec: u64 },
}

impl Fault {
    /// A canned response without extra headers.
    pub fn status(status: u16, content_type: &str, body: &str) -> Fault {
        Fault::Status {
            status,
            body: body.to_owned(),
            content_type: content_type.to_owned(),
            headers: Vec::new(),
        }
    }

    /// A bare 500, which every SDK retries whatever the body says.
    pub fn internal_error() -> Fault {
        Fault::status(500, "text/plain", "injected fault: internal error")
    }

    /// A bare 503, which every SDK retries whatever the body says.
    pub fn service_unavailable() -> Fault {
        Fault::status(503, "text/plain", "injected fault: service unavailable")
    }

    /// S3's throttling answer, which the SDK classifies as a throttling error by its code.
    pub fn s3_slow_down() -> Fault {
        Fault::status(
            503,
            "application/xml",
            "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
        )
    }

    /// Throttling as the JSON protocols (DynamoDB, CloudWatch Logs, Lambda…) report it.
    pub fn throttling_json() -> Fault {
        Fault::Status {
            status: 400,
            body: r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.to_owned(),
            content_type: "application/x-amz-json-1.0".to_owned(),
            headers: vec![(
                "x-amzn-ErrorType".to_owned(),
                "ThrottlingException".to_owned(),
            )],
        }
    }

    /// Throttling as the query protocols (STS, EC2, RDS) report it.
    pub fn throttling_query() -> Fault {
        Fault::status(
            400,
            "text/xml",
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
             <Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>",
        )
    }

    fn describe(&self) -> String {
        match self {
            Fault::Status { status, .. } => format!("status {status}"),
            Fault::Reset => "reset".to_owned(),
            Fault::Stall(duration) => format!("stall {duration:?}"),
            Fault::Truncate { keep } => format!("truncate to {keep} bytes"),
            Fault::SlowBody { bytes_per_sec } => format!("body read at {bytes_per_sec} B/s"),
        }
    }
}

/// Which of the requests a rule's matcher accepts get the fault.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Select {
    /// All of them.
    Every,
    /// Only the n-th (1-based).
    Nth(usize),
    /// The first n.
    FirstN(usize),
    /// Each with this probability, drawn from a generator seeded with `seed`, so a run can be
    /// repeated exactly (given the same order of requests).
    Fraction { fraction: f64, seed: u64 },
}

/// A matcher (operation, path, selection) and the fault for the requests it selects.
///
/// Rules are consulted in the order they were added; the first whose selection fires decides
/// the request, and rules after it do not see (or count) that request.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Only requests for this operation (see [`Recorded::operation`]).
    pub operation: Option<String>,
    /// Only requests whose path-and-query contains this.
    pub path_contains: Option<String>,
    pub select: Select,
    pub fault: Fault,
    /// Forward the request to the upstream first, so its side effects happen, then apply the
    /// fault in place of the answer: "the server did it but the response was lost".
    pub forward_first: bool,
}

impl Rule {
    /// Applies `fault` to every request, until narrowed with the builder methods.
    pub fn new(fault: Fault) -> Rule {
        Rule {
            operation: None,
            path_contains: None,
            select: Select::Every,
            fault,
            forward_first: false,
        }
    }

    /// Like [`Rule::new`], but the upstream handles the request before the fault hits.
    pub fn after_upstream(fault: Fault) -> Rule {
        Rule {
            forward_first: true,
            ..Rule::new(fault)
        }
    }

    pub fn operation(mut self, operation: &str) -> Rule {
        self.operation = Some(operation.to_owned());
        self
    }

    pub fn path_contains(mut self, fragment: &str) -> Rule {
        self.path_contains = Some(fragment.to_owned());
        self
    }

    pub fn every(mut self) -> Rule {
        self.select = Select::Every;
        self
    }

    /// Only the n-th matching request (1-based).
    pub fn nth(mut self, n: usize) -> Rule {
        self.select = Select::Nth(n);
        self
    }

    /// The first n matching requests.
    pub fn first(mut self, n: usize) -> Rule {
        self.select = Select::FirstN(n);
        self
    }

    /// A seeded, repeatable share of the matching requests.
    pub fn fraction(mut self, fraction: f64, seed: u64) -> Rule {
        self.select = Select::Fraction { fraction, seed };
        self
    }

    fn matches(&self, request: &Recorded) -> bool {
        let operation_ok = self
            .operation
            .as_deref()
            .is_none_or(|op| request.operation.as_deref() == Some(op));
        let path_ok = self
            .path_contains
            .as_deref()
            .is_none_or(|fragment| request.target().contains(fragment));
        operation_ok && path_ok
    }
}

/// Names a rule added to a proxy, to read its own injection count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuleId(usize);

/// A running proxy; it stops (and drops any connection it holds) when dropped.
pub struct Proxy {
    endpoint: String,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Proxy {
    /// Starts a proxy on a free 127.0.0.1 port in front of `upstream`
    /// (`http://127.0.0.1:PORT`). Panics if it cannot, like the rest of the test setup.
    pub fn start(upstream: &str) -> Proxy {
        Proxy::try_start(upstream)
            .unwrap_or_else(|e| panic!("cannot start a test proxy in front of {upstream}: {e}"))
    }

    /// [`Proxy::start`] that reports failure, e.g. a non-loopback upstream, instead of
    /// panicking.
    pub fn try_start(upstream: &str) -> io::Result<Proxy> {
        let upstream = Upstream::parse(upstream)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        // Registering with the runtime here, rather than on the proxy thread, reports a failure
        // to the caller instead of leaving a proxy that never answers.
        let listener = {
            let _context = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let shared = Arc::new(Shared::default());
        let (shutdown, stopped) = oneshot::channel();
        let server = Server {
            shared: Arc::clone(&shared),
            upstream,
            client: Client::builder(TokioExecutor::new()).build_http(),
        };
        let thread = std::thread::Builder::new()
            .name("awsterm-proxy".to_owned())
            .spawn(move || runtime.block_on(accept_loop(listener, Arc::new(server), stopped)))?;
        Ok(Proxy {
            endpoint,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`, for the SDK's `endpoint_url`.
    pub fn endpoint(&self) -> String {
        self.endpoint.clone()
    }

    /// Every request received so far (since the last [`Proxy::clear`]), in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// How many recorded requests were for `operation`.
    pub fn count(&self, operation: &str) -> usize {
        let state = self.shared.lock();
        state
            .requests
            .iter()
            .filter(|r| r.operation.as_deref() == Some(operation))
            .count()
    }

    /// Forgets the recorded requests; rules and injection counts are kept.
    pub fn clear(&self) {
        self.shared.lock().requests.clear();
    }

    /// Adds a rule after the existing ones.
    pub fn add_rule(&self, rule: Rule) -> RuleId {
        let mut state = self.shared.lock();
        let id = RuleId(state.injected_by_rule.len());
        state.injected_by_rule.push(0);
        state.rules.push(ActiveRule::new(id, rule));
        id
    }

    /// Removes every rule: from now on requests are only forwarded.
    pub fn clear_rules(&self) {
        self.shared.lock().rules.clear();
    }

    /// How many faults have been injected, by all rules, over the proxy's life.
    pub fn injected(&self) -> usize {
        self.shared.lock().injected
    }

    /// How many faults one rule has injected (still readable after [`Proxy::clear_rules`]).
    pub fn injected_by(&self, rule: RuleId) -> usize {
        self.shared
            .lock()
            .injected_by_rule
            .get(rule.0)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the proxy thread was already reported there; panicking again in drop
            // would only abort the test.
            let _ = thread.join();
        }
    }
}

/// State shared between the handle and the serving thread.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

impl Shared {
    /// Never held across an await, so a poisoned lock only means a test assertion failed
    /// while reading; the data is still consistent.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    rules: Vec<ActiveRule>,
    /// Indexed by `RuleId`; outlives `clear_rules` so counts stay readable.
    injected_by_rule: Vec<usize>,
    injected: usize,
}

impl State {
    /// The rate to read this request's body at, from the first `SlowBody` rule that selects
    /// its head; counted as an injection of that rule.
    fn body_rate(&mut self, head: &Recorded) -> Option<(RuleId, u64)> {
        let (id, rate) = self
            .rules
            .iter_mut()
            .filter(|active| matches!(active.rule.fault, Fault::SlowBody { .. }))
            .filter(|active| active.rule.matches(head))
            .find_map(|active| match active.fire()?.fault {
                Fault::SlowBody { bytes_per_sec } => Some((active.id, bytes_per_sec.max(1))),
                _ => None,
            })?;
        self.injected += 1;
        self.injected_by_rule[id.0] += 1;
        Some((id, rate))
    }

    /// Records the request and decides its fate in one step, so the recording order and the
    /// rules' counters agree even when requests arrive concurrently. `SlowBody` rules were
    /// consulted before the body was read (`body_rate`) and are not consulted again.
    fn admit(&mut self, mut request: Recorded, slowed: Option<u64>) -> Option<Injection> {
        let injection = self
            .rules
            .iter_mut()
            .filter(|active| !matches!(active.rule.fault, Fault::SlowBody { .. }))
            .filter(|active| active.rule.matches(&request))
            .find_map(ActiveRule::fire);
        if let Some(rate) = slowed {
            request.fault = Some(
                Fault::SlowBody {
                    bytes_per_sec: rate,
                }
                .describe(),
            );
        }
        if let Some(injection) = &injection {
            self.injected += 1;
            self.injected_by_rule[injection.rule.0] += 1;
            request.fault = Some(injection.describe());
        }
        self.requests.push(request);
        injection
    }
}

/// A rule with its selection state.
struct ActiveRule {
    id: RuleId,
    rule: Rule,
    /// Matching requests seen so far.
    seen: usize,
    rng: SplitMix64,
}

impl ActiveRule {
    fn new(id: RuleId, rule: Rule) -> ActiveRule {
        let seed = match rule.select {
            Select::Fraction { seed, .. } => seed,
            _ => 0,
        };
        ActiveRule {
            id,
            rule,
            seen: 0,
            rng: SplitMix64(seed),
        }
    }

    /// Counts one more matching request and says whether the fault applies to it.
    fn selects(&mut self) -> bool {
        self.seen += 1;
        match self.rule.select {
            Select::Every => true,
            Select::Nth(n) => self.seen == n,
            Select::FirstN(n) => self.seen <= n,
            Select::Fraction { fraction, .. } => self.rng.next_unit() < fraction,
        }
    }

    fn fire(&mut self) -> Option<Injection> {
        self.selects().then(|| Injection {
            rule: self.id,
            fault: self.rule.fault.clone(),
            forward_first: self.rule.forward_first,
        })
    }
}

/// SplitMix64: a few lines, good enough statistics for picking requests, and no `rand`.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits, which is all an f64 mantissa holds.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The fault chosen for one request.
struct Injection {
    rule: RuleId,
    fault: Fault,
    forward_first: bool,
}

impl Injection {
    fn describe(&self) -> String {
        let fault = self.fault.describe();
        if self.forward_first {
            format!("{fault} after upstream")
        } else {
            fault
        }
    }
}

/// The emulator's base URL, checked to be loopback.
struct Upstream {
    /// `http://host:port` plus any base path, without a trailing slash.
    base: String,
    host: HeaderValue,
}

impl Upstream {
    fn parse(url: &str) -> io::Result<Upstream> {
        let invalid =
            |why: &str| io::Error::new(io::ErrorKind::InvalidInput, format!("{url}: {why}"));
        let uri: Uri = url.parse().map_err(|_| invalid("not a URL"))?;
        if uri.scheme_str() != Some("http") {
            return Err(invalid("only http:// upstreams"));
        }
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let loopback =
            host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(invalid("refusing a non-loopback upstream"));
        }
        Ok(Upstream {
            base: format!("http://{authority}{}", uri.path().trim_end_matches('/')),
            host: HeaderValue::from_str(authority.as_str()).map_err(|_| invalid("bad host"))?,
        })
    }

    fn uri_for(&self, path_and_query: &str) -> Result<Uri, String> {
        let uri = format!("{}{path_and_query}", self.base);
        uri.parse()
            .map_err(|e| format!("bad upstream URI {uri}: {e}"))
    }
}

/// The response body the proxy sends: whole, or deliberately cut short.
type Reply = Either<Full<Bytes>, Truncated>;

/// Why a connection is dropped without an answer.
#[derive(Debug)]
enum Hangup {
    /// A `Fault::Reset`.
    Injected,
    /// The client's request body broke off; there is nobody left to answer.
    RequestBody(hyper::Error),
}

impl fmt::Display for Hangup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hangup::Injected => f.write_str("connection reset injected by the test proxy"),
            Hangup::RequestBody(e) => write!(f, "reading the request body: {e}"),
        }
    }
}

impl std::error::Error for Hangup {}

/// An upstream answer, buffered whole so faults can cut or replace it.
struct Upstreamed {
    parts: response::Parts,
    body: Bytes,
}

struct Server {
    shared: Arc<Shared>,
    upstream: Upstream,
    client: Client<HttpConnector, Full<Bytes>>,
}

async fn accept_loop(
    listener: TcpListener,
    server: Arc<Server>,
    mut stopped: oneshot::Receiver<()>,
) {
    loop {
        tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(serve_connection(stream, Arc::clone(&server)));
                }
                Err(e) => {
                    // Typically out of file descriptors: back off instead of spinning.
                    eprintln!("test proxy: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
        }
    }
}

async fn serve_connection(stream: TcpStream, server: Arc<Server>) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let server = Arc::clone(&server);
        async move { server.handle(request).await }
    });
    // An error here is a client hanging up (an SDK attempt timeout, a test's raw socket) or an
    // injected reset or truncation: expected in this proxy's line of work, so not reported.
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

impl Server {
    async fn handle(&self, request: Request<Incoming>) -> Result<Response<Reply>, Hangup> {
        let (parts, body) = request.into_parts();
        let rate = self
            .shared
            .lock()
            .body_rate(&Recorded::from_parts(&parts, Bytes::new()))
            .map(|(_, rate)| rate);
        let body = match rate {
            Some(rate) => read_slowly(body, rate).await?,
            None => body
                .collect()
                .await
                .map_err(Hangup::RequestBody)?
                .to_bytes(),
        };
        let injection = self
            .shared
            .lock()
            .admit(Recorded::from_parts(&parts, body.clone()), rate);
        match injection {
            None => Ok(self
                .forward(&parts, body)
                .await
                .map_or_else(bad_gateway, whole)),
            Some(injection) => self.inject(injection, &parts, body).await,
        }
    }

    async fn inject(
        &self,
        injection: Injection,
        parts: &request::Parts,
        body: Bytes,
    ) -> Result<Response<Reply>, Hangup> {
        let forward_first = injection.forward_first;
        match injection.fault {
            Fault::Status {
                status,
                body: canned_body,
                content_type,
                headers,
            } => {
                if forward_first {
                    let _ = self.forward(parts, body).await;
                }
                Ok(canned(status, &content_type, canned_body, &headers))
            }
            Fault::Reset => {
                if forward_first {
                    let _ = self.forward(parts, body).await;
                }
                Err(Hangup::Injected)
            }
            Fault::Stall(duration) => {
                let answer = if forward_first {
                    let answer = self.forward(parts, body).await;
                    tokio::time::sleep(duration).await;
                    answer
                } else {
                    tokio::time::sleep(duration).await;
                    self.forward(parts, body).await
                };
                Ok(answer.map_or_else(bad_gateway, whole))
            }
            Fault::Truncate { keep } => {
                let answer = self.forward(parts, body).await;
                Ok(answer.map_or_else(bad_gateway, |answer| truncated(answer, keep)))
            }
            // Applied while the body was read; `admit` never picks these rules.
            Fault::SlowBody { .. } => Ok(self
                .forward(parts, body)
                .await
                .map_or_else(bad_gateway, whole)),
        }
    }

    /// Sends the request on unchanged but for the hop-by-hop headers and `Host`, and buffers
    /// the answer.
    async fn forward(&self, parts: &request::Parts, body: Bytes) -> Result<Upstreamed, String> {
        let path_and_query = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
        let mut request = Request::new(Full::new(body));
        *request.method_mut() = parts.method.clone();
        *request.uri_mut() = self.upstream.uri_for(path_and_query)?;
        *request.version_mut() = Version::HTTP_11;
        *request.headers_mut() = end_to_end(&parts.headers);
        // The SDK signed the proxy's address into the signature; the emulator does not check
        // signatures, and a wrong Host could confuse its virtual-host bucket parsing.
        request
            .headers_mut()
            .insert(header::HOST, self.upstream.host.clone());
        // The proxy already answered any `Expect: 100-continue` and has the whole body.
        request.headers_mut().remove(header::EXPECT);
        let result = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| e.to_string())?;
            let (mut parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
            parts.headers = end_to_end(&parts.headers);
            Ok(Upstreamed { parts, body })
        }
        .await;
        result.map_err(|e: String| {
            let e = format!(
                "{} {path_and_query} -> {}: {e}",
                parts.method, self.upstream.base
            );
            eprintln!("test proxy: {e}");
            e
        })
    }
}

/// The whole body, taken from the connection no faster than `rate` bytes a second: after
/// each chunk the proxy waits until the bytes read so far are due at that rate, so the
/// client's writes back up as on a slow uplink.
async fn read_slowly(mut body: Incoming, rate: u64) -> Result<Bytes, Hangup> {
    let start = tokio::time::Instant::now();
    let mut read = bytes::BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(Hangup::RequestBody)?;
        if let Ok(data) = frame.into_data() {
            read.extend_from_slice(&data);
            let due = Duration::from_secs_f64(read.len() as f64 / rate as f64);
            tokio::time::sleep_until(start + due).await;
        }
    }
    Ok(read.freeze())
}

/// The headers meant for the far end: everything but the hop-by-hop ones (RFC 9110 §7.6.1),
/// including any the `Connection` header names.
fn end_to_end(headers: &HeaderMap) -> HeaderMap {
    const HOP_BY_HOP: [&str; 9] = [
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    ];
    let named_by_connection: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    let mut kept = headers.clone();
    for name in HOP_BY_HOP {
        kept.remove(name);
    }
    for name in &named_by_connection {
        kept.remove(name);
    }
    kept
}

/// The upstream's answer as is. Its `Content-Length` (if any) matches the buffered body; a
/// chunked answer gets one from hyper.
fn whole(answer: Upstreamed) -> Response<Reply> {
    Response::from_parts(answer.parts, Either::Left(Full::new(answer.body)))
}

/// The upstream's head with its full `Content-Length`, and a body cut to `keep` bytes.
fn truncated(answer: Upstreamed, keep: usize) -> Response<Reply> {
    let Upstreamed { mut parts, body } = answer;
    if body.is_empty() {
        return whole(Upstreamed { parts, body });
    }
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let kept = body.slice(..keep.min(body.len() - 1));
    Response::from_parts(parts, Either::Right(Truncated::new(kept)))
}

/// A canned answer for `Fault::Status`.
fn canned(
    status: u16,
    content_type: &str,
    body: String,
    headers: &[(String, String)],
) -> Response<Reply> {
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(body))));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let out = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        out.insert(header::CONTENT_TYPE, value);
    }
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            out.append(name, value);
        }
    }
    response
}

/// The answer when the upstream could not be reached or broke off.
fn bad_gateway(error: String) -> Response<Reply> {
    canned(502, "text/plain", format!("test proxy: {error}"), &[])
}

/// A body that ends before the `Content-Length` in its head.
///
/// Its size hint is left unknown, so hyper takes the length from the header. When the last
/// chunk falls short of it, hyper flushes what it has and closes the connection, which the
/// client sees as an incomplete body. With nothing to send at all, the body first parks once
/// so hyper flushes the head, then ends; hyper then drops the connection.
struct Truncated {
    state: TruncatedState,
}

enum TruncatedState {
    Data(Bytes),
    Empty { parked: bool },
    Done,
}

impl Truncated {
    fn new(kept: Bytes) -> Truncated {
        let state = if kept.is_empty() {
            TruncatedState::Empty { parked: false }
        } else {
            TruncatedState::Data(kept)
        };
        Truncated { state }
    }
}

impl Body for Truncated {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match std::mem::replace(&mut self.state, TruncatedState::Done) {
            TruncatedState::Data(data) => Poll::Ready(Some(Ok(Frame::data(data)))),
            TruncatedState::Empty { parked: false } => {
                self.state = TruncatedState::Empty { parked: true };
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            TruncatedState::Empty { parked: true } | TruncatedState::Done => Poll::Ready(None),
        }
    }

    /// True right after the kept bytes, so hyper writes them as the final chunk of a body it
    /// knows to be short.
    fn is_end_stream(&self) -> bool {
        matches!(self.state, TruncatedState::Done)
    }
}

/// The value of `name` in a form-urlencoded string.
fn form_value(encoded: &[u8], name: &str) -> Option<String> {
    encoded.split(|&b| b == b'&').find_map(|pair| {
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &[][..]),
        };
        (form_decode(key) == name).then(|| form_decode(value))
    })
}

/// Percent-decoding with `+` as space; malformed escapes are kept literally.
fn form_decode(encoded: &[u8]) -> String {
    let mut out = Vec::with_capacity(encoded.len());
    let mut rest = encoded;
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => out.push(b' '),
            b'%' => match rest.get(..2).and_then(hex_byte) {
                Some(decoded) => {
                    out.push(decoded);
                    rest = &rest[2..];
                }
                None => out.push(b'%'),
            },
            other => out.push(other),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_byte(pair: &[u8]) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::SocketAddr;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::Instant;

    /// A stand-in for the emulator: answers every request with 200 and what it saw, and keeps
    /// the raw request heads.
    struct TestUpstream {
        addr: SocketAddr,
        hits: Arc<AtomicUsize>,
        heads: Arc<Mutex<Vec<String>>>,
        stop: Arc<AtomicBool>,
        thread: Option<JoinHandle<()>>,
    }

    impl TestUpstream {
        fn start() -> TestUpstream {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            let hits = Arc::new(AtomicUsize::new(0));
            let heads = Arc::new(Mutex::new(Vec::new()));
            let stop = Arc::new(AtomicBool::new(false));
            let thread = std::thread::spawn({
                let (hits, heads, stop) = (hits.clone(), heads.clone(), stop.clone());
                move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        if let Ok(stream) = stream {
                            let _ = answer(stream, &hits, &heads);
                        }
                    }
                }
            });
            TestUpstream {
                addr,
                hits,
                heads,
                stop,
                thread: Some(thread),
            }
        }

        fn endpoint(&self) -> String {
            format!("http://{}", self.addr)
        }

        fn hits(&self) -> usize {
            self.hits.load(Ordering::SeqCst)
        }

        fn last_head(&self) -> String {
            self.heads
                .lock()
                .unwrap()
                .last()
                .cloned()
                .unwrap_or_default()
        }
    }

    impl Drop for TestUpstream {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::SeqCst);
            let _ = std::net::TcpStream::connect(self.addr);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }

    fn answer(
        mut stream: std::net::TcpStream,
        hits: &AtomicUsize,
        heads: &Mutex<Vec<String>>,
    ) -> io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let (head, body) = read_message(&mut stream)?;
        hits.fetch_add(1, Ordering::SeqCst);
        let request_line = head.lines().next().unwrap_or_default().to_owned();
        heads.lock().unwrap().push(head);
        let reply = format!("upstream saw {} bytes for {request_line}", body.len());
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Upstream: yes\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{reply}",
            reply.len()
        )
    }

    /// Reads a head and a `Content-Length` body.
    fn read_message(stream: &mut std::net::TcpStream) -> io::Result<(String, Vec<u8>)> {
        let mut raw = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        let head_end = loop {
            if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            raw.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
        let length = header_value(&head, "content-length").map_or(0, |v| v.parse().unwrap());
        let mut body = raw[head_end + 4..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            body.extend_from_slice(&buf[..n]);
        }
        Ok((head, body))
    }

    fn header_value<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// What a raw client got back: everything until the server closed the connection.
    struct Raw {
        status: u16,
        head: String,
        body: Vec<u8>,
    }

    impl Raw {
        fn header(&self, name: &str) -> Option<&str> {
            header_value(&self.head, name)
        }

        fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    /// One request on a fresh connection; `Err` when the connection ends without a response.
    fn send(
        endpoint: &str,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Raw> {
        let addr = endpoint.strip_prefix("http://").unwrap();
        let mut stream = std::net::TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "no response"))?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Ok(Raw {
            status,
            head,
            body: raw[split + 4..].to_vec(),
        })
    }

    fn json_call(proxy: &Proxy, target: &str) -> Raw {
        send(
            &proxy.endpoint(),
            "POST",
            "/",
            &[
                ("X-Amz-Target", target),
                ("Content-Type", "application/x-amz-json-1.0"),
            ],
            b"{}",
        )
        .unwrap()
    }

    fn scan(proxy: &Proxy) -> u16 {
        json_call(proxy, "DynamoDB_20120810.Scan").status
    }

    #[test]
    fn forwards_and_records_a_json_protocol_call() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let body = br#"{"TableName":"t"}"#;
        let response = send(
            &proxy.endpoint(),
            "POST",
            "/",
            &[
                ("X-Amz-Target", "DynamoDB_20120810.Scan"),
                ("Content-Type", "application/x-amz-json-1.0"),
                ("X-Custom", "Mixed  Case;value"),
            ],
            body,
        )
        .unwrap();

        assert_eq!(response.status, 200);
        assert_eq!(response.text(), "upstream saw 17 bytes for POST / HTTP/1.1");
        assert_eq!(response.header("x-upstream"), Some("yes"));
        let head = upstream.last_head();
        assert!(head.contains(&format!("host: {}", upstream.addr)), "{head}");
        assert!(head.contains("x-custom: Mixed  Case;value"), "{head}");
        assert!(
            !head.to_ascii_lowercase().contains("connection: close"),
            "{head}"
        );

        let requests = proxy.requests();
        assert_eq!(requests.len(), 1);
        let recorded = &requests[0];
        assert_eq!(recorded.method, "POST");
        assert_eq!(recorded.path, "/");
        assert_eq!(recorded.query, None);
        assert_eq!(&recorded.body[..], body);
        assert_eq!(recorded.operation.as_deref(), Some("Scan"));
        assert_eq!(recorded.header("X-CUSTOM"), Some("Mixed  Case;value"));
        assert!(recorded.headers.iter().any(|(n, _)| n == "x-amz-target"));
        assert_eq!(recorded.fault, None);
        assert_eq!(proxy.count("Scan"), 1);
        assert_eq!(proxy.count("Query"), 0);
    }

    #[test]
    fn derives_operations_from_query_protocol_bodies_and_query_strings() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fadmin\
                    &SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fme&TokenCode=123456&RoleSessionName=a+b";
        let form_type = (
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8",
        );
        send(
            &proxy.endpoint(),
            "POST",
            "/",
            &[form_type],
            form.as_bytes(),
        )
        .unwrap();
        send(
            &proxy.endpoint(),
            "GET",
            "/?Action=DescribeInstances&Version=2016-11-15",
            &[],
            b"",
        )
        .unwrap();
        send(
            &proxy.endpoint(),
            "GET",
            "/bucket/key.txt?list-type=2",
            &[],
            b"",
        )
        .unwrap();
        // `Action=` in a body that is not a form is just data.
        send(
            &proxy.endpoint(),
            "PUT",
            "/bucket/notes",
            &[],
            b"Action=Nope",
        )
        .unwrap();

        let requests = proxy.requests();
        let operations: Vec<_> = requests.iter().map(|r| r.operation.as_deref()).collect();
        assert_eq!(
            operations,
            [Some("AssumeRole"), Some("DescribeInstances"), None, None]
        );
        let assume = &requests[0];
        assert_eq!(
            assume.form_param("SerialNumber").as_deref(),
            Some("arn:aws:iam::123456789012:mfa/me")
        );
        assert_eq!(assume.form_param("TokenCode").as_deref(), Some("123456"));
        assert_eq!(assume.form_param("RoleSessionName").as_deref(), Some("a b"));
        assert_eq!(assume.form_param("Missing"), None);
        assert_eq!(requests[2].path, "/bucket/key.txt");
        assert_eq!(requests[2].query.as_deref(), Some("list-type=2"));
        assert_eq!(
            requests[1].query_param("Version").as_deref(),
            Some("2016-11-15")
        );
        assert_eq!(proxy.count("AssumeRole"), 1);

        proxy.clear();
        assert!(proxy.requests().is_empty());
    }

    #[test]
    fn forwards_multi_megabyte_bodies() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let body = vec![b'x'; 3 * 1024 * 1024];
        let response = send(
            &proxy.endpoint(),
            "PUT",
            "/bucket/big?partNumber=1&uploadId=u",
            &[],
            &body,
        )
        .unwrap();
        assert_eq!(response.status, 200);
        assert!(
            response
                .text()
                .starts_with("upstream saw 3145728 bytes for PUT /bucket/big?partNumber=1")
        );
        assert_eq!(proxy.requests()[0].body.len(), body.len());
    }

    #[test]
    fn nth_rule_hits_only_the_nth_matching_request() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let rule = proxy.add_rule(Rule::new(Fault::internal_error()).operation("Scan").nth(2));

        let statuses = [
            scan(&proxy),
            json_call(&proxy, "DynamoDB_20120810.Query").status,
            scan(&proxy),
            scan(&proxy),
        ];
        assert_eq!(statuses, [200, 200, 500, 200]);
        assert_eq!((proxy.injected(), proxy.injected_by(rule)), (1, 1));
        let faults: Vec<_> = proxy.requests().into_iter().map(|r| r.fault).collect();
        assert_eq!(faults, [None, None, Some("status 500".to_owned()), None]);
        assert_eq!(upstream.hits(), 3);
    }

    #[test]
    fn first_n_then_rules_cleared() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        proxy.add_rule(
            Rule::new(Fault::service_unavailable())
                .path_contains("/bucket-a")
                .first(2),
        );
        let get = |path| {
            send(&proxy.endpoint(), "GET", path, &[], b"")
                .unwrap()
                .status
        };

        assert_eq!(get("/bucket-b/k"), 200);
        assert_eq!(
            [get("/bucket-a/k"), get("/bucket-a/k"), get("/bucket-a/k")],
            [503, 503, 200]
        );
        proxy.add_rule(Rule::new(Fault::service_unavailable()));
        assert_eq!(get("/bucket-b/k"), 503);
        proxy.clear_rules();
        assert_eq!(get("/bucket-b/k"), 200);
        assert_eq!(proxy.injected(), 3);
    }

    #[test]
    fn fraction_is_seeded_and_close_to_the_fraction() {
        let pattern = |seed| {
            let mut rule = ActiveRule::new(RuleId(0), Rule::new(Fault::Reset).fraction(0.3, seed));
            (0..1000).map(|_| rule.selects()).collect::<Vec<bool>>()
        };
        let first = pattern(42);
        assert_eq!(first, pattern(42));
        assert_ne!(first, pattern(43));
        let hits = first.iter().filter(|&&hit| hit).count();
        assert!(
            (250..=350).contains(&hits),
            "{hits} hits out of 1000 at 0.3"
        );
    }

    #[test]
    fn fraction_through_the_proxy_repeats_with_the_seed() {
        let upstream = TestUpstream::start();
        let run = || {
            let proxy = Proxy::start(&upstream.endpoint());
            proxy.add_rule(Rule::new(Fault::throttling_json()).fraction(0.5, 7));
            (0..20).map(|_| scan(&proxy)).collect::<Vec<u16>>()
        };
        let first = run();
        assert_eq!(first, run());
        assert!(first.contains(&200) && first.contains(&400), "{first:?}");
    }

    #[test]
    fn status_faults_answer_without_the_upstream() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let rule = proxy.add_rule(Rule::new(Fault::throttling_json()).first(1));
        proxy.add_rule(Rule::new(Fault::s3_slow_down()).first(1));
        proxy.add_rule(Rule::new(Fault::throttling_query()).first(1));

        let throttled = scan(&proxy);
        let raw = json_call(&proxy, "DynamoDB_20120810.Scan");
        assert_eq!((throttled, raw.status), (400, 503));
        assert_eq!(raw.header("content-type"), Some("application/xml"));
        assert!(raw.text().contains("<Code>SlowDown</Code>"));
        let raw = json_call(&proxy, "DynamoDB_20120810.Scan");
        assert_eq!(raw.status, 400);
        assert!(raw.text().contains("<Code>Throttling</Code>"));
        assert_eq!(upstream.hits(), 0);
        assert_eq!(proxy.injected_by(rule), 1);

        proxy.add_rule(Rule::new(Fault::throttling_json()));
        let raw = json_call(&proxy, "DynamoDB_20120810.Scan");
        assert_eq!(raw.header("x-amzn-errortype"), Some("ThrottlingException"));
        assert_eq!(
            raw.header("content-type"),
            Some("application/x-amz-json-1.0")
        );
        assert_eq!(
            raw.text(),
            r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#
        );
        assert_eq!(upstream.hits(), 0);
    }

    #[test]
    fn forward_first_reaches_the_upstream_and_still_fails() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        proxy.add_rule(Rule::after_upstream(Fault::service_unavailable()));
        assert_eq!(scan(&proxy), 503);
        assert_eq!(upstream.hits(), 1);
        assert_eq!(
            proxy.requests()[0].fault.as_deref(),
            Some("status 503 after upstream")
        );

        proxy.clear_rules();
        proxy.add_rule(Rule::after_upstream(Fault::Reset));
        assert!(send(&proxy.endpoint(), "GET", "/", &[], b"").is_err());
        assert_eq!(upstream.hits(), 2);
    }

    #[test]
    fn reset_closes_the_connection_without_a_response() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        proxy.add_rule(Rule::new(Fault::Reset).first(1));
        let Err(error) = send(&proxy.endpoint(), "POST", "/", &[], b"payload") else {
            panic!("a reset must not produce a response");
        };
        assert!(
            matches!(
                error.kind(),
                io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset
            ),
            "{error}"
        );
        assert_eq!(upstream.hits(), 0);
        assert_eq!(proxy.requests()[0].fault.as_deref(), Some("reset"));
        assert_eq!(scan(&proxy), 200);
    }

    /// The SDK's HTTP stack is hyper's client: check it sees the faults as transport errors,
    /// from inside a runtime as the app's tests are.
    #[tokio::test]
    async fn hyper_client_sees_reset_and_truncation_as_errors() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build_http();
        let get = || {
            let uri: Uri = format!("{}/bucket/key", proxy.endpoint()).parse().unwrap();
            client.request(Request::get(uri).body(Full::new(Bytes::new())).unwrap())
        };

        proxy.add_rule(Rule::new(Fault::Reset).first(1));
        let error = get()
            .await
            .expect_err("a reset must not produce a response");
        let cause =
            std::error::Error::source(&error).and_then(|e| e.downcast_ref::<hyper::Error>());
        assert!(
            cause.is_some_and(hyper::Error::is_incomplete_message),
            "{error:?}"
        );

        proxy.clear_rules();
        proxy.add_rule(Rule::new(Fault::Truncate { keep: 5 }).first(1));
        let response = get().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.into_body().collect().await.is_err());

        let body = get().await.unwrap().into_body().collect().await.unwrap();
        assert!(body.to_bytes().starts_with(b"upstream saw"));
    }

    #[test]
    fn truncate_sends_the_full_length_but_fewer_bytes() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        for keep in [10, 0, 100_000] {
            proxy.clear_rules();
            proxy.add_rule(Rule::new(Fault::Truncate { keep }));
            let raw = send(&proxy.endpoint(), "GET", "/bucket/key", &[], b"").unwrap();
            let length: usize = raw.header("content-length").unwrap().parse().unwrap();
            let expected = "upstream saw 0 bytes for GET /bucket/key HTTP/1.1";
            assert_eq!((raw.status, length), (200, expected.len()));
            assert_eq!(
                raw.body,
                &expected.as_bytes()[..keep.min(length - 1)],
                "keep {keep}"
            );
            assert_eq!(raw.header("x-upstream"), Some("yes"));
        }
        assert_eq!(upstream.hits(), 3);
    }

    #[test]
    fn stall_delays_the_forward() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        proxy.add_rule(Rule::new(Fault::Stall(Duration::from_millis(300))).first(1));
        let started = Instant::now();
        assert_eq!(scan(&proxy), 200);
        assert!(
            started.elapsed() >= Duration::from_millis(250),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(upstream.hits(), 1);
        assert_eq!(proxy.requests()[0].fault.as_deref(), Some("stall 300ms"));
    }

    #[test]
    fn slow_body_takes_the_body_at_the_rate_then_forwards_it_whole() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let rule = proxy.add_rule(
            Rule::new(Fault::SlowBody {
                bytes_per_sec: 1024 * 1024,
            })
            .path_contains("partNumber="),
        );
        let body = vec![b'x'; 512 * 1024];
        let started = Instant::now();
        let response = send(
            &proxy.endpoint(),
            "PUT",
            "/bucket/big?partNumber=1&uploadId=u",
            &[],
            &body,
        )
        .unwrap();
        // Half a megabyte at a megabyte a second: at least about half a second.
        assert!(
            started.elapsed() >= Duration::from_millis(450),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(response.status, 200);
        assert!(response.text().starts_with("upstream saw 524288 bytes"));
        assert_eq!(proxy.injected_by(rule), 1);
        assert_eq!(
            proxy.requests()[0].fault.as_deref(),
            Some("body read at 1048576 B/s")
        );
        // Other requests are not slowed or counted.
        assert_eq!(scan(&proxy), 200);
        assert_eq!(proxy.injected_by(rule), 1);
    }

    /// hyper drops the handler when the client hangs up, so a request whose attempt timed out
    /// during the stall is never applied: the retry is the only copy the emulator sees.
    #[test]
    fn stall_of_a_departed_client_never_reaches_the_upstream() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        proxy.add_rule(Rule::new(Fault::Stall(Duration::from_millis(300))));
        let addr = proxy.endpoint().strip_prefix("http://").unwrap().to_owned();
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        stream
            .write_all(b"GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
            .unwrap();
        std::thread::sleep(Duration::from_millis(50));
        drop(stream);
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(upstream.hits(), 0);
        assert_eq!(proxy.injected(), 1);
    }

    #[test]
    fn unreachable_upstream_is_a_bad_gateway() {
        let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", dead.local_addr().unwrap());
        drop(dead);
        let proxy = Proxy::start(&endpoint);
        assert_eq!(scan(&proxy), 502);
        assert_eq!(proxy.count("Scan"), 1);
    }

    #[test]
    fn stops_when_dropped_and_refuses_remote_upstreams() {
        let upstream = TestUpstream::start();
        let proxy = Proxy::start(&upstream.endpoint());
        let endpoint = proxy.endpoint();
        assert!(endpoint.starts_with("http://127.0.0.1:"));
        drop(proxy);
        assert!(send(&endpoint, "GET", "/", &[], b"").is_err());

        for upstream in [
            "http://192.0.2.1:80",
            "http://example.com",
            "https://127.0.0.1:1",
            "nonsense",
        ] {
            assert!(Proxy::try_start(upstream).is_err(), "{upstream}");
        }
        assert!(Proxy::try_start("http://localhost:1").is_ok());
        assert!(Proxy::try_start("http://[::1]:1").is_ok());
    }
}
