//! IAM, read-only: roles, users and managed policies a page at a time, and what their details
//! need (a role's last use, a user's keys, groups and MFA devices, attached and inline
//! policies, a policy's default document and what it is attached to). SDK types stop here.
//!
//! IAM is global: its resources belong to the account, and its one endpoint signs for the
//! partition's home region. The client is therefore built for that region whatever region
//! the context is in (`global_region`), so a context in eu-west-1 still lists. Policy
//! documents arrive URL-encoded; `panes::iam::policy_document::decode` reads them.

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use futures::future::BoxFuture;
use std::sync::Arc;

/// A role as ListRoles gives it; `last_used` comes from GetRole afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub description: Option<String>,
    /// Seconds since the epoch.
    pub created: Option<i64>,
    /// Seconds.
    pub max_session: Option<i32>,
    /// The trust policy as IAM sent it (URL-encoded, or not).
    pub trust_policy: Option<String>,
    pub last_used: Filled<Option<LastUsed>>,
}

/// When a role was last used (IAM keeps 400 days), and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastUsed {
    pub at: i64,
    pub region: Option<String>,
}

pub use super::filled::Filled;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachedPolicy {
    pub name: String,
    pub arn: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlinePolicy {
    pub name: String,
    /// The document as IAM sent it.
    pub document: String,
}

/// What is attached to an identity (a role or a user).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Permissions {
    pub attached: Vec<AttachedPolicy>,
    pub inline: Vec<InlinePolicy>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleDetails {
    /// From GetRole: the whole role, its last use and trust policy included.
    pub role: Role,
    pub permissions: Permissions,
}

/// A user as ListUsers gives it; `extras` (groups, MFA, keys) come afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub created: Option<i64>,
    pub password_last_used: Option<i64>,
    pub extras: Filled<UserExtras>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserExtras {
    pub groups: Vec<String>,
    pub mfa_devices: Vec<MfaDevice>,
    pub keys: Vec<AccessKey>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MfaDevice {
    pub serial: String,
    pub enabled: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessKey {
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    pub created: Option<i64>,
    /// `None`: IAM could not say (GetAccessKeyLastUsed failed).
    pub last_used: Option<KeyUse>,
}

impl AccessKey {
    pub fn active(&self) -> bool {
        self.status.eq_ignore_ascii_case("active")
    }
}

/// A key's last use: `at` is `None` when it was never used.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct KeyUse {
    pub at: Option<i64>,
    pub service: Option<String>,
    pub region: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UserDetails {
    pub user: User,
    pub permissions: Permissions,
}

/// A managed policy as ListPolicies gives it; `description` comes from GetPolicy afterwards
/// (ListPolicies leaves it out).
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub path: String,
    pub aws_managed: bool,
    pub attachments: i32,
    pub default_version: String,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    pub description: Filled<Option<String>>,
}

/// What a managed policy is attached to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entities {
    pub groups: Vec<String>,
    pub users: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyDetails {
    pub policy: Policy,
    /// The default version's document as IAM sent it.
    pub document: String,
    pub entities: Entities,
}

pub trait IamApi: Send + Sync {
    /// ListRoles, one page.
    fn roles_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Role>;
    /// GetRole: the one call that says when a role was last used.
    fn role(&self, ctx: ContextKey, name: String) -> BoxFuture<'static, Result<Role, AwsError>>;
    /// Attached (ListAttachedRolePolicies) and inline (ListRolePolicies, GetRolePolicy each).
    fn role_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>>;
    /// ListUsers, one page.
    fn users_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<User>;
    /// ListGroupsForUser, ListMFADevices, ListAccessKeys and GetAccessKeyLastUsed per key.
    fn user_extras(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<UserExtras, AwsError>>;
    fn user_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>>;
    /// ListPolicies, one page: `aws_managed` false is Scope=Local, true is Scope=AWS with
    /// OnlyAttached.
    fn policies_page(
        &self,
        ctx: ContextKey,
        aws_managed: bool,
        token: Option<String>,
    ) -> PageFuture<Policy>;
    /// GetPolicy: the description ListPolicies leaves out.
    fn policy_description(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>>;
    /// GetPolicyVersion's document.
    fn policy_document(
        &self,
        ctx: ContextKey,
        arn: String,
        version: String,
    ) -> BoxFuture<'static, Result<String, AwsError>>;
    /// ListEntitiesForPolicy, every page.
    fn policy_entities(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Entities, AwsError>>;
}

/// The region IAM's endpoint signs for in the context's partition.
pub fn global_region(region: &str) -> &'static str {
    match super::partition(region) {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    }
}

pub struct SdkIam {
    configs: Arc<SdkConfigs>,
}

impl SdkIam {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkIam { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_iam::Client {
    let config = configs.get(ctx).await;
    let region = aws_config::Region::new(global_region(&ctx.region));
    aws_sdk_iam::Client::from_conf(
        aws_sdk_iam::config::Builder::from(&config)
            .region(region)
            .build(),
    )
}

macro_rules! call {
    ($self:ident, $ctx:ident, |$iam:ident| $body:expr) => {{
        let configs = $self.configs.clone();
        Box::pin(async move {
            let $iam = client(&configs, &$ctx).await;
            $body
        })
    }};
}

impl IamApi for SdkIam {
    fn roles_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<Role> {
        call!(self, ctx, |iam| roles_page(&iam, token).await)
    }

    fn role(&self, ctx: ContextKey, name: String) -> BoxFuture<'static, Result<Role, AwsError>> {
        call!(self, ctx, |iam| get_role(&iam, &name).await)
    }

    fn role_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>> {
        call!(self, ctx, |iam| role_permissions(&iam, &name).await)
    }

    fn users_page(&self, ctx: ContextKey, token: Option<String>) -> PageFuture<User> {
        call!(self, ctx, |iam| {
            let out = iam
                .list_users()
                .set_marker(token)
                .max_items(PAGE)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let users = out.users().iter().map(user).collect();
            Ok(Page::new(users, next(out.is_truncated(), out.marker())))
        })
    }

    fn user_extras(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<UserExtras, AwsError>> {
        call!(self, ctx, |iam| user_extras(&iam, &name).await)
    }

    fn user_permissions(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<Permissions, AwsError>> {
        call!(self, ctx, |iam| user_permissions(&iam, &name).await)
    }

    fn policies_page(
        &self,
        ctx: ContextKey,
        aws_managed: bool,
        token: Option<String>,
    ) -> PageFuture<Policy> {
        call!(self, ctx, |iam| policies_page(&iam, aws_managed, token)
            .await)
    }

    fn policy_description(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Option<String>, AwsError>> {
        call!(self, ctx, |iam| {
            let out = iam
                .get_policy()
                .policy_arn(arn)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out
                .policy()
                .and_then(|p| p.description())
                .filter(|d| !d.is_empty())
                .map(str::to_owned))
        })
    }

    fn policy_document(
        &self,
        ctx: ContextKey,
        arn: String,
        version: String,
    ) -> BoxFuture<'static, Result<String, AwsError>> {
        call!(self, ctx, |iam| {
            let out = iam
                .get_policy_version()
                .policy_arn(arn)
                .version_id(version)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            Ok(out
                .policy_version()
                .and_then(|v| v.document())
                .unwrap_or_default()
                .to_string())
        })
    }

    fn policy_entities(
        &self,
        ctx: ContextKey,
        arn: String,
    ) -> BoxFuture<'static, Result<Entities, AwsError>> {
        call!(self, ctx, |iam| {
            let mut entities = Entities::default();
            let mut marker = None;
            loop {
                let out = iam
                    .list_entities_for_policy()
                    .policy_arn(&arn)
                    .set_marker(marker)
                    .send()
                    .await
                    .map_err(AwsError::from_sdk)?;
                entities.groups.extend(
                    out.policy_groups()
                        .iter()
                        .filter_map(|g| g.group_name().map(str::to_owned)),
                );
                entities.users.extend(
                    out.policy_users()
                        .iter()
                        .filter_map(|u| u.user_name().map(str::to_owned)),
                );
                entities.roles.extend(
                    out.policy_roles()
                        .iter()
                        .filter_map(|r| r.role_name().map(str::to_owned)),
                );
                marker = next(out.is_truncated(), out.marker());
                if marker.is_none() {
                    return Ok(entities);
                }
            }
        })
    }
}

/// Items a page (IAM's most).
const PAGE: i32 = 1000;

/// IAM pages by `IsTruncated` + `Marker`.
fn next(truncated: bool, marker: Option<&str>) -> Option<String> {
    truncated.then(|| marker.map(str::to_owned)).flatten()
}

fn secs(t: Option<&aws_smithy_types::DateTime>) -> Option<i64> {
    t.map(|t| t.secs())
}

pub async fn roles_page(
    iam: &aws_sdk_iam::Client,
    token: Option<String>,
) -> Result<Page<Role>, AwsError> {
    let out = iam
        .list_roles()
        .set_marker(token)
        .max_items(PAGE)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let roles = out.roles().iter().map(role).collect();
    Ok(Page::new(roles, next(out.is_truncated(), out.marker())))
}

/// ListPolicies, one page: customer managed (Scope=Local, attached or not), or the AWS managed
/// ones attached somewhere in the account (Scope=AWS, OnlyAttached).
pub async fn policies_page(
    iam: &aws_sdk_iam::Client,
    aws_managed: bool,
    token: Option<String>,
) -> Result<Page<Policy>, AwsError> {
    use aws_sdk_iam::types::PolicyScopeType;
    let out = iam
        .list_policies()
        .scope(if aws_managed {
            PolicyScopeType::Aws
        } else {
            PolicyScopeType::Local
        })
        // Every customer managed policy, attached or not (an unattached one is what a
        // clean-up looks for); of the ~1,300 AWS managed ones only those in use here.
        .only_attached(aws_managed)
        .set_marker(token)
        .max_items(PAGE)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let policies = out
        .policies()
        .iter()
        .map(|p| policy(p, aws_managed))
        .collect();
    Ok(Page::new(policies, next(out.is_truncated(), out.marker())))
}

/// GetRole: the role with its last use (`Filled::Got(None)`: never used in the last 400 days).
pub async fn get_role(iam: &aws_sdk_iam::Client, name: &str) -> Result<Role, AwsError> {
    let out = iam
        .get_role()
        .role_name(name)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let mut found = out
        .role()
        .map(role)
        .ok_or_else(|| AwsError::new(super::ErrorKind::NotFound, "GetRole gave no role"))?;
    // GetRole always answers about the last use: nothing there means never used.
    if found.last_used == Filled::Pending {
        found.last_used = Filled::Got(None);
    }
    Ok(found)
}

fn role(r: &aws_sdk_iam::types::Role) -> Role {
    Role {
        name: r.role_name().to_string(),
        id: r.role_id().to_string(),
        arn: r.arn().to_string(),
        path: r.path().to_string(),
        description: r.description().filter(|d| !d.is_empty()).map(str::to_owned),
        created: Some(r.create_date().secs()),
        max_session: r.max_session_duration(),
        trust_policy: r.assume_role_policy_document().map(str::to_owned),
        // ListRoles never says; GetRole does (an empty RoleLastUsed: never used).
        last_used: match r.role_last_used() {
            Some(used) => Filled::Got(used.last_used_date().map(|at| LastUsed {
                at: at.secs(),
                region: used.region().map(str::to_owned),
            })),
            None => Filled::Pending,
        },
    }
}

fn user(u: &aws_sdk_iam::types::User) -> User {
    User {
        name: u.user_name().to_string(),
        id: u.user_id().to_string(),
        arn: u.arn().to_string(),
        path: u.path().to_string(),
        created: Some(u.create_date().secs()),
        password_last_used: secs(u.password_last_used()),
        extras: Filled::Pending,
    }
}

fn policy(p: &aws_sdk_iam::types::Policy, aws_managed: bool) -> Policy {
    Policy {
        name: p.policy_name().unwrap_or_default().to_string(),
        id: p.policy_id().unwrap_or_default().to_string(),
        arn: p.arn().unwrap_or_default().to_string(),
        path: p.path().unwrap_or("/").to_string(),
        aws_managed,
        attachments: p.attachment_count().unwrap_or(0),
        default_version: p.default_version_id().unwrap_or_default().to_string(),
        created: secs(p.create_date()),
        updated: secs(p.update_date()),
        description: match p.description() {
            Some(d) => Filled::Got(Some(d.to_string()).filter(|d| !d.is_empty())),
            None => Filled::Pending,
        },
    }
}

/// Every page of a listing by marker, into one list.
macro_rules! all_pages {
    ($request:expr, |$out:ident| $items:expr) => {{
        let mut all = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let $out = $request
                .set_marker(marker)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            all.extend($items);
            marker = next($out.is_truncated(), $out.marker());
            if marker.is_none() {
                break all;
            }
        }
    }};
}

async fn role_permissions(iam: &aws_sdk_iam::Client, name: &str) -> Result<Permissions, AwsError> {
    let attached = all_pages!(iam.list_attached_role_policies().role_name(name), |out| {
        attached(out.attached_policies())
    });
    let names: Vec<String> = all_pages!(iam.list_role_policies().role_name(name), |out| out
        .policy_names()
        .to_vec());
    let mut inline = Vec::new();
    for policy in names {
        let out = iam
            .get_role_policy()
            .role_name(name)
            .policy_name(&policy)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        inline.push(InlinePolicy {
            name: policy,
            document: out.policy_document().to_string(),
        });
    }
    Ok(Permissions { attached, inline })
}

async fn user_permissions(iam: &aws_sdk_iam::Client, name: &str) -> Result<Permissions, AwsError> {
    let attached = all_pages!(iam.list_attached_user_policies().user_name(name), |out| {
        attached(out.attached_policies())
    });
    let names: Vec<String> = all_pages!(iam.list_user_policies().user_name(name), |out| out
        .policy_names()
        .to_vec());
    let mut inline = Vec::new();
    for policy in names {
        let out = iam
            .get_user_policy()
            .user_name(name)
            .policy_name(&policy)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        inline.push(InlinePolicy {
            name: policy,
            document: out.policy_document().to_string(),
        });
    }
    Ok(Permissions { attached, inline })
}

fn attached(policies: &[aws_sdk_iam::types::AttachedPolicy]) -> Vec<AttachedPolicy> {
    policies
        .iter()
        .map(|p| AttachedPolicy {
            name: p.policy_name().unwrap_or_default().to_string(),
            arn: p.policy_arn().unwrap_or_default().to_string(),
        })
        .collect()
}

async fn user_extras(iam: &aws_sdk_iam::Client, name: &str) -> Result<UserExtras, AwsError> {
    let groups = all_pages!(iam.list_groups_for_user().user_name(name), |out| out
        .groups()
        .iter()
        .map(|g| g.group_name().to_string())
        .collect::<Vec<_>>());
    let mfa_devices = all_pages!(iam.list_mfa_devices().user_name(name), |out| out
        .mfa_devices()
        .iter()
        .map(|d| MfaDevice {
            serial: d.serial_number().to_string(),
            enabled: Some(d.enable_date().secs()),
        })
        .collect::<Vec<_>>());
    let listed = all_pages!(iam.list_access_keys().user_name(name), |out| out
        .access_key_metadata()
        .to_vec());
    let mut keys = Vec::new();
    // A user has at most two keys: one call each, in turn.
    for k in listed {
        let id = k.access_key_id().unwrap_or_default().to_string();
        let last_used = iam
            .get_access_key_last_used()
            .access_key_id(&id)
            .send()
            .await
            .ok()
            .map(|out| {
                let used = out.access_key_last_used();
                KeyUse {
                    at: used.and_then(|u| u.last_used_date()).map(|t| t.secs()),
                    service: used
                        .map(|u| u.service_name())
                        .filter(|s| !s.is_empty() && *s != "N/A")
                        .map(str::to_owned),
                    region: used
                        .map(|u| u.region())
                        .filter(|s| !s.is_empty() && *s != "N/A")
                        .map(str::to_owned),
                }
            });
        keys.push(AccessKey {
            id,
            status: k
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            created: secs(k.create_date()),
            last_used,
        });
    }
    Ok(UserExtras {
        groups,
        mfa_devices,
        keys,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_signs_for_its_partitions_home_region() {
        assert_eq!(global_region("eu-west-1"), "us-east-1");
        assert_eq!(global_region("ap-southeast-2"), "us-east-1");
        assert_eq!(global_region("cn-northwest-1"), "cn-north-1");
        assert_eq!(global_region("us-gov-east-1"), "us-gov-west-1");
    }

    /// What the emulator cannot produce: AWS managed policies (moto 5.2.5 loads none unless
    /// told to) and a role's recorded last use, through recorded answers.
    mod against_sdk_mocks {
        use super::super::*;
        use aws_sdk_iam::operation::get_role::GetRoleOutput;
        use aws_sdk_iam::operation::list_policies::ListPoliciesOutput;
        use aws_sdk_iam::types;
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};

        fn client(interceptor: MockResponseInterceptor) -> aws_sdk_iam::Client {
            let config = aws_sdk_iam::Config::builder()
                .behavior_version(aws_sdk_iam::config::BehaviorVersion::latest())
                .region(aws_sdk_iam::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_iam::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(interceptor)
                .build();
            aws_sdk_iam::Client::from_conf(config)
        }

        fn listed(name: &str, arn: &str, attachments: i32) -> types::Policy {
            types::Policy::builder()
                .policy_name(name)
                .arn(arn)
                .default_version_id("v3")
                .attachment_count(attachments)
                .build()
        }

        #[tokio::test]
        async fn aws_managed_policies_are_asked_only_attached_and_customer_ones_all() {
            let aws = mock!(aws_sdk_iam::Client::list_policies)
                .match_requests(|r| {
                    r.scope() == Some(&types::PolicyScopeType::Aws)
                        && r.only_attached() == Some(true)
                })
                .then_output(|| {
                    ListPoliciesOutput::builder()
                        .policies(listed(
                            "ReadOnlyAccess",
                            "arn:aws:iam::aws:policy/ReadOnlyAccess",
                            3,
                        ))
                        .is_truncated(true)
                        .marker("next-aws")
                        .build()
                });
            let local = mock!(aws_sdk_iam::Client::list_policies)
                .match_requests(|r| {
                    r.scope() == Some(&types::PolicyScopeType::Local)
                        && r.only_attached() == Some(false)
                })
                .then_output(|| {
                    ListPoliciesOutput::builder()
                        .policies(listed(
                            "unused-draft",
                            "arn:aws:iam::123456789012:policy/unused-draft",
                            0,
                        ))
                        .is_truncated(false)
                        .build()
                });
            let iam = client(
                MockResponseInterceptor::new()
                    .rule_mode(RuleMode::MatchAny)
                    .with_rule(&aws)
                    .with_rule(&local),
            );
            let page = policies_page(&iam, true, None).await.expect("aws page");
            assert_eq!(page.next.as_deref(), Some("next-aws"));
            let p = &page.items[0];
            assert!(p.aws_managed && p.attachments == 3 && p.default_version == "v3");
            assert_eq!(
                p.description,
                Filled::Pending,
                "ListPolicies has none: asked later"
            );
            let page = policies_page(&iam, false, None).await.expect("local page");
            assert_eq!(page.next, None);
            assert!(!page.items[0].aws_managed && page.items[0].attachments == 0);
            assert_eq!((aws.num_calls(), local.num_calls()), (1, 1));
        }

        #[tokio::test]
        async fn get_role_reads_the_last_use_and_its_region() {
            let used = mock!(aws_sdk_iam::Client::get_role)
                .match_requests(|r| r.role_name() == Some("web"))
                .then_output(|| {
                    GetRoleOutput::builder()
                        .role(
                            types::Role::builder()
                                .role_name("web")
                                .role_id("AROA1")
                                .arn("arn:aws:iam::123456789012:role/web")
                                .path("/")
                                .create_date(aws_smithy_types::DateTime::from_secs(1_700_000_000))
                                .role_last_used(
                                    types::RoleLastUsed::builder()
                                        .last_used_date(aws_smithy_types::DateTime::from_secs(
                                            1_750_000_000,
                                        ))
                                        .region("eu-west-1")
                                        .build(),
                                )
                                .build()
                                .expect("role"),
                        )
                        .build()
                });
            let iam = client(MockResponseInterceptor::new().with_rule(&used));
            let role = get_role(&iam, "web").await.expect("role");
            assert_eq!(
                role.last_used,
                Filled::Got(Some(LastUsed {
                    at: 1_750_000_000,
                    region: Some("eu-west-1".into())
                }))
            );
        }
    }
}
