//! The query builder: a keyboard-driven form (target table or index, key values typed from the
//! schema, a sort-key condition, filters, projection, page size, order, consistent read) that
//! shows the generated expressions and the equivalent `aws dynamodb` command as it is filled
//! in, and opens the results as an items view.

use crate::aws::ContextKey;
use crate::aws::dynamodb::{KeyAttr, Table};
use crate::aws::dynamodb_query::{
    Cmp, Filter, IndexTarget, Join, Mode, RawSpec, Request, SortCondition, Spec, typed_json,
};
use crate::aws::dynamodb_value::Value;
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::dynamodb::{DdbOp, DdbOutcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request as Job};
use crate::sanitize::sanitize;
use crate::saved_queries::{FilterState, FormState, QueryFiles};
use crate::theme::Theme;
use crate::ui::line_input::{InputEvent, LineInput};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

const SORT_OPS: [&str; 8] = [
    "(none)",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "between",
    "begins_with",
];
const FILTER_OPS: [&str; 18] = [
    "=",
    "<>",
    "<",
    "<=",
    ">",
    ">=",
    "between",
    "begins_with",
    "contains",
    "attribute_exists",
    "attribute_not_exists",
    "attribute_type",
    "size =",
    "size <>",
    "size <",
    "size <=",
    "size >",
    "size >=",
];
const VALUE_TYPES: [&str; 5] = ["S", "N", "B", "BOOL", "NULL"];

/// The comparison in an operator's name (`<=`, or `size <=` for `size()` comparisons).
fn cmp_of(symbol: &str) -> Cmp {
    match symbol.trim_start_matches("size ") {
        "<>" => Cmp::Ne,
        "<" => Cmp::Lt,
        "<=" => Cmp::Le,
        ">" => Cmp::Gt,
        ">=" => Cmp::Ge,
        _ => Cmp::Eq,
    }
}

/// A typed value from the text in a field.
fn parse_value(kind: &str, text: &str) -> Result<Value, String> {
    Ok(match kind {
        "N" => Value::N(text.trim().to_string()),
        "B" => Value::B(
            aws_smithy_types::base64::decode(text.trim())
                .map_err(|e| format!("'{text}' is not base64: {e}"))?,
        ),
        "BOOL" => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => return Err(format!("'{other}': BOOL is true or false")),
        },
        "NULL" => Value::Null,
        _ => Value::S(text.to_string()),
    })
}

struct FilterRow {
    attr: LineInput,
    op: usize,
    kind: usize,
    a: LineInput,
    b: LineInput,
}

impl FilterRow {
    fn new() -> FilterRow {
        FilterRow {
            attr: LineInput::default(),
            op: 0,
            kind: 0,
            a: LineInput::default(),
            b: LineInput::default(),
        }
    }

    fn op(&self) -> &'static str {
        FILTER_OPS[self.op]
    }

    fn needs_value(&self) -> bool {
        !matches!(self.op(), "attribute_exists" | "attribute_not_exists")
    }

    fn to_filter(&self, at: usize) -> Result<Option<Filter>, String> {
        let attr = self.attr.text().trim().to_string();
        if attr.is_empty() {
            return Ok(None);
        }
        let value = |input: &LineInput| {
            let kind = if self.op().starts_with("size") {
                "N"
            } else {
                VALUE_TYPES[self.kind]
            };
            parse_value(kind, input.text()).map_err(|e| format!("filter {at}: {e}"))
        };
        Ok(Some(match self.op() {
            "between" => {
                if self.b.text().is_empty() {
                    return Err(format!("filter {at}: between needs two values"));
                }
                Filter::Between(attr, value(&self.a)?, value(&self.b)?)
            }
            "begins_with" => Filter::BeginsWith(attr, value(&self.a)?),
            "contains" => Filter::Contains(attr, value(&self.a)?),
            "attribute_exists" => Filter::Exists(attr),
            "attribute_not_exists" => Filter::NotExists(attr),
            "attribute_type" => Filter::Type(attr, self.a.text().trim().to_uppercase()),
            op if op.starts_with("size") => Filter::Size(attr, cmp_of(op), value(&self.a)?),
            op => Filter::Compare(attr, cmp_of(op), value(&self.a)?),
        }))
    }
}

