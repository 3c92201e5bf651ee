//! The resource table every list pane uses: rows, fuzzy filter, selection and virtualized
//! drawing (only the rows on screen are built, so 100,000 rows cost the same to draw as 20).
//! Cells arrive raw from the panes and are sanitized here, on their only way to the screen.

use super::line_input::{InputEvent, LineInput};
use crate::command::CommandId;
use crate::fuzzy::{Filter, Rank};
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};
use unicode_width::UnicodeWidthStr;

pub mod cut;

/// One column of a table. When the terminal is too narrow for all of them, the lowest
/// `priority` goes first (among equals, the rightmost), and a `name` column is given the width of
/// the longest name on screen before any column of lower priority is shown.
#[derive(Clone, Debug)]
pub struct Column {
    pub title: std::borrow::Cow<'static, str>,
    pub width: Constraint,
    pub priority: u8,
    pub name: bool,
    /// As wide as its widest cell on screen (and its title), up to its width: short values
    /// (`dev`, `us-east-1`) leave the rest to other columns.
    pub fit: bool,
    /// A view sorting by it first puts the highest first (counts of trouble).
    pub descending: bool,
}

impl Column {
    /// A column of priority 0: with none set, columns give way from the right.
    pub const fn new(title: &'static str, width: Constraint) -> Column {
        Column {
            title: std::borrow::Cow::Borrowed(title),
            width,
            priority: 0,
            name: false,
            fit: false,
            descending: false,
        }
    }

    /// A column whose title is data (a tag key, a DynamoDB attribute name).
    pub fn titled(title: String, width: Constraint) -> Column {
        Column {
            title: std::borrow::Cow::Owned(title),
            ..Column::new("", width)
        }
    }

    /// Higher stays longer on a narrow terminal.
    pub const fn priority(mut self, priority: u8) -> Column {
        self.priority = priority;
        self
    }

    /// The column that names the row: its names are not cut while a column of lower priority is
    /// shown.
    pub const fn name(mut self) -> Column {
        self.name = true;
        self
    }

    /// Only as wide as its values need (see `fit`).
    pub const fn fit(mut self) -> Column {
        self.fit = true;
        self
    }

