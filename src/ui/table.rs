//! The resource table every list pane uses: rows, fuzzy filter, selection and virtualized
//! drawing (only the rows on screen are built, so 100,000 rows cost the same to draw as 20).
//! Cells arrive raw from the panes and are sanitized here, on their only way to the screen.

use super::line_input::{InputEvent, LineInput};
use crate::command::CommandId;
use crate::fuzzy::Fuzzy;
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

pub struct Column {
    pub title: std::borrow::Cow<'static, str>,
    pub width: Constraint,
}

/// A cell's raw text (straight from AWS is fine: it is sanitized when drawn) and an optional
/// theme role for its colour.
pub struct CellText {
    pub text: String,
    pub role: Option<&'static str>,
    /// Runs on over the columns to its right (which the row leaves empty) instead of being cut
    /// at its own column's edge: a message in place of a resource.
    pub span: bool,
}

impl CellText {
    pub fn plain(text: impl Into<String>) -> CellText {
        CellText {
            text: text.into(),
            role: None,
            span: false,
        }
    }

    pub fn styled(text: impl Into<String>, role: &'static str) -> CellText {
        CellText {
            text: text.into(),
            role: Some(role),
            span: false,
        }
    }

    /// A message that runs to the end of the row (the row has no cells after it).
    pub fn spanning(text: impl Into<String>, role: &'static str) -> CellText {
        CellText {
            text: text.into(),
            role: Some(role),
            span: true,
        }
    }
}

/// What a column sorts by: text (case-insensitive) or a number (sizes, counts, times).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Number(i64),
    Text(String),
}

