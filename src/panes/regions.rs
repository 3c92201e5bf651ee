//! The region picker: every known region, the current one marked; Enter switches to it.

use crate::aws::ContextKey;
use crate::aws::regions::REGIONS;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::pane::{Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("", Constraint::Length(1)).priority(8),
    Column::new("REGION", Constraint::Length(16))
        .name()
        .priority(9),
    Column::new("LOCATION", Constraint::Fill(1)).priority(5),
];

pub struct RegionRow {
    name: &'static str,
    location: &'static str,
    current: bool,
}

impl TableRow for RegionRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::styled(if self.current { "●" } else { " " }, "state.ok"),
            CellText::plain(self.name),
            CellText::plain(self.location),
        ]
    }

    fn id(&self) -> String {
        self.name.to_string()
    }
}

pub struct RegionsPane {
    id: PaneId,
    table: ResourceTable<RegionRow>,
}

impl RegionsPane {
    pub fn new(id: PaneId, cx: &PaneCx) -> RegionsPane {
        let mut pane = RegionsPane {
            id,
            table: ResourceTable::default(),
        };
        pane.shared_changed(cx);
        pane.table.select_id(&cx.active.region);
        pane
    }
}

impl Pane for RegionsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "Regions".into()
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

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Open => {
                let row = self.table.selected_row()?;
                Some(vec![
                    Effect::Pop,
                    Effect::SwitchContext(ContextKey {
                        profile: cx.active.profile.clone(),
                        region: row.name.to_string(),
                    }),
                ])
            }
            CommandId::Copy => Some(vec![Effect::Copy(self.table.selected_row()?.id())]),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn shared_changed(&mut self, cx: &PaneCx) {
        self.table.set_rows(
            REGIONS
                .iter()
                .map(|(name, location)| RegionRow {
                    name,
                    location,
                    current: *name == cx.active.region,
                })
                .collect(),
        );
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        self.table.render(frame, area, theme, "Regions", COLUMNS);
    }
}