/// One line of the form that the cursor can be on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Mode,
    Target,
    Raw,
    RawKey,
    RawFilter,
    RawNames,
    RawValues,
    Partition,
    SortOp,
    SortA,
    SortB,
    FilterAttr(usize),
    FilterOp(usize),
    FilterType(usize),
    FilterA(usize),
    FilterB(usize),
    AddFilter,
    Join,
    Projection,
    PageSize,
    Order,
    Consistent,
    Run,
}

pub struct QueryForm {
    id: PaneId,
    ctx: ContextKey,
    table: Table,
    files: QueryFiles,
    scan: bool,
    /// Expressions written by hand instead of built from the fields.
    raw: bool,
    raw_key: LineInput,
    raw_filter: LineInput,
    raw_names: LineInput,
    raw_values: LineInput,
    /// 0: the table; n: `table.indexes[n - 1]`.
    target: usize,
    partition: LineInput,
    sort_op: usize,
    sort_a: LineInput,
    sort_b: LineInput,
    filters: Vec<FilterRow>,
    join_or: bool,
    projection: LineInput,
    page_size: LineInput,
    forward: bool,
    consistent: bool,
    focus: usize,
    editing: bool,
    /// The hand-written fields as last filled in from the built expressions: refilled only
    /// while the user has not changed them.
    raw_filled: Option<[String; 4]>,
    /// The builder's attribute list and the projection expression that replaced it.
    built_projection: Option<(String, String)>,
}

impl QueryForm {
    pub fn new(id: PaneId, ctx: ContextKey, table: Table, files: QueryFiles) -> QueryForm {
        QueryForm {
            id,
            ctx,
            table,
            files,
            scan: false,
            raw: false,
            raw_key: LineInput::default(),
            raw_filter: LineInput::default(),
            raw_names: LineInput::with_text("{}"),
            raw_values: LineInput::with_text("{}"),
            target: 0,
            partition: LineInput::default(),
            sort_op: 0,
            sort_a: LineInput::default(),
            sort_b: LineInput::default(),
            filters: Vec::new(),
            join_or: false,
            projection: LineInput::default(),
            page_size: LineInput::with_text(&super::items::PAGE_SIZE.to_string()),
            forward: true,
            consistent: false,
            focus: 0,
            editing: false,
            raw_filled: None,
            built_projection: None,
        }
    }

    /// The fields as they can be saved.
    pub fn state(&self) -> FormState {
        FormState {
            scan: self.scan,
            raw: self.raw,
            index: self.index().map(|i| i.name),
            partition: self.partition.text().into(),
            sort_op: SORT_OPS[self.sort_op].into(),
            sort_a: self.sort_a.text().into(),
            sort_b: self.sort_b.text().into(),
            filters: self
                .filters
                .iter()
                .map(|f| FilterState {
                    attr: f.attr.text().into(),
                    op: f.op().into(),
                    kind: VALUE_TYPES[f.kind].into(),
                    a: f.a.text().into(),
                    b: f.b.text().into(),
                })
                .collect(),
            join_or: self.join_or,
            projection: self.projection.text().into(),
            page_size: self.page_size.text().into(),
            forward: self.forward,
            consistent: self.consistent,
            raw_key: self.raw_key.text().into(),
            raw_filter: self.raw_filter.text().into(),
            raw_names: self.raw_names.text().into(),
            raw_values: self.raw_values.text().into(),
        }
    }

    /// Fills the fields from a saved state. An index that no longer exists falls back to the
    /// table; an unknown operator to the first.
    pub fn with_state(mut self, s: &FormState) -> QueryForm {
        let find = |list: &[&str], name: &str| list.iter().position(|o| *o == name).unwrap_or(0);
        self.scan = s.scan;
        self.raw = s.raw;
        self.target = s
            .index
            .as_ref()
            .and_then(|name| self.table.indexes.iter().position(|i| &i.name == name))
            .map_or(0, |i| i + 1);
        self.partition.set(&s.partition);
        self.sort_op = find(&SORT_OPS, &s.sort_op);
        self.sort_a.set(&s.sort_a);
        self.sort_b.set(&s.sort_b);
        self.filters = s
            .filters
            .iter()
            .map(|f| FilterRow {
                attr: LineInput::with_text(&f.attr),
                op: find(&FILTER_OPS, &f.op),
                kind: find(&VALUE_TYPES, &f.kind),
                a: LineInput::with_text(&f.a),
                b: LineInput::with_text(&f.b),
            })
            .collect();
        self.join_or = s.join_or;
        self.projection.set(&s.projection);
        self.page_size.set(&s.page_size);
        self.forward = s.forward;
        self.consistent = s.consistent;
        self.raw_key.set(&s.raw_key);
        self.raw_filter.set(&s.raw_filter);
        self.raw_names.set(&s.raw_names);
        self.raw_values.set(&s.raw_values);
        self
    }

