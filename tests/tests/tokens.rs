//! Token API, Token Management and OAuth M2M end to end against the emulator.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use databricks::core::ExposeSecret;
use databricks::tokens::{
    CreateOboTokenRequest, CreateTokenRequest, ListTokenManagementRequest, NO_EXPIRY,
    UpdateTokenRequest,
};
use databricks::{Client, ConfigSources, Error, RetryPolicy};
use databricks_emulator::{DEFAULT_OAUTH_CLIENT_ID, DEFAULT_OAUTH_CLIENT_SECRET, Emulator};

#[tokio::test]
async fn create_use_list_update_and_revoke_a_token() {
    let (emu, client) = common::start().await;
    let created = client
        .tokens()
        .create(CreateTokenRequest {
            comment: Some("ci".into()),
            lifetime_seconds: Some(3600),
            ..Default::default()
        })
        .await
        .unwrap();
    let value = created.token_value.expose_secret().to_owned();
    assert!(value.starts_with("dapi") && value.len() == 36, "{value}");
    let info = &created.token_info;
    let created_at = info.creation_time.unwrap().as_millis();
    let expires_at = info.expiry_time.unwrap().as_millis();
    assert_eq!(expires_at - created_at, 3_600_000);
    assert_eq!(info.comment.as_deref(), Some("ci"));

    // The new token authenticates.
    let as_token = common::client_with_token(&emu, &value);
    as_token.secrets().list_scopes().await.unwrap();

    let listed = client.tokens().list().await.unwrap();
    assert!(listed.iter().any(|t| t.token_id == info.token_id));

    client
        .tokens()
        .update(UpdateTokenRequest::new(info.token_id.clone()).with_comment("ci-renamed"))
        .await
        .unwrap();
    let listed = client.tokens().list().await.unwrap();
    let renamed = listed.iter().find(|t| t.token_id == info.token_id).unwrap();
    assert_eq!(renamed.comment.as_deref(), Some("ci-renamed"));

    client.tokens().delete(info.token_id.clone()).await.unwrap();
    let refused = as_token.secrets().list_scopes().await.unwrap_err();
    assert!(refused.is_unauthenticated(), "{refused:?}");
    assert_eq!(refused.status(), Some(401));
    assert!(
        !client
            .tokens()
            .list()
            .await
            .unwrap()
            .iter()
            .any(|t| t.token_id == info.token_id)
    );
    let again = client
        .tokens()
        .delete(info.token_id.clone())
        .await
        .unwrap_err();
    assert!(again.is_not_found(), "{again:?}");
}

#[tokio::test]
async fn tokens_without_lifetime_never_expire_and_expired_tokens_are_refused() {
    let (emu, client) = common::start().await;
    let forever = client
        .tokens()
        .create(CreateTokenRequest::new())
        .await
        .unwrap();
    assert_eq!(forever.token_info.expiry_time, Some(NO_EXPIRY));
    assert_eq!(forever.token_info.expires_at(), None);

    let short = client
        .tokens()
        .create(CreateTokenRequest {
            lifetime_seconds: Some(60),
            ..Default::default()
        })
        .await
        .unwrap();
    let short_client = common::client_with_token(&emu, short.token_value.expose_secret());
    short_client.secrets().list_scopes().await.unwrap();
    emu.clock().advance(Duration::from_secs(61));
    let refused = short_client.secrets().list_scopes().await.unwrap_err();
    assert!(refused.is_unauthenticated(), "{refused:?}");
    let forever_client = common::client_with_token(&emu, forever.token_value.expose_secret());
    forever_client.secrets().list_scopes().await.unwrap();
}

#[tokio::test]
async fn token_management_for_admins() {
    let emu = Emulator::builder()
        .user_token("bob@example.com", "dapi-bob-00000000000000000000000000000")
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token());
    let bob = common::client_with_token(&emu, "dapi-bob-00000000000000000000000000000");

    let bobs = bob
        .tokens()
        .create(CreateTokenRequest {
            comment: Some("bob's".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    admin
        .tokens()
        .create(CreateTokenRequest {
            comment: Some("admin's".into()),
            ..Default::default()
        })
        .await
        .unwrap();

    let all = admin
        .token_management()
        .list(ListTokenManagementRequest::new())
        .await
        .unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    let only_bob = admin
        .token_management()
        .list(ListTokenManagementRequest {
            created_by_username: Some("bob@example.com".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(only_bob.len(), 1);
    assert_eq!(only_bob[0].token_id, bobs.token_info.token_id);
    assert_eq!(only_bob[0].comment.as_deref(), Some("bob's"));

    let got = admin
        .token_management()
        .get(bobs.token_info.token_id.clone())
        .await
        .unwrap();
    assert_eq!(got.created_by_username.as_deref(), Some("bob@example.com"));

    // Bob is not an admin.
    let denied = bob
        .token_management()
        .list(ListTokenManagementRequest::new())
        .await
        .unwrap_err();
    assert!(denied.is_permission_denied(), "{denied:?}");

    // An admin revokes Bob's token; Bob's token stops working.
    let bobs_client = common::client_with_token(&emu, bobs.token_value.expose_secret());
    bobs_client.secrets().list_scopes().await.unwrap();
    admin
        .token_management()
        .delete(bobs.token_info.token_id.clone())
        .await
        .unwrap();
    assert!(
        bobs_client
            .secrets()
            .list_scopes()
            .await
            .unwrap_err()
            .is_unauthenticated()
    );
    let missing = admin
        .token_management()
        .get(bobs.token_info.token_id.clone())
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");

    // Permissions: the default grants and their levels.
    let perms = admin.token_management().get_permissions().await.unwrap();
    assert!(!perms.access_control_list.is_empty());
    let levels = admin
        .token_management()
        .get_permission_levels()
        .await
        .unwrap();
    assert!(!levels.is_empty());
}

#[tokio::test]
async fn on_behalf_of_tokens_work_for_service_principals() {
    let (emu, client) = common::start().await;
    let obo = client
        .token_management()
        .create_obo_token(CreateOboTokenRequest {
            application_id: "11111111-2222-3333-4444-555555555555".into(),
            comment: Some("deployer".into()),
            lifetime_seconds: Some(600),
            ..Default::default()
        })
        .await
        .unwrap();
    let sp = common::client_with_token(&emu, obo.token_value.expose_secret());
    sp.secrets().list_scopes().await.unwrap();
}

fn m2m(emu: &Emulator, secret: &str) -> Client {
    Client::builder()
        .host(emu.url())
        .client_id(DEFAULT_OAUTH_CLIENT_ID)
        .client_secret(secret)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn oauth_m2m_against_the_emulator() {
    let emu = Emulator::builder()
        .oauth_token_lifetime(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let client = m2m(&emu, DEFAULT_OAUTH_CLIENT_SECRET);
    client
        .secrets()
        .create_scope(databricks::secrets::CreateScope::new("m2m"))
        .await
        .unwrap();
    // The token is cached: one token request for several calls.
    for _ in 0..3 {
        client.secrets().list_scopes().await.unwrap();
    }
    assert_eq!(common::count_requests(&emu, "POST", "/oidc/v1/token"), 1);
    // Past its half-life the token is refreshed before use.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.secrets().list_scopes().await.unwrap();
    assert_eq!(common::count_requests(&emu, "POST", "/oidc/v1/token"), 2);

    let err = m2m(&emu, "wrong-secret")
        .secrets()
        .list_scopes()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("wrong-secret"));
}
