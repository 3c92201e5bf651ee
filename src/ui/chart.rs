//! One metric as a chart: a braille line over the window, the y axis in the metric's unit
//! (bytes in KiB/MiB…, percent, milliseconds or seconds, counts), times on the x axis, and the
//! numbers beside it — min, avg, max and last — in the chart's top border. A period without
//! data is a gap, never a zero; thresholds (an alarm's) are drawn across the window.

use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};

/// What a metric's values measure, as CloudWatch names its units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Bytes,
    BytesPerSecond,
    Count,
    Seconds,
    Milliseconds,
    /// No unit worth naming: the number alone.
    None,
}

impl Unit {
    /// CloudWatch's name for a unit (`Bytes/Second`); anything unknown is a plain number.
    pub fn from_cloudwatch(name: &str) -> Unit {
        match name {
            "Percent" => Unit::Percent,
            "Bytes" => Unit::Bytes,
            "Bytes/Second" => Unit::BytesPerSecond,
            "Count" => Unit::Count,
            "Seconds" => Unit::Seconds,
            "Milliseconds" => Unit::Milliseconds,
            _ => Unit::None,
        }
    }

    /// `42.5%`, `1.5 MiB`, `320 KiB/s`, `1.2k`, `350 ms`, `2.4 s`.
    pub fn format(self, v: f64) -> String {
        if !v.is_finite() {
            return "—".into();
        }
        match self {
            Unit::Percent => format!("{}%", short(v)),
            Unit::Bytes => binary(v),
            Unit::BytesPerSecond => format!("{}/s", binary(v)),
            Unit::Count | Unit::None => compact(v),
            Unit::Seconds if v.abs() < 1.0 && v != 0.0 => format!("{} ms", short(v * 1000.0)),
            Unit::Seconds => format!("{} s", short(v)),
            Unit::Milliseconds if v.abs() >= 1000.0 => format!("{} s", short(v / 1000.0)),
            Unit::Milliseconds => format!("{} ms", short(v)),
        }
    }
}

/// Three significant digits at most, no trailing zeros: `42.5`, `0.123`, `1234`.
fn short(v: f64) -> String {
    let a = v.abs();
    let text = if a >= 100.0 || a == 0.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn binary(v: f64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut x = v;
    let mut i = 0;
    while x.abs() >= 1024.0 && i + 1 < UNITS.len() {
        x /= 1024.0;
        i += 1;
    }
    format!("{} {}", short(x), UNITS[i])
}

fn compact(v: f64) -> String {
    const STEPS: [(f64, &str); 3] = [(1e9, "G"), (1e6, "M"), (1e3, "k")];
    for (size, suffix) in STEPS {
        if v.abs() >= size {
            return format!("{}{suffix}", short(v / size));
        }
    }
    short(v)
}

/// min / avg / max / last of the points, `None` without any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub min: f64,
    pub avg: f64,
    pub max: f64,
    pub last: f64,
}

impl Stats {
    pub fn of(points: &[(i64, f64)]) -> Option<Stats> {
        let (_, last) = *points.last()?;
        let (mut min, mut max, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
        for &(_, v) in points {
            min = min.min(v);
            max = max.max(v);
            sum += v;
        }
        Some(Stats {
            min,
            avg: sum / points.len() as f64,
            max,
            last,
        })
    }
}

/// What a chart shows below its title.
pub enum Body<'a> {
    Loading,
    Failed(&'a str),
    /// Points sorted by time (milliseconds), over `[start, end)`.
    Points {
        points: &'a [(i64, f64)],
        start_ms: i64,
        end_ms: i64,
    },
}

pub struct MetricChart<'a> {
    pub title: &'a str,
    pub unit: Unit,
    pub body: Body<'a>,
    /// Points further apart than this are not joined: the periods between had no data.
    pub period_ms: i64,
    pub thresholds: &'a [f64],
    /// Times in UTC (else the local zone), as the log views show them.
    pub utc: bool,
    pub focused: bool,
}

