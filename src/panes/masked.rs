//! Values shown masked until the user reveals them: a Lambda function's environment, a
//! secret's keys, a SecureString parameter. One mask for all, so a hidden value looks the same
//! everywhere and its length never shows.

use crate::ui::table::CellText;

/// What a hidden value looks like, whatever its length.
pub const MASK: &str = "••••••••";

/// The cell of a value: the value itself once revealed, else the mask.
pub fn cell(value: &str, revealed: bool) -> CellText {
    if revealed {
        CellText::plain(value.to_string())
    } else {
        CellText::styled(MASK, "text.dim")
    }
}

/// One line of a value for a table cell: line breaks shown as `⏎` so a multi-line value
/// (a PEM key, pretty JSON) stays on its row.
pub fn one_line(value: &str) -> String {
    value
        .trim_end_matches('\n')
        .replace("\r\n", "⏎")
        .replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_values_all_look_alike() {
        assert_eq!(
            cell("a", false).text,
            cell("a much longer value", false).text
        );
        assert_eq!(cell("shown", true).text, "shown");
        assert_eq!(one_line("a\nb\r\nc\n"), "a⏎b⏎c");
    }
}
