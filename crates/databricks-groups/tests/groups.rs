//! Wire tests for the legacy Groups API (`/api/2.0/groups/*`).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_groups::{GroupsApi, Principal};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

const MEMBERS: &str = include_str!("fixtures/list_members.json");

async fn setup() -> (MockServer, GroupsApi) {
    let server = MockServer::start().await;
    let api = GroupsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn create_posts_the_name() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/create")
        .and(no_query)
        .and(body_json(json!({ "group_name": "reporting-team" })))
        .respond_with(ok(json!({ "group_name": "reporting-team" })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        api.create("reporting-team").await.unwrap(),
        "reporting-team"
    );
}

#[tokio::test]
async fn create_tolerates_an_empty_answer() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/create")
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(api.create("g").await.unwrap(), "g");
}

#[tokio::test]
async fn create_existing_is_already_exists_even_with_400() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/create")
        .respond_with(api_error(
            400,
            "RESOURCE_ALREADY_EXISTS",
            "Group g already exists",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.create("g").await.unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert!(!err.is_invalid_parameter());
}

#[tokio::test]
async fn create_in_federated_workspace_is_not_found() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/create")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Account group with name g does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.create("g").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn add_member_user_and_group() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/add-member")
        .and(body_json(
            json!({ "user_name": "alice@example.com", "parent_name": "reporting-team" }),
        ))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    json_endpoint("POST", "/api/2.0/groups/add-member")
        .and(body_json(
            json!({ "group_name": "reporting-team", "parent_name": "analytics-readers" }),
        ))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    api.add_member("reporting-team", Principal::user("alice@example.com"))
        .await
        .unwrap();
    api.add_member("analytics-readers", Principal::group("reporting-team"))
        .await
        .unwrap();
}

#[tokio::test]
async fn add_member_errors_map() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/add-member")
        .and(body_json(
            json!({ "user_name": "ghost@example.com", "parent_name": "g" }),
        ))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "User ghost@example.com does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    json_endpoint("POST", "/api/2.0/groups/add-member")
        .and(body_json(
            json!({ "user_name": "a@example.com", "parent_name": "account-group" }),
        ))
        .respond_with(api_error(
            400,
            "MALFORMED_REQUEST",
            "Cannot modify account group membership",
        ))
        .expect(1)
        .mount(&server)
        .await;
    json_endpoint("POST", "/api/2.0/groups/add-member")
        .and(body_json(
            json!({ "user_name": "a@example.com", "parent_name": "admins" }),
        ))
        .respond_with(api_error(403, "PERMISSION_DENIED", "Only admins"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.add_member("g", Principal::user("ghost@example.com"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        api.add_member("account-group", Principal::user("a@example.com"))
            .await
            .unwrap_err()
            .is_invalid_parameter()
    );
    assert!(
        api.add_member("admins", Principal::user("a@example.com"))
            .await
            .unwrap_err()
            .is_permission_denied()
    );
}

#[tokio::test]
async fn remove_member_posts_the_pair() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/remove-member")
        .and(body_json(
            json!({ "group_name": "contractors", "parent_name": "reporting-team" }),
        ))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    json_endpoint("POST", "/api/2.0/groups/remove-member")
        .and(body_json(
            json!({ "user_name": "x@example.com", "parent_name": "reporting-team" }),
        ))
        .respond_with(api_error(404, "RESOURCE_DOES_NOT_EXIST", "not a member"))
        .expect(1)
        .mount(&server)
        .await;
    api.remove_member("reporting-team", Principal::group("contractors"))
        .await
        .unwrap();
    assert!(
        api.remove_member("reporting-team", Principal::user("x@example.com"))
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn list_returns_names() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/groups/list")
        .and(no_query)
        .and(no_body)
        .respond_with(ok(
            json!({ "group_names": ["admins", "users", "reporting-team"] }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        api.list().await.unwrap(),
        ["admins", "users", "reporting-team"]
    );
}

#[tokio::test]
async fn list_of_nothing_is_empty() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/groups/list")
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.list().await.unwrap().is_empty());
}

#[tokio::test]
async fn list_members_sends_the_name_in_the_query() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/groups/list-members")
        .and(exact_query(&[("group_name", "reporting team")]))
        .and(no_body)
        .respond_with(ok(serde_json::from_str(MEMBERS).unwrap()))
        .expect(1)
        .mount(&server)
        .await;
    let members = api.list_members("reporting team").await.unwrap();
    assert_eq!(members.len(), 4);
    assert_eq!(members[0], Principal::user("alice@example.com"));
    assert_eq!(members[2], Principal::group("contractors"));
    assert_eq!(members[2].as_group(), Some("contractors"));
    match &members[3] {
        Principal::Unrecognized(map) => assert_eq!(map["display_name"], json!("ci-bot")),
        other => panic!("expected an unrecognized principal, got {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&members[3]).unwrap()["service_principal_name"],
        json!("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
    );
}

#[tokio::test]
async fn list_members_of_missing_group_is_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/groups/list-members")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Group nope does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.list_members("nope").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn list_parents_for_a_user_and_a_group() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/groups/list-parents")
        .and(exact_query(&[("user_name", "alice@example.com")]))
        .and(no_body)
        .respond_with(ok(json!({ "group_names": ["users", "reporting-team"] })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/groups/list-parents")
        .and(exact_query(&[("group_name", "reporting-team")]))
        .respond_with(ok(json!({ "group_names": null })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        api.list_parents(Principal::user("alice@example.com"))
            .await
            .unwrap(),
        ["users", "reporting-team"]
    );
    assert!(
        api.list_parents(Principal::group("reporting-team"))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn delete_posts_the_name() {
    let (server, api) = setup().await;
    json_endpoint("POST", "/api/2.0/groups/delete")
        .and(body_json(json!({ "group_name": "reporting-team" })))
        .respond_with(ok(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    json_endpoint("POST", "/api/2.0/groups/delete")
        .and(body_json(json!({ "group_name": "gone" })))
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Group gone does not exist",
        ))
        .expect(1)
        .mount(&server)
        .await;
    api.delete("reporting-team").await.unwrap();
    assert!(api.delete("gone").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.create("").await, "group_name");
    assert_invalid(api.delete("  ").await, "group_name");
    assert_invalid(api.list_members("").await, "group_name");
    assert_invalid(
        api.add_member("", Principal::user("a")).await,
        "parent_name",
    );
    assert_invalid(api.add_member("g", Principal::user("")).await, "user_name");
    assert_invalid(
        api.remove_member("g", Principal::group("")).await,
        "group_name",
    );
    assert_invalid(api.list_parents(Principal::group(" ")).await, "group_name");
    assert_invalid(
        api.add_member("g", Principal::Unrecognized(serde_json::Map::new()))
            .await,
        "user_name",
    );
}

#[test]
fn principal_serde_and_display() {
    assert_eq!(Principal::group("g").to_string(), "group g");
    assert_eq!(Principal::user("u").to_string(), "user u");
    assert_eq!(Principal::user("u").name(), Some("u"));
    assert_eq!(Principal::user("u").as_group(), None);
    let err = serde_json::from_value::<Principal>(json!({ "user_name": 3 }));
    assert!(err.is_err());
    let both: Principal =
        serde_json::from_value(json!({ "user_name": "u", "group_name": null })).unwrap();
    assert_eq!(both, Principal::user("u"));
}
