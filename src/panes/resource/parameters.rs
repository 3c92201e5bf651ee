//! `:params [PATH]` — SSM parameters as a tree by path. The listing is GetParametersByPath
//! under PATH, recursive (see `aws/ssm.rs` for why): a parameter right under PATH is a row,
//! anything deeper shows as its folder (the next path segment), once per context however many
//! parameters it holds. Enter on a folder lists one level down (in the row's context); Enter
//! on a parameter opens its details and history (`panes/params/`). VALUE shows String and
//! StringList values; a SecureString is masked and decrypted only on `x` (GetParameter
//! WithDecryption); `x` again reads the list again, which forgets every decrypted value, and
//! so does opening a view over the list or leaving it (`Kind::covered`) and any write in the
//! context (`Effect::Written`: the list is read again). `c` creates a parameter under the
//! listed path (`panes/params/create.rs`).

use super::{At, Kind, Listed, ResourceView};
use crate::aws::ContextKey;
use crate::aws::secrets::SecretText;
use crate::aws::ssm::Parameter;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level, PaneCx};
use crate::panes::params::ParamPane;
use crate::protocol::list::{PageFn, page_fn};
use crate::protocol::ssm::{SsmOp, SsmOutcome};
use crate::protocol::{Op, Outcome, Owner, Request};
use crate::ui::table::{CellText, Column, SortKey, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

const COLUMNS: &[Column] = &[
    Column::new("NAME", Constraint::Fill(1)).name().priority(9),
    Column::new("TYPE", Constraint::Length(12))
        .fit()
        .priority(7),
    Column::new("VERSION", Constraint::Length(7))
        .fit()
        .priority(5),
    Column::new("LAST CHANGED", Constraint::Length(16)).priority(4),
    Column::new("VALUE", Constraint::Fill(2)).priority(8),
];

/// A path as SSM takes it: `/`, or `/app/prod` (leading slash, no trailing one).
pub fn normalize(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    format!("/{trimmed}")
}

pub enum Item {
    /// A path segment with parameters below it (its full path).
    Folder(String),
    Param {
        param: Parameter,
        /// A SecureString's value, decrypted on `x`.
        revealed: Option<SecretText>,
    },
}

pub struct ParamRow {
    /// The last segment (`host`), or the folder's segment with a slash (`db/`).
    pub label: String,
    pub item: Item,
}

impl ParamRow {
    fn full_name(&self) -> &str {
        match &self.item {
            Item::Folder(path) => path,
            Item::Param { param, .. } => &param.name,
        }
    }
}

impl TableRow for ParamRow {
    fn cells(&self) -> Vec<CellText> {
        match &self.item {
            Item::Folder(_) => vec![
                CellText::styled(self.label.clone(), "title"),
                CellText::styled("folder", "text.dim"),
                CellText::plain(""),
                CellText::plain(""),
                CellText::plain(""),
            ],
            Item::Param { param, revealed } => vec![
                CellText::plain(self.label.clone()),
                CellText::plain(param.kind.as_str().to_string()),
                CellText::plain(param.version.to_string()),
                CellText::plain(crate::panes::secrets::cells::time(param.last_modified)),
                match (&param.value, revealed) {
                    (Some(value), _) => CellText::plain(crate::panes::masked::one_line(value)),
                    (None, Some(text)) => {
                        CellText::plain(crate::panes::masked::one_line(text.expose()))
                    }
                    (None, None) => crate::panes::masked::cell("", false),
                },
            ],
        }
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match (column, &self.item) {
            // Folders first, then parameters, each by name.
            (0, Item::Folder(_)) => SortKey::Text(format!("0{}", self.label.to_lowercase())),
            (0, Item::Param { .. }) => SortKey::Text(format!("1{}", self.label.to_lowercase())),
            (2, Item::Param { param, .. }) => SortKey::Number(param.version),
            (3, Item::Param { param, .. }) => {
                SortKey::Number(param.last_modified.map_or(i64::MAX, |t| -t))
            }
            _ => super::entry::cell_key(self, column),
        }
    }

    fn id(&self) -> String {
        self.full_name().to_string()
    }

    /// Names and shown values; never a SecureString's value.
    fn filter_text(&self) -> Cow<'_, str> {
        match &self.item {
            Item::Param {
                param: Parameter {
                    value: Some(value), ..
                },
                ..
            } => Cow::Owned(format!("{} {value}", self.full_name())),
            _ => Cow::Borrowed(self.full_name()),
        }
    }
}

/// What one listing has put in each context already: folders are rows once.
type Seen = Arc<Mutex<HashMap<ContextKey, HashSet<String>>>>;

