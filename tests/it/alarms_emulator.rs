//! CloudWatch alarms and the metric catalog through the SDK adapter against the emulator, each
//! test in its own fresh account: alarms put with PutMetricAlarm (one set to ALARM with
//! SetAlarmState) read back by state; metrics put with PutMetricData listed back by namespace
//! and metric with their dimensions; then both views through the real app loop.
//! (DescribeAlarmHistory has no handler in moto 5.2.5: `aws::alarms`'s recorded-answer tests
//! cover it.)

use crate::support::{AwsFiles, app_on, sdk_setup};
use aws_sdk_cloudwatch::types::{
    ComparisonOperator, Dimension, MetricDatum, StateValue, Statistic,
};
use awsterm::aws::ContextKey;
use awsterm::aws::alarms::{AlarmState, AlarmsApi, SdkAlarms};
use std::sync::Arc;

async fn cloudwatch(files: &AwsFiles) -> aws_sdk_cloudwatch::Client {
    aws_sdk_cloudwatch::Client::new(&files.sdk_config("acct").await)
}

fn adapter(files: &AwsFiles) -> SdkAlarms {
    SdkAlarms::new(Arc::new(awsterm::aws::SdkConfigs::new(sdk_setup(files))))
}

fn acct() -> ContextKey {
    ContextKey {
        profile: Some("acct".into()),
        region: "us-east-1".into(),
    }
}

fn dim(name: &str, value: &str) -> Dimension {
    Dimension::builder().name(name).value(value).build()
}

/// `web-cpu-high` (set to ALARM), `orders-throttles` and `checkout-errors`.
async fn three_alarms(cw: &aws_sdk_cloudwatch::Client) {
    for (name, namespace, metric, dimension, threshold) in [
        (
            "web-cpu-high",
            "AWS/EC2",
            "CPUUtilization",
            dim("InstanceId", "i-0abc123def4567890"),
            80.0,
        ),
        (
            "orders-throttles",
            "AWS/DynamoDB",
            "ThrottledRequests",
            dim("TableName", "orders"),
            0.0,
        ),
        (
            "checkout-errors",
            "AWS/Lambda",
            "Errors",
            dim("FunctionName", "checkout"),
            5.0,
        ),
    ] {
        cw.put_metric_alarm()
            .alarm_name(name)
            .namespace(namespace)
            .metric_name(metric)
            .dimensions(dimension)
            .statistic(Statistic::Average)
            .period(300)
            .evaluation_periods(3)
            .datapoints_to_alarm(2)
            .threshold(threshold)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .alarm_actions("arn:aws:sns:us-east-1:123456789012:ops-pager")
            .send()
            .await
            .expect("put alarm");
    }
    cw.set_alarm_state()
        .alarm_name("web-cpu-high")
        .state_value(StateValue::Alarm)
        .state_reason("Threshold Crossed: 3 datapoints were greater than the threshold (80.0).")
        .state_reason_data(r#"{"version":"1.0","recentDatapoints":[93.1,95.4,97.0]}"#)
        .send()
        .await
        .expect("set state");
}

#[tokio::test]
async fn alarms_read_back_with_their_settings_and_by_state() {
    let files = AwsFiles::for_test("alarms_read_back_with_their_settings_and_by_state");
    three_alarms(&cloudwatch(&files).await).await;
    let alarms = adapter(&files);

    let all = alarms
        .alarms_page(acct(), None, None)
        .await
        .expect("alarms");
    assert_eq!(all.items.len(), 3, "{all:?}");
    let cpu = all
        .items
        .iter()
        .find(|a| a.name == "web-cpu-high")
        .expect("web-cpu-high");
    assert_eq!(cpu.state, Some(AlarmState::Alarm));
    assert!(cpu.state_reason.starts_with("Threshold Crossed"), "{cpu:?}");
    assert!(
        cpu.state_reason_data
            .as_deref()
            .unwrap_or_default()
            .contains("recentDatapoints"),
        "{cpu:?}"
    );
    assert_eq!(
        cpu.alarm_actions,
        ["arn:aws:sns:us-east-1:123456789012:ops-pager"]
    );
    let w = cpu.watch().expect("a metric alarm");
    let metric = w.metric.as_ref().expect("its metric");
    assert_eq!(
        (metric.namespace.as_str(), metric.name.as_str()),
        ("AWS/EC2", "CPUUtilization")
    );
    assert_eq!(
        metric.dimensions,
        [("InstanceId".to_string(), "i-0abc123def4567890".to_string())]
    );
    assert_eq!(
        (
            w.period,
            w.evaluation_periods,
            w.datapoints_to_alarm,
            w.threshold
        ),
        (Some(300), Some(3), Some(2), Some(80.0))
    );
    assert_eq!(
        awsterm::panes::alarms::describe::threshold(w),
        "> 80 for 2 of 3×5m"
    );

    let firing = alarms
        .alarms_page(acct(), Some(AlarmState::Alarm), None)
        .await
        .expect("alarms in ALARM");
    let names: Vec<&str> = firing.items.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["web-cpu-high"]);
}

