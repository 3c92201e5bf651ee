//! `:tagged KEY=VALUE …` — every resource the Resource Groups Tagging API returns for the tags
//! (`KEY` alone: any value; several pairs: all must match; the same key twice: either value;
//! `type=ec2:instance` or `type=s3` narrows the resource types), with its service, type, name
//! or id (the Name tag when it has one), the matching tags and the ARN. Enter opens the
//! resource in awsterm's own view where there is one (in the row's profile and the ARN's
//! region, switching there first), pushed over this list so Esc comes back to it; otherwise
//! a flash says so, and `copy-arn` still works.

use super::{At, Kind};
use crate::aws::ContextKey;
use crate::aws::tagging::{TagFilter, TaggedResource};
use crate::command::CommandId;
use crate::pane::{Effect, Level};
use crate::panes::document::DocumentView;
use crate::protocol::list::{PageFn, page_fn};
use crate::sanitize::sanitize;
use crate::ui::document::{Block, Document};
use crate::ui::table::{CellText, Column, TableRow};
use ratatui::layout::Constraint;
use std::borrow::Cow;

/// Said whole in the status line at 80 columns after the `tagged: ` the app puts before a
/// command's refusal; the mistakes below name the word at fault and what to write instead.
const USAGE: &str = "usage: KEY[=VALUE]… [type=SERVICE[:TYPE]] [@all-regions|@profiles GLOB…]";

/// What the status line leaves a refusal: 80 columns less `tagged: `.
#[cfg(test)]
const ROOM: usize = 80 - "tagged: ".len();

/// What `:tagged` asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tagged {
    pub filters: Vec<TagFilter>,
    /// `ec2:instance`, `s3`: only these resource types (none: every type).
    pub types: Vec<String>,
}

impl Tagged {
    /// The kind's own words (before any `@` scope); an error names the word at fault, before
    /// anything is sent.
    pub fn from_words(words: &[&str]) -> Result<Tagged, String> {
        let mut tagged = Tagged::default();
        for word in words {
            let (key, value) = match word.split_once('=') {
                Some((key, value)) => (key, Some(value)),
                None => (*word, None),
            };
            if key.is_empty() {
                return Err(format!(
                    "'{}' has no tag key: write KEY=VALUE, or KEY for any value",
                    sanitize(word)
                ));
            }
            if value == Some("") {
                return Err(format!(
                    "'{}' has no value: write {} alone for any value",
                    sanitize(word),
                    sanitize(key)
                ));
            }
            if key == "type"
                && let Some(kind) = value
            {
                if !valid_type(kind) {
                    return Err(format!(
                        "'{}' is not a resource type: try ec2, ec2:instance, s3…",
                        sanitize(kind)
                    ));
                }
                tagged.types.push(kind.to_string());
                continue;
            }
            match tagged.filters.iter_mut().find(|f| f.key == key) {
                // The same key twice: either value (`Env=dev Env=test`).
                Some(filter) => match value {
                    Some(v) if !filter.values.is_empty() => filter.values.push(v.to_string()),
                    // `Env` and `Env=dev` together: any value already matches.
                    _ => filter.values.clear(),
                },
                None => tagged.filters.push(TagFilter {
                    key: key.to_string(),
                    values: value.map(|v| vec![v.to_string()]).unwrap_or_default(),
                }),
            }
        }
        if tagged.filters.is_empty() {
            return Err(USAGE.into());
        }
        Ok(tagged)
    }

    /// The words that reopen this listing (bookmarks).
    fn words(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        for f in &self.filters {
            if f.values.is_empty() {
                words.push(f.key.clone());
            }
            words.extend(f.values.iter().map(|v| format!("{}={v}", f.key)));
        }
        words.extend(self.types.iter().map(|t| format!("type={t}")));
        words.join(" ")
    }
}

/// `service` or `service:type`, in the Tagging API's lower-case letters.
fn valid_type(text: &str) -> bool {
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    match text.split_once(':') {
        Some((service, kind)) => ok(service) && ok(kind),
        None => ok(text),
    }
}

/// Service, type and id of an ARN (`arn:aws:ec2:eu-west-1:1:instance/i-1` → `ec2`,
/// `instance`, `i-1`); a resource without a type is named by what its service holds.
pub fn arn_parts(arn: &str) -> (String, String, String) {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let service = parts.get(2).copied().unwrap_or_default();
    let resource = parts.get(5).copied().unwrap_or(arn);
    let (kind, id) = match resource.split_once(['/', ':']) {
        // The six characters Secrets Manager appends to a secret's name are not its name.
        Some(("secret", id)) if service == "secretsmanager" => (
            "secret".to_string(),
            crate::target::secret_name(id).to_string(),
        ),
        Some((kind, id)) => (kind.to_string(), id.to_string()),
        None => {
            let kind = match service {
                "s3" => "bucket",
                "sqs" => "queue",
                "sns" => "topic",
                _ => "—",
            };
            (kind.to_string(), resource.to_string())
        }
    };
    (service.to_string(), kind, id)
}

