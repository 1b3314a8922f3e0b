//! The one error type of the SDK.
//!
//! Every fallible call in every databricks-rs crate returns [`Result<T>`], whose error is
//! [`Error`]. Branch on the variant for the broad kind of failure, and on [`ApiError`] (through
//! [`Error::as_api`] or the predicates) for what the service said:
//!
//! ```
//! use databricks_core::{Error, Result};
//!
//! fn describe(result: Result<()>) -> &'static str {
//!     match result {
//!         Ok(()) => "ok",
//!         Err(e) if e.is_not_found() => "not there",
//!         Err(e) if e.is_already_exists() => "already there",
//!         Err(Error::InvalidInput(_)) => "rejected before sending",
//!         Err(_) => "something else",
//!     }
//! }
//! # assert_eq!(describe(Ok(())), "ok");
//! ```

mod api;
mod code;
mod context;
mod detail;
mod parse;

pub use api::{
    ApiError, BadRequest, DebugInfo, ErrorCode, ErrorDetail, ErrorInfo, FieldViolation, Help,
    HelpLink, PreconditionFailure, PreconditionViolation, QuotaFailure, QuotaViolation,
    RequestInfo, ResourceInfo, RetryInfo,
};
pub(crate) use context::truncate_for_log;
pub use context::{
    AuthError, ConfigError, DecodeError, InvalidInputError, IoError, TimeoutError, TimeoutKind,
    TransportError, TransportErrorKind, WaitError,
};

/// Result type used throughout the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Databricks.
///
/// The enum is `#[non_exhaustive]`: match the variants you care about and keep a catch-all arm.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The service answered with an error status (4xx or 5xx).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request never got an HTTP answer (connection refused or reset, DNS, TLS, body stream).
    #[error(transparent)]
    Transport(TransportError),
    /// A connect, attempt, operation or waiter deadline ran out.
    #[error(transparent)]
    Timeout(TimeoutError),
    /// The service answered 2xx, but the body was not what the API documents.
    #[error(transparent)]
    Decode(DecodeError),
    /// The configuration is missing, ambiguous or invalid.
    #[error(transparent)]
    Config(ConfigError),
    /// Credentials could not be obtained (for example the OAuth token endpoint refused them).
    #[error(transparent)]
    Auth(AuthError),
    /// A waiter reached a terminal state that is a failure (a cluster in ERROR, a run that FAILED).
    #[error(transparent)]
    Wait(WaitError),
    /// Client-side validation rejected the input before any request was sent.
    #[error(transparent)]
    InvalidInput(InvalidInputError),
    /// A local file operation failed (a file to upload, a download target).
    #[error(transparent)]
    Io(IoError),
}

impl Error {
    /// Builds an [`Error::InvalidInput`] naming the offending field.
    ///
    /// ```
    /// let e = databricks_core::Error::invalid_input("scope", "must not be empty");
    /// assert_eq!(e.to_string(), "invalid input: scope: must not be empty");
    /// ```
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput(InvalidInputError::new(field, message))
    }

    /// The service's error, when this is an [`Error::Api`].
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The service's `error_code`, when this is an [`Error::Api`].
    pub fn error_code(&self) -> Option<&ErrorCode> {
        self.as_api().map(|e| e.error_code())
    }

    /// The HTTP status, when this is an [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        self.as_api().map(|e| e.status())
    }

    /// The object does not exist (404, `RESOURCE_DOES_NOT_EXIST`, `NOT_FOUND`, ...).
    pub fn is_not_found(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_not_found)
    }

    /// The object already exists (`RESOURCE_ALREADY_EXISTS`, `ALREADY_EXISTS`, 409).
    pub fn is_already_exists(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_already_exists)
    }

    /// The request was rejected as invalid by the service (400 family), or client-side.
    pub fn is_invalid_parameter(&self) -> bool {
        matches!(self, Error::InvalidInput(_))
            || self.as_api().is_some_and(ApiError::is_invalid_parameter)
    }

    /// The caller lacks a permission (403, `PERMISSION_DENIED`).
    pub fn is_permission_denied(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_permission_denied)
    }

    /// The credentials were refused (401, `UNAUTHENTICATED`), or could not be obtained.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, Error::Auth(_)) || self.as_api().is_some_and(ApiError::is_unauthenticated)
    }

    /// The service throttled the request (429, `REQUEST_LIMIT_EXCEEDED`, `RESOURCE_EXHAUSTED`).
    pub fn is_rate_limited(&self) -> bool {
        self.as_api().is_some_and(ApiError::is_rate_limited)
    }

    /// A later identical request may succeed (throttling, 503, transient service messages,
    /// connection failures). Used by the retry layer; useful for callers' own loops too.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.is_retryable(),
            Error::Transport(t) => t.is_connect(),
            _ => false,
        }
    }

    /// The request timed out (connect, attempt, operation or waiter deadline).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

impl From<AuthError> for Error {
    fn from(e: AuthError) -> Self {
        Error::Auth(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

impl From<TimeoutError> for Error {
    fn from(e: TimeoutError) -> Self {
        Error::Timeout(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl From<WaitError> for Error {
    fn from(e: WaitError) -> Self {
        Error::Wait(e)
    }
}

impl From<IoError> for Error {
    fn from(e: IoError) -> Self {
        Error::Io(e)
    }
}

impl Error {
    /// Builds an [`Error::Io`]: `operation` (e.g. `reading`) on `path` failed with `source`.
    pub fn io(
        operation: impl Into<String>,
        path: impl Into<std::path::PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io(IoError::new(operation, path, source))
    }
}

impl From<InvalidInputError> for Error {
    fn from(e: InvalidInputError) -> Self {
        Error::InvalidInput(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn error_is_send_sync() {
        assert_send_sync::<Error>();
    }

    #[test]
    fn invalid_input_display_names_field() {
        let e = Error::invalid_input("scope", "must match [A-Za-z0-9_.-]+");
        assert_eq!(
            e.to_string(),
            "invalid input: scope: must match [A-Za-z0-9_.-]+"
        );
        assert!(e.is_invalid_parameter());
        assert!(!e.is_retryable());
    }
}
