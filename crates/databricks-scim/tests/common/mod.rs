//! Shared helpers for the wire tests.
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

pub use databricks_testkit::*;

pub const BASE: &str = "/api/2.0/preview/scim/v2";

/// A mock for `verb BASE/rest` that also requires the bearer token and the SCIM `Accept`.
pub fn endpoint(verb: &str, rest: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{BASE}{rest}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
}

/// [`endpoint`] plus `Accept: application/json`.
pub fn scim(verb: &str, rest: &str) -> MockBuilder {
    endpoint(verb, rest).and(header("accept", "application/json"))
}

/// [`scim`] plus `Content-Type: application/json` (writes).
pub fn scim_write(verb: &str, rest: &str) -> MockBuilder {
    scim(verb, rest).and(header("content-type", "application/json"))
}

/// A response with `status` and a SCIM JSON body (`application/scim+json`, as the service
/// may answer).
pub fn scim_json(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/scim+json")
}

/// A SCIM error response.
pub fn scim_error(status: u16, scim_type: Option<&str>, detail: &str) -> ResponseTemplate {
    let mut body = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "detail": detail,
        "status": status.to_string(),
    });
    if let Some(t) = scim_type {
        body["scimType"] = Value::String(t.to_owned());
    }
    scim_json(status, body)
}

/// A SCIM list response.
pub fn list_body(total: u64, start: u64, resources: Vec<Value>) -> Value {
    let mut body = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": resources.len(),
    });
    if !resources.is_empty() {
        body["Resources"] = Value::Array(resources);
    }
    body
}

/// The JSON body of the `n`th request received.
pub async fn body_of(server: &MockServer, n: usize) -> Value {
    let requests = server.received_requests().await.unwrap();
    serde_json::from_slice(&requests[n].body).unwrap()
}