    /// The keys of the chosen target: the table's or the index's.
    fn keys(&self) -> (KeyAttr, Option<KeyAttr>) {
        match self
            .target
            .checked_sub(1)
            .and_then(|i| self.table.indexes.get(i))
        {
            Some(index) => (index.partition.clone(), index.sort.clone()),
            None => (self.table.partition.clone(), self.table.sort.clone()),
        }
    }

    fn target_label(&self, n: usize) -> String {
        match n.checked_sub(1).and_then(|i| self.table.indexes.get(i)) {
            None => {
                let (pk, sk) = (&self.table.partition, &self.table.sort);
                format!(
                    "table {} ({}{})",
                    self.table.name,
                    key_text(pk),
                    sort_text(sk)
                )
            }
            Some(i) => format!(
                "{} index {} ({}{})",
                if i.global { "global" } else { "local" },
                i.name,
                key_text(&i.partition),
                sort_text(&i.sort)
            ),
        }
    }

    fn fields(&self) -> Vec<Field> {
        let mut f = vec![Field::Mode, Field::Target];
        if self.raw {
            if !self.scan {
                f.push(Field::RawKey);
            }
            f.extend([
                Field::RawFilter,
                Field::Projection,
                Field::RawNames,
                Field::RawValues,
                Field::PageSize,
            ]);
            if !self.scan {
                f.push(Field::Order);
            }
            f.extend([Field::Consistent, Field::Raw, Field::Run]);
            return f;
        }
        if !self.scan {
            f.push(Field::Partition);
            if self.keys().1.is_some() {
                f.push(Field::SortOp);
                if self.sort_op > 0 {
                    f.push(Field::SortA);
                    if SORT_OPS[self.sort_op] == "between" {
                        f.push(Field::SortB);
                    }
                }
            }
        }
        for (i, row) in self.filters.iter().enumerate() {
            f.extend([Field::FilterAttr(i), Field::FilterOp(i)]);
            if row.needs_value() {
                if !row.op().starts_with("size") && row.op() != "attribute_type" {
                    f.push(Field::FilterType(i));
                }
                f.push(Field::FilterA(i));
                if row.op() == "between" {
                    f.push(Field::FilterB(i));
                }
            }
        }
        f.push(Field::AddFilter);
        if self.filters.len() > 1 {
            f.push(Field::Join);
        }
        f.extend([Field::Projection, Field::PageSize]);
        if !self.scan {
            f.push(Field::Order);
        }
        f.extend([Field::Consistent, Field::Raw, Field::Run]);
        f
    }

    fn focused(&self) -> Field {
        let fields = self.fields();
        fields[self.focus.min(fields.len() - 1)]
    }

    fn input(&mut self, field: Field) -> Option<&mut LineInput> {
        Some(match field {
            Field::Partition => &mut self.partition,
            Field::SortA => &mut self.sort_a,
            Field::SortB => &mut self.sort_b,
            Field::FilterAttr(i) => &mut self.filters.get_mut(i)?.attr,
            Field::FilterA(i) => &mut self.filters.get_mut(i)?.a,
            Field::FilterB(i) => &mut self.filters.get_mut(i)?.b,
            Field::Projection => &mut self.projection,
            Field::RawKey => &mut self.raw_key,
            Field::RawFilter => &mut self.raw_filter,
            Field::RawNames => &mut self.raw_names,
            Field::RawValues => &mut self.raw_values,
            Field::PageSize => &mut self.page_size,
            _ => return None,
        })
    }

