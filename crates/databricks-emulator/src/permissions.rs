//! The shared object-permissions shape (`/api/2.0/permissions/{object_type}/{object_id}`):
//! grants, `access_control_list` parsing, PUT/PATCH semantics and rendering.
//!
//! Token permissions use it now; cluster, job and workspace-object permissions reuse it.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::identity::{ADMINS_GROUP, Identity};
use crate::request::Params;

/// Who a grant is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub(crate) enum Grantee {
    /// A user, by user name.
    User(String),
    /// A group, by name.
    Group(String),
    /// A service principal, by application id.
    ServicePrincipal(String),
}

impl Grantee {
    /// Whether the grant applies to the caller.
    pub(crate) fn applies_to(&self, caller: &Caller) -> bool {
        match self {
            Self::User(name) | Self::ServicePrincipal(name) => name == caller.user_name(),
            Self::Group(name) => caller.is(name),
        }
    }
}

/// A direct permission grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Grant {
    /// Who.
    pub(crate) grantee: Grantee,
    /// Permission level, e.g. `CAN_USE`.
    pub(crate) level: String,
}

/// Parses `access_control_list` (required), accepting only `allowed` levels.
pub(crate) fn parse_acl(params: &Params, allowed: &[&str]) -> ApiResult<Vec<Grant>> {
    let items = params
        .object_list_opt("access_control_list")?
        .ok_or_else(|| ApiError::missing_field("access_control_list"))?;
    items
        .iter()
        .map(|item| {
            let user = item.str_opt("user_name")?;
            let group = item.str_opt("group_name")?;
            let sp = item.str_opt("service_principal_name")?;
            let grantee = match (user, group, sp) {
                (Some(u), None, None) if !u.is_empty() => Grantee::User(u),
                (None, Some(g), None) if !g.is_empty() => Grantee::Group(g),
                (None, None, Some(s)) if !s.is_empty() => Grantee::ServicePrincipal(s),
                _ => {
                    return Err(ApiError::invalid_parameter_value(
                        "Each access control entry needs exactly one of user_name, group_name \
                         or service_principal_name",
                    ));
                }
            };
            let level = item
                .str_opt("permission_level")?
                .ok_or_else(|| ApiError::missing_field("permission_level"))?;
            if !allowed.contains(&level.as_str()) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Permission level {level} is not supported for this object; supported: {}",
                    allowed.join(", ")
                )));
            }
            Ok(Grant { grantee, level })
        })
        .collect()
}

/// PATCH semantics: add grants, replacing the level of a grantee already present.
pub(crate) fn patch(existing: &mut Vec<Grant>, changes: Vec<Grant>) {
    for change in changes {
        match existing.iter_mut().find(|g| g.grantee == change.grantee) {
            Some(grant) => grant.level = change.level,
            None => existing.push(change),
        }
    }
}

/// PUT semantics: replace all direct grants.
pub(crate) fn put(existing: &mut Vec<Grant>, grants: Vec<Grant>) {
    existing.clear();
    patch(existing, grants);
}

/// Renders `ObjectPermissions`; `admins` always has `admin_level` first.
pub(crate) fn render(
    object_id: &str,
    object_type: &str,
    grants: &[Grant],
    admin_level: &str,
    identity: &Identity,
) -> Value {
    let mut acl = vec![json!({
        "group_name": ADMINS_GROUP,
        "all_permissions": [{ "permission_level": admin_level, "inherited": false }],
    })];
    for grant in grants {
        if grant.grantee == Grantee::Group(ADMINS_GROUP.to_owned()) {
            continue;
        }
        let mut entry = match &grant.grantee {
            Grantee::User(name) => json!({ "user_name": name }),
            Grantee::Group(name) => json!({ "group_name": name }),
            Grantee::ServicePrincipal(name) => json!({ "service_principal_name": name }),
        };
        if let Grantee::User(name) | Grantee::ServicePrincipal(name) = &grant.grantee {
            if let Some(p) = identity.by_name(name) {
                entry["display_name"] = json!(p.display_name);
            }
        }
        entry["all_permissions"] = json!([{ "permission_level": grant.level, "inherited": false }]);
        acl.push(entry);
    }
    json!({
        "object_id": object_id,
        "object_type": object_type,
        "access_control_list": acl,
    })
}

/// Renders `{ "permission_levels": [...] }`.
pub(crate) fn levels(levels: &[(&str, &str)]) -> Value {
    json!({
        "permission_levels": levels
            .iter()
            .map(|(level, description)| json!({ "permission_level": level, "description": description }))
            .collect::<Vec<_>>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(v: Value) -> Params {
        match v {
            Value::Object(map) => Params::from_map(map),
            _ => Params::default(),
        }
    }

    #[test]
    fn parse_and_patch() {
        let p = params(json!({ "access_control_list": [
            { "group_name": "users", "permission_level": "CAN_USE" },
            { "user_name": "a@x.com", "permission_level": "CAN_USE" },
        ]}));
        let grants = parse_acl(&p, &["CAN_USE"]).unwrap();
        assert_eq!(grants.len(), 2);
        let mut existing = vec![Grant {
            grantee: Grantee::Group("users".into()),
            level: "CAN_USE".into(),
        }];
        patch(&mut existing, grants.clone());
        assert_eq!(existing.len(), 2);
        put(&mut existing, grants[1..].to_vec());
        assert_eq!(existing.len(), 1);
    }

    #[test]
    fn rejects_bad_entries() {
        let bad_level = params(json!({ "access_control_list": [
            { "group_name": "users", "permission_level": "CAN_MANAGE" } ]}));
        assert_eq!(
            parse_acl(&bad_level, &["CAN_USE"]).unwrap_err().code,
            "INVALID_PARAMETER_VALUE"
        );
        let two = params(json!({ "access_control_list": [
            { "group_name": "users", "user_name": "x", "permission_level": "CAN_USE" } ]}));
        assert!(parse_acl(&two, &["CAN_USE"]).is_err());
        assert!(parse_acl(&params(json!({})), &["CAN_USE"]).is_err());
    }
}
