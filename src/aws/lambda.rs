//! Lambda: functions, their configuration, versions and aliases, and invocation.

use super::error::AwsError;
use super::sdk::{ContextKey, SdkConfigs};
use super::tree::{Tree, prune};
use futures::future::BoxFuture;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// One row of the functions table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub arn: String,
    pub runtime: String,
    pub memory_mb: Option<i32>,
    pub timeout_s: Option<i32>,
    /// As Lambda reports it (ISO 8601 with an offset).
    pub last_modified: String,
    pub code_size: i64,
    pub description: String,
}

/// Everything the details view shows. Environment values are secrets until revealed: they
/// travel here, but nothing prints them unless the user asks for one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunctionDetails {
    pub function: Function,
    /// The configuration as a tree, without the environment (shown masked, on its own).
    pub configuration: Tree,
    /// Sorted by name.
    pub environment: Vec<(String, String)>,
    pub layers: Vec<String>,
    /// Version number and description, `$LATEST` first.
    pub versions: Vec<(String, String)>,
    /// Alias name, the version it points at, and its description.
    pub aliases: Vec<(String, String, String)>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InvocationType {
    #[default]
    RequestResponse,
    Event,
    DryRun,
}

impl InvocationType {
    pub const ALL: [InvocationType; 3] = [
        InvocationType::RequestResponse,
        InvocationType::Event,
        InvocationType::DryRun,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InvocationType::RequestResponse => "RequestResponse",
            InvocationType::Event => "Event",
            InvocationType::DryRun => "DryRun",
        }
    }

    pub fn next(self) -> InvocationType {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Invocation {
    pub function: String,
    /// A version or alias; none: `$LATEST`.
    pub qualifier: Option<String>,
    pub kind: InvocationType,
    pub payload: Vec<u8>,
}

/// Payloads can carry secrets: the request log shows their size only.
impl std::fmt::Debug for Invocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invocation")
            .field("function", &self.function)
            .field("qualifier", &self.qualifier)
            .field("kind", &self.kind)
            .field("payload_bytes", &self.payload.len())
            .finish()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvokeResult {
    pub status: i32,
    /// `Handled` or `Unhandled` when the function failed.
    pub function_error: Option<String>,
    pub executed_version: Option<String>,
    pub payload: Vec<u8>,
    /// The last 4 KB of the execution log, decoded (RequestResponse only).
    pub log_tail: Option<String>,
}

/// What the REPORT line at the end of an invocation's log says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportLine {
    pub request_id: Option<String>,
    pub duration_ms: Option<f64>,
    pub billed_ms: Option<f64>,
    pub memory_mb: Option<u32>,
    pub max_memory_mb: Option<u32>,
    pub init_ms: Option<f64>,
}

/// Picks the figures out of the last `REPORT RequestId: … Duration: 1.23 ms …` line.
pub fn report_line(log: &str) -> Option<ReportLine> {
    let line = log.lines().rev().find(|l| l.starts_with("REPORT "))?;
    let mut report = ReportLine::default();
    for field in line.trim_start_matches("REPORT ").split('\t') {
        let Some((name, value)) = field.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let number = value.split_whitespace().next().unwrap_or_default();
        match name.trim() {
            "RequestId" => report.request_id = Some(value.to_string()),
            "Duration" => report.duration_ms = number.parse().ok(),
            "Billed Duration" => report.billed_ms = number.parse().ok(),
            "Memory Size" => report.memory_mb = number.parse().ok(),
            "Max Memory Used" => report.max_memory_mb = number.parse().ok(),
            "Init Duration" => report.init_ms = number.parse().ok(),
            _ => {}
        }
    }
    Some(report)
}

