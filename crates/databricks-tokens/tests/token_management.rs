//! Wire tests for the Token Management API and the token permissions endpoints.

mod common;

use common::*;
use databricks_core::{ExposeSecret, Timestamp};
use databricks_tokens::{
    AutoscopeState, CreateOboTokenRequest, ListTokenManagementRequest, TokenAccessControlRequest,
    TokenId, TokenManagementApi, TokenPermissionLevel, TokenPermissionsRequest,
    UpdateTokenManagementRequest,
};
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param, query_param_is_missing};

const LIST: &str = include_str!("fixtures/token_management_list.json");
const GET: &str = include_str!("fixtures/token_management_get.json");
const UPDATE: &str = include_str!("fixtures/token_management_update.json");
const OBO: &str = include_str!("fixtures/token_management_obo.json");
const PERMISSIONS: &str = include_str!("fixtures/token_permissions.json");
const LEVELS: &str = include_str!("fixtures/token_permission_levels.json");
const ID: &str = "3f9c2a7e5b1d4c8e9f0a6b2c7d3e8f1a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";
const TOKENS: &str = "/api/2.0/token-management/tokens";
const PERMS: &str = "/api/2.0/permissions/authorization/tokens";

async fn setup() -> (MockServer, TokenManagementApi) {
    let server = MockServer::start().await;
    let api = TokenManagementApi::new(client(&server));
    (server, api)
}

fn token_path() -> String {
    format!("{TOKENS}/{ID}")
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let (server, api) = setup().await;
    endpoint("GET", TOKENS)
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;

    let tokens = api
        .list(ListTokenManagementRequest::new())
        .await
        .expect("list");
    assert_eq!(tokens.len(), 2);
    let first = &tokens[0];
    assert_eq!(first.token_id.as_str(), ID);
    assert_eq!(first.created_by_id, Some(7_429_163_885_512_347));
    assert_eq!(
        first.created_by_username.as_deref(),
        Some("alice@example.com")
    );
    assert_eq!(first.owner_id, Some(7_429_163_885_512_347));
    assert_eq!(
        first.last_used_day,
        Some(Timestamp::from_millis(1_718_150_400_000))
    );
    assert_eq!(first.workspace_id, Some(1_234_567_890_123_456));
    assert_eq!(tokens[1].expires_at(), None);
    assert_eq!(
        tokens[1].autoscope_state,
        Some(AutoscopeState::Unrecognized(
            "AUTOSCOPE_STATE_FROM_THE_FUTURE".into()
        ))
    );
}

#[tokio::test]
async fn list_sends_filters_as_query_parameters() {
    let (server, api) = setup().await;
    endpoint("GET", TOKENS)
        .and(query_param("created_by_id", "7429163885512347"))
        .and(query_param("created_by_username", "alice@example.com"))
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = api
        .list(ListTokenManagementRequest {
            created_by_id: Some(7_429_163_885_512_347),
            created_by_username: Some("alice@example.com".into()),
        })
        .await
        .expect("list");
    assert_eq!(tokens.len(), 2);
}

#[tokio::test]
async fn list_sends_only_the_set_filter() {
    let (server, api) = setup().await;
    endpoint("GET", TOKENS)
        .and(query_param("created_by_username", "bob+ops@example.com"))
        .and(query_param_is_missing("created_by_id"))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let tokens = api
        .list(ListTokenManagementRequest {
            created_by_username: Some("bob+ops@example.com".into()),
            ..Default::default()
        })
        .await
        .expect("list");
    assert!(tokens.is_empty());
}

#[tokio::test]
async fn list_as_non_admin_is_permission_denied() {
    let (server, api) = setup().await;
    endpoint("GET", TOKENS)
        .respond_with(api_error(
            403,
            "PERMISSION_DENIED",
            "Only admins can list all tokens",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.list(Default::default()).await.expect_err("403");
    assert!(err.is_permission_denied(), "{err}");
}

#[tokio::test]
async fn get_unwraps_token_info() {
    let (server, api) = setup().await;
    endpoint("GET", &token_path())
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(GET))
        .expect(1)
        .mount(&server)
        .await;
    let token = api.get(ID).await.expect("get");
    assert_eq!(token.token_id, TokenId::from(ID));
    assert_eq!(token.scopes, ["clusters", "jobs"]);
    assert_eq!(token.inferred_scopes, ["workspace"]);
    assert!(token.backfill_scopes.is_empty());
    assert_eq!(token.autoscope_state, Some(AutoscopeState::Backfilled));
    assert_eq!(
        token.expires_at(),
        Some(Timestamp::from_millis(1_725_957_234_000))
    );
}

#[tokio::test]
async fn get_unknown_token_is_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", &format!("{TOKENS}/missing"))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Token missing does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.get("missing").await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn get_escapes_the_id() {
    let (server, api) = setup().await;
    endpoint("GET", &format!("{TOKENS}/..%2Fetc%3Fx"))
        .respond_with(ok_fixture(GET))
        .expect(1)
        .mount(&server)
        .await;
    api.get("../etc?x").await.expect("get");
}

