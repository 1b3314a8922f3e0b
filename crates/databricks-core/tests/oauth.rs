//! OAuth machine-to-machine: discovery, token caching, refresh, shared refresh, failures.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use databricks_core::{AuthType, Client, ConfigSources, Error, Method, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_ID: &str = "sp-client-id";
const CLIENT_SECRET: &str = "dose-very-secret-value";

async fn oidc_server(expires_in: u64, expected_token_calls: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/.well-known/oauth-authorization-server"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": format!("{}/oidc", server.uri()),
            "authorization_endpoint": format!("{}/oidc/v1/authorize", server.uri()),
            "token_endpoint": format!("{}/oidc/v1/token", server.uri()),
        })))
        .expect(1)
        .mount(&server)
        .await;
    let basic = base64_basic(CLIENT_ID, CLIENT_SECRET);
    Mock::given(method("POST"))
        .and(path("/oidc/v1/token"))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("grant_type=client_credentials&scope=all-apis"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "oauth-access-token-1",
            "token_type": "Bearer",
            "expires_in": expires_in,
            "scope": "all-apis",
        })))
        .expect(expected_token_calls)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/secrets/scopes/list"))
        .and(header("authorization", "Bearer oauth-access-token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "scopes": [] })))
        .mount(&server)
        .await;
    server
}

fn base64_basic(id: &str, secret: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
}

fn m2m_client(server: &MockServer) -> Client {
    Client::builder()
        .host(server.uri())
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn discovers_endpoint_and_caches_the_token() {
    let server = oidc_server(3600, 1).await;
    let c = m2m_client(&server);
    assert_eq!(c.config().auth_type(), AuthType::OAuthM2m);
    assert!(c.user_agent().contains("auth/oauth-m2m"));
    for _ in 0..3 {
        c.request(Method::GET, "/api/2.0/secrets/scopes/list")
            .send_empty()
            .await
            .unwrap();
    }
    // .expect(1) on discovery and token endpoint is verified when the server drops.
}

#[tokio::test]
async fn refreshes_the_token_before_expiry() {
    // expires_in 1 s: refreshed after half of it.
    let server = oidc_server(1, 2).await;
    let c = m2m_client(&server);
    c.request(Method::GET, "/api/2.0/secrets/scopes/list")
        .send_empty()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    c.request(Method::GET, "/api/2.0/secrets/scopes/list")
        .send_empty()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_requests_share_one_refresh() {
    let server = oidc_server(3600, 1).await;
    let c = m2m_client(&server);
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                c.request(Method::GET, "/api/2.0/secrets/scopes/list")
                    .send_empty()
                    .await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn refused_credentials_are_an_auth_error_without_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oidc/.well-known/oauth-authorization-server"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_endpoint": format!("{}/oidc/v1/token", server.uri()),
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oidc/v1/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "Client authentication failed",
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/x"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = m2m_client(&server)
        .request(Method::GET, "/api/2.0/x")
        .send_empty()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.is_unauthenticated());
    let text = format!("{err} {err:?}");
    assert!(!text.contains(CLIENT_SECRET), "{text}");
    assert!(text.contains("oauth-m2m"), "{text}");
}

#[tokio::test]
async fn missing_discovery_is_an_auth_error() {
    let server = MockServer::start().await;
    let err = m2m_client(&server)
        .request(Method::GET, "/api/2.0/x")
        .send_empty()
        .await
        .unwrap_err();
    match &err {
        Error::Auth(a) => {
            assert!(a.message().contains("discovery"), "{a}");
            assert!(a.cause().is_some_and(Error::is_not_found), "{a:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_401_with_a_cached_token_refreshes_once() {
    // The API refuses the first use of the token (e.g. revoked early), then accepts: the
    // client fetches a second token (2 token calls) and retries once.
    let s = oidc_server(3600, 2).await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/y"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error_code": "UNAUTHENTICATED", "message": "expired"})),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/2.0/y"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&s)
        .await;
    m2m_client(&s)
        .request(Method::GET, "/api/2.0/y")
        .send_empty()
        .await
        .unwrap();
}
