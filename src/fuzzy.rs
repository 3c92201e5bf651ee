//! Fuzzy matching for filters and prompt suggestions (fzf-style scoring from nucleo).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Fuzzy {
    matcher: Matcher,
    pattern: Pattern,
    buf: Vec<char>,
    empty: bool,
}

impl Fuzzy {
    pub fn new(query: &str) -> Fuzzy {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::parse(query, CaseMatching::Smart, Normalization::Smart),
            buf: Vec::new(),
            empty: query.trim().is_empty(),
        }
    }

    /// `None` when the text does not match; an empty query matches everything with score 0.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        if self.empty {
            return Some(0);
        }
        self.pattern
            .score(Utf32Str::new(text, &mut self.buf), &mut self.matcher)
    }
}

/// The indices of `items` matching `query`, best first.
pub fn rank<'a>(query: &str, items: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    if query.trim().is_empty() {
        // Nothing to rank by: everything, as it was.
        return items.into_iter().enumerate().map(|(i, _)| i).collect();
    }
    let mut fuzzy = Fuzzy::new(query);
    let mut scored: Vec<(usize, u32, usize)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, text)| fuzzy.score(text).map(|s| (i, s, text.len())))
        .collect();
    // Equal scores: the shorter text is the closer match ("region" before "regions").
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(i, _, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_best_first_and_drops_misses() {
        let items = ["region", "refresh", "profile", "regions"];
        let ranked = rank("reg", items);
        assert_eq!(ranked[0], 0);
        assert!(ranked.contains(&3));
        assert!(!ranked.contains(&2));
    }

    #[test]
    fn empty_query_keeps_everything_in_order() {
        assert_eq!(rank("", ["b", "a"]), [0, 1]);
    }

    #[test]
    fn shorter_wins_a_tie() {
        assert_eq!(rank("reg", ["regions", "region"]), [1, 0]);
    }

    #[test]
    fn smart_case() {
        let mut f = Fuzzy::new("prod");
        assert!(f.score("demo-PROD").is_some());
        let mut f = Fuzzy::new("PROD");
        assert!(f.score("demo-prod").is_none());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn ranking_is_a_set_of_distinct_indexes_best_first(
            query in any::<String>(),
            items in prop::collection::vec(any::<String>(), 0..8),
        ) {
            let ranked = rank(&query, items.iter().map(String::as_str));
            let mut seen = std::collections::BTreeSet::new();
            prop_assert!(ranked.iter().all(|&i| i < items.len() && seen.insert(i)));
            let mut fuzzy = Fuzzy::new(&query);
            let scores: Vec<u32> = ranked.iter().map(|&i| fuzzy.score(&items[i]).unwrap()).collect();
            prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{:?}", scores);
            for (i, item) in items.iter().enumerate() {
                prop_assert_eq!(fuzzy.score(item).is_some(), ranked.contains(&i));
            }
        }

        /// A blank query keeps every item. (In what order is the ignored test below.)
        #[test]
        fn a_blank_query_keeps_everything(
            blank in "[ \t]{0,3}",
            items in prop::collection::vec(any::<String>(), 0..8),
        ) {
            let mut ranked = rank(&blank, items.iter().map(String::as_str));
            ranked.sort();
            prop_assert_eq!(ranked, (0..items.len()).collect::<Vec<_>>());
        }

        /// Items of one length keep their order under a blank query.
        #[test]
        fn a_blank_query_keeps_equal_lengths_in_order(
            items in prop::collection::vec("[a-z]{3}", 0..8),
        ) {
            let ranked = rank("", items.iter().map(String::as_str));
            prop_assert_eq!(ranked, (0..items.len()).collect::<Vec<_>>());
        }

        /// A plain lower-case query finds every item containing it, whatever the item's case.
        #[test]
        fn an_item_containing_the_query_matches(
            query in "[a-z0-9]{1,8}",
            before in "[a-zA-Z0-9 ./_\\-]{0,10}",
            after in "[a-zA-Z0-9 ./_\\-]{0,10}",
            upper in any::<bool>(),
            others in prop::collection::vec("[a-z]{0,8}", 0..5),
        ) {
            let found = if upper { query.to_uppercase() } else { query.clone() };
            let item = format!("{before}{found}{after}");
            let mut items: Vec<&str> = others.iter().map(String::as_str).collect();
            items.push(&item);
            let ranked = rank(&query, items.iter().copied());
            prop_assert!(ranked.contains(&(items.len() - 1)), "{:?} in {:?}", query, item);
        }

        #[test]
        fn an_exact_match_is_never_beaten_by_a_longer_item(
            query in "[a-z]{2,8}",
            suffix in "[a-z]{1,5}",
        ) {
            let longer = format!("{query}{suffix}");
            prop_assert_eq!(rank(&query, [longer.as_str(), query.as_str()])[0], 1);
        }
    }

    /// Found by a blank-query property: every item scores 0, so the length tie-break sorts
    /// the list shortest first. `tests::empty_query_keeps_everything_in_order` only uses items
    /// of one length. Visible in the prompt: `:region ` / `:profile ` / `:theme ` with nothing
    /// typed yet, and an empty `:` line, list their candidates by length, not in their order.
    #[test]
    fn an_empty_query_keeps_the_order_whatever_the_lengths() {
        assert_eq!(rank("", ["aa", "b"]), [0, 1]);
    }
}
