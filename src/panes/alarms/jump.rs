//! From an alarm to the resource it watches: its dimensions name it (`InstanceId` → the
//! instance, `FunctionName` → the function…), and it opens in the alarm's own context.

use crate::aws::ContextKey;
use crate::aws::alarms::{Alarm, AlarmKind, Metric};
use crate::pane::{Effect, Level};
use crate::target::Resource;

/// The resource a metric's dimensions name, when awsterm has a view of that kind.
pub fn resource_of(metric: &Metric) -> Option<Resource> {
    let dim = |name: &str| {
        metric
            .dimensions
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    if let Some(id) = dim("InstanceId") {
        return Some(Resource::Instance { id });
    }
    if let Some(name) = dim("FunctionName") {
        return Some(Resource::Function {
            name,
            qualifier: None,
        });
    }
    if let Some(name) = dim("TableName") {
        return Some(Resource::Table { name });
    }
    if let Some(id) = dim("DBInstanceIdentifier") {
        return Some(Resource::Database { id, cluster: false });
    }
    if let Some(id) = dim("DBClusterIdentifier") {
        return Some(Resource::Database { id, cluster: true });
    }
    if let Some(name) = dim("LogGroupName") {
        return Some(Resource::LogGroup { name });
    }
    if let Some(id) = dim("VolumeId") {
        return Some(Resource::Volume { id });
    }
    if let Some(name) = dim("BucketName") {
        return Some(Resource::Bucket {
            name,
            prefix: String::new(),
        });
    }
    None
}

/// The resource an alarm watches: its metric's, else the first of its math queries that
/// names one. A composite alarm watches alarms, not a resource.
pub fn alarm_resource(alarm: &Alarm) -> Result<Resource, String> {
    let AlarmKind::Metric(w) = &alarm.kind else {
        return Err(format!(
            "{} is a composite alarm: it watches other alarms, not a resource",
            alarm.name
        ));
    };
    let metrics = w
        .metric
        .iter()
        .chain(w.queries.iter().filter_map(|q| q.metric.as_ref()));
    for m in metrics {
        if let Some(r) = resource_of(m) {
            return Ok(r);
        }
    }
    Err(format!(
        "no view for what {} watches (its dimensions name no instance, function, table, \
         database, log group, volume or bucket)",
        alarm.name
    ))
}

/// The effects that open what `alarm` watches, in `ctx` (where the alarm was listed): a switch
/// there first when it is not the active context.
pub fn effects(alarm: &Alarm, ctx: &ContextKey, active: &ContextKey) -> Vec<Effect> {
    match alarm_resource(alarm) {
        Ok(resource) => crate::open::effects_in(&resource, ctx.clone(), active),
        Err(why) => vec![Effect::Flash(
            Level::Warn,
            crate::sanitize::sanitize(&why).into_owned(),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::alarms::{Query, Watch};

    fn metric(dims: &[(&str, &str)]) -> Metric {
        Metric {
            namespace: "AWS/X".into(),
            name: "M".into(),
            dimensions: dims
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn dimensions_name_the_resource() {
        assert_eq!(
            resource_of(&metric(&[
                ("AutoScalingGroupName", "web"),
                ("InstanceId", "i-1")
            ])),
            Some(Resource::Instance { id: "i-1".into() })
        );
        assert_eq!(
            resource_of(&metric(&[
                ("FunctionName", "checkout"),
                ("Resource", "checkout:prod")
            ])),
            Some(Resource::Function {
                name: "checkout".into(),
                qualifier: None
            })
        );
        assert_eq!(
            resource_of(&metric(&[
                ("TableName", "orders"),
                ("Operation", "GetItem")
            ])),
            Some(Resource::Table {
                name: "orders".into()
            })
        );
        assert_eq!(
            resource_of(&metric(&[("DBClusterIdentifier", "aurora")])),
            Some(Resource::Database {
                id: "aurora".into(),
                cluster: true
            })
        );
        assert_eq!(
            resource_of(&metric(&[("LogGroupName", "/app/api")])),
            Some(Resource::LogGroup {
                name: "/app/api".into()
            })
        );
        assert_eq!(resource_of(&metric(&[("QueueName", "jobs")])), None);
        assert_eq!(resource_of(&metric(&[])), None);
    }

    #[test]
    fn the_jump_opens_the_view_in_the_alarms_own_context() {
        let mut alarm = crate::panes::alarms::tests::alarm("cpu");
        alarm.kind = AlarmKind::Metric(Box::new(Watch {
            metric: Some(metric(&[("InstanceId", "i-1")])),
            ..Watch::default()
        }));
        let here = ContextKey {
            profile: Some("dev".into()),
            region: "us-east-1".into(),
        };
        let shown = |effects: Vec<Effect>| format!("{effects:?}");
        // In the active context: the EC2 view, then the instance's details on it.
        let same = shown(effects(&alarm, &here, &here));
        assert!(same.starts_with("[Run(ec2, None), Push"), "{same}");
        // An alarm listed in another profile and region: there first.
        let prod = ContextKey {
            profile: Some("prod".into()),
            region: "eu-west-1".into(),
        };
        let there = shown(effects(&alarm, &prod, &here));
        assert!(there.starts_with("[SwitchContext("), "{there}");
        assert!(
            there.contains("prod") && there.contains("eu-west-1"),
            "{there}"
        );
        alarm.kind = AlarmKind::Composite {
            rule: "ALARM(a)".into(),
        };
        assert!(shown(effects(&alarm, &here, &here)).starts_with("[Flash(Warn"));
    }

    #[test]
    fn math_alarms_jump_through_their_queries_and_composites_say_why_not() {
        let mut alarm = crate::panes::alarms::tests::alarm("errors");
        alarm.kind = AlarmKind::Metric(Box::new(Watch {
            queries: vec![
                Query {
                    id: "e1".into(),
                    expression: Some("m1*100".into()),
                    ..Query::default()
                },
                Query {
                    id: "m1".into(),
                    metric: Some(metric(&[("FunctionName", "checkout")])),
                    ..Query::default()
                },
            ],
            ..Watch::default()
        }));
        assert!(matches!(
            alarm_resource(&alarm),
            Ok(Resource::Function { name, .. }) if name == "checkout"
        ));
        alarm.kind = AlarmKind::Composite {
            rule: "ALARM(a)".into(),
        };
        assert!(alarm_resource(&alarm).unwrap_err().contains("composite"));
    }
}