/// The rows of one page: parameters right under `path`, and folders not seen yet.
fn rows_of(path: &str, params: Vec<Parameter>, seen: &mut HashSet<String>) -> Vec<ParamRow> {
    let prefix = if path == "/" {
        "/".to_string()
    } else {
        format!("{path}/")
    };
    let mut rows = Vec::new();
    for param in params {
        let rest = param
            .name
            .strip_prefix(&prefix)
            .unwrap_or(&param.name)
            .to_string();
        match rest.split_once('/') {
            Some((segment, _)) => {
                if seen.insert(segment.to_string()) {
                    rows.push(ParamRow {
                        label: format!("{segment}/"),
                        item: Item::Folder(format!("{prefix}{segment}")),
                    });
                }
            }
            None => rows.push(ParamRow {
                label: rest,
                item: Item::Param {
                    param,
                    revealed: None,
                },
            }),
        }
    }
    rows
}

pub struct Parameters {
    path: String,
}

impl Parameters {
    pub fn new(path: &str) -> Parameters {
        Parameters {
            path: normalize(path),
        }
    }

    /// `:params`'s own words (before any `@` scope): a path, or nothing for `/`.
    pub fn from_words(words: &[&str]) -> Result<Parameters, String> {
        match words {
            [] => Ok(Parameters::new("/")),
            [path] => Ok(Parameters::new(path)),
            _ => Err("usage: :params [/PATH] [@all-regions|@profiles GLOB…]".into()),
        }
    }
}

impl Parameters {
    /// The questions of a new parameter under this path, in the view's context.
    fn create(&self, at: &At) -> Vec<Effect> {
        crate::panes::params::create::start(crate::panes::params::create::Place {
            owner: at.owner,
            ctx: at.ctx.clone(),
            path: self.path.clone(),
        })
    }
}

impl Kind for Parameters {
    type Row = ParamRow;

