//! ARNs of the kinds the resource engine lists (secrets, queues, topics, ECS, load balancers,
//! parameters, IAM, Route 53, stacks, alarms): what each names, and the ARN text back. Each
//! keeps the ARN's own spelling of the resource (a secret's `-AbCdEf` suffix, a parameter's
//! path), so a listed row's ARN parses to the same `Resource` as the one asked for.

use super::non_empty;

/// The services whose ARNs this module reads.
pub const SERVICES: [&str; 10] = [
    "secretsmanager",
    "sqs",
    "sns",
    "ecs",
    "elasticloadbalancing",
    "ssm",
    "iam",
    "route53",
    "cloudformation",
    "cloudwatch",
];

/// A resource of a kind the resource engine lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listed {
    /// The ARN's id: the name and the six characters Secrets Manager appends to it.
    Secret {
        id: String,
    },
    Queue {
        name: String,
    },
    Topic {
        name: String,
    },
    EcsCluster {
        name: String,
    },
    EcsService {
        cluster: String,
        name: String,
    },
    EcsTask {
        cluster: String,
        id: String,
    },
    /// `app/NAME/ID` (`net/…` for a network load balancer).
    LoadBalancer {
        path: String,
    },
    /// `NAME/ID`.
    TargetGroup {
        path: String,
    },
    /// The full name from `/` (`/app/prod/db-url`).
    Parameter {
        name: String,
    },
    /// IAM's `PATH/NAME` (`NAME` when the path is `/`).
    Role {
        path: String,
    },
    User {
        path: String,
    },
    Policy {
        path: String,
    },
    /// Without `/hostedzone/`.
    HostedZone {
        id: String,
    },
    Stack {
        name: String,
        id: String,
    },
    Alarm {
        name: String,
    },
}

impl Listed {
    /// How it is named in messages: `secret db-creds`, `role deploy`.
    pub fn describe(&self) -> String {
        match self {
            Listed::Secret { id } => format!("secret {}", secret_name(id)),
            Listed::Queue { name } => format!("queue {name}"),
            Listed::Topic { name } => format!("topic {name}"),
            Listed::EcsCluster { name } => format!("ECS cluster {name}"),
            Listed::EcsService { cluster, name } => format!("ECS service {cluster} › {name}"),
            Listed::EcsTask { cluster, id } => format!("ECS task {cluster} › {id}"),
            Listed::LoadBalancer { path } => {
                format!("load balancer {}", path.split('/').nth(1).unwrap_or(path))
            }
            Listed::TargetGroup { path } => {
                format!("target group {}", path.split('/').next().unwrap_or(path))
            }
            Listed::Parameter { name } => format!("parameter {name}"),
            Listed::Role { path } => format!("role {}", last(path)),
            Listed::User { path } => format!("user {}", last(path)),
            Listed::Policy { path } => format!("policy {}", last(path)),
            Listed::HostedZone { id } => format!("hosted zone {id}"),
            Listed::Stack { name, .. } => format!("stack {name}"),
            Listed::Alarm { name } => format!("alarm {name}"),
        }
    }

    /// Its ARN; IAM and Route 53 name no region (Route 53 no account either).
    pub fn arn(&self, partition: &str, region: &str, account: &str) -> String {
        let (service, resource) = match self {
            Listed::Secret { id } => ("secretsmanager", format!("secret:{id}")),
            Listed::Queue { name } => ("sqs", name.clone()),
            Listed::Topic { name } => ("sns", name.clone()),
            Listed::EcsCluster { name } => ("ecs", format!("cluster/{name}")),
            Listed::EcsService { cluster, name } => ("ecs", format!("service/{cluster}/{name}")),
            Listed::EcsTask { cluster, id } => ("ecs", format!("task/{cluster}/{id}")),
            Listed::LoadBalancer { path } => {
                ("elasticloadbalancing", format!("loadbalancer/{path}"))
            }
            Listed::TargetGroup { path } => ("elasticloadbalancing", format!("targetgroup/{path}")),
            Listed::Parameter { name } => ("ssm", format!("parameter{name}")),
            Listed::Role { path } => ("iam", format!("role/{path}")),
            Listed::User { path } => ("iam", format!("user/{path}")),
            Listed::Policy { path } => ("iam", format!("policy/{path}")),
            Listed::HostedZone { id } => ("route53", format!("hostedzone/{id}")),
            Listed::Stack { name, id } => ("cloudformation", format!("stack/{name}/{id}")),
            Listed::Alarm { name } => ("cloudwatch", format!("alarm:{name}")),
        };
        let region = if matches!(service, "iam" | "route53") {
            ""
        } else {
            region
        };
        let account = if service == "route53" { "" } else { account };
        format!("arn:{partition}:{service}:{region}:{account}:{resource}")
    }
}