impl MetricChart<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let title = crate::sanitize::sanitize(self.title);
        let border = if self.focused {
            theme.style("border.focused")
        } else {
            theme.style("border")
        };
        let mut block = Block::bordered()
            .border_style(border)
            .title(Line::styled(format!(" {title} "), theme.style("title")));
        if let Body::Points { points, .. } = &self.body {
            block = block.title(self.stats_line(points, theme).alignment(Alignment::Right));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        match &self.body {
            Body::Loading => message(inner, buf, "loading…", theme.style("text.dim")),
            Body::Failed(why) => message(
                inner,
                buf,
                &format!("error: {}", crate::sanitize::sanitize(why)),
                theme.style("flash.error"),
            ),
            Body::Points {
                points,
                start_ms,
                end_ms,
            } => self.plot(inner, buf, theme, points, *start_ms, *end_ms),
        }
    }

    fn stats_line(&self, points: &[(i64, f64)], theme: &Theme) -> Line<'static> {
        let Some(s) = Stats::of(points) else {
            return Line::styled(" no data ", theme.style("text.dim"));
        };
        let (dim, value) = (theme.style("text.dim"), theme.style("text"));
        let mut spans = vec![Span::raw(" ")];
        for (name, v) in [
            ("min", s.min),
            ("avg", s.avg),
            ("max", s.max),
            ("last", s.last),
        ] {
            spans.push(Span::styled(format!("{name} "), dim));
            spans.push(Span::styled(self.unit.format(v), value));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    fn plot(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        points: &[(i64, f64)],
        start_ms: i64,
        end_ms: i64,
    ) {
        if area.height < 3 || area.width < 12 {
            return;
        }
        let (low, high) = y_bounds(points, self.thresholds, self.unit);
        let data: Vec<(f64, f64)> = points
            .iter()
            .map(|&(t, v)| ((t - start_ms) as f64, v))
            .collect();
        let line = theme.style("title");
        let runs = runs(points, self.period_ms);
        let thresholds: Vec<[(f64, f64); 2]> = self
            .thresholds
            .iter()
            .map(|&t| [(0.0, t), ((end_ms - start_ms) as f64, t)])
            .collect();
        let mut datasets: Vec<Dataset> = thresholds
            .iter()
            .map(|pair| {
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(theme.style("state.error"))
                    .data(pair)
            })
            .collect();
        for run in runs {
            let slice = &data[run.clone()];
            datasets.push(
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(if slice.len() == 1 {
                        GraphType::Scatter
                    } else {
                        GraphType::Line
                    })
                    .style(line)
                    .data(slice),
            );
        }
        let dim = theme.style("text.dim");
        let mid = (low + high) / 2.0;
        let y_labels = [low, mid, high].map(|v| Span::styled(self.unit.format(v), dim));
        let span_ms = end_ms - start_ms;
        let x_labels = [start_ms, start_ms + span_ms / 2, end_ms]
            .map(|t| Span::styled(axis_time(t, span_ms, self.utc), dim));
        Chart::new(datasets)
            .x_axis(
                Axis::default()
                    .bounds([0.0, span_ms.max(1) as f64])
                    .labels(x_labels)
                    .style(dim),
            )
            .y_axis(
                Axis::default()
                    .bounds([low, high])
                    .labels(y_labels)
                    .style(dim),
            )
            .render(area, buf);
    }
}

fn message(area: Rect, buf: &mut Buffer, text: &str, style: ratatui::style::Style) {
    Paragraph::new(Line::styled(text.to_string(), style)).render(area, buf);
}

