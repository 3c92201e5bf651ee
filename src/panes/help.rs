//! `?`: every command with its keys and description, straight from the command table and the
//! keymap in force, so help cannot disagree with what the keys do. Filterable like any list.

use crate::command::{self, CommandId, Scope};
use crate::pane::Effect;
use crate::pane::{Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("SCOPE", Constraint::Length(9)).priority(3),
    Column::new("KEYS", Constraint::Length(16)).priority(8),
    Column::new("COMMAND", Constraint::Length(16))
        .name()
        .priority(9),
    Column::new("DESCRIPTION", Constraint::Fill(1)).priority(5),
];

pub struct HelpRow {
    scope: Scope,
    keys: String,
    name: &'static str,
    description: &'static str,
}

impl TableRow for HelpRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::styled(self.scope.name(), "help.section"),
            CellText::styled(self.keys.clone(), "help.key"),
            CellText::plain(format!(":{}", self.name)),
            CellText::styled(self.description, "help.desc"),
        ]
    }

    fn id(&self) -> String {
        self.name.to_string()
    }
}

pub struct HelpPane {
    id: PaneId,
    table: ResourceTable<HelpRow>,
}

impl HelpPane {
    pub fn new(id: PaneId, cx: &PaneCx) -> HelpPane {
        let mut rows: Vec<HelpRow> = command::available(cx.read_only)
            .map(|spec| HelpRow {
                scope: spec.scope,
                keys: cx
                    .keymap
                    .keys_for(&[spec.scope], spec.id)
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                name: spec.name,
                description: spec.description,
            })
            .collect();
        rows.sort_by_key(|r| r.scope);
        let mut table = ResourceTable::default();
        table.set_rows(rows);
        HelpPane { id, table }
    }
}

impl Pane for HelpPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "Help".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[CommandId::Filter, CommandId::Back, CommandId::Open]
    }

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            // Enter runs the selected command, after closing help.
            CommandId::Open => {
                let id = CommandId::from_name(self.table.selected_row()?.name)?;
                Some(vec![Effect::Pop, Effect::Run(id, None)])
            }
            CommandId::Help => Some(vec![Effect::Pop]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        self.table
            .render(frame, area, theme, "Help — commands and keys", COLUMNS);
    }
}
