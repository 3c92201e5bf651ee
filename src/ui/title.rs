//! A view's title in its border. Titles put the state last (`secret db-creds · masked (x
//! shows)`, `… · loading…`, a prompt's `(typed confirmation)`), and the long part is usually
//! a name in the middle, so a title too wide for its border loses the middle of the name:
//! the first part (before the first ` · `) alone when everything after it fits, else the start
//! and the last part (after the last ` · `, else from the last ` (`) stay, the last part
//! taking at most two thirds of the room.

use super::table::cut::{self, Cut};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The cells a title's first part (`policy NAME`) keeps at least when it alone is cut.
const NAME_KEEPS: usize = 16;

/// `title` in at most `width` cells, cut in the middle when it does not fit.
pub fn fit(title: &str, width: usize) -> Cow<'_, str> {
    if title.width() <= width {
        return Cow::Borrowed(title);
    }
    // The first part is the name (`policy NAME · profile · account · region · state`): when
    // the parts after it fit beside a few of its cells, only the name loses its middle, so an
    // account id or a region is never cut to keep more of a name.
    if let Some(at) = title.find(" · ") {
        let (name, rest) = title.split_at(at);
        let room = width.saturating_sub(rest.width());
        if room >= NAME_KEEPS {
            // A name's end tells it apart more often than its start (which is often the
            // kind: `load balancer …`), so the end keeps two thirds.
            let tail = room.saturating_sub(1) * 2 / 3;
            return Cow::Owned(format!(
                "{}{rest}",
                cut::fit(name, room, Cut::Middle { tail })
            ));
        }
    }
    let budget = width.saturating_sub(1);
    let end = title
        .rfind(" · ")
        .or_else(|| title.rfind(" ("))
        .map_or(budget / 2, |at| title[at..].width());
    let least_head = budget / 3;
    cut::fit(
        title,
        width,
        Cut::Middle {
            tail: end.min(budget - least_head),
        },
    )
}

/// The room a border of `width` cells leaves a title beside `rest` (the count, the sort…):
/// the corners and the spaces around the title go, and the title keeps at least half.
pub fn room(width: u16, rest: usize) -> usize {
    let inside = usize::from(width).saturating_sub(4);
    inside.saturating_sub(rest).max(inside / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_fits_is_whole() {
        assert_eq!(fit("Secrets · loading…", 18), "Secrets · loading…");
    }

    #[test]
    fn the_middle_of_the_name_goes_and_the_state_stays() {
        let title = "secret payments/production/stripe-webhook-signing-key · AWSCURRENT: 3 keys, masked (x shows, X all)";
        let cut = fit(title, 76);
        assert!(
            cut.ends_with(" · AWSCURRENT: 3 keys, masked (x shows, X all)"),
            "{cut}"
        );
        assert!(cut.starts_with("secret pay"), "{cut}");
        assert!(cut.contains('…'), "{cut}");
        assert_eq!(cut.width(), 76);

        let prompt =
            "put a new version of /app/production/payments/database-url (typed confirmation)";
        let cut = fit(prompt, 60);
        assert!(cut.ends_with(" (typed confirmation)"), "{cut}");
        assert!(cut.starts_with("put a new"), "{cut}");
        assert!(cut.width() <= 60);
    }

    #[test]
    fn the_name_is_cut_before_the_account_and_region_after_it() {
        let title =
            "policy AWSLambdaBasicExecutionRole · demo-dev · 123456789012 · long lines cut (:wrap)";
        let cut = fit(title, 76);
        assert_eq!(
            cut,
            "policy A…sicExecutionRole · demo-dev · 123456789012 · long lines cut (:wrap)"
        );
        assert_eq!(cut.width(), 76);
        // Too little room beside the rest: the old way (start and state kept).
        let cut = fit(title, 60);
        assert!(cut.starts_with("policy AWS"), "{cut}");
        assert!(cut.ends_with(" · long lines cut (:wrap)"), "{cut}");
        assert!(cut.width() <= 60, "{cut}");
    }

    #[test]
    fn a_long_last_part_leaves_the_start_a_third() {
        let title = format!("role x · {}", "y".repeat(200));
        let cut = fit(&title, 31);
        assert!(cut.starts_with("role x · y"), "{cut}");
        assert_eq!(cut.width(), 31);
        // No separator: the middle goes, half of each side stays.
        let cut = fit("abcdefghijklmnopqrstuvwxyz", 11);
        assert_eq!(cut, "abcde…vwxyz");
    }

    #[test]
    fn the_room_beside_the_count_keeps_half_for_the_title() {
        assert_eq!(room(80, 10), 66);
        assert_eq!(room(80, 70), 38);
        assert_eq!(room(2, 0), 0);
    }
}
