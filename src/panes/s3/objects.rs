//! A bucket's objects, one prefix at a time. The listing streams: the first page is on screen as
//! soon as it arrives and later pages follow in the background with a live count; leaving the
//! prefix cancels it. Past the row cap it stops and offers to load more.

use super::object::ObjectView;
use crate::aws::ContextKey;
use crate::aws::s3::{Entry, ObjectSummary, object_arn};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::s3::{DeletePlan, DeleteTally};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, SortKey, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("SIZE", Constraint::Length(10)).priority(6),
    Column::new("MODIFIED", Constraint::Length(17)).priority(5),
    Column::new("CLASS", Constraint::Length(12)).priority(3),
];

pub struct ObjectRow {
    /// Name relative to the listed prefix (what the user reads).
    name: String,
    entry: Entry,
}

impl ObjectRow {
    fn new(prefix: &str, entry: Entry) -> ObjectRow {
        let full = match &entry {
            Entry::Prefix(p) => p.as_str(),
            Entry::Object(o) => o.key.as_str(),
        };
        let name = full.strip_prefix(prefix).unwrap_or(full).to_string();
        ObjectRow { name, entry }
    }

    fn key(&self) -> &str {
        match &self.entry {
            Entry::Prefix(p) => p,
            Entry::Object(o) => &o.key,
        }
    }
}

impl TableRow for ObjectRow {
    fn cells(&self) -> Vec<CellText> {
        match &self.entry {
            Entry::Prefix(_) => vec![
                CellText::styled(self.name.clone(), "title"),
                CellText::plain("—"),
                CellText::plain(""),
                CellText::plain("PREFIX"),
            ],
            Entry::Object(ObjectSummary {
                size,
                last_modified,
                storage_class,
                ..
            }) => vec![
                CellText::plain(self.name.clone()),
                CellText::plain(format::size(*size)),
                CellText::plain(
                    last_modified
                        .map(crate::clock::local_time)
                        .unwrap_or_default(),
                ),
                CellText::plain(storage_class.clone().unwrap_or_default()),
            ],
        }
    }

    fn id(&self) -> String {
        self.key().to_string()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.name)
    }

    /// Ascending, prefixes come before objects in every column (folders first, as in file
    /// managers); reversing the order puts them last.
    fn sort_key(&self, column: usize) -> SortKey {
        let (size, modified, class) = match &self.entry {
            Entry::Prefix(_) => (-1, i64::MIN, String::new()),
            Entry::Object(o) => (
                o.size,
                o.last_modified.unwrap_or(i64::MIN + 1),
                o.storage_class.clone().unwrap_or_default(),
            ),
        };
        match column {
            1 => SortKey::Number(size),
            2 => SortKey::Number(modified),
            3 => SortKey::Text(class),
            _ => SortKey::Text(self.name.to_lowercase()),
        }
    }
}

/// What `:cd` accepts: `logs/2026`, `/logs/2026/`, `s3://this-bucket/logs/`, or `/` for the root.
fn prefix_from(arg: &str, bucket: &str) -> Result<String, String> {
    let arg = arg.trim();
    let path = match arg.strip_prefix("s3://") {
        Some(rest) => {
            let (b, path) = rest.split_once('/').unwrap_or((rest, ""));
            if b != bucket {
                return Err(format!(
                    "'{b}' is another bucket; :cd moves within s3://{bucket} (open buckets with :s3)"
                ));
            }
            path
        }
        None => arg,
    };
    let path = path.trim_start_matches('/');
    Ok(if path.is_empty() || path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    })
}

enum Listing {
    Loading,
    /// Stopped at the cap; the token continues where it stopped.
    Capped(String),
    Done,
    Failed(String),
}

pub struct ObjectsPane {
    id: PaneId,
    ctx: ContextKey,
    bucket: String,
    prefix: String,
    table: ResourceTable<ObjectRow>,
    listing: Listing,
    /// Rows before the listing pauses; `None`: the configured `s3.row_cap`.
    cap: Option<usize>,
    transfer: Option<super::downloads::Transfer>,
    /// The prefix just left for its parent: the cursor goes back onto it when its row arrives.
    left: Option<String>,
}

impl ObjectsPane {
    pub fn new(id: PaneId, ctx: ContextKey, bucket: String, prefix: String) -> ObjectsPane {
        ObjectsPane {
            id,
            ctx,
            bucket,
            prefix,
            table: ResourceTable::default(),
            listing: Listing::Loading,
            cap: None,
            transfer: None,
            left: None,
        }
    }

