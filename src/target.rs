//! What a user may name as a place to open: `s3://bucket/prefix/`, an ARN of a kind awsterm has
//! a view for, or the AWS console's URL of such a resource. Pure text in, a `Target` out;
//! anything else is an error that lists the forms understood, never a guess.

mod engine;

pub use engine::{Listed, secret_name};
use percent_encoding::percent_decode_str;

/// A resource, and what the text said about where it lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The region the ARN or URL names (S3 ARNs and `s3://` name none).
    pub region: Option<String>,
    /// The account the ARN names (URLs and `s3://` name none).
    pub account: Option<String>,
    pub resource: Resource,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resource {
    /// A bucket, at a prefix ("" for its top; otherwise ending in `/`).
    Bucket {
        name: String,
        prefix: String,
    },
    Object {
        bucket: String,
        key: String,
    },
    Table {
        name: String,
    },
    Function {
        name: String,
        qualifier: Option<String>,
    },
    Instance {
        id: String,
    },
    SecurityGroup {
        id: String,
    },
    Volume {
        id: String,
    },
    Database {
        id: String,
        cluster: bool,
    },
    LogGroup {
        name: String,
    },
    LogStream {
        group: String,
        stream: String,
    },
    /// A resource of a kind the resource engine lists (a secret, a queue, an IAM role…).
    Listed(Listed),
}

impl Resource {
    /// How the resource is named in messages: `table orders`, `s3://b/k`.
    pub fn describe(&self) -> String {
        match self {
            Resource::Bucket { name, prefix } => format!("s3://{name}/{prefix}"),
            Resource::Object { bucket, key } => format!("s3://{bucket}/{key}"),
            Resource::Table { name } => format!("table {name}"),
            Resource::Function { name, qualifier } => match qualifier {
                Some(q) => format!("function {name}:{q}"),
                None => format!("function {name}"),
            },
            Resource::Instance { id } => format!("instance {id}"),
            Resource::SecurityGroup { id } => format!("security group {id}"),
            Resource::Volume { id } => format!("volume {id}"),
            Resource::Database { id, cluster: false } => format!("database {id}"),
            Resource::Database { id, cluster: true } => format!("cluster {id}"),
            Resource::LogGroup { name } => format!("log group {name}"),
            Resource::LogStream { group, stream } => format!("log stream {group} › {stream}"),
            Resource::Listed(listed) => listed.describe(),
        }
    }
}

impl Target {
    /// A function in `region`, account unsaid.
    pub fn function(region: &str, name: &str) -> Target {
        Target {
            region: Some(region.to_string()),
            account: None,
            resource: Resource::Function {
                name: name.to_string(),
                qualifier: None,
            },
        }
    }

    /// The text `parse` reads back as this target: `s3://…` for S3, an ARN for the rest
    /// (the account left empty when unknown).
    pub fn text(&self) -> String {
        let region = self.region.as_deref().unwrap_or_default();
        let account = self.account.as_deref().unwrap_or_default();
        let partition = crate::aws::partition(region);
        let arn = |service: &str, resource: String| {
            format!("arn:{partition}:{service}:{region}:{account}:{resource}")
        };
        match &self.resource {
            Resource::Bucket { name, prefix } => format!("s3://{name}/{prefix}"),
            Resource::Object { bucket, key } => format!("s3://{bucket}/{key}"),
            Resource::Table { name } => arn("dynamodb", format!("table/{name}")),
            Resource::Function { name, qualifier } => match qualifier {
                Some(q) => arn("lambda", format!("function:{name}:{q}")),
                None => arn("lambda", format!("function:{name}")),
            },
            Resource::Instance { id } => arn("ec2", format!("instance/{id}")),
            Resource::SecurityGroup { id } => arn("ec2", format!("security-group/{id}")),
            Resource::Volume { id } => arn("ec2", format!("volume/{id}")),
            Resource::Database { id, cluster: false } => arn("rds", format!("db:{id}")),
            Resource::Database { id, cluster: true } => arn("rds", format!("cluster:{id}")),
            Resource::LogGroup { name } => arn("logs", format!("log-group:{name}")),
            Resource::LogStream { group, stream } => {
                arn("logs", format!("log-group:{group}:log-stream:{stream}"))
            }
            Resource::Listed(listed) => listed.arn(partition, region, account),
        }
    }
}

/// The forms understood, for error messages.
pub const FORMS: &str = "understood: s3://BUCKET/PREFIX/, s3://BUCKET/KEY, an ARN of an S3 \
bucket or object, DynamoDB table, Lambda function, EC2 instance, security group or volume, RDS \
database or cluster, log group or log stream, secret, SQS queue, SNS topic, ECS cluster, service \
or task, load balancer, target group, SSM parameter, IAM role, user or policy, Route 53 hosted \
zone, CloudFormation stack or CloudWatch alarm, or the AWS console URL of an S3, DynamoDB, \
Lambda, EC2, RDS or logs resource";

