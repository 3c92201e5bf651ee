//! One secret: its metadata (KMS key, rotation and its Lambda, replication, tags) and its
//! versions, read when the view opens; its value only when the user asks. `x` on a version (or
//! anywhere before a value was read: AWSCURRENT) sends GetSecretValue; a JSON object becomes
//! one row per key, a plain string one row, each masked until `x` on it (`X`: all); binary says
//! its size and is never shown. `y` copies a value only once it is on screen, and the flash
//! names what was copied, not the value. The value lives in this view only: leaving it,
//! refreshing or reading another version forgets it, and a view opened over it or a jump
//! away masks every key again (`Pane::covered`); the title always says which are shown.

pub mod cells;
mod value;

use crate::aws::ContextKey;
use crate::aws::secrets::{Secret, SecretDetails, SecretValue, SecretVersion};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::protocol::secrets::{SecretsOp, SecretsOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use cells::{date, rotation, time};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use value::{Fetched, Line};

const COLUMNS: &[Column] = &[
    Column::new("FIELD", Constraint::Length(22))
        .name()
        .priority(9),
    Column::new("VALUE", Constraint::Fill(1)).priority(8),
];

impl TableRow for Line {
    fn cells(&self) -> Vec<CellText> {
        match self {
            Line::Field { name, value } => {
                vec![
                    CellText::plain(name.clone()),
                    CellText::plain(value.clone()),
                ]
            }
            Line::Version(v) => vec![
                CellText::plain(format!("version {}", short_id(&v.id))),
                CellText::plain(version_text(v)),
            ],
            Line::Value {
                key,
                value,
                revealed,
            } => vec![
                CellText::styled(format!("› {key}"), "title"),
                crate::panes::masked::cell(
                    &crate::panes::masked::one_line(value.expose()),
                    *revealed,
                ),
            ],
            Line::Binary { size } => vec![
                CellText::styled("› binary", "title"),
                CellText::styled(
                    format!(
                        "{} of SecretBinary, not shown",
                        crate::ui::format::size(*size as i64)
                    ),
                    "text.dim",
                ),
            ],
        }
    }

    fn id(&self) -> String {
        match self {
            Line::Field { name, .. } => format!("field:{name}"),
            Line::Version(v) => format!("version:{}", v.id),
            Line::Value { key, .. } => format!("value:{key}"),
            Line::Binary { .. } => "value:binary".into(),
        }
    }

    /// Names only: typing part of a value must not tell which row holds it.
    fn filter_text(&self) -> Cow<'_, str> {
        match self {
            Line::Field { name, value } => Cow::Owned(format!("{name} {value}")),
            Line::Version(v) => Cow::Owned(format!("{} {}", v.id, v.stages.join(" "))),
            Line::Value { key, .. } => Cow::Borrowed(key),
            Line::Binary { .. } => Cow::Borrowed("binary"),
        }
    }
}

/// The first 8 characters of a version id (a UUID): enough to tell versions apart in FIELD.
fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
}

/// `AWSCURRENT · created 2026-11-23 05:12 · a1b2c3d4-…` (the whole id last: it is long).
fn version_text(v: &SecretVersion) -> String {
    let stages = if v.stages.is_empty() {
        "(no stage: deprecated)".to_string()
    } else {
        v.stages.join(", ")
    };
    format!("{stages} · created {} · {}", time(v.created), v.id)
}

/// The metadata as rows, in the order a person reads them.
fn fields(s: &Secret) -> Vec<Line> {
    let mut rows = Vec::new();
    let mut field = |name: &str, value: String| {
        rows.push(Line::Field {
            name: name.into(),
            value,
        })
    };
    field("name", s.name.clone());
    field("ARN", s.arn.clone());
    if let Some(d) = &s.description {
        field("description", d.clone());
    }
    field(
        "KMS key",
        s.kms_key
            .clone()
            .unwrap_or_else(|| "aws/secretsmanager (the default key)".into()),
    );
    field("created", time(s.created));
    field("last changed", time(s.last_changed));
    field("last accessed", date(s.last_accessed));
    field("rotation", rotation(s));
    if s.rotation_enabled {
        field("next rotation", date(s.next_rotation));
    }
    if let Some(lambda) = &s.rotation_lambda {
        field("rotation lambda", lambda.clone());
    }
    if let Some(deleted) = s.deleted {
        field("deletion scheduled", date(Some(deleted)));
    }
    if let Some(primary) = &s.primary_region {
        field("primary region", primary.clone());
    }
    for (region, status) in &s.replicas {
        field(&format!("replica {region}"), status.clone());
    }
    for (key, value) in &s.tags {
        field(&format!("tag {key}"), value.clone());
    }
    rows
}

