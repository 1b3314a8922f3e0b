//! Shared helpers for the wire tests.
#![allow(dead_code, clippy::unwrap_used)]

use databricks_core::{Client, ConfigSources, RetryPolicy};
use serde_json::Value;
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "dapi-test";
pub const BASE: &str = "/api/2.0/preview/scim/v2";

/// A client for `server` with a fixed token, no ambient configuration and no retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

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

/// Matches requests without a body.
pub fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// Matches requests without a query string.
pub fn no_query(request: &Request) -> bool {
    request.url.query().is_none_or(str::is_empty)
}

/// Matches a request whose query is exactly `expected` (any order).
pub fn exact_query(expected: &[(&str, &str)]) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    expected.sort();
    move |request: &Request| {
        let mut actual: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        actual.sort();
        actual == expected
    }
}

/// A fixture's JSON.
pub fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
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

/// Mounts a catch-all that must never be hit: client-side validation sends nothing.
pub async fn forbid_any_request(server: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .named("no request may reach the server")
        .mount(server)
        .await;
}

/// Asserts `result` is a client-side validation error for `field`.
pub fn assert_invalid<T: std::fmt::Debug>(result: databricks_core::Result<T>, field: &str) {
    match result {
        Err(databricks_core::Error::InvalidInput(e)) => assert_eq!(e.field(), field, "{e}"),
        other => panic!("expected InvalidInput({field}), got {other:?}"),
    }
}

/// The JSON body of the `n`th request received.
pub async fn body_of(server: &MockServer, n: usize) -> Value {
    let requests = server.received_requests().await.unwrap();
    serde_json::from_slice(&requests[n].body).unwrap()
}
