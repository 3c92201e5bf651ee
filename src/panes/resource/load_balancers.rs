//! `:elb` — load balancers (ALB, NLB, GWLB): name, type, scheme, state, DNS name, VPC, zones,
//! creation day. `copy` copies the DNS name. Enter: the load balancer's listeners with their
//! rules, and its target groups with every target's health, unhealthy first. Read-only.

use super::{At, Kind};
use crate::aws::elb::LoadBalancer;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::elb::details;
use crate::panes::fleet;
use crate::protocol::Op;
use crate::protocol::elb::ElbOp;
use crate::protocol::list::{PageFn, page_fn};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct LoadBalancers;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("TYPE", Constraint::Length(4)).priority(6),
    Column::new("SCHEME", Constraint::Length(8)).priority(4),
    Column::new("STATE", Constraint::Length(14))
        .fit()
        .priority(7),
    // What a person copies and pastes most: wide enough for a whole one at 80 columns
    // (SCHEME and CREATED give way), kept late.
    Column::new("DNS NAME", Constraint::Min(40)).priority(8),
    Column::new("VPC", Constraint::Length(21)).priority(2),
    Column::new("AZS", Constraint::Length(6)).fit().priority(1),
    Column::new("CREATED", Constraint::Length(10)).priority(2),
];

/// `ALB`, `NLB`, `GWLB`: the names people use.
pub fn short_type(kind: &str) -> String {
    match kind {
        "application" => "ALB".into(),
        "network" => "NLB".into(),
        "gateway" => "GWLB".into(),
        other => other.to_string(),
    }
}

/// `public` for internet-facing (the console's word is too wide for the column).
fn short_scheme(scheme: &str) -> &str {
    match scheme {
        "internet-facing" => "public",
        other => other,
    }
}

/// The zones' letters (`a,b,c`) when they share a region, else the names.
fn zones(lb: &LoadBalancer) -> String {
    if lb.zones.is_empty() {
        return "—".into();
    }
    let letters: Vec<&str> = lb
        .zones
        .iter()
        .filter_map(|z| z.get(z.len().saturating_sub(1)..))
        .collect();
    letters.join(",")
}

impl TableRow for LoadBalancer {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(short_type(&self.kind)),
            CellText::plain(short_scheme(&self.scheme)),
            state_cell(self),
            CellText::plain(self.dns_name.clone()),
            CellText::plain(self.vpc_id.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(zones(self)),
            CellText::plain(details::created(self)),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            6 => SortKey::Number(self.zones.len() as i64),
            7 => SortKey::Number(self.created.unwrap_or(i64::MAX)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.arn.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {} {} {}",
            self.name,
            short_type(&self.kind),
            self.scheme,
            self.state,
            self.dns_name,
            self.vpc_id.as_deref().unwrap_or_default()
        ))
    }
}

fn state_cell(lb: &LoadBalancer) -> CellText {
    match lb.state.as_str() {
        "active" => CellText::styled("● active", "state.ok"),
        "active_impaired" => CellText::styled("✗ impaired", "state.error"),
        state => fleet::state_cell(state, lb.is_transitional()),
    }
}

impl Kind for LoadBalancers {
    type Row = LoadBalancer;

    fn label(&self) -> &'static str {
        "Load balancers"
    }

    fn noun(&self) -> &'static str {
        "load balancer"
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
        page_fn(|adapters, ctx, token| adapters.elb.load_balancers_page(ctx, token))
    }

    /// The DNS name: what goes into a browser, `dig` or a CNAME.
    fn copy(&self, lb: &LoadBalancer) -> String {
        lb.dns_name.clone()
    }

    fn is_transitional(&self, lb: &LoadBalancer) -> bool {
        lb.is_transitional()
    }

    fn details(&self, at: &At, lb: &LoadBalancer) -> Effect {
        let ctx = at.ctx.clone();
        let row = lb.clone();
        DocumentView::open(
            format!(
                "load balancer {} ({}){}",
                lb.name,
                short_type(&lb.kind),
                at.suffix()
            ),
            lb.dns_name.clone(),
            move || {
                Op::Elb(ElbOp::LoadBalancer {
                    ctx: ctx.clone(),
                    load_balancer: Box::new(row.clone()),
                })
            },
            details::read_load_balancer,
        )
    }

    fn arn(&self, _at: &At, lb: &LoadBalancer) -> Result<String, String> {
        Ok(lb.arn.clone())
    }
}
