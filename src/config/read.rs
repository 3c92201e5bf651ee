//! config.toml read key by key. The file is parsed as a TOML document first; then a value that
//! does not fit its key costs that key alone (its default applies), and anything wrong with a
//! safety setting — `read_only`, a `[[policy]]` rule or anything a rule names, a key that looks
//! like either — fails closed: every context read-only. A file that is not TOML at all cannot
//! say whether read-only was meant, so it fails closed too.
//!
//! "Key by key" without a list of keys: serde reads the whole `Config`; when it refuses a value,
//! the error's position names the key, which is taken out of the document and the rest read
//! again. So a key added to `Config` later is covered without code here.

use super::{Config, Problem};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

const FAILS_CLOSED: &str = "every context is read-only until this is fixed";

/// One step from the document's root to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

pub(super) fn read(text: &str, origin: &str) -> (Config, Vec<Problem>) {
    let mut root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let problem = Problem {
                text: located(
                    text,
                    origin,
                    e.span(),
                    &format!("not valid TOML: {}", e.message().trim_end()),
                    FAILS_CLOSED,
                ),
                fails_closed: true,
            };
            return (Config::default(), vec![problem]);
        }
    };
    let mut problems = Vec::new();
    // Each failed attempt removes the one key it failed on, so this ends.
    let (config, unknown) = loop {
        match deserialize(&root) {
            Ok(done) => break done,
            Err(e) => {
                let culprit = e
                    .span()
                    .and_then(|span| narrowest_key(root.get_ref(), &span, &mut Vec::new()));
                let Some((path, span)) = culprit.filter(|(path, _)| remove(root.get_mut(), path))
                else {
                    // Nothing to pin the error on: nothing in the file can be trusted.
                    problems.push(Problem {
                        text: located(text, origin, e.span(), e.message(), FAILS_CLOSED),
                        fails_closed: true,
                    });
                    return (Config::default(), problems);
                };
                let fails_closed = is_safety_setting(&path);
                let cost = if fails_closed {
                    FAILS_CLOSED.to_string()
                } else {
                    format!("{} ignored, its default applies", name(&path))
                };
                problems.push(Problem {
                    text: located(
                        text,
                        origin,
                        Some(span),
                        &format!("{}: {}", name(&path), e.message().trim_end()),
                        &cost,
                    ),
                    fails_closed,
                });
            }
        }
    };
    for path in unknown {
        problems.push(unknown_key(text, origin, root.get_ref(), &path));
    }
    problems.extend(rule_problems(text, origin, root.get_ref(), &config));
    problems.extend(value_problems(text, origin, root.get_ref(), &config));
    (config, problems)
}