pub trait TableRow {
    fn cells(&self) -> Vec<CellText>;
    /// The key for sorting by `column`; the cell's text by default.
    fn sort_key(&self, column: usize) -> SortKey {
        SortKey::Text(
            self.cells()
                .into_iter()
                .nth(column)
                .map(|c| c.text.to_lowercase())
                .unwrap_or_default(),
        )
    }
    /// What `copy` puts on the clipboard and what keeps the selection across reloads.
    fn id(&self) -> String;
    /// What the fuzzy filter matches. Borrowed where a row keeps it ready: every keystroke
    /// asks every row.
    fn filter_text(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(
            self.cells()
                .into_iter()
                .map(|c| c.text)
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// What the app needs from any pane's table, whatever its row type: navigation, and the filter
/// line while it is being edited.
pub trait ListInput {
    /// Navigation and filter commands; false for commands a table does not handle.
    fn handle(&mut self, command: CommandId) -> bool;
    fn handle_filter_key(&mut self, key: &KeyEvent);
    fn paste_into_filter(&mut self, text: &str);
    fn is_editing_filter(&self) -> bool;
    /// `:filter TEXT`: set the filter without editing it; false where there is none.
    fn apply_filter(&mut self, _text: &str) -> bool {
        false
    }
}

impl<T: TableRow> ListInput for ResourceTable<T> {
    fn handle(&mut self, command: CommandId) -> bool {
        ResourceTable::handle(self, command)
    }
    fn handle_filter_key(&mut self, key: &KeyEvent) {
        ResourceTable::handle_filter_key(self, key)
    }
    fn paste_into_filter(&mut self, text: &str) {
        ResourceTable::paste_into_filter(self, text)
    }
    fn is_editing_filter(&self) -> bool {
        ResourceTable::is_editing_filter(self)
    }
    fn apply_filter(&mut self, text: &str) -> bool {
        self.set_filter(text);
        true
    }
}

pub struct ResourceTable<T> {
    rows: Vec<T>,
    /// Indices into `rows` that pass the filter, in row order.
    visible: Vec<usize>,
    /// Position in `visible`.
    selected: usize,
    offset: usize,
    filter: LineInput,
    editing_filter: bool,
    /// Rows that fit on screen, learned at the last draw (for page up/down).
    page: usize,
    /// Column titles, learned at the last draw (for cycling the sort column).
    titles: Vec<String>,
    /// Sorted by this column, ascending when true; `None` keeps the order rows came in.
    sort: Option<(usize, bool)>,
    /// Ids of rows marked for a bulk action (Space).
    marked: std::collections::HashSet<String>,
}

impl<T: TableRow> Default for ResourceTable<T> {
    fn default() -> Self {
        ResourceTable {
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            filter: LineInput::default(),
            editing_filter: false,
            page: 10,
            titles: Vec::new(),
            sort: None,
            marked: std::collections::HashSet::new(),
        }
    }
}

impl<T: TableRow> ResourceTable<T> {
    /// Replaces the rows, keeping the selection on the same row (by id) when it still exists.
    pub fn set_rows(&mut self, rows: Vec<T>) {
        let keep = self.selected_row().map(TableRow::id);
        self.rows = rows;
        self.apply_sort();
        self.refilter();
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    /// Adds rows at the end (a streamed page): only the new rows are matched against the filter,
    /// so streaming 100,000 rows stays linear.
    pub fn append_rows(&mut self, rows: Vec<T>) {
        if self.sort.is_some() {
            // Sorted views re-sort as pages arrive (and keep the selected row).
            let keep = self.selected_row().map(TableRow::id);
            self.rows.extend(rows);
            self.apply_sort();
            self.refilter();
            if let Some(id) = keep {
                self.select_id(&id);
            }
            return;
        }
        let start = self.rows.len();
        self.rows.extend(rows);
        let mut fuzzy = Fuzzy::new(self.filter.text());
        let rows = &self.rows;
        self.visible
            .extend((start..rows.len()).filter(|&i| fuzzy.score(&rows[i].filter_text()).is_some()));
    }

    /// Changes rows in place (fresh states from a poll), then sorts and filters again, keeping
    /// the selection on the same row.
    pub fn update_rows(&mut self, change: impl FnMut(&mut T)) {
        let keep = self.selected_row().map(TableRow::id);
        self.rows.iter_mut().for_each(change);
        self.apply_sort();
        self.refilter();
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    /// Drops the rows `keep` refuses (a deleted item), keeping filter, sort and selection.
    pub fn retain_rows(&mut self, keep: impl FnMut(&T) -> bool) {
        let selected = self.selected_row().map(TableRow::id);
        self.rows.retain(keep);
        self.marked
            .retain(|id| self.rows.iter().any(|r| r.id() == *id));
        self.refilter();
        if let Some(id) = selected {
            self.select_id(&id);
        }
    }

    /// Swaps the rows `stale` picks for `fresh` (one source of a merged listing answered
    /// again), where the first of them was, else at the end; filter, sort, marks (of rows that
    /// still exist) and the selection (by id) are kept.
    pub fn replace_rows(&mut self, mut stale: impl FnMut(&T) -> bool, fresh: Vec<T>) {
        let keep = self.selected_row().map(TableRow::id);
        let at = self
            .rows
            .iter()
            .position(&mut stale)
            .unwrap_or(self.rows.len());
        self.rows.retain(|r| !stale(r));
        let at = at.min(self.rows.len());
        self.rows.splice(at..at, fresh);
        if !self.marked.is_empty() {
            let ids: std::collections::HashSet<String> =
                self.rows.iter().map(TableRow::id).collect();
            self.marked.retain(|id| ids.contains(id));
        }
        self.apply_sort();
        self.refilter();
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn selected_row(&self) -> Option<&T> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    pub fn select_id(&mut self, id: &str) -> bool {
        match self.visible.iter().position(|&i| self.rows[i].id() == id) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    pub fn filter_text(&self) -> &str {
        self.filter.text()
    }

    pub fn is_editing_filter(&self) -> bool {
        self.editing_filter
    }

    /// Navigation and filter commands. Returns false for commands the table does not handle.
    pub fn handle(&mut self, command: CommandId) -> bool {
        let last = self.visible.len().saturating_sub(1);
        match command {
            CommandId::Up => self.selected = self.selected.saturating_sub(1),
            CommandId::Down => self.selected = (self.selected + 1).min(last),
            CommandId::Top => self.selected = 0,
            CommandId::Bottom => self.selected = last,
            CommandId::PageUp => self.selected = self.selected.saturating_sub(self.page.max(1)),
            CommandId::PageDown => self.selected = (self.selected + self.page.max(1)).min(last),
            // A new filter each time, as in k9s: `/` never appends to a forgotten one.
            CommandId::Filter => {
                self.set_filter("");
                self.editing_filter = true;
            }
            CommandId::Back if !self.filter.text().is_empty() => self.set_filter(""),
            CommandId::Mark => {
                if let Some(id) = self.selected_row().map(TableRow::id)
                    && !self.marked.remove(&id)
                {
                    self.marked.insert(id);
                }
                self.selected = (self.selected + 1).min(last);
            }
            CommandId::Sort => {
                let columns = self.titles.len().max(1);
                self.sort = match self.sort {
                    None => Some((0, true)),
                    Some((c, _)) if c + 1 < columns => Some((c + 1, true)),
                    Some(_) => None,
                };
                self.resort();
            }
            CommandId::SortReverse => {
                self.sort = Some(match self.sort {
                    Some((c, ascending)) => (c, !ascending),
                    None => (0, false),
                });
                self.resort();
            }
            _ => return false,
        }
        true
    }

    /// Keys typed while the filter is being edited: the filter applies live, Enter keeps it,
    /// Esc clears it.
    pub fn handle_filter_key(&mut self, key: &KeyEvent) {
        match self.filter.handle(key) {
            InputEvent::Changed => self.refilter_keeping_selection(),
            InputEvent::Submit => self.editing_filter = false,
            InputEvent::Cancel => {
                self.editing_filter = false;
                self.set_filter("");
            }
            InputEvent::Moved | InputEvent::Ignored => {}
        }
    }

    pub fn paste_into_filter(&mut self, text: &str) {
        self.filter.insert_str(text);
        self.refilter_keeping_selection();
    }

    pub fn set_filter(&mut self, text: &str) {
        self.filter.set(text);
        self.refilter_keeping_selection();
    }

    /// The marked rows (in row order), or the selected row when nothing is marked.
    pub fn targets(&self) -> Vec<&T> {
        if self.marked.is_empty() {
            return self.selected_row().into_iter().collect();
        }
        self.rows
            .iter()
            .filter(|r| self.marked.contains(&r.id()))
            .collect()
    }

    pub fn clear_marks(&mut self) {
        self.marked.clear();
    }

    pub fn marked_count(&self) -> usize {
        self.marked.len()
    }

    /// "NAME ↑" for the title, when sorted.
    pub fn sort_label(&self) -> Option<String> {
        let (column, ascending) = self.sort?;
        let title = self.titles.get(column).map_or("?", String::as_str);
        // Titles can be AWS data (DynamoDB attribute names).
        Some(format!(
            "{} {}",
            sanitize(title),
            if ascending { "↑" } else { "↓" }
        ))
    }

    fn resort(&mut self) {
        let keep = self.selected_row().map(TableRow::id);
        self.apply_sort();
        self.refilter();
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    fn apply_sort(&mut self) {
        let Some((column, ascending)) = self.sort else {
            return;
        };
        self.rows.sort_by_cached_key(|row| row.sort_key(column));
        if !ascending {
            self.rows.reverse();
        }
    }

    fn refilter_keeping_selection(&mut self) {
        let keep = self.selected_row().map(TableRow::id);
        self.refilter();
        match keep {
            Some(id) if self.select_id(&id) => {}
            _ => self.selected = 0,
        }
    }

    fn refilter(&mut self) {
        let mut fuzzy = Fuzzy::new(self.filter.text());
        self.visible = (0..self.rows.len())
            .filter(|&i| fuzzy.score(&self.rows[i].filter_text()).is_some())
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Draws the table into `area` with a titled border. Only the rows that fit are built.
    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        title: &str,
        columns: &[Column],
    ) {
        // Columns are listed most important first; those that do not fit go, from the right.
        let columns = &columns[..fitting_columns(columns, area.width.saturating_sub(2))];
        self.titles = columns.iter().map(|c| c.title.to_string()).collect();
        let mut sort_note = self
            .sort_label()
            .map(|l| format!(" sorted by {l}"))
            .unwrap_or_default();
        if !self.marked.is_empty() {
            sort_note.push_str(&format!(
                " · {} marked",
                super::format::count(self.marked.len())
            ));
        }
        let filter_note = if self.filter.text().is_empty() && !self.editing_filter {
            String::new()
        } else {
            format!(" /{}", sanitize(self.filter.text()))
        };
        let count = if self.visible.len() == self.rows.len() {
            super::format::count(self.rows.len())
        } else {
            format!(
                "{}/{}",
                super::format::count(self.visible.len()),
                super::format::count(self.rows.len())
            )
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Line::from(vec![
                Span::styled(format!(" {} ", sanitize(title)), theme.style("title")),
                Span::styled(format!("[{count}]{sort_note}"), theme.style("text.dim")),
                Span::styled(filter_note, theme.style("prompt.input")),
                Span::raw(" "),
            ]));
        let inner = block.inner(area);
        frame.render_widget(block, area);

        // One line for the column headers.
        let height = inner.height.saturating_sub(1) as usize;
        self.page = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self
            .offset
            .min(self.visible.len().saturating_sub(height.max(1)));

        let header = Row::new(
            columns
                .iter()
                .map(|c| Cell::from(sanitize(&c.title).into_owned())),
        )
        .style(theme.style("table.header"));
        // Spanning cells: drawn over the row after the table, from their column to the edge.
        let mut overlays: Vec<(usize, usize, String, ratatui::style::Style)> = Vec::new();
        let rows = self
            .visible
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(height)
            .map(|(pos, &i)| {
                let marked = !self.marked.is_empty() && self.marked.contains(&self.rows[i].id());
                let row_style = if pos == self.selected {
                    theme.style("table.row.selected")
                } else if marked {
                    theme.style("table.row.marked")
                } else {
                    theme.style("table.row")
                };
                let any_marked = !self.marked.is_empty();
                let cells: Vec<Cell> = self.rows[i]
                    .cells()
                    .into_iter()
                    .take(columns.len())
                    .enumerate()
                    .map(|(c, cell)| {
                        let mut text = sanitize(&cell.text).into_owned();
                        // A visible mark, not only a style: NO_COLOR terminals may not show italics.
                        if c == 0 && any_marked {
                            text = format!("{}{text}", if marked { "* " } else { "  " });
                        }
                        let style = match cell.role {
                            // The selected row's style wins so the selection stays one solid bar.
                            Some(role) if pos != self.selected => {
                                row_style.patch(theme.style(role))
                            }
                            _ => row_style,
                        };
                        if cell.span {
                            overlays.push((pos - self.offset, c, text, style));
                            return Cell::from("");
                        }
                        match cell.role {
                            Some(role) if pos != self.selected => {
                                Cell::from(Span::styled(text, theme.style(role)))
                            }
                            _ => Cell::from(text),
                        }
                    })
                    .collect();
                Row::new(cells).style(row_style)
            });
        let widths: Vec<Constraint> = columns.iter().map(|c| c.width).collect();
        let table = Table::new(rows, widths.clone())
            .header(header)
            .column_spacing(2);
        frame.render_widget(table, inner);
        if !overlays.is_empty() {
            // The table's own column layout (no selection column: it is drawn without state).
            let line = Rect { height: 1, ..inner };
            let at = Layout::horizontal(widths)
                .flex(Flex::Start)
                .spacing(2)
                .split(line);
            for (row, column, text, style) in overlays {
                let Some(x) = at.get(column).map(|r| r.x) else {
                    continue;
                };
                let area = Rect {
                    x,
                    y: inner.y + 1 + row as u16,
                    width: inner.right().saturating_sub(x),
                    height: 1,
                };
                frame.render_widget(Line::from(Span::styled(text, style)), area);
            }
        }
        if self.visible.is_empty() && inner.height > 1 {
            let note = if self.rows.is_empty() {
                "nothing here"
            } else {
                "no rows match the filter"
            };
            let area = Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            };
            frame.render_widget(Span::styled(note, theme.style("text.dim")), area);
        }
    }
}

/// How many of the leading columns fit in `width`: every column at its fixed width (a `Fill`
/// column at least 12 cells) plus the spacing between them.
fn fitting_columns(columns: &[Column], width: u16) -> usize {
    const SPACING: u16 = 2;
    const MIN_FILL: u16 = 12;
    let mut used: u16 = 0;
    for (n, column) in columns.iter().enumerate() {
        let w = match column.width {
            Constraint::Length(w) | Constraint::Min(w) | Constraint::Max(w) => w,
            _ => MIN_FILL,
        };
        let gap = if n == 0 { 0 } else { SPACING };
        if n > 0 && used.saturating_add(gap + w) > width {
            return n;
        }
        used = used.saturating_add(gap + w);
    }
    columns.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    struct Named(&'static str);

    impl TableRow for Named {
        fn cells(&self) -> Vec<CellText> {
            vec![CellText::plain(self.0)]
        }
        fn id(&self) -> String {
            self.0.to_string()
        }
    }

    fn table(names: &[&'static str]) -> ResourceTable<Named> {
        let mut t = ResourceTable::default();
        t.set_rows(names.iter().map(|n| Named(n)).collect());
        t
    }

    fn type_filter(t: &mut ResourceTable<Named>, text: &str) {
        t.handle(CommandId::Filter);
        for c in text.chars() {
            t.handle_filter_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn navigation_is_clamped() {
        let mut t = table(&["a", "b", "c"]);
        t.handle(CommandId::Up);
        assert_eq!(t.selected_row().unwrap().0, "a");
        t.handle(CommandId::Bottom);
        t.handle(CommandId::Down);
        assert_eq!(t.selected_row().unwrap().0, "c");
        t.handle(CommandId::PageUp);
        assert_eq!(t.selected_row().unwrap().0, "a");
    }

    #[test]
    fn filter_narrows_and_esc_clears() {
        let mut t = table(&["demo-dev", "demo-prod", "sandbox"]);
        type_filter(&mut t, "prod");
        assert_eq!(t.visible_len(), 1);
        assert_eq!(t.selected_row().unwrap().0, "demo-prod");
        t.handle_filter_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert!(!t.is_editing_filter());
        assert_eq!(t.filter_text(), "prod");
        assert!(t.handle(CommandId::Back));
        assert_eq!(t.visible_len(), 3);
        assert_eq!(
            t.selected_row().unwrap().0,
            "demo-prod",
            "selection survives clearing"
        );
        assert!(
            !t.handle(CommandId::Back),
            "Back with no filter is the pane's to handle"
        );
    }

    #[test]
    fn reload_keeps_the_selected_row() {
        let mut t = table(&["a", "b", "c"]);
        t.handle(CommandId::Bottom);
        t.set_rows(vec![Named("c"), Named("a")]);
        assert_eq!(t.selected_row().unwrap().0, "c");
    }

    #[test]
    fn appended_rows_respect_the_filter() {
        let mut t = table(&["alpha"]);
        t.set_filter("b");
        t.append_rows(vec![Named("beta"), Named("gamma"), Named("bravo")]);
        assert_eq!(t.visible_len(), 2);
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn sort_cycles_columns_reverses_and_keeps_the_selection() {
        let mut t = table(&["b", "c", "a"]);
        t.titles = vec!["NAME".into()];
        t.handle(CommandId::Down);
        t.handle(CommandId::Sort);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(t.selected_row().unwrap().0, "c");
        t.handle(CommandId::SortReverse);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(names, ["c", "b", "a"]);
        assert_eq!(t.sort_label().as_deref(), Some("NAME ↓"));
        t.append_rows(vec![Named("d")]);
        assert_eq!(t.rows()[0].0, "d", "streamed rows join the sort");
        t.handle(CommandId::Sort);
        assert_eq!(t.sort_label(), None, "cycling past the last column unsorts");
    }

    #[test]
    fn marks_toggle_and_become_the_targets() {
        let mut t = table(&["a", "b", "c"]);
        assert_eq!(t.targets().len(), 1, "no marks: the selection");
        t.handle(CommandId::Mark);
        t.handle(CommandId::Down);
        t.handle(CommandId::Mark);
        let ids: Vec<_> = t.targets().iter().map(|r| r.0).collect();
        assert_eq!(ids, ["a", "c"]);
        t.handle(CommandId::Bottom);
        t.handle(CommandId::Mark);
        let ids: Vec<_> = t.targets().iter().map(|r| r.0).collect();
        assert_eq!(ids, ["a"], "marking again unmarks");
    }

    #[test]
    fn columns_that_do_not_fit_go_from_the_right() {
        let col = |w| Column {
            title: "X".into(),
            width: w,
        };
        let columns = [
            col(Constraint::Fill(1)),
            col(Constraint::Length(19)),
            col(Constraint::Length(15)),
        ];
        assert_eq!(fitting_columns(&columns, 200), 3);
        assert_eq!(fitting_columns(&columns, 12 + 2 + 19 + 2 + 15), 3);
        assert_eq!(fitting_columns(&columns, 12 + 2 + 19 + 2 + 14), 2);
        assert_eq!(
            fitting_columns(&columns, 5),
            1,
            "the first column always stays"
        );
    }

    #[test]
    fn replaced_rows_keep_their_place_the_selection_and_the_marks() {
        let mut t = table(&["a1", "b1", "b2", "c1"]);
        t.handle(CommandId::Mark); // a1
        t.handle(CommandId::Mark); // b1
        t.handle(CommandId::Bottom); // c1 selected
        t.replace_rows(|r| r.0.starts_with('b'), vec![Named("b1"), Named("b3")]);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(names, ["a1", "b1", "b3", "c1"], "in place of the old ones");
        assert_eq!(t.selected_row().unwrap().0, "c1");
        assert_eq!(t.marked_count(), 2, "b1 is still there, still marked");
        t.replace_rows(|r| r.0.starts_with('b'), vec![]);
        assert_eq!(t.marked_count(), 1, "a mark goes with its row");
        t.replace_rows(|r| r.0.starts_with('d'), vec![Named("d1")]);
        assert_eq!(t.rows().last().unwrap().0, "d1", "a new source goes last");
        t.set_filter("1");
        t.replace_rows(|r| r.0 == "x", vec![Named("e1"), Named("e2")]);
        assert_eq!(t.visible_len(), 4, "the filter applies to fresh rows");
    }

    struct Message(&'static str, Option<&'static str>);

    impl TableRow for Message {
        fn cells(&self) -> Vec<CellText> {
            let mut cells = vec![CellText::plain(self.0)];
            match self.1 {
                Some(m) => cells.push(CellText::spanning(m, "state.error")),
                None => cells.extend([CellText::plain("short"), CellText::plain("last")]),
            }
            cells
        }
        fn id(&self) -> String {
            self.0.to_string()
        }
    }

    #[test]
    fn a_spanning_cell_runs_over_the_columns_to_its_right() {
        let mut t = ResourceTable::default();
        t.set_rows(vec![
            Message("a", None),
            Message("b", Some("✗ a message much longer than its column")),
        ]);
        let columns = [
            Column {
                title: "ONE".into(),
                width: Constraint::Length(4),
            },
            Column {
                title: "TWO".into(),
                width: Constraint::Length(6),
            },
            Column {
                title: "THREE".into(),
                width: Constraint::Fill(1),
            },
        ];
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 6)).unwrap();
        terminal
            .draw(|f| t.render(f, f.area(), &Theme::mono(), "t", &columns))
            .unwrap();
        let screen = terminal.backend().to_string();
        assert!(
            screen.contains("│a     short   last"),
            "ordinary rows keep their columns: {screen}"
        );
        assert!(
            screen.contains("│b     ✗ a message much longer than its column"),
            "{screen}"
        );
    }

    #[test]
    fn empty_table_is_safe() {
        let mut t = table(&[]);
        for c in [
            CommandId::Down,
            CommandId::Bottom,
            CommandId::PageDown,
            CommandId::Up,
        ] {
            t.handle(c);
        }
        assert!(t.selected_row().is_none());
    }
}
