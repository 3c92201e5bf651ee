//! One object: its details (HeadObject, tags) and a preview of its first bytes, fetched with a
//! ranged GET so a 5 GB object costs no more than a 64 KiB one.

use crate::aws::ContextKey;
use crate::aws::s3::{Head, ObjectDetails, object_arn};
use crate::command::{CommandId, Scope};
use crate::pane::{Effect, Level};
use crate::pane::{Pane, PaneCx};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::sanitize::sanitize;
use crate::theme::Theme;
use crate::ui::format;
use crate::ui::pager::Pager;
use crate::ui::preview;
use crate::ui::table::ListInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

enum State {
    Loading,
    Loaded(Box<Loaded>),
    /// The request ended without an answer.
    Failed(String),
}

struct Loaded {
    details: Result<ObjectDetails, String>,
    head: Result<Head, String>,
}

pub struct ObjectView {
    id: PaneId,
    ctx: ContextKey,
    bucket: String,
    key: String,
    version: Option<String>,
    state: State,
    pager: Pager,
    transfer: Option<super::downloads::Transfer>,
    /// The theme the pager's lines were styled with; restyle when it changes.
    styled_with: Option<String>,
}

impl ObjectView {
    /// `new`, boxed as a pane: how the versions view opens one version.
    pub fn boxed(
        id: PaneId,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> Box<dyn Pane> {
        Box::new(ObjectView::new(id, ctx, bucket, key, version))
    }

    pub fn new(
        id: PaneId,
        ctx: ContextKey,
        bucket: String,
        key: String,
        version: Option<String>,
    ) -> ObjectView {
        ObjectView {
            id,
            ctx,
            bucket,
            key,
            version,
            state: State::Loading,
            pager: Pager::default(),
            transfer: None,
            styled_with: None,
        }
    }

    fn uri(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key)
    }

    fn load(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.state = State::Loading;
        self.styled_with = None;
        let op = Op::S3(S3Op::Object {
            ctx: self.ctx.clone(),
            bucket: self.bucket.clone(),
            key: self.key.clone(),
            version: self.version.clone(),
            preview_bytes: cx.s3.preview_bytes.max(1),
        });
        vec![Effect::Request(
            Request::new(Owner::Pane(self.id), op).in_slot("object"),
        )]
    }

    fn presign(&self, arg: Option<&str>) -> Vec<Effect> {
        super::presign(
            self.id,
            super::Target {
                ctx: &self.ctx,
                bucket: &self.bucket,
                key: &self.key,
                version: self.version.as_deref(),
            },
            arg,
        )
    }

    fn lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let loaded = match &self.state {
            State::Loaded(loaded) => loaded,
            State::Loading => return vec![Line::styled("loading…", theme.style("text.dim"))],
            State::Failed(e) => return vec![Line::styled(e.clone(), theme.style("flash.error"))],
        };
        let Loaded { details, head } = loaded.as_ref();
        let mut lines = Vec::new();
        let field = |name: &str, value: String| {
            Line::from(vec![
                // Names include the object's metadata keys, which come from AWS.
                Span::styled(format!("{:<16}", sanitize(name)), theme.style("detail.key")),
                Span::styled(sanitize(&value).into_owned(), theme.style("detail.value")),
            ])
        };
        match details {
            Ok(d) => {
                let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
                lines.push(field("Key", d.key.clone()));
                lines.push(field(
                    "Size",
                    d.length
                        .map(|n| format!("{} ({n} bytes)", format::size(n)))
                        .unwrap_or_else(|| "—".into()),
                ));
                lines.push(field("Content type", or_dash(&d.content_type)));
                lines.push(field(
                    "Last modified",
                    d.last_modified
                        .map(crate::clock::local_time)
                        .unwrap_or_default(),
                ));
                lines.push(field("ETag", or_dash(&d.etag)));
                lines.push(field("Storage class", or_dash(&d.storage_class)));
                let encryption = match (&d.encryption, &d.kms_key) {
                    (Some(e), Some(k)) => format!("{e} ({k})"),
                    (Some(e), None) => e.clone(),
                    _ => "none".into(),
                };
                lines.push(field("Encryption", encryption));
                lines.push(field("Version", or_dash(&d.version_id)));
                for (k, v) in &d.metadata {
                    lines.push(field(&format!("meta {k}"), v.clone()));
                }
                let tags = if d.tags.is_empty() {
                    "none".to_string()
                } else {
                    d.tags
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join("  ")
                };
                lines.push(field("Tags", tags));
            }
            Err(e) => lines.push(Line::styled(
                format!("details: {}", sanitize(e)),
                theme.style("flash.error"),
            )),
        }
        lines.push(Line::raw(""));
        match head {
            Ok(head) => {
                let (kind, body) = preview::render(&head.bytes, head.truncated(), theme);
                let size = format::size(head.bytes.len() as i64);
                let note = match (head.truncated(), head.total) {
                    (true, Some(total)) => format!(
                        "── preview ({}): first {size} of {} — truncated ──",
                        kind.label(),
                        format::size(total)
                    ),
                    _ => format!("── preview ({}): {size} ──", kind.label()),
                };
                lines.push(Line::styled(note, theme.style("help.section")));
                lines.extend(body);
            }
            Err(e) => lines.push(Line::styled(
                format!("preview: {}", sanitize(e)),
                theme.style("flash.error"),
            )),
        }
        lines
    }
}

impl Pane for ObjectView {
    fn context(&self) -> Option<&ContextKey> {
        Some(&self.ctx)
    }

    fn id(&self) -> PaneId {
        self.id
    }

