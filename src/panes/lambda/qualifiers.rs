//! What the workbench can invoke: `$LATEST`, an alias (and the version it points to) or a
//! published version — only what the function has, picked from a list
//! (`panes/picker.rs`), so a typo cannot reach Lambda.

use crate::aws::lambda::FunctionDetails;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::picker::{Picker, Wording};
use crate::ui::table::{CellText, Column, TableRow};
use ratatui::layout::Constraint;

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

/// The picker over `known`: Enter goes back to the workbench, which takes the choice as
/// `:qualifier NAME` (checked there like a typed one).
pub fn pick(function: &str, known: Vec<Qualifier>) -> Effect {
    let wording = Wording {
        title: "qualifier".into(),
        question: format!("Invoke {function} as"),
    };
    Picker::open(wording, COLUMNS, known, |q: &Qualifier| {
        Effect::Run(CommandId::Qualifier, Some(q.name.clone()))
    })
}
