//! The AWS regions offered by the region picker and `:region` completion. A static list, because
//! the picker must work before (and without) any successful AWS call; names not in it are still
//! accepted when they have the shape of a region, so new regions never lock anyone out.

pub const REGIONS: &[(&str, &str)] = &[
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("af-south-1", "Africa (Cape Town)"),
    ("ap-east-1", "Asia Pacific (Hong Kong)"),
    ("ap-east-2", "Asia Pacific (Taipei)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("ap-south-2", "Asia Pacific (Hyderabad)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)"),
    ("ap-southeast-4", "Asia Pacific (Melbourne)"),
    ("ap-southeast-5", "Asia Pacific (Malaysia)"),
    ("ap-southeast-7", "Asia Pacific (Thailand)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "Asia Pacific (Osaka)"),
    ("ca-central-1", "Canada (Central)"),
    ("ca-west-1", "Canada West (Calgary)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-central-2", "Europe (Zurich)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-west-3", "Europe (Paris)"),
    ("eu-south-1", "Europe (Milan)"),
    ("eu-south-2", "Europe (Spain)"),
    ("eu-north-1", "Europe (Stockholm)"),
    ("il-central-1", "Israel (Tel Aviv)"),
    ("me-south-1", "Middle East (Bahrain)"),
    ("me-central-1", "Middle East (UAE)"),
    ("mx-central-1", "Mexico (Central)"),
    ("sa-east-1", "South America (São Paulo)"),
    ("us-gov-east-1", "AWS GovCloud (US-East)"),
    ("us-gov-west-1", "AWS GovCloud (US-West)"),
    ("cn-north-1", "China (Beijing)"),
    ("cn-northwest-1", "China (Ningxia)"),
];

/// The commercial regions every account has from the start (no opt-in needed): what
/// `@all-regions` fans out over. Opt-in regions answer with an error until enabled, and the
/// China and GovCloud partitions need their own credentials, so they are named explicitly
/// (`@regions af-south-1`) instead.
pub const ENABLED_BY_DEFAULT: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "sa-east-1",
];

pub fn names() -> impl Iterator<Item = &'static str> {
    REGIONS.iter().map(|(name, _)| *name)
}

/// In the list: a region of one of the partitions awsterm knows.
pub fn is_known(name: &str) -> bool {
    names().any(|known| known == name)
}

/// `xx-word-N` (with optional extra words, e.g. `us-gov-west-1`): what a region name looks like.
pub fn is_valid_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && parts[parts.len() - 1].parse::<u8>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_region_is_valid() {
        assert!(names().all(is_valid_name));
    }

    #[test]
    fn regions_enabled_by_default_are_listed_once() {
        let listed: Vec<&str> = names().collect();
        assert_eq!(ENABLED_BY_DEFAULT.len(), 17);
        for r in ENABLED_BY_DEFAULT {
            assert!(listed.contains(r), "{r}");
        }
        let unique: std::collections::HashSet<_> = ENABLED_BY_DEFAULT.iter().collect();
        assert_eq!(unique.len(), ENABLED_BY_DEFAULT.len());
    }

    #[test]
    fn shapes() {
        assert!(is_valid_name("eu-west-1"));
        assert!(is_valid_name("us-gov-west-1"));
        assert!(is_valid_name("xx-newplace-9"));
        assert!(!is_valid_name("eu-west"));
        assert!(!is_valid_name("EU-WEST-1"));
        assert!(!is_valid_name("eu west 1"));
        assert!(!is_valid_name(""));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn region_shaped_names_are_accepted(
            area in "[a-z]{2}",
            words in prop::collection::vec("[a-z]{1,10}", 1..4),
            n in 0u8..=255,
        ) {
            let name = format!("{area}-{}-{n}", words.join("-"));
            prop_assert!(is_valid_name(&name), "{}", name);
        }

        /// What passes is safe to put in a host name, a file name or an ARN.
        #[test]
        fn accepted_names_are_lowercase_letters_digits_and_dashes(
            name in prop_oneof![any::<String>(), "[a-z]{2}-[a-z\\-]{1,8}-[0-9+\\- ]{1,4}"]
                .prop_filter("the known bug", |s| !s.contains('+')),
        ) {
            if is_valid_name(&name) {
                let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
                prop_assert!(name.chars().all(safe), "{:?}", name);
                prop_assert!(!name.starts_with('-') && !name.ends_with('-') && !name.contains("--"));
            }
        }

        #[test]
        fn every_listed_region_is_valid_and_unique(i in 0..REGIONS.len()) {
            let (name, label) = REGIONS[i];
            prop_assert!(is_valid_name(name));
            prop_assert!(!label.is_empty());
            prop_assert_eq!(names().filter(|n| *n == name).count(), 1);
        }
    }

    /// Found by `accepted_names_are_lowercase_letters_digits_and_dashes` (without its filter):
    /// the number is checked with `parse::<u8>()`, which takes a leading `+`.
    #[test]
    fn a_plus_sign_is_not_a_region_number() {
        assert!(!is_valid_name("aa-a-+0"));
        assert!(!is_valid_name("eu-west-+1"));
    }
}
