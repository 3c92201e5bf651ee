//! Dates and the rotation cell that the secrets list and a secret's view both show (a leaf,
//! so the kind and the view need not import each other).

use crate::aws::secrets::Secret;

/// `2026-11-23` in local time.
pub fn date(secs: Option<i64>) -> String {
    secs.map(|t| crate::clock::local_time(t)[..10].to_string())
        .unwrap_or_else(|| "—".into())
}

/// `2026-11-23 05:12` in local time.
pub fn time(secs: Option<i64>) -> String {
    secs.map(crate::clock::local_time)
        .unwrap_or_else(|| "—".into())
}

/// `on · 30d`, `off · 30d`, `on · rate(4 hours)`, or `—` when rotation was never set up.
pub fn rotation(s: &Secret) -> String {
    let every = match (&s.rotation_schedule, s.rotation_days) {
        (Some(schedule), _) => Some(schedule.clone()),
        (None, Some(days)) => Some(format!("{days}d")),
        (None, None) => None,
    };
    match (s.rotation_enabled, every) {
        (true, Some(every)) => format!("on · {every}"),
        (true, None) => "on".into(),
        (false, Some(every)) => format!("off · {every}"),
        (false, None) => "—".into(),
    }
}
