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
