//! `:policies` — managed policies, customer managed first, then the AWS managed ones in use
//! here: name, type, how many identities they are attached to, default version, last update,
//! description. Enter: the default version's document (statements table and JSON) and what
//! the policy is attached to.

use super::filled::{self, FilledLater};
use super::roles::day;
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::iam::{Filled, Policy, PolicyDetails};
use crate::aws::page::Page;
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::iam::policy_document;
use crate::protocol::iam::{IamOp, IamOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use futures::FutureExt;
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Policies;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(2)).name().priority(9),
    Column::new("TYPE", Constraint::Length(8)).priority(7),
    Column::new("ATTACHED", Constraint::Length(8)).priority(8),
    Column::new("DEFAULT", Constraint::Length(7)).priority(3),
    Column::new("UPDATED", Constraint::Length(10)).priority(5),
    Column::new("DESCRIPTION", Constraint::Fill(2)).priority(4),
];

fn kind(p: &Policy) -> &'static str {
    if p.aws_managed { "AWS" } else { "customer" }
}

impl TableRow for Policy {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(kind(self)),
            CellText::plain(self.attachments.to_string()),
            CellText::plain(self.default_version.clone()),
            CellText::plain(day(self.updated.or(self.created))),
            match &self.description {
                Filled::Got(d) => CellText::plain(d.clone().unwrap_or_default()),
                Filled::Pending => filled::pending_cell(),
                Filled::Failed(_) => filled::failed_cell(),
            },
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.attachments.into()),
            4 => SortKey::Number(self.updated.or(self.created).unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let description = self
            .description
            .got()
            .cloned()
            .flatten()
            .unwrap_or_default();
        Cow::Owned(format!(
            "{} {} {} {description}",
            self.name,
            kind(self),
            self.arn
        ))
    }
}

/// Where the listing is: customer managed policies (`L` + marker) come first, then the AWS
/// managed ones (`A` + marker), as one token the engine passes back.
enum Phase {
    Local(Option<String>),
    Aws(Option<String>),
}

impl FilledLater for Policy {
    type Value = Option<String>;

    fn fill_key(&self) -> &str {
        &self.arn
    }

    fn is_pending(&self) -> bool {
        self.description.is_pending()
    }

    fn fill(&mut self, answer: Result<Option<String>, String>) {
        self.description = Filled::from_answer(answer);
    }
}

impl Phase {
    fn of(token: Option<String>) -> Phase {
        match token {
            None => Phase::Local(None),
            Some(t) => {
                let marker = (t.len() > 1).then(|| t[1..].to_string());
                if t.starts_with('A') {
                    Phase::Aws(marker)
                } else {
                    Phase::Local(marker)
                }
            }
        }
    }
}

impl Kind for Policies {
    type Row = Policy;

    fn label(&self) -> &'static str {
        "IAM policies"
    }

    fn noun(&self) -> &'static str {
        "policy"
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

    fn region(&self, _row: &Policy) -> Option<String> {
        Some("global".into())
    }

    /// Customer managed policies are what this account wrote: every one is listed, attached or
    /// not (an unattached one is what a clean-up looks for). AWS managed policies number over
    /// 1,300 and are the same in every account; only those attached here say anything about
    /// it, so Scope=AWS is asked with OnlyAttached.
    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| {
            let iam = adapters.iam.clone();
            async move {
                match Phase::of(token) {
                    Phase::Local(marker) => {
                        let page = iam.policies_page(ctx, false, marker).await?;
                        let next = Some(match page.next {
                            Some(m) => format!("L{m}"),
                            None => "A".to_string(),
                        });
                        Ok(Page::new(page.items, next))
                    }
                    Phase::Aws(marker) => {
                        let page = iam.policies_page(ctx, true, marker).await?;
                        let next = page.next.map(|m| format!("A{m}"));
                        Ok(Page::new(page.items, next))
                    }
                }
            }
            .boxed()
        })
    }

    /// ListPolicies leaves descriptions out (GetPolicy has them): filled in after the page
    /// shows, a few policies at a time.
    fn follow_up(&self, ctx: &ContextKey, rows: &[Policy]) -> Option<Op> {
        let arns = filled::pending_keys(rows)?;
        Some(Op::Iam(IamOp::PolicyDescriptions {
            ctx: ctx.clone(),
            arns,
        }))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Policy>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Iam(IamOutcome::PolicyDescriptions { ctx, found }) = outcome else {
            return None;
        };
        filled::apply(listed, &ctx, found);
        Some(Vec::new())
    }

    fn details(&self, at: &At, policy: &Policy) -> Effect {
        let (ctx, listed) = (at.ctx.clone(), policy.clone());
        DocumentView::open(
            format!(
                "policy {} · {}",
                policy.name,
                crate::panes::iam::place(at.ctx, at.account)
            ),
            policy.arn.clone(),
            move || {
                Op::Iam(IamOp::PolicyDetails {
                    ctx: ctx.clone(),
                    policy: Box::new(listed.clone()),
                })
            },
            read_details,
        )
    }

    fn arn(&self, _at: &At, policy: &Policy) -> Result<String, String> {
        Ok(policy.arn.clone())
    }
}

pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Iam(IamOutcome::PolicyDetails(result)) => {
            Some((*result).map(|d| details(&d)).map_err(|e| e.summary()))
        }
        _ => None,
    }
}

pub fn details(d: &PolicyDetails) -> Document {
    let p = &d.policy;
    let mut doc = Document::default();
    doc.push(Block::Heading("Policy".into()));
    let time = |t: Option<i64>| {
        t.map(crate::clock::local_time)
            .unwrap_or_else(|| "—".into())
    };
    doc.push(Block::Fields(vec![
        ("Name".into(), p.name.clone()),
        ("ARN".into(), p.arn.clone()),
        ("Type".into(), format!("{} managed", kind(p))),
        ("Path".into(), p.path.clone()),
        (
            "Description".into(),
            match &p.description {
                Filled::Got(d) => d.clone().unwrap_or_else(|| "—".into()),
                Filled::Failed(e) => format!("unreadable: {e}"),
                Filled::Pending => "—".into(),
            },
        ),
        ("Default version".into(), p.default_version.clone()),
        ("Attachments".into(), p.attachments.to_string()),
        ("Created".into(), time(p.created)),
        ("Updated".into(), time(p.updated)),
    ]));
    doc.push(Block::Heading(format!(
        "Document (default version {})",
        p.default_version
    )));
    for block in policy_document::blocks(&d.document) {
        doc.push(block);
    }
    doc.push(Block::Heading("Attached to".into()));
    let e = &d.entities;
    let rows: Vec<Vec<String>> = [("role", &e.roles), ("user", &e.users), ("group", &e.groups)]
        .iter()
        .flat_map(|(kind, names)| names.iter().map(|n| vec![kind.to_string(), n.clone()]))
        .collect();
    if rows.is_empty() {
        doc.push(Block::Note("attached to nothing".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["KIND".into(), "NAME".into()],
            rows,
        });
    }
    doc
}
