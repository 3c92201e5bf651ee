//! Which container `c` opens a shell in, when the task runs more than one: a list of its
//! running containers (name, image, health); Enter hands the choice to `start` (given by
//! `exec::begin`: the same guarded, audited session as a single container's), so the picker
//! knows nothing of sessions.

use crate::aws::ecs::{Container, Task};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("CONTAINER", Constraint::Length(24))
        .name()
        .priority(9),
    Column::new("HEALTH", Constraint::Length(9)).priority(6),
    Column::new("IMAGE", Constraint::Fill(1)).priority(5),
];

pub struct ContainerRow(Container);

impl TableRow for ContainerRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.0.name.clone()),
            CellText::plain(self.0.health.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(self.0.image.clone()),
        ]
    }

    fn id(&self) -> String {
        self.0.name.clone()
    }
}

/// What Enter does with the chosen container's name.
type Start = Box<dyn Fn(&str) -> Effect + Send>;

pub struct ContainerPicker {
    id: PaneId,
    task: Task,
    table: ResourceTable<ContainerRow>,
    start: Start,
}

impl ContainerPicker {
    /// The picker over `running`, the task's running containers; Enter applies `start` to the
    /// chosen one's name.
    pub fn open(
        task: &Task,
        running: Vec<Container>,
        start: impl Fn(&str) -> Effect + Send + 'static,
    ) -> Effect {
        let task = task.clone();
        let start: Start = Box::new(start);
        Effect::Push(Box::new(move |id| {
            let mut table = ResourceTable::default();
            table.set_rows(running.into_iter().map(ContainerRow).collect());
            Box::new(ContainerPicker {
                id,
                task,
                table,
                start,
            })
        }))
    }
}

impl Pane for ContainerPicker {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("shell in task {}", self.task.id())
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
            // Back to the tasks, and the session goes to the guard like any other.
            CommandId::Open => Some(match self.table.selected_row() {
                Some(row) => vec![Effect::Pop, (self.start)(&row.0.name)],
                None => Vec::new(),
            }),
            CommandId::Copy => Some(
                self.table
                    .selected_row()
                    .map(|row| Effect::Copy(crate::sanitize::sanitize(&row.0.name).into_owned()))
                    .into_iter()
                    .collect(),
            ),
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    /// Nothing is asked of AWS here: the task's row holds its containers.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = format!(
            "Which container of task {}? Enter opens a shell",
            self.task.id()
        );
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
