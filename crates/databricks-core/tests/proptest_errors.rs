//! Property tests of the error-body parser ([`ApiError::from_response`]), [`ErrorCode`]'s string
//! and serde round trips, and [`Timestamp`] serde.
//!
//! Case counts are small (CI runs them on every push); raise them locally with
//! `PROPTEST_CASES=10000 cargo test -p databricks-core --test proptest_errors`.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use databricks_core::{ApiError, ErrorCode, Timestamp};
use http::{HeaderMap, HeaderValue};
use proptest::prelude::*;
use serde_json::json;

/// The longest message the parser keeps from a body that is not structured JSON, plus the
/// `...` it appends when it cuts (error/parse.rs `MAX_RAW_MESSAGE`).
const MAX_RAW_MESSAGE: usize = 1024;
const ELLIPSIS: &str = "...";

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bodies that look like what a server (or a broken proxy) may send: raw bytes, text, JSON of
/// every shape the parser knows, JSON with wrong types, HTML.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let json_value = any_json(3);
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        ".{0,200}".prop_map(String::into_bytes),
        "[A-Z_]{1,20}: .{0,200}".prop_map(String::into_bytes),
        "<html><body><pre>.{0,200}</pre></body></html>".prop_map(String::into_bytes),
        json_value
            .clone()
            .prop_map(|v| serde_json::to_vec(&v).unwrap()),
        (json_value.clone(), json_value.clone(), json_value.clone()).prop_map(|(c, m, d)| {
            serde_json::to_vec(&json!({"error_code": c, "message": m, "details": d})).unwrap()
        }),
        (json_value.clone(), json_value.clone(), json_value.clone()).prop_map(|(d, s, t)| {
            serde_json::to_vec(&json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "detail": d, "status": s, "scimType": t,
            }))
            .unwrap()
        }),
        json_value.prop_map(|e| serde_json::to_vec(&json!({ "error": e })).unwrap()),
        details_body(),
    ]
}

/// A standard body whose `details` hold typed google.rpc details with arbitrary field values.
fn details_body() -> impl Strategy<Value = Vec<u8>> {
    let type_url = prop_oneof![
        Just("type.googleapis.com/google.rpc.ErrorInfo"),
        Just("type.googleapis.com/google.rpc.RequestInfo"),
        Just("type.googleapis.com/google.rpc.RetryInfo"),
        Just("type.googleapis.com/google.rpc.DebugInfo"),
        Just("type.googleapis.com/google.rpc.QuotaFailure"),
        Just("type.googleapis.com/google.rpc.PreconditionFailure"),
        Just("type.googleapis.com/google.rpc.BadRequest"),
        Just("type.googleapis.com/google.rpc.ResourceInfo"),
        Just("type.googleapis.com/google.rpc.Help"),
        Just("type.googleapis.com/com.example.Unknown"),
    ];
    let delay = prop_oneof![
        any_json(1),
        "-?[0-9]{0,25}(\\.[0-9]{0,12})?(e-?[0-9]{1,4})?s?".prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        (any::<i64>(), any::<i64>()).prop_map(|(s, n)| json!({"seconds": s, "nanos": n})),
    ];
    let detail = (type_url, any_json(2), delay).prop_map(|(t, v, delay)| {
        json!({
            "@type": t, "reason": v, "domain": v, "metadata": v, "request_id": v,
            "serving_data": v, "retry_delay": delay, "stack_entries": v, "detail": v,
            "violations": v, "field_violations": v, "resource_type": v, "links": v,
        })
    });
    proptest::collection::vec(detail, 0..4).prop_map(|details| {
        serde_json::to_vec(&json!({
            "error_code": "REQUEST_LIMIT_EXCEEDED",
            "message": "m",
            "details": details,
        }))
        .unwrap()
    })
}

