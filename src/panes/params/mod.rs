//! One SSM parameter: its fields, its value, and its history (GetParameterHistory, newest
//! first: version, when, by whom, labels, value). A SecureString's value — the current one or
//! a version's — is masked and decrypted only on `x` (GetParameter WithDecryption of
//! `name:version`); `x` again hides it. One rule for every value: it is shown only while the
//! user asked for it here — a view opened over this one, leaving it, or a new version put
//! masks every value again, and the title always says which (`masked` or `1 shown`). `E`
//! puts a new version (`put.rs`): String and StringList values are edited in $EDITOR, a
//! SecureString's in a masked prompt (`•` per character; its value never goes into a file);
//! the change is shown and confirmed (typed where the context's policy asks), PutParameter is
//! sent once, the view reads the parameter again and the lists below list it again.

pub mod create;
mod put;

use crate::aws::ContextKey;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::{ParamVersion, Parameter};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, Pane, PaneCx};
use crate::panes::masked;
use crate::panes::secrets::cells::time;
use crate::protocol::ssm::{SsmOp, SsmOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

const COLUMNS: &[Column] = &[
    Column::new("FIELD", Constraint::Length(22))
        .name()
        .priority(9),
    Column::new("VALUE", Constraint::Fill(1)).priority(8),
    Column::new("BY", Constraint::Length(20)).fit().priority(4),
    Column::new("LABELS", Constraint::Length(14))
        .fit()
        .priority(3),
];

/// A value cell: shown as listed, masked, or decrypted on request.
#[derive(Clone)]
enum Shown {
    Plain(String),
    Masked,
    Revealed(SecretText),
}

impl Shown {
    fn cell(&self) -> CellText {
        match self {
            Shown::Plain(text) => CellText::plain(masked::one_line(text)),
            Shown::Masked => masked::cell("", false),
            Shown::Revealed(text) => CellText::plain(masked::one_line(text.expose())),
        }
    }
}

#[derive(Clone)]
enum Line {
    Field {
        name: String,
        value: String,
    },
    /// The current version's value.
    Current {
        version: i64,
        shown: Shown,
    },
    History {
        v: ParamVersion,
        shown: Shown,
    },
}

impl TableRow for Line {
    fn cells(&self) -> Vec<CellText> {
        match self {
            Line::Field { name, value } => vec![
                CellText::plain(name.clone()),
                CellText::plain(value.clone()),
                CellText::plain(""),
                CellText::plain(""),
            ],
            Line::Current { shown, .. } => vec![
                CellText::plain("value"),
                shown.cell(),
                CellText::plain(""),
                CellText::plain(""),
            ],
            Line::History { v, shown } => vec![
                CellText::styled(format!("v{} {}", v.version, time(v.last_modified)), "title"),
                shown.cell(),
                CellText::plain(who(v.modified_by.as_deref())),
                CellText::plain(v.labels.join(",")),
            ],
        }
    }

    fn id(&self) -> String {
        match self {
            Line::Field { name, .. } => format!("field:{name}"),
            Line::Current { .. } => "value".into(),
            Line::History { v, .. } => format!("v{}", v.version),
        }
    }

    /// Names and plain values only: a decrypted value is never searched.
    fn filter_text(&self) -> Cow<'_, str> {
        match self {
            Line::Field { name, value } => Cow::Owned(format!("{name} {value}")),
            Line::Current { .. } => Cow::Borrowed("value"),
            Line::History { v, .. } => Cow::Owned(format!("v{} {}", v.version, v.labels.join(" "))),
        }
    }
}

