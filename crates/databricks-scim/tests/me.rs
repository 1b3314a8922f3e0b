//! Wire tests for `/api/2.0/preview/scim/v2/Me`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_scim::{CurrentUserApi, GetRequest, UserSchema};
use serde_json::json;
use wiremock::MockServer;

const USER: &str = include_str!("fixtures/user.json");

#[tokio::test]
async fn me_gets_the_caller() {
    let server = MockServer::start().await;
    scim("GET", "/Me")
        .and(no_query)
        .and(no_body)
        .respond_with(scim_json(200, fixture(USER)))
        .expect(1)
        .mount(&server)
        .await;
    let me = CurrentUserApi::new(client(&server)).me().await.unwrap();
    assert_eq!(me.user_name.as_deref(), Some("alice@example.com"));
    assert_eq!(me.schemas[1], UserSchema::WorkspaceExtension);
    assert!(
        me.groups
            .iter()
            .any(|g| g.display.as_deref() == Some("admins"))
    );
}

#[tokio::test]
async fn me_with_attributes() {
    let server = MockServer::start().await;
    scim("GET", "/Me")
        .and(exact_query(&[
            ("attributes", "userName"),
            ("excludedAttributes", "emails,groups"),
        ]))
        .respond_with(scim_json(200, json!({ "userName": "alice@example.com" })))
        .expect(1)
        .mount(&server)
        .await;
    let me = CurrentUserApi::new(client(&server))
        .me_with(
            &GetRequest::new()
                .attributes(["userName"])
                .excluded_attributes(["emails", "groups"]),
        )
        .await
        .unwrap();
    assert!(me.id.is_none());
}

#[tokio::test]
async fn me_unauthenticated() {
    let server = MockServer::start().await;
    scim("GET", "/Me")
        .respond_with(wiremock::ResponseTemplate::new(401).set_body_json(
            json!({ "error_code": "UNAUTHENTICATED", "message": "Invalid access token." }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = CurrentUserApi::new(client(&server)).me().await.unwrap_err();
    assert!(err.is_unauthenticated(), "{err}");
}
