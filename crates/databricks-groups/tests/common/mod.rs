//! Shared helpers for the wire tests.
#![allow(dead_code, clippy::unwrap_used)]

use databricks_core::{Client, ConfigSources, RetryPolicy};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "dapi-test";

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

/// A mock for `verb path` that also requires the bearer token.
pub fn endpoint(verb: &str, p: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(p))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
}

/// [`endpoint`] plus `Content-Type: application/json`.
pub fn json_endpoint(verb: &str, p: &str) -> MockBuilder {
    endpoint(verb, p).and(header("content-type", "application/json"))
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

/// A 200 response with this JSON.
pub fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// A standard Databricks error response.
pub fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(serde_json::json!({ "error_code": code, "message": message }))
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
