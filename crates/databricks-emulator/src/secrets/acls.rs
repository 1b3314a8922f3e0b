//! `secrets/acls/put`, `secrets/acls/delete`, `secrets/acls/get`, `secrets/acls/list`.
//!
//! A principal is a user name, a service principal's application id or a group name, checked
//! against the workspace's identity store ([`crate::identity`]; the built-in `users` and
//! `admins` always exist). `put` for a principal that does not exist answers 404
//! `RESOURCE_DOES_NOT_EXIST` "Principal: X does not exist" (the documented code of
//! `delete-acl` for an unknown principal); an empty principal is 400
//! `INVALID_PARAMETER_VALUE`. ACLs are keyed by name and outlive their principal: deleting a
//! user or group (or renaming a group) leaves its ACLs in place, listed and readable, granting
//! nothing until a principal of that name exists again; `get` and `delete` still reach them.
//! `get` and `delete` of a principal with no ACL answer 404 `RESOURCE_DOES_NOT_EXIST`, naming
//! the principal when it does not exist.

use serde_json::{Value, json};

use super::AclPermission;
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::identity::Identity;
use crate::request::Ctx;

fn principal(ctx: &Ctx) -> ApiResult<String> {
    let principal = ctx.params.str_req("principal")?;
    if principal.trim().is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "principal must not be empty",
        ));
    }
    Ok(principal)
}

fn no_acl(principal: &str, scope: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!(
        "No ACL for principal {principal} exists in scope {scope}."
    ))
}

fn no_principal(principal: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Principal: {principal} does not exist"))
}

/// The error for a principal without an ACL in `scope`: the principal itself is unknown, or
/// it has no ACL there.
fn missing_acl(identity: &Identity, principal: &str, scope: &str) -> ApiError {
    if identity.has_principal_named(principal) {
        no_acl(principal, scope)
    } else {
        no_principal(principal)
    }
}

pub(super) async fn put(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let principal = principal(&ctx)?;
    let permission_text = ctx.params.str_req("permission")?;
    let permission = AclPermission::parse(&permission_text).ok_or_else(|| {
        ApiError::invalid_parameter_value(format!(
            "Invalid permission '{permission_text}'; expected READ, WRITE or MANAGE"
        ))
    })?;
    ctx.ws.update(|s| {
        let scope = s.secrets.scope_mut(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Manage)?;
        if !s.identity.has_principal_named(&principal) {
            return Err(no_principal(&principal));
        }
        scope.acls.insert(principal.clone(), permission);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let principal = principal(&ctx)?;
    ctx.ws.update(|s| {
        let scope = s.secrets.scope_mut(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Manage)?;
        if scope.acls.remove(&principal).is_none() {
            return Err(missing_acl(&s.identity, &principal, &scope.name));
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn get(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let principal = principal(&ctx)?;
    let permission = ctx.ws.read(|s| -> ApiResult<AclPermission> {
        let scope = s.secrets.scope(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Manage)?;
        scope
            .acls
            .get(&principal)
            .copied()
            .ok_or_else(|| missing_acl(&s.identity, &principal, &scope.name))
    })?;
    Ok(json_ok(
        json!({ "principal": principal, "permission": permission.as_str() }),
    ))
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let items: Vec<Value> = ctx.ws.read(|s| -> ApiResult<Vec<Value>> {
        let scope = s.secrets.scope(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Manage)?;
        Ok(scope
            .acls
            .iter()
            .map(|(principal, p)| json!({ "principal": principal, "permission": p.as_str() }))
            .collect())
    })?;
    Ok(json_ok(list_body("items", items)))
}
