//! [`ErrorCode`]: the `error_code` field of Databricks error responses.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

/// The SDK's broad classification of an error, after the Go/Python SDK error hierarchy
/// (errors.md §3). Used by the [`ApiError`](super::ApiError) predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorClass {
    BadRequest,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    ResourceConflict,
    TooManyRequests,
    Cancelled,
    InternalError,
    NotImplemented,
    TemporarilyUnavailable,
    DeadlineExceeded,
}

impl ErrorClass {
    /// The class of an HTTP status (errors.md §3.2), used when the code is absent or does not
    /// map to a class itself.
    pub(crate) fn from_status(status: u16) -> Option<Self> {
        Some(match status {
            400 => Self::BadRequest,
            401 => Self::Unauthenticated,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::ResourceConflict,
            429 => Self::TooManyRequests,
            499 => Self::Cancelled,
            500 => Self::InternalError,
            501 => Self::NotImplemented,
            503 => Self::TemporarilyUnavailable,
            504 => Self::DeadlineExceeded,
            _ => return None,
        })
    }
}

macro_rules! error_codes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident => $wire:literal, $class:expr;
    )*) => {
        /// The `error_code` of a Databricks error response.
        ///
        /// One variant per code of the platform catalogue that the SDK knows about, plus
        /// [`ErrorCode::Scim`] for the codes the SDK synthesizes for SCIM errors (`SCIM_404`), and
        /// [`ErrorCode::Unrecognized`] for every other code, which keeps the original string.
        /// Parsing never fails, and new variants may be added in minor releases (the enum is
        /// `#[non_exhaustive]`): prefer the [`ApiError`](super::ApiError) predicates such as
        /// `is_not_found()` over matching on codes.
        ///
        /// `as_str()`, `Display` and `Serialize` give the wire string; `From<&str>`, `FromStr`
        /// and `Deserialize` parse it:
        ///
        /// ```
        /// use databricks_core::ErrorCode;
        ///
        /// let code = ErrorCode::from("RESOURCE_DOES_NOT_EXIST");
        /// assert_eq!(code, ErrorCode::ResourceDoesNotExist);
        /// assert_eq!(code.as_str(), "RESOURCE_DOES_NOT_EXIST");
        ///
        /// assert_eq!("SCIM_409".parse::<ErrorCode>().unwrap(), ErrorCode::Scim(409));
        ///
        /// let other = ErrorCode::from("CATALOG_DOES_NOT_EXIST");
        /// assert_eq!(other, ErrorCode::Unrecognized("CATALOG_DOES_NOT_EXIST".into()));
        /// assert_eq!(other.to_string(), "CATALOG_DOES_NOT_EXIST");
        ///
        /// let json = serde_json::to_string(&ErrorCode::RequestLimitExceeded).unwrap();
        /// assert_eq!(json, r#""REQUEST_LIMIT_EXCEEDED""#);
        /// ```
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $(
                $(#[doc = $doc])*
                $variant,
            )*
            /// `SCIM_<status>`: synthesized by the SDK for SCIM (`/preview/scim/v2/...`) errors,
            /// which carry an HTTP status instead of an `error_code`.
            Scim(u16),
            /// Any other code, kept exactly as the service sent it.
            Unrecognized(String),
        }

        impl ErrorCode {
            /// Every variant of the catalogue (all but `Scim` and `Unrecognized`).
            #[cfg(test)]
            pub(crate) const KNOWN: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as sent on the wire, e.g. `"RESOURCE_DOES_NOT_EXIST"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                    ErrorCode::Scim(status) => scim_str(*status),
                    ErrorCode::Unrecognized(s) => s,
                }
            }

            fn known(s: &str) -> Option<Self> {
                Some(match s {
                    $($wire => ErrorCode::$variant,)*
                    _ => return None,
                })
            }

            /// The class the code maps to by itself, or `None` when it maps "by status".
            pub(crate) fn class(&self) -> Option<ErrorClass> {
                #[allow(unused_imports)]
                use ErrorClass::*;
                match self {
                    $(ErrorCode::$variant => $class,)*
                    ErrorCode::Scim(_) | ErrorCode::Unrecognized(_) => None,
                }
            }
        }
    };
}

error_codes! {
    /// `INVALID_PARAMETER_VALUE` (400): a field has a bad value. Legacy `clusters/get`,
    /// `jobs/get` and `jobs/runs/get` also use it for missing objects; the SDK remaps those to
    /// [`ErrorCode::ResourceDoesNotExist`].
    InvalidParameterValue => "INVALID_PARAMETER_VALUE", Some(BadRequest);
    /// `INVALID_STATE` (400): the object is not in a state that allows the operation.
    InvalidState => "INVALID_STATE", Some(BadRequest);
    /// `MALFORMED_REQUEST` (400): the request could not be parsed or is self-contradictory.
    MalformedRequest => "MALFORMED_REQUEST", Some(BadRequest);
    /// `BAD_REQUEST` (400): generic invalid request.
    BadRequest => "BAD_REQUEST", Some(BadRequest);
    /// `RESOURCE_LIMIT_EXCEEDED` (400): too many objects of a kind (secret scopes, secrets).
    ResourceLimitExceeded => "RESOURCE_LIMIT_EXCEEDED", Some(BadRequest);
    /// `QUOTA_EXCEEDED` (400): a quota (tokens per user, jobs) is used up.
    QuotaExceeded => "QUOTA_EXCEEDED", Some(BadRequest);
    /// `MAX_BLOCK_SIZE_EXCEEDED` (400): a DBFS block or put is larger than 1 MB.
    MaxBlockSizeExceeded => "MAX_BLOCK_SIZE_EXCEEDED", Some(BadRequest);
    /// `MAX_READ_SIZE_EXCEEDED` (400): a DBFS read asked for more than 1 MB.
    MaxReadSizeExceeded => "MAX_READ_SIZE_EXCEEDED", Some(BadRequest);
    /// `MAX_LIST_SIZE_EXCEEDED` (400): a DBFS listing is too large.
    MaxListSizeExceeded => "MAX_LIST_SIZE_EXCEEDED", Some(BadRequest);
    /// `MAX_NOTEBOOK_SIZE_EXCEEDED` (400): a workspace import or export exceeds 10 MB.
    MaxNotebookSizeExceeded => "MAX_NOTEBOOK_SIZE_EXCEEDED", Some(BadRequest);
    /// `MAX_CHILD_NODE_SIZE_EXCEEDED` (400): a workspace directory has too many children.
    MaxChildNodeSizeExceeded => "MAX_CHILD_NODE_SIZE_EXCEEDED", Some(BadRequest);
    /// `DIRECTORY_NOT_EMPTY` (400): a non-recursive delete of a non-empty directory.
    DirectoryNotEmpty => "DIRECTORY_NOT_EMPTY", Some(BadRequest);
    /// `DIRECTORY_PROTECTED` (400 or 403): a protected workspace folder.
    DirectoryProtected => "DIRECTORY_PROTECTED", None;
    /// `IO_ERROR` (400 or 500): a DBFS IO failure, e.g. a non-recursive delete of a non-empty
    /// directory.
    IoError => "IO_ERROR", None;
    /// `DRY_RUN_FAILED` (400): cluster or instance profile validation failed.
    DryRunFailed => "DRY_RUN_FAILED", Some(BadRequest);
    /// `UNAUTHENTICATED` (401): missing, invalid or expired credentials.
    Unauthenticated => "UNAUTHENTICATED", Some(Unauthenticated);
    /// `CUSTOMER_UNAUTHORIZED` (401): legacy authentication failure.
    CustomerUnauthorized => "CUSTOMER_UNAUTHORIZED", Some(Unauthenticated);
    /// `PERMISSION_DENIED` (403): the caller lacks a permission.
    PermissionDenied => "PERMISSION_DENIED", Some(PermissionDenied);
    /// `PRIVATE_LINK_VALIDATION_ERROR` (403): synthesized by the SDK when the workspace
    /// rejected the request because it did not come through Private Link.
    PrivateLinkValidationError => "PRIVATE_LINK_VALIDATION_ERROR", Some(PermissionDenied);
    /// `RESOURCE_DOES_NOT_EXIST` (404): the cluster, job, run, file, scope... does not exist.
    ResourceDoesNotExist => "RESOURCE_DOES_NOT_EXIST", Some(NotFound);
    /// `NOT_FOUND` (404): the object does not exist (newer APIs).
    NotFound => "NOT_FOUND", Some(NotFound);
    /// `ENDPOINT_NOT_FOUND` (404): wrong URL, or the API is not available.
    EndpointNotFound => "ENDPOINT_NOT_FOUND", Some(NotFound);
    /// `FEATURE_DISABLED` (404): the feature is not enabled in this workspace.
    FeatureDisabled => "FEATURE_DISABLED", None;
    /// `RESOURCE_ALREADY_EXISTS`: the object already exists. Legacy 2.0 endpoints commonly answer
    /// it with HTTP 400, newer ones with 409.
    ResourceAlreadyExists => "RESOURCE_ALREADY_EXISTS", Some(ResourceConflict);
    /// `ALREADY_EXISTS` (409): the object already exists (newer APIs).
    AlreadyExists => "ALREADY_EXISTS", Some(ResourceConflict);
    /// `RESOURCE_CONFLICT` (409): a concurrent modification.
    ResourceConflict => "RESOURCE_CONFLICT", Some(ResourceConflict);
    /// `ABORTED` (409): a concurrency conflict.
    Aborted => "ABORTED", Some(ResourceConflict);
    /// `REQUEST_LIMIT_EXCEEDED` (429): API throttling.
    RequestLimitExceeded => "REQUEST_LIMIT_EXCEEDED", Some(TooManyRequests);
    /// `RESOURCE_EXHAUSTED` (429): a per-user rate limit or quota.
    ResourceExhausted => "RESOURCE_EXHAUSTED", Some(TooManyRequests);
    /// `TOO_MANY_REQUESTS` (429): throttling.
    TooManyRequests => "TOO_MANY_REQUESTS", Some(TooManyRequests);
    /// `CANCELLED` (499): the client closed the request.
    Cancelled => "CANCELLED", Some(Cancelled);
    /// `INTERNAL_ERROR` (500): a server bug.
    InternalError => "INTERNAL_ERROR", Some(InternalError);
    /// `UNKNOWN` (500): the fallback code; also used by the SDK for unparseable error bodies.
    Unknown => "UNKNOWN", Some(InternalError);
    /// `DATA_LOSS` (500): a checksum mismatch or corruption.
    DataLoss => "DATA_LOSS", Some(InternalError);
    /// `INVALID_STATE_TRANSITION`: an internal sharding error.
    InvalidStateTransition => "INVALID_STATE_TRANSITION", None;
    /// `COULD_NOT_ACQUIRE_LOCK`: an internal sharding error.
    CouldNotAcquireLock => "COULD_NOT_ACQUIRE_LOCK", None;
    /// `NOT_IMPLEMENTED` (501): the API or feature is not supported.
    NotImplemented => "NOT_IMPLEMENTED", Some(NotImplemented);
    /// `TEMPORARILY_UNAVAILABLE` (503): a transient outage; retry.
    TemporarilyUnavailable => "TEMPORARILY_UNAVAILABLE", Some(TemporarilyUnavailable);
    /// `SERVICE_UNDER_MAINTENANCE` (503): maintenance; retry.
    ServiceUnderMaintenance => "SERVICE_UNDER_MAINTENANCE", Some(TemporarilyUnavailable);
    /// `WORKSPACE_TEMPORARILY_UNAVAILABLE` (503): the workspace is migrating; retry.
    WorkspaceTemporarilyUnavailable => "WORKSPACE_TEMPORARILY_UNAVAILABLE", Some(TemporarilyUnavailable);
    /// `PARTIAL_DELETE` (503): a recursive DBFS delete removed some files and stopped; issue the
    /// same delete again to continue. Not retried automatically.
    PartialDelete => "PARTIAL_DELETE", None;
    /// `DEADLINE_EXCEEDED` (504): a server-side timeout; the operation may still have succeeded.
    DeadlineExceeded => "DEADLINE_EXCEEDED", Some(DeadlineExceeded);
}

/// The interned `SCIM_<status>` strings, so that [`ErrorCode::as_str`] can borrow them. At most
/// one small string per distinct `u16` is ever allocated.
fn scim_str(status: u16) -> &'static str {
    static TABLE: OnceLock<Mutex<HashMap<u16, &'static str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut table = table
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    table
        .entry(status)
        .or_insert_with(|| Box::leak(format!("SCIM_{status}").into_boxed_str()))
}

/// Parses `SCIM_<status>` when `<status>` is the canonical decimal form of a `u16`, so that the
/// string round-trips.
fn parse_scim(s: &str) -> Option<ErrorCode> {
    let digits = s.strip_prefix("SCIM_")?;
    let status: u16 = digits.parse().ok()?;
    (status.to_string() == digits).then_some(ErrorCode::Scim(status))
}

impl ErrorCode {
    /// The code the SDK uses when the body carried none (errors.md §1.5, §1.6): the HTTP reason
    /// phrase upper-cased with `_` (`404` → `NOT_FOUND`, `400` → `BAD_REQUEST`,
    /// `503` → `SERVICE_UNAVAILABLE`), or `UNKNOWN` for statuses without a standard phrase.
    pub(crate) fn from_status(status: u16) -> Self {
        let reason = http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason());
        match reason {
            Some(reason) => {
                let code: String = reason
                    .trim_matches(|c: char| c == ' ' || c == '.')
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_uppercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                ErrorCode::from(code)
            }
            None => ErrorCode::Unknown,
        }
    }
}

impl From<&str> for ErrorCode {
    fn from(s: &str) -> Self {
        ErrorCode::known(s)
            .or_else(|| parse_scim(s))
            .unwrap_or_else(|| ErrorCode::Unrecognized(s.to_owned()))
    }
}

impl From<String> for ErrorCode {
    fn from(s: String) -> Self {
        ErrorCode::known(&s)
            .or_else(|| parse_scim(&s))
            .unwrap_or(ErrorCode::Unrecognized(s))
    }
}

impl FromStr for ErrorCode {
    type Err = Infallible;

    /// Never fails: unknown codes become [`ErrorCode::Unrecognized`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ErrorCode::from(s))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    /// Accepts any string (unknown ones become [`ErrorCode::Unrecognized`]) and, leniently,
    /// integers, which some legacy endpoints send (kept as `Unrecognized("<n>")`).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = ErrorCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code string")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ErrorCode, E> {
                Ok(ErrorCode::from(v))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<ErrorCode, E> {
                Ok(ErrorCode::from(v))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ErrorCode, E> {
                Ok(ErrorCode::Unrecognized(v.to_string()))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ErrorCode, E> {
                Ok(ErrorCode::Unrecognized(v.to_string()))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_round_trips() {
        assert_eq!(ErrorCode::KNOWN.len(), 42);
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::KNOWN {
            let wire = code.as_str();
            assert!(seen.insert(wire), "duplicate wire string {wire}");
            assert!(wire.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
            assert_eq!(&ErrorCode::from(wire), code);
            assert_eq!(&ErrorCode::from(wire.to_owned()), code);
            assert_eq!(&wire.parse::<ErrorCode>().unwrap(), code);
            assert_eq!(code.to_string(), wire);
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{wire}\""));
            assert_eq!(&serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
            assert!(!matches!(
                code,
                ErrorCode::Unrecognized(_) | ErrorCode::Scim(_)
            ));
        }
    }

    #[test]
    fn catalogue_spellings() {
        let cases = [
            ("INVALID_PARAMETER_VALUE", ErrorCode::InvalidParameterValue),
            ("RESOURCE_DOES_NOT_EXIST", ErrorCode::ResourceDoesNotExist),
            ("RESOURCE_ALREADY_EXISTS", ErrorCode::ResourceAlreadyExists),
            (
                "MAX_CHILD_NODE_SIZE_EXCEEDED",
                ErrorCode::MaxChildNodeSizeExceeded,
            ),
            (
                "PRIVATE_LINK_VALIDATION_ERROR",
                ErrorCode::PrivateLinkValidationError,
            ),
            (
                "WORKSPACE_TEMPORARILY_UNAVAILABLE",
                ErrorCode::WorkspaceTemporarilyUnavailable,
            ),
            ("COULD_NOT_ACQUIRE_LOCK", ErrorCode::CouldNotAcquireLock),
            ("IO_ERROR", ErrorCode::IoError),
            ("DEADLINE_EXCEEDED", ErrorCode::DeadlineExceeded),
        ];
        for (wire, code) in cases {
            assert_eq!(ErrorCode::from(wire), code);
        }
    }

    #[test]
    fn unknown_codes_keep_their_string() {
        for wire in [
            "CATALOG_DOES_NOT_EXIST",
            "",
            "resource_does_not_exist",
            "SCIM_",
            "SCIM_x",
        ] {
            let code = ErrorCode::from(wire);
            assert_eq!(code, ErrorCode::Unrecognized(wire.to_owned()));
            assert_eq!(code.as_str(), wire);
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn scim_codes_round_trip() {
        for status in [400u16, 404, 409, 500, 0, 65535] {
            let code = ErrorCode::Scim(status);
            let wire = format!("SCIM_{status}");
            assert_eq!(code.as_str(), wire);
            assert_eq!(ErrorCode::from(wire.as_str()), code);
            assert_eq!(
                serde_json::from_str::<ErrorCode>(&format!("\"{wire}\"")).unwrap(),
                code
            );
        }
        // Non-canonical numbers stay unrecognized so that they print as received.
        assert_eq!(
            ErrorCode::from("SCIM_0404"),
            ErrorCode::Unrecognized("SCIM_0404".into())
        );
        assert_eq!(
            ErrorCode::from("SCIM_70000"),
            ErrorCode::Unrecognized("SCIM_70000".into())
        );
    }

    #[test]
    fn integer_codes_deserialize_leniently() {
        assert_eq!(
            serde_json::from_str::<ErrorCode>("400").unwrap(),
            ErrorCode::Unrecognized("400".into())
        );
        assert!(serde_json::from_str::<ErrorCode>("{}").is_err());
    }

    #[test]
    fn compares_with_strings() {
        assert_eq!(ErrorCode::NotFound, "NOT_FOUND");
        assert!(ErrorCode::NotFound != "RESOURCE_DOES_NOT_EXIST");
        assert_eq!(ErrorCode::Scim(404), *"SCIM_404");
    }

    #[test]
    fn codes_from_status_use_the_reason_phrase() {
        assert_eq!(ErrorCode::from_status(404), ErrorCode::NotFound);
        assert_eq!(ErrorCode::from_status(400), ErrorCode::BadRequest);
        assert_eq!(ErrorCode::from_status(429), ErrorCode::TooManyRequests);
        assert_eq!(ErrorCode::from_status(501), ErrorCode::NotImplemented);
        assert_eq!(
            ErrorCode::from_status(500),
            ErrorCode::from("INTERNAL_SERVER_ERROR")
        );
        assert_eq!(
            ErrorCode::from_status(503),
            ErrorCode::from("SERVICE_UNAVAILABLE")
        );
        assert_eq!(ErrorCode::from_status(401), ErrorCode::from("UNAUTHORIZED"));
        assert_eq!(ErrorCode::from_status(499), ErrorCode::Unknown);
        assert_eq!(ErrorCode::from_status(599), ErrorCode::Unknown);
        assert_eq!(ErrorCode::from_status(42), ErrorCode::Unknown);
    }
}
