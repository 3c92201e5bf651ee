//! `:roles` — IAM roles: name, who the trust policy lets in (short: `ec2`, `123456789012`,
//! `Federated:Okta`), when the role was last used, its maximum session, when it was made.
//! IAM is global: a view of several contexts lists each account once. Enter: the role's
//! fields, its trust policy (statements table and JSON), attached and inline policies.

use super::filled::{self, FilledLater};
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::iam::{Filled, LastUsed, Role, RoleDetails};
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::iam::{ago, permissions, policy_document, session};
use crate::protocol::iam::{IamOp, IamOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use futures::FutureExt;
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Roles;

/// A listed role and its trusted principals, read from the trust policy once.
pub struct RoleRow {
    pub role: Role,
    pub trusted: String,
}

impl RoleRow {
    pub fn new(role: Role) -> RoleRow {
        let trusted = role
            .trust_policy
            .as_deref()
            .map(|doc| policy_document::trusted(doc).join(", "))
            .unwrap_or_default();
        RoleRow { role, trusted }
    }
}

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("TRUSTED", Constraint::Fill(2)).priority(8),
    Column::new("LAST USED", Constraint::Length(10)).priority(7),
    Column::new("MAX SESSION", Constraint::Length(11)).priority(5),
    Column::new("CREATED", Constraint::Length(10)).priority(4),
    Column::new("PATH", Constraint::Length(20))
        .fit()
        .priority(1),
];

/// `2026-03-14`: the day, which is what a creation date needs in a list.
pub fn day(secs: Option<i64>) -> String {
    secs.map(|s| {
        let mut t = crate::clock::local_time(s);
        t.truncate(10);
        t
    })
    .unwrap_or_else(|| "—".into())
}

fn last_used(role: &Role, now: i64) -> CellText {
    match &role.last_used {
        Filled::Pending => filled::pending_cell(),
        Filled::Got(used) => CellText::plain(ago(used.as_ref().map(|u| u.at), now)),
        Filled::Failed(_) => filled::failed_cell(),
    }
}

impl FilledLater for RoleRow {
    type Value = Option<LastUsed>;

    fn fill_key(&self) -> &str {
        &self.role.name
    }

    fn is_pending(&self) -> bool {
        self.role.last_used.is_pending()
    }

    fn fill(&mut self, answer: Result<Option<LastUsed>, String>) {
        self.role.last_used = Filled::from_answer(answer);
    }
}

impl TableRow for RoleRow {
    fn cells(&self) -> Vec<CellText> {
        let r = &self.role;
        vec![
            CellText::plain(r.name.clone()),
            CellText::plain(self.trusted.clone()),
            last_used(r, crate::clock::now_secs()),
            CellText::plain(r.max_session.map(session).unwrap_or_else(|| "—".into())),
            CellText::plain(day(r.created)),
            CellText::plain(r.path.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let r = &self.role;
        match column {
            // Most recently used first when descending; never used below any use.
            2 => SortKey::Number(match &r.last_used {
                Filled::Got(Some(u)) => u.at,
                Filled::Got(None) => -1,
                _ => -2,
            }),
            3 => SortKey::Number(r.max_session.unwrap_or(0).into()),
            4 => SortKey::Number(r.created.unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.role.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let r = &self.role;
        Cow::Owned(format!(
            "{} {} {} {} {}",
            r.name,
            r.path,
            self.trusted,
            r.arn,
            r.description.as_deref().unwrap_or_default()
        ))
    }
}

impl Kind for Roles {
    type Row = RoleRow;

    fn label(&self) -> &'static str {
        "IAM roles"
    }

    fn noun(&self) -> &'static str {
        "role"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::Copy,
            CommandId::CopyArn,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn per_account(&self) -> bool {
        true
    }

    /// IAM has no region: the column says so rather than repeat the listing's.
    fn region(&self, _row: &RoleRow) -> Option<String> {
        Some("global".into())
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| {
            adapters
                .iam
                .roles_page(ctx, token)
                .map(|page| page.map(|p| p.map(RoleRow::new)))
                .boxed()
        })
    }

    /// ListRoles leaves out RoleLastUsed; only GetRole has it. Asking GetRole for each role
    /// before showing the page would hold the rows back by a round trip per role, so the page
    /// shows at once and one follow-up per page asks GetRole for its roles, a few at a time
    /// (`FOLLOW_UP_CONCURRENCY`), filling LAST USED as the answers come.
    fn follow_up(&self, ctx: &ContextKey, rows: &[RoleRow]) -> Option<Op> {
        let names = filled::pending_keys(rows)?;
        Some(Op::Iam(IamOp::RolesLastUsed {
            ctx: ctx.clone(),
            names,
        }))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<RoleRow>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Iam(IamOutcome::RolesLastUsed { ctx, found }) = outcome else {
            return None;
        };
        filled::apply(listed, &ctx, found);
        Some(Vec::new())
    }

    fn details(&self, at: &At, row: &RoleRow) -> Effect {
        let (ctx, name) = (at.ctx.clone(), row.role.name.clone());
        DocumentView::open(
            format!(
                "role {} · {}",
                row.role.name,
                crate::panes::iam::place(at.ctx, at.account)
            ),
            row.role.arn.clone(),
            move || {
                Op::Iam(IamOp::RoleDetails {
                    ctx: ctx.clone(),
                    name: name.clone(),
                })
            },
            read_details,
        )
    }

    fn arn(&self, _at: &At, row: &RoleRow) -> Result<String, String> {
        Ok(row.role.arn.clone())
    }
}

pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Iam(IamOutcome::RoleDetails(result)) => Some(
            (*result)
                .map(|d| details(&d, crate::clock::now_secs()))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub fn details(d: &RoleDetails, now: i64) -> Document {
    let r = &d.role;
    let mut doc = Document::default();
    doc.push(Block::Heading("Role".into()));
    let used = match &r.last_used {
        Filled::Got(Some(u)) => format!(
            "{} ({}){}",
            ago(Some(u.at), now),
            crate::clock::local_time(u.at),
            u.region
                .as_deref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default()
        ),
        Filled::Got(None) => "never (in the last 400 days)".into(),
        Filled::Pending => "—".into(),
        Filled::Failed(e) => e.clone(),
    };
    doc.push(Block::Fields(vec![
        ("Name".into(), r.name.clone()),
        ("ARN".into(), r.arn.clone()),
        ("Id".into(), r.id.clone()),
        ("Path".into(), r.path.clone()),
        (
            "Description".into(),
            r.description.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "Created".into(),
            r.created
                .map(crate::clock::local_time)
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Max session".into(),
            r.max_session.map(session).unwrap_or_else(|| "—".into()),
        ),
        ("Last used".into(), used),
    ]));
    doc.push(Block::Heading("Trust policy".into()));
    match &r.trust_policy {
        Some(trust) => {
            for block in policy_document::blocks(trust) {
                doc.push(block);
            }
        }
        None => {
            doc.push(Block::Note("no trust policy".into()));
        }
    }
    permissions::push(&mut doc, &d.permissions);
    doc
}