    pub fn with_cap(mut self, cap: usize) -> Self {
        self.cap = Some(cap.max(1));
        self
    }

    /// `s3://bucket/prefix/`
    pub fn location(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.prefix)
    }

    fn list(&mut self, start: Option<String>, cx: &PaneCx) -> Vec<Effect> {
        if start.is_none() {
            self.table.set_rows(Vec::new());
        }
        self.listing = Listing::Loading;
        let op = Op::S3(S3Op::List {
            ctx: self.ctx.clone(),
            bucket: self.bucket.clone(),
            prefix: self.prefix.clone(),
            start,
            cap: self.cap.unwrap_or(cx.s3.row_cap).max(1),
        });
        // The slot makes a new listing (another prefix, a refresh) cancel the one in progress.
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("list"),
        )]
    }

    fn go_to(&mut self, prefix: String, cx: &PaneCx) -> Vec<Effect> {
        self.left = None;
        self.prefix = prefix;
        self.table.set_filter("");
        self.list(None, cx)
    }

    /// First list exactly what would go (marked prefixes expand), then ask.
    fn plan_delete(&self) -> Vec<Effect> {
        let mut keys = Vec::new();
        let mut prefixes = Vec::new();
        for row in self.table.targets() {
            match &row.entry {
                Entry::Object(o) => keys.push(o.key.clone()),
                Entry::Prefix(p) => prefixes.push(p.clone()),
            }
        }
        if keys.is_empty() && prefixes.is_empty() {
            return vec![Effect::Flash(Level::Warn, "nothing selected".into())];
        }
        // Counting a big prefix takes seconds: say what is happening, or the key gets pressed
        // again.
        let counting = (!prefixes.is_empty()).then(|| {
            Effect::Flash(
                Level::Info,
                "counting what would be deleted… (the confirmation follows)".into(),
            )
        });
        let op = Op::S3(S3Op::DeletePlan {
            ctx: self.ctx.clone(),
            bucket: self.bucket.clone(),
            keys,
            prefixes,
        });
        counting
            .into_iter()
            .chain([Effect::Request(
                Request::new(Owner::Pane(self.id), op).in_slot("delete"),
            )])
            .collect()
    }

    /// Lists what goes: the objects by name, and for each prefix "everything under it" with
    /// the count taken just now (and a few of its keys). The typed number is the total; the
    /// delete never goes beyond what was counted.
    fn confirm_delete(&self, plan: DeletePlan) -> Vec<Effect> {
        let count = plan.total();
        if count == 0 {
            return vec![Effect::Flash(Level::Info, "nothing to delete".into())];
        }
        let mut lines = vec![format!(
            "This permanently deletes {} object(s):",
            format::count(count)
        )];
        lines.extend(plan.keys.iter().take(5).map(|k| format!("  {k}")));
        if plan.keys.len() > 5 {
            lines.push(format!(
                "  … and {} more",
                format::count(plan.keys.len() - 5)
            ));
        }
        for counted in &plan.prefixes {
            lines.push(format!(
                "  everything under {} — {} object(s), {} counted now:",
                counted.prefix,
                format::count(counted.objects),
                format::size(counted.bytes as i64)
            ));
            lines.extend(counted.sample.iter().map(|k| format!("    {k}")));
            if counted.objects > counted.sample.len() {
                lines.push(format!(
                    "    … and {} more",
                    format::count(counted.objects - counted.sample.len())
                ));
            }
        }
        if !plan.prefixes.is_empty() {
            lines.push("Objects written under these prefixes after this count are kept.".into());
        }
        let op = Op::S3(S3Op::Delete {
            ctx: self.ctx.clone(),
            bucket: self.bucket.clone(),
            plan,
        });
        vec![Effect::Confirm(crate::pane::Confirm {
            title: format!("Delete from s3://{}", self.bucket),
            lines,
            typed: Some(count.to_string()),
            on_yes: vec![Effect::Request(
                Request::new(Owner::Pane(self.id), op).in_slot("delete"),
            )],
        })]
    }

    /// The marked rows (or the selected one): objects as they are, prefixes with everything
    /// under them, keeping the layout below the listed prefix.
    fn download(&self) -> Vec<Effect> {
        let mut objects = Vec::new();
        let mut expand = Vec::new();
        for row in self.table.targets() {
            match &row.entry {
                Entry::Object(o) => objects.push((o.key.clone(), o.size)),
                Entry::Prefix(p) => expand.push(p.clone()),
            }
        }
        super::downloads::ask(
            self.id,
            &self.ctx,
            &self.bucket,
            &self.prefix,
            objects,
            expand,
            None,
        )
    }

    fn presign(&self, arg: Option<&str>) -> Vec<Effect> {
        match self.table.selected_row().map(|r| &r.entry) {
            Some(Entry::Object(o)) => super::presign(
                self.id,
                super::Target {
                    ctx: &self.ctx,
                    bucket: &self.bucket,
                    key: &o.key,
                    version: None,
                },
                arg,
            ),
            _ => vec![Effect::Flash(
                Level::Warn,
                "select an object to presign".into(),
            )],
        }
    }

    /// The prefix one level up, or `None` at the bucket root.
    fn parent(&self) -> Option<String> {
        let trimmed = self.prefix.strip_suffix('/')?;
        Some(match trimmed.rfind('/') {
            Some(i) => trimmed[..=i].to_string(),
            None => String::new(),
        })
    }
}

