//! Keeps the demo's log groups alive: a few realistic events a second until cancelled.

use crate::seed::{Lcg, feed_groups, now_millis};
use aws_config::SdkConfig;
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use std::time::Duration;

/// One log line typical of the group: plain INFO/WARN/ERROR, JSON, or a Lambda lifecycle line.
pub fn line(rng: &mut Lcg, group: &str) -> String {
    let request = format!(
        "{:08x}-{:04x}-4{:03x}",
        rng.below(u32::MAX as u64),
        rng.below(0xffff),
        rng.below(0xfff)
    );
    if group.starts_with("/aws/lambda/") {
        return match rng.below(4) {
            0 => format!("START RequestId: {request} Version: $LATEST"),
            1 => format!("END RequestId: {request}"),
            2 => format!(
                "REPORT RequestId: {request}\tDuration: {}.{:02} ms\tBilled Duration: {} ms\tMemory Size: 512 MB\tMax Memory Used: {} MB",
                rng.below(900),
                rng.below(100),
                rng.below(900) + 1,
                rng.below(200) + 60
            ),
            _ => format!(
                "[INFO]\t{request}\tprocessed order ord-{:06}",
                rng.below(3000)
            ),
        };
    }
    match rng.below(6) {
        0 => format!(
            "WARN slow query on orders table: {} ms",
            rng.below(3000) + 500
        ),
        1 => format!(
            "ERROR payment declined for cust-{:04}: card_expired",
            rng.below(250)
        ),
        2 | 3 => format!(
            "{{\"level\":\"info\",\"msg\":\"request served\",\"path\":\"/api/orders\",\"status\":200,\"latency_ms\":{}}}",
            rng.below(400)
        ),
        _ => format!(
            "INFO GET /api/orders/ord-{:06} 200 {} ms",
            rng.below(3000),
            rng.below(250)
        ),
    }
}

/// Appends events to the demo groups every second, in a stream of its own per group.
pub async fn run(sdk: SdkConfig) {
    let logs = aws_sdk_cloudwatchlogs::Client::new(&sdk);
    let mut rng = Lcg::new(now_millis() as u64);
    let stream = "live";
    for group in feed_groups() {
        let _ = logs
            .create_log_stream()
            .log_group_name(&group)
            .log_stream_name(stream)
            .send()
            .await;
    }
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        for group in feed_groups() {
            let count = rng.below(3) + 1;
            let events: Vec<InputLogEvent> = (0..count)
                .filter_map(|_| {
                    InputLogEvent::builder()
                        .timestamp(now_millis())
                        .message(line(&mut rng, &group))
                        .build()
                        .ok()
                })
                .collect();
            let _ = logs
                .put_log_events()
                .log_group_name(&group)
                .log_stream_name(stream)
                .set_log_events(Some(events))
                .send()
                .await;
        }
    }
}
