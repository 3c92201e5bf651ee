//! Transfers shared by the S3 views. Downloads: ask where, refuse to overwrite local files
//! without consent, show progress, report. Uploads: ask what, list exactly what goes, confirm,
//! show progress, report.

use crate::aws::ContextKey;
use crate::pane::{Ask, Confirm, Effect, Level};
use crate::protocol::s3::{DownloadJob, DownloadReport, TransferProgress};
use crate::protocol::s3::{S3Op, S3Outcome};
use crate::protocol::{Op, Outcome, Owner, PaneId, Request};
use crate::ui::format;
use std::path::PathBuf;
use std::time::Instant;

pub const SLOT: &str = "transfer";

/// Asks for the destination directory, then starts the download there.
pub fn ask(
    owner: PaneId,
    ctx: &ContextKey,
    bucket: &str,
    base_prefix: &str,
    objects: Vec<(String, i64)>,
    expand: Vec<String>,
    version: Option<String>,
) -> Vec<Effect> {
    if objects.is_empty() && expand.is_empty() {
        return vec![Effect::Flash(Level::Warn, "nothing to download".into())];
    }
    let initial = std::env::current_dir()
        .map(|d| format!("{}/", d.display()))
        .unwrap_or_default();
    let count = objects.len();
    let bytes: i64 = objects.iter().map(|(_, s)| s).sum();
    let (ctx, bucket, base_prefix) = (ctx.clone(), bucket.to_string(), base_prefix.to_string());
    let title = match (expand.as_slice(), count) {
        ([], _) => format!(
            "Download {} ({}) to directory",
            plural(count, "object"),
            format::size(bytes)
        ),
        ([prefix], 0) => format!("Download everything under {prefix} to directory"),
        (prefixes, _) => format!(
            "Download {} and everything under {} to directory",
            plural(count, "object"),
            plural(prefixes.len(), "prefix")
        ),
    };
    vec![Effect::Ask(Ask {
        title,
        initial,
        complete_paths: true,
        on_answer: Box::new(move |answer: String| {
            if answer.is_empty() {
                return vec![Effect::Flash(Level::Error, "no directory given".into())];
            }
            let dest = PathBuf::from(crate::paths::expand_home(&answer));
            // Prefixes are counted before the first byte moves (seconds for a big one): say so,
            // or the key gets pressed again.
            let counting = (!expand.is_empty())
                .then(|| Effect::Flash(Level::Info, "counting what to download…".into()));
            let job = DownloadJob {
                ctx,
                bucket,
                base_prefix,
                objects,
                version,
                expand,
                dest,
            };
            counting
                .into_iter()
                .chain([start(owner, job, false)])
                .collect()
        }),
    })]
}

fn start(owner: PaneId, job: DownloadJob, overwrite: bool) -> Effect {
    transfer(owner, Op::S3(S3Op::Download { job, overwrite }))
}

/// A transfer belongs to the view's bucket, not to the active context: it carries on, and
/// keeps reporting, across a profile or region switch.
fn transfer(owner: PaneId, op: Op) -> Effect {
    Effect::Request(
        Request::new(Owner::Pane(owner), op)
            .in_slot(SLOT)
            .outliving_switch(),
    )
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", format::count(n))
    }
}

/// A transfer in progress, as shown in the pane's title.
pub struct Transfer {
    progress: TransferProgress,
    started: Instant,
}

impl Transfer {
    /// Takes the bottom line of `area` for a progress bar; returns the rest for the view.
    pub fn render_bar(
        this: &Option<Transfer>,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        theme: &crate::theme::Theme,
    ) -> ratatui::layout::Rect {
        let Some(t) = this else {
            return area;
        };
        let [view, bar] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Fill(1),
            ratatui::layout::Constraint::Length(1),
        ])
        .areas(area);
        let p = &t.progress;
        let ratio = if p.bytes_total > 0 {
            p.bytes_done as f64 / p.bytes_total as f64
        } else if p.files_total > 0 {
            p.files_done as f64 / p.files_total as f64
        } else {
            0.0
        };
        frame.render_widget(
            ratatui::widgets::LineGauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(t.label())
                .filled_style(theme.style("state.ok"))
                .unfilled_style(theme.style("text.dim")),
            bar,
        );
        view
    }

    pub fn label(&self) -> String {
        let p = &self.progress;
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = p.bytes_done as f64 / secs;
        let eta = if rate > 0.0 && p.bytes_total > p.bytes_done {
            format!(
                " · ETA {:.0} s",
                (p.bytes_total - p.bytes_done) as f64 / rate
            )
        } else {
            String::new()
        };
        format!(
            "{} {}/{} · {} of {} · {}/s{eta} (x cancels)",
            if p.uploading {
                "uploading"
            } else {
                "downloading"
            },
            p.files_done,
            p.files_total,
            format::size(p.bytes_done as i64),
            format::size(p.bytes_total as i64),
            format::size(rate as i64),
        )
    }
}

