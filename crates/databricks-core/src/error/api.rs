//! [`ApiError`]: what the service said when it answered with an error status.

use std::fmt;
use std::time::{Duration, SystemTime};

use super::code::ErrorClass;
use super::parse;

pub use super::code::ErrorCode;
pub use super::detail::{
    BadRequest, DebugInfo, ErrorDetail, ErrorInfo, FieldViolation, Help, HelpLink,
    PreconditionFailure, PreconditionViolation, QuotaFailure, QuotaViolation, RequestInfo,
    ResourceInfo, RetryInfo,
};

/// An error response (HTTP status 4xx or 5xx) from the Databricks REST API.
///
/// Carries the HTTP status, the [`ErrorCode`], the message, the typed [`details`](Self::details),
/// the method and path of the request (never its query string or body), the request id and the
/// `Retry-After` delay. Every error body shape Databricks sends is understood (standard JSON,
/// API 1.2, SCIM, plain text, HTML, empty, anything else).
///
/// Branch with the predicates ([`is_not_found`](Self::is_not_found),
/// [`is_already_exists`](Self::is_already_exists), [`is_retryable`](Self::is_retryable)...),
/// which resolve by `error_code` first and by HTTP status second, as the official SDKs do; legacy
/// endpoints do not always use the status the catalogue declares.
///
/// ```
/// use databricks_core::{ApiError, ErrorCode};
///
/// let body = br#"{"error_code": "RESOURCE_ALREADY_EXISTS", "message": "Scope 'x' already exists"}"#;
/// let e = ApiError::from_response(
///     "POST", "/api/2.0/secrets/scopes/create", 400, &http::HeaderMap::new(), body);
///
/// assert_eq!(e.status(), 400);
/// assert_eq!(e.error_code(), &ErrorCode::ResourceAlreadyExists);
/// assert!(e.is_already_exists());
/// assert!(!e.is_invalid_parameter());
/// assert_eq!(
///     e.to_string(),
///     "POST /api/2.0/secrets/scopes/create: 400 RESOURCE_ALREADY_EXISTS: Scope 'x' already exists"
/// );
///
/// // Errors can also be built directly, e.g. in tests:
/// let e = ApiError::new("GET", "/api/2.1/jobs/get", 404, ErrorCode::ResourceDoesNotExist, "gone");
/// assert!(e.is_not_found());
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[error("{method} {path}: {status} {error_code}{}", MessageSuffix(message))]
pub struct ApiError {
    method: String,
    path: String,
    status: u16,
    error_code: ErrorCode,
    /// Whether `error_code` was given (by the body or the constructor) rather than derived from
    /// the HTTP status; derived codes never override the status in the predicates.
    code_given: bool,
    message: String,
    details: Vec<ErrorDetail>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

/// `": message"`, or nothing for an empty message.
struct MessageSuffix<'a>(&'a str);

impl fmt::Display for MessageSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, ": {}", self.0)
        }
    }
}

/// The path without its query string or fragment.
fn strip_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

