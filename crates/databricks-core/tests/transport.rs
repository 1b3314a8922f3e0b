//! Wire tests of the transport: headers, retries, timeouts, decoding, network settings.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use databricks_core::{
    Client, ConfigSources, Error, ErrorCode, Method, RetryPolicy, TimeoutKind, TransportErrorKind,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "dapi0123456789abcdef0123456789abcdef";

/// Fast retries so that retry tests take milliseconds.
fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        min_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_jitter: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn api_error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "error_code": code, "message": message }))
}

#[tokio::test]
async fn sends_auth_user_agent_accept_query_and_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/2.0/secrets/put"))
        .and(query_param("x", "1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({ "scope": "s", "key": "k" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .user_agent_suffix("deploy-bot/2.1")
        .build()
        .unwrap();
    c.request(Method::POST, "/api/2.0/secrets/put")
        .query("x", 1)
        .json(&json!({ "scope": "s", "key": "k" }))
        .send_empty()
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let ua = received[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        ua.starts_with(&format!("databricks-rs/{} rust/", databricks_core::VERSION)),
        "{ua}"
    );
    assert!(
        ua.contains(&format!(
            " os/{} auth/pat deploy-bot/2.1",
            std::env::consts::OS
        )),
        "{ua}"
    );
    assert_eq!(c.user_agent(), ua);
}

#[test]
fn user_agent_suffix_that_cannot_be_a_header_fails_the_build() {
    let err = Client::builder()
        .host("https://example.cloud.databricks.com")
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .user_agent_suffix("bot/1\r\nX-Evil: 1")
        .build()
        .unwrap_err();
    match err {
        databricks_core::Error::InvalidInput(e) => assert_eq!(e.field(), "user_agent_suffix"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn retries_503_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/2.0/x"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "later"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/2.0/x"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true })))
        .expect(1)
        .mount(&server)
        .await;
    let v: Value = client(&server)
        .request(Method::POST, "/api/2.0/x")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(v, json!({ "ok": true }));
}

#[tokio::test]
async fn honours_retry_after_seconds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            api_error(429, "REQUEST_LIMIT_EXCEEDED", "slow down").insert_header("Retry-After", "1"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server)
        .request(Method::GET, "/api/2.0/x")
        .send_empty()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
}

#[tokio::test]
async fn request_limit_exceeded_on_400_is_retried_even_for_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(api_error(400, "REQUEST_LIMIT_EXCEEDED", "rate limited"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .request(Method::POST, "/api/2.0/clusters/create")
        .json(&json!({}))
        .send_empty()
        .await
        .unwrap();
}

#[tokio::test]
async fn post_is_not_retried_on_500() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .request(Method::POST, "/api/2.1/clusters/create")
        .json(&json!({}))
        .send_empty()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.error_code(), Some(&ErrorCode::InternalError));
}

#[tokio::test]
async fn get_and_idempotent_post_are_retried_on_500() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(api_error(502, "BAD_GATEWAY", "proxy"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(2)
        .mount(&server)
        .await;
    let c = client(&server);
    c.request(Method::GET, "/api/2.0/x")
        .send_empty()
        .await
        .unwrap();
    c.request(Method::POST, "/api/2.0/secrets/delete")
        .idempotent(true)
        .json(&json!({}))
        .send_empty()
        .await
        .unwrap();
}

#[tokio::test]
async fn exhausted_budget_returns_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "still down"))
        .mount(&server)
        .await;
    let c = Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy {
            budget: Duration::from_millis(200),
            ..fast_retries()
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c
        .request(Method::GET, "/api/2.0/x")
        .send_empty()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.as_api().unwrap().message(), "still down");
    let attempts = server.received_requests().await.unwrap().len();
    assert!(attempts >= 3, "only {attempts} attempts");
}

#[tokio::test]
async fn max_attempts_and_disabled_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "down"))
        .mount(&server)
        .await;
    let c = Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy {
            max_attempts: Some(3),
            ..fast_retries()
        })
        .build()
        .unwrap();
    assert!(c.request(Method::GET, "/a").send_empty().await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "down"))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = c.request(Method::GET, "/a").send_empty().await.unwrap_err();
    assert!(err.is_retryable());
}

