//! THE hook for the metric charts (built beside this, in `panes/metrics/`): what to chart for an
//! alarm or for a metric picked in the browser — namespace, metric, dimensions, statistic,
//! period and, for an alarm, the threshold to draw. Nothing here fetches or draws.

use crate::aws::alarms::{Alarm, AlarmKind, Metric};

/// One line to chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub metric: Metric,
    /// `Average`, `Sum`, `p99`…
    pub statistic: String,
    /// Seconds per datapoint; `None`: the chart picks it from its time range.
    pub period: Option<i32>,
    /// The alarm's threshold, drawn across the chart.
    pub threshold: Option<f64>,
    /// What the line is called (`m1`, or the metric's name).
    pub label: String,
}

/// A browsed metric, before anyone chose a statistic: the average, period from the range.
pub fn for_metric(metric: &Metric) -> ChartSpec {
    ChartSpec {
        metric: metric.clone(),
        statistic: "Average".into(),
        period: None,
        threshold: None,
        label: metric.name.clone(),
    }
}

/// What an alarm evaluates, as it evaluates it: its metric with its statistic and period and
/// the threshold; for metric math, each query that reads a metric (expressions need the math
/// evaluated, which GetMetricData does: the chart side sends them as they are, so they are not
/// specs here). A composite alarm has no metric: none.
pub fn for_alarm(alarm: &Alarm) -> Vec<ChartSpec> {
    let AlarmKind::Metric(w) = &alarm.kind else {
        return Vec::new();
    };
    // A band's threshold is another series, not a number to draw.
    let threshold = w.threshold.filter(|_| w.threshold_metric_id.is_none());
    if let Some(m) = &w.metric {
        return vec![ChartSpec {
            metric: m.clone(),
            statistic: w.statistic.clone().unwrap_or_else(|| "Average".into()),
            period: w.period,
            threshold,
            label: m.name.clone(),
        }];
    }
    w.queries
        .iter()
        .filter_map(|q| {
            Some(ChartSpec {
                metric: q.metric.clone()?,
                statistic: q.statistic.clone().unwrap_or_else(|| "Average".into()),
                period: q.period,
                // The threshold applies to the returned series only.
                threshold: threshold.filter(|_| q.returned),
                label: q.id.clone(),
            })
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
            vec![ChartSpec {
                metric: cpu(),
                statistic: "Maximum".into(),
                period: Some(60),
                threshold: Some(80.0),
                label: "CPUUtilization".into(),
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
        assert_eq!(specs[0].label, "m1");
        assert_eq!(specs[0].statistic, "Sum");
        assert_eq!(specs[0].threshold, Some(5.0));

        alarm.kind = AlarmKind::Composite {
            rule: "ALARM(a)".into(),
        };
        assert!(for_alarm(&alarm).is_empty());
        let browsed = for_metric(&cpu());
        assert_eq!(
            (browsed.statistic.as_str(), browsed.period),
            ("Average", None)
        );
    }
}
