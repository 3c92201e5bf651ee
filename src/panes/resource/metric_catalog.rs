//! `:metrics [NAMESPACE]` — the CloudWatch metric catalog (ListMetrics), as two kinds:
//!
//! - Without a namespace, the namespaces in use. ListMetrics has no call for them, so they are
//!   gathered from its pages: each page adds the namespaces not seen yet (rows stream in), and
//!   the listing stops after `NAMESPACE_PAGES` pages (10,000 metrics) so a large account costs
//!   a bounded number of calls. Listing only well-known `AWS/*` names instead would show
//!   services with no metrics and miss every custom namespace; a namespace past the bound is
//!   still one `:metrics NAME` away.
//! - In a namespace (`:metrics AWS/EC2`, or Enter on a namespace), its metrics: one row per
//!   metric and dimension set. Enter shows every dimension set that metric is published with.

use super::{At, Kind, ResourceView};
use crate::aws::ContextKey;
use crate::aws::alarms::Metric;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::alarms::describe;
use crate::panes::document::DocumentView;
use crate::protocol::alarms::{AlarmsOp, AlarmsOutcome, DIMENSION_SETS_CAP};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// ListMetrics pages read for the namespaces (500 metrics a page).
pub const NAMESPACE_PAGES: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    pub name: String,
}

impl Namespace {
    /// `AWS/…` namespaces are the services'; anything else was put by someone.
    pub fn source(&self) -> &'static str {
        if self.name.starts_with("AWS/") {
            "AWS service"
        } else {
            "custom"
        }
    }
}

impl TableRow for Namespace {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.source()),
        ]
    }

    fn id(&self) -> String {
        self.name.clone()
    }
}

const NAMESPACE_COLUMNS: &[Column] = &[
    Column::new("NAMESPACE", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("SOURCE", Constraint::Length(11)).priority(5),
];

/// What one listing has seen in each context: the namespaces, and how many pages.
type Seen = Arc<Mutex<HashMap<ContextKey, (HashSet<String>, usize)>>>;

pub struct Namespaces;

impl Kind for Namespaces {
    type Row = Namespace;

    fn label(&self) -> &'static str {
        "Metric namespaces"
    }

    fn noun(&self) -> &'static str {
        "namespace"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        NAMESPACE_COLUMNS.to_vec()
    }

    fn default_sort(&self) -> Option<usize> {
        Some(0)
    }

    fn page(&self) -> PageFn {
        // Fresh for every listing (open, refresh, a context switch).
        let seen: Seen = Arc::default();
        page_fn(move |adapters, ctx, token| {
            let (page, seen) = (
                adapters.alarms.metrics_page(ctx.clone(), None, None, token),
                seen.clone(),
            );
            Box::pin(async move {
                let page = page.await?;
                let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
                let (names, pages) = seen.entry(ctx).or_default();
                *pages += 1;
                let fresh: Vec<Namespace> = page
                    .items
                    .iter()
                    .filter(|m| names.insert(m.namespace.clone()))
                    .map(|m| Namespace {
                        name: m.namespace.clone(),
                    })
                    .collect();
                let next = page.next.filter(|_| *pages < NAMESPACE_PAGES);
                Ok(crate::aws::page::Page::new(fresh, next))
            })
        })
    }

    fn title_note(&self) -> Option<String> {
        // A namespace past the bound is still `:metrics NAME` away (the README says so).
        Some(format!(
            "in the first {} metrics",
            crate::ui::format::count(NAMESPACE_PAGES * 500)
        ))
    }

    fn details(&self, at: &At, row: &Namespace) -> Effect {
        let kind = MetricsIn {
            namespace: row.name.clone(),
            place: at.wide.then(|| at.place()),
        };
        let ctx = at.ctx.clone();
        Effect::Push(Box::new(move |id| {
            Box::new(ResourceView::in_context(id, kind, ctx))
        }))
    }
}

const METRIC_COLUMNS: &[Column] = &[
    Column::new("METRIC", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("DIMENSIONS", Constraint::Fill(2)).priority(7),
];

impl TableRow for Metric {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(describe::dimensions_text(&self.dimensions)),
        ]
    }

    /// A metric is one name with one dimension set: both make the id.
    fn id(&self) -> String {
        format!(
            "{}\u{1f}{}",
            self.name,
            describe::dimensions_text(&self.dimensions)
        )
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {}",
            self.name,
            describe::dimensions_text(&self.dimensions)
        ))
    }
}

/// The metrics of one namespace.
pub struct MetricsIn {
    pub namespace: String,
    /// Where it was opened from, when that was a view of several contexts (the title says).
    pub place: Option<String>,
}

