//! SSM Parameter Store: parameters under a path (GetParametersByPath, recursive, never
//! decrypted), one parameter's history, one value decrypted on request, and a new version put.
//! SDK types stop here. A SecureString's value never leaves this module except as the
//! `SecretText` of an explicit `decrypted` call: listed and historic SecureString values are
//! dropped here (they are ciphertext at best).
//!
//! Why GetParametersByPath and not DescribeParameters: it pages the same tree (`Recursive`) and
//! fills the VALUE column in the same call, where DescribeParameters gives no values and would
//! need a GetParameters call per ten rows. It lacks only the last modifier, which the
//! parameter's history shows.

use super::PageFuture;
use super::error::AwsError;
use super::page::Page;
use super::sdk::{ContextKey, SdkConfigs};
use super::secrets::SecretText;
use futures::future::BoxFuture;
use std::sync::Arc;

/// String, StringList or SecureString (or a type this build does not know, as SSM spells it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    StringList,
    SecureString,
    Other(String),
}

impl ParamType {
    pub fn parse(text: &str) -> ParamType {
        match text {
            "String" => ParamType::String,
            "StringList" => ParamType::StringList,
            "SecureString" => ParamType::SecureString,
            other => ParamType::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ParamType::String => "String",
            ParamType::StringList => "StringList",
            ParamType::SecureString => "SecureString",
            ParamType::Other(t) => t,
        }
    }

    pub fn is_secure(&self) -> bool {
        matches!(self, ParamType::SecureString)
    }
}

/// One parameter as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// The full name (`/app/prod/db/host`).
    pub name: String,
    pub kind: ParamType,
    pub version: i64,
    /// Seconds since the epoch.
    pub last_modified: Option<i64>,
    /// String and StringList values only; `None` for a SecureString (never listed decrypted).
    pub value: Option<String>,
    pub arn: Option<String>,
    /// `text`, `aws:ec2:image`…
    pub data_type: Option<String>,
}

/// One version in a parameter's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamVersion {
    pub version: i64,
    pub kind: ParamType,
    pub last_modified: Option<i64>,
    /// The IAM identity that wrote it.
    pub modified_by: Option<String>,
    pub labels: Vec<String>,
    pub description: Option<String>,
    /// As for `Parameter::value`: `None` for a SecureString.
    pub value: Option<String>,
}

/// What PutParameter is asked to write: a new version of an existing parameter, same type,
/// or (`base_version` 0) a new parameter.
#[derive(Clone, PartialEq, Eq)]
pub struct NewVersion {
    pub name: String,
    pub kind: ParamType,
    pub value: SecretText,
    /// The version the user edited; a re-read after a lost answer looks for a later one.
    /// 0: there is none — the parameter is created, never overwritten (SSM versions start at 1).
    pub base_version: i64,
}

impl std::fmt::Debug for NewVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewVersion")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("value", &self.value)
            .field("base_version", &self.base_version)
            .finish()
    }
}

pub trait ParamsApi: Send + Sync {
    /// One page of GetParametersByPath under `path`, recursive, not decrypted.
    fn params_page(
        &self,
        ctx: ContextKey,
        path: String,
        token: Option<String>,
    ) -> PageFuture<Parameter>;
    /// One page of GetParameterHistory (oldest first, as SSM gives it), not decrypted.
    fn history_page(
        &self,
        ctx: ContextKey,
        name: String,
        token: Option<String>,
    ) -> PageFuture<ParamVersion>;
    /// GetParameter WithDecryption of `name` (at `version` when given): only on the user's
    /// explicit request.
    fn decrypted(
        &self,
        ctx: ContextKey,
        name: String,
        version: Option<i64>,
    ) -> BoxFuture<'static, Result<SecretText, AwsError>>;
    /// PutParameter with the parameter's own type, sent once: the new version. Overwrite=true,
    /// except for a new parameter (`base_version` 0), which an existing name refuses.
    fn put(
        &self,
        ctx: ContextKey,
        new: NewVersion,
    ) -> BoxFuture<'static, Result<super::once::Sent<i64>, AwsError>>;
}

pub struct SdkParams {
    configs: Arc<SdkConfigs>,
}

impl SdkParams {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkParams { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_ssm::Client {
    aws_sdk_ssm::Client::new(&configs.get(ctx).await)
}

impl ParamsApi for SdkParams {
    fn params_page(
        &self,
        ctx: ContextKey,
        path: String,
        token: Option<String>,
    ) -> PageFuture<Parameter> {
        let configs = self.configs.clone();
        Box::pin(async move { params_page(&client(&configs, &ctx).await, &path, token).await })
    }

    fn history_page(
        &self,
        ctx: ContextKey,
        name: String,
        token: Option<String>,
    ) -> PageFuture<ParamVersion> {
        let configs = self.configs.clone();
        Box::pin(async move { history_page(&client(&configs, &ctx).await, &name, token).await })
    }

    fn decrypted(
        &self,
        ctx: ContextKey,
        name: String,
        version: Option<i64>,
    ) -> BoxFuture<'static, Result<SecretText, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { decrypted(&client(&configs, &ctx).await, &name, version).await })
    }