#[tokio::test]
async fn delete_uses_http_delete() {
    let (server, api) = setup().await;
    endpoint("DELETE", &token_path())
        .and(no_query)
        .and(no_body)
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete(ID).await.expect("delete");
}

#[tokio::test]
async fn delete_unknown_token_is_not_found() {
    let (server, api) = setup().await;
    endpoint("DELETE", &token_path())
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Token does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.delete(ID).await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn update_patches_and_returns_the_token() {
    let (server, api) = setup().await;
    endpoint("PATCH", &token_path())
        .and(no_query)
        .and(body_json(json!({
            "token": { "comment": "owned by platform team", "scopes": ["clusters", "jobs"] },
            "update_mask": "comment,scopes"
        })))
        .respond_with(ok_fixture(UPDATE))
        .expect(1)
        .mount(&server)
        .await;
    let token = api
        .update(
            UpdateTokenManagementRequest::new(ID)
                .with_comment("owned by platform team")
                .with_scopes(["clusters", "jobs"]),
        )
        .await
        .expect("update");
    assert_eq!(token.comment.as_deref(), Some("owned by platform team"));
    assert_eq!(token.scopes, ["clusters", "jobs"]);
}

#[tokio::test]
async fn update_unknown_token_is_not_found() {
    let (server, api) = setup().await;
    endpoint("PATCH", &token_path())
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Token does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .update(UpdateTokenManagementRequest::new(ID).with_comment("x"))
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn create_obo_token_posts_and_decodes_the_secret() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token-management/on-behalf-of/tokens")
        .and(no_query)
        .and(body_json(json!({
            "application_id": "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b",
            "lifetime_seconds": 3600,
            "comment": "deploy bot"
        })))
        .respond_with(ok_fixture(OBO))
        .expect(1)
        .mount(&server)
        .await;
    let created = api
        .create_obo_token(CreateOboTokenRequest {
            lifetime_seconds: Some(3600),
            comment: Some("deploy bot".into()),
            ..CreateOboTokenRequest::new("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
        })
        .await
        .expect("create");
    assert_eq!(
        created.token_value.expose_secret(),
        "dapiobo0123456789abcdef0123456789ab"
    );
    assert_eq!(created.token_info.owner_id, Some(5_566_778_899_001_122));
    assert_eq!(created.token_info.comment.as_deref(), Some("deploy bot"));
    let debug = format!("{created:?}");
    assert!(!debug.contains("dapiobo"), "{debug}");
}

#[tokio::test]
async fn create_obo_token_for_unknown_principal_is_not_found() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token-management/on-behalf-of/tokens")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Service principal not found",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create_obo_token(CreateOboTokenRequest::new("nobody"))
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.get("").await, "token_id");
    assert_invalid(api.delete("").await, "token_id");
    assert_invalid(
        api.update(UpdateTokenManagementRequest::new("").with_comment("x"))
            .await,
        "token_id",
    );
    assert_invalid(
        api.update(UpdateTokenManagementRequest::new(ID)).await,
        "update_mask",
    );
    assert_invalid(
        api.create_obo_token(CreateOboTokenRequest::default()).await,
        "application_id",
    );
    server.verify().await;
}

#[tokio::test]
async fn get_permissions_decodes_every_principal_kind() {
    let (server, api) = setup().await;
    endpoint("GET", PERMS)
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(PERMISSIONS))
        .expect(1)
        .mount(&server)
        .await;
    let permissions = api.get_permissions().await.expect("get");
    assert_eq!(
        permissions.object_id.as_deref(),
        Some("authorization/tokens")
    );
    assert_eq!(permissions.object_type.as_deref(), Some("tokens"));
    let acl = &permissions.access_control_list;
    assert_eq!(acl.len(), 4);
    assert_eq!(acl[0].group_name.as_deref(), Some("admins"));
    assert_eq!(
        acl[0].all_permissions[0].permission_level,
        Some(TokenPermissionLevel::CanManage)
    );
    assert_eq!(acl[1].display_name.as_deref(), Some("Data Engineers"));
    assert_eq!(
        acl[1].all_permissions[0].permission_level,
        Some(TokenPermissionLevel::CanUse)
    );
    assert_eq!(acl[2].user_name.as_deref(), Some("alice@example.com"));
    assert!(acl[2].all_permissions[0].inherited);
    assert_eq!(
        acl[2].all_permissions[0].inherited_from_object,
        ["/tokens/"]
    );
    assert_eq!(
        acl[3].service_principal_name.as_deref(),
        Some("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
    );
}

