//! EC2 resources beside instances, as the resource views list them: security groups (with
//! their rules and the instances using them) and EBS volumes (with their attachments). SDK
//! types stop here.

use super::ec2::{Instance, SecurityGroup, rules};
use super::error::AwsError;
use super::page::Page;
use aws_sdk_ec2::types::Filter as SdkFilter;

/// A group, and the instances that use it (`instance.group-id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDetails {
    pub group: SecurityGroup,
    pub used_by: Result<Vec<Instance>, AwsError>,
}

/// One EBS volume as DescribeVolumes describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EbsVolume {
    pub id: String,
    pub size_gib: Option<i32>,
    pub volume_type: String,
    pub iops: Option<i32>,
    pub throughput: Option<i32>,
    pub state: String,
    pub az: String,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub snapshot_id: Option<String>,
    pub attachments: Vec<Attachment>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    pub instance: String,
    pub device: String,
    pub state: String,
    pub delete_on_termination: Option<bool>,
}

impl EbsVolume {
    pub fn name(&self) -> &str {
        tag(&self.tags, "Name")
    }

    /// `creating`, `deleting` and attachments on their way settle by themselves.
    pub fn is_transitional(&self) -> bool {
        matches!(self.state.as_str(), "creating" | "deleting")
            || self
                .attachments
                .iter()
                .any(|a| matches!(a.state.as_str(), "attaching" | "detaching"))
    }
}

pub fn tag<'a>(tags: &'a [(String, String)], key: &str) -> &'a str {
    tags.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// One DescribeSecurityGroups page.
pub async fn groups_page(
    ec2: &aws_sdk_ec2::Client,
    token: Option<String>,
) -> Result<Page<SecurityGroup>, AwsError> {
    let out = ec2
        .describe_security_groups()
        .max_results(1000)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(Page::new(
        out.security_groups().iter().map(group).collect(),
        out.next_token().map(str::to_owned),
    ))
}

pub fn group(g: &aws_sdk_ec2::types::SecurityGroup) -> SecurityGroup {
    SecurityGroup {
        id: g.group_id().unwrap_or_default().into(),
        name: g.group_name().unwrap_or_default().into(),
        description: g.description().unwrap_or_default().into(),
        vpc_id: g.vpc_id().map(str::to_owned),
        inbound: g.ip_permissions().iter().flat_map(rules).collect(),
        outbound: g.ip_permissions_egress().iter().flat_map(rules).collect(),
        tags: tags(g.tags()),
    }
}

/// The group, and beside it every instance whose interfaces use it.
pub async fn group_details(
    ec2: &aws_sdk_ec2::Client,
    id: String,
) -> Result<GroupDetails, AwsError> {
    let describe = async {
        ec2.describe_security_groups()
            .group_ids(&id)
            .send()
            .await
            .map_err(AwsError::from_sdk)
    };
    let filter = SdkFilter::builder()
        .name("instance.group-id")
        .values(&id)
        .build();
    let used_by = async {
        super::ec2::describe_matching(ec2, filter)
            .await
            .map(|found| found.iter().map(super::ec2::instance).collect::<Vec<_>>())
    };
    let (described, used_by) = tokio::join!(describe, used_by);
    let found = described?;
    let Some(raw) = found.security_groups().first() else {
        return Err(AwsError::new(
            super::ErrorKind::NotFound,
            format!("security group {id} not found"),
        ));
    };
    Ok(GroupDetails {
        group: group(raw),
        used_by,
    })
}

/// One DescribeVolumes page.
pub async fn volumes_page(
    ec2: &aws_sdk_ec2::Client,
    token: Option<String>,
) -> Result<Page<EbsVolume>, AwsError> {
    let out = ec2
        .describe_volumes()
        .max_results(500)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(Page::new(
        out.volumes().iter().map(volume).collect(),
        out.next_token().map(str::to_owned),
    ))
}

fn volume(v: &aws_sdk_ec2::types::Volume) -> EbsVolume {
    EbsVolume {
        id: v.volume_id().unwrap_or_default().into(),
        size_gib: v.size(),
        volume_type: v
            .volume_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        iops: v.iops(),
        throughput: v.throughput(),
        state: v
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        az: v.availability_zone().unwrap_or_default().into(),
        created: v.create_time().map(|t| t.secs()),
        encrypted: v.encrypted().unwrap_or(false),
        kms_key_id: v.kms_key_id().map(str::to_owned),
        snapshot_id: v.snapshot_id().filter(|s| !s.is_empty()).map(str::to_owned),
        attachments: v
            .attachments()
            .iter()
            .map(|a| Attachment {
                instance: a.instance_id().unwrap_or_default().into(),
                device: a.device().unwrap_or_default().into(),
                state: a
                    .state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                delete_on_termination: a.delete_on_termination(),
            })
            .collect(),
        tags: tags(v.tags()),
    }
}

fn tags(tags: &[aws_sdk_ec2::types::Tag]) -> Vec<(String, String)> {
    tags.iter()
        .map(|t| {
            (
                t.key().unwrap_or_default().to_string(),
                t.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
