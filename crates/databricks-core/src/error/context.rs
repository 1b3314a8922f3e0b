//! Context structs carried by the [`Error`](super::Error) variants.
//!
//! Each struct exposes accessors instead of public fields, so that the SDK can add context
//! without breaking callers, and so that no third-party type (reqwest, hyper) leaks into the
//! public API.

use std::any::Any;
use std::fmt;
use std::time::Duration;

/// What kind of transport failure happened.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// The TCP or TLS connection could not be established (refused, DNS, handshake). The server
    /// never saw the request, so it is always safe to retry.
    Connect,
    /// The connection failed after the request was (perhaps) sent: reset, closed early, or an
    /// error while streaming the body. The server may have acted on the request.
    Request,
    /// Building the request failed (invalid URL, invalid header value).
    Build,
}

/// The request got no HTTP answer.
#[derive(Debug, thiserror::Error)]
#[error("{method} {path}: transport error ({kind:?}): {message}")]
pub struct TransportError {
    kind: TransportErrorKind,
    method: String,
    path: String,
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// Creates a transport error for `method path`.
    pub fn new(
        kind: TransportErrorKind,
        method: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            method: method.into(),
            path: path.into(),
            message: message.into(),
            source,
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the connection could not be established (the request never reached the server).
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// The HTTP method of the failed request.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path of the failed request (never the query string).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A description of the failure.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Which deadline ran out.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// Establishing the connection took longer than the connect timeout.
    Connect,
    /// One attempt (request sent, response read) took longer than the per-attempt timeout.
    Attempt,
    /// The whole operation, retries included, exceeded its deadline or retry budget.
    Operation,
    /// A waiter did not see a terminal state before its timeout.
    Wait,
}

/// A deadline ran out.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {kind:?} timeout after {elapsed:?}{}", last_state.as_deref().map(|s| format!(" (last state: {s})")).unwrap_or_default())]
pub struct TimeoutError {
    kind: TimeoutKind,
    what: String,
    elapsed: Duration,
    last_state: Option<String>,
}

impl TimeoutError {
    /// Creates a timeout error; `what` names the request (`GET /api/...`) or the waited object.
    pub fn new(kind: TimeoutKind, what: impl Into<String>, elapsed: Duration) -> Self {
        Self {
            kind,
            what: what.into(),
            elapsed,
            last_state: None,
        }
    }

    /// Adds the last state a waiter saw.
    pub fn with_last_state(mut self, state: impl Into<String>) -> Self {
        self.last_state = Some(state.into());
        self
    }

    /// Which deadline ran out.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The request (`GET /api/2.0/...`) or object that timed out.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// How long was spent before giving up.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// For waiters: the last state observed before the deadline.
    pub fn last_state(&self) -> Option<&str> {
        self.last_state.as_deref()
    }
}

/// A 2xx response body that did not match the documented shape.
#[derive(Debug, thiserror::Error)]
#[error("{method} {path}: cannot decode response at `{json_path}`: {message} (body: {body})")]
pub struct DecodeError {
    method: String,
    path: String,
    json_path: String,
    message: String,
    body: String,
}

/// The longest response excerpt kept in a [`DecodeError`].
pub const DECODE_BODY_EXCERPT: usize = 512;

impl DecodeError {
    /// Creates a decode error; `body` is truncated to 512 bytes.
    pub fn new(
        method: impl Into<String>,
        path: impl Into<String>,
        json_path: impl Into<String>,
        message: impl Into<String>,
        body: &[u8],
    ) -> Self {
        Self {
            method: method.into(),
            path: path.into(),
            json_path: json_path.into(),
            message: message.into(),
            body: truncate_lossy(body, DECODE_BODY_EXCERPT),
        }
    }

    /// The JSON path where decoding failed, e.g. `clusters[3].state`.
    pub fn json_path(&self) -> &str {
        &self.json_path
    }

    /// What was wrong at that path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The start of the body, truncated.
    pub fn body_excerpt(&self) -> &str {
        &self.body
    }

