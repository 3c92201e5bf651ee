//! Pick what the workbench invokes: `$LATEST`, an alias (and the version it points to) or a
//! published version — only what the function has, so a typo cannot reach Lambda.

use crate::aws::lambda::FunctionDetails;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Pane, PaneCx};
use crate::protocol::PaneId;
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("QUALIFIER", Constraint::Length(16))
        .name()
        .priority(9),
    Column::new("KIND", Constraint::Length(7)).priority(8),
    Column::new("VERSION", Constraint::Length(8)).priority(7),
    Column::new("DESCRIPTION", Constraint::Fill(1)).priority(5),
];

/// One thing a function can be invoked as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qualifier {
    pub name: String,
    /// `alias`, `version`, or `latest`.
    pub kind: &'static str,
    /// The version an alias points to; a version's own number.
    pub version: String,
    pub description: String,
}

impl Qualifier {
    /// `$LATEST` first, then the aliases, then the published versions newest first.
    pub fn of(details: &FunctionDetails) -> Vec<Qualifier> {
        let latest = Qualifier {
            name: "$LATEST".into(),
            kind: "latest",
            version: "$LATEST".into(),
            description: "the unpublished code".into(),
        };
        let aliases = details
            .aliases
            .iter()
            .map(|(name, version, description)| Qualifier {
                name: name.clone(),
                kind: "alias",
                version: version.clone(),
                description: description.clone(),
            });
        let versions = details
            .versions
            .iter()
            .rev()
            .filter(|(version, _)| version != "$LATEST")
            .map(|(version, description)| Qualifier {
                name: version.clone(),
                kind: "version",
                version: version.clone(),
                description: description.clone(),
            });
        std::iter::once(latest)
            .chain(aliases)
            .chain(versions)
            .collect()
    }
}

impl TableRow for Qualifier {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.kind),
            CellText::plain(self.version.clone()),
            CellText::plain(self.description.clone()),
        ]
    }

    fn id(&self) -> String {
        self.name.clone()
    }
}

pub struct QualifiersPane {
    id: PaneId,
    function: String,
    table: ResourceTable<Qualifier>,
}

impl QualifiersPane {
    pub fn new(id: PaneId, function: String, known: Vec<Qualifier>) -> QualifiersPane {
        let mut table = ResourceTable::default();
        table.set_rows(known);
        QualifiersPane {
            id,
            function,
            table,
        }
    }
}

impl Pane for QualifiersPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "qualifier".into()
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
            // Back to the workbench, which takes the choice as `:qualifier NAME`.
            CommandId::Open => Some(match self.table.selected_row() {
                Some(q) => vec![
                    Effect::Pop,
                    Effect::Run(CommandId::Qualifier, Some(q.name.clone())),
                ],
                None => Vec::new(),
            }),
            CommandId::Copy => Some(
                self.table
                    .selected_row()
                    .map(|q| Effect::Copy(q.name.clone()))
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

    /// Nothing is asked of AWS here: the workbench listed them.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = format!("Invoke {} as", self.function);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