/// Lambda's function name rules, checked so a bad name never becomes a path or a request.
pub fn is_function_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 140
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub trait LambdaApi: Send + Sync {
    /// One page of ListFunctions and the marker of the next.
    fn list_page(
        &self,
        ctx: ContextKey,
        marker: Option<String>,
    ) -> crate::aws::PageFuture<Function>;
    fn details(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<FunctionDetails, AwsError>>;
    fn invoke(
        &self,
        ctx: ContextKey,
        call: Invocation,
    ) -> BoxFuture<'static, Result<InvokeResult, AwsError>>;
}

pub struct SdkLambda {
    configs: Arc<SdkConfigs>,
}

impl SdkLambda {
    pub fn new(configs: Arc<SdkConfigs>) -> Self {
        SdkLambda { configs }
    }
}

async fn client(configs: &SdkConfigs, ctx: &ContextKey) -> aws_sdk_lambda::Client {
    aws_sdk_lambda::Client::new(&configs.get(ctx).await)
}

fn function(c: &aws_sdk_lambda::types::FunctionConfiguration) -> Function {
    Function {
        name: c.function_name().unwrap_or_default().to_string(),
        arn: c.function_arn().unwrap_or_default().to_string(),
        runtime: c
            .runtime()
            .map(|r| r.as_str().to_string())
            .or_else(|| c.package_type().map(|p| p.as_str().to_string()))
            .unwrap_or_default(),
        memory_mb: c.memory_size(),
        timeout_s: c.timeout(),
        last_modified: c.last_modified().unwrap_or_default().to_string(),
        code_size: c.code_size(),
        description: c.description().unwrap_or_default().to_string(),
    }
}

fn configuration_tree(c: &aws_sdk_lambda::types::FunctionConfiguration) -> Tree {
    let vpc = c.vpc_config().map(|v| {
        json!({
            "VpcId": v.vpc_id(),
            "SubnetIds": v.subnet_ids(),
            "SecurityGroupIds": v.security_group_ids(),
        })
    });
    prune(json!({
        "FunctionName": c.function_name(),
        "FunctionArn": c.function_arn(),
        "Runtime": c.runtime().map(|r| r.as_str()),
        "PackageType": c.package_type().map(|p| p.as_str()),
        "Handler": c.handler(),
        "Role": c.role(),
        "MemorySize": c.memory_size(),
        "Timeout": c.timeout(),
        "Architectures": c.architectures().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "EphemeralStorage": c.ephemeral_storage().map(|e| e.size()),
        "CodeSize": c.code_size(),
        "CodeSha256": c.code_sha256(),
        "Version": c.version(),
        "LastModified": c.last_modified(),
        "State": c.state().map(|s| s.as_str()),
        "StateReason": c.state_reason(),
        "LastUpdateStatus": c.last_update_status().map(|s| s.as_str()),
        "Description": c.description(),
        "TracingMode": c.tracing_config().and_then(|t| t.mode()).map(|m| m.as_str()),
        "DeadLetterTarget": c.dead_letter_config().and_then(|d| d.target_arn()),
        "KMSKeyArn": c.kms_key_arn(),
        "VpcConfig": vpc,
        "LogGroup": c.logging_config().and_then(|l| l.log_group()),
    }))
}

impl LambdaApi for SdkLambda {
    fn list_page(
        &self,
        ctx: ContextKey,
        marker: Option<String>,
    ) -> crate::aws::PageFuture<Function> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let out = client(&configs, &ctx)
                .await
                .list_functions()
                .set_marker(marker)
                .max_items(50)
                .send()
                .await
                .map_err(AwsError::from_sdk)?;
            let functions = out.functions().iter().map(function).collect();
            Ok(crate::aws::page::Page::new(
                functions,
                out.next_marker().map(str::to_owned),
            ))
        })
    }

    fn details(
        &self,
        ctx: ContextKey,
        name: String,
    ) -> BoxFuture<'static, Result<FunctionDetails, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move {
            let lambda = client(&configs, &ctx).await;
            let versions = super::page::all_pages(|marker| {
                let call = lambda
                    .list_versions_by_function()
                    .function_name(&name)
                    .set_marker(marker);
                async move {
                    let out = call.send().await.map_err(AwsError::from_sdk)?;
                    let page = out
                        .versions()
                        .iter()
                        .map(|v| {
                            (
                                v.version().unwrap_or_default().to_string(),
                                v.description().unwrap_or_default().to_string(),
                            )
                        })
                        .collect();
                    Ok(crate::aws::page::Page::new(
                        page,
                        out.next_marker().map(str::to_owned),
                    ))
                }
            });
            let aliases = super::page::all_pages(|marker| {
                let call = lambda
                    .list_aliases()
                    .function_name(&name)
                    .set_marker(marker);
                async move {
                    let out = call.send().await.map_err(AwsError::from_sdk)?;
                    let page = out
                        .aliases()
                        .iter()
                        .map(|a| {
                            (
                                a.name().unwrap_or_default().to_string(),
                                a.function_version().unwrap_or_default().to_string(),
                                a.description().unwrap_or_default().to_string(),
                            )
                        })
                        .collect();
                    Ok(crate::aws::page::Page::new(
                        page,
                        out.next_marker().map(str::to_owned),
                    ))
                }
            });
            let get = lambda.get_function().function_name(&name).send();
            let (got, versions, aliases) = tokio::join!(get, versions, aliases);
            let got = got.map_err(AwsError::from_sdk)?;
            let config = got.configuration().cloned().unwrap_or_else(|| {
                aws_sdk_lambda::types::FunctionConfiguration::builder()
                    .function_name(&name)
                    .build()
            });
            let mut environment: Vec<(String, String)> = config
                .environment()
                .and_then(|e| e.variables())
                .map(|vars| vars.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            environment.sort();
            let mut tags: Vec<(String, String)> = got
                .tags()
                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            tags.sort();
            Ok(FunctionDetails {
                function: function(&config),
                configuration: configuration_tree(&config),
                environment,
                layers: config
                    .layers()
                    .iter()
                    .map(|l| l.arn().unwrap_or_default().to_string())
                    .collect(),
                versions: versions?,
                aliases: aliases?,
                tags,
            })
        })
    }

    fn invoke(
        &self,
        ctx: ContextKey,
        call: Invocation,
    ) -> BoxFuture<'static, Result<InvokeResult, AwsError>> {
        let configs = self.configs.clone();
        Box::pin(async move { invoke_with(&client(&configs, &ctx).await, call).await })
    }
}

