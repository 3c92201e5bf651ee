//! Where a tail starts: `--since`-style relative times (`30s`, `5m`, `1h`, `2d`, `1w`) or an
//! absolute time (`2026-11-23 14:00`, `2026-11-23T14:00:30`, local unless it ends in `Z`).

/// Milliseconds since the epoch that `text` means, given the time now.
pub fn parse_start(text: &str, now_ms: i64) -> Result<i64, String> {
    let text = text.trim();
    let usage = || {
        format!(
            "'{}': give a time ago like 5m, 1h, 2d, or a time like 2026-11-23 14:00 (local; Z for UTC)",
            crate::sanitize::sanitize(text)
        )
    };
    if let Some(unit) = text.chars().last().filter(|c| c.is_ascii_alphabetic())
        && !text.contains('-')
    {
        let number: i64 = text[..text.len() - 1].parse().map_err(|_| usage())?;
        let unit_ms: i64 = match unit {
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            'w' => 7 * 86_400_000,
            _ => return Err(usage()),
        };
        if number < 0 {
            return Err(usage());
        }
        return number
            .checked_mul(unit_ms)
            .map(|ago| now_ms.saturating_sub(ago))
            .ok_or_else(usage);
    }
    let (body, utc) = match text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        Some(body) => (body, true),
        None => (text, false),
    };
    let (date, time) = body
        .split_once(['T', ' '])
        .map(|(d, t)| (d, t.trim()))
        .unwrap_or((body, "00:00"));
    let numbers =
        |s: &str, sep: char| -> Option<Vec<u32>> { s.split(sep).map(|p| p.parse().ok()).collect() };
    let d = numbers(date, '-')
        .filter(|d| d.len() == 3)
        .ok_or_else(usage)?;
    let t = numbers(time, ':')
        .filter(|t| (2..=3).contains(&t.len()))
        .ok_or_else(usage)?;
    let secs = crate::ui::format::from_calendar(
        (d[0] as i32, d[1], d[2]),
        (t[0], t[1], t.get(2).copied().unwrap_or(0)),
        utc,
    )
    .ok_or_else(usage)?;
    Ok(secs * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_442_587_000;

    #[test]
    fn relative_times_count_back_from_now() {
        assert_eq!(parse_start("5m", NOW), Ok(NOW - 300_000));
        assert_eq!(parse_start(" 1h ", NOW), Ok(NOW - 3_600_000));
        assert_eq!(parse_start("2d", NOW), Ok(NOW - 2 * 86_400_000));
        assert_eq!(parse_start("30s", NOW), Ok(NOW - 30_000));
        assert!(parse_start("5y", NOW).is_err());
        assert!(parse_start("m", NOW).is_err());
        assert!(parse_start("-5m", NOW).is_err());
    }

    #[test]
    fn absolute_times_in_utc_and_local() {
        assert_eq!(parse_start("2026-11-23T14:03:07Z", NOW), Ok(NOW));
        assert_eq!(parse_start("2026-11-23 14:03Z", NOW), Ok(NOW - 7_000));
        assert_eq!(
            parse_start("2026-11-23Z", NOW),
            Ok(NOW - (14 * 3600 + 187) * 1000)
        );
        // Local time: whatever the zone, it parses and lands within a day of the UTC reading.
        let local = parse_start("2026-11-23 14:03:07", NOW).unwrap();
        assert!((local - NOW).abs() <= 86_400_000);
        for bad in [
            "2026-13-01 00:00",
            "yesterday",
            "2026-11-23 25:00",
            "11/23/2026",
        ] {
            assert!(parse_start(bad, NOW).is_err(), "{bad}");
        }
    }
}
