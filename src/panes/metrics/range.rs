//! The time ranges a chart spans, and the period of its points: fine enough to see a spike,
//! coarse enough to stay at or under 1,440 points (CloudWatch keeps 1-minute data 15 days).

use crate::command::CommandId;

pub struct Range {
    pub command: CommandId,
    pub name: &'static str,
    pub seconds: i64,
    pub period_s: i32,
}

pub const RANGES: [Range; 5] = [
    Range {
        command: CommandId::Range1h,
        name: "1h",
        seconds: 3_600,
        period_s: 60,
    },
    Range {
        command: CommandId::Range3h,
        name: "3h",
        seconds: 3 * 3_600,
        period_s: 60,
    },
    Range {
        command: CommandId::Range12h,
        name: "12h",
        seconds: 12 * 3_600,
        period_s: 300,
    },
    Range {
        command: CommandId::Range1d,
        name: "1d",
        seconds: 86_400,
        period_s: 300,
    },
    Range {
        command: CommandId::Range7d,
        name: "7d",
        seconds: 7 * 86_400,
        period_s: 3_600,
    },
];

/// The range the charts open with.
pub const DEFAULT: usize = 1;

impl Range {
    pub fn of(command: CommandId) -> Option<usize> {
        RANGES.iter().position(|r| r.command == command)
    }

    /// `1-minute points`, `1-hour points`.
    pub fn period_text(&self) -> String {
        match self.period_s {
            p if p % 3_600 == 0 => format!("{}-hour points", p / 3_600),
            p if p % 60 == 0 => format!("{}-minute points", p / 60),
            p => format!("{p}-second points"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_range_draws_more_than_1440_points() {
        for r in &RANGES {
            let points = r.seconds / i64::from(r.period_s);
            assert!(points <= 1_440, "{} has {points}", r.name);
            assert!(points >= 60, "{} has only {points}", r.name);
        }
    }
}
