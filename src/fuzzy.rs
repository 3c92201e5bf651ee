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
