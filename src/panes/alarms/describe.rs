//! How an alarm reads, in a cell and in its settings document: `> 80 for 3×5m`,
//! `AWS/EC2 CPUUtilization [i-0abc]`, the state as symbol and word.

use crate::aws::alarms::{Alarm, AlarmKind, AlarmState, Metric, Watch};
use crate::ui::document::{Block, Document};
use crate::ui::table::CellText;

/// `✗ ALARM`, `◌ INSUFFICIENT`, `● OK`, coloured like EC2 states (`INSUFFICIENT_DATA` in
/// full in the details; the list needs the five columns).
pub fn state_cell(alarm: &Alarm) -> CellText {
    match alarm.state {
        Some(AlarmState::Alarm) => CellText::styled("✗ ALARM", "state.error"),
        Some(AlarmState::InsufficientData) => CellText::styled("◌ INSUFFICIENT", "state.pending"),
        Some(AlarmState::Ok) => CellText::styled("● OK", "state.ok"),
        None => CellText::plain(format!("· {}", alarm.state_text)),
    }
}

/// `300` → `5m`, `60` → `1m`, `3600` → `1h`, `10` → `10s`.
pub fn period(secs: i32) -> String {
    match secs {
        s if s > 0 && s % 86400 == 0 => format!("{}d", s / 86400),
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The comparison as a symbol (or words for an anomaly band).
pub fn comparison(operator: &str) -> &str {
    match operator {
        "GreaterThanThreshold" => ">",
        "GreaterThanOrEqualToThreshold" => "≥",
        "LessThanThreshold" => "<",
        "LessThanOrEqualToThreshold" => "≤",
        "LessThanLowerOrGreaterThanUpperThreshold" => "outside band",
        "LessThanLowerThreshold" => "below band",
        "GreaterThanUpperThreshold" => "above band",
        other => other,
    }
}

/// `> 80 for 3×5m`; `> 80 for 2 of 3×5m` when fewer datapoints than periods fire it.
pub fn threshold(w: &Watch) -> String {
    let op = w.comparison.as_deref().map(comparison).unwrap_or("?");
    let mut text = match (w.threshold, &w.threshold_metric_id) {
        (_, Some(band)) => format!("{op} {band}"),
        (Some(t), None) => format!("{op} {t}"),
        (None, None) => op.to_string(),
    };
    // A metric-math alarm's period is its queries'.
    let every = w
        .period
        .or_else(|| w.queries.iter().find_map(|q| q.period))
        .map(period);
    if let Some(n) = w.evaluation_periods {
        let count = match w.datapoints_to_alarm {
            Some(m) if m != n => format!("{m} of {n}"),
            _ => n.to_string(),
        };
        match every {
            Some(p) => text.push_str(&format!(" for {count}×{p}")),
            None => text.push_str(&format!(" for {count}")),
        }
    }
    text
}

/// Dimensions whose value names the resource a metric is about, most telling first.
const MAIN_DIMENSIONS: &[&str] = &[
    "InstanceId",
    "FunctionName",
    "TableName",
    "DBInstanceIdentifier",
    "DBClusterIdentifier",
    "LogGroupName",
    "QueueName",
    "BucketName",
    "VolumeId",
    "LoadBalancer",
    "TargetGroup",
    "AutoScalingGroupName",
    "ClusterName",
    "ServiceName",
];

/// The dimension that names what the metric is about (else the first).
pub fn main_dimension(m: &Metric) -> Option<&(String, String)> {
    MAIN_DIMENSIONS
        .iter()
        .find_map(|name| m.dimensions.iter().find(|(k, _)| k == name))
        .or_else(|| m.dimensions.first())
}

/// `AWS/EC2 CPUUtilization [i-0abc]`.
pub fn metric_text(m: &Metric) -> String {
    match main_dimension(m) {
        Some((_, value)) => format!("{} {} [{value}]", m.namespace, m.name),
        None => format!("{} {}", m.namespace, m.name),
    }
}

/// `InstanceId=i-0abc, …`.
pub fn dimensions_text(dimensions: &[(String, String)]) -> String {
    if dimensions.is_empty() {
        return "—".into();
    }
    dimensions
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the METRIC column says: the metric, `math: e1 = m1 * 100`, or `composite: RULE`.
pub fn watched(alarm: &Alarm) -> String {
    match &alarm.kind {
        AlarmKind::Composite { rule } => format!("composite: {}", one_line(rule)),
        AlarmKind::Metric(w) => match &w.metric {
            Some(m) => metric_text(m),
            None => {
                let returned = w.queries.iter().find(|q| q.returned);
                match returned {
                    Some(q) => match (&q.expression, &q.metric) {
                        (Some(e), _) => format!("math: {} = {e}", q.id),
                        (None, Some(m)) => metric_text(m),
                        (None, None) => format!("math: {}", q.id),
                    },
                    None => "metric math".into(),
                }
            }
        },
    }
}

/// What the THRESHOLD column says (a composite alarm has none).
pub fn threshold_cell(alarm: &Alarm) -> String {
    alarm.watch().map(threshold).unwrap_or_else(|| "—".into())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_dash(v: Option<String>) -> String {
    v.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into())
}

/// JSON text pretty-printed when it parses (else as it came).
fn json_block(text: &str) -> Block {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Block::JsonText(serde_json::to_string_pretty(&value).unwrap_or_default()),
        Err(_) => Block::Text(text.to_string()),
    }
}

/// The alarm's settings: what it watches, when it fires, what it does, and why it is in its
/// state (the reason data pretty-printed).
pub fn settings(alarm: &Alarm) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading(
        if alarm.is_composite() {
            "Composite alarm"
        } else {
            "Metric alarm"
        }
        .into(),
    ));
    let mut fields = vec![
        ("Name".into(), alarm.name.clone()),
        ("State".into(), alarm.state_text.clone()),
        (
            "Since".into(),
            or_dash(alarm.state_updated.map(|t| crate::clock::iso_utc(t * 1000))),
        ),
        ("Reason".into(), or_dash(Some(alarm.state_reason.clone()))),
        ("Description".into(), or_dash(alarm.description.clone())),
    ];
    match &alarm.kind {
        AlarmKind::Composite { rule } => fields.push(("Rule".into(), one_line(rule))),
        AlarmKind::Metric(w) => watch_fields(w, &mut fields),
    }
    doc.push(Block::Fields(fields));
    if let Some(w) = alarm.watch() {
        if let Some(m) = &w.metric {
            doc.push(Block::Heading("Dimensions".into()));
            dimension_table(&mut doc, &m.dimensions);
        }
        if !w.queries.is_empty() {
            doc.push(Block::Heading("Metric math".into()));
            doc.push(Block::Table {
                header: ["ID", "QUERY", "STAT", "PERIOD", "RETURNED"]
                    .map(String::from)
                    .to_vec(),
                rows: w
                    .queries
                    .iter()
                    .map(|q| {
                        vec![
                            q.id.clone(),
                            match (&q.expression, &q.metric) {
                                (Some(e), _) => e.clone(),
                                (None, Some(m)) => {
                                    format!(
                                        "{} · {}",
                                        metric_text(m),
                                        dimensions_text(&m.dimensions)
                                    )
                                }
                                (None, None) => String::new(),
                            },
                            q.statistic.clone().unwrap_or_default(),
                            q.period.map(period).unwrap_or_default(),
                            if q.returned { "yes" } else { "" }.into(),
                        ]
                    })
                    .collect(),
            });
        }
    }
    doc.push(Block::Heading("Actions".into()));
    let mut actions = Vec::new();
    for (when, arns) in [
        ("ALARM", &alarm.alarm_actions),
        ("OK", &alarm.ok_actions),
        ("INSUFFICIENT_DATA", &alarm.insufficient_data_actions),
    ] {
        actions.extend(arns.iter().map(|a| vec![when.to_string(), a.clone()]));
    }
    if !alarm.actions_enabled {
        doc.push(Block::Note("actions are disabled".into()));
    }
    if actions.is_empty() {
        doc.push(Block::Note("no actions".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["ON".into(), "ACTION".into()],
            rows: actions,
        });
    }
    if let Some(data) = alarm.state_reason_data.as_deref().filter(|d| !d.is_empty()) {
        doc.push(Block::Heading("Reason data".into()));
        doc.push(json_block(data));
    }
    doc
}

