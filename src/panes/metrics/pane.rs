//! The charts pane: as many charts as fit the screen, scrolled a chart (j/k) or a screen
//! (PgUp/PgDn) at a time, over one of five ranges. Only the charts on screen are fetched — one
//! `GetMetricData` for all of them — and what was fetched is kept per range, so scrolling back
//! or returning to a range asks nothing again (`C-r` does).

use super::MetricSpec;
use super::range::{self, RANGES, Range};
use crate::aws::ContextKey;
use crate::aws::cloudwatch::{MetricQuery, Series};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::protocol::metrics::{MetricsOp, MetricsOutcome};
use crate::protocol::{Failure, Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::chart::{Body, MetricChart};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The fewest rows a chart is drawn in: borders, x labels and six rows of plot.
const CHART_ROWS: u16 = 9;
/// From this width the charts stand two abreast.
const TWO_COLUMNS: u16 = 160;

#[derive(Clone, Debug, PartialEq)]
enum Slot {
    Unasked,
    Loading,
    Loaded {
        points: Vec<(i64, f64)>,
        start_ms: i64,
        end_ms: i64,
    },
    Failed(String),
}

pub struct ChartsPane {
    id: PaneId,
    title: String,
    ctx: ContextKey,
    specs: Vec<MetricSpec>,
    range: usize,
    /// The first chart on screen.
    first: usize,
    /// Per range, per chart.
    slots: Vec<Vec<Slot>>,
}

impl ChartsPane {
    pub fn new(id: PaneId, title: String, ctx: ContextKey, specs: Vec<MetricSpec>) -> ChartsPane {
        let slots = RANGES
            .iter()
            .map(|_| vec![Slot::Unasked; specs.len()])
            .collect();
        ChartsPane {
            id,
            title,
            ctx,
            specs,
            range: range::DEFAULT,
            first: 0,
            slots,
        }
    }

    fn range(&self) -> &Range {
        &RANGES[self.range]
    }

    /// Charts on one screen of `body` (the pane's area), and how many stand side by side.
    fn layout(body: Rect) -> (usize, usize) {
        let columns = if body.width >= TWO_COLUMNS { 2 } else { 1 };
        // One line for the title above the charts.
        let rows = (body.height.saturating_sub(1) / CHART_ROWS).max(1);
        (usize::from(rows) * columns, columns)
    }

    fn per_screen(cx: &PaneCx) -> usize {
        let body = if cx.body.height == 0 {
            // Never drawn yet: the smallest screen the app draws on.
            Rect::new(0, 0, crate::ui::MIN_WIDTH, crate::ui::MIN_HEIGHT - 3)
        } else {
            cx.body
        };
        Self::layout(body).0
    }

    /// Asks for every chart on screen not yet asked for in this range, in one request.
    fn fetch_visible(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let end = (self.first + Self::per_screen(cx)).min(self.specs.len());
        let slots = &mut self.slots[self.range];
        let wanted: Vec<usize> = (self.first..end)
            .filter(|&i| slots[i] == Slot::Unasked)
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let queries = wanted
            .iter()
            .map(|&i| {
                slots[i] = Slot::Loading;
                let s = &self.specs[i];
                MetricQuery {
                    id: format!("m{i}"),
                    namespace: s.namespace.clone(),
                    metric: s.metric.clone(),
                    dimensions: s.dimensions.clone(),
                    stat: s.stat.clone(),
                }
            })
            .collect();
        let range = &RANGES[self.range];
        let op = Op::Metrics(MetricsOp::Data {
            ctx: self.ctx.clone(),
            queries,
            range_s: range.seconds,
            period_s: range.period_s,
        });
        vec![Effect::Request(Request::new(Owner::Pane(self.id), op))]
    }

    fn scroll_to(&mut self, first: usize, cx: &PaneCx) -> Vec<Effect> {
        let last = self.specs.len().saturating_sub(Self::per_screen(cx));
        self.first = first.min(last);
        self.fetch_visible(cx)
    }

    fn store(
        &mut self,
        range_s: i64,
        ids: &[String],
        window: (i64, i64),
        result: Result<Vec<Series>, String>,
    ) {
        let Some(r) = RANGES.iter().position(|r| r.seconds == range_s) else {
            return;
        };
        let index = |id: &str| id.strip_prefix('m')?.parse::<usize>().ok();
        let slots = &mut self.slots[r];
        match result {
            Ok(all) => {
                for series in all {
                    if let Some(slot) = index(&series.id).and_then(|i| slots.get_mut(i)) {
                        *slot = Slot::Loaded {
                            points: series.points,
                            start_ms: window.0,
                            end_ms: window.1,
                        };
                    }
                }
                // A query CloudWatch did not answer has no data rather than "loading" forever.
                for id in ids {
                    if let Some(slot) = index(id).and_then(|i| slots.get_mut(i))
                        && *slot == Slot::Loading
                    {
                        *slot = Slot::Loaded {
                            points: Vec::new(),
                            start_ms: window.0,
                            end_ms: window.1,
                        };
                    }
                }
            }
            Err(why) => {
                for id in ids {
                    if let Some(slot) = index(id).and_then(|i| slots.get_mut(i)) {
                        *slot = Slot::Failed(why.clone());
                    }
                }
            }
        }
    }

    fn heading(&self, shown: usize) -> String {
        let r = self.range();
        let total = self.specs.len();
        let place = match total {
            0 => "no metrics".to_string(),
            1 if shown >= 1 => "1 chart".to_string(),
            _ if shown >= total => format!("{total} charts"),
            _ => format!(
                "charts {}–{} of {total}",
                self.first + 1,
                (self.first + shown).min(total)
            ),
        };
        // Where comes last: the header names the view's context too, so at 80 columns the
        // range and the chart count are what must not be cut.
        format!(
            "{} · last {} · {} · {place} · {}",
            self.title,
            r.name,
            r.period_text(),
            place_of(&self.ctx),
        )
    }
}

fn place_of(ctx: &ContextKey) -> String {
    format!("{} · {}", ctx.profile_label(), ctx.region)
}

impl Pane for ChartsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("charts · {}", self.title)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Charts, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Range1h,
            CommandId::Range3h,
            CommandId::Range12h,
            CommandId::Range1d,
            CommandId::Range7d,
            CommandId::Down,
            CommandId::Refresh,
            CommandId::Back,
        ]
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.fetch_visible(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        let screen = Self::per_screen(cx);
        Some(match command {
            _ if let Some(r) = Range::of(command) => {
                self.range = r;
                self.fetch_visible(cx)
            }
            CommandId::Down => self.scroll_to(self.first + 1, cx),
            CommandId::Up => self.scroll_to(self.first.saturating_sub(1), cx),
            CommandId::PageDown => self.scroll_to(self.first + screen, cx),
            CommandId::PageUp => self.scroll_to(self.first.saturating_sub(screen), cx),
            CommandId::Top => self.scroll_to(0, cx),
            CommandId::Bottom => self.scroll_to(usize::MAX, cx),
            CommandId::Refresh => {
                // Answers still on their way land in slots asked again: harmless, and newer.
                self.slots[self.range].fill(Slot::Unasked);
                self.fetch_visible(cx)
            }
            CommandId::Charts => vec![Effect::Flash(Level::Info, "these are its charts".into())],
            _ => return None,
        })
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Metrics(MetricsOutcome::Data {
            range_s,
            start_ms,
            end_ms,
            ids,
            result,
        }) = outcome
        else {
            return Vec::new();
        };
        let failed = result.as_ref().err().map(|e| e.summary());
        self.store(
            range_s,
            &ids,
            (start_ms, end_ms),
            result.map_err(|e| e.summary()),
        );
        failed
            .map(|why| vec![Effect::Flash(Level::Error, format!("metrics: {why}"))])
            .unwrap_or_default()
    }

    fn failed(&mut self, failure: &Failure) {
        for slots in &mut self.slots {
            for slot in slots.iter_mut().filter(|s| **s == Slot::Loading) {
                *slot = Slot::Failed(failure.summary());
            }
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        // The switch cancelled what was in flight; the charts keep their own context, so the
        // charts on screen are asked again there.
        for slots in &mut self.slots {
            for slot in slots.iter_mut().filter(|s| **s == Slot::Loading) {
                *slot = Slot::Unasked;
            }
        }
        self.fetch_visible(cx)
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, cx: &PaneCx) {
        let (per_screen, columns) = Self::layout(area);
        let shown = per_screen.min(self.specs.len().saturating_sub(self.first));
        let heading = Rect { height: 1, ..area };
        frame.render_widget(
            Paragraph::new(Line::styled(
                crate::sanitize::sanitize(&self.heading(shown)).into_owned(),
                theme.style("title"),
            )),
            heading,
        );
        // Fewer charts than the screen holds (an alarm's one metric) share all of it.
        let slots = per_screen.min(self.specs.len()).max(1);
        let columns = columns.min(slots);
        let rows = slots.div_ceil(columns).max(1);
        let grid = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let cell_h = grid.height / rows as u16;
        let cell_w = grid.width / columns as u16;
        let period_ms = i64::from(self.range().period_s) * 1000;
        for (n, i) in (self.first..self.first + shown).enumerate() {
            let (row, col) = (n / columns, n % columns);
            let last_row = row + 1 == rows;
            let cell = Rect {
                x: grid.x + col as u16 * cell_w,
                y: grid.y + row as u16 * cell_h,
                width: if col + 1 == columns {
                    grid.width - col as u16 * cell_w
                } else {
                    cell_w
                },
                height: if last_row {
                    grid.height - row as u16 * cell_h
                } else {
                    cell_h
                },
            };
            let spec = &self.specs[i];
            let body = match &self.slots[self.range][i] {
                Slot::Unasked | Slot::Loading => Body::Loading,
                Slot::Failed(why) => Body::Failed(why),
                Slot::Loaded {
                    points,
                    start_ms,
                    end_ms,
                } => Body::Points {
                    points,
                    start_ms: *start_ms,
                    end_ms: *end_ms,
                },
            };
            MetricChart {
                title: &spec.label,
                unit: spec.unit,
                body,
                period_ms,
                thresholds: &spec.thresholds,
                utc: cx.logs.utc,
                focused: false,
            }
            .render(cell, frame.buffer_mut(), theme);
        }
    }
}
