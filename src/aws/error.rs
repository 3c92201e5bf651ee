//! Our one error type for everything that went wrong talking to AWS. SDK errors are classified
//! here, at the adapter boundary, so panes can react to "auth", "throttled" or "not found"
//! without knowing the SDK.

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::error::Error as StdError;
use std::fmt;

/// Part of every "code needed" error the MFA provider raises: the classifier knows it by this.
pub const CODE_NEEDED: &str = "an MFA code is needed";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Credentials could not be found or loaded.
    Credentials,
    /// The SSO token is missing or expired; `aws sso login` fixes it.
    SsoLogin,
    /// The profile's `aws login` session is missing or expired; `aws login` fixes it.
    LoginNeeded,
    /// The profile's role needs an MFA code (`mfa_serial`) and none was given yet, or the
    /// session got with the last one is about to expire.
    MfaRequired,
    AccessDenied,
    Throttled,
    NotFound,
    /// The request never got an answer: DNS, refused connection, TLS.
    Network,
    Timeout,
    /// The service answered with an error.
    Service,
    /// The service failed while handling the request (HTTP 5xx other than throttling): it
    /// received the request and may have acted on it before failing.
    ServerError,
    /// Bad local input or configuration (no region, malformed files, …).
    Config,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsError {
    pub kind: ErrorKind,
    /// The service's error code (`AccessDenied`, `ThrottlingException`, …), when there is one.
    pub code: Option<String>,
    /// Raw text from AWS or the SDK: pass it through `sanitize` before showing it.
    pub message: String,
}

impl AwsError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AwsError {
            kind,
            code: None,
            message: message.into(),
        }
    }

    /// Classifies any SDK error. The chain of sources is walked because the useful part (an
    /// expired SSO token, a refused connection) sits several layers below "dispatch failure".
    pub fn from_sdk<E, R>(err: SdkError<E, R>) -> AwsError
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: fmt::Debug + Send + Sync + 'static,
    {
        if let Some(service) = err.as_service_error() {
            let code = service.code().map(str::to_owned);
            // Without a code or message ("unhandled error") the cause is further down the
            // chain: an answer that did not parse, say.
            let message = service
                .message()
                .map(str::to_owned)
                .or_else(|| code.clone())
                .unwrap_or_else(|| error_chain(&err));
            let kind = match kind_of_code(code.as_deref()) {
                ErrorKind::Service if server_failed(err.raw_response()) => ErrorKind::ServerError,
                kind => kind,
            };
            return AwsError {
                kind,
                code,
                message,
            };
        }
        let chain = error_chain(&err);
        // A context refused for its own settings (a bad CA bundle, `use_fips_endpoint = yes`):
        // the reason alone, not three layers of "dispatch failure".
        if let Some((_, why)) = chain.split_once(REFUSED_SETTINGS) {
            return AwsError::new(ErrorKind::Config, why);
        }
        let kind = match &err {
            SdkError::TimeoutError(_) => ErrorKind::Timeout,
            SdkError::DispatchFailure(d) if d.is_timeout() => ErrorKind::Timeout,
            _ if chain.contains(CODE_NEEDED) => ErrorKind::MfaRequired,
            _ if is_sso_problem(&chain) => ErrorKind::SsoLogin,
            // aws-config's `aws login` provider: "cached Login token is expired", …
            _ if chain.contains("Login token") => ErrorKind::LoginNeeded,
            _ if chain.contains("loading credentials")
                || chain.contains("credentials provider") =>
            {
                ErrorKind::Credentials
            }
            SdkError::DispatchFailure(d) if d.is_io() => ErrorKind::Network,
            SdkError::DispatchFailure(_) => ErrorKind::Network,
            // The request was sent but its answer could not be read (cut short, garbled).
            SdkError::ResponseError(_) => ErrorKind::Network,
            SdkError::ConstructionFailure(_) => ErrorKind::Config,
            _ => ErrorKind::Service,
        };
        AwsError {
            kind,
            code: None,
            message: chain,
        }
    }

    /// The request may or may not have reached AWS and taken effect: its answer never came
    /// (timeout, reset, cut short) or the service failed half-way (5xx). Whoever sent a write
    /// must re-read, not guess or resend.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::ServerError
        )
    }

    /// One line for the header or a flash message.
    pub fn summary(&self) -> String {
        match (&self.kind, &self.code) {
            (ErrorKind::Network, _) => format!("cannot reach AWS: {}", self.message),
            (ErrorKind::Timeout, _) => format!("timed out: {}", self.message),
            (_, Some(code)) if !self.message.contains(code.as_str()) => {
                format!("{code}: {}", self.message)
            }
            _ => self.message.clone(),
        }
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

fn kind_of_code(code: Option<&str>) -> ErrorKind {
    match code.unwrap_or_default() {
        "AccessDenied"
        | "AccessDeniedException"
        | "UnauthorizedOperation"
        | "AuthFailure"
        | "UnrecognizedClientException"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch" => ErrorKind::AccessDenied,
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => ErrorKind::Credentials,
        "Throttling"
        | "ThrottlingException"
        | "TooManyRequestsException"
        | "SlowDown"
        | "RequestLimitExceeded"
        | "ProvisionedThroughputExceededException" => ErrorKind::Throttled,
        c if c.starts_with("NoSuch")
            || c.ends_with("NotFound")
            || c.ends_with("NotFoundException") =>
        {
            ErrorKind::NotFound
        }
        _ => ErrorKind::Service,
    }
}

/// A 5xx answer. Throttling (503 `SlowDown`) is classified by its code before this is asked.
/// Event-stream errors carry no HTTP response: they are never server failures here.
fn server_failed<R: 'static>(raw: Option<&R>) -> bool {
    let raw: Option<&dyn std::any::Any> = raw.map(|r| r as &dyn std::any::Any);
    raw.and_then(|r| r.downcast_ref::<aws_smithy_runtime_api::http::Response>())
        .is_some_and(|r| r.status().is_server_error())
}

