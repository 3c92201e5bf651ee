//! Start-up and idle figures for docs/performance.md (run: `cargo bench --bench startup`).
//!
//! - time from process start to the first complete frame (the header drawn), median of 15 runs;
//! - CPU used while idle for 10 s with the UI open (from /proc utime + stime);
//! - resident memory at rest (VmRSS, VmHWM).
//!
//! The binary runs in a pseudo-terminal against a local emulator, as a user would run it.

use awsterm_testkit::account::{AwsFiles, ENV_TO_REMOVE};
use awsterm_testkit::pty::PtySession;
use std::time::{Duration, Instant};

fn spawn(files: &AwsFiles) -> (PtySession, Instant) {
    let started = Instant::now();
    let session = PtySession::spawn(
        env!("CARGO_BIN_EXE_awsterm"),
        &["--profile", "base"],
        &files.env(),
        ENV_TO_REMOVE,
        120,
        40,
    )
    .expect("spawn awsterm");
    (session, started)
}

fn proc_field(pid: u32, file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test` this is only a quick smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let (runs, idle_secs) = if full { (15, 10) } else { (1, 1) };
    let files = AwsFiles::for_test("bench_startup");
    let mut first_frame = Vec::new();
    for _ in 0..runs {
        let (session, started) = spawn(&files);
        session
            .wait_for("Profiles", Duration::from_secs(20))
            .expect("first frame");
        first_frame.push(started.elapsed());
    }
    first_frame.sort();
    let median = first_frame[first_frame.len() / 2];
    println!(
        "first frame: median {:.1} ms, min {:.1} ms, max {:.1} ms ({runs} runs, PTY 120x40)",
        median.as_secs_f64() * 1e3,
        first_frame[0].as_secs_f64() * 1e3,
        first_frame[first_frame.len() - 1].as_secs_f64() * 1e3
    );

    let (session, _) = spawn(&files);
    session
        .wait_for("account 123456789012", Duration::from_secs(20))
        .expect("identity resolved");
    let pid = session.pid().expect("pid");
    // Let start-up work settle before measuring "idle".
    std::thread::park_timeout(Duration::from_secs(2));
    let ticks_per_sec = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let before = cpu_ticks(pid).expect("cpu ticks");
    let window = Duration::from_secs(idle_secs);
    let t = Instant::now();
    while t.elapsed() < window {
        std::thread::park_timeout(window - t.elapsed());
    }
    let after = cpu_ticks(pid).expect("cpu ticks");
    let cpu = (after - before) as f64 / ticks_per_sec;
    println!(
        "idle CPU over {idle_secs} s: {:.2} s of CPU = {:.2} % ({} ticks)",
        cpu,
        cpu / window.as_secs_f64() * 100.0,
        after - before
    );
    let rss = proc_field(pid, "status", "VmRSS:").unwrap_or_default();
    let hwm = proc_field(pid, "status", "VmHWM:").unwrap_or_default();
    println!(
        "memory at rest: VmRSS {:.1} MB, peak VmHWM {:.1} MB",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
}