impl ApiError {
    /// Builds the error for a response with an error status, parsing `body` in every shape
    /// Databricks uses, applying the documented path-specific code overrides, and reading the
    /// `x-request-id` and `Retry-After` headers. Never fails.
    ///
    /// `path` is the request path; a query string, if present, is dropped.
    ///
    /// ```
    /// use databricks_core::{ApiError, ErrorCode};
    ///
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("retry-after", "5".parse().unwrap());
    /// headers.insert("x-request-id", "req-1".parse().unwrap());
    /// let e = ApiError::from_response("GET", "/api/2.0/clusters/list?x=1", 429, &headers, b"");
    ///
    /// assert_eq!(e.error_code(), &ErrorCode::TooManyRequests);
    /// assert_eq!(e.message(), "Too Many Requests");
    /// assert_eq!(e.path(), "/api/2.0/clusters/list");
    /// assert_eq!(e.request_id(), Some("req-1"));
    /// assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(5)));
    /// assert!(e.is_rate_limited() && e.is_retryable());
    /// ```
    pub fn from_response(
        method: &str,
        path: &str,
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        let path = strip_query(path);
        let parsed = parse::parse_body(status, body);
        let overridden = if parsed.code_from_body {
            parse::override_code(method, path, status, &parsed.code, &parsed.message)
        } else {
            None
        };
        let error_code = overridden.unwrap_or(parsed.code);
        let request_id = parse::request_id_header(headers).or_else(|| {
            parsed.details.iter().find_map(|d| match d {
                ErrorDetail::RequestInfo(info) if !info.request_id.is_empty() => {
                    Some(info.request_id.clone())
                }
                _ => None,
            })
        });
        let retry_after = parse::retry_after_header(headers, SystemTime::now()).or_else(|| {
            parsed.details.iter().find_map(|d| match d {
                ErrorDetail::RetryInfo(info) => info.retry_delay,
                _ => None,
            })
        });
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            status,
            error_code,
            code_given: parsed.code_from_body,
            message: parsed.message,
            details: parsed.details,
            request_id,
            retry_after,
        }
    }

    /// Builds an error directly, for tests and for callers who synthesize errors. The query
    /// string, if any, is dropped from `path`.
    ///
    /// ```
    /// use databricks_core::{ApiError, ErrorCode};
    ///
    /// let e = ApiError::new("POST", "/api/2.0/dbfs/delete", 503, ErrorCode::PartialDelete, "more");
    /// assert_eq!(e.to_string(), "POST /api/2.0/dbfs/delete: 503 PARTIAL_DELETE: more");
    /// assert!(!e.is_retryable()); // the caller must issue the delete again
    /// ```
    pub fn new(
        method: impl Into<String>,
        path: impl Into<String>,
        status: u16,
        error_code: impl Into<ErrorCode>,
        message: impl Into<String>,
    ) -> Self {
        let path: String = path.into();
        Self {
            method: method.into(),
            path: strip_query(&path).to_owned(),
            status,
            error_code: error_code.into(),
            code_given: true,
            message: message.into(),
            details: Vec::new(),
            request_id: None,
            retry_after: None,
        }
    }

    /// The error the official SDKs synthesize when a workspace with Private Link rejected a
    /// request from outside its network (the response redirected to
    /// `/login.html?error=private-link-validation-error`): HTTP 403,
    /// [`ErrorCode::PrivateLinkValidationError`].
    pub fn private_link_validation(method: impl Into<String>, path: impl Into<String>) -> Self {
        Self::new(
            method,
            path,
            403,
            ErrorCode::PrivateLinkValidationError,
            "The requested workspace has Private Link enabled and is not accessible from the \
             current network. Ensure that Private Link is properly configured and that your \
             device has access to the Private Link endpoint",
        )
    }

    /// Replaces the details.
    pub fn with_details(mut self, details: Vec<ErrorDetail>) -> Self {
        self.details = details;
        self
    }

    /// Sets the request id.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the delay the service asked for before a retry.
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// The HTTP status, e.g. `404`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code. When the body carried none (empty, HTML, API 1.2 bodies, integer codes),
    /// this is derived from the HTTP status reason phrase (`404` → `NOT_FOUND`, or `UNKNOWN`);
    /// for bodies that could not be parsed at all it is [`ErrorCode::Unknown`].
    /// [`error_code_from_body`](Self::error_code_from_body) tells the cases apart.
    pub fn error_code(&self) -> &ErrorCode {
        &self.error_code
    }

    /// The error code only when the service sent one (or the error was built with
    /// [`ApiError::new`]); `None` when it was derived by the SDK.
    pub fn error_code_from_body(&self) -> Option<&ErrorCode> {
        self.code_given.then_some(&self.error_code)
    }

    /// The human-readable message. For bodies that are neither JSON nor a known text shape, the
    /// raw body, truncated to about 1 KiB.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The typed `details` array of the body (empty for most endpoints).
    pub fn details(&self) -> &[ErrorDetail] {
        &self.details
    }

    /// The HTTP method of the request, e.g. `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request path, e.g. `/api/2.0/clusters/get`. Never contains the query string.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The request id, from the `x-request-id` header or a
    /// [`RequestInfo`] detail. Quote it when contacting support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How long the service asked to wait before retrying: the `Retry-After` header (seconds or
    /// HTTP-date), else the delay of a [`RetryInfo`] detail.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The SDK class of the error: by code when the code was given and maps to a class, else
    /// by HTTP status (errors.md §3).
    fn class(&self) -> Option<ErrorClass> {
        let by_code = if self.code_given {
            self.error_code.class()
        } else {
            None
        };
        by_code.or_else(|| ErrorClass::from_status(self.status))
    }

    /// The object does not exist: `RESOURCE_DOES_NOT_EXIST`, `NOT_FOUND`, `ENDPOINT_NOT_FOUND`,
    /// or HTTP 404 with a code that does not map elsewhere (e.g. `FEATURE_DISABLED`).
    ///
    /// Also true for the legacy `400 INVALID_PARAMETER_VALUE` "does not exist" answers of
    /// `clusters/get`, `jobs/get` and `jobs/runs/get`, which are remapped to
    /// `RESOURCE_DOES_NOT_EXIST`.
    pub fn is_not_found(&self) -> bool {
        self.class() == Some(ErrorClass::NotFound)
    }

    /// The object already exists: `RESOURCE_ALREADY_EXISTS` or `ALREADY_EXISTS` whatever the
    /// status (legacy endpoints answer 400), or a SCIM 409.
    pub fn is_already_exists(&self) -> bool {
        matches!(
            self.error_code,
            ErrorCode::ResourceAlreadyExists | ErrorCode::AlreadyExists | ErrorCode::Scim(409)
        )
    }

    /// A conflict with the current state of the object: [`is_already_exists`](Self::is_already_exists),
    /// `RESOURCE_CONFLICT`, `ABORTED`, or HTTP 409 with a code that does not map elsewhere.
    pub fn is_conflict(&self) -> bool {
        self.is_already_exists() || self.class() == Some(ErrorClass::ResourceConflict)
    }

    /// The request was invalid: `INVALID_PARAMETER_VALUE`, `INVALID_STATE`, `MALFORMED_REQUEST`,
    /// `BAD_REQUEST` and the other 400-class codes (`RESOURCE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED`,
    /// `MAX_*_EXCEEDED`, `DIRECTORY_NOT_EMPTY`, `DRY_RUN_FAILED`), or HTTP 400 with a code that
    /// does not map elsewhere. A `400 RESOURCE_ALREADY_EXISTS` is
    /// [already exists](Self::is_already_exists), not an invalid parameter.
    pub fn is_invalid_parameter(&self) -> bool {
        self.class() == Some(ErrorClass::BadRequest)
    }

    /// The caller lacks a permission: HTTP 403, `PERMISSION_DENIED` or
    /// `PRIVATE_LINK_VALIDATION_ERROR`.
    pub fn is_permission_denied(&self) -> bool {
        self.status == 403 || self.class() == Some(ErrorClass::PermissionDenied)
    }

    /// The credentials were refused: HTTP 401, `UNAUTHENTICATED` or `CUSTOMER_UNAUTHORIZED`.
    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 || self.class() == Some(ErrorClass::Unauthenticated)
    }

    /// The service throttled the request: HTTP 429, or `REQUEST_LIMIT_EXCEEDED`,
    /// `RESOURCE_EXHAUSTED` or `TOO_MANY_REQUESTS` whatever the status.
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429 || self.class() == Some(ErrorClass::TooManyRequests)
    }

    /// The status is 5xx.
    pub fn is_server_error(&self) -> bool {
        (500..600).contains(&self.status)
    }

    /// A later identical request may succeed, as the official SDKs decide it (errors.md §5):
    /// [rate limited](Self::is_rate_limited); HTTP 503; `TEMPORARILY_UNAVAILABLE`,
    /// `SERVICE_UNDER_MAINTENANCE` or `WORKSPACE_TEMPORARILY_UNAVAILABLE`; or a message that
    /// names a transient condition (worker environment not ready, `ClusterNotReadyException`,
    /// `Timed out after `, `deadline exceeded`, `Unexpected error`, `REQUEST_LIMIT_EXCEEDED`,
    /// ...).
    ///
    /// `PARTIAL_DELETE` (a 503 from a recursive DBFS delete) is not retryable here: the server
    /// did act, and the caller decides whether to issue the delete again.
    pub fn is_retryable(&self) -> bool {
        if self.error_code == ErrorCode::PartialDelete {
            return false;
        }
        self.is_rate_limited()
            || self.status == 503
            || matches!(
                self.error_code,
                ErrorCode::TemporarilyUnavailable
                    | ErrorCode::ServiceUnderMaintenance
                    | ErrorCode::WorkspaceTemporarilyUnavailable
            )
            || parse::is_transient_message(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    fn from_json(method: &str, path: &str, status: u16, body: serde_json::Value) -> ApiError {
        let body = serde_json::to_vec(&body).unwrap();
        ApiError::from_response(method, path, status, &http::HeaderMap::new(), &body)
    }

    fn err(status: u16, code: &str) -> ApiError {
        from_json(
            "GET",
            "/api/2.0/x",
            status,
            json!({"error_code": code, "message": "m"}),
        )
    }

    fn no_code(status: u16) -> ApiError {
        ApiError::from_response("GET", "/api/2.0/x", status, &http::HeaderMap::new(), b"")
    }

    #[test]
    fn display_format() {
        let e = from_json(
            "POST",
            "/api/2.0/secrets/scopes/create",
            400,
            json!({"error_code": "RESOURCE_ALREADY_EXISTS", "message": "Scope 'x' already exists"}),
        );
        assert_eq!(
            e.to_string(),
            "POST /api/2.0/secrets/scopes/create: 400 RESOURCE_ALREADY_EXISTS: Scope 'x' already exists"
        );
        let e = ApiError::new("GET", "/api/2.0/x", 409, ErrorCode::from("CUSTOM"), "");
        assert_eq!(e.to_string(), "GET /api/2.0/x: 409 CUSTOM");
        let e = ApiError::new("PATCH", "/p?secret=1", 404, ErrorCode::Scim(404), "gone");
        assert_eq!(e.to_string(), "PATCH /p: 404 SCIM_404: gone");
        assert_eq!(
            no_code(404).to_string(),
            "GET /api/2.0/x: 404 NOT_FOUND: Not Found"
        );
    }

    #[test]
    fn path_never_keeps_the_query() {
        let e = ApiError::from_response(
            "GET",
            "/api/2.0/secrets/get?scope=s&key=k",
            404,
            &http::HeaderMap::new(),
            b"",
        );
        assert_eq!(e.path(), "/api/2.0/secrets/get");
        assert_eq!(e.method(), "GET");
        assert!(!e.to_string().contains("scope="));
        let e = ApiError::new("GET", "/a#frag", 400, ErrorCode::BadRequest, "m");
        assert_eq!(e.path(), "/a");
    }

    #[test]
    fn accessors_of_a_parsed_error() {
        let e = from_json(
            "GET",
            "/api/2.0/clusters/get",
            429,
            json!({
                "error_code": "REQUEST_LIMIT_EXCEEDED",
                "message": "Your request was rejected due to API rate limiting.",
                "details": [
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "5s"},
                    {"@type": "type.googleapis.com/google.rpc.RequestInfo", "request_id": "rq-9"},
                    {"@type": "type.googleapis.com/com.example.New", "x": 1},
                    "malformed",
                ]
            }),
        );
        assert_eq!(e.status(), 429);
        assert_eq!(e.error_code(), &ErrorCode::RequestLimitExceeded);
        assert_eq!(
            e.error_code_from_body(),
            Some(&ErrorCode::RequestLimitExceeded)
        );
        assert_eq!(
            e.message(),
            "Your request was rejected due to API rate limiting."
        );
        assert_eq!(e.details().len(), 4);
        assert!(matches!(e.details()[0], ErrorDetail::RetryInfo(_)));
        assert!(matches!(e.details()[1], ErrorDetail::RequestInfo(_)));
        assert_eq!(
            e.details()[2],
            ErrorDetail::Other(json!({"@type": "type.googleapis.com/com.example.New", "x": 1}))
        );
        assert_eq!(e.details()[3], ErrorDetail::Other(json!("malformed")));
        assert_eq!(e.request_id(), Some("rq-9"));
        assert_eq!(e.retry_after(), Some(Duration::from_secs(5)));
    }

    #[test]
    fn retry_info_delay_is_used_without_header() {
        let e = from_json(
            "GET",
            "/x",
            503,
            json!({"error_code": "TEMPORARILY_UNAVAILABLE", "message": "m", "details": [
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "1.5s"}]}),
        );
        assert_eq!(e.retry_after(), Some(Duration::from_millis(1500)));
    }

    #[test]
    fn retry_after_header_wins_over_retry_info() {
        let body = serde_json::to_vec(&json!({"error_code": "REQUEST_LIMIT_EXCEEDED",
            "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "9s"}]}))
        .unwrap();
        let e = ApiError::from_response("GET", "/x", 429, &headers(&[("retry-after", "2")]), &body);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn retry_after_http_date() {
        let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(90));
        let e = ApiError::from_response("GET", "/x", 503, &headers(&[("Retry-After", &date)]), b"");
        let wait = e.retry_after().unwrap();
        assert!(
            wait > Duration::from_secs(85) && wait <= Duration::from_secs(90),
            "{wait:?}"
        );
        let e = ApiError::from_response(
            "GET",
            "/x",
            503,
            &headers(&[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")]),
            b"",
        );
        assert_eq!(e.retry_after(), Some(Duration::ZERO));
        let e = ApiError::from_response("GET", "/x", 503, &headers(&[("Retry-After", "x")]), b"");
        assert_eq!(e.retry_after(), None);
    }

    #[test]
    fn request_id_header_wins_over_request_info() {
        let body = serde_json::to_vec(&json!({"error_code": "INTERNAL_ERROR",
            "details": [{"@type": "type.googleapis.com/google.rpc.RequestInfo", "request_id": "from-body"}]}))
        .unwrap();
        let e = ApiError::from_response(
            "GET",
            "/x",
            500,
            &headers(&[("x-request-id", "from-header")]),
            &body,
        );
        assert_eq!(e.request_id(), Some("from-header"));
        let e = ApiError::from_response("GET", "/x", 500, &http::HeaderMap::new(), &body);
        assert_eq!(e.request_id(), Some("from-body"));
        assert_eq!(no_code(500).request_id(), None);
    }

    #[test]
    fn derived_codes_are_flagged() {
        let e = no_code(404);
        assert_eq!(e.error_code(), &ErrorCode::NotFound);
        assert_eq!(e.error_code_from_body(), None);
        let e = from_json("GET", "/x", 404, json!({"error_code": 404, "message": "m"}));
        assert_eq!(e.error_code(), &ErrorCode::NotFound);
        assert_eq!(e.error_code_from_body(), None);
        assert!(e.is_not_found());
        let e = ApiError::from_response("GET", "/x", 404, &http::HeaderMap::new(), b"garbage");
        assert_eq!(e.error_code(), &ErrorCode::Unknown);
        assert_eq!(e.error_code_from_body(), None);
        assert!(
            e.is_not_found(),
            "a derived UNKNOWN must not hide the status"
        );
    }

    #[test]
    fn overrides_apply_through_from_response() {
        let body = json!({"error_code": "INVALID_PARAMETER_VALUE",
            "message": "Cluster 0612-000000-nope does not exist"});
        let e = from_json(
            "GET",
            "/api/2.0/clusters/get?cluster_id=0612",
            400,
            body.clone(),
        );
        assert_eq!(e.error_code(), &ErrorCode::ResourceDoesNotExist);
        assert_eq!(e.status(), 400);
        assert!(e.is_not_found());
        assert!(!e.is_invalid_parameter());
        assert_eq!(e.message(), "Cluster 0612-000000-nope does not exist");

        let e = from_json(
            "GET",
            "/api/2.1/jobs/get",
            400,
            json!({"error_code": "INVALID_PARAMETER_VALUE", "message": "Job 42 does not exist."}),
        );
        assert!(e.is_not_found());
        let e = from_json(
            "GET",
            "/api/2.1/jobs/runs/get",
            400,
            json!({"error_code": "INVALID_PARAMETER_VALUE",
                   "message": "Run: 7 in job: 42 doesn't exist"}),
        );
        assert_eq!(e.error_code(), &ErrorCode::ResourceDoesNotExist);

        // Other path, other message, other method: untouched.
        let e = from_json("GET", "/api/2.0/clusters/events", 400, body.clone());
        assert_eq!(e.error_code(), &ErrorCode::InvalidParameterValue);
        assert!(e.is_invalid_parameter() && !e.is_not_found());
        let e = from_json("POST", "/api/2.0/clusters/get", 400, body);
        assert_eq!(e.error_code(), &ErrorCode::InvalidParameterValue);
        let e = from_json(
            "GET",
            "/api/2.0/clusters/get",
            400,
            json!({"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid cluster id"}),
        );
        assert_eq!(e.error_code(), &ErrorCode::InvalidParameterValue);
        // The error built directly is never remapped.
        let e = ApiError::new(
            "GET",
            "/api/2.0/clusters/get",
            400,
            ErrorCode::InvalidParameterValue,
            "Cluster c does not exist",
        );
        assert_eq!(e.error_code(), &ErrorCode::InvalidParameterValue);
    }

    #[test]
    fn scim_through_from_response() {
        let e = from_json(
            "POST",
            "/api/2.0/preview/scim/v2/Groups",
            409,
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                   "detail": "Group with name g already exists.", "status": "409",
                   "scimType": "uniqueness"}),
        );
        assert_eq!(e.error_code(), &ErrorCode::Scim(409));
        assert_eq!(e.message(), "uniqueness Group with name g already exists.");
        assert!(e.is_already_exists() && e.is_conflict());
        assert_eq!(
            e.to_string(),
            "POST /api/2.0/preview/scim/v2/Groups: 409 SCIM_409: uniqueness Group with name g already exists."
        );
        let e = from_json(
            "GET",
            "/api/2.0/preview/scim/v2/Users/1",
            404,
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                   "detail": "User 1 not found", "status": "404"}),
        );
        assert!(e.is_not_found() && !e.is_already_exists());
    }

    #[test]
    fn is_not_found() {
        for code in ["RESOURCE_DOES_NOT_EXIST", "NOT_FOUND", "ENDPOINT_NOT_FOUND"] {
            assert!(err(404, code).is_not_found(), "{code}");
            assert!(
                err(400, code).is_not_found(),
                "{code} by code whatever the status"
            );
        }
        assert!(err(404, "FEATURE_DISABLED").is_not_found());
        assert!(!err(400, "FEATURE_DISABLED").is_not_found());
        assert!(err(404, "CATALOG_DOES_NOT_EXIST").is_not_found());
        assert!(no_code(404).is_not_found());
        assert!(!no_code(400).is_not_found());
        assert!(!err(404, "INVALID_PARAMETER_VALUE").is_not_found());
        assert!(!err(404, "PERMISSION_DENIED").is_not_found());
        assert!(!err(400, "INVALID_PARAMETER_VALUE").is_not_found());
    }

    #[test]
    fn is_already_exists_and_conflict() {
        for status in [400, 409, 500] {
            for code in ["RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS"] {
                let e = err(status, code);
                assert!(e.is_already_exists(), "{status} {code}");
                assert!(e.is_conflict(), "{status} {code}");
            }
        }
        let e = err(400, "RESOURCE_ALREADY_EXISTS");
        assert!(!e.is_invalid_parameter());
        assert!(!e.is_not_found());

        for code in ["RESOURCE_CONFLICT", "ABORTED"] {
            assert!(err(409, code).is_conflict(), "{code}");
            assert!(!err(409, code).is_already_exists(), "{code}");
        }
        assert!(no_code(409).is_conflict());
        assert!(!no_code(409).is_already_exists());
        assert!(!err(400, "INVALID_PARAMETER_VALUE").is_already_exists());
        assert!(!err(400, "INVALID_PARAMETER_VALUE").is_conflict());
        assert!(!err(404, "RESOURCE_DOES_NOT_EXIST").is_conflict());
        assert!(!ApiError::new("GET", "/", 404, ErrorCode::Scim(404), "").is_already_exists());
    }

    #[test]
    fn is_invalid_parameter() {
        for code in [
            "INVALID_PARAMETER_VALUE",
            "INVALID_STATE",
            "MALFORMED_REQUEST",
            "BAD_REQUEST",
            "RESOURCE_LIMIT_EXCEEDED",
            "QUOTA_EXCEEDED",
            "MAX_BLOCK_SIZE_EXCEEDED",
            "MAX_READ_SIZE_EXCEEDED",
            "MAX_LIST_SIZE_EXCEEDED",
            "MAX_NOTEBOOK_SIZE_EXCEEDED",
            "MAX_CHILD_NODE_SIZE_EXCEEDED",
            "DIRECTORY_NOT_EMPTY",
            "DRY_RUN_FAILED",
        ] {
            assert!(err(400, code).is_invalid_parameter(), "{code}");
        }
        assert!(err(400, "IO_ERROR").is_invalid_parameter());
        assert!(!err(500, "IO_ERROR").is_invalid_parameter());
        assert!(err(400, "DIRECTORY_PROTECTED").is_invalid_parameter());
        assert!(err(400, "SOMETHING_NEW").is_invalid_parameter());
        assert!(no_code(400).is_invalid_parameter());
        assert!(!err(400, "RESOURCE_ALREADY_EXISTS").is_invalid_parameter());
        assert!(!err(404, "RESOURCE_DOES_NOT_EXIST").is_invalid_parameter());
        assert!(!no_code(404).is_invalid_parameter());
        assert!(!err(500, "INTERNAL_ERROR").is_invalid_parameter());
    }

    #[test]
    fn is_permission_denied() {
        assert!(err(403, "PERMISSION_DENIED").is_permission_denied());
        assert!(err(400, "PERMISSION_DENIED").is_permission_denied());
        assert!(no_code(403).is_permission_denied());
        assert!(err(403, "DIRECTORY_PROTECTED").is_permission_denied());
        assert!(err(403, "INVALID_PARAMETER_VALUE").is_permission_denied());
        assert!(ApiError::private_link_validation("GET", "/api/2.0/x").is_permission_denied());
        assert!(!err(401, "UNAUTHENTICATED").is_permission_denied());
        assert!(!no_code(404).is_permission_denied());
    }

    #[test]
    fn is_unauthenticated() {
        assert!(err(401, "UNAUTHENTICATED").is_unauthenticated());
        assert!(err(401, "CUSTOMER_UNAUTHORIZED").is_unauthenticated());
        assert!(err(400, "CUSTOMER_UNAUTHORIZED").is_unauthenticated());
        assert!(no_code(401).is_unauthenticated());
        assert!(!err(403, "PERMISSION_DENIED").is_unauthenticated());
        assert!(!no_code(400).is_unauthenticated());
    }

    #[test]
    fn is_rate_limited() {
        for code in [
            "REQUEST_LIMIT_EXCEEDED",
            "RESOURCE_EXHAUSTED",
            "TOO_MANY_REQUESTS",
        ] {
            for status in [429, 400, 500] {
                assert!(err(status, code).is_rate_limited(), "{status} {code}");
                assert!(err(status, code).is_retryable(), "{status} {code}");
            }
        }
        assert!(no_code(429).is_rate_limited());
        assert!(err(429, "INVALID_STATE").is_rate_limited());
        assert!(!err(400, "QUOTA_EXCEEDED").is_rate_limited());
        assert!(!no_code(503).is_rate_limited());
    }

    #[test]
    fn is_retryable() {
        assert!(no_code(429).is_retryable());
        assert!(no_code(503).is_retryable());
        assert!(err(503, "INTERNAL_ERROR").is_retryable());
        for code in [
            "TEMPORARILY_UNAVAILABLE",
            "SERVICE_UNDER_MAINTENANCE",
            "WORKSPACE_TEMPORARILY_UNAVAILABLE",
        ] {
            assert!(err(503, code).is_retryable(), "{code}");
            assert!(err(500, code).is_retryable(), "{code}");
        }
        // Transient messages, whatever the status and code.
        let e = from_json(
            "GET",
            "/x",
            400,
            json!({"error_code": "INVALID_STATE",
                   "message": "Workspace 1 does not have any associated worker environments"}),
        );
        assert!(e.is_retryable());
        let e = from_json(
            "GET",
            "/x",
            500,
            json!({"error_code": "INTERNAL_ERROR",
                   "message": "worker env WorkerEnvId(workerenv-1234) not found"}),
        );
        assert!(e.is_retryable());
        let e = from_json(
            "GET",
            "/api/2.0/preview/scim/v2/Users",
            500,
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                   "detail": "REQUEST_LIMIT_EXCEEDED: too many", "status": "500"}),
        );
        assert!(e.is_retryable());

        // PARTIAL_DELETE needs the caller to re-issue the delete.
        let e = from_json(
            "POST",
            "/api/2.0/dbfs/delete",
            503,
            json!({"error_code": "PARTIAL_DELETE", "message": "The requested operation has deleted 8712 files."}),
        );
        assert!(!e.is_retryable());
        assert!(e.is_server_error());

        assert!(!err(500, "INTERNAL_ERROR").is_retryable());
        assert!(!err(504, "DEADLINE_EXCEEDED").is_retryable());
        assert!(!no_code(502).is_retryable());
        assert!(!err(400, "INVALID_PARAMETER_VALUE").is_retryable());
        assert!(!err(404, "RESOURCE_DOES_NOT_EXIST").is_retryable());
        assert!(!err(409, "RESOURCE_ALREADY_EXISTS").is_retryable());
        assert!(!no_code(401).is_retryable());
    }

    #[test]
    fn is_server_error() {
        assert!(no_code(500).is_server_error());
        assert!(no_code(599).is_server_error());
        assert!(!no_code(499).is_server_error());
        assert!(!no_code(600).is_server_error());
    }

    #[test]
    fn builders() {
        let e = ApiError::new("GET", "/x", 429, "REQUEST_LIMIT_EXCEEDED", "slow")
            .with_retry_after(Duration::from_secs(3))
            .with_request_id("r1")
            .with_details(vec![ErrorDetail::Other(json!({"a": 1}))]);
        assert_eq!(e.error_code(), &ErrorCode::RequestLimitExceeded);
        assert_eq!(
            e.error_code_from_body(),
            Some(&ErrorCode::RequestLimitExceeded)
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(e.request_id(), Some("r1"));
        assert_eq!(e.details().len(), 1);
        let e = ApiError::private_link_validation("GET", "/api/2.0/clusters/list");
        assert_eq!(e.status(), 403);
        assert_eq!(e.error_code(), &ErrorCode::PrivateLinkValidationError);
    }

    #[test]
    fn error_is_send_sync_and_std_error() {
        fn check<T: std::error::Error + Send + Sync + Clone + 'static>() {}
        check::<ApiError>();
    }
}
