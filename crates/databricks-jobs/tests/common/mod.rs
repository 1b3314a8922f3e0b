//! Shared helpers for the wire tests.
#![allow(dead_code)]

use databricks_jobs::JobsApi;
use wiremock::{MockServer, Request};

pub use databricks_testkit::*;

/// A mock server and a 2.2 jobs handle on it.
pub async fn setup() -> (MockServer, JobsApi) {
    let server = MockServer::start().await;
    let api = JobsApi::new(client(&server));
    (server, api)
}

/// Matches requests without a `page_token` query parameter.
pub fn no_page_token(request: &Request) -> bool {
    !request.url.query_pairs().any(|(k, _)| k == "page_token")
}
