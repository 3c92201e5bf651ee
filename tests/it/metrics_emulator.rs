//! The CloudWatch metrics adapter against the emulator, in a fresh account: points put with
//! PutMetricData read back by one GetMetricData carrying several queries — statistics per
//! period, in time order, and a metric with no data answered empty rather than left out.

use crate::support::AwsFiles;
use aws_sdk_cloudwatch::types::{Dimension, MetricDatum, StandardUnit};
use awsterm::aws::cloudwatch::{MetricQuery, MetricsApi, SdkMetrics};
use awsterm::aws::{AwsSetup, ContextKey, SdkConfigs};
use std::sync::Arc;

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn adapter(files: &AwsFiles) -> SdkMetrics {
    SdkMetrics::new(Arc::new(SdkConfigs::new(AwsSetup {
        files: awsterm::aws::AwsFiles::Explicit {
            config: files.config_path(),
            credentials: files.credentials_path(),
        },
        endpoint_url: None,
        settings: Default::default(),
    })))
}

fn query(id: &str, metric: &str, instance: &str, stat: &str) -> MetricQuery {
    MetricQuery {
        id: id.into(),
        namespace: "AWS/EC2".into(),
        metric: metric.into(),
        dimensions: vec![("InstanceId".into(), instance.into())],
        stat: stat.into(),
    }
}

/// A point of `metric` for `instance`, `minutes_ago` before `now_ms`.
fn datum(metric: &str, instance: &str, now_ms: i64, minutes_ago: i64, value: f64) -> MetricDatum {
    MetricDatum::builder()
        .metric_name(metric)
        .dimensions(
            Dimension::builder()
                .name("InstanceId")
                .value(instance)
                .build(),
        )
        .timestamp(aws_smithy_types::DateTime::from_millis(
            now_ms - minutes_ago * 60_000,
        ))
        .value(value)
        .unit(StandardUnit::Percent)
        .build()
}

#[tokio::test]
async fn points_put_are_read_back_per_query_in_time_order() {
    let files = AwsFiles::for_test("points_put_are_read_back_per_query_in_time_order");
    let raw = aws_sdk_cloudwatch::Client::new(&files.sdk_config("acct").await);
    let api = adapter(&files);
    // Whole minutes, a little in the past: each point sits alone in its period.
    let now_ms = api.now_ms() / 60_000 * 60_000;
    let data = [
        datum("CPUUtilization", "i-web", now_ms, 30, 10.0),
        datum("CPUUtilization", "i-web", now_ms, 20, 20.0),
        // Two points in one minute: their average, their maximum.
        datum("CPUUtilization", "i-web", now_ms, 10, 40.0),
        datum("CPUUtilization", "i-web", now_ms, 10, 60.0),
        datum("CPUUtilization", "i-db", now_ms, 5, 99.0),
    ];
    raw.put_metric_data()
        .namespace("AWS/EC2")
        .set_metric_data(Some(data.to_vec()))
        .send()
        .await
        .expect("put metric data");

    let series = api
        .metric_data(
            acct(),
            vec![
                query("avg", "CPUUtilization", "i-web", "Average"),
                query("max", "CPUUtilization", "i-web", "Maximum"),
                query("db", "CPUUtilization", "i-db", "Average"),
                query("none", "NetworkIn", "i-web", "Sum"),
            ],
            now_ms - 3_600_000,
            now_ms + 60_000,
            60,
        )
        .await
        .expect("metric data");

    let ids: Vec<&str> = series.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["avg", "max", "db", "none"],
        "one answer per query, in order"
    );
    let values = |i: usize| series[i].points.iter().map(|p| p.1).collect::<Vec<_>>();
    assert_eq!(values(0), [10.0, 20.0, 50.0], "averages, oldest first");
    assert_eq!(values(1), [10.0, 20.0, 60.0], "maximums");
    assert_eq!(values(2), [99.0]);
    assert!(
        series[3].points.is_empty(),
        "no data is no points: {:?}",
        series[3]
    );
    let times: Vec<i64> = series[0].points.iter().map(|p| p.0).collect();
    assert_eq!(
        times,
        [
            now_ms - 30 * 60_000,
            now_ms - 20 * 60_000,
            now_ms - 10 * 60_000
        ]
    );
}
