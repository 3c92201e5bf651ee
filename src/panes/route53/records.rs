//! One hosted zone's record sets (ListResourceRecordSets pages, streamed): name (relative to
//! the zone when the full one is long), type, TTL, values, alias target, and the routing
//! (weight, region, failover, location, set id). Filter and sort like any list; Enter: the
//! whole record. Read-only.

use crate::aws::route53::{HostedZone, RecordSet};
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::resource::{At, Kind};
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// Names longer than this are shown relative to the zone (`api.eu` for
/// `api.eu.internal.example.com.`): the title names the zone.
const LONG_NAME: usize = 32;

pub struct RecordSets {
    zone_id: String,
    zone_name: String,
    /// `profile · account · region` when opened from a view of several contexts.
    place: Option<String>,
}

impl RecordSets {
    pub fn new(zone: &HostedZone, place: Option<String>) -> RecordSets {
        RecordSets {
            zone_id: zone.id.clone(),
            zone_name: zone.name.clone(),
            place,
        }
    }
}

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(2)).name().priority(9),
    Column::new("TYPE", Constraint::Length(5)).priority(8),
    Column::new("TTL", Constraint::Length(6)).priority(5),
    // Room for two addresses or a whole CNAME target at 80 columns (ALIAS TARGET and
    // ROUTING give way).
    Column::new("VALUES", Constraint::Min(30)).priority(7),
    // VALUES names an alias's target too; this column adds whether its health is evaluated,
    // when there is room.
    Column::new("ALIAS TARGET", Constraint::Fill(2)).priority(3),
    Column::new("ROUTING", Constraint::Fill(1)).priority(2),
];

/// One row: the record, and the zone's name to shorten it by.
pub struct Record {
    pub record: RecordSet,
    zone: String,
}

impl Record {
    pub fn new(record: RecordSet, zone: &str) -> Record {
        Record {
            record,
            zone: zone.to_string(),
        }
    }
}

/// The name as the NAME column shows it: whole when short, else without the zone.
pub fn shown_name(name: &str, zone: &str) -> String {
    if name.len() <= LONG_NAME {
        return name.to_string();
    }
    match name.strip_suffix(zone).and_then(|n| n.strip_suffix('.')) {
        Some(relative) if !relative.is_empty() => relative.to_string(),
        _ => name.to_string(),
    }
}

/// The alias's DNS name, and `(health)` when Route 53 evaluates the target's health.
pub fn alias_text(r: &RecordSet) -> String {
    match &r.alias {
        Some(a) if a.evaluate_health => format!("{} (health)", a.dns_name),
        Some(a) => a.dns_name.clone(),
        None => "—".into(),
    }
}

/// `weight 80`, `failover PRIMARY`, `latency eu-west-1`, `geo EU`, `multivalue`, or none.
fn policy(r: &RecordSet) -> Option<String> {
    if let Some(w) = r.weight {
        Some(format!("weight {w}"))
    } else if let Some(f) = &r.failover {
        Some(format!("failover {f}"))
    } else if let Some(region) = &r.region {
        Some(format!("latency {region}"))
    } else if let Some(geo) = &r.geo {
        Some(format!("geo {geo}"))
    } else if r.multi_value {
        Some("multivalue".into())
    } else {
        None
    }
}

/// `weight 80 · blue`, `failover PRIMARY · a`, `latency eu-west-1 · eu`, or `simple`.
pub fn routing(r: &RecordSet) -> String {
    match (policy(r), &r.set_id) {
        (Some(p), Some(id)) => format!("{p} · {id}"),
        (Some(p), None) => p,
        (None, Some(id)) => id.clone(),
        (None, None) => "simple".into(),
    }
}

/// The values, or `alias DNS-NAME` for an alias (what answers instead).
fn values(r: &RecordSet) -> String {
    match &r.alias {
        _ if !r.values.is_empty() => r.values.join(", "),
        Some(a) => format!("alias {}", a.dns_name),
        None => "—".into(),
    }
}

