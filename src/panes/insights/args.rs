//! `:insights GROUP… [-- QUERY]`: the log groups, and the query to run at once if one follows
//! `--`.

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Args {
    pub groups: Vec<String>,
    /// Present: run at once.
    pub query: Option<String>,
}

pub fn parse(text: &str) -> Args {
    // `--` only as a word of its own: group names may hold dashes (`/app--old`).
    let separator = text.match_indices("--").map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + 2..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    });
    let (groups, query) = match separator {
        Some(i) => (&text[..i], Some(text[i + 2..].trim())),
        None => (text, None),
    };
    Args {
        groups: groups.split_whitespace().map(str::to_owned).collect(),
        query: query.filter(|q| !q.is_empty()).map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_then_a_query_after_the_double_dash() {
        assert_eq!(
            parse("/app /b -- fields @message | limit 20"),
            Args {
                groups: vec!["/app".into(), "/b".into()],
                query: Some("fields @message | limit 20".into()),
            }
        );
        assert_eq!(
            parse(" /app "),
            Args {
                groups: vec!["/app".into()],
                query: None,
            }
        );
        assert_eq!(
            parse("/app -- ").query,
            None,
            "an empty query opens the editor"
        );
        assert_eq!(parse("/app--old").groups, vec!["/app--old".to_string()]);
        assert_eq!(
            parse("/app--old -- limit 5").query.as_deref(),
            Some("limit 5")
        );
        assert_eq!(parse("").groups, Vec::<String>::new());
    }
}
