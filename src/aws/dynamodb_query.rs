//! A DynamoDB query or scan as the user describes it (target, key values, conditions), turned
//! into the request DynamoDB takes: expressions with `#name`/`:value` placeholders — so reserved
//! words (`name`, `status`, `size`) and odd attribute names always work — and the equivalent
//! `aws dynamodb query|scan` command. Everything is checked before anything is sent.

use super::dynamodb_value::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A comparison for sort keys, filters and `size()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "<>",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// The sort-key condition of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortCondition {
    /// `=`, `<`, `<=`, `>`, `>=` (`<>` is not allowed on a key).
    Compare(Cmp, Value),
    Between(Value, Value),
    BeginsWith(Value),
}

/// One filter condition on an attribute (a path like `address.city` or `items[0].sku`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    Compare(String, Cmp, Value),
    Between(String, Value, Value),
    BeginsWith(String, Value),
    Contains(String, Value),
    Exists(String),
    NotExists(String),
    /// `attribute_type(path, :t)` with a type name such as `S`, `N`, `SS`, `M`.
    Type(String, String),
    /// `size(path) <cmp> :n`.
    Size(String, Cmp, Value),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Join {
    #[default]
    And,
    Or,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Query by partition key (name, value), with an optional sort-key condition.
    Query {
        partition: (String, Value),
        sort: Option<(String, SortCondition)>,
    },
    Scan,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexTarget {
    pub name: String,
    /// Global indexes cannot be read consistently.
    pub global: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub table: String,
    /// Query or scan this index instead of the table.
    pub index: Option<IndexTarget>,
    pub mode: Mode,
    pub filters: Vec<Filter>,
    pub join: Join,
    /// Attribute paths to return; empty: everything.
    pub projection: Vec<String>,
    pub page_size: Option<i32>,
    /// Query order: ascending sort key (`true`) or descending.
    pub forward: bool,
    pub consistent: bool,
}

/// What DynamoDB is sent (besides the paging key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub table: String,
    pub index: Option<String>,
    pub scan: bool,
    pub key_condition: Option<String>,
    pub filter: Option<String>,
    pub projection: Option<String>,
    pub names: BTreeMap<String, String>,
    pub values: BTreeMap<String, Value>,
    pub limit: Option<i32>,
    pub forward: bool,
    pub consistent: bool,
}

/// Hands out `#n0`, `:v0`, … and remembers what they stand for. Used for queries here and
/// for conditional writes (`dynamodb_edit`, with names `#a0`, …).
pub(crate) struct Placeholders {
    prefix: &'static str,
    pub(crate) names: BTreeMap<String, String>,
    pub(crate) values: BTreeMap<String, Value>,
}

impl Default for Placeholders {
    fn default() -> Self {
        Placeholders::with_prefix("n")
    }
}

impl Placeholders {
    pub(crate) fn with_prefix(prefix: &'static str) -> Placeholders {
        Placeholders {
            prefix,
            names: BTreeMap::new(),
            values: BTreeMap::new(),
        }
    }

    /// The placeholder of an attribute name (the same one each time it comes up).
    pub(crate) fn name(&mut self, name: &str) -> String {
        if let Some((k, _)) = self.names.iter().find(|(_, v)| v.as_str() == name) {
            return k.clone();
        }
        let key = format!("#{}{}", self.prefix, self.names.len());
        self.names.insert(key.clone(), name.to_string());
        key
    }

    /// A placeholder for a value already known to be valid (read from DynamoDB, or checked).
    pub(crate) fn checked_value(&mut self, value: &Value) -> String {
        let key = format!(":v{}", self.values.len());
        self.values.insert(key.clone(), value.clone());
        key
    }

    /// A document path: each name segment gets its placeholder, list indexes stay.
    fn path(&mut self, path: &str) -> Result<String, String> {
        let mut out = String::new();
        for (i, segment) in path.split('.').enumerate() {
            let (name, rest) = match segment.find('[') {
                Some(at) => segment.split_at(at),
                None => (segment, ""),
            };
            if name.is_empty() {
                return Err(format!("'{path}': empty attribute name"));
            }
            let indexes_ok = rest.is_empty()
                || rest.split_inclusive(']').all(|p| {
                    p.starts_with('[')
                        && p.ends_with(']')
                        && p[1..p.len() - 1].parse::<u32>().is_ok()
                });
            if !indexes_ok {
                return Err(format!("'{path}': list indexes look like items[0]"));
            }
            if i > 0 {
                out.push('.');
            }
            out.push_str(&self.name(name));
            out.push_str(rest);
        }
        Ok(out)
    }

    fn value(&mut self, value: &Value) -> Result<String, String> {
        check_value(value)?;
        Ok(self.checked_value(value))
    }
}

/// A DynamoDB number: optional sign, digits with an optional point, optional exponent; at most
/// 38 significant digits.
pub fn is_number(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits_ok(whole) || !digits_ok(fraction) {
        return false;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        if e.is_empty() || !digits_ok(e) {
            return false;
        }
    }
    let significant = format!("{whole}{fraction}");
    let digits = significant.trim_start_matches('0');
    if digits.is_empty() {
        return true; // zero, however written
    }
    if digits.trim_end_matches('0').len() > 38 {
        return false;
    }
    // DynamoDB's range: magnitudes from 1E-130 to 9.99…E+125. The decimal exponent of the
    // first significant digit decides it.
    let leading_zeros_in_fraction = if whole.trim_start_matches('0').is_empty() {
        fraction.len() - fraction.trim_start_matches('0').len()
    } else {
        0
    };
    let first_digit_exponent: i64 = if whole.trim_start_matches('0').is_empty() {
        -(leading_zeros_in_fraction as i64) - 1
    } else {
        whole.trim_start_matches('0').len() as i64 - 1
    };
    let written = exponent.map_or(Some(0), |e| {
        let (negative, e) = match e.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, e.strip_prefix('+').unwrap_or(e)),
        };
        let e = e.trim_start_matches('0');
        if e.len() > 6 {
            return None; // far outside the range either way
        }
        let value: i64 = e.parse().unwrap_or(0);
        Some(if negative { -value } else { value })
    });
    written.is_some_and(|e| (-130..=125).contains(&(first_digit_exponent + e)))
}

