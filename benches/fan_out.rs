//! Cross-region fan-out figures for docs/performance.md (run: `cargo bench --bench fan_out`).
//!
//! `:ec2 @all-regions` through the real app, runtime and table, drawn to an off-screen terminal
//! after every answer, against in-memory EC2 whose 17 regions answer after 20 to 200 ms
//! (evenly spread, the slowest last in the list, 50 instances each). Compared with the same
//! view over the slowest region alone and the fastest alone:
//! - every region in vs. the slowest region alone (target ≤ 1.5×: parallel, not serial);
//! - first rows on screen vs. the fastest region alone (they should arrive together).
//!
//! Then 17 regions all answering after 200 ms with `fan_out` 16 and 24: why the default is 24.
//! Without `--bench` (as `cargo test` runs it) one repetition, so the bench cannot rot.

mod common;

use awsterm::app::{App, AppOptions};
use awsterm::aws::ec2::Instance;
use awsterm::aws::fake::{FakeContexts, FakeEc2, FakeSts, adapters};
use awsterm::aws::profiles::{CredentialKind, ProfileInfo};
use awsterm::aws::regions::ENABLED_BY_DEFAULT;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

const PER_REGION: usize = 50;

/// Region `i` of 17 answers after 20 + i × 11.25 ms: 20 ms for the first, 200 ms for the last.
fn spread(i: usize) -> Duration {
    Duration::from_micros(20_000 + (i as u64) * 180_000 / 16)
}

fn instances() -> Vec<Instance> {
    (0..PER_REGION)
        .map(|i| Instance {
            id: format!("i-bench{i:04}"),
            state: "running".into(),
            instance_type: "t3.micro".into(),
            az: "zone-a".into(),
            tags: vec![("Name".into(), format!("node-{i:03}"))],
            ..Instance::default()
        })
        .collect()
}

fn app(latency: impl Fn(usize) -> Duration, fan_out: usize) -> (App, Terminal<TestBackend>, Rx) {
    let mut fakes = FakeContexts::default().ec2("bench", FakeEc2::with(instances()));
    for (i, region) in ENABLED_BY_DEFAULT.iter().enumerate() {
        fakes = fakes.latency(region, latency(i));
    }
    let options = AppOptions {
        profiles: Ok(vec![ProfileInfo {
            name: "bench".into(),
            region: Some("us-east-1".into()),
            kind: CredentialKind::StaticKeys,
            endpoint_url: None,
            sso_session: None,
            account_hint: None,
            mfa_serial: None,
        }]),
        fan_out,
        ..common::options(awsterm::aws::ContextKey {
            profile: Some("bench".into()),
            region: "us-east-1".into(),
        })
    };
    let sts = FakeSts::default().with("bench", "123456789012", "user/bench");
    let (app, rx) = App::new(options, adapters(sts).with_contexts(fakes));
    let terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    (app, terminal, rx)
}

type Rx = tokio::sync::mpsc::UnboundedReceiver<awsterm::msg::Msg>;

/// `:ec2 SCOPE` until every context answered: (first rows drawn, everything drawn).
async fn fan_out(
    latency: impl Fn(usize) -> Duration,
    fan_out: usize,
    scope: &str,
    contexts: usize,
) -> (Duration, Duration) {
    let (mut app, mut terminal, mut rx) = app(latency, fan_out);
    // Let the header's identity settle first, as it has when a user types the command.
    while !app.idle_probe().is_idle() {
        let msg = rx.recv().await.expect("reply");
        app.handle_msg(msg);
    }
    let start = Instant::now();
    app.run_line(&format!("ec2 {scope}"));
    let done = format!("{contexts} answered");
    let rows = format!("[{}]", awsterm::ui::format::count(contexts * PER_REGION));
    common::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |screen| screen.contains("i-bench"),
        |screen| screen.contains(&done) && screen.contains(&rows) && !screen.contains("loading…"),
    )
    .await
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let runs = if full { 15 } else { 1 };
    let fastest = ENABLED_BY_DEFAULT[0];
    let slowest = ENABLED_BY_DEFAULT[16];
    let default = awsterm::config::DEFAULT_FAN_OUT;

    let (mut alone_fast, mut alone_slow, mut first, mut all) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        alone_fast.push(
            fan_out(spread, default, &format!("@regions {fastest}"), 1)
                .await
                .1,
        );
        alone_slow.push(
            fan_out(spread, default, &format!("@regions {slowest}"), 1)
                .await
                .1,
        );
        let (f, a) = fan_out(spread, default, "@all-regions", 17).await;
        first.push(f);
        all.push(a);
    }
    let (alone_fast, alone_slow) = (median(alone_fast), median(alone_slow));
    let (first, all) = (median(first), median(all));

    let equal = |_| Duration::from_millis(200);
    let (mut at16, mut at24) = (vec![], vec![]);
    for _ in 0..runs {
        at16.push(fan_out(equal, 16, "@all-regions", 17).await.1);
        at24.push(fan_out(equal, default, "@all-regions", 17).await.1);
    }
    let (at16, at24) = (median(at16), median(at24));

    println!(
        "fan-out over 17 regions answering after 20–200 ms, {PER_REGION} instances each, fan_out {default} (median of {runs}, 160×48, mono)"
    );
    println!(
        "every region on screen: {} vs. the slowest region ({slowest}, 200 ms) alone {}: {:.2}× (target ≤ 1.5×)",
        ms(all),
        ms(alone_slow),
        common::ratio(all, alone_slow)
    );
    println!(
        "first rows on screen: {} vs. the fastest region ({fastest}, 20 ms) alone {}: {:.2}×",
        ms(first),
        ms(alone_fast),
        common::ratio(first, alone_fast)
    );
    println!(
        "17 regions all at 200 ms: fan_out 16 {} ({:.2}× one region), fan_out {default} {} ({:.2}×)",
        ms(at16),
        common::ratio(at16, Duration::from_millis(200)),
        ms(at24),
        common::ratio(at24, Duration::from_millis(200))
    );
}
