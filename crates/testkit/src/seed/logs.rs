use super::{Lcg, Scale, SeedResult, Target, feed_groups, now_millis};
use aws_sdk_cloudwatchlogs::types::InputLogEvent;

pub async fn seed(t: &Target<'_>) -> SeedResult<usize> {
    let logs = aws_sdk_cloudwatchlogs::Client::new(t.sdk);
    let mut groups = feed_groups();
    groups.extend([
        "/aws/lambda/image-resizer".to_string(),
        "/aws/lambda/nightly-report".to_string(),
    ]);
    let per_stream = if t.scale == Scale::Demo { 200 } else { 20 };
    let mut rng = Lcg::new(5);
    let mut total = 0;
    for group in &groups {
        logs.create_log_group()
            .log_group_name(group)
            .send()
            .await
            .map_err(|e| format!("create {group}: {e}"))?;
        logs.put_retention_policy()
            .log_group_name(group)
            .retention_in_days(if group.starts_with("/app") { 30 } else { 14 })
            .send()
            .await
            .map_err(|e| format!("retention {group}: {e}"))?;
        for stream in 0..3 {
            let stream_name = format!(
                "2026/11/23/[$LATEST]{:032x}",
                rng.below(u64::MAX) as u128 * 7919 + stream
            );
            logs.create_log_stream()
                .log_group_name(group)
                .log_stream_name(&stream_name)
                .send()
                .await
                .map_err(|e| format!("create stream: {e}"))?;
            let start = now_millis() - 3_600_000;
            let events: Vec<InputLogEvent> = (0..per_stream)
                .map(|i| {
                    InputLogEvent::builder()
                        .timestamp(start + i as i64 * (3_600_000 / per_stream as i64))
                        .message(line(&mut rng, group))
                        .build()
                        .map_err(|e| e.to_string())
                })
                .collect::<Result<_, _>>()?;
            total += events.len();
            logs.put_log_events()
                .log_group_name(group)
                .log_stream_name(&stream_name)
                .set_log_events(Some(events))
                .send()
                .await
                .map_err(|e| format!("put events: {e}"))?;
        }
    }
    Ok(total)
}

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
