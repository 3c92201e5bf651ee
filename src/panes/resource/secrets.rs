//! `:secrets` — Secrets Manager secrets: name, description, last changed, last accessed,
//! rotation and the next rotation. Metadata only: ListSecrets carries no value, and the list
//! never asks for one. Enter opens the secret (`panes/secrets/`), where `x` reads a value.

use super::{At, Kind};
use crate::aws::secrets::Secret;
use crate::command::{CommandId, Scope};
use crate::pane::Effect;
use crate::panes::secrets::SecretPane;
use crate::panes::secrets::cells::{date, rotation, time};
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Secrets;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(2)).name().priority(9),
    Column::new("DESCRIPTION", Constraint::Fill(2)).priority(3),
    Column::new("LAST CHANGED", Constraint::Length(16)).priority(7),
    Column::new("LAST ACCESSED", Constraint::Length(13)).priority(5),
    Column::new("ROTATION", Constraint::Length(14))
        .fit()
        .priority(8),
    Column::new("NEXT ROTATION", Constraint::Length(13)).priority(4),
];

impl TableRow for Secret {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.description.clone().unwrap_or_default()),
            CellText::plain(time(self.last_changed)),
            CellText::plain(date(self.last_accessed)),
            CellText::plain(rotation(self)),
            CellText::plain(if self.rotation_enabled {
                date(self.next_rotation)
            } else {
                "—".into()
            }),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        // Times sort newest first, like reading the column top to bottom.
        let newest = |t: Option<i64>| SortKey::Number(t.map_or(i64::MAX, |t| -t));
        match column {
            2 => newest(self.last_changed),
            3 => newest(self.last_accessed),
            5 => SortKey::Number(self.next_rotation.unwrap_or(i64::MAX)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {}",
            self.name,
            self.description.as_deref().unwrap_or_default()
        ))
    }
}

impl Kind for Secrets {
    type Row = Secret;

    fn label(&self) -> &'static str {
        "Secrets"
    }

    fn noun(&self) -> &'static str {
        "secret"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Secrets, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::CopyArn,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| adapters.secrets.secrets_page(ctx, token))
    }

    fn details(&self, at: &At, row: &Secret) -> Effect {
        SecretPane::open(at.ctx.clone(), row.clone(), at.suffix())
    }

    fn arn(&self, _at: &At, row: &Secret) -> Result<String, String> {
        if row.arn.is_empty() {
            return Err(format!("Secrets Manager gave no ARN for {}", row.name));
        }
        Ok(row.arn.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_says_on_off_and_how_often() {
        let mut s = Secret::default();
        assert_eq!(rotation(&s), "—");
        s.rotation_days = Some(30);
        assert_eq!(rotation(&s), "off · 30d");
        s.rotation_enabled = true;
        assert_eq!(rotation(&s), "on · 30d");
        s.rotation_schedule = Some("rate(4 hours)".into());
        assert_eq!(rotation(&s), "on · rate(4 hours)");
    }
}
