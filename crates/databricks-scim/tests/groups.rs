//! Wire tests for `/api/2.0/preview/scim/v2/Groups`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_scim::{
    ComplexValue, Entitlement, Filter, GetRequest, Group, GroupId, GroupsApi, ListRequest, Patch,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

const GROUP: &str = include_str!("fixtures/group.json");

async fn setup() -> (MockServer, GroupsApi) {
    let server = MockServer::start().await;
    let api = GroupsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn create_posts_to_groups_not_a_group_id() {
    let (server, api) = setup().await;
    scim_write("POST", "/Groups")
        .and(no_query)
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "reporting-team",
            "members": [{ "value": "7429163885512347" }],
            "entitlements": [{ "value": "databricks-sql-access" }]
        })))
        .respond_with(scim_json(201, fixture(GROUP)))
        .expect(1)
        .mount(&server)
        .await;
    let group = api
        .create(Group {
            members: vec![ComplexValue::new("7429163885512347")],
            entitlements: vec![ComplexValue::entitlement(Entitlement::DatabricksSqlAccess)],
            ..Group::new("reporting-team")
        })
        .await
        .unwrap();
    assert_eq!(group.id, Some(GroupId::from("811574390275099")));
    assert_eq!(
        group.meta.as_ref().and_then(|m| m.resource_type.as_deref()),
        Some("WorkspaceGroup")
    );
    assert!(group.has_member("6254217395012234"));
    assert_eq!(
        group.members[2].reference.as_deref(),
        Some("ServicePrincipals/6254217395012234")
    );
    assert!(group.has_entitlement("databricks-sql-access"));
    assert_eq!(
        group.groups[0].display.as_deref(),
        Some("analytics-readers")
    );
}

#[tokio::test]
async fn create_without_name_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.create(Group::default()).await, "displayName");
}

#[tokio::test]
async fn create_duplicate_is_already_exists() {
    let (server, api) = setup().await;
    scim_write("POST", "/Groups")
        .respond_with(scim_error(
            409,
            Some("uniqueness"),
            "Group with name g already exists.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.create(Group::new("g"))
            .await
            .unwrap_err()
            .is_already_exists()
    );
}

#[tokio::test]
async fn get_and_get_with() {
    let (server, api) = setup().await;
    scim("GET", "/Groups/811574390275099")
        .and(no_query)
        .respond_with(scim_json(200, fixture(GROUP)))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/Groups/811574390275099")
        .and(exact_query(&[("attributes", "members")]))
        .respond_with(scim_json(
            200,
            json!({ "id": "811574390275099", "members": [] }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let id = GroupId::from("811574390275099");
    let full = api.get(&id).await.unwrap();
    assert_eq!(full.members.len(), 3);
    let slim = api
        .get_with(&id, &GetRequest::new().attributes(["members"]))
        .await
        .unwrap();
    assert!(slim.members.is_empty());
    assert!(slim.display_name.is_none());
}

#[tokio::test]
async fn list_pages_and_decodes() {
    let (server, api) = setup().await;
    scim("GET", "/Groups")
        .and(exact_query(&[
            ("filter", r#"displayName sw "data-""#),
            ("sortBy", "displayName"),
            ("sortOrder", "ascending"),
            ("startIndex", "1"),
        ]))
        .respond_with(scim_json(200, list_body(1, 1, vec![fixture(GROUP)])))
        .expect(1)
        .mount(&server)
        .await;
    let groups = api
        .list(
            ListRequest::new()
                .filter(Filter::sw("displayName", "data-"))
                .sort_by("displayName")
                .sort_order(databricks_scim::SortOrder::Ascending),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].display_name.as_deref(), Some("reporting-team"));
}

#[tokio::test]
async fn list_page_and_find_by_name() {
    let (server, api) = setup().await;
    scim("GET", "/Groups")
        .and(exact_query(&[("filter", r#"displayName eq "admins""#)]))
        .respond_with(scim_json(
            200,
            list_body(1, 1, vec![json!({ "id": "1", "displayName": "admins" })]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/Groups")
        .and(exact_query(&[("startIndex", "3"), ("count", "2")]))
        .respond_with(scim_json(200, list_body(3, 3, vec![json!({ "id": "3" })])))
        .expect(1)
        .mount(&server)
        .await;
    let admins = api.find_by_name("admins").await.unwrap().unwrap();
    assert_eq!(admins.id, Some(GroupId::from("1")));
    let page = api
        .list_page(&ListRequest::new().start_index(3).count(2))
        .await
        .unwrap();
    assert_eq!(page.total_results, Some(3));
}

#[tokio::test]
async fn replace_puts_the_group() {
    let (server, api) = setup().await;
    scim_write("PUT", "/Groups/7")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "id": "7",
            "displayName": "renamed",
            "members": [{ "value": "1" }]
        })))
        .respond_with(scim_json(
            200,
            json!({ "id": "7", "displayName": "renamed" }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let group = api
        .replace(
            &"7".into(),
            Group {
                id: Some("7".into()),
                members: vec![ComplexValue::new("1")],
                ..Group::new("renamed")
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(group.display_name.as_deref(), Some("renamed"));
}

#[tokio::test]
async fn patch_adds_and_removes_members() {
    let (server, api) = setup().await;
    scim_write("PATCH", "/Groups/811574390275099")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                { "op": "add", "path": "members",
                  "value": [{ "value": "5301847720154433" }, { "value": "811574390275100" }] },
                { "op": "remove", "path": "members[value eq \"7429163885512347\"]" }
            ]
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let out = api
        .patch(
            &"811574390275099".into(),
            [
                Patch::add_members(["5301847720154433", "811574390275100"]),
                Patch::remove_member("7429163885512347"),
            ],
        )
        .await
        .unwrap();
    assert!(out.is_none());
}

#[tokio::test]
async fn patch_unknown_member_is_an_error() {
    let (server, api) = setup().await;
    scim_write("PATCH", "/Groups/1")
        .respond_with(scim_error(404, None, "Member 999 not found"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .patch(&"1".into(), Patch::add_members(["999"]))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
}

#[tokio::test]
async fn delete_group() {
    let (server, api) = setup().await;
    endpoint("DELETE", "/Groups/811574390275099")
        .and(no_body)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    api.delete(&"811574390275099".into()).await.unwrap();
}

#[tokio::test]
async fn delete_builtin_group_is_rejected() {
    let (server, api) = setup().await;
    endpoint("DELETE", "/Groups/1")
        .respond_with(scim_error(
            400,
            Some("mutability"),
            "Cannot delete the admins group",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.delete(&"1".into())
            .await
            .unwrap_err()
            .is_invalid_parameter()
    );
}
