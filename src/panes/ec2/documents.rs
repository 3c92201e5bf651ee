//! EC2 answers turned into documents for the pager: an instance's details, console output.

use crate::aws::ec2::{InstanceDetails, Rule};
use crate::protocol::Outcome;
use crate::protocol::ec2::Ec2Outcome;
use crate::ui::document::{Block, Document};

pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Ec2(Ec2Outcome::Details(result)) => {
            Some((*result).map(|d| details(&d)).map_err(|e| e.summary()))
        }
        _ => None,
    }
}

pub fn read_console(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Ec2(Ec2Outcome::Console(result)) => Some(
            result
                .map(|text| {
                    let mut doc = Document::default();
                    match text {
                        Some(text) => doc.push(Block::Text(text)),
                        None => doc.push(Block::Note(
                            "No console output yet: EC2 keeps the last 64 KB, a few minutes after \
                             boot. Refresh with Ctrl-R."
                                .into(),
                        )),
                    };
                    doc
                })
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub fn details(d: &InstanceDetails) -> Document {
    let i = &d.instance;
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut doc = Document::default();
    doc.push(Block::Heading("Instance".into()));
    doc.push(Block::Fields(vec![
        ("Name".into(), i.name().to_string()),
        ("Id".into(), i.id.clone()),
        ("State".into(), i.state.clone()),
        ("Type".into(), i.instance_type.clone()),
        ("Zone".into(), i.az.clone()),
        ("Private IP".into(), or_dash(&i.private_ip)),
        ("Public IP".into(), or_dash(&i.public_ip)),
        (
            "Launched".into(),
            i.launched.map(crate::clock::local_time).unwrap_or_default(),
        ),
        ("Key".into(), or_dash(&i.key_name)),
    ]));
    doc.push(Block::Heading("Tags".into()));
    if i.tags.is_empty() {
        doc.push(Block::Note("no tags".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["KEY".into(), "VALUE".into()],
            rows: i
                .tags
                .iter()
                .map(|(k, v)| vec![k.clone(), v.clone()])
                .collect(),
        });
    }
    doc.push(Block::Heading("Security groups".into()));
    match &d.security_groups {
        Ok(groups) if groups.is_empty() => {
            doc.push(Block::Note("none".into()));
        }
        Ok(groups) => {
            for g in groups {
                doc.push(Block::Fields(vec![
                    ("Group".into(), format!("{} ({})", g.id, g.name)),
                    ("Description".into(), g.description.clone()),
                ]));
                let rows: Vec<Vec<String>> = g
                    .inbound
                    .iter()
                    .map(|r| rule_row("in", r))
                    .chain(g.outbound.iter().map(|r| rule_row("out", r)))
                    .collect();
                if rows.is_empty() {
                    doc.push(Block::Note("no rules".into()));
                } else {
                    doc.push(Block::Table {
                        header: ["DIR", "PROTOCOL", "PORTS", "PEER", "DESCRIPTION"]
                            .map(String::from)
                            .to_vec(),
                        rows,
                    });
                }
            }
        }
        Err(e) => {
            doc.push(Block::Error(e.summary()));
        }
    }
    doc.push(Block::Heading("Volumes".into()));
    match &d.volumes {
        Ok(volumes) if volumes.is_empty() => {
            doc.push(Block::Note("none attached".into()));
        }
        Ok(volumes) => {
            doc.push(Block::Table {
                header: [
                    "VOLUME",
                    "DEVICE",
                    "SIZE",
                    "TYPE",
                    "STATE",
                    "ENCRYPTED",
                    "IOPS",
                    "DELETE ON TERM",
                ]
                .map(String::from)
                .to_vec(),
                rows: volumes
                    .iter()
                    .map(|v| {
                        vec![
                            v.id.clone(),
                            v.device.clone().unwrap_or_default(),
                            v.size_gib.map(|s| format!("{s} GiB")).unwrap_or_default(),
                            v.volume_type.clone(),
                            v.state.clone(),
                            if v.encrypted { "yes" } else { "no" }.into(),
                            v.iops.map(|n| n.to_string()).unwrap_or_default(),
                            match v.delete_on_termination {
                                Some(true) => "yes".into(),
                                Some(false) => "no".into(),
                                None => String::new(),
                            },
                        ]
                    })
                    .collect(),
            });
        }
        Err(e) => {
            doc.push(Block::Error(e.summary()));
        }
    }
    doc.push(Block::Heading("Description".into()));
    doc.push(Block::Json(d.description.clone()));
    doc
}

fn rule_row(direction: &str, r: &Rule) -> Vec<String> {
    vec![
        direction.into(),
        r.protocol.clone(),
        r.ports.clone(),
        r.peer.clone(),
        r.description.clone().unwrap_or_default(),
    ]
}
