//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! Source: `/work/shared/api/scim.md`. The open enums held by fields (`UserSchema`,
//! `GroupSchema`, `ServicePrincipalSchema`, `ListResponseSchema`, `PatchSchema`, `PatchOp`)
//! are covered through those fields; [`Entitlement`] and [`SortOrder`] are held by no serde
//! field (entitlements travel as the `value` string of a `ComplexValue`, the sort order as a
//! query parameter), so they have a test of their own.
//!
//! Not covered:
//! - `ListRequest` and `GetRequest`, because they are query-parameter builders with neither
//!   `Serialize` nor `Deserialize` (the wire tests check the query strings they produce);
//! - `Filter` and `FilterValue`, because they are builders of the `filter` query string;
//! - `UsersApi`, `GroupsApi`, `ServicePrincipalsApi` and `CurrentUserApi`, because they are
//!   API handles;
//! - the `{id}` path parameter of `PatchRequest`, because it is not part of the body.

use databricks_scim::{
    ComplexValue, Entitlement, Group, GroupId, ListResponse, Name, Patch, PatchRequest,
    ResourceMeta, ServicePrincipal, ServicePrincipalId, SortOrder, User, UserId,
};
use databricks_testkit::serde_props::round_trip;
use serde_json::{Value, json};

const USER_SCHEMA: &str = "@enum:urn:ietf:params:scim:schemas:core:2.0:User|\
urn:ietf:params:scim:schemas:extension:workspace:2.0:User";
const GROUP_SCHEMA: &str = "@enum:urn:ietf:params:scim:schemas:core:2.0:Group";
const SERVICE_PRINCIPAL_SCHEMA: &str =
    "@enum:urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
const LIST_RESPONSE_SCHEMA: &str = "@enum:urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_SCHEMA: &str = "@enum:urn:ietf:params:scim:api:messages:2.0:PatchOp";
const PATCH_OP: &str = "@enum:add|remove|replace";
const SORT_ORDER: &str = "@enum:ascending|descending";
const ENTITLEMENT: &str = "@enum:workspace-access|databricks-sql-access|allow-cluster-create|\
allow-instance-pool-create";
/// `ResourceMeta.resourceType` (a string; the reference lists these values).
const RESOURCE_TYPE: &str = "@enum:WorkspaceGroup|Group";
/// `totalResults`, `startIndex`, `itemsPerPage` (int64 counts; 10,000 principals per
/// account, raisable).
const COUNT: u64 = 100_000;

/// `ComplexValue`.
fn complex_value() -> Value {
    json!({
        "display": "display",
        "primary": true,
        "$ref": "Users/1234",
        "type": "work",
        "value": "value",
    })
}

/// `Name`.
fn name() -> Value {
    json!({ "givenName": "given", "familyName": "family" })
}

/// `ResourceMeta`.
fn resource_meta() -> Value {
    json!({ "resourceType": RESOURCE_TYPE })
}

/// `User` (also the body of create and PUT).
fn user() -> Value {
    json!({
        "active": true,
        "displayName": "name",
        "emails": [complex_value()],
        "entitlements": [complex_value()],
        "externalId": "external",
        "groups": [complex_value()],
        "id": "7429163885512347",
        "name": name(),
        "roles": [complex_value()],
        "schemas": [USER_SCHEMA],
        "userName": "alice@example.com",
    })
}

/// `Group`.
fn group() -> Value {
    json!({
        "displayName": "name",
        "entitlements": [complex_value()],
        "externalId": "external",
        "groups": [complex_value()],
        "id": "811574390275012",
        "members": [complex_value()],
        "meta": resource_meta(),
        "roles": [complex_value()],
        "schemas": [GROUP_SCHEMA],
    })
}

/// `ServicePrincipal`.
fn service_principal() -> Value {
    json!({
        "active": true,
        "applicationId": "9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b",
        "displayName": "name",
        "entitlements": [complex_value()],
        "externalId": "external",
        "groups": [complex_value()],
        "id": "5301847720154433",
        "roles": [complex_value()],
        "schemas": [SERVICE_PRINCIPAL_SCHEMA],
    })
}

/// `ListUsersResponse` / `ListGroupsResponse` / `ListServicePrincipalResponse`.
fn list_response(resource: Value) -> Value {
    json!({
        "itemsPerPage": COUNT,
        "Resources": [resource],
        "schemas": [LIST_RESPONSE_SCHEMA],
        "startIndex": COUNT,
        "totalResults": COUNT,
    })
}

/// `Patch` (an element of `Operations`).
fn patch() -> Value {
    json!({ "op!": PATCH_OP, "path": "members", "value": "@any" })
}

#[test]
fn complex_value_round_trip() {
    round_trip::<ComplexValue>(complex_value());
}

#[test]
fn name_round_trip() {
    round_trip::<Name>(name());
}

#[test]
fn resource_meta_round_trip() {
    round_trip::<ResourceMeta>(resource_meta());
}

#[test]
fn user_round_trip() {
    round_trip::<User>(user());
}

#[test]
fn group_round_trip() {
    round_trip::<Group>(group());
}

#[test]
fn service_principal_round_trip() {
    round_trip::<ServicePrincipal>(service_principal());
}

#[test]
fn list_users_response() {
    round_trip::<ListResponse<User>>(list_response(user()));
}

#[test]
fn list_groups_response() {
    round_trip::<ListResponse<Group>>(list_response(group()));
}

#[test]
fn list_service_principals_response() {
    round_trip::<ListResponse<ServicePrincipal>>(list_response(service_principal()));
}

#[test]
fn patch_round_trip() {
    round_trip::<Patch>(patch());
}

#[test]
fn patch_request() {
    round_trip::<PatchRequest>(json!({
        "Operations": [patch()],
        "schemas": [PATCH_SCHEMA],
    }));
}

#[test]
fn user_id() {
    round_trip::<UserId>(json!("7429163885512347"));
}

#[test]
fn group_id() {
    round_trip::<GroupId>(json!("811574390275012"));
}

#[test]
fn service_principal_id() {
    round_trip::<ServicePrincipalId>(json!("5301847720154433"));
}

#[test]
fn entitlement() {
    round_trip::<Entitlement>(json!(ENTITLEMENT));
}

#[test]
fn sort_order() {
    round_trip::<SortOrder>(json!(SORT_ORDER));
}