/// Who changed a version, by name: `deploy` of `arn:aws:iam::123456789012:user/ci/deploy`,
/// `Admin/alice` (the role and its session) of `…:assumed-role/Admin/alice`, `root`; "—" when
/// SSM does not say.
fn who(arn: Option<&str>) -> String {
    let Some(arn) = arn else {
        return "—".into();
    };
    let Some(resource) = arn
        .strip_prefix("arn:")
        .and_then(|a| a.splitn(5, ':').nth(4))
    else {
        return arn.to_string();
    };
    match resource.split_once('/') {
        Some(("assumed-role", rest)) => rest.to_string(),
        Some((_, path_and_name)) => path_and_name
            .rsplit('/')
            .next()
            .unwrap_or(path_and_name)
            .to_string(),
        None => resource.to_string(),
    }
}

enum History {
    Loading,
    Loaded { more: bool },
    Failed(String),
}

pub struct ParamPane {
    id: PaneId,
    ctx: ContextKey,
    param: Parameter,
    suffix: String,
    history: Vec<ParamVersion>,
    state: History,
    table: ResourceTable<Line>,
    /// Decrypted values by version, held only while the view is open.
    decrypted: HashMap<i64, SecretText>,
    /// Versions whose decrypted value is on screen.
    shown: HashSet<i64>,
    /// `E` was pressed in the list: start the edit once the view is open.
    edit_on_open: bool,
    put: put::PutState,
}