    fn label(&self) -> &'static str {
        "Parameters"
    }

    fn noun(&self) -> &'static str {
        "parameter"
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Secrets, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::RevealValue,
            CommandId::PutParameter,
            CommandId::NewParameter,
            CommandId::Filter,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn default_sort(&self) -> Option<usize> {
        Some(0)
    }

    fn page(&self) -> PageFn {
        // Fresh for every listing (open, refresh, a context switch).
        let seen: Seen = Arc::default();
        let path = self.path.clone();
        page_fn(move |adapters, ctx, token| {
            let page = adapters.ssm.params_page(ctx.clone(), path.clone(), token);
            let (seen, path) = (seen.clone(), path.clone());
            Box::pin(async move {
                let page = page.await?;
                let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
                let folders = seen.entry(ctx).or_default();
                let next = page.next;
                Ok(crate::aws::page::Page::new(
                    rows_of(&path, page.items, folders),
                    next,
                ))
            })
        })
    }

    fn copy(&self, row: &ParamRow) -> String {
        row.full_name().to_string()
    }

    fn details(&self, at: &At, row: &ParamRow) -> Effect {
        let ctx = at.ctx.clone();
        match &row.item {
            Item::Folder(path) => {
                let kind = Parameters::new(path);
                Effect::Push(Box::new(move |id| {
                    Box::new(ResourceView::in_context(id, kind, ctx))
                }))
            }
            Item::Param { param, .. } => ParamPane::open(ctx, param.clone(), at.suffix(), false),
        }
    }

    fn arn(&self, _at: &At, row: &ParamRow) -> Result<String, String> {
        match &row.item {
            Item::Param {
                param: Parameter { arn: Some(arn), .. },
                ..
            } => Ok(arn.clone()),
            Item::Param { .. } => Err(format!("SSM gave no ARN for {}", row.full_name())),
            Item::Folder(_) => Err("a folder is a path, not a resource: it has no ARN".into()),
        }
    }

    fn argument(&self) -> Option<String> {
        (self.path != "/").then(|| self.path.clone())
    }

    fn title_note(&self) -> Option<String> {
        Some(self.path.clone())
    }

    /// What the parameter's own view says too: `masked (x shows)` while a SecureString is
    /// listed and none is decrypted, `2 shown (x hides)` once some are.
    fn rows_note(&self, rows: &mut dyn Iterator<Item = &ParamRow>) -> Option<String> {
        let (mut secure, mut shown) = (0, 0);
        for row in rows {
            if let Item::Param { param, revealed } = &row.item
                && param.kind.is_secure()
            {
                secure += 1;
                shown += usize::from(revealed.is_some());
            }
        }
        match (secure, shown) {
            (0, _) => None,
            (_, 0) => Some("masked (x shows)".into()),
            (_, n) => Some(format!("{n} shown (x hides)")),
        }
    }

    fn commands(&self) -> &'static [CommandId] {
        &[
            CommandId::RevealValue,
            CommandId::PutParameter,
            CommandId::NewParameter,
        ]
    }

    fn act_on_nothing(&mut self, command: CommandId, at: &At) -> Option<Vec<Effect>> {
        (command == CommandId::NewParameter).then(|| self.create(at))
    }

    fn covered(&mut self, listed: &mut Listed<ParamRow>) {
        listed.update_all(|row| {
            if let Item::Param { revealed, .. } = &mut row.item {
                *revealed = None;
            }
        });
    }

    fn act(
        &mut self,
        command: CommandId,
        at: &At,
        rows: &[&ParamRow],
        cx: &PaneCx,
    ) -> Option<Vec<Effect>> {
        if command == CommandId::NewParameter {
            // Said before anything is typed; the guard would refuse the write anyway.
            if cx.read_only || cx.policy_for(at.ctx).read_only {
                return Some(vec![Effect::Flash(
                    Level::Warn,
                    "read-only here: no parameter can be created".into(),
                )]);
            }
            return Some(self.create(at));
        }
        let row = rows.first()?;
        let Item::Param { param, revealed } = &row.item else {
            return Some(vec![Effect::Flash(
                Level::Warn,
                format!("{} is a folder: Enter lists it", row.label),
            )]);
        };
        match command {
            CommandId::RevealValue => Some(if !param.kind.is_secure() {
                vec![Effect::Flash(
                    Level::Info,
                    format!(
                        "{} is a {}: its value is not masked",
                        param.name,
                        param.kind.as_str()
                    ),
                )]
            } else if revealed.is_some() {
                // Rows cannot be changed from here: reading the list again forgets every
                // decrypted value, which is what hiding means.
                vec![Effect::Run(CommandId::Refresh, None)]
            } else {
                vec![Effect::Request(
                    Request::new(
                        at.owner,
                        Op::Ssm(SsmOp::Decrypt {
                            ctx: at.ctx.clone(),
                            name: param.name.clone(),
                            version: None,
                        }),
                    )
                    .in_slot("reveal"),
                )]
            }),
            // The put starts in the parameter's own view, where the change and the answer show.
            CommandId::PutParameter => Some(vec![ParamPane::open(
                at.ctx.clone(),
                param.clone(),
                at.suffix(),
                true,
            )]),
            _ => None,
        }
    }

    fn apply(
        &mut self,
        outcome: Outcome,
        listed: &mut Listed<ParamRow>,
        _owner: Owner,
    ) -> Option<Vec<Effect>> {
        if let Outcome::Ssm(SsmOutcome::Put { ctx, name, result }) = outcome {
            return Some(match result {
                Ok(sent) => {
                    listed.relist(&ctx);
                    vec![Effect::Flash(
                        Level::Success,
                        format!("created {name} (version {}){}", sent.value(), sent.note()),
                    )]
                }
                Err(e) => vec![Effect::Flash(
                    Level::Error,
                    format!("{name}: not created: {}", e.summary()),
                )],
            });
        }
        let Outcome::Ssm(SsmOutcome::Decrypted {
            ctx, name, result, ..
        }) = outcome
        else {
            return None;
        };
        match result {
            Ok(text) => {
                listed.update(&ctx, |row| {
                    if let Item::Param { param, revealed } = &mut row.item
                        && param.name == name
                    {
                        *revealed = Some(text.clone());
                    }
                });
                Some(Vec::new())
            }
            Err(e) => Some(vec![Effect::Flash(
                Level::Error,
                format!("{name}: {}", e.summary()),
            )]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ssm::ParamType;

    fn param(name: &str) -> Parameter {
        Parameter {
            name: name.into(),
            kind: ParamType::String,
            version: 1,
            last_modified: None,
            value: Some("v".into()),
            arn: None,
            data_type: None,
        }
    }

    #[test]
    fn a_page_becomes_this_levels_parameters_and_each_folder_once() {
        let mut seen = HashSet::new();
        let rows = rows_of(
            "/app/prod",
            vec![
                param("/app/prod/db/host"),
                param("/app/prod/log-level"),
                param("/app/prod/db/port"),
                param("/app/prod/api/keys/stripe"),
            ],
            &mut seen,
        );
        let labels: Vec<(&str, String)> = rows.iter().map(|r| (r.label.as_str(), r.id())).collect();
        assert_eq!(
            labels,
            [
                ("db/", "/app/prod/db".to_string()),
                ("log-level", "/app/prod/log-level".to_string()),
                ("api/", "/app/prod/api".to_string()),
            ]
        );
        // The next page of the same listing adds no folder twice.
        let more = rows_of("/app/prod", vec![param("/app/prod/db/user")], &mut seen);
        assert!(more.is_empty());
        let root = rows_of("/", vec![param("/app/prod/x")], &mut HashSet::new());
        assert_eq!(root[0].id(), "/app");
        assert_eq!(normalize("app/prod/"), "/app/prod");
        assert_eq!(normalize(""), "/");
        assert!(Parameters::from_words(&["/a", "/b"]).is_err());
    }
}