fn check_value(value: &Value) -> Result<(), String> {
    match value {
        Value::N(n) if !is_number(n) => Err(format!("'{n}' is not a number")),
        Value::Ns(set) => match set.iter().find(|n| !is_number(n)) {
            Some(bad) => Err(format!("'{bad}' in the number set is not a number")),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

fn key_value(what: &str, value: &Value) -> Result<(), String> {
    match value {
        Value::S(s) if s.is_empty() => Err(format!("the {what} value is empty")),
        Value::S(_) | Value::N(_) | Value::B(_) => check_value(value),
        other => Err(format!(
            "a {what} is a string, number or binary, not {}",
            other.type_name()
        )),
    }
}

impl Spec {
    pub fn build(&self) -> Result<Request, String> {
        if self.table.is_empty() {
            return Err("no table".into());
        }
        let mut p = Placeholders::default();
        let key_condition = match &self.mode {
            Mode::Scan => None,
            Mode::Query { partition, sort } => {
                let (pk, pk_value) = partition;
                if pk.is_empty() {
                    return Err("the partition key has no name".into());
                }
                key_value("partition key", pk_value)
                    .map_err(|e| format!("partition key {pk}: {e}"))?;
                let mut expr = format!("{} = {}", p.name(pk), p.value(pk_value)?);
                if let Some((sk, condition)) = sort {
                    let name = p.name(sk);
                    let part = match condition {
                        SortCondition::Compare(Cmp::Ne, _) => {
                            return Err(format!("sort key {sk}: <> is not allowed on a key"));
                        }
                        SortCondition::Compare(cmp, v) => {
                            key_value("sort key", v).map_err(|e| format!("sort key {sk}: {e}"))?;
                            format!("{name} {} {}", cmp.symbol(), p.value(v)?)
                        }
                        SortCondition::Between(a, b) => {
                            key_value("sort key", a).map_err(|e| format!("sort key {sk}: {e}"))?;
                            key_value("sort key", b).map_err(|e| format!("sort key {sk}: {e}"))?;
                            format!("{name} BETWEEN {} AND {}", p.value(a)?, p.value(b)?)
                        }
                        SortCondition::BeginsWith(v) => {
                            if matches!(v, Value::N(_)) {
                                return Err(format!(
                                    "sort key {sk}: begins_with needs a string or binary key"
                                ));
                            }
                            key_value("sort key", v).map_err(|e| format!("sort key {sk}: {e}"))?;
                            format!("begins_with({name}, {})", p.value(v)?)
                        }
                    };
                    expr.push_str(" AND ");
                    expr.push_str(&part);
                }
                Some(expr)
            }
        };
        let mut parts = Vec::new();
        for (i, f) in self.filters.iter().enumerate() {
            let at = |e: String| format!("filter {}: {e}", i + 1);
            parts.push(filter_expression(&mut p, f).map_err(at)?);
        }
        let joiner = match self.join {
            Join::And => " AND ",
            Join::Or => " OR ",
        };
        let filter = (!parts.is_empty()).then(|| {
            if parts.len() > 1 && self.join == Join::Or {
                parts
                    .iter()
                    .map(|x| format!("({x})"))
                    .collect::<Vec<_>>()
                    .join(joiner)
            } else {
                parts.join(joiner)
            }
        });
        let mut projected = Vec::new();
        for path in &self.projection {
            projected.push(p.path(path).map_err(|e| format!("projection: {e}"))?);
        }
        if let Some(n) = self.page_size
            && n < 1
        {
            return Err(format!("page size {n}: at least 1"));
        }
        if self.consistent && self.index.as_ref().is_some_and(|i| i.global) {
            return Err("consistent reads are not available on a global secondary index".into());
        }
        Ok(Request {
            table: self.table.clone(),
            index: self.index.as_ref().map(|i| i.name.clone()),
            scan: matches!(self.mode, Mode::Scan),
            key_condition,
            filter,
            projection: (!projected.is_empty()).then(|| projected.join(", ")),
            names: p.names,
            values: p.values,
            limit: self.page_size,
            forward: self.forward,
            consistent: self.consistent,
        })
    }
}

fn filter_expression(p: &mut Placeholders, f: &Filter) -> Result<String, String> {
    Ok(match f {
        Filter::Compare(path, cmp, v) => {
            format!("{} {} {}", p.path(path)?, cmp.symbol(), p.value(v)?)
        }
        Filter::Between(path, a, b) => {
            let path = p.path(path)?;
            format!("{path} BETWEEN {} AND {}", p.value(a)?, p.value(b)?)
        }
        Filter::BeginsWith(path, v) => format!("begins_with({}, {})", p.path(path)?, p.value(v)?),
        Filter::Contains(path, v) => format!("contains({}, {})", p.path(path)?, p.value(v)?),
        Filter::Exists(path) => format!("attribute_exists({})", p.path(path)?),
        Filter::NotExists(path) => format!("attribute_not_exists({})", p.path(path)?),
        Filter::Type(path, kind) => {
            const TYPES: [&str; 10] = ["S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"];
            if !TYPES.contains(&kind.as_str()) {
                return Err(format!(
                    "'{kind}' is not a type; use one of {}",
                    TYPES.join(" ")
                ));
            }
            let path = p.path(path)?;
            format!(
                "attribute_type({path}, {})",
                p.value(&Value::S(kind.clone()))?
            )
        }
        Filter::Size(path, cmp, v) => {
            if !matches!(v, Value::N(_)) {
                return Err("size() compares with a number".into());
            }
            let path = p.path(path)?;
            format!("size({path}) {} {}", cmp.symbol(), p.value(v)?)
        }
    })
}

/// A query or scan written by hand: expressions, names and values as DynamoDB takes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawSpec {
    pub table: String,
    pub index: Option<IndexTarget>,
    pub scan: bool,
    pub key_condition: String,
    pub filter: String,
    pub projection: String,
    /// A JSON object: `{"#s": "status"}`.
    pub names: String,
    /// A JSON object of typed values: `{":v": {"S": "PAID"}}`.
    pub values: String,
    pub page_size: Option<i32>,
    pub forward: bool,
    pub consistent: bool,
}

/// `#name` and `:value` tokens in an expression.
fn placeholders(expr: &str, sigil: char) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == sigil {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            if i > start + 1 {
                found.insert(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    found
}

impl RawSpec {
    /// Checked the way DynamoDB checks: every placeholder used is defined and every one
    /// defined is used; values are typed JSON.
    pub fn build(&self) -> Result<Request, String> {
        let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let key_condition = if self.scan {
            None
        } else {
            Some(trimmed(&self.key_condition).ok_or("a query needs a key condition expression")?)
        };
        let filter = trimmed(&self.filter);
        let projection = trimmed(&self.projection);
        let object = |text: &str,
                      what: &str|
         -> Result<serde_json::Map<String, serde_json::Value>, String> {
            if text.trim().is_empty() {
                return Ok(Default::default());
            }
            serde_json::from_str::<serde_json::Value>(text)
                .map_err(|e| format!("{what}: not valid JSON: {e}"))?
                .as_object()
                .cloned()
                .ok_or_else(|| format!("{what}: a JSON object"))
        };
        let names: BTreeMap<String, String> = object(&self.names, "names")?
            .into_iter()
            .map(|(k, v)| match v.as_str() {
                Some(s) => Ok((k, s.to_string())),
                None => Err(format!("names: {k} should name an attribute as a string")),
            })
            .collect::<Result<_, String>>()?;
        let values: BTreeMap<String, Value> = object(&self.values, "values")?
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    from_typed_json(v).map_err(|e| format!("values: {k}: {e}"))?,
                ))
            })
            .collect::<Result<_, String>>()?;
        let expressions = [&key_condition, &filter, &projection]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        for (sigil, defined, what) in [
            (
                '#',
                names
                    .keys()
                    .cloned()
                    .collect::<std::collections::BTreeSet<_>>(),
                "names",
            ),
            (':', values.keys().cloned().collect(), "values"),
        ] {
            let used = placeholders(&expressions, sigil);
            if let Some(missing) = used.difference(&defined).next() {
                return Err(format!("{missing} is used but not defined in {what}"));
            }
            if let Some(unused) = defined.difference(&used).next() {
                return Err(format!("{unused} is defined in {what} but not used"));
            }
        }
        if let Some(n) = self.page_size
            && n < 1
        {
            return Err(format!("page size {n}: at least 1"));
        }
        if self.consistent && self.index.as_ref().is_some_and(|i| i.global) {
            return Err("consistent reads are not available on a global secondary index".into());
        }
        Ok(Request {
            table: self.table.clone(),
            index: self.index.as_ref().map(|i| i.name.clone()),
            scan: self.scan,
            key_condition,
            filter,
            projection,
            names,
            values,
            limit: self.page_size,
            forward: self.forward,
            consistent: self.consistent,
        })
    }
}

