//! `secrets/acls/put`, `secrets/acls/delete`, `secrets/acls/get`, `secrets/acls/list`.
//!
//! Principals are not checked against the workspace's users and groups yet (groups cannot be
//! created until SCIM lands); any non-empty name is accepted.

use serde_json::{Value, json};

use super::AclPermission;
use crate::error::{ApiError, ApiResult, json_ok, list_body};
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
            return Err(no_acl(&principal, &scope.name));
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
            .ok_or_else(|| no_acl(&principal, &scope.name))
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