/// The text exactly as given (an S3 key may end in a space): callers trim what was typed.
pub fn parse(text: &str) -> Result<Target, String> {
    let parsed = if let Some(rest) = text.strip_prefix("s3://") {
        s3_uri(rest)
    } else if text.starts_with("arn:") {
        arn(text)
    } else if text.starts_with("https://") || text.starts_with("http://") {
        console_url(text)
    } else {
        Err(format!("'{}' is not a target", shown(text)))
    };
    parsed.map_err(|e| format!("{e} — {FORMS}"))
}

/// The text as it may appear in a message: one line, not endless.
fn shown(text: &str) -> String {
    let clean = crate::sanitize::sanitize(text);
    match clean.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean.into_owned(),
    }
}

fn s3_uri(rest: &str) -> Result<Target, String> {
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    Ok(Target {
        region: None,
        account: None,
        resource: s3_resource(bucket, key)?,
    })
}

/// A key that is empty or ends in `/` is a prefix to list; anything else is one object.
fn s3_resource(bucket: &str, key: &str) -> Result<Resource, String> {
    if !valid_bucket(bucket) {
        return Err(format!("'{}' is not a bucket name", shown(bucket)));
    }
    let name = bucket.to_string();
    Ok(if key.is_empty() || key.ends_with('/') {
        Resource::Bucket {
            name,
            prefix: key.to_string(),
        }
    } else {
        Resource::Object {
            bucket: name,
            key: key.to_string(),
        }
    })
}

/// Loose on purpose (old buckets may have capitals or underscores); only what can never be one.
fn valid_bucket(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
}

fn arn(text: &str) -> Result<Target, String> {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    let [_, partition, service, region, account, resource] = parts[..] else {
        return Err(format!(
            "'{}' is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)",
            shown(text)
        ));
    };
    if !partition.starts_with("aws") {
        return Err(format!("'{}' is not an AWS partition", shown(partition)));
    }
    // The service first: for a kind awsterm has no view of, that is the news, not its fields.
    if !VIEWED_SERVICES.contains(&service) && !engine::SERVICES.contains(&service) {
        return Err(format!("no view for {} ARNs", shown(service)));
    }
    let region = match region {
        "" => None,
        r if crate::aws::regions::is_valid_name(r) => Some(r.to_string()),
        r => return Err(format!("'{}' is not a region name", shown(r))),
    };
    let account = match account {
        "" => None,
        a if a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()) => Some(a.to_string()),
        a => return Err(format!("'{}' is not an account id", shown(a))),
    };
    let unknown = || format!("no view for the {service} resource '{}'", shown(resource));
    let resource = match service {
        _ if engine::SERVICES.contains(&service) => {
            Resource::Listed(engine::parse(service, resource).ok_or_else(unknown)?)
        }
        "s3" => {
            let (bucket, key) = resource.split_once('/').unwrap_or((resource, ""));
            s3_resource(bucket, key)?
        }
        "dynamodb" => {
            let name = resource.strip_prefix("table/").ok_or_else(unknown)?;
            // `table/T/index/I` and `table/T/stream/…` belong to table T.
            let name = name.split('/').next().unwrap_or_default();
            Resource::Table {
                name: non_empty(name).ok_or_else(unknown)?,
            }
        }
        "lambda" => {
            let rest = resource.strip_prefix("function:").ok_or_else(unknown)?;
            let (name, qualifier) = match rest.split_once(':') {
                Some((n, q)) => (n, non_empty(q)),
                None => (rest, None),
            };
            Resource::Function {
                name: non_empty(name).ok_or_else(unknown)?,
                qualifier,
            }
        }
        "ec2" => {
            let (kind, id) = resource.split_once('/').ok_or_else(unknown)?;
            let id = non_empty(id).ok_or_else(unknown)?;
            match kind {
                "instance" => Resource::Instance { id },
                "security-group" => Resource::SecurityGroup { id },
                "volume" => Resource::Volume { id },
                _ => return Err(unknown()),
            }
        }
        "rds" => {
            let (kind, id) = resource.split_once(':').ok_or_else(unknown)?;
            let id = non_empty(id).ok_or_else(unknown)?;
            match kind {
                "db" => Resource::Database { id, cluster: false },
                "cluster" => Resource::Database { id, cluster: true },
                _ => return Err(unknown()),
            }
        }
        "logs" => {
            let rest = resource.strip_prefix("log-group:").ok_or_else(unknown)?;
            let (group, tail) = rest.split_once(':').unwrap_or((rest, ""));
            let group = non_empty(group).ok_or_else(unknown)?;
            match tail {
                "" | "*" => Resource::LogGroup { name: group },
                _ => {
                    let stream = tail.strip_prefix("log-stream:").ok_or_else(unknown)?;
                    Resource::LogStream {
                        group,
                        stream: non_empty(stream).ok_or_else(unknown)?,
                    }
                }
            }
        }
        _ => return Err(format!("no view for {} ARNs", shown(service))),
    };
    Ok(Target {
        region,
        account,
        resource,
    })
}

