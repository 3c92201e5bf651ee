//! The bucket list: name, region, creation date. Enter opens a bucket.

use super::objects::ObjectsPane;
use crate::aws::ContextKey;
use crate::aws::s3::{Bucket, validate_bucket_name};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

pub const COLUMNS: &[Column] = &[
    Column::new("BUCKET", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("REGION", Constraint::Length(16)).priority(6),
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

pub struct BucketsPane {
    id: PaneId,
    table: ResourceTable<Bucket>,
    loading: bool,
    error: Option<String>,
}

impl BucketsPane {
    pub fn new(id: PaneId) -> BucketsPane {
        BucketsPane {
            id,
            table: ResourceTable::default(),
            loading: false,
            error: None,
        }
    }

    fn load(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.loading = true;
        self.error = None;
        vec![Effect::Request(
            Request::new(
                Owner::Pane(self.id),
                Op::S3(S3Op::Buckets(cx.active.clone())),
            )
            .in_slot("list"),
        )]
    }
}

impl Pane for BucketsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "S3 buckets".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::S3, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::CreateBucket,
            CommandId::DeleteBucket,
            CommandId::Copy,
            CommandId::Help,
        ]
    }

    /// A listing that failed ends like one AWS refused; a write that was not sent was already
    /// said in the status line and leaves the rows as they were.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if matches!(failure.slot, Some("list")) {
            self.loading = false;
            self.error = Some(failure.summary());
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load(cx)),
            CommandId::Copy => Some(vec![Effect::Copy(format!(
                "s3://{}",
                self.table.selected_row()?.name
            ))]),
            CommandId::CreateBucket => {
                let (owner, ctx) = (self.id, cx.active.clone());
                Some(vec![Effect::Ask(crate::pane::Ask {
                    title: format!("New bucket in {}", ctx.region),
                    initial: String::new(),
                    complete_paths: false,
                    on_answer: Box::new(move |name: String| {
                        if let Err(e) = validate_bucket_name(&name) {
                            return vec![Effect::Flash(Level::Error, e)];
                        }
                        let op = Op::S3(S3Op::CreateBucket(ctx, name));
                        vec![Effect::Request(Request::new(Owner::Pane(owner), op))]
                    }),
                })])
            }
            CommandId::DeleteBucket => {
                let bucket = self.table.selected_row()?;
                let ctx = ContextKey {
                    profile: cx.active.profile.clone(),
                    region: bucket
                        .region
                        .clone()
                        .unwrap_or_else(|| cx.active.region.clone()),
                };
                let op = Op::S3(S3Op::DeleteBucket(ctx, bucket.name.clone()));
                Some(vec![Effect::Confirm(crate::pane::Confirm {
                    title: format!("Delete bucket {}", bucket.name),
                    lines: vec![
                        "The bucket must be empty; this cannot be undone.".into(),
                        format!("Type the bucket name ({}) to confirm.", bucket.name),
                    ],
                    typed: Some(bucket.name.clone()),
                    on_yes: vec![Effect::Request(Request::new(Owner::Pane(self.id), op))],
                })])
            }
            CommandId::Open => {
                let bucket = self.table.selected_row()?.clone();
                // Listing a bucket must go to its own region, or S3 answers with a redirect.
                let ctx = ContextKey {
                    profile: cx.active.profile.clone(),
                    region: bucket
                        .region
                        .clone()
                        .unwrap_or_else(|| cx.active.region.clone()),
                };
                Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(ObjectsPane::new(id, ctx, bucket.name, String::new()))
                }))])
            }
            _ => None,
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::S3(S3Outcome::BucketChanged {
                name,
                created,
                result: Ok(sent),
            }) => {
                let mut effects = self.load(cx);
                let verb = if created { "created" } else { "deleted" };
                effects.push(Effect::Flash(
                    Level::Success,
                    format!("bucket {name} {verb}{}", sent.note()),
                ));
                effects
            }
            Outcome::S3(S3Outcome::BucketChanged {
                name,
                result: Err(e),
                ..
            }) => {
                let mut effects = vec![Effect::Flash(
                    Level::Error,
                    format!("{name}: {}", e.summary()),
                )];
                // It may have happened: the list shows what is there now.
                if e.outcome_unknown() {
                    effects.extend(self.load(cx));
                }
                effects
            }
            Outcome::S3(S3Outcome::Buckets(Ok(mut buckets))) => {
                self.loading = false;
                buckets.sort_by(|a, b| a.name.cmp(&b.name));
                self.table.set_rows(buckets);
                Vec::new()
            }
            Outcome::S3(S3Outcome::Buckets(Err(e))) => {
                self.loading = false;
                self.error = Some(e.summary());
                vec![Effect::Flash(Level::Error, format!("S3: {}", e.summary()))]
            }
            _ => Vec::new(),
        }
    }

    fn context_switched(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.table.set_rows(Vec::new());
        self.load(cx)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = match (&self.error, self.loading) {
            (Some(e), _) => format!("S3 buckets · error: {e}"),
            (None, true) => "S3 buckets · loading…".to_string(),
            (None, false) => "S3 buckets".to_string(),
        };
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