fn watch_fields(w: &Watch, fields: &mut Vec<(String, String)>) {
    if let Some(m) = &w.metric {
        fields.push(("Namespace".into(), m.namespace.clone()));
        fields.push(("Metric".into(), m.name.clone()));
    }
    fields.extend([
        ("Statistic".into(), or_dash(w.statistic.clone())),
        (
            "Period".into(),
            or_dash(w.period.map(|p| format!("{} ({p} s)", period(p)))),
        ),
        (
            "Evaluation periods".into(),
            or_dash(w.evaluation_periods.map(|n| n.to_string())),
        ),
        (
            "Datapoints to alarm".into(),
            or_dash(
                w.datapoints_to_alarm
                    .or(w.evaluation_periods)
                    .map(|n| n.to_string()),
            ),
        ),
        ("Threshold".into(), threshold(w)),
        ("Comparison".into(), or_dash(w.comparison.clone())),
        ("Unit".into(), or_dash(w.unit.clone())),
        (
            "Missing data".into(),
            // CloudWatch's default when the alarm does not say.
            w.treat_missing_data
                .clone()
                .unwrap_or_else(|| "missing".into()),
        ),
    ]);
}

pub fn dimension_table(doc: &mut Document, dimensions: &[(String, String)]) {
    if dimensions.is_empty() {
        doc.push(Block::Note("no dimensions".into()));
        return;
    }
    doc.push(Block::Table {
        header: vec!["NAME".into(), "VALUE".into()],
        rows: dimensions
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect(),
    });
}

