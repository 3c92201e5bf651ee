//! What to chart for an alarm (its metric as it evaluates it, with the threshold drawn) or for a
//! metric picked in the browser: specs for the charts pane (`panes::metrics`). Nothing here
//! fetches or draws.

use crate::aws::alarms::{Alarm, AlarmKind, Metric};
use crate::panes::metrics::MetricSpec;
use crate::ui::chart::Unit;

fn spec(metric: &Metric, stat: &str, label: String, unit: Unit) -> MetricSpec {
    MetricSpec {
        namespace: metric.namespace.clone(),
        metric: metric.name.clone(),
        dimensions: metric.dimensions.clone(),
        stat: stat.to_string(),
        label,
        unit,
        thresholds: Vec::new(),
    }
}

/// A browsed metric, before anyone chose a statistic: its average (the chart's range picks
/// the period). The unit is not known from ListMetrics, so values are plain numbers.
pub fn for_metric(metric: &Metric) -> MetricSpec {
    let label = match metric.dimensions.first() {
        Some((name, value)) => format!("{} (avg) · {name}={value}", metric.name),
        None => format!("{} (avg)", metric.name),
    };
    spec(metric, "Average", label, Unit::None)
}

/// What an alarm evaluates, with its statistic and the threshold drawn across; for metric
/// math, each query that reads a metric (an expression's result is not charted: the
/// threshold is drawn on the query the alarm returns). The period follows the chart's range,
/// not the alarm's, so the line is finer than what the alarm sees over short ranges.
/// Composite alarms watch other alarms: nothing to chart.
pub fn for_alarm(alarm: &Alarm) -> Vec<MetricSpec> {
    let AlarmKind::Metric(w) = &alarm.kind else {
        return Vec::new();
    };
    // A band's threshold is another series, not a number to draw.
    let threshold = w.threshold.filter(|_| w.threshold_metric_id.is_none());
    let unit = w
        .unit
        .as_deref()
        .map(Unit::from_cloudwatch)
        .unwrap_or(Unit::None);
    if let Some(m) = &w.metric {
        let stat = w.statistic.as_deref().unwrap_or("Average");
        let mut one = spec(m, stat, format!("{} ({stat})", m.name), unit);
        one.thresholds.extend(threshold);
        return vec![one];
    }
    w.queries
        .iter()
        .filter_map(|q| {
            let m = q.metric.as_ref()?;
            let stat = q.statistic.as_deref().unwrap_or("Average");
            let mut one = spec(m, stat, format!("{} = {} ({stat})", q.id, m.name), unit);
            // The threshold applies to the returned series only.
            one.thresholds.extend(threshold.filter(|_| q.returned));
            Some(one)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::alarms::{Query, Watch};

    fn cpu() -> Metric {
        Metric {
            namespace: "AWS/EC2".into(),
            name: "CPUUtilization".into(),
            dimensions: vec![("InstanceId".into(), "i-1".into())],
        }
    }

    #[test]
    fn an_alarm_charts_its_metric_as_it_evaluates_it_with_the_threshold() {
        let mut alarm = super::super::tests::alarm("cpu-high");
        alarm.kind = AlarmKind::Metric(Box::new(Watch {
            metric: Some(cpu()),
            statistic: Some("Maximum".into()),
            period: Some(60),
            threshold: Some(80.0),
            ..Watch::default()
        }));
        assert_eq!(
            for_alarm(&alarm),
            vec![MetricSpec {
                namespace: "AWS/EC2".into(),
                metric: "CPUUtilization".into(),
                dimensions: vec![("InstanceId".into(), "i-1".into())],
                stat: "Maximum".into(),
                label: "CPUUtilization (Maximum)".into(),
                unit: Unit::None,
                thresholds: vec![80.0],
            }]
        );
    }

    #[test]
    fn math_alarms_chart_their_metric_queries_and_composites_nothing() {
        let mut alarm = super::super::tests::alarm("math");
        alarm.kind = AlarmKind::Metric(Box::new(Watch {
            threshold: Some(5.0),
            queries: vec![
                Query {
                    id: "m1".into(),
                    metric: Some(cpu()),
                    statistic: Some("Sum".into()),
                    period: Some(300),
                    returned: true,
                    ..Query::default()
                },
                Query {
                    id: "e1".into(),
                    expression: Some("m1/2".into()),
                    returned: false,
                    ..Query::default()
                },
            ],
            ..Watch::default()
        }));
        let specs = for_alarm(&alarm);
        assert_eq!(specs.len(), 1);
        assert_eq!(specs[0].label, "m1 = CPUUtilization (Sum)");
        assert_eq!(specs[0].stat, "Sum");
        assert_eq!(specs[0].thresholds, vec![5.0]);

        alarm.kind = AlarmKind::Composite {
            rule: "ALARM(a)".into(),
        };
        assert!(for_alarm(&alarm).is_empty());
        let browsed = for_metric(&cpu());
        assert_eq!(
            (browsed.stat.as_str(), browsed.label.as_str()),
            ("Average", "CPUUtilization (avg) · InstanceId=i-1")
        );
        assert!(browsed.thresholds.is_empty());
    }
}
