//! `:users` — IAM users: groups, MFA, access keys (active/total, the oldest active key's age —
//! flagged past 90 days — and the newest use of any key), when the password was last used.
//! ListUsers gives none of the key, group or MFA facts: one follow-up per page reads them,
//! a few users at a time. Enter: the keys in full, groups, MFA devices, attached and inline
//! policies.

use super::filled::{self, FilledLater};
use super::roles::day;
use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::iam::{AccessKey, Filled, User, UserDetails, UserExtras};
use crate::command::CommandId;
use crate::pane::Effect;
use crate::panes::document::DocumentView;
use crate::panes::iam::{ago, key_is_old, permissions};
use crate::protocol::iam::{IamOp, IamOutcome};
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::{Op, Outcome, Owner};
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub struct Users;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("GROUPS", Constraint::Fill(1)).priority(4),
    Column::new("MFA", Constraint::Length(3)).priority(7),
    Column::new("KEYS", Constraint::Length(4)).priority(8),
    Column::new("OLDEST KEY", Constraint::Length(10)).priority(8),
    Column::new("KEY LAST USED", Constraint::Length(13)).priority(6),
    Column::new("PASSWORD LAST USED", Constraint::Length(18)).priority(3),
    Column::new("CREATED", Constraint::Length(10)).priority(2),
];

/// The oldest active key (the one to rotate first).
fn oldest_active(extras: &UserExtras) -> Option<&AccessKey> {
    extras
        .keys
        .iter()
        .filter(|k| k.active())
        .min_by_key(|k| k.created.unwrap_or(i64::MAX))
}

/// The newest use of any of the user's keys: `Some(None)` when none was ever used.
fn key_last_used(extras: &UserExtras) -> Option<Option<i64>> {
    if extras.keys.is_empty() {
        return None;
    }
    Some(
        extras
            .keys
            .iter()
            .filter_map(|k| k.last_used.as_ref()?.at)
            .max(),
    )
}

/// `140d !` in the warning style when the oldest active key is past 90 days.
fn oldest_key_cell(extras: &UserExtras, now: i64) -> CellText {
    match oldest_active(extras) {
        None => CellText::plain("—"),
        Some(k) => {
            let age = k
                .created
                .map(|c| crate::ui::format::age(c, now))
                .unwrap_or_else(|| "?".into());
            if key_is_old(k.created, now) {
                CellText::styled(format!("{age} !"), "flash.warn")
            } else {
                CellText::plain(age)
            }
        }
    }
}

impl TableRow for User {
    fn cells(&self) -> Vec<CellText> {
        let now = crate::clock::now_secs();
        let facts = match &self.extras {
            Filled::Got(extras) => {
                let active = extras.keys.iter().filter(|k| k.active()).count();
                vec![
                    CellText::plain(if extras.groups.is_empty() {
                        "—".to_string()
                    } else {
                        extras.groups.join(", ")
                    }),
                    if extras.mfa_devices.is_empty() {
                        CellText::plain("no")
                    } else {
                        CellText::plain("yes")
                    },
                    CellText::plain(format!("{active}/{}", extras.keys.len())),
                    oldest_key_cell(extras, now),
                    CellText::plain(match key_last_used(extras) {
                        None => "—".into(),
                        Some(at) => ago(at, now),
                    }),
                ]
            }
            Filled::Pending => (0..5).map(|_| filled::pending_cell()).collect(),
            Filled::Failed(_) => (0..5).map(|_| filled::failed_cell()).collect(),
        };
        let mut cells = vec![CellText::plain(self.name.clone())];
        cells.extend(facts);
        cells.push(CellText::plain(ago(self.password_last_used, now)));
        cells.push(CellText::plain(day(self.created)));
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let extras = self.extras.got();
        match column {
            // Oldest key first when descending: the keys to rotate.
            4 => SortKey::Number(
                extras
                    .and_then(oldest_active)
                    .and_then(|k| k.created)
                    .map_or(i64::MIN, |c| -c),
            ),
            5 => SortKey::Number(extras.and_then(key_last_used).flatten().unwrap_or(-1)),
            6 => SortKey::Number(self.password_last_used.unwrap_or(-1)),
            7 => SortKey::Number(self.created.unwrap_or(0)),
            _ => crate::ui::table::cell_sort_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        let groups = self
            .extras
            .got()
            .map(|e| e.groups.join(" "))
            .unwrap_or_default();
        Cow::Owned(format!("{} {} {} {groups}", self.name, self.path, self.arn))
    }
}

impl FilledLater for User {
    type Value = UserExtras;

    fn fill_key(&self) -> &str {
        &self.name
    }

    fn is_pending(&self) -> bool {
        self.extras.is_pending()
    }

    fn fill(&mut self, answer: Result<UserExtras, String>) {
        self.extras = Filled::from_answer(answer);
    }
}

impl Kind for Users {
    type Row = User;

    fn label(&self) -> &'static str {
        "IAM users"
    }

    fn noun(&self) -> &'static str {
        "user"
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

