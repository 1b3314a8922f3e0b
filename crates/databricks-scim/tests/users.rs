//! Wire tests for `/api/2.0/preview/scim/v2/Users`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_scim::{
    ComplexValue, Entitlement, Filter, GetRequest, ListRequest, Name, Patch, PatchOp, PatchRequest,
    SortOrder, User, UserId, UsersApi,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

const USER: &str = include_str!("fixtures/user.json");

async fn setup() -> (MockServer, UsersApi) {
    let server = MockServer::start().await;
    let api = UsersApi::new(client(&server));
    (server, api)
}

fn user_json(id: u64) -> serde_json::Value {
    json!({ "id": id.to_string(), "userName": format!("user{id}@example.com"), "active": true })
}

#[tokio::test]
async fn create_posts_the_user_with_its_schema_and_decodes_201() {
    let (server, api) = setup().await;
    scim_write("POST", "/Users")
        .and(no_query)
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "bob@example.com",
            "displayName": "Bob Example",
            "name": { "givenName": "Bob", "familyName": "Example" },
            "emails": [{ "value": "bob@example.com", "type": "work", "primary": true }],
            "entitlements": [{ "value": "allow-cluster-create" }],
            "groups": [{ "value": "811574390275099" }]
        })))
        .respond_with(scim_json(
            201,
            json!({ "id": "5301847720154433", "userName": "bob@example.com", "active": true,
                    "meta": { "resourceType": "User" } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let bob = api
        .create(User {
            display_name: Some("Bob Example".into()),
            name: Some(Name::new("Bob", "Example")),
            emails: vec![ComplexValue::email("bob@example.com")],
            entitlements: vec![ComplexValue::entitlement(Entitlement::AllowClusterCreate)],
            groups: vec![ComplexValue::new("811574390275099")],
            ..User::new("bob@example.com")
        })
        .await
        .unwrap();
    assert_eq!(bob.id, Some(UserId::from("5301847720154433")));
    assert_eq!(bob.active, Some(true));
    assert_eq!(
        bob.meta.and_then(|m| m.resource_type).as_deref(),
        Some("User")
    );
}

#[tokio::test]
async fn create_fills_in_the_schema_when_none_is_set() {
    let (server, api) = setup().await;
    scim_write("POST", "/Users")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "c@example.com"
        })))
        .respond_with(scim_json(
            201,
            json!({ "id": "1", "userName": "c@example.com" }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    api.create(User {
        user_name: Some("c@example.com".into()),
        ..User::default()
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn create_without_user_name_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.create(User::default()).await, "userName");
    assert_invalid(api.create(User::new("  ")).await, "userName");
}

#[tokio::test]
async fn create_conflict_is_already_exists() {
    let (server, api) = setup().await;
    scim_write("POST", "/Users")
        .respond_with(scim_error(
            409,
            Some("uniqueness"),
            "User with username bob@example.com already exists.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.create(User::new("bob@example.com")).await.unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("SCIM_409"));
    assert!(
        err.to_string().contains("uniqueness User with username"),
        "{err}"
    );
}

#[tokio::test]
async fn get_decodes_the_full_user() {
    let (server, api) = setup().await;
    scim("GET", "/Users/7429163885512347")
        .and(no_query)
        .and(no_body)
        .respond_with(scim_json(200, fixture(USER)))
        .expect(1)
        .mount(&server)
        .await;
    let user = api.get(&"7429163885512347".into()).await.unwrap();
    assert_eq!(user.user_name.as_deref(), Some("alice@example.com"));
    assert_eq!(user.primary_email(), Some("alice@example.com"));
    assert!(user.has_entitlement("allow-cluster-create"));
    assert!(user.is_member_of("811574390275012"));
    assert_eq!(
        user.groups[0].reference.as_deref(),
        Some("Groups/811574390275012")
    );
    assert_eq!(user.groups[1].r#type.as_deref(), Some("indirect"));
    assert_eq!(user.schemas.len(), 2);
}

#[tokio::test]
async fn get_with_sends_attribute_lists_comma_separated() {
    let (server, api) = setup().await;
    scim("GET", "/Users/42")
        .and(exact_query(&[
            ("attributes", "userName,displayName"),
            ("excludedAttributes", "groups"),
        ]))
        .respond_with(scim_json(200, json!({ "id": "42", "userName": "x@y.z" })))
        .expect(1)
        .mount(&server)
        .await;
    let user = api
        .get_with(
            &"42".into(),
            &GetRequest::new()
                .attributes(["userName", "displayName"])
                .excluded_attributes(["groups"]),
        )
        .await
        .unwrap();
    assert_eq!(user.user_name.as_deref(), Some("x@y.z"));
}

#[tokio::test]
async fn get_missing_is_not_found() {
    let (server, api) = setup().await;
    scim("GET", "/Users/404")
        .respond_with(scim_error(404, None, "User 404 not found."))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.get(&"404".into()).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("SCIM_404"));
}

#[tokio::test]
async fn ids_are_path_encoded_and_empty_ids_rejected() {
    let (server, api) = setup().await;
    scim("GET", "/Users/a%2Fb")
        .respond_with(scim_json(200, json!({ "id": "a/b" })))
        .expect(1)
        .mount(&server)
        .await;
    api.get(&"a/b".into()).await.unwrap();

    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.get(&"".into()).await, "id");
    assert_invalid(api.delete(&" ".into()).await, "id");
    assert_invalid(api.replace(&"".into(), User::new("a")).await, "id");
    assert_invalid(api.patch(&"".into(), Patch::set_active(true)).await, "id");
}

#[tokio::test]
async fn list_sends_every_parameter() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(no_body)
        .and(exact_query(&[
            ("filter", r#"userName sw "data-" and active eq true"#),
            ("attributes", "id,userName"),
            ("excludedAttributes", "groups,entitlements"),
            ("sortBy", "name.givenName"),
            ("sortOrder", "descending"),
            ("startIndex", "1"),
            ("count", "25"),
        ]))
        .respond_with(scim_json(200, list_body(1, 1, vec![user_json(1)])))
        .expect(1)
        .mount(&server)
        .await;
    let users = api
        .list(
            ListRequest::new()
                .filter(Filter::sw("userName", "data-").and(Filter::eq("active", true)))
                .attributes(["id", "userName"])
                .excluded_attributes(["groups", "entitlements"])
                .sort_by("name.givenName")
                .sort_order(SortOrder::Descending)
                .count(25),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
}

#[tokio::test]
async fn list_pages_with_start_index_until_total_results() {
    let (server, api) = setup().await;
    for (start, ids) in [(1u64, 1..=3u64), (4, 4..=6), (7, 7..=7)] {
        scim("GET", "/Users")
            .and(exact_query(&[
                ("startIndex", &start.to_string()),
                ("count", "3"),
            ]))
            .respond_with(scim_json(
                200,
                list_body(7, start, ids.map(user_json).collect()),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let users = api
        .list(ListRequest::new())
        .page_size(3)
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<&str> = users
        .iter()
        .filter_map(|u| u.id.as_ref())
        .map(UserId::as_str)
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7"]);
}

#[tokio::test]
async fn list_uses_request_count_and_start_index() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "11"), ("count", "5")]))
        .respond_with(scim_json(
            200,
            list_body(12, 11, vec![user_json(11), user_json(12)]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let users = api
        .list(ListRequest::new().start_index(11).count(5))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn list_deduplicates_by_id_when_items_shift() {
    let (server, api) = setup().await;
    // A user was added at the front after page one: user 2 shows up again on page two.
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "1"), ("count", "2")]))
        .respond_with(scim_json(
            200,
            list_body(4, 1, vec![user_json(1), user_json(2)]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "3"), ("count", "2")]))
        .respond_with(scim_json(
            200,
            list_body(5, 3, vec![user_json(2), user_json(3)]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "5"), ("count", "2")]))
        .respond_with(scim_json(200, list_body(5, 5, vec![user_json(4)])))
        .expect(1)
        .mount(&server)
        .await;
    let users = api
        .list(ListRequest::new())
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<&str> = users
        .iter()
        .filter_map(|u| u.id.as_ref())
        .map(UserId::as_str)
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
}

#[tokio::test]
async fn list_without_total_results_stops_on_an_empty_page() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "1")]))
        .respond_with(scim_json(
            200,
            json!({ "Resources": [user_json(1), user_json(2)] }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "3")]))
        .respond_with(scim_json(200, json!({ "schemas": [], "itemsPerPage": 0 })))
        .expect(1)
        .mount(&server)
        .await;
    let users = api.list(ListRequest::new()).collect_all().await.unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn list_of_nothing_makes_one_request() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .respond_with(scim_json(200, list_body(0, 1, vec![])))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.list(ListRequest::new())
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn list_limit_stops_fetching() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(exact_query(&[("startIndex", "1"), ("count", "2")]))
        .respond_with(scim_json(
            200,
            list_body(100, 1, vec![user_json(1), user_json(2)]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let users = api
        .list(ListRequest::new())
        .page_size(2)
        .limit(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn list_error_surfaces() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .respond_with(scim_error(400, Some("invalidFilter"), "Invalid filter"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .list(ListRequest::new().filter("userName zz \"a\""))
        .collect_all()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("SCIM_400"));
}

#[tokio::test]
async fn list_page_returns_the_raw_page() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(exact_query(&[("count", "1"), ("attributes", "id")]))
        .respond_with(scim_json(200, list_body(250, 1, vec![user_json(1)])))
        .expect(1)
        .mount(&server)
        .await;
    let page = api
        .list_page(&ListRequest::new().count(1).attributes(["id"]))
        .await
        .unwrap();
    assert_eq!(page.total_results, Some(250));
    assert_eq!(page.items_per_page, Some(1));
    assert_eq!(page.start_index, Some(1));
    assert_eq!(page.resources.len(), 1);
}

#[tokio::test]
async fn find_by_user_name_filters_with_quoting() {
    let (server, api) = setup().await;
    scim("GET", "/Users")
        .and(exact_query(&[(
            "filter",
            r#"userName eq "o\"neil@example.com""#,
        )]))
        .respond_with(scim_json(200, list_body(0, 1, vec![])))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.find_by_user_name("o\"neil@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn replace_puts_the_whole_user_keeping_unknown_fields() {
    let (server, api) = setup().await;
    let mut expected = fixture(USER);
    expected["displayName"] = json!("Alice Renamed");
    scim_write("PUT", "/Users/7429163885512347")
        .and(body_json(expected.clone()))
        .respond_with(scim_json(200, expected.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let mut user: User = serde_json::from_value(fixture(USER)).unwrap();
    user.display_name = Some("Alice Renamed".into());
    let updated = api
        .replace(&"7429163885512347".into(), user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.display_name.as_deref(), Some("Alice Renamed"));
}

#[tokio::test]
async fn replace_tolerates_an_empty_answer() {
    let (server, api) = setup().await;
    scim_write("PUT", "/Users/1")
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.replace(&"1".into(), User::new("a@b.c"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn patch_sends_a_patch_op_body() {
    let (server, api) = setup().await;
    scim_write("PATCH", "/Users/1")
        .and(no_query)
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                { "op": "add", "path": "entitlements",
                  "value": [{ "value": "databricks-sql-access" }] },
                { "op": "remove", "path": "entitlements[value eq \"allow-cluster-create\"]" },
                { "op": "replace", "path": "active", "value": false },
                { "op": "add", "path": "roles",
                  "value": [{ "value": "arn:aws:iam::1:instance-profile/x" }] },
                { "op": "remove", "path": "roles[value eq \"arn:aws:iam::1:instance-profile/y\"]" },
                { "op": "add", "path": "groups", "value": [{ "value": "9" }] },
                { "op": "remove", "path": "groups[value eq \"8\"]" },
                { "op": "replace", "path": "displayName", "value": "New Name" },
                { "op": "replace", "value": { "displayName": "Other" } }
            ]
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let result = api
        .patch(
            &"1".into(),
            vec![
                Patch::add_entitlements([Entitlement::DatabricksSqlAccess]),
                Patch::remove_entitlement("allow-cluster-create"),
                Patch::set_active(false),
                Patch::add_roles(["arn:aws:iam::1:instance-profile/x"]),
                Patch::remove_role("arn:aws:iam::1:instance-profile/y"),
                Patch::add_to_groups(["9"]),
                Patch::remove_from_group("8"),
                Patch::set_display_name("New Name"),
                Patch::op(
                    PatchOp::Replace,
                    None,
                    Some(json!({ "displayName": "Other" })),
                ),
            ],
        )
        .await
        .unwrap();
    assert!(result.is_none(), "204 has no body");
}

#[tokio::test]
async fn patch_returns_the_user_on_200() {
    let (server, api) = setup().await;
    scim_write("PATCH", "/Users/7429163885512347")
        .respond_with(scim_json(200, fixture(USER)))
        .expect(1)
        .mount(&server)
        .await;
    let user = api
        .patch(&"7429163885512347".into(), Patch::set_active(true))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.active, Some(true));
}

#[tokio::test]
async fn patch_fills_in_the_schema() {
    let (server, api) = setup().await;
    scim_write("PATCH", "/Users/1")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{ "op": "replace", "path": "active", "value": true }]
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    api.patch(
        &"1".into(),
        PatchRequest {
            schemas: vec![],
            operations: vec![Patch::set_active(true)],
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn invalid_patches_send_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.patch(&"1".into(), Vec::new()).await, "Operations");
    assert_invalid(
        api.patch(&"1".into(), Patch::op(PatchOp::Remove, None, None))
            .await,
        "Operations[0].path",
    );
    assert_invalid(
        api.patch(
            &"1".into(),
            [
                Patch::set_active(true),
                Patch::op(PatchOp::Add, Some("roles".into()), None),
            ],
        )
        .await,
        "Operations[1].value",
    );
}

#[tokio::test]
async fn delete_sends_no_body_and_accepts_204() {
    let (server, api) = setup().await;
    endpoint("DELETE", "/Users/5301847720154433")
        .and(no_body)
        .and(no_query)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    api.delete(&"5301847720154433".into()).await.unwrap();
}

#[tokio::test]
async fn delete_missing_is_not_found() {
    let (server, api) = setup().await;
    endpoint("DELETE", "/Users/1")
        .respond_with(scim_error(404, None, "User 1 not found"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.delete(&"1".into()).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn forbidden_and_internal_errors_map() {
    let (server, api) = setup().await;
    scim("GET", "/Users/1")
        .respond_with(scim_error(
            403,
            None,
            "Only workspace admins can access this API",
        ))
        .mount(&server)
        .await;
    scim("GET", "/Users/2")
        .respond_with(scim_json(
            500,
            json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                    "detail": "null", "status": "500" }),
        ))
        .mount(&server)
        .await;
    let err = api.get(&"1".into()).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    let err = api.get(&"2".into()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.to_string().contains("SCIM API Internal Error"), "{err}");
}
