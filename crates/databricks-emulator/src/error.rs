//! The standard Databricks error response, `{"error_code": ..., "message": ...}`.
//!
//! Every handler returns [`ApiError`] for failures; it renders the body and status the real
//! service uses. Constructors are named after the error codes of `shared/api/errors.md`.

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::{Map, Value, json};

/// Result of a handler: a response, or an error rendered in the standard error body.
pub(crate) type ApiResult<T = Response> = Result<T, ApiError>;

/// An error answered with the standard Databricks error body.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    /// HTTP status.
    pub(crate) status: StatusCode,
    /// `error_code` field.
    pub(crate) code: String,
    /// `message` field.
    pub(crate) message: String,
    /// Raw `Retry-After` header value, if any.
    pub(crate) retry_after: Option<String>,
    /// A raw body replacing the JSON body (fault injection of odd error shapes).
    pub(crate) raw_body: Option<String>,
    /// `details` of the body (e.g. a `google.rpc.ErrorInfo` naming a reason); omitted when empty.
    /// (A boxed slice: two words, so results carrying an `ApiError` stay small.)
    pub(crate) details: Box<[Value]>,
}

impl ApiError {
    /// An error with any status and code.
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
            raw_body: None,
            details: Box::default(),
        }
    }

    /// 400 `INVALID_PARAMETER_VALUE`.
    pub(crate) fn invalid_parameter_value(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_PARAMETER_VALUE", message)
    }

    /// 400 `INVALID_PARAMETER_VALUE` naming a missing required field.
    pub(crate) fn missing_field(field: &str) -> Self {
        Self::invalid_parameter_value(format!("Missing required field: {field}"))
    }

    /// 400 `MALFORMED_REQUEST`.
    pub(crate) fn malformed_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "MALFORMED_REQUEST", message)
    }

    /// 400 `BAD_REQUEST`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
    }

    /// 400 `RESOURCE_ALREADY_EXISTS` (legacy 2.0 endpoints answer 400, not 409).
    pub(crate) fn resource_already_exists(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "RESOURCE_ALREADY_EXISTS", message)
    }

    /// 400 `RESOURCE_LIMIT_EXCEEDED`.
    pub(crate) fn resource_limit_exceeded(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "RESOURCE_LIMIT_EXCEEDED", message)
    }

    /// 400 `QUOTA_EXCEEDED`.
    pub(crate) fn quota_exceeded(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "QUOTA_EXCEEDED", message)
    }

    /// 401 `UNAUTHENTICATED`.
    pub(crate) fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message)
    }

    /// 403 `PERMISSION_DENIED`.
    pub(crate) fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "PERMISSION_DENIED", message)
    }

    /// 404 `RESOURCE_DOES_NOT_EXIST`.
    pub(crate) fn resource_does_not_exist(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", message)
    }

    /// 404 `NOT_FOUND` (newer endpoints).
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    /// 404 `ENDPOINT_NOT_FOUND`, worded as the service does: the path without `/api/<version>`.
    pub(crate) fn endpoint_not_found(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ENDPOINT_NOT_FOUND",
            format!("No API found for '{method} {}'", strip_api_version(path)),
        )
    }

    /// 413 `REQUEST_ENTITY_TOO_LARGE`: the body is over the configured limit.
    pub(crate) fn body_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "REQUEST_ENTITY_TOO_LARGE",
            format!("The request body exceeds the limit of {limit} bytes."),
        )
    }

    /// 500 `INTERNAL_ERROR` (only for emulator bugs; bad input never gets here).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", message)
    }

    /// Adds a `google.rpc.ErrorInfo` detail with this `reason` (clients branch on it, e.g.
    /// `FILES_API_DIRECTORY_IS_NOT_EMPTY`).
    pub(crate) fn with_reason(mut self, reason: &str) -> Self {
        let mut details = std::mem::take(&mut self.details).into_vec();
        details.push(json!({
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": reason,
        }));
        self.details = details.into_boxed_slice();
        self
    }

    /// Adds a `Retry-After` header.
    pub(crate) fn with_retry_after(mut self, value: Option<String>) -> Self {
        self.retry_after = value;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = match self.raw_body {
            Some(body) => (self.status, body).into_response(),
            None => {
                let mut body = json!({ "error_code": self.code, "message": self.message });
                if !self.details.is_empty() {
                    body["details"] = Value::Array(self.details.into_vec());
                }
                (self.status, axum::Json(body)).into_response()
            }
        };
        if let Some(value) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// `/api/2.0/secrets/put` -> `/secrets/put`, as the service words "No API found" messages.
fn strip_api_version(path: &str) -> &str {
    let Some(rest) = path.strip_prefix("/api/") else {
        return path;
    };
    match rest.find('/') {
        Some(i) if rest[..i].starts_with(|c: char| c.is_ascii_digit()) => &rest[i..],
        _ => path,
    }
}

/// The error code a status implies when a fault rule gives none (the platform mapping).
pub(crate) fn default_code_for_status(status: u16) -> &'static str {
    match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "RESOURCE_CONFLICT",
        429 => "REQUEST_LIMIT_EXCEEDED",
        499 => "CANCELLED",
        501 => "NOT_IMPLEMENTED",
        503 => "TEMPORARILY_UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        500..=599 => "INTERNAL_ERROR",
        _ => "UNKNOWN",
    }
}

/// A 200 response with a JSON body.
pub(crate) fn json_ok(value: serde_json::Value) -> Response {
    (StatusCode::OK, axum::Json(value)).into_response()
}

/// `{ "<field>": [...] }`, or `{}` when empty, as the service omits empty lists.
pub(crate) fn list_body(field: &str, items: Vec<Value>) -> Value {
    let mut body = Map::new();
    if !items.is_empty() {
        body.insert(field.to_owned(), Value::Array(items));
    }
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_api_version() {
        assert_eq!(strip_api_version("/api/2.0/secrets/put"), "/secrets/put");
        assert_eq!(strip_api_version("/api/2.1/clusters/get"), "/clusters/get");
        assert_eq!(strip_api_version("/api/foo/bar"), "/api/foo/bar");
        assert_eq!(strip_api_version("/nope"), "/nope");
        assert_eq!(strip_api_version("/api/2.0"), "/api/2.0");
    }

    #[test]
    fn list_body_omits_empty() {
        assert_eq!(list_body("x", vec![]), json!({}));
        assert_eq!(list_body("x", vec![json!(1)]), json!({ "x": [1] }));
    }

    #[test]
    fn details_only_when_given() {
        let plain = ApiError::bad_request("x");
        assert!(plain.details.is_empty());
        let with = ApiError::bad_request("x").with_reason("R");
        assert_eq!(with.details[0]["reason"], "R");
        assert_eq!(
            with.details[0]["@type"],
            "type.googleapis.com/google.rpc.ErrorInfo"
        );
    }

    #[test]
    fn codes_for_statuses() {
        assert_eq!(default_code_for_status(429), "REQUEST_LIMIT_EXCEEDED");
        assert_eq!(default_code_for_status(503), "TEMPORARILY_UNAVAILABLE");
        assert_eq!(default_code_for_status(502), "INTERNAL_ERROR");
        assert_eq!(default_code_for_status(418), "UNKNOWN");
    }
}