    fn region(&self, _row: &User) -> Option<String> {
        Some("global".into())
    }

    fn page(&self) -> PageFn {
        page_fn(|adapters, ctx, token| adapters.iam.users_page(ctx, token))
    }

    /// Keys, groups and MFA devices are three to four calls per user (ListAccessKeys and
    /// GetAccessKeyLastUsed per key, ListGroupsForUser, ListMFADevices); the page shows first
    /// and one follow-up per page reads them a few users at a time. (The credential report
    /// has most of it in one file, but it must be generated first: a write, and minutes old.)
    fn follow_up(&self, ctx: &ContextKey, rows: &[User]) -> Option<Op> {
        let names = filled::pending_keys(rows)?;
        Some(Op::Iam(IamOp::UsersExtras {
            ctx: ctx.clone(),
            names,
        }))
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<User>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::Iam(IamOutcome::UsersExtras { ctx, found }) = outcome else {
            return None;
        };
        filled::apply(listed, &ctx, found);
        Some(Vec::new())
    }

    fn details(&self, at: &At, user: &User) -> Effect {
        let (ctx, listed) = (at.ctx.clone(), user.clone());
        DocumentView::open(
            format!(
                "user {} · {}",
                user.name,
                crate::panes::iam::place(at.ctx, at.account)
            ),
            user.arn.clone(),
            move || {
                Op::Iam(IamOp::UserDetails {
                    ctx: ctx.clone(),
                    user: Box::new(listed.clone()),
                })
            },
            read_details,
        )
    }

    fn arn(&self, _at: &At, user: &User) -> Result<String, String> {
        Ok(user.arn.clone())
    }
}

pub fn read_details(outcome: Outcome) -> Option<Result<Document, String>> {
    match outcome {
        Outcome::Iam(IamOutcome::UserDetails(result)) => Some(
            (*result)
                .map(|d| details(&d, crate::clock::now_secs()))
                .map_err(|e| e.summary()),
        ),
        _ => None,
    }
}

pub fn details(d: &UserDetails, now: i64) -> Document {
    let u = &d.user;
    let mut doc = Document::default();
    doc.push(Block::Heading("User".into()));
    doc.push(Block::Fields(vec![
        ("Name".into(), u.name.clone()),
        ("ARN".into(), u.arn.clone()),
        ("Id".into(), u.id.clone()),
        ("Path".into(), u.path.clone()),
        (
            "Created".into(),
            u.created
                .map(crate::clock::local_time)
                .unwrap_or_else(|| "—".into()),
        ),
        ("Password used".into(), ago(u.password_last_used, now)),
    ]));
    let extras = u.extras.got().cloned().unwrap_or_default();
    doc.push(Block::Heading("Access keys".into()));
    if extras.keys.is_empty() {
        doc.push(Block::Note("no access keys".into()));
    } else {
        doc.push(Block::Table {
            header: [
                "ID",
                "STATUS",
                "CREATED",
                "AGE",
                "LAST USED",
                "SERVICE",
                "REGION",
            ]
            .map(String::from)
            .to_vec(),
            rows: extras.keys.iter().map(|k| key_row(k, now)).collect(),
        });
        if extras
            .keys
            .iter()
            .any(|k| k.active() && key_is_old(k.created, now))
        {
            doc.push(Block::Note(format!(
                "! an active key older than {} days: rotate it",
                crate::panes::iam::OLD_KEY_DAYS
            )));
        }
    }
    doc.push(Block::Heading("Groups".into()));
    if extras.groups.is_empty() {
        doc.push(Block::Note("in no group".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["GROUP".into()],
            rows: extras.groups.iter().map(|g| vec![g.clone()]).collect(),
        });
    }
    doc.push(Block::Heading("MFA devices".into()));
    if extras.mfa_devices.is_empty() {
        doc.push(Block::Note("no MFA device".into()));
    } else {
        doc.push(Block::Table {
            header: vec!["SERIAL".into(), "ENABLED".into()],
            rows: extras
                .mfa_devices
                .iter()
                .map(|m| {
                    vec![
                        m.serial.clone(),
                        m.enabled
                            .map(crate::clock::local_time)
                            .unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
        });
    }
    permissions::push(&mut doc, &d.permissions);
    doc
}

fn key_row(k: &AccessKey, now: i64) -> Vec<String> {
    let age = k
        .created
        .map(|c| crate::ui::format::age(c, now))
        .unwrap_or_else(|| "?".into());
    let flagged = if k.active() && key_is_old(k.created, now) {
        format!("{age} !")
    } else {
        age
    };
    let used = k.last_used.clone();
    vec![
        k.id.clone(),
        k.status.clone(),
        day(k.created),
        flagged,
        match &used {
            Some(u) => ago(u.at, now),
            None => "?".into(),
        },
        used.as_ref()
            .and_then(|u| u.service.clone())
            .unwrap_or_else(|| "—".into()),
        used.and_then(|u| u.region).unwrap_or_else(|| "—".into()),
    ]
}
