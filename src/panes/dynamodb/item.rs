//! One item, whole: plain JSON (numbers exactly as stored) or DynamoDB-typed JSON (`t`).

use crate::aws::ContextKey;
use crate::aws::dynamodb::Write;
use crate::aws::dynamodb_json as values;
use crate::aws::dynamodb_value::Item;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::dynamodb::DdbOutcome;
use crate::protocol::{Outcome, PaneId};
use crate::theme::Theme;
use crate::ui::pager::Pager;
use crate::ui::preview;
use crate::ui::table::ListInput;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct ItemView {
    id: PaneId,
    title: String,
    item: Item,
    /// Where edits go; `None` for items without a known table (PartiQL results).
    target: Option<super::edit::Target>,
    /// An edit between the editor and its confirmation.
    editing: Option<super::edit::Pending>,
    typed: bool,
    pager: Pager,
    /// What the pager's lines were made for (theme, typed); remade when either changes.
    styled_with: Option<(String, bool)>,
}

impl ItemView {
    pub fn new(id: PaneId, title: String, item: Item) -> ItemView {
        ItemView {
            id,
            title,
            item,
            target: None,
            editing: None,
            typed: false,
            pager: Pager::default(),
            styled_with: None,
        }
    }

    /// Makes the item editable: writes go to `table` (whose key attributes are `keys`).
    pub fn editable(
        mut self,
        ctx: ContextKey,
        table: String,
        keys: Vec<String>,
        editor: String,
    ) -> ItemView {
        self.target = Some(super::edit::Target {
            owner: self.id,
            ctx,
            table,
            keys,
            editor,
        });
        self
    }

    fn text(&self) -> String {
        if self.typed {
            values::typed_json_text(&self.item)
        } else {
            values::plain_json(&self.item)
        }
    }
}

impl Pane for ItemView {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ddb, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::TypedJson,
            CommandId::EditItem,
            CommandId::DeleteItem,
            CommandId::Down,
            CommandId::PageDown,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    /// Makes no requests.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::TypedJson => {
                self.typed = !self.typed;
                Some(Vec::new())
            }
            CommandId::Copy => Some(vec![Effect::Copy(self.text())]),
            CommandId::EditItem | CommandId::DeleteItem if self.target.is_none() => {
                Some(vec![Effect::Flash(
                    Level::Warn,
                    "open the item from its table (:ddb) to change it".into(),
                )])
            }
            CommandId::EditItem => {
                let (pending, effects) = self.target.as_ref()?.edit(&self.item);
                self.editing = Some(pending);
                Some(effects)
            }
            CommandId::DeleteItem => Some(self.target.as_ref()?.delete(&self.item)),
            _ => None,
        }
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let (write, result) = match outcome {
            Outcome::Ddb(DdbOutcome::Written { write, result }) => (write, result),
            Outcome::Edit(edit) => return super::edit::advance(&mut self.editing, edit),
            _ => return Vec::new(),
        };
        let mut effects = vec![super::edit::written(&write, &result)];
        if result.is_ok() {
            match *write {
                Write::Update(update) => {
                    self.item = update.edited;
                    self.styled_with = None;
                }
                Write::Delete { .. } => effects.push(Effect::Pop),
                Write::Put { .. } => {}
            }
        }
        effects
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.pager)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.pager)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        let wanted = (theme.name().to_string(), self.typed);
        if self.styled_with.as_ref() != Some(&wanted) {
            self.pager
                .set_lines(preview::highlighted_json(&self.text(), theme));
            self.styled_with = Some(wanted);
        }
        let kind = if self.typed { "typed JSON" } else { "JSON" };
        self.pager
            .render(frame, area, theme, &format!("{} · {kind}", self.title));
    }
}