enum Load {
    Loading,
    Loaded,
    Failed(String),
}

pub struct SecretPane {
    id: PaneId,
    ctx: ContextKey,
    secret: Secret,
    versions: Vec<SecretVersion>,
    /// ` · profile · account · region` when opened from a view of several contexts.
    suffix: String,
    table: ResourceTable<Line>,
    load: Load,
    /// The value read (and which version), held only while this view is open.
    fetched: Option<Fetched>,
    /// A GetSecretValue on its way: which version (`None`: AWSCURRENT).
    fetching: Option<Option<String>>,
}

impl SecretPane {
    pub fn open(ctx: ContextKey, secret: Secret, suffix: String) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(SecretPane::new(id, ctx, secret, suffix))
        }))
    }

    pub fn new(id: PaneId, ctx: ContextKey, secret: Secret, suffix: String) -> SecretPane {
        let mut pane = SecretPane {
            id,
            ctx,
            secret,
            versions: Vec::new(),
            suffix,
            table: ResourceTable::default(),
            load: Load::Loading,
            fetched: None,
            fetching: None,
        };
        pane.rebuild();
        pane
    }

    fn load(&mut self) -> Vec<Effect> {
        self.load = Load::Loading;
        self.forget();
        let op = Op::Secrets(SecretsOp::Details {
            ctx: self.ctx.clone(),
            secret: self.secret.name.clone(),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op)
                .in_slot("details")
                .outliving_switch(),
        )]
    }

    /// Drops the value read, if any.
    fn forget(&mut self) {
        self.fetched = None;
        self.rebuild();
    }

    /// Every row again from the metadata, versions and value, keeping the selection.
    fn rebuild(&mut self) {
        let selected = self.table.selected_row().map(TableRow::id);
        let mut rows = fields(&self.secret);
        rows.extend(self.versions.iter().cloned().map(Line::Version));
        if let Some(fetched) = &self.fetched {
            rows.extend(fetched.lines.iter().cloned());
        }
        self.table.set_rows(rows);
        if let Some(id) = selected {
            self.table.select_id(&id);
        }
    }

    fn fetch(&mut self, version: Option<String>) -> Vec<Effect> {
        self.fetching = Some(version.clone());
        let op = Op::Secrets(SecretsOp::Value {
            ctx: self.ctx.clone(),
            secret: self.secret.arn_or_name(),
            version,
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op)
                .in_slot("value")
                .outliving_switch(),
        )]
    }

    /// `x`: a value row shows or hides; a version row reads that version; elsewhere, before
    /// anything was read, AWSCURRENT is read.
    fn reveal(&mut self) -> Vec<Effect> {
        match self.table.selected_row().cloned() {
            // In what was read, not only in the table: the title's summary counts those,
            // and a rebuild (the details answering, a cover) starts from them.
            Some(Line::Value { key, .. }) => {
                if let Some(fetched) = &mut self.fetched {
                    fetched.toggle(&key);
                }
                self.rebuild();
                Vec::new()
            }
            Some(Line::Binary { .. }) => vec![Effect::Flash(
                Level::Warn,
                "a binary secret is not shown here".into(),
            )],
            Some(Line::Version(v)) => self.fetch(Some(v.id)),
            _ if self.fetched.is_none() => self.fetch(None),
            _ => vec![Effect::Flash(
                Level::Info,
                "select a key below to show it (x), or X for all; x on a version reads that one"
                    .into(),
            )],
        }
    }

    /// `X`: every value row shown, or hidden when all already are.
    fn reveal_all(&mut self) -> Vec<Effect> {
        let Some(fetched) = &mut self.fetched else {
            return vec![Effect::Flash(
                Level::Warn,
                "no value read yet: x reads the current version".into(),
            )];
        };
        let show = !fetched.all_revealed();
        fetched.set_all(show);
        self.rebuild();
        Vec::new()
    }

    fn copy(&self) -> Vec<Effect> {
        match self.table.selected_row() {
            Some(Line::Value {
                key,
                value,
                revealed: true,
            }) => vec![Effect::CopySecret {
                what: format!("the value of {} › {key}", self.secret.name),
                value: value.clone(),
            }],
            Some(Line::Value { .. }) => vec![Effect::Flash(
                Level::Warn,
                "show the value first (x): only a value on screen is copied".into(),
            )],
            Some(Line::Binary { .. }) => vec![Effect::Flash(
                Level::Warn,
                "a binary secret is not copied from here".into(),
            )],
            Some(Line::Field { value, .. }) => vec![Effect::Copy(value.clone())],
            Some(Line::Version(v)) => vec![Effect::Copy(v.id.clone())],
            None => vec![Effect::Flash(Level::Warn, "nothing selected".into())],
        }
    }

    fn details_answered(
        &mut self,
        result: Result<SecretDetails, crate::aws::AwsError>,
    ) -> Vec<Effect> {
        match result {
            Ok(details) => {
                self.load = Load::Loaded;
                self.secret = details.secret;
                self.versions = details.versions;
                self.rebuild();
                Vec::new()
            }
            Err(e) => {
                self.load = Load::Failed(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("{}: {}", self.secret.name, e.summary()),
                )]
            }
        }
    }

    fn value_answered(
        &mut self,
        version: Option<String>,
        result: Result<SecretValue, crate::aws::AwsError>,
    ) -> Vec<Effect> {
        if self.fetching.as_ref() != Some(&version) {
            return Vec::new();
        }
        self.fetching = None;
        match result {
            Ok(value) => {
                let label = self.version_label(version.as_deref());
                let fetched = Fetched::from_value(label, value);
                let first = fetched.lines.first().map(TableRow::id);
                self.fetched = Some(fetched);
                self.rebuild();
                if let Some(id) = first {
                    self.table.select_id(&id);
                }
                Vec::new()
            }
            Err(e) => vec![Effect::Flash(
                Level::Error,
                format!("value of {}: {}", self.secret.name, e.summary()),
            )],
        }
    }

    /// `AWSCURRENT`, or the version's stages, or its id.
    fn version_label(&self, version: Option<&str>) -> String {
        let Some(id) = version else {
            return "AWSCURRENT".into();
        };
        self.versions
            .iter()
            .find(|v| v.id == id)
            .filter(|v| !v.stages.is_empty())
            .map(|v| v.stages.join(", "))
            .unwrap_or_else(|| id.to_string())
    }
}

