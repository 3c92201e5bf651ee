//! From a stack resource (its type and physical id) to the awsterm view that shows it: a
//! `Target` for `crate::open`, another stack's view for a nested stack, or why there is none.

use crate::target::{Resource, Target};

pub enum Link {
    Target(Target),
    /// A nested stack: its ARN.
    Stack(String),
    None(String),
}

pub fn link(resource_type: &str, physical_id: &str, region: &str) -> Link {
    let id = physical_id.to_string();
    let resource = match resource_type {
        "AWS::CloudFormation::Stack" => return Link::Stack(id),
        "AWS::S3::Bucket" => Resource::Bucket {
            name: id,
            prefix: String::new(),
        },
        "AWS::Lambda::Function" => Resource::Function {
            name: id,
            qualifier: None,
        },
        "AWS::DynamoDB::Table" => Resource::Table { name: id },
        "AWS::EC2::Instance" => Resource::Instance { id },
        "AWS::EC2::SecurityGroup" => Resource::SecurityGroup { id },
        "AWS::EC2::Volume" => Resource::Volume { id },
        "AWS::RDS::DBInstance" => Resource::Database { id, cluster: false },
        "AWS::RDS::DBCluster" => Resource::Database { id, cluster: true },
        "AWS::Logs::LogGroup" => Resource::LogGroup { name: id },
        other => {
            return Link::None(format!(
                "no awsterm view for {} ({physical_id})",
                crate::sanitize::sanitize(other)
            ));
        }
    };
    Link::Target(Target {
        region: Some(region.to_string()),
        account: None,
        resource,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_with_a_view_become_targets_in_the_stack_s_region() {
        let Link::Target(t) = link("AWS::DynamoDB::Table", "orders", "eu-west-1") else {
            panic!("a table has a view");
        };
        assert_eq!(t.region.as_deref(), Some("eu-west-1"));
        assert_eq!(
            t.resource,
            Resource::Table {
                name: "orders".into()
            }
        );
        assert!(matches!(
            link(
                "AWS::CloudFormation::Stack",
                "arn:aws:cloudformation:x",
                "r"
            ),
            Link::Stack(_)
        ));
        let Link::None(why) = link("AWS::SQS::Queue", "https://q", "r") else {
            panic!("queues have no view");
        };
        assert!(why.contains("AWS::SQS::Queue"), "{why}");
    }
}