#[tokio::test]
async fn client_errors_are_not_retried_and_display_well() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(api_error(
            400,
            "RESOURCE_ALREADY_EXISTS",
            "Scope 'x' already exists",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .request(Method::POST, "/api/2.0/secrets/scopes/create")
        .query("q", "not-in-errors")
        .json(&json!({ "scope": "x" }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_already_exists());
    assert_eq!(
        err.to_string(),
        "POST /api/2.0/secrets/scopes/create: 400 RESOURCE_ALREADY_EXISTS: Scope 'x' already exists"
    );
}

#[tokio::test]
async fn attempt_timeout_is_retried_for_get_and_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy {
            max_attempts: Some(2),
            ..fast_retries()
        })
        .build()
        .unwrap();
    let err = c
        .request(Method::GET, "/slow")
        .send_empty()
        .await
        .unwrap_err();
    match &err {
        Error::Timeout(t) => assert_eq!(t.kind(), TimeoutKind::Attempt),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn operation_timeout_bounds_the_whole_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "down"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client(&server)
        .request(Method::GET, "/x")
        .timeout(Duration::from_millis(150))
        .send_empty()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    match &err {
        Error::Timeout(t) => assert_eq!(t.kind(), TimeoutKind::Operation),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_retried_then_reported() {
    // Bind then drop a listener so the port is (very likely) closed.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = Client::builder()
        .host(format!("http://127.0.0.1:{port}"))
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .no_proxy()
        .retry_policy(RetryPolicy {
            max_attempts: Some(2),
            ..fast_retries()
        })
        .build()
        .unwrap();
    let err = c
        .request(Method::POST, "/api/2.0/x")
        .json(&json!({}))
        .send_empty()
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => {
            assert_eq!(t.kind(), TransportErrorKind::Connect);
            assert_eq!(t.path(), "/api/2.0/x");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
}

#[tokio::test]
async fn decode_errors_name_the_json_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"scopes":[{"name":7}]}"#))
        .mount(&server)
        .await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Scope {
        name: String,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Scopes {
        scopes: Vec<Scope>,
    }
    let err = client(&server)
        .request(Method::GET, "/api/2.0/secrets/scopes/list")
        .send::<Scopes>()
        .await
        .unwrap_err();
    match &err {
        Error::Decode(d) => {
            assert_eq!(d.json_path(), "scopes[0].name");
            assert!(d.body_excerpt().contains("\"name\":7"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn query_struct_and_raw_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/2.1/clusters/list"))
        .and(query_param("filter_by.cluster_states", "RUNNING"))
        .and(query_param("page_size", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"raw".to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/upload"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let bytes = c
        .request(Method::GET, "/api/2.1/clusters/list")
        .query_struct(&json!({ "filter_by": { "cluster_states": ["RUNNING"] }, "page_size": 10, "page_token": null }))
        .send_bytes()
        .await
        .unwrap();
    assert_eq!(&bytes[..], b"raw");
    c.request(Method::POST, "/upload")
        .body(vec![1u8, 2, 3], "application/octet-stream")
        .send_empty()
        .await
        .unwrap();
    let got = server.received_requests().await.unwrap();
    let query = got[0].url.query().unwrap();
    assert!(!query.contains("page_token"), "{query}");
    assert_eq!(got[1].body, vec![1u8, 2, 3]);
}

#[tokio::test]
async fn invalid_requests_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c
        .request(Method::GET, "api/no-slash")
        .send_empty()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let err = c
        .request(Method::GET, "/x")
        .header("authorization", "Bearer other")
        .send_empty()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn proxy_setting_reaches_the_http_client() {
    // The "proxy" is a wiremock server: an HTTP proxy receives absolute-form requests.
    let proxy = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/secrets/scopes/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "scopes": [] })))
        .expect(1)
        .mount(&proxy)
        .await;
    let c = Client::builder()
        // Nothing listens on this port: only the proxy can answer.
        .host("http://127.0.0.1:9")
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .proxy(proxy.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let v: Value = c
        .request(Method::GET, "/api/2.0/secrets/scopes/list")
        .send()
        .await
        .unwrap();
    assert_eq!(v, json!({ "scopes": [] }));
    let got = proxy.received_requests().await.unwrap();
    assert_eq!(got[0].url.host_str(), Some("127.0.0.1"));
    assert_eq!(got[0].url.port(), Some(9));
}

#[test]
fn root_certificate_settings_are_validated() {
    let pem = include_bytes!("fixtures/test-ca.pem");
    let base = || {
        Client::builder()
            .host("https://example.cloud.databricks.com")
            .token(TOKEN)
            .sources(ConfigSources::empty())
    };
    base()
        .add_root_certificate_pem(pem.to_vec())
        .build()
        .unwrap();
    let err = base()
        .add_root_certificate_pem(b"not a certificate".to_vec())
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = base()
        .add_root_certificate_file("/nonexistent/ca.pem")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
    // SSL_CERT_FILE is honoured the same way.
    let err = Client::builder()
        .host("https://example.cloud.databricks.com")
        .token(TOKEN)
        .sources(ConfigSources::empty().with_env("SSL_CERT_FILE", "/nonexistent/env-ca.pem"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("/nonexistent/env-ca.pem"), "{err}");
    base().danger_accept_invalid_certs(true).build().unwrap();
}

#[test]
fn plain_http_is_refused_for_remote_hosts() {
    let err = Client::builder()
        .host("http://example.cloud.databricks.com")
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    Client::builder()
        .host("http://example.cloud.databricks.com")
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .allow_insecure_http(true)
        .build()
        .unwrap();
}

#[test]
fn public_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Client>();
    send_sync::<Error>();
    send_sync::<databricks_core::RequestBuilder>();
}

#[test]
fn debug_output_never_contains_the_token() {
    let c = Client::builder()
        .host("https://example.cloud.databricks.com")
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .build()
        .unwrap();
    let dbg = format!("{c:?} {:?}", c.config());
    assert!(!dbg.contains(TOKEN), "{dbg}");
}

#[tokio::test]
async fn streamed_request_body_is_sent_once_and_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/2.0/dbfs/put"))
        .and(header("content-type", "multipart/form-data; boundary=x"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "later"))
        .expect(1)
        .mount(&server)
        .await;
    let chunks = futures::stream::iter(vec![
        Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"hello ")),
        Ok(bytes::Bytes::from_static(b"world")),
    ]);
    let err = client(&server)
        .request(Method::POST, "/api/2.0/dbfs/put")
        .body_stream(chunks, "multipart/form-data; boundary=x", Some(11))
        .idempotent(true)
        .send_empty()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let got = server.received_requests().await.unwrap();
    assert_eq!(got[0].body, b"hello world");
    assert_eq!(got[0].headers.get("content-length").unwrap(), "11");
}

#[tokio::test]
async fn streamed_response_after_a_retried_503() {
    use futures::StreamExt;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(503, "TEMPORARILY_UNAVAILABLE", "later"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let payload: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(payload.clone()))
        .mount(&server)
        .await;
    let mut stream = client(&server)
        .request(Method::GET, "/api/2.0/workspace/export")
        .send_stream()
        .await
        .unwrap();
    assert_eq!(stream.content_length(), Some(payload.len() as u64));
    let mut got = Vec::new();
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, payload);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn streamed_response_errors_are_parsed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Path (/x) doesn't exist.",
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .request(Method::GET, "/api/2.0/workspace/export")
        .send_stream()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

#[tokio::test]
async fn authorization_is_not_forwarded_on_a_redirect_to_another_host() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/landing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true })))
        .expect(1)
        .mount(&other)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/x"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/landing", other.uri())),
        )
        .expect(1)
        .mount(&server)
        .await;
    let v: Value = client(&server)
        .request(Method::GET, "/api/2.0/x")
        .send()
        .await
        .unwrap();
    assert_eq!(v, json!({ "ok": true }));
    let received = other.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert!(
        received[0].headers.get("authorization").is_none(),
        "the token went to another host: {:?}",
        received[0].headers
    );
}