impl Secret {
    /// The ARN names the secret exactly (two secrets can share a name prefix); the name when
    /// no ARN was given.
    fn arn_or_name(&self) -> String {
        if self.arn.is_empty() {
            self.name.clone()
        } else {
            self.arn.clone()
        }
    }
}

impl Pane for SecretPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("secret {}", self.secret.name)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Secrets, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::RevealValue,
            CommandId::RevealAll,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn on_open(&mut self, _cx: &PaneCx) -> Vec<Effect> {
        self.load()
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("details") {
            self.load = Load::Failed(failure.summary());
        }
        if failure.is_in("value") {
            self.fetching = None;
        }
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::RevealValue => Some(self.reveal()),
            CommandId::RevealAll => Some(self.reveal_all()),
            CommandId::Copy => Some(self.copy()),
            // Enter on a version reads it (its keys stay masked), on a field (an ARN cut at
            // 80 columns) shows it whole; it never reveals a value: only `x`/`X` do, so no key
            // pressed for something else shows a secret.
            CommandId::Open => Some(match self.table.selected_row() {
                Some(Line::Version(_)) => self.reveal(),
                Some(Line::Value { .. }) => vec![Effect::Flash(
                    Level::Info,
                    "x shows or hides a value, X all of them".into(),
                )],
                Some(Line::Field { name, value }) => {
                    vec![crate::panes::value::ValueView::push(
                        format!("{name} · {}", self.secret.name),
                        value.clone(),
                        "y copies it".into(),
                    )]
                }
                _ => Vec::new(),
            }),
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Secrets(SecretsOutcome::Details(result)) => self.details_answered(*result),
            Outcome::Secrets(SecretsOutcome::Value {
                version, result, ..
            }) => self.value_answered(version, result),
            _ => Vec::new(),
        }
    }

    /// Another view over this one, or this one left for the jump list: every key is masked
    /// again (the value read stays here, masked, until the view closes).
    fn covered(&mut self) {
        if let Some(fetched) = &mut self.fetched {
            fetched.set_all(false);
            self.rebuild();
        }
    }

    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.table)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.table)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let title = self.heading();
        self.table.set_loading(matches!(self.load, Load::Loading));
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}