impl MetricsIn {
    pub fn new(namespace: &str) -> MetricsIn {
        MetricsIn {
            namespace: namespace.to_string(),
            place: None,
        }
    }
}

impl Kind for MetricsIn {
    type Row = Metric;

    fn label(&self) -> &'static str {
        "Metrics"
    }

    fn noun(&self) -> &'static str {
        "metric"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Charts,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        METRIC_COLUMNS.to_vec()
    }

    fn default_sort(&self) -> Option<usize> {
        Some(0)
    }

    fn page(&self) -> PageFn {
        let namespace = self.namespace.clone();
        page_fn(move |adapters, ctx, token| {
            adapters
                .alarms
                .metrics_page(ctx, Some(namespace.clone()), None, token)
        })
    }

    fn argument(&self) -> Option<String> {
        Some(self.namespace.clone())
    }

    fn title_note(&self) -> Option<String> {
        Some(match &self.place {
            Some(place) => format!("{} · {place}", self.namespace),
            None => self.namespace.clone(),
        })
    }

    fn copy(&self, row: &Metric) -> String {
        row.name.clone()
    }

    /// The metric as listed (this dimension set), averaged over the chart's range.
    fn metrics(&self, row: &Metric) -> Option<Vec<crate::panes::metrics::MetricSpec>> {
        Some(vec![crate::panes::alarms::chart_spec::for_metric(row)])
    }

    fn details(&self, at: &At, row: &Metric) -> Effect {
        let (ctx, namespace, metric) = (at.ctx.clone(), row.namespace.clone(), row.name.clone());
        let title = format!(
            "{} {} · {}{}",
            row.namespace,
            row.name,
            describe::dimensions_text(&row.dimensions),
            at.suffix()
        );
        DocumentView::open(
            title,
            row.name.clone(),
            move || {
                Op::Alarms(AlarmsOp::DimensionSets {
                    ctx: ctx.clone(),
                    namespace: namespace.clone(),
                    metric: metric.clone(),
                })
            },
            read_dimension_sets,
        )
    }
}

pub fn read_dimension_sets(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Alarms(AlarmsOutcome::DimensionSets(result)) => Some(
            result
                .map(|(sets, more)| dimension_sets(&sets, more))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

/// Every dimension set of one metric, one column per dimension name (in the order first seen).
pub fn dimension_sets(sets: &[Metric], more: bool) -> Document {
    let mut doc = Document::default();
    let Some(first) = sets.first() else {
        doc.push(Block::Note(
            "CloudWatch lists no such metric now (metrics not published for two weeks are gone)"
                .into(),
        ));
        return doc;
    };
    doc.push(Block::Heading("Metric".into()));
    doc.push(Block::Fields(vec![
        ("Namespace".into(), first.namespace.clone()),
        ("Metric".into(), first.name.clone()),
        (
            "Dimension sets".into(),
            if more {
                format!("{} (the first {DIMENSION_SETS_CAP})", sets.len())
            } else {
                sets.len().to_string()
            },
        ),
    ]));
    let mut names: Vec<&str> = Vec::new();
    for set in sets {
        for (k, _) in &set.dimensions {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
    }
    doc.push(Block::Heading("Dimension sets".into()));
    if names.is_empty() {
        doc.push(Block::Note("published without dimensions".into()));
        return doc;
    }
    doc.push(Block::Table {
        header: names.iter().map(|n| n.to_string()).collect(),
        rows: sets
            .iter()
            .map(|set| {
                names
                    .iter()
                    .map(|n| {
                        set.dimensions
                            .iter()
                            .find(|(k, _)| k == n)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect(),
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, dims: &[(&str, &str)]) -> Metric {
        Metric {
            namespace: "AWS/DynamoDB".into(),
            name: name.into(),
            dimensions: dims
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn dimension_sets_line_up_under_every_dimension_name() {
        let doc = dimension_sets(
            &[
                m("ThrottledRequests", &[("TableName", "orders")]),
                m(
                    "ThrottledRequests",
                    &[("TableName", "orders"), ("Operation", "GetItem")],
                ),
            ],
            false,
        );
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table { header, rows } => Some((header.clone(), rows.clone())),
                _ => None,
            })
            .unwrap();
        assert_eq!(table.0, ["TableName", "Operation"]);
        assert_eq!(table.1, [vec!["orders", ""], vec!["orders", "GetItem"]]);
        assert!(matches!(
            &dimension_sets(&[], false).blocks[0],
            Block::Note(_)
        ));
    }

    #[test]
    fn namespaces_say_whose_they_are() {
        let aws = Namespace {
            name: "AWS/Lambda".into(),
        };
        let own = Namespace {
            name: "Shop/Checkout".into(),
        };
        assert_eq!((aws.source(), own.source()), ("AWS service", "custom"));
    }
}