pub struct TaggedRow {
    pub resource: TaggedResource,
    service: String,
    kind: String,
    id: String,
    /// The tags the listing asked for, as `KEY=VALUE`.
    matching: String,
}

impl TaggedRow {
    pub fn new(resource: TaggedResource, keys: &[String]) -> TaggedRow {
        let (service, kind, id) = arn_parts(&resource.arn);
        let matching = resource
            .tags
            .iter()
            .filter(|(k, _)| keys.contains(k))
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        TaggedRow {
            resource,
            service,
            kind,
            id,
            matching,
        }
    }

    /// The Name tag when there is one, else the id from the ARN.
    pub fn name(&self) -> &str {
        self.resource
            .tags
            .iter()
            .find(|(k, v)| k == "Name" && !v.is_empty())
            .map(|(_, v)| v.as_str())
            .unwrap_or(&self.id)
    }
}

/// Service and type whole (`elasticloadbalancing`, `loadbalancer`): they rank above the
/// matching tags, which every row shares more often than not, and the name gives way to them
/// (it is cut in the middle, keeping its end).
const COLUMNS: &[Column] = &[
    Column::new("SERVICE", Constraint::Length(20))
        .fit()
        .priority(8),
    Column::new("TYPE", Constraint::Length(16))
        .fit()
        .priority(7),
    Column::new("NAME/ID", Constraint::Fill(2))
        .name()
        .priority(9),
    // The matching tags whole when they show; the ARN takes what is left (`Y` copies it).
    Column::new("TAGS", Constraint::Min(24)).priority(6),
    Column::new("ARN", Constraint::Fill(3)).priority(3),
];

impl TableRow for TaggedRow {
    fn cells(&self) -> Vec<CellText> {
        vec![
            CellText::plain(self.service.clone()),
            CellText::plain(self.kind.clone()),
            CellText::plain(self.name()),
            CellText::plain(self.matching.clone()),
            CellText::plain(self.resource.arn.clone()),
        ]
    }

    fn id(&self) -> String {
        self.resource.arn.clone()
    }

    fn filter_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!(
            "{} {} {} {} {}",
            self.service,
            self.kind,
            self.name(),
            self.matching,
            self.resource.arn
        ))
    }
}

impl Kind for Tagged {
    type Row = TaggedRow;

    fn label(&self) -> &'static str {
        "Tagged"
    }

    fn noun(&self) -> &'static str {
        "tagged resource"
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Open,
            CommandId::Filter,
            CommandId::Sort,
            CommandId::CopyArn,
            CommandId::Refresh,
            CommandId::Help,
        ]
    }

    fn columns(&self) -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn page(&self) -> PageFn {
        let (filters, types) = (self.filters.clone(), self.types.clone());
        let keys: Vec<String> = filters.iter().map(|f| f.key.clone()).collect();
        page_fn(move |adapters, ctx, token| {
            let page = adapters
                .tagging
                .resources_page(ctx, filters.clone(), types.clone(), token);
            let keys = keys.clone();
            Box::pin(async move { Ok(page.await?.map(|r| TaggedRow::new(r, &keys))) })
        })
    }

    fn argument(&self) -> Option<String> {
        Some(self.words())
    }

    fn title_note(&self) -> Option<String> {
        Some(self.words())
    }

    /// The ARN (what every service takes).
    fn copy(&self, row: &TaggedRow) -> String {
        row.resource.arn.clone()
    }

    /// The resource's view where awsterm has one, in the row's profile and the ARN's region.
    fn open(&self, at: &At, row: &TaggedRow, active: &ContextKey) -> Vec<Effect> {
        match crate::target::parse(&row.resource.arn) {
            Ok(target) => {
                let ctx = ContextKey {
                    profile: at.ctx.profile.clone(),
                    region: target
                        .region
                        .clone()
                        .unwrap_or_else(|| at.ctx.region.clone()),
                };
                // Pushed over this list, so Esc comes back to the row (as in the console).
                crate::open::pushed_in(&target.resource, ctx, active)
            }
            Err(_) => vec![Effect::Flash(
                Level::Info,
                format!(
                    "no awsterm view for a {} {} — copy-arn copies its ARN",
                    sanitize(&row.service),
                    sanitize(&row.kind)
                ),
            )],
        }
    }

    /// Every tag of the resource (what Enter shows is its own view).
    fn details(&self, at: &At, row: &TaggedRow) -> Effect {
        let title = format!("{} {}{}", row.kind, row.name(), at.suffix());
        let (copy, doc) = (row.resource.arn.clone(), details(row));
        Effect::Push(Box::new(move |id| {
            Box::new(DocumentView::fixed(id, title, copy, doc))
        }))
    }

    fn arn(&self, _at: &At, row: &TaggedRow) -> Result<String, String> {
        Ok(row.resource.arn.clone())
    }
}

