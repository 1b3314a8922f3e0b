//! [`ErrorDetail`]: the typed elements of the `details` array of an error response
//! (Google RPC style, errors.md §2).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// One element of the `details` array of an error response.
///
/// Newer services attach Google RPC style details, each an object with an `@type`. Known types
/// are parsed into the structs below; unknown types, and known types whose fields do not have the
/// documented shape, are kept as raw JSON in [`ErrorDetail::Other`]. Parsing details never fails.
///
/// ```
/// use databricks_core::{ApiError, ErrorDetail};
///
/// let body = br#"{"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down",
///   "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "1.5s"}]}"#;
/// let e = ApiError::from_response("GET", "/api/2.0/clusters/list", 429, &Default::default(), body);
/// match &e.details()[0] {
///     ErrorDetail::RetryInfo(info) => {
///         assert_eq!(info.retry_delay, Some(std::time::Duration::from_millis(1500)));
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorDetail {
    /// `google.rpc.ErrorInfo`: the reason of the error, with structured metadata.
    ErrorInfo(ErrorInfo),
    /// `google.rpc.RequestInfo`: the id of the request, to quote in support requests.
    RequestInfo(RequestInfo),
    /// `google.rpc.RetryInfo`: how long to wait before retrying.
    RetryInfo(RetryInfo),
    /// `google.rpc.DebugInfo`: server-side debugging information.
    DebugInfo(DebugInfo),
    /// `google.rpc.QuotaFailure`: which quotas were exceeded.
    QuotaFailure(QuotaFailure),
    /// `google.rpc.PreconditionFailure`: which preconditions failed.
    PreconditionFailure(PreconditionFailure),
    /// `google.rpc.BadRequest`: which request fields were invalid.
    BadRequest(BadRequest),
    /// `google.rpc.ResourceInfo`: the resource the error is about.
    ResourceInfo(ResourceInfo),
    /// `google.rpc.Help`: links to documentation.
    Help(Help),
    /// Any other detail (unknown `@type`, no `@type`, or a known type with malformed fields),
    /// kept as the raw JSON the service sent.
    Other(serde_json::Value),
}

/// `type.googleapis.com/google.rpc.ErrorInfo`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ErrorInfo {
    /// The reason of the error, a constant such as `INVALID_TOKEN`.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub reason: String,
    /// The logical grouping the reason belongs to, typically a service name.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub domain: String,
    /// Additional structured details.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub metadata: BTreeMap<String, String>,
}

/// `type.googleapis.com/google.rpc.RequestInfo`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct RequestInfo {
    /// The id of the request, to quote when contacting support.
    #[serde(
        alias = "requestId",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub request_id: String,
    /// Opaque data the server attached for debugging.
    #[serde(
        alias = "servingData",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub serving_data: String,
}

/// `type.googleapis.com/google.rpc.RetryInfo`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct RetryInfo {
    /// How long to wait before retrying, parsed from a protobuf duration such as `"1.5s"`.
    #[serde(alias = "retryDelay", deserialize_with = "deserialize_duration")]
    pub retry_delay: Option<Duration>,
}

/// `type.googleapis.com/google.rpc.DebugInfo`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DebugInfo {
    /// The stack trace entries.
    #[serde(
        alias = "stackEntries",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub stack_entries: Vec<String>,
    /// Additional debugging information.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub detail: String,
}

/// `type.googleapis.com/google.rpc.QuotaFailure`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QuotaFailure {
    /// The exceeded quotas.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub violations: Vec<QuotaViolation>,
}

/// One exceeded quota of a [`QuotaFailure`].
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QuotaViolation {
    /// What the quota applies to, e.g. a user or a project.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub subject: String,
    /// How the quota was exceeded.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub description: String,
}

/// `type.googleapis.com/google.rpc.PreconditionFailure`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PreconditionFailure {
    /// The failed preconditions.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub violations: Vec<PreconditionViolation>,
}

/// One failed precondition of a [`PreconditionFailure`].
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PreconditionViolation {
    /// The kind of precondition (JSON `type`), e.g. `TOS`.
    pub r#type: String,
    /// What the precondition applies to.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub subject: String,
    /// How the precondition failed.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub description: String,
}

/// `type.googleapis.com/google.rpc.BadRequest`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct BadRequest {
    /// The invalid request fields.
    #[serde(
        alias = "fieldViolations",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub field_violations: Vec<FieldViolation>,
}