    /// The form as a query: `Err` names the field that is wrong.
    pub fn spec(&self) -> Result<Spec, String> {
        let (pk, sk) = self.keys();
        let mode = if self.scan {
            Mode::Scan
        } else {
            let key_value = |key: &KeyAttr, input: &LineInput, what: &str| {
                parse_value(&key.kind, input.text())
                    .map_err(|e| format!("{what} {}: {e}", key.name))
            };
            let partition = (
                pk.name.clone(),
                key_value(&pk, &self.partition, "partition key")?,
            );
            let sort = match (&sk, SORT_OPS[self.sort_op]) {
                (None, _) | (_, "(none)") => None,
                (Some(sk), op) => {
                    let a = key_value(sk, &self.sort_a, "sort key")?;
                    let condition = match op {
                        "between" => {
                            if self.sort_b.text().is_empty() {
                                return Err(format!(
                                    "sort key {}: between needs two values",
                                    sk.name
                                ));
                            }
                            SortCondition::Between(a, key_value(sk, &self.sort_b, "sort key")?)
                        }
                        "begins_with" => SortCondition::BeginsWith(a),
                        op => SortCondition::Compare(cmp_of(op), a),
                    };
                    Some((sk.name.clone(), condition))
                }
            };
            Mode::Query { partition, sort }
        };
        let mut filters = Vec::new();
        for (i, row) in self.filters.iter().enumerate() {
            filters.extend(row.to_filter(i + 1)?);
        }
        let page_size = self.page_size()?;
        Ok(Spec {
            table: self.table.name.clone(),
            index: self.index(),
            mode,
            filters,
            join: if self.join_or { Join::Or } else { Join::And },
            projection: self
                .projection
                .text()
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            page_size,
            forward: self.forward,
            consistent: self.consistent,
        })
    }

    pub fn request(&self) -> Result<Request, String> {
        if self.raw {
            return self.raw_spec()?.build();
        }
        self.spec()?.build()
    }

    fn page_size(&self) -> Result<Option<i32>, String> {
        match self.page_size.text().trim() {
            "" => Ok(None),
            text => text
                .parse::<i32>()
                .map(Some)
                .map_err(|_| format!("page size '{text}': a whole number")),
        }
    }

    fn index(&self) -> Option<IndexTarget> {
        self.target
            .checked_sub(1)
            .and_then(|i| self.table.indexes.get(i))
            .map(|i| IndexTarget {
                name: i.name.clone(),
                global: i.global,
            })
    }

    fn raw_spec(&self) -> Result<RawSpec, String> {
        Ok(RawSpec {
            table: self.table.name.clone(),
            index: self.index(),
            scan: self.scan,
            key_condition: self.raw_key.text().to_string(),
            filter: self.raw_filter.text().to_string(),
            projection: self.projection.text().to_string(),
            names: self.raw_names.text().to_string(),
            values: self.raw_values.text().to_string(),
            page_size: self.page_size()?,
            forward: self.forward,
            consistent: self.consistent,
        })
    }

    /// Enter on a line: edit a text field, change a choice, add a filter, or run.
    fn activate(&mut self) -> Vec<Effect> {
        let field = self.focused();
        if self.input(field).is_some() {
            self.editing = true;
            return Vec::new();
        }
        match field {
            Field::AddFilter => {
                self.filters.push(FilterRow::new());
                if let Some(at) = self
                    .fields()
                    .iter()
                    .position(|f| *f == Field::FilterAttr(self.filters.len() - 1))
                {
                    self.focus = at;
                    self.editing = true;
                }
            }
            Field::Run => return self.run(),
            _ => self.step(true),
        }
        Vec::new()
    }

    /// The focused option's next value (or previous, `forward: false`), wrapping around.
    fn step(&mut self, forward: bool) {
        let cycle = |at: usize, len: usize| {
            if forward {
                (at + 1) % len
            } else {
                (at + len - 1) % len
            }
        };
        match self.focused() {
            Field::Mode => self.scan = !self.scan,
            Field::Raw => {
                self.toggle_raw();
                // The lines above it change: the cursor stays on this one.
                self.focus = self
                    .fields()
                    .iter()
                    .position(|f| *f == Field::Raw)
                    .unwrap_or(0);
            }
            Field::Target => {
                self.target = cycle(self.target, self.table.indexes.len() + 1);
                self.sort_op = 0;
            }
            Field::SortOp => self.sort_op = cycle(self.sort_op, SORT_OPS.len()),
            Field::FilterOp(i) => {
                if let Some(row) = self.filters.get_mut(i) {
                    row.op = cycle(row.op, FILTER_OPS.len());
                }
            }
            Field::FilterType(i) => {
                if let Some(row) = self.filters.get_mut(i) {
                    row.kind = cycle(row.kind, VALUE_TYPES.len());
                }
            }
            Field::Join => self.join_or = !self.join_or,
            Field::Order => self.forward = !self.forward,
            Field::Consistent => self.consistent = !self.consistent,
            _ => {}
        }
    }