/// Applies a transfer outcome to the pane's transfer state; `None` if it is not one.
pub fn apply(
    owner: PaneId,
    state: &mut Option<Transfer>,
    outcome: &mut Option<Outcome>,
) -> Option<Vec<Effect>> {
    match outcome.take()? {
        Outcome::S3(S3Outcome::Transfer(progress)) => {
            let started = state
                .as_ref()
                .map(|t| t.started)
                .unwrap_or_else(Instant::now);
            *state = Some(Transfer { progress, started });
            Some(Vec::new())
        }
        Outcome::S3(S3Outcome::DownloadConflict {
            existing,
            existing_total,
            job,
        }) => {
            let mut lines = vec![format!(
                "{} already exist in {}:",
                plural(existing_total, "file"),
                job.dest.display()
            )];
            lines.extend(
                existing
                    .iter()
                    .take(5)
                    .map(|p| format!("  {}", p.display())),
            );
            if existing_total > 5 {
                lines.push(format!("  … and {} more", existing_total - 5));
            }
            lines.push("Overwrite them?".into());
            Some(vec![Effect::Confirm(Confirm {
                title: "Overwrite local files?".into(),
                lines,
                typed: None,
                on_yes: vec![start(owner, job, true)],
            })])
        }
        Outcome::S3(S3Outcome::Downloaded(report)) => {
            *state = None;
            Some(vec![report_flash(&report)])
        }
        Outcome::S3(S3Outcome::UploadPlanned(Err(e))) => {
            Some(vec![Effect::Flash(Level::Error, format!("upload: {e}"))])
        }
        Outcome::S3(S3Outcome::UploadPlanned(Ok(job))) if job.files.is_empty() => {
            Some(vec![Effect::Flash(
                Level::Warn,
                "no files to upload there".into(),
            )])
        }
        Outcome::S3(S3Outcome::UploadPlanned(Ok(job))) => {
            let bytes: u64 = job.files.iter().map(|(_, _, size)| size).sum();
            let mut lines = vec![format!(
                "{} ({}) to s3://{}/ — objects with the same keys are replaced:",
                plural(job.files.len(), "file"),
                format::size(bytes as i64),
                job.bucket
            )];
            lines.extend(
                job.files
                    .iter()
                    .take(5)
                    .map(|(_, key, _)| format!("  {key}")),
            );
            if job.files.len() > 5 {
                lines.push(format!("  … and {} more", job.files.len() - 5));
            }
            Some(vec![Effect::Confirm(Confirm {
                title: "Upload?".into(),
                lines,
                typed: None,
                on_yes: vec![transfer(owner, Op::S3(S3Op::Upload(job)))],
            })])
        }
        other => {
            *outcome = Some(other);
            None
        }
    }
}

fn report_flash(r: &DownloadReport) -> Effect {
    let mut text = format!(
        "downloaded {} ({}) to {}",
        plural(r.files, "file"),
        format::size(r.bytes as i64),
        r.dest.display()
    );
    if r.skips > 0 {
        text.push_str(&format!(" · skipped {} with no usable local name", r.skips));
    }
    match r.failed.first() {
        Some((key, error)) => Effect::Flash(
            Level::Error,
            format!("{text} · {} failed (first: {key}: {error})", r.failures),
        ),
        None => Effect::Flash(Level::Success, text),
    }
}

/// Asks for a local file or directory to upload under `prefix`.
pub fn ask_upload(owner: PaneId, ctx: &ContextKey, bucket: &str, prefix: &str) -> Vec<Effect> {
    let initial = std::env::current_dir()
        .map(|d| format!("{}/", d.display()))
        .unwrap_or_default();
    let (ctx, bucket, prefix_owned) = (ctx.clone(), bucket.to_string(), prefix.to_string());
    vec![Effect::Ask(Ask {
        title: format!("Upload a file or directory into s3://{bucket}/{prefix}"),
        initial,
        complete_paths: true,
        on_answer: Box::new(move |answer: String| {
            if answer.is_empty() {
                return vec![Effect::Flash(Level::Error, "no path given".into())];
            }
            let path = PathBuf::from(crate::paths::expand_home(answer.trim_end_matches('/')));
            let op = Op::S3(S3Op::UploadPlan {
                ctx,
                bucket,
                prefix: prefix_owned,
                path,
            });
            vec![Effect::Request(
                Request::new(Owner::Pane(owner), op).in_slot("upload-plan"),
            )]
        }),
    })]
}

/// What an upload did, for the status line.
pub fn uploaded_flash(files: usize, bytes: u64, failed: &[(String, String)]) -> Effect {
    let text = format!(
        "uploaded {} ({})",
        plural(files, "file"),
        format::size(bytes as i64)
    );
    match failed.first() {
        None => Effect::Flash(Level::Success, text),
        Some((key, error)) => Effect::Flash(
            Level::Error,
            format!("{text} · {} failed (first: {key}: {error})", failed.len()),
        ),
    }
}

/// Stops the pane's transfer; the partial file of every object in flight is removed.
pub fn cancel(owner: PaneId, state: &mut Option<Transfer>) -> Vec<Effect> {
    if state.take().is_none() {
        return vec![Effect::Flash(Level::Info, "no transfer to cancel".into())];
    }
    vec![
        Effect::Cancel(Owner::Pane(owner), SLOT),
        Effect::Flash(
            Level::Warn,
            "transfer cancelled; unfinished files and multipart uploads were removed".into(),
        ),
    ]
}
