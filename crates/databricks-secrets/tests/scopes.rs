//! Wire tests for the scope endpoints (`/api/2.0/secrets/scopes/*`).

mod common;

use common::*;
use databricks_secrets::{
    AzureKeyVaultSecretScopeMetadata, CreateScope, ScopeBackendType, SecretsApi,
};
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::body_json;

const LIST: &str = include_str!("fixtures/scopes_list.json");
const KV_ID: &str = "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-prod";
const KV_DNS: &str = "https://kv-prod.vault.azure.net/";

async fn setup() -> (MockServer, SecretsApi) {
    let server = MockServer::start().await;
    let api = SecretsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn create_scope_sends_the_documented_body() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(no_query)
        .and(body_json(
            json!({ "scope": "etl-credentials", "initial_manage_principal": "users" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.create_scope(CreateScope {
        initial_manage_principal: Some("users".into()),
        ..CreateScope::new("etl-credentials")
    })
    .await
    .expect("create");
}

#[tokio::test]
async fn create_scope_minimal_sends_only_the_name() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(body_json(json!({ "scope": "team@example.com" })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.create_scope(CreateScope::new("team@example.com"))
        .await
        .expect("create");
}

#[tokio::test]
async fn create_scope_tolerates_an_empty_body() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .respond_with(wiremock::ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    api.create_scope(CreateScope::new("s"))
        .await
        .expect("create");
}

#[tokio::test]
async fn create_keyvault_scope_sends_backend_and_metadata() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(body_json(json!({
            "scope": "kv-prod",
            "scope_backend_type": "AZURE_KEYVAULT",
            "backend_azure_keyvault": { "resource_id": KV_ID, "dns_name": KV_DNS }
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.create_scope(CreateScope::azure_keyvault(
        "kv-prod",
        AzureKeyVaultSecretScopeMetadata::new(KV_ID, KV_DNS),
    ))
    .await
    .expect("create");
}

#[tokio::test]
async fn create_existing_scope_is_already_exists() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .respond_with(api_error(
            400,
            "RESOURCE_ALREADY_EXISTS",
            "Scope etl-credentials already exists!",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create_scope(CreateScope::new("etl-credentials"))
        .await
        .expect_err("exists");
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.to_string(),
        "POST /api/2.0/secrets/scopes/create: 400 RESOURCE_ALREADY_EXISTS: Scope etl-credentials already exists!"
    );
}

#[tokio::test]
async fn create_scope_limit_and_reserved_name_errors() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(body_json(json!({ "scope": "too-many" })))
        .respond_with(api_error(
            400,
            "RESOURCE_LIMIT_EXCEEDED",
            "Maximum 1000 scopes",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(body_json(json!({ "scope": "reserved" })))
        .respond_with(api_error(
            401,
            "CUSTOMER_UNAUTHORIZED",
            "Reserved scope name",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create_scope(CreateScope::new("too-many"))
        .await
        .expect_err("limit");
    assert_eq!(
        err.error_code().map(|c| c.as_str()),
        Some("RESOURCE_LIMIT_EXCEEDED")
    );
    let err = api
        .create_scope(CreateScope::new("reserved"))
        .await
        .expect_err("reserved");
    assert_eq!(
        err.error_code().map(|c| c.as_str()),
        Some("CUSTOMER_UNAUTHORIZED")
    );
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn create_scope_validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.create_scope(CreateScope::new("")).await, "scope");
    assert_invalid(
        api.create_scope(CreateScope::new("has space")).await,
        "scope",
    );
    assert_invalid(api.create_scope(CreateScope::new("a/b")).await, "scope");
    assert_invalid(
        api.create_scope(CreateScope::new("x".repeat(129))).await,
        "scope",
    );
    assert_invalid(
        api.create_scope(CreateScope {
            scope_backend_type: Some(ScopeBackendType::AzureKeyvault),
            ..CreateScope::new("kv")
        })
        .await,
        "backend_azure_keyvault",
    );
    assert_invalid(
        api.create_scope(CreateScope::azure_keyvault(
            "kv",
            AzureKeyVaultSecretScopeMetadata::new(KV_ID, ""),
        ))
        .await,
        "backend_azure_keyvault.dns_name",
    );
    server.verify().await;
}

#[tokio::test]
async fn create_scope_accepts_128_characters() {
    let (server, api) = setup().await;
    let name = "x".repeat(128);
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .and(body_json(json!({ "scope": name })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.create_scope(CreateScope::new(name))
        .await
        .expect("create");
}

#[tokio::test]
async fn delete_scope_posts_the_name() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .and(no_query)
        .and(body_json(json!({ "scope": "etl-credentials" })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete_scope("etl-credentials").await.expect("delete");
}

#[tokio::test]
async fn delete_scope_errors() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .and(body_json(json!({ "scope": "missing" })))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Scope missing does not exist!",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .and(body_json(json!({ "scope": "theirs" })))
        .respond_with(api_error(
            403,
            "PERMISSION_DENIED",
            "User lacks MANAGE on theirs",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .and(body_json(json!({ "scope": "internal" })))
        .respond_with(api_error(
            400,
            "BAD_REQUEST",
            "Cannot delete an internal scope",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.delete_scope("missing")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.delete_scope("theirs")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
    let err = api.delete_scope("internal").await.expect_err("400");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("BAD_REQUEST"));
}

#[tokio::test]
async fn delete_scope_with_empty_name_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.delete_scope("").await, "scope");
    server.verify().await;
}

#[tokio::test]
async fn list_scopes_decodes_backends_and_keyvault_metadata() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/scopes/list")
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;
    let scopes = api.list_scopes().await.expect("list");
    assert_eq!(scopes.len(), 3);
    assert_eq!(scopes[0].name, "etl-credentials");
    assert_eq!(scopes[0].backend_type, Some(ScopeBackendType::Databricks));
    assert_eq!(scopes[0].keyvault_metadata, None);
    assert_eq!(
        scopes[1].backend_type,
        Some(ScopeBackendType::AzureKeyvault)
    );
    assert_eq!(
        scopes[1].keyvault_metadata,
        Some(AzureKeyVaultSecretScopeMetadata::new(KV_ID, KV_DNS))
    );
    assert_eq!(
        scopes[2].backend_type,
        Some(ScopeBackendType::Unrecognized("AWS_SECRETS_MANAGER".into()))
    );
}

#[tokio::test]
async fn list_scopes_of_empty_workspace() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/scopes/list")
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.list_scopes().await.expect("list").is_empty());
}

#[tokio::test]
async fn list_scopes_permission_denied() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/scopes/list")
        .respond_with(api_error(403, "PERMISSION_DENIED", "denied"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.list_scopes()
            .await
            .expect_err("403")
            .is_permission_denied()
    );
}

#[tokio::test]
async fn create_scope_is_not_retried_delete_scope_is() {
    let server = MockServer::start().await;
    let api = SecretsApi::new(retrying_client(&server));
    endpoint("POST", "/api/2.0/secrets/scopes/create")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        api.create_scope(CreateScope::new("s"))
            .await
            .expect_err("500")
            .status(),
        Some(500)
    );
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/scopes/delete")
        .respond_with(ok_empty())
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    api.delete_scope("s").await.expect("retried");
}