/// A client whose attempts time out after 300 ms.
fn impatient_client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .timeout(Duration::from_millis(300))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// `n` chunks of `"x"`, one every `gap`.
fn trickle(
    n: usize,
    gap: Duration,
) -> impl futures::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static {
    futures::stream::unfold(0, move |i| async move {
        if i == n {
            return None;
        }
        tokio::time::sleep(gap).await;
        Some((Ok(bytes::Bytes::from_static(b"x")), i + 1))
    })
}

#[tokio::test]
async fn a_streamed_body_that_keeps_moving_outlives_the_attempt_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/2.0/fs/files/slow"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    // 10 chunks 100 ms apart: 1 s in all, over three times the 300 ms attempt timeout.
    let started = Instant::now();
    impatient_client(&server)
        .request(Method::POST, "/api/2.0/fs/files/slow")
        .body_stream(
            trickle(10, Duration::from_millis(100)),
            "application/octet-stream",
            Some(10),
        )
        .send_empty()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900));
    let got = server.received_requests().await.unwrap();
    assert_eq!(got[0].body, b"xxxxxxxxxx");
}

#[tokio::test]
async fn a_streamed_body_that_stalls_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    // Two chunks, then nothing: the attempt ends 300 ms after the last chunk.
    let stalls = futures::StreamExt::chain(
        trickle(2, Duration::from_millis(50)),
        futures::stream::pending(),
    );
    let started = Instant::now();
    let err = impatient_client(&server)
        .request(Method::POST, "/api/2.0/fs/files/stalled")
        .body_stream(stalls, "application/octet-stream", Some(10))
        .send_empty()
        .await
        .unwrap_err();
    match &err {
        Error::Timeout(t) => assert_eq!(t.kind(), TimeoutKind::Attempt),
        other => panic!("{other:?}"),
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(390) && took < Duration::from_secs(3),
        "{took:?}"
    );
}

#[tokio::test]
async fn after_the_last_chunk_the_answer_must_come_within_the_attempt_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = impatient_client(&server)
        .request(Method::POST, "/api/2.0/fs/files/unanswered")
        .body_stream(
            trickle(3, Duration::from_millis(100)),
            "application/octet-stream",
            Some(3),
        )
        .send_empty()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Timeout(t) if t.kind() == TimeoutKind::Attempt),
        "{err:?}"
    );
    // Sent once (never retried), given up 300 ms after the body ended, not after 5 s.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
