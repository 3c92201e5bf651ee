//! `:r53` — Route 53 hosted zones: name, public or private, how many record sets, comment, id.
//! Zones are global, so a view of several contexts lists each profile once. Enter: the zone's
//! record sets (`panes/route53/records.rs`), streamed page by page. Read-only.

use super::{At, Kind, ResourceView};
use crate::aws::route53::HostedZone;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::route53::records::RecordSets;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct HostedZones;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(2)).name().priority(9),
    Column::new("PRIVATE", Constraint::Length(7)).priority(7),
    Column::new("RECORDS", Constraint::Length(7)).priority(6),
    Column::new("COMMENT", Constraint::Fill(2)).priority(3),
    Column::new("ID", Constraint::Length(22)).fit().priority(5),
];

impl TableRow for HostedZone {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(if self.private { "private" } else { "public" }),
            CellText::plain(
                self.records
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            CellText::plain(self.comment.clone().unwrap_or_default()),
            CellText::plain(self.id.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.records.unwrap_or(-1)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.name,
            if self.private { "private" } else { "public" },
            self.comment.as_deref().unwrap_or_default(),
            self.id
        ))
    }
}

impl Kind for HostedZones {
    type Row = HostedZone;

    fn label(&self) -> &'static str {
        "Hosted zones"
    }

    fn noun(&self) -> &'static str {
        "hosted zone"
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
        page_fn(|adapters, ctx, token| adapters.route53.zones_page(ctx, token))
    }

    /// ListHostedZones is global: one listing per profile.
    fn per_account(&self) -> bool {
        true
    }

    fn region(&self, _zone: &HostedZone) -> Option<String> {
        Some("global".into())
    }

    fn copy(&self, zone: &HostedZone) -> String {
        zone.name.clone()
    }

    fn details(&self, at: &At, zone: &HostedZone) -> Effect {
        let kind = RecordSets::new(zone, at.wide.then(|| at.place()));
        let ctx = at.ctx.clone();
        Effect::Push(Box::new(move |id| {
            Box::new(ResourceView::in_context(id, kind, ctx))
        }))
    }

    /// Hosted zone ARNs name no account or region.
    fn arn(&self, at: &At, zone: &HostedZone) -> Result<String, String> {
        Ok(format!(
            "arn:{}:route53:::hostedzone/{}",
            crate::aws::partition(&at.ctx.region),
            zone.id
        ))
    }
}