/// What an ARN's last part names for `service` (one of `SERVICES`); `None`: a resource of
/// that service awsterm has no view of.
pub fn parse(service: &str, resource: &str) -> Option<Listed> {
    let name = |prefix: &str| resource.strip_prefix(prefix).and_then(non_empty);
    Some(match service {
        "secretsmanager" => Listed::Secret {
            id: name("secret:")?,
        },
        // No `/` or `:` in a queue name.
        "sqs" => Listed::Queue {
            name: non_empty(resource).filter(|n| !n.contains(['/', ':']))?,
        },
        // A subscription (`TOPIC:ID`) opens its topic.
        "sns" => Listed::Topic {
            name: non_empty(resource.split(':').next()?).filter(|n| !n.contains('/'))?,
        },
        "ecs" => ecs(resource)?,
        "elasticloadbalancing" => {
            if let Some(path) = name("loadbalancer/") {
                // `app/NAME/ID`; a listener (`listener/app/N/ID/L`) is not one.
                let parts: Vec<&str> = path.split('/').collect();
                (parts.len() == 3 && parts.iter().all(|p| !p.is_empty())).then_some(())?;
                Listed::LoadBalancer { path }
            } else {
                let path = name("targetgroup/")?;
                let parts: Vec<&str> = path.split('/').collect();
                (parts.len() == 2 && parts.iter().all(|p| !p.is_empty())).then_some(())?;
                Listed::TargetGroup { path }
            }
        }
        // `parameter/app/prod/db-url` is `/app/prod/db-url`.
        "ssm" => {
            let path = name("parameter/")?;
            Listed::Parameter {
                name: format!("/{}", non_empty(path.trim_start_matches('/'))?),
            }
        }
        "iam" => {
            let (kind, path) = resource.split_once('/')?;
            let path = non_empty(path).filter(|p| !p.ends_with('/'))?;
            match kind {
                "role" => Listed::Role { path },
                "user" => Listed::User { path },
                "policy" => Listed::Policy { path },
                _ => return None,
            }
        }
        "route53" => Listed::HostedZone {
            id: name("hostedzone/").filter(|id| !id.contains('/'))?,
        },
        "cloudformation" => {
            let (stack, id) = name("stack/")?
                .split_once('/')
                .map(|(s, i)| (s.to_string(), i.to_string()))?;
            Listed::Stack {
                name: non_empty(&stack)?,
                id: non_empty(&id)?,
            }
        }
        "cloudwatch" => Listed::Alarm {
            name: name("alarm:")?,
        },
        _ => return None,
    })
}

/// `cluster/C`, `service/C/S`, `task/C/ID` (the old forms without the cluster name none).
fn ecs(resource: &str) -> Option<Listed> {
    let parts: Vec<&str> = resource.split('/').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let s = |i: usize| parts[i].to_string();
    Some(match parts.as_slice() {
        ["cluster", _] => Listed::EcsCluster { name: s(1) },
        ["service", _, _] => Listed::EcsService {
            cluster: s(1),
            name: s(2),
        },
        ["task", _, _] => Listed::EcsTask {
            cluster: s(1),
            id: s(2),
        },
        _ => return None,
    })
}

/// A secret's name: its ARN's id without the six characters Secrets Manager appends
/// (`db-creds-AbCdEf` → `db-creds`); an id without them (a partial ARN) is the name.
pub fn secret_name(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((name, suffix))
            if !name.is_empty()
                && suffix.len() == 6
                && suffix.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            name
        }
        _ => id,
    }
}

/// The last part of a `/`-separated path (an IAM role's name after its path).
pub fn last(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Listed {
    /// What the kind's rows are known by (`TableRow::id`) when that is the resource's name,
    /// for rows whose ARN is not known (a parameter listed without one). `None`: rows are
    /// known by their ARN or URL, so only the ARN tells.
    pub fn row_id(&self) -> Option<String> {
        Some(match self {
            Listed::Secret { id } => secret_name(id).to_string(),
            Listed::Parameter { name } => name.clone(),
            Listed::Role { path } | Listed::User { path } | Listed::Policy { path } => {
                last(path).to_string()
            }
            Listed::HostedZone { id } => id.clone(),
            Listed::Alarm { name } | Listed::EcsCluster { name } => name.clone(),
            _ => return None,
        })
    }
}
