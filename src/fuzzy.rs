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

/// How a text matched a list filter; ordered best first. Case-insensitive substring matches
/// (every word of the query found) come before fuzzy ones, which a list shows only when no row
/// holds the query at all: `node-07` finds `…-node-07`, not every `node-0…7` spread over a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The query is a whole word of the text (a cell of a row).
    Exact,
    /// A word of the text starts with the query, at this byte.
    Prefix(usize),
    /// The query is inside the text, from this byte.
    Within(usize),
    /// The query's letters in order but apart: nucleo's score, higher first.
    Fuzzy(std::cmp::Reverse<u32>),
}

/// A list filter: substring matches ranked, fuzzy ones as a fallback.
pub struct Filter {
    /// The query's words, lower-case.
    words: Vec<String>,
    fuzzy: Fuzzy,
}

impl Filter {
    pub fn new(query: &str) -> Filter {
        Filter {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
            fuzzy: Fuzzy::new(query),
        }
    }

    /// A blank query matches everything, unranked.
    pub fn is_blank(&self) -> bool {
        self.words.is_empty()
    }

    /// Every word of the query in `text`, ignoring case: ranked by the first word.
    pub fn substring(&self, text: &str) -> Option<Rank> {
        let mut words = self.words.iter();
        let first = words.next()?;
        let rank = word_rank(text, first)?;
        words
            .all(|w| find_ignoring_case(text, w).is_some())
            .then_some(rank)
    }

    /// The fuzzy fallback, for when nothing matches as a substring.
    pub fn fuzzy(&mut self, text: &str) -> Option<Rank> {
        self.fuzzy
            .score(text)
            .map(|score| Rank::Fuzzy(std::cmp::Reverse(score)))
    }
}

/// How `word` (lower-case) sits in `text`: the best of its occurrences.
fn word_rank(text: &str, word: &str) -> Option<Rank> {
    let mut best: Option<Rank> = None;
    let mut from = 0;
    while let Some(found) = find_ignoring_case(&text[from..], word) {
        let at = from + found.0;
        let end = from + found.1;
        let starts = text[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let ends = text[end..].chars().next().is_none_or(char::is_whitespace);
        let rank = match (starts, ends) {
            (true, true) => Rank::Exact,
            (true, false) => Rank::Prefix(at),
            _ => Rank::Within(at),
        };
        best = Some(best.map_or(rank, |b| b.min(rank)));
        if rank == Rank::Exact {
            break;
        }
        // On past the first character of this occurrence.
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    best
}

/// Where `word` (lower-case) first occurs in `text` ignoring case, as a byte range of `text`.
fn find_ignoring_case(text: &str, word: &str) -> Option<(usize, usize)> {
    if word.is_ascii() {
        // ASCII bytes never occur inside a multi-byte character: any window is on boundaries.
        let (text, word) = (text.as_bytes(), word.as_bytes());
        if word.is_empty() {
            return Some((0, 0));
        }
        return text
            .windows(word.len())
            .position(|w| w.eq_ignore_ascii_case(word))
            .map(|at| (at, at + word.len()));
    }
    // Lower-casing may change lengths: compare character by character from each boundary.
    text.char_indices().find_map(|(at, _)| {
        let mut rest = text[at..]
            .char_indices()
            .flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, c, l)));
        let mut end = at;
        for w in word.chars() {
            let (i, c, l) = rest.next()?;
            if l != w {
                return None;
            }
            end = at + i + c.len_utf8();
        }
        Some((at, end))
    })
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
mod filter_tests {
    use super::*;

    /// Ten instances as the table filters them: name, id, state, type, private IP.
    fn fleet() -> Vec<String> {
        let ids = [
            "i-0a7c3e91d2b4f6081",
            "i-02c3f8a9b1d4e5f62",
            "i-0b2c9d3e4f5a6b7c3",
            "i-0c8e7f02a3c4b5d63",
            "i-0d1e2f3a4b5c6d7e8",
            "i-02c39e8d7c6b5a4f3",
            "i-0e9f8a7b6c5d4e3f2",
            "i-0f0e1d2c3b4a59687",
            "i-012c3a4b5c6d7e8f9",
            "i-0123456789abcdef0",
        ];
        ids.iter()
            .enumerate()
            .map(|(n, id)| {
                format!(
                    "dev-payments-api-worker-node-{:02} {id} running t3.medium 10.0.{n}.7",
                    n + 1
                )
            })
            .collect()
    }

    fn matching(query: &str, items: &[String]) -> Vec<usize> {
        let mut filter = Filter::new(query);
        let mut hits: Vec<(Rank, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((filter.substring(t)?, i)))
            .collect();
        if hits.is_empty() {
            hits = items
                .iter()
                .enumerate()
                .filter_map(|(i, t)| Some((filter.fuzzy(t)?, i)))
                .collect();
        }
        hits.sort();
        hits.into_iter().map(|(_, i)| i).collect()
    }

    #[test]
    fn node_07_finds_one_instance_of_ten() {
        assert_eq!(matching("node-07", &fleet()), [6]);
        assert_eq!(matching("NODE-07", &fleet()), [6], "case does not matter");
    }

    #[test]
    fn an_id_start_finds_the_ids_that_start_with_it() {
        let found = matching("i-02c3", &fleet());
        assert_eq!(found, [1, 5], "the two ids starting i-02c3, not six rows");
    }

    #[test]
    fn an_exact_word_comes_first_then_word_starts_then_by_position() {
        let items = [
            "orders-api-staging".to_string(),
            "legacy orders-api".to_string(),
            "orders-api".to_string(),
            "api orders-api-v2".to_string(),
        ];
        assert_eq!(matching("orders-api", &items), [1, 2, 0, 3]);
        assert_eq!(
            Filter::new("orders-api").substring(&items[2]),
            Some(Rank::Exact)
        );
        assert_eq!(
            Filter::new("orders-api").substring(&items[3]),
            Some(Rank::Prefix(4))
        );
        assert_eq!(
            Filter::new("api").substring(&items[0]),
            Some(Rank::Within(7))
        );
    }

    #[test]
    fn fuzzy_matches_only_when_nothing_holds_the_query() {
        let items = fleet();
        // A typo: no row holds it, so the spread-out letters count.
        let found = matching("pymnts node-07", &items);
        assert!(!found.is_empty() && found.len() <= items.len());
        assert_eq!(matching("no such thing zzz", &items), Vec::<usize>::new());
    }

    #[test]
    fn words_must_all_be_there() {
        let items = fleet();
        assert_eq!(matching("running node-03", &items), [2]);
    }

    #[test]
    fn case_folding_beyond_ascii() {
        assert_eq!(find_ignoring_case("ÉTÉ-prod", "été"), Some((0, 5)));
        assert_eq!(find_ignoring_case("x-Straße", "straße"), Some((2, 9)));
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
