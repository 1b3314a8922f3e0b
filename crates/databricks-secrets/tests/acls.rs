//! Wire tests for the scope ACL endpoints (`/api/2.0/secrets/acls/*`).

mod common;

use common::*;
use databricks_secrets::{AclPermission, PutAcl, SecretsApi};
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param};

const LIST: &str = include_str!("fixtures/acls_list.json");
const GET: &str = include_str!("fixtures/acl_get.json");

async fn setup() -> (MockServer, SecretsApi) {
    let server = MockServer::start().await;
    let api = SecretsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn put_acl_sends_the_documented_body() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/acls/put")
        .and(no_query)
        .and(body_json(json!({
            "scope": "etl-credentials",
            "principal": "data-engineers",
            "permission": "READ"
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.put_acl(PutAcl::new(
        "etl-credentials",
        "data-engineers",
        AclPermission::Read,
    ))
    .await
    .expect("put");
}

#[tokio::test]
async fn put_acl_sends_each_level_and_unknown_levels_verbatim() {
    let (server, api) = setup().await;
    for level in ["WRITE", "MANAGE", "AUDIT"] {
        endpoint("POST", "/api/2.0/secrets/acls/put")
            .and(body_json(
                json!({ "scope": "s", "principal": "p", "permission": level }),
            ))
            .respond_with(ok_empty())
            .expect(1)
            .mount(&server)
            .await;
    }
    api.put_acl(PutAcl::new("s", "p", AclPermission::Write))
        .await
        .expect("write");
    api.put_acl(PutAcl::new("s", "p", AclPermission::Manage))
        .await
        .expect("manage");
    api.put_acl(PutAcl::new("s", "p", AclPermission::from("AUDIT")))
        .await
        .expect("audit");
}

#[tokio::test]
async fn put_acl_errors() {
    let (server, api) = setup().await;
    for (principal, status, code) in [
        ("exists", 400, "RESOURCE_ALREADY_EXISTS"),
        ("nobody", 400, "INVALID_PARAMETER_VALUE"),
        ("denied", 403, "PERMISSION_DENIED"),
    ] {
        endpoint("POST", "/api/2.0/secrets/acls/put")
            .and(wiremock::matchers::body_partial_json(
                json!({ "principal": principal }),
            ))
            .respond_with(api_error(status, code, "message"))
            .expect(1)
            .mount(&server)
            .await;
    }
    endpoint("POST", "/api/2.0/secrets/acls/put")
        .and(wiremock::matchers::body_partial_json(
            json!({ "scope": "missing" }),
        ))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Scope missing does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let put = |scope: &'static str, principal: &'static str| {
        api.put_acl(PutAcl::new(scope, principal, AclPermission::Read))
    };
    assert!(
        put("s", "exists")
            .await
            .expect_err("exists")
            .is_already_exists()
    );
    assert!(
        put("s", "nobody")
            .await
            .expect_err("400")
            .is_invalid_parameter()
    );
    assert!(
        put("s", "denied")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
    assert!(put("missing", "p").await.expect_err("404").is_not_found());
}

#[tokio::test]
async fn acl_validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(
        api.put_acl(PutAcl::new("", "p", AclPermission::Read)).await,
        "scope",
    );
    assert_invalid(
        api.put_acl(PutAcl::new("s", "", AclPermission::Read)).await,
        "principal",
    );
    assert_invalid(
        api.put_acl(PutAcl {
            scope: "s".into(),
            principal: "p".into(),
            ..Default::default()
        })
        .await,
        "permission",
    );
    assert_invalid(api.delete_acl("", "p").await, "scope");
    assert_invalid(api.delete_acl("s", "").await, "principal");
    assert_invalid(api.get_acl("", "p").await, "scope");
    assert_invalid(api.get_acl("s", "").await, "principal");
    assert_invalid(api.list_acls("").await, "scope");
    server.verify().await;
}

#[tokio::test]
async fn delete_acl_posts_scope_and_principal() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/secrets/acls/delete")
        .and(no_query)
        .and(body_json(
            json!({ "scope": "etl-credentials", "principal": "data-engineers" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete_acl("etl-credentials", "data-engineers")
        .await
        .expect("delete");
}

#[tokio::test]
async fn delete_acl_errors() {
    let (server, api) = setup().await;
    for (principal, status, code) in [
        ("gone", 404, "RESOURCE_DOES_NOT_EXIST"),
        ("denied", 403, "PERMISSION_DENIED"),
        ("bad name", 400, "INVALID_PARAMETER_VALUE"),
    ] {
        endpoint("POST", "/api/2.0/secrets/acls/delete")
            .and(body_json(json!({ "scope": "s", "principal": principal })))
            .respond_with(api_error(status, code, "message"))
            .expect(1)
            .mount(&server)
            .await;
    }
    assert!(
        api.delete_acl("s", "gone")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.delete_acl("s", "denied")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
    assert!(
        api.delete_acl("s", "bad name")
            .await
            .expect_err("400")
            .is_invalid_parameter()
    );
}

#[tokio::test]
async fn get_acl_sends_scope_and_principal_in_query() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/acls/get")
        .and(query_param("scope", "etl-credentials"))
        .and(query_param("principal", "data-engineers"))
        .and(no_body)
        .respond_with(ok_fixture(GET))
        .expect(1)
        .mount(&server)
        .await;
    let acl = api
        .get_acl("etl-credentials", "data-engineers")
        .await
        .expect("get");
    assert_eq!(acl.principal, "data-engineers");
    assert_eq!(acl.permission, AclPermission::Read);
}

#[tokio::test]
async fn get_acl_errors() {
    let (server, api) = setup().await;
    for (principal, status, code) in [
        ("none", 404, "RESOURCE_DOES_NOT_EXIST"),
        ("denied", 403, "PERMISSION_DENIED"),
        ("bad", 400, "INVALID_PARAMETER_VALUE"),
    ] {
        endpoint("GET", "/api/2.0/secrets/acls/get")
            .and(query_param("principal", principal))
            .respond_with(api_error(status, code, "message"))
            .expect(1)
            .mount(&server)
            .await;
    }
    assert!(
        api.get_acl("s", "none")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.get_acl("s", "denied")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
    assert!(
        api.get_acl("s", "bad")
            .await
            .expect_err("400")
            .is_invalid_parameter()
    );
}

#[tokio::test]
async fn list_acls_decodes_items_and_unknown_levels() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/acls/list")
        .and(query_param("scope", "etl-credentials"))
        .and(no_body)
        .respond_with(ok_fixture(LIST))
        .expect(1)
        .mount(&server)
        .await;
    let acls = api.list_acls("etl-credentials").await.expect("list");
    let pairs: Vec<(&str, &AclPermission)> = acls
        .iter()
        .map(|a| (a.principal.as_str(), &a.permission))
        .collect();
    assert_eq!(
        pairs,
        [
            ("admins", &AclPermission::Manage),
            ("data-engineers", &AclPermission::Read),
            ("ci-bot", &AclPermission::Write),
            ("auditors", &AclPermission::Unrecognized("AUDIT".into())),
        ]
    );
}

#[tokio::test]
async fn list_acls_errors() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/secrets/acls/list")
        .and(query_param("scope", "missing"))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Scope missing does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/secrets/acls/list")
        .and(query_param("scope", "theirs"))
        .respond_with(api_error(403, "PERMISSION_DENIED", "no MANAGE"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.list_acls("missing")
            .await
            .expect_err("404")
            .is_not_found()
    );
    assert!(
        api.list_acls("theirs")
            .await
            .expect_err("403")
            .is_permission_denied()
    );
}

#[tokio::test]
async fn put_acl_is_not_retried_delete_acl_is() {
    let server = MockServer::start().await;
    let api = SecretsApi::new(retrying_client(&server));
    endpoint("POST", "/api/2.0/secrets/acls/put")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .put_acl(PutAcl::new("s", "p", AclPermission::Read))
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    endpoint("POST", "/api/2.0/secrets/acls/delete")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/secrets/acls/delete")
        .respond_with(ok_empty())
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    api.delete_acl("s", "p").await.expect("retried");
}
