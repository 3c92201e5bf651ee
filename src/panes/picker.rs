//! A short list of choices pushed over the view that asked: Enter pops back and applies the
//! asker's `choose` to the selected row, Esc pops back with nothing chosen, `y` copies the
//! selected row's id. The rows are given whole (nothing is asked of AWS), so a choice can only
//! be one of them — the ECS container picker and the Lambda qualifier picker use it. What the
//! choice starts (a session, a `:qualifier` command) is the asker's, never the picker's.

use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::table::{Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::Rect;

/// What Enter does with the chosen row (after the picker is gone).
type Choose<R> = Box<dyn Fn(&R) -> Effect + Send>;

/// What the picker says: its title in the breadcrumb and the question over the table.
pub struct Wording {
    pub title: String,
    pub question: String,
}

pub struct Picker<R> {
    id: PaneId,
    wording: Wording,
    columns: &'static [Column],
    table: ResourceTable<R>,
    choose: Choose<R>,
}

impl<R: TableRow + Send + 'static> Picker<R> {
    /// Pushes the picker over `rows`; Enter applies `choose` to the selected one.
    pub fn open(
        wording: Wording,
        columns: &'static [Column],
        rows: Vec<R>,
        choose: impl Fn(&R) -> Effect + Send + 'static,
    ) -> Effect {
        let choose: Choose<R> = Box::new(choose);
        Effect::Push(Box::new(move |id| {
            Box::new(Picker::new(id, wording, columns, rows, choose))
        }))
    }

    fn new(
        id: PaneId,
        wording: Wording,
        columns: &'static [Column],
        rows: Vec<R>,
        choose: Choose<R>,
    ) -> Picker<R> {
        let mut table = ResourceTable::default();
        table.set_rows(rows);
        Picker {
            id,
            wording,
            columns,
            table,
            choose,
        }
    }

    /// Back to the asker first: what the choice starts (a session through the guard, a
    /// command to the asker) acts there, not on the picker.
    fn chosen(&self) -> Vec<Effect> {
        match self.table.selected_row() {
            Some(row) => vec![Effect::Pop, (self.choose)(row)],
            None => Vec::new(),
        }
    }

    /// The selected row's id, through the sanitizer like everything else copied.
    fn copied(&self) -> Vec<Effect> {
        self.table
            .selected_row()
            .map(|row| Effect::Copy(crate::sanitize::sanitize(&row.id()).into_owned()))
            .into_iter()
            .collect()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        self.table
            .render(frame, area, theme, &self.wording.question, self.columns);
    }
}

impl<R: TableRow + Send + 'static> Pane for Picker<R> {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        self.wording.title.clone()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Open => Some(self.chosen()),
            CommandId::Copy => Some(self.copied()),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    /// Nothing is asked of AWS here: the asker gave the rows.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        self.draw(frame, area, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::table::CellText;
    use ratatui::layout::Constraint;

    struct Choice(&'static str);

    impl TableRow for Choice {
        fn cells(&self) -> Vec<CellText> {
            vec![CellText::plain(self.0)]
        }
        fn id(&self) -> String {
            self.0.to_string()
        }
    }

    const COLUMNS: &[Column] = &[Column::new("CHOICE", Constraint::Fill(1)).name()];

    fn picker(rows: Vec<Choice>) -> Picker<Choice> {
        Picker::new(
            PaneId(7),
            Wording {
                title: "pick".into(),
                question: "Which one?".into(),
            },
            COLUMNS,
            rows,
            Box::new(|c: &Choice| Effect::Run(CommandId::Qualifier, Some(c.0.to_string()))),
        )
    }

    #[test]
    fn enter_pops_then_applies_the_choice_to_the_selected_row() {
        let mut p = picker(vec![Choice("app"), Choice("proxy\u{1b}[31m")]);
        p.table.handle(CommandId::Down);
        let effects = p.chosen();
        assert!(
            matches!(
                &effects[..],
                [Effect::Pop, Effect::Run(CommandId::Qualifier, Some(name))]
                    if name == "proxy\u{1b}[31m"
            ),
            "{effects:?}"
        );
        // A copy goes through the sanitizer: no escape reaches the clipboard.
        let copied = p.copied();
        assert!(
            matches!(&copied[..], [Effect::Copy(text)] if text.starts_with("proxy") && !text.contains('\u{1b}')),
            "{copied:?}"
        );
        assert_eq!(p.title(), "pick");
    }

    #[test]
    fn enter_on_no_row_chooses_nothing() {
        let p = picker(Vec::new());
        assert!(p.chosen().is_empty());
        assert!(p.copied().is_empty());
    }

    #[test]
    fn the_question_heads_the_rows() {
        let mut p = picker(vec![Choice("app"), Choice("proxy")]);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 6)).unwrap();
        let theme = Theme::default();
        terminal.draw(|f| p.draw(f, f.area(), &theme)).unwrap();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("Which one?"), "{screen}");
        assert!(
            screen.contains("app") && screen.contains("proxy"),
            "{screen}"
        );
    }
}