fn details(row: &TaggedRow) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading("Resource".into()));
    doc.push(Block::Fields(vec![
        ("Service".into(), row.service.clone()),
        ("Type".into(), row.kind.clone()),
        ("Id".into(), row.id.clone()),
        ("ARN".into(), row.resource.arn.clone()),
    ]));
    doc.push(Block::Heading("Tags".into()));
    doc.push(Block::Table {
        header: vec!["KEY".into(), "VALUE".into()],
        rows: row
            .resource
            .tags
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect(),
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(key: &str, values: &[&str]) -> TagFilter {
        TagFilter {
            key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn pairs_keys_and_types_parse_and_repeat_keys_widen() {
        let t = Tagged::from_words(&["Env=prod", "team", "type=ec2:instance"]).unwrap();
        assert_eq!(t.filters, [filter("Env", &["prod"]), filter("team", &[])]);
        assert_eq!(t.types, ["ec2:instance"]);
        let t = Tagged::from_words(&["Env=dev", "Env=test"]).unwrap();
        assert_eq!(t.filters, [filter("Env", &["dev", "test"])]);
        let t = Tagged::from_words(&["Env=dev", "Env"]).unwrap();
        assert_eq!(t.filters, [filter("Env", &[])]);
        // A value may hold `=` (only the first one splits).
        let t = Tagged::from_words(&["query=a=b"]).unwrap();
        assert_eq!(t.filters, [filter("query", &["a=b"])]);
        assert_eq!(t.words(), "query=a=b");
        let t = Tagged::from_words(&["team", "Env=prod", "type=s3"]).unwrap();
        assert_eq!(t.words(), "team Env=prod type=s3");
    }

    #[test]
    fn malformed_words_are_refused_naming_the_word() {
        for (words, says) in [
            (&["=prod"][..], "no tag key"),
            (&["Env="][..], "write Env alone"),
            (&[][..], "usage: KEY[=VALUE]"),
            (&["type=s3"][..], "usage: KEY[=VALUE]"),
            (
                &["Env=prod", "type=EC2 instance"][..],
                "not a resource type",
            ),
            (&["Env=prod", "type=ec2:"][..], "not a resource type"),
        ] {
            let err = Tagged::from_words(words).unwrap_err();
            assert!(err.contains(says), "{words:?}: {err}");
            // Whole in the status line of an 80-column terminal.
            assert!(
                unicode_width::UnicodeWidthStr::width(err.as_str()) <= ROOM,
                "{words:?}: {err}"
            );
        }
    }

    #[test]
    fn arns_give_service_type_and_id() {
        assert_eq!(
            arn_parts("arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"),
            ("ec2".into(), "instance".into(), "i-0abc".into())
        );
        assert_eq!(
            arn_parts("arn:aws:lambda:eu-west-1:123456789012:function:checkout"),
            ("lambda".into(), "function".into(), "checkout".into())
        );
        assert_eq!(
            arn_parts("arn:aws:s3:::logs-bucket"),
            ("s3".into(), "bucket".into(), "logs-bucket".into())
        );
        assert_eq!(
            arn_parts("arn:aws:sqs:eu-west-1:123456789012:orders"),
            ("sqs".into(), "queue".into(), "orders".into())
        );
        assert_eq!(
            arn_parts("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC12f"),
            ("secretsmanager".into(), "secret".into(), "prod/db".into())
        );
        let row = TaggedRow::new(
            TaggedResource {
                arn: "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc".into(),
                tags: vec![
                    ("Name".into(), "web-1".into()),
                    ("Env".into(), "prod".into()),
                    ("Owner".into(), "ops".into()),
                ],
            },
            &["Env".to_string()],
        );
        assert_eq!(row.name(), "web-1");
        assert_eq!(row.matching, "Env=prod");
    }
}
