//! `:s3` — S3 buckets on the engine. Buckets belong to an account, not a region (ListBuckets
//! answers the same everywhere), so a view of several contexts lists once per profile and its
//! REGION column is each bucket's own. Enter opens the bucket in its own region with the row's
//! profile; buckets are created and deleted (typing the name) in the row's context.

use super::{At, Kind, Listed};
use crate::aws::ContextKey;
use crate::aws::page::Page;
use crate::aws::s3::{Bucket, validate_bucket_name};
use crate::command::{CommandId, Scope};
use crate::pane::PaneCx;
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::panes::s3::objects::ObjectsPane;
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use futures::FutureExt;
use ratatui::layout::Constraint;
use std::borrow::Cow;

pub const COLUMNS: &[Column] = &[
    Column::new("BUCKET", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("REGION", Constraint::Length(16))
        .fit()
        .priority(6),
    Column::new("CREATED", Constraint::Length(17)).priority(4),
];

impl TableRow for Bucket {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.name.clone()),
            CellText::plain(self.region.clone().unwrap_or_else(|| "—".into())),
            CellText::plain(
                self.created
                    .map(crate::clock::local_time)
                    .unwrap_or_default(),
            ),
        ]
    }

    fn id(&self) -> String {
        self.name.clone()
    }
}

/// REGION among the bucket's own columns.
const REGION: usize = 1;

pub struct Row {
    pub bucket: Bucket,
    /// In a view of several contexts the bucket's region is the view's REGION column.
    wide: bool,
}

impl Row {
    pub fn new(bucket: Bucket, wide: bool) -> Row {
        Row { bucket, wide }
    }
}

impl TableRow for Row {
    fn cells(&self) -> Vec<CellText> {
        let mut cells = self.bucket.cells();
        if self.wide {
            cells.remove(REGION);
        }
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let created = if self.wide { REGION } else { REGION + 1 };
        if column == created {
            return SortKey::Number(self.bucket.created.unwrap_or(0));
        }
        super::entry::cell_key(self, column)
    }

    fn id(&self) -> String {
        self.bucket.name.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        self.bucket.filter_text()
    }
}

pub struct Buckets {
    wide: bool,
}

impl Buckets {
    /// `wide`: the view spans contexts (`:s3 @…`).
    pub fn new(wide: bool) -> Buckets {
        Buckets { wide }
    }
}

/// Where a bucket's own calls go: its region (or S3 answers with a redirect), the row's
/// profile.
fn home(at: &At, b: &Bucket) -> ContextKey {
    ContextKey {
        profile: at.ctx.profile.clone(),
        region: b.region.clone().unwrap_or_else(|| at.ctx.region.clone()),
    }
}

fn ask_create(at: &At) -> Effect {
    let (owner, ctx) = (at.owner, at.ctx.clone());
    Effect::Ask(Ask {
        title: format!("New bucket in {}", ctx.region),
        initial: String::new(),
        complete_paths: false,
        on_answer: Box::new(move |name: String| {
            if let Err(e) = validate_bucket_name(&name) {
                return vec![Effect::Flash(Level::Error, e)];
            }
            let op = Op::S3(S3Op::CreateBucket(ctx, name));
            vec![Effect::Request(Request::new(owner, op))]
        }),
    })
}

fn confirm_delete(at: &At, b: &Bucket) -> Effect {
    let op = Op::S3(S3Op::DeleteBucket(home(at, b), b.name.clone()));
    Effect::Confirm(Confirm {
        title: format!("Delete bucket {}{}", b.name, at.suffix()),
        lines: vec![
            "The bucket must be empty; this cannot be undone.".into(),
            format!("Type the bucket name ({}) to confirm.", b.name),
        ],
        typed: Some(b.name.clone()),
        on_yes: vec![Effect::Request(Request::new(at.owner, op))],
    })
}

impl Kind for Buckets {
    type Row = Row;

    fn label(&self) -> &'static str {
        "S3 buckets"
    }

    fn noun(&self) -> &'static str {
        "bucket"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::S3, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        use CommandId as C;
        if self.wide {
            &[C::Open, C::Filter, C::Sort, C::Copy, C::Refresh, C::Help]
        } else {
            &[
                C::Open,
                C::Filter,
                C::Sort,
                C::CreateBucket,
                C::DeleteBucket,
                C::Copy,
                C::Help,
            ]
        }
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.wide || *i != REGION)
            .map(|(_, c)| c.clone())
            .collect()
    }

    fn per_account(&self) -> bool {
        true
    }

    fn page(&self) -> PageFn {
        let wide = self.wide;
        page_fn(move |adapters, ctx, _token| {
            adapters
                .s3
                .list_buckets(ctx)
                .map(move |listed| {
                    listed.map(|mut all| {
                        all.sort_by(|a, b| a.name.cmp(&b.name));
                        Page::last(all.into_iter().map(|b| Row::new(b, wide)).collect())
                    })
                })
                .boxed()
        })
    }

    fn region(&self, row: &Row) -> Option<String> {
        Some(row.bucket.region.clone().unwrap_or_else(|| "—".into()))
    }

    fn details(&self, at: &At, row: &Row) -> Effect {
        let (ctx, name) = (home(at, &row.bucket), row.bucket.name.clone());
        Effect::Push(Box::new(move |id: PaneId| {
            Box::new(ObjectsPane::new(id, ctx, name, String::new()))
        }))
    }

    fn arn(&self, at: &At, row: &Row) -> Result<String, String> {
        Ok(format!(
            "arn:{}:s3:::{}",
            crate::aws::partition(&at.ctx.region),
            row.bucket.name
        ))
    }

    fn copy(&self, row: &Row) -> String {
        format!("s3://{}", row.bucket.name)
    }

    fn commands(&self) -> &'static [CommandId] {
        &[CommandId::CreateBucket, CommandId::DeleteBucket]
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&Row],
        _cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        Some(vec![match command {
            CommandId::CreateBucket => ask_create(at),
            _ => confirm_delete(at, &rows.first()?.bucket),
        }])
    }

    /// A view with no rows yet can still create a bucket, in the active context.
    fn act_on_nothing(&mut self, command: CommandId, at: &At) -> Option<Vec<Effect>> {
        (command == CommandId::CreateBucket).then(|| vec![ask_create(at)])
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<Row>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        let Outcome::S3(S3Outcome::BucketChanged {
            name,
            created,
            result,
        }) = outcome
        else {
            return None;
        };
        Some(match result {
            Ok(sent) => {
                listed.relist_all();
                let verb = if created { "created" } else { "deleted" };
                vec![Effect::Flash(
                    Level::Success,
                    format!("bucket {name} {verb}{}", sent.note()),
                )]
            }
            Err(e) => {
                // It may have happened: the list shows what is there now.
                if e.outcome_unknown() {
                    listed.relist_all();
                }
                vec![Effect::Flash(
                    Level::Error,
                    format!("{name}: {}", e.summary()),
                )]
            }
        })
    }
}