#[tokio::test]
async fn set_permissions_puts_the_full_list() {
    let (server, api) = setup().await;
    endpoint("PUT", PERMS)
        .and(no_query)
        .and(body_json(json!({
            "access_control_list": [
                { "group_name": "data-engineers", "permission_level": "CAN_USE" },
                { "user_name": "alice@example.com", "permission_level": "CAN_USE" },
                { "service_principal_name": "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b", "permission_level": "CAN_USE" }
            ]
        })))
        .respond_with(ok_fixture(PERMISSIONS))
        .expect(1)
        .mount(&server)
        .await;
    let permissions = api
        .set_permissions(TokenPermissionsRequest::new([
            TokenAccessControlRequest::group("data-engineers", TokenPermissionLevel::CanUse),
            TokenAccessControlRequest::user("alice@example.com", TokenPermissionLevel::CanUse),
            TokenAccessControlRequest::service_principal(
                "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b",
                TokenPermissionLevel::CanUse,
            ),
        ]))
        .await
        .expect("set");
    assert_eq!(permissions.access_control_list.len(), 4);
}

#[tokio::test]
async fn set_permissions_with_an_empty_list_sends_it() {
    let (server, api) = setup().await;
    endpoint("PUT", PERMS)
        .and(body_json(json!({ "access_control_list": [] })))
        .respond_with(ok_fixture(PERMISSIONS))
        .expect(1)
        .mount(&server)
        .await;
    api.set_permissions(TokenPermissionsRequest::default())
        .await
        .expect("set");
}

#[tokio::test]
async fn update_permissions_patches() {
    let (server, api) = setup().await;
    endpoint("PATCH", PERMS)
        .and(no_query)
        .and(body_json(json!({
            "access_control_list": [ { "group_name": "analysts", "permission_level": "CAN_USE" } ]
        })))
        .respond_with(ok_fixture(PERMISSIONS))
        .expect(1)
        .mount(&server)
        .await;
    api.update_permissions(TokenPermissionsRequest::new([
        TokenAccessControlRequest::group("analysts", TokenPermissionLevel::CanUse),
    ]))
    .await
    .expect("update");
}

#[tokio::test]
async fn permissions_errors() {
    let (server, api) = setup().await;
    endpoint("PATCH", PERMS)
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Principal nobody does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", PERMS)
        .respond_with(api_error(403, "PERMISSION_DENIED", "Only admins"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .update_permissions(TokenPermissionsRequest::new([
            TokenAccessControlRequest::user("nobody", TokenPermissionLevel::CanUse),
        ]))
        .await
        .expect_err("400");
    assert!(err.is_invalid_parameter(), "{err}");
    let err = api.get_permissions().await.expect_err("403");
    assert!(err.is_permission_denied(), "{err}");
}

#[tokio::test]
async fn get_permission_levels_keeps_unknown_levels() {
    let (server, api) = setup().await;
    endpoint("GET", &format!("{PERMS}/permissionLevels"))
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(LEVELS))
        .expect(1)
        .mount(&server)
        .await;
    let levels = api.get_permission_levels().await.expect("levels");
    assert_eq!(levels.len(), 2);
    assert_eq!(
        levels[0].permission_level,
        Some(TokenPermissionLevel::CanUse)
    );
    assert_eq!(levels[0].description.as_deref(), Some("Can use tokens"));
    assert_eq!(
        levels[1].permission_level.as_ref().map(|l| l.as_str()),
        Some("CAN_ROTATE")
    );
}

#[tokio::test]
async fn creates_are_not_retried_reads_and_deletes_are() {
    let server = MockServer::start().await;
    let api = TokenManagementApi::new(retrying_client(&server));

    endpoint("POST", "/api/2.0/token-management/on-behalf-of/tokens")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create_obo_token(CreateOboTokenRequest::new("sp"))
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));

    for verb in ["GET", "DELETE"] {
        endpoint(verb, &token_path())
            .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
            .up_to_n_times(1)
            .expect(1)
            .with_priority(1)
            .mount(&server)
            .await;
        endpoint(verb, &token_path())
            .respond_with(ok_fixture(GET))
            .expect(1)
            .with_priority(2)
            .mount(&server)
            .await;
    }
    api.get(ID).await.expect("retried get");
    api.delete(ID).await.expect("retried delete");
}