    /// Between built and hand-written expressions. Writing by hand starts from what the
    /// fields build (while the hand-written fields are blank or still as filled in), and going
    /// back restores the attribute list the builder had.
    fn toggle_raw(&mut self) {
        self.raw = !self.raw;
        if !self.raw {
            if let Some((list, filled)) = self.built_projection.take()
                && self.projection.text() == filled
            {
                self.projection.set(&list);
            }
            return;
        }
        let untouched = match &self.raw_filled {
            Some(filled) => *filled == self.raw_texts(),
            None => {
                self.raw_key.text().trim().is_empty()
                    && self.raw_filter.text().trim().is_empty()
                    && ["", "{}"].contains(&self.raw_names.text().trim())
                    && ["", "{}"].contains(&self.raw_values.text().trim())
            }
        };
        let Ok(built) = self.spec().and_then(|spec| spec.build()) else {
            return;
        };
        if !untouched {
            return;
        }
        let names: serde_json::Map<String, serde_json::Value> = built
            .names
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let values: serde_json::Map<String, serde_json::Value> = built
            .values
            .iter()
            .map(|(k, v)| (k.clone(), typed_json(v)))
            .collect();
        self.raw_key
            .set(built.key_condition.as_deref().unwrap_or_default());
        self.raw_filter
            .set(built.filter.as_deref().unwrap_or_default());
        self.raw_names
            .set(&serde_json::Value::Object(names).to_string());
        self.raw_values
            .set(&serde_json::Value::Object(values).to_string());
        // The attribute list becomes the expression, its names placeholders defined above.
        let projection = built.projection.unwrap_or_default();
        self.built_projection = Some((self.projection.text().to_string(), projection.clone()));
        self.projection.set(&projection);
        self.raw_filled = Some(self.raw_texts());
    }

    /// The hand-written expressions as they stand: key condition, filter, names, values.
    fn raw_texts(&self) -> [String; 4] {
        [
            &self.raw_key,
            &self.raw_filter,
            &self.raw_names,
            &self.raw_values,
        ]
        .map(|input| input.text().to_string())
    }

    fn run(&mut self) -> Vec<Effect> {
        match self.request() {
            Ok(request) => {
                let op = Op::Ddb(DdbOp::RememberQuery {
                    files: self.files.clone(),
                    table: self.table.name.clone(),
                    form: Box::new(self.state()),
                });
                let mut effects = vec![Effect::Request(Job::new(Owner::Pane(self.id), op))];
                let (ctx, table, form) = (self.ctx.clone(), self.table.clone(), self.state());
                effects.push(Effect::Push(Box::new(move |id| {
                    Box::new(super::ItemsPane::new(id, ctx, table, request).from_form(form))
                })));
                effects
            }
            Err(e) => vec![Effect::Flash(Level::Error, e)],
        }
    }

    fn save(&self) -> Vec<Effect> {
        let (files, table, state) = (self.files.clone(), self.table.name.clone(), self.state());
        let owner = Owner::Pane(self.id);
        vec![Effect::Ask(crate::pane::Ask {
            title: format!("Save this query of {table} as"),
            initial: String::new(),
            complete_paths: false,
            on_answer: Box::new(move |name: String| {
                let name = name.trim();
                if name.is_empty() {
                    return vec![Effect::Flash(
                        Level::Error,
                        "a saved query needs a name".into(),
                    )];
                }
                let op = Op::Ddb(DdbOp::SaveQuery {
                    files,
                    table,
                    name: name.to_string(),
                    form: Box::new(state),
                });
                vec![Effect::Request(Job::new(owner, op))]
            }),
        })]
    }

