//! One kind's first rows on screen: the real app opened on `:LINE` in a fresh app (its own
//! adapters, so it pays for its first credentials like the SDK baseline's fresh client), timed
//! until a row of the seeded resources is drawn. The view's own page sizes and calls: no
//! path of its own for the bench.

use awsterm_testkit::account::AwsFiles;
use futures::StreamExt;
use std::future::Future;
use std::time::{Duration, Instant};

/// Time from `:LINE` to the first frame showing `marker` (a seeded resource's name).
pub async fn app_first_rows(files: &AwsFiles, line: &str, marker: &str) -> Duration {
    let (mut app, mut rx, mut terminal) = super::app(files);
    let start = Instant::now();
    app.run_line(line);
    let (first, _) = super::run_until(
        &mut app,
        &mut rx,
        &mut terminal,
        start,
        |text| text.contains(marker),
        |text| text.contains(marker),
    )
    .await;
    first
}

/// The one line each kind prints.
pub fn report(kind: &str, rows: usize, sdk_first: Duration, app_first: Duration) {
    println!(
        "{kind:<10} {rows:>5} rows · SDK first page {:>5.0} ms · awsterm first rows {:>5.0} ms · {:.2}× (target ≤ 1.2×)",
        sdk_first.as_secs_f64() * 1e3,
        app_first.as_secs_f64() * 1e3,
        super::ratio(app_first, sdk_first)
    );
}

/// Runs `make(i)` for `0..n`, eight at a time, each expected to succeed; says how long it took.
pub async fn seed<F, Fut, T, E>(what: &str, n: usize, make: F)
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Debug,
{
    let start = Instant::now();
    futures::stream::iter(0..n)
        .map(make)
        .buffer_unordered(8)
        .for_each(|r| async move {
            r.expect("seed");
        })
        .await;
    println!(
        "seeded {n} {what} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

/// Times one call.
pub async fn timed<T>(call: impl Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let out = call.await;
    (out, start.elapsed())
}
