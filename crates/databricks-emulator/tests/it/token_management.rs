use serde_json::{Value, json};

use crate::common::{Client, start, start_with_bob};

async fn create(client: &Client, comment: &str) -> (String, String) {
    let created = client
        .post("/api/2.0/token/create", json!({ "comment": comment }))
        .await
        .ok();
    (
        created["token_info"]["token_id"]
            .as_str()
            .unwrap()
            .to_owned(),
        created["token_value"].as_str().unwrap().to_owned(),
    )
}

fn ids(body: &Value) -> Vec<String> {
    body["token_infos"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| t["token_id"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn list_get_update_delete() {
    let (_emu, admin, bob) = start_with_bob().await;
    let (admin_token, _) = create(&admin, "admin's").await;
    let (bob_token, _) = create(&bob, "bob's").await;

    let all = admin.get("/api/2.0/token-management/tokens").await.ok();
    assert_eq!(ids(&all).len(), 2);
    let info = all["token_infos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["token_id"] == bob_token.as_str())
        .unwrap();
    assert_eq!(info["created_by_username"], "bob@example.com");
    assert_eq!(info["owner_id"], info["created_by_id"]);
    assert_eq!(info["comment"], "bob's");
    assert!(info["workspace_id"].is_i64());
    let bob_id = info["created_by_id"].as_i64().unwrap();

    // Filters, from the query string or a JSON body on GET.
    let by_name = admin
        .get("/api/2.0/token-management/tokens?created_by_username=bob@example.com")
        .await
        .ok();
    assert_eq!(ids(&by_name), vec![bob_token.clone()]);
    let by_id = admin
        .call(
            "GET",
            "/api/2.0/token-management/tokens",
            json!({ "created_by_id": bob_id }),
        )
        .await
        .ok();
    assert_eq!(ids(&by_id), vec![bob_token.clone()]);
    let none = admin
        .get("/api/2.0/token-management/tokens?created_by_username=nobody")
        .await
        .ok();
    assert_eq!(none, json!({}));

    let path = format!("/api/2.0/token-management/tokens/{admin_token}");
    let got = admin.get(&path).await.ok();
    assert_eq!(got["token_info"]["token_id"], admin_token.as_str());
    assert_eq!(
        got["token_info"]["created_by_username"],
        "admin@example.com"
    );

    let updated = admin
        .call(
            "PATCH",
            &path,
            json!({ "token": { "comment": "renamed" }, "update_mask": "comment" }),
        )
        .await
        .ok();
    assert_eq!(updated["comment"], "renamed");
    assert_eq!(updated["token_id"], admin_token.as_str());

    admin.call("DELETE", &path, Value::Null).await.ok();
    admin.get(&path).await.err(404, "RESOURCE_DOES_NOT_EXIST");
    admin
        .call("DELETE", &path, Value::Null)
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    admin
        .call(
            "PATCH",
            &path,
            json!({ "token": { "comment": "x" }, "update_mask": "comment" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");

    // Admins can revoke other users' tokens.
    let bob_path = format!("/api/2.0/token-management/tokens/{bob_token}");
    bob.get(&bob_path).await.err(403, "PERMISSION_DENIED");
    bob.call("DELETE", &bob_path, Value::Null)
        .await
        .err(403, "PERMISSION_DENIED");
    admin.call("DELETE", &bob_path, Value::Null).await.ok();
    assert_eq!(bob.get("/api/2.0/token/list").await.ok(), json!({}));
}

#[tokio::test]
async fn on_behalf_of_service_principal() {
    let (_emu, admin) = start().await;
    let app_id = "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b";
    let created = admin
        .post(
            "/api/2.0/token-management/on-behalf-of/tokens",
            json!({ "application_id": app_id, "lifetime_seconds": 3600, "comment": "deploy bot" }),
        )
        .await
        .ok();
    let info = &created["token_info"];
    assert_eq!(info["created_by_username"], "admin@example.com");
    assert_ne!(info["owner_id"], info["created_by_id"]);
    assert_eq!(info["comment"], "deploy bot");
    let sp = admin.with_token(created["token_value"].as_str().unwrap());
    // The token acts as the (non-admin) service principal.
    let own = sp.get("/api/2.0/token/list").await.ok();
    assert_eq!(own["token_infos"][0]["token_id"], info["token_id"]);
    sp.get("/api/2.0/token-management/tokens")
        .await
        .err(403, "PERMISSION_DENIED");
    sp.post(
        "/api/2.0/token-management/on-behalf-of/tokens",
        json!({ "application_id": app_id }),
    )
    .await
    .err(403, "PERMISSION_DENIED");

    admin
        .post("/api/2.0/token-management/on-behalf-of/tokens", json!({}))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    admin
        .post(
            "/api/2.0/token-management/on-behalf-of/tokens",
            json!({ "application_id": "admin@example.com" }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    admin
        .post(
            "/api/2.0/token-management/on-behalf-of/tokens",
            json!({ "application_id": app_id, "lifetime_seconds": -3 }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
}

#[tokio::test]
async fn token_permissions() {
    let (_emu, admin, bob) = start_with_bob().await;
    let path = "/api/2.0/permissions/authorization/tokens";
    let perms = admin.get(path).await.ok();
    assert_eq!(perms["object_id"], "authorization/tokens");
    assert_eq!(perms["object_type"], "tokens");
    let acl = perms["access_control_list"].as_array().unwrap();
    assert_eq!(acl[0]["group_name"], "admins");
    assert_eq!(
        acl[0]["all_permissions"][0]["permission_level"],
        "CAN_MANAGE"
    );
    assert_eq!(acl[1]["group_name"], "users");
    assert_eq!(acl[1]["all_permissions"][0]["permission_level"], "CAN_USE");

    let levels = admin.get(&format!("{path}/permissionLevels")).await.ok();
    assert_eq!(
        levels["permission_levels"][0]["permission_level"],
        "CAN_USE"
    );

    // PUT replaces: only carol may use tokens now; bob can no longer create one.
    let put = admin
        .call(
            "PUT",
            path,
            json!({ "access_control_list": [
                { "user_name": "carol@example.com", "permission_level": "CAN_USE" } ] }),
        )
        .await
        .ok();
    assert_eq!(put["access_control_list"].as_array().unwrap().len(), 2);
    bob.post("/api/2.0/token/create", json!({}))
        .await
        .err(403, "PERMISSION_DENIED");

    // PATCH adds.
    let patched = admin
        .call(
            "PATCH",
            path,
            json!({ "access_control_list": [
                { "user_name": "bob@example.com", "permission_level": "CAN_USE" } ] }),
        )
        .await
        .ok();
    let acl = patched["access_control_list"].as_array().unwrap();
    assert_eq!(acl.len(), 3);
    assert_eq!(acl[2]["display_name"], "bob");
    bob.post("/api/2.0/token/create", json!({})).await.ok();

    admin
        .call(
            "PATCH",
            path,
            json!({ "access_control_list": [
                { "user_name": "bob@example.com", "permission_level": "CAN_MANAGE" } ] }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    admin
        .call(
            "PUT",
            path,
            json!({ "access_control_list": [ { "permission_level": "CAN_USE" } ] }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    admin
        .call("PUT", path, json!({}))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    bob.get(path).await.err(403, "PERMISSION_DENIED");
}
