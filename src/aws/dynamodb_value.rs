//! One DynamoDB attribute value and an item, kept exactly as DynamoDB sent them (numbers as
//! their decimal text, sets as sets), and their conversion to and from the SDK's types.

use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::BTreeMap;

/// One attribute value. `N` keeps the number's text: DynamoDB numbers have 38 digits of
/// precision, more than any float.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    S(String),
    N(String),
    B(Vec<u8>),
    Bool(bool),
    Null,
    L(Vec<Value>),
    M(BTreeMap<String, Value>),
    Ss(Vec<String>),
    Ns(Vec<String>),
    Bs(Vec<Vec<u8>>),
}

pub type Item = BTreeMap<String, Value>;

impl Value {
    /// DynamoDB's own type letter(s): `S`, `N`, `SS`, `M`, …
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::S(_) => "S",
            Value::N(_) => "N",
            Value::B(_) => "B",
            Value::Bool(_) => "BOOL",
            Value::Null => "NULL",
            Value::L(_) => "L",
            Value::M(_) => "M",
            Value::Ss(_) => "SS",
            Value::Ns(_) => "NS",
            Value::Bs(_) => "BS",
        }
    }

    pub fn from_sdk(value: &AttributeValue) -> Value {
        match value {
            AttributeValue::S(s) => Value::S(s.clone()),
            AttributeValue::N(n) => Value::N(n.clone()),
            AttributeValue::B(b) => Value::B(b.as_ref().to_vec()),
            AttributeValue::Bool(b) => Value::Bool(*b),
            AttributeValue::L(items) => Value::L(items.iter().map(Value::from_sdk).collect()),
            AttributeValue::M(map) => Value::M(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_sdk(v)))
                    .collect(),
            ),
            AttributeValue::Ss(set) => Value::Ss(set.clone()),
            AttributeValue::Ns(set) => Value::Ns(set.clone()),
            AttributeValue::Bs(set) => Value::Bs(set.iter().map(|b| b.as_ref().to_vec()).collect()),
            // `Null(true)`, and any type a newer service version adds: shown as null rather
            // than failing the whole page.
            _ => Value::Null,
        }
    }

    pub fn to_sdk(&self) -> AttributeValue {
        use aws_sdk_dynamodb::primitives::Blob;
        match self {
            Value::S(s) => AttributeValue::S(s.clone()),
            Value::N(n) => AttributeValue::N(n.clone()),
            Value::B(b) => AttributeValue::B(Blob::new(b.clone())),
            Value::Bool(b) => AttributeValue::Bool(*b),
            Value::Null => AttributeValue::Null(true),
            Value::L(items) => AttributeValue::L(items.iter().map(Value::to_sdk).collect()),
            Value::M(map) => {
                AttributeValue::M(map.iter().map(|(k, v)| (k.clone(), v.to_sdk())).collect())
            }
            Value::Ss(set) => AttributeValue::Ss(set.clone()),
            Value::Ns(set) => AttributeValue::Ns(set.clone()),
            Value::Bs(set) => {
                AttributeValue::Bs(set.iter().map(|b| Blob::new(b.clone())).collect())
            }
        }
    }
}

pub fn item_from_sdk(item: &std::collections::HashMap<String, AttributeValue>) -> Item {
    item.iter()
        .map(|(k, v)| (k.clone(), Value::from_sdk(v)))
        .collect()
}

pub fn item_to_sdk(item: &Item) -> std::collections::HashMap<String, AttributeValue> {
    item.iter().map(|(k, v)| (k.clone(), v.to_sdk())).collect()
}
