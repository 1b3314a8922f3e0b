use std::time::Duration;

use databricks_emulator::{DEFAULT_OAUTH_CLIENT_ID, DEFAULT_OAUTH_CLIENT_SECRET, Emulator};
use serde_json::{Value, json};

use crate::common::{Client, into_resp, start, start_with_bob};

#[tokio::test]
async fn missing_token_is_unauthenticated() {
    let (_emu, client) = start().await;
    let r = client.anonymous().get("/api/2.0/token/list").await;
    r.err(401, "UNAUTHENTICATED");
    assert!(r.message().contains("Credential was not sent"));
    // Unknown API paths also need a token first.
    client
        .anonymous()
        .get("/api/2.0/nope")
        .await
        .err(401, "UNAUTHENTICATED");
}

#[tokio::test]
async fn wrong_token_and_wrong_scheme_are_unauthenticated() {
    let (_emu, client) = start().await;
    let r = client
        .with_token("dapi-not-a-token")
        .get("/api/2.0/token/list")
        .await;
    r.err(401, "UNAUTHENTICATED");
    assert_eq!(r.message(), "Invalid access token.");
    let r = client
        .http
        .get(format!("{}/api/2.0/token/list", client.base))
        .basic_auth("admin@example.com", Some("pw"))
        .send()
        .await
        .unwrap();
    into_resp(r).await.err(401, "UNAUTHENTICATED");
}

#[tokio::test]
async fn created_token_works_until_revoked() {
    let (_emu, client) = start().await;
    let created = client
        .post("/api/2.0/token/create", json!({ "comment": "t" }))
        .await
        .ok();
    let value = created["token_value"].as_str().unwrap();
    let id = created["token_info"]["token_id"].as_str().unwrap();
    let own = client.with_token(value);
    // The new token acts as the same user: it lists the token itself.
    let listed = own.get("/api/2.0/token/list").await.ok();
    assert_eq!(listed["token_infos"][0]["token_id"], id);
    own.post("/api/2.0/token/delete", json!({ "token_id": id }))
        .await
        .ok();
    own.get("/api/2.0/token/list")
        .await
        .err(401, "UNAUTHENTICATED");
}

#[tokio::test]
async fn expired_token_is_refused() {
    let (emu, client) = start().await;
    let created = client
        .post("/api/2.0/token/create", json!({ "lifetime_seconds": 1 }))
        .await
        .ok();
    let short = client.with_token(created["token_value"].as_str().unwrap());
    short.get("/api/2.0/token/list").await.ok();
    emu.clock().advance(Duration::from_millis(1500));
    let r = short.get("/api/2.0/token/list").await;
    r.err(401, "UNAUTHENTICATED");
    assert!(r.message().contains("expired"));
    // Expired tokens are no longer listed.
    assert_eq!(client.get("/api/2.0/token/list").await.ok(), json!({}));
}

#[tokio::test]
async fn admin_endpoints_need_a_token() {
    let (_emu, client) = start().await;
    client
        .anonymous()
        .get("/__emulator/requests")
        .await
        .err(401, "UNAUTHENTICATED");
    client.get("/__emulator/requests").await.ok();
}

#[tokio::test]
async fn non_admin_users_are_not_admins() {
    let (_emu, _admin, bob) = start_with_bob().await;
    bob.get("/api/2.0/token-management/tokens")
        .await
        .err(403, "PERMISSION_DENIED");
    // Bob may still use tokens (users have CAN_USE by default).
    bob.post("/api/2.0/token/create", json!({})).await.ok();
}

async fn oauth_token(client: &Client, id: &str, secret: &str) -> crate::common::Resp {
    let r = client
        .http
        .post(format!("{}/oidc/v1/token", client.base))
        .basic_auth(id, Some(secret))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&scope=all-apis")
        .send()
        .await
        .unwrap();
    into_resp(r).await
}

#[tokio::test]
async fn oauth_m2m_end_to_end() {
    let emu = Emulator::builder()
        .oauth_client("ci-bot", "s3cret+/=")
        .oauth_token_lifetime(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let client = Client::new(&emu).anonymous();

    let discovery = client
        .get("/oidc/.well-known/oauth-authorization-server")
        .await
        .ok();
    assert_eq!(
        discovery["token_endpoint"],
        format!("{}/oidc/v1/token", emu.url())
    );
    assert_eq!(discovery["issuer"], format!("{}/oidc", emu.url()));
    assert!(discovery["authorization_endpoint"].is_string());

    let issued = oauth_token(&client, "ci-bot", "s3cret+/=").await.ok();
    assert_eq!(issued["token_type"], "Bearer");
    assert_eq!(issued["expires_in"], 1);
    assert_eq!(issued["scope"], "all-apis");
    let access = issued["access_token"].as_str().unwrap().to_owned();
    assert_eq!(access.split('.').count(), 3, "JWT-shaped");

    // The access token works, as an admin service principal.
    let api = client.with_token(&access);
    api.post(
        "/api/2.0/secrets/scopes/create",
        json!({ "scope": "from-oauth" }),
    )
    .await
    .ok();
    let acls = api
        .get("/api/2.0/secrets/acls/list?scope=from-oauth")
        .await
        .ok();
    assert_eq!(acls["items"][0]["principal"], "ci-bot");
    api.get("/api/2.0/token-management/tokens").await.ok();

    // Credentials in the form body work too.
    let r = client
        .http
        .post(format!("{}/oidc/v1/token", client.base))
        .body("grant_type=client_credentials&client_id=ci-bot&client_secret=s3cret%2B%2F%3D")
        .send()
        .await
        .unwrap();
    into_resp(r).await.ok();

    // Once expired, the token is refused.
    emu.clock().advance(Duration::from_millis(1500));
    api.get("/api/2.0/secrets/scopes/list")
        .await
        .err(401, "UNAUTHENTICATED");
}

#[tokio::test]
async fn oauth_errors() {
    let (_emu, client) = start().await;
    let client = client.anonymous();
    let r = oauth_token(&client, DEFAULT_OAUTH_CLIENT_ID, "wrong").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"], "invalid_client");
    assert!(r.body["error_description"].is_string());
    let r = client.post("/oidc/v1/token", Value::Null).await;
    assert_eq!(
        (r.status, r.body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let r = client
        .http
        .post(format!("{}/oidc/v1/token", client.base))
        .basic_auth(DEFAULT_OAUTH_CLIENT_ID, Some(DEFAULT_OAUTH_CLIENT_SECRET))
        .body("grant_type=password")
        .send()
        .await
        .unwrap();
    let r = into_resp(r).await;
    assert_eq!(
        (r.status, r.body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    // The default client works.
    oauth_token(
        &client,
        DEFAULT_OAUTH_CLIENT_ID,
        DEFAULT_OAUTH_CLIENT_SECRET,
    )
    .await
    .ok();
}

#[tokio::test]
async fn host_metadata_for_sdks() {
    let (emu, client) = start().await;
    let meta = client
        .anonymous()
        .get("/.well-known/databricks-config")
        .await
        .ok();
    assert_eq!(meta["oidc_endpoint"], format!("{}/oidc", emu.url()));
    assert!(meta["workspace_id"].is_string());
}
