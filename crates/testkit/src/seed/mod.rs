//! Realistic demo data, written through the official SDK into one context (account × region).

mod cloudformation;
mod dynamodb;
mod ec2;
pub mod ecs;
mod elb;
pub mod hostile;
pub mod iam;
pub mod lambda;
pub mod logs;
mod params;
mod rds;
mod route53;
mod s3;
mod secrets;
mod sns;
mod sqs;
mod zip;

use aws_config::SdkConfig;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// What `scripts/demo` shows: thousands of items, a 20,000-object bucket.
    Demo,
    /// Enough of everything for tests to check shapes quickly.
    Small,
}

/// Where to seed and how much.
pub struct Target<'a> {
    pub sdk: &'a SdkConfig,
    /// The emulator, for calls the demo needs but awsterm does not link (IAM role creation).
    pub endpoint: &'a str,
    pub account: &'a str,
    /// Short environment name used in resource names: `dev`, `prod`.
    pub env: &'a str,
    pub scale: Scale,
    /// Create the big bucket here (only one context gets it); `fill_big_bucket` fills it.
    pub big_bucket: bool,
}

impl Target<'_> {
    fn region(&self) -> String {
        self.sdk
            .region()
            .map(|r| r.to_string())
            .unwrap_or_else(|| "us-east-1".into())
    }

    /// `acme-dev-assets` in us-east-1, `acme-dev-assets-eu-west-1` elsewhere: bucket names are
    /// global, so other regions need their own.
    fn bucket(&self, name: &str) -> String {
        match self.region().as_str() {
            "us-east-1" => format!("acme-{}-{name}", self.env),
            region => format!("acme-{}-{name}-{region}", self.env),
        }
    }
}

/// What was written, and how long each service took.
#[derive(Debug, Default)]
pub struct Report {
    pub lines: Vec<String>,
}

impl Report {
    fn timed(&mut self, what: &str, started: Instant, count: usize) {
        self.lines.push(format!(
            "{what}: {count} in {:.1} s",
            started.elapsed().as_secs_f64()
        ));
    }
}

pub type SeedResult<T> = Result<T, String>;

/// Seeds every service into the target context.
pub async fn seed_all(target: &Target<'_>) -> SeedResult<Report> {
    let mut report = Report::default();
    let t = Instant::now();
    let n = s3::seed(target).await.map_err(|e| format!("s3: {e}"))?;
    report.timed("s3 objects", t, n);
    let t = Instant::now();
    let n = ec2::seed(target).await.map_err(|e| format!("ec2: {e}"))?;
    report.timed("ec2 instances", t, n);
    let t = Instant::now();
    let n = dynamodb::seed(target)
        .await
        .map_err(|e| format!("dynamodb: {e}"))?;
    report.timed("dynamodb items", t, n);
    let t = Instant::now();
    let n = lambda::seed(target)
        .await
        .map_err(|e| format!("lambda: {e}"))?;
    report.timed("lambda functions", t, n);
    let t = Instant::now();
    let n = logs::seed(target).await.map_err(|e| format!("logs: {e}"))?;
    report.timed("log events", t, n);
    let t = Instant::now();
    let n = rds::seed(target).await.map_err(|e| format!("rds: {e}"))?;
    report.timed("rds instances", t, n);
    let t = Instant::now();
    let n = cloudformation::seed(target)
        .await
        .map_err(|e| format!("cloudformation: {e}"))?;
    report.timed("cloudformation stacks", t, n);
    let t = Instant::now();
    let n = iam::seed(target).await.map_err(|e| format!("iam: {e}"))?;
    report.timed("iam roles and users", t, n);
    let t = Instant::now();
    let n = elb::seed(target).await.map_err(|e| format!("elb: {e}"))?;
    report.timed("load balancers", t, n);
    let t = Instant::now();
    let n = route53::seed(target)
        .await
        .map_err(|e| format!("route53: {e}"))?;
    report.timed("route53 records", t, n);
    let t = Instant::now();
    let n = secrets::seed(target)
        .await
        .map_err(|e| format!("secrets: {e}"))?;
    report.timed("secrets", t, n);
    let t = Instant::now();
    let n = params::seed(target)
        .await
        .map_err(|e| format!("ssm parameters: {e}"))?;
    report.timed("ssm parameters", t, n);
    let t = Instant::now();
    let n = sqs::seed(target).await.map_err(|e| format!("sqs: {e}"))?;
    report.timed("sqs messages", t, n);
    let t = Instant::now();
    let n = sns::seed(target).await.map_err(|e| format!("sns: {e}"))?;
    report.timed("sns subscriptions", t, n);
    let t = Instant::now();
    let n = ecs::seed(target).await.map_err(|e| format!("ecs: {e}"))?;
    report.timed("ecs tasks", t, n);
    Ok(report)
}

pub use s3::fill_big_bucket;

/// The log groups the feeder keeps writing to while the demo runs.
pub fn feed_groups() -> Vec<String> {
    vec![
        "/aws/lambda/checkout-api".into(),
        "/app/orders-api".into(),
        "/app/payments".into(),
    ]
}

/// Milliseconds since the epoch.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// A tiny deterministic generator, so demo data looks varied but is the same every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6364136223846793005).wrapping_add(1))
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound.max(1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}
