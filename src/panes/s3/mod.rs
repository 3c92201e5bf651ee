//! S3: a bucket's objects browsed prefix by prefix (the bucket list is a resource kind:
//! `panes::resource::buckets`).

pub mod downloads;
pub mod object;
pub mod objects;
pub mod versions;

use crate::aws::ContextKey;
use crate::aws::s3::parse_expiry;
use crate::pane::{Effect, Level};
use crate::protocol::s3::S3Op;
use crate::protocol::{Op, Owner, PaneId, Request};
use std::time::Duration;

const DEFAULT_EXPIRY: Duration = Duration::from_secs(3600);

/// The object an action applies to.
pub struct Target<'a> {
    pub ctx: &'a ContextKey,
    pub bucket: &'a str,
    pub key: &'a str,
    pub version: Option<&'a str>,
}

/// `presign [DURATION]` for one object; a bad duration is explained, not sent.
pub fn presign(owner: PaneId, target: Target, arg: Option<&str>) -> Vec<Effect> {
    let expires = match arg.map(parse_expiry).unwrap_or(Ok(DEFAULT_EXPIRY)) {
        Ok(d) => d,
        Err(e) => return vec![Effect::Flash(Level::Error, e)],
    };
    let op = Op::S3(S3Op::Presign {
        ctx: target.ctx.clone(),
        bucket: target.bucket.to_string(),
        key: target.key.to_string(),
        version: target.version.map(str::to_owned),
        expires,
    });
    vec![Effect::Request(
        Request::new(Owner::Pane(owner), op).in_slot("presign"),
    )]
}

/// A presigned URL is copied and shown whole (OSC 52 may not reach the user's clipboard).
pub fn presigned(result: Result<String, crate::aws::AwsError>, expires: Duration) -> Vec<Effect> {
    match result {
        Ok(url) => {
            let note = format!(
                "GET, expires in {} — copied to the clipboard (y copies again)",
                humanise(expires)
            );
            vec![
                Effect::Copy(url.clone()),
                crate::panes::value::ValueView::push("Presigned URL".into(), url, note),
            ]
        }
        Err(e) => vec![Effect::Flash(
            Level::Error,
            format!("presign: {}", e.summary()),
        )],
    }
}

fn humanise(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s % 86_400 == 0 => format!("{} d", s / 86_400),
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// Asks the adapter for the object's https URL (it knows the endpoint in use).
pub fn copy_url(owner: PaneId, ctx: &ContextKey, bucket: &str, key: &str) -> Vec<Effect> {
    let op = Op::S3(S3Op::ObjectUrl {
        ctx: ctx.clone(),
        bucket: bucket.to_string(),
        key: key.to_string(),
    });
    vec![Effect::Request(
        Request::new(Owner::Pane(owner), op).in_slot("url"),
    )]
}

/// The URL arrived: copy it (the flash shows it too, for terminals without OSC 52).
pub fn url_copied(result: Result<String, crate::aws::AwsError>) -> Vec<Effect> {
    match result {
        Ok(url) => vec![Effect::Copy(url)],
        Err(e) => vec![Effect::Flash(Level::Error, format!("url: {}", e.summary()))],
    }
}
