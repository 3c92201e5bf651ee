//! What the EC2 and RDS views share: machines with a lifecycle. State cells that say their
//! state with a symbol as well as a colour, polling with backoff while anything is changing,
//! the confirmation that lists what an action will touch, and the per-machine report after it.

use crate::pane::{Confirm, Effect, Level, Report};
use crate::ui::table::CellText;
use std::time::Duration;

/// A state as a table cell: a symbol (for terminals without colour) and the state's role.
pub fn state_cell(state: &str, transitional: bool) -> CellText {
    let (symbol, role) = if transitional {
        ("◐", "state.pending")
    } else {
        match state {
            "running" | "available" | "in-use" => ("●", "state.ok"),
            "stopped" => ("○", "state.stopped"),
            "terminated" | "deleted" => ("✕", "state.stopped"),
            s if s.contains("fail")
                || s.contains("incompatible")
                || s.contains("inaccessible")
                || s.contains("error")
                || s == "storage-full" =>
            {
                ("✗", "state.error")
            }
            _ => ("·", "text"),
        }
    };
    CellText::styled(format!("{symbol} {state}"), role)
}

/// Delays between polls while something is changing: quick at first, then backing off.
/// Never under two seconds, so one view makes at most one request every two seconds.
const BACKOFF: [u64; 6] = [2, 3, 5, 8, 13, 20];

#[derive(Debug, Default)]
pub struct Poller {
    step: usize,
}

impl Poller {
    /// After the view got fresh states: how long until the next poll, or `None` when nothing
    /// is changing (polling stops).
    pub fn next(&mut self, changing: bool) -> Option<Duration> {
        if !changing {
            self.step = 0;
            return None;
        }
        let secs = BACKOFF[self.step.min(BACKOFF.len() - 1)];
        self.step += 1;
        Some(Duration::from_secs(secs))
    }

    /// An action was just taken: poll quickly again.
    pub fn restart(&mut self) {
        self.step = 0;
    }
}

/// One machine an action will touch, as the confirmation lists it.
pub struct Target {
    pub id: String,
    /// Its name and state, for recognising it.
    pub label: String,
}

/// How many targets a confirmation lists before "and N more".
const LISTED: usize = 8;

/// The confirmation for `verb` on `targets`. Irreversible actions must be typed: the id for
/// one target, the count for several.
pub fn confirm(
    verb: &str,
    noun: &str,
    targets: &[Target],
    irreversible: bool,
    note: Option<String>,
    on_yes: Vec<Effect>,
) -> Effect {
    let count = targets.len();
    let what = if count == 1 {
        format!("{noun} {}", targets[0].id)
    } else {
        format!("{count} {noun}s")
    };
    let mut lines: Vec<String> = targets
        .iter()
        .take(LISTED)
        .map(|t| {
            if t.label.is_empty() {
                format!("  {}", t.id)
            } else {
                format!("  {}  {}", t.id, t.label)
            }
        })
        .collect();
    if count > LISTED {
        lines.push(format!("  … and {} more", count - LISTED));
    }
    lines.extend(note);
    let typed = irreversible.then(|| {
        lines.push("This cannot be undone.".into());
        if count == 1 {
            targets[0].id.clone()
        } else {
            count.to_string()
        }
    });
    Effect::Confirm(Confirm {
        title: format!("{} {what}?", capitalise(verb)),
        lines,
        typed,
        on_yes,
    })
}