    fn line_for(&self, field: Field, theme: &Theme) -> Line<'static> {
        let choice = |label: &str, value: String| (label.to_string(), value, true);
        let text =
            |label: &str, input: &LineInput| (label.to_string(), input.text().to_string(), false);
        let (label, value, is_choice) = match field {
            Field::Mode => choice(
                "mode",
                if self.scan {
                    "scan".into()
                } else {
                    "query".into()
                },
            ),
            Field::Target => choice("target", self.target_label(self.target)),
            Field::Raw => choice(
                "expressions",
                if self.raw {
                    "written by hand".into()
                } else {
                    "built from fields".into()
                },
            ),
            Field::RawKey => text("key condition", &self.raw_key),
            Field::RawFilter => text("filter", &self.raw_filter),
            Field::RawNames => text("names (JSON)", &self.raw_names),
            Field::RawValues => text("values (typed JSON)", &self.raw_values),
            Field::Partition => {
                let (pk, _) = self.keys();
                text(&format!("{} = ({})", pk.name, pk.kind), &self.partition)
            }
            Field::SortOp => {
                let sk = self.keys().1.unwrap_or_default();
                choice(
                    &format!("{} ({})", sk.name, sk.kind),
                    SORT_OPS[self.sort_op].into(),
                )
            }
            Field::SortA => text("  value", &self.sort_a),
            Field::SortB => text("  and", &self.sort_b),
            Field::FilterAttr(i) => text(&format!("filter {}", i + 1), &self.filters[i].attr),
            Field::FilterOp(i) => choice("  operator", self.filters[i].op().into()),
            Field::FilterType(i) => choice("  type", VALUE_TYPES[self.filters[i].kind].into()),
            Field::FilterA(i) => {
                let label = if self.filters[i].op() == "attribute_type" {
                    "  type name"
                } else {
                    "  value"
                };
                text(label, &self.filters[i].a)
            }
            Field::FilterB(i) => text("  and", &self.filters[i].b),
            Field::AddFilter => choice("", "+ add a filter".into()),
            Field::Join => choice(
                "filters joined by",
                if self.join_or {
                    "OR".into()
                } else {
                    "AND".into()
                },
            ),
            Field::Projection => text("attributes", &self.projection),
            Field::PageSize => text("page size", &self.page_size),
            Field::Order => choice(
                "order",
                if self.forward {
                    "ascending".into()
                } else {
                    "descending".into()
                },
            ),
            Field::Consistent => choice(
                "consistent read",
                if self.consistent {
                    "yes".into()
                } else {
                    "no".into()
                },
            ),
            Field::Run => choice("", "▶ run".into()),
        };
        let focused = self.focused() == field;
        let marker = if focused { "› " } else { "  " };
        let value_style = if focused && self.editing {
            theme.style("prompt.input")
        } else if is_choice {
            theme.style("detail.value")
        } else {
            theme.style("text")
        };
        let shown = if focused && self.editing {
            format!("{}▏", sanitize(&value))
        } else if is_choice && !label.is_empty() {
            format!("‹{}›", sanitize(&value))
        } else {
            sanitize(&value).into_owned()
        };
        let line = Line::from(vec![
            Span::styled(marker.to_string(), theme.style("prompt")),
            // Labels carry the table's key attribute names, which come from AWS.
            Span::styled(
                format!("{:<22}", sanitize(&label)),
                theme.style("detail.key"),
            ),
            Span::styled(shown, value_style),
        ]);
        if focused && !self.editing {
            line.style(theme.style("table.row.selected"))
        } else {
            line
        }
    }
}

fn key_text(k: &KeyAttr) -> String {
    format!("{} {}", k.name, k.kind)
}

fn sort_text(k: &Option<KeyAttr>) -> String {
    k.as_ref()
        .map(|k| format!(", {}", key_text(k)))
        .unwrap_or_default()
}

impl Pane for QueryForm {
    fn id(&self) -> PaneId {
        self.id
    }

