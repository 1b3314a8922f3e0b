//! Error body parsing (errors.md §1), the path-specific overrides (§4), the transient message
//! patterns (§5) and the `Retry-After` / `x-request-id` headers.

use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};

use super::code::ErrorCode;
use super::context::truncate_lossy;
use super::detail::ErrorDetail;

/// The longest message kept from a body that is not structured JSON (plain text, HTML,
/// anything else), in bytes. Longer messages are cut on a char boundary and end in `...`.
pub(crate) const MAX_RAW_MESSAGE: usize = 1024;

/// The SCIM error schema URN.
const SCIM_ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// What an error body says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedBody {
    /// The code: from the body, or derived by the SDK (see `code_from_body`).
    pub(crate) code: ErrorCode,
    /// Whether `code` came from the body (standard JSON `error_code`, plain text, SCIM status),
    /// rather than from the HTTP status or the `UNKNOWN` fallback.
    pub(crate) code_from_body: bool,
    /// The human-readable message.
    pub(crate) message: String,
    /// The `details` array, typed.
    pub(crate) details: Vec<ErrorDetail>,
}

impl ParsedBody {
    fn derived(status: u16, message: String) -> Self {
        Self {
            code: ErrorCode::from_status(status),
            code_from_body: false,
            message,
            details: Vec::new(),
        }
    }
}

/// Parses an error body, trying the shapes of errors.md §1 in order: standard JSON, API 1.2
/// `{"error"}`, SCIM, plain `CODE: message`, HTML `<pre>`, empty, anything else.
pub(crate) fn parse_body(status: u16, body: &[u8]) -> ParsedBody {
    if body.iter().all(u8::is_ascii_whitespace) {
        return ParsedBody::derived(status, status_text(status).to_owned());
    }
    let json = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => parse_json_object(status, map),
        _ => None,
    };
    if let Some(parsed) = json {
        return parsed;
    }
    let text = String::from_utf8_lossy(body);
    if let Some(parsed) = parse_plain_text(text.trim()) {
        return parsed;
    }
    if let Some(parsed) = parse_html(status, &text) {
        return parsed;
    }
    ParsedBody {
        code: ErrorCode::Unknown,
        code_from_body: false,
        message: truncate_lossy(text.trim().as_bytes(), MAX_RAW_MESSAGE),
        details: Vec::new(),
    }
}

/// The canonical reason phrase of a status (`Not Found`), or `""`.
fn status_text(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// A JSON value as message text: strings as they are, `null` as empty, anything else as JSON.
fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn parse_json_object(status: u16, mut map: Map<String, Value>) -> Option<ParsedBody> {
    // 1. Standard: {"error_code", "message", "details"}.
    if map.contains_key("error_code") || map.contains_key("message") || map.contains_key("details")
    {
        // An integer (or any non-string) error_code is treated as absent.
        let code = match map.get("error_code") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(ErrorCode::from(s.trim())),
            _ => None,
        };
        let mut message = text_of(map.get("message"));
        if message.is_empty() {
            message = text_of(map.get("error"));
        }
        let details = ErrorDetail::parse_all(map.remove("details").unwrap_or(Value::Null));
        let (code, code_from_body) = match code {
            Some(code) => (code, true),
            None => (ErrorCode::from_status(status), false),
        };
        return Some(ParsedBody {
            code,
            code_from_body,
            message,
            details,
        });
    }
    // 2. API 1.2: {"error": "message"}.
    if map.contains_key("error") {
        return Some(ParsedBody::derived(status, text_of(map.get("error"))));
    }
    // 3. SCIM: {"schemas": [...Error], "detail", "status", "scimType"}.
    let scim_schema = map
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|schemas| schemas.iter().any(|s| s == SCIM_ERROR_SCHEMA));
    if scim_schema || (map.contains_key("detail") && map.contains_key("status")) {
        let mut detail = text_of(map.get("detail"));
        if detail == "null" {
            detail = "SCIM API Internal Error".to_owned();
        }
        let scim_type = text_of(map.get("scimType"));
        let message = format!("{scim_type} {detail}").trim().to_owned();
        let scim_status = match map.get("status") {
            Some(Value::String(s)) => s.trim().parse::<u16>().ok(),
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            _ => None,
        };
        return Some(ParsedBody {
            code: ErrorCode::Scim(scim_status.unwrap_or(status)),
            code_from_body: true,
            message,
            details: Vec::new(),
        });
    }
    None
}

