//! Model fixtures: realistic bodies decode, unknown fields and values survive a round trip.
#![allow(clippy::unwrap_used)]

use databricks_scim::{
    ComplexValue, Entitlement, Group, ListResponse, ListResponseSchema, Patch, PatchOp,
    PatchRequest, ServicePrincipal, SortOrder, User, UserSchema,
};
use serde_json::{Value, json};

const USER: &str = include_str!("fixtures/user.json");
const GROUP: &str = include_str!("fixtures/group.json");
const SP: &str = include_str!("fixtures/service_principal.json");

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> (T, Value) {
    let original: Value = serde_json::from_str(text).unwrap();
    let decoded: T = serde_json::from_value(original.clone()).unwrap();
    let encoded = serde_json::to_value(&decoded).unwrap();
    (decoded, encoded)
}

#[test]
fn user_fixture_round_trips_unchanged() {
    let (user, encoded) = round_trip::<User>(USER);
    assert_eq!(encoded, serde_json::from_str::<Value>(USER).unwrap());
    assert!(
        user.extra
            .contains_key("urn:ietf:params:scim:schemas:extension:workspace:2.0:User")
    );
    assert_eq!(user.name.as_ref().unwrap().extra["middleName"], json!("Q"));
    assert_eq!(
        user.entitlements[2].value.as_deref(),
        Some("consumer-access"),
        "entitlements are plain strings"
    );
    assert_eq!(
        user.meta.as_ref().unwrap().extra["created"],
        json!("2024-05-01T10:00:00Z")
    );
}

#[test]
fn group_fixture_round_trips_except_empty_lists() {
    let (group, encoded) = round_trip::<Group>(GROUP);
    let mut expected: Value = serde_json::from_str(GROUP).unwrap();
    expected.as_object_mut().unwrap().remove("roles"); // empty lists are not sent
    assert_eq!(encoded, expected);
    assert_eq!(group.members.len(), 3);
}

#[test]
fn service_principal_fixture_round_trips() {
    let (sp, encoded) = round_trip::<ServicePrincipal>(SP);
    assert_eq!(encoded, serde_json::from_str::<Value>(SP).unwrap());
    assert_eq!(sp.display_name.as_deref(), Some("ci-bot"));
}

#[test]
fn nulls_and_absent_lists_decode_as_empty() {
    let user: User = serde_json::from_value(json!({
        "id": "1", "emails": null, "groups": null, "entitlements": null, "roles": null, "schemas": null
    }))
    .unwrap();
    assert!(user.emails.is_empty() && user.groups.is_empty() && user.schemas.is_empty());
    let page: ListResponse<User> = serde_json::from_value(json!({ "totalResults": 0 })).unwrap();
    assert!(page.resources.is_empty());
    let page: ListResponse<User> =
        serde_json::from_value(json!({ "Resources": null, "schemas": ["x"] })).unwrap();
    assert!(page.resources.is_empty());
    assert_eq!(
        page.schemas,
        vec![ListResponseSchema::Unrecognized("x".into())]
    );
}

#[test]
fn unknown_enum_values_survive() {
    let user: User = serde_json::from_value(json!({
        "schemas": ["urn:example:new:User"]
    }))
    .unwrap();
    assert_eq!(
        user.schemas,
        vec![UserSchema::Unrecognized("urn:example:new:User".into())]
    );
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        json!({ "schemas": ["urn:example:new:User"] })
    );
    let op: PatchOp = serde_json::from_value(json!("Add")).unwrap();
    assert_eq!(op, PatchOp::Unrecognized("Add".into()));
    assert_eq!(SortOrder::from("descending"), SortOrder::Descending);
    assert_eq!(
        Entitlement::from("consumer-access").as_str(),
        "consumer-access"
    );
}

#[test]
fn patch_request_decodes_capitalised_operations() {
    let request: PatchRequest = serde_json::from_value(json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "remove", "path": "members[value eq \"1\"]" }]
    }))
    .unwrap();
    assert_eq!(request.operations, vec![Patch::remove_member("1")]);
}

#[test]
fn complex_value_keeps_unknown_fields_and_renames() {
    let v: ComplexValue = serde_json::from_value(json!({
        "value": "1", "$ref": "Users/1", "type": "direct", "display": "a", "primary": false,
        "inherited": true
    }))
    .unwrap();
    assert_eq!(v.reference.as_deref(), Some("Users/1"));
    assert_eq!(v.extra["inherited"], json!(true));
    assert_eq!(v.value_str(), "1");
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        json!({ "value": "1", "$ref": "Users/1", "type": "direct", "display": "a",
                "primary": false, "inherited": true })
    );
}