/// Arbitrary JSON, `depth` levels deep at most.
fn any_json(depth: u32) -> BoxedStrategy<serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,30}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(".{0,8}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Headers with arbitrary (but valid as header values) `Retry-After` and `x-request-id`.
fn headers() -> impl Strategy<Value = HeaderMap> {
    let value = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        "[0-9]{0,25}".prop_map(String::into_bytes),
        "-?[0-9]{0,6}\\.[0-9]{0,6}(e[0-9]{1,4})?".prop_map(String::into_bytes),
        Just(b"NaN".to_vec()),
        Just(b"inf".to_vec()),
        Just(b"Wed, 21 Oct 2015 07:28:00 GMT".to_vec()),
        Just(b"Fri, 31 Dec 9999 23:59:59 GMT".to_vec()),
    ];
    (
        proptest::option::of(value.clone()),
        proptest::option::of(value),
    )
        .prop_map(|(ra, rid)| {
            let mut map = HeaderMap::new();
            if let Some(v) = ra.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
                map.insert(http::header::RETRY_AFTER, v);
            }
            if let Some(v) = rid.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
                map.insert("x-request-id", v);
            }
            map
        })
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("POST".to_owned()),
        Just("PATCH".to_owned()),
        Just("DELETE".to_owned()),
        "[A-Za-z]{0,10}",
    ]
}