    fn location(&self) -> Option<String> {
        // A version cannot be named by a target.
        self.version
            .is_none()
            .then(|| format!(":open {}", self.uri()))
    }

    fn title(&self) -> String {
        // The objects view above already names the bucket and prefix.
        self.key.rsplit('/').next().unwrap_or(&self.key).to_string()
    }

    fn scopes(&self) -> &'static [Scope] {
        &[Scope::S3, Scope::List]
    }

    fn hints(&self) -> &'static [CommandId] {
        &[
            CommandId::Down,
            CommandId::PageDown,
            CommandId::Download,
            CommandId::Copy,
            CommandId::Presign,
            CommandId::Refresh,
            CommandId::Back,
            CommandId::Help,
        ]
    }

    fn failed(&mut self, failure: &crate::protocol::Failure) {
        if failure.is_in("object") {
            self.state = State::Failed(failure.summary());
            self.styled_with = None;
        }
    }

    fn on_open(&mut self, cx: &PaneCx) -> Vec<Effect> {
        self.load(cx)
    }

    fn handle(&mut self, command: CommandId, cx: &PaneCx) -> Option<Vec<Effect>> {
        match command {
            CommandId::Refresh => Some(self.load(cx)),
            CommandId::Copy => Some(vec![Effect::Copy(self.uri())]),
            CommandId::CopyArn => Some(vec![Effect::Copy(object_arn(
                &self.ctx.region,
                &self.bucket,
                &self.key,
            ))]),
            CommandId::Presign => Some(self.presign(None)),
            CommandId::CopyUrl => {
                Some(super::copy_url(self.id, &self.ctx, &self.bucket, &self.key))
            }
            CommandId::Download => {
                let size = match &self.state {
                    State::Loaded(l) => l.details.as_ref().ok().and_then(|d| d.length),
                    State::Loading | State::Failed(_) => None,
                };
                let base = self
                    .key
                    .rsplit_once('/')
                    .map(|(p, _)| format!("{p}/"))
                    .unwrap_or_default();
                Some(super::downloads::ask(
                    self.id,
                    &self.ctx,
                    &self.bucket,
                    &base,
                    vec![(self.key.clone(), size.unwrap_or(0))],
                    Vec::new(),
                    self.version.clone(),
                ))
            }
            CommandId::Versions => Some(super::versions::open(
                &self.ctx,
                &self.bucket,
                &self.key,
                ObjectView::boxed,
            )),
            CommandId::CancelTransfer => {
                Some(super::downloads::cancel(self.id, &mut self.transfer))
            }
            _ => None,
        }
    }

    fn handle_arg(&mut self, command: CommandId, arg: &str, _cx: &PaneCx) -> Option<Vec<Effect>> {
        (command == CommandId::Presign).then(|| self.presign(Some(arg)))
    }

    fn list(&self) -> Option<&dyn ListInput> {
        Some(&self.pager)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListInput> {
        Some(&mut self.pager)
    }

    fn apply(&mut self, outcome: Outcome, _cx: &PaneCx) -> Vec<Effect> {
        let mut outcome = Some(outcome);
        if let Some(effects) = super::downloads::apply(self.id, &mut self.transfer, &mut outcome) {
            return effects;
        }
        let Some(outcome) = outcome else {
            return Vec::new();
        };
        let (details, head) = match outcome {
            Outcome::S3(S3Outcome::Object { details, head }) => (details, head),
            Outcome::S3(S3Outcome::Presigned { result, expires }) => {
                return super::presigned(result, expires);
            }
            Outcome::S3(S3Outcome::ObjectUrl(result)) => return super::url_copied(result),
            _ => return Vec::new(),
        };
        let mut effects = Vec::new();
        if let Err(e) = &details {
            effects.push(Effect::Flash(Level::Error, format!("S3: {}", e.summary())));
        }
        self.state = State::Loaded(Box::new(Loaded {
            details: details.map_err(|e| e.summary()),
            head: head.map_err(|e| e.summary()),
        }));
        self.styled_with = None;
        effects
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme, _cx: &PaneCx) {
        if self.styled_with.as_deref() != Some(theme.name()) {
            self.pager.set_lines(self.lines(theme));
            self.styled_with = Some(theme.name().to_string());
        }
        let title = match self.state {
            State::Loading => format!("{} · loading…", self.uri()),
            State::Loaded(_) => self.uri(),
            State::Failed(ref e) => format!("{} · error: {e}", self.uri()),
        };
        let area = super::downloads::Transfer::render_bar(&self.transfer, frame, area, theme);
        self.pager.render(frame, area, theme, &title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metadata keys come from AWS like the values: neither may reach the screen raw.
    #[test]
    fn metadata_keys_are_sanitized_like_their_values() {
        let ctx = ContextKey {
            profile: None,
            region: "us-east-1".into(),
        };
        let mut view = ObjectView::new(PaneId(1), ctx, "b".into(), "k".into(), None);
        let details = ObjectDetails {
            key: "k".into(),
            metadata: vec![(
                "own\u{ad}er\u{1b}]52;c;aGk=\u{7}".into(),
                "team\u{3164}".into(),
            )],
            ..ObjectDetails::default()
        };
        view.state = State::Loaded(Box::new(Loaded {
            details: Ok(details),
            head: Ok(Head::default()),
        }));
        let text: String = view
            .lines(&Theme::mono())
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(!text.chars().any(crate::sanitize::is_hidden), "{text:?}");
        assert!(text.contains("meta own\\u{00ad}er␛]52;c;aGk=␇"), "{text:?}");
        assert!(text.contains("team\\u{3164}"), "{text:?}");
    }
}
