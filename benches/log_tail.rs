//! Log tail figures for docs/performance.md (run: `cargo bench --bench log_tail`).
//!
//! The UI side of a busy tail: N events (AWSTERM_BENCH_EVENTS, default 300,000) waiting in an
//! in-memory Logs adapter, read 10,000 a page by the tail's polls through the real runtime and
//! app loop, every page drawn as it lands, into the default 100,000-line buffer. Reports the
//! ingest rate (target ≥ 20,000 events/s), one frame over a full buffer (< 4 ms), keystrokes
//! (pause, a search over the whole buffer, search-next: < 16 ms) and memory per buffered line.
//! AWS's own delivery rate is not measured here: the emulator, not awsterm, would be the limit.

mod common;

use awsterm::app::App;
use awsterm::aws::fake::{FakeLogs, FakeSts, adapters};
use common::{esc, key, rss_mb};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;

const BUFFER: usize = 100_000;

fn message(i: usize) -> String {
    let level = ["INFO", "INFO", "INFO", "WARN", "ERROR"][i % 5];
    format!(
        "2026-11-23T12:00:00Z {level} req-{i:08x} GET /api/orders/{} 200 {} ms user=u{}",
        i % 9973,
        i % 250,
        i % 311
    )
}

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("AWSTERM_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 300_000 } else { 20_000 });
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let rss_start = rss_mb();
    let logs = FakeLogs {
        page_size: 10_000,
        ..FakeLogs::default()
    }
    .group("/bench/busy");
    {
        let start = now - 60_000;
        for i in 0..n {
            FakeLogs::write(
                &logs.events,
                "/bench/busy",
                &format!("web-{}", i % 4),
                start + (i as i64 * 50_000 / n as i64),
                &message(i),
            );
        }
    }
    let options = common::options(common::acct());
    let (mut app, mut rx) = App::new(options, adapters(FakeSts::default()).with_logs(logs));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    // The adapter's copy of every event is not the view's: measured apart.
    let rss_before = rss_mb();

    let t = Instant::now();
    app.run_line(":tail /bench/busy".trim_start_matches(':'));
    let expected = n.min(BUFFER);
    let mut frames = 0u32;
    loop {
        let msg = rx.recv().await.expect("reply");
        app.handle_msg(msg);
        terminal
            .draw(|f| awsterm::app::draw(f, &mut app))
            .expect("draw");
        frames += 1;
        let text = terminal.backend().to_string();
        let done = text.contains(&format!("· {} lines", awsterm::ui::format::count(expected)))
            && app.idle_probe().is_idle();
        if done {
            break;
        }
    }
    let ingest = t.elapsed();
    let rss_after = rss_mb();
    let rate = n as f64 / ingest.as_secs_f64();

    // One frame over a full buffer, following.
    let reps = 200u32;
    let t = Instant::now();
    for _ in 0..reps {
        terminal
            .draw(|f| awsterm::app::draw(f, &mut app))
            .expect("draw");
    }
    let frame = t.elapsed() / reps;

    let timed = |app: &mut App, terminal: &mut Terminal<TestBackend>, events: &[Event]| {
        let t = Instant::now();
        for e in events {
            app.handle_event(e.clone());
        }
        terminal.draw(|f| awsterm::app::draw(f, app)).expect("draw");
        t.elapsed()
    };
    let pause = timed(&mut app, &mut terminal, &[key('p')]);
    let wrap = timed(&mut app, &mut terminal, &[key('w')]);
    for c in "/req-00000".chars() {
        app.handle_event(key(c));
    }
    // Enter: the newest match, searched over the whole buffer (the oldest lines match).
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let search = timed(&mut app, &mut terminal, &[enter]);
    let next = timed(&mut app, &mut terminal, &[key('N')]);
    app.handle_event(esc());

    println!("log tail, {n} events into a {BUFFER}-line buffer (mono theme, 160×48)");
    println!(
        "ingest: {:.0} events/s ({} events in {:.2} s, {frames} frames drawn; target ≥ 20,000/s)",
        rate,
        n,
        ingest.as_secs_f64()
    );
    println!(
        "one frame over a full buffer: {:.3} ms (mean of {reps}; target < 4 ms)",
        frame.as_secs_f64() * 1e3
    );
    println!(
        "keystrokes, drawn: pause {:.2} ms, wrap {:.2} ms, search over the buffer {:.2} ms, search-next {:.2} ms (target < 16 ms)",
        pause.as_secs_f64() * 1e3,
        wrap.as_secs_f64() * 1e3,
        search.as_secs_f64() * 1e3,
        next.as_secs_f64() * 1e3
    );
    let lines = expected as f64;
    println!(
        "memory: {:.1} MB for the adapter's {n} events; the tail took RSS {:.1} → {:.1} MB: {:.0} bytes per buffered line (a line is {} bytes + its message, here ~{} bytes)",
        rss_before - rss_start,
        rss_before,
        rss_after,
        (rss_after - rss_before) * 1024.0 * 1024.0 / lines,
        std::mem::size_of::<awsterm::panes::logs::LogLine>(),
        message(n / 2).len()
    );
}
