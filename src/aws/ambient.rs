//! Credentials and region that come from where awsterm runs rather than from a profile: a web
//! identity token (EKS IRSA), the container credentials endpoint (ECS, EKS Pod Identity) and
//! the instance metadata service (an EC2 bastion). A profile that names no credentials of its
//! own (`aws configure set region …` leaves exactly that) falls back to these, as the CLI does.

use aws_config::ecs::EcsCredentialsProvider;
use aws_config::imds;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::imds::region::ImdsRegionProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use std::time::Duration;

/// Keys any of which make a profile its own credential source; aws-config then uses that
/// source alone. Without one of them the profile only carries settings (region, endpoint…).
const CREDENTIAL_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "role_arn",
    "credential_source",
    "source_profile",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "credential_process",
    "login_session",
];

/// Whether the profile names credentials of its own. A half-written one (a role without its
/// source, keys without a secret) still counts: aws-config reports it broken rather than
/// awsterm quietly borrowing the machine's role in its place.
pub fn has_own_credentials<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    CREDENTIAL_KEYS.iter().any(|k| get(k).is_some())
}

/// The CLI's chain after the profile, for a profile without credentials: web identity from
/// the environment, container credentials, instance metadata. Environment keys are not in it:
/// like `aws --profile NAME`, a chosen profile never signs with `AWS_ACCESS_KEY_ID`.
pub fn chain(config: &ProviderConfig) -> CredentialsProviderChain {
    CredentialsProviderChain::first_try(
        "WebIdentityToken",
        WebIdentityTokenCredentialsProvider::builder()
            .configure(config)
            .build(),
    )
    .or_else(
        "EcsContainer",
        EcsCredentialsProvider::builder().configure(config).build(),
    )
    .or_else(
        "Ec2InstanceMetadata",
        ImdsCredentialsProvider::builder().configure(config).build(),
    )
}

/// The instance's region from IMDS, asked once at start when nothing else names a region.
/// One short attempt: on a laptop there is no metadata service and the wait must stay small.
/// `AWS_EC2_METADATA_DISABLED=true` skips it; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
pub async fn instance_region() -> Option<String> {
    let client = imds::Client::builder()
        .max_attempts(1)
        .connect_timeout(Duration::from_millis(500))
        .read_timeout(Duration::from_secs(1))
        .build();
    let region = ImdsRegionProvider::builder()
        .imds_client(client)
        .build()
        .region()
        .await?;
    let name = region.as_ref().to_string();
    super::regions::is_valid_name(&name).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(pairs: &[(&str, &str)]) -> bool {
        has_own_credentials(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| *v))
    }

    #[test]
    fn a_region_only_profile_has_no_credentials_of_its_own() {
        assert!(!own(&[("region", "eu-west-1")]));
        assert!(!own(&[
            ("region", "eu-west-1"),
            ("endpoint_url", "http://x")
        ]));
        assert!(!own(&[]));
    }

    #[test]
    fn any_credential_key_makes_the_profile_its_own_source() {
        for key in CREDENTIAL_KEYS {
            assert!(own(&[("region", "eu-west-1"), (key, "x")]), "{key}");
        }
    }
}
