//! Wire tests for the secret endpoints (`put`, `delete`, `list`, `get`).

mod common;

use common::*;
use databricks_core::{ExposeSecret, Timestamp};
use databricks_secrets::{MAX_VALUE_BYTES, PutSecret, SecretValue, SecretsApi};
use serde_json::json;
use wiremock::matchers::{body_json, query_param};
use wiremock::{MockServer, ResponseTemplate};

const LIST: &str = include_str!("fixtures/secrets_list.json");
const GET: &str = include_str!("fixtures/secret_get.json");

async fn setup() -> (MockServer, SecretsApi) {
    let server = MockServer::start().await;
    let api = SecretsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn put_string_secret_sends_string_value() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/put")
        .and(no_query)
        .and(body_json(json!({
            "scope": "etl-credentials",
            "key": "warehouse-password",
            "string_value": "s3cr3t!"
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.put_secret(PutSecret::string(
        "etl-credentials",
        "warehouse-password",
        "s3cr3t!",
    ))
    .await
    .expect("put");
}

#[tokio::test]
async fn put_bytes_secret_sends_base64_bytes_value() {
    let (server, api) = setup().await;
    // Not valid UTF-8, and long enough to need padding: "MIIC2v8A" is 0x30 0x82 0x02 0xda 0xff 0x00.
    endpoint("POST", "/api/2.0/secrets/put")
        .and(body_json(json!({
            "scope": "etl-credentials",
            "key": "client-cert",
            "bytes_value": "MIIC2v8A"
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/put")
        .and(body_json(
            json!({ "scope": "s", "key": "padded", "bytes_value": "/w==" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.put_secret(PutSecret::bytes(
        "etl-credentials",
        "client-cert",
        vec![0x30, 0x82, 0x02, 0xda, 0xff, 0x00],
    ))
    .await
    .expect("put");
    api.put_secret(PutSecret::new("s", "padded", SecretValue::bytes([0xff])))
        .await
        .expect("put padded");
}

#[tokio::test]
async fn put_empty_string_is_sent() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/put")
        .and(body_json(
            json!({ "scope": "s", "key": "k", "string_value": "" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.put_secret(PutSecret {
        scope: "s".into(),
        key: "k".into(),
        ..Default::default()
    })
    .await
    .expect("put");
}

#[tokio::test]
async fn put_value_of_exactly_128_kib_is_sent() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/put")
        .respond_with(ok_empty())
        .expect(2)
        .mount(&server)
        .await;
    api.put_secret(PutSecret::bytes("s", "k", vec![7u8; MAX_VALUE_BYTES]))
        .await
        .expect("bytes at the limit");
    api.put_secret(PutSecret::string("s", "k", "a".repeat(MAX_VALUE_BYTES)))
        .await
        .expect("text at the limit");
}

#[tokio::test]
async fn put_secret_validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(
        api.put_secret(PutSecret::string("", "k", "v")).await,
        "scope",
    );
    assert_invalid(api.put_secret(PutSecret::string("s", "", "v")).await, "key");
    assert_invalid(
        api.put_secret(PutSecret::string("s", "a b", "v")).await,
        "key",
    );
    assert_invalid(
        api.put_secret(PutSecret::string("s", "a@b", "v")).await,
        "key",
    );
    assert_invalid(
        api.put_secret(PutSecret::string("s", "k".repeat(129), "v"))
            .await,
        "key",
    );
    assert_invalid(
        api.put_secret(PutSecret::bytes("s", "k", vec![0u8; MAX_VALUE_BYTES + 1]))
            .await,
        "bytes_value",
    );
    // 65,537 two-byte characters: 131,074 bytes, over the limit although fewer characters.
    assert_invalid(
        api.put_secret(PutSecret::string(
            "s",
            "k",
            "é".repeat(MAX_VALUE_BYTES / 2 + 1),
        ))
        .await,
        "string_value",
    );
    server.verify().await;
}

#[tokio::test]
async fn put_secret_errors() {
    let (server, api) = setup().await;
    for (scope, status, code) in [
        ("missing", 404, "RESOURCE_DOES_NOT_EXIST"),
        ("full", 400, "RESOURCE_LIMIT_EXCEEDED"),
        ("kv-prod", 400, "BAD_REQUEST"),
        ("theirs", 403, "PERMISSION_DENIED"),
        ("bad", 400, "INVALID_PARAMETER_VALUE"),
        ("malformed", 400, "MALFORMED_REQUEST"),
    ] {
        endpoint("POST", "/api/2.0/secrets/put")
            .and(wiremock::matchers::body_partial_json(
                json!({ "scope": scope }),
            ))
            .respond_with(api_error(status, code, "message"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let err = api
        .put_secret(PutSecret::string("missing", "k", "v"))
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");
    let err = api
        .put_secret(PutSecret::string("full", "k", "v"))
        .await
        .expect_err("limit");
    assert_eq!(
        err.error_code().map(|c| c.as_str()),
        Some("RESOURCE_LIMIT_EXCEEDED")
    );
    let err = api
        .put_secret(PutSecret::string("kv-prod", "k", "v"))
        .await
        .expect_err("kv");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("BAD_REQUEST"));
    let err = api
        .put_secret(PutSecret::string("theirs", "k", "v"))
        .await
        .expect_err("403");
    assert!(err.is_permission_denied(), "{err}");
    let err = api
        .put_secret(PutSecret::string("bad", "k", "v"))
        .await
        .expect_err("400");
    assert!(err.is_invalid_parameter(), "{err}");
    let err = api
        .put_secret(PutSecret::string("malformed", "k", "v"))
        .await
        .expect_err("400");
    assert_eq!(
        err.error_code().map(|c| c.as_str()),
        Some("MALFORMED_REQUEST")
    );
}

#[tokio::test]
async fn put_secret_error_never_contains_the_value() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/put")
        .respond_with(api_error(403, "PERMISSION_DENIED", "no WRITE on scope"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .put_secret(PutSecret::string("s", "k", "hunter2-very-secret"))
        .await
        .expect_err("403");
    assert!(!format!("{err} {err:?}").contains("hunter2"));
}

#[tokio::test]
async fn delete_secret_posts_scope_and_key() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/delete")
        .and(no_query)
        .and(body_json(
            json!({ "scope": "etl-credentials", "key": "warehouse-password" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete_secret("etl-credentials", "warehouse-password")
        .await
        .expect("delete");
}

#[tokio::test]
async fn delete_secret_errors() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/delete")
        .and(body_json(json!({ "scope": "s", "key": "gone" })))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Secret gone does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/delete")
        .and(body_json(json!({ "scope": "s", "key": "locked" })))
        .respond_with(api_error(403, "PERMISSION_DENIED", "no WRITE"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.delete_secret("s", "gone")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.delete_secret("s", "locked")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
}

#[tokio::test]
async fn delete_list_and_get_validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.delete_secret("", "k").await, "scope");
    assert_invalid(api.delete_secret("s", "").await, "key");
    assert_invalid(api.list_secrets("").await, "scope");
    assert_invalid(api.get_secret("", "k").await, "scope");
    assert_invalid(api.get_secret("s", "").await, "key");
    server.verify().await;
}

#[tokio::test]
async fn list_secrets_sends_scope_in_query() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/list")
        .and(query_param("scope", "etl-credentials"))
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;
    let secrets = api.list_secrets("etl-credentials").await.expect("list");
    assert_eq!(secrets.len(), 2);
    assert_eq!(secrets[0].key, "warehouse-password");
    assert_eq!(
        secrets[0].last_updated_timestamp,
        Some(Timestamp::from_millis(1_718_181_234_000))
    );
    assert_eq!(secrets[1].key, "client-cert");
}

#[tokio::test]
async fn list_secrets_encodes_the_scope() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/list")
        .and(query_param("scope", "team@example.com"))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.list_secrets("team@example.com")
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn list_secrets_errors() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/list")
        .and(query_param("scope", "missing"))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Scope missing does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/secrets/list")
        .and(query_param("scope", "theirs"))
        .respond_with(api_error(403, "PERMISSION_DENIED", "no READ"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.list_secrets("missing")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.list_secrets("theirs")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
}

#[tokio::test]
async fn get_secret_decodes_base64_value() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/get")
        .and(query_param("scope", "etl-credentials"))
        .and(query_param("key", "warehouse-password"))
        .and(no_body)
        .respond_with(ok_fixture(GET))
        .expect(1)
        .mount(&server)
        .await;
    let secret = api
        .get_secret("etl-credentials", "warehouse-password")
        .await
        .expect("get");
    assert_eq!(secret.key, "warehouse-password");
    assert_eq!(secret.value.expose_secret(), b"s3cr3t!");
    assert_eq!(secret.value.expose_secret_utf8().expect("utf-8"), "s3cr3t!");
    let debug = format!("{secret:?}");
    assert!(
        !debug.contains("s3cr3t") && !debug.contains("czNjcjN0"),
        "{debug}"
    );
}

#[tokio::test]
async fn get_secret_returns_binary_values() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/get")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "key": "client-cert", "value": "MIIC2v8A" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let secret = api.get_secret("s", "client-cert").await.expect("get");
    assert_eq!(
        secret.value.expose_secret(),
        [0x30, 0x82, 0x02, 0xda, 0xff, 0x00]
    );
    assert!(secret.value.expose_secret_utf8().is_err());
}

#[tokio::test]
async fn get_secret_with_invalid_base64_is_a_decode_error_without_the_value() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/get")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "key": "k", "value": "***" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = api.get_secret("s", "k").await.expect_err("decode");
    match &err {
        databricks_core::Error::Decode(d) => assert_eq!(d.json_path(), "value"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn get_secret_errors() {
    let (server, api) = setup().await;
    for (key, status, code) in [
        ("missing", 404, "RESOURCE_DOES_NOT_EXIST"),
        ("denied", 403, "PERMISSION_DENIED"),
        ("outside-notebook", 400, "BAD_REQUEST"),
        ("vault-broken", 400, "INVALID_PARAMETER_VALUE"),
    ] {
        endpoint("GET", "/api/2.0/secrets/get")
            .and(query_param("key", key))
            .respond_with(api_error(status, code, "message"))
            .expect(1)
            .mount(&server)
            .await;
    }
    assert!(
        api.get_secret("s", "missing")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.get_secret("s", "denied")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
    let err = api
        .get_secret("s", "outside-notebook")
        .await
        .expect_err("400");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("BAD_REQUEST"));
    let err = api.get_secret("s", "vault-broken").await.expect_err("400");
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn put_secret_is_retried_as_an_overwrite() {
    let server = MockServer::start().await;
    let api = SecretsApi::new(retrying_client(&server));
    endpoint("POST", "/api/2.0/secrets/put")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/put")
        .and(body_json(
            json!({ "scope": "s", "key": "k", "string_value": "v" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    api.put_secret(PutSecret::string("s", "k", "v"))
        .await
        .expect("retried");
}

#[tokio::test]
async fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let server = MockServer::start().await;
    let api = SecretsApi::new(client(&server));
    assert_send(&api.put_secret(PutSecret::string("s", "k", "v")));
    assert_send(&api.get_secret("s", "k"));
    assert_send(&api.list_scopes());
}
