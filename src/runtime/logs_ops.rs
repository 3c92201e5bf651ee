//! CloudWatch Logs requests: group and stream listings, one tail poll over several groups, a
//! Live Tail session, and saving a tail's buffer to a file.

use super::Progress;
use crate::aws::Adapters;
use crate::aws::logs::EventQuery;
use crate::aws::page::{each_page_up_to, ending, pages_up_to};
use crate::protocol::logs::{GROUP_CAP, LogsOp, LogsOutcome, STREAM_PAGE_CAP};

/// Pages one poll reads from one group before it lets the view draw and poll again.
const PAGES_PER_POLL: usize = 10;

pub(super) async fn execute(op: LogsOp, adapters: &Adapters, progress: &Progress) -> LogsOutcome {
    let logs = &adapters.logs;
    let send = |outcome| progress.send(super::Outcome::Logs(outcome));
    match op {
        LogsOp::Groups { ctx, prefix, start } => {
            let each = |page| send(LogsOutcome::GroupsPage(page));
            let fetch = |token| logs.groups_page(ctx.clone(), prefix.clone(), token);
            let (result, resume) = ending(each_page_up_to(start, GROUP_CAP, fetch, each).await);
            LogsOutcome::GroupsListed { result, resume }
        }
        LogsOp::Streams { ctx, group, start } => {
            let fetch = |token| logs.streams_page(ctx.clone(), group.clone(), token);
            match pages_up_to(start, STREAM_PAGE_CAP, fetch).await {
                Ok((streams, resume)) => LogsOutcome::Streams {
                    result: Ok(streams),
                    resume,
                },
                Err(e) => LogsOutcome::Streams {
                    result: Err(e),
                    resume: None,
                },
            }
        }
        LogsOp::Poll {
            ctx,
            sources,
            pattern,
        } => {
            let polls = sources.into_iter().enumerate().map(|(i, source)| {
                let (ctx, pattern) = (ctx.clone(), pattern.clone());
                async move {
                    let mut token = source.token;
                    for _ in 0..PAGES_PER_POLL {
                        let query = EventQuery {
                            group: source.group.clone(),
                            streams: source.streams.clone(),
                            start_ms: source.start_ms,
                            pattern: pattern.clone(),
                            token,
                        };
                        let page = logs.events_page(ctx.clone(), query).await?;
                        if !page.items.is_empty() {
                            let events = page.items;
                            send(LogsOutcome::Events { source: i, events });
                        }
                        token = page.next;
                        if token.is_none() {
                            break;
                        }
                    }
                    Ok(token)
                }
            });
            LogsOutcome::Polled(futures::future::join_all(polls).await)
        }
        LogsOp::LiveTail {
            ctx,
            group_arns,
            pattern,
        } => {
            let progress = progress.clone();
            let sink = Box::new(move |events| {
                progress.send(super::Outcome::Logs(LogsOutcome::Live(events)));
            });
            LogsOutcome::LiveEnded(logs.live_tail(ctx, group_arns, pattern, sink).await)
        }
        LogsOp::Insights(op) => super::insights_ops::execute(op, adapters).await,
        LogsOp::Save {
            path,
            text,
            overwrite,
        } => {
            use crate::aws::atomic_file::AtomicFile;
            let write = async {
                let mut file = AtomicFile::create_private(&path).await?;
                file.write_all(text.as_bytes()).await?;
                file.commit(overwrite).await
            };
            match write.await {
                Ok(()) => LogsOutcome::Saved(Ok(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    LogsOutcome::SaveExists(path, text)
                }
                Err(e) => LogsOutcome::Saved(Err(format!("{}: {e}", path.display()))),
            }
        }
    }
}
