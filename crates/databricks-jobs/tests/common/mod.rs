//! Shared helpers for the wire tests.
#![allow(dead_code)]

use std::time::Duration;

use databricks_core::{Client, ConfigSources, RetryPolicy};
use databricks_jobs::JobsApi;
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

/// A mock server and a 2.2 jobs handle on it.
pub async fn setup() -> (MockServer, JobsApi) {
    let server = MockServer::start().await;
    let api = JobsApi::new(client(&server));
    (server, api)
}

/// A mock for `verb path` that also requires the bearer token.
pub fn endpoint(verb: &str, p: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(p))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
}

/// Matches requests without a body (GET parameters go in the query string).
pub fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// Matches requests without a query string.
pub fn no_query(request: &Request) -> bool {
    request.url.query().is_none_or(str::is_empty)
}

/// Matches requests whose query has exactly these pairs (in any order).
pub fn exact_query(pairs: &[(&str, &str)]) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let mut want: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    want.sort();
    move |request: &Request| {
        let mut got: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        got.sort();
        got == want
    }
}

/// Matches requests without a `page_token` query parameter.
pub fn no_page_token(request: &Request) -> bool {
    !request.url.query_pairs().any(|(k, _)| k == "page_token")
}

/// A fixture's JSON.
pub fn fixture(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// A 200 response with this JSON.
pub fn ok_json(value: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(value)
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
#[track_caller]
pub fn assert_invalid<T: std::fmt::Debug>(result: databricks_core::Result<T>, field: &str) {
    match result {
        Err(databricks_core::Error::InvalidInput(e)) => assert_eq!(e.field(), field, "{e}"),
        other => panic!("expected InvalidInput({field}), got {other:?}"),
    }
}
