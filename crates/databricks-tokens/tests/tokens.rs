//! Wire tests for the Token API (`/api/2.0/token/`).

mod common;

use common::*;
use databricks_core::{ExposeSecret, Timestamp};
use databricks_tokens::{
    AutoscopeState, CreateTokenRequest, TokenId, TokensApi, UpdateTokenRequest,
};
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::body_json;

const CREATE: &str = include_str!("fixtures/token_create.json");
const LIST: &str = include_str!("fixtures/token_list.json");
const ID: &str = "3f9c2a7e5b1d4c8e9f0a6b2c7d3e8f1a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";

async fn setup() -> (MockServer, TokensApi) {
    let server = MockServer::start().await;
    let api = TokensApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn create_sends_the_documented_body_and_decodes_the_secret() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .and(no_query)
        .and(body_json(
            json!({ "lifetime_seconds": 7776000, "comment": "ci-pipeline" }),
        ))
        .respond_with(ok_fixture(CREATE))
        .expect(1)
        .mount(&server)
        .await;

    let created = api
        .create(CreateTokenRequest {
            comment: Some("ci-pipeline".into()),
            lifetime_seconds: Some(7_776_000),
            ..Default::default()
        })
        .await
        .expect("create");

    assert_eq!(
        created.token_value.expose_secret(),
        "dapi0123456789abcdef0123456789abcdef"
    );
    let info = &created.token_info;
    assert_eq!(info.token_id, TokenId::from(ID));
    assert_eq!(
        info.creation_time,
        Some(Timestamp::from_millis(1_718_181_234_000))
    );
    assert_eq!(
        info.expires_at(),
        Some(Timestamp::from_millis(1_725_957_234_000))
    );
    assert_eq!(info.comment.as_deref(), Some("ci-pipeline"));
    assert_eq!(info.scopes, ["clusters", "jobs"]);
    assert_eq!(info.autoscope_state, Some(AutoscopeState::Running));
    let debug = format!("{created:?}");
    assert!(!debug.contains("dapi0123"), "{debug}");
}

#[tokio::test]
async fn create_sends_every_optional_field_including_zero_and_false() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .and(body_json(json!({
            "comment": "",
            "lifetime_seconds": 0,
            "scopes": ["clusters"],
            "autoscope_enabled": false
        })))
        .respond_with(ok_fixture(CREATE))
        .expect(1)
        .mount(&server)
        .await;

    api.create(CreateTokenRequest {
        comment: Some(String::new()),
        lifetime_seconds: Some(0),
        scopes: vec!["clusters".into()],
        autoscope_enabled: Some(false),
    })
    .await
    .expect("create");
}

#[tokio::test]
async fn create_with_defaults_sends_an_empty_object() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .and(body_json(json!({})))
        .respond_with(ok_fixture(CREATE))
        .expect(1)
        .mount(&server)
        .await;
    api.create(CreateTokenRequest::new()).await.expect("create");
}

#[tokio::test]
async fn create_quota_exceeded() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .respond_with(api_error(
            400,
            "QUOTA_EXCEEDED",
            "Token quota of 600 reached",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create(CreateTokenRequest::new())
        .await
        .expect_err("quota");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("QUOTA_EXCEEDED"));
    assert!(err.to_string().contains("QUOTA_EXCEEDED"), "{err}");
}

#[tokio::test]
async fn create_permission_denied() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .respond_with(api_error(
            403,
            "PERMISSION_DENIED",
            "Tokens are disabled for this user",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create(CreateTokenRequest::new())
        .await
        .expect_err("denied");
    assert!(err.is_permission_denied(), "{err}");
}

#[tokio::test]
async fn create_invalid_lifetime() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/create")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Lifetime exceeds the maximum",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create(CreateTokenRequest {
            lifetime_seconds: Some(i64::MAX),
            ..Default::default()
        })
        .await
        .expect_err("invalid");
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn list_decodes_all_tokens_with_unknown_fields_and_values() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/token/list")
        .and(no_query)
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;

    let tokens = api.list().await.expect("list");
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0].token_id.as_str(), ID);
    assert_eq!(tokens[0].inferred_scopes, ["jobs"]);
    assert_eq!(tokens[0].backfill_scopes, ["sql"]);
    assert_eq!(tokens[0].autoscope_state, Some(AutoscopeState::Completed));
    assert_eq!(tokens[1].comment.as_deref(), Some("laptop"));
    assert_eq!(tokens[1].expiry_time, Some(databricks_tokens::NO_EXPIRY));
    assert_eq!(tokens[1].expires_at(), None);
    assert!(tokens[1].scopes.is_empty());
    assert_eq!(
        tokens[1].autoscope_state,
        Some(AutoscopeState::Unrecognized(
            "AUTOSCOPE_STATE_SOMETHING_NEW".into()
        ))
    );
}

