//! Where a tail starts: `--since`-style relative times (`30s`, `5m`, `1h`, `2d`, `1w`) or an
//! absolute time (`2026-11-23 14:00`, `2026-11-23T14:00:30`, local unless it ends in `Z`).
//! Here, beside the settings, so `logs.since` is checked when config.toml is read.

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
    // Years a log can have: anything else is a typo, and would overflow the arithmetic.
    let d = numbers(date, '-')
        .filter(|d| d.len() == 3 && (1970..=9999).contains(&d[0]))
        .ok_or_else(usage)?;
    let t = numbers(time, ':')
        .filter(|t| (2..=3).contains(&t.len()))
        .ok_or_else(usage)?;
    let secs = crate::clock::from_calendar(
        (d[0] as i32, d[1], d[2]),
        (t[0], t[1], t.get(2).copied().unwrap_or(0)),
        utc,
    )
    .ok_or_else(usage)?;
    secs.checked_mul(1000).ok_or_else(usage)
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

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    const UNITS: [(char, i64); 5] = [
        ('s', 1_000),
        ('m', 60_000),
        ('h', 3_600_000),
        ('d', 86_400_000),
        ('w', 604_800_000),
    ];

    /// Text shaped like the times people type, in and out of range.
    fn time_like() -> impl Strategy<Value = String> {
        prop_oneof![
            "[+\\-]?[0-9]{0,20}[a-zA-Z]?",
            // Years of up to 8 digits: longer ones are the ignored bug below.
            "[0-9]{1,8}-[0-9]{1,3}-[0-9]{1,3}([ T][0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?[Zz]?",
            "[0-9:\\-TZ ]{0,20}",
        ]
    }

    /// Valid calendar dates with any year a user could type (up to `u32::MAX`).
    fn any_year_date(max_year: u32) -> impl Strategy<Value = String> {
        (
            0..=max_year,
            1u32..=12,
            1u32..=28,
            prop::option::of(0u32..24),
            any::<bool>(),
        )
            .prop_map(|(y, m, d, hour, utc)| {
                let time = hour.map(|h| format!(" {h:02}:00")).unwrap_or_default();
                format!("{y}-{m:02}-{d:02}{time}{}", if utc { "Z" } else { "" })
            })
    }

    /// Instants from 1970 to 9999, in whole seconds.
    fn instant() -> impl Strategy<Value = i64> {
        0i64..253_402_300_799
    }

    /// `2026-11-23T14:03:07Z`, written independently of the parser.
    fn utc_text(secs: i64, sep: char) -> String {
        let iso = crate::clock::iso_utc(secs * 1000);
        let (date, time) = iso.split_once('T').unwrap();
        format!("{date}{sep}{}Z", &time[..8])
    }

    proptest! {
        #[test]
        fn any_text_is_a_time_or_an_error(
            text in prop_oneof![any::<String>(), time_like()],
            now in any::<i64>(),
        ) {
            if let Err(e) = parse_start(&text, now) {
                prop_assert!(!crate::sanitize::has_hidden_characters(&e), "{:?}", e);
            }
        }

        /// Years up to 200 million: beyond that is the ignored bug below.
        #[test]
        fn any_date_is_a_time_or_an_error(text in any_year_date(200_000_000), now in any::<i64>()) {
            let _ = parse_start(&text, now);
        }

        #[test]
        fn relative_times_count_back_exactly(
            n in 0i64..10_000_000,
            unit in prop::sample::select(UNITS.to_vec()),
            now in 0i64..4_000_000_000_000,
            pad in "[ \t]{0,2}",
        ) {
            let (u, ms) = unit;
            let text = format!("{pad}{n}{u}{pad}");
            prop_assert_eq!(parse_start(&text, now), Ok(now - n * ms));
        }

        /// Further back is earlier: more of a unit, or a bigger unit.
        #[test]
        fn relative_times_are_ordered(a in 0i64..100_000, b in 0i64..100_000, now in any::<i64>()) {
            let at = |n: i64, u: char| parse_start(&format!("{n}{u}"), now).unwrap();
            for (u, _) in UNITS {
                prop_assert!(at(a, u) <= now);
                prop_assert_eq!(a <= b, at(a, u) >= at(b, u));
            }
            for pair in UNITS.windows(2) {
                prop_assert!(at(a, pair[0].0) >= at(a, pair[1].0));
            }
        }

        #[test]
        fn utc_times_read_back(
            secs in instant(),
            now in any::<i64>(),
            sep in prop::sample::select(vec!['T', ' ']),
        ) {
            let text = utc_text(secs, sep);
            prop_assert_eq!(parse_start(&text, now), Ok(secs * 1000), "{}", text);
            prop_assert_eq!(parse_start(&text.to_lowercase().replace('t', "T"), now), Ok(secs * 1000));
            let minutes = &text[..text.len() - 4];
            prop_assert_eq!(parse_start(&format!("{minutes}Z"), now), Ok((secs - secs % 60) * 1000));
        }

        #[test]
        fn later_times_are_later(a in instant(), b in instant()) {
            let at = |s: i64| parse_start(&utc_text(s, 'T'), 0).unwrap();
            prop_assert_eq!(a.cmp(&b), at(a).cmp(&at(b)));
        }

        /// Local times land within a day of the same wall-clock time read as UTC.
        #[test]
        fn local_times_are_near_utc(secs in 86_400i64..253_402_214_399) {
            let text = utc_text(secs, ' ');
            let local = parse_start(&text[..text.len() - 1], 0);
            prop_assert!(local.is_ok(), "{}", text);
            prop_assert!((local.unwrap() - secs * 1000).abs() <= 86_400_000, "{}", text);
        }
    }

    /// Found by `any_date_is_a_time_or_an_error` over all `u32` years: the seconds of a date
    /// after year ~292 million overflow `secs * 1000` (start.rs), and a year of 2147483648 to
    /// 2147485547 overflows `year - 1900` in `ui::crate::clock::from_calendar` (local time). Debug
    /// builds panic (the UI task dies on a typed `:since`); release builds wrap to a wrong time.
    #[test]
    fn huge_years_are_refused_not_overflowed() {
        for text in [
            "292278995-01-01",
            "300000000-01-01Z",
            "300000000-1-1",
            "2147483648-01-01",
        ] {
            let result = std::panic::catch_unwind(|| parse_start(text, 0));
            assert!(matches!(result, Ok(Err(_))), "{text}: {result:?}");
        }
    }

    /// Found next to the overflow: the year is parsed as `u32` and cast to `i32`, so years from
    /// 2^31 + 1900 up wrap to negative years and are accepted as such.
    #[test]
    fn years_beyond_i32_are_refused_not_wrapped() {
        assert!(parse_start("4294967295-01-01Z", 0).is_err());
    }
}