    fn put(
        &self,
        ctx: ContextKey,
        new: NewVersion,
    ) -> BoxFuture<'static, Result<super::once::Sent<i64>, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { put(&client(&configs, &ctx).await, new).await })
    }
}

/// GetParametersByPath's largest page.
const PARAMS_PER_PAGE: i32 = 10;
/// GetParameterHistory's largest page.
const HISTORY_PER_PAGE: i32 = 50;

fn kind_of(t: Option<&aws_sdk_ssm::types::ParameterType>) -> ParamType {
    ParamType::parse(t.map(|t| t.as_str()).unwrap_or("String"))
}

/// The value a listing may carry: never a SecureString's.
fn shown_value(kind: &ParamType, value: Option<&str>) -> Option<String> {
    (!kind.is_secure()).then(|| value.unwrap_or_default().to_string())
}

pub async fn params_page(
    ssm: &aws_sdk_ssm::Client,
    path: &str,
    token: Option<String>,
) -> Result<Page<Parameter>, AwsError> {
    let out = ssm
        .get_parameters_by_path()
        .path(path)
        .recursive(true)
        .with_decryption(false)
        .max_results(PARAMS_PER_PAGE)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let params = out
        .parameters()
        .iter()
        .map(|p| {
            let kind = kind_of(p.r#type());
            Parameter {
                name: p.name().unwrap_or_default().to_string(),
                value: shown_value(&kind, p.value()),
                kind,
                version: p.version(),
                last_modified: p.last_modified_date().map(|t| t.secs()),
                arn: p.arn().map(str::to_owned),
                data_type: p.data_type().map(str::to_owned),
            }
        })
        .collect();
    Ok(Page::new(params, out.next_token().map(str::to_owned)))
}

pub async fn history_page(
    ssm: &aws_sdk_ssm::Client,
    name: &str,
    token: Option<String>,
) -> Result<Page<ParamVersion>, AwsError> {
    let out = ssm
        .get_parameter_history()
        .name(name)
        .with_decryption(false)
        .max_results(HISTORY_PER_PAGE)
        .set_next_token(token)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    let versions = out
        .parameters()
        .iter()
        .map(|p| {
            let kind = kind_of(p.r#type());
            ParamVersion {
                version: p.version(),
                value: shown_value(&kind, p.value()),
                kind,
                last_modified: p.last_modified_date().map(|t| t.secs()),
                // The emulator (moto 5.2.5) says "N/A" where AWS gives the ARN: nobody known.
                modified_by: p
                    .last_modified_user()
                    .filter(|u| !u.is_empty() && *u != "N/A")
                    .map(str::to_owned),
                labels: p.labels().to_vec(),
                description: p.description().filter(|d| !d.is_empty()).map(str::to_owned),
            }
        })
        .collect();
    Ok(Page::new(versions, out.next_token().map(str::to_owned)))
}

/// `name:version` selects one version (SSM's own selector syntax).
fn selector(name: &str, version: Option<i64>) -> String {
    match version {
        Some(v) => format!("{name}:{v}"),
        None => name.to_string(),
    }
}

pub async fn decrypted(
    ssm: &aws_sdk_ssm::Client,
    name: &str,
    version: Option<i64>,
) -> Result<SecretText, AwsError> {
    let out = ssm
        .get_parameter()
        .name(selector(name, version))
        .with_decryption(true)
        .send()
        .await
        .map_err(AwsError::from_sdk)?;
    Ok(SecretText::new(
        out.parameter()
            .and_then(|p| p.value())
            .unwrap_or_default()
            .to_string(),
    ))
}

/// Sent once (a second PutParameter would make one more version than the user asked for);
/// after a lost answer the parameter's version is read: later than the one edited (for a new
/// parameter: any) means it was written.
pub async fn put(
    ssm: &aws_sdk_ssm::Client,
    new: NewVersion,
) -> Result<super::once::Sent<i64>, AwsError> {
    let sent = ssm
        .put_parameter()
        .name(&new.name)
        .value(new.value.expose())
        .r#type(aws_sdk_ssm::types::ParameterType::from(new.kind.as_str()))
        .overwrite(new.base_version > 0)
        .customize()
        .config_override(super::once::once!(aws_sdk_ssm))
        .send()
        .await
        .map(|out| out.version())
        .map_err(AwsError::from_sdk);
    super::once::or_reread(sent, || async {
        let out = ssm
            .get_parameter()
            .name(&new.name)
            .send()
            .await
            .map_err(AwsError::from_sdk)?;
        Ok(out
            .parameter()
            .map(|p| p.version())
            .filter(|v| *v > new.base_version))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_secure_values_are_dropped_and_types_round_trip() {
        assert_eq!(shown_value(&ParamType::SecureString, Some("AQICAH…")), None);
        assert_eq!(
            shown_value(&ParamType::String, Some("db.internal")).as_deref(),
            Some("db.internal")
        );
        for t in ["String", "StringList", "SecureString", "Future"] {
            assert_eq!(ParamType::parse(t).as_str(), t);
        }
        assert_eq!(selector("/a/b", Some(3)), "/a/b:3");
        let new = NewVersion {
            name: "/a".into(),
            kind: ParamType::SecureString,
            value: SecretText::new("s3cr3t-value"),
            base_version: 1,
        };
        assert!(!format!("{new:?}").contains("s3cr3t"));
    }
}