/// Lambda's longest function timeout: a call whose function's own cannot be read gets this.
pub const MAX_FUNCTION_TIMEOUT: Duration = Duration::from_secs(900);
/// Beyond the function's own timeout: a cold start's init phase (up to 10 s, not counted in
/// the function's timeout) and the round trip.
pub const INVOKE_MARGIN: Duration = Duration::from_secs(15);

/// How long the function may run: its configured timeout (for this qualifier), or Lambda's
/// maximum when it cannot be read — never less than it may really take.
async fn function_timeout(
    lambda: &aws_sdk_lambda::Client,
    function: &str,
    qualifier: Option<&str>,
) -> Duration {
    let configured = lambda
        .get_function_configuration()
        .function_name(function)
        .set_qualifier(qualifier.map(str::to_owned))
        .send()
        .await;
    match configured {
        Ok(c) => c.timeout().map_or(MAX_FUNCTION_TIMEOUT, |s| {
            Duration::from_secs(s.clamp(1, 900) as u64)
        }),
        Err(e) => {
            tracing::warn!(
                "reading {function}'s timeout: {}; allowing Lambda's maximum",
                AwsError::from_sdk(e).summary()
            );
            MAX_FUNCTION_TIMEOUT
        }
    }
}

/// An invocation is sent once (see `aws::once`): an SDK retry after a lost answer runs the
/// function again. A synchronous call may also take as long as the function's own timeout,
/// so neither the attempt nor the operation timeout may end it sooner. A dry run changes
/// nothing and keeps the usual retries and timeouts.
async fn invoke_override(
    lambda: &aws_sdk_lambda::Client,
    call: &Invocation,
) -> Option<aws_sdk_lambda::config::Builder> {
    use aws_smithy_types::timeout::TimeoutConfig;
    match call.kind {
        InvocationType::DryRun => None,
        InvocationType::Event => Some(super::once::once!(aws_sdk_lambda)),
        InvocationType::RequestResponse => {
            let runs = function_timeout(lambda, &call.function, call.qualifier.as_deref()).await;
            let limit = runs + INVOKE_MARGIN;
            Some(
                super::once::once!(aws_sdk_lambda).timeout_config(
                    TimeoutConfig::builder()
                        .operation_attempt_timeout(limit)
                        .operation_timeout(limit)
                        .build(),
                ),
            )
        }
    }
}

