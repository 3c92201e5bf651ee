//! `:sg` — security groups: id, name, VPC, how many inbound and outbound rules, description.
//! Enter: the rules both ways (protocol, ports, the CIDR, group or prefix list on the other
//! side), tags, and the instances using the group.

use super::kind::unknown_account;
use super::{At, Kind};
use crate::aws::ec2::{Rule, SecurityGroup};
use crate::aws::ec2_inventory::GroupDetails;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::protocol::ec2::{Ec2Op, Ec2Outcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct SecurityGroups;

const COLUMNS: &[Column] = &[
    Column::new("GROUP ID", Constraint::Length(20)).priority(8),
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("VPC", Constraint::Length(21)).priority(3),
    Column::new("INBOUND", Constraint::Length(7)).priority(6),
    Column::new("OUTBOUND", Constraint::Length(8)).priority(5),
    Column::new("DESCRIPTION", Constraint::Fill(2)).priority(2),
];

impl TableRow for SecurityGroup {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.id.clone()),
            CellText::plain(self.name.clone()),
            CellText::plain(self.vpc_id.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(self.inbound.len().to_string()),
            CellText::plain(self.outbound.len().to_string()),
            CellText::plain(self.description.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            3 => SortKey::Number(self.inbound.len() as i64),
            4 => SortKey::Number(self.outbound.len() as i64),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.id.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.id,
            self.name,
            self.vpc_id.as_deref().unwrap_or_default(),
            self.description
        ))
    }
}

impl Kind for SecurityGroups {
    type Row = SecurityGroup;

    fn label(&self) -> &'static str {
        "Security groups"
    }

    fn noun(&self) -> &'static str {
        "security group"
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
        page_fn(|adapters, ctx, token| adapters.ec2.groups_page(ctx, token))
    }

    fn details(&self, at: &At, group: &SecurityGroup) -> Effect {
        let (ctx, id) = (at.ctx.clone(), group.id.clone());
        DocumentView::open(
            format!(
                "security group {} ({}) · {}",
                group.id,
                group.name,
                at.place()
            ),
            id.clone(),
            move || {
                Op::Ec2(Ec2Op::GroupDetails {
                    ctx: ctx.clone(),
                    id: id.clone(),
                })
            },
            read_details,
        )
    }

    fn arn(&self, at: &At, group: &SecurityGroup) -> Result<String, String> {
        let account = at.account.ok_or_else(|| unknown_account(at))?;
        Ok(format!(
            "arn:{}:ec2:{}:{account}:security-group/{}",
            crate::aws::partition(&at.ctx.region),
            at.ctx.region,
            group.id
        ))
    }
}

pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Ec2(Ec2Outcome::GroupDetails(result)) => {
            Some((*result).map(|d| details(&d)).map_err(|e| e.summary()))
        }
        _ => None,
    }
}

pub fn details(d: &GroupDetails) -> Document {
    let g = &d.group;
    let mut doc = Document::default();
    doc.push(Block::Heading("Security group".into()));
    doc.push(Block::Fields(vec![
        ("Id".into(), g.id.clone()),
        ("Name".into(), g.name.clone()),
        ("VPC".into(), g.vpc_id.clone().unwrap_or_else(|| "—".into())),
        ("Description".into(), g.description.clone()),
    ]));
    rules(&mut doc, "Inbound rules", "SOURCE", &g.inbound);
    rules(&mut doc, "Outbound rules", "DESTINATION", &g.outbound);
    doc.push(Block::Heading("Tags".into()));
    if g.tags.is_empty() {
        doc.push(Block::Note("no tags".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["KEY".into(), "VALUE".into()],
            rows: g
                .tags
                .iter()
                .map(|(k, v)| vec![k.clone(), v.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("Used by".into()));
    match &d.used_by {
        Ok(instances) if instances.is_empty() => {
            doc.push(Block::Note("no instances".into()));
        }
        Ok(instances) => {
            doc.push(Block::Table {
                header: ["INSTANCE", "NAME", "STATE"].map(String::from).to_vec(),
                rows: instances
                    .iter()
                    .map(|i| vec![i.id.clone(), i.name().to_string(), i.state.clone()])
                    .collect(),
            });
        }
        Err(e) => {
            doc.push(Block::Error(e.summary()));
        }
    }
    doc
}

fn rules(doc: &mut Document, heading: &str, peer: &str, rules: &[Rule]) {
    doc.push(Block::Heading(heading.into()));
    if rules.is_empty() {
        doc.push(Block::Note("no rules".into()));
        return;
    }
    doc.push(Block::Table {
        header: vec![
            "PROTOCOL".into(),
            "PORTS".into(),
            peer.into(),
            "DESCRIPTION".into(),
        ],
        rows: rules
            .iter()
            .map(|r| {
                vec![
                    r.protocol.clone(),
                    r.ports.clone(),
                    r.peer.clone(),
                    r.description.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    });
}
