//! `?`: every command with its keys and description, straight from the command table and the
//! keymap in force, so help cannot disagree with what the keys do. The view it was opened
//! from comes first (its scopes, most specific first), then what every list takes, then the
//! global commands, then the other views'. Descriptions wrap under their column; `/` filters;
//! Enter closes help and runs the selected command in that view.

use crate::command::{self, CommandId, CommandSpec, Scope};
use crate::pane::Effect;
use crate::pane::{Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::item_scroll::{ItemScroll, focused_block};
use crate::ui::line_input::{InputEvent, LineInput};
use crate::ui::table::ListInput;
use crate::ui::wrap::wrap_text;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Columns of a row: keys, then `:name`, then the description (wrapped beside them).
const KEYS_WIDTH: usize = 13;
const NAME_WIDTH: usize = 24;
/// Narrower than this and the description goes under the keys and name instead.
const MIN_DESCRIPTION: usize = 24;

pub struct HelpRow {
    keys: String,
    name: &'static str,
    description: &'static str,
    /// Its section, an index into the pane's headings.
    section: usize,
}

impl HelpRow {
    fn matches(&self, needle: &str) -> bool {
        [self.keys.as_str(), self.name, self.description]
            .iter()
            .any(|text| text.to_lowercase().contains(needle))
    }

    /// Its rows; `heading` when it is the first row shown of its section.
    fn lines(
        &self,
        heading: Option<&str>,
        selected: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        if let Some(heading) = heading {
            out.push(Line::styled(
                format!("── {heading} ──"),
                theme.style("help.section"),
            ));
        }
        let marker = if selected { "▶ " } else { "  " };
        let name_style = if selected {
            theme.style("table.row.selected")
        } else {
            theme.style("text")
        };
        let keys = format!("{marker}{:<KEYS_WIDTH$}", self.keys);
        let name = format!(":{:<w$}", self.name, w = NAME_WIDTH - 1);
        let lead = keys.width() + name.width();
        let desc_width = width.saturating_sub(lead);
        let beside = desc_width >= MIN_DESCRIPTION;
        let indent = if beside { lead } else { 4 };
        let desc = wrap_text(
            self.description,
            width.saturating_sub(indent),
            0,
            theme.style("help.desc"),
        );
        let mut first = vec![
            Span::styled(keys, theme.style("help.key")),
            Span::styled(name, name_style),
        ];
        let mut rest = desc.into_iter();
        if beside && let Some(line) = rest.next() {
            first.extend(line.spans);
        }
        out.push(Line::from(first));
        out.extend(rest.map(|line| {
            let mut spans = vec![Span::raw(" ".repeat(indent))];
            spans.extend(line.spans);
            Line::from(spans)
        }));
        out
    }
}

pub struct HelpPane {
    id: PaneId,
    /// The view help was opened from: its name heads the first section.
    view: String,
    headings: Vec<String>,
    rows: Vec<HelpRow>,
    /// Indexes into `rows` that pass the filter, in order.
    shown: Vec<usize>,
    scroll: ItemScroll,
    filter: LineInput,
    editing: bool,
}

/// The sections in the order help shows them: the view's own scopes (most specific first),
/// then any list's, then global, then every other view's.
fn sections(view_scopes: &[Scope]) -> Vec<Scope> {
    let mut order: Vec<Scope> = view_scopes
        .iter()
        .copied()
        .filter(|s| !matches!(s, Scope::List | Scope::Global))
        .collect();
    order.extend([Scope::List, Scope::Global]);
    let others: Vec<Scope> = Scope::ALL
        .into_iter()
        .filter(|s| !order.contains(s))
        .collect();
    order.extend(others);
    order
}

fn heading(scope: Scope, view: &str, own: bool) -> String {
    match scope {
        Scope::List => "in any list".to_string(),
        Scope::Global => "everywhere".to_string(),
        _ if own => format!("{view} · {}", scope.name()),
        _ => format!("other views · {}", scope.name()),
    }
}

impl HelpPane {
    /// Help for the view with these scopes and this title (the one under help).
    pub fn new(id: PaneId, cx: &PaneCx, view_scopes: &[Scope], view: String) -> HelpPane {
        let visible: Vec<&CommandSpec> = command::available(cx.read_only).collect();
        let mut rows = Vec::new();
        let mut headings = Vec::new();
        for scope in sections(view_scopes) {
            let own = view_scopes.contains(&scope);
            let section = headings.len();
            headings.push(heading(scope, &view, own));
            for spec in visible.iter().filter(|s| s.scope == scope) {
                let keys = cx.keymap.keys_for(&[spec.scope], spec.id);
                rows.push(HelpRow {
                    keys: keys
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                    name: spec.name,
                    description: spec.description,
                    section,
                });
            }
        }
        let shown = (0..rows.len()).collect();
        HelpPane {
            id,
            view,
            headings,
            rows,
            shown,
            scroll: ItemScroll::default(),
            filter: LineInput::default(),
            editing: false,
        }
    }

    fn refilter(&mut self) {
        let needle = self.filter.text().to_lowercase();
        self.shown = (0..self.rows.len())
            .filter(|&i| self.rows[i].matches(&needle))
            .collect();
        self.scroll.select(0);
    }

    fn selected(&self) -> Option<&HelpRow> {
        self.shown
            .get(self.scroll.selected())
            .map(|&i| &self.rows[i])
    }

    fn title(&self) -> String {
        let mut title = format!(
            "Help — commands and keys · {} [{}]",
            self.view,
            self.shown.len()
        );
        if self.editing || !self.filter.text().is_empty() {
            title.push_str(&format!(" /{}", self.filter.text()));
        }
        title
    }
}

impl ListInput for HelpPane {
    fn handle(&mut self, command: CommandId) -> bool {
        match command {
            CommandId::Filter => {
                self.editing = true;
                true
            }
            CommandId::Back if !self.filter.text().is_empty() => {
                self.filter.clear();
                self.refilter();
                true
            }
            _ => self.scroll.handle(command),
        }
    }

    fn handle_filter_key(&mut self, key: &KeyEvent) {
        match self.filter.handle(key) {
            InputEvent::Submit => self.editing = false,
            InputEvent::Cancel => {
                self.editing = false;
                self.filter.clear();
                self.refilter();
            }
            InputEvent::Changed => self.refilter(),
            InputEvent::Moved | InputEvent::Ignored => {}
        }
    }

    fn paste_into_filter(&mut self, text: &str) {
        self.filter.insert_str(text);
        self.refilter();
    }

    fn is_editing_filter(&self) -> bool {
        self.editing
    }

    fn apply_filter(&mut self, text: &str) -> bool {
        self.filter.set(text);
        self.refilter();
        true
    }
}

impl Pane for HelpPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "help".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Filter,
            CommandId::Open,
            CommandId::PageDown,
            CommandId::Back,
        ]
    }

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            // Enter closes help, then runs the command in the view help was opened from.
            CommandId::Open => {
                let id = CommandId::from_name(self.selected()?.name)?;
                Some(vec![Effect::Pop, Effect::Run(id, None)])
            }
            CommandId::Help => Some(vec![Effect::Pop]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(self)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(self)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let footer = format!(" Enter runs it in {} · / filters ", self.view);
        let block = focused_block(&self.title(), theme)
            .title_bottom(Span::styled(footer, theme.style("text.dim")));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let selected = self.scroll.selected();
        let mut section = None;
        let items = self
            .shown
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let row = &self.rows[i];
                let heading =
                    (section != Some(row.section)).then(|| self.headings[row.section].as_str());
                section = Some(row.section);
                row.lines(heading, n == selected, width, theme)
            })
            .collect();
        let empty = Line::styled("no command matches the filter", theme.style("text.dim"));
        self.scroll.render(frame, inner, items, empty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_comes_first_then_lists_then_global_then_the_rest() {
        let order = sections(&[Scope::Ec2, Scope::Fleet, Scope::List]);
        assert_eq!(
            &order[..4],
            [Scope::Ec2, Scope::Fleet, Scope::List, Scope::Global]
        );
        assert_eq!(order.len(), Scope::ALL.len(), "every scope once");
    }
}
