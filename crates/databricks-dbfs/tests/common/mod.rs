//! Shared helpers for the wire tests.
#![allow(dead_code)]

use std::time::Duration;

use base64::Engine as _;
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

/// Matches requests without a body (GET parameters go in the query string).
pub fn no_body(request: &Request) -> bool {
    request.body.is_empty()
}

/// A catch-all mock that must never be hit (client-side validation tests).
pub async fn nothing_sent(server: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(server)
        .await;
}

/// An error response in the standard shape.
pub fn error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(serde_json::json!({"error_code": code, "message": message}))
}

/// A fixture's JSON.
pub fn fixture(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

/// The JSON body of a recorded request.
pub fn json_of(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("JSON body")
}

/// A parsed multipart/form-data body: text fields and the file part's bytes.
#[derive(Debug, Default)]
pub struct Form {
    pub fields: Vec<(String, String)>,
    pub file_name: Option<String>,
    pub file_part: Option<String>,
    pub file: Vec<u8>,
}

impl Form {
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