    /// The HTTP method of the request.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Truncates `bytes` (lossily decoded as UTF-8) to at most `max` bytes on a char boundary,
/// appending `...` when something was cut.
pub(crate) fn truncate_lossy(bytes: &[u8], max: usize) -> String {
    truncate_for_log(&String::from_utf8_lossy(bytes), max)
}

/// Truncates `text` to at most `max` bytes on a char boundary, appending `...` when cut.
pub(crate) fn truncate_for_log(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// The configuration is missing, ambiguous or invalid.
#[derive(Debug, Clone, thiserror::Error)]
#[error("configuration error: {message}")]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    /// Creates a configuration error. The message should say what was checked, and where.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What is wrong, and which sources were checked.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Credentials could not be obtained or were refused while obtaining them.
#[derive(Debug, thiserror::Error)]
#[error("authentication failed ({auth_type}): {message}")]
pub struct AuthError {
    auth_type: String,
    message: String,
    #[source]
    source: Option<Box<super::Error>>,
}

impl AuthError {
    /// Creates an auth error for the given auth type (`pat`, `oauth-m2m`).
    pub fn new(auth_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            auth_type: auth_type.into(),
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying error (for example the token endpoint's API error).
    pub fn with_source(mut self, source: super::Error) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The auth type that failed.
    pub fn auth_type(&self) -> &str {
        &self.auth_type
    }

    /// What went wrong. Never contains a credential.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The underlying error, if any.
    pub fn cause(&self) -> Option<&super::Error> {
        self.source.as_deref()
    }
}

/// A waiter ended in a failed terminal state.
///
/// Carries the state name, the service's state message and the last object seen, which can be
/// recovered with [`WaitError::last`]:
///
/// ```
/// use databricks_core::WaitError;
///
/// #[derive(Debug, PartialEq)]
/// struct Cluster { state: String }
///
/// let e = WaitError::new("cluster 0101-abc", "ERROR", "Init script failed")
///     .with_last(Cluster { state: "ERROR".into() });
/// assert_eq!(e.last::<Cluster>().unwrap().state, "ERROR");
/// assert_eq!(e.to_string(), "cluster 0101-abc ended in state ERROR: Init script failed");
/// ```
#[derive(thiserror::Error)]
#[error("{what} ended in state {state}: {message}")]
pub struct WaitError {
    what: String,
    state: String,
    message: String,
    last: Option<Box<dyn Any + Send + Sync>>,
}

impl fmt::Debug for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitError")
            .field("what", &self.what)
            .field("state", &self.state)
            .field("message", &self.message)
            .field("has_last", &self.last.is_some())
            .finish()
    }
}

impl WaitError {
    /// Creates a wait error for `what` (e.g. `cluster 0101-abc`) that ended in `state`.
    pub fn new(
        what: impl Into<String>,
        state: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            what: what.into(),
            state: state.into(),
            message: message.into(),
            last: None,
        }
    }

    /// Attaches the last object seen.
    pub fn with_last<T: Any + Send + Sync>(mut self, last: T) -> Self {
        self.last = Some(Box::new(last));
        self
    }

    /// The waited object's description.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The failed terminal state (e.g. `ERROR`, `FAILED`).
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The service's message for that state (state message, termination reason).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The last object seen, if it is a `T`.
    pub fn last<T: Any>(&self) -> Option<&T> {
        self.last.as_ref().and_then(|b| b.downcast_ref::<T>())
    }

    /// Takes the last object out, if it is a `T`.
    pub fn into_last<T: Any>(self) -> Option<T> {
        self.last
            .and_then(|b| (b as Box<dyn Any>).downcast::<T>().ok())
            .map(|b| *b)
    }
}

/// Client-side validation rejected the input; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {field}: {message}")]
pub struct InvalidInputError {
    field: String,
    message: String,
}

impl InvalidInputError {
    /// Creates a validation error for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The offending field (JSON name, dotted for nested fields).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Why it was rejected.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_respects_char_boundaries() {
        let s = "ééééé".as_bytes();
        assert_eq!(truncate_lossy(s, 3), "é...");
        assert_eq!(truncate_lossy(b"abc", 3), "abc");
    }

    #[test]
    fn wait_error_downcasts_only_to_the_right_type() {
        let e = WaitError::new("run 1", "FAILED", "boom").with_last(42u32);
        assert_eq!(e.last::<u32>(), Some(&42));
        assert_eq!(e.last::<String>(), None);
        assert_eq!(e.into_last::<u32>(), Some(42));
    }

    #[test]
    fn timeout_display_includes_last_state() {
        let e = TimeoutError::new(TimeoutKind::Wait, "cluster c1", Duration::from_secs(3))
            .with_last_state("PENDING");
        assert_eq!(
            e.to_string(),
            "cluster c1: Wait timeout after 3s (last state: PENDING)"
        );
    }
}

/// A local I/O operation failed (reading a file to upload, writing a download).
#[derive(Debug, thiserror::Error)]
#[error("{operation} {}: {source}", path.display())]
pub struct IoError {
    operation: String,
    path: std::path::PathBuf,
    #[source]
    source: std::io::Error,
}

impl IoError {
    /// Creates an I/O error: `operation` (e.g. `reading`) on `path` failed with `source`.
    pub fn new(
        operation: impl Into<String>,
        path: impl Into<std::path::PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Self {
            operation: operation.into(),
            path: path.into(),
            source,
        }
    }

    /// What was being done (`reading`, `writing`, `renaming`...).
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The local path involved.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The kind of I/O failure.
    pub fn kind(&self) -> std::io::ErrorKind {
        self.source.kind()
    }
}
