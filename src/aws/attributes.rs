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

/// A resource whose attributes are a call of their own, read after it is listed (a queue's
/// GetQueueAttributes, a topic's GetTopicAttributes): what that call takes, and where its
/// answer goes.
pub trait HasAttributes {
    /// What the call takes: the queue's URL, the topic's ARN.
    fn attributes_key(&self) -> &str;
    /// The attributes and the reason they could not be read, for `take_answer`.
    fn attribute_slots(&mut self) -> (&mut Attributes, &mut Option<String>);

    /// Keeps the call's answer: the attributes (and no error), or why they could not be read
    /// (the attributes read before, if any, stay).
    fn take_answer(&mut self, answer: Result<Attributes, String>) {
        let (attributes, error) = self.attribute_slots();
        match answer {
            Ok(read) => {
                *attributes = read;
                *error = None;
            }
            Err(why) => *error = Some(why),
        }
    }
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