    fn title(&self) -> String {
        "query".into()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Ddb, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::PrevOption,
            CommandId::NextOption,
            CommandId::RunQuery,
            CommandId::SaveQuery,
            CommandId::SavedQueries,
            CommandId::Down,
            CommandId::Copy,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    /// Makes no requests: the items view runs what the form builds.
    fn failed(&mut self, _failure: &crate::protocol::Failure) {}

    fn is_editing(&self) -> bool {
        self.editing
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        match outcome {
            Outcome::Ddb(DdbOutcome::QuerySaved { name, result }) => vec![match result {
                Ok(path) => Effect::Flash(
                    Level::Success,
                    format!("saved '{name}' in {}", path.display()),
                ),
                Err(e) => Effect::Flash(Level::Error, format!("not saved: {e}")),
            }],
            Outcome::Ddb(DdbOutcome::Remembered(Err(e))) => {
                vec![Effect::Flash(Level::Warn, format!("query history: {e}"))]
            }
            _ => Vec::new(),
        }
    }

    fn handle_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let field = self.focused();
        let Some(input) = self.input(field) else {
            self.editing = false;
            return Vec::new();
        };
        match input.handle(key) {
            InputEvent::Submit | InputEvent::Cancel => self.editing = false,
            _ => {}
        }
        Vec::new()
    }

    fn handle_paste(&mut self, text: &str) {
        let field = self.focused();
        if let Some(input) = self.input(field) {
            input.insert_str(&text.replace(['\n', '\r'], " "));
        }
    }

    fn handle(&mut self, command: CommandId, _cx: &PaneCx) -> Option<Vec<Effect>> {
        let last = self.fields().len() - 1;
        match command {
            CommandId::Down => self.focus = (self.focus + 1).min(last),
            CommandId::Up => self.focus = self.focus.saturating_sub(1),
            CommandId::Top => self.focus = 0,
            CommandId::Bottom => self.focus = last,
            CommandId::Open | CommandId::Mark => return Some(self.activate()),
            CommandId::NextOption => self.step(true),
            CommandId::PrevOption => self.step(false),
            CommandId::RunQuery => return Some(self.run()),
            CommandId::SaveQuery => return Some(self.save()),
            CommandId::SavedQueries => {
                let (ctx, table, files) =
                    (self.ctx.clone(), self.table.clone(), self.files.clone());
                return Some(vec![Effect::Push(Box::new(move |id| {
                    Box::new(super::saved_list::SavedQueriesPane::new(
                        id, ctx, table, files,
                    ))
                }))]);
            }
            CommandId::Copy => {
                return Some(match self.request() {
                    Ok(r) => vec![Effect::Copy(
                        r.cli_command(self.ctx.profile.as_deref(), &self.ctx.region),
                    )],
                    Err(e) => vec![Effect::Flash(Level::Error, e)],
                });
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        self.focus = self.focus.min(self.fields().len() - 1);
        let mut lines: Vec<Line> = self
            .fields()
            .into_iter()
            .map(|f| self.line_for(f, theme))
            .collect();
        lines.push(Line::raw(""));
        match self.request() {
            Ok(r) => {
                let mut show = |label: &str, value: &Option<String>| {
                    if let Some(v) = value {
                        lines.push(Line::from(vec![
                            Span::styled(format!("{label:<24}"), theme.style("text.dim")),
                            Span::styled(sanitize(v).into_owned(), theme.style("text")),
                        ]));
                    }
                };
                show("key condition", &r.key_condition);
                show("filter", &r.filter);
                show("projection", &r.projection);
                lines.push(Line::styled(
                    sanitize(&r.cli_command(self.ctx.profile.as_deref(), &self.ctx.region))
                        .into_owned(),
                    theme.style("text.dim"),
                ));
            }
            Err(e) => lines.push(Line::styled(
                format!("✗ {}", sanitize(&e)),
                theme.style("flash.error"),
            )),
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.style("border.focused"))
            .title(Span::styled(
                format!(" query {} ", sanitize(&self.table.name)),
                theme.style("title"),
            ));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_comparison_maps_to_its_operator() {
        let sizes: Vec<Cmp> = FILTER_OPS
            .iter()
            .filter(|o| o.starts_with("size"))
            .map(|o| cmp_of(o))
            .collect();
        assert_eq!(
            sizes,
            [Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge]
        );
        assert_eq!(cmp_of(">="), Cmp::Ge);
        assert_eq!(
            cmp_of("begins_with"),
            Cmp::Eq,
            "not a comparison: never asked"
        );
    }
}
