//! The versions of one object: newest first, delete markers shown as such. Enter opens a
//! version's details and preview; `d` downloads that version.

use crate::aws::ContextKey;
use crate::aws::s3::ObjectVersion;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("VERSION", Constraint::Fill(1))
        .name()
        .priority(9),
    Column::new("", Constraint::Length(14)).fit().priority(7),
    Column::new("SIZE", Constraint::Length(10)).priority(6),
    Column::new("MODIFIED", Constraint::Length(17)).priority(5),
];

impl TableRow for ObjectVersion {
    fn cells(&self) -> Vec<CellText> {
        let state = match (self.delete_marker, self.latest) {
            (true, _) => CellText::styled("delete marker", "state.stopped"),
            (false, true) => CellText::styled("latest", "state.ok"),
            (false, false) => CellText::plain(""),
        };
        vec![
            CellText::plain(self.version_id.clone()),
            state,
            CellText::plain(if self.delete_marker {
                "—".to_string()
            } else {
                format::size(self.size)
            }),
            CellText::plain(
                self.last_modified
                    .map(crate::clock::local_time)
                    .unwrap_or_default(),
            ),
        ]
    }

    fn id(&self) -> String {
        self.version_id.clone()
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            2 => SortKey::Number(self.size),
            3 => SortKey::Number(self.last_modified.unwrap_or(i64::MIN)),
            _ => SortKey::Text(self.version_id.clone()),
        }
    }
}

/// Makes the view of one object version (id, context, bucket, key, version). The object view
/// opens this list and this list opens it: the opener hands it in, so neither file imports the
/// other.
pub type OpenVersion = fn(PaneId, ContextKey, String, String, Option<String>) -> Box<dyn Pane>;

/// Opens the versions view of `key`; Enter on a version opens it with `open_version`.
pub fn open(ctx: &ContextKey, bucket: &str, key: &str, open_version: OpenVersion) -> Vec<Effect> {
    let (ctx, bucket, key) = (ctx.clone(), bucket.to_string(), key.to_string());
    vec![Effect::Push(Box::new(move |id| {
        Box::new(VersionsPane {
            id,
            ctx,
            bucket,
            key,
            open_version,
            table: ResourceTable::default(),
            loading: true,
            failure: None,
            transfer: None,
        })
    }))]
}

pub struct VersionsPane {
    id: PaneId,
    ctx: ContextKey,
    bucket: String,
    key: String,
    open_version: OpenVersion,
    table: ResourceTable<ObjectVersion>,
    loading: bool,
    /// Why the last load ended without an answer.
    failure: Option<String>,
    transfer: Option<super::downloads::Transfer>,
}

impl VersionsPane {
    fn load(&mut self) -> Vec<Effect> {
        self.loading = true;
        self.failure = None;
        let op = Op::S3(S3Op::Versions {
            ctx: self.ctx.clone(),
            bucket: self.bucket.clone(),
            key: self.key.clone(),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    /// The selected version, unless it is a delete marker (which has no content); the error
    /// is the message to flash.
    fn content_version(&self) -> Result<&ObjectVersion, &'static str> {
        match self.table.selected_row() {
            Some(v) if !v.delete_marker => Ok(v),
            Some(_) => Err("a delete marker has no content"),
            None => Err("no version selected"),
        }
    }
}

impl Pane for VersionsPane {
    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "versions".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::S3, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Download,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("list") {
            self.loading = false;
            self.failure = Some(failure.summary());
        }
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::Copy => Some(vec![Effect::Copy(
                self.table.selected_row()?.version_id.clone(),
            )]),
            CommandId::Open => Some(match self.content_version() {
                Ok(v) => {
                    let (ctx, bucket, key) =
                        (self.ctx.clone(), self.bucket.clone(), self.key.clone());
                    let version = Some(v.version_id.clone());
                    let open_version = self.open_version;
                    vec![Effect::Push(Box::new(move |id| {
                        open_version(id, ctx, bucket, key, version)
                    }))]
                }
                Err(e) => vec![Effect::Flash(Level::Warn, e.into())],
            }),
            CommandId::Download => Some(match self.content_version() {
                Ok(v) => {
                    let base = self
                        .key
                        .rsplit_once('/')
                        .map(|(p, _)| format!("{p}/"))
                        .unwrap_or_default();
                    super::downloads::ask(
                        self.id,
                        &self.ctx,
                        &self.bucket,
                        &base,
                        vec![(self.key.clone(), v.size)],
                        Vec::new(),
                        Some(v.version_id.clone()),
                    )
                }
                Err(e) => vec![Effect::Flash(Level::Warn, e.into())],
            }),
            CommandId::CancelTransfer => {
                Some(super::downloads::cancel(self.id, &mut self.transfer))
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

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let mut outcome = Some(outcome);
        if let Some(effects) = super::downloads::apply(self.id, &mut self.transfer, &mut outcome) {
            return effects;
        }
        match outcome {
            Some(Outcome::S3(S3Outcome::Versions(Ok(versions)))) => {
                self.loading = false;
                self.table.set_rows(versions);
                Vec::new()
            }
            Some(Outcome::S3(S3Outcome::Versions(Err(e)))) => {
                self.loading = false;
                vec![Effect::Flash(
                    Level::Error,
                    format!("versions: {}", e.summary()),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut title = format!("versions of s3://{}/{}", self.bucket, self.key);
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        } else if self.loading {
            title.push_str(" · loading…");
        }
        let area = super::downloads::Transfer::render_bar(&self.transfer, frame, area, theme);
        self.table
            .set_loading(self.failure.is_none() && self.loading);
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}