/// Paths, including the ones with path-specific overrides.
fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/api/2.0/clusters/get".to_owned()),
        Just("/api/2.1/jobs/get".to_owned()),
        Just("/api/2.1/jobs/runs/get".to_owned()),
        Just("/api/2.0/secrets/scopes/create".to_owned()),
        "/[a-z0-9./_-]{0,40}",
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Whatever the status, headers and body, parsing never panics, keeps the status and the
    /// method, drops the query from the path, and every accessor and predicate works.
    #[test]
    fn from_response_never_panics(
        method in method(),
        path in path(),
        status in any::<u16>(),
        headers in headers(),
        body in body(),
    ) {
        let e = ApiError::from_response(&method, &path, status, &headers, &body);
        prop_assert_eq!(e.status(), status);
        prop_assert_eq!(e.method(), method.as_str());
        prop_assert!(!e.path().contains('?') && !e.path().contains('#'));
        prop_assert!(path.starts_with(e.path()));
        let _ = (e.to_string(), format!("{e:?}"), e.details().len(), e.request_id());
        let _ = (e.error_code().as_str(), e.error_code_from_body(), e.retry_after());
        let _ = (e.is_not_found(), e.is_already_exists(), e.is_conflict());
        let _ = (e.is_invalid_parameter(), e.is_permission_denied(), e.is_unauthenticated());
        let _ = (e.is_rate_limited(), e.is_server_error(), e.is_retryable());
        for d in e.details() {
            let _ = d.type_url();
        }
        // The error goes through the crate's Error too.
        let err = databricks_core::Error::from(e);
        prop_assert_eq!(err.status(), Some(status));
        let _ = (err.to_string(), err.is_retryable());
    }

    /// Bodies that are not a JSON object keep at most ~1 KiB of message.
    #[test]
    fn raw_messages_are_bounded(
        status in any::<u16>(),
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..4000),
            ".{1000,1500}".prop_map(String::into_bytes),
            "[A-Z_]{1,10}: .{1000,1500}".prop_map(String::into_bytes),
            "<pre>.{1000,1500}</pre>".prop_map(String::into_bytes),
        ],
    ) {
        let is_object = matches!(
            serde_json::from_slice::<serde_json::Value>(&body),
            Ok(serde_json::Value::Object(_))
        );
        prop_assume!(!is_object);
        let e = ApiError::from_response("GET", "/x", status, &HeaderMap::new(), &body);
        prop_assert!(
            e.message().len() <= MAX_RAW_MESSAGE + ELLIPSIS.len(),
            "message of {} bytes", e.message().len()
        );
    }

    /// The query string of the request never reaches the path, Display or Debug.
    #[test]
    fn display_never_contains_the_query(
        method in method(),
        path in "/[a-z0-9/._-]{0,30}",
        secret in "[a-z]{6,12}",
        sep in prop_oneof![Just('?'), Just('#')],
        status in 400u16..600,
        headers in headers(),
        body in body(),
    ) {
        let marker = format!("QZ{secret}QZ");
        prop_assume!(!String::from_utf8_lossy(&body).contains(&marker));
        let full = format!("{path}{sep}token={marker}&x=1");
        let e = ApiError::from_response(&method, &full, status, &headers, &body);
        prop_assert_eq!(e.path(), path.as_str());
        prop_assert!(!e.to_string().contains(&marker));
        let debug = format!("{e:?}");
        prop_assert!(!debug.contains(&marker));
        let e = ApiError::new(method, full, status, ErrorCode::BadRequest, "m");
        prop_assert!(!e.to_string().contains(&marker));
    }

    /// A standard `{error_code, message}` body keeps its code and message as sent.
    #[test]
    fn standard_body_round_trips(
        status in 400u16..600,
        code in "[A-Z][A-Z_]{0,30}",
        message in ".{0,200}",
    ) {
        let body = serde_json::to_vec(&json!({"error_code": code, "message": message})).unwrap();
        let e = ApiError::from_response("POST", "/api/2.0/x", status, &HeaderMap::new(), &body);
        prop_assert_eq!(e.error_code().as_str(), code.as_str());
        prop_assert_eq!(e.error_code_from_body().map(ErrorCode::as_str), Some(code.as_str()));
        prop_assert_eq!(e.message(), message.as_str());
        let shown = e.to_string();
        let prefix = format!("POST /api/2.0/x: {status} {code}");
        prop_assert!(shown.starts_with(&prefix));
    }

    /// An integer `Retry-After` is the delay, whatever the body says.
    #[test]
    fn integer_retry_after_is_kept(secs in any::<u64>(), status in 400u16..600, body in body()) {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, HeaderValue::from(secs));
        let e = ApiError::from_response("GET", "/x", status, &headers, &body);
        prop_assert_eq!(e.retry_after(), Some(Duration::from_secs(secs)));
    }

    /// Every string is an error code that prints, parses and serializes back to itself.
    #[test]
    fn error_code_string_round_trip(s in prop_oneof![
        ".{0,40}",
        "[A-Z_]{1,30}",
        "SCIM_[0-9]{1,6}",
        Just("RESOURCE_DOES_NOT_EXIST".to_owned()),
        Just("SCIM_0409".to_owned()),
    ]) {
        let code = ErrorCode::from(s.as_str());
        prop_assert_eq!(code.as_str(), s.as_str());
        prop_assert_eq!(code.to_string(), s.clone());
        prop_assert_eq!(ErrorCode::from(s.clone()), code.clone());
        prop_assert_eq!(s.parse::<ErrorCode>().unwrap(), code.clone());
        let json = serde_json::to_string(&code).unwrap();
        prop_assert_eq!(json, serde_json::to_string(&s).unwrap());
        let back: ErrorCode = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(back, code);
    }

    /// `SCIM_<status>` parses to the SCIM variant exactly for canonical statuses.
    #[test]
    fn scim_codes(status in any::<u16>()) {
        let code = ErrorCode::from(format!("SCIM_{status}").as_str());
        prop_assert_eq!(&code, &ErrorCode::Scim(status));
        prop_assert_eq!(code.as_str(), format!("SCIM_{status}"));
    }

    /// Timestamps are bare epoch-millisecond integers on the wire, both ways, for every i64.
    #[test]
    fn timestamp_serde(ms in any::<i64>()) {
        let t = Timestamp::from_millis(ms);
        let json = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(&json, &ms.to_string());
        let back: Timestamp = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, t);
        prop_assert_eq!(back.as_millis(), ms);
        prop_assert_eq!(Timestamp::from(ms), t);
        prop_assert_eq!(t.to_string(), ms.to_string());
        let _ = t.to_system_time();
    }

    /// Non-integer JSON is refused as a timestamp (no silent truncation of floats or strings).
    #[test]
    fn timestamp_rejects_non_integers(f in any::<f64>().prop_filter("fractional", |f| f.fract() != 0.0)) {
        let json = serde_json::to_string(&f).unwrap();
        prop_assert!(serde_json::from_str::<Timestamp>(&json).is_err());
        prop_assert!(serde_json::from_str::<Timestamp>("\"1700000000000\"").is_err());
    }
}
