//! What Enter shows for a load balancer (its settings, listeners with their rules, and its
//! target groups with every target's health, unhealthy first) and for a target group.

use super::summary;
use crate::aws::elb::{LoadBalancer, LoadBalancerDetails, TargetGroup, name_in_arn};
use crate::aws::filled::Filled;
use crate::protocol::Outcome;
use crate::protocol::elb::ElbOutcome;
use crate::ui::document::{Block, Document};

fn or_dash(v: Option<String>) -> String {
    v.filter(|v| !v.is_empty()).unwrap_or_else(|| "—".into())
}

/// `HTTP:80`, `TCP:443`, `—` (a Lambda target group has neither).
pub fn protocol_port(protocol: Option<&str>, port: Option<i32>) -> String {
    match (protocol, port) {
        (Some(p), Some(port)) => format!("{p}:{port}"),
        (Some(p), None) => p.to_string(),
        (None, Some(port)) => port.to_string(),
        (None, None) => "—".into(),
    }
}

/// The day a load balancer was made, in UTC.
pub fn created(lb: &LoadBalancer) -> String {
    or_dash(
        lb.created
            .map(|t| crate::clock::iso_utc(t * 1000)[..10].to_string()),
    )
}

pub fn read_load_balancer(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Elb(ElbOutcome::LoadBalancer(result)) => Some(
            (*result)
                .map(|d| load_balancer(&d))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub fn load_balancer(d: &LoadBalancerDetails) -> Document {
    let lb = &d.load_balancer;
    let mut doc = Document::default();
    doc.push(Block::Heading("Load balancer".into()));
    let mut state = lb.state.clone();
    if let Some(reason) = &lb.state_reason {
        state.push_str(&format!(" ({reason})"));
    }
    doc.push(Block::Fields(vec![
        ("Name".into(), lb.name.clone()),
        ("Type".into(), lb.kind.clone()),
        ("Scheme".into(), lb.scheme.clone()),
        ("State".into(), state),
        ("DNS name".into(), lb.dns_name.clone()),
        ("VPC".into(), or_dash(lb.vpc_id.clone())),
        ("Zones".into(), or_dash(Some(lb.zones.join(", ")))),
        (
            "Security groups".into(),
            or_dash(Some(lb.security_groups.join(", "))),
        ),
        ("IP address type".into(), or_dash(lb.ip_type.clone())),
        ("Created".into(), created(lb)),
        ("ARN".into(), lb.arn.clone()),
    ]));
    listeners(&mut doc, d);
    doc.push(Block::Heading("Target groups".into()));
    if d.target_groups.is_empty() {
        doc.push(Block::Note("no target group sends to it".into()));
    } else {
        doc.push(Block::Table {
            header: ["NAME", "PROTOCOL:PORT", "TYPE", "HEALTHY", "UNHEALTHY"]
                .map(String::from)
                .to_vec(),
            rows: d
                .target_groups
                .iter()
                .map(|g| {
                    let (healthy, unhealthy) = counts(g);
                    vec![
                        g.name.clone(),
                        protocol_port(g.protocol.as_deref(), g.port),
                        g.target_type.clone(),
                        healthy,
                        unhealthy,
                    ]
                })
                .collect(),
        });
        for g in &d.target_groups {
            doc.push(Block::Heading(format!("Targets of {}", g.name)));
            targets(&mut doc, g);
        }
    }
    doc
}

fn listeners(doc: &mut Document, d: &LoadBalancerDetails) {
    doc.push(Block::Heading("Listeners".into()));
    if d.listeners.is_empty() {
        doc.push(Block::Note("no listeners".into()));
        return;
    }
    doc.push(Block::Table {
        header: ["LISTENER", "DEFAULT ACTION", "RULES"]
            .map(String::from)
            .to_vec(),
        rows: d
            .listeners
            .iter()
            .map(|l| {
                vec![
                    summary::listener_label(l),
                    summary::actions(&l.default_actions),
                    match &l.rules {
                        Ok(rules) => rules.len().to_string(),
                        Err(_) => "?".into(),
                    },
                ]
            })
            .collect(),
    });
    for l in &d.listeners {
        doc.push(Block::Heading(format!(
            "Rules of {}",
            summary::listener_label(l)
        )));
        match &l.rules {
            Err(why) => {
                doc.push(Block::Error(why.clone()));
            }
            Ok(rules) if rules.is_empty() => {
                doc.push(Block::Note("no rules".into()));
            }
            Ok(rules) => {
                doc.push(Block::Table {
                    header: ["PRIORITY", "CONDITIONS", "ACTIONS"]
                        .map(String::from)
                        .to_vec(),
                    rows: rules
                        .iter()
                        .map(|r| {
                            vec![
                                r.priority.clone(),
                                summary::conditions(r),
                                summary::actions(&r.actions),
                            ]
                        })
                        .collect(),
                });
            }
        }
    }
}

/// HEALTHY and UNHEALTHY as shown (`?` when the health could not be read).
pub fn counts(g: &TargetGroup) -> (String, String) {
    match g.counts() {
        Some((healthy, unhealthy)) => (healthy.to_string(), unhealthy.to_string()),
        None => ("?".into(), "?".into()),
    }
}

/// The group's targets, unhealthy first, with why.
fn targets(doc: &mut Document, g: &TargetGroup) {
    match &g.targets {
        Filled::Pending => {
            doc.push(Block::Note(
                "the targets' health is still being read: open the group again in a moment".into(),
            ));
        }
        Filled::Failed(why) => {
            doc.push(Block::Error(why.clone()));
        }
        Filled::Got(targets) if targets.is_empty() => {
            doc.push(Block::Note("no targets registered".into()));
        }
        Filled::Got(targets) => {
            // Narrow first columns so the reason and its description fit at 80 columns: the
            // port joins the target, and every reason starts with `Target.`/`Elb.`.
            doc.push(Block::Table {
                header: ["TARGET", "STATE", "REASON", "DESCRIPTION"]
                    .map(String::from)
                    .to_vec(),
                rows: targets
                    .iter()
                    .map(|t| {
                        let target = match t.port {
                            Some(port) => format!("{}:{port}", t.id),
                            None => t.id.clone(),
                        };
                        let reason = t.reason.as_deref().map(|r| {
                            r.trim_start_matches("Target.")
                                .trim_start_matches("Elb.")
                                .to_string()
                        });
                        vec![
                            target,
                            t.state.clone(),
                            or_dash(reason),
                            or_dash(t.description.clone()),
                        ]
                    })
                    .collect(),
            });
        }
    }
}

pub fn target_group(g: &TargetGroup) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading("Target group".into()));
    let (healthy, unhealthy) = counts(g);
    doc.push(Block::Fields(vec![
        ("Name".into(), g.name.clone()),
        (
            "Protocol:port".into(),
            protocol_port(g.protocol.as_deref(), g.port),
        ),
        ("Target type".into(), g.target_type.clone()),
        ("VPC".into(), or_dash(g.vpc_id.clone())),
        ("Health check".into(), or_dash(g.health_check.clone())),
        ("Healthy".into(), healthy),
        ("Unhealthy".into(), unhealthy),
        (
            "Load balancers".into(),
            or_dash(Some(
                g.load_balancers
                    .iter()
                    .map(|arn| name_in_arn(arn).to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        ),
        ("ARN".into(), g.arn.clone()),
    ]));
    doc.push(Block::Heading("Targets (unhealthy first)".into()));
    targets(&mut doc, g);
    doc
}
