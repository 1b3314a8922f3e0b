//! Shared helpers for the wire tests.
#![allow(dead_code, clippy::unwrap_used)]

use wiremock::matchers::header;
use wiremock::{MockBuilder, ResponseTemplate};

pub use databricks_testkit::*;

/// [`endpoint`] plus `Content-Type: application/json`.
pub fn json_endpoint(verb: &str, p: &str) -> MockBuilder {
    endpoint(verb, p).and(header("content-type", "application/json"))
}

/// A 200 response with this JSON.
pub fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}