/// A value in DynamoDB's typed JSON (`{"S": "x"}`, `{"N": "1"}`), as the CLI takes it.
pub fn typed_json(value: &Value) -> serde_json::Value {
    use serde_json::json;
    let b64 = |b: &[u8]| aws_smithy_types::base64::encode(b);
    match value {
        Value::S(s) => json!({ "S": s }),
        Value::N(n) => json!({ "N": n }),
        Value::B(b) => json!({ "B": b64(b) }),
        Value::Bool(b) => json!({ "BOOL": b }),
        Value::Null => json!({ "NULL": true }),
        Value::L(items) => json!({ "L": items.iter().map(typed_json).collect::<Vec<_>>() }),
        Value::M(map) => {
            let inner: serde_json::Map<String, serde_json::Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), typed_json(v)))
                .collect();
            json!({ "M": inner })
        }
        Value::Ss(set) => json!({ "SS": set }),
        Value::Ns(set) => json!({ "NS": set }),
        Value::Bs(set) => json!({ "BS": set.iter().map(|b| b64(b)).collect::<Vec<_>>() }),
    }
}

/// The inverse of `typed_json`: a value written in DynamoDB's typed JSON (raw mode, the CLI).
pub fn from_typed_json(json: &serde_json::Value) -> Result<Value, String> {
    let obj = json
        .as_object()
        .filter(|o| o.len() == 1)
        .ok_or_else(|| format!("{json}: a typed value looks like {{\"S\": \"text\"}}"))?;
    let (kind, v) = obj.iter().next().ok_or("empty value")?;
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{kind}: {v} should be a string"))
    };
    let list = |v: &serde_json::Value| {
        v.as_array()
            .ok_or_else(|| format!("{kind}: {v} should be a list"))
            .and_then(|a| a.iter().map(text).collect::<Result<Vec<_>, _>>())
    };
    let bytes = |s: String| {
        aws_smithy_types::base64::decode(&s)
            .map_err(|e| format!("{kind}: '{s}' is not base64: {e}"))
    };
    let value = match kind.as_str() {
        "S" => Value::S(text(v)?),
        "N" => Value::N(text(v)?),
        "B" => Value::B(bytes(text(v)?)?),
        "BOOL" => Value::Bool(v.as_bool().ok_or("BOOL takes true or false")?),
        "NULL" => Value::Null,
        "SS" => Value::Ss(list(v)?),
        "NS" => Value::Ns(list(v)?),
        "BS" => Value::Bs(list(v)?.into_iter().map(bytes).collect::<Result<_, _>>()?),
        "L" => Value::L(
            v.as_array()
                .ok_or("L takes a list")?
                .iter()
                .map(from_typed_json)
                .collect::<Result<_, _>>()?,
        ),
        "M" => Value::M(
            v.as_object()
                .ok_or("M takes an object")?
                .iter()
                .map(|(k, v)| Ok((k.clone(), from_typed_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => return Err(format!("'{other}' is not a DynamoDB type")),
    };
    check_value(&value)?;
    Ok(value)
}

fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

impl Request {
    /// The same request as an AWS CLI command line (for a POSIX shell).
    pub fn cli_command(&self, profile: Option<&str>, region: &str) -> String {
        let mut cmd = format!(
            "aws dynamodb {} --table-name {}",
            if self.scan { "scan" } else { "query" },
            quote(&self.table)
        );
        let mut arg = |flag: &str, value: &str| {
            let _ = write!(cmd, " --{flag} {}", quote(value));
        };
        if let Some(index) = &self.index {
            arg("index-name", index);
        }
        if let Some(k) = &self.key_condition {
            arg("key-condition-expression", k);
        }
        if let Some(f) = &self.filter {
            arg("filter-expression", f);
        }
        if let Some(p) = &self.projection {
            arg("projection-expression", p);
        }
        if !self.names.is_empty() {
            arg(
                "expression-attribute-names",
                &serde_json::to_string(&self.names).unwrap_or_default(),
            );
        }
        if !self.values.is_empty() {
            let values: serde_json::Map<String, serde_json::Value> = self
                .values
                .iter()
                .map(|(k, v)| (k.clone(), typed_json(v)))
                .collect();
            arg(
                "expression-attribute-values",
                &serde_json::Value::Object(values).to_string(),
            );
        }
        if let Some(n) = self.limit {
            // The CLI pages on its own; --page-size is what sets the request's Limit.
            arg("page-size", &n.to_string());
        }
        if !self.scan && !self.forward {
            cmd.push_str(" --no-scan-index-forward");
        }
        if self.consistent {
            cmd.push_str(" --consistent-read");
        }
        if let Some(p) = profile {
            let _ = write!(cmd, " --profile {}", quote(p));
        }
        let _ = write!(cmd, " --region {}", quote(region));
        cmd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::S(v.into())
    }

    fn n(v: &str) -> Value {
        Value::N(v.into())
    }

    fn query(sort: Option<(&str, SortCondition)>, filters: Vec<Filter>) -> Spec {
        Spec {
            table: "orders".into(),
            index: None,
            mode: Mode::Query {
                partition: ("customer_id".into(), s("cust-0001")),
                sort: sort.map(|(k, c)| (k.to_string(), c)),
            },
            filters,
            join: Join::And,
            projection: Vec::new(),
            page_size: None,
            forward: true,
            consistent: false,
        }
    }

    #[test]
    fn key_conditions_use_placeholders_for_every_name_and_value() {
        let r = query(
            Some(("order_id", SortCondition::BeginsWith(s("ord-00")))),
            vec![],
        )
        .build()
        .unwrap();
        assert_eq!(
            r.key_condition.as_deref(),
            Some("#n0 = :v0 AND begins_with(#n1, :v1)")
        );
        assert_eq!(r.names["#n0"], "customer_id");
        assert_eq!(r.names["#n1"], "order_id");
        assert_eq!(r.values[":v1"], s("ord-00"));
        let between = query(
            Some(("created", SortCondition::Between(n("1"), n("9")))),
            vec![],
        )
        .build()
        .unwrap();
        assert_eq!(
            between.key_condition.as_deref(),
            Some("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2")
        );
        for (cmp, sym) in [
            (Cmp::Eq, "="),
            (Cmp::Lt, "<"),
            (Cmp::Le, "<="),
            (Cmp::Gt, ">"),
            (Cmp::Ge, ">="),
        ] {
            let r = query(
                Some(("created", SortCondition::Compare(cmp, n("5")))),
                vec![],
            )
            .build()
            .unwrap();
            assert_eq!(
                r.key_condition.unwrap(),
                format!("#n0 = :v0 AND #n1 {sym} :v1")
            );
        }
    }

    #[test]
    fn filters_cover_every_operator_and_reserved_words_and_paths() {
        let filters = vec![
            Filter::Compare("status".into(), Cmp::Ne, s("CANCELLED")),
            Filter::Between("total".into(), n("10"), n("20.5")),
            Filter::BeginsWith("name".into(), s("A")),
            Filter::Contains("tags".into(), s("gift")),
            Filter::Exists("items[0].sku".into()),
            Filter::NotExists("deleted".into()),
            Filter::Type("size".into(), "N".into()),
            Filter::Size("items".into(), Cmp::Ge, n("2")),
        ];
        let r = query(None, filters).build().unwrap();
        let f = r.filter.unwrap();
        assert_eq!(
            f,
            "#n1 <> :v1 AND #n2 BETWEEN :v2 AND :v3 AND begins_with(#n3, :v4) AND \
             contains(#n4, :v5) AND attribute_exists(#n5[0].#n6) AND attribute_not_exists(#n7) \
             AND attribute_type(#n8, :v6) AND size(#n5) >= :v7"
        );
        assert_eq!(r.names["#n1"], "status");
        assert_eq!(r.names["#n3"], "name");
        assert_eq!(r.names["#n8"], "size");
        assert_eq!(
            r.names["#n5"], "items",
            "a name used twice gets one placeholder"
        );
        assert!(!f.contains("status") && !f.contains("name"), "no raw names");
    }

    #[test]
    fn or_groups_each_condition() {
        let mut spec = query(
            None,
            vec![
                Filter::Compare("status".into(), Cmp::Eq, s("PAID")),
                Filter::Compare("status".into(), Cmp::Eq, s("SHIPPED")),
            ],
        );
        spec.join = Join::Or;
        assert_eq!(
            spec.build().unwrap().filter.as_deref(),
            Some("(#n1 = :v1) OR (#n1 = :v2)")
        );
    }

    #[test]
    fn bad_input_is_refused_with_the_place_named() {
        let mut missing = query(None, vec![]);
        missing.mode = Mode::Query {
            partition: ("customer_id".into(), s("")),
            sort: None,
        };
        assert_eq!(
            missing.build().unwrap_err(),
            "partition key customer_id: the partition key value is empty"
        );
        let bad_number = query(
            Some(("created", SortCondition::Compare(Cmp::Gt, n("12a")))),
            vec![],
        );
        assert_eq!(
            bad_number.build().unwrap_err(),
            "sort key created: '12a' is not a number"
        );
        let ne_on_key = query(
            Some(("created", SortCondition::Compare(Cmp::Ne, n("1")))),
            vec![],
        );
        assert!(ne_on_key.build().unwrap_err().contains("<> is not allowed"));
        let bad_filter = query(None, vec![Filter::Size("items".into(), Cmp::Gt, s("two"))]);
        assert_eq!(
            bad_filter.build().unwrap_err(),
            "filter 1: size() compares with a number"
        );
        let bad_path = query(None, vec![Filter::Exists("items[x]".into())]);
        assert!(
            bad_path
                .build()
                .unwrap_err()
                .starts_with("filter 1: 'items[x]'")
        );
        let bad_type = query(None, vec![Filter::Type("a".into(), "STRING".into())]);
        assert!(bad_type.build().unwrap_err().contains("not a type"));
        let mut zero = query(None, vec![]);
        zero.page_size = Some(0);
        assert!(zero.build().unwrap_err().contains("at least 1"));
        let mut consistent_gsi = query(None, vec![]);
        consistent_gsi.index = Some(IndexTarget {
            name: "by-status".into(),
            global: true,
        });
        consistent_gsi.consistent = true;
        assert!(
            consistent_gsi
                .build()
                .unwrap_err()
                .contains("global secondary index")
        );
    }

    #[test]
    fn numbers_are_checked_like_dynamodb_does() {
        for ok in [
            "0",
            "-1",
            "+2.5",
            ".5",
            "5.",
            "1e10",
            "-1.2E-130",
            "12345678901234567890123456789012345678",
        ] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "1.2.3",
            "e5",
            "1e",
            "0x10",
            "NaN",
            "123456789012345678901234567890123456789",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn the_cli_command_carries_the_same_parameters() {
        let mut spec = query(
            Some(("order_id", SortCondition::Compare(Cmp::Ge, s("ord-1")))),
            vec![Filter::Compare("status".into(), Cmp::Eq, s("it's paid"))],
        );
        spec.index = Some(IndexTarget {
            name: "by-status".into(),
            global: true,
        });
        spec.projection = vec!["order_id".into(), "total".into()];
        spec.page_size = Some(25);
        spec.forward = false;
        let r = spec.build().unwrap();
        let cmd = r.cli_command(Some("prod"), "eu-west-1");
        assert!(
            cmd.starts_with("aws dynamodb query --table-name 'orders' --index-name 'by-status'"),
            "{cmd}"
        );
        assert!(
            cmd.contains("--key-condition-expression '#n0 = :v0 AND #n1 >= :v1'"),
            "{cmd}"
        );
        assert!(cmd.contains("--filter-expression '#n2 = :v2'"), "{cmd}");
        assert!(cmd.contains("--projection-expression '#n1, #n3'"), "{cmd}");
        assert!(cmd.contains(r##""#n2":"status""##), "{cmd}");
        assert!(
            cmd.contains(r#"":v2":{"S":"it'\''s paid"}"#),
            "quotes survive the shell: {cmd}"
        );
        assert!(
            cmd.contains("--page-size '25' --no-scan-index-forward"),
            "{cmd}"
        );
        assert!(
            cmd.ends_with("--profile 'prod' --region 'eu-west-1'"),
            "{cmd}"
        );
        let scan = Spec {
            mode: Mode::Scan,
            filters: vec![],
            ..spec
        }
        .build()
        .unwrap()
        .cli_command(None, "us-east-1");
        assert!(scan.starts_with("aws dynamodb scan"), "{scan}");
        assert!(
            !scan.contains("no-scan-index-forward"),
            "order is a query option"
        );
    }

    /// Splits a POSIX shell line the way `sh` would for the quoting `cli_command` uses.
    pub(super) fn shell_words(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let (mut in_word, mut quoted, mut escaped) = (false, false, false);
        for c in line.chars() {
            if escaped {
                word.push(c);
                escaped = false;
                continue;
            }
            match c {
                '\'' => {
                    quoted = !quoted;
                    in_word = true;
                }
                '\\' if !quoted => {
                    escaped = true;
                    in_word = true;
                }
                ' ' if !quoted => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if in_word {
            words.push(word);
        }
        words
    }

    #[test]
    fn the_cli_command_parses_back_into_the_same_request() {
        let mut spec = query(
            Some(("order_id", SortCondition::Between(s("a'b"), s("z")))),
            vec![
                Filter::Contains("tags".into(), s("it's")),
                Filter::Compare(
                    "total".into(),
                    Cmp::Gt,
                    n("12345678901234567890123456789012345678"),
                ),
                Filter::Compare("raw".into(), Cmp::Eq, Value::B(vec![1, 2, 255])),
            ],
        );
        spec.projection = vec!["name".into()];
        spec.page_size = Some(10);
        spec.forward = false;
        let sent = spec.build().unwrap();
        let words = shell_words(&sent.cli_command(Some("dev"), "us-east-1"));
        assert_eq!(&words[..3], ["aws", "dynamodb", "query"]);
        let flag = |name: &str| {
            words
                .iter()
                .position(|w| w == name)
                .map(|i| words.get(i + 1).cloned().unwrap_or_default())
        };
        let names: BTreeMap<String, String> =
            serde_json::from_str(&flag("--expression-attribute-names").unwrap()).unwrap();
        let values: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&flag("--expression-attribute-values").unwrap()).unwrap();
        let parsed = Request {
            table: flag("--table-name").unwrap(),
            index: flag("--index-name"),
            scan: words[2] == "scan",
            key_condition: flag("--key-condition-expression"),
            filter: flag("--filter-expression"),
            projection: flag("--projection-expression"),
            names,
            values: values
                .iter()
                .map(|(k, v)| (k.clone(), from_typed_json(v).unwrap()))
                .collect(),
            limit: flag("--page-size").map(|n| n.parse().unwrap()),
            forward: !words.iter().any(|w| w == "--no-scan-index-forward"),
            consistent: words.iter().any(|w| w == "--consistent-read"),
        };
        assert_eq!(parsed, sent);
        assert_eq!(flag("--profile").as_deref(), Some("dev"));
    }

    #[test]
    fn typed_json_reads_back_and_bad_values_are_named() {
        let v = Value::L(vec![
            Value::Bs(vec![vec![0], vec![1, 2]]),
            Value::Bool(true),
            Value::Ns(vec!["1.5".into()]),
        ]);
        assert_eq!(from_typed_json(&typed_json(&v)).unwrap(), v);
        let bad = |text: &str| from_typed_json(&serde_json::from_str(text).unwrap()).unwrap_err();
        assert!(bad(r#"{"N": "12a"}"#).contains("not a number"));
        assert!(bad(r#"{"B": "***"}"#).contains("not base64"));
        assert!(bad(r#"{"X": "1"}"#).contains("not a DynamoDB type"));
        assert!(bad(r#"{"S": "a", "N": "1"}"#).contains("typed value looks like"));
    }

    #[test]
    fn raw_expressions_are_checked_like_dynamodb_checks_them() {
        let raw = RawSpec {
            table: "orders".into(),
            key_condition: "#p = :p".into(),
            filter: "#s IN (:a, :b)".into(),
            names: r##"{"#p": "customer_id", "#s": "status"}"##.into(),
            values: r#"{":p": {"S": "c1"}, ":a": {"S": "PAID"}, ":b": {"S": "NEW"}}"#.into(),
            forward: true,
            ..RawSpec::default()
        };
        let r = raw.build().unwrap();
        assert_eq!(r.filter.as_deref(), Some("#s IN (:a, :b)"));
        assert_eq!(r.values[":b"], s("NEW"));
        let missing = RawSpec {
            filter: "#s = :x".into(),
            ..raw.clone()
        };
        assert!(
            missing
                .build()
                .unwrap_err()
                .contains(":x is used but not defined in values")
        );
        let unused = RawSpec {
            filter: String::new(),
            ..raw.clone()
        };
        assert!(
            unused
                .build()
                .unwrap_err()
                .contains("#s is defined in names but not used")
        );
        let no_key = RawSpec {
            key_condition: " ".into(),
            ..raw.clone()
        };
        assert!(
            no_key
                .build()
                .unwrap_err()
                .contains("needs a key condition")
        );
        let bad_json = RawSpec {
            values: "{".into(),
            ..raw
        };
        assert!(
            bad_json
                .build()
                .unwrap_err()
                .starts_with("values: not valid JSON")
        );
    }

    #[test]
    fn typed_json_is_what_the_cli_reads() {
        let v = Value::M(BTreeMap::from([
            ("b".into(), Value::B(vec![0, 255])),
            ("ns".into(), Value::Ns(vec!["1".into()])),
            ("n".into(), Value::Null),
        ]));
        assert_eq!(
            typed_json(&v).to_string(),
            r#"{"M":{"b":{"B":"AP8="},"n":{"NULL":true},"ns":{"NS":["1"]}}}"#
        );
    }
}

/// Property tests; the value strategies are shared with `dynamodb_json` and `dynamodb_edit`.
#[cfg(test)]
pub(crate) mod proptests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// A number as DynamoDB returns it: no sign on zero, no leading or trailing zeros, at most
    /// 38 significant digits.
    pub(crate) fn canonical_number() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "0|[1-9][0-9]{0,24}",
            prop::option::of("[0-9]{0,11}[1-9]"),
        )
            .prop_map(|(negative, whole, fraction)| {
                let zero = whole == "0" && fraction.is_none();
                let mut n = if negative && !zero {
                    "-".to_string()
                } else {
                    String::new()
                };
                n.push_str(&whole);
                if let Some(f) = fraction {
                    n.push('.');
                    n.push_str(&f);
                }
                n
            })
    }

    /// Any number DynamoDB accepts as input: signs, `.5`, `5.`, exponents, padding zeros.
    fn input_number() -> impl Strategy<Value = String> {
        (
            "[+\\-]?",
            "0{0,3}[0-9]{0,18}",
            prop::option::of("[0-9]{0,17}0{0,3}"),
            prop::option::of("[eE][+\\-]?[0-9]{1,3}"),
        )
            .prop_filter_map("no digits", |(sign, whole, fraction, exponent)| {
                if whole.is_empty() && fraction.as_deref().is_none_or(str::is_empty) {
                    return None;
                }
                let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                let n = format!("{sign}{whole}{fraction}{}", exponent.unwrap_or_default());
                // Inside DynamoDB's range (1E-130 to 9.99…E+125), away from its edges.
                let v: f64 = n.parse().ok()?;
                let zero = !format!("{whole}{fraction}")
                    .bytes()
                    .any(|b| (b'1'..=b'9').contains(&b));
                let inside = zero || (v != 0.0 && (1e-129..1e125).contains(&v.abs()));
                inside.then_some(n)
            })
    }

    /// Attribute names: plain, reserved words, and names that look like syntax.
    pub(crate) fn attr_name() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[a-z_]{1,8}",
            1 => prop::sample::select(vec![
                "name", "status", "size", "AND", "OR", "BETWEEN", "#n0", ":v0", "#a1", "a b",
                "é", "x,y", "(", "'", "\"", "\\", "-",
            ])
            .prop_map(String::from),
            1 => any::<String>().prop_filter("non-empty", |s| !s.is_empty()),
        ]
    }

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(any::<u8>(), 0..8)
    }

    /// Any value DynamoDB could hold (numbers in canonical form).
    pub(crate) fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<String>().prop_map(Value::S),
            canonical_number().prop_map(Value::N),
            bytes().prop_map(Value::B),
            any::<bool>().prop_map(Value::Bool),
            Just(Value::Null),
            prop::collection::vec(any::<String>(), 1..3).prop_map(Value::Ss),
            prop::collection::vec(canonical_number(), 1..3).prop_map(Value::Ns),
            prop::collection::vec(bytes(), 1..3).prop_map(Value::Bs),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::L),
                prop::collection::btree_map(attr_name(), inner, 0..4).prop_map(Value::M),
            ]
        })
    }

    /// Values as a user types them: anything, including numbers that are not numbers.
    fn typed_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            4 => value(),
            1 => input_number().prop_map(Value::N),
            1 => any::<String>().prop_map(Value::N),
            1 => Just(Value::S(String::new())),
        ]
    }

    fn path() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => attr_name(),
            2 => "[a-z]{1,5}(\\[[0-9]{1,2}\\])*(\\.[a-z]{1,5}(\\[[0-9]\\])?){0,2}",
            1 => "[a-z.\\[\\]0-9x]{0,8}",
        ]
    }

    fn cmp() -> impl Strategy<Value = Cmp> {
        prop::sample::select(vec![Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge])
    }

    fn filter() -> impl Strategy<Value = Filter> {
        prop_oneof![
            (path(), cmp(), typed_value()).prop_map(|(p, c, v)| Filter::Compare(p, c, v)),
            (path(), typed_value(), typed_value()).prop_map(|(p, a, b)| Filter::Between(p, a, b)),
            (path(), typed_value()).prop_map(|(p, v)| Filter::BeginsWith(p, v)),
            (path(), typed_value()).prop_map(|(p, v)| Filter::Contains(p, v)),
            path().prop_map(Filter::Exists),
            path().prop_map(Filter::NotExists),
            (
                path(),
                prop_oneof![
                    prop::sample::select(vec![
                        "S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"
                    ])
                    .prop_map(String::from),
                    "[A-Za-z]{0,5}",
                ]
            )
                .prop_map(|(p, k)| Filter::Type(p, k)),
            (path(), cmp(), typed_value()).prop_map(|(p, c, v)| Filter::Size(p, c, v)),
        ]
    }

    fn sort_condition() -> impl Strategy<Value = SortCondition> {
        prop_oneof![
            (cmp(), typed_value()).prop_map(|(c, v)| SortCondition::Compare(c, v)),
            (typed_value(), typed_value()).prop_map(|(a, b)| SortCondition::Between(a, b)),
            typed_value().prop_map(SortCondition::BeginsWith),
        ]
    }

    fn mode() -> impl Strategy<Value = Mode> {
        prop_oneof![
            Just(Mode::Scan),
            (
                (attr_name(), typed_value()),
                prop::option::of((attr_name(), sort_condition()))
            )
                .prop_map(|(partition, sort)| Mode::Query { partition, sort }),
        ]
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            prop_oneof!["[a-z\\-]{1,10}", any::<String>()],
            prop::option::of((any::<String>(), any::<bool>())),
            mode(),
            prop::collection::vec(filter(), 0..4),
            prop::sample::select(vec![Join::And, Join::Or]),
            prop::collection::vec(path(), 0..3),
            prop::option::of(prop_oneof![1..100i32, any::<i32>()]),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(
                |(
                    table,
                    index,
                    mode,
                    filters,
                    join,
                    projection,
                    page_size,
                    forward,
                    consistent,
                )| {
                    Spec {
                        table,
                        index: index.map(|(name, global)| IndexTarget { name, global }),
                        mode,
                        filters,
                        join,
                        projection,
                        page_size,
                        forward,
                        consistent,
                    }
                },
            )
    }

    /// A spec `build` must accept: plain names, valid values of the right types.
    fn good_spec() -> impl Strategy<Value = Spec> {
        let key_value = || {
            prop_oneof![
                "[^\\x00]{1,8}".prop_map(Value::S),
                canonical_number().prop_map(Value::N),
                bytes().prop_map(Value::B),
            ]
        };
        let sort = prop_oneof![
            (
                prop::sample::select(vec![Cmp::Eq, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge]),
                key_value()
            )
                .prop_map(|(c, v)| SortCondition::Compare(c, v)),
            (key_value(), key_value()).prop_map(|(a, b)| SortCondition::Between(a, b)),
            "[^\\x00]{1,8}".prop_map(|s| SortCondition::BeginsWith(Value::S(s))),
        ];
        let plain_path = "[a-z]{1,5}(\\[[0-9]{1,2}\\])?(\\.[a-z]{1,5}){0,2}";
        let good_filter = prop_oneof![
            (plain_path, cmp(), value()).prop_map(|(p, c, v)| Filter::Compare(p, c, v)),
            (plain_path, value(), value()).prop_map(|(p, a, b)| Filter::Between(p, a, b)),
            plain_path.prop_map(Filter::Exists),
            (plain_path, cmp(), canonical_number()).prop_map(|(p, c, n)| Filter::Size(
                p,
                c,
                Value::N(n)
            )),
        ];
        (
            "[a-zA-Z0-9_.\\-]{3,20}",
            prop::option::of((
                (attr_name(), key_value()),
                prop::option::of(("[a-z]{1,8}", sort)),
            )),
            prop::collection::vec(good_filter, 0..4),
            prop::sample::select(vec![Join::And, Join::Or]),
            prop::collection::vec(plain_path, 0..3),
            prop::option::of(1..1000i32),
            any::<bool>(),
        )
            .prop_map(
                |(table, query, filters, join, projection, page_size, forward)| Spec {
                    table,
                    index: None,
                    mode: match query {
                        Some((partition, sort)) => Mode::Query { partition, sort },
                        None => Mode::Scan,
                    },
                    filters,
                    join,
                    projection,
                    page_size,
                    forward,
                    consistent: false,
                },
            )
    }

    /// `#…` / `:…` placeholder tokens, found independently of the code under test.
    fn tokens(expr: &str, sigil: char) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = expr;
        while let Some(at) = rest.find(sigil) {
            let after = &rest[at + 1..];
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if len > 0 {
                found.insert(format!("{sigil}{}", &after[..len]));
            }
            rest = &after[len..];
        }
        found
    }

    /// The expression with placeholders reduced to their sigil and list indexes dropped: what
    /// is left must be DynamoDB's own vocabulary, so no attribute name or value got in raw.
    fn skeleton_words(expr: &str) -> Vec<String> {
        let mut out = String::new();
        let chars: Vec<char> = expr.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let run = |from: usize, ok: &dyn Fn(char) -> bool| {
                let mut j = from;
                while j < chars.len() && ok(chars[j]) {
                    j += 1;
                }
                j
            };
            if c == '#' || c == ':' {
                let end = run(i + 1, &|c| c.is_ascii_alphanumeric() || c == '_');
                out.push(if end > i + 1 { c } else { '!' });
                i = end;
            } else if c == '[' {
                let end = run(i + 1, &|c| c.is_ascii_digit());
                if end > i + 1 && chars.get(end) == Some(&']') {
                    i = end + 1;
                } else {
                    out.push('!');
                    i += 1;
                }
            } else {
                out.push(c);
                i += 1;
            }
        }
        out.split(|c: char| c == ' ' || "(),.".contains(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    const VOCABULARY: [&str; 17] = [
        "#",
        ":",
        "=",
        "<>",
        "<",
        "<=",
        ">",
        ">=",
        "BETWEEN",
        "AND",
        "OR",
        "begins_with",
        "contains",
        "attribute_exists",
        "attribute_not_exists",
        "attribute_type",
        "size",
    ];

    fn path_names(path: &str) -> Vec<String> {
        path.split('.')
            .map(|s| s.split('[').next().unwrap_or("").to_string())
            .collect()
    }

    /// Attribute names and values the spec mentions, in any order.
    fn mentioned(spec: &Spec) -> (BTreeSet<String>, Vec<Value>) {
        let (mut names, mut values) = (BTreeSet::new(), Vec::new());
        if let Mode::Query { partition, sort } = &spec.mode {
            names.insert(partition.0.clone());
            values.push(partition.1.clone());
            if let Some((name, condition)) = sort {
                names.insert(name.clone());
                match condition {
                    SortCondition::Compare(_, v) | SortCondition::BeginsWith(v) => {
                        values.push(v.clone())
                    }
                    SortCondition::Between(a, b) => values.extend([a.clone(), b.clone()]),
                }
            }
        }
        for f in &spec.filters {
            let (path, vs) = match f {
                Filter::Compare(p, _, v)
                | Filter::BeginsWith(p, v)
                | Filter::Contains(p, v)
                | Filter::Size(p, _, v) => (p, vec![v.clone()]),
                Filter::Between(p, a, b) => (p, vec![a.clone(), b.clone()]),
                Filter::Exists(p) | Filter::NotExists(p) => (p, vec![]),
                Filter::Type(p, kind) => (p, vec![Value::S(kind.clone())]),
            };
            names.extend(path_names(path));
            values.extend(vs);
        }
        for p in &spec.projection {
            names.extend(path_names(p));
        }
        (names, values)
    }

    fn sorted(mut values: Vec<Value>) -> Vec<String> {
        let mut out: Vec<String> = values.drain(..).map(|v| format!("{v:?}")).collect();
        out.sort();
        out
    }

    fn check_request(spec: &Spec, r: &Request) -> Result<(), TestCaseError> {
        let expressions: Vec<&String> = [&r.key_condition, &r.filter, &r.projection]
            .into_iter()
            .flatten()
            .collect();
        let all = expressions
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let names: BTreeSet<String> = r.names.keys().cloned().collect();
        let values: BTreeSet<String> = r.values.keys().cloned().collect();
        prop_assert_eq!(
            tokens(&all, '#'),
            names,
            "every name placeholder defined and used: {}",
            all
        );
        prop_assert_eq!(
            tokens(&all, ':'),
            values,
            "every value placeholder defined and used: {}",
            all
        );
        for expr in &expressions {
            for word in skeleton_words(expr) {
                prop_assert!(
                    VOCABULARY.contains(&word.as_str()),
                    "{:?} is raw in {:?}",
                    word,
                    expr
                );
            }
        }
        let distinct: BTreeSet<&String> = r.names.values().collect();
        prop_assert_eq!(distinct.len(), r.names.len(), "one placeholder per name");
        let (expected_names, expected_values) = mentioned(spec);
        prop_assert_eq!(
            r.names.values().cloned().collect::<BTreeSet<_>>(),
            expected_names
        );
        prop_assert_eq!(
            sorted(r.values.values().cloned().collect()),
            sorted(expected_values)
        );
        prop_assert_eq!(r.scan, spec.mode == Mode::Scan);
        prop_assert_eq!(r.key_condition.is_some(), spec.mode != Mode::Scan);
        prop_assert_eq!(r.filter.is_some(), !spec.filters.is_empty());
        prop_assert_eq!(r.projection.is_some(), !spec.projection.is_empty());
        prop_assert_eq!(r.limit, spec.page_size);
        prop_assert_eq!(&r.table, &spec.table);
        Ok(())
    }

    /// The request a `cli_command` line stands for, read flag by flag.
    fn request_of(words: &[String]) -> (Request, BTreeMap<String, String>) {
        let mut r = Request {
            scan: words[2] == "scan",
            forward: true,
            ..Request::default()
        };
        let mut other = BTreeMap::new();
        let mut i = 3;
        while i < words.len() {
            match words[i].as_str() {
                "--no-scan-index-forward" => r.forward = false,
                "--consistent-read" => r.consistent = true,
                flag => {
                    let value = words[i + 1].clone();
                    i += 1;
                    match flag {
                        "--table-name" => r.table = value,
                        "--index-name" => r.index = Some(value),
                        "--key-condition-expression" => r.key_condition = Some(value),
                        "--filter-expression" => r.filter = Some(value),
                        "--projection-expression" => r.projection = Some(value),
                        "--expression-attribute-names" => {
                            r.names = serde_json::from_str(&value).unwrap()
                        }
                        "--expression-attribute-values" => {
                            let map: serde_json::Map<String, serde_json::Value> =
                                serde_json::from_str(&value).unwrap();
                            r.values = map
                                .iter()
                                .map(|(k, v)| (k.clone(), from_typed_json(v).unwrap()))
                                .collect();
                        }
                        "--page-size" => r.limit = Some(value.parse().unwrap()),
                        _ => {
                            other.insert(flag.to_string(), value);
                        }
                    }
                }
            }
            i += 1;
        }
        (r, other)
    }

    /// Any JSON, with DynamoDB's type letters as keys more often than chance would give.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as J;
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            any::<i64>().prop_map(J::from),
            any::<f64>().prop_map(J::from),
            any::<String>().prop_map(J::String),
            input_number().prop_map(J::String),
            Just(J::String("AP8=".into())),
        ];
        let key = prop_oneof![
            prop::sample::select(vec![
                "S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"
            ])
            .prop_map(String::from),
            any::<String>(),
        ];
        leaf.prop_recursive(4, 24, 3, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(J::Array),
                prop::collection::btree_map(key.clone(), inner, 0..3)
                    .prop_map(|m| J::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_spec_builds_a_consistent_request_or_says_why(spec in spec()) {
            if let Ok(r) = spec.build() {
                check_request(&spec, &r)?;
            }
        }

        #[test]
        fn a_well_formed_spec_always_builds(spec in good_spec()) {
            let r = spec.build();
            prop_assert!(r.is_ok(), "{:?}", r);
            check_request(&spec, &r.unwrap())?;
        }

        /// Key values are typed from the key schema: a key is a non-empty string, a number or
        /// binary, and nothing else gets through.
        #[test]
        fn partition_key_values_are_typed(pk in attr_name(), v in typed_value()) {
            let spec = Spec {
                table: "t".into(),
                index: None,
                mode: Mode::Query { partition: (pk, v.clone()), sort: None },
                filters: vec![],
                join: Join::And,
                projection: vec![],
                page_size: None,
                forward: true,
                consistent: false,
            };
            let ok = match &v {
                Value::S(s) => !s.is_empty(),
                Value::N(n) => is_number(n),
                Value::B(_) => true,
                _ => false,
            };
            prop_assert_eq!(spec.build().is_ok(), ok, "{:?}", v);
        }

        #[test]
        fn sort_conditions_are_typed(condition in sort_condition()) {
            let spec = Spec {
                table: "t".into(),
                index: None,
                mode: Mode::Query {
                    partition: ("pk".into(), Value::S("p".into())),
                    sort: Some(("sk".into(), condition.clone())),
                },
                filters: vec![],
                join: Join::And,
                projection: vec![],
                page_size: None,
                forward: true,
                consistent: false,
            };
            let key_ok = |v: &Value| match v {
                Value::S(s) => !s.is_empty(),
                Value::N(n) => is_number(n),
                Value::B(_) => true,
                _ => false,
            };
            let ok = match &condition {
                SortCondition::Compare(Cmp::Ne, _) => false,
                SortCondition::Compare(_, v) => key_ok(v),
                SortCondition::Between(a, b) => key_ok(a) && key_ok(b),
                SortCondition::BeginsWith(v) => !matches!(v, Value::N(_)) && key_ok(v),
            };
            prop_assert_eq!(spec.build().is_ok(), ok, "{:?}", condition);
        }

        #[test]
        fn numbers_dynamodb_takes_are_numbers(n in input_number()) {
            prop_assert!(is_number(&n), "{}", n);
            prop_assert!(is_number(&format!(" {n}\t")), "{}", n);
        }

        #[test]
        fn anything_called_a_number_reads_as_one(text in prop_oneof![any::<String>(), "[0-9eE.+\\- ]{0,8}"]) {
            if is_number(&text) {
                prop_assert!(text.trim().parse::<f64>().is_ok(), "{:?}", text);
            }
        }

        #[test]
        fn precision_is_38_significant_digits(
            zeros_before in 0usize..5,
            digits in "[1-9]([0-9]{0,40}[1-9])?",
            zeros_after in 0usize..5,
            point in any::<prop::sample::Index>(),
        ) {
            let all = format!("{}{digits}{}", "0".repeat(zeros_before), "0".repeat(zeros_after));
            let at = point.index(all.len() + 1);
            let text = format!("{}.{}", &all[..at], &all[at..]);
            prop_assume!(text != ".");
            prop_assert_eq!(is_number(&text), digits.len() <= 38, "{}", text);
            prop_assert_eq!(is_number(&all), digits.len() <= 38, "{}", all);
        }

        #[test]
        fn typed_json_round_trips(v in value()) {
            prop_assert_eq!(from_typed_json(&typed_json(&v)), Ok(v.clone()));
            let text = typed_json(&v).to_string();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(from_typed_json(&back), Ok(v));
        }

        /// Whatever JSON is pasted, reading it never panics, and what is read writes back to
        /// JSON that reads as the same value.
        #[test]
        fn any_json_reads_as_a_value_or_an_error(j in json()) {
            if let Ok(v) = from_typed_json(&j) {
                prop_assert_eq!(from_typed_json(&typed_json(&v)), Ok(v));
            }
        }

        #[test]
        fn raw_specs_never_panic(
            key_condition in any::<String>(),
            filter in any::<String>(),
            names in prop_oneof![any::<String>(), json().prop_map(|j| j.to_string())],
            values in prop_oneof![any::<String>(), json().prop_map(|j| j.to_string())],
        ) {
            let raw = RawSpec {
                table: "t".into(),
                key_condition,
                filter,
                names,
                values,
                forward: true,
                ..RawSpec::default()
            };
            if let Ok(r) = raw.build() {
                let all = [&r.key_condition, &r.filter, &r.projection]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                prop_assert_eq!(tokens(&all, '#'), r.names.keys().cloned().collect());
                prop_assert_eq!(tokens(&all, ':'), r.values.keys().cloned().collect());
            }
        }

        /// DynamoDB's rule, as `RawSpec::build` applies it: accepted exactly when every
        /// placeholder used is defined and every one defined is used.
        #[test]
        fn raw_placeholders_must_match_exactly(
            filter_words in prop::collection::vec(
                prop::sample::select(vec!["#a", "#b", ":x", ":y", "=", "AND", "(", ")", "size(#a)"]),
                0..8,
            ),
            defined_names in prop::collection::btree_set(prop::sample::select(vec!["#k", "#a", "#b"]), 0..4),
            defined_values in prop::collection::btree_set(prop::sample::select(vec![":k", ":x", ":y"]), 0..4),
            v in value(),
        ) {
            let filter = filter_words.join(" ");
            let names: serde_json::Map<String, serde_json::Value> = defined_names
                .iter()
                .map(|n| (n.to_string(), serde_json::Value::String(format!("attr{n}"))))
                .collect();
            let values: serde_json::Map<String, serde_json::Value> = defined_values
                .iter()
                .map(|n| (n.to_string(), typed_json(&v)))
                .collect();
            let raw = RawSpec {
                table: "t".into(),
                key_condition: "#k = :k".into(),
                filter: filter.clone(),
                names: serde_json::Value::Object(names).to_string(),
                values: serde_json::Value::Object(values).to_string(),
                forward: true,
                ..RawSpec::default()
            };
            let text = format!("#k = :k {filter}");
            let used_names: BTreeSet<String> = tokens(&text, '#');
            let used_values: BTreeSet<String> = tokens(&text, ':');
            let names_ok = used_names == defined_names.iter().map(|s| s.to_string()).collect();
            let values_ok = used_values == defined_values.iter().map(|s| s.to_string()).collect();
            prop_assert_eq!(raw.build().is_ok(), names_ok && values_ok, "{}", text);
        }

        /// The shell command carries exactly the request, whatever quotes, backslashes,
        /// newlines or unicode the names and values hold.
        #[test]
        fn the_cli_command_reads_back_as_the_same_request(
            spec in good_spec(),
            table in any::<String>().prop_filter("a table", |t| !t.is_empty()),
            index in prop::option::of(any::<String>()),
            profile in prop::option::of(any::<String>()),
            region in any::<String>(),
        ) {
            let spec = Spec {
                table,
                index: index.map(|name| IndexTarget { name, global: true }),
                ..spec
            };
            let sent = spec.build().unwrap();
            let line = sent.cli_command(profile.as_deref(), &region);
            let words = super::tests::shell_words(&line);
            prop_assert_eq!(&words[..2], ["aws", "dynamodb"]);
            let (mut read, other) = request_of(&words);
            if sent.scan {
                // Order is a query option: a scan's command leaves it out.
                read.forward = sent.forward;
            }
            prop_assert_eq!(read, sent);
            prop_assert_eq!(other.get("--profile"), profile.as_ref());
            prop_assert_eq!(other.get("--region"), Some(&region));
        }
    }

    /// Found by checking `is_number` against DynamoDB's documented range: magnitudes from
    /// 1E-130 to 9.99…E+125. Larger or smaller numbers pass the local check, so "checked
    /// before anything is sent" lets them through and DynamoDB rejects the request.
    #[test]
    fn numbers_outside_dynamodbs_range_are_refused() {
        assert!(is_number("9.9999999999999999999999999999999999999E+125"));
        assert!(is_number("1E-130"));
        assert!(!is_number("1e126"));
        assert!(!is_number("1e-131"));
    }
}