/// Shape 4, plain text: `CODE: message` (`^([A-Z_]+): (.*)$`). A multi-line message is kept whole.
fn parse_plain_text(text: &str) -> Option<ParsedBody> {
    let (code, message) = text.split_once(": ")?;
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
        return None;
    }
    Some(ParsedBody {
        code: ErrorCode::from(code),
        code_from_body: true,
        message: truncate_lossy(message.trim().as_bytes(), MAX_RAW_MESSAGE),
        details: Vec::new(),
    })
}

/// Shape 5, HTML: the text inside the first `<pre>...</pre>`, trimmed of spaces and dots; the code is
/// the status reason phrase (`NOT_FOUND`) or `UNKNOWN`.
fn parse_html(status: u16, text: &str) -> Option<ParsedBody> {
    let start = text.find("<pre>")? + "<pre>".len();
    let len = text[start..].find("</pre>")?;
    let inner = text[start..start + len].trim_matches(|c: char| c.is_whitespace() || c == '.');
    let message = if inner.is_empty() {
        status_text(status).to_owned()
    } else {
        truncate_lossy(inner.as_bytes(), MAX_RAW_MESSAGE)
    };
    Some(ParsedBody::derived(status, message))
}

/// Whether some line of `text` contains `parts` in order, as the regex `p0.*p1.*p2` would find
/// (`.` not matching newlines, unanchored).
pub(crate) fn matches_in_order(text: &str, parts: &[&str]) -> bool {
    text.split('\n').any(|line| {
        let mut rest = line;
        parts.iter().all(|part| match rest.find(part) {
            Some(i) => {
                rest = &rest[i + part.len()..];
                true
            }
            None => false,
        })
    })
}

/// The path-specific overrides of errors.md §4: legacy `GET` endpoints that answer a missing
/// object with `400 INVALID_PARAMETER_VALUE`. Returns the code to use instead, if any.
pub(crate) fn override_code(
    method: &str,
    path: &str,
    status: u16,
    code: &ErrorCode,
    message: &str,
) -> Option<ErrorCode> {
    if status != 400 || *code != ErrorCode::InvalidParameterValue {
        return None;
    }
    if !method.eq_ignore_ascii_case("GET") {
        return None;
    }
    // `^/api/2\.\d/`
    let rest = path.strip_prefix("/api/2.")?;
    let mut chars = rest.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let endpoint = chars.as_str();
    let matched = if endpoint.starts_with("/clusters/get") {
        matches_in_order(message, &["Cluster ", " does not exist"])
    } else if endpoint.starts_with("/jobs/get") {
        matches_in_order(message, &["Job ", " does not exist"])
    } else if endpoint.starts_with("/jobs/runs/get") {
        matches_in_order(message, &["Run ", " does not exist"])
            || matches_in_order(message, &["Run: ", " in job: ", " doesn't exist"])
    } else {
        false
    };
    matched.then_some(ErrorCode::ResourceDoesNotExist)
}

/// Messages that mean "try again" (errors.md §5: the Go SDK list plus the Python extras).
const TRANSIENT_MESSAGES: &[&str] = &[
    "com.databricks.backend.manager.util.UnknownWorkerEnvironmentException",
    "does not have any associated worker environments",
    "There is no worker environment with id",
    "Unknown worker environment",
    "ClusterNotReadyException",
    "Timed out after ",
    "deadline exceeded",
    "Unexpected error",
    "Please try again later or try a faster operation.",
    "RPC token bucket limit has been exceeded",
    // SCIM sometimes answers throttling with HTTP 500 and the code in the message.
    "REQUEST_LIMIT_EXCEEDED",
];

/// Whether the message matches one of the transient patterns.
pub(crate) fn is_transient_message(message: &str) -> bool {
    TRANSIENT_MESSAGES.iter().any(|p| message.contains(p))
        || matches_in_order(message, &["worker env ", " not found"])
}

