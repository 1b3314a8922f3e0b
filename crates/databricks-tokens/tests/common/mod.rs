//! Shared helpers for the wire tests.
#![allow(dead_code)]

use std::time::Duration;

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
        .expect("client")
}

/// Like [`client`], but retrying quickly (1 ms backoff, at most 3 attempts).
pub fn retrying_client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy {
            min_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
            max_jitter: Duration::ZERO,
            max_attempts: Some(3),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

/// A mock for `verb path` that also requires the bearer token.
pub fn endpoint(verb: &str, p: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(p))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
}

/// Matches requests without a body (GET and DELETE parameters go in the query string).
pub fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// Matches requests without a query string.
pub fn no_query(request: &Request) -> bool {
    request.url.query().is_none_or(str::is_empty)
}

/// A fixture's JSON.
pub fn fixture(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// A 200 response with the fixture's JSON.
pub fn ok_fixture(text: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(fixture(text))
}

/// A 200 response with `{}`.
pub fn ok_empty() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({}))
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
