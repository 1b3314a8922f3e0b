use serde_json::{Value, json};

use crate::common::{start, start_with_bob};

const CREATE: &str = "/api/2.0/secrets/scopes/create";
const PUT: &str = "/api/2.0/secrets/put";

fn names(body: &Value) -> Vec<String> {
    body["scopes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| s["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn scope_lifecycle() {
    let (_emu, client) = start().await;
    assert_eq!(
        client.get("/api/2.0/secrets/scopes/list").await.ok(),
        json!({})
    );
    client.create_scope("Team.Creds").await;
    let listed = client.get("/api/2.0/secrets/scopes/list").await.ok();
    assert_eq!(
        listed["scopes"],
        json!([{ "name": "Team.Creds", "backend_type": "DATABRICKS" }])
    );
    // Names are unique ignoring case; the legacy API answers 400.
    let r = client.post(CREATE, json!({ "scope": "team.creds" })).await;
    r.err(400, "RESOURCE_ALREADY_EXISTS");
    client
        .post(
            "/api/2.0/secrets/scopes/delete",
            json!({ "scope": "TEAM.CREDS" }),
        )
        .await
        .ok();
    assert_eq!(
        client.get("/api/2.0/secrets/scopes/list").await.ok(),
        json!({})
    );
    client
        .post(
            "/api/2.0/secrets/scopes/delete",
            json!({ "scope": "Team.Creds" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
}

#[tokio::test]
async fn scope_names_and_backends() {
    let (_emu, client) = start().await;
    for bad in ["", "has space", "slash/y", "ümlaut", &"x".repeat(129)] {
        let r = client.post(CREATE, json!({ "scope": bad })).await;
        r.err(400, "INVALID_PARAMETER_VALUE");
    }
    client.create_scope(&"x".repeat(128)).await;
    client.create_scope("a-b_c.d@e").await;
    client
        .post(CREATE, json!({}))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    client
        .post(
            CREATE,
            json!({ "scope": "kv", "scope_backend_type": "AZURE_KEYVAULT",
                    "backend_azure_keyvault": { "resource_id": "/x", "dns_name": "https://kv.vault.azure.net/" } }),
        )
        .await
        .err(400, "BAD_REQUEST");
    client
        .post(CREATE, json!({ "scope": "s3", "scope_backend_type": "S3" }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    client
        .post(
            CREATE,
            json!({ "scope": "explicit", "scope_backend_type": "DATABRICKS" }),
        )
        .await
        .ok();
}

#[tokio::test]
async fn initial_manage_principal() {
    let (_emu, client) = start().await;
    client
        .post(
            CREATE,
            json!({ "scope": "shared", "initial_manage_principal": "users" }),
        )
        .await
        .ok();
    let acls = client
        .get("/api/2.0/secrets/acls/list?scope=shared")
        .await
        .ok();
    assert_eq!(
        acls["items"],
        json!([{ "principal": "users", "permission": "MANAGE" }])
    );
    client.create_scope("mine").await;
    let acls = client
        .get("/api/2.0/secrets/acls/list?scope=mine")
        .await
        .ok();
    assert_eq!(
        acls["items"],
        json!([{ "principal": "admin@example.com", "permission": "MANAGE" }])
    );
    client
        .post(
            CREATE,
            json!({ "scope": "x", "initial_manage_principal": "admins" }),
        )
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
}

#[tokio::test]
async fn scope_limit() {
    let (_emu, client) = start().await;
    for i in 0..1000 {
        client.create_scope(&format!("s{i}")).await;
    }
    client
        .post(CREATE, json!({ "scope": "one-too-many" }))
        .await
        .err(400, "RESOURCE_LIMIT_EXCEEDED");
}

#[tokio::test]
async fn put_get_list_delete_secrets() {
    let (_emu, client) = start().await;
    client.create_scope("s").await;
    client
        .post(
            PUT,
            json!({ "scope": "s", "key": "password", "string_value": "héllo" }),
        )
        .await
        .ok();
    client
        .post(
            PUT,
            json!({ "scope": "S", "key": "cert", "bytes_value": "AAH/" }),
        )
        .await
        .ok();
    let got = client
        .get("/api/2.0/secrets/get?scope=s&key=password")
        .await
        .ok();
    assert_eq!(got, json!({ "key": "password", "value": "aMOpbGxv" }));
    // GET parameters from a JSON body, as older clients send them.
    let got = client
        .call(
            "GET",
            "/api/2.0/secrets/get",
            json!({ "scope": "s", "key": "cert" }),
        )
        .await
        .ok();
    assert_eq!(got["value"], "AAH/");

    let listed = client
        .call("GET", "/api/2.0/secrets/list", json!({ "scope": "s" }))
        .await
        .ok();
    let secrets = listed["secrets"].as_array().unwrap();
    assert_eq!(secrets.len(), 2);
    assert!(secrets.iter().all(|s| s["last_updated_timestamp"].is_i64()));
    assert!(secrets.iter().all(|s| s.get("value").is_none()));

    // Overwrite.
    client
        .post(
            PUT,
            json!({ "scope": "s", "key": "password", "string_value": "new" }),
        )
        .await
        .ok();
    let got = client
        .get("/api/2.0/secrets/get?scope=s&key=password")
        .await
        .ok();
    assert_eq!(got["value"], "bmV3");

    client
        .post(
            "/api/2.0/secrets/delete",
            json!({ "scope": "s", "key": "cert" }),
        )
        .await
        .ok();
    client
        .post(
            "/api/2.0/secrets/delete",
            json!({ "scope": "s", "key": "cert" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .get("/api/2.0/secrets/get?scope=s&key=cert")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .get("/api/2.0/secrets/list?scope=nope")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .post(
            PUT,
            json!({ "scope": "nope", "key": "k", "string_value": "v" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .post(
            "/api/2.0/secrets/delete",
            json!({ "scope": "nope", "key": "k" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .get("/api/2.0/secrets/get?scope=nope&key=k")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    let r = client.get("/api/2.0/secrets/list").await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert!(r.message().contains("scope"));
}

#[tokio::test]
async fn put_validation() {
    let (_emu, client) = start().await;
    client.create_scope("s").await;
    let put = |body: Value| client.post(PUT, body);
    put(json!({ "scope": "s", "key": "k" }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    put(json!({ "scope": "s", "key": "k", "string_value": "a", "bytes_value": "YQ==" }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    put(json!({ "scope": "s", "key": "k", "bytes_value": "not base64!" }))
        .await
        .err(400, "MALFORMED_REQUEST");
    put(json!({ "scope": "s", "key": "bad key", "string_value": "v" }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    put(json!({ "scope": "s", "key": "k".repeat(129), "string_value": "v" }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    let r = put(json!({ "scope": "s", "string_value": "v" })).await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert!(r.message().contains("key"));
    // 128 KiB is the limit.
    put(json!({ "scope": "s", "key": "big", "string_value": "x".repeat(128 * 1024) }))
        .await
        .ok();
    put(json!({ "scope": "s", "key": "big", "string_value": "x".repeat(128 * 1024 + 1) }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
}

#[tokio::test]
async fn secrets_per_scope_limit() {
    let (_emu, client) = start().await;
    client.create_scope("s").await;
    for i in 0..1000 {
        client
            .post(
                PUT,
                json!({ "scope": "s", "key": format!("k{i}"), "string_value": "v" }),
            )
            .await
            .ok();
    }
    client
        .post(
            PUT,
            json!({ "scope": "s", "key": "k1000", "string_value": "v" }),
        )
        .await
        .err(400, "RESOURCE_LIMIT_EXCEEDED");
    // Overwriting an existing key is still fine.
    client
        .post(
            PUT,
            json!({ "scope": "s", "key": "k0", "string_value": "w" }),
        )
        .await
        .ok();
}

#[tokio::test]
async fn acls() {
    let (_emu, client) = start().await;
    client.create_scope("s").await;
    client
        .post(
            "/api/2.0/groups/create",
            json!({ "group_name": "data-eng" }),
        )
        .await
        .ok();
    let put_acl = |principal: &str, permission: &str| {
        client.post(
            "/api/2.0/secrets/acls/put",
            json!({ "scope": "s", "principal": principal, "permission": permission }),
        )
    };
    put_acl("data-eng", "READ").await.ok();
    put_acl("data-eng", "WRITE").await.ok(); // overwrite
    let got = client
        .get("/api/2.0/secrets/acls/get?scope=s&principal=data-eng")
        .await
        .ok();
    assert_eq!(
        got,
        json!({ "principal": "data-eng", "permission": "WRITE" })
    );
    let listed = client.get("/api/2.0/secrets/acls/list?scope=s").await.ok();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);

    put_acl("data-eng", "OWNER")
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    put_acl("", "READ")
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
    client
        .post(
            "/api/2.0/secrets/acls/put",
            json!({ "scope": "nope", "principal": "x", "permission": "READ" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");

    client
        .post(
            "/api/2.0/secrets/acls/delete",
            json!({ "scope": "s", "principal": "data-eng" }),
        )
        .await
        .ok();
    client
        .post(
            "/api/2.0/secrets/acls/delete",
            json!({ "scope": "s", "principal": "data-eng" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .get("/api/2.0/secrets/acls/get?scope=s&principal=data-eng")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .get("/api/2.0/secrets/acls/list?scope=nope")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
}

#[tokio::test]
async fn permission_checks() {
    let (_emu, admin, bob) = start_with_bob().await;
    admin.create_scope("s").await;
    admin
        .post(
            PUT,
            json!({ "scope": "s", "key": "k", "string_value": "v" }),
        )
        .await
        .ok();
    let acl = |permission: &str| {
        admin.post(
            "/api/2.0/secrets/acls/put",
            json!({ "scope": "s", "principal": "bob@example.com", "permission": permission }),
        )
    };
    let list = || bob.get("/api/2.0/secrets/list?scope=s");
    let get = || bob.get("/api/2.0/secrets/get?scope=s&key=k");
    let put = || {
        bob.post(
            PUT,
            json!({ "scope": "s", "key": "k2", "string_value": "v" }),
        )
    };
    let acls = || bob.get("/api/2.0/secrets/acls/list?scope=s");

    // Scope names are visible to all; contents are not.
    assert_eq!(
        names(&bob.get("/api/2.0/secrets/scopes/list").await.ok()),
        vec!["s"]
    );
    list().await.err(403, "PERMISSION_DENIED");
    get().await.err(403, "PERMISSION_DENIED");

    acl("READ").await.ok();
    list().await.ok();
    assert_eq!(get().await.ok()["value"], "dg==");
    put().await.err(403, "PERMISSION_DENIED");
    bob.post(
        "/api/2.0/secrets/delete",
        json!({ "scope": "s", "key": "k" }),
    )
    .await
    .err(403, "PERMISSION_DENIED");

    acl("WRITE").await.ok();
    put().await.ok();
    acls().await.err(403, "PERMISSION_DENIED");
    bob.post("/api/2.0/secrets/scopes/delete", json!({ "scope": "s" }))
        .await
        .err(403, "PERMISSION_DENIED");

    acl("MANAGE").await.ok();
    acls().await.ok();
    bob.post("/api/2.0/secrets/scopes/delete", json!({ "scope": "s" }))
        .await
        .ok();

    // Group grants apply: "users" covers everyone.
    admin
        .post(
            CREATE,
            json!({ "scope": "open", "initial_manage_principal": "users" }),
        )
        .await
        .ok();
    bob.get("/api/2.0/secrets/acls/list?scope=open").await.ok();

    // A scope bob creates is his to manage.
    bob.create_scope("bobs").await;
    let items = bob.get("/api/2.0/secrets/acls/list?scope=bobs").await.ok();
    assert_eq!(items["items"][0]["principal"], "bob@example.com");
}

const ACL_PUT: &str = "/api/2.0/secrets/acls/put";
const ACL_DELETE: &str = "/api/2.0/secrets/acls/delete";

#[tokio::test]
async fn acl_principals_must_exist() {
    let (_emu, admin, bob) = start_with_bob().await;
    admin.create_scope("s").await;
    let put = |principal: &str| {
        admin.post(
            ACL_PUT,
            json!({ "scope": "s", "principal": principal, "permission": "READ" }),
        )
    };

    let unknown = put("ghost@example.com").await;
    unknown.err(404, "RESOURCE_DOES_NOT_EXIST");
    assert_eq!(
        unknown.message(),
        "Principal: ghost@example.com does not exist"
    );
    let unknown_group = put("no-such-group").await;
    unknown_group.err(404, "RESOURCE_DOES_NOT_EXIST");
    assert_eq!(
        unknown_group.message(),
        "Principal: no-such-group does not exist"
    );
    // Names are matched exactly.
    put("BOB@example.com")
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    let acls = admin.get("/api/2.0/secrets/acls/list?scope=s").await.ok();
    assert_eq!(acls["items"].as_array().unwrap().len(), 1, "{acls}");

    // Users, the built-in groups, created groups and service principals (by application id).
    put("bob@example.com").await.ok();
    put("users").await.ok();
    put("admins").await.ok();
    admin
        .post(
            "/api/2.0/groups/create",
            json!({ "group_name": "analysts" }),
        )
        .await
        .ok();
    put("analysts").await.ok();
    let sp = admin
        .post(
            "/api/2.0/preview/scim/v2/ServicePrincipals",
            json!({ "displayName": "ci-bot" }),
        )
        .await;
    assert_eq!(sp.status, 201, "{}", sp.text);
    let app_id = sp.body["applicationId"].as_str().unwrap().to_owned();
    put(&app_id).await.ok();

    // A manager is needed before the principal is looked up.
    bob.post(
        ACL_PUT,
        json!({ "scope": "s", "principal": "ghost@example.com", "permission": "READ" }),
    )
    .await
    .err(403, "PERMISSION_DENIED");

    // get and delete name the missing principal.
    let get = admin
        .get("/api/2.0/secrets/acls/get?scope=s&principal=ghost@example.com")
        .await;
    get.err(404, "RESOURCE_DOES_NOT_EXIST");
    assert_eq!(get.message(), "Principal: ghost@example.com does not exist");
    let delete = admin
        .post(
            ACL_DELETE,
            json!({ "scope": "s", "principal": "ghost@example.com" }),
        )
        .await;
    delete.err(404, "RESOURCE_DOES_NOT_EXIST");
    assert_eq!(
        delete.message(),
        "Principal: ghost@example.com does not exist"
    );
    // An existing principal without an ACL is told apart.
    admin
        .post("/api/2.0/groups/create", json!({ "group_name": "idle" }))
        .await
        .ok();
    let none = admin
        .get("/api/2.0/secrets/acls/get?scope=s&principal=idle")
        .await;
    none.err(404, "RESOURCE_DOES_NOT_EXIST");
    assert_eq!(
        none.message(),
        "No ACL for principal idle exists in scope s."
    );
}

#[tokio::test]
async fn acls_outlive_deleted_principals() {
    let (_emu, admin, bob) = start_with_bob().await;
    admin.create_scope("s").await;
    admin
        .post("/api/2.0/groups/create", json!({ "group_name": "team" }))
        .await
        .ok();
    admin
        .post(
            "/api/2.0/groups/add-member",
            json!({ "user_name": "bob@example.com", "parent_name": "team" }),
        )
        .await
        .ok();
    for principal in ["team", "bob@example.com"] {
        admin
            .post(
                ACL_PUT,
                json!({ "scope": "s", "principal": principal, "permission": "READ" }),
            )
            .await
            .ok();
    }
    bob.get("/api/2.0/secrets/list?scope=s").await.ok();

    admin
        .post("/api/2.0/groups/delete", json!({ "group_name": "team" }))
        .await
        .ok();
    let bob_id = admin
        .get("/api/2.0/preview/scim/v2/Users?filter=userName%20eq%20%22bob@example.com%22")
        .await
        .ok()["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let deleted = admin
        .call(
            "DELETE",
            &format!("/api/2.0/preview/scim/v2/Users/{bob_id}"),
            Value::Null,
        )
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.text);

    // The ACLs stay, listed and readable, and can still be removed.
    let listed = admin.get("/api/2.0/secrets/acls/list?scope=s").await.ok();
    let principals: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["principal"].as_str().unwrap())
        .collect();
    assert_eq!(principals, ["admin@example.com", "bob@example.com", "team"]);
    assert_eq!(
        admin
            .get("/api/2.0/secrets/acls/get?scope=s&principal=team")
            .await
            .ok(),
        json!({ "principal": "team", "permission": "READ" })
    );
    admin
        .post(ACL_DELETE, json!({ "scope": "s", "principal": "team" }))
        .await
        .ok();
    // A new put for the deleted name is refused like any unknown principal.
    admin
        .post(
            ACL_PUT,
            json!({ "scope": "s", "principal": "team", "permission": "WRITE" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    admin
        .post(
            ACL_DELETE,
            json!({ "scope": "s", "principal": "bob@example.com" }),
        )
        .await
        .ok();
}
