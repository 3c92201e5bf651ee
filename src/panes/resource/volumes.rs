//! `:volumes` — EBS volumes: id, Name tag, size, type, IOPS, state, the instance (and device)
//! it is attached to, zone, creation date. Enter: the whole description (attachments,
//! encryption, throughput, the snapshot it came from, tags) — DescribeVolumes gives all of it,
//! so the details need no request of their own.

use super::{At, Kind};
use crate::aws::ec2_inventory::EbsVolume;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::fleet;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Volumes;

const COLUMNS: &[Column] = &[
    Column::new("VOLUME ID", Constraint::Length(21)).priority(8),
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("SIZE", Constraint::Length(8)).priority(5),
    Column::new("TYPE", Constraint::Length(8)).priority(4),
    Column::new("IOPS", Constraint::Length(6)).priority(2),
    Column::new("STATE", Constraint::Length(11)).priority(7),
    // Which instance a volume serves says more than its size or type; an instance id is 19
    // cells, so id, name, state, instance and size share 80 columns.
    Column::new("ATTACHED TO", Constraint::Length(19)).priority(6),
    Column::new("DEVICE", Constraint::Length(10)).priority(1),
    Column::new("AZ", Constraint::Length(11)).priority(1),
    Column::new("CREATED", Constraint::Length(10)),
];

fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".into())
}

/// `i-0abc` (and `+1` per further attachment: io1/io2 Multi-Attach), and its device.
fn attached_to(v: &EbsVolume) -> (String, String) {
    let Some(first) = v.attachments.first() else {
        return ("—".into(), "—".into());
    };
    let mut instance = first.instance.clone();
    if v.attachments.len() > 1 {
        instance.push_str(&format!(" +{}", v.attachments.len() - 1));
    }
    (instance, first.device.clone())
}

/// The creation day, in UTC.
fn created(v: &EbsVolume) -> String {
    or_dash(
        v.created
            .map(|t| crate::clock::iso_utc(t * 1000)[..10].to_string()),
    )
}

impl TableRow for EbsVolume {
    fn cells(&self) -> Vec<CellText> {
        let (instance, device) = attached_to(self);
        vec![
            CellText::plain(self.id.clone()),
            CellText::plain(self.name()),
            CellText::plain(or_dash(self.size_gib.map(|s| format!("{s} GiB")))),
            CellText::plain(self.volume_type.clone()),
            CellText::plain(or_dash(self.iops.map(|n| n.to_string()))),
            fleet::state_cell(&self.state, self.is_transitional()),
            CellText::plain(instance),
            CellText::plain(device),
            CellText::plain(self.az.clone()),
            CellText::plain(created(self)),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.size_gib.unwrap_or(0).into()),
            4 => SortKey::Number(self.iops.unwrap_or(0).into()),
            9 => SortKey::Number(self.created.unwrap_or(i64::MAX)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let mut text = format!(
            "{} {} {} {}",
            self.id,
            self.name(),
            self.volume_type,
            self.state
        );
        for a in &self.attachments {
            text.push(' ');
            text.push_str(&a.instance);
        }
        Cow::Owned(text)
    }
}

impl Kind for Volumes {
    type Row = EbsVolume;

    fn label(&self) -> &'static str {
        "EBS volumes"
    }

    fn noun(&self) -> &'static str {
        "volume"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| adapters.ec2.volumes_page(ctx, token))
    }

    fn is_transitional(&self, v: &EbsVolume) -> bool {
        v.is_transitional()
    }

    fn details(&self, at: &At, v: &EbsVolume) -> Effect {
        let title = match v.name() {
            "" => format!("volume {}{}", v.id, at.suffix()),
            name => format!("volume {name} ({}){}", v.id, at.suffix()),
        };
        let (copy, doc) = (v.id.clone(), details(v));
        Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))
    }

    fn arn(&self, at: &At, v: &EbsVolume) -> Result<String, String> {
        let account = at.account.ok_or_else(|| super::kind::unknown_account(at))?;
        Ok(format!(
            "arn:{}:ec2:{}:{account}:volume/{}",
            crate::aws::partition(&at.ctx.region),
            at.ctx.region,
            v.id
        ))
    }
}

pub fn details(v: &EbsVolume) -> Document {
    let number = |n: Option<i32>, unit: &str| or_dash(n.map(|n| format!("{n}{unit}")));
    let mut doc = Document::default();
    doc.push(Block::Heading("Volume".into()));
    doc.push(Block::Fields(vec![
        ("Id".into(), v.id.clone()),
        ("Name".into(), v.name().to_string()),
        ("State".into(), v.state.clone()),
        ("Size".into(), number(v.size_gib, " GiB")),
        ("Type".into(), v.volume_type.clone()),
        ("IOPS".into(), number(v.iops, "")),
        ("Throughput".into(), number(v.throughput, " MiB/s")),
        ("Zone".into(), v.az.clone()),
        (
            "Created".into(),
            or_dash(v.created.map(|t| crate::clock::iso_utc(t * 1000))),
        ),
        ("Snapshot".into(), or_dash(v.snapshot_id.clone())),
        (
            "Encrypted".into(),
            match (v.encrypted, &v.kms_key_id) {
                (true, Some(key)) => format!("yes ({key})"),
                (true, None) => "yes".into(),
                (false, _) => "no".into(),
            },
        ),
    ]));
    doc.push(Block::Heading("Attachments".into()));
    if v.attachments.is_empty() {
        doc.push(Block::Note("not attached".into()));
    } else {
        doc.push(Block::Table {
            header: ["INSTANCE", "DEVICE", "STATE", "DELETE ON TERM"]
                .map(String::from)
                .to_vec(),
            rows: v
                .attachments
                .iter()
                .map(|a| {
                    vec![
                        a.instance.clone(),
                        a.device.clone(),
                        a.state.clone(),
                        match a.delete_on_termination {
                            Some(true) => "yes".into(),
                            Some(false) => "no".into(),
                            None => String::new(),
                        },
                    ]
                })
                .collect(),
        });
    }
    doc.push(Block::Heading("Tags".into()));
    if v.tags.is_empty() {
        doc.push(Block::Note("no tags".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["KEY".into(), "VALUE".into()],
            rows: v
                .tags
                .iter()
                .map(|(k, t)| vec![k.clone(), t.clone()])
                .collect(),
        });
    }
    doc
}
