//! The clock: now, and instants as text (a log line's time, the audit log's ISO instant, local
//! dates) or back from calendar fields. A leaf: the AWS adapters, the audit log and the views
//! all read it.

/// Seconds since the epoch, now.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `2026-11-23 05:12` in the machine's local time zone (as `ls -l` shows it).
pub fn local_time(epoch_secs: i64) -> String {
    let t = epoch_secs as libc::time_t;
    // SAFETY: localtime_r writes only into the zeroed `tm` we own and reads `t`; it is the
    // thread-safe variant.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if !ok {
        return epoch_secs.to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min
    )
}

/// Broken-down time of `epoch_secs`, in UTC or the local zone.
fn broken_down(epoch_secs: i64, utc: bool) -> Option<libc::tm> {
    let t = epoch_secs as libc::time_t;
    // SAFETY: the `_r` variants write only into the zeroed `tm` we own and read `t`.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe {
        if utc {
            !libc::gmtime_r(&t, &mut tm).is_null()
        } else {
            !libc::localtime_r(&t, &mut tm).is_null()
        }
    };
    ok.then_some(tm)
}

/// `14:03:07.120` for a log line (milliseconds since the epoch).
pub fn clock(epoch_ms: i64, utc: bool) -> String {
    let (secs, ms) = (epoch_ms.div_euclid(1000), epoch_ms.rem_euclid(1000));
    match broken_down(secs, utc) {
        Some(tm) => format!(
            "{:02}:{:02}:{:02}.{ms:03}",
            tm.tm_hour, tm.tm_min, tm.tm_sec
        ),
        None => epoch_ms.to_string(),
    }
}

/// `2026-11-23T14:03:07.120Z`: an instant for files other programs read (the audit log).
pub fn iso_utc(epoch_ms: i64) -> String {
    let (secs, ms) = (epoch_ms.div_euclid(1000), epoch_ms.rem_euclid(1000));
    match broken_down(secs, true) {
        Some(tm) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            tm.tm_year + 1900,
            tm.tm_mon + 1,
            tm.tm_mday,
            tm.tm_hour,
            tm.tm_min,
            tm.tm_sec
        ),
        None => epoch_ms.to_string(),
    }
}

/// `11-23 14:03:07.120`: a log line's time with its day.
pub fn log_time(epoch_ms: i64, utc: bool) -> String {
    let (secs, ms) = (epoch_ms.div_euclid(1000), epoch_ms.rem_euclid(1000));
    match broken_down(secs, utc) {
        Some(tm) => format!(
            "{:02}-{:02} {:02}:{:02}:{:02}.{ms:03}",
            tm.tm_mon + 1,
            tm.tm_mday,
            tm.tm_hour,
            tm.tm_min,
            tm.tm_sec
        ),
        None => epoch_ms.to_string(),
    }
}

/// Seconds since the epoch of a calendar time, in UTC or the local zone (DST resolved by
/// the C library); `None` for dates that do not exist.
pub fn from_calendar(
    (year, month, day): (i32, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    utc: bool,
) -> Option<i64> {
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    if utc {
        // Days from the civil date (Howard Hinnant's algorithm), no time zone involved.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        return Some(
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second),
        );
    }
    // SAFETY: mktime reads and normalises the `tm` we own.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = year - 1900;
    tm.tm_mon = month as i32 - 1;
    tm.tm_mday = day as i32;
    tm.tm_hour = hour as i32;
    tm.tm_min = minute as i32;
    tm.tm_sec = second as i32;
    tm.tm_isdst = -1;
    let t = unsafe { libc::mktime(&mut tm) };
    (t != -1).then_some(t as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_has_the_expected_shape() {
        let t = local_time(1_763_856_000);
        assert_eq!(t.len(), 16, "{t}");
        assert!(t.starts_with("2025-11-2"), "{t}");
    }

    #[test]
    fn utc_clock_and_calendar_agree() {
        // 2026-11-23 14:03:07.120 UTC
        let secs = from_calendar((2026, 11, 23), (14, 3, 7), true).unwrap();
        assert_eq!(secs, 1_795_442_587);
        assert_eq!(clock(secs * 1000 + 120, true), "14:03:07.120");
        assert_eq!(log_time(secs * 1000 + 5, true), "11-23 14:03:07.005");
        assert_eq!(from_calendar((2026, 13, 1), (0, 0, 0), true), None);
        assert_eq!(from_calendar((1970, 1, 1), (0, 0, 0), true), Some(0));
    }
}