#[tokio::test]
async fn metrics_put_are_listed_by_namespace_and_name_with_their_dimensions() {
    let files =
        AwsFiles::for_test("metrics_put_are_listed_by_namespace_and_name_with_their_dimensions");
    let cw = cloudwatch(&files).await;
    for (namespace, name, dims) in [
        ("Shop/Checkout", "Orders", vec![dim("Shop", "eu")]),
        ("Shop/Checkout", "Orders", vec![dim("Shop", "us")]),
        (
            "Shop/Checkout",
            "Latency",
            vec![dim("Shop", "eu"), dim("Route", "/pay")],
        ),
        ("Shop/Search", "Queries", vec![]),
    ] {
        cw.put_metric_data()
            .namespace(namespace)
            .metric_data(
                MetricDatum::builder()
                    .metric_name(name)
                    .set_dimensions(Some(dims))
                    .value(1.0)
                    .build(),
            )
            .send()
            .await
            .expect("put metric data");
    }
    let alarms = adapter(&files);
    let all = alarms
        .metrics_page(acct(), None, None, None)
        .await
        .expect("all");
    let mut namespaces: Vec<&str> = all.items.iter().map(|m| m.namespace.as_str()).collect();
    namespaces.sort();
    namespaces.dedup();
    assert_eq!(namespaces, ["Shop/Checkout", "Shop/Search"]);

    let checkout = alarms
        .metrics_page(acct(), Some("Shop/Checkout".into()), None, None)
        .await
        .expect("one namespace");
    assert_eq!(checkout.items.len(), 3, "{checkout:?}");
    let orders = alarms
        .metrics_page(
            acct(),
            Some("Shop/Checkout".into()),
            Some("Orders".into()),
            None,
        )
        .await
        .expect("one metric");
    let mut shops: Vec<String> = orders
        .items
        .iter()
        .map(|m| awsterm::panes::alarms::describe::dimensions_text(&m.dimensions))
        .collect();
    shops.sort();
    assert_eq!(shops, ["Shop=eu", "Shop=us"]);
    let latency = checkout.items.iter().find(|m| m.name == "Latency").unwrap();
    assert_eq!(latency.dimensions.len(), 2, "{latency:?}");
}

#[tokio::test]
async fn both_views_through_the_app() {
    let files = AwsFiles::for_test("alarms_and_metrics_views_through_the_app");
    let cw = cloudwatch(&files).await;
    three_alarms(&cw).await;
    cw.put_metric_data()
        .namespace("Shop/Checkout")
        .metric_data(
            MetricDatum::builder()
                .metric_name("Orders")
                .dimensions(dim("Shop", "eu"))
                .value(3.0)
                .build(),
        )
        .send()
        .await
        .expect("put metric data");
    let mut h = app_on(&files);
    h.keys(":alarms<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Alarms [3]"), "{screen}");
    let firing = screen.find("web-cpu-high").expect("listed");
    for other in ["orders-throttles", "checkout-errors"] {
        assert!(
            screen.find(other).expect("listed") > firing,
            "ALARM first: {screen}"
        );
    }
    assert!(screen.contains("> 80 for 2 of 3×5m"), "{screen}");

    h.keys(":metrics<Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Shop/Checkout"), "{screen}");
    h.keys("/Shop<Enter><Enter>").await;
    let screen = h.screen();
    assert!(screen.contains("Metrics · Shop/Checkout"), "{screen}");
    assert!(
        screen.contains("Orders") && screen.contains("Shop=eu"),
        "{screen}"
    );
}