/// After an action: a flash with the totals, and a report line per machine when there was
/// more than one or anything failed.
pub fn report(verb: &str, results: Vec<(String, Result<String, String>)>) -> Vec<Effect> {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let done = results.len() - failed;
    let mut effects = Vec::new();
    if let [(id, Ok(state))] = results.as_slice() {
        effects.push(Effect::Flash(
            Level::Success,
            format!("{verb}: {id} is {state}"),
        ));
        return effects;
    }
    let (level, text) = if failed == 0 {
        (Level::Success, format!("{verb}: {done} done"))
    } else {
        (
            Level::Error,
            format!("{verb}: {done} done, {failed} failed"),
        )
    };
    effects.push(Effect::Flash(level, text));
    effects.push(Effect::Report(Report {
        title: format!("{} — {done} done, {failed} failed", capitalise(verb)),
        lines: results
            .into_iter()
            .map(|(id, r)| match r {
                Ok(state) => (Level::Success, format!("{id}: {state}")),
                Err(e) => (Level::Error, format!("{id}: {e}")),
            })
            .collect(),
    }));
    effects
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(n: usize) -> Vec<Target> {
        (0..n)
            .map(|i| Target {
                id: format!("i-{i}"),
                label: format!("web-{i} (running)"),
            })
            .collect()
    }

    #[test]
    fn polling_backs_off_and_stops_when_nothing_changes() {
        let mut p = Poller::default();
        let delays: Vec<u64> = (0..8).map(|_| p.next(true).unwrap().as_secs()).collect();
        assert_eq!(delays, [2, 3, 5, 8, 13, 20, 20, 20]);
        assert!(
            delays.iter().all(|&d| d >= 1),
            "never more than one poll a second"
        );
        assert_eq!(p.next(false), None, "settled: no more polls");
        assert_eq!(
            p.next(true),
            Some(Duration::from_secs(2)),
            "moving again: quick"
        );
        p.next(true);
        p.restart();
        assert_eq!(p.next(true), Some(Duration::from_secs(2)));
    }

    #[test]
    fn one_target_is_typed_by_id_several_by_count() {
        let Effect::Confirm(c) = confirm("terminate", "instance", &targets(1), true, None, vec![])
        else {
            panic!()
        };
        assert_eq!(c.title, "Terminate instance i-0?");
        assert_eq!(c.typed.as_deref(), Some("i-0"));
        let Effect::Confirm(c) = confirm("terminate", "instance", &targets(12), true, None, vec![])
        else {
            panic!()
        };
        assert_eq!(c.title, "Terminate 12 instances?");
        assert_eq!(c.typed.as_deref(), Some("12"));
        assert!(
            c.lines.iter().any(|l| l.contains("and 4 more")),
            "{:?}",
            c.lines
        );
        let Effect::Confirm(c) = confirm("stop", "instance", &targets(2), false, None, vec![])
        else {
            panic!()
        };
        assert_eq!(c.typed, None, "reversible: y/n");
        assert!(c.lines[0].contains("web-0 (running)"));
    }

    #[test]
    fn reports_say_what_happened_to_each() {
        let one = report("stop", vec![("i-1".into(), Ok("stopping".into()))]);
        assert!(
            matches!(&one[..], [Effect::Flash(Level::Success, t)] if t == "stop: i-1 is stopping")
        );
        let mixed = report(
            "stop",
            vec![
                ("i-1".into(), Ok("stopping".into())),
                ("i-2".into(), Err("IncorrectInstanceState".into())),
            ],
        );
        assert!(
            matches!(&mixed[0], Effect::Flash(Level::Error, t) if t == "stop: 1 done, 1 failed")
        );
        let Effect::Report(r) = &mixed[1] else {
            panic!()
        };
        assert_eq!(
            r.lines[1],
            (Level::Error, "i-2: IncorrectInstanceState".to_string())
        );
    }

    #[test]
    fn states_carry_a_symbol_not_only_a_colour() {
        assert_eq!(state_cell("running", false).text, "● running");
        assert_eq!(state_cell("stopping", true).text, "◐ stopping");
        assert_eq!(state_cell("stopped", false).text, "○ stopped");
        assert_eq!(state_cell("terminated", false).text, "✕ terminated");
        assert_eq!(
            state_cell("incompatible-parameters", false).role,
            Some("state.error")
        );
    }
}
