//! Chart figures (run: `cargo bench --bench chart`).
//!
//! One metric chart over 1,440 points (a day of 1-minute data, the most a range draws) with a
//! threshold line and a gap, rendered into an off-screen buffer: at a full 200×50 frame and at
//! the 80×11 a chart gets on an 80×24 screen. The target is < 4 ms a frame.

use awsterm::theme::Theme;
use awsterm::ui::chart::{Body, MetricChart, Unit};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::Instant;

const POINTS: i64 = 1_440;
const MINUTE: i64 = 60_000;

fn frame(points: &[(i64, f64)], area: Rect, theme: &Theme) -> f64 {
    let chart = MetricChart {
        title: "CPU utilization (avg)",
        unit: Unit::Percent,
        body: Body::Points {
            points,
            start_ms: 0,
            end_ms: POINTS * MINUTE,
        },
        period_ms: MINUTE,
        thresholds: &[80.0],
        utc: true,
        focused: false,
    };
    let mut buf = Buffer::empty(area);
    // Warm up, then the mean of many frames.
    for _ in 0..20 {
        chart.render(area, &mut buf, theme);
    }
    let reps = 500u32;
    let t = Instant::now();
    for _ in 0..reps {
        buf.reset();
        chart.render(area, &mut buf, theme);
    }
    t.elapsed().as_secs_f64() * 1e3 / f64::from(reps)
}

fn main() {
    let theme = Theme::default();
    // A wave with an hour missing in the middle (a gap, drawn as one).
    let points: Vec<(i64, f64)> = (0..POINTS)
        .filter(|m| !(700..760).contains(m))
        .map(|m| (m * MINUTE, 50.0 + 40.0 * ((m as f64) / 60.0).sin()))
        .collect();
    for (w, h) in [(200, 50), (80, 11)] {
        let ms = frame(&points, Rect::new(0, 0, w, h), &theme);
        println!(
            "one chart frame, {} points, {w}×{h}: {ms:.3} ms (mean of 500; target < 4 ms)",
            points.len()
        );
    }
}