/// The `Retry-After` header: integer (or, leniently, decimal) seconds, or an HTTP-date, which
/// gives the time left until then (zero if it is past).
pub(crate) fn retry_after_header(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The `x-request-id` header, if present and not empty.
pub(crate) fn request_id_header(headers: &http::HeaderMap) -> Option<String> {
    let value = headers.get("x-request-id")?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::detail::RequestInfo;

    fn parsed(code: ErrorCode, from_body: bool, message: &str) -> ParsedBody {
        ParsedBody {
            code,
            code_from_body: from_body,
            message: message.to_owned(),
            details: Vec::new(),
        }
    }

    #[test]
    fn standard_json() {
        let body = br#"{"error_code": "RESOURCE_DOES_NOT_EXIST",
            "message": "Cluster 0612-abc does not exist",
            "details": [{"@type": "type.googleapis.com/google.rpc.RequestInfo",
                         "request_id": "7f4c", "serving_data": ""}]}"#;
        let mut expected = parsed(
            ErrorCode::ResourceDoesNotExist,
            true,
            "Cluster 0612-abc does not exist",
        );
        expected.details = vec![ErrorDetail::RequestInfo(RequestInfo {
            request_id: "7f4c".into(),
            serving_data: String::new(),
        })];
        assert_eq!(parse_body(404, body), expected);
    }

    #[test]
    fn standard_json_with_unknown_code_and_no_message() {
        assert_eq!(
            parse_body(409, br#"{"error_code": "CATALOG_ALREADY_EXISTS"}"#),
            parsed(ErrorCode::from("CATALOG_ALREADY_EXISTS"), true, "")
        );
    }

    #[test]
    fn integer_error_code_falls_back_to_the_status() {
        assert_eq!(
            parse_body(404, br#"{"error_code": 404, "message": "no such thing"}"#),
            parsed(ErrorCode::NotFound, false, "no such thing")
        );
        assert_eq!(
            parse_body(500, br#"{"error_code": 500, "message": "boom"}"#),
            parsed(ErrorCode::from("INTERNAL_SERVER_ERROR"), false, "boom")
        );
        assert_eq!(
            parse_body(400, br#"{"error_code": null, "message": "m"}"#),
            parsed(ErrorCode::BadRequest, false, "m")
        );
        assert_eq!(
            parse_body(400, br#"{"error_code": "", "message": "m"}"#),
            parsed(ErrorCode::BadRequest, false, "m")
        );
    }

    #[test]
    fn api_1_2_error() {
        assert_eq!(
            parse_body(400, br#"{"error": "Context ctx-1 does not exist"}"#),
            parsed(ErrorCode::BadRequest, false, "Context ctx-1 does not exist")
        );
        assert_eq!(
            parse_body(500, br#"{"error": "java.lang.Exception: x"}"#),
            parsed(
                ErrorCode::from("INTERNAL_SERVER_ERROR"),
                false,
                "java.lang.Exception: x"
            )
        );
    }

    #[test]
    fn scim() {
        let body = br#"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "detail": "Group with name admins already exists.", "status": "409",
            "scimType": "uniqueness"}"#;
        assert_eq!(
            parse_body(409, body),
            parsed(
                ErrorCode::Scim(409),
                true,
                "uniqueness Group with name admins already exists."
            )
        );
        let body = br#"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "detail": "User not found", "status": "404"}"#;
        assert_eq!(
            parse_body(404, body),
            parsed(ErrorCode::Scim(404), true, "User not found")
        );
        let body = br#"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "detail": "null", "status": "500"}"#;
        assert_eq!(
            parse_body(500, body),
            parsed(ErrorCode::Scim(500), true, "SCIM API Internal Error")
        );
        // No schemas, numeric status.
        assert_eq!(
            parse_body(403, br#"{"detail": "nope", "status": 403}"#),
            parsed(ErrorCode::Scim(403), true, "nope")
        );
        // Schemas but no usable status: the HTTP status is used.
        let body = br#"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "detail": "bad filter", "scimType": "invalidFilter"}"#;
        assert_eq!(
            parse_body(400, body),
            parsed(ErrorCode::Scim(400), true, "invalidFilter bad filter")
        );
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            parse_body(400, b"INVALID_PARAMETER_VALUE: Invalid account id\n"),
            parsed(ErrorCode::InvalidParameterValue, true, "Invalid account id")
        );
        assert_eq!(
            parse_body(400, b"SOME_NEW_CODE: a: b"),
            parsed(ErrorCode::from("SOME_NEW_CODE"), true, "a: b")
        );
        // Lower case or spaces in the code: not this shape.
        assert_eq!(
            parse_body(400, b"Error: nope"),
            parsed(ErrorCode::Unknown, false, "Error: nope")
        );
        assert_eq!(
            parse_body(400, b"BAD THING: nope"),
            parsed(ErrorCode::Unknown, false, "BAD THING: nope")
        );
    }

    #[test]
    fn html() {
        let body = b"<html>\n<head><title>Error 404</title></head>\n<body><h2>HTTP ERROR 404</h2>\n\
            <p>Problem accessing /api/2.0/nope. Reason:\n<pre>    Not Found.</pre></p>\n</body>\n</html>";
        assert_eq!(
            parse_body(404, body),
            parsed(ErrorCode::NotFound, false, "Not Found")
        );
        let body = b"<html><body><pre>Worker environment not ready...</pre></body></html>";
        assert_eq!(
            parse_body(400, body),
            parsed(ErrorCode::BadRequest, false, "Worker environment not ready")
        );
        assert_eq!(
            parse_body(503, b"<pre>maintenance</pre>"),
            parsed(ErrorCode::from("SERVICE_UNAVAILABLE"), false, "maintenance")
        );
        assert_eq!(
            parse_body(499, b"<pre>gone</pre>"),
            parsed(ErrorCode::Unknown, false, "gone")
        );
        assert_eq!(
            parse_body(404, b"<pre> . </pre>"),
            parsed(ErrorCode::NotFound, false, "Not Found")
        );
    }

    #[test]
    fn empty_body() {
        assert_eq!(
            parse_body(404, b""),
            parsed(ErrorCode::NotFound, false, "Not Found")
        );
        assert_eq!(
            parse_body(400, b" \r\n"),
            parsed(ErrorCode::BadRequest, false, "Bad Request")
        );
        assert_eq!(
            parse_body(503, b""),
            parsed(
                ErrorCode::from("SERVICE_UNAVAILABLE"),
                false,
                "Service Unavailable"
            )
        );
        assert_eq!(parse_body(599, b""), parsed(ErrorCode::Unknown, false, ""));
    }

    #[test]
    fn anything_else() {
        assert_eq!(
            parse_body(
                502,
                b"upstream connect error or disconnect/reset before headers\n"
            ),
            parsed(
                ErrorCode::Unknown,
                false,
                "upstream connect error or disconnect/reset before headers"
            )
        );
        assert_eq!(
            parse_body(500, br#"{"unexpected": true}"#),
            parsed(ErrorCode::Unknown, false, r#"{"unexpected": true}"#)
        );
        assert_eq!(
            parse_body(500, br#"["a"]"#),
            parsed(ErrorCode::Unknown, false, r#"["a"]"#)
        );
        assert_eq!(
            parse_body(500, b"<html><h1>502 Bad Gateway</h1></html>"),
            parsed(
                ErrorCode::Unknown,
                false,
                "<html><h1>502 Bad Gateway</h1></html>"
            )
        );
        assert_eq!(
            parse_body(500, b"\xff\xfeoops"),
            parsed(ErrorCode::Unknown, false, "\u{fffd}\u{fffd}oops")
        );
    }

    #[test]
    fn huge_bodies_are_truncated_on_a_char_boundary() {
        let body = "é".repeat(5000);
        let p = parse_body(500, body.as_bytes());
        assert_eq!(p.code, ErrorCode::Unknown);
        assert!(p.message.ends_with("..."));
        let kept = p.message.trim_end_matches("...");
        assert_eq!(kept.len(), MAX_RAW_MESSAGE);
        assert!(kept.chars().all(|c| c == 'é'));

        let body = format!("x{}", "é".repeat(5000));
        let p = parse_body(500, body.as_bytes());
        let kept = p.message.trim_end_matches("...");
        assert_eq!(kept.len(), MAX_RAW_MESSAGE - 1);

        let body = format!("INTERNAL_ERROR: {}", "a".repeat(10_000));
        let p = parse_body(500, body.as_bytes());
        assert_eq!(p.code, ErrorCode::InternalError);
        assert_eq!(p.message.len(), MAX_RAW_MESSAGE + 3);
    }

    #[test]
    fn wildcard_matching() {
        let parts = &["Cluster ", " does not exist"];
        assert!(matches_in_order("Cluster 0612-abc does not exist", parts));
        assert!(matches_in_order("Oops: Cluster x does not exist.", parts));
        assert!(matches_in_order("Cluster  does not exist", parts));
        assert!(!matches_in_order("Cluster does not exist", parts));
        assert!(!matches_in_order("Cluster x\ndoes not exist", parts));
        assert!(!matches_in_order("does not exist Cluster x", parts));
        assert!(matches_in_order("a\nCluster x does not exist", parts));
    }

    #[test]
    fn overrides() {
        let ipv = ErrorCode::InvalidParameterValue;
        let fire = |method: &str, path: &str, status: u16, code: &ErrorCode, msg: &str| {
            override_code(method, path, status, code, msg)
        };
        let rde = Some(ErrorCode::ResourceDoesNotExist);
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/get",
                400,
                &ipv,
                "Cluster 0612-x does not exist"
            ),
            rde
        );
        assert_eq!(
            fire(
                "get",
                "/api/2.1/clusters/get",
                400,
                &ipv,
                "Cluster 0612-x does not exist"
            ),
            rde
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/get",
                400,
                &ipv,
                "Job 123 does not exist."
            ),
            rde
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.2/jobs/runs/get",
                400,
                &ipv,
                "Run 456 does not exist."
            ),
            rde
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/runs/get",
                400,
                &ipv,
                "Run: 456 in job: 123 doesn't exist"
            ),
            rde
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/runs/get-output",
                400,
                &ipv,
                "Run 456 does not exist"
            ),
            rde
        );

        // Not firing: other message, path, method, status or code.
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/get",
                400,
                &ipv,
                "Invalid cluster id"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/get",
                400,
                &ipv,
                "Job 1 does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/get",
                400,
                &ipv,
                "Run 1 does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/runs/get",
                400,
                &ipv,
                "Job 1 does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/list",
                400,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.1/jobs/list",
                400,
                &ipv,
                "Job 1 does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/jobs/runs/list",
                400,
                &ipv,
                "Run 1 does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/3.0/clusters/get",
                400,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.x/clusters/get",
                400,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/x/api/2.0/clusters/get",
                400,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "POST",
                "/api/2.0/clusters/get",
                400,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/get",
                404,
                &ipv,
                "Cluster x does not exist"
            ),
            None
        );
        assert_eq!(
            fire(
                "GET",
                "/api/2.0/clusters/get",
                400,
                &ErrorCode::BadRequest,
                "Cluster x does not exist"
            ),
            None
        );
    }

    #[test]
    fn transient_messages() {
        for msg in [
            "com.databricks.backend.manager.util.UnknownWorkerEnvironmentException: x",
            "Workspace 1 does not have any associated worker environments",
            "There is no worker environment with id 42",
            "Unknown worker environment: we-1",
            "java.lang.ClusterNotReadyException",
            "worker env WorkerEnvId(workerenv-1) not found",
            "Timed out after 30 seconds",
            "context deadline exceeded",
            "Unexpected error",
            "Please try again later or try a faster operation.",
            "RPC token bucket limit has been exceeded",
            "Failed: REQUEST_LIMIT_EXCEEDED",
        ] {
            assert!(is_transient_message(msg), "{msg}");
        }
        for msg in [
            "",
            "Cluster 1 does not exist",
            "worker env\nnot found",
            "worker environment not found",
            "Deadline Exceeded",
            "timed out after 30 seconds",
        ] {
            assert!(!is_transient_message(msg), "{msg}");
        }
    }

    #[test]
    fn retry_after_values() {
        let now = SystemTime::now();
        let mut headers = http::HeaderMap::new();
        assert_eq!(retry_after_header(&headers, now), None);
        headers.insert(http::header::RETRY_AFTER, "5".parse().unwrap());
        assert_eq!(
            retry_after_header(&headers, now),
            Some(Duration::from_secs(5))
        );
        headers.insert(http::header::RETRY_AFTER, " 0 ".parse().unwrap());
        assert_eq!(retry_after_header(&headers, now), Some(Duration::ZERO));
        headers.insert(http::header::RETRY_AFTER, "1.5".parse().unwrap());
        assert_eq!(
            retry_after_header(&headers, now),
            Some(Duration::from_millis(1500))
        );
        headers.insert(http::header::RETRY_AFTER, "-1".parse().unwrap());
        assert_eq!(retry_after_header(&headers, now), None);
        headers.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after_header(&headers, now), None);

        let later = now + Duration::from_secs(120);
        let date = httpdate::fmt_http_date(later);
        headers.insert(http::header::RETRY_AFTER, date.parse().unwrap());
        let wait = retry_after_header(&headers, now).unwrap();
        assert!(
            wait > Duration::from_secs(118) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );

        let past = httpdate::fmt_http_date(now - Duration::from_secs(60));
        headers.insert(http::header::RETRY_AFTER, past.parse().unwrap());
        assert_eq!(retry_after_header(&headers, now), Some(Duration::ZERO));
    }

    #[test]
    fn request_id_values() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(request_id_header(&headers), None);
        headers.insert("x-request-id", "".parse().unwrap());
        assert_eq!(request_id_header(&headers), None);
        headers.insert("X-Request-Id", "abc-123".parse().unwrap());
        assert_eq!(request_id_header(&headers).as_deref(), Some("abc-123"));
    }
}
