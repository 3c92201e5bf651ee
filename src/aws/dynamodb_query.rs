//! A DynamoDB query or scan as the user describes it (target, key values, conditions), turned
//! into the request DynamoDB takes: expressions with `#name`/`:value` placeholders — so reserved
//! words (`name`, `status`, `size`) and odd attribute names always work — and the equivalent
//! `aws dynamodb query|scan` command. Everything is checked before anything is sent.

use super::dynamodb::Value;
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
    significant
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        <= 38
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
    fn shell_words(line: &str) -> Vec<String> {
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