impl ParamPane {
    pub fn open(ctx: ContextKey, param: Parameter, suffix: String, edit: bool) -> Effect {
        Effect::Push(Box::new(move |id| {
            Box::new(ParamPane::new(id, ctx, param, suffix, edit))
        }))
    }

    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        param: Parameter,
        suffix: String,
        edit_on_open: bool,
    ) -> ParamPane {
        let mut pane = ParamPane {
            id,
            ctx,
            param,
            suffix,
            history: Vec::new(),
            state: History::Loading,
            table: ResourceTable::default(),
            decrypted: HashMap::new(),
            shown: HashSet::new(),
            edit_on_open,
            put: put::PutState::default(),
        };
        pane.rebuild();
        pane
    }

    fn load(&mut self) -> Vec<Effect> {
        self.state = History::Loading;
        let op = Op::Ssm(SsmOp::History {
            ctx: self.ctx.clone(),
            name: self.param.name.clone(),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op)
                .in_slot("history")
                .outliving_switch(),
        )]
    }

    fn shown(&self, version: i64, listed: Option<&String>) -> Shown {
        match (listed, self.shown.contains(&version)) {
            (Some(text), _) => Shown::Plain(text.clone()),
            (None, true) => self
                .decrypted
                .get(&version)
                .cloned()
                .map_or(Shown::Masked, Shown::Revealed),
            (None, false) => Shown::Masked,
        }
    }

    /// Every decrypted value forgotten and masked again.
    fn forget_values(&mut self) {
        self.decrypted.clear();
        if !self.shown.is_empty() {
            self.shown.clear();
            self.rebuild();
        }
    }

    /// What the title says of the values: the true state, with the key that changes it.
    fn mask_state(&self) -> Option<String> {
        let secure = self.param.kind.is_secure() || self.history.iter().any(|v| v.kind.is_secure());
        if !secure {
            return None;
        }
        Some(match self.shown.len() {
            0 => "masked (x shows)".into(),
            1 => "1 shown (x hides)".into(),
            n => format!("{n} shown (x hides)"),
        })
    }

    fn rebuild(&mut self) {
        let selected = self.table.selected_row().map(TableRow::id);
        let p = &self.param;
        let mut rows = Vec::new();
        let mut field = |name: &str, value: String| {
            rows.push(Line::Field {
                name: name.into(),
                value,
            })
        };
        field("name", p.name.clone());
        field("type", p.kind.as_str().to_string());
        field("version", p.version.to_string());
        field("last changed", time(p.last_modified));
        if let Some(data_type) = &p.data_type {
            field("data type", data_type.clone());
        }
        if let Some(arn) = &p.arn {
            field("ARN", arn.clone());
        }
        if let Some(description) = self.history.first().and_then(|v| v.description.clone()) {
            field("description", description);
        }
        rows.push(Line::Current {
            version: p.version,
            shown: self.shown(p.version, p.value.as_ref()),
        });
        for v in &self.history {
            rows.push(Line::History {
                shown: self.shown(v.version, v.value.as_ref()),
                v: v.clone(),
            });
        }
        self.table.set_rows(rows);
        if let Some(id) = selected {
            self.table.select_id(&id);
        }
    }

    /// The version a row's value belongs to, and whether it is masked (a SecureString).
    fn selected_value(&self) -> Option<(i64, bool)> {
        match self.table.selected_row()? {
            Line::Current { version, shown } => Some((*version, !matches!(shown, Shown::Plain(_)))),
            Line::History { v, shown } => Some((v.version, !matches!(shown, Shown::Plain(_)))),
            Line::Field { .. } => None,
        }
    }

    fn reveal(&mut self) -> Vec<Effect> {
        let Some((version, secure)) = self.selected_value() else {
            // Anywhere else, `x` is about the current value.
            if self.param.kind.is_secure() {
                self.table.select_id("value");
                return self.reveal();
            }
            return vec![Effect::Flash(
                Level::Info,
                format!("a {} parameter is not masked", self.param.kind.as_str()),
            )];
        };
        if !secure {
            return vec![Effect::Flash(
                Level::Info,
                "this value is not a SecureString: it is shown as it is".into(),
            )];
        }
        if self.shown.remove(&version) {
            self.rebuild();
            return Vec::new();
        }
        if self.decrypted.contains_key(&version) {
            self.shown.insert(version);
            self.rebuild();
            return Vec::new();
        }
        let op = Op::Ssm(SsmOp::Decrypt {
            ctx: self.ctx.clone(),
            name: self.param.name.clone(),
            version: Some(version),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op)
                .in_slot("reveal")
                .outliving_switch(),
        )]
    }

    fn open_line(&self) -> Vec<Effect> {
        let (what, value) = match self.table.selected_row() {
            Some(Line::Field { name, value }) => (name.clone(), value.clone()),
            Some(Line::Current { shown, .. } | Line::History { shown, .. }) => match shown {
                Shown::Plain(text) => ("value".to_string(), text.clone()),
                Shown::Revealed(_) | Shown::Masked => {
                    return vec![Effect::Flash(
                        Level::Info,
                        "x shows or hides a SecureString value".into(),
                    )];
                }
            },
            None => return Vec::new(),
        };
        let title = format!("{what} · {}", self.param.name);
        vec![crate::panes::value::ValueView::push(
            title,
            value,
            "y copies it".into(),
        )]
    }

    fn copy(&self) -> Vec<Effect> {
        match self.table.selected_row() {
            Some(Line::Field { value, .. }) => vec![Effect::Copy(value.clone())],
            Some(Line::Current { shown, .. } | Line::History { shown, .. }) => match shown {
                Shown::Plain(text) => vec![Effect::Copy(text.clone())],
                Shown::Revealed(text) => vec![Effect::CopySecret {
                    what: format!("the value of {}", self.param.name),
                    value: text.clone(),
                }],
                Shown::Masked => vec![Effect::Flash(
                    Level::Warn,
                    "show the value first (x): only a value on screen is copied".into(),
                )],
            },
            None => vec![Effect::Flash(Level::Warn, "nothing selected".into())],
        }
    }

    fn history_answered(
        &mut self,
        result: Result<(Vec<ParamVersion>, bool), crate::aws::AwsError>,
    ) -> Vec<Effect> {
        match result {
            Ok((versions, more)) => {
                // The newest version is the parameter as it is now (after a put too).
                if let Some(newest) = versions.first() {
                    self.param.version = newest.version;
                    self.param.last_modified = newest.last_modified;
                    self.param.kind = newest.kind.clone();
                    if !newest.kind.is_secure() {
                        self.param.value = newest.value.clone();
                    }
                }
                self.history = versions;
                self.state = History::Loaded { more };
                self.rebuild();
                Vec::new()
            }
            Err(e) => {
                self.state = History::Failed(e.summary());
                vec![Effect::Flash(
                    Level::Error,
                    format!("{}: {}", self.param.name, e.summary()),
                )]
            }
        }
    }
}

