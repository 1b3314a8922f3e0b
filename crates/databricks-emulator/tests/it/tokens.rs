use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::common::start;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn create_list_delete() {
    let (_emu, client) = start().await;
    let before = now_ms();
    let created = client
        .post(
            "/api/2.0/token/create",
            json!({ "comment": "ci", "lifetime_seconds": 3600 }),
        )
        .await
        .ok();
    let value = created["token_value"].as_str().unwrap();
    assert!(value.starts_with("dapi") && value.len() == 36, "{value}");
    assert!(value[4..].chars().all(|c| c.is_ascii_hexdigit()));
    let info = &created["token_info"];
    let id = info["token_id"].as_str().unwrap();
    assert_eq!(id.len(), 64);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let created_at = info["creation_time"].as_i64().unwrap();
    assert!(created_at >= before && created_at <= now_ms());
    assert_eq!(
        info["expiry_time"].as_i64().unwrap(),
        created_at + 3_600_000
    );
    assert_eq!(info["comment"], "ci");

    let listed = client.get("/api/2.0/token/list").await.ok();
    assert_eq!(listed["token_infos"].as_array().unwrap().len(), 1);
    assert_eq!(&listed["token_infos"][0], info);
    assert!(listed["token_infos"][0].get("token_value").is_none());

    client
        .post("/api/2.0/token/delete", json!({ "token_id": id }))
        .await
        .ok();
    assert_eq!(client.get("/api/2.0/token/list").await.ok(), json!({}));
    client
        .post("/api/2.0/token/delete", json!({ "token_id": id }))
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .post("/api/2.0/token/delete", json!({}))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
}

#[tokio::test]
async fn lifetimes() {
    let (_emu, client) = start().await;
    for body in [json!({}), json!({ "lifetime_seconds": -1 })] {
        let created = client.post("/api/2.0/token/create", body).await.ok();
        assert_eq!(created["token_info"]["expiry_time"], -1);
    }
    let r = client
        .post("/api/2.0/token/create", json!({ "lifetime_seconds": -7 }))
        .await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert!(r.message().contains("lifetime_seconds"));
    client
        .post(
            "/api/2.0/token/create",
            json!({ "lifetime_seconds": "soon" }),
        )
        .await
        .err(400, "MALFORMED_REQUEST");
}

#[tokio::test]
async fn update_comment_and_scopes() {
    let (_emu, client) = start().await;
    let created = client
        .post("/api/2.0/token/create", json!({ "comment": "old" }))
        .await
        .ok();
    let id = created["token_info"]["token_id"].as_str().unwrap();
    let path = format!("/api/2.0/token/{id}");
    client
        .call(
            "PATCH",
            &path,
            json!({ "token": { "comment": "new", "scopes": ["sql"] }, "update_mask": "comment" }),
        )
        .await
        .ok();
    let listed = client.get("/api/2.0/token/list").await.ok();
    assert_eq!(listed["token_infos"][0]["comment"], "new");
    assert!(listed["token_infos"][0].get("scopes").is_none());
    client
        .call(
            "PATCH",
            &path,
            json!({ "token": { "scopes": ["sql"] }, "update_mask": "*" }),
        )
        .await
        .ok();
    let listed = client.get("/api/2.0/token/list").await.ok();
    assert_eq!(listed["token_infos"][0]["scopes"], json!(["sql"]));
    assert_eq!(listed["token_infos"][0]["comment"], "");

    client
        .call(
            "PATCH",
            &path,
            json!({ "token": {}, "update_mask": "expiry_time" }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    let r = client.call("PATCH", &path, json!({ "token": {} })).await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert!(r.message().contains("update_mask"));
    client
        .call(
            "PATCH",
            "/api/2.0/token/ffff",
            json!({ "token": {}, "update_mask": "comment" }),
        )
        .await
        .err(404, "NOT_FOUND");
}

#[tokio::test]
async fn quota_per_user() {
    let (_emu, client) = start().await;
    for _ in 0..600 {
        client.post("/api/2.0/token/create", json!({})).await.ok();
    }
    client
        .post("/api/2.0/token/create", json!({}))
        .await
        .err(400, "QUOTA_EXCEEDED");
}

#[tokio::test]
async fn only_own_tokens_are_listed_and_revocable() {
    let (_emu, admin, bob) = crate::common::start_with_bob().await;
    let mine = admin.post("/api/2.0/token/create", json!({})).await.ok();
    let id = mine["token_info"]["token_id"].as_str().unwrap();
    assert_eq!(bob.get("/api/2.0/token/list").await.ok(), json!({}));
    bob.post("/api/2.0/token/delete", json!({ "token_id": id }))
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
}