impl SecretPane {
    /// The border's title: the secret, then what of its value is shown (the state last).
    fn heading(&self) -> String {
        let mut title = format!("secret {}{}", self.secret.name, self.suffix);
        match (&self.fetched, &self.fetching) {
            (_, Some(_)) => title.push_str(" · reading the value…"),
            (Some(f), None) => title.push_str(&format!(" · {}", f.summary())),
            (None, None) => title.push_str(" · value not read (x)"),
        }
        match &self.load {
            Load::Failed(e) => title.push_str(&format!(" · error: {e}")),
            Load::Loading => title.push_str(" · loading…"),
            Load::Loaded => {}
        }
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::secrets::SecretText;

    fn pane_with_keys() -> SecretPane {
        let ctx = ContextKey {
            profile: Some("dev".into()),
            region: "us-east-1".into(),
        };
        let secret = Secret {
            name: "prod/db".into(),
            ..Secret::default()
        };
        let mut pane = SecretPane::new(PaneId(1), ctx, secret, String::new());
        pane.load = Load::Loaded;
        pane.fetching = Some(None);
        let value = SecretValue::Text(SecretText::new(r#"{"user":"app","password":"pw"}"#));
        pane.value_answered(None, Ok(value));
        pane
    }

    fn select(pane: &mut SecretPane, id: &str) {
        assert!(pane.table.select_id(id), "{id}");
    }

    /// The title's word follows every way a key is shown or hidden: one key (`x`), all
    /// (`X`), hidden again, and a view opened over this one.
    #[test]
    fn the_title_says_what_is_shown_after_every_reveal_and_hide() {
        let mut pane = pane_with_keys();
        assert!(
            pane.heading()
                .ends_with("AWSCURRENT: 2 keys, masked (x shows, X all)"),
            "{}",
            pane.heading()
        );
        select(&mut pane, "value:password");
        pane.reveal();
        assert!(
            pane.heading().ends_with("2 keys, 1 shown"),
            "{}",
            pane.heading()
        );
        // The selection stays on the key, so `x` again hides it.
        pane.reveal();
        assert!(pane.heading().ends_with("masked (x shows, X all)"));
        pane.reveal_all();
        assert!(pane.heading().ends_with("2 keys, shown"));
        pane.reveal_all();
        assert!(pane.heading().ends_with("masked (x shows, X all)"));
        select(&mut pane, "value:user");
        pane.reveal();
        pane.covered();
        assert!(pane.heading().ends_with("masked (x shows, X all)"));
        let masked = pane
            .table
            .rows()
            .iter()
            .all(|l| !matches!(l, Line::Value { revealed: true, .. }));
        assert!(masked, "covered: every row masked too");
        // The details answering again keeps what the user showed, on screen and in the title.
        select(&mut pane, "value:user");
        pane.reveal();
        let details = SecretDetails {
            secret: pane.secret.clone(),
            versions: Vec::new(),
        };
        pane.details_answered(Ok(details));
        assert!(
            pane.heading().ends_with("2 keys, 1 shown"),
            "{}",
            pane.heading()
        );
        let shown: Vec<String> = pane
            .table
            .rows()
            .iter()
            .filter(|l| matches!(l, Line::Value { revealed: true, .. }))
            .map(TableRow::id)
            .collect();
        assert_eq!(shown, ["value:user"]);
    }
}
