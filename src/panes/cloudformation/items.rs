//! The rows of the stack view's sections, their columns (most important first, so 80
//! columns keep the id, the status and the reason) and the status cell every stack status
//! uses.

use crate::aws::cloudformation::{Output, Parameter, StackEvent, StackResource, is_transitional};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Events,
    Resources,
    Outputs,
    Parameters,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Events,
        Section::Resources,
        Section::Outputs,
        Section::Parameters,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Section {
        Section::ALL[(self.index() + 1) % 4]
    }

    pub fn prev(self) -> Section {
        Section::ALL[(self.index() + 3) % 4]
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Events => "Events",
            Section::Resources => "Resources",
            Section::Outputs => "Outputs",
            Section::Parameters => "Parameters",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Section::Events => EVENT_COLUMNS,
            Section::Resources => RESOURCE_COLUMNS,
            Section::Outputs => OUTPUT_COLUMNS,
            Section::Parameters => PARAMETER_COLUMNS,
        }
    }
}

const EVENT_COLUMNS: &[Column] = &[
    Column::new("TIME", Constraint::Length(16)).priority(5),
    Column::new("LOGICAL ID", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("STATUS", Constraint::Length(26)).priority(8),
    Column::new("TYPE", Constraint::Length(26)).priority(3),
    Column::new("REASON", Constraint::Fill(2)).priority(7),
];

// The type says what a resource is (and whether Enter opens it): it outranks the physical id.
const RESOURCE_COLUMNS: &[Column] = &[
    Column::new("LOGICAL ID", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("TYPE", Constraint::Length(24)).priority(7),
    Column::new("PHYSICAL ID", Constraint::Fill(2)).priority(6),
    Column::new("STATUS", Constraint::Length(22)).priority(8),
    Column::new("REASON", Constraint::Fill(1)).priority(3),
];

const OUTPUT_COLUMNS: &[Column] = &[
    Column::new("KEY", Constraint::Fill(1)).name().priority(9),
    Column::new("VALUE", Constraint::Fill(2)).priority(8),
    Column::new("DESCRIPTION", Constraint::Fill(1)).priority(4),
    Column::new("EXPORT", Constraint::Length(20)).priority(3),
];

const PARAMETER_COLUMNS: &[Column] = &[
    Column::new("KEY", Constraint::Fill(1)).name().priority(9),
    Column::new("VALUE", Constraint::Fill(2)).priority(8),
];

/// A stack or resource status as a cell: a symbol as well as a colour, with the roles the
/// EC2 and RDS states use (`panes::fleet::state_cell`).
pub fn status_cell(status: &str) -> CellText {
    let (symbol, role) = if is_transitional(status) {
        ("◐", "state.pending")
    } else if status.ends_with("_FAILED") || status == "ROLLBACK_COMPLETE" {
        ("✗", "state.error")
    } else if status.contains("ROLLBACK") {
        // Settled, but after an operation failed.
        ("↺", "state.stopped")
    } else if status == "DELETE_COMPLETE" || status == "DELETE_SKIPPED" {
        ("✕", "state.stopped")
    } else if status.ends_with("_COMPLETE") {
        ("●", "state.ok")
    } else {
        ("·", "text")
    };
    CellText::styled(format!("{symbol} {status}"), role)
}

fn reason_cell(reason: Option<&str>, failed: bool) -> CellText {
    let text = reason.unwrap_or_default().to_string();
    if failed {
        CellText::styled(text, "state.error")
    } else {
        CellText::plain(text)
    }
}

pub enum Item {
    Event(StackEvent),
    Resource(StackResource),
    Output(Output),
    Parameter(Parameter),
}

impl Item {
    /// What `copy` copies: an output's or parameter's value, a resource's physical id, an
    /// event's reason (else its status).
    pub fn copy(&self) -> String {
        match self {
            Item::Event(e) => e.reason.clone().unwrap_or_else(|| e.status.clone()),
            Item::Resource(r) => r.physical_id.clone(),
            Item::Output(o) => o.value.clone(),
            Item::Parameter(p) => p.value.clone(),
        }
    }

    /// The resource a row is about: its type and physical id.
    pub fn resource(&self) -> Option<(&str, &str)> {
        match self {
            Item::Event(e) if !e.physical_id.is_empty() => Some((&e.resource_type, &e.physical_id)),
            Item::Resource(r) if !r.physical_id.is_empty() => {
                Some((&r.resource_type, &r.physical_id))
            }
            _ => None,
        }
    }
}

impl TableRow for Item {
    fn cells(&self) -> Vec<CellText> {
        match self {
            Item::Event(e) => vec![
                CellText::plain(e.time.map(crate::clock::local_time).unwrap_or_default()),
                CellText::plain(e.logical_id.clone()),
                status_cell(&e.status),
                CellText::plain(e.resource_type.clone()),
                reason_cell(e.reason.as_deref(), e.is_failure()),
            ],
            Item::Resource(r) => vec![
                CellText::plain(r.logical_id.clone()),
                CellText::plain(r.resource_type.clone()),
                CellText::plain(r.physical_id.clone()),
                status_cell(&r.status),
                reason_cell(r.reason.as_deref(), r.status.ends_with("_FAILED")),
            ],
            Item::Output(o) => vec![
                CellText::plain(o.key.clone()),
                CellText::plain(o.value.clone()),
                CellText::plain(o.description.clone().unwrap_or_default()),
                CellText::plain(o.export.clone().unwrap_or_default()),
            ],
            Item::Parameter(p) => vec![
                CellText::plain(p.key.clone()),
                CellText::plain(p.value.clone()),
            ],
        }
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match (self, column) {
            (Item::Event(e), 0) => SortKey::Number(e.time.unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        match self {
            Item::Event(e) => e.id.clone(),
            Item::Resource(r) => r.logical_id.clone(),
            Item::Output(o) => o.key.clone(),
            Item::Parameter(p) => p.key.clone(),
        }
    }
}