/// One invalid field of a [`BadRequest`].
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FieldViolation {
    /// The path of the field, e.g. `spark_conf.foo`.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub field: String,
    /// Why the value is invalid.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub description: String,
}

/// `type.googleapis.com/google.rpc.ResourceInfo`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ResourceInfo {
    /// The kind of resource, e.g. `cluster`.
    #[serde(
        alias = "resourceType",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub resource_type: String,
    /// The name or id of the resource.
    #[serde(
        alias = "resourceName",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub resource_name: String,
    /// The owner of the resource, if known.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub owner: String,
    /// What went wrong with the resource.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub description: String,
}

/// `type.googleapis.com/google.rpc.Help`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Help {
    /// The documentation links.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub links: Vec<HelpLink>,
}

/// One link of a [`Help`] detail.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct HelpLink {
    /// What the link is about.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub description: String,
    /// The URL.
    #[serde(deserialize_with = "crate::serde_util::null_default")]
    pub url: String,
}

impl ErrorDetail {
    /// Parses one element of `details`. Never fails: anything that is not a well-formed known
    /// type becomes [`ErrorDetail::Other`].
    pub(crate) fn from_json(value: serde_json::Value) -> Self {
        let Some(type_url) = value.get("@type").and_then(serde_json::Value::as_str) else {
            return ErrorDetail::Other(value);
        };
        // Match on the message name, whatever the type URL's host.
        let name = type_url.rsplit('/').next().unwrap_or(type_url);
        let parsed = match name {
            "google.rpc.ErrorInfo" => typed(&value).map(ErrorDetail::ErrorInfo),
            "google.rpc.RequestInfo" => typed(&value).map(ErrorDetail::RequestInfo),
            "google.rpc.RetryInfo" => typed(&value).map(ErrorDetail::RetryInfo),
            "google.rpc.DebugInfo" => typed(&value).map(ErrorDetail::DebugInfo),
            "google.rpc.QuotaFailure" => typed(&value).map(ErrorDetail::QuotaFailure),
            "google.rpc.PreconditionFailure" => typed(&value).map(ErrorDetail::PreconditionFailure),
            "google.rpc.BadRequest" => typed(&value).map(ErrorDetail::BadRequest),
            "google.rpc.ResourceInfo" => typed(&value).map(ErrorDetail::ResourceInfo),
            "google.rpc.Help" => typed(&value).map(ErrorDetail::Help),
            _ => None,
        };
        parsed.unwrap_or(ErrorDetail::Other(value))
    }

    /// Parses a whole `details` value: an array of details, or, leniently, anything else kept
    /// as one [`ErrorDetail::Other`] (`null` gives no details).
    pub(crate) fn parse_all(value: serde_json::Value) -> Vec<Self> {
        match value {
            serde_json::Value::Array(items) => items.into_iter().map(Self::from_json).collect(),
            serde_json::Value::Null => Vec::new(),
            other => vec![ErrorDetail::Other(other)],
        }
    }

    /// The `@type` of the detail, e.g. `type.googleapis.com/google.rpc.RetryInfo`, when known
    /// (for [`ErrorDetail::Other`], the `@type` string the service sent, if any).
    pub fn type_url(&self) -> Option<&str> {
        Some(match self {
            ErrorDetail::ErrorInfo(_) => "type.googleapis.com/google.rpc.ErrorInfo",
            ErrorDetail::RequestInfo(_) => "type.googleapis.com/google.rpc.RequestInfo",
            ErrorDetail::RetryInfo(_) => "type.googleapis.com/google.rpc.RetryInfo",
            ErrorDetail::DebugInfo(_) => "type.googleapis.com/google.rpc.DebugInfo",
            ErrorDetail::QuotaFailure(_) => "type.googleapis.com/google.rpc.QuotaFailure",
            ErrorDetail::PreconditionFailure(_) => {
                "type.googleapis.com/google.rpc.PreconditionFailure"
            }
            ErrorDetail::BadRequest(_) => "type.googleapis.com/google.rpc.BadRequest",
            ErrorDetail::ResourceInfo(_) => "type.googleapis.com/google.rpc.ResourceInfo",
            ErrorDetail::Help(_) => "type.googleapis.com/google.rpc.Help",
            ErrorDetail::Other(value) => return value.get("@type")?.as_str(),
        })
    }
}

