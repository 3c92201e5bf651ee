//! Cells wider than their column: cut visibly (`…`), and where a column's values share a long
//! start (`dev-payments-api-worker-node-01`, `-02`…), cut in the middle so the end that tells
//! them apart stays on screen (`dev-payme…node-07`).

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub const ELLIPSIS: char = '…';

/// How one column's too-wide cells are cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// Keep the start: `payments-api-wo…`.
    End,
    /// Keep the start and the last `tail` cells: `dev-payme…node-07`.
    Middle { tail: usize },
}

/// `text` in at most `width` cells: whole when it fits, else cut as `cut` says and marked `…`.
pub fn fit(text: &str, width: usize, cut: Cut) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let Some(budget) = width.checked_sub(1) else {
        return Cow::Borrowed("");
    };
    let tail = match cut {
        Cut::End => 0,
        Cut::Middle { tail } => tail.min(budget),
    };
    let head = head(text, budget - tail);
    // A wide character that did not fit the head leaves its cell to the tail.
    let tail = self::tail(text, budget - head.width());
    Cow::Owned(format!("{head}{ELLIPSIS}{tail}"))
}

/// The cut for a column of `width` cells holding `values`: from the end, unless two values
/// would then look alike because they share at least the start an end cut keeps — then from
/// the middle, with a tail long enough for the part after the shared start (when the width
/// allows: the start keeps at least a quarter).
pub fn column_cut(values: &[&str], width: usize) -> Cut {
    let budget = width.saturating_sub(1);
    let mut distinct = values.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut distinguishing = None;
    for (i, value) in distinct.iter().enumerate() {
        if value.width() <= width {
            continue;
        }
        // In sorted order the longest start shared with any other value is a neighbour's.
        let shared = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .filter_map(|j| distinct.get(j?))
            .map(|other| shared_start_width(value, other))
            .max()
            .unwrap_or(0);
        if shared >= budget {
            let after = value.width() - shared;
            distinguishing = Some(distinguishing.unwrap_or(0).max(after));
        }
    }
    let Some(after) = distinguishing else {
        return Cut::End;
    };
    let least_head = (budget / 4).max(1).min(budget);
    Cut::Middle {
        tail: after.max(budget / 2).min(budget - least_head),
    }
}

/// The width of the longest start `a` and `b` share.
fn shared_start_width(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(c, _)| c.width().unwrap_or(0))
        .sum()
}

/// The longest start of `text` in at most `width` cells.
fn head(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[..at];
        }
    }
    text
}

/// The longest end of `text` in at most `width` cells.
fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[at + c.len_utf8()..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workers() -> Vec<String> {
        (1..=10)
            .map(|n| format!("dev-payments-api-worker-node-{n:02}"))
            .collect()
    }

    #[test]
    fn a_text_that_fits_is_whole_and_one_that_does_not_ends_in_an_ellipsis() {
        assert_eq!(fit("orders", 6, Cut::End), "orders");
        assert_eq!(fit("orders-db", 6, Cut::End), "order…");
        assert_eq!(fit("orders-db", 1, Cut::End), "…");
        assert_eq!(fit("orders-db", 0, Cut::End), "");
    }

    #[test]
    fn ten_workers_sharing_a_long_start_keep_their_numbers() {
        let names = workers();
        let values: Vec<&str> = names.iter().map(String::as_str).collect();
        let cut = column_cut(&values, 18);
        assert!(matches!(cut, Cut::Middle { .. }), "{cut:?}");
        let shown: Vec<String> = values
            .iter()
            .map(|v| fit(v, 18, cut).into_owned())
            .collect();
        assert_eq!(shown[6], "dev-payme…-node-07");
        let mut unique = shown.clone();
        unique.dedup();
        assert_eq!(unique.len(), 10, "{shown:?}");
    }

    #[test]
    fn values_that_differ_early_are_cut_at_the_end() {
        let values = ["orders-api-production-blue", "payments-api-production-blue"];
        assert_eq!(column_cut(&values, 12), Cut::End);
        assert_eq!(column_cut(&["only-one-value-long"], 8), Cut::End);
    }

    #[test]
    fn wide_characters_never_overflow() {
        let text = "表表表表表表表表";
        for width in 0..20 {
            for cut in [Cut::End, Cut::Middle { tail: 3 }] {
                let shown = fit(text, width, cut);
                assert!(shown.width() <= width, "{shown} in {width}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_cut_fits_and_shows_an_ellipsis_exactly_when_it_cut(
            text in "[a-z0-9表 .\\-]{0,40}",
            width in 0usize..50,
            tail in 0usize..50,
            middle in proptest::bool::ANY,
        ) {
            let cut = if middle { Cut::Middle { tail } } else { Cut::End };
            let shown = fit(&text, width, cut);
            proptest::prop_assert!(shown.width() <= width);
            let was_cut = text.width() > width;
            proptest::prop_assert_eq!(shown.contains(ELLIPSIS), was_cut && width > 0);
            if !was_cut {
                proptest::prop_assert_eq!(&*shown, text.as_str());
            }
        }

        /// Two values with one long start and ends of one length that differ stay apart
        /// whenever the width holds the ends twice over.
        #[test]
        fn values_that_differ_stay_apart(
            start in "[a-z\\-]{8,40}",
            ends in ("[a-z0-9]{1,6}", "[a-z0-9]{1,6}"),
            extra in 0usize..30,
        ) {
            let (a_end, b_end) = ends;
            let n = a_end.len().min(b_end.len());
            let (a_end, b_end) = (&a_end[..n], &b_end[..n]);
            proptest::prop_assume!(a_end != b_end);
            let a = format!("{start}{a_end}");
            let b = format!("{start}{b_end}");
            let width = 2 * n + 2 + extra;
            let cut = column_cut(&[&a, &b], width);
            proptest::prop_assert_ne!(fit(&a, width, cut), fit(&b, width, cut));
        }
    }
}
