//! Store records rendered as SCIM resources.

use serde_json::{Map, Value, json};

use crate::identity::{Group, Identity, MemberRef, Principal, PrincipalKind};

/// The core user schema.
pub(crate) const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The Databricks workspace extension of users.
pub(crate) const USER_WORKSPACE_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:extension:workspace:2.0:User";
/// The core group schema.
pub(crate) const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// The service principal schema.
pub(crate) const SP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";
/// The list response schema.
pub(crate) const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// The patch request schema.
pub(crate) const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// The error schema.
pub(crate) const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// `Users/<id>`, `ServicePrincipals/<id>` or `Groups/<id>`.
pub(crate) fn reference(identity: &Identity, member: MemberRef) -> (String, String) {
    match member {
        MemberRef::Principal(id) => match identity.by_id(id) {
            Some(p) if p.kind == PrincipalKind::ServicePrincipal => {
                (format!("ServicePrincipals/{id}"), p.display_name.clone())
            }
            Some(p) => (format!("Users/{id}"), p.display_name.clone()),
            None => (format!("Users/{id}"), String::new()),
        },
        MemberRef::Group(id) => (
            format!("Groups/{id}"),
            identity
                .group_by_id(id)
                .map(|g| g.display_name.clone())
                .unwrap_or_default(),
        ),
    }
}

fn member_id(member: MemberRef) -> i64 {
    match member {
        MemberRef::Principal(id) | MemberRef::Group(id) => id,
    }
}

/// `[{value, display, $ref}]` for direct members.
pub(crate) fn members(identity: &Identity, group: &Group) -> Vec<Value> {
    identity
        .members_of(&group.display_name)
        .into_iter()
        .map(|m| {
            let (reference, display) = reference(identity, m);
            json!({ "value": member_id(m).to_string(), "display": display, "$ref": reference })
        })
        .collect()
}

/// `[{value, display, type: direct, $ref}]` for the named groups.
fn group_refs(identity: &Identity, names: &[String]) -> Vec<Value> {
    names
        .iter()
        .filter_map(|name| identity.group_by_name(name))
        .map(|g| {
            json!({
                "value": g.id.to_string(),
                "display": g.display_name,
                "type": "direct",
                "$ref": format!("Groups/{}", g.id),
            })
        })
        .collect()
}

fn values(items: &[String]) -> Vec<Value> {
    items.iter().map(|v| json!({ "value": v })).collect()
}

fn put_list(map: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if !items.is_empty() {
        map.insert(key.to_owned(), Value::Array(items));
    }
}

fn put_opt(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), Value::String(v.clone()));
    }
}

/// A user (or, for `Me` called by a service principal, the principal shaped as a user).
pub(crate) fn user(identity: &Identity, p: &Principal) -> Value {
    let mut map = Map::new();
    map.insert(
        "schemas".to_owned(),
        json!([USER_SCHEMA, USER_WORKSPACE_SCHEMA]),
    );
    map.insert("id".to_owned(), json!(p.id.to_string()));
    map.insert("userName".to_owned(), json!(p.user_name));
    map.insert("displayName".to_owned(), json!(p.display_name));
    map.insert("active".to_owned(), json!(p.active));
    if p.given_name.is_some() || p.family_name.is_some() {
        let mut name = Map::new();
        put_opt(&mut name, "givenName", p.given_name.as_ref());
        put_opt(&mut name, "familyName", p.family_name.as_ref());
        map.insert("name".to_owned(), Value::Object(name));
    }
    let emails = p
        .emails
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert("value".to_owned(), json!(e.value));
            put_opt(&mut m, "type", e.kind.as_ref());
            m.insert("primary".to_owned(), json!(e.primary));
            Value::Object(m)
        })
        .collect();
    put_list(&mut map, "emails", emails);
    put_list(
        &mut map,
        "groups",
        group_refs(identity, &identity.parents_of_principal(p)),
    );
    put_list(&mut map, "entitlements", values(&p.entitlements));
    put_list(&mut map, "roles", values(&p.roles));
    put_opt(&mut map, "externalId", p.external_id.as_ref());
    map.insert("meta".to_owned(), json!({ "resourceType": "User" }));
    Value::Object(map)
}

/// A service principal.
pub(crate) fn service_principal(identity: &Identity, p: &Principal) -> Value {
    let mut map = Map::new();
    map.insert("schemas".to_owned(), json!([SP_SCHEMA]));
    map.insert("id".to_owned(), json!(p.id.to_string()));
    map.insert("applicationId".to_owned(), json!(p.user_name));
    map.insert("displayName".to_owned(), json!(p.display_name));
    map.insert("active".to_owned(), json!(p.active));
    put_list(
        &mut map,
        "groups",
        group_refs(identity, &identity.parents_of_principal(p)),
    );
    put_list(&mut map, "entitlements", values(&p.entitlements));
    put_list(&mut map, "roles", values(&p.roles));
    put_opt(&mut map, "externalId", p.external_id.as_ref());
    map.insert(
        "meta".to_owned(),
        json!({ "resourceType": "ServicePrincipal" }),
    );
    Value::Object(map)
}

/// A group.
pub(crate) fn group(identity: &Identity, g: &Group) -> Value {
    let mut map = Map::new();
    map.insert("schemas".to_owned(), json!([GROUP_SCHEMA]));
    map.insert("id".to_owned(), json!(g.id.to_string()));
    map.insert("displayName".to_owned(), json!(g.display_name));
    put_list(&mut map, "members", members(identity, g));
    put_list(&mut map, "groups", group_refs(identity, &g.groups));
    put_list(&mut map, "entitlements", values(&g.entitlements));
    put_list(&mut map, "roles", values(&g.roles));
    put_opt(&mut map, "externalId", g.external_id.as_ref());
    map.insert(
        "meta".to_owned(),
        json!({ "resourceType": "WorkspaceGroup" }),
    );
    Value::Object(map)
}