#[tokio::test]
async fn list_of_an_empty_body_is_empty() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/token/list")
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.list().await.expect("list").is_empty());
}

#[tokio::test]
async fn list_unauthenticated() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/token/list")
        .respond_with(api_error(401, "UNAUTHENTICATED", "Invalid access token"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.list().await.expect_err("401");
    assert!(err.is_unauthenticated(), "{err}");
    assert!(!err.to_string().contains(TOKEN), "{err}");
}

#[tokio::test]
async fn delete_posts_the_token_id() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/delete")
        .and(no_query)
        .and(body_json(json!({ "token_id": ID })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete(ID).await.expect("delete");
}

#[tokio::test]
async fn delete_accepts_a_token_id_reference() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/delete")
        .and(body_json(json!({ "token_id": ID })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let id = TokenId::from(ID);
    api.delete(&id).await.expect("delete");
}

#[tokio::test]
async fn delete_unknown_token_is_not_found() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/token/delete")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Token 9a0b does not exist.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.delete("9a0b").await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
    assert_eq!(
        err.error_code().map(|c| c.as_str()),
        Some("RESOURCE_DOES_NOT_EXIST")
    );
}

#[tokio::test]
async fn delete_with_empty_id_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.delete("").await, "token_id");
    server.verify().await;
}

#[tokio::test]
async fn update_patches_the_token_path_with_mask() {
    let (server, api) = setup().await;
    endpoint("PATCH", &format!("/api/2.0/token/{ID}"))
        .and(no_query)
        .and(body_json(json!({
            "token": { "comment": "ci-pipeline (rotated)" },
            "update_mask": "comment"
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.update(UpdateTokenRequest::new(ID).with_comment("ci-pipeline (rotated)"))
        .await
        .expect("update");
}

#[tokio::test]
async fn update_can_clear_scopes() {
    let (server, api) = setup().await;
    endpoint("PATCH", &format!("/api/2.0/token/{ID}"))
        .and(body_json(json!({
            "token": { "comment": "x", "scopes": [] },
            "update_mask": "comment,scopes"
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.update(
        UpdateTokenRequest::new(ID)
            .with_comment("x")
            .with_scopes(Vec::<String>::new())
            .with_comment("x"),
    )
    .await
    .expect("update");
}

#[tokio::test]
async fn update_escapes_the_token_id_in_the_path() {
    let (server, api) = setup().await;
    endpoint("PATCH", "/api/2.0/token/a%2Fb%20c")
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.update(UpdateTokenRequest::new("a/b c").with_comment("x"))
        .await
        .expect("update");
}

#[tokio::test]
async fn update_unknown_token_is_not_found() {
    let (server, api) = setup().await;
    endpoint("PATCH", "/api/2.0/token/nope")
        .respond_with(api_error(404, "NOT_FOUND", "Token nope not found"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .update(UpdateTokenRequest::new("nope").with_comment("x"))
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn update_bad_mask_is_invalid_parameter() {
    let (server, api) = setup().await;
    endpoint("PATCH", &format!("/api/2.0/token/{ID}"))
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Invalid update mask: owner",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = UpdateTokenRequest::new(ID);
    request.update_mask = "owner".into();
    let err = api.update(request).await.expect_err("400");
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn update_without_id_or_mask_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(
        api.update(UpdateTokenRequest::new("").with_comment("x"))
            .await,
        "token_id",
    );
    assert_invalid(api.update(UpdateTokenRequest::new(ID)).await, "update_mask");
    server.verify().await;
}

#[tokio::test]
async fn create_is_not_retried_but_delete_is() {
    let server = MockServer::start().await;
    let api = TokensApi::new(retrying_client(&server));

    endpoint("POST", "/api/2.0/token/create")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create(CreateTokenRequest::new())
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));

    endpoint("POST", "/api/2.0/token/delete")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/token/delete")
        .respond_with(ok_empty())
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    api.delete(ID).await.expect("retried delete");

    endpoint("GET", "/api/2.0/token/list")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/token/list")
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    assert_eq!(api.list().await.expect("retried list").len(), 2);
}

#[tokio::test]
async fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let server = MockServer::start().await;
    let api = TokensApi::new(client(&server));
    assert_send(&api.list());
    assert_send(&api.create(CreateTokenRequest::new()));
    assert_send(&api.delete(ID));
    assert_send(&api.update(UpdateTokenRequest::new(ID)));
}
