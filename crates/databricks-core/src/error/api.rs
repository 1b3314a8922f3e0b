//! STUB (owned by the error helper): `ApiError`, `ErrorCode`, `ErrorDetail`.
use std::time::Duration;

/// STUB
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorCode {
    /// STUB
    Unrecognized(String),
}

impl ErrorCode {
    /// STUB
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::Unrecognized(s) => s,
        }
    }
}

/// STUB
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorDetail {
    /// STUB
    Other(serde_json::Value),
}

/// STUB
#[derive(Debug, Clone, thiserror::Error)]
#[error("{method} {path}: {status} {}: {message}", error_code.as_str())]
pub struct ApiError {
    method: String,
    path: String,
    status: u16,
    error_code: ErrorCode,
    message: String,
    retry_after: Option<Duration>,
}

impl ApiError {
    /// STUB
    pub fn from_response(
        method: &str,
        path: &str,
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        let _ = headers;
        Self {
            method: method.into(),
            path: path.into(),
            status,
            error_code: ErrorCode::Unrecognized("UNKNOWN".into()),
            message: String::from_utf8_lossy(body).into_owned(),
            retry_after: None,
        }
    }
    /// STUB
    pub fn status(&self) -> u16 {
        self.status
    }
    /// STUB
    pub fn error_code(&self) -> &ErrorCode {
        &self.error_code
    }
    /// STUB
    pub fn message(&self) -> &str {
        &self.message
    }
    /// STUB
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
    /// STUB
    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }
    /// STUB
    pub fn is_already_exists(&self) -> bool {
        self.status == 409
    }
    /// STUB
    pub fn is_invalid_parameter(&self) -> bool {
        self.status == 400
    }
    /// STUB
    pub fn is_permission_denied(&self) -> bool {
        self.status == 403
    }
    /// STUB
    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401
    }
    /// STUB
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429
    }
    /// STUB
    pub fn is_retryable(&self) -> bool {
        self.status == 429 || self.status == 503
    }
}