impl TableRow for Record {
    fn cells(&self) -> Vec<CellText> {
        let r = &self.record;
        // The set id is part of what names a record (two weighted `checkout` records differ
        // by it alone), so it stays with the name when ROUTING is cut at 80 columns.
        let name = match &r.set_id {
            Some(id) => format!("{} · {id}", shown_name(&r.name, &self.zone)),
            None => shown_name(&r.name, &self.zone),
        };
        vec![
            CellText::plain(name),
            CellText::plain(r.kind.clone()),
            CellText::plain(r.ttl.map(|t| t.to_string()).unwrap_or_else(|| "—".into())),
            CellText::plain(values(r)),
            CellText::plain(alias_text(r)),
            CellText::plain(policy(r).unwrap_or_else(|| "simple".into())),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.record.ttl.unwrap_or(-1)),
            _ => crate::panes::resource::entry::cell_key(self, column),
        }
    }

    /// Name, type and set id: what makes a record set one of a kind in its zone.
    fn id(&self) -> String {
        let r = &self.record;
        match &r.set_id {
            Some(id) => format!("{} {} {id}", r.name, r.kind),
            None => format!("{} {}", r.name, r.kind),
        }
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let r = &self.record;
        Cow::Owned(format!(
            "{} {} {} {} {}",
            r.name,
            r.kind,
            r.values.join(" "),
            alias_text(r),
            routing(r)
        ))
    }
}

impl Kind for RecordSets {
    type Row = Record;

    fn label(&self) -> &'static str {
        "Records"
    }

    fn noun(&self) -> &'static str {
        "record set"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn title_note(&self) -> Option<String> {
        Some(match &self.place {
            Some(place) => format!("{} · {place}", self.zone_name),
            None => self.zone_name.clone(),
        })
    }

    fn page(&self) -> PageFn {
        let (zone_id, zone_name) = (self.zone_id.clone(), self.zone_name.clone());
        page_fn(move |adapters, ctx, token| {
            let page = adapters.route53.records_page(ctx, zone_id.clone(), token);
            let zone = zone_name.clone();
            Box::pin(async move { Ok(page.await?.map(|r| Record::new(r, &zone))) })
        })
    }

    /// The full name, as a resolver wants it.
    fn copy(&self, row: &Record) -> String {
        row.record.name.clone()
    }

    fn details(&self, at: &At, row: &Record) -> Effect {
        let r = &row.record;
        let title = format!("{} {}{}", r.kind, r.name, at.suffix());
        let (copy, doc) = (r.name.clone(), details(r));
        Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))
    }
}

pub fn details(r: &RecordSet) -> Document {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let mut doc = Document::default();
    doc.push(Block::Heading("Record set".into()));
    let mut fields = vec![
        ("Name".into(), r.name.clone()),
        ("Type".into(), r.kind.clone()),
        ("TTL".into(), or_dash(r.ttl.map(|t| t.to_string()))),
        ("Routing".into(), routing(r)),
        ("Health check".into(), or_dash(r.health_check.clone())),
    ];
    if let Some(a) = &r.alias {
        fields.push(("Alias target".into(), a.dns_name.clone()));
        fields.push(("Alias zone".into(), a.zone_id.clone()));
        fields.push((
            "Evaluate health".into(),
            if a.evaluate_health { "yes" } else { "no" }.into(),
        ));
    }
    doc.push(Block::Fields(fields));
    doc.push(Block::Heading("Values".into()));
    if r.values.is_empty() {
        doc.push(Block::Note("none (an alias answers instead)".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["VALUE".into()],
            rows: r.values.iter().map(|v| vec![v.clone()]).collect(),
        });
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::route53::Alias;

    #[test]
    fn long_names_lose_the_zone_and_short_ones_stay_whole() {
        let zone = "internal.example.com.";
        assert_eq!(
            shown_name("www.internal.example.com.", zone),
            "www.internal.example.com."
        );
        assert_eq!(
            shown_name("payments-api.eu-west-1.internal.example.com.", zone),
            "payments-api.eu-west-1"
        );
        // The apex of a long zone stays whole.
        let long_zone = "eu-west-1.payments.internal.example.com.";
        assert_eq!(shown_name(long_zone, long_zone), long_zone);
    }

    #[test]
    fn routing_names_the_policy_and_the_set() {
        let weighted = RecordSet {
            weight: Some(80),
            set_id: Some("blue".into()),
            ..RecordSet::default()
        };
        assert_eq!(routing(&weighted), "weight 80 · blue");
        let failover = RecordSet {
            failover: Some("PRIMARY".into()),
            set_id: Some("a".into()),
            ..RecordSet::default()
        };
        assert_eq!(routing(&failover), "failover PRIMARY · a");
        assert_eq!(routing(&RecordSet::default()), "simple");
        let alias = RecordSet {
            alias: Some(Alias {
                dns_name: "web-1.eu-west-1.elb.amazonaws.com.".into(),
                zone_id: "Z32O12XQLNTSW2".into(),
                evaluate_health: true,
            }),
            ..RecordSet::default()
        };
        assert_eq!(
            alias_text(&alias),
            "web-1.eu-west-1.elb.amazonaws.com. (health)"
        );
        assert_eq!(values(&alias), "alias web-1.eu-west-1.elb.amazonaws.com.");
    }
}
