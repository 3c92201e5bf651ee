//! Soak: a busy log group tailed while the EC2 view is refreshed, for 30 minutes
//! (`cargo bench --bench soak`; `AWSTERM_SOAK_MINUTES=5` for a shorter run). Everything goes
//! through the real app loop, the SDK adapters and the emulator. Resident memory is sampled
//! every 10 s; the verdict compares the end with the first sample after the tail's buffer
//! filled (bounded buffers: memory must stay flat). Without `--bench` (the test run) it runs
//! for 15 seconds with a small buffer, as a smoke test.

mod common;

use awsterm::app::host::RecordingHost;
use awsterm::app::run::{Exit, run};
use awsterm::keymap::keys::parse_script;
use awsterm_testkit::account::AwsFiles;
use common::rss_mb;
use crossterm::event::Event;
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const GROUP: &str = "/soak/busy";

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let minutes: f64 = std::env::var("AWSTERM_SOAK_MINUTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 30.0 } else { 0.25 });
    let duration = Duration::from_secs_f64(minutes * 60.0);
    // 200 events/s fill the default 100,000-line buffer in about 8 minutes; the smoke run
    // uses a 2,000-line buffer so it fills at once.
    let (rate, buffer) = if full { (200, 100_000) } else { (200, 2_000) };

    let files = AwsFiles::for_test("soak");
    let sdk = files.sdk_config("acct").await;
    let ec2 = aws_sdk_ec2::Client::new(&sdk);
    seed_instances(&ec2, 40).await;
    let logs = aws_sdk_cloudwatchlogs::Client::new(&sdk);
    logs.create_log_group()
        .log_group_name(GROUP)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(GROUP)
        .log_stream_name("web")
        .send()
        .await
        .unwrap();
    let written = Arc::new(Mutex::new(0usize));
    let feeder = tokio::spawn(feed(logs, rate, written.clone()));

    let (mut app, mut rx, mut terminal) = common::app(&files);
    app.set_logs_settings(awsterm::config::LogsSettings {
        buffer_lines: buffer,
        since: "1m".into(),
        ..Default::default()
    });
    let samples: Arc<Mutex<Vec<(f64, f64)>>> = Arc::default();
    let sampler = {
        let samples = samples.clone();
        let start = Instant::now();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(if full { 10 } else { 1 }));
            loop {
                tick.tick().await;
                samples
                    .lock()
                    .unwrap()
                    .push((start.elapsed().as_secs_f64(), rss_mb()));
            }
        })
    };

    let refreshes = Arc::new(Mutex::new(0usize));
    let script = keys(duration, refreshes.clone());
    let mut host = RecordingHost::default();
    let started = Instant::now();
    let exit = run(&mut app, &mut rx, &mut terminal, script, &mut host)
        .await
        .expect("the loop ran");
    assert_eq!(exit, Exit::Quit(0));
    feeder.abort();
    sampler.abort();
    let screen = terminal.backend().to_string();
    let tail_title = screen
        .lines()
        .find(|l| l.contains("tail /soak/busy"))
        .unwrap_or_default()
        .trim_matches(|c: char| c == '"' || c == ' ')
        .to_string();
    assert!(*written.lock().unwrap() > 0, "the feeder wrote events");
    assert!(tail_title.contains("lines"), "the tail is shown: {screen}");

    let samples = samples.lock().unwrap().clone();
    let fill_secs = buffer as f64 / rate as f64 + 30.0;
    let plateau = samples
        .iter()
        .find(|(t, _)| *t >= fill_secs.min(duration.as_secs_f64() / 2.0))
        .copied()
        .unwrap_or(samples[0]);
    let end = *samples.last().unwrap();
    let peak = samples.iter().map(|s| s.1).fold(0.0, f64::max);
    let growth = (end.1 - plateau.1) / plateau.1 * 100.0;
    println!(
        "soak: {:.1} min, {} events written ({rate}/s), tail buffer {buffer} lines, {} EC2 refreshes",
        started.elapsed().as_secs_f64() / 60.0,
        *written.lock().unwrap(),
        *refreshes.lock().unwrap()
    );
    println!("tail at the end: {tail_title}");
    println!(
        "RSS: {:.1} MB at {:.0} s (buffer full), {:.1} MB at the end ({:+.1} %), peak {:.1} MB, {} samples",
        plateau.1,
        plateau.0,
        end.1,
        growth,
        peak,
        samples.len()
    );
    for (t, mb) in samples.iter().step_by((samples.len() / 12).max(1)) {
        println!("  {:>6.0} s  {mb:>6.1} MB", t);
    }
    let flat = growth < 5.0;
    println!(
        "verdict: memory {} (end within 5 % of the first sample after the buffer filled)",
        if flat { "flat" } else { "GREW" }
    );
    if full && !flat {
        std::process::exit(1);
    }
}

