//! Reading the attribute maps SQS (GetQueueAttributes) and SNS (GetTopicAttributes) answer
//! with: every value a string, numbers and flags included.

use std::collections::BTreeMap;

/// Attributes as the service gave them: name → value.
pub type Attributes = BTreeMap<String, String>;

/// A number attribute (`ApproximateNumberOfMessages`, `SubscriptionsConfirmed`).
pub fn number(attributes: &Attributes, key: &str) -> Option<i64> {
    attributes.get(key).and_then(|v| v.parse().ok())
}

/// A flag attribute (`ContentBasedDeduplication`): true only when it says `true`.
pub fn flag(attributes: &Attributes, key: &str) -> bool {
    attributes.get(key).is_some_and(|v| v == "true")
}

/// A FIFO queue or topic by its attribute (`FifoQueue`, `FifoTopic`), or by the name's
/// `.fifo` suffix when the attributes are not in yet.
pub fn fifo(attributes: &Attributes, key: &str, name: &str) -> bool {
    attributes
        .get(key)
        .map_or(name.ends_with(".fifo"), |v| v == "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_numbers_and_flags() {
        let a: Attributes = [
            ("N".to_string(), "42".to_string()),
            ("F".to_string(), "true".to_string()),
            ("X".to_string(), "no".to_string()),
        ]
        .into();
        assert_eq!(number(&a, "N"), Some(42));
        assert_eq!(number(&a, "X"), None);
        assert!(flag(&a, "F") && !flag(&a, "X") && !flag(&a, "missing"));
        assert!(fifo(&a, "F", "orders"));
        assert!(fifo(&Attributes::new(), "F", "orders.fifo"));
        assert!(
            !fifo(&a, "X", "orders.fifo"),
            "the attribute wins over the name"
        );
    }
}
