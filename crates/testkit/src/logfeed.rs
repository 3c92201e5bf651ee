//! Keeps the demo's log groups alive: a few realistic events a second until cancelled.

use crate::seed::logs::line;
use crate::seed::{Lcg, feed_groups, now_millis};
use aws_config::SdkConfig;
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use std::time::Duration;

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
