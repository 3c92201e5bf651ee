//! The standard metrics of each kind of resource, as data: one table per kind, read the same
//! way, so a kind gets its charts by naming its table (`Kind::metrics`).

use super::MetricSpec;
use crate::ui::chart::Unit;

/// One standard chart: the metric, its statistic, what it is called on screen and its unit.
pub struct Standard {
    pub metric: &'static str,
    pub stat: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    /// Dimensions beside the resource's own (DynamoDB's latency is per operation).
    pub extra: &'static [(&'static str, &'static str)],
}

const fn chart(
    metric: &'static str,
    stat: &'static str,
    label: &'static str,
    unit: Unit,
) -> Standard {
    Standard {
        metric,
        stat,
        label,
        unit,
        extra: &[],
    }
}

/// A kind's charts: its namespace, the dimension naming one resource, and the metrics.
pub struct MetricSet {
    pub namespace: &'static str,
    pub dimension: &'static str,
    pub charts: &'static [Standard],
}

impl MetricSet {
    /// The charts of the resource `id` (an instance id, a function name…).
    pub fn specs(&self, id: &str) -> Vec<MetricSpec> {
        self.charts
            .iter()
            .map(|c| {
                let mut dimensions = vec![(self.dimension.to_string(), id.to_string())];
                dimensions.extend(c.extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
                MetricSpec {
                    namespace: self.namespace.into(),
                    metric: c.metric.into(),
                    dimensions,
                    stat: c.stat.into(),
                    label: c.label.into(),
                    unit: c.unit,
                    thresholds: Vec::new(),
                }
            })
            .collect()
    }
}

pub static EC2_INSTANCE: MetricSet = MetricSet {
    namespace: "AWS/EC2",
    dimension: "InstanceId",
    charts: &[
        chart(
            "CPUUtilization",
            "Average",
            "CPU utilization (avg)",
            Unit::Percent,
        ),
        chart("NetworkIn", "Sum", "Network in (sum)", Unit::Bytes),
        chart("NetworkOut", "Sum", "Network out (sum)", Unit::Bytes),
        chart(
            "StatusCheckFailed",
            "Maximum",
            "Status check failed (max)",
            Unit::Count,
        ),
        chart(
            "StatusCheckFailed_Instance",
            "Maximum",
            "Instance status check failed (max)",
            Unit::Count,
        ),
        chart(
            "StatusCheckFailed_System",
            "Maximum",
            "System status check failed (max)",
            Unit::Count,
        ),
    ],
};

const RDS_CHARTS: &[Standard] = &[
    chart(
        "CPUUtilization",
        "Average",
        "CPU utilization (avg)",
        Unit::Percent,
    ),
    chart(
        "DatabaseConnections",
        "Average",
        "Connections (avg)",
        Unit::Count,
    ),
    chart(
        "FreeStorageSpace",
        "Minimum",
        "Free storage (min)",
        Unit::Bytes,
    ),
    chart(
        "ReadLatency",
        "Average",
        "Read latency (avg)",
        Unit::Seconds,
    ),
    chart(
        "WriteLatency",
        "Average",
        "Write latency (avg)",
        Unit::Seconds,
    ),
];

pub static RDS_INSTANCE: MetricSet = MetricSet {
    namespace: "AWS/RDS",
    dimension: "DBInstanceIdentifier",
    charts: RDS_CHARTS,
};

pub static RDS_CLUSTER: MetricSet = MetricSet {
    namespace: "AWS/RDS",
    dimension: "DBClusterIdentifier",
    charts: RDS_CHARTS,
};

pub static LAMBDA_FUNCTION: MetricSet = MetricSet {
    namespace: "AWS/Lambda",
    dimension: "FunctionName",
    charts: &[
        chart("Invocations", "Sum", "Invocations (sum)", Unit::Count),
        chart("Errors", "Sum", "Errors (sum)", Unit::Count),
        chart("Duration", "p50", "Duration p50", Unit::Milliseconds),
        chart("Duration", "p99", "Duration p99", Unit::Milliseconds),
        chart("Throttles", "Sum", "Throttles (sum)", Unit::Count),
        chart(
            "ConcurrentExecutions",
            "Maximum",
            "Concurrent executions (max)",
            Unit::Count,
        ),
    ],
};

pub static DYNAMODB_TABLE: MetricSet = MetricSet {
    namespace: "AWS/DynamoDB",
    dimension: "TableName",
    charts: &[
        chart(
            "ConsumedReadCapacityUnits",
            "Sum",
            "Consumed reads (sum)",
            Unit::Count,
        ),
        chart(
            "ProvisionedReadCapacityUnits",
            "Average",
            "Provisioned reads (avg)",
            Unit::Count,
        ),
        chart(
            "ConsumedWriteCapacityUnits",
            "Sum",
            "Consumed writes (sum)",
            Unit::Count,
        ),
        chart(
            "ProvisionedWriteCapacityUnits",
            "Average",
            "Provisioned writes (avg)",
            Unit::Count,
        ),
        chart(
            "ReadThrottleEvents",
            "Sum",
            "Read throttle events (sum)",
            Unit::Count,
        ),
        chart(
            "WriteThrottleEvents",
            "Sum",
            "Write throttle events (sum)",
            Unit::Count,
        ),
        Standard {
            extra: &[("Operation", "GetItem")],
            ..chart(
                "SuccessfulRequestLatency",
                "Average",
                "GetItem latency (avg)",
                Unit::Milliseconds,
            )
        },
        Standard {
            extra: &[("Operation", "Query")],
            ..chart(
                "SuccessfulRequestLatency",
                "Average",
                "Query latency (avg)",
                Unit::Milliseconds,
            )
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_names_the_resource_in_every_query() {
        let specs = DYNAMODB_TABLE.specs("orders");
        assert_eq!(specs.len(), 8);
        assert!(
            specs
                .iter()
                .all(|s| s.dimensions[0] == ("TableName".into(), "orders".into()))
        );
        let latency = specs.last().expect("latency");
        assert_eq!(latency.dimensions[1], ("Operation".into(), "Query".into()));
        let lambda = LAMBDA_FUNCTION.specs("f");
        let stats: Vec<&str> = lambda.iter().map(|s| s.stat.as_str()).collect();
        assert_eq!(stats, ["Sum", "Sum", "p50", "p99", "Sum", "Maximum"]);
    }
}