/// The services whose ARNs name something awsterm can open (the arms of `arn`).
const VIEWED_SERVICES: [&str; 6] = ["s3", "dynamodb", "lambda", "ec2", "rds", "logs"];

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// `https://REGION.console.aws.amazon.com/SERVICE/home?region=R#FRAGMENT` and the S3
/// console's `/s3/buckets/NAME?prefix=…` and `/s3/object/NAME?prefix=KEY`.
fn console_url(text: &str) -> Result<Target, String> {
    let not_console = || format!("'{}' is not an AWS console URL", shown(text));
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let (host, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let host_region = host
        .strip_suffix(".console.aws.amazon.com")
        .or_else(|| host.strip_suffix(".console.amazonaws.cn"))
        .filter(|r| crate::aws::regions::is_valid_name(r));
    if host_region.is_none()
        && !matches!(
            host,
            "console.aws.amazon.com" | "s3.console.aws.amazon.com" | "console.amazonaws.cn"
        )
    {
        return Err(not_console());
    }
    let (before_fragment, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let region = query_param(query, "region")
        .or_else(|| host_region.map(str::to_string))
        .filter(|r| crate::aws::regions::is_valid_name(r));
    let unknown = || format!("no view for the console page '{}'", shown(text));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let resource = match segments.as_slice() {
        ["s3", "buckets", bucket] => {
            let prefix = query_param(query, "prefix").unwrap_or_default();
            let prefix = if prefix.is_empty() || prefix.ends_with('/') {
                prefix
            } else {
                format!("{prefix}/")
            };
            s3_resource(&decode(bucket), &prefix)?
        }
        ["s3", "object", bucket] => {
            let key = query_param(query, "prefix").ok_or_else(unknown)?;
            s3_resource(&decode(bucket), &key)?
        }
        ["lambda", "home"] => {
            let name = fragment
                .strip_prefix("/functions/")
                .ok_or_else(unknown)?
                .split(['?', '/'])
                .next()
                .unwrap_or_default();
            Resource::Function {
                name: non_empty(&decode(name)).ok_or_else(unknown)?,
                qualifier: None,
            }
        }
        ["ec2", "home"] | ["ec2", "v2", "home"] => ec2_fragment(fragment).ok_or_else(unknown)?,
        ["dynamodbv2", "home"] | ["dynamodb", "home"] => {
            let (page, params) = fragment.split_once('?').unwrap_or((fragment, ""));
            let name = match page {
                "table" | "tables" => query_param(params, "name"),
                "item-explorer" | "edit-item" => query_param(params, "table"),
                _ => None,
            };
            Resource::Table {
                name: name.and_then(|n| non_empty(&n)).ok_or_else(unknown)?,
            }
        }
        ["cloudwatch", "home"] => logs_fragment(fragment).ok_or_else(unknown)?,
        ["rds", "home"] => {
            let params = fragment.strip_prefix("database:").ok_or_else(unknown)?;
            let mut id = None;
            let mut cluster = false;
            for pair in params.split(';') {
                match pair.split_once('=') {
                    Some(("id", v)) => id = non_empty(&decode(v)),
                    Some(("is-cluster", v)) => cluster = v == "true",
                    _ => {}
                }
            }
            Resource::Database {
                id: id.ok_or_else(unknown)?,
                cluster,
            }
        }
        _ => return Err(unknown()),
    };
    Ok(Target {
        region,
        account: None,
        resource,
    })
}

/// `InstanceDetails:instanceId=i-…`, `SecurityGroup:groupId=sg-…`, `VolumeDetails:volumeId=…`.
fn ec2_fragment(fragment: &str) -> Option<Resource> {
    let (page, params) = fragment.split_once(':')?;
    let value = |name: &str| {
        params
            .split([';', '&'])
            .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
            .and_then(|v| non_empty(&decode(v)))
    };
    Some(match page {
        "InstanceDetails" => Resource::Instance {
            id: value("instanceId")?,
        },
        "SecurityGroup" => Resource::SecurityGroup {
            id: value("groupId")?,
        },
        "VolumeDetails" => Resource::Volume {
            id: value("volumeId")?,
        },
        _ => return None,
    })
}

/// `logsV2:log-groups/log-group/<name>[/log-events/<stream>]`, names encoded the console's
/// way: percent-encoded twice, with `$` standing for `%`.
fn logs_fragment(fragment: &str) -> Option<Resource> {
    let rest = fragment.strip_prefix("logsV2:log-groups/log-group/")?;
    let (group, stream) = match rest.split_once("/log-events/") {
        Some((g, s)) => (g, Some(s)),
        None => (rest, None),
    };
    let group = non_empty(&console_decode(group.split('?').next()?))?;
    Some(match stream {
        None => Resource::LogGroup { name: group },
        Some(s) => Resource::LogStream {
            group,
            stream: non_empty(&console_decode(s.split('?').next()?))?,
        },
    })
}

fn console_decode(text: &str) -> String {
    decode(&decode(&text.replace('$', "%")))
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// One `name=value` of a query string, decoded (`+` is a space there).
fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| decode(&v.replace('+', " ")))
    })
}

#[cfg(test)]
mod tests;