/// "outer: middle: inner", skipping layers that repeat what they wrap.
/// How aws-config words a provider's `invalid_configuration` error, before its reason.
const REFUSED_SETTINGS: &str = "the credentials provider was not properly configured: ";

fn error_chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

fn is_sso_problem(chain: &str) -> bool {
    let lower = chain.to_ascii_lowercase();
    (lower.contains("sso") && (lower.contains("expired") || lower.contains("unauthorized")))
        || lower.contains("sso token")
        || lower.contains("sso/cache")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_classified() {
        assert_eq!(kind_of_code(Some("AccessDenied")), ErrorKind::AccessDenied);
        assert_eq!(
            kind_of_code(Some("ThrottlingException")),
            ErrorKind::Throttled
        );
        assert_eq!(kind_of_code(Some("NoSuchBucket")), ErrorKind::NotFound);
        assert_eq!(
            kind_of_code(Some("ResourceNotFoundException")),
            ErrorKind::NotFound
        );
        assert_eq!(
            kind_of_code(Some("ValidationException")),
            ErrorKind::Service
        );
        assert_eq!(kind_of_code(None), ErrorKind::Service);
    }

    #[test]
    fn sso_errors_are_recognised_from_the_chain() {
        assert!(is_sso_problem(
            "dispatch failure: an error occurred while loading credentials: the SSO token has expired and cannot be refreshed"
        ));
        assert!(is_sso_problem(
            "failed to load SSO token: no such file ~/.aws/sso/cache/abc.json"
        ));
        assert!(!is_sso_problem("connection refused"));
    }

    mod from_real_sdk_errors {
        use super::super::*;
        use aws_sdk_sts::Client;
        use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
        use aws_smithy_mocks::{RuleMode, mock, mock_client};
        use aws_smithy_types::error::ErrorMetadata;

        async fn classify(code: &'static str, message: &'static str) -> AwsError {
            let rule = mock!(Client::get_caller_identity).then_error(move || {
                GetCallerIdentityError::generic(
                    ErrorMetadata::builder().code(code).message(message).build(),
                )
            });
            let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule]);
            sts.get_caller_identity()
                .send()
                .await
                .map_err(AwsError::from_sdk)
                .expect_err("the mock answers with an error")
        }

        #[tokio::test]
        async fn access_denied() {
            let e = classify(
                "AccessDenied",
                "User: arn:aws:iam::1:user/x is not authorized",
            )
            .await;
            assert_eq!(e.kind, ErrorKind::AccessDenied);
            assert_eq!(e.code.as_deref(), Some("AccessDenied"));
            assert!(e.summary().contains("not authorized"));
        }

        async fn answered_with(status: u16, body: &'static str) -> AwsError {
            use aws_smithy_runtime_api::http::{Response, StatusCode};
            use aws_smithy_types::body::SdkBody;
            let rule = mock!(Client::get_caller_identity).then_http_response(move || {
                Response::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body))
            });
            let sts = mock_client!(aws_sdk_sts, RuleMode::MatchAny, [&rule]);
            sts.get_caller_identity()
                .customize()
                .config_override(
                    aws_sdk_sts::config::Builder::default()
                        .retry_config(aws_smithy_types::retry::RetryConfig::disabled()),
                )
                .send()
                .await
                .map_err(AwsError::from_sdk)
                .expect_err("an error answer")
        }

        /// A 5xx means the service had the request: it may have acted, unlike a refusal or
        /// throttling.
        #[tokio::test]
        async fn a_server_error_leaves_the_outcome_unknown() {
            let e = answered_with(
                500,
                "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>\
                 <Message>boom</Message></Error></ErrorResponse>",
            )
            .await;
            assert_eq!(e.kind, ErrorKind::ServerError, "{e:?}");
            assert!(e.outcome_unknown());
            let e = answered_with(
                503,
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
                 <Message>slow down</Message></Error></ErrorResponse>",
            )
            .await;
            assert_eq!(e.kind, ErrorKind::Throttled, "{e:?}");
            assert!(!e.outcome_unknown());
            let e = answered_with(
                403,
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
                 <Message>no</Message></Error></ErrorResponse>",
            )
            .await;
            assert!(!e.outcome_unknown(), "a refusal: {e:?}");
        }

        #[tokio::test]
        async fn throttling() {
            let e = classify("Throttling", "Rate exceeded").await;
            assert_eq!(e.kind, ErrorKind::Throttled);
        }

        #[tokio::test]
        async fn expired_token() {
            let e = classify(
                "ExpiredToken",
                "The security token included in the request is expired",
            )
            .await;
            assert_eq!(e.kind, ErrorKind::Credentials);
        }
    }

    #[test]
    fn summary_carries_the_code_once() {
        let e = AwsError {
            kind: ErrorKind::AccessDenied,
            code: Some("AccessDenied".into()),
            message: "User is not authorized".into(),
        };
        assert_eq!(e.summary(), "AccessDenied: User is not authorized");
    }
}