/// One invocation on this client (separate from the context lookup so tests can hand in a
/// client whose answers are scripted).
pub async fn invoke_with(
    lambda: &aws_sdk_lambda::Client,
    call: Invocation,
) -> Result<InvokeResult, AwsError> {
    use aws_sdk_lambda::types::{InvocationType as Kind, LogType};
    let kind = match call.kind {
        InvocationType::RequestResponse => Kind::RequestResponse,
        InvocationType::Event => Kind::Event,
        InvocationType::DryRun => Kind::DryRun,
    };
    let config_override = invoke_override(lambda, &call).await;
    let mut request = lambda
        .invoke()
        .function_name(call.function)
        .invocation_type(kind)
        .set_qualifier(call.qualifier)
        .payload(aws_sdk_lambda::primitives::Blob::new(call.payload));
    // Only a synchronous call can return its log tail.
    if call.kind == InvocationType::RequestResponse {
        request = request.log_type(LogType::Tail);
    }
    let sent = match config_override {
        Some(once) => request.customize().config_override(once).send().await,
        None => request.send().await,
    };
    let out = sent.map_err(AwsError::from_sdk)?;
    let log_tail = out.log_result().map(|encoded| {
        aws_smithy_types::base64::decode(encoded)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_else(|_| format!("(log result is not base64: {encoded})"))
    });
    Ok(InvokeResult {
        status: out.status_code(),
        function_error: out.function_error().map(str::to_owned),
        executed_version: out.executed_version().map(str::to_owned),
        payload: out
            .payload()
            .map(|b| b.as_ref().to_vec())
            .unwrap_or_default(),
        log_tail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_line_gives_its_figures() {
        let log = "START RequestId: 7f0c Version: $LATEST\nhello\nEND RequestId: 7f0c\n\
                   REPORT RequestId: 7f0c\tDuration: 12.34 ms\tBilled Duration: 13 ms\t\
                   Memory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 150.02 ms\t\n";
        let r = report_line(log).expect("a report");
        assert_eq!(r.request_id.as_deref(), Some("7f0c"));
        assert_eq!(r.duration_ms, Some(12.34));
        assert_eq!(r.billed_ms, Some(13.0));
        assert_eq!(r.memory_mb, Some(128));
        assert_eq!(r.max_memory_mb, Some(71));
        assert_eq!(r.init_ms, Some(150.02));
        assert_eq!(report_line("no report here"), None);
    }

    #[test]
    fn invocation_types_cycle() {
        let mut t = InvocationType::default();
        let seen: Vec<&str> = (0..4)
            .map(|_| {
                let label = t.label();
                t = t.next();
                label
            })
            .collect();
        assert_eq!(
            seen,
            ["RequestResponse", "Event", "DryRun", "RequestResponse"]
        );
    }

    #[test]
    fn payloads_stay_out_of_the_request_log() {
        let call = Invocation {
            function: "f".into(),
            qualifier: None,
            kind: InvocationType::Event,
            payload: br#"{"password":"hunter2"}"#.to_vec(),
        };
        let shown = format!("{call:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("payload_bytes: 22"), "{shown}");
    }

    #[test]
    fn function_names_are_checked() {
        assert!(is_function_name("checkout-api_v2"));
        assert!(!is_function_name("../etc"));
        assert!(!is_function_name(""));
    }

    /// What the emulator cannot do: a function that fails. Lambda answers 200 with a
    /// `FunctionError` header, the error as the payload and the log tail base64-encoded.
    mod function_errors_against_sdk_mocks {
        use super::super::*;
        use aws_sdk_lambda::operation::invoke::InvokeOutput;
        use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, mock};

        fn client(output: InvokeOutput) -> aws_sdk_lambda::Client {
            let output = std::sync::Mutex::new(Some(output));
            // The function's timeout is read first, to give the call as long as it may run.
            let configuration = mock!(aws_sdk_lambda::Client::get_function_configuration)
                .then_output(|| {
                    aws_sdk_lambda::operation::get_function_configuration::GetFunctionConfigurationOutput::builder()
                        .timeout(3)
                        .build()
                });
            let rule = mock!(aws_sdk_lambda::Client::invoke)
                .match_requests(|r| r.log_type() == Some(&aws_sdk_lambda::types::LogType::Tail))
                .then_output(move || output.lock().unwrap().take().expect("one call"));
            let config = aws_sdk_lambda::Config::builder()
                .behavior_version(aws_sdk_lambda::config::BehaviorVersion::latest())
                .region(aws_sdk_lambda::config::Region::new("us-east-1"))
                .credentials_provider(aws_sdk_lambda::config::Credentials::new(
                    "AKID", "secret", None, None, "test",
                ))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(
                    MockResponseInterceptor::new()
                        .rule_mode(RuleMode::Sequential)
                        .with_rule(&configuration)
                        .with_rule(&rule),
                )
                .build();
            aws_sdk_lambda::Client::from_conf(config)
        }

        #[tokio::test]
        async fn a_failing_function_shows_its_error_payload_and_log() {
            let log = "START RequestId: r1\nTraceback: boom\nREPORT RequestId: r1\tDuration: 3.5 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n";
            let output = InvokeOutput::builder()
                .status_code(200)
                .function_error("Unhandled")
                .executed_version("$LATEST")
                .payload(aws_sdk_lambda::primitives::Blob::new(
                    r#"{"errorMessage":"boom","errorType":"RuntimeError"}"#,
                ))
                .log_result(aws_smithy_types::base64::encode(log))
                .build();
            let result = invoke_with(
                &client(output),
                Invocation {
                    function: "checkout".into(),
                    qualifier: None,
                    kind: InvocationType::RequestResponse,
                    payload: b"{}".to_vec(),
                },
            )
            .await
            .expect("answered");
            assert_eq!(result.status, 200);
            assert_eq!(result.function_error.as_deref(), Some("Unhandled"));
            assert_eq!(result.log_tail.as_deref(), Some(log));
            let report = report_line(result.log_tail.as_deref().unwrap()).unwrap();
            assert_eq!(report.billed_ms, Some(4.0));
            assert!(String::from_utf8_lossy(&result.payload).contains("boom"));
        }
    }
}
