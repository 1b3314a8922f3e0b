//! Helpers shared by the wire tests of every databricks-rs family crate: a client wired to a
//! wiremock server, request matchers, canned responses and validation assertions.
//!
//! Each crate's `tests/common/mod.rs` re-exports this crate (`pub use databricks_testkit::*;`)
//! and adds only what is particular to its API (SCIM paths, multipart forms, ...).
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod serde_props;

use std::sync::Mutex;

use base64::Engine as _;
use std::time::Duration;

use databricks_core::{Client, ConfigSources, RetryPolicy, Waiter};
use serde_json::Value;
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

/// The bearer token every test client sends.
pub const TOKEN: &str = "dapi-test";

/// A client for `server` with [`TOKEN`], no ambient configuration and no retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// A client that retries up to 3 attempts with 1 ms backoff, for retry tests.
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

/// Matches requests without a body.
pub fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// Matches requests without a query string.
pub fn no_query(request: &Request) -> bool {
    request.url.query().is_none_or(str::is_empty)
}

/// Matches requests whose query pairs are exactly `expected` (in any order; repeated keys
/// count): nothing missing, nothing extra.
pub fn exact_query(expected: &[(&str, &str)]) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    expected.sort();
    move |request: &Request| {
        let mut actual = query_pairs(request);
        actual.sort();
        actual == expected
    }
}

/// The query pairs of a request, in order.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A fixture's JSON.
pub fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

/// A 200 response with `body`.
pub fn ok_json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// A 200 response with a fixture's JSON.
pub fn ok_fixture(text: &str) -> ResponseTemplate {
    ok_json(fixture(text))
}

/// A 200 response with `{}`.
pub fn ok_empty() -> ResponseTemplate {
    ok_json(serde_json::json!({}))
}

/// A standard Databricks error response.
pub fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(serde_json::json!({ "error_code": code, "message": message }))
}

/// Answers with each response in turn, repeating the last one.
pub struct Sequence(Mutex<Vec<ResponseTemplate>>);

impl Sequence {
    /// JSON bodies answered in turn (status 200).
    pub fn json(bodies: Vec<Value>) -> Self {
        Self::new(bodies.into_iter().map(ok_json).collect())
    }

    /// Responses answered in turn.
    pub fn new(mut responses: Vec<ResponseTemplate>) -> Self {
        responses.reverse();
        Self(Mutex::new(responses))
    }
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let mut left = self.0.lock().expect("sequence lock");
        if left.len() > 1 {
            left.pop().expect("non-empty")
        } else {
            left[0].clone()
        }
    }
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

/// Polls every millisecond, for at most 5 seconds.
pub fn fast<T: Send + Sync + 'static>(w: Waiter<T>) -> Waiter<T> {
    w.poll_interval(Duration::from_millis(1), Duration::from_millis(1))
        .timeout(Duration::from_secs(5))
}

/// A catch-all mock that must never be hit (same as [`forbid_any_request`]).
pub async fn nothing_sent(server: &MockServer) {
    forbid_any_request(server).await;
}

/// A standard Databricks error response (same as [`api_error`]).
pub fn error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    api_error(status, code, message)
}

/// Standard base64 of `data`.
pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Decodes standard base64.
pub fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

/// The JSON body of a recorded request.
pub fn json_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("JSON body")
}

/// A parsed multipart/form-data body: text fields and the file part's bytes.
#[derive(Debug, Default)]
pub struct Form {
    /// Text fields, in order.
    pub fields: Vec<(String, String)>,
    /// The file part's `filename`.
    pub file_name: Option<String>,
    /// The file part's field name.
    pub file_part: Option<String>,
    /// The file part's bytes.
    pub file: Vec<u8>,
}

impl Form {
    /// The value of text field `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a multipart body the simple way (the test's own reading of RFC 7578).
pub fn parse_form(request: &Request) -> Form {
    let ct = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .expect("content type");
    let boundary = ct
        .split("boundary=")
        .nth(1)
        .expect("boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut form = Form::default();
    let positions: Vec<usize> = find_all(body, delimiter.as_bytes());
    assert!(positions.len() >= 2, "at least one part");
    for pair in positions.windows(2) {
        let start = pair[0] + delimiter.len() + 2; // CRLF after the delimiter
        let end = pair[1] - 2; // CRLF before the next delimiter
        let part = &body[start..end];
        let split = find_all(part, b"\r\n\r\n")[0];
        let headers = String::from_utf8_lossy(&part[..split]).to_string();
        let content = &part[split + 4..];
        let name = between(&headers, "name=\"", "\"").expect("part name");
        if let Some(filename) = between(&headers, "filename=\"", "\"") {
            form.file_name = Some(filename);
            form.file_part = Some(name);
            form.file = content.to_vec();
        } else {
            form.fields
                .push((name, String::from_utf8_lossy(content).to_string()));
        }
    }
    let last = *positions.last().expect("closing delimiter");
    assert_eq!(&body[last + delimiter.len()..], b"--\r\n");
    form
}

fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(text[from..to].to_owned())
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}
