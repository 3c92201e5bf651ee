//! The saved and recent payloads of one function: Enter loads one into a fresh workbench;
//! saved ones can be renamed and deleted.

use super::LastInvoked;
use crate::aws::ContextKey;
use crate::command::{CommandId, Scope};
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::lambda::{LambdaOp, LambdaOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::saved_payloads::{PayloadFiles, RecentPayload, SavedPayload};
use crate::theme::Theme;
use crate::ui::table::{CellText, Column, ListInput, ResourceTable, TableRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLUMNS: &[Column] = &[
    Column::new("KIND", Constraint::Length(6)).priority(6),
    Column::new("NAME / SENT", Constraint::Length(24))
        .name()
        .priority(9),
    Column::new("PAYLOAD", Constraint::Fill(1)).priority(5),
];

pub struct Entry {
    /// Saved payloads have a name; recent ones only a time.
    name: Option<String>,
    when: i64,
    text: String,
    n: usize,
}

impl TableRow for Entry {
    fn cells(&self) -> Vec<CellText> {
        let one_line: String = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        vec![
            CellText::plain(if self.name.is_some() {
                "saved"
            } else {
                "recent"
            }),
            CellText::plain(
                self.name
                    .clone()
                    .unwrap_or_else(|| crate::clock::local_time(self.when)),
            ),
            CellText::plain(one_line),
        ]
    }

    fn id(&self) -> String {
        format!("{}{}", if self.name.is_some() { "s" } else { "r" }, self.n)
    }
}

pub struct PayloadsPane {
    id: PaneId,
    ctx: ContextKey,
    function: String,
    files: PayloadFiles,
    last_invoked: LastInvoked,
    rows: ResourceTable<Entry>,
    loading: bool,
    /// Why the last load ended without an answer.
    failure: Option<String>,
}

impl PayloadsPane {
    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        function: String,
        files: PayloadFiles,
        last_invoked: LastInvoked,
    ) -> PayloadsPane {
        PayloadsPane {
            id,
            ctx,
            function,
            files,
            last_invoked,
            rows: ResourceTable::default(),
            loading: false,
            failure: None,
        }
    }

    fn owner(&self) -> Owner {
        Owner::Pane(self.id)
    }

    fn load(&mut self) -> Vec<Effect> {
        self.loading = true;
        self.failure = None;
        let op = Op::Lambda(LambdaOp::Payloads {
            files: self.files.clone(),
            function: self.function.clone(),
        });
        vec![Effect::Request(
            Request::new(self.owner(), op).in_slot("list"),
        )]
    }

    fn show(&mut self, saved: Vec<SavedPayload>, recent: Vec<RecentPayload>) -> Vec<Effect> {
        let rows: Vec<Entry> = saved
            .into_iter()
            .map(|p| (Some(p.name), p.modified, p.text))
            .chain(recent.into_iter().map(|p| (None, p.sent, p.text)))
            .enumerate()
            .map(|(n, (name, when, text))| Entry {
                name,
                when,
                text,
                n,
            })
            .collect();
        let empty = rows.is_empty();
        self.rows.set_rows(rows);
        if empty {
            return vec![Effect::Flash(
                Level::Info,
                format!(
                    "no saved or recent payloads for {} yet (w in the workbench saves one)",
                    self.function
                ),
            )];
        }
        Vec::new()
    }

    /// The selected saved payload's name, or a message saying why there is none.
    fn selected_saved(&self) -> Result<String, Vec<Effect>> {
        match self.rows.selected_row() {
            Some(Entry { name: Some(n), .. }) => Ok(n.clone()),
            Some(_) => Err(vec![Effect::Flash(
                Level::Warn,
                "recent payloads have no name: open it and save it (w)".into(),
            )]),
            None => Err(vec![Effect::Flash(
                Level::Warn,
                "no payload selected".into(),
            )]),
        }
    }

    fn change(&self, op: LambdaOp) -> Effect {
        Effect::Request(Request::new(self.owner(), Op::Lambda(op)).in_slot("change"))
    }
}

impl Pane for PayloadsPane {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "payloads".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Lambda, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::RenamePayload,
            CommandId::DeletePayload,
            CommandId::Filter,
            CommandId::Back,
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
        Some(match command {
            CommandId::Refresh => self.load(),
            CommandId::Open => {
                let Some(text) = self.rows.selected_row().map(|e| e.text.clone()) else {
                    return Some(Vec::new());
                };
                let (ctx, function, last) = (
                    self.ctx.clone(),
                    self.function.clone(),
                    self.last_invoked.clone(),
                );
                // Back past this list and the workbench it came from, then a workbench anew.
                vec![
                    Effect::Pop,
                    Effect::Pop,
                    Effect::Push(Box::new(move |id| {
                        Box::new(super::WorkbenchPane::new(
                            id,
                            ctx,
                            function,
                            Some(text),
                            last,
                        ))
                    })),
                ]
            }
            CommandId::RenamePayload => match self.selected_saved() {
                Ok(from) => {
                    let (owner, files, function) =
                        (self.owner(), self.files.clone(), self.function.clone());
                    vec![Effect::Ask(Ask {
                        title: format!("Rename '{from}' to"),
                        initial: from.clone(),
                        complete_paths: false,
                        on_answer: Box::new(move |to| {
                            let to = to.trim().to_string();
                            if let Err(e) = crate::saved_payloads::check_name(&to) {
                                return vec![Effect::Flash(Level::Error, e)];
                            }
                            let op = LambdaOp::RenamePayload {
                                files,
                                function,
                                from,
                                to,
                            };
                            vec![Effect::Request(
                                Request::new(owner, Op::Lambda(op)).in_slot("change"),
                            )]
                        }),
                    })]
                }
                Err(effects) => effects,
            },
            CommandId::DeletePayload => match self.selected_saved() {
                Ok(name) => vec![Effect::Confirm(Confirm {
                    title: format!("Delete the saved payload '{name}'?"),
                    lines: vec![format!(
                        "The file of {}'s payload is removed.",
                        self.function
                    )],
                    typed: None,
                    on_yes: vec![self.change(LambdaOp::DeletePayload {
                        files: self.files.clone(),
                        function: self.function.clone(),
                        name,
                    })],
                })],
                Err(effects) => effects,
            },
            CommandId::Copy => match self.rows.selected_row() {
                Some(e) => vec![Effect::Copy(e.text.clone())],
                None => Vec::new(),
            },
            _ => return None,
        })
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let Outcome::Lambda(outcome) = outcome else {
            return Vec::new();
        };
        match outcome {
            LambdaOutcome::Payloads(result) => {
                self.loading = false;
                match result {
                    Ok((saved, recent)) => self.show(saved, recent),
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                }
            }
            LambdaOutcome::PayloadChanged(result) => {
                let mut effects = match result {
                    Ok(message) => vec![Effect::Flash(Level::Success, message)],
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                };
                effects.extend(self.load());
                effects
            }
            _ => Vec::new(),
        }
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.rows)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.rows)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let mut title = format!("saved and recent payloads · {}", self.function);
        if let Some(e) = &self.failure {
            title.push_str(&format!(" · error: {e}"));
        } else if self.loading {
            title.push_str(" · loading…");
        }
        self.rows.render(frame, area, theme, &title, COLUMNS);
    }
}
