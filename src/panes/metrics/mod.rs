//! Charts of CloudWatch metrics: the standard set of a resource (`charts`, `g` on an EC2
//! instance, RDS database, Lambda function or DynamoDB table) or any list of metrics a view
//! hands over (`open_charts`: an alarm's metric with its threshold).

mod pane;
pub mod range;
pub mod sets;

pub use pane::ChartsPane;

use crate::aws::ContextKey;
use crate::pane::Effect;
use crate::ui::chart::Unit;

/// One chart: which metric statistic to read, and how to show it.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricSpec {
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    /// `Average`, `Sum`, `Maximum`, `Minimum`, `SampleCount` or a percentile (`p99`).
    pub stat: String,
    /// The chart's title.
    pub label: String,
    pub unit: Unit,
    /// Horizontal lines drawn across the chart (an alarm's threshold).
    pub thresholds: Vec<f64>,
}

/// The effect that opens charts of `specs` read in `ctx` (the row's context, not necessarily
/// the active one), titled `title` (`instance i-0abc · prod · eu-west-1`).
pub fn open_charts(title: String, ctx: ContextKey, specs: Vec<MetricSpec>) -> Effect {
    Effect::Push(Box::new(move |id| {
        Box::new(ChartsPane::new(id, title, ctx, specs))
    }))
}