impl Pane for ObjectsPane {
    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        Some(format!(":open {}", ObjectsPane::location(self)))
    }

    fn title(&self) -> String {
        self.location()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::S3, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Parent,
            CommandId::Filter,
            CommandId::Download,
            CommandId::Mark,
            CommandId::Delete,
            CommandId::Copy,
            CommandId::Presign,
            CommandId::LoadMore,
            CommandId::Help,
        ]
    }

    /// A listing that failed without an answer ends like one AWS refused; a delete that was
    /// not sent was said in the status line.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("list") {
            self.listing = Listing::Failed(failure.summary());
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.list(None, cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Cd => Some(vec![Effect::Flash(
                Level::Info,
                "type the prefix: :cd logs/2026/".into(),
            )]),
            CommandId::Refresh => Some(self.list(None, cx)),
            CommandId::Parent | CommandId::Back => match self.parent() {
                Some(parent) => {
                    let left = self.prefix.clone();
                    let effects = self.go_to(parent, cx);
                    self.left = Some(left);
                    Some(effects)
                }
                // At the root, Back closes the view; Backspace stays put.
                None if command == CommandId::Back => None,
                None => Some(Vec::new()),
            },
            CommandId::Open => match &self.table.selected_row()?.entry {
                Entry::Prefix(p) => {
                    let p = p.clone();
                    Some(self.go_to(p, cx))
                }
                Entry::Object(o) => {
                    let (ctx, bucket, key) = (self.ctx.clone(), self.bucket.clone(), o.key.clone());
                    Some(vec![Effect::Push(Box::new(move |id| {
                        Box::new(ObjectView::new(id, ctx, bucket, key, None))
                    }))])
                }
            },
            CommandId::LoadMore => match &self.listing {
                Listing::Capped(token) => {
                    let token = token.clone();
                    Some(self.list(Some(token), cx))
                }
                _ => Some(vec![Effect::Flash(
                    Level::Info,
                    "the listing is complete".into(),
                )]),
            },
            CommandId::Copy => {
                let key = self.table.selected_row()?.key().to_string();
                Some(vec![Effect::Copy(format!("s3://{}/{key}", self.bucket))])
            }
            CommandId::CopyArn => {
                let key = self.table.selected_row()?.key().to_string();
                Some(vec![Effect::Copy(object_arn(
                    &self.ctx.region,
                    &self.bucket,
                    &key,
                ))])
            }
            CommandId::Presign => Some(self.presign(None)),
            CommandId::CopyUrl => match &self.table.selected_row()?.entry {
                Entry::Object(o) => Some(super::copy_url(self.id, &self.ctx, &self.bucket, &o.key)),
                Entry::Prefix(p) => Some(super::copy_url(self.id, &self.ctx, &self.bucket, p)),
            },
            CommandId::Download => Some(self.download()),
            CommandId::Delete => Some(self.plan_delete()),
            CommandId::Versions => match &self.table.selected_row()?.entry {
                Entry::Object(o) => Some(super::versions::open(
                    &self.ctx,
                    &self.bucket,
                    &o.key,
                    super::object::ObjectView::boxed,
                )),
                Entry::Prefix(_) => Some(vec![Effect::Flash(
                    Level::Warn,
                    "versions belong to objects; select one".into(),
                )]),
            },
            CommandId::Upload => Some(super::downloads::ask_upload(
                self.id,
                &self.ctx,
                &self.bucket,
                &self.prefix,
            )),
            CommandId::CancelTransfer => {
                Some(super::downloads::cancel(self.id, &mut self.transfer))
            }
            _ => None,
        }
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Presign => Some(self.presign(Some(arg))),
            CommandId::Cd => Some(match prefix_from(arg, &self.bucket) {
                Ok(prefix) => self.go_to(prefix, cx),
                Err(e) => vec![Effect::Flash(Level::Error, e)],
            }),
            _ => None,
        }
    }

    fn awaiting_rows(&self) -> bool {
        matches!(self.listing, Listing::Loading) && self.table.rows().is_empty()
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        let mut outcome = Some(outcome);
        if let Some(effects) = super::downloads::apply(self.id, &mut self.transfer, &mut outcome) {
            return effects;
        }
        let Some(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            Outcome::S3(S3Outcome::Page(entries)) => {
                let prefix = &self.prefix;
                let rows = entries
                    .into_iter()
                    .map(|e| ObjectRow::new(prefix, e))
                    .collect();
                self.table.append_rows(rows);
                if let Some(left) = &self.left
                    && self.table.select_id(left)
                {
                    self.left = None;
                }
                Vec::new()
            }
            Outcome::S3(S3Outcome::Listed {
                result: Ok(()),
                resume,
            }) => {
                self.listing = match resume {
                    Some(token) => Listing::Capped(token),
                    None => Listing::Done,
                };
                Vec::new()
            }
            Outcome::S3(S3Outcome::Presigned { result, expires }) => {
                super::presigned(result, expires)
            }
            Outcome::S3(S3Outcome::ObjectUrl(result)) => super::url_copied(result),
            Outcome::S3(S3Outcome::DeletePlanned(Ok(plan))) => self.confirm_delete(plan),
            Outcome::S3(S3Outcome::Uploaded {
                files,
                bytes,
                failed,
            }) => {
                self.transfer = None;
                let mut effects = self.list(None, cx);
                effects.push(super::downloads::uploaded_flash(files, bytes, &failed));
                effects
            }
            Outcome::S3(S3Outcome::DeletePlanned(Err(e))) => {
                vec![Effect::Flash(
                    Level::Error,
                    format!("delete: {}", e.summary()),
                )]
            }
            Outcome::S3(S3Outcome::Deleted(tally)) => {
                self.table.clear_marks();
                let mut effects = self.list(None, cx);
                effects.push(deleted_flash(&tally));
                effects
            }
            Outcome::S3(S3Outcome::Listed { result: Err(e), .. }) => {
                self.listing = Listing::Failed(e.summary());
                vec![Effect::Flash(Level::Error, format!("S3: {}", e.summary()))]
            }
            _ => Vec::new(),
        }
    }

    fn context_switched(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        // This view belongs to the bucket's account; after a switch the app shows the new
        // context's views, so there is nothing to reload here.
        Vec::new()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let location = self.location();
        let title = match &self.listing {
            Listing::Loading => format!("{location} · loading…"),
            Listing::Capped(_) => format!("{location} · stopped at the row cap (m loads more)"),
            Listing::Done => location,
            Listing::Failed(e) => format!("{location} · error: {e}"),
        };
        let area = super::downloads::Transfer::render_bar(&self.transfer, frame, area, theme);
        self.table
            .set_loading(matches!(self.listing, Listing::Loading));
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}

/// What a delete did: deleted, kept because written after the count, failed.
fn deleted_flash(tally: &DeleteTally) -> Effect {
    let mut text = format!("deleted {} object(s)", format::count(tally.deleted));
    if tally.kept > 0 {
        text.push_str(&format!(
            " · kept {} written after the count",
            format::count(tally.kept)
        ));
    }
    match tally.failed.first() {
        None if tally.kept > 0 => Effect::Flash(Level::Warn, text),
        None => Effect::Flash(Level::Success, text),
        Some((key, error)) => Effect::Flash(
            Level::Error,
            format!(
                "{text} · {} failed (first: {key}: {error})",
                format::count(tally.failures)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_from;

    #[test]
    fn cd_arguments() {
        assert_eq!(prefix_from("logs/2026", "b").unwrap(), "logs/2026/");
        assert_eq!(prefix_from("/logs/2026/", "b").unwrap(), "logs/2026/");
        assert_eq!(prefix_from("/", "b").unwrap(), "");
        assert_eq!(prefix_from("s3://b/x/y", "b").unwrap(), "x/y/");
        assert_eq!(prefix_from("s3://b", "b").unwrap(), "");
        assert!(prefix_from("s3://other/x", "b").is_err());
    }
}