/// A history item's JSON, pretty-printed (Enter on a history row).
pub fn history_data(summary: &str, data: Option<&str>) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Fields(vec![("Summary".into(), summary.to_string())]));
    match data {
        Some(d) if !d.is_empty() => {
            doc.push(Block::Heading("Data".into()));
            doc.push(json_block(d));
        }
        _ => {
            doc.push(Block::Note("no data with this entry".into()));
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::alarms::Query;

    fn watch() -> Watch {
        Watch {
            metric: Some(Metric {
                namespace: "AWS/EC2".into(),
                name: "CPUUtilization".into(),
                dimensions: vec![
                    ("AutoScalingGroupName".into(), "web".into()),
                    ("InstanceId".into(), "i-0abc".into()),
                ],
            }),
            statistic: Some("Average".into()),
            period: Some(300),
            evaluation_periods: Some(3),
            threshold: Some(80.0),
            comparison: Some("GreaterThanThreshold".into()),
            ..Watch::default()
        }
    }

    #[test]
    fn thresholds_read_as_a_sentence() {
        let mut w = watch();
        assert_eq!(threshold(&w), "> 80 for 3×5m");
        w.datapoints_to_alarm = Some(2);
        w.threshold = Some(0.5);
        w.comparison = Some("LessThanOrEqualToThreshold".into());
        assert_eq!(threshold(&w), "≤ 0.5 for 2 of 3×5m");
        w.period = Some(86400);
        assert_eq!(threshold(&w), "≤ 0.5 for 2 of 3×1d");
        w.threshold_metric_id = Some("ad1".into());
        w.comparison = Some("LessThanLowerOrGreaterThanUpperThreshold".into());
        assert_eq!(threshold(&w), "outside band ad1 for 2 of 3×1d");
    }

    #[test]
    fn periods_use_the_largest_whole_unit() {
        assert_eq!(period(10), "10s");
        assert_eq!(period(60), "1m");
        assert_eq!(period(90), "90s");
        assert_eq!(period(3600), "1h");
        assert_eq!(period(604800), "7d");
    }

    #[test]
    fn the_metric_names_the_resource_not_the_first_dimension() {
        let w = watch();
        assert_eq!(
            metric_text(w.metric.as_ref().unwrap()),
            "AWS/EC2 CPUUtilization [i-0abc]"
        );
        let custom = Metric {
            namespace: "App".into(),
            name: "Orders".into(),
            dimensions: vec![("Shop".into(), "eu".into())],
        };
        assert_eq!(metric_text(&custom), "App Orders [eu]");
    }

    #[test]
    fn math_alarms_show_their_returned_expression() {
        let w = Watch {
            metric: None,
            queries: vec![
                Query {
                    id: "m1".into(),
                    metric: watch().metric,
                    period: Some(60),
                    returned: false,
                    ..Query::default()
                },
                Query {
                    id: "e1".into(),
                    expression: Some("m1 * 100".into()),
                    returned: true,
                    ..Query::default()
                },
            ],
            evaluation_periods: Some(1),
            threshold: Some(5.0),
            comparison: Some("GreaterThanThreshold".into()),
            ..Watch::default()
        };
        let alarm = Alarm {
            name: "x".into(),
            arn: String::new(),
            description: None,
            kind: AlarmKind::Metric(Box::new(w.clone())),
            state: None,
            state_text: "WEIRD".into(),
            state_reason: String::new(),
            state_reason_data: None,
            state_updated: None,
            actions_enabled: true,
            alarm_actions: vec![],
            ok_actions: vec![],
            insufficient_data_actions: vec![],
        };
        assert_eq!(watched(&alarm), "math: e1 = m1 * 100");
        assert_eq!(threshold(&w), "> 5 for 1×1m", "the queries' period");
        assert_eq!(state_cell(&alarm).text, "· WEIRD");
    }
}
