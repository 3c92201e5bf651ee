//! Shell-style name patterns (`prod-*`, `team-?-dev`) for profile names: `*` is any run of
//! characters, `?` exactly one, everything else itself. Profile names never contain `/`, so
//! there is no path-segment rule, and no character classes: nobody names profiles that way.

/// Whether `name` matches `pattern` as a whole.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Iterative matching with one backtrack point (the last `*`): linear in practice, and no
    // pattern can make it blow up.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Whether the pattern has wildcards at all (a plain name matches only itself).
pub fn is_pattern(text: &str) -> bool {
    text.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(matches("prod-*", "prod-admin"));
        assert!(matches("prod-*", "prod-"));
        assert!(!matches("prod-*", "preprod-admin"));
        assert!(matches("*-prod", "team-a-prod"));
        assert!(matches("*prod*", "my-prod-ro"));
        assert!(matches("team-?-dev", "team-a-dev"));
        assert!(!matches("team-?-dev", "team-ab-dev"));
        assert!(matches("*", ""));
        assert!(matches("a*b*c", "axxbyyc"));
        assert!(!matches("a*b*c", "axxbyy"));
        assert!(matches("exact", "exact"));
        assert!(!matches("exact", "exactly"));
        assert!(matches("ünï*", "ünïcode"));
    }

    #[test]
    fn many_stars_stay_fast() {
        let name = "a".repeat(2_000);
        assert!(!matches(&format!("{}b", "*a".repeat(50)), &name));
    }

    #[test]
    fn patterns_are_recognised() {
        assert!(is_pattern("prod-*"));
        assert!(!is_pattern("prod"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook definition, by recursion: slow, obviously right, for small inputs.
    fn reference(pattern: &[char], name: &[char]) -> bool {
        match pattern.split_first() {
            None => name.is_empty(),
            Some(('*', rest)) => (0..=name.len()).any(|i| reference(rest, &name[i..])),
            Some((&p, rest)) => name
                .split_first()
                .is_some_and(|(&n, tail)| (p == '?' || p == n) && reference(rest, tail)),
        }
    }

    fn small_pattern() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!['a', 'b', 'é', '*', '?', '-']),
            0..8,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn small_name() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!['a', 'b', 'é', '*', '?', '-']),
            0..10,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn agrees_with_the_definition(pattern in small_pattern(), name in small_name()) {
            let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
            prop_assert_eq!(matches(&pattern, &name), reference(&p, &n), "{:?} {:?}", pattern, name);
        }

        #[test]
        fn stars_match_everything(stars in 1usize..4, name in any::<String>()) {
            prop_assert!(matches(&"*".repeat(stars), &name));
        }

        #[test]
        fn a_plain_name_matches_only_itself(pattern in "[^*?]{0,12}", name in any::<String>()) {
            prop_assert!(!is_pattern(&pattern));
            prop_assert!(matches(&pattern, &pattern));
            prop_assert_eq!(matches(&pattern, &name), pattern == name);
        }

        /// `*` and `?` match themselves too, so any pattern matches its own text.
        #[test]
        fn a_pattern_matches_its_own_text(pattern in any::<String>()) {
            prop_assert!(matches(&pattern, &pattern));
        }

        #[test]
        fn prefix_and_suffix_patterns(fixed in "[^*?]{0,8}", name in any::<String>()) {
            let (prefix, suffix, inside) = (format!("{fixed}*"), format!("*{fixed}"), format!("*{fixed}*"));
            prop_assert_eq!(matches(&prefix, &name), name.starts_with(&fixed));
            prop_assert_eq!(matches(&suffix, &name), name.ends_with(&fixed));
            prop_assert_eq!(matches(&inside, &name), name.contains(&fixed));
        }

        #[test]
        fn question_marks_count_characters(k in 0usize..6, name in any::<String>()) {
            prop_assert_eq!(matches(&"?".repeat(k), &name), name.chars().count() == k);
        }

        /// No pattern makes matching slow: the worst shapes finish at once.
        #[test]
        fn adversarial_patterns_stay_fast(stars in 1usize..40, len in 0usize..400) {
            let name = "a".repeat(len);
            let started = std::time::Instant::now();
            let pattern = format!("{}b", "*a".repeat(stars));
            prop_assert!(!matches(&pattern, &name));
            prop_assert!(started.elapsed() < std::time::Duration::from_millis(200));
        }
    }
}