/// Values of the right type that the app cannot use as written: each is replaced (clamped, or
/// its default) where it is used, and the user is told here which key, what it takes and what
/// applies instead. None is a safety setting: these never fail closed.
fn value_problems(text: &str, origin: &str, root: &DeTable<'_>, config: &Config) -> Vec<Problem> {
    let defaults = Config::default();
    let seconds = |value: f64, default: f64| {
        (!(value.is_finite() && value > 0.0 && value < 1e9))
            .then(|| format!("expected seconds above 0; the default {default} s applies"))
    };
    let within = |value: f64, low: f64, high: f64, applies: String| {
        (!(low..=high).contains(&value))
            .then(|| format!("expected {low} to {high}; {applies} applies"))
    };
    let checks: [(&[&str], Option<String>); 8] = [
        (
            &["flash_seconds"],
            within(
                config.flash_seconds,
                0.5,
                60.0,
                format!("{} s", config.flash_seconds.clamp(0.5, 60.0)),
            ),
        ),
        (
            &["aws", "connect_timeout"],
            seconds(config.aws.connect_timeout, defaults.aws.connect_timeout),
        ),
        (
            &["aws", "attempt_timeout"],
            seconds(config.aws.attempt_timeout, defaults.aws.attempt_timeout),
        ),
        (
            &["aws", "operation_timeout"],
            seconds(config.aws.operation_timeout, defaults.aws.operation_timeout),
        ),
        (
            &["aws", "fan_out"],
            within(
                config.aws.fan_out as f64,
                1.0,
                64.0,
                config.aws.fan_out().to_string(),
            ),
        ),
        (
            &["logs", "buffer_lines"],
            within(
                config.logs.buffer_lines as f64,
                100.0,
                10_000_000.0,
                config.logs.buffer_lines().to_string(),
            ),
        ),
        (
            &["logs", "buffer_bytes"],
            (!((1u64 << 20)..=(16u64 << 30)).contains(&config.logs.buffer_bytes)).then(|| {
                format!(
                    "expected 1 MiB to 16 GiB in bytes; {} applies",
                    config.logs.buffer_bytes()
                )
            }),
        ),
        (
            &["logs", "since"],
            super::parse_start(&config.logs.since, 0).err().map(|_| {
                format!(
                    "'{}' is not a time ago (5m, 1h, 2d) or a date (2026-11-23 14:00); {} applies",
                    crate::sanitize::sanitize(&config.logs.since),
                    defaults.logs.since
                )
            }),
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(keys, wrong)| {
            let path: Vec<Step> = keys.iter().map(|k| Step::Key(k.to_string())).collect();
            // A default never needs saying: only a value written in the file.
            let span = key_span(root, &path)?;
            let wrong = wrong?;
            Some(Problem {
                text: located(
                    text,
                    origin,
                    Some(span),
                    &format!("{}: {wrong}", name(&path)),
                    "",
                ),
                fails_closed: false,
            })
        })
        .collect()
}

/// The whole document as a `Config`, and the paths of the keys it did not know.
fn deserialize(root: &Spanned<DeTable<'_>>) -> Result<(Config, Vec<Vec<Step>>), toml::de::Error> {
    let value = Spanned::new(root.span(), DeValue::Table(root.get_ref().clone()));
    let mut unknown = Vec::new();
    let config = serde_ignored::deserialize(ValueDeserializer::from(value), |path| {
        unknown.push(steps(&path))
    })?;
    Ok((config, unknown))
}

fn steps(path: &serde_ignored::Path<'_>) -> Vec<Step> {
    use serde_ignored::Path;
    match path {
        Path::Root => Vec::new(),
        Path::Seq { parent, index } => {
            let mut steps = steps(parent);
            steps.push(Step::Index(*index));
            steps
        }
        Path::Map { parent, key } => {
            let mut steps = steps(parent);
            steps.push(Step::Key(key.clone()));
            steps
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => steps(parent),
    }
}

/// The key whose value is the smallest one around `span`: the one setting an error is about.
fn narrowest_key(
    table: &DeTable<'_>,
    span: &Range<usize>,
    at: &mut Vec<Step>,
) -> Option<(Vec<Step>, Range<usize>)> {
    let mut best: Option<(Vec<Step>, Range<usize>)> = None;
    for (key, value) in table {
        at.push(Step::Key(key.get_ref().to_string()));
        // An enum written as a table is refused at its key: that counts as the setting too.
        for here in [key.span(), value.span()] {
            if here.start <= span.start && span.end <= here.end {
                best = narrower(best, Some((at.clone(), here)));
            }
        }
        // Tables opened by a `[header]` may not span their keys: look inside whatever the span.
        best = narrower(best, narrowest_in_value(value.get_ref(), span, at));
        at.pop();
    }
    best
}

fn narrowest_in_value(
    value: &DeValue<'_>,
    span: &Range<usize>,
    at: &mut Vec<Step>,
) -> Option<(Vec<Step>, Range<usize>)> {
    match value {
        DeValue::Table(table) => narrowest_key(table, span, at),
        DeValue::Array(items) => {
            let mut best = None;
            for (index, item) in items.iter().enumerate() {
                at.push(Step::Index(index));
                best = narrower(best, narrowest_in_value(item.get_ref(), span, at));
                at.pop();
            }
            best
        }
        _ => None,
    }
}

fn narrower(
    a: Option<(Vec<Step>, Range<usize>)>,
    b: Option<(Vec<Step>, Range<usize>)>,
) -> Option<(Vec<Step>, Range<usize>)> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let longer = |x: &(Vec<Step>, Range<usize>)| (x.1.len(), usize::MAX - x.0.len());
            Some(if longer(&b) < longer(&a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// Takes the key at `path` out of the document; false when there is none.
fn remove(table: &mut DeTable<'_>, path: &[Step]) -> bool {
    match path {
        [Step::Key(key)] => table.remove(key.as_str()).is_some(),
        [Step::Key(key), rest @ ..] => table
            .get_mut(key.as_str())
            .is_some_and(|value| remove_in_value(value.get_mut(), rest)),
        _ => false,
    }
}

fn remove_in_value(value: &mut DeValue<'_>, path: &[Step]) -> bool {
    match (value, path) {
        (DeValue::Table(table), _) => remove(table, path),
        (DeValue::Array(items), [Step::Index(index), rest @ ..]) => items
            .get_mut(*index)
            .is_some_and(|item| remove_in_value(item.get_mut(), rest)),
        _ => false,
    }
}

/// Where a key is written (the key itself, so an unknown key's line can be found).
fn key_span(table: &DeTable<'_>, path: &[Step]) -> Option<Range<usize>> {
    let [Step::Key(key), rest @ ..] = path else {
        return None;
    };
    let (spanned_key, value) = table.get_key_value(key.as_str())?;
    if rest.is_empty() {
        return Some(spanned_key.span());
    }
    let mut value = value.get_ref();
    let mut rest = rest;
    while let [Step::Index(index), more @ ..] = rest {
        let DeValue::Array(items) = value else {
            return None;
        };
        value = items.get(*index)?.get_ref();
        rest = more;
    }
    match value {
        DeValue::Table(table) => key_span(table, rest),
        _ => None,
    }
}

/// `read_only`, anything under `[[policy]]`: settings whose loss would allow more.
fn is_safety_setting(path: &[Step]) -> bool {
    matches!(path.first(), Some(Step::Key(k)) if k == "read_only" || k == "policy")
}

/// An unknown key that spells a safety setting another way (`read-only`, `readOnly`,
/// `[[policies]]`), wherever it is — a `read_only` written below `[logs]` lands in that table.
fn looks_like_a_safety_setting(key: &str) -> bool {
    let squeezed: String = key
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(squeezed.as_str(), "readonly" | "policy" | "policies")
}

fn unknown_key(text: &str, origin: &str, root: &DeTable<'_>, path: &[Step]) -> Problem {
    let last = match path.last() {
        Some(Step::Key(key)) => key.as_str(),
        _ => "",
    };
    let fails_closed = is_safety_setting(path) || looks_like_a_safety_setting(last);
    let what = match path.iter().rposition(|s| matches!(s, Step::Index(_))) {
        Some(at) => format!(
            "{}: unknown key '{}'",
            name(&path[..=at]),
            name(&path[at + 1..])
        ),
        None => format!("unknown key '{}'", name(path)),
    };
    let (what, cost) = if fails_closed {
        (what, FAILS_CLOSED)
    } else {
        (format!("{what} ignored"), "")
    };
    Problem {
        text: located(text, origin, key_span(root, path), &what, cost),
        fails_closed,
    }
}

/// What `Policies` finds wrong in each rule (matches nothing, an account id that is not one,
/// an unknown colour): a rule that cannot do what it says is a weakened rule, so it fails closed.
fn rule_problems(text: &str, origin: &str, root: &DeTable<'_>, config: &Config) -> Vec<Problem> {
    let spans: Vec<Range<usize>> = match root.get("policy").map(|p| p.get_ref()) {
        Some(DeValue::Array(items)) => items.iter().map(|i| i.span()).collect(),
        _ => Vec::new(),
    };
    let mut problems = Vec::new();
    for (index, rule) in config.policy.iter().enumerate() {
        let (_, warnings) = crate::policy::Policies::new(vec![rule.clone()]);
        for warning in warnings {
            // Checked one rule at a time, so each warning names rule #1: name the real one.
            let what = match warning.split_once(": ") {
                Some((_, what)) => what,
                None => &warning,
            };
            problems.push(Problem {
                text: located(
                    text,
                    origin,
                    spans.get(index).cloned(),
                    &format!("policy #{}: {what}", index + 1),
                    FAILS_CLOSED,
                ),
                fails_closed: true,
            });
        }
    }
    problems
}

/// `aws.max_attempts`, `policy #2: confirm`.
fn name(path: &[Step]) -> String {
    let mut out = String::new();
    let mut after_index = false;
    for step in path {
        match step {
            Step::Key(key) => {
                if after_index {
                    out.push_str(": ");
                } else if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
                after_index = false;
            }
            Step::Index(index) => {
                out.push_str(&format!(" #{}", index + 1));
                after_index = true;
            }
        }
    }
    out
}

/// `file:line:column: what; cost`, then the line of the file with the spot underlined — as
/// separate lines, which the notices box shows as they are.
fn located(text: &str, origin: &str, span: Option<Range<usize>>, what: &str, cost: &str) -> String {
    let what = if cost.is_empty() {
        what.to_string()
    } else {
        format!("{what}; {cost}")
    };
    let Some(span) = span.filter(|s| s.start <= text.len()) else {
        return format!("{origin}: {what}");
    };
    let start = floor_char_boundary(text, span.start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_number = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let mut out = format!("{origin}:{line_number}:{column}: {what}");
    let source = text[line_start..line_end].trim_end_matches('\r');
    // A snippet only helps when the spot is in sight.
    if column <= SNIPPET_WIDTH {
        let shown: String = source.chars().take(SNIPPET_WIDTH).collect();
        let gutter = line_number.to_string();
        let pad = " ".repeat(gutter.len());
        let before = crate::sanitize::sanitize(&text[line_start..start]);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let under = crate::sanitize::sanitize(&text[start..end]);
        let indent = unicode_width::UnicodeWidthStr::width(before.as_ref());
        let carets = unicode_width::UnicodeWidthStr::width(under.as_ref()).max(1);
        out.push_str(&format!(
            "\n {gutter} | {}\n {pad} | {}{}",
            crate::sanitize::sanitize(&shown),
            " ".repeat(indent),
            "^".repeat(carets.min(SNIPPET_WIDTH))
        ));
    }
    out
}

const SNIPPET_WIDTH: usize = 100;

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
