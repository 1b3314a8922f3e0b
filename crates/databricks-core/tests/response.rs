//! Wire tests of the answers that are read beyond their body: `send_response` (status and
//! headers of a whole response, `HEAD`) and the status and headers of `send_stream`.
#![allow(clippy::unwrap_used)]

use databricks_core::{Error, ErrorCode, Method, Timestamp};
use databricks_testkit::{TOKEN, retrying_client as client};
use futures::TryStreamExt;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const LAST_MODIFIED: &str = "Wed, 12 Jun 2024 08:34:12 GMT";

#[tokio::test]
async fn head_answers_in_headers() {
    let server = MockServer::start().await;
    Mock::given(method("HEAD"))
        .and(path("/api/2.0/fs/files/Volumes/a.csv"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/csv")
                .insert_header("last-modified", LAST_MODIFIED)
                // A HEAD answer carries the length of the body a GET would have.
                .set_body_bytes(vec![b'x'; 48213]),
        )
        .expect(1)
        .mount(&server)
        .await;
    let head = client(&server)
        .request(Method::HEAD, "/api/2.0/fs/files/Volumes/a.csv")
        .send_response()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.content_length(), Some(48213));
    assert_eq!(head.header("Content-Type"), Some("text/csv"));
    assert_eq!(head.header("last-modified"), Some(LAST_MODIFIED));
    assert!(head.body().is_empty());
    assert_eq!(
        head.header("last-modified")
            .and_then(Timestamp::from_http_date)
            .map(|t| t.as_millis()),
        Some(1_718_181_252_000)
    );
}

#[tokio::test]
async fn send_response_keeps_status_headers_and_body_of_a_get() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/x"))
        .respond_with(
            ResponseTemplate::new(203)
                .insert_header("x-request-id", "req-1")
                .set_body_string("hello"),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .request(Method::GET, "/x")
        .send_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 203);
    assert_eq!(response.header("x-request-id"), Some("req-1"));
    assert_eq!(response.header("x-absent"), None);
    assert_eq!(response.content_length(), Some(5));
    assert_eq!(response.into_body().as_ref(), b"hello");
}

#[tokio::test]
async fn a_head_404_without_a_body_is_a_typed_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("HEAD"))
        .respond_with(ResponseTemplate::new(404).insert_header("x-request-id", "req-404"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .request(Method::HEAD, "/api/2.0/fs/directories/Volumes/missing")
        .send_response()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let api = err.as_api().unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.error_code(), &ErrorCode::NotFound);
    assert_eq!(api.message(), "Not Found");
    assert_eq!(api.method(), "HEAD");
    assert_eq!(api.path(), "/api/2.0/fs/directories/Volumes/missing");
    assert_eq!(api.request_id(), Some("req-404"));
    assert_eq!(
        err.to_string(),
        "HEAD /api/2.0/fs/directories/Volumes/missing: 404 NOT_FOUND: Not Found"
    );
}

#[tokio::test]
async fn send_response_retries_and_returns_the_headers_of_the_success() {
    let server = MockServer::start().await;
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(method("HEAD"))
        .respond_with(move |_: &Request| {
            if counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                ResponseTemplate::new(503).insert_header("x-attempt", "first")
            } else {
                ResponseTemplate::new(200).insert_header("x-attempt", "second")
            }
        })
        .mount(&server)
        .await;
    let head = client(&server)
        .request(Method::HEAD, "/y")
        .send_response()
        .await
        .unwrap();
    assert_eq!(head.header("x-attempt"), Some("second"));
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[tokio::test]
async fn send_stream_exposes_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/fs/files/Volumes/big.bin"))
        .and(header("range", "bytes=2-5"))
        .and(header("accept", "application/octet-stream"))
        .respond_with(
            ResponseTemplate::new(206)
                .insert_header("content-range", "bytes 2-5/10")
                .insert_header("last-modified", LAST_MODIFIED)
                .set_body_bytes(b"2345".to_vec()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let stream = client(&server)
        .request(Method::GET, "/api/2.0/fs/files/Volumes/big.bin")
        .header("Range", "bytes=2-5")
        .header("Accept", "application/octet-stream")
        .send_stream()
        .await
        .unwrap();
    assert_eq!(stream.status(), 206);
    assert_eq!(stream.content_length(), Some(4));
    assert_eq!(stream.header("content-range"), Some("bytes 2-5/10"));
    assert_eq!(
        stream.headers().get("last-modified").unwrap(),
        LAST_MODIFIED
    );
    let chunks: Vec<bytes::Bytes> = stream.try_collect().await.unwrap();
    assert_eq!(chunks.concat(), b"2345");
}

#[tokio::test]
async fn a_streamed_get_answered_404_without_a_body_is_a_typed_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = client(&server)
        .request(Method::GET, "/api/2.0/fs/files/Volumes/missing")
        .send_stream()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    match err {
        Error::Api(api) => assert_eq!(api.error_code(), &ErrorCode::NotFound),
        other => panic!("{other:?}"),
    }
}
