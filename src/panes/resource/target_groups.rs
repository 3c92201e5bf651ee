//! `:tg` — target groups: name, protocol and port, target type, how many targets are healthy
//! and not, and the load balancers sending to it. DescribeTargetGroups leaves out the health:
//! the rows show at once and each group's DescribeTargetHealth fills HEALTHY and UNHEALTHY
//! after, a few groups at a time (`filled.rs`). Enter: every target with its state, reason
//! and description, unhealthy first (the health the row holds: no request of its own).
//! Read-only.

use super::filled::{self, FilledLater};
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::elb::{TargetGroup, TargetHealth, name_in_arn, sort_targets};
use crate::aws::filled::Filled;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::elb::details;
use crate::protocol::fill::{FillOp, FillOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct TargetGroups;

/// The UNHEALTHY column (the view's default sort: most unhealthy first).
const UNHEALTHY: usize = 4;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("PROTOCOL:PORT", Constraint::Length(13))
        .fit()
        .priority(6),
    Column::new("TARGET TYPE", Constraint::Length(11))
        .fit()
        .priority(4),
    Column::new("HEALTHY", Constraint::Length(7)).priority(7),
    Column::new("UNHEALTHY", Constraint::Length(9))
        .priority(8)
        .descending(),
    Column::new("LB", Constraint::Fill(1)).priority(5),
];

fn load_balancers(g: &TargetGroup) -> String {
    match g.load_balancers.as_slice() {
        [] => "—".into(),
        arns => arns
            .iter()
            .map(|a| name_in_arn(a))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl FilledLater for TargetGroup {
    type Value = Vec<TargetHealth>;

    fn fill_key(&self) -> &str {
        &self.arn
    }

    fn is_pending(&self) -> bool {
        self.targets.is_pending()
    }

    fn fill(&mut self, answer: Result<Vec<TargetHealth>, String>) {
        self.targets = Filled::from_answer(answer.map(|mut targets| {
            sort_targets(&mut targets);
            targets
        }));
    }
}

impl TableRow for TargetGroup {
    fn cells(&self) -> Vec<CellText> {
        let (healthy, unhealthy) = match self.targets {
            Filled::Pending => (filled::pending_cell(), filled::pending_cell()),
            _ => {
                let (healthy, unhealthy) = details::counts(self);
                (CellText::plain(healthy), CellText::plain(unhealthy))
            }
        };
        let unhealthy = match self.counts() {
            Some((_, n)) if n > 0 => CellText::styled(unhealthy.text, "state.error"),
            _ => unhealthy,
        };
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(details::protocol_port(self.protocol.as_deref(), self.port)),
            CellText::plain(self.target_type.clone()),
            healthy,
            unhealthy,
            CellText::plain(load_balancers(self)),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            3 => SortKey::Number(self.counts().map_or(-1, |(h, _)| h as i64)),
            // Most unhealthy first (the column sorts descending); unread health with healthy.
            UNHEALTHY => SortKey::Number(self.counts().map_or(0, |(_, u)| u as i64)),
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.arn.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {}",
            self.name,
            details::protocol_port(self.protocol.as_deref(), self.port),
            self.target_type,
            load_balancers(self)
        ))
    }
}

impl Kind for TargetGroups {
    type Row = TargetGroup;

    fn label(&self) -> &'static str {
        "Target groups"
    }

    fn noun(&self) -> &'static str {
        "target group"
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

    fn default_sort(&self) -> Option<usize> {
        Some(UNHEALTHY)
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| adapters.elb.target_groups_page(ctx, None, token))
    }

    fn follow_up(&self, ctx: &ContextKey, rows: &[TargetGroup]) -> Option<Op> {
        let arns = filled::pending_keys(rows)?;
        Some(Op::Fill(FillOp::TargetHealth {
            ctx: ctx.clone(),
            arns,
        }))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<TargetGroup>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Fill(FillOutcome::TargetHealth { ctx, found }) = outcome else {
            return None;
        };
        filled::apply(listed, &ctx, found);
        Some(Vec::new())
    }

    fn copy(&self, g: &TargetGroup) -> String {
        g.name.clone()
    }

    fn details(&self, at: &At, g: &TargetGroup) -> Effect {
        let title = format!("target group {}{}", g.name, at.suffix());
        let (copy, doc) = (g.arn.clone(), details::target_group(g));
        Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))
    }

    fn arn(&self, _at: &At, g: &TargetGroup) -> Result<String, String> {
        Ok(g.arn.clone())
    }
}