async fn seed_instances(ec2: &aws_sdk_ec2::Client, n: i32) {
    ec2.run_instances()
        .image_id("ami-12c6146b")
        .min_count(n)
        .max_count(n)
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .send()
        .await
        .expect("instances");
}

/// `rate` events a second, in batches every 200 ms, about 150 bytes each.
async fn feed(logs: aws_sdk_cloudwatchlogs::Client, rate: usize, written: Arc<Mutex<usize>>) {
    let batch = (rate / 5).max(1);
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let mut n = 0usize;
    loop {
        tick.tick().await;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        let events = (0..batch)
            .map(|i| {
                n += 1;
                aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                    // PutLogEvents wants a batch in time order.
                    .timestamp(now + (i * 200 / batch) as i64)
                    .message(format!(
                        "INFO req-{n:010} GET /api/orders/{} 200 {} ms user=u{} region=eu-west-1 \
                         trace=1-{n:08x}-{:024x}",
                        n % 9973,
                        n % 250,
                        n % 311,
                        n * 2654435761
                    ))
                    .build()
                    .unwrap()
            })
            .collect();
        if logs
            .put_log_events()
            .log_group_name(GROUP)
            .log_stream_name("web")
            .set_log_events(Some(events))
            .send()
            .await
            .is_ok()
        {
            *written.lock().unwrap() += batch;
        }
    }
}

/// The tail first; every 30 s (3 s in the smoke run) the EC2 view in its place, refreshed,
/// and back to the tail, which catches up; finally quit.
fn keys(
    duration: Duration,
    refreshes: Arc<Mutex<usize>>,
) -> futures::stream::BoxStream<'static, std::io::Result<Event>> {
    let every = if duration > Duration::from_secs(120) {
        Duration::from_secs(30)
    } else {
        Duration::from_secs(3)
    };
    let start = Instant::now();
    let mut plan: Vec<(Duration, String)> = vec![(Duration::ZERO, format!(":tail {GROUP}<Enter>"))];
    let mut at = every;
    while at + Duration::from_secs(2) < duration {
        plan.push((at, ":ec2<Enter>".into()));
        plan.push((at + Duration::from_secs(1), "<C-r>".into()));
        // `:ec2` replaced the tail as the top-level view; `-` brings the tail back (the jump
        // list keeps it, suspended, while EC2 is on screen).
        plan.push((at + Duration::from_secs(2), "-".into()));
        at += every;
    }
    plan.push((duration, "<C-c>".into()));
    futures::stream::iter(plan)
        .then(move |(when, script)| {
            let refreshes = refreshes.clone();
            async move {
                tokio::time::sleep_until((start + when).into()).await;
                if script == "<C-r>" {
                    *refreshes.lock().unwrap() += 1;
                }
                futures::stream::iter(
                    parse_script(&script)
                        .expect("key script")
                        .into_iter()
                        .map(|k| Ok(Event::Key(k))),
                )
            }
        })
        .flatten()
        .boxed()
}