impl Pane for ParamPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        format!("parameter {}", self.param.name)
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Secrets, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::RevealValue,
            CommandId::PutParameter,
            CommandId::Copy,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        let mut effects = self.load();
        if std::mem::take(&mut self.edit_on_open) {
            effects.extend(self.start_put(cx));
        }
        effects
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("history") {
            self.state = History::Failed(failure.summary());
        }
        if failure.is_in("put") {
            self.put = put::PutState::default();
        }
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load()),
            CommandId::RevealValue => Some(self.reveal()),
            // Enter shows a line whole (an ARN cut at 80 columns); it never reveals: only `x`
            // does, so a value is never shown by a key pressed for something else.
            CommandId::Open => Some(self.open_line()),
            CommandId::RevealAll => Some(vec![Effect::Flash(
                Level::Info,
                "one value at a time here: x on a version shows or hides it".into(),
            )]),
            CommandId::Copy => Some(self.copy()),
            CommandId::PutParameter => Some(self.start_put(cx)),
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Ssm(SsmOutcome::History(result)) => self.history_answered(result),
            Outcome::Ssm(SsmOutcome::Decrypted {
                name,
                version,
                result,
                ..
            }) if name == self.param.name => match (version, result) {
                (Some(version), Ok(text)) => {
                    self.decrypted.insert(version, text);
                    self.shown.insert(version);
                    self.rebuild();
                    Vec::new()
                }
                (_, Err(e)) => vec![Effect::Flash(
                    Level::Error,
                    format!("{name}: {}", e.summary()),
                )],
                (None, Ok(_)) => Vec::new(),
            },
            Outcome::Ssm(SsmOutcome::Put { result, .. }) => {
                let written = result.is_ok();
                let mut effects = self.put_answered(result);
                if written {
                    // A new version: every value shown of the old ones is masked again, and
                    // the lists below show the new version.
                    self.forget_values();
                    effects.push(Effect::Written(self.ctx.clone()));
                }
                effects.extend(self.load());
                effects
            }
            Outcome::Edit(edit) => self.edited(edit, cx),
            _ => Vec::new(),
        }
    }

    fn covered(&mut self) {
        self.forget_values();
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
        let mut title = format!("parameter {}", self.param.name);
        if let Some(state) = self.mask_state() {
            title.push_str(&format!(" · {state}"));
        }
        title.push_str(&format!(" · {}{}", self.param.kind.as_str(), self.suffix));
        match &self.state {
            History::Loading => title.push_str(" · loading…"),
            History::Loaded { more: true } => {
                title.push_str(&format!(" · newest {} versions", self.history.len()))
            }
            History::Loaded { more: false } => {}
            History::Failed(e) => title.push_str(&format!(" · error: {e}")),
        }
        if let Some(note) = self.put.note() {
            title.push_str(&format!(" · {note}"));
        }
        self.table
            .set_loading(matches!(self.state, History::Loading));
        self.table.render(frame, area, theme, &title, COLUMNS);
    }
}

#[cfg(test)]
mod tests {
    use super::who;

    #[test]
    fn by_is_the_name_of_who_changed_it_or_a_dash() {
        assert_eq!(who(Some("arn:aws:iam::123456789012:user/deploy")), "deploy");
        assert_eq!(
            who(Some("arn:aws:iam::123456789012:user/ci/deploy")),
            "deploy"
        );
        assert_eq!(
            who(Some("arn:aws:sts::123456789012:assumed-role/Admin/alice")),
            "Admin/alice"
        );
        assert_eq!(who(Some("arn:aws:iam::123456789012:root")), "root");
        assert_eq!(who(Some("someone")), "someone");
        assert_eq!(who(None), "—");
    }
}
