//! Tracing output: attempts and retries are events; bodies are redacted; no credential leaks.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use databricks_core::{Client, ConfigSources, Method, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "dapiSECRETTOKEN0123456789abcdef0000";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn debug_logs_redact_secrets_and_never_show_the_token() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503).set_body_json(json!({
                "error_code": "TEMPORARILY_UNAVAILABLE", "message": "later"
            })))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "token_value": "dapiNEWLYCREATEDTOKEN", "token_info": { "comment": "ci" }
            })))
            .mount(&server)
            .await;
        let c = Client::builder()
            .host(server.uri())
            .token(TOKEN)
            .sources(ConfigSources::empty())
            .retry_policy(RetryPolicy {
                min_backoff: Duration::from_millis(5),
                max_jitter: Duration::ZERO,
                ..RetryPolicy::default()
            })
            .build()
            .unwrap();
        c.request(Method::POST, "/api/2.0/secrets/put")
            .json(&json!({ "scope": "prod", "key": "db", "string_value": "hunter2-password" }))
            .send_empty()
            .await
            .unwrap();
        c.request(Method::POST, "/api/2.0/token/create")
            .json(&json!({ "comment": "ci" }))
            .send_empty()
            .await
            .unwrap();
    });

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(!logs.contains(TOKEN), "token leaked:\n{logs}");
    assert!(!logs.contains("SECRETTOKEN"), "token leaked:\n{logs}");
    assert!(!logs.contains("hunter2-password"), "secret leaked:\n{logs}");
    assert!(
        !logs.contains("dapiNEWLYCREATEDTOKEN"),
        "created token leaked:\n{logs}"
    );
    assert!(logs.contains("**REDACTED**"), "{logs}");
    assert!(logs.contains("/api/2.0/secrets/put"), "{logs}");
    assert!(logs.contains("\"scope\":\"prod\""), "{logs}");
    // The retry is an event with status, attempt and delay.
    let retry = logs
        .lines()
        .find(|l| l.contains("retrying"))
        .expect("a retry event");
    assert!(retry.contains("status=503"), "{retry}");
    assert!(retry.contains("attempt=1"), "{retry}");
    assert!(retry.contains("delay_ms="), "{retry}");
}
