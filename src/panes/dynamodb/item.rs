//! One item, whole: plain JSON (numbers exactly as stored) or DynamoDB-typed JSON (`t`). After
//! a write the item is read again (consistently), and `C-r` reads it again, so what is shown —
//! and what the next edit is checked against — is what the table holds now.

use crate::aws::dynamodb::Write;
use crate::aws::dynamodb_json as values;
use crate::aws::dynamodb_value::Item;
use crate::aws::{AwsError, ContextKey};
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

/// Why the item is being read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reread {
    /// After a write from here: the item as the table now holds it.
    AfterWrite,
    /// `C-r`.
    Asked,
}

pub struct ItemView {
    id: PaneId,
    title: String,
    item: Item,
    /// Where edits go; `None` for items without a known table (PartiQL results).
    target: Option<super::edit::Target>,
    /// An edit between the editor and its confirmation.
    editing: Option<super::edit::Pending>,
    typed: bool,
    /// A re-read on its way, and who asked for it.
    reading: Option<Reread>,
    /// The list this item came from, told what was written and re-read.
    fresh: Option<super::Fresh>,
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
            reading: None,
            fresh: None,
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

    /// Tells `fresh` (the list's) whenever this item is written or re-read.
    pub fn reporting_to(mut self, fresh: super::Fresh) -> ItemView {
        self.fresh = Some(fresh);
        self
    }

    /// Shows `now` and tells the list; `None`: the item is gone.
    fn show(&mut self, key: Item, now: Option<Item>) {
        if let Some(item) = &now {
            self.item = item.clone();
            self.styled_with = None;
        }
        if let Some(fresh) = &self.fresh {
            fresh.put(key, now);
        }
    }

    fn reread(&mut self, why: Reread) -> Vec<Effect> {
        let Some(target) = &self.target else {
            return Vec::new();
        };
        self.reading = Some(why);
        vec![target.reread(target.key_of(&self.item))]
    }

    /// The answer of a re-read: the item as it is now.
    fn reread_answer(&mut self, key: Item, result: Result<Option<Item>, AwsError>) -> Vec<Effect> {
        let Some(why) = self.reading.take() else {
            return Vec::new();
        };
        let table = self
            .target
            .as_ref()
            .map_or("", |t| t.table.as_str())
            .to_string();
        match result {
            Ok(Some(now)) => {
                let changed = now != self.item;
                self.show(key, Some(now));
                match (why, changed) {
                    (Reread::AfterWrite, false) => Vec::new(),
                    (Reread::AfterWrite, true) => vec![Effect::Flash(
                        Level::Info,
                        "item saved; shown as the table holds it now (with others' changes)".into(),
                    )],
                    (Reread::Asked, false) => {
                        vec![Effect::Flash(Level::Info, "re-read: unchanged".into())]
                    }
                    (Reread::Asked, true) => vec![Effect::Flash(
                        Level::Info,
                        "re-read: the item has changed; shown as it is now".into(),
                    )],
                }
            }
            Ok(None) => {
                self.show(key, None);
                vec![Effect::Flash(
                    Level::Warn,
                    format!("this item is no longer in {table}: it was deleted meanwhile"),
                )]
            }
            Err(e) => vec![Effect::Flash(
                Level::Error,
                format!("not re-read (what is shown may be old): {}", e.summary()),
            )],
        }
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
            CommandId::Refresh,
            CommandId::Down,
            CommandId::PageDown,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    /// A re-read that never answered: nothing more is awaited.
    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("read") {
            self.reading = None;
        }
    }

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
            CommandId::Refresh if self.target.is_none() => Some(vec![Effect::Flash(
                Level::Warn,
                "a PartiQL result has no one table to re-read it from; open it from :ddb".into(),
            )]),
            CommandId::Refresh => Some(self.reread(Reread::Asked)),
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
            Outcome::Ddb(DdbOutcome::Item { key, result }) => {
                return self.reread_answer(key, result);
            }
            Outcome::Edit(edit) => return super::edit::advance(&mut self.editing, edit),
            _ => return Vec::new(),
        };
        let mut effects = vec![super::edit::written(&write, &result)];
        if result.is_ok() {
            match *write {
                // Shown at once as intended, then as the table holds it (others' attributes
                // added meanwhile are kept by the update and belong in the view too).
                Write::Update(update) => {
                    self.show(update.key, Some(update.edited));
                    effects.extend(self.reread(Reread::AfterWrite));
                }
                Write::Delete { key, .. } => {
                    self.show(key, None);
                    effects.push(Effect::Pop);
                }
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
        let reading = if self.reading.is_some() {
            " · reading…"
        } else {
            ""
        };
        self.pager.render(
            frame,
            area,
            theme,
            &format!("{} · {kind}{reading}", self.title),
        );
    }
}
