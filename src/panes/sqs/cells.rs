//! What the queue list and the queue view both show: durations, the DLQ cell, a queue's ARN
//! from its URL (a leaf, so the kind and the view need not import each other).

use crate::aws::sqs::Queue;

/// A retention or a timeout in seconds, in its largest whole unit: `4d`, `12h`, `90s`.
pub fn duration(secs: i64) -> String {
    match secs {
        s if s >= 86_400 && s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s >= 3_600 && s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s >= 60 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// `orders-dlq ×5`: the DLQ and after how many receives a message goes there.
pub fn dlq_cell(queue: &Queue) -> String {
    match queue.redrive() {
        Some(r) => match r.max_receive {
            Some(n) => format!("{} ×{n}", r.target_name()),
            None => r.target_name().to_string(),
        },
        None => "—".into(),
    }
}

/// `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` → its ARN (the URL names the account).
pub fn arn_from_url(url: &str, region: &str) -> Option<String> {
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let name = parts.next()?;
    let account = parts
        .next()
        .filter(|a| a.chars().all(|c| c.is_ascii_digit()))?;
    Some(format!(
        "arn:{}:sqs:{region}:{account}:{name}",
        crate::aws::partition(region)
    ))
}
