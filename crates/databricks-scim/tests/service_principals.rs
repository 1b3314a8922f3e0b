//! Wire tests for `/api/2.0/preview/scim/v2/ServicePrincipals`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_scim::{
    Entitlement, Filter, GetRequest, ListRequest, Patch, ServicePrincipal, ServicePrincipalId,
    ServicePrincipalsApi,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

const SP: &str = include_str!("fixtures/service_principal.json");
const APP_ID: &str = "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b";

async fn setup() -> (MockServer, ServicePrincipalsApi) {
    let server = MockServer::start().await;
    let api = ServicePrincipalsApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn create_posts_the_service_principal() {
    let (server, api) = setup().await;
    scim_write("POST", "/ServicePrincipals")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],
            "applicationId": APP_ID,
            "displayName": "ci-bot",
            "active": true
        })))
        .respond_with(scim_json(201, fixture(SP)))
        .expect(1)
        .mount(&server)
        .await;
    let sp = api
        .create(ServicePrincipal {
            application_id: Some(APP_ID.into()),
            active: Some(true),
            ..ServicePrincipal::new("ci-bot")
        })
        .await
        .unwrap();
    assert_eq!(sp.id, Some(ServicePrincipalId::from("6254217395012234")));
    assert!(sp.is_member_of("811574390275099"));
    assert!(sp.has_entitlement("allow-cluster-create"));
    assert!(
        sp.extra.contains_key("workloadIdentity"),
        "unknown fields kept"
    );
}

#[tokio::test]
async fn create_minimal_sends_only_the_schema() {
    let (server, api) = setup().await;
    scim_write("POST", "/ServicePrincipals")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"]
        })))
        .respond_with(scim_json(
            201,
            json!({ "id": "1", "applicationId": APP_ID }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let sp = api.create(ServicePrincipal::default()).await.unwrap();
    assert_eq!(sp.application_id.as_deref(), Some(APP_ID));
}

#[tokio::test]
async fn create_duplicate_application_id_is_already_exists() {
    let (server, api) = setup().await;
    scim_write("POST", "/ServicePrincipals")
        .respond_with(scim_error(
            409,
            Some("uniqueness"),
            "Service principal already exists",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .create(ServicePrincipal {
            application_id: Some(APP_ID.into()),
            ..ServicePrincipal::default()
        })
        .await
        .unwrap_err();
    assert!(err.is_already_exists());
}

#[tokio::test]
async fn get_get_with_and_missing() {
    let (server, api) = setup().await;
    scim("GET", "/ServicePrincipals/6254217395012234")
        .and(no_query)
        .respond_with(scim_json(200, fixture(SP)))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/ServicePrincipals/6254217395012234")
        .and(exact_query(&[("excludedAttributes", "groups,roles")]))
        .respond_with(scim_json(200, json!({ "id": "6254217395012234" })))
        .expect(1)
        .mount(&server)
        .await;
    scim("GET", "/ServicePrincipals/0")
        .respond_with(scim_error(404, None, "not found"))
        .expect(1)
        .mount(&server)
        .await;
    let id = ServicePrincipalId::from("6254217395012234");
    assert_eq!(
        api.get(&id).await.unwrap().display_name.as_deref(),
        Some("ci-bot")
    );
    let slim = api
        .get_with(
            &id,
            &GetRequest::new().excluded_attributes(["groups", "roles"]),
        )
        .await
        .unwrap();
    assert!(slim.groups.is_empty());
    assert!(api.get(&"0".into()).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn list_and_find_by_application_id() {
    let (server, api) = setup().await;
    scim("GET", "/ServicePrincipals")
        .and(exact_query(&[
            ("filter", "active eq true"),
            ("startIndex", "1"),
            ("count", "50"),
        ]))
        .respond_with(scim_json(200, list_body(1, 1, vec![fixture(SP)])))
        .expect(2)
        .mount(&server)
        .await;
    scim("GET", "/ServicePrincipals")
        .and(exact_query(&[(
            "filter",
            &format!("applicationId eq \"{APP_ID}\""),
        )]))
        .respond_with(scim_json(200, list_body(1, 1, vec![fixture(SP)])))
        .expect(1)
        .mount(&server)
        .await;
    let all = api
        .list(ListRequest::new().filter(Filter::eq("active", true)))
        .page_size(50)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    let found = api.find_by_application_id(APP_ID).await.unwrap().unwrap();
    assert_eq!(found.application_id.as_deref(), Some(APP_ID));

    let page = api
        .list_page(
            &ListRequest::new()
                .filter(Filter::eq("active", true))
                .count(50)
                .start_index(1),
        )
        .await
        .unwrap();
    assert_eq!(page.resources.len(), 1);
}

#[tokio::test]
async fn replace_patch_delete() {
    let (server, api) = setup().await;
    scim_write("PUT", "/ServicePrincipals/5")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],
            "applicationId": APP_ID,
            "displayName": "release-bot",
            "active": false
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    scim_write("PATCH", "/ServicePrincipals/5")
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                { "op": "add", "path": "entitlements", "value": [{ "value": "allow-cluster-create" }] },
                { "op": "replace", "path": "active", "value": true }
            ]
        })))
        .respond_with(scim_json(200, fixture(SP)))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("DELETE", "/ServicePrincipals/5")
        .and(no_body)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let id = ServicePrincipalId::from("5");
    let replaced = api
        .replace(
            &id,
            ServicePrincipal {
                application_id: Some(APP_ID.into()),
                active: Some(false),
                ..ServicePrincipal::new("release-bot")
            },
        )
        .await
        .unwrap();
    assert!(replaced.is_none(), "empty 200 body");
    let patched = api
        .patch(
            &id,
            [
                Patch::add_entitlements([Entitlement::AllowClusterCreate]),
                Patch::set_active(true),
            ],
        )
        .await
        .unwrap();
    assert!(patched.is_some());
    api.delete(&id).await.unwrap();
}

#[tokio::test]
async fn validation_sends_nothing() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(api.find_by_application_id("").await, "applicationId");
    assert_invalid(api.get(&"".into()).await, "id");
}