/// Index ranges of points with no missing period between neighbours: each is drawn as its
/// own line, so a gap in the data stays a gap on screen.
pub fn runs(points: &[(i64, f64)], period_ms: i64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        let broken = i == points.len() || points[i].0 - points[i - 1].0 > period_ms * 3 / 2;
        if broken {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// The y range: from zero (or the lowest value, when negative) to a little over the highest
/// of values and thresholds, so the line never sits on the border; percentages stop at 100
/// unless a value goes beyond.
pub fn y_bounds(points: &[(i64, f64)], thresholds: &[f64], unit: Unit) -> (f64, f64) {
    let values = points
        .iter()
        .map(|(_, v)| *v)
        .chain(thresholds.iter().copied());
    let (mut low, mut high) = (0.0_f64, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        low = low.min(v);
        high = high.max(v);
    }
    if !high.is_finite() || high <= low {
        high = low + 1.0;
    }
    let top = high + (high - low) * 0.05;
    // Bytes round in their own steps: 10 MiB, not 9.54 MiB.
    let scale = match unit {
        Unit::Bytes | Unit::BytesPerSecond => {
            let mut s = 1.0;
            while top / s >= 1024.0 {
                s *= 1024.0;
            }
            s
        }
        _ => 1.0,
    };
    let ceiling = nice_ceiling(top / scale) * scale;
    // A percentage never needs room above 100 %.
    if unit == Unit::Percent && high <= 100.0 {
        return (low, ceiling.min(100.0));
    }
    (low, ceiling)
}

/// A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above
/// `v`: fine enough steps that the line fills most of the chart's height.
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 {
        return v;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * power)
}

/// `14:05` within a day, `11-23 14:05` over longer windows.
fn axis_time(ms: i64, span_ms: i64, utc: bool) -> String {
    let text = crate::clock::log_time(ms, utc);
    let cut = if span_ms > 86_400_000 { 0 } else { 6 };
    text.get(cut..11).map_or(text.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_as_people_write_them() {
        assert_eq!(Unit::Percent.format(42.456), "42.5%");
        assert_eq!(Unit::Percent.format(0.0), "0%");
        assert_eq!(Unit::Bytes.format(1536.0), "1.5 KiB");
        assert_eq!(Unit::Bytes.format(5.0 * 1024.0 * 1024.0 * 1024.0), "5 GiB");
        assert_eq!(Unit::BytesPerSecond.format(2_097_152.0), "2 MiB/s");
        assert_eq!(Unit::Count.format(1234.0), "1.23k");
        assert_eq!(Unit::Count.format(7.0), "7");
        assert_eq!(Unit::Milliseconds.format(350.0), "350 ms");
        assert_eq!(Unit::Milliseconds.format(2500.0), "2.5 s");
        assert_eq!(Unit::Seconds.format(0.012), "12 ms");
        assert_eq!(Unit::Seconds.format(3.0), "3 s");
        assert_eq!(Unit::from_cloudwatch("Bytes/Second"), Unit::BytesPerSecond);
        assert_eq!(Unit::None.format(f64::NAN), "—");
    }

    #[test]
    fn stats_are_min_avg_max_and_the_newest() {
        let s = Stats::of(&[(0, 2.0), (60, 6.0), (120, 1.0)]).expect("stats");
        assert_eq!((s.min, s.avg, s.max, s.last), (1.0, 3.0, 6.0, 1.0));
        assert_eq!(Stats::of(&[]), None);
    }

    #[test]
    fn a_missing_period_splits_the_line() {
        let p = |t: i64| (t * 60_000, 1.0);
        let points = [p(0), p(1), p(2), p(5), p(6), p(9)];
        assert_eq!(runs(&points, 60_000), vec![0..3, 3..5, 5..6]);
        assert!(runs(&[], 60_000).is_empty());
    }

    #[test]
    fn the_y_axis_reaches_past_values_and_thresholds() {
        let p = Unit::Percent;
        assert_eq!(y_bounds(&[(0, 42.0)], &[], p), (0.0, 50.0));
        assert_eq!(y_bounds(&[(0, 42.0)], &[80.0], p), (0.0, 100.0));
        assert_eq!(y_bounds(&[], &[], p), (0.0, 1.2));
        // Room above the line, not twice its height.
        assert_eq!(y_bounds(&[(0, 70.0), (1, 99.0)], &[], p), (0.0, 100.0));
        assert_eq!(y_bounds(&[(0, 99.0)], &[], Unit::Count), (0.0, 120.0));
        assert_eq!(y_bounds(&[(0, -3.0), (1, 3.0)], &[], p).0, -3.0);
        let mib = 1_048_576.0;
        assert_eq!(
            y_bounds(&[(0, 7.0 * mib)], &[], Unit::Bytes),
            (0.0, 8.0 * mib)
        );
    }

    #[test]
    fn a_gap_is_drawn_as_a_gap() {
        let theme = Theme::mono();
        let points: Vec<(i64, f64)> = (0..60)
            .filter(|i| !(20..40).contains(i))
            .map(|i| (i * 60_000, 50.0))
            .collect();
        let chart = MetricChart {
            title: "CPU",
            unit: Unit::Percent,
            body: Body::Points {
                points: &points,
                start_ms: 0,
                end_ms: 3_600_000,
            },
            period_ms: 60_000,
            thresholds: &[],
            utc: true,
            focused: false,
        };
        let area = Rect::new(0, 0, 70, 10);
        let mut buf = Buffer::empty(area);
        chart.render(area, &mut buf, &theme);
        let braille = |c: char| ('\u{2801}'..='\u{28ff}').contains(&c);
        // The row the flat line is drawn in.
        let row: String = (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .max_by_key(|r| r.chars().filter(|c| braille(*c)).count())
            .expect("rows");
        // The flat line: drawn at both ends, blank across the missing third.
        let drawn: Vec<bool> = row.chars().map(braille).collect();
        let first = drawn.iter().position(|d| *d).expect("a line");
        let last = drawn.iter().rposition(|d| *d).expect("a line");
        let blank_inside = drawn[first..last].iter().filter(|d| !**d).count();
        assert!(blank_inside > 10, "{row}");
    }
}