    /// Sorted by first, highest first (see `descending`).
    pub const fn descending(mut self) -> Column {
        self.descending = true;
        self
    }
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

/// Sorting by a column's text, lower-cased: the default `TableRow::sort_key`, and what a row
/// that overrides it for some columns falls back on for the rest.
pub fn cell_sort_key<R: TableRow + ?Sized>(row: &R, column: usize) -> SortKey {
    SortKey::Text(
        row.cells()
            .into_iter()
            .nth(column)
            .map(|c| c.text.to_lowercase())
            .unwrap_or_default(),
    )
}

pub trait TableRow {
    fn cells(&self) -> Vec<CellText>;
    /// The key for sorting by `column`; the cell's text by default.
    fn sort_key(&self, column: usize) -> SortKey {
        cell_sort_key(self, column)
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
    /// The filter as typed (a bookmark keeps it); empty where there is none.
    fn filter(&self) -> String {
        String::new()
    }
    /// What `/` does here, for the status line while it is typed: its name and its keys.
    fn filter_prompt(&self) -> (&'static str, &'static str) {
        ("filter", "type to narrow · Enter keeps · Esc clears")
    }
    /// A click at screen cell (`x`, `y`) selects the row drawn there; false where none is.
    fn select_at(&mut self, _x: u16, _y: u16) -> bool {
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
    fn filter(&self) -> String {
        ResourceTable::filter_text(self).to_string()
    }
    fn select_at(&mut self, x: u16, y: u16) -> bool {
        ResourceTable::select_at(self, x, y)
    }
}

pub struct ResourceTable<T> {
    rows: Vec<T>,
    /// Each row's place in the order rows came in (what "unsorted" goes back to).
    arrival: Vec<u64>,
    next_arrival: u64,
    /// Indices into `rows` that pass the filter: in row order, or best match first while a
    /// filter is set.
    visible: Vec<usize>,
    /// How each visible row matched (empty while no filter is set).
    ranks: Vec<Rank>,
    /// No row holds the filter's text: `visible` holds the fuzzy matches.
    fuzzy_fallback: bool,
    /// Position in `visible`.
    selected: usize,
    offset: usize,
    filter: LineInput,
    editing_filter: bool,
    /// Rows that fit on screen, learned at the last draw (for page up/down).
    page: usize,
    /// The columns shown at the last draw, as (index in a row's cells, title): what the sort
    /// column cycles through.
    titles: Vec<(usize, String)>,
    /// Sorted by this column, ascending when true; `None` keeps the order rows came in.
    sort: Option<(usize, bool)>,
    /// Ids of rows marked for a bulk action (Space).
    marked: std::collections::HashSet<String>,
    /// Where the rows were drawn last (below the column headers), for mouse clicks.
    rows_at: Rect,
    /// The view's rows are still coming: an empty table is not yet known to be empty.
    loading: bool,
}

impl<T: TableRow> Default for ResourceTable<T> {
    fn default() -> Self {
        ResourceTable {
            rows: Vec::new(),
            arrival: Vec::new(),
            next_arrival: 0,
            visible: Vec::new(),
            ranks: Vec::new(),
            fuzzy_fallback: false,
            selected: 0,
            offset: 0,
            filter: LineInput::default(),
            editing_filter: false,
            page: 10,
            titles: Vec::new(),
            sort: None,
            marked: std::collections::HashSet::new(),
            rows_at: Rect::default(),
            loading: false,
        }
    }
}

impl<T: TableRow> ResourceTable<T> {
    /// Replaces the rows, keeping the selection on the same row (by id) when it still exists.
    pub fn set_rows(&mut self, rows: Vec<T>) {
        let keep = self.selected_row().map(TableRow::id);
        self.arrival = (0..rows.len() as u64).collect();
        self.next_arrival = rows.len() as u64;
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
        let first = self.next_arrival;
        self.next_arrival += rows.len() as u64;
        self.arrival.extend(first..self.next_arrival);
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
        // Better matches may rank above the selected row: the selection stays on its row.
        let selected = self.visible.get(self.selected).copied();
        self.filter_appended(start);
        if let Some(row) = selected
            && self.visible.get(self.selected) != Some(&row)
        {
            self.selected = self
                .visible
                .iter()
                .position(|&i| i == row)
                .unwrap_or(self.selected);
        }
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
        let mut keep = keep;
        let kept: Vec<bool> = self.rows.iter().map(&mut keep).collect();
        let mut flags = kept.iter();
        self.arrival.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = kept.iter();
        self.rows.retain(|_| *flags.next().unwrap_or(&true));
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
        // In the order rows came in, so the fresh rows take the stale ones' place there too.
        self.restore_arrival_order();
        let at = self
            .rows
            .iter()
            .position(&mut stale)
            .unwrap_or(self.rows.len());
        self.rows.retain(|r| !stale(r));
        let at = at.min(self.rows.len());
        self.rows.splice(at..at, fresh);
        self.arrival = (0..self.rows.len() as u64).collect();
        self.next_arrival = self.rows.len() as u64;
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

    /// Selects the row drawn at screen cell (`x`, `y`) at the last draw; false where none is.
    pub fn select_at(&mut self, x: u16, y: u16) -> bool {
        if !self.rows_at.contains(ratatui::layout::Position::new(x, y)) {
            return false;
        }
        let at = self.offset + usize::from(y - self.rows_at.y);
        if at >= self.visible.len() {
            return false;
        }
        self.selected = at;
        true
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
                let mut shown = self.titles.iter().map(|(column, _)| *column);
                self.sort = match self.sort {
                    None => Some((shown.next().unwrap_or(0), true)),
                    Some((c, _)) => shown.find(|&next| next > c).map(|next| (next, true)),
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
            InputEvent::Changed => self.refilter_to_best_match(),
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
        self.refilter_to_best_match();
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

    /// Sorts by `column` (a view's own order, before anyone presses `s`).
    pub fn sort_by(&mut self, column: usize, ascending: bool) {
        self.sort = Some((column, ascending));
        self.resort();
    }

    /// "NAME ↑" for the title, when sorted.
    pub fn sort_label(&self) -> Option<String> {
        let (column, ascending) = self.sort?;
        let title = self
            .titles
            .iter()
            .find(|(shown, _)| *shown == column)
            .map_or("?", |(_, title)| title.as_str());
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

    /// Sorts by the sort column (ties in the order rows came in), or, unsorted, puts the rows
    /// back in the order they came in.
    fn apply_sort(&mut self) {
        let Some((column, ascending)) = self.sort else {
            self.restore_arrival_order();
            return;
        };
        let keys: Vec<(SortKey, u64)> = self
            .rows
            .iter()
            .zip(&self.arrival)
            .map(|(row, &arrival)| (row.sort_key(column), arrival))
            .collect();
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        // Either way, rows with equal keys keep the order they came in.
        order.sort_by(|&a, &b| {
            let (ka, kb) = (&keys[a], &keys[b]);
            let by_key = if ascending {
                ka.0.cmp(&kb.0)
            } else {
                kb.0.cmp(&ka.0)
            };
            by_key.then(ka.1.cmp(&kb.1))
        });
        self.permute(&order);
    }

    fn restore_arrival_order(&mut self) {
        if self.arrival.is_sorted() {
            return;
        }
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&i| self.arrival[i]);
        self.permute(&order);
    }

    /// Rows (and their arrival) in `order`: position n gets the row that was at `order[n]`.
    fn permute(&mut self, order: &[usize]) {
        let mut rows: Vec<Option<T>> = std::mem::take(&mut self.rows)
            .into_iter()
            .map(Some)
            .collect();
        self.rows = order.iter().filter_map(|&i| rows[i].take()).collect();
        self.arrival = order.iter().map(|&i| self.arrival[i]).collect();
    }

    /// While a filter is typed the best match is selected; with none, the row selected stays.
    fn refilter_to_best_match(&mut self) {
        if self.filter.text().trim().is_empty() {
            return self.refilter_keeping_selection();
        }
        self.refilter();
        self.selected = 0;
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
        self.visible.clear();
        self.ranks.clear();
        self.fuzzy_fallback = false;
        self.filter_appended(0);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Matches rows `start..` against the filter and merges them into `visible`: every row in
    /// order while no filter is set, else best match first (ties in row order). Rows holding
    /// the filter's text rank first; fuzzy matches are shown only while no row holds it.
    fn filter_appended(&mut self, start: usize) {
        let mut filter = Filter::new(self.filter.text());
        if filter.is_blank() {
            self.visible.extend(start..self.rows.len());
            return;
        }
        let rows = &self.rows;
        let found: Vec<(Rank, usize)> = (start..rows.len())
            .filter_map(|i| Some((filter.substring(&rows[i].filter_text())?, i)))
            .collect();
        if self.fuzzy_fallback && !found.is_empty() {
            // The first row holding the text: the fuzzy matches give way to substring ones.
            return self.refilter();
        }
        let mut found = if found.is_empty() && (self.fuzzy_fallback || start == 0) {
            self.fuzzy_fallback = true;
            (start..rows.len())
                .filter_map(|i| Some((filter.fuzzy(&rows[i].filter_text())?, i)))
                .collect()
        } else {
            found
        };
        found.sort_unstable();
        // Merge: new rows come after the old ones they tie with.
        let old = std::mem::take(&mut self.visible)
            .into_iter()
            .zip(std::mem::take(&mut self.ranks));
        let mut merged: Vec<(Rank, usize)> = Vec::with_capacity(old.len() + found.len());
        let mut new = found.into_iter().peekable();
        for (i, rank) in old {
            while let Some(&(next, _)) = new.peek()
                && next < rank
            {
                merged.extend(new.next());
            }
            merged.push((rank, i));
        }
        merged.extend(new);
        (self.ranks, self.visible) = merged.into_iter().unzip();
    }

    /// Draws the table into `area` with a titled border. Only the rows that fit are built.
    /// Whether the view's rows are still coming (its own load state, told before each draw).
    pub fn set_loading(&mut self, loading: bool) {
        self.loading = loading;
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        title: &str,
        columns: &[Column],
    ) {
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
        let note = format!("[{count}]{sort_note}");
        let title = sanitize(title);
        let rest = note.width() + filter_note.width() + 1;
        let title = super::title::fit(&title, super::title::room(area.width, rest));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Line::from(vec![
                Span::styled(format!(" {title} "), theme.style("title")),
                Span::styled(note, theme.style("text.dim")),
                Span::styled(filter_note, theme.style("prompt.input")),
                Span::raw(" "),
            ]));
        let inner = block.inner(area);
        frame.render_widget(block, area);

        // One line for the column headers.
        let height = inner.height.saturating_sub(1) as usize;
        self.rows_at = Rect {
            y: inner.y.saturating_add(1),
            height: height as u16,
            ..inner
        };
        self.page = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self
            .offset
            .min(self.visible.len().saturating_sub(height.max(1)));

        // The rows on screen, as (position in `visible`, marked, sanitized cells): measured for
        // the names' width, then drawn.
        let any_marked = !self.marked.is_empty();
        let on_screen: Vec<(usize, bool, Vec<CellText>)> = self
            .visible
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(height)
            .map(|(pos, &i)| {
                let row = &self.rows[i];
                let marked = any_marked && self.marked.contains(&row.id());
                let cells = row
                    .cells()
                    .into_iter()
                    .map(|cell| CellText {
                        text: sanitize(&cell.text).into_owned(),
                        ..cell
                    })
                    .collect();
                (pos, marked, cells)
            })
            .collect();
        let widest = |column: usize| {
            let mark = if column == 0 && any_marked { 2 } else { 0 };
            on_screen
                .iter()
                .filter_map(|(_, _, cells)| cells.get(column))
                .filter(|cell| !cell.span)
                .map(|cell| cell.text.width() + mark)
                .max()
                .unwrap_or(0)
        };
        let shown = layout(columns, inner.width, widest);
        self.titles = shown
            .iter()
            .map(|&(column, _)| (column, columns[column].title.to_string()))
            .collect();
        let cuts = self.column_cuts(&shown, &on_screen, height, any_marked);

        let header = Row::new(shown.iter().map(|&(column, width)| {
            let title = sanitize(&columns[column].title);
            Cell::from(cut::fit(&title, usize::from(width), cut::Cut::End).into_owned())
        }))
        .style(theme.style("table.header"));
        // Spanning cells: drawn over the row after the table, from their column to the edge.
        let mut overlays: Vec<(usize, usize, String, ratatui::style::Style)> = Vec::new();
        let rows = on_screen.into_iter().map(|(pos, marked, mut cells)| {
            let row_style = if pos == self.selected {
                theme.style("table.row.selected")
            } else if marked {
                theme.style("table.row.marked")
            } else {
                theme.style("table.row")
            };
            // A spanning message starts at the first shown column from its own on.
            if let Some(at) = cells.iter().position(|c| c.span)
                && let Some(shown_at) = shown.iter().position(|&(column, _)| column >= at)
            {
                let cell = std::mem::replace(
                    &mut cells[at],
                    CellText {
                        text: String::new(),
                        role: None,
                        span: true,
                    },
                );
                let style = match cell.role {
                    Some(role) if pos != self.selected => row_style.patch(theme.style(role)),
                    _ => row_style,
                };
                let mut text = cell.text;
                if shown_at == 0 && any_marked {
                    text = format!("{}{text}", if marked { "* " } else { "  " });
                }
                overlays.push((pos - self.offset, shown_at, text, style));
            }
            let cells: Vec<Cell> = shown
                .iter()
                .enumerate()
                .map(|(at, &(column, width))| {
                    let Some(cell) = cells.get_mut(column) else {
                        return Cell::from("");
                    };
                    let mark = at == 0 && any_marked && !cell.span;
                    let room = usize::from(width).saturating_sub(if mark { 2 } else { 0 });
                    let mut text = match cut::fit(&cell.text, room, cuts[at]) {
                        std::borrow::Cow::Borrowed(_) => std::mem::take(&mut cell.text),
                        std::borrow::Cow::Owned(cut) => cut,
                    };
                    // A visible mark, not only a style: NO_COLOR terminals may not show italics.
                    if mark {
                        text = format!("{}{text}", if marked { "* " } else { "  " });
                    }
                    match cell.role {
                        // The selected row's style wins so the selection stays one solid bar.
                        Some(role) if pos != self.selected => {
                            Cell::from(Span::styled(text, theme.style(role)))
                        }
                        _ => Cell::from(text),
                    }
                })
                .collect();
            Row::new(cells).style(row_style)
        });
        let widths: Vec<Constraint> = shown
            .iter()
            .map(|&(_, width)| Constraint::Length(width))
            .collect();
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(SPACING);
        frame.render_widget(table, inner);
        for (row, at, text, style) in overlays {
            // The table's own column layout: fixed widths from the left, SPACING apart.
            let x = inner.x
                + shown[..at]
                    .iter()
                    .map(|&(_, width)| width + SPACING)
                    .sum::<u16>();
            if x >= inner.right() {
                continue;
            }
            let area = Rect {
                x,
                y: inner.y + 1 + row as u16,
                width: inner.right() - x,
                height: 1,
            };
            let text = cut::fit(&text, usize::from(area.width), cut::Cut::End);
            frame.render_widget(Line::from(Span::styled(text, style)), area);
        }
        if self.visible.is_empty() && inner.height > 1 {
            let note = if self.rows.is_empty() && self.loading {
                "loading…"
            } else if self.rows.is_empty() {
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

impl<T: TableRow> ResourceTable<T> {
    /// How each shown column cuts a value too wide for it, judged by the values on screen and
    /// a page either side (so scrolling by a line rarely changes a column's cut).
    fn column_cuts(
        &self,
        shown: &[(usize, u16)],
        on_screen: &[(usize, bool, Vec<CellText>)],
        height: usize,
        any_marked: bool,
    ) -> Vec<cut::Cut> {
        let around = self.offset.saturating_sub(height)..self.offset + 2 * height;
        let screen = self.offset..self.offset + on_screen.len();
        let neighbours: Vec<Vec<CellText>> = around
            .filter(|pos| !screen.contains(pos))
            .filter_map(|pos| self.visible.get(pos))
            .map(|&i| {
                let mut cells = self.rows[i].cells();
                for cell in &mut cells {
                    if let std::borrow::Cow::Owned(clean) = sanitize(&cell.text) {
                        cell.text = clean;
                    }
                }
                cells
            })
            .collect();
        shown
            .iter()
            .enumerate()
            .map(|(at, &(column, width))| {
                let values: Vec<&str> = on_screen
                    .iter()
                    .map(|(_, _, cells)| cells)
                    .chain(&neighbours)
                    .filter_map(|cells| cells.get(column))
                    .filter(|cell| !cell.span)
                    .map(|cell| cell.text.as_str())
                    .collect();
                let mark = if at == 0 && any_marked { 2 } else { 0 };
                cut::column_cut(&values, usize::from(width).saturating_sub(mark))
            })
            .collect()
    }
}

const SPACING: u16 = 2;
/// The narrowest a `Fill` column is drawn.
const MIN_FILL: u16 = 12;
/// The most a name column asks for: longer names are cut rather than crowd out every other
/// column.
const MAX_NAME: u16 = 64;

/// Columns ranked this high say what a row is and what state it is in (an id, a status): a
/// name is cut (in the middle, keeping its distinguishing end) rather than hide them.
pub const ESSENTIAL: u8 = 7;
/// The least a name column is cut to for an essential column.
const MIN_NAME: u16 = 20;

/// Takes `over` cells from the shown name columns (none below `MIN_NAME`) when they can give
/// that much; false, changing nothing, when they cannot.
fn shrink_names(columns: &[Column], shown: &[usize], need: &mut [u16], over: u32) -> bool {
    let floor = |i: usize| MIN_NAME.max(columns[i].title.width() as u16);
    let names = || shown.iter().copied().filter(|&i| columns[i].name);
    let spare: u32 = names()
        .map(|i| u32::from(need[i].saturating_sub(floor(i))))
        .sum();
    if spare < over {
        return false;
    }
    let mut over = over;
    for i in names() {
        let give = u32::from(need[i].saturating_sub(floor(i))).min(over);
        need[i] -= give as u16;
        over -= give;
    }
    true
}

/// The narrowest `column` may be drawn, its names aside.
fn least_width(column: &Column) -> u16 {
    match column.width {
        Constraint::Length(w) | Constraint::Min(w) | Constraint::Max(w) => w,
        _ => MIN_FILL,
    }
}

/// Which columns are shown in `width` cells and how wide, as (index, width) in column order.
/// `widest(i)` is the width of column i's longest cell on screen (asked of name columns only).
/// The lowest-priority columns go (among equals, the rightmost) until the rest fit with every
/// name whole; the spare width then goes to the `Fill` columns as ratatui shares it.
pub fn layout(
    columns: &[Column],
    width: u16,
    widest: impl Fn(usize) -> usize,
) -> Vec<(usize, u16)> {
    let mut need: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let least = least_width(column);
            if column.fit {
                let widest = u16::try_from(widest(i)).unwrap_or(u16::MAX);
                return widest.max(column.title.width() as u16).min(least);
            }
            if !column.name {
                return least;
            }
            let name = u16::try_from(widest(i)).unwrap_or(u16::MAX);
            least
                .max(name.min(MAX_NAME))
                .max(column.title.width() as u16)
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let total = |shown: &[usize], need: &[u16]| -> u32 {
        shown.iter().map(|&i| u32::from(need[i])).sum::<u32>()
            + u32::from(SPACING) * shown.len().saturating_sub(1) as u32
    };
    while shown.len() > 1 && total(&shown, &need) > u32::from(width) {
        let Some((drop, &lowest)) = shown
            .iter()
            .enumerate()
            .min_by_key(|&(at, &i)| (columns[i].priority, std::cmp::Reverse(at)))
        else {
            break;
        };
        let over = total(&shown, &need) - u32::from(width);
        if columns[lowest].priority >= ESSENTIAL && shrink_names(columns, &shown, &mut need, over) {
            break;
        }
        shown.remove(drop);
    }
    // Share the width as ratatui would; a name column given less than its names need is held
    // at their width, and the rest shared again.
    let mut constraints: Vec<Constraint> = shown
        .iter()
        .map(|&i| match columns[i].fit {
            true => Constraint::Length(need[i]),
            false => columns[i].width,
        })
        .collect();
    let line = Rect::new(0, 0, width, 1);
    loop {
        let widths: Vec<u16> = Layout::horizontal(constraints.iter().copied())
            .flex(Flex::Start)
            .spacing(SPACING)
            .split(line)
            .iter()
            .map(|r| r.width)
            .collect();
        let mut held = false;
        for (at, &i) in shown.iter().enumerate() {
            let whole = Constraint::Length(need[i]);
            if columns[i].name && widths[at] < need[i] && constraints[at] != whole {
                constraints[at] = whole;
                held = true;
            }
        }
        if !held {
            return shown.into_iter().zip(widths).collect();
        }
    }
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
        t.titles = vec![(0, "NAME".into())];
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

    fn visible_names(t: &ResourceTable<Named>) -> Vec<&'static str> {
        (0..t.visible_len())
            .map(|pos| t.rows[t.visible[pos]].0)
            .collect()
    }

    #[test]
    fn unsorted_puts_the_rows_back_in_the_order_they_came() {
        let mut t = table(&["b", "c", "a"]);
        t.titles = vec![(0, "NAME".into())];
        t.handle(CommandId::SortReverse);
        t.append_rows(vec![Named("d"), Named("0")]);
        t.handle(CommandId::Sort);
        assert_eq!(t.sort_label(), None);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(
            names,
            ["b", "c", "a", "d", "0"],
            "as they came, not as last sorted"
        );
        t.handle(CommandId::Sort);
        t.replace_rows(|r| r.0 == "c", vec![Named("c2")]);
        t.handle(CommandId::Sort);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(
            names,
            ["b", "c2", "a", "d", "0"],
            "a replaced row keeps its place"
        );
        t.handle(CommandId::Sort);
        t.retain_rows(|r| r.0 != "a");
        t.handle(CommandId::Sort);
        let names: Vec<_> = t.rows().iter().map(|r| r.0).collect();
        assert_eq!(names, ["b", "c2", "d", "0"]);
    }

    const WORKERS: [&str; 10] = [
        "dev-payments-api-worker-node-01 i-0a7c3e91d2b4f6081",
        "dev-payments-api-worker-node-02 i-02c3f8a9b1d4e5f62",
        "dev-payments-api-worker-node-03 i-0b2c9d3e4f5a6b7c3",
        "dev-payments-api-worker-node-04 i-0c8e7f02a3c4b5d63",
        "dev-payments-api-worker-node-05 i-0d1e2f3a4b5c6d7e8",
        "dev-payments-api-worker-node-06 i-02c39e8d7c6b5a4f3",
        "dev-payments-api-worker-node-07 i-0e9f8a7b6c5d4e3f2",
        "dev-payments-api-worker-node-08 i-0f0e1d2c3b4a59687",
        "dev-payments-api-worker-node-09 i-012c3a4b5c6d7e8f9",
        "dev-payments-api-worker-node-10 i-0123456789abcdef0",
    ];

    #[test]
    fn the_filter_finds_what_holds_its_text_best_match_first() {
        let mut t = table(&WORKERS);
        type_filter(&mut t, "node-07");
        assert_eq!(visible_names(&t), [WORKERS[6]]);
        type_filter(&mut t, "i-02c3");
        assert_eq!(visible_names(&t), [WORKERS[1], WORKERS[5]]);
        let mut t = table(&["orders-api-staging", "legacy orders-api", "orders-api"]);
        type_filter(&mut t, "orders-api");
        assert_eq!(
            visible_names(&t),
            ["legacy orders-api", "orders-api", "orders-api-staging"],
            "whole words first"
        );
        assert_eq!(t.selected_row().unwrap().0, "legacy orders-api");
    }

    #[test]
    fn streamed_rows_join_the_ranking() {
        let mut t = table(&["orders-api-staging", "x"]);
        t.set_filter("orders-api");
        assert_eq!(t.selected_row().unwrap().0, "orders-api-staging");
        t.append_rows(vec![Named("orders-api"), Named("y-orders-api-z")]);
        assert_eq!(
            visible_names(&t),
            ["orders-api", "orders-api-staging", "y-orders-api-z"]
        );
        assert_eq!(
            t.selected_row().unwrap().0,
            "orders-api-staging",
            "a better match arriving does not move the selection to it"
        );
        let mut t = table(&["payments"]);
        t.set_filter("pymnts");
        assert_eq!(visible_names(&t), ["payments"], "no row holds it: fuzzy");
        t.append_rows(vec![Named("pymnts-legacy"), Named("paymentsx")]);
        assert_eq!(
            visible_names(&t),
            ["pymnts-legacy"],
            "a row holding it: the fuzzy ones go"
        );
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
        let columns = [
            Column::new("X", Constraint::Fill(1)),
            Column::new("X", Constraint::Length(19)),
            Column::new("X", Constraint::Length(15)),
        ];
        let shown = |width| -> Vec<usize> {
            layout(&columns, width, |_| 0)
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        };
        assert_eq!(shown(200), [0, 1, 2]);
        assert_eq!(shown(12 + 2 + 19 + 2 + 15), [0, 1, 2]);
        assert_eq!(shown(12 + 2 + 19 + 2 + 14), [0, 1]);
        assert_eq!(shown(5), [0], "the last column left always stays");
    }

    /// The cross-account EC2 view's columns, ranked as a kind would rank them.
    fn fleet_columns() -> Vec<Column> {
        vec![
            Column::new("PROFILE", Constraint::Length(16)).priority(6),
            Column::new("ACCOUNT", Constraint::Length(12)).priority(5),
            Column::new("REGION", Constraint::Length(14)).priority(6),
            Column::new("NAME", Constraint::Fill(1)).name().priority(9),
            Column::new("INSTANCE", Constraint::Length(19)).priority(8),
            Column::new("STATE", Constraint::Length(12)).priority(7),
            Column::new("TYPE", Constraint::Length(10)).priority(4),
            Column::new("AZ", Constraint::Length(11)).priority(3),
            Column::new("PRIVATE IP", Constraint::Length(15)).priority(2),
            Column::new("LAUNCHED", Constraint::Length(16)).priority(1),
        ]
    }

    /// What `layout` promises, whatever the width: it fits, a column is shown only with every
    /// column that outranks it, and a name is whole while anything of lower rank is shown
    /// (an essential column aside: for one, the name may be cut down to `MIN_NAME`).
    fn check_layout(columns: &[Column], width: u16, name_len: usize) -> Vec<(usize, u16)> {
        let shown = layout(columns, width, |_| name_len);
        let used: u32 = shown.iter().map(|&(_, w)| u32::from(w) + 2).sum::<u32>() - 2;
        assert!(
            shown.len() == 1 || used <= u32::from(width),
            "{used} > {width}"
        );
        let lowest = shown.iter().map(|&(i, _)| columns[i].priority).min();
        for (i, column) in columns.iter().enumerate() {
            let is_shown = shown.iter().any(|&(s, _)| s == i);
            if Some(column.priority) > lowest {
                assert!(is_shown, "{} hidden while lower ranks show", column.title);
            }
        }
        for &(i, w) in &shown {
            let lower_shown = shown.iter().any(|&(j, _)| {
                columns[j].priority < columns[i].priority && columns[j].priority < ESSENTIAL
            });
            if columns[i].name && lower_shown {
                assert!(
                    usize::from(w) >= name_len.min(usize::from(MAX_NAME)),
                    "name cut to {w} at width {width}: {shown:?}"
                );
            }
        }
        shown
    }

    fn titles(columns: &[Column], shown: &[(usize, u16)]) -> Vec<String> {
        shown
            .iter()
            .map(|&(i, _)| columns[i].title.to_string())
            .collect()
    }

    #[test]
    fn names_get_their_width_before_lower_priority_columns() {
        let columns = fleet_columns();
        // 40 / 80 / 160 / 220 cells, names of 40 characters.
        let at40 = check_layout(&columns, 40, 40);
        assert_eq!(titles(&columns, &at40), ["NAME"]);
        assert_eq!(at40[0].1, 40);
        let at80 = check_layout(&columns, 80, 40);
        assert_eq!(titles(&columns, &at80), ["NAME", "INSTANCE", "STATE"]);
        let at160 = check_layout(&columns, 160, 40);
        assert_eq!(
            titles(&columns, &at160),
            [
                "PROFILE", "ACCOUNT", "REGION", "NAME", "INSTANCE", "STATE", "TYPE", "AZ"
            ]
        );
        let name = at160.iter().find(|&&(i, _)| i == 3).unwrap().1;
        assert!(name >= 40, "NAME {name} wide at 160 columns");
        let at220 = check_layout(&columns, 220, 40);
        assert_eq!(at220.len(), columns.len(), "everything fits at 220");
        let name = at220.iter().find(|&&(i, _)| i == 3).unwrap().1;
        assert!(
            name >= 40,
            "spare width is shared, never taken from the name"
        );
    }

    #[test]
    fn a_long_name_is_cut_rather_than_hide_the_id_and_state() {
        let columns = fleet_columns();
        let shown = check_layout(&columns, 60, 40);
        assert_eq!(titles(&columns, &shown), ["NAME", "INSTANCE", "STATE"]);
        assert_eq!(
            shown[0].1,
            60 - 19 - 12 - 2 * 2,
            "the name gives what they need"
        );
        let shown = check_layout(&columns, 50, 40);
        assert_eq!(
            titles(&columns, &shown),
            ["NAME", "INSTANCE"],
            "never below MIN_NAME: STATE goes"
        );
    }

    #[test]
    fn short_names_leave_room_for_more_columns() {
        let columns = fleet_columns();
        let shown = check_layout(&columns, 160, 8);
        assert_eq!(shown.len(), columns.len(), "{shown:?}");
    }

    #[test]
    fn a_name_asks_for_no_more_than_max_name() {
        let columns = fleet_columns();
        let shown = check_layout(&columns, 120, 500);
        assert_eq!(
            titles(&columns, &shown),
            ["PROFILE", "NAME", "INSTANCE", "STATE"],
            "REGION ties with PROFILE and is further right"
        );
        assert_eq!(shown[1].1, 120 - (16 + 19 + 12 + 3 * 2), "64 and the spare");
    }

    #[test]
    fn a_column_hidden_for_its_rank_cannot_be_sorted_on() {
        let mut t = table(&["b", "a"]);
        t.titles = vec![(0, "NAME".into()), (3, "STATE".into())];
        t.handle(CommandId::Sort);
        assert_eq!(t.sort, Some((0, true)));
        t.handle(CommandId::Sort);
        assert_eq!(t.sort, Some((3, true)), "column 1 and 2 are not shown");
        assert_eq!(t.sort_label().as_deref(), Some("STATE ↑"));
        t.handle(CommandId::Sort);
        assert_eq!(t.sort, None);
    }

    proptest::proptest! {
        #[test]
        fn layout_keeps_its_promises(
            width in 1u16..300,
            name_len in 0usize..100,
            spec in proptest::collection::vec((0u8..10, 1u16..30, proptest::bool::ANY), 1..12),
            name_at in 0usize..12,
        ) {
            let columns: Vec<Column> = spec
                .iter()
                .enumerate()
                .map(|(i, &(priority, w, fill))| {
                    let width = if fill { Constraint::Fill(1) } else { Constraint::Length(w) };
                    let column = Column::new("X", width).priority(priority);
                    if i == name_at % spec.len() { column.name() } else { column }
                })
                .collect();
            check_layout(&columns, width, name_len);
        }
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
            Column::new("ONE", Constraint::Length(4)),
            Column::new("TWO", Constraint::Length(6)),
            Column::new("THREE", Constraint::Fill(1)),
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