fn typed<T: DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Deserializes a protobuf JSON duration: a string such as `"1.5s"`, or, leniently, an object
/// `{"seconds": 1, "nanos": 500000000}` or a number of seconds. `null` gives `None`.
fn deserialize_duration<'de, D>(deserializer: D) -> Result<Option<Duration>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;

    let value = serde_json::Value::deserialize(deserializer)?;
    let parsed = match &value {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::String(s) => parse_duration(s),
        serde_json::Value::Number(n) => n
            .as_f64()
            .and_then(|secs| Duration::try_from_secs_f64(secs).ok()),
        serde_json::Value::Object(map) => {
            let seconds = match map.get("seconds") {
                None => Some(0),
                Some(serde_json::Value::String(s)) => s.parse::<u64>().ok(),
                Some(v) => v.as_u64(),
            };
            let nanos = match map.get("nanos") {
                None => Some(0),
                Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()),
            };
            match (seconds, nanos) {
                (Some(s), Some(n)) if n < 1_000_000_000 => Some(Duration::new(s, n)),
                _ => None,
            }
        }
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("invalid duration: {value}")))
}

/// Parses a protobuf duration string: decimal seconds with an `s` suffix, up to nanosecond
/// precision (`"5s"`, `"1.5s"`, `"0.000000001s"`). Extra fraction digits are truncated.
/// Negative durations are rejected.
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let number = s.trim().strip_suffix('s')?;
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (number, ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let seconds: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut nanos: u32 = 0;
    for (i, digit) in fraction.bytes().take(9).enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
    }
    Some(Duration::new(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detail(value: serde_json::Value) -> ErrorDetail {
        ErrorDetail::from_json(value)
    }

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("5s"), Some(Duration::from_secs(5)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(
            parse_duration("0.000000001s"),
            Some(Duration::from_nanos(1))
        );
        assert_eq!(
            parse_duration("0.0000000019s"),
            Some(Duration::from_nanos(1))
        );
        assert_eq!(parse_duration(".25s"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("3.s"), Some(Duration::from_secs(3)));
        assert_eq!(parse_duration("0s"), Some(Duration::ZERO));
        for bad in [
            "", "s", ".s", "5", "-1s", "1.5ms", "abc", "1,5s", "1.-5s", "+1s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_every_known_type() {
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "INVALID_TOKEN", "domain": "databricks.com",
                "metadata": {"k": "v"}})),
            ErrorDetail::ErrorInfo(ErrorInfo {
                reason: "INVALID_TOKEN".into(),
                domain: "databricks.com".into(),
                metadata: [("k".to_owned(), "v".to_owned())].into_iter().collect(),
            })
        );
        assert_eq!(
            detail(
                json!({"@type": "type.googleapis.com/google.rpc.RequestInfo",
                "request_id": "abc", "serving_data": "sd"})
            ),
            ErrorDetail::RequestInfo(RequestInfo {
                request_id: "abc".into(),
                serving_data: "sd".into(),
            })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retry_delay": "2.25s"})),
            ErrorDetail::RetryInfo(RetryInfo {
                retry_delay: Some(Duration::from_millis(2250)),
            })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.DebugInfo",
                "stack_entries": ["a", "b"], "detail": "d"})),
            ErrorDetail::DebugInfo(DebugInfo {
                stack_entries: vec!["a".into(), "b".into()],
                detail: "d".into(),
            })
        );
        assert_eq!(
            detail(
                json!({"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [{"subject": "user:1", "description": "too many tokens"}]})
            ),
            ErrorDetail::QuotaFailure(QuotaFailure {
                violations: vec![QuotaViolation {
                    subject: "user:1".into(),
                    description: "too many tokens".into(),
                }],
            })
        );
        assert_eq!(
            detail(
                json!({"@type": "type.googleapis.com/google.rpc.PreconditionFailure",
                "violations": [{"type": "TOS", "subject": "ws", "description": "accept"}]})
            ),
            ErrorDetail::PreconditionFailure(PreconditionFailure {
                violations: vec![PreconditionViolation {
                    r#type: "TOS".into(),
                    subject: "ws".into(),
                    description: "accept".into(),
                }],
            })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.BadRequest",
                "field_violations": [{"field": "num_workers", "description": "negative"}]})),
            ErrorDetail::BadRequest(BadRequest {
                field_violations: vec![FieldViolation {
                    field: "num_workers".into(),
                    description: "negative".into(),
                }],
            })
        );
        assert_eq!(
            detail(
                json!({"@type": "type.googleapis.com/google.rpc.ResourceInfo",
                "resource_type": "cluster", "resource_name": "c1", "owner": "me",
                "description": "gone"})
            ),
            ErrorDetail::ResourceInfo(ResourceInfo {
                resource_type: "cluster".into(),
                resource_name: "c1".into(),
                owner: "me".into(),
                description: "gone".into(),
            })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.Help",
                "links": [{"description": "docs", "url": "https://docs.databricks.com"}]})),
            ErrorDetail::Help(Help {
                links: vec![HelpLink {
                    description: "docs".into(),
                    url: "https://docs.databricks.com".into(),
                }],
            })
        );
    }

    #[test]
    fn type_urls_round_trip() {
        for name in [
            "ErrorInfo",
            "RequestInfo",
            "RetryInfo",
            "DebugInfo",
            "QuotaFailure",
            "PreconditionFailure",
            "BadRequest",
            "ResourceInfo",
            "Help",
        ] {
            let url = format!("type.googleapis.com/google.rpc.{name}");
            let d = detail(json!({"@type": url}));
            assert!(!matches!(d, ErrorDetail::Other(_)), "{name}");
            assert_eq!(d.type_url(), Some(url.as_str()));
        }
        let other = detail(json!({"@type": "type.googleapis.com/x.Y", "a": 1}));
        assert_eq!(other.type_url(), Some("type.googleapis.com/x.Y"));
        assert_eq!(detail(json!({"a": 1})).type_url(), None);
    }

    #[test]
    fn camel_case_fields_and_missing_fields_are_accepted() {
        assert_eq!(
            detail(
                json!({"@type": "type.googleapis.com/google.rpc.RequestInfo",
                "requestId": "r1"})
            ),
            ErrorDetail::RequestInfo(RequestInfo {
                request_id: "r1".into(),
                serving_data: String::new(),
            })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.RetryInfo"})),
            ErrorDetail::RetryInfo(RetryInfo { retry_delay: None })
        );
        assert_eq!(
            detail(json!({"@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": {"seconds": 3, "nanos": 5}})),
            ErrorDetail::RetryInfo(RetryInfo {
                retry_delay: Some(Duration::new(3, 5)),
            })
        );
    }

    #[test]
    fn unknown_and_malformed_details_are_kept_raw() {
        let raw = [
            json!({"@type": "type.googleapis.com/com.databricks.Whatever", "x": [1, 2]}),
            json!({"no_type": true}),
            json!({"@type": 42}),
            json!("just a string"),
            json!(7),
            json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "soon"}),
            json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "-1s"}),
            json!({"@type": "type.googleapis.com/google.rpc.RequestInfo", "request_id": 5}),
            json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo", "metadata": {"k": 1}}),
            json!({"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": "x"}),
            json!({"@type": "type.googleapis.com/google.rpc.Help", "links": [3]}),
        ];
        for value in raw {
            assert_eq!(detail(value.clone()), ErrorDetail::Other(value));
        }
    }

    #[test]
    fn parse_all_is_lenient() {
        assert_eq!(ErrorDetail::parse_all(json!(null)), vec![]);
        assert_eq!(ErrorDetail::parse_all(json!([])), vec![]);
        assert_eq!(
            ErrorDetail::parse_all(json!({"a": 1})),
            vec![ErrorDetail::Other(json!({"a": 1}))]
        );
        let all = ErrorDetail::parse_all(json!([
            {"@type": "type.googleapis.com/google.rpc.RequestInfo", "request_id": "r"},
            {"@type": "unknown"},
        ]));
        assert_eq!(all.len(), 2);
        assert!(matches!(all[0], ErrorDetail::RequestInfo(_)));
        assert!(matches!(all[1], ErrorDetail::Other(_)));
    }

    #[test]
    fn null_fields_still_give_typed_details() {
        let all = ErrorDetail::parse_all(json!([
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
             "reason": "INVALID_TOKEN", "domain": null, "metadata": null},
            {"@type": "type.googleapis.com/google.rpc.DebugInfo",
             "stackEntries": null, "detail": null},
        ]));
        match &all[0] {
            ErrorDetail::ErrorInfo(info) => {
                assert_eq!(info.reason, "INVALID_TOKEN");
                assert!(info.domain.is_empty() && info.metadata.is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&all[1], ErrorDetail::DebugInfo(d) if d.stack_entries.is_empty()));
    }
}
